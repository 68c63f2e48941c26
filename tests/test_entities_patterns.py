"""Organization and place head patterns (kg.nlp.roles): invented sentences, gazetteer + patterns only."""

from __future__ import annotations

import pytest

from kg.config import Config
from kg.model import Document, Sentence
from kg.nlp.entities import EntityRecognizer
from kg.nlp.text import split_sentences


@pytest.fixture(scope="module")
def rec() -> EntityRecognizer:
    return EntityRecognizer(Config(ner="gazetteer"))


def run(rec, text):
    doc = Document(id="p1", text=text)
    sents = [Sentence(s, e) for s, e in split_sentences(text)]
    ents = rec(doc, sents)
    for e in ents:
        for m in e.mentions:
            assert text[m.start:m.end] == m.text
    return ents


def forms(ents, typ):
    return {m.text for e in ents if e.type == typ for m in e.mentions if m.kind != "nisba"}


def test_definite_head_with_relational_adjectives(rec):
    ents = run(rec, "أصدر المجلس الرئاسي بيانا، ورفضت المحكمة الجزائية المتخصصة الطعن. "
                    "وقال المجلس الأعلى للدولة إن الوضع صعب.")
    orgs = forms(ents, "ORG")
    assert {"المجلس الرئاسي", "المحكمة الجزائية المتخصصة", "المجلس الأعلى للدولة"} <= orgs


def test_definite_head_with_genitive_and_gentilic(rec):
    ents = run(rec, "دعت اللجنة الوطنية لحقوق الإنسان إلى التحقيق. وأعلن المجلس التشريعي الفلسطيني موقفه.")
    orgs = forms(ents, "ORG")
    assert "اللجنة الوطنية لحقوق الإنسان" in orgs
    council = next(e for e in ents if e.type == "ORG" and e.label.startswith("المجلس التشريعي"))
    assert council.country == "PSE"
    assert any(e.id == "GPE:PSE" for e in ents)  # the gentilic stays a mention of the country


def test_definite_head_alone_or_with_descriptive_adjective_is_not_an_entity(rec):
    ents = run(rec, "وقال المجلس إن الوكالة الرسمية نقلت الخبر عن الحرس الشخصي للرئيس.")
    assert not [e for e in ents if e.type == "ORG"]


def test_named_head_ends_with_a_gentilic(rec):
    ents = run(rec, "قالت مصلحة السجون الإسرائيلية إن الأسرى نقلوا. وأعلنت شركة الكهرباء انقطاع التيار.")
    prisons = next(e for e in ents if e.type == "ORG" and "السجون" in e.label)
    assert prisons.label == "مصلحة السجون الإسرائيلية" and prisons.country == "ISR"
    assert "شركة الكهرباء" in forms(ents, "ORG")


def test_institution_with_gentilic_and_modifier(rec):
    ents = run(rec, "حكمت المحكمة الإسرائيلية المركزية على الشاب بالسجن.")
    court = next(e for e in ents if e.type == "ORG")
    assert "المحكمة الإسرائيلية المركزية" in {m.text for m in court.mentions} and court.country == "ISR"


def test_named_head_stops_at_descriptive_words(rec):
    ents = run(rec, "هاجم عناصر جماعة المرابطين التابعة للتنظيم المدينة.")
    assert "جماعة المرابطين" in forms(ents, "ORG")
    assert not [x for x in forms(ents, "ORG") if "التابعة" in x]


def test_place_head_with_unknown_name(rec):
    ents = run(rec, "وقع الانفجار في منطقة زغدوديت ثم امتد إلى بلدة قرقوزة وحي الزيتونات.")
    assert {"زغدوديت", "قرقوزة"} <= forms(ents, "GPE")
    assert "الزيتونات" in forms(ents, "LOC")


