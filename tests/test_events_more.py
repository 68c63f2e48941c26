"""Event coding rules added from the development-set error analysis (issue 4).

Sentences are invented for these tests; entities are built by hand with the helpers of
tests/test_events.py (extended here with a party, its leader and an agency)."""

from __future__ import annotations

import pytest

from tests import test_events as te


@pytest.fixture(autouse=True)
def _more_entities(monkeypatch):
    ents = dict(te.ENTITIES)
    ents.update({
        "ORG:party": ("ORG", ["حزب الأمل الجديد", "الأمل الجديد"], "name"),
        "PER:leader": ("PER", ["كريم العابد", "العابد"], "name"),
        "ORG:unicef": ("ORG", ["اليونيسف"], "name"),
        "ORG:authorities-tn": ("ORG", ["السلطات التونسية"], "name"),
    })
    monkeypatch.setattr(te, "ENTITIES", ents)


def test_title_holder_after_an_organization_genitive_is_the_speaker():
    ev = te.one("اعتبر رئيس حزب الأمل الجديد كريم العابد اليوم أن الوضع صعب.")
    assert ev.plover == "STATEMENT" and ev.source == ["PER:leader"]
    ev = te.one("قال الناطق باسم حركة حماس كريم العابد إن الوضع صعب.")
    assert ev.source == ["PER:leader"]


def test_organization_then_name_without_title_is_subject_and_object():
    ev = te.one("اعتقلت الشرطة التونسية كريم العابد.")
    assert (ev.source, ev.target) == (["ORG:police-tn"], ["PER:leader"])


def test_announced_weak_action_with_its_own_target_is_the_event():
    ev = te.one("أعلنت وزارة الداخلية المصرية عن ترحيل كريم العابد إلى تركيا.")
    assert (ev.plover, ev.cameo) == ("COERCE", "174")
    assert ev.source == ["ORG:moi-eg"] and "PER:leader" in ev.target
    # an announcement of something that is not an event stays a statement
    ev = te.one("أعلنت وزارة الداخلية المصرية عن تفاصيل جديدة.")
    assert ev.plover == "STATEMENT"


def test_added_statement_request_and_emergency_triggers():
    assert te.one("أوردت اليونيسف أن عدد الضحايا ارتفع.").cameo == "010"
    ev = te.one("اقترح كريم العابد خفض الإنفاق العام.")
    assert (ev.cameo, ev.source) == ("014", ["PER:leader"])
    ev = te.one("أعلنت السلطات التونسية حالة الطوارئ في البلاد.")
    assert (ev.plover, ev.cameo, ev.source) == ("COERCE", "1724", ["ORG:authorities-tn"])
