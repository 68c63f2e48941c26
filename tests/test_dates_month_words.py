"""Month and edge words that begin with a proclitic letter (فبراير, فيفري, بداية) and days
written with a leading zero: the date layer must not strip the word's own first letter."""

from __future__ import annotations

import pytest

from kg.events.dates import find_dates, parse_doc_date
from kg.events.lexicon import load_lexicon
from kg.nlp.text import tokenize

DOC = "2023-03-12"


def dates(text: str, doc: str | None = DOC):
    norms = [t.norm for t in tokenize(text)]
    return [(x.iso, x.precision) for x in find_dates(load_lexicon(), norms, parse_doc_date(doc))]


@pytest.mark.parametrize("text,expected", [
    ("استدعت الوزارة السفير في 8 فبراير الماضي", ("2023-02-08", "day")),
    ("استدعت الوزارة السفير في 8 فيفري الماضي", ("2023-02-08", "day")),      # Maghrebi name
    ("وقع الاتفاق في 18 شباط", ("2023-02-18", "day")),                       # Levantine name
    ("وفي 08 فبراير 2020 أعلن", ("2020-02-08", "day")),                       # leading zero
    ("يوم 03 مارس", ("2023-03-03", "day")),
    ("اندلعت الاشتباكات في فبراير", ("2023-02", "month")),
    ("في بداية فيفري الماضي", ("2023-02", "month")),
    ("منذ بداية مارس", ("2023-03", "month")),
    ("وبفبراير 2021", ("2021-02", "month")),                                # proclitics before the month
])
def test_month_words_with_proclitic_letters(text, expected):
    assert dates(text)[:1] == [expected]


def test_a_word_that_only_looks_like_a_clitic_plus_month_is_not_a_date():
    # "براير" is not a month: stripping must not turn other words into months either
    assert dates("قال فلان إن الوضع مستقر") == []