def test_place_head_with_common_word_or_adjective_is_not_a_place(rec):
    ents = run(rec, "سقطت القذيفة في منطقة سكنية قرب قرية نائية، ثم في منطقة الحدود وغابات المدينة.")
    assert not [e for e in ents if e.type in ("GPE", "LOC")]


def test_tagger_org_over_a_place_keeps_the_organization():
    from kg.nlp.roles import analyse_sentence
    from kg.nlp.gazetteer import load_gazetteer
    from kg.nlp.text import tokenize

    gaz = load_gazetteer()
    text = "وقال المجلس الأعلى للدولة الليبية إن الاجتماع تأجل."
    toks = tokenize(text, 0, len(text))
    s = text.index("المجلس")
    e = text.index("الليبية") + len("الليبية")
    found = analyse_sentence(gaz, text, toks, 0, gaz.match(toks), [(s, e, "ORG", "Government")])
    org = [f for f in found if f.type == "ORG"]
    assert [(f.start, f.end, f.country) for f in org] == [(s, e, "LBY")]
    assert any(f.kind == "nisba" and f.country == "LBY" for f in found)
    # a tagger span that is only a head + gentilic stays the gazetteer's (the country, no ORG)
    text2 = "ونشرت المجلة البريطانية التقرير."
    toks2 = tokenize(text2, 0, len(text2))
    s2 = text2.index("المجلة")
    found2 = analyse_sentence(gaz, text2, toks2, 0, gaz.match(toks2), [(s2, len(text2) - 9, "ORG", "Media")])
    assert not [f for f in found2 if f.type == "ORG"]


def test_family_names_are_organizations(rec):
    ents = run(rec, "وانتقد آل الخطيب القرار، فيما رحب الأمير فيصل بن خالد آل مرزوق به ودعا لآل سعود.")
    fams = {e.label for e in ents if e.type == "ORG" and e.fine_type == "Family"}
    assert fams == {"آل الخطيب", "آل سعود"}  # not the آل inside a person's name
    assert not [e for e in ents if e.type == "ORG" and "مرزوق" in e.label]


def test_bare_parliament_is_the_document_country(rec):
    ents = run(rec, "صادق مجلس النواب على القانون. وقال رئيس الحكومة التونسية إن البرلمان التونسي "
                    "والمعارضة التونسية اتفقا، ورحب الشعب التونسي.")
    house = next(e for e in ents if e.type == "ORG" and e.label.startswith("مجلس النواب"))
    assert house.country == "TUN" and house.label == "مجلس النواب التونسي"
    # a generic head alone is still nothing
    assert not [e for e in run(rec, "وقالت الحكومة إن البرلمان سيجتمع.") if e.type == "ORG"]


def test_named_head_with_a_noun_in_construct(rec):
    ents = run(rec, "وقالت هيئة شؤون الأسرى والمحررين إن حكومة تصريف الأعمال لم ترد.")
    assert {"هيئة شؤون الأسرى والمحررين", "حكومة تصريف الأعمال"} <= forms(ents, "ORG")
    # an indefinite noun not followed by a definite word, or an accusative, is no name
    ents = run(rec, "وشكلت لجنة جديدة بعد أن وجهت هيئة رسالة شديدة اللهجة.")
    assert not [e for e in ents if e.type == "ORG"]


def test_facility_named_after_a_person(rec):
    ents = run(rec, "هبطت الطائرة في مطار الإمام الخميني الدولي ثم تجمع الناس في ساحة الشهيد سعيد العمري.")
    locs = forms(ents, "LOC")
    assert {"مطار الإمام الخميني الدولي", "ساحة الشهيد سعيد العمري"} <= locs
    assert not [e for e in ents if e.type == "PER"]  # the person is part of the facility's name
    # an honorific with no name after it is not a facility name
    assert not [e for e in run(rec, "وصل إلى المطار الملك ثم غادر.") if e.type == "LOC"]


