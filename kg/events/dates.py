"""Arabic date expressions normalized relative to the document date.

:func:`find_dates` scans normalized tokens of one sentence and returns
:class:`DateExpr` objects: the token range, the ISO value (``YYYY-MM-DD``, ``YYYY-MM`` or
``YYYY``) and its precision (``day``, ``month``, ``year``).  Forms handled (month and
weekday names come from ``kg/data/events/cues.tsv``, MSA, Levantine/Iraqi and Maghrebi):

- ``اليوم`` / ``الليلة`` (the document date), ``أمس``, ``أول أمس`` / ``أمس الأول``;
- weekdays, optionally after ``يوم`` or a part of the day (``مساء الخميس``): the most recent
  such day on or before the document date (``الخميس الماضي``: strictly before);
- ``16 أغسطس`` (year from the document date: the most recent such day not after it, with
  a few days' tolerance), ``16 أغسطس 2023``, ``16/8/2023``;
- ``أغسطس 2022``, ``في أبريل الماضي`` (the most recent April before the document's month),
  ``نهاية سبتمبر 2020`` (month precision), ``في شهر أكتوبر من العام الماضي``;
- ``عام 2020`` / ``العام 2020`` / ``سنة 2020``, ``العام الماضي`` (year precision).

Without a document date, relative forms (``أمس``, weekdays, a month with no year) are left
unresolved (``iso=None``) but still reported with their span.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from .lexicon import _NO_CUES, Lexicon

_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
_DAY = re.compile(r"^(0?[1-9]|[12]\d|3[01])$")
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


@dataclass(slots=True)
class DateExpr:
    start: int  # token index (inclusive)
    end: int  # token index (exclusive)
    iso: str | None
    precision: str | None  # day | month | year


def parse_doc_date(s: str | None) -> _dt.date | None:
    if not s:
        return None
    try:
        return _dt.date.fromisoformat(s[:10])
    except ValueError:
        return None


def _match_multi(lex: Lexicon, kind: str, norms: list[str], i: int) -> tuple[int, str] | None:
    """(length, value) of a cue of ``kind`` starting at token ``i`` (multiword first)."""
    multi = lex.multi_first.get(kind, _NO_CUES)
    cues = lex.cues.get(kind, _NO_CUES)
    for w in _forms(norms[i]):
        for toks, value in multi.get(w, ()):
            n = len(toks)
            if tuple(norms[i + 1:i + n]) == toks[1:]:
                return n, value
        v = cues.get(w)
        if v is None and w.startswith("ال"):
            v = cues.get(w[2:])
        if v is not None:
            return 1, v
    return None


# words that introduce a bare month name (في مارس, خلال يناير, منذ أبريل, بداية مايو)
_MONTH_PREPS = frozenset(("في", "وفي", "خلال", "منذ", "حتى", "مطلع", "نهايه", "بدايه", "اواخر", "اوائل",
                          "منتصف", "شهر"))


def _forms(w: str) -> tuple[str, ...]:
    """The word as written, then without its proclitics: a date word may itself begin with
    one of their letters (فبراير, فيفري, بداية), so the whole word is tried first."""
    s = _strip(w)
    return (w,) if s == w else (w, s)


def _strip(w: str) -> str:
    """Drop the proclitics و ف ب ل (one or two) from a date word."""
    if not w or w[0] not in "وفبل":
        return w
    for p in ("وفي", "وب", "ول", "و", "ف", "ب", "ل"):
        if w.startswith(p) and len(w) - len(p) >= 3:
            return w[len(p):]
    return w


def _month_value(lex: Lexicon, norms: list[str], i: int) -> tuple[int, int] | None:
    """(month, length) at token i, allowing a leading شهر."""
    j = i
    if _strip(norms[j]) in ("شهر", "الشهر") and j + 1 < len(norms):
        j += 1
    m = _match_multi(lex, "month", norms, j)
    if m:
        return int(m[1]), (j - i) + m[0]
    return None


def _recent_month(doc: _dt.date, month: int, strictly_before: bool) -> str:
    year = doc.year
    if month > doc.month or (strictly_before and month == doc.month):
        year -= 1
    return f"{year:04d}-{month:02d}"


def _is_past(lex: Lexicon, norms: list[str], i: int) -> bool:
    return i < len(norms) and norms[i] in lex.cues.get("past", _NO_CUES)


def _is_next(lex: Lexicon, norms: list[str], i: int) -> bool:
    return i < len(norms) and norms[i] in lex.cues.get("next", _NO_CUES)


def find_dates(lex: Lexicon, norms: list[str], doc_date: _dt.date | None) -> list[DateExpr]:
    """Date expressions among the normalized tokens ``norms`` of one sentence."""
    out: list[DateExpr] = []
    n = len(norms)
    i = 0
    starts = lex.date_starts
    no_date = lex.no_date_cache  # words met before that open no date expression
    if no_date.issuperset(norms):
        return out  # (most sentences once their words have been met)
    while i < n:
        w = norms[i]
        if w in no_date:
            i += 1
            continue
        if w not in starts and w and w[0] in "وفبل":
            w = _strip(w)
        if w not in starts and not w[:1].isdigit():
            if len(no_date) < 200_000:
                no_date.add(norms[i])
            i += 1
            continue
        start = i
        # a part of the day or an edge word (نهاية سبتمبر) before the core expression joins
        # the span; the date keeps the precision of the core (month for نهاية سبتمبر 2020)
        if (lex.cues.get("partday", _NO_CUES).get(w) is not None
                or lex.cues.get("edge", _NO_CUES).get(w) is not None) and i + 1 < n:
            i += 1
            w = norms[i] if norms[i] in starts else _strip(norms[i])
        if w in ("يوم",) and i + 1 < n:
            i += 1
            w = _strip(norms[i])
        got = _parse_at(lex, norms, i, doc_date)
        if got is None:
            # yearword + year: عام 2020
            if lex.cues.get("yearword", _NO_CUES).get(w) is not None and i + 1 < n:
                if _YEAR.match(norms[i + 1]):
                    out.append(DateExpr(start, i + 2, norms[i + 1], "year"))
                    i += 2
                    continue
                if _is_past(lex, norms, i + 1) and doc_date:
                    out.append(DateExpr(start, i + 2, f"{doc_date.year - 1:04d}", "year"))
                    i += 2
                    continue
                if i + 1 < n and norms[i + 1] in ("الحالي", "الجاري") and doc_date:
                    out.append(DateExpr(start, i + 2, f"{doc_date.year:04d}", "year"))
                    i += 2
                    continue
            i = start + 1
            continue
        end, iso, prec = got
        out.append(DateExpr(start, end, iso, prec))
        i = end
    return out


def _parse_at(lex: Lexicon, norms: list[str], i: int, doc: _dt.date | None) -> tuple[int, str | None, str] | None:
    n = len(norms)
    w = _strip(norms[i])
    # relative days: اليوم (16 أغسطس)?, أمس, أول أمس
    rel = _match_multi(lex, "relday", norms, i)
    if rel:
        length, value = rel
        j = i + length
        # "اليوم الاثنين 16 أغسطس": an explicit date right after wins
        if j < n and _match_multi(lex, "weekday", norms, j):
            j += 1
        if j < n:
            explicit = _parse_at(lex, norms, j, doc)
            if explicit and explicit[2] == "day":
                return explicit
        if doc is None:
            return j, None, "day"
        d = doc - _dt.timedelta(days=int(value))
        return j, d.isoformat(), "day"
    # weekday
    wd = _match_multi(lex, "weekday", norms, i)
    if wd:
        j = i + 1
        strictly = _is_past(lex, norms, j)
        if strictly:
            j += 1
        # "الخميس 17 أغسطس" -> the explicit date
        if j < n:
            explicit = _parse_at(lex, norms, j, doc)
            if explicit and explicit[2] == "day":
                return explicit
        if doc is None:
            return j, None, "day"
        back = (doc.weekday() - int(wd[1])) % 7
        if strictly and back == 0:
            back = 7
        return j, (doc - _dt.timedelta(days=back)).isoformat(), "day"
    # DD/MM/YYYY (one token, or five: 16 / 8 / 2023)
    if w.isdigit() and i + 4 < n and norms[i + 1] in "/.-" and norms[i + 3] == norms[i + 1] and norms[i + 2].isdigit() and _YEAR.match(norms[i + 4]):
        try:
            return i + 5, _dt.date(int(norms[i + 4]), int(norms[i + 2]), int(w)).isoformat(), "day"
        except ValueError:
            return None
    m = _DMY.match(w)
    if m:
        try:
            d = _dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            return i + 1, d.isoformat(), "day"
        except ValueError:
            return None
    # DD month (YYYY)?
    if _DAY.match(w) and i + 1 < n:
        mv = _month_value(lex, norms, i + 1)
        if mv:
            month, length = mv
            j = i + 1 + length
            day = int(w)
            if j < n and _YEAR.match(norms[j]):
                try:
                    return j + 1, _dt.date(int(norms[j]), month, day).isoformat(), "day"
                except ValueError:
                    return None
            if doc is None:
                return j, None, "day"
            year = doc.year
            try:
                cand = _dt.date(year, month, day)
            except ValueError:
                return None
            if cand > doc + _dt.timedelta(days=7) and not _is_next(lex, norms, j):
                try:
                    cand = _dt.date(year - 1, month, day)
                except ValueError:
                    return None
            return j, cand.isoformat(), "day"
    # month (YYYY | الماضي | من العام الماضي)?
    mv = _month_value(lex, norms, i)
    if mv:
        month, length = mv
        j = i + length
        if j < n and _YEAR.match(norms[j]):
            return j + 1, f"{int(norms[j]):04d}-{month:02d}", "month"
        if j + 2 < n + 0 and norms[j] == "من" and lex.cues.get("yearword", _NO_CUES).get(norms[j + 1]) is not None:
            if _YEAR.match(norms[j + 2]):
                return j + 3, f"{int(norms[j + 2]):04d}-{month:02d}", "month"
            if _is_past(lex, norms, j + 2) and doc:
                return j + 3, f"{doc.year - 1:04d}-{month:02d}", "month"
            if norms[j + 2] in ("الحالي", "الجاري") and doc:
                return j + 3, f"{doc.year:04d}-{month:02d}", "month"
        if _is_past(lex, norms, j):
            if doc is None:
                return j + 1, None, "month"
            return j + 1, _recent_month(doc, month, strictly_before=True), "month"
        if _is_next(lex, norms, j):
            if doc is None:
                return j + 1, None, "month"
            year = doc.year + (1 if month <= doc.month else 0)
            return j + 1, f"{year:04d}-{month:02d}", "month"
        # a bare month name is too ambiguous (مايو, آب, ماي are also common words) unless
        # a preposition introduces it: في مارس, خلال يناير, منذ أبريل
        if i > 0 and any(f in _MONTH_PREPS for f in _forms(norms[i - 1])):
            if doc is None:
                return j, None, "month"
            return j, _recent_month(doc, month, strictly_before=False), "month"
    return None
