"""Entity recognition: roles, coreference, linking, cross-document identity, the seed article.

These run with ``ner="gazetteer"`` (gazetteer + patterns, no statistical model) so that they
test this layer alone; one test checks that the default backend gives the same seed entities.
"""

from __future__ import annotations

import logging

import pytest

from kg.config import Config
from kg.errors import ConfigError
from kg.iri import entity_iri
from kg.model import Document, Sentence
from kg.nlp.entities import EntityRecognizer
from kg.nlp.text import split_sentences


@pytest.fixture(scope="module")
def rec() -> EntityRecognizer:
    return EntityRecognizer(Config(ner="gazetteer"))


def run(rec, text, doc_id="d1"):
    doc = Document(id=doc_id, text=text)
    sents = [Sentence(s, e) for s, e in split_sentences(text)]
    ents = rec(doc, sents)
    for e in ents:  # offsets are sacred
        for m in e.mentions:
            assert text[m.start:m.end] == m.text
            assert m.sentence is not None and sents[m.sentence].start <= m.start < m.end <= sents[m.sentence].end
    return ents


def by_id(ents):
    return {e.id: e for e in ents}


def find(ents, label_part, typ=None):
    hits = [e for e in ents if label_part in e.label and (typ is None or e.type == typ)]
    assert len(hits) == 1, (label_part, [(e.id, e.label) for e in ents])
    return hits[0]


# --- roles -------------------------------------------------------------------------------

def test_title_gentilic_name(rec):
    ents = run(rec, "ناقش وزير الخارجية الروسي سيرغي لافروف الوضع في المنطقة.")
    lav = find(ents, "لافروف", "PER")
    assert lav.label == "سيرغي لافروف" and lav.country == "RUS" and lav.title == "وزير الخارجية"
    rus = by_id(ents)["GPE:RUS"]
    nis = [m for m in rus.mentions if m.kind == "nisba"]
    assert [m.text for m in nis] == ["الروسي"]


def test_counterpart_with_invented_name(rec):
    # names that are in no list: the title pattern must find them
    text = "بحث وزير الخارجية التونسي كمال بن زهير مع نظيره الأرميني سركيس داودزيان العلاقات الثنائية."
    ents = run(rec, text)
    a = find(ents, "كمال بن زهير", "PER")
    assert a.country == "TUN" and a.title == "وزير الخارجية"
    b = find(ents, "سركيس داودزيان", "PER")
    assert b.country == "ARM" and "counterpart" in b.roles
    assert b.title == "وزير الخارجية"  # a counterpart holds the same office
    kinds = {m.kind for m in b.mentions}
    assert "nominal" in kinds  # نظيره is a mention of him
    assert any(m.text == "نظيره" for m in b.mentions)


def test_comma_apposition(rec):
    ents = run(rec, "كشف وزير الخارجية العراقي، زياد الحمداني، مساء الخميس، أن الوضع خطير.")
    p = find(ents, "زياد الحمداني", "PER")
    assert p.label == "زياد الحمداني" and p.country == "IRQ" and p.title == "وزير الخارجية"


def test_state_minister_for_affairs(rec):
    text = "اتصال هاتفي مع وزير الدولة البريطاني لشؤون الشرق الأوسط وشمال إفريقيا، جوناثان بريدجووتر، وفق بيان."
    ents = run(rec, text)
    p = find(ents, "جوناثان بريدجووتر", "PER")
    assert p.country == "GBR" and p.title.startswith("وزير الدولة لشؤون الشرق الأوسط")
    assert any(e.type == "LOC" for e in ents)


@pytest.mark.parametrize("text,name,title", [
    ("قال الرئيس الفرنسي جان لوكوري إن بلاده مستعدة.", "جان لوكوري", "الرئيس"),
    ("أعلن المتحدث باسم الكرملين فاسيلي تروبين أن اللقاء تأجل.", "فاسيلي تروبين", "المتحدث باسم الكرملين"),
    ("التقى السفير الأمريكي روبرت غلاسمان بالمسؤولين.", "روبرت غلاسمان", "السفير"),
    ("وقال رئيس حركة النهضة راشد الغنوشي إن الحركة تدعم الحكومة.", "راشد الغنوشي", "رئيس حركة النهضة"),
])
def test_other_titles(rec, text, name, title):
    p = find(run(rec, text), name, "PER")
    assert p.label == name and p.title == title


def test_name_stops_at_verbs_and_function_words(rec):
    ents = run(rec, "وقال الرئيس التونسي منصف الرياحي في كلمة ألقاها إن البلاد بخير.")
    p = find(ents, "منصف", "PER")
    assert p.label == "منصف الرياحي"
    ents = run(rec, "السفير التركي يبحثان العلاقات الاقتصادية.")
    assert not [e for e in ents if e.type == "PER"]


