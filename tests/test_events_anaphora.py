"""Rule families of the fourth events round (invented sentences; hand-built entities of
tests/test_events.py): institution nouns that refer back to a named organization, pronoun
patients after a preposition, statements of intent in reported speech, the target of a
statement coded by its content, and criticisms of different targets kept apart."""

from __future__ import annotations

from kg.config import Config
from kg.events.dedup import same_event
from tests import test_events as te


def rules(text: str):
    cfg = Config()
    cfg.extra["event_filter"] = False
    return te.code(text, config=cfg)


def _cat(evs, plover):
    return [e for e in evs if e.plover == plover]


# --- institution noun alone -> the organization named before with that head ---------------


def test_institution_noun_subject_refers_back_to_the_named_organization():
    evs = rules("أصدرت حركة حماس بيانا اليوم. ونددت الحركة بالهجوم على غزة.")
    acc = _cat(evs, "ACCUSE")
    assert acc and acc[0].source == ["ORG:hamas"]
    evs = rules("أصدرت وزارة الداخلية المصرية بيانا اليوم. ونددت الوزارة بالهجوم على غزة.")
    acc = _cat(evs, "ACCUSE")
    assert acc and acc[0].source == ["ORG:moi-eg"]


def test_qualified_or_unmatched_institution_noun_is_not_resolved():
    # "الحركة الاحتجاجية" is another movement; "الجمعية" names no earlier organization
    evs = rules("أصدرت حركة حماس بيانا اليوم. ونددت الحركة الاحتجاجية بالهجوم على غزة.")
    assert all("ORG:hamas" not in e.source for e in _cat(evs, "ACCUSE"))
    evs = rules("أصدرت حركة حماس بيانا اليوم. ونددت الجمعية بالهجوم على غزة.")
    assert all("ORG:hamas" not in e.source for e in _cat(evs, "ACCUSE"))


def test_institution_noun_after_the_passive_agent_cue():
    evs = rules("أعلنت الشرطة التونسية عن حملة. وتم اعتقال ناصر الزفزافي من قبل الشرطة.")
    arr = _cat(evs, "COERCE")
    assert arr and arr[0].source == ["ORG:police-tn"] and arr[0].target == ["PER:zefzafi"]


# --- pronoun patient after a preposition -------------------------------------------------


def test_pronoun_after_the_trigger_preposition_is_the_last_named_person():
    evs = rules("وصل ناصر الزفزافي إلى تونس أمس. وتم إلقاء القبض عليه في المطار.")
    arr = _cat(evs, "COERCE")
    assert arr and arr[0].target == ["PER:zefzafi"]
    # without the pronoun there is no patient (and no actor: no event)
    assert not _cat(rules("وصل ناصر الزفزافي إلى تونس أمس. وتم إلقاء القبض في المطار."), "COERCE")


# --- statements of intent ---------------------------------------------------------------


def test_first_person_future_in_reported_speech_is_a_statement_of_intent():
    evs = rules("وقال لافروف: \"سنواصل دعم سوريا في كل المجالات\".")
    agree = _cat(evs, "AGREE")
    assert agree and agree[0].cameo == "030" and agree[0].source == ["PER:lavrov"]


def test_but_it_will_keep_is_a_statement_of_intent():
    evs = rules("أكد لافروف أن روسيا ليست مستعدة للتنازل، لكنها ستحترم الاتفاقات الموقعة.")
    agree = _cat(evs, "AGREE")
    assert agree and agree[0].source == ["PER:lavrov"]


def test_year_words_and_past_verbs_are_no_intent():
    evs = rules("قال لافروف إن السنوات الماضية شهدت تحولات كثيرة.")
    assert not _cat(evs, "AGREE")


# --- target of a statement coded by its content ------------------------------------------


def test_content_subject_is_the_target_of_a_criticism():
    evs = rules("قال لافروف إن تركيا متورطة في دعم الإرهاب.")
    acc = _cat(evs, "ACCUSE")
    assert acc and acc[0].source == ["PER:lavrov"] and acc[0].target == ["GPE:TUR"]


def test_a_governed_name_in_the_content_is_not_the_target():
    evs = rules("قال لافروف إن الوضع في تركيا كارثي.")
    acc = _cat(evs, "ACCUSE")
    assert acc and acc[0].target == []


# --- deduplication: criticisms of different targets ----------------------------------------


