"""Rules added for generalization (session 3, round 2): general Arabic news grammar, checked
on the old dev set and on a fresh validation set.  Sentences are invented for these tests."""

from __future__ import annotations

import pytest

from tests import test_events as te


@pytest.fixture
def nahda(monkeypatch):
    monkeypatch.setitem(te.ENTITIES, "ORG:nahda", ("ORG", ["حركة النهضة", "النهضة"], "name"))
    monkeypatch.setitem(te.ENTITIES, "ORG:front", ("ORG", ["الجبهة الشعبية"], "name"))


def test_title_phrase_with_two_bodies_names_the_person_after_it(nahda):
    # title + في + body, و + second title + في + second body, then the holder
    ev = te.one("قال النائب في الأمم المتحدة والقيادي في الجبهة الشعبية أيمن الصفدي إن الوضع صعب.")
    assert ev.source == ["PER:safadi"]
    # the second body's generic head (حزب، حركة) is not part of its name
    ev = te.one("قال النائب بالأمم المتحدة عن حزب النهضة، أيمن الصفدي إن الوضع صعب.")
    assert ev.source == ["PER:safadi"]


def test_title_holder_whose_first_name_was_not_recognized(nahda):
    ev = te.one("قال القيادي في حركة النهضة العجمي الصفدي إن الوضع صعب.")
    assert ev.source == ["PER:safadi"]
    # with no name after it the body stays the speaker
    ev = te.one("قال القيادي في حركة النهضة إن الوضع صعب.")
    assert ev.source == ["ORG:nahda"]


def test_medium_spoken_to_is_the_addressee_not_the_speaker():
    evs = te.code("قال أيمن الصفدي إن الوضع صعب. وقال لوكالة وفا إن روسيا مستعدة.")
    assert evs and all(e.source == ["PER:safadi"] for e in evs)
    # the preposition written apart (لـ) before the quoted medium
    evs = te.code('انتقد أيمن الصفدي روسيا. وأكد ذلك في تصريح لـ "وكالة وفا". وقال إن الوضع صعب.')
    assert evs and all("ORG:wafa" not in e.source for e in evs)


def test_news_outlet_report_is_attribution_not_an_event(monkeypatch):
    monkeypatch.setitem(te.ENTITIES, "ORG:khabar", ("ORG", ["الخبر"], "name"))
    assert te.code("قالت وكالة وفا إن الوضع في غزة صعب.") == []
    # named after its outlet noun; the continuation (وأضافت) is the outlet's report too
    assert te.code('كشفت صحيفة "الخبر" عن الوضع في غزة. وأضافت أن الوضع صعب.') == []
    # an organization that is not an outlet still makes statements
    assert len(te.code("قالت الأمم المتحدة إن الوضع في غزة صعب.")) == 1
    assert len(te.code("كشفت الأمم المتحدة عن الوضع في غزة.")) == 1


def test_feminine_verb_does_not_take_a_masculine_head_as_subject():
    evs = te.code("انتقدت حركة حماس إسرائيل، وطالبت الاتحاد الأوروبي بالتحرك.")
    req = [e for e in evs if e.plover == "REQUEST"][0]
    assert (req.source, req.target) == (["ORG:hamas"], ["ORG:eu"])
    # sentence-initial: the dropped subject is the last speaker
    evs = te.code("قالت حركة حماس إن الوضع صعب. وانتقدت الجيش السوري.")
    acc = [e for e in evs if e.plover == "ACCUSE"][0]
    assert (acc.source, acc.target) == (["ORG:hamas"], ["ORG:army-sy"])
    # agreement holds: the masculine verb's subject is the masculine phrase
    req = [e for e in te.code("وطالب الاتحاد الأوروبي روسيا بالتحرك.") if e.plover == "REQUEST"][0]
    assert req.source == ["ORG:eu"]


@pytest.mark.parametrize("text", [
    "قال أيمن الصفدي إن من يعتقد أن الأزمة انتهت واهم.",
    "قال لافروف إنه كان من الأجدى استشارة روسيا.",
    "أوضح لافروف أن هذه التهم تعكس ضعف موقف الاتحاد الأوروبي.",
    "قال أيمن الصفدي إن خطاب الحكومة مزدوج.",
    "قال لافروف إن القرار سابق لأوانه.",
])
def test_negative_evaluation_in_the_content_makes_a_criticism(text):
    ev = te.one(text)
    assert (ev.plover, ev.cameo) == ("ACCUSE", "111")


def test_descriptive_adjective_is_no_evaluation():
    # "the failed coup" describes an event; it judges no one
    assert te.one("قال أردوغان إن محاولة الانقلاب الفاشلة وقعت في تركيا.").cameo == "010"


def test_discussion_by_telephone_is_a_call():
    ev = te.one("بحث سامح شكري مع نظيره الأردني أيمن الصفدي في اتصال هاتفي اليوم الأوضاع في غزة.")
    assert (ev.cameo, ev.source, ev.target) == ("041", ["PER:shoukry"], ["PER:safadi"])
    assert te.one("ناقش لافروف مع ميرزويان هاتفيا الوضع في ناغورني قره باغ.").cameo == "041"
    # a call of other parties in the next clause leaves the discussion a meeting
    evs = te.code("بحث لافروف مع ميرزويان الوضع، وأجرى شكري اتصالا هاتفيا مع الصفدي.")
    assert [(e.cameo, e.source) for e in evs] == [("040", ["PER:lavrov"]), ("041", ["PER:shoukry"])]


