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


@pytest.mark.parametrize("text, cameo, target", [
    # lies, betrayal, sarcasm
    ("قال سيرغي لافروف إن واشنطن تكذب بشأن سوريا.", "111", ["GPE:USA"]),
    ("قال سيرغي لافروف إن تصريحات واشنطن مثيرة للسخرية.", "111", ["GPE:USA"]),
    ("اعتبر رجب طيب أردوغان أن موقف الاتحاد الأوروبي طعنة في الظهر.", "111", ["ORG:eu"]),
    # unfitness
    ("قال سامح شكري إن حركة حماس غير مؤهلة لحماية المدنيين.", "111", ["ORG:hamas"]),
    # blame for a crisis, undermining stability
    ("قال أيمن الصفدي إن إسرائيل تتحمل المسؤولية الكاملة عن التصعيد في غزة.", "112", ["GPE:ISR"]),
    ("قال أيمن الصفدي إن إيران تسعى إلى زعزعة الاستقرار في المنطقة.", "112", ["GPE:IRN"]),
    ("قال سامح شكري إن سياسات تركيا تقوض جهود السلام.", "111", ["GPE:TUR"]),
])
def test_lies_unfitness_blame_and_destabilization_are_accusations(text, cameo, target):
    assert coded(text)[1:] == (cameo, coded(text)[2], target)
    assert coded(text)[0] == "ACCUSE"


@pytest.mark.parametrize("text", [
    # own responsibilities (a pronoun-suffixed noun, not blame)
    "قال سامح شكري إن الأردن يتحمل مسؤولياته تجاه اللاجئين.",
    # strengthening stability, not undermining it
    "قال أيمن الصفدي إن الحكومة تعمل على تعزيز الاستقرار في المنطقة.",
    # able, not unfit; unable victims are no criticism
    "قال سامح شكري إن حركة حماس قادرة على حماية المدنيين.",
    "قال أيمن الصفدي إن آلاف السكان في غزة غير قادرين على العودة إلى منازلهم.",
    # a title, not blame
    "قال أيمن الصفدي إن المسؤول الأول عن الملف في الأمم المتحدة زار غزة.",
    # the truth, not lies
    "قال سيرغي لافروف إن واشنطن تتحدث بصراحة بشأن سوريا.",
])
def test_near_misses_of_blame_and_unfitness_stay_plain(text):
    assert coded(text)[:2] == ("STATEMENT", "010")


@pytest.mark.parametrize("text, cameo, target", [
    ("قال سامح شكري إن إيران تمول الإرهاب في المنطقة.", "112", ["GPE:IRN"]),
    ("قال أيمن الصفدي إن إسرائيل تعرقل جهود السلام في غزة.", "111", ["GPE:ISR"]),
    ("قال سيرغي لافروف إن واشنطن تستخدم الأسلحة الكيميائية ذريعة للتدخل في سوريا.", "111", ["GPE:USA"]),
])
def test_obstruction_pretexts_and_terror_funding_are_accusations(text, cameo, target):
    plover, got, source, tgt = coded(text)
    assert (plover, got, tgt) == ("ACCUSE", cameo, target) and source


@pytest.mark.parametrize("text", [
    "قال سامح شكري إن إيران تمول مشاريع التنمية في المنطقة.",
    "قال أيمن الصفدي إن إسرائيل تسهل جهود السلام في غزة.",
    # elimination from a tournament is no exclusion policy
    "قال أيمن الصفدي إن إقصاء الفريق من البطولة كان متوقعا.",
])
def test_near_misses_of_obstruction_and_funding_stay_plain(text):
    assert coded(text)[:2] == ("STATEMENT", "010")


def test_credit_for_a_role_is_praise():
    plover, cameo, source, target = coded("قال سامح شكري إن الأردن لعب دورا هاما في التهدئة.")
    assert (plover, cameo, target) == ("SUPPORT", "051", ["GPE:JOR"]) and source == ["PER:shoukry"]


@pytest.mark.parametrize("text", [
    # a role without credit
    "قال سامح شكري إن الأردن لعب دورا في التهدئة.",
    # a foul in a match
    "قال أيمن الصفدي إن الهدف جاء إثر عرقلة داخل منطقة الجزاء.",
    # "thanks to" is causal, not praise
    "قال سامح شكري إن الأسعار انخفضت بفضل الأمطار.",
])
def test_near_misses_of_praise_stay_plain(text):
    assert coded(text)[:2] == ("STATEMENT", "010")


@pytest.mark.parametrize("text, cameo, target", [
    ("قال أيمن الصفدي إن اتفاق إسرائيل مع حركة حماس بقي حبرا على ورق.", "111", ["GPE:ISR"]),
    ("قال سامح شكري إن تركيا أخفقت في حماية حدودها.", "111", ["GPE:TUR"]),
    ("قال سامح شكري إن الحكومة التونسية قامت بإهدار المال العام.", "112", ["GPE:TUN"]),
])
def test_dismissal_failure_and_squandering_are_accusations(text, cameo, target):
    plover, got, source, tgt = coded(text)
    assert (plover, got, tgt) == ("ACCUSE", cameo, target) and source


@pytest.mark.parametrize("text", [
    "قال أيمن الصفدي إن اتفاق إسرائيل مع حركة حماس دخل حيز التنفيذ.",
    "قال سامح شكري إن تركيا تمكنت من حماية حدودها.",
    "قال سامح شكري إن الحكومة التونسية قامت بترشيد المال العام.",
])
def test_near_misses_of_dismissal_and_failure_stay_plain(text):
    assert coded(text)[:2] == ("STATEMENT", "010")


@pytest.mark.parametrize("text, cameo, target", [
    ("قال أيمن الصفدي إن إسرائيل تمارس سياسة ممنهجة ضد سكان غزة.", "111", ["GPE:ISR"]),
    ("قال سيرغي لافروف إن واشنطن تحرض على العنف في سوريا.", "112", ["GPE:USA"]),
    ("قال سامح شكري إن حركة حماس تمارس الترهيب ضد سكان غزة.", "111", ["ORG:hamas"]),
])
def test_systematic_targeting_incitement_and_intimidation_are_accusations(text, cameo, target):
    plover, got, source, tgt = coded(text)
    assert (plover, got, tgt) == ("ACCUSE", cameo, target) and source


@pytest.mark.parametrize("text", [
    # tightening the noose on militants is no criticism
    "قال سامح شكري إن الجيش السوري يواصل تضييق الخناق على المسلحين في إدلب.",
    # siding with a neighbour
    "قال سامح شكري إن مصر منحازة للأردن في هذا الملف.",
    "قال سيرغي لافروف إن واشنطن تحرص على الهدوء في سوريا.",
])
def test_near_misses_of_targeting_and_incitement_stay_plain(text):
    assert coded(text)[:2] == ("STATEMENT", "010")