def test_ministry_and_institutions_with_gentilic(rec):
    ents = run(rec, "وجاء في بيان الخارجية الروسية أن وزارة الخارجية الأرمينية وصفت إقامة الحاجز بأنه انتهاك. "
                    "وقال وزارة خارجية روسيا إن الجيش السوري انسحب.")
    ids = by_id(ents)
    ru = ids["ORG:وزاره الخارجيه الروسيه"]
    assert ru.attributes["affiliation"] == "GPE:RUS" and ru.country == "RUS"
    assert {m.text for m in ru.mentions} == {"الخارجية الروسية", "وزارة خارجية روسيا"}
    am = ids["ORG:وزاره الخارجيه الارمينيه"]
    assert am.attributes["affiliation"] == "GPE:ARM" and am.label == "وزارة الخارجية الأرمينية"
    assert ids["ORG:الجيش السوري"].attributes["affiliation"] == "GPE:SYR"
    # the gentilics stay mentions of their countries
    assert any(m.kind == "nisba" for m in ids["GPE:ARM"].mentions)


# --- coreference -------------------------------------------------------------------------

def test_surname_joins_full_name(rec):
    text = ("كشف وزير الخارجية العراقي، زياد الحمداني، أن التنظيم يعيد صفوفه. "
            "وحذّر الحمداني من خطورة الوضع. وأضاف الحمداني أن الحوار ضروري.")
    ents = run(rec, text)
    per = [e for e in ents if e.type == "PER"]
    assert len(per) == 1
    p = per[0]
    assert p.label == "زياد الحمداني"
    assert sum(m.kind == "alias" for m in p.mentions) == 2
    assert "الحمداني" in p.aliases


def test_nominal_resolves_to_named_person(rec):
    text = ("اتصل وزير الخارجية العراقي مع وزير الدولة البريطاني، توماس ريدلي، وفق بيان. "
            "وأعرب الوزير البريطاني عن قلق بلاده.")
    ents = run(rec, text)
    p = find(ents, "توماس ريدلي", "PER")
    nominal = [m for m in p.mentions if m.kind == "nominal"]
    assert [m.text for m in nominal] == ["الوزير البريطاني"]


def test_nominal_without_antecedent_is_dropped(rec):
    ents = run(rec, "وأعرب الوزير البريطاني عن قلق بلاده.")
    assert not [e for e in ents if e.type == "PER"]
    assert "GPE:GBR" in by_id(ents)


def test_capital_for_government_and_as_place(rec):
    ents = run(rec, "موسكو تدعو إلى الحوار. ووصل الوفد إلى موسكو أمس، ثم إلى باكو.")
    msk = find(ents, "موسكو", "GPE")
    assert msk.attributes["capital_of"] == "GPE:RUS"
    assert [m.kind for m in msk.mentions] == ["capital", "name"]
    assert msk.id.startswith("GPE:geonames-") and msk.external_ids["geonames"]


# --- cross-document identity -------------------------------------------------------------

def test_same_ids_and_iris_across_documents(rec):
    d1 = run(rec, "ناقش وزير الخارجية الروسي سيرغي لافروف مع نظيره الأرميني الوضع في روسيا.", "a")
    d2 = run(rec, "قال لافروف إن روسيا مستعدة. وأكدت الخارجية الروسية ذلك. كما أن وزارة الخارجية الروسية رحبت.", "b")
    i1, i2 = by_id(d1), by_id(d2)
    for key in ("GPE:RUS", "PER:سيرغي لافروف"):
        assert key in i1 and key in i2
        assert i1[key].iri == i2[key].iri == entity_iri(key, Config().base_iri)
    assert i2["GPE:RUS"].external_ids["iso3166"] == "RUS"
    # one ministry, one id, whatever the spelling
    assert len([e for e in d2 if e.type == "ORG"]) == 1


def test_unlinked_people_keyed_by_normalized_name(rec):
    d1 = run(rec, "وقال الرئيس الفرنسي جان لوكوري إن بلاده مستعدة.", "a")
    d2 = run(rec, "وأكد الرئيس الفرنسي جان لُوكوري أن فرنسا ستساعد.", "b")  # with a damma
    assert find(d1, "جان", "PER").id == find(d2, "جان", "PER").id == "PER:جان لوكوري"


def test_surname_alone_stays_its_own_entity(rec):
    ents = run(rec, "وأضاف الحمداني أن الحوار ضروري.")
    assert not [e for e in ents if e.type == "PER"]  # no title, no model: nothing to go on


def test_iri_uses_config_base():
    r = EntityRecognizer(Config(ner="gazetteer", base_iri="http://example.org/kg/"))
    ents = run(r, "زار روسيا.")
    assert ents[0].iri == "http://example.org/kg/gpe/RUS"


def test_unknown_backend_is_a_config_error():
    with pytest.raises(ConfigError, match="bogus"):
        EntityRecognizer(Config(ner="bogus"))


def test_crf_backend_falls_back_with_one_warning(monkeypatch, caplog):
    import kg.nlp.entities as ents_mod

    def boom():
        raise FileNotFoundError("no model here")

    import kg.nlp.crf as crf

    monkeypatch.setattr(crf, "load_tagger", boom)
    monkeypatch.setattr(ents_mod, "_WARNED", set())
    r = EntityRecognizer(Config(ner="crf"))
    with caplog.at_level(logging.WARNING, logger="kg.nlp.entities"):
        assert r.describe() == "gazetteer+patterns"
        r2 = EntityRecognizer(Config(ner="crf"))
        r2.describe()
    assert len([rec_ for rec_ in caplog.records if "unavailable" in rec_.getMessage()]) == 1
    assert by_id(run(r, "زار روسيا."))["GPE:RUS"]