def test_organization_head_with_a_place_name(rec):
    ents = run(rec, "وقالت شرطة باريس إن مصرف ليبيا المركزي حول الأموال.")
    police = next(e for e in ents if e.type == "ORG" and e.label == "شرطة باريس")
    assert police.country == "FRA"
    bank = next(e for e in ents if e.type == "ORG" and e.label == "مصرف ليبيا المركزي")
    assert bank.country == "LBY"
    assert not [e for e in ents if e.type == "GPE"]  # places inside names are not mentions


def test_tagger_person_extends_to_an_unknown_family_name_and_drops_trailing_words():
    from kg.nlp.gazetteer import load_gazetteer
    from kg.nlp.roles import analyse_sentence
    from kg.nlp.text import tokenize

    gaz = load_gazetteer()
    text = "واجتمع الوزراء عبد الكريم زمراوي و نظيره أمس."
    toks = tokenize(text, 0, len(text))
    s = text.index("عبد")
    found = analyse_sentence(gaz, text, toks, 0, gaz.match(toks), [(s, s + len("عبد الكريم"), "PER", "")])
    assert [text[f.start:f.end] for f in found if f.type == "PER" and f.kind == "name"] == ["عبد الكريم زمراوي"]
    text = "ويزور الوزير سليم الغرايبي يومي الأحد والاثنين تونس."
    toks = tokenize(text, 0, len(text))
    s = text.index("سليم")
    e = text.index("يومي") + len("يومي")
    found = analyse_sentence(gaz, text, toks, 0, gaz.match(toks), [(s, e, "PER", "")])
    assert "سليم الغرايبي" in [text[f.start:f.end] for f in found if f.type == "PER"]


def test_tagger_organization_spans_lose_trailing_words_and_generic_ones_are_dropped():
    from kg.nlp.gazetteer import load_gazetteer
    from kg.nlp.roles import analyse_sentence
    from kg.nlp.text import tokenize

    gaz = load_gazetteer()
    text = 'وقال عضو في مجلس أعيان الزاوية لوكالة "الأنباء" إن الاتحاد حاليا يدرس الانضمام لحزب سياسي.'
    toks = tokenize(text, 0, len(text))

    def span(a, b):
        s = text.index(a)
        return (s, text.index(b) + len(b), "ORG", "")

    spans = [span("مجلس", "لوكالة"), span("الاتحاد", "حاليا"), span("حزب", "سياسي")]
    found = analyse_sentence(gaz, text, toks, 0, gaz.match(toks), spans)
    # الاتحاد alone (after losing حاليا) is a common word: dropped like any lone common word
    assert [text[f.start:f.end] for f in found if f.type == "ORG"] == ["مجلس أعيان الزاوية"]


def test_organization_inside_a_title_description(rec):
    ents = run(rec, "وقال رئيس هيئة مكافحة الفساد عماد الدرويشي إن الملفات أحيلت.")
    assert "هيئة مكافحة الفساد" in forms(ents, "ORG")
    assert "عماد الدرويشي" in forms(ents, "PER")


def test_authorities_diplomacy_and_security_with_a_gentilic_are_the_country(rec):
    ents = run(rec, "وأعلنت السلطات الكندية أن الدبلوماسية الكندية تعمل مع الأمن الكندي على حماية المواطنين.")
    assert not [e for e in ents if e.type == "ORG"]
    assert any(e.id == "GPE:CAN" for e in ents)  # the gentilics stay mentions of the country


def test_head_with_another_generic_noun_names_nothing(rec):
    ents = run(rec, "وقالت كتلة الحزب إنها ستصوت، وأكدت رئاسة الوزراء أن جمعية الطلبة ستشارك.")
    orgs = forms(ents, "ORG")
    assert "كتلة الحزب" not in orgs and "رئاسة الوزراء" not in orgs
    assert "جمعية الطلبة" in orgs


