"""Coreference (kg.nlp.coref): mentions that move between groups keep what refers to them."""

from __future__ import annotations

import pytest

from kg.config import Config
from kg.model import Document, Sentence
from kg.nlp.entities import EntityRecognizer
from kg.nlp.text import split_sentences


@pytest.fixture(scope="module")
def rec() -> EntityRecognizer:
    return EntityRecognizer(Config(ner="gazetteer"))


def test_counterpart_nominal_follows_its_person_into_the_full_name(rec):
    # نظيره refers to the name after it (داودزيان); that surname joins the full name given earlier
    # (سركيس داودزيان), and the nominal must go with it, not stay behind or start an entity
    text = ("وصل سركيس داودزيان وزير الخارجية الأرميني إلى تونس. وبحث وزير الخارجية التونسي كمال بن زهير "
            "مع نظيره الأرميني داودزيان العلاقات الثنائية.")
    ents = rec(Document(id="d", text=text), [Sentence(s, e) for s, e in split_sentences(text)])
    holders = [e for e in ents if any(m.text == "نظيره" for m in e.mentions)]
    assert len(holders) == 1
    per = holders[0]
    assert per.type == "PER" and per.label == "سركيس داودزيان"
    assert {m.text for m in per.mentions} == {"سركيس داودزيان", "نظيره", "داودزيان"}
    assert not any(e.label == "داودزيان" for e in ents)


def test_a_kunya_in_any_case_is_one_person_id():
    # coreference groups أبي/أبا/أبو + name under one key (name_key) and linking names an unlinked
    # person with the same key, so every case of the kunya gives one cross-document id
    from kg.nlp.coref import name_key

    from tests.test_entities_round2 import entities

    assert name_key("أبي عياض") == name_key("أبا عياض") == name_key("أبو عياض") == "ابو عياض"
    assert name_key("أبي") == "ابي"  # a kunya word alone is not folded
    for form in ("أبي عياض", "أبا عياض"):
        text = f'وقال الإرهابي المعروف بـ"{form}" إن التنظيم باق.'
        ids = [e.id for e in entities(text, [(form, "PER")]) if e.type == "PER"]
        assert ids == ["PER:ابو عياض"], (form, ids)
    # only persons: another type keeps the words it was written with
    text = "وقالت أبا الخيل إن الأسعار سترتفع."
    ids = [e.id for e in entities(text, [("أبا الخيل", "ORG")]) if e.type == "ORG"]
    assert ids == ["ORG:ابا الخيل"], ids