def test_criticisms_of_different_targets_in_different_sentences_stay_apart():
    evs = rules("انتقد لافروف تركيا بشدة. وقال لافروف إن إسرائيل متورطة في الهجوم.")
    acc = _cat(evs, "ACCUSE")
    assert len(acc) == 2, [(e.trigger.text, e.source, e.target) for e in acc]
    a, b = acc
    assert not same_event(a, b) and not same_event(b, a)
    # the same target told again merges
    evs = rules("انتقد لافروف تركيا بشدة. وقال لافروف إن تركيا متورطة في الهجوم.")
    assert len(_cat(evs, "ACCUSE")) == 1


# --- a cooperative act stated for the future: the actor's stated intention (AGREE 03x) ------


def test_future_visit_stays_future_and_states_an_intention():
    evs = rules("سيزور لافروف تركيا.")
    visit = _cat(evs, "CONSULT")
    agree = _cat(evs, "AGREE")
    assert visit and visit[0].modality == "future"
    assert agree and agree[0].cameo == "036" and agree[0].modality == "asserted"
    assert agree[0].source == ["PER:lavrov"] and agree[0].target == ["GPE:TUR"]
    evs = rules("ومن المقرر أن يستقبل أردوغان لافروف الأسبوع المقبل.")
    assert [e.cameo for e in _cat(evs, "AGREE")] == ["036"]


def test_future_force_negated_or_conditional_cooperation_states_no_intention():
    assert not _cat(rules("سيواصل الجيش السوري قصف إدلب."), "AGREE")
    assert not _cat(rules("لن يزور لافروف تركيا."), "AGREE")
    assert not _cat(rules("إذا زار لافروف تركيا فإن المنطقة ستهدأ."), "AGREE")


# --- rejecting another actor's decision is opposition (criticism 111) ----------------------


def test_rejecting_a_decision_is_criticism_and_rejecting_a_request_stays_reject():
    evs = rules("عبرت تركيا عن رفضها للقرارات التي أصدرتها الولايات المتحدة.")
    assert [e.cameo for e in evs if e.plover in ("ACCUSE", "REJECT")] == ["111"]
    evs = rules("رفضت تركيا طلب الولايات المتحدة.")
    assert [e.cameo for e in evs if e.plover in ("ACCUSE", "REJECT")] == ["120"]


# --- an attack noun with the place where it took place, inside reported speech ---------------


def test_attack_that_took_place_in_a_town_is_a_reported_event_inside_speech():
    evs = rules("قال لافروف إن الهجوم الذي جد مساء الأربعاء في إدلب لم يسفر عن ضحايا.")
    att = _cat(evs, "ASSAULT")
    assert att and att[0].target == ["GPE:idlib"] and att[0].modality == "reported"
    evs = rules("أعلنت الشرطة التونسية أن عدد القتلى في هجوم إرهابي بشاحنة وقع في غزة ارتفع إلى خمسة.")
    att = _cat(evs, "ASSAULT")
    assert att and att[0].target == ["GPE:gaza"]


def test_attack_noun_without_the_place_it_struck_stays_what_was_said():
    # (a town named further on, after another clause, is not where the attack took place)
    evs = rules("قال لافروف إن الهجوم خطير جدا على الأمن في إدلب.")
    assert not _cat(evs, "ASSAULT")


# --- a verbal noun told as having taken place inside reported speech ------------------------


def test_noun_after_a_preposition_of_time_or_with_a_verb_of_occurrence_is_a_reported_event():
    evs = rules("أكد لافروف أن أعضاء الحزب علموا بالأمر، مثل عموم الشعب، بعد اعتقال ناصر الزفزافي.")
    arr = _cat(evs, "COERCE")
    assert arr and arr[0].target == ["PER:zefzafi"] and arr[0].modality == "reported"
    evs = rules("وأضاف لافروف أن اعتقال ناصر الزفزافي ومن معه قد حصل قبل عامين.")
    arr = _cat(evs, "COERCE")
    assert arr and arr[0].target == ["PER:zefzafi"]


def test_noun_named_as_what_was_said_stays_out():
    # no preposition of time, no verb of occurrence: the arrest is what was asked for
    evs = rules("وأضاف لافروف أن اعتقال ناصر الزفزافي ضروري.")
    assert not _cat(evs, "COERCE")


def test_responded_by_is_a_light_verb_and_its_institution_subject_resolves():
    evs = rules("أعلن الجيش السوري حالة التأهب. ورد الجيش بقصف مواقع في إدلب.")
    att = _cat(evs, "ASSAULT")
    assert att and att[0].source == ["ORG:army-sy"]