def test_head_blocked_by_a_proclitic_or_a_preceding_word(rec):
    ents = run(rec, "وجاء القرار لمصلحة الفلاحين، وهو في مصلحة المواطنين، وقالت مصلحة الضرائب إنها ستراجع.")
    orgs = forms(ents, "ORG")
    assert "مصلحة الفلاحين" not in orgs and "مصلحة المواطنين" not in orgs
    assert "مصلحة الضرائب" in orgs


def test_definite_head_after_lil_gets_its_article_back(rec):
    ents = run(rec, "ووجه النائب رسالة للحزب الاشتراكي وللمجلس البلدي.")
    labels = {e.label for e in ents if e.type == "ORG"}
    assert {"الحزب الاشتراكي", "المجلس البلدي"} <= labels
    assert "لحزب الاشتراكي" in forms(ents, "ORG")  # the mention stays the exact text after ل


def test_adjective_of_the_other_gender_does_not_continue_the_name(rec):
    ents = run(rec, "وصوت النواب على مشروع الحكومة الأصلي، ورفضت الحكومة الاتحادية التعديل.")
    orgs = forms(ents, "ORG")
    assert "الحكومة الأصلي" not in orgs
    assert "الحكومة الاتحادية" in orgs


def test_programme_names_are_not_entities():
    from kg.nlp.gazetteer import load_gazetteer
    from kg.nlp.roles import analyse_sentence
    from kg.nlp.text import tokenize

    gaz = load_gazetteer()
    text = 'وقال الوزير في برنامج "ساعة حوار" إن الاتفاق قريب، وأضاف ضيف برنامج ميدانيات أن حزب الأمل سيشارك.'
    toks = tokenize(text, 0, len(text))

    def span(a, typ):
        s = text.index(a)
        return (s, s + len(a), typ, "")

    spans = [span("ساعة حوار", "ORG"), span("ميدانيات", "ORG")]
    found = analyse_sentence(gaz, text, toks, 0, gaz.match(toks), spans)
    got = [text[f.start:f.end] for f in found if f.type == "ORG"]
    assert "ساعة حوار" not in got and "ميدانيات" not in got
    assert "حزب الأمل" in got


def test_institution_with_its_seat_city(rec):
    ents = run(rec, "وكانت النيابة العامة بسوسة قد أذنت بفتح تحقيق، وقالت المحكمة الإدارية إن الطعن مرفوض.")
    org = next(e for e in ents if e.type == "ORG" and e.label.startswith("النيابة العامة"))
    assert org.label == "النيابة العامة بسوسة" and org.country == "TUN"
    assert not [e for e in ents if e.type == "GPE"]  # the seat is part of the name
    assert "المحكمة الإدارية" in forms(ents, "ORG")


def test_ministry_with_a_compound_portfolio(rec):
    ents = run(rec, "وأعلنت وزارة الأوقاف والشؤون الإسلامية المغربية أن الصلاة ستقام في موعدها.")
    org = next(e for e in ents if e.type == "ORG")
    assert org.label == "وزارة الأوقاف والشؤون الإسلامية المغربية" and org.country == "MAR"


def test_embassy_of_a_country(rec):
    ents = run(rec, "وقالت سفارة المملكة المتحدة في عمان إن القنصلية ستغلق.")
    org = next(e for e in ents if e.type == "ORG")
    assert org.label == "سفارة المملكة المتحدة" and org.country == "GBR"


def test_facility_with_place_and_modifier(rec):
    ents = run(rec, "هبطت الطائرة في مطار طرابلس القديم بعد إغلاق مطار بنغازي.")
    labels = {e.label for e in ents if e.type == "LOC"}
    assert "مطار طرابلس القديم" in labels and any(x.startswith("مطار بنغاز") for x in labels)


