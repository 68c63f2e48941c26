"""Role rules of session 5 (source/target assignment): invented probe sentences with
hand-built entities (tests/test_events.py), each rule with near misses that must not fire.

The learned filter is off here: these tests exercise the rules themselves."""

from __future__ import annotations

from kg.config import Config
from tests import test_events as te


def rules(text: str):
    cfg = Config()
    cfg.extra["event_filter"] = False
    return te.code(text, config=cfg)


def _of(evs, plover):
    return [e for e in evs if e.plover == plover]


# --- the target of a statement recoded as criticism by its content --------------------------


def test_criticism_targets_the_name_its_cue_governs():
    # the content does not open with a name; the pejorative governs it
    acc = _of(rules("وأضاف أردوغان أن على المجتمع الدولي أن يقف ضد وحشية الجيش السوري."), "ACCUSE")
    assert acc and acc[0].source == ["PER:erdogan"] and acc[0].target == ["ORG:army-sy"]


def test_criticism_targets_the_subject_named_before_its_cue():
    acc = _of(rules("وأوضح لافروف أن حركة حماس والفصائل الأخرى انتهكت الهدنة."), "ACCUSE")
    assert acc and acc[0].source == ["PER:lavrov"] and acc[0].target == ["ORG:hamas"]


def test_criticism_cue_near_misses_leave_the_target_empty():
    # a place governed by في is where, not whom
    acc = _of(rules("وأوضح لافروف أن الأطراف الماسكة بالملف في تونس فشلت في مهامها."), "ACCUSE")
    assert acc and acc[0].target == []
    # a name in a phrase coordinated after the cue is not governed by it
    acc = _of(rules("وأوضح لافروف أن الخطة تستند إلى الاستفزازات واستهداف الجيش السوري."), "ACCUSE")
    assert acc and acc[0].target == []
    # a name after a preposition is not the subject
    acc = _of(rules("وأوضح لافروف أن تهريب السلاح إلى سوريا جريمة."), "ACCUSE")
    assert acc and acc[0].target == []
    # no name near the cue
    acc = _of(rules("وأوضح لافروف أن الحكومة فشلت في مهامها."), "ACCUSE")
    assert acc and acc[0].target == []
    # a name beyond a comma belongs to another clause
    acc = _of(rules("وأوضح لافروف أن المفاوضات مع تركيا، منذ أشهر طويلة، فشلت."), "ACCUSE")
    assert acc and acc[0].target == []
    # the speaker is never the target of his own criticism
    acc = _of(rules("وأوضح لافروف أن الحكومة فشلت في حماية لافروف."), "ACCUSE")
    assert acc and "PER:lavrov" not in acc[0].target