def test_meeting_between_them_takes_the_two_parties_named_last():
    evs = rules("وصل أردوغان إلى موسكو حيث صافح لافروف قبل بدء اللقاء بينهما.")
    meet = _cat(evs, "CONSULT")
    assert meet and meet[0].source == ["PER:erdogan"] and meet[0].target == ["PER:lavrov"]
    # without بينهما the meeting has no parties (and is no event)
    evs = rules("وصل أردوغان إلى موسكو حيث صافح لافروف قبل بدء اللقاء.")
    assert all(e.trigger.text != "اللقاء" for e in _cat(evs, "CONSULT"))


# --- "renewed its ..." (جدد + verbal noun of a speech act) -------------------------------------


def test_renewed_condemnation_appeal_and_support_are_coded_as_the_act_renewed():
    assert [(e.cameo, e.source) for e in rules("وجددت تركيا إدانتها للهجوم على غزة.")
            if e.plover == "ACCUSE"] == [("111", ["GPE:TUR"])]
    assert [(e.cameo, e.source) for e in rules("وجدد لافروف دعوته إلى الحوار في سوريا.")
            if e.plover == "REQUEST"] == [("020", ["PER:lavrov"])]
    sup = _cat(rules("جدد أردوغان دعمه لحركة حماس."), "SUPPORT")
    assert sup and sup[0].source == ["PER:erdogan"] and sup[0].target == ["ORG:hamas"]


# --- the named antecedent of a subject relative clause --------------------------------------


def test_named_antecedent_of_a_relative_clause_is_the_speech_acts_subject():
    evs = rules("وقال مسؤولون إن أردوغان، هو الذي رحب بعرض لافروف.")
    sup = _cat(evs, "SUPPORT")
    assert sup and sup[0].source == ["PER:erdogan"]
    evs = rules("وكان لافروف، الذي انتقد تركيا أمس، قد وصل إلى سوريا.")
    acc = _cat(evs, "ACCUSE")
    assert acc and acc[0].source == ["PER:lavrov"] and acc[0].target == ["GPE:TUR"]


def test_relative_clause_that_resumes_its_antecedent_makes_it_the_object():
    # "X الذي انتقده Y": X is criticized, not the critic
    evs = rules("وكان لافروف، الذي انتقده أردوغان أمس، قد وصل إلى سوريا.")
    assert all(e.source != ["PER:lavrov"] for e in _cat(evs, "ACCUSE"))


# --- a fronted list of names set off by commas ---------------------------------------------


def test_fronted_list_of_states_before_the_verb_is_its_subject():
    evs = rules("وكانت مصر والأردن، ثم تركيا، قطعت العلاقات مع إيران، متهمة طهران بدعم الإرهاب.")
    cut = _cat(evs, "SANCTION")
    assert cut and cut[0].source == ["GPE:EGY", "GPE:JOR", "GPE:TUR"] and cut[0].target == ["GPE:IRN"]
    acc = _cat(evs, "ACCUSE")
    assert acc and acc[0].source == ["GPE:EGY", "GPE:JOR", "GPE:TUR"]


def test_list_governed_by_a_preposition_is_not_the_subject():
    evs = rules("وفي مصر والأردن، قطعت العلاقات مع إيران.")
    assert all(not e.source for e in _cat(evs, "SANCTION"))


def test_named_member_of_an_unnamed_prepositional_object_is_the_target():
    ev = [e for e in rules("فرضت الولايات المتحدة حظرا مؤقتا على دخول مواطني سبع دول بينها إيران.")
          if e.plover == "COERCE"]
    assert ev and ev[0].source == ["GPE:USA"] and ev[0].target == ["GPE:IRN"]
    # a name after a comma belongs to another clause
    ev = [e for e in rules("فرضت الولايات المتحدة حظرا مؤقتا على دخول مواطني سبع دول، وزار لافروف إيران.")
          if e.plover == "COERCE"]
    assert ev and ev[0].target == []


def test_victim_of_a_death_caused_by_an_attack_is_its_target():
    evs = rules("أكدت وزارة الدفاع مقتل قائد كبير في حركة حماس في غارة أمريكية في غزة.")
    att = _cat(evs, "ASSAULT")
    assert att and att[0].target == ["ORG:hamas"]
    # a death told in another clause is no victim of this attack
    evs = rules("أكدت وزارة الدفاع مقتل قائد كبير في حركة حماس، وشنت غارة أمريكية في غزة.")
    assert all(e.target != ["ORG:hamas"] for e in _cat(evs, "ASSAULT"))


