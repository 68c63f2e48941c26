"""Dates in news forms -> ISO (kg.ingest.dates)."""

from __future__ import annotations

import pytest

from kg.ingest.dates import MONTHS_TSV, month_names, parse_date


@pytest.mark.parametrize(
    "text, iso",
    [
        # RFC 2822 (RSS): the calendar date as written, in the publisher's zone
        ("Fri, 01 Jun 2018 02:10:39 +0400", "2018-06-01"),
        ("Thu, 31 May 2018 23:59:00 -0500", "2018-05-31"),
        # ISO 8601 with and without time/zone
        ("2017-03-23", "2017-03-23"),
        ("2018-06-01T02:10:39+04:00", "2018-06-01"),
        ("2018-06-01T22:10:39Z", "2018-06-01"),
        ("2018-06-01 02:10", "2018-06-01"),
        ("20170323", "2017-03-23"),
        # numeric, day first (Arabic news convention)
        ("23/03/2017", "2017-03-23"),
        ("23-03-2017", "2017-03-23"),
        ("23.03.17", "2017-03-23"),
        ("03/04/2017", "2017-04-03"),  # ambiguous: day first
        ("03/23/2017", "2017-03-23"),  # 23 cannot be a month: month first
        ("٢٣/٠٣/٢٠١٧", "2017-03-23"),  # Arabic-Indic digits
        # Arabic month names, all regional series
        ("16 أغسطس 2023", "2023-08-16"),
        ("16 اغسطس 2023", "2023-08-16"),
        ("16 آب 2023", "2023-08-16"),
        ("16 آب/أغسطس 2023", "2023-08-16"),
        ("16 أغسطس (آب) 2023", "2023-08-16"),
        ("١٦ أغسطس ٢٠٢٣", "2023-08-16"),
        ("الأربعاء، 16 أغسطس 2023 - 10:30 ص", "2023-08-16"),
        ("16 من شهر أغسطس من عام 2023", "2023-08-16"),
        ("3 جانفي 2016", "2016-01-03"),
        ("5 أوت 2017", "2017-08-05"),
        ("1 ماي 2015", "2015-05-01"),
        ("2 مايو 2015", "2015-05-02"),
        ("9 يونيه 2015", "2015-06-09"),
        ("12 كانون الأول 2022", "2022-12-12"),
        ("12 كانون الثاني 2022", "2022-01-12"),
        ("7 تشرين الأول 2023", "2023-10-07"),
        ("7 تشرين الثاني 2023", "2023-11-07"),
        ("20 شباط 2020", "2020-02-20"),
        ("4 غشت 2019", "2019-08-04"),
        ("4 شتنبر 2019", "2019-09-04"),
        # English
        ("16 August 2023", "2023-08-16"),
        ("August 16, 2023", "2023-08-16"),
        ("Aug 16 2023", "2023-08-16"),
    ],
)
def test_parse_date_forms(text, iso):
    assert parse_date(text) == iso


@pytest.mark.parametrize(
    "text",
    [None, "", "أمس", "أغسطس 2023", "30/02/2017", "31 نيسان 2020", "16 أغسطس 3023", "no date here", "12:30", "1 محرم 1445"],
)
def test_parse_date_rejects(text):
    assert parse_date(text) is None


def test_month_data_covers_every_month_in_each_main_series():
    names = month_names()
    assert sorted(set(names.values())) == list(range(1, 13))
    # the file says where it came from
    head = MONTHS_TSV.read_text(encoding="utf-8").splitlines()[0]
    assert head.startswith("#") and "Source" in MONTHS_TSV.read_text(encoding="utf-8")[:400]
    from kg.nlp.text import normalize

    for levantine, egyptian in [("كانون الثاني", "يناير"), ("آب", "أغسطس"), ("تشرين الأول", "أكتوبر")]:
        assert names[normalize(levantine)] == names[normalize(egyptian)]
