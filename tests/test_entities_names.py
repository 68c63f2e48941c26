"""Organization names from quotes, source lines and leaders (kg.nlp.roles): invented sentences."""

from __future__ import annotations

import pytest

from kg.config import Config
from kg.model import Document, Sentence
from kg.nlp.entities import EntityRecognizer
from kg.nlp.gazetteer import load_gazetteer
from kg.nlp.roles import analyse_sentence
from kg.nlp.text import split_sentences, tokenize


@pytest.fixture(scope="module")
def rec() -> EntityRecognizer:
    return EntityRecognizer(Config(ner="gazetteer"))


def run(rec, text):
    doc = Document(id="n1", text=text)
    sents = [Sentence(s, e) for s, e in split_sentences(text)]
    ents = rec(doc, sents)
    for e in ents:
        for m in e.mentions:
            assert text[m.start:m.end] == m.text
    return ents


def forms(ents, typ):
    return {m.text for e in ents if e.type == typ for m in e.mentions if m.kind != "nisba"}


def sentence(text, spans=()):
    """analyse_sentence over one sentence with the given tagger spans (surface, type)."""
    gaz = load_gazetteer()
    toks = tokenize(text, 0, len(text))
    tagged = []
    for surface, typ in spans:
        s = text.index(surface)
        tagged.append((s, s + len(surface), typ, ""))
    return [(f.type, text[f.start:f.end]) for f in analyse_sentence(gaz, text, toks, 0, gaz.match(toks), tagged)]


def test_quoted_name_after_an_organization_head(rec):
    ents = run(rec, 'وأفاد مركز "ريادة" للدراسات بأن الحزب تراجع، وقال رئيس حزب "الأفق" إن الوضع صعب.')
    assert {"ريادة", "الأفق"} <= forms(ents, "ORG")
    # the quoted words are a newspaper's name even when they are a place name
    ents = run(rec, 'ونشرت صحيفة "اليمن" تقريرا مطولا.')
    assert forms(ents, "ORG") == {"اليمن"} and not forms(ents, "GPE")
    # a quoted adjective after a head is no name; a head with no quote stays an ordinary noun
    ents = run(rec, 'واعتبرت الحكومة الجماعة منظمة "إرهابية" أمس، وزار الوفد مركز المدينة.')
    assert not forms(ents, "ORG")


def test_tagger_span_over_head_and_quote_gives_the_quoted_name():
    found = sentence('وقال مسؤول لوكالة "الرافدين" إن الحادث وقع.', [('وكالة "الرافدين', "ORG")])
    assert ("ORG", "الرافدين") in found
    # a tagger person inside quotes after an organization head is the organization
    found = sentence('وهو أستاذ بجامعة "بيل هارفي" في المدينة.', [("بيل هارفي", "PER")])
    assert ("ORG", "بيل هارفي") in found and not [f for f in found if f[0] == "PER"]


def test_quoted_name_that_starts_with_a_media_head(rec):
    ents = run(rec, 'ونقلت "صحيفة الفجر الجديد" تفاصيل اللقاء.')
    assert "صحيفة الفجر الجديد" in forms(ents, "ORG")


def test_source_line_at_the_end_of_an_article(rec):
    ents = run(rec, "واجتمع الوزير بالسفير أمس.\n(المسار)")
    assert "المسار" in forms(ents, "ORG")
    ents = run(rec, "واجتمع الوزير بالسفير أمس.\n(ترجمة الوطن اليوم)")
    assert "الوطن اليوم" in forms(ents, "ORG")
    # generic credits, places and a parenthesis inside the article are no outlets
    for text in ("واجتمع الوزير بالسفير أمس.\n(وكالات)", "واجتمع الوزير بالسفير أمس.\n(تونس)",
                 "(المسار)\nواجتمع الوزير بالسفير أمس."):
        assert not forms(run(rec, text), "ORG"), text


def test_government_named_after_its_leader():
    found = sentence("وكان وزيرا في حكومة سامي الورتاني قبل استقالته.", [("سامي الورتاني", "PER")])
    assert ("ORG", "حكومة سامي الورتاني") in found and ("PER", "سامي الورتاني") in found
    # the tagger stopped after a common first name (علي) read as a preposition
    found = sentence("وكان وزيرا في حكومة علي الورتاني قبل استقالته.", [("الورتاني", "PER")])
    assert ("ORG", "حكومة علي الورتاني") in found and ("PER", "علي الورتاني") in found
    # no person after the head: no organization from this rule
    found = sentence("وكان وزيرا في حكومة ائتلافية قبل استقالته.")
    assert not [f for f in found if f[0] == "ORG"]


def test_temporary_government_is_an_organization(rec):
    ents = run(rec, "وقال مسؤول في الحكومة المؤقتة إن الطريق مغلق.")
    assert "الحكومة المؤقتة" in forms(ents, "ORG")
