"""Dates in the forms news uses, to ISO ``YYYY-MM-DD``.

:func:`parse_date` understands

- ISO 8601 dates, with or without time and zone (``2017-03-23``, ``2018-06-01T02:10:39+04:00``,
  ``20170323``);
- RFC 2822 (``Fri, 01 Jun 2018 02:10:39 +0400``, as in RSS feeds);
- numeric day-first dates (``23/03/2017``, ``23-03-2017``, ``23.03.17``);
- month names in Arabic, in all the regional series (Egyptian/Gulf ``أغسطس``,
  Levantine/Iraqi ``آب``, Maghrebi ``أوت``, Moroccan ``غشت``), also paired as in
  ``16 آب/أغسطس 2023``, and in English (``16 August 2023``, ``August 16, 2023``);
- Arabic-Indic and Persian digits (``١٦ أغسطس ٢٠٢٣``), a leading weekday and a trailing
  time (``الأربعاء، 16 أغسطس 2023 - 10:30``).

Decisions:

- **Day first.**  Arabic (like European) news writes ``dd/mm/yyyy``.  A numeric date whose
  first number cannot be a month (``23/03/2017``) is day-first anyway; one whose *second*
  number cannot be a month (``03/23/2017``) is read month-first; when both could be a
  month (``03/04/2017``), it is read day-first (3 April).
- **Local calendar date.**  A date with a time and a zone (``Fri, 01 Jun 2018 02:10:39
  +0400``) gives the calendar date as written, in the publisher's zone (2018-06-01), not
  the UTC date: that is the date the newsroom printed.
- Two-digit years: 00-69 are 20xx, 70-99 are 19xx.
- Only complete dates are returned; a month and year alone, a relative date (``أمس``) or a
  Hijri date give ``None``.  Years outside 1800-2200 are rejected.

The month names are data (``kg/data/ingest/months.tsv``), read once, lazily.
"""

from __future__ import annotations

import datetime as _dt
import re
from functools import lru_cache
from pathlib import Path

from ..nlp.text import normalize

MONTHS_TSV = Path(__file__).resolve().parent.parent / "data" / "ingest" / "months.tsv"

_LETTER = r"[^\W\d_]"
_NOT_LETTER_BEFORE = rf"(?<!{_LETTER})"
_NOT_LETTER_AFTER = rf"(?!{_LETTER})"


def _norm_name(name: str) -> str:
    return normalize(name.strip())


@lru_cache(maxsize=1)
def month_names() -> dict[str, int]:
    """Normalized month name -> month number (1-12), from ``months.tsv``."""
    out: dict[str, int] = {}
    with open(MONTHS_TSV, encoding="utf-8") as f:
        header_seen = False
        for lineno, line in enumerate(f, 1):
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if not header_seen:  # the column header
                header_seen = True
                continue
            try:
                month = int(cols[0])
                name = cols[1]
            except (IndexError, ValueError) as exc:  # a broken data file is a bug, say where
                raise ValueError(f"{MONTHS_TSV}:{lineno}: bad row {line!r}") from exc
            if not 1 <= month <= 12:
                raise ValueError(f"{MONTHS_TSV}:{lineno}: month {month} out of range")
            out[_norm_name(name)] = month
    return out


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], ...]:
    names = sorted(month_names(), key=len, reverse=True)  # longest first: "تشرين الاول" before "تشرين"
    alt = "|".join(r"\s+".join(re.escape(w) for w in n.split()) for n in names)
    month = rf"{_NOT_LETTER_BEFORE}(?:{alt}){_NOT_LETTER_AFTER}\.?"
    iso = re.compile(r"(?<!\d)(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)")
    compact = re.compile(r"^\s*(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})\s*$")
    dmy_text = re.compile(
        rf"(?<!\d)(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s*[-/]?\s*(?:من\s+)?(?:شهر\s+)?"
        rf"(?P<m>{month})(?:\s*[/(\-]\s*(?P<m2>{month})\s*\)?)?"
        rf"\s*[,،\-/]?\s*(?:من\s+)?(?:(?:عام|العام|سنه)\s+)?(?P<y>\d{{4}})(?!\d)"
    )
    mdy_text = re.compile(
        rf"(?P<m>{month})\s*(?P<d>\d{{1,2}})(?!\d)(?:st|nd|rd|th)?\s*[,،]?\s*(?P<y>\d{{4}})(?!\d)"
    )
    num = re.compile(r"(?<![\d/.\-])(?P<a>\d{1,2})[/.\-](?P<b>\d{1,2})[/.\-](?P<y>\d{4}|\d{2})(?![\d/.\-]|\.\d)")
    return iso, compact, dmy_text, mdy_text, num


def _month_of(token: str) -> int | None:
    token = re.sub(r"\s+", " ", token.strip().rstrip("."))
    return month_names().get(token)


def _valid(y: int, m: int, d: int) -> str | None:
    if not 1800 <= y <= 2200:
        return None
    try:
        return _dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def _year(s: str) -> int:
    y = int(s)
    if len(s) == 2:
        y += 2000 if y < 70 else 1900
    return y


def parse_date(s: str | None) -> str | None:
    """The ISO date (``YYYY-MM-DD``) written in ``s``, or ``None``.

    >>> parse_date("Fri, 01 Jun 2018 02:10:39 +0400")
    '2018-06-01'
    >>> parse_date("23/03/2017")
    '2017-03-23'
    >>> parse_date("16 آب 2023")
    '2023-08-16'
    """
    if not s or not isinstance(s, str):
        return None
    if len(s) > 400:  # a date field, not a document
        s = s[:400]
    t = normalize(s)  # Arabic-Indic digits -> ASCII, hamza forms unified, lower case
    iso, compact, dmy_text, mdy_text, num = _patterns()
    for m in iso.finditer(t):
        out = _valid(int(m["y"]), int(m["m"]), int(m["d"]))
        if out:
            return out
    m = compact.match(t)
    if m:
        out = _valid(int(m["y"]), int(m["m"]), int(m["d"]))
        if out:
            return out
    for pat in (dmy_text, mdy_text):
        for m in pat.finditer(t):
            month = _month_of(m["m"])
            if month is None:
                continue
            out = _valid(int(m["y"]), month, int(m["d"]))
            if out:
                return out
    for m in num.finditer(t):
        a, b, y = int(m["a"]), int(m["b"]), _year(m["y"])
        if a <= 12 < b:  # 03/23/2017: the second number cannot be a month
            out = _valid(y, a, b)
        else:  # day first, the Arabic-news convention
            out = _valid(y, b, a)
        if out:
            return out
    return None


__all__ = ["parse_date", "month_names", "MONTHS_TSV"]
