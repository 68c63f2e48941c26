"""Date expressions resolved against the document date (kg.events.dates) and event dates."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.events.dates import find_dates, parse_doc_date
from kg.events.lexicon import load_lexicon
from kg.nlp.text import tokenize

DOC = "2023-08-16"  # a Wednesday


def dates(text: str, doc: str | None = DOC):
    lex = load_lexicon()
    norms = [t.norm for t in tokenize(text)]
    return [(x.iso, x.precision) for x in find_dates(lex, norms, parse_doc_date(doc))]


@pytest.mark.parametrize("text,expected", [
    ("أجرى الوزير محادثة هاتفية اليوم 16 أغسطس، مع نظيره", ("2023-08-16", "day")),
    ("وقع الهجوم اليوم", ("2023-08-16", "day")),
    ("اجتمع الطرفان أمس", ("2023-08-15", "day")),
    ("وصل الوفد أول أمس", ("2023-08-14", "day")),
    ("كشف الوزير مساء الخميس أن", ("2023-08-10", "day")),
    ("أعلنت الوزارة يوم الأربعاء", ("2023-08-16", "day")),  # the doc date is a Wednesday
    ("التقى الرئيسان الأربعاء الماضي", ("2023-08-09", "day")),
    ("أقام حاجزا في أبريل الماضي", ("2023-04", "month")),
    ("زار الوزير موسكو في آب الماضي", ("2022-08", "month")),  # Levantine name; August of last year
    ("وفي ديسمبر 2022، تم قطع الطريق", ("2022-12", "month")),
    ("في نهاية سبتمبر 2020، استؤنفت الأعمال القتالية", ("2020-09", "month")),
    ("اعتقل في شهر أكتوبر من العام الماضي", ("2022-10", "month")),
    ("في كانون الثاني 2021", ("2021-01", "month")),
    ("البيان الثلاثي في عام 2020", ("2020", "year")),
    ("خلال العام الماضي", ("2022", "year")),
    ("في 3 مارس 2019 وقعت", ("2019-03-03", "day")),
    ("في 16/8/2021 وقعت", ("2021-08-16", "day")),
    ("أعلنت اليوم الاثنين 14 أغسطس", ("2023-08-14", "day")),
    ("في 20 ديسمبر", ("2022-12-20", "day")),  # a day-month after the doc date is last year's
])
def test_date_forms(text, expected):
    got = dates(text)
    assert got and got[0] == expected, got


def test_relative_forms_stay_unresolved_without_a_document_date():
    assert dates("اجتمع الطرفان أمس", doc=None) == [(None, "day")]
    assert dates("في أبريل الماضي", doc=None) == [(None, "month")]
    assert dates("ديسمبر 2022", doc=None) == [("2022-12", "month")]


def test_bare_month_names_that_are_common_words_are_not_dates():
    # ماي / آب / مايو without a preposition or a year are not taken as months
    assert dates("قال آب المدينة إن") == []


def test_weekday_is_most_recent_on_or_before_doc_date():
    doc = parse_doc_date(DOC)
    for name, wd in [("الاثنين", 0), ("الثلاثاء", 1), ("الأربعاء", 2), ("الخميس", 3), ("الجمعة", 4), ("السبت", 5), ("الأحد", 6)]:
        (iso, prec), = dates(f"أعلن الوزير {name} أن")
        d = dt.date.fromisoformat(iso)
        assert d.weekday() == wd and 0 <= (doc - d).days < 7 and prec == "day"


def test_event_takes_the_date_of_its_sentence_or_the_document_date():
    from tests.test_events import code

    ev = code("أقام الجيش السوري حاجز تفتيش في إدلب في أبريل الماضي.", date=DOC)[0]
    assert (ev.date, ev.date_precision, ev.date_text.text) == ("2023-04", "month", "أبريل الماضي")
    ev = code("اعتقلت الشرطة التونسية ناصر الزفزافي.", date=DOC)[0]
    assert (ev.date, ev.date_precision, ev.date_text) == (DOC, "day", None)  # not stated: doc date
    # a date inside what was said belongs to the content, not to the statement
    ev = code("حذر أردوغان من تكرار ما جرى في عام 2020.", date=DOC)[0]
    assert ev.date == DOC