def test_announced_arrest_of_unnamed_people_is_the_agents_act():
    ev = te.one("وأعلنت الشرطة التونسية توقيف ثلاثة أشخاص يشتبه في تورطهم في الهجوم.")
    assert (ev.plover, ev.cameo, ev.source) == ("COERCE", "173", ["ORG:police-tn"])
    ev = te.one("أعلنت الشرطة التونسية عن اعتقال 12 متهما.")
    assert (ev.cameo, ev.source) == ("173", ["ORG:police-tn"])
    # stopping a work or a decision is no arrest
    assert te.one("أعلنت الشرطة التونسية إيقاف العمل بالقرار.").cameo == "010"


def test_place_named_after_a_generic_head():
    ev = te.one("اعتقلت الشرطة التونسية ناصر الزفزافي في مدينة إدلب.")
    assert ev.place == "GPE:idlib"


def test_rejecting_accusations_is_a_denial():
    evs = te.code("انتقد لافروف الاتحاد الأوروبي، رافضا الاتهامات بأن روسيا تدعم الإرهاب.")
    assert [(e.plover, e.cameo) for e in evs] == [("ACCUSE", "111"), ("STATEMENT", "016")]
    assert te.one("ورفض أردوغان المزاعم التي نشرتها روسيا.").cameo == "016"
    # refusing a request stays a rejection
    assert te.one("ورفض أردوغان الطلب الذي قدمته روسيا.").cameo == "120"


def test_definite_title_after_a_gentilic_group_starts_the_object():
    ev = te.one("اعتقلت الشرطة التونسية الناشط ناصر الزفزافي.")
    assert (ev.source, ev.target) == (["ORG:police-tn"], ["PER:zefzafi"])
    evs = te.code("وأوقفت السلطات التركية القنصلة الفخرية أيمن الصفدي.")
    assert [(e.source, e.target) for e in evs] == [(["GPE:TUR"], ["PER:safadi"])]


def test_both_sides_as_object_resolve_to_the_last_pair():
    evs = te.code("أجرى أيمن الصفدي اتصالا هاتفيا مع سيرغي لافروف. ودعا الاتحاد الأوروبي الطرفين إلى الحوار.")
    req = [e for e in evs if e.plover == "REQUEST"][0]
    assert (req.source, sorted(req.target)) == (["ORG:eu"], ["PER:lavrov", "PER:safadi"])
    # with no pair named before, no target is invented
    req = [e for e in te.code("ودعا الاتحاد الأوروبي الطرفين إلى الحوار.") if e.plover == "REQUEST"]
    assert all(e.target == [] for e in req)


def test_attack_on_a_place_strikes_it(monkeypatch):
    monkeypatch.setitem(te.ENTITIES, "LOC:jabalia", ("LOC", ["مخيم جباليا"], "name"))
    ev = [e for e in te.code("قتل عشرات في غارات إسرائيلية على مخيم جباليا.") if e.cameo == "195"][0]
    assert (ev.target, ev.place) == (["LOC:jabalia"], "LOC:jabalia")
    ev = te.one("شنت تركيا غارات على مدينة إدلب.")
    assert (ev.source, ev.target, ev.place) == (["GPE:TUR"], ["GPE:idlib"], "GPE:idlib")


def test_meeting_during_a_visit_is_its_own_event():
    evs = te.code("وصل سيرغي لافروف إلى أرمينيا في زيارة رسمية، التقى خلالها نظيره الأرميني أرارات ميرزويان.")
    got = sorted((e.cameo, tuple(e.source), tuple(e.target)) for e in evs)
    assert got == [("040", ("PER:lavrov",), ("PER:mirzoyan",)), ("042", ("PER:lavrov",), ("GPE:ARM",))]


def test_forecast_and_referral_to_trial_triggers():
    ev = te.one("توقع لافروف استمرار الأزمة في ناغورني قره باغ.")
    assert (ev.plover, ev.cameo, ev.source) == ("STATEMENT", "010", ["PER:lavrov"])
    assert te.code("ومن المتوقع أن يصل لافروف إلى أرمينيا.") == [] or all(
        e.trigger.text != "المتوقع" for e in te.code("ومن المتوقع أن يصل لافروف إلى أرمينيا."))
    ev = te.one("وأحالت الشرطة التونسية ناصر الزفزافي إلى المحاكمة.")
    assert (ev.plover, ev.cameo, ev.source, ev.target) == ("COERCE", "173", ["ORG:police-tn"], ["PER:zefzafi"])


def test_plain_statement_merged_with_a_warning_is_told_where_the_warning_is():
    evs = te.code("قال لافروف إن الوضع في أرمينيا صعب. وحذر لافروف من تدهور الوضع في أرمينيا.")
    assert [(e.cameo, e.trigger.text, e.sentence, len(e.mentions)) for e in evs] == [("012", "وحذر", 1, 1)]


def test_common_noun_before_a_present_verb_is_its_subject_not_an_earlier_name():
    evs = te.code("وأحالت الشرطة التونسية ناصر الزفزافي إلى المحاكمة بعد تحقيقات في بلاغات تتهمه بالتزوير.")
    acc = [e for e in evs if e.plover == "ACCUSE"]
    assert all(e.source != ["PER:zefzafi"] for e in acc)


def test_quoted_speaker_named_after_a_title_phrase_following_an():
    ev = te.one("ونقلت وكالة وفا عن وزير الخارجية الروسي سيرغي لافروف قوله إن الوضع صعب.")
    assert (ev.plover, ev.source) == ("STATEMENT", ["PER:lavrov"])