def test_closing_airspace_is_a_sanction_sharing_the_coordinated_subject():
    evs = rules("وكانت مصر والأردن قطعت العلاقات مع إيران، وأغلقت مجالاتها الجوية أمام الرحلات التجارية.")
    closed = [e for e in evs if e.cameo == "163"]
    assert closed and closed[0].source == ["GPE:EGY", "GPE:JOR"]


def test_counted_gentilic_noun_after_an_arrest_names_the_patients_country(monkeypatch):
    monkeypatch.setitem(te.NISBA, "GPE:AZE", te.NISBA["GPE:AZE"] + ["أذربيجانيا"])
    evs = rules("اعتقلت الشرطة التونسية 40 أذربيجانيا في المطار.")
    arr = _cat(evs, "COERCE")
    assert arr and arr[0].source == ["ORG:police-tn"] and arr[0].target == ["GPE:AZE"]
    evs = rules("أظهرت إحصائية اعتقال الشرطة التونسية 40 أذربيجانيا خلال شهر مارس.")
    arr = _cat(evs, "COERCE")
    assert arr and arr[0].source == ["ORG:police-tn"] and arr[0].target == ["GPE:AZE"]


def test_concern_in_maghrebi_usage_and_firing_tear_gas():
    assert [e.cameo for e in rules("وعبر لافروف عن انشغاله بالوضع في سوريا.") if e.plover == "STATEMENT"] == ["012"]
    ev = [e for e in rules("وأطلقت الشرطة التونسية القنابل الصوتية على المحتجين.") if e.plover == "ASSAULT"]
    assert ev and ev[0].source == ["ORG:police-tn"]


def test_title_holder_named_after_the_place_of_the_body():
    # "نائب حركة X بولاية Y، فلان": the person after the body's place and a comma holds the title
    evs = rules("أبدى نائب حركة حماس بغزة، ناصر الزفزافي، استعداده للتعاون مع تركيا.")
    agree = _cat(evs, "AGREE")
    assert agree and agree[0].source == ["PER:zefzafi"]


def test_unhelpful_mistaken_or_unconsulted_content_is_criticism():
    assert [e.cameo for e in rules("قال لافروف إن بناء المستوطنات قد لا يساعد في تحقيق السلام.")] == ["111"]
    assert [e.cameo for e in rules("وأكد أردوغان أن الحكومة تتخذ القرارات دون التشاور مع الأحزاب.")] == ["111"]
    assert [e.cameo for e in rules("قال لافروف إن الحكومة تساعد في تحقيق السلام.")] == ["010"]


def test_both_leaders_with_no_pair_coded_yet_are_the_two_parties_named_last():
    evs = rules("تبادل أردوغان أرقام الهاتف مع لافروف عقب أول لقاء بين زعيمي البلدين.")
    meet = _cat(evs, "CONSULT")
    assert meet and meet[0].source == ["PER:erdogan"] and meet[0].target == ["PER:lavrov"]


def test_readiness_told_to_another_party_is_agree_directed_at_it():
    evs = rules("وقال لافروف إن إيران أبلغت تركيا استعدادها لمساعدتها في تأمين الإمدادات.")
    agree = _cat(evs, "AGREE")
    assert agree and agree[0].source == ["GPE:IRN"] and agree[0].target == ["GPE:TUR"]
    evs = rules("أكد أردوغان استعداده للقاء لافروف.")
    assert [e.cameo for e in _cat(evs, "AGREE")] == ["030"]


def test_going_out_in_mass_marches_is_a_protest_of_the_subject():
    evs = rules("خرج أنصار حركة حماس في مسيرات جماهيرية في غزة.")
    pro = _cat(evs, "PROTEST")
    assert pro and pro[0].source == ["ORG:hamas"]
    # a march named without a protest word or a mass adjective is no protest
    assert not _cat(rules("خرج أنصار حركة حماس في مسيرة الأمس."), "PROTEST")


def test_in_it_between_an_appeal_and_its_addressee_is_skipped():
    evs = rules("وبث التلفزيون كلمة لأردوغان دعا فيها لافروف إلى ضبط النفس.")
    req = _cat(evs, "REQUEST")
    assert req and req[0].target == ["PER:lavrov"]


def test_sentence_initial_kama_continues_the_last_speaker():
    evs = rules("انتقد لافروف تركيا بشدة. كما أعرب عن قلقه من الوضع في سوريا.")
    worry = [e for e in evs if e.cameo == "012"]
    assert worry and worry[0].source == ["PER:lavrov"]