# --- the seed article ---------------------------------------------------------------------

SEED_EXPECT = [
    # (id or None, type, label part, country, title)
    ("PER:سيرغي لافروف", "PER", "سيرغي لافروف", "RUS", "وزير الخارجية"),
    (None, "PER", "أرارات ميرزويان", "ARM", "وزير الخارجية"),
    (None, "PER", "فؤاد حسين", "IRQ", "وزير الخارجية"),
    (None, "PER", "هاميش فالكونر", "GBR", None),
    ("GPE:RUS", "GPE", "روسيا", "RUS", None),
    ("GPE:ARM", "GPE", "أرمينيا", "ARM", None),
    ("GPE:AZE", "GPE", "أذربيجان", "AZE", None),
    ("GPE:IRQ", "GPE", "العراق", "IRQ", None),
    ("GPE:SYR", "GPE", "سوريا", "SYR", None),
    ("GPE:GBR", "GPE", "المملكة المتحدة", "GBR", None),
    (None, "LOC", "ناغورني قره باغ", "AZE", None),
    (None, "LOC", "ممر لاتشين", "AZE", None),
    (None, "GPE", "ستيباناكيرت", "AZE", None),
    (None, "GPE", "باكو", "AZE", None),
    (None, "ORG", "مجلس الأمن الدولي", None, None),
    (None, "ORG", "تنظيم الدولة الإسلامية", None, None),
    (None, "ORG", "قوات سوريا الديمقراطية", "SYR", None),
    ("ORG:وزاره الخارجيه الروسيه", "ORG", "وزارة الخارجية الروسية", "RUS", None),
    ("ORG:وزاره الخارجيه الارمينيه", "ORG", "وزارة الخارجية الأرمينية", "ARM", None),
]


def seed_entities(seed_text, ner="gazetteer"):
    return run(EntityRecognizer(Config(ner=ner)), seed_text, "seed")


def test_seed_article_done_when(seed_text):
    ents = seed_entities(seed_text)
    ids = by_id(ents)
    for eid, typ, label, country, title in SEED_EXPECT:
        e = ids[eid] if eid else find(ents, label, typ)
        assert e.type == typ and label in e.label, (eid, label, e.label)
        if country:
            assert e.country == country, (label, e.country)
        if title:
            assert e.title == title, (label, e.title)
    # each is ONE entity carrying all its mentions
    lav = ids["PER:سيرغي لافروف"]
    assert sum(m.kind == "name" for m in lav.mentions) >= 3 and any(m.kind == "alias" for m in lav.mentions)
    hussein = find(ents, "فؤاد حسين", "PER")
    assert any(m.text == "حسين" and m.kind == "alias" for m in hussein.mentions)
    falc = find(ents, "هاميش فالكونر", "PER")
    assert {"فالكونر", "الوزير البريطاني"} <= {m.text for m in falc.mentions}
    assert falc.title.startswith("وزير الدولة")
    mirz = find(ents, "ميرزويان", "PER")
    assert "counterpart" in mirz.roles and len([m for m in mirz.mentions if m.kind == "name"]) == 2
    karabakh = find(ents, "ناغورني قره باغ", "LOC")
    assert len(karabakh.mentions) == 7  # 3 full + 4 قره باغ
    assert find(ents, "ممر لاتشين", "LOC").mentions[0].text == "معبر لاتشين"
    isis = find(ents, "تنظيم الدولة الإسلامية", "ORG")
    assert {m.text for m in isis.mentions} >= {"داعش", "تنظيم داعش"}
    assert find(ents, "باكو", "GPE").attributes["capital_of"] == "GPE:AZE"
    assert len(ids["ORG:وزاره الخارجيه الروسيه"].mentions) == 2
    # no person is created from the related-headlines verbs
    assert all(not e.label.startswith(("يتوافق", "يبحث")) for e in ents)


def test_seed_article_with_default_backend(seed_text):
    """The default (crf, or its fallback) finds the same Done-when entities."""
    ents = seed_entities(seed_text, ner="crf")
    ids = by_id(ents)
    for eid, typ, label, country, title in SEED_EXPECT:
        e = ids[eid] if eid else find(ents, label, typ)
        if country:
            assert e.country == country, (label, e.country)


def test_bare_ministry_takes_the_dominant_country(rec):
    text = ("أعلنت وزارة الشؤون الخارجية أن تونس تدين الهجوم. وقال الرئيس التونسي إن تونس ستواصل "
            "دعمها، وأكدت الحكومة التونسية ذلك.")
    m = find(run(rec, text), "وزارة الشؤون الخارجية", "ORG")
    assert m.country == "TUN" and m.attributes["affiliation"] == "GPE:TUN"
    assert m.attributes.get("country_inferred") is True
    # no dominant country: a generic ministry, with no country guessed
    g = find(run(rec, "أعلنت وزارة الداخلية إيقاف عدد من المشتبه بهم."), "وزارة الداخلية", "ORG")
    assert g.country is None and g.id == "ORG:وزاره الداخليه"


