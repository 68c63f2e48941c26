"""The Arabic text layer: normalization with an offset map, tokens, sentences, proclitics.

Everything here is a pure function of a string.  Offsets are always indices into the
original string; normalization keeps a map back to it.

Normalization for *matching* (never for display) follows camel-tools'
``camel_tools.utils.normalize`` (alef forms to bare alef, alef maksura to yeh, teh
marbuta to heh) and its dediacritization, plus: tatweel, bidi controls and zero-width
marks removed, Arabic-Indic and Persian digits to ASCII, Persian kaf/yeh to Arabic,
Latin lower-cased.  It is implemented with ``str.translate`` so that the hot path does
not pay for camel-tools' import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import accumulate
from typing import Iterable, Iterator

# --- character classes ---------------------------------------------------------------

#: Arabic harakat, tanwin, shadda, sukun, dagger alef and Quranic marks.
DIACRITICS = "".join(chr(c) for c in list(range(0x064B, 0x0660)) + [0x0670] + list(range(0x06D6, 0x06EE)))
TATWEEL = "\u0640"
#: Bidi controls and zero-width characters; invisible, but they break matching.
INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\u00ad"
_DELETE = DIACRITICS + TATWEEL + INVISIBLE
_MARKS = frozenset(DIACRITICS + TATWEEL)

_MAP = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ې": "ي", "ۍ": "ي",
    "ة": "ه", "ۀ": "ه", "ہ": "ه", "ھ": "ه",
    "ک": "ك", "ڪ": "ك",
    "ٮ": "ب", "ڡ": "ف", "ٯ": "ق",
}
for _i in range(10):
    _MAP[chr(0x0660 + _i)] = str(_i)  # Arabic-Indic digits
    _MAP[chr(0x06F0 + _i)] = str(_i)  # Extended (Persian) digits

# Latin lower-casing as a one-to-one character table (so that normalizing a whole text and
# slicing it gives the same as normalizing each token).
for _c in range(0x0041, 0x0250):
    _ch = chr(_c)
    if _ch.lower() != _ch and len(_ch.lower()) == 1 and _ch not in _MAP:
        _MAP[_ch] = _ch.lower()

_TABLE = str.maketrans({**{k: v for k, v in _MAP.items()}, **{c: None for c in _DELETE}})
_MAP_ONLY = str.maketrans(_MAP)
_DELETE_ONLY = str.maketrans({c: None for c in _DELETE})
_HAS_DELETABLE = re.compile("[" + re.escape(_DELETE) + "]")


def _list_table(table: dict[int, str | int | None], below: int) -> list[str | None]:
    """A translation table as a list indexed by code point, for the code points it changes below
    ``below``: ``str.translate`` reads a list about twice as fast as a dict, and a character past
    its end is left as it is, as with the dict."""
    out: list[str | None] = [chr(c) for c in range(max(c for c in table if c < below) + 1)]
    for c, v in table.items():
        if c < below:
            out[c] = chr(v) if isinstance(v, int) else v
    return out


#: every character normalization changes is below U+2070 but the zero-width no-break space
#: (U+FEFF), which normalize() deletes apart (a list up to U+FEFF would hold 65,000 strings)
_TABLE_LIST = _list_table(_TABLE, 0x2070)
_MAP_ONLY_LIST = _list_table(_MAP_ONLY, 0x2070)
assert set(_TABLE) - set(range(len(_TABLE_LIST))) == {0xFEFF} and _TABLE[0xFEFF] is None
assert len(_MAP_ONLY_LIST) == max(_MAP_ONLY) + 1


def normalize(s: str) -> str:
    """Normalize a string for matching (length may shrink; use :func:`normalize_map` for offsets).

    >>> normalize("إسرائيلَ") == normalize("اسرائيل")
    True
    """
    r = s.translate(_TABLE_LIST)
    return r.replace("\ufeff", "") if "\ufeff" in r else r


class Normalized:
    """A normalized string that remembers where each of its characters came from."""

    __slots__ = ("original", "text", "_map")

    def __init__(self, original: str, text: str, index_map: list[int] | None):
        self.original = original
        self.text = text
        self._map = index_map  # None: identity (no character was deleted)

    def orig(self, i: int) -> int:
        """Original index of normalized index ``i`` (``len(text)`` maps to ``len(original)``)."""
        if self._map is None:
            return i
        if i >= len(self.text):
            return len(self.original)
        return self._map[i]

    def orig_span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` of the normalized range ``[start, end)``."""
        if self._map is None:
            return start, end
        if end <= start:
            o = self.orig(start)
            return o, o
        e = self._map[end - 1] + 1
        # a name's trailing diacritics and tatweel belong to it
        while e < len(self.original) and self.original[e] in _MARKS:
            e += 1
        return self._map[start], e


