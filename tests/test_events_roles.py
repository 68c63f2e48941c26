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