def test_facility_with_place(rec):
    ents = run(rec, "استقبل الرئيس ضيوفه في قصر قرطاج ثم توجه إلى مطار القاهرة.")
    ap = find(ents, "مطار القاهرة", "LOC")
    assert ap.country == "EGY" and ap.attributes["located_in"].startswith("GPE:geonames-")


def test_first_name_extends_known_person(rec):
    ents = run(rec, "وقال الرئيس الجزائري عبدالعزيز بوتفليقة إن الوضع مستقر.")
    p = by_id(ents)["PER:عبد العزيز بوتفليقه"]
    assert p.mentions[0].text == "عبدالعزيز بوتفليقة" and p.country == "DZA" and p.title == "الرئيس"


def test_names_inside_titles_are_mentions(rec):
    ents = run(rec, "وقال رئيس مجلس نواب الشعب محمد الناصر إن الجلسة تأجلت.")
    assert "ORG:مجلس نواب الشعب" in by_id(ents)
    assert find(ents, "محمد الناصر", "PER").title == "رئيس مجلس نواب الشعب"


# --- integration of a statistical tagger (a fake one with fixed answers) -----------------

class FakeTagger:
    """Answers ``tag_spans`` with the spans of given surface strings (first occurrence)."""

    def __init__(self, spans):
        self.spans = spans  # [(surface, coarse, fine)]

    def describe(self):
        return "fake"

    def tag_spans(self, text, tokens):
        out = []
        lo, hi = tokens[0].start, tokens[-1].end
        for surface, coarse, fine in self.spans:
            i = text.find(surface, lo, hi)
            if i >= 0:
                out.append((i, i + len(surface), coarse, fine))
        return out


def with_tagger(spans):
    r = EntityRecognizer(Config(ner="gazetteer"))
    r._tagger, r._tagger_loaded = FakeTagger(spans), True
    return r


def test_tagger_adds_names_the_gazetteer_lacks():
    r = with_tagger([("نعمان كورتلمش", "PER", "Politician"), ("حزب الوسط الجديد", "ORG", "Party")])
    ents = run(r, "قال نعمان كورتلمش إن حزب الوسط الجديد سيشارك. وأضاف كورتلمش أن روسيا مهمة.")
    p = find(ents, "نعمان كورتلمش", "PER")
    assert p.fine_type == "Politician" and {m.source for m in p.mentions} == {"crf", "coref"}
    assert find(ents, "حزب الوسط الجديد", "ORG").id == "ORG:حزب الوسط الجديد"
    assert r.describe() == "gazetteer+patterns+fake"


def test_tagger_span_trimmed_and_junk_dropped():
    r = with_tagger([("المكلف سمير الدواس", "PER", "Politician"), ("قوله", "PER", "Other_PER")])
    ents = run(r, "وقال المكلف سمير الدواس في قوله إن الحكومة مستعدة.")
    assert [e.label for e in ents if e.type == "PER"] == ["سمير الدواس"]


def test_tagger_span_extends_a_known_person():
    r = with_tagger([("عبدالعزيز بوتفليقة", "PER", "Politician")])
    ents = run(r, "استقبل عبدالعزيز بوتفليقة الوفد.")
    p = by_id(ents)["PER:عبد العزيز بوتفليقه"]
    assert [m.text for m in p.mentions] == ["عبدالعزيز بوتفليقة"]


def test_gazetteer_wins_over_tagger_on_known_names():
    r = with_tagger([("روسيا", "ORG", "Government"), ("أرارات ميرزويان", "PER", "Politician")])
    ents = run(r, "زار أرارات ميرزويان روسيا.")
    assert by_id(ents)["GPE:RUS"].type == "GPE"
    # a weak city match (the town آرارات) gives way to the tagger's person
    assert find(ents, "ميرزويان", "PER").label == "أرارات ميرزويان"
    assert not [e for e in ents if e.id.startswith("GPE:geonames-")]


def test_hostile_and_empty_text_is_safe(rec):
    assert run(rec, "") == []
    assert run(rec, "   \n\n ،،، ...") == []
    text = ('<script>alert("x")</script> \u202eوزير الخارجية الروسي\u202c "><img src=x> سيرغي لافروف'
            "\u0000 في موسكو " + "ـ" * 50 + " " + "ب" * 5000)
    ents = run(rec, text)  # offsets are checked in run()
    assert "PER:سيرغي لافروف" in by_id(ents)
    assert all(e.iri.startswith("https://") and " " not in e.iri and '"' not in e.iri for e in ents)


def test_name_before_title(rec):
    ents = run(rec, "وقال نزار بورقيعة المتحدث باسم المنظمة إن الغارة نفذت السبت.")
    p = find(ents, "نزار بورقيعة", "PER")
    assert p.title == "المتحدث باسم المنظمة" and p.mentions[0].text == "نزار بورقيعة"
    # ordinary words before a title are no name (a known limit: so is a first name that is a
    # frequent word, جمال "beauty", in this position)
    ents = run(rec, "وأعلن قرار إعفاء وزير العدل من مهامه.")
    assert not [e for e in ents if e.type == "PER"]


