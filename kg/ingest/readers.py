"""Reading inputs into :class:`kg.model.Document` objects, streaming.

:func:`read_paths` takes files, directories and ``-`` (stdin) and yields documents in input
order.  Formats, by extension (a file named explicitly with another extension is sniffed):

- ``.txt`` / ``.text``: a news page in plain text, one paragraph a line.  It is decoded
  (UTF-8, a UTF-8/16/32 BOM, or the encoding charset-normalizer detects, e.g. cp1256),
  the BOM is dropped, line ends are kept as they are (``\\r\\n`` stays), and the page is
  segmented (:mod:`kg.ingest.segment`): the main article, "read also" articles as
  further documents, related headlines, source and tags.  ``Document.text`` is the
  decoded file, so offsets index it exactly.  A UTF-8 file with a few stray bytes
  (under 1% of its non-ASCII characters) is read with them replaced by U+FFFD and a
  warning naming the line; a file whose encoding cannot be told is an error.
- **Large text files** (over ``WHOLE_LIMIT`` = 4 MiB; no news page is that long) are
  corpora, not pages: they are streamed in 1 MiB blocks and cut into documents at blank
  lines, each at most ``max_doc_chars`` characters (a paragraph longer than that is cut
  at a line break, else at a space).  Each chunk is a document whose ``text`` is exactly
  that slice of the file (the chunks concatenate to the file), with
  ``meta["chunk"]``, ``meta["char_offset"]`` (of its first character in the decoded file)
  and ``meta["line"]``.  Chunks are not page-segmented.  Memory stays bounded by the
  block and chunk sizes whatever the file size.
- ``.html`` / ``.htm``: the main text and metadata (title, date, publisher, url) from
  trafilatura (imported lazily); scripts, navigation and comments are dropped.
  ``Document.text`` is the extracted main text (offsets point into it); ``Document.path``
  keeps the HTML file's path.  A page without article text is an error.
- ``.jsonl`` / ``.ndjson``: one JSON object a line with ``text`` and optional ``id``,
  ``title``, ``date``, ``source``, ``url``; other keys go to ``Document.meta``.  A corrupt
  line is an error naming the file and line; the other records are still read.
- directories: recursively, in sorted order of relative path; hidden files and folders
  (``.name``) are skipped silently, files with other extensions with a warning.
- ``-``: standard input; JSON Lines when its first line is a JSON object, HTML when it
  starts like a page, text otherwise (``stdin_format`` forces one).

Metadata: a record's or page's own values win; the ``date``/``source``/``url`` arguments
fill what a page document lacks (they are not given to "read also" articles, which are
other articles).  Ids: an explicit id (JSONL ``id``) is kept; otherwise
:func:`stable_id` derives one from the body text, so the same article read twice, from
any file name, gets the same id.

Errors are :class:`IngestError` (a :class:`kg.errors.InputError`) whose message starts
with ``file:line:``.  With ``strict`` the first one is raised; otherwise each goes to
``on_error`` (default: logged) and reading goes on with the next record or file.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import itertools
import json
import logging
import os
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any, BinaryIO, Callable, Iterable, Iterator

from ..errors import ConfigError, InputError
from ..model import Document
from ..nlp.text import INVISIBLE
from .dates import parse_date

log = logging.getLogger("kg.ingest")

TEXT_EXTS = (".txt", ".text")
HTML_EXTS = (".html", ".htm", ".xhtml", ".shtml")
JSONL_EXTS = (".jsonl", ".ndjson")
KNOWN_EXTS = TEXT_EXTS + HTML_EXTS + JSONL_EXTS

#: Text inputs up to this size are read whole and page-segmented; larger ones are streamed.
WHOLE_LIMIT = 4 * 1024 * 1024
#: Block size of streamed reading.
BLOCK = 1024 * 1024
#: Largest document cut from a streamed text file, in characters.
MAX_DOC_CHARS = 100_000
#: An HTML page whose extracted body has fewer words has no article.
MIN_HTML_WORDS = 12
#: Largest HTML page accepted.
HTML_LIMIT = 32 * 1024 * 1024

STDIN_FORMATS = ("auto", "text", "jsonl", "html")


class IngestError(InputError):
    """An input (file, line or record) that cannot be read; ``str()`` is ``file:line: reason``."""

    def __init__(self, reason: str, path: str | None = None, line: int | None = None):
        self.reason = reason
        self.path = path
        self.line = line
        loc = path or ""
        if path and line:
            loc = f"{path}:{line}"
        super().__init__(f"{loc}: {reason}" if loc else reason)


# --- ids ----------------------------------------------------------------------------------

_INVISIBLE_RE = re.compile("[" + re.escape(INVISIBLE) + "]")


def stable_id(text: str, ranges: Iterable[tuple[int, int]] | None = None) -> str:
    """``doc-`` + 16 hex digits of the SHA-256 of the normalized body text.

    The body is ``text`` within ``ranges`` (default: all of it), NFC-normalized, without
    invisible marks, with white space runs (line ends included) collapsed: the same article
    gets the same id whatever its file name, line ends or BOM.
    """
    parts = [text[s:e] for s, e in ranges] if ranges else [text]
    body = " ".join(" ".join(_INVISIBLE_RE.sub("", unicodedata.normalize("NFC", p)).split()) for p in parts)
    return "doc-" + hashlib.sha256(body.strip().encode("utf-8")).hexdigest()[:16]


# --- decoding -----------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL_OK = set("\t\n\r\f\v\x1b")


def _bom_encoding(head: bytes) -> str | None:
    for bom, enc in _BOMS:
        if head.startswith(bom):
            return enc
    return None


def _utf16_without_bom(head: bytes) -> str | None:
    """``utf-16-le``/``-be`` when NUL bytes sit at every other position, as in BOM-less UTF-16."""
    n = len(head) - len(head) % 2
    if n < 4:
        return None
    even, odd = head[0:n:2].count(0), head[1:n:2].count(0)
    # UTF-16 text has its NULs (high bytes of ASCII spaces, digits, line ends) on one side only
    cand = "utf-16-le" if odd and even <= odd // 50 else "utf-16-be" if even and odd <= even // 50 else None
    if cand:
        try:
            text = codecs.getincrementaldecoder(cand)().decode(head[:n], final=False)
        except UnicodeDecodeError:
            return None
        if not text or sum(1 for ch in text if ch.isprintable() or ch in _CONTROL_OK) / len(text) < 0.98:
            return None
    return cand


def detect_encoding(head: bytes, name: str) -> str:
    """The encoding of a text whose first bytes are ``head``; raises :class:`IngestError`.

    BOM first; NUL bytes mean UTF-16 without BOM or a binary file; then UTF-8; then
    charset-normalizer's best guess.
    """
    enc = _bom_encoding(head)
    if enc:
        return enc
    if b"\x00" in head:
        enc = _utf16_without_bom(head)
        if enc:
            return enc
        raise IngestError("binary file (it contains NUL bytes), not text", name)
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(head):  # a UTF-8 file with a stray byte: read it as UTF-8 (and say so)
        return "utf-8"
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a declared dependency
        raise IngestError("not UTF-8, and charset-normalizer is not installed to detect the encoding", name)
    matches = list(from_bytes(head))
    if not matches:
        raise IngestError("cannot detect the text encoding (not UTF-8, and no other encoding fits); "
                          "convert the file to UTF-8", name)
    # Short texts fit several single-byte code pages equally well (cp1255 and cp1256 read
    # the same bytes as Hebrew or Arabic).  Among the equally good guesses, prefer the one
    # that reads as the most Arabic: this is an Arabic news reader.
    best = matches[0]
    ties = [m for m in matches if m.chaos <= best.chaos + 1e-9]
    return max(ties, key=lambda m: _arabic_share(str(m))).encoding  # max keeps the first on ties


_NON_ASCII = re.compile(r"[^\x00-\x7f\ufffd]")


def _bad_utf8(text: str, data: bytes) -> int:
    """Invalid byte sequences replaced by U+FFFD when ``data`` was decoded into ``text``."""
    return text.count("\ufffd") - data.count(b"\xef\xbf\xbd")


def _mostly_utf8(head: bytes) -> bool:
    """UTF-8 with a few invalid bytes (under 1% of its non-ASCII characters), not another encoding."""
    text = head.decode("utf-8", errors="replace")
    good = len(_NON_ASCII.findall(text))
    return good >= 20 and _bad_utf8(text, head) <= max(2, good // 100)


def _arabic_share(text: str) -> float:
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for ch in letters if "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f") / len(letters)


def _check_text(text: str, name: str) -> None:
    """Reject decoded text that is mostly control characters (a binary file without NULs)."""
    sample = text[:65536]
    bad = sum(1 for ch in sample if ch < " " and ch not in _CONTROL_OK)
    if sample and bad / len(sample) > 0.01:
        raise IngestError("binary file (control characters), not text", name)


def _line_of(data: bytes, pos: int) -> int:
    return data.count(b"\n", 0, pos) + 1


def decode_bytes(data: bytes, name: str, on_warning: Callable[[str], None] | None = None) -> tuple[str, str]:
    """``(text, encoding)`` of a whole file's bytes; a BOM is dropped, line ends kept.

    A UTF-8 file with a few invalid bytes (under 1% of its non-ASCII characters) is read
    with those bytes replaced by U+FFFD, and ``on_warning`` says where; more is an error.
    """
    if not data:
        raise IngestError("empty file", name)
    enc = detect_encoding(data[:262144], name)
    try:
        text = codecs.decode(data, enc)
    except UnicodeDecodeError as exc:
        line = _line_of(data, exc.start)
        if enc != "utf-8":
            raise IngestError(f"not valid {enc} text (byte {exc.start})", name, line) from None
        text = data.decode("utf-8", errors="replace")
        bad = _bad_utf8(text, data)
        if bad > max(2, len(_NON_ASCII.findall(text)) // 100):
            raise IngestError(f"not valid UTF-8 text: {bad} invalid byte sequences, the first at byte {exc.start} "
                              "(mixed encodings?); convert the file to UTF-8", name, line) from None
        if on_warning:
            on_warning(f"{name}:{line}: {bad} invalid UTF-8 byte sequence(s) replaced by U+FFFD")
    except LookupError:  # pragma: no cover - charset-normalizer names codecs Python knows
        raise IngestError(f"unknown encoding {enc!r}", name) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    _check_text(text, name)
    if not text.strip():
        raise IngestError("empty file (only white space)", name)
    _say_guessed(enc, name, on_warning)
    return text, enc


def _say_guessed(enc: str, name: str, on_warning: Callable[[str], None] | None) -> None:
    """A guessed single-byte code page can be wrong (a Latin-1 file fits cp720 too): say so."""
    if on_warning and not enc.lower().replace("_", "-").startswith("utf"):
        on_warning(f"{name}: not UTF-8; read as {enc} (detected); convert the file to UTF-8 if the text is wrong")


# --- building documents ---------------------------------------------------------------------


def documents_from_text(
    text: str,
    *,
    path: str | None = None,
    id: str | None = None,
    title: str | None = None,
    date: str | None = None,
    source: str | None = None,
    url: str | None = None,
    meta: dict[str, Any] | None = None,
    segment: bool = True,
) -> list[Document]:
    """The documents of one page text: the main article, then "read also" articles.

    ``id``/``title``/``date``/``source``/``url`` are the page's own metadata (a JSONL
    record's, an HTML page's); what is missing is filled from the page (title line,
    dateline, source line).  ``date`` may be in any form :func:`parse_date` reads
    (``ConfigError`` otherwise).  Raises :class:`IngestError` when no article text is left.
    """
    meta = dict(meta or {})
    if date:
        iso = parse_date(date)
        if not iso:
            raise ConfigError(f"cannot read the date {date!r}; use e.g. 2023-08-16 or 16/08/2023")
        date = iso
    if not segment:
        if not text.strip():
            raise IngestError("no text", path)
        return [Document(id=id or stable_id(text), text=text, title=title, date=date, source=source,
                         url=url, path=path, meta=meta)]
    from .segment import segment_page

    page = segment_page(text, title=title)
    m = page.main
    docs: list[Document] = []
    if m.body:
        body = [] if m.body == [(0, len(text))] else list(m.body)
        dmeta = dict(meta)
        if m.keywords_raw:
            dmeta["keywords_raw"] = " | ".join(m.keywords_raw)
        if len(m.sources) > 1:
            dmeta["sources"] = list(m.sources)
        if source and m.source and m.source != source:  # e.g. the site publishes an agency's story
            dmeta["source_line"] = m.source
        if m.authors and "author" not in dmeta:
            dmeta["author"] = ", ".join(m.authors)
        if page.headline_spans:
            dmeta["headline_spans"] = [list(s) for s in page.headline_spans]
        if page.children:
            dmeta["segmented"] = True
        docs.append(Document(
            id=id or stable_id(text, m.body),
            text=text,
            title=m.title or title,
            date=date or m.date,
            source=source or m.source,
            url=url,
            body=body,
            title_span=m.title_span,
            keywords=list(m.keywords),
            headlines=list(page.headlines),
            path=path,
            meta=dmeta,
        ))
    elif not page.children:
        raise IngestError("no article text (only page furniture: headlines, source, tags, links)", path)
    parent = docs[0].id if docs else None
    for c in page.children:
        cmeta: dict[str, Any] = {"role": "read_also"}
        if c.keywords_raw:
            cmeta["keywords_raw"] = " | ".join(c.keywords_raw)
        docs.append(Document(
            id=stable_id(text, c.body),
            text=text,
            title=c.title,
            source=c.source,
            body=list(c.body),
            title_span=c.title_span,
            keywords=list(c.keywords),
            parent=parent,
            path=path,
            meta=cmeta,
        ))
    if parent is None and docs:  # no main article: the page's headlines go with the first one
        docs[0].headlines = list(page.headlines)
    return docs


# --- per-format readers: each yields Documents and IngestErrors ------------------------------

Item = Document | IngestError


def _read_text_stream(f: BinaryIO, name: str, *, max_doc_chars: int, segment: bool,
                      size: int | None = None, on_warning: Callable[[str], None] | None = None) -> Iterator[Item]:
    """A text input: read whole and page-segmented when small, else streamed in chunks."""
    if size is not None and size > WHOLE_LIMIT:
        first = b""
    else:  # small file, or a stream (stdin) whose size is unknown: read up to the limit
        first = f.read() if size is not None else _read_upto(f, WHOLE_LIMIT + 1)
        if len(first) <= WHOLE_LIMIT:
            try:
                text, enc = decode_bytes(first, name, on_warning)
                meta = {} if enc in ("utf-8", "utf-8-sig") else {"encoding": enc}
                yield from documents_from_text(text, path=name, meta=meta, segment=segment)
            except IngestError as exc:
                yield exc
            return
    rest = iter(lambda: f.read(BLOCK), b"")
    yield from _stream_chunks(itertools.chain([first], rest) if first else rest, name, max_doc_chars, on_warning)


def _read_upto(f: BinaryIO, n: int) -> bytes:
    parts, got = [], 0
    while got < n:
        b = f.read(min(BLOCK, n - got))
        if not b:
            break
        parts.append(b)
        got += len(b)
    return b"".join(parts)


_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")


def _cut(buf: str, pos: int, limit: int) -> int:
    """Where to end a chunk starting at ``pos`` of at most ``limit`` characters."""
    end = pos + limit
    lo = pos + limit // 2
    last = None
    for m in _BLANK_LINE.finditer(buf, lo, end):
        last = m
    if last is not None:
        return last.end()
    nl = buf.rfind("\n", lo, end)
    if nl >= 0:
        return nl + 1
    sp = max(buf.rfind(" ", lo, end), buf.rfind("\t", lo, end))
    if sp >= 0:
        return sp + 1
    return end


def _stream_chunks(blocks: Iterator[bytes], name: str, max_doc_chars: int,
                   on_warning: Callable[[str], None] | None = None) -> Iterator[Item]:
    """Decode byte blocks incrementally and yield documents of blank-line-separated chunks."""
    first = next(blocks, b"")
    if not first:
        yield IngestError("empty file", name)
        return
    try:
        enc = detect_encoding(first[:262144], name)
    except IngestError as exc:
        yield exc
        return
    _say_guessed(enc, name, on_warning)
    # UTF-8 with stray bytes: replaced and reported (as for small files); other codecs: strict
    dec = codecs.getincrementaldecoder(enc)(errors="replace" if enc == "utf-8" else "strict")
    bad, bad_line = 0, 0
    buf, pos = "", 0
    k, char_off, line = 0, 0, 1
    nbytes = 0
    data: bytes | None = first
    started = False

    def emit(chunk: str) -> Iterator[Item]:
        nonlocal k, char_off, line
        if chunk.strip():
            meta = {"chunk": k, "char_offset": char_off, "line": line}
            if enc not in ("utf-8", "utf-8-sig"):
                meta["encoding"] = enc
            k += 1
            yield Document(id=stable_id(chunk), text=chunk, path=name, meta=meta)
        char_off += len(chunk)
        line += chunk.count("\n")

    while data is not None:
        nxt = next(blocks, None)
        try:
            piece = dec.decode(data, final=nxt is None)
        except UnicodeDecodeError as exc:
            bad_line = line + buf.count("\n", pos) + data.count(b"\n", 0, exc.start)
            yield IngestError(f"not valid {enc} text (byte {nbytes + exc.start}); the text before it was read",
                              name, bad_line)
            return
        nbytes += len(data)
        nbad = _bad_utf8(piece, data) if enc == "utf-8" else 0
        if nbad > 0:
            if not bad:
                bad_line = line + buf.count("\n", pos) + piece.count("\n", 0, piece.find("\ufffd"))
            bad += nbad
        if not started:
            if piece.startswith("\ufeff"):
                piece = piece[1:]
            try:
                _check_text(piece, name)
            except IngestError as exc:
                yield exc
                return
            started = True
        buf = buf[pos:] + piece
        pos = 0
        while len(buf) - pos >= max_doc_chars:
            cut = _cut(buf, pos, max_doc_chars)
            yield from emit(buf[pos:cut])
            pos = cut
        data = nxt
    yield from emit(buf[pos:])
    if bad and on_warning:
        on_warning(f"{name}:{bad_line}: {bad} invalid UTF-8 byte sequence(s) replaced by U+FFFD")
    if k == 0:
        yield IngestError("empty file (only white space)", name)


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)


def _decode_html(data: bytes, name: str) -> str:
    if not data.strip():
        raise IngestError("empty file", name)
    if not _bom_encoding(data[:4]):
        try:  # valid UTF-8 wins over a declared single-byte charset (often wrong on old pages)
            text = data.decode("utf-8")
            _check_text(text, name)
            return text
        except UnicodeDecodeError:
            pass
        m = _META_CHARSET.search(data[:4096])
        if m:
            try:
                text = data.decode(m.group(1).decode("ascii"))
                _check_text(text, name)
                return text
            except (LookupError, UnicodeDecodeError):
                pass
    return decode_bytes(data, name)[0]


def _quiet_loggers() -> None:
    # trafilatura/htmldate/courlan log warnings about odd pages; without a handler they
    # would reach stderr through logging's last resort.  Our errors say what matters.
    for lg in ("trafilatura", "htmldate", "courlan", "justext", "readability"):
        logger = logging.getLogger(lg)
        if not logger.handlers:
            logger.addHandler(logging.NullHandler())
        logger.propagate = False


def html_documents(html: str, name: str, *, url: str | None = None, segment: bool = True) -> list[Document]:
    """The documents of one HTML page (its main text, segmented) via trafilatura."""
    try:
        import trafilatura
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise IngestError(f"cannot read HTML: trafilatura is not importable ({exc})", name) from None
    _quiet_loggers()
    try:
        res = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                          include_tables=True, include_images=False, include_links=False,
                                          favor_precision=True)
    except Exception as exc:  # trafilatura/lxml on hostile markup: report, never crash
        raise IngestError(f"cannot parse the HTML page ({type(exc).__name__}: {exc})", name) from None
    if res is not None and not isinstance(res, dict):
        res = res.as_dict() if hasattr(res, "as_dict") else vars(res)
    text = (res or {}).get("text") or ""
    if not text.strip():
        raise IngestError("no article text found in this HTML page (navigation, scripts or an index page only)", name)
    title = _s((res or {}).get("title"))
    meta: dict[str, Any] = {"format": "html"}
    for k in ("author", "description", "hostname", "sitename", "language"):
        v = _s(res.get(k))
        if v:
            meta[k] = v
    raw_date = _s(res.get("date"))
    date = parse_date(raw_date) if raw_date else None
    if raw_date and not date:
        meta["date_raw"] = raw_date
    docs = documents_from_text(text, path=name, title=title, date=date, source=_s(res.get("sitename")),
                               url=_s(res.get("url")) or url, meta=meta, segment=segment)
    words = sum(len(d.text[s:e].split()) for d in docs for s, e in d.body_ranges())
    if words < MIN_HTML_WORDS:
        raise IngestError(f"no article text found in this HTML page (only {words} words of "
                          "navigation-like text)", name)
    tags = [t for t in (res.get("tags") or []) + (res.get("categories") or []) if isinstance(t, str) and t.strip()]
    if tags and docs and not docs[0].keywords:
        docs[0].keywords = list(dict.fromkeys(t.strip() for t in tags))
    lang = _s(res.get("language"))
    if lang and docs:
        for d in docs:
            d.language = lang.split("-")[0].lower()
    return docs


def _s(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, (list, tuple)):
        v = ", ".join(str(x) for x in v if x)
    v = str(v).strip()
    return v or None


def _read_html(f: BinaryIO, name: str, *, url: str | None, segment: bool) -> Iterator[Item]:
    data = _read_upto(f, HTML_LIMIT + 1)
    if len(data) > HTML_LIMIT:
        yield IngestError(f"HTML page larger than {HTML_LIMIT // (1024 * 1024)} MiB; not a news page", name)
        return
    try:
        yield from html_documents(_decode_html(data, name), name, url=url, segment=segment)
    except IngestError as exc:
        yield exc


_RECORD_FIELDS = ("id", "text", "title", "date", "source", "url")


def _jsonl_units(lines: Iterable[bytes], name: str) -> Iterator["Unit | IngestError"]:
    """The records of a JSON Lines input as raw line units (cheap: no decoding, no JSON
    parsing); the file-level checks (BOM, binary file, no record at all) are made here."""
    seen_any = False
    for lineno, raw in enumerate(lines, 1):
        if lineno == 1:
            if raw.startswith(codecs.BOM_UTF8):
                raw = raw[3:]
            if b"\x00" in raw[:8192]:
                yield IngestError("binary file (it contains NUL bytes), not JSON Lines", name)
                return
        if not raw.strip():
            continue
        seen_any = True
        yield ("jsonl", name, lineno, raw)
    if not seen_any:
        yield IngestError("empty file (no JSON records)", name)


def jsonl_line_documents(raw: bytes, name: str, lineno: int, *, segment: bool = True,
                         on_warning: Callable[[str], None] | None = None) -> list[Item]:
    """The documents of one JSON Lines record (``raw``: the line's bytes), or the
    :class:`IngestError` that says why it cannot be read (as a one-item list)."""
    try:
        s = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return [IngestError(f"not valid UTF-8 (byte {exc.start} of the line); JSON Lines must be UTF-8", name, lineno)]
    try:
        obj = json.loads(s)
    except json.JSONDecodeError as exc:
        return [IngestError(f"invalid JSON: {exc.msg} (column {exc.colno})", name, lineno)]
    except RecursionError:
        return [IngestError("invalid JSON: nested too deeply", name, lineno)]
    if not isinstance(obj, dict):
        return [IngestError(f"expected a JSON object, got {type(obj).__name__}", name, lineno)]
    try:
        return list(_record_documents(obj, name, lineno, segment=segment,
                                      on_warning=on_warning or _default_on_warning))
    except IngestError as exc:
        return [exc]


def _field(obj: dict, key: str, name: str, lineno: int) -> str | None:
    v = obj.get(key)
    if v is None:
        return None
    if isinstance(v, (dict, list)):
        raise IngestError(f"field {key!r} must be a string, not {type(v).__name__}", name, lineno)
    v = str(v).strip()
    return v or None


def _record_documents(obj: dict, name: str, lineno: int, *, segment: bool,
                      on_warning: Callable[[str], None]) -> list[Document]:
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise IngestError("record has no \"text\" (a non-empty string)", name, lineno)
    doc_id = _field(obj, "id", name, lineno)
    title = _field(obj, "title", name, lineno)
    raw_date = _field(obj, "date", name, lineno)
    source = _field(obj, "source", name, lineno)
    url = _field(obj, "url", name, lineno)
    meta = {k: v for k, v in obj.items() if k not in _RECORD_FIELDS}
    date = parse_date(raw_date) if raw_date else None
    if raw_date and not date:
        meta["date_raw"] = raw_date
        on_warning(f"{name}:{lineno}: cannot read the date {raw_date!r}; left empty")
    return documents_from_text(text, path=f"{name}:{lineno}", id=doc_id, title=title, date=date,
                               source=source, url=url, meta=meta, segment=segment)


# --- dispatch -------------------------------------------------------------------------------


def _sniff(head: bytes) -> str:
    """``jsonl``, ``html`` or ``text`` from the first bytes of an input."""
    h = head.lstrip(codecs.BOM_UTF8).lstrip()
    if h.startswith(b"{"):
        first = h.split(b"\n", 1)[0]
        try:
            if isinstance(json.loads(first.decode("utf-8")), dict):
                return "jsonl"
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
            pass
        if b"\n" not in h:  # a single, maybe truncated, line: still JSON Lines
            return "jsonl"
    low = h[:1024].lower()
    if low.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in low or b"<body" in low:
        return "html"
    return "text"


def _format_of(path: Path) -> str | None:
    ext = path.suffix.lower()
    if ext in TEXT_EXTS:
        return "text"
    if ext in HTML_EXTS:
        return "html"
    if ext in JSONL_EXTS:
        return "jsonl"
    return None


def _open(path: Path, name: str) -> BinaryIO | IngestError:
    try:
        return open(path, "rb")
    except FileNotFoundError:
        return IngestError("no such file or directory", name)
    except PermissionError:
        return IngestError("permission denied", name)
    except OSError as exc:
        return IngestError(f"cannot open: {exc.strerror or exc}", name)


def _file_units(path: Path, fmt: str | None, *, url: str | None, segment: bool, max_doc_chars: int,
                on_warning: Callable[[str], None]) -> Iterator["Unit | IngestError"]:
    """One file as units: a JSON Lines file line by line, a page (a text file up to
    ``WHOLE_LIMIT``, an HTML file) as one ``file`` unit that is read where it is turned into
    documents; what must be streamed here (large text files, non-regular files) as the
    documents themselves."""
    name = str(path)
    f = _open(path, name)
    if isinstance(f, IngestError):
        yield f
        return
    with f:
        try:
            st = os.fstat(f.fileno())
            size = st.st_size if path.is_file() else None
            if size == 0:
                yield IngestError("empty file", name)
                return
            if size is not None and fmt in (None, "text"):  # a regular file: we can look and rewind
                sniffed = _sniff(f.read(4096))
                f.seek(0)
                # an unknown extension takes what it looks like; a .txt that is a saved web page, HTML
                fmt = sniffed if fmt is None else ("html" if sniffed == "html" else fmt)
            if fmt == "jsonl":
                yield from _jsonl_units(f, name)
            elif size is not None and (fmt == "html" or size <= WHOLE_LIMIT):
                yield ("file", name, "html" if fmt == "html" else "text", url)
            elif fmt == "html":
                yield from _doc_units(_read_html(f, name, url=url, segment=segment))
            else:
                yield from _doc_units(_read_text_stream(f, name, max_doc_chars=max_doc_chars, segment=segment,
                                                        size=size, on_warning=on_warning))
        except OSError as exc:
            yield IngestError(f"read error: {exc.strerror or exc}", name)


def _page_file_documents(name: str, fmt: str, url: str | None, *, segment: bool, max_doc_chars: int,
                         on_warning: Callable[[str], None]) -> Iterator[Item]:
    """The documents of a ``file`` unit: a page file read whole."""
    f = _open(Path(name), name)
    if isinstance(f, IngestError):
        yield f
        return
    with f:
        try:
            if fmt == "html":
                yield from _read_html(f, name, url=url, segment=segment)
            else:
                size = os.fstat(f.fileno()).st_size
                if size == 0:
                    yield IngestError("empty file", name)
                    return
                yield from _read_text_stream(f, name, max_doc_chars=max_doc_chars, segment=segment, size=size,
                                             on_warning=on_warning)
        except OSError as exc:
            yield IngestError(f"read error: {exc.strerror or exc}", name)


def _doc_units(items: Iterable[Item]) -> Iterator["Unit | IngestError"]:
    for it in items:
        yield it if isinstance(it, IngestError) else ("doc", it)


def _stdin_units(stream: BinaryIO, fmt: str, *, url: str | None, segment: bool, max_doc_chars: int,
                 on_warning: Callable[[str], None]) -> Iterator["Unit | IngestError"]:
    name = "<stdin>"
    if fmt == "auto":
        if hasattr(stream, "peek"):
            head = stream.peek(4096)[:4096]
        else:  # not peekable: buffer it (tests, pipes wrapped in BytesIO)
            stream = io.BytesIO(stream.read())
            head = stream.getvalue()[:4096]
        fmt = _sniff(head)
    if fmt == "jsonl":
        yield from _jsonl_units(stream, name)
    elif fmt == "html":
        yield from _doc_units(_read_html(stream, name, url=url, segment=segment))
    else:
        yield from _doc_units(_read_text_stream(stream, name, max_doc_chars=max_doc_chars, segment=segment,
                                                on_warning=on_warning))


def _hidden(name: str) -> bool:
    return name.startswith(".")


def walk_dir(root: Path, on_warning: Callable[[str], None]) -> list[Path]:
    """Files to read under ``root``: known extensions, sorted by relative path, hidden ones skipped."""
    found: list[Path] = []
    def unreadable(exc: OSError) -> None:
        on_warning(f"{exc.filename}: skipped ({exc.strerror or exc})")

    for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable):
        dirnames[:] = sorted(d for d in dirnames if not _hidden(d))
        for fn in sorted(filenames):
            if _hidden(fn):
                continue
            p = Path(dirpath) / fn
            if p.suffix.lower() in KNOWN_EXTS:
                found.append(p)
            else:
                on_warning(f"{p}: skipped (unknown extension; expected one of {', '.join(KNOWN_EXTS)})")
    found.sort(key=lambda p: p.relative_to(root).parts)
    return found


def _default_on_error(err: IngestError) -> None:
    log.error("%s", err)


def _default_on_warning(msg: str) -> None:
    log.warning("%s", msg)


#: A piece of input, read but not yet turned into documents (see :func:`read_units`):
#: ``("jsonl", file name, line number, line bytes)``, ``("file", path, "text" | "html", url)``
#: or ``("doc", Document)``.  Units are small, picklable and independent of each other.
Unit = tuple


def _check_options(stdin_format: str, max_doc_chars: int, date: str | None) -> str | None:
    if stdin_format not in STDIN_FORMATS:
        raise ConfigError(f"unknown stdin format {stdin_format!r}; use one of {', '.join(STDIN_FORMATS)}")
    if max_doc_chars < 1000:
        raise ConfigError(f"max_doc_chars={max_doc_chars} is too small (at least 1000)")
    iso_date = None
    if date:
        iso_date = parse_date(date)
        if not iso_date:
            raise ConfigError(f"cannot read the date {date!r}; use e.g. 2023-08-16 or 16/08/2023")
    return iso_date


def read_units(
    paths: str | os.PathLike | Iterable[str | os.PathLike],
    *,
    url: str | None = None,
    on_warning: Callable[[str], None] | None = None,
    stdin_format: str = "auto",
    stdin: BinaryIO | None = None,
    segment: bool = True,
    max_doc_chars: int = MAX_DOC_CHARS,
) -> Iterator[Unit | IngestError]:
    """The inputs of ``paths`` as units (and the errors found while cutting them), in input
    order, without decoding or segmenting anything that can be left to :func:`unit_documents`:
    JSON Lines records stay raw bytes and page files stay file names, so a parallel build's
    reading process only cuts the input and its workers do the rest.  ``read_paths`` is
    ``unit_documents`` over ``read_units``: both give the same documents."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    _check_options(stdin_format, max_doc_chars, None)
    on_warning = on_warning or _default_on_warning
    for p in paths:
        ps = os.fspath(p)
        if ps == "-":
            yield from _stdin_units(stdin if stdin is not None else sys.stdin.buffer, stdin_format, url=url,
                                    segment=segment, max_doc_chars=max_doc_chars, on_warning=on_warning)
            continue
        path = Path(ps)
        if path.is_dir():
            files = walk_dir(path, on_warning)
            if not files:
                on_warning(f"{path}: no readable files in this directory")
            for fp in files:
                yield from _file_units(fp, _format_of(fp), url=None, segment=segment, max_doc_chars=max_doc_chars,
                                       on_warning=on_warning)
        elif not path.exists():
            yield IngestError("no such file or directory", ps)
        else:
            yield from _file_units(path, _format_of(path), url=url, segment=segment, max_doc_chars=max_doc_chars,
                                   on_warning=on_warning)


def unit_documents(unit: Unit, *, segment: bool = True, max_doc_chars: int = MAX_DOC_CHARS,
                   on_warning: Callable[[str], None] | None = None) -> list[Item]:
    """The documents of one unit of :func:`read_units` (and the IngestErrors met), in order."""
    on_warning = on_warning or _default_on_warning
    kind = unit[0]
    if kind == "jsonl":
        return jsonl_line_documents(unit[3], unit[1], unit[2], segment=segment, on_warning=on_warning)
    if kind == "file":
        return list(_page_file_documents(unit[1], unit[2], unit[3], segment=segment, max_doc_chars=max_doc_chars,
                                         on_warning=on_warning))
    if kind == "doc":
        return [unit[1]]
    raise ValueError(f"not an input unit: {kind!r}")


def fill_defaults(doc: Document, date: str | None, source: str | None, url: str | None) -> Document:
    """The ``date``/``source``/``url`` given for the inputs fill what a page document lacks
    (not "read also" articles, which are other articles); ``date`` must be ISO already."""
    if doc.parent is None and doc.meta.get("role") != "read_also":
        if doc.date is None and date:
            doc.date = date
        if doc.source is None and source:
            doc.source = source
        if doc.url is None and url:
            doc.url = url
    return doc


def read_paths(
    paths: str | os.PathLike | Iterable[str | os.PathLike],
    *,
    date: str | None = None,
    source: str | None = None,
    url: str | None = None,
    strict: bool = False,
    on_error: Callable[[IngestError], None] | None = None,
    on_warning: Callable[[str], None] | None = None,
    stdin_format: str = "auto",
    stdin: BinaryIO | None = None,
    segment: bool = True,
    max_doc_chars: int = MAX_DOC_CHARS,
) -> Iterator[Document]:
    """Yield the documents of ``paths`` (files, directories, ``-`` for stdin) in input order.

    ``date``/``source``/``url`` fill what page documents lack (``date`` in any form
    :func:`~kg.ingest.dates.parse_date` reads; a ``ConfigError`` otherwise).  With
    ``strict`` the first :class:`IngestError` is raised; otherwise errors go to
    ``on_error`` and reading continues.  ``on_warning`` receives notes such as skipped
    files.  See the module docstring for formats and decisions.
    """
    iso_date = _check_options(stdin_format, max_doc_chars, date)
    on_error = on_error or _default_on_error
    on_warning = on_warning or _default_on_warning
    for unit in read_units(paths, url=url, on_warning=on_warning, stdin_format=stdin_format, stdin=stdin,
                           segment=segment, max_doc_chars=max_doc_chars):
        items = [unit] if isinstance(unit, IngestError) else unit_documents(
            unit, segment=segment, max_doc_chars=max_doc_chars, on_warning=on_warning)
        for it in items:
            if isinstance(it, IngestError):
                if strict:
                    raise it
                on_error(it)
                continue
            yield fill_defaults(it, iso_date, source, url)


__all__ = [
    "IngestError",
    "read_paths",
    "read_units",
    "unit_documents",
    "fill_defaults",
    "jsonl_line_documents",
    "documents_from_text",
    "html_documents",
    "stable_id",
    "detect_encoding",
    "decode_bytes",
    "walk_dir",
    "WHOLE_LIMIT",
    "MAX_DOC_CHARS",
    "KNOWN_EXTS",
]