def normalize_map(s: str) -> Normalized:
    """Normalize ``s`` and keep a map from normalized back to original indices."""
    if not _HAS_DELETABLE.search(s):
        return Normalized(s, s.translate(_MAP_ONLY_LIST), None)
    out: list[str] = []
    idx: list[int] = []
    for i, ch in enumerate(s):
        if ch in _DELETE:
            continue
        out.append(ch.translate(_MAP_ONLY_LIST))
        idx.append(i)
    return Normalized(s, "".join(out), idx)


# --- tokens ---------------------------------------------------------------------------

#: A word: letters/digits with internal diacritics and tatweel (and invisible marks between
#: letters), with a decimal tail (2.5, 1,000); or one visible punctuation/symbol character.
#: Invisible marks (U+200E...) at a word's edges are never part of a token.
_MARKS_RE = re.escape(DIACRITICS + TATWEEL)
_INVIS_RE = re.escape(INVISIBLE)
#: (Possessive quantifiers: each repeated part is followed only by characters it cannot take, so
#: giving characters back never finds another match; the plain reading is
#: ``\w[\w marks]*(?:[invisible]+\w[\w marks]*)*(?:[.,٫٬]\d+)*|[^\s invisible]``.)
_TOKEN_RE = re.compile(
    rf"\w[\w{_MARKS_RE}]*+(?:[{_INVIS_RE}]++\w[\w{_MARKS_RE}]*+)*+(?:[.,٫٬]\d++)*+|[^\s{_INVIS_RE}]"
)
#: The same tokens as the pieces of ``re.split`` (one group around the whole pattern): text
#: between tokens, token, text between tokens, ... (the token pattern has no group of its own).
_TOKEN_SPLIT_RE = re.compile(f"({_TOKEN_RE.pattern})")
assert _TOKEN_RE.groups == 0 and _TOKEN_SPLIT_RE.groups == 1
#: normalized form of a token's text (bounded; a pure function of the text)
_NORM_CACHE: dict[str, str] = {}
_NORM_CACHE_MAX = 200_000


def cached_values(cache: dict, keys: list, compute, limit: int) -> list:
    """``[cache[k] for k in keys]``, computing (and caching) the values of keys not seen
    before with ``compute``: one dict look-up per key when all are cached (the usual case
    once common words have been seen).  The cache is emptied when it would grow past
    ``limit``.  ``compute`` never returns None."""
    vals = list(map(cache.get, keys))  # None: a key not seen before
    if None in vals:
        if len(cache) + len(keys) > limit:
            cache.clear()
        for i, v in enumerate(vals):
            if v is None:
                k = keys[i]
                v = cache.get(k)  # (a new key may come twice)
                if v is None:
                    v = cache[k] = compute(k)
                vals[i] = v
    return vals