def test_speaker_after_verb_of_saying(rec):
    ents = run(rec, "وقال منير الطرابلسي إن الحزب سيشارك في الانتخابات. وأكد مصدر أمني أن الوضع هادئ.")
    assert [e.label for e in ents if e.type == "PER"] == ["منير الطرابلسي"]


def test_title_of_party_then_name(rec):
    ents = run(rec, "انتقد الأمين العام لحزب حركة مشروع تونس، منصور الحامدي التصريحات الأخيرة.")
    p = find(ents, "منصور الحامدي", "PER")
    assert p.title.startswith("الأمين العام") and p.country == "TUN"
    assert "ORG:حركه مشروع تونس" in by_id(ents)


@pytest.mark.parametrize("text,name,title_start,country", [
    ("وقال المتحدث باسم الحكومة الاتحادية هانس كلوبر اليوم الأحد إن القرار خاطئ.", "هانس كلوبر",
     "المتحدث باسم الحكومة الاتحادية", None),
    ("استهدف القوات الموالية للرئيس اليمني السابق ناصر الحيمي، المتحالف مع الحوثيين.", "ناصر الحيمي",
     "الرئيس", "YEM"),
    ("وقال وزير التكوين المهني والتشغيل فوزي الخماسي إن الحكومة ستواصل الحوار.", "فوزي الخماسي",
     "وزير التكوين المهني والتشغيل", None),
    ("أفاد القيادي بحركة نداء تونس، منجي الكعبي أن اللقاء تطرق إلى الوضع العام.", "منجي الكعبي",
     "القيادي", "TUN"),
    ("وحضر آمر الحرس الرئاسي الليبي، سالم الورفلي الاجتماع.", "سالم الورفلي", "آمر", "LBY"),
])
def test_title_descriptions_before_names(rec, text, name, title_start, country):
    p = find(run(rec, text), name, "PER")
    assert p.label == name and p.title.startswith(title_start) and p.country == country


class FakeDocTagger(FakeTagger):
    """Only the document-level call works (as the CRF's consistency pass does)."""

    def tag_spans(self, text, tokens):
        raise AssertionError("the document-level call must be used")

    def tag_spans_document(self, text, sentences):
        return [FakeTagger.tag_spans(self, text, toks) if toks else [] for toks in sentences]


def test_document_level_tagger_is_used():
    r = EntityRecognizer(Config(ner="gazetteer"))
    r._tagger, r._tagger_loaded = FakeDocTagger([("نعمان كورتلمش", "PER", "Politician")]), True
    ents = run(r, "زار نعمان كورتلمش أنقرة. ثم عاد.")
    assert find(ents, "نعمان كورتلمش", "PER").fine_type == "Politician"


def test_broken_tagger_does_not_break_extraction(monkeypatch):
    import kg.nlp.entities as ents_mod

    class Broken:
        def tag_spans(self, text, tokens):
            raise RuntimeError("corrupt model")

    monkeypatch.setattr(ents_mod, "_WARNED", set())
    r = EntityRecognizer(Config(ner="gazetteer"))
    r._tagger, r._tagger_loaded = Broken(), True
    assert "GPE:RUS" in by_id(run(r, "زار روسيا."))


def test_tagger_span_over_two_people_does_not_merge_them():
    r = with_tagger([("جنبلاط بالجولاني", "PER", "Politician")])
    ents = run(r, "ماذا يخفي لقاء جنبلاط بالجولاني؟")
    sharaa = by_id(ents)["PER:احمد الشرع"]
    assert [m.text for m in sharaa.mentions] == ["الجولاني"]
    assert find(ents, "جنبلاط", "PER").mentions[0].text == "جنبلاط"


def test_organization_heads_and_media(rec):
    ents = run(rec, 'وقال إن الاستقالات ستشمل كتلة الوطني الحر والكتلة الديمقراطية، حسب صحيفة "الصباح" '
                    "اليوم. وأعلن حزب العدالة والتنمية الحاكم فوزه.")
    labels = {e.label for e in ents if e.type == "ORG"}
    assert {"كتلة الوطني الحر", "الصباح", "حزب العدالة والتنمية"} <= labels
    assert not [x for x in labels if "والكتلة" in x or "الحاكم" in x]


def test_the_name_ali_is_not_the_preposition(rec):
    ents = run(rec, "استهدف القوات الموالية للرئيس اليمني السابق علي عبد الله صالح، المتحالف مع الحوثيين.")
    p = find(ents, "علي عبد الله صالح", "PER")
    assert p.country == "YEM"
    assert not [e for e in run(rec, "وقال الرئيس على هامش القمة إن الوضع خطير.") if e.type == "PER"]


def test_facility_with_a_proper_name(rec):
    ents = run(rec, "استهدف الهجوم قاعدة الشعيرات الجوية قرب حمص، ولم تتضرر قاعدة البيانات.")
    base = find(ents, "قاعدة الشعيرات", "LOC")
    assert base.label == "قاعدة الشعيرات الجوية"
    assert not [e for e in ents if "البيانات" in e.label]


