"""Precision rules: candidates that are not reportable events (invented sentences)."""

from __future__ import annotations

import pytest

from tests import test_events as te


@pytest.mark.parametrize("text", [
    "وأضاف أردوغان أن الوضع في سوريا صعب.",
    "وأوضح لافروف أن روسيا تتابع الوضع.",
    "وأشار شكري إلى أن المفاوضات مستمرة.",
    "وأفادت وكالة وفا أن عدد الضحايا ارتفع.",
    "وذكرت وكالة وفا أن المساعدات وصلت إلى غزة.",
])
def test_plain_continuing_or_reporting_statement_is_no_event(text):
    assert [e for e in te.code(text) if e.plover == "STATEMENT"] == []


def test_plain_said_stays_a_statement():
    ev = te.one("وقال أردوغان إن الوضع في سوريا صعب.")
    assert (ev.plover, ev.cameo, ev.source) == ("STATEMENT", "010", ["PER:erdogan"])


def test_mentioned_by_an_actor_is_a_statement():
    # ذكر by an actor (not a news outlet) states something as قال does (gold: 010)
    ev = te.one("وكانت الأمم المتحدة ذكرت أن المساعدات وصلت إلى غزة.")
    assert (ev.plover, ev.cameo, ev.source) == ("STATEMENT", "010", ["ORG:un"])


def test_circumstantial_participle_is_the_same_speech_act():
    evs = te.code("قال لافروف إن روسيا مستعدة للحوار، مشيرا إلى أن الوضع صعب.")
    st = [e for e in evs if e.plover == "STATEMENT"]
    assert len(st) == 1 and st[0].trigger.text == "قال"


def test_continuing_verb_with_a_stronger_category_stays():
    # وأضاف with a criticism in its content is recoded (ACCUSE) and stays an event
    evs = te.code("وأضاف أيمن الصفدي أن موقف تركيا مذل.")
    assert [e.plover for e in evs] == ["ACCUSE"]


def test_continuing_statement_becomes_a_mention_of_the_speakers_statement():
    evs = te.code("قال لافروف إن روسيا مستعدة للحوار. وأضاف لافروف أن الأزمة في سوريا معقدة.")
    assert [(e.cameo, e.source, len(e.mentions)) for e in evs] == [("010", ["PER:lavrov"], 1)]


def test_plain_statement_has_lower_confidence_than_a_coded_act():
    # the same verb, speaker and sentence shape: only the code differs (an evaluative word in
    # the content recodes قال to a criticism)
    said = te.one("قال أيمن الصفدي إن الحوار ضروري.")
    crit = te.one("قال أيمن الصفدي إن الوضع مذل.")
    assert (said.cameo, crit.cameo) == ("010", "111") and not said.target and not crit.target
    assert said.confidence < crit.confidence - 0.1


def test_continuing_statement_told_first_is_no_event_but_a_later_warning_stays():
    # "وأضاف" opening the speaker's speech in this text continues a statement told before it
    assert te.code("وأضاف لافروف أن الوضع معقد. وقال لافروف إن الحوار ضروري.") == []
    evs = te.code("وأضاف لافروف أن الوضع معقد. وحذر لافروف من تدهور الوضع في سوريا.")
    assert [e.cameo for e in evs] == ["012"]
