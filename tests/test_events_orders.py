"""Rules of session 3, round 3: orders (أمر بـ + the ordered act; أمر + addressee) and
withdrawal of membership.  Sentences are invented for these tests."""

from __future__ import annotations

from tests import test_events as te


def test_order_of_an_arrest_is_the_arrest_by_who_ordered_it():
    ev = te.one("أمر أيمن الصفدي باعتقال ناصر الزفزافي.")
    assert (ev.cameo, ev.plover) == ("173", "COERCE")
    assert ev.source == ["PER:safadi"]
    # إيقاف of a person is an arrest, as أوقف
    ev = te.one("أمرت وزارة الداخلية المصرية بإيقاف ناصر الزفزافي.")
    assert (ev.cameo, ev.source) == ("173", ["ORG:moi-eg"])


def test_order_of_a_suspension_or_release():
    ev = te.one("أمر أيمن الصفدي بوقف ناصر الزفزافي عن العمل.")
    assert (ev.cameo, ev.plover, ev.source) == ("172", "COERCE", ["PER:safadi"])
    ev = te.one("أمر أيمن الصفدي بالإفراج عن ناصر الزفزافي.")
    assert (ev.plover, ev.source, ev.target) == ("RETREAT", ["PER:safadi"], ["PER:zefzafi"])


def test_ordered_act_without_anyone_who_ordered_it_is_not_coded():
    # (nor is the noun phrase after the ordered act's noun its subject)
    assert [e for e in te.code("أمرت بإيقاف مدير وزارة الداخلية المصرية.") if e.plover == "COERCE"] == []
    assert [e for e in te.code("أمرت بإيقاف ناصر الزفزافي.") if e.plover == "COERCE"] == []


def test_order_to_an_addressee_is_a_demand():
    ev = te.one("أمر رجب طيب أردوغان وزارة الداخلية المصرية بنشر قائمة.")
    assert (ev.plover, ev.cameo) == ("REQUEST", "100")
    assert (ev.source, ev.target) == (["PER:erdogan"], ["ORG:moi-eg"])


def test_stripping_of_membership_is_an_administrative_sanction():
    ev = te.one("أسقطت حركة حماس عضوية ناصر الزفزافي.")
    assert (ev.cameo, ev.plover, ev.source) == ("172", "COERCE", ["ORG:hamas"])


def test_gap_before_a_tail_counts_words_not_quote_marks(monkeypatch):
    monkeypatch.setitem(te.ENTITIES, "PER:phil", ("PER", ["فلوريان فيليبو"], "name"))
    monkeypatch.setitem(te.ENTITIES, "ORG:fn", ("ORG", ["الجبهة الوطنية"], "name"))
    # nine words between حمّل and مسؤولية, with quote marks and a comma among them
    ev = te.one('حمّل أيمن الصفدي نائب رئيس "الجبهة الوطنية" فلوريان فيليبو، مسؤولية فشل الحزب.')
    assert (ev.plover, ev.cameo) == ("ACCUSE", "112")
    # the quoted organization belongs to the title: the person after it is the target
    assert (ev.source, ev.target) == (["PER:safadi"], ["PER:phil"])
    # ten words are too many
    far = 'حمّل أيمن الصفدي نائب رئيس "الجبهة الوطنية" السيد الأستاذ فلوريان فيليبو، مسؤولية الفشل.'
    assert all(e.plover != "ACCUSE" for e in te.code(far))


def test_agreeing_with_someone_in_a_view_is_no_cooperation():
    evs = te.code("واتفق أيمن الصفدي في موقفه مع سامح شكري الذي اعتبر أن الوضع صعب.")
    assert all(e.plover != "AGREE" for e in evs)
    evs = te.code("واتفق أيمن الصفدي مع سامح شكري في الرأي.")
    assert all(e.plover != "AGREE" for e in evs)
    # agreeing on something to do stays an agreement
    evs = te.code("اتفق أيمن الصفدي مع سامح شكري على تعزيز التعاون في موقف موحد.")
    assert [e.plover for e in evs] == ["AGREE"]