def test_tagger_person_starting_with_ali_or_a_name_that_looks_prefixed():
    r = with_tagger([("علي حسن القرقني", "PER", ""), ("فادي الجبوري", "PER", "")])
    ents = run(r, "قال علي حسن القرقني إن المنفذ هو فادي الجبوري.")
    assert find(ents, "علي حسن القرقني", "PER").mentions[0].text == "علي حسن القرقني"
    assert find(ents, "فادي الجبوري", "PER").mentions[0].text == "فادي الجبوري"


def test_adjacent_tagger_persons_merge_after_losing_a_leading_adverb():
    r = with_tagger([("دوليا عبد الكريم", "PER", ""), ("منصور البيضاني", "PER", ""),
                     ("خالد المهيري", "PER", ""), ("سعيد الكعبي", "PER", "")])
    ents = run(r, "عاد الرئيس المعترف به دوليا عبد الكريم منصور البيضاني إلى العاصمة. "
                  "وعين خالد المهيري وسعيد الكعبي مستشارين.")
    labels = {e.label for e in ents if e.type == "PER"}
    assert "عبد الكريم منصور البيضاني" in labels
    assert {"خالد المهيري", "سعيد الكعبي"} <= labels  # "و" + a name: two people


def test_tagger_person_extends_to_a_family_name_but_not_to_a_possessed_noun():
    r = with_tagger([("عيسى", "PER", ""), ("جمال قرطبي", "PER", "")])
    ents = run(r, "وقال المسؤول عيسى قرامطي لوكالة الأنباء إن جمال قرطبي أبدى استعداده لتصدير القمح.")
    labels = {e.label for e in ents if e.type == "PER"}
    assert "عيسى قرامطي" in labels
    r = with_tagger([("جمال قرطبي", "PER", "")])
    ents = run(r, "أبدى جمال قرطبي استعداده لتصدير القمح.")
    assert [e.label for e in ents if e.type == "PER"] == ["جمال قرطبي"]


def test_title_with_compound_portfolio_then_name(rec):
    ents = run(rec, "طالب النواب بإقالة وزير الفلاحة والموارد المائية والصيد البحري، كمال الزغلامي، فورا.")
    p = find(ents, "كمال الزغلامي", "PER")
    assert p.title.startswith("وزير الفلاحة والموارد المائية")


def test_title_party_then_name_whose_first_word_is_common(rec):
    r = with_tagger([("حزب الاتحاد الوطني الحر سليم الدريدي", "ORG", "")])
    ents = run(r, "وقال رئيس حزب الاتحاد الوطني الحر سليم الدريدي إن الانتخابات ستجرى.")
    p = find(ents, "سليم الدريدي", "PER")
    assert "الاتحاد الوطني الحر" in p.title
    assert find(ents, "الاتحاد الوطني الحر", "ORG")


def test_compound_first_name_after_title_and_comma(rec):
    ents = run(rec, "وطالبت المحكمة بتسليم الوزير الليبي السابق، سيف الدين الورفلي، إلى السلطات.")
    assert find(ents, "سيف الدين الورفلي", "PER").country == "LBY"


def test_no_name_from_verbs_or_clitic_words_after_a_title(rec):
    ents = run(rec, "وقال إن وزير داخلية ليبي سابق ونجله اعتقلا، وأضاف أن الرئيس الأميركي يعتزم اللجوء إلى القضاء.")
    assert not [e for e in ents if e.type == "PER"]


def test_spelling_variants_of_one_person_merge():
    r = with_tagger([("هيلموت شرودمان", "PER", ""), ("هلموت شرودمان", "PER", ""), ("قورتولماز", "PER", ""),
                     ("نعمان قورتولماز", "PER", ""), ("قرتولماز", "PER", "")])
    ents = run(r, "توفي المستشار هيلموت شرودمان أمس. وكان هلموت شرودمان قد قاد البلاد. "
                  "وقال نعمان قورتولماز إن الوضع صعب. وأضاف قرتولماز أن الحكومة مستعدة.")
    people = [e for e in ents if e.type == "PER"]
    assert len(people) == 2, [(e.id, [m.text for m in e.mentions]) for e in people]
    assert {m.text for m in find(ents, "قورتولماز", "PER").mentions} == {"نعمان قورتولماز", "قرتولماز"}


def test_known_arabic_names_differing_by_a_long_vowel_stay_apart():
    r = with_tagger([("محمد الطرابلسي", "PER", ""), ("محمود الطرابلسي", "PER", "")])
    ents = run(r, "وقال محمد الطرابلسي إن شقيقه محمود الطرابلسي سافر.")
    assert len([e for e in ents if e.type == "PER"]) == 2


def test_surname_after_lil_joins_the_full_name():
    r = with_tagger([("سالم المقراني", "PER", ""), ("مقراني", "PER", "")])
    ents = run(r, "وصل سالم المقراني إلى العاصمة. ولم يعرف الوضع الصحي للمقراني.")
    assert [len(e.mentions) for e in ents if e.type == "PER"] == [2]


