"""Role rules added on top of tests/test_events.py (invented sentences; hand-built entities).

The learned filter is off here: these tests exercise the rules themselves."""

from __future__ import annotations

from kg.config import Config
from tests import test_events as te


def rules(text: str):
    cfg = Config()
    cfg.extra["event_filter"] = False
    return te.code(text, config=cfg)


def test_pledge_without_addressee_is_directed_at_its_topic():
    evs = rules("أعربت تركيا عن استعدادها للمساهمة في حل الخلاف بين أرمينيا وأذربيجان.")
    agree = [e for e in evs if e.plover == "AGREE"]
    assert agree and agree[0].source == ["GPE:TUR"]
    assert agree[0].target == ["GPE:ARM", "GPE:AZE"]


def test_criticism_target_is_not_taken_from_its_topic():
    # only pledges and support take the topic's parties as target; a criticism's topic is what
    # was criticized, not necessarily whom
    evs = rules("ندد لافروف بالهجوم على غزة.")
    acc = [e for e in evs if e.plover == "ACCUSE"]
    assert acc and acc[0].topic == ["GPE:gaza"] and acc[0].target == []
    req = [e for e in rules("دعا لافروف إلى حل الأزمة في سوريا.") if e.plover == "REQUEST"]
    assert req and req[0].topic == ["GPE:SYR"] and req[0].target == []


def test_action_named_inside_reported_speech_is_a_reported_event():
    evs = rules("أفاد لافروف أن لقاءه بالرئيس أردوغان تناول الوضع في سوريا.")
    meet = [e for e in evs if e.plover == "CONSULT"]
    assert meet and (meet[0].source, meet[0].target, meet[0].modality) == (["PER:lavrov"], ["PER:erdogan"], "reported")
    cut = [e for e in rules("أكد لافروف أنه تم قطع العلاقات مع إيران.") if e.plover == "SANCTION"]
    assert cut and cut[0].target == ["GPE:IRN"] and cut[0].modality == "reported"


def test_purpose_or_future_noun_inside_reported_speech_is_no_event():
    # "خطة للقضاء على": a purpose; "سيواصل قصف": a future action
    assert [e.plover for e in rules("قال لافروف إن روسيا وضعت خطة للقضاء على حركة حماس.")] == ["STATEMENT"]
    assert [e.plover for e in rules("قال لافروف إن الجيش السوري سيواصل قصف إدلب.")] == ["STATEMENT"]


def test_town_after_an_attack_noun_is_its_target():
    evs = rules("قال لافروف إن الجيش السوري يواصل قصف إدلب.")
    att = [e for e in evs if e.plover == "ASSAULT"]
    assert att and att[0].target == ["GPE:idlib"] and "GPE:idlib" not in att[0].source