@dataclass(slots=True)
class Token:
    """A token: ``text[start:end]`` of the original string and its normalized form."""

    text: str
    start: int
    end: int
    norm: str

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalnum() or (len(self.text) > 1)


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Split ``text[start:end]`` into tokens; offsets are into ``text``.

    Words (with their proclitics attached, as written) and single punctuation marks.
    Invisible marks (U+200E etc.) are never part of a token's span.  One ``re.split`` gives
    the tokens and the text between them, whose running lengths are the offsets; a token's
    normalized form is :func:`normalize` of its text (looked up in a per-word cache).
    """
    end = len(text) if end is None else end
    parts = _TOKEN_SPLIT_RE.split(text[start:end] if start or end != len(text) else text)
    offs = list(accumulate(map(len, parts), initial=start))
    words = parts[1::2]
    norms = cached_values(_NORM_CACHE, words, normalize, _NORM_CACHE_MAX)
    return list(map(Token, words, offs[1::2], offs[2::2], norms))


# --- proclitics -----------------------------------------------------------------------

#: Proclitic sequences that attach to a noun, longest first.  ``لل`` stands for ``ل`` +
#: ``ال`` (``للولايات`` = ``ل`` + ``الولايات``).
PROCLITICS = (
    "وبال", "فبال", "وكال", "فكال", "وال", "فال", "بال", "كال", "ولل", "فلل",
    "لل", "ال", "وب", "فب", "ول", "فل", "وك", "فك", "و", "ف", "ب", "ل", "ك",
)


#: PROCLITICS by first letter (in the same longest-first order): most words try none or few.
_PROCLITICS_BY_FIRST: dict[str, tuple[str, ...]] = {
    c: tuple(p for p in PROCLITICS if p[0] == c) for c in {p[0] for p in PROCLITICS}}
#: Each proclitic -> how its stem is read: 2 ends in ``لل`` (ل + ال), 1 ends in ``ال``, 0 plain.
#: At most one proclitic of each length starts a word, so trying the word's first 4, 3, 2 and 1
#: letters (longest first) visits the matching proclitics in PROCLITICS order.
_PROCLITIC_KIND: dict[str, int] = {p: (2 if p.endswith("لل") else 1 if p.endswith("ال") else 0) for p in PROCLITICS}
_PROCLITIC_LENGTHS = tuple(sorted({len(p) for p in PROCLITICS}, reverse=True))
_SPLIT_CACHE: dict[str, tuple[tuple[int, str], ...]] = {}
_SPLIT_CACHE_MAX = 200_000


def proclitic_splits(norm_word: str, min_stem: int = 2) -> Iterator[tuple[int, str]]:
    """Yield ``(prefix_length, stem)`` readings of a normalized word, the bare word first.

    For a prefix ending in the article (``وال``, ``بال``...), both the stem with ``ال`` and
    without it are yielded; for ``لل`` the stem gets its article back
    (``للولايات`` -> ``الولايات``, prefix length 1).

    >>> list(proclitic_splits("وروسيا"))[:2]
    [(0, 'وروسيا'), (1, 'روسيا')]
    """
    return iter(proclitic_split_tuple(norm_word, min_stem))


def proclitic_split_tuple(norm_word: str, min_stem: int = 2) -> tuple[tuple[int, str], ...]:
    """:func:`proclitic_splits` as a tuple (no generator), cached per word (the cache is bounded;
    the result is a pure function of the word)."""
    if min_stem == 2:
        r = _SPLIT_CACHE.get(norm_word)
        if r is None:
            if len(_SPLIT_CACHE) > _SPLIT_CACHE_MAX:
                _SPLIT_CACHE.clear()
            r = _SPLIT_CACHE[norm_word] = _proclitic_split_tuple(norm_word, 2)
        return r
    return _proclitic_split_tuple(norm_word, min_stem)


def _proclitic_split_tuple(norm_word: str, min_stem: int) -> tuple[tuple[int, str], ...]:
    if norm_word[:1] not in _PROCLITICS_BY_FIRST:
        return ((0, norm_word),)
    out = [(0, norm_word)]
    seen = {norm_word}
    n = len(norm_word)
    kinds = _PROCLITIC_KIND
    for lp in _PROCLITIC_LENGTHS:
        if n - lp < min_stem:
            continue
        kind = kinds.get(norm_word[:lp])
        if kind is None:
            continue
        rest = norm_word[lp:]
        if kind == 2:
            pairs = ((lp - 1, "ال" + rest), (lp, rest))  # ل + ال
        elif kind == 1:
            pairs = ((lp - 2, "ال" + rest), (lp, rest))  # keep the article with the stem
        else:
            pairs = ((lp, rest),)
        for plen, stem in pairs:
            if stem not in seen:
                seen.add(stem)
                out.append((plen, stem))
    return tuple(out)


# --- sentences ------------------------------------------------------------------------

_SENT_END = re.compile(
    r"""(?:[.!?؟…]+["'»”)\]]*)(?=\s)   # end punctuation (and closing quotes) before a space
      | (?<=[\u0621-\u064A]{3})\.(?=[\u0621-\u064A]{3})  # "التدخل.وقال": a missing space after a period
      | \n\s*                        # a line break is always a boundary in news text
    """,
    re.VERBOSE,
)
# Abbreviations that end with a period but do not end a sentence: initials (أ. د., "ش. ت.")
_ABBREV = re.compile(r"(?:^|[^\w])(?:[\u0621-\u064A]|[A-Za-z]|ق\.م|Dr|Mr|Mrs|St|No)\.$")


#: Every boundary match starts with one of these characters (the lookbehind of the missing-space
#: case looks before it): the boundary pattern is tried only there.
_SENT_END_FIRST = re.compile(r"[.!?؟…\n]")


def split_sentences(text: str, ranges: Iterable[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """Sentence ranges of ``text`` within ``ranges`` (default: the whole text).

    Boundaries: ``. ! ? ؟ …`` (with closing quotes) followed by white space, and line
    breaks.  Quoted speech spanning a period stays split at the period, as news wires do.
    Returned ranges are trimmed of surrounding white space and never empty.
    """
    ranges = [(0, len(text))] if ranges is None else ranges
    out: list[tuple[int, int]] = []
    match = _SENT_END.match
    for rs, re_ in ranges:
        pos = rs
        nxt = rs  # where the next boundary may start (after the last one), as finditer goes on
        for c in _SENT_END_FIRST.finditer(text, rs, re_):
            p = c.start()
            if p < nxt:
                continue
            m = match(text, p, re_)
            if m is None:
                continue
            cut = nxt = m.end()
            if text[p] != "\n" and _ABBREV.search(text, max(rs, p - 6), p + 1):
                continue
            _append_trimmed(text, pos, cut, out)
            pos = cut
        _append_trimmed(text, pos, re_, out)
    return out


def _append_trimmed(text: str, s: int, e: int, out: list[tuple[int, int]]) -> None:
    seg = text[s:e]
    if not seg.strip():
        return
    out.append((s + len(seg) - len(seg.lstrip()), e - (len(seg) - len(seg.rstrip()))))


__all__ = [
    "DIACRITICS",
    "TATWEEL",
    "INVISIBLE",
    "normalize",
    "normalize_map",
    "Normalized",
    "Token",
    "tokenize",
    "PROCLITICS",
    "proclitic_splits",
    "proclitic_split_tuple",
    "split_sentences",
]