def test_tagger_organization_goes_on_with_conjunct_genitive_and_adjectives():
    r = with_tagger([("حزب الرخاء", "ORG", ""), ("المجلس الأعلى", "ORG", ""), ("وزارة الأمن", "ORG", ""),
                     ("الحزب الاشتراكي", "ORG", "")])
    ents = run(r, "وفاز حزب الرخاء والتنمية بالانتخابات. وصادق المجلس الأعلى للقضاء على القرار. "
                  "وأمرت وزارة الأمن الداخلي بالتحقيق. ودعا الحزب الاشتراكي والحكومة إلى الحوار.")
    labels = {e.label for e in ents if e.type == "ORG"}
    assert {"حزب الرخاء والتنمية", "المجلس الأعلى للقضاء", "وزارة الأمن الداخلي", "الحزب الاشتراكي"} <= labels


def test_ministry_named_in_a_spokesman_title_is_an_organization(rec):
    ents = run(rec, "وقال الناطق باسم وزارة الخارجية الكندية جون سميث إن السفير استدعي.")
    org = find(ents, "وزارة الخارجية", "ORG")
    assert org.country == "CAN"
    p = find(ents, "جون سميث", "PER")
    assert p.title.startswith("الناطق باسم وزارة الخارجية")


def test_organization_head_before_a_place_the_tagger_tagged():
    r = with_tagger([("المملكة المتحدة", "GPE", "Nation"), ("بيروت", "GPE", "")])
    ents = run(r, "وكانت سفارة المملكة المتحدة ببيروت قد نشرت بلاغا.")
    assert find(ents, "سفارة المملكة المتحدة", "ORG").country == "GBR"


def test_tagger_person_loses_a_leading_clitic_word_before_a_known_name():
    r = with_tagger([("لإسقاط الأسد", "PER", "")])
    ents = run(r, "وتسعى المعارضة لإسقاط الأسد من الحكم.")
    assert [m.text for e in ents if e.type == "PER" for m in e.mentions] == ["الأسد"]


def test_programme_guest_consumes_the_programme_name_not_a_known_name():
    r = with_tagger([("ميدانيات", "GPE", ""), ("كريم الغربي", "PER", "")])
    ents = run(r, "وقال كريم الغربي ضيف ميدانيات اليوم إن الوفد ضيف تونس منذ أمس.")
    assert {e.type for e in ents} == {"PER", "GPE"}
    assert find(ents, "تونس", "GPE") and not [e for e in ents if "ميدانيات" in e.label]


def test_tagger_person_extends_over_a_first_name_and_a_family_name():
    r = with_tagger([("محمد", "PER", "")])
    ents = run(r, "قرر الوزير تعيين محمد علي القرطبي في منصب الوالي.")
    assert [e.label for e in ents if e.type == "PER"] == ["محمد علي القرطبي"]


def test_nominal_prefers_the_person_with_the_same_title():
    r = with_tagger([("كمال أوزدمير", "PER", ""), ("سليم قايا", "PER", "")])
    ents = run(r, "التقى الرئيس التركي كمال أوزدمير برئيس الوزراء التركي سليم قايا. "
                  "وقال الرئيس التركي إن الاجتماع مثمر.")
    pres = find(ents, "كمال أوزدمير", "PER")
    assert any(m.kind == "nominal" and m.start > 60 for m in pres.mentions)


def test_tagger_person_span_stops_before_a_conjunct_definite_word():
    r = with_tagger([("سالم البوعزيزي والهضبة", "PER", "")])
    ents = run(r, "وقال سالم البوعزيزي والهضبة تشهد انفجارات إن الوضع خطير.")
    assert [e.label for e in ents if e.type == "PER"] == ["سالم البوعزيزي"]


def test_one_word_org_or_place_span_of_a_frequent_word_needs_evidence_of_a_name():
    # a frequent word the general dictionary lacks is a name (a club, a channel)
    r = with_tagger([("الزمالك", "ORG", "")])
    ents = run(r, "وفاز الزمالك بالمباراة مساء الأحد.")
    assert "الزمالك" in {e.label for e in ents if e.type == "ORG"}
    # a dictionary noun the tagger names twice in the document is a name too
    r = with_tagger([("الجزيرة", "ORG", "")])
    ents = run(r, "وقال الوزير في مقابلة مع الجزيرة إن الحوار مستمر. وأضاف في حديثه إلى الجزيرة أن الوفد وصل.")
    assert "الجزيرة" in {e.label for e in ents if e.type == "ORG"}
    # ... and so is one after a place head, typed by the head (منطقة + definite name: a region)
    r = with_tagger([("الريف", "GPE", "")])
    ents = run(r, "وتظاهر آلاف الأشخاص في منطقة الريف بشمال البلاد.")
    assert [(e.label, e.type) for e in ents if e.label == "الريف"] == [("الريف", "LOC")]
    # a dictionary noun named once, with no head, is no name ("the planet")
    r = with_tagger([("الكوكب", "ORG", "")])
    ents = run(r, "وكانت تعتقد بأن دولتها هي أفضل دولة على الكوكب.")
    assert "الكوكب" not in {e.label for e in ents}


