"""Screening SPARQL text before Oxigraph parses it: bracket nesting, SERVICE, FROM.

All three look at the query with its string literals, IRIs and comments blanked out (they
may contain brackets or the words SERVICE and FROM without being syntax).  :func:`screen`
blanks them once and answers everything a caller needs; the single-purpose functions
(``nesting_depth``, ``check_nesting``, ``uses_service``, ``uses_from``) remain for tests
and callers that need only one answer.

The blanked text of the last few queries is kept, so a query screened by a caller and
then handed to :meth:`kg.rdf.store.Store.query` (which looks for FROM) is scanned once.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..errors import QueryError

#: Deeper bracket nesting than this is refused before parsing: Oxigraph's recursive parser
#: overflows the stack (and kills the process) somewhere between 2,000 and 5,000 levels.
MAX_NESTING = 500
TOO_DEEP = f"Malformed query: brackets nested more than {MAX_NESTING} levels deep."
SERVICE_REFUSED = ("Federated queries (SERVICE) are refused: kg answers from its own store "
                   "and makes no network requests.")

# strings, IRIs and comments, which may contain the word SERVICE without it being the keyword
_NOT_KEYWORDS = re.compile("|".join((
    r'"""(?:[^"\\]|\\.|"(?!""))*"""',           # long strings
    r"'''(?:[^'\\]|\\.|'(?!''))*'''",
    r'"(?:[^"\\\n\r]|\\.)*"',                   # short strings
    r"'(?:[^'\\\n\r]|\\.)*'",
    r'<[^<>"{}|^`\\\x00-\x20]*>',               # IRIs
    r"#[^\n\r]*",                                # comments
)), re.S)
_SERVICE = re.compile(r"(?<![\w:?$])service(?![\w:])", re.I)
_FROM = re.compile(r"(?<![\w:?$])from(?![\w:])", re.I)


class ScreenError(QueryError):
    """A query refused before parsing; ``status`` is the HTTP status an endpoint answers with."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


@lru_cache(maxsize=4)
def _keywords(sparql: str) -> str:
    """``sparql`` with strings, IRIs and comments replaced by a space each."""
    return _NOT_KEYWORDS.sub(" ", sparql)


def _depth(text: str) -> int:
    depth = deepest = 0
    for ch in text:
        if ch in "([{":
            depth += 1
            if depth > deepest:
                deepest = depth
        elif ch in ")]}":
            depth = max(0, depth - 1)
    return deepest


def screen(sparql: str, *, allow_service: bool) -> bool:
    """Refuse what must not reach the parser; return whether the query names its dataset.

    Raises :class:`ScreenError` (a QueryError) with status 400 when brackets nest deeper
    than MAX_NESTING, and with status 403 for a ``SERVICE`` clause unless
    ``allow_service``.  Returns True when the query has ``FROM``/``FROM NAMED``.
    """
    text = _keywords(sparql)
    if _depth(text) > MAX_NESTING:
        raise ScreenError(TOO_DEEP, 400)
    if not allow_service and _SERVICE.search(text):
        raise ScreenError(SERVICE_REFUSED, 403)
    return bool(_FROM.search(text))


def uses_from(sparql: str) -> bool:
    """True when the query has a dataset clause (``FROM`` or ``FROM NAMED``)."""
    return bool(_FROM.search(_keywords(sparql)))


def nesting_depth(sparql: str) -> int:
    """The deepest nesting of (), [] and {} outside strings, IRIs and comments."""
    return _depth(_keywords(sparql))


def check_nesting(sparql: str) -> None:
    """QueryError for a query nested too deeply to parse safely (see MAX_NESTING)."""
    if nesting_depth(sparql) > MAX_NESTING:
        raise ScreenError(TOO_DEEP, 400)


def uses_service(sparql: str) -> bool:
    """True when the query has a ``SERVICE`` clause (a federated query over the network).

    The word is looked for outside string literals, IRIs and comments, and not as part of a
    variable or prefixed name (``?service``, ``ex:service``, ``service:x`` are fine).  An
    unterminated string makes the rest of the text count, so a malformed query errs on the
    side of refusal.
    """
    return bool(_SERVICE.search(_keywords(sparql)))


# -- parser messages -------------------------------------------------------------------------
_POSITION = re.compile(r"error at (\d+):(\d+): ")
# a character class of the parser's grammar, e.g. ['A' ..= 'Z' | 'a' ..= 'z' | '\u{00C0}'..='\u{00D6}' ...]
_CHAR_CLASS = re.compile(r"\[(?:'(?:[^'\\]|\\.)*'|[^\]'])*\]", re.S)
_PREFIXED = re.compile(r"([^\W\d_][\w.\-]*)?:[\w.\-%]*$")
# one item of an "expected one of ..." list: a quoted token, a character class or a word
_ITEM = re.compile(r'"(?:[^"\\]|\\.)*"|' + _CHAR_CLASS.pattern + r"|[^,\s][^,]*")


def _char_class_word(cls: str) -> str:
    """A short name for one of the parser's character classes (empty: drop it)."""
    if "'A' ..= 'Z'" in cls or "'a' ..= 'z'" in cls:
        return "a name"
    if "'0'" in cls and "'9'" in cls:
        return "a digit"
    if cls in ("[_]", "['_']", "['%']", "['.']", "['-']", "[':']", "['\\\\']"):
        return ""  # 'anything' and single name characters: noise for a reader
    return cls


def explain_syntax_error(message: str, sparql: str, prefixes=None) -> str:
    """Oxigraph's syntax error made readable: the grammar's character classes (hundreds of
    ``'\\u{00C0}'..='\\u{00D6}'`` ranges) become ``a name`` / ``a digit``, an undeclared
    prefix is named with the prefixes that are predeclared, and the text at the error
    position is quoted.  Other messages pass through unchanged."""
    m = _POSITION.search(message)
    if not m:
        return message
    line, col = int(m.group(1)), int(m.group(2))
    lines = sparql.splitlines() or [""]
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    where = f"line {line}, column {col}"
    if "Prefix not found" in message:
        pm = _PREFIXED.search(text[: max(col - 1, 0)].rstrip())
        name = (pm.group(1) or "") if pm else None
        known = ", ".join(sorted(prefixes)) if prefixes else ""
        what = f"unknown prefix {name + ':'!r}" if name is not None else "unknown prefix"
        hint = f" (predeclared: {known}); declare it with PREFIX {name or 'ex'}: <...>" if known else \
            f"; declare it with PREFIX {name or 'ex'}: <...>"
        return f"error at {where}: {what}{hint}"
    rest = message[m.end():]
    expected = "; " + rest if rest else ""
    for head in ("expected one of ", "expected "):
        if rest.startswith(head):
            words: list[str] = []
            for item in _ITEM.finditer(rest[len(head):]):
                tok = item.group(0).strip()
                tok = _char_class_word(tok) if tok.startswith("[") else tok
                if tok and tok not in words:
                    words.append(tok)
            expected = ("; expected " + (words[0] if len(words) == 1 else "one of " + ", ".join(words))) \
                if words else "; the query is not valid SPARQL from there"
            break
    near = text[max(col - 1, 0):][:40].strip()
    near_s = f" near {near!r}" if near else " at the end of the line" if col > len(text) else ""
    return f"error at {where}{near_s}{expected}"


_STORE_SYNTAX = "malformed SPARQL query: "


def explained(exc: QueryError, sparql: str) -> QueryError:
    """The QueryError of :meth:`kg.rdf.store.Store.query` for a syntax error, with its
    parser message made readable (:func:`explain_syntax_error`); other errors unchanged."""
    msg = str(exc)
    if not msg.startswith(_STORE_SYNTAX):
        return exc
    from ..rdf.vocab import PREFIXES

    return QueryError(_STORE_SYNTAX + explain_syntax_error(msg[len(_STORE_SYNTAX):], sparql, PREFIXES))
