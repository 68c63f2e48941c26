"""News page segmentation: the main article apart from the page's trailing furniture.

A scraped news page (plain text, one paragraph a line) carries, besides its article,
teasers of other articles, source and tag lines, "read also" blocks, lists of related
headlines and share/follow/copyright widgets.  :func:`segment_page` reads the lines of a
page and returns a :class:`Page`: the main :class:`Article` (body ranges, title, source,
keywords), further articles found in "read also" blocks, and the related headlines.
Every range is a ``(start, end)`` into the page text exactly as given (``\\r\\n`` line
ends included), so offsets of all articles of a page point into one original text.

The markers are data (``kg/data/ingest/markers.tsv``: pattern, role and form), matched
line by line on normalized text, so spelling variants (إقرأ/اقرأ, أيضاً/أيضا) are one.
The rules, written for Arabic news pages in general:

- **Teasers.**  A line "إقرأ المزيد <headline>" (or "اقرأ أيضا: <headline>", "شاهد:
  <headline>") inside the text is a link, not body: its headline goes to
  ``headlines``.  A teaser marker alone on its line makes the next line the headline.
- **Source lines** ("المصدر: RT", a bare "(وكالات)" or agency name line) leave the body;
  their values become the publisher.  With several, the most specific wins: a value that
  extends an earlier one word-wise ("RT Arabic" over "RT") replaces it; otherwise the
  first one is kept.  All values are kept in ``Article.sources``.
- **Tags** ("كلمات دلالية: ...") leave the body.  The raw string is kept; it is split on
  explicit separators (comma, Arabic comma, semicolon, pipe, hash tags, bullets) when
  there are any.  Space-separated multiword tags (RT's style) are split best-effort:
  the longest run of tag words that occurs as a phrase in the article body is one tag;
  a lone word with the article ال following a multiword tag extends it
  ("وزارة الخارجية" + "الروسية").
- **"Read also" blocks.**  A read-also marker alone on a line opens a block.  Inside it, a
  headline-like line followed by a body-like paragraph starts an article that becomes its
  own document (title = that line, body = the following paragraphs, up to the next
  headline-like line that is followed by a paragraph, or the next marker); other lines
  are headlines.  When the page's own source/tag lines come *after* the marker, the
  block is inside the main article: its first line and the short headline-like lines
  right after it are teaser headlines, and the text goes on as main body.
- **Related lists** ("مقالات مشابهة", "مواضيع ذات صلة", "الأكثر قراءة"...): every line
  after the marker (bullets stripped) is a headline, until the next marker.
- **Boilerplate** (share, follow, copyright, print, social-network rows) is dropped
  wherever it is; each rule applies only to short lines (``max_words``).
- **Title.**  Pages often start with their headline.  The first line of the main article
  is its title when it looks like a headline (2-20 words, not ending in a period, colon
  or comma) and body paragraphs follow it; otherwise (the seed page starts with its lead
  sentence) the title is ``None``.  When a title is given (JSONL, HTML metadata) and the
  first line repeats it, that line becomes the ``title_span``.
- **Dateline.**  A short line among the first lines of the main article that is only a
  date (``الأربعاء 16 أغسطس 2023 - 10:30``, ``آخر تحديث: ... بتوقيت مكة المكرمة``; the
  words allowed around the date are data, ``dateline-words.tsv``) gives the date and
  leaves the body.
- **Byline.**  "كتب: <name>" / "بقلم <name>" before the first paragraph goes to
  ``Article.authors`` (``Document.meta["author"]``); further down it is ordinary text.
- **Separators.**  Lines without a letter or digit (``***``, ``|``) leave the body.

Known limits: a "read also" block that sits inside the article on a page with no source
or tag line after it is read as a trailing block; headlines are kept as strings (with
their spans in ``Page.headline_spans``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..nlp.text import INVISIBLE, normalize, normalize_map
from .dates import parse_date

MARKERS_TSV = Path(__file__).resolve().parent.parent / "data" / "ingest" / "markers.tsv"

ROLES = ("teaser", "read_also", "related", "source", "tags", "boilerplate", "byline")
FORMS = ("alone", "prefix", "prefix:", "line")

_BULLET = re.compile(r"^(?:[•·▪▫■□●○◦‣⁃►▶◄◀◆◇✓✔\-–—*>»]+|\d{1,2}\s*[.)\-–](?!\d))\s*")
_SENT_END_CHARS = ".!?؟…"
_CLOSERS = "\"'»”’)]}"
_WS = re.compile(r"\s+")
_PUNCT = re.compile(r"[^\w\s]")


DATELINE_TSV = MARKERS_TSV.parent / "dateline-words.tsv"


@lru_cache(maxsize=1)
def dateline_words() -> frozenset[str]:
    """Normalized words allowed around a date on a dateline (weekdays, labels, time words, months)."""
    from .dates import month_names

    words: set[str] = set()
    header = False
    with open(DATELINE_TSV, encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            if not header:
                header = True
                continue
            words.update(normalize(line.split("\t")[0]).split())
    for name in month_names():
        words.update(name.split())
    return frozenset(words)


def is_dateline(text: str) -> str | None:
    """The ISO date of a line that is only a date (with weekday, labels, time), else ``None``."""
    if len(text.split()) > 12:
        return None
    d = parse_date(text)
    if not d:
        return None
    words = _PUNCT.sub(" ", normalize(text).replace("_", " ")).split()
    for k, w in enumerate(words):  # "بتوقيت مكة المكرمة", "بتوقيت القاهرة": a zone, not content
        if w in ("بتوقيت", "توقيت"):
            words = words[:k + 2]
            break
    rest = [w for w in words if not w.isdigit() and w not in dateline_words()]
    return d if len(rest) <= 1 else None


@dataclass(frozen=True, slots=True)
class Marker:
    role: str
    form: str
    max_words: int
    regex: re.Pattern[str]
    source: str  # "markers.tsv:LINE", for debugging


def _norm_pattern(p: str) -> str:
    """Normalize the Arabic letters of a regex like text is normalized (not the syntax)."""
    return "".join(normalize(ch) if "\u0600" <= ch <= "\u06ff" else ch for ch in p)


@lru_cache(maxsize=4)
def load_markers(path: str | None = None) -> tuple[Marker, ...]:
    """The marker rules of ``markers.tsv`` (or another file of that format), compiled once."""
    p = Path(path) if path else MARKERS_TSV
    out: list[Marker] = []
    header = False
    with open(p, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if not header:
                header = True
                continue
            if len(cols) < 4:
                raise ValueError(f"{p}:{lineno}: expected role, form, max_words, pattern")
            role, form, max_words, pattern = cols[0], cols[1], cols[2], cols[3]
            if role not in ROLES or form not in FORMS:
                raise ValueError(f"{p}:{lineno}: unknown role {role!r} or form {form!r}")
            pat = _norm_pattern(pattern)
            if form in ("alone", "line"):
                full = rf"^[\W_]*(?:{pat})[\W_]*$"
            elif form == "prefix:":
                full = rf"^[\W_]*(?:{pat})\s*[:：]\s*(?P<value>\S.*?)\s*$"
            else:
                full = rf"^[\W_]*(?:{pat})(?:\s*[:：\-–—]\s*|\s+)(?P<value>\S.*?)\s*$"
            try:
                rx = re.compile(full, re.IGNORECASE | re.DOTALL)
            except re.error as exc:
                raise ValueError(f"{p}:{lineno}: bad pattern: {exc}") from exc
            out.append(Marker(role, form, int(max_words or 0), rx, f"{p.name}:{lineno}"))
    # alone/line forms first: "إقرأ أيضاً:" alone must not be read as a teaser prefix
    order = {"alone": 0, "line": 1, "prefix:": 2, "prefix": 3}
    out.sort(key=lambda m: order[m.form])
    return tuple(out)


@dataclass(slots=True)
class Line:
    """A non-empty line of the page: ``text[start:end]`` without surrounding white space."""

    index: int
    start: int
    end: int
    text: str
    words: int
    bullet: bool = False
    content_start: int = 0  # start after a bullet mark
    role: str | None = None
    form: str | None = None
    value: tuple[int, int] | None = None  # the marker's value (prefix forms)

    @property
    def ends_sentence(self) -> bool:
        t = self.text.rstrip(_CLOSERS + " ")
        return bool(t) and t[-1] in _SENT_END_CHARS

    @property
    def headline_like(self) -> bool:
        t = self.text.rstrip(_CLOSERS + " ")
        return 2 <= self.words <= 25 and bool(t) and t[-1] not in ".:،,؛;"

    @property
    def body_like(self) -> bool:
        return (self.ends_sentence and self.words >= 6) or self.words >= 15


@dataclass(slots=True)
class Article:
    """One article of a page: ranges into the page text and what was read around it."""

    body: list[tuple[int, int]] = field(default_factory=list)
    title: str | None = None
    title_span: tuple[int, int] | None = None
    date: str | None = None
    date_span: tuple[int, int] | None = None
    sources: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    keywords_raw: list[str] = field(default_factory=list)

    @property
    def source(self) -> str | None:
        return pick_source(self.sources)


@dataclass(slots=True)
class Page:
    """The segmentation of one page text."""

    text: str
    main: Article
    children: list[Article] = field(default_factory=list)  # "read also" articles
    headlines: list[str] = field(default_factory=list)
    headline_spans: list[tuple[int, int]] = field(default_factory=list)
    dropped: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, role)


def pick_source(values: list[str]) -> str | None:
    """The most specific of several source values ("RT Arabic" over "RT"); else the first."""
    best = None
    for v in values:
        if not v:
            continue
        if best is None:
            best = v
            continue
        nb, nv = normalize(best), normalize(v)
        if nv.startswith(nb + " ") or nv.startswith(nb + "-"):
            best = v
    return best


def split_lines(text: str, start: int = 0, end: int | None = None) -> list[Line]:
    """The non-empty lines of ``text[start:end]``, trimmed of white space and invisible marks."""
    end = len(text) if end is None else end
    out: list[Line] = []
    pos = start
    strip = set(INVISIBLE)
    while pos < end:
        nl = text.find("\n", pos, end)
        le = end if nl < 0 else nl
        s, e = pos, le
        while s < e and (text[s].isspace() or text[s] in strip):
            s += 1
        while e > s and (text[e - 1].isspace() or text[e - 1] in strip):
            e -= 1
        if e > s:
            t = text[s:e]
            ln = Line(len(out), s, e, t, len(t.split()), content_start=s)
            m = _BULLET.match(t)
            if m and m.end() < len(t):
                ln.bullet = True
                ln.content_start = s + m.end()
            out.append(ln)
        pos = le + 1
    return out


def classify(line: Line, markers: tuple[Marker, ...] | None = None) -> Line:
    """Set ``line.role``/``form``/``value`` from the first marker rule that matches."""
    markers = markers if markers is not None else load_markers()
    if not any(ch.isalnum() for ch in line.text):  # "***", "|", "—": a visual separator
        line.role, line.form = "separator", "line"
        return line
    # normalize() gives the text of normalize_map() (the same per-character mapping) without
    # building the offset map, which only a marker with a value needs (few lines)
    norm = normalize(line.text)
    for mk in markers:
        if mk.max_words and line.words > mk.max_words:
            continue
        m = mk.regex.match(norm)
        if not m:
            continue
        line.role, line.form = mk.role, mk.form
        if "value" in mk.regex.groupindex and m.group("value"):
            nm = normalize_map(line.text)
            vs, ve = nm.orig_span(m.start("value"), m.end("value"))
            line.value = (line.start + vs, line.start + ve)
        elif mk.role == "source" and mk.form == "line":  # the whole line is the value
            line.value = (line.start, line.end)
        break
    return line


_PAIRS = {"(": ")", "[": "]", "{": "}", "«": "»", '"': '"', "“": "”", "'": "'"}


def _clean_value(s: str) -> str:
    """Collapse white space, drop edge dashes/colons and one enclosing pair of brackets or quotes."""
    s = _WS.sub(" ", s).strip().strip(" -–—:：")
    if len(s) >= 2:
        o, c = s[0], s[-1]
        if _PAIRS.get(o) == c and (s.count(o) == 2 if o == c else s.count(o) == s.count(c) == 1):
            s = s[1:-1].strip()
    return s


_TAG_SEPARATORS = re.compile(r"\s*(?:[،,؛;|/•·]|\s-\s|\n)\s*")


def split_tags(raw: str, context: str = "") -> list[str]:
    """Split a tag string into tags.

    Explicit separators (``، , ; | / •``, hash tags) are used when present.  Otherwise the
    tags are space-separated phrases: the longest run of words (up to five) that occurs as
    a phrase in ``context`` (the article body) is one tag, a single word otherwise; a word
    starting with ال right after a multiword tag extends it.  Duplicates are dropped.
    """
    raw = raw.strip()
    if not raw:
        return []
    if "#" in raw:
        tags = [t.replace("_", " ").strip() for t in re.findall(r"#([^\s#،,؛;]+)", raw)]
    elif _TAG_SEPARATORS.search(raw):
        tags = [t for t in (_clean_value(x) for x in _TAG_SEPARATORS.split(raw)) if t]
    else:
        words = raw.split()
        norm_words = [normalize(w) for w in words]
        ctx = " " + " ".join(_PUNCT.sub(" ", normalize(context)).split()) + " "
        tags, multi = [], []
        i = 0
        while i < len(words):
            j_best = i + 1
            for j in range(min(len(words), i + 5), i + 1, -1):
                if " " + " ".join(norm_words[i:j]) + " " in ctx:
                    j_best = j
                    break
            if j_best == i + 1 and norm_words[i].startswith("ال") and tags and multi[-1]:
                tags[-1] = tags[-1] + " " + words[i]
            else:
                tags.append(" ".join(words[i:j_best]))
                multi.append(j_best - i > 1)
            i = j_best
    seen, out = set(), []
    for t in tags:
        k = normalize(t)
        if k and k not in seen:
            seen.add(k)
            out.append(t)
    return out


def _merge(lines: list[Line], all_lines: list[Line]) -> list[tuple[int, int]]:
    """Ranges covering runs of consecutive lines (by index in ``all_lines``)."""
    out: list[tuple[int, int]] = []
    prev = None
    for ln in lines:
        if prev is not None and ln.index == prev.index + 1 and out:
            out[-1] = (out[-1][0], ln.end)
        else:
            out.append((ln.start, ln.end))
        prev = ln
    return out


def segment_page(text: str, *, title: str | None = None, start: int = 0, end: int | None = None,
                 markers: tuple[Marker, ...] | None = None) -> Page:
    """Segment a news page; see the module docstring for the rules.

    ``title`` is a title known from elsewhere (JSONL, HTML metadata): when the first line
    repeats it, that line becomes the title span.  ``start``/``end`` restrict the work to
    a range of ``text`` (offsets stay those of ``text``).
    """
    markers = markers if markers is not None else load_markers()
    lines = [classify(ln, markers) for ln in split_lines(text, start, end)]
    page = Page(text=text, main=Article())
    first_meta = next((ln.index for ln in lines if ln.role in ("source", "tags")), None)

    main_lines: list[Line] = []
    block: list[Line] | None = None  # lines of an open read-also block
    block_meta: list[Line] = []
    section = "main"  # main | read_also | related | tags
    pending_teaser = False
    teaser_list = False  # after a read-also marker inside the article: a list of headlines

    def headline(ln: Line, span: tuple[int, int] | None = None) -> None:
        s, e = span or (ln.content_start, ln.end)
        h = _clean_value(text[s:e])
        if h:
            page.headlines.append(h)
            page.headline_spans.append((s, e))

    def close_block() -> None:
        nonlocal block, block_meta
        if block is not None:
            _read_also_block(text, block, block_meta, page, lines)
        block, block_meta = None, []

    for i, ln in enumerate(lines):
        role = ln.role
        if role == "byline" and not (section == "main" and block is None and not any(x.body_like for x in main_lines)):
            role = None  # "كتب: ..." further down is ordinary text
        if role == "teaser" and ln.value and section == "main" and block is None and not main_lines:
            role = None  # the page's first line: a headline such as "بالفيديو: ...", not a link
        if role is None and (pending_teaser or (teaser_list and (ln.bullet or (ln.headline_like and not ln.body_like)))):
            headline(ln)
            page.dropped.append((ln.start, ln.end, "teaser"))
            pending_teaser = False
            continue
        pending_teaser = teaser_list = False
        if role == "separator":
            page.dropped.append((ln.start, ln.end, role))
            continue
        if role == "boilerplate":
            page.dropped.append((ln.start, ln.end, role))
            continue
        if role == "byline":
            page.dropped.append((ln.start, ln.end, role))
            if ln.value:
                name = _clean_value(text[ln.value[0]:ln.value[1]])
                if name:
                    page.main.authors.append(name)
            continue
        if role in ("source", "tags"):
            page.dropped.append((ln.start, ln.end, role))
            if block is not None:
                block_meta.append(ln)
            else:
                _apply_meta(text, ln, page.main)
            if role == "tags" and ln.form == "alone":
                section = "tags" if block is None else section
            elif section == "tags":
                section = "main"
            continue
        if role == "teaser" or (role == "read_also" and ln.form != "alone"):
            page.dropped.append((ln.start, ln.end, "teaser"))
            if ln.value:
                headline(ln, ln.value)
            else:
                pending_teaser = True
            continue
        if role == "read_also":  # alone
            page.dropped.append((ln.start, ln.end, role))
            if first_meta is not None and ln.index < first_meta and block is None:
                # inside the article: the next line, and the short lines after it, are teasers
                pending_teaser = teaser_list = True
                continue
            close_block()
            block, section = [], "read_also"
            continue
        if role == "related":
            page.dropped.append((ln.start, ln.end, role))
            close_block()
            section = "related"
            continue
        # a plain line
        if section == "tags":
            if ln.words <= 6 or ln.bullet:
                t = _clean_value(text[ln.content_start:ln.end])
                if t:
                    page.main.keywords.append(t)  # one tag a line
                page.dropped.append((ln.start, ln.end, "tags"))
                continue
            section = "main"
        if section == "related" and page.headlines and ln.body_like and ln.ends_sentence and not ln.bullet:
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            if nxt is not None and nxt.role is None and nxt.body_like and not nxt.bullet:
                section = "main"  # two paragraphs in a row: the article goes on after a sidebar
        if section == "related":
            headline(ln)
            page.dropped.append((ln.start, ln.end, "related"))
        elif section == "read_also" and block is not None:
            block.append(ln)
        else:
            main_lines.append(ln)
    close_block()

    _main_article(text, main_lines, lines, page, title)
    # the best-effort split of space-separated tags needs the article body as context
    for art in [page.main, *page.children]:
        if art.keywords_raw:
            body = " ".join(text[s:e] for s, e in art.body)
            art.keywords = _dedupe(art.keywords + [k for raw in art.keywords_raw for k in split_tags(raw, body)])
    return page


def _dedupe(items: list[str]) -> list[str]:
    seen, out = set(), []
    for t in items:
        k = normalize(t)
        if k and k not in seen:
            seen.add(k)
            out.append(t)
    return out


def _apply_meta(text: str, ln: Line, art: Article) -> None:
    if not ln.value:
        return
    v = _clean_value(text[ln.value[0]:ln.value[1]])
    if not v:
        return
    if ln.role == "source":
        art.sources.append(v)
    elif ln.role == "tags":
        art.keywords_raw.append(v)


def _read_also_block(text: str, block: list[Line], meta: list[Line], page: Page, lines: list[Line]) -> None:
    """Turn the lines of a read-also block into articles and headlines."""
    cur: Article | None = None
    cur_lines: list[Line] = []
    arts: list[tuple[Article, list[Line]]] = []
    for j, ln in enumerate(block):
        nxt = block[j + 1] if j + 1 < len(block) else None
        starts = (not ln.bullet and ln.headline_like and nxt is not None and not nxt.bullet
                  and nxt.body_like and (cur is None or not ln.ends_sentence))
        if starts:
            cur = Article(title=_clean_value(ln.text), title_span=(ln.start, ln.end))
            cur_lines = []
            arts.append((cur, cur_lines))
        elif not ln.bullet and ln.body_like:
            if cur is None:
                cur = Article()
                cur_lines = []
                arts.append((cur, cur_lines))
            cur_lines.append(ln)
        else:
            s, e = ln.content_start, ln.end
            h = _clean_value(text[s:e])
            if h:
                page.headlines.append(h)
                page.headline_spans.append((s, e))
    for art, ls in arts:
        if not ls:
            continue
        art.body = _merge(ls, lines)
        page.children.append(art)
    # source/tag lines of the block belong to the article they follow
    for m in meta:
        owner = None
        for art, ls in arts:
            if ls and ls[0].index < m.index:
                owner = art
        _apply_meta(text, m, owner if owner is not None and owner in page.children else page.main)


def _same_title(first: Line, title: str) -> bool:
    """Whether the first line repeats a known title ("Title" vs "Title | Site", or the reverse)."""
    a = " ".join(_PUNCT.sub(" ", normalize(first.text)).split())
    b = " ".join(_PUNCT.sub(" ", normalize(title)).split())
    if not a or not b:
        return False
    if a == b:
        return True
    if first.words >= 3 and b.startswith(a + " ") and len(a) >= 0.5 * len(b):
        return True  # the title carries the site name
    return first.headline_like and a.startswith(b + " ") and len(b) >= 0.5 * len(a)


def _main_article(text: str, main_lines: list[Line], lines: list[Line], page: Page, title: str | None) -> None:
    art = page.main
    body = list(main_lines)
    # title: a given title repeated on the first line, or a headline-like first line
    if body:
        first = body[0]
        if title and normalize(_WS.sub(" ", first.text)).strip(" .") == normalize(_WS.sub(" ", title)).strip(" ."):
            art.title, art.title_span = title, (first.start, first.end)
            body = body[1:]
        elif title and _same_title(first, title):
            art.title, art.title_span = title, (first.start, first.end)
            body = body[1:]
        elif not title and len(body) > 1 and first.headline_like and first.words <= 20 and not first.bullet \
                and is_dateline(first.text) is None and any(b.body_like for b in body[1:]):
            art.title, art.title_span = _clean_value(first.text), (first.start, first.end)
            body = body[1:]
        elif title:
            art.title = title
    elif title:
        art.title = title
    # dateline among the first lines, before the first paragraph
    for k, ln in enumerate(body[:3]):
        if ln.body_like:
            break
        d = is_dateline(ln.text)
        if d:
            art.date, art.date_span = d, (ln.start, ln.end)
            page.dropped.append((ln.start, ln.end, "date"))
            del body[k]
            break
    art.body = _merge(body, lines)


__all__ = [
    "MARKERS_TSV",
    "Marker",
    "Line",
    "Article",
    "Page",
    "load_markers",
    "split_lines",
    "classify",
    "split_tags",
    "pick_source",
    "segment_page",
]