def test_person_names_not_cut_at_ordinals_connectors_family_or_kunya_nisba():
    # a regnal ordinal after a one-word name belongs to it; not after a longer name (a ranking)
    r = with_tagger([("عبدالله الثاني", "PER", ""), ("فرناندو غونزاليز الثالث", "PER", "")])
    ents = run(r, "استقبل الملك عبدالله الثاني الوفد. وحل فرناندو غونزاليز الثالث في السباق.")
    labels = {e.label for e in ents if e.type == "PER"}
    assert {"عبدالله الثاني", "فرناندو غونزاليز"} <= labels
    # the word after بن/أبي/بنت is a name, even an ordinary or stop word (طالب, أسد)
    r = with_tagger([("علي بن أبي طالب", "PER", ""), ("فاطمة بنت أسد", "PER", "")])
    ents = run(r, "وقال علي بن أبي طالب إن الحكمة ضالة المؤمن. وقالت فاطمة بنت أسد إن الأمر انتهى.")
    labels = {e.label for e in ents if e.type == "PER"}
    assert {"علي بن أبي طالب", "فاطمة بنت أسد"} <= labels
    # a known person + آل + the family name is one name (gazetteer alone, and after a title)
    ents = run(with_tagger([]), "التقى ولي العهد محمد بن زايد آل نهيان بالوفد. وقال محمد بن زايد آل نهيان إن الوضع خطير.")
    p = [e for e in ents if e.type == "PER"]
    assert len(p) == 1 and {m.text for m in p[0].mentions} == {"محمد بن زايد آل نهيان"}
    assert not [e for e in ents if e.type == "ORG"]  # آل نهيان is no family (ORG) of its own here
    # a known word after آل inside the tagger's person is the family's name (آل الشيخ)
    r = with_tagger([("عبدالعزيز بن عبدالله آل الشيخ", "PER", "")])
    ents = run(r, "قال مفتي المملكة، الشيخ عبدالعزيز بن عبدالله آل الشيخ، إن القرارات صائبة.")
    assert "عبدالعزيز بن عبدالله آل الشيخ" in {e.label for e in ents if e.type == "PER"}
    # a kunya + a gentilic is one name and gives the person's country
    r = with_tagger([("ابو حمزة المصري", "PER", "")])
    ents = run(r, "واعتقلت الشرطة ابو حمزة المصري في المدينة.")
    p = find(ents, "ابو حمزة المصري", "PER")
    assert p.country == "EGY"


def test_title_with_an_organization_after_an_or_fi_then_comma_name_gets_title_and_affiliation():
    r = with_tagger([("عماد الدايمي", "PER", "")])
    ents = run(r, "نفى النائب بمجلس الشعب عن حزب حراك تونس الإرادة، عماد الدايمي، الاتهامات.")
    p = find(ents, "عماد الدايمي", "PER")
    assert p.title == "النائب بمجلس الشعب عن حزب حراك تونس الإرادة"
    party = next(e for e in ents if e.type == "ORG" and "حراك تونس" in e.label)
    assert p.attributes.get("affiliation") == party.id
    # a definite first name right after the title phrase is kept (العجمي), and في stays in the title
    r = with_tagger([("العجمي الوريمي", "PER", "")])
    ents = run(r, "قال القيادي في حركة النهضة العجمي الوريمي إن الحركة مستعدة.")
    p = find(ents, "العجمي الوريمي", "PER")
    assert p.title == "القيادي في حركة النهضة"
    assert p.attributes.get("affiliation") == next(e.id for e in ents if e.type == "ORG" and "النهضة" in e.label)
    # not an adjective of the title (القنصل الفخري "honorary consul")
    r = with_tagger([("الفخري سامي", "PER", "")])
    ents = run(r, "وقال القنصل الفخري سامي قرامطي إن الوضع هادئ.")
    assert "الفخري سامي" not in {e.label for e in ents}


def test_abd_names_written_with_and_without_the_long_vowel_are_one_person():
    r = with_tagger([("عبد المالك سلال", "PER", ""), ("عبد الملك سلال", "PER", "")])
    ents = run(r, "وقال رئيس الوزراء عبد المالك سلال إن البلاد مستهدفة. وأضاف عبد الملك سلال أن الوضع هادئ.")
    p = [e for e in ents if e.type == "PER"]
    assert len(p) == 1 and {m.text for m in p[0].mentions} == {"عبد المالك سلال", "عبد الملك سلال"}
    # not two different first names (محمد / محمود) in a name without عبد
    r = with_tagger([("محمد سعيد سلال", "PER", ""), ("محمود سعيد سلال", "PER", "")])
    ents = run(r, "وقال محمد سعيد سلال إن البلاد مستهدفة. وأضاف محمود سعيد سلال أن الوضع هادئ.")
    assert len([e for e in ents if e.type == "PER"]) == 2


def test_channel_number_after_a_media_head_is_part_of_the_name():
    r = with_tagger([("فرانس", "ORG", "")])
    ents = run(r, "وذلك بعد أن بثت قناة فرانس 2، الجمعة 11 سبتمبر، لقطة مصورة.")
    assert "فرانس 2" in {e.label for e in ents if e.type == "ORG"}
    r = with_tagger([("الوداد", "ORG", "")])
    ents = run(r, "وفاز فريق الوداد 2 مقابل 1.")  # no media head: a score, not a channel
    assert "الوداد 2" not in {e.label for e in ents}
