"""News page segmentation (kg.ingest.segment) on the seed page and on other layouts."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.ingest import documents_from_text, segment_page, split_tags
from kg.ingest.segment import MARKERS_TSV, classify, load_markers, split_lines
from kg.nlp.text import split_sentences

DATA = Path(__file__).resolve().parent / "data" / "ingest"

BULLETS = [
    "وزير الخارجية ونظيره الروسي يتوافقان على أهمية دعم سوريا واحترام سيادتها",
    "بين حماية الدروز وتطبيع العلاقات.. ماذا يخفي لقاء جنبلاط بالجولاني؟",
    "السامرائي والسفير التركي يبحثان العلاقات الاقتصادية والتحولات في سوريا",
    "بوتين: الغرب يصعد الوضع .. ولا أستبعد تطبيع العلاقات مع أميركا",
    "العراق والسعودية يبحثان سبل دعم العلاقات الثنائية",
    "الرئيس الباكستاني ورئيس الشورى يبحثان تعزيز العلاقات",
    '"الخارجية البريطانية": نراقب الوضع في ألمانيا عن كثب بعد هجوم "ماجديبورج"',
    "الخارجية العراقية تحذر من عودة تنظيم داعش",
    "أردوغان والسيسي يبحثان العلاقات الثنائية وملفات إقليمية.. غزة وسوريا على الطاولة",
    "لافروف يناقش الوضع في أوكرانيا مع نظيره السويسري",
]
TEASER = "لافروف: روسيا مستعدة للمساعدة في التفاوض على اتفاق سلام بين أذربيجان وأرمينيا"


def _body(doc):
    return "\n".join(doc.text[s:e] for s, e in doc.body_ranges())


@pytest.fixture(scope="module")
def seed_docs(seed_text):
    return documents_from_text(seed_text, path="seed-article.txt")


def test_seed_main_article(seed_docs, seed_text):
    main = seed_docs[0]
    body = _body(main)
    assert main.text == seed_text
    assert body.startswith("ناقش وزير الخارجية الروسي سيرغي لافروف")
    assert body.endswith("بما في ذلك معبر لاتشين.")
    assert "وأشار البيان إلى أن" in body  # the paragraph after the teaser stays
    for furniture in ["إقرأ المزيد", TEASER, "المصدر", "كلمات دلالية", "كورونا", "إقرأ أيضاً", "مقالات مشابهة",
                      "الخارجية العراقية تحذر", "كشف وزير الخارجية العراقي"] + BULLETS:
        assert furniture not in body, furniture
    assert main.source == "RT Arabic"  # the most specific of "RT" and "RT Arabic"
    assert main.meta["sources"] == ["RT", "RT Arabic"]
    assert main.title is None  # the page starts with its lead sentence, not a headline
    assert main.parent is None


def test_seed_headlines_and_keywords(seed_docs):
    main = seed_docs[0]
    assert main.headlines == [TEASER] + BULLETS
    for h, (s, e) in zip(main.headlines, main.meta["headline_spans"]):
        assert main.text[s:e] == h  # spans point at the headline in the original text
    raw = main.meta["keywords_raw"]
    assert raw.startswith("كورونا باكو سيرغي لافروف")
    for kw in ["كورونا", "باكو", "سيرغي لافروف", "قره باغ", "قوات حفظ السلام", "موسكو", "وزارة الخارجية الروسية",
               "يريفان"]:
        assert kw in main.keywords
    assert len(main.keywords) == len({k for k in main.keywords})  # "قره باغ" twice in the tags, once here


def test_seed_read_also_article(seed_docs, seed_text):
    assert len(seed_docs) == 2
    main, iraq = seed_docs
    assert iraq.title == "الخارجية العراقية تحذر من عودة تنظيم داعش"
    s, e = iraq.title_span
    assert seed_text[s:e] == iraq.title
    assert iraq.text is seed_text or iraq.text == seed_text  # offsets point into the original page
    assert iraq.parent == main.id and iraq.id != main.id
    body = _body(iraq)
    assert body.startswith("كشف وزير الخارجية العراقي")
    assert body.endswith('"الوضع في سوريا لا يتحمل المزيد من القتال الداخلي".')
    assert "مقالات مشابهة" not in body and not any(b in body for b in BULLETS[:7])
    assert iraq.headlines == []
    # sentences of the second article stay inside its body
    sents = split_sentences(iraq.text, iraq.body_ranges())
    assert seed_text[sents[0][0]:sents[0][1]].startswith("كشف وزير الخارجية العراقي")
    assert all(iraq.body[0][0] <= a < b <= iraq.body[-1][1] for a, b in sents)


def test_seed_with_crlf_line_ends(seed_text):
    crlf = seed_text.replace("\n", "\r\n")
    docs = documents_from_text(crlf)
    lf = documents_from_text(seed_text)
    assert [d.id for d in docs] == [d.id for d in lf]  # ids ignore line ends
    assert docs[0].text == crlf  # the text is kept as given
    assert [d.title for d in docs] == [d.title for d in lf]
    assert docs[0].headlines == lf[0].headlines and docs[0].keywords == lf[0].keywords
    for d in docs:
        for s, e in d.body_ranges():
            assert "\r" not in crlf[s:e].replace("\r\n", "\n")  # no stray CR inside the ranges
            assert not crlf[s:e].endswith("\r")
        for a, b in split_sentences(d.text, d.body_ranges()):
            assert "\r" not in d.text[a:b] and "\n" not in d.text[a:b]
    assert _body(docs[1]).startswith("كشف وزير الخارجية العراقي")


def test_other_layout_page():
    text = (DATA / "other-layout.txt").read_text(encoding="utf-8")
    docs = documents_from_text(text)
    assert len(docs) == 1
    d = docs[0]
    assert d.title == "مصر تعلن خطة جديدة لدعم صادرات القطاع الزراعي"
    assert text[d.title_span[0]:d.title_span[1]] == d.title
    assert d.date == "2023-02-14"  # the dateline
    assert d.source == "وكالات"
    assert d.keywords == ["مصر", "الزراعة", "الصادرات", "وزارة الزراعة"]
    assert d.headlines == [
        "الحكومة تبحث تطوير الموانئ النهرية لتسهيل حركة التجارة",
        "ارتفاع أسعار الخضروات في الأسواق المحلية",
        "الحكومة تطلق مبادرة لدعم صغار المزارعين",
        "توقعات بموسم قمح قياسي هذا العام",
    ]
    body = _body(d)
    assert body.startswith("أعلنت وزارة الزراعة المصرية")
    assert body.endswith("بنسبة عشرة في المئة.")
    # a body sentence that starts with "شارك" is not a share button
    assert "شارك في المؤتمر ممثلون" in body
    for furniture in ["تابعونا", "الثلاثاء، 14 فبراير", "اقرأ أيضا", "وكالات", "الكلمات المفتاحية", "مواضيع ذات صلة",
                      "جميع الحقوق", "ارتفاع أسعار الخضروات"]:
        assert furniture not in body, furniture
    assert "\nشارك\n" not in "\n" + body + "\n"


def test_read_also_inside_the_article_is_a_teaser():
    """A read-also block followed by more of the article and then its source line."""
    text = "\r\n".join([
        "قالت وزارة الصحة في بيان اليوم إن عدد الإصابات بالحمى انخفض بنسبة كبيرة خلال الأسبوع الماضي.",
        "اقرأ ايضاً",
        "الصحة العالمية تحذر من موجة جديدة",
        "وأضاف البيان أن الفرق الطبية ستواصل حملات التطعيم في المناطق الريفية حتى نهاية الشهر.",
        "المصدر : وكالة الأنباء الرسمية",
        "",
    ])
    docs = documents_from_text(text)
    assert len(docs) == 1
    d = docs[0]
    assert d.headlines == ["الصحة العالمية تحذر من موجة جديدة"]
    assert d.source == "وكالة الأنباء الرسمية"
    body = _body(d)
    assert "وأضاف البيان" in body and "قالت وزارة الصحة" in body
    assert "اقرأ" not in body and "تحذر من موجة" not in body


def test_read_also_block_with_two_articles_and_a_list():
    text = "\n".join([
        "أعلن البنك المركزي اليوم رفع سعر الفائدة الرئيسي بمقدار نصف نقطة مئوية لمواجهة التضخم.",
        "وأوضح البنك في بيانه أن القرار يهدف إلى استقرار الأسعار خلال الأشهر المقبلة.",
        "المصدر: صحيفة تجريبية",
        "إقرأ أيضا:",
        "ارتفاع أسعار الذهب في الأسواق المحلية",
        "سجلت أسعار الذهب ارتفاعاً ملحوظاً في تعاملات اليوم وسط إقبال على الشراء.",
        "وقال تجار إن الطلب ارتفع بسبب اقتراب موسم الأعراس.",
        "الحكومة تقر موازنة العام المقبل",
        "أقر مجلس الوزراء مشروع موازنة العام المقبل بعجز يقل عن العام الحالي.",
        "مقالات ذات صلة",
        "• عنوان أول عن الاقتصاد",
        "• عنوان ثان عن الأسواق",
    ])
    docs = documents_from_text(text)
    assert [d.title for d in docs] == [None, "ارتفاع أسعار الذهب في الأسواق المحلية", "الحكومة تقر موازنة العام المقبل"]
    assert all(d.parent == docs[0].id for d in docs[1:])
    assert _body(docs[1]).startswith("سجلت أسعار الذهب") and _body(docs[1]).endswith("موسم الأعراس.")
    assert _body(docs[2]) == "أقر مجلس الوزراء مشروع موازنة العام المقبل بعجز يقل عن العام الحالي."
    assert docs[0].headlines == ["عنوان أول عن الاقتصاد", "عنوان ثان عن الأسواق"]
    assert docs[0].source == "صحيفة تجريبية"


def test_page_without_article_text_is_an_error():
    from kg.ingest import IngestError

    with pytest.raises(IngestError, match="no article text"):
        documents_from_text("المصدر: RT\nكلمات دلالية: روسيا\nمقالات مشابهة\n• عنوان\n", path="p.txt")


def test_split_tags():
    assert split_tags("روسيا، أوكرانيا، الأمم المتحدة") == ["روسيا", "أوكرانيا", "الأمم المتحدة"]
    assert split_tags("روسيا | أوكرانيا | الأمم المتحدة") == ["روسيا", "أوكرانيا", "الأمم المتحدة"]
    assert split_tags("#روسيا #الأمم_المتحدة") == ["روسيا", "الأمم المتحدة"]
    ctx = "قال وزير الخارجية سيرغي لافروف إن قوات حفظ السلام باقية في قره باغ."
    assert split_tags("موسكو سيرغي لافروف قره باغ قوات حفظ السلام موسكو", ctx) == [
        "موسكو", "سيرغي لافروف", "قره باغ", "قوات حفظ السلام"]


def test_markers_data_file():
    markers = load_markers()
    text = MARKERS_TSV.read_text(encoding="utf-8")
    assert text.startswith("#") and "Source" in text[:300]
    roles = {m.role for m in markers}
    assert roles == {"teaser", "read_also", "related", "source", "tags", "boilerplate", "byline"}

    def role(line):
        return classify(split_lines(line)[0]).role

    # spelling variants: hamza / no hamza, tanween / none
    for v in ["إقرأ أيضاً:", "اقرأ أيضا", "اقرأ ايضا :", "إقرأ ايضًا"]:
        assert role(v) == "read_also", v
    assert role("إقرأ المزيد عنوان خبر آخر") == "teaser"
    assert role("اقرأ المزيد: عنوان خبر آخر") == "teaser"
    assert role("المصدر: RT") == "source"
    assert role("مصدر الخبر: وكالة الأنباء") == "source"
    assert role("(وكالات)") == "source"
    assert role("كلمات دلالية: روسيا أوكرانيا") == "tags"
    assert role("مواضيع ذات صلة") == "related"
    assert role("الأكثر قراءة") == "related"
    assert role("تابعونا على تويتر") == "boilerplate"
    assert role("تابعوا RT على تلغرام") == "boilerplate"
    assert role("شارك") == "boilerplate"
    assert role("شارك عبر واتساب") == "boilerplate"
    assert role("جميع الحقوق محفوظة © 2024") == "boilerplate"
    assert role("حمل تطبيق الموقع الآن") == "boilerplate"
    assert role("صدر الصورة، Getty Images") == "boilerplate"
    assert role("للاشتراك في النشرة اضغط هنا") == "boilerplate"
    assert role("فيسبوك تويتر واتساب") == "boilerplate"
    # ordinary sentences are not furniture
    for s in ["شارك الآلاف في المظاهرة التي دعت إليها النقابات في العاصمة يوم الجمعة الماضي",
              "المصدر الرئيسي للطاقة في البلاد هو الغاز الطبيعي",
              "تابع الرئيس أعمال القمة العربية في الرياض باهتمام كبير وأكد دعم بلاده لقراراتها",
              "اقرأ المقال كاملا في العدد القادم من المجلة الذي سيصدر الأسبوع المقبل",
              "شارك في الاجتماع وزراء الخارجية العرب.",
              "تابع الرئيس أعمال القمة على مدى يومين",
              "تابعوا المفاوضات باهتمام كبير",
              "وتتعلق القضية بانتهاك حقوق النشر الخاصة بالفيلم.",
              "اشترك في السباق 200 عداء من عشر دول.",
              "نزل الوفد في فندق قريب من المطار."]:
        assert role(s) is None, s


def test_dateline_and_title_rules():
    from kg.ingest.segment import is_dateline

    assert is_dateline("الأربعاء، 16 أغسطس 2023 - 10:30 ص") == "2023-08-16"
    assert is_dateline("نشر في: 23/03/2017 - آخر تحديث: 24/03/2017") == "2017-03-23"
    assert is_dateline("Published on Fri, 01 Jun 2018 02:10:39 +0400") == "2018-06-01"
    assert is_dateline("الرئيس يستقبل الوفد الأردني في 16 أغسطس 2023 بالقصر") is None  # a sentence with a date
    text = "\n".join([
        "قمة عربية طارئة في 16 أغسطس 2023",
        "آخر تحديث: الخميس 17 أغسطس 2023 الساعة 10:00 بتوقيت غرينتش",
        "دعت الجامعة العربية إلى قمة طارئة لبحث الأوضاع في المنطقة بعد التطورات الأخيرة.",
        "وقال الأمين العام إن القمة ستعقد في القاهرة بمشاركة القادة العرب.",
    ])
    (d,) = documents_from_text(text)
    assert d.title == "قمة عربية طارئة في 16 أغسطس 2023"  # a headline with a date stays the title
    assert d.date == "2023-08-17"
    assert _body(d).startswith("دعت الجامعة العربية")


def test_given_title_with_site_suffix_matches_first_line():
    text = "الحكومة تعلن خطة جديدة للنقل العام\nأعلنت الحكومة اليوم عن خطة جديدة لتطوير النقل العام في المدن الكبرى.\n"
    (d,) = documents_from_text(text, title="الحكومة تعلن خطة جديدة للنقل العام | موقع تجريبي")
    assert d.title_span == (0, text.index("\n"))
    assert _body(d).startswith("أعلنت الحكومة")


def test_article_goes_on_after_a_related_sidebar():
    text = "\n".join([
        "أعلنت وزارة التربية عن مواعيد الامتحانات النهائية للعام الدراسي الحالي في جميع المحافظات.",
        "الأكثر قراءة",
        "• ارتفاع أسعار الوقود",
        "• فوز المنتخب الوطني",
        "وأوضحت الوزارة أن الامتحانات ستبدأ في الأسبوع الأول من شهر يونيو المقبل وتستمر أسبوعين.",
        "ودعت الوزارة الطلاب إلى الالتزام بالتعليمات المعلنة على موقعها الرسمي على الإنترنت.",
    ])
    (d,) = documents_from_text(text)
    assert d.headlines == ["ارتفاع أسعار الوقود", "فوز المنتخب الوطني"]
    body = _body(d)
    assert "وأوضحت الوزارة" in body and "ودعت الوزارة" in body and "الأكثر قراءة" not in body


def test_page_with_mid_article_read_also_list_byline_and_separators():
    text = "\n".join([
        "البرلمان يقر قانون الانتخابات الجديد",
        "كتب: أحمد محمود",
        "|",
        "آخر تحديث: 16/8/2023 10:30 (بتوقيت مكة المكرمة)",
        "أقر البرلمان في جلسته اليوم قانون الانتخابات الجديد بأغلبية كبيرة بعد نقاش استمر عدة أسابيع.",
        "اقرأ أيضا",
        "المعارضة تنتقد مشروع القانون",
        "خبراء: القانون يغير الخريطة السياسية",
        "موعد الانتخابات المقبلة",
        "وينص القانون على تقسيم البلاد إلى دوائر انتخابية جديدة وزيادة عدد المقاعد المخصصة للنساء.",
        "***",
        "وقال رئيس البرلمان إن القانون خطوة مهمة نحو تعزيز المشاركة السياسية.",
        "كتب: النواب رسالة إلى الحكومة",  # further down: ordinary text, not a byline
        "المصدر : الجزيرة + وكالات",
    ])
    (d,) = documents_from_text(text)
    assert d.title == "البرلمان يقر قانون الانتخابات الجديد"
    assert d.date == "2023-08-16"
    assert d.meta["author"] == "أحمد محمود"
    assert d.source == "الجزيرة + وكالات"
    assert d.headlines == ["المعارضة تنتقد مشروع القانون", "خبراء: القانون يغير الخريطة السياسية",
                           "موعد الانتخابات المقبلة"]
    body = _body(d)
    assert body.startswith("أقر البرلمان") and "وينص القانون" in body and "وقال رئيس البرلمان" in body
    assert "كتب: النواب رسالة" in body
    for furniture in ["أحمد محمود", "***", "آخر تحديث", "اقرأ أيضا", "المعارضة تنتقد", "المصدر"]:
        assert furniture not in body, furniture


def test_first_line_video_headline_is_the_title_not_a_teaser():
    text = "\n".join([
        "بالفيديو: لحظة انهيار مبنى قديم في وسط المدينة",
        "انهار مبنى سكني قديم صباح اليوم في وسط المدينة دون أن يسفر الحادث عن إصابات بحسب الدفاع المدني.",
        "شاهد: فرق الإنقاذ تواصل رفع الأنقاض",
        "وقال مسؤول محلي إن السلطات كانت قد أخلت المبنى قبل أسابيع بسبب تصدعات في جدرانه.",
    ])
    (d,) = documents_from_text(text)
    assert d.title == "بالفيديو: لحظة انهيار مبنى قديم في وسط المدينة"
    assert d.headlines == ["فرق الإنقاذ تواصل رفع الأنقاض"]
    assert "وقال مسؤول محلي" in _body(d) and "شاهد" not in _body(d)


def test_random_pages_keep_offsets_consistent():
    """Invariants on random mixes of furniture and text: ranges sorted, disjoint, inside the
    text, trimmed, never covering a dropped line; every document has a body."""
    import random

    from kg.ingest import IngestError

    rnd = random.Random(1234)
    pool = [
        "أعلنت الحكومة اليوم عن حزمة إجراءات اقتصادية جديدة لدعم الأسر محدودة الدخل في البلاد.",
        "وقال المتحدث باسم الوزارة إن الإجراءات ستدخل حيز التنفيذ مطلع الشهر المقبل.",
        "عنوان قصير لخبر آخر",
        "إقرأ المزيد عنوان خبر مرتبط",
        "اقرأ أيضا:",
        "مقالات مشابهة",
        "المصدر: وكالات",
        "(وكالات)",
        "كلمات دلالية: الاقتصاد الحكومة",
        "  • عنوان في قائمة",
        "شارك",
        "***",
        "الخميس 16 أغسطس 2023",
        "كتب: محرر الموقع",
        "",
        "   ",
    ]
    for _ in range(300):
        lines = [rnd.choice(pool) for _ in range(rnd.randint(1, 14))]
        sep = rnd.choice(["\n", "\r\n", "\n\n"])
        text = ("\ufeff" if rnd.random() < 0.1 else "") + sep.join(lines)
        try:
            docs = documents_from_text(text)
        except IngestError:
            continue
        page = segment_page(text)
        dropped = [(s, e) for s, e, _ in page.dropped]
        for d in docs:
            assert d.text is text
            ranges = d.body_ranges()
            assert ranges and all(0 <= s < e <= len(text) for s, e in ranges)
            assert all(ranges[k][1] <= ranges[k + 1][0] for k in range(len(ranges) - 1))
            for s, e in ranges:
                assert not text[s].isspace() and not text[e - 1].isspace()
                assert not any(s < de and ds < e for ds, de in dropped)
            if d.title_span:
                s, e = d.title_span
                assert not any(s < be and bs < e for bs, be in ranges)


def test_marker_value_offsets_skip_diacritics_and_tatweel_before_it():
    # markers are matched on normalize() of the line; the offset map (normalize_map) is built
    # only for a value, and must point into the original line past deleted marks
    from kg.ingest.segment import classify, split_lines

    for line in ("إقرأ أيضـــًا: وزير الخارجية يصل إلى موسكو", "المَصْدَرُ: وكالة الأنباء الرسمية"):
        text = "نص المقال هنا.\n" + line + "\n"
        ln = classify(split_lines(text)[1])
        assert ln.role in ("teaser", "source") and ln.value is not None, (line, ln)
        s, e = ln.value
        assert text[s:e] == line.split(": ", 1)[1]
