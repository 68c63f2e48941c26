"""The seed article through the whole pipeline (ingest -> entities -> events): issue #4's Done-when."""

from __future__ import annotations

import pytest

from kg.config import Config
from kg.ingest.readers import documents_from_text
from kg.model import Extraction
from kg.nlp.text import normalize
from kg.pipeline import Pipeline


@pytest.fixture(scope="module")
def seed_extractions(seed_text) -> list[Extraction]:
    docs = documents_from_text(seed_text, path="seed-article.txt", date="2023-08-16")
    assert len(docs) == 2  # the RT article and the "read also" article
    pipe = Pipeline(Config())
    return [pipe.extract(d) for d in docs]


def eid(ex: Extraction, surface: str) -> str:
    """Id of the entity with a mention (or label) equal to ``surface``."""
    want = normalize(surface)
    for e in ex.entities:
        if normalize(e.label) == want or any(normalize(m.text) == want for m in e.mentions):
            return e.id
    raise AssertionError(f"no entity {surface!r} in {[e.label for e in ex.entities]}")


def events(ex: Extraction, plover: str, cameo: str | None = None):
    return [e for e in ex.events if e.plover == plover and (cameo is None or e.cameo == cameo)
            and e.modality in ("asserted", "reported")]


def test_phone_call_lavrov_mirzoyan(seed_extractions):
    ex = seed_extractions[0]
    lavrov, mirzoyan = eid(ex, "سيرغي لافروف"), eid(ex, "أرارات ميرزويان")
    calls = events(ex, "CONSULT", "041")
    assert len(calls) == 1, [(e.cameo, e.trigger.text) for e in ex.events]
    call = calls[0]
    assert call.source == [lavrov] and call.target == [mirzoyan]
    assert (call.date, call.date_precision) == ("2023-08-16", "day")
    assert eid(ex, "ناغورني قره باغ") in call.topic
    assert {eid(ex, "أرمينيا"), eid(ex, "أذربيجان")} <= set(call.topic)
    assert call.mentions  # told in the lead and in the quoted statement (and "the two sides")
    assert call.quad_class == 1 and call.goldstein == 1.0


def test_checkpoint_by_azerbaijani_border_guards(seed_extractions):
    ex = seed_extractions[0]
    evs = [e for e in ex.events if e.plover in ("MOBILIZE", "COERCE")]
    assert len(evs) == 1
    ev = evs[0]
    guards = {e.id for e in ex.entities if "حرس الحدود" in e.label} | {eid(ex, "أذربيجان")}
    assert set(ev.source) & guards
    assert (ev.date, ev.date_precision) == ("2023-04", "month")


def test_road_blocking_by_environmental_activists(seed_extractions):
    ex = seed_extractions[0]
    ev = events(ex, "PROTEST", "144")
    assert len(ev) == 1
    assert ev[0].source == [eid(ex, "أذربيجان")]
    assert (ev[0].date, ev[0].date_precision) == ("2022-12", "month")


def test_armenian_foreign_ministry_accuses(seed_extractions):
    ex = seed_extractions[0]
    ev = events(ex, "ACCUSE")
    assert len(ev) == 1
    ministry = {e.id for e in ex.entities if e.type == "ORG" and e.country == "ARM"} | {eid(ex, "أرمينيا")}
    assert set(ev[0].source) & ministry
    # the accused is the actor of the checkpoint event the statement refers to
    checkpoint = [e for e in ex.events if e.plover in ("MOBILIZE", "COERCE")][0]
    assert set(ev[0].target) & set(checkpoint.source)


def test_resumption_of_fighting(seed_extractions):
    ex = seed_extractions[0]
    ev = events(ex, "ASSAULT", "190")
    assert len(ev) == 1
    assert (ev[0].date, ev[0].date_precision) == ("2020-09", "month")
    assert ev[0].place == eid(ex, "ناغورني قره باغ")


def test_second_article_warning_and_phone_call(seed_extractions):
    ex = seed_extractions[1]
    hussein, falconer = eid(ex, "فؤاد حسين"), eid(ex, "هاميش فالكونر")
    warnings = [e for e in events(ex, "STATEMENT", "012") if hussein in e.source]
    assert warnings
    assert eid(ex, "داعش") in warnings[0].topic
    calls = events(ex, "CONSULT", "041")
    assert len(calls) == 1 and calls[0].source == [hussein] and calls[0].target == [falconer]


def test_no_false_consults_or_assaults_in_the_seed(seed_extractions):
    # precision: the whole page yields only the events of the Done-when list and statements
    ex1, ex2 = seed_extractions
    assert sorted(e.plover for e in ex1.events if e.plover != "STATEMENT") == [
        "ACCUSE", "ASSAULT", "COERCE", "CONSULT", "PROTEST"]
    assert sorted(e.plover for e in ex2.events if e.plover != "STATEMENT") == ["CONSULT"]
    ids = [e.id for e in ex1.events]
    assert ids == [f"e{i}" for i in range(1, len(ids) + 1)]
    for ex in seed_extractions:
        for e in ex.events:
            assert ex.doc.text[e.trigger.start:e.trigger.end] == e.trigger.text
            assert e.evidence.start <= e.trigger.start < e.evidence.end