def test_shorter_form_of_an_organization_or_place_joins_the_longer_one(rec):
    ents = run(rec, "أعلن حزب التضامن الوطني الديمقراطي ترشحه. وقال حزب التضامن إن القائمة جاهزة. "
                    "ورست السفينة في ميناء الحديدة الجديد، ثم أغلق ميناء الحديدة.")
    orgs = [e for e in ents if e.type == "ORG"]
    assert len(orgs) == 1 and {m.text for m in orgs[0].mentions} == {"حزب التضامن الوطني الديمقراطي", "حزب التضامن"}
    assert orgs[0].label == "حزب التضامن الوطني الديمقراطي"
    airports = [e for e in ents if e.type == "LOC"]
    assert len(airports) == 1 and airports[0].label.endswith("الجديد") and len(airports[0].mentions) == 2


def test_shorter_name_does_not_join_a_coordination(rec):
    ents = run(rec, "فاز تحالف جبهة الإنقاذ والعدالة الوطنية بمقعدين، وحصلت جبهة الإنقاذ الوطنية على مقعد.")
    labels = {e.label for e in ents if e.type == "ORG"}
    assert "جبهة الإنقاذ الوطنية" in labels


def test_direction_plus_country_is_the_country(rec):
    ents = run(rec, "ستقام المناطق الآمنة في شمال سوريا.")
    assert [e.id for e in ents] == ["GPE:SYR"]


def test_head_before_a_country_read_as_an_office_or_an_interest_is_no_organization(rec):
    ents = run(rec, "أدى اليمين لرئاسة الولايات المتحدة، وفازت برئاسة فرنسا، مع مراعاة مصلحة تونس. "
                    "وقالت حكومة دبي إن شرطة لندن تحقق.")
    orgs = forms(ents, "ORG")
    assert not [o for o in orgs if "رئاسة" in o or "مصلحة" in o]
    assert {"حكومة دبي", "شرطة لندن"} <= orgs


def test_organization_of_participle_plural_in_construct(rec):
    ents = run(rec, "وقال رئيس نقابة مستوردي الأدوية الأجنبية إن الأسعار سترتفع.")
    assert "نقابة مستوردي الأدوية الأجنبية" in forms(ents, "ORG")
    assert not [e for e in ents if e.type == "PER"]


def test_body_of_an_organization_named_elsewhere_is_no_entity(rec):
    ents = run(rec, "وقرر المجلس الوطني للحزب عقد مؤتمره، وقالت الهيئة السياسية للحركة إن المجلس الأعلى للدولة رفض.")
    orgs = forms(ents, "ORG")
    assert "المجلس الوطني للحزب" not in orgs and "المجلس الأعلى للدولة" in orgs


def test_tagger_spans_map_to_the_tokens_that_hold_them(rec):
    """A tagger span is indexed from the token that starts at or contains its start (a span
    after a proclitic: وبشار) to the token that ends at or contains its end; a span whose edge
    falls between tokens is dropped."""
    from kg.nlp.roles import _Sentence
    from kg.nlp.text import tokenize

    text = "قال وبشار الأسد إن  حزب الوسط الجديد سيشارك"
    toks = tokenize(text)
    b = text.index("بشار")
    spans = [(b, text.index(" إن"), "PER", ""),                       # starts inside وبشار
             (text.index("حزب"), text.index(" سيشارك"), "ORG", "Party"),  # exact token edges
             (text.index("إن") + 2, text.index("حزب") - 1, "LOC", ""),      # in the gap: dropped
             (0, 3, "MISC", "")]                                        # not a kept type
    s = _Sentence(rec.gazetteer, text, toks, 0, [], spans)
    words = [t.text for t in toks]
    assert s.tag_by_start == {words.index("وبشار"): (words.index("الأسد") + 1, "PER", "", b, text.index(" إن")),
                              words.index("حزب"): (words.index("الجديد") + 1, "ORG", "Party", text.index("حزب"),
                                                   text.index(" سيشارك"))}
    assert [k for k, c in enumerate(s.tag_cover) if c] == [1, 2, 4, 5, 6]
