"""Session 4: general evaluation cues (``evaluation`` in kg/data/events/cues.tsv) that recode a
plain statement (010) by its reported content.

Probe sentences are invented for these tests (not from the corpus or the gold); entities come
from tests/test_events.py.  Each probe has a near miss that must stay a plain statement 010:
the same frame with a neutral content.
"""

from __future__ import annotations

import pytest

from tests import test_events as te


def coded(text: str) -> tuple[str, str, list[str], list[str]]:
    ev = te.one(text)
    return ev.plover, ev.cameo, ev.source, ev.target


@pytest.mark.parametrize("text, target", [
    # contradiction
    ("قال أيمن الصفدي إن موقف إسرائيل متناقض مع التزاماتها.", ["GPE:ISR"]),
    ("اعتبر سامح شكري أن تصريحات أردوغان تناقض ما أعلنه سابقا.", ["PER:erdogan"]),
    # provocations
    ("قال سيرغي لافروف إن واشنطن تلجأ إلى الاستفزازات في سوريا.", ["GPE:USA"]),
])
def test_contradiction_and_provocation_are_criticism(text, target):
    plover, cameo, source, tgt = coded(text)
    assert (plover, cameo) == ("ACCUSE", "111")
    assert source and tgt == target


@pytest.mark.parametrize("text", [
    "قال أيمن الصفدي إن موقف إسرائيل معروف للجميع.",
    "قال سيرغي لافروف إن واشنطن تلجأ إلى الحوار في سوريا.",
])
def test_neutral_content_stays_a_plain_statement(text):
    assert coded(text)[:2] == ("STATEMENT", "010")
