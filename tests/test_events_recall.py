"""Recall rules of session 5 (invented probe sentences, hand-built entities of tests/test_events.py).

Each rule has sentences where it must fire and near misses where it must not.  The learned
filter is off: these tests exercise the rules themselves."""

from __future__ import annotations

from tests import test_events as te


def coded(text: str):
    return [(e.cameo, e.plover, e.source, e.target, e.modality) for e in te.code(text)]


def of(text: str, plover: str):
    return [e for e in te.code(text) if e.plover == plover]


# --- a title held "in" a place, then the holder's name ------------------------------------------


def test_title_held_in_a_country_then_the_name_is_the_subject():
    evs = te.code("وأعلن رئيس هيئة الانتخابات المستقلة في تونس سيرغي لافروف أن القرار نهائي.")
    st = [e for e in evs if e.plover in ("STATEMENT", "ACCUSE")]
    assert st and st[0].source == ["PER:lavrov"]


def test_title_in_a_country_without_a_name_does_not_make_the_place_the_actor():
    # "السفير الروسي في تونس": the ambassador speaks for his own country, never for the place
    for e in te.code("وقال السفير الروسي في تونس إن القرار نهائي."):
        assert "GPE:TUN" not in e.source
    # an object after the place is not taken as the subject's name
    for e in te.code("التقى الوزير في تونس سيرغي لافروف."):
        assert e.source != ["PER:lavrov"]


# --- subject-verb order: an organization with its seat, an organization after an unnamed title ---


def test_organization_with_its_seat_before_the_verb_is_the_subject():
    for text in ("وكانت وزارة الداخلية المصرية بتونس قد نددت أمس بالهجوم.",
                 "وزارة الداخلية المصرية في تونس نددت أمس بالهجوم."):
        acc = of(text, "ACCUSE")
        assert acc and acc[0].source == ["ORG:moi-eg"], text


def test_organization_after_an_unnamed_title_before_the_verb_is_the_subject():
    req = of("وذكر أن الأمين العام لحركة حماس طلب من النواب عدم التصويت.", "REQUEST")
    assert req and req[0].source == ["ORG:hamas"]
    req = of("رئيس حركة حماس طلب من النواب عدم التصويت.", "REQUEST")
    assert req and req[0].source == ["ORG:hamas"]


def test_governed_name_before_the_verb_stays_out_of_the_subject():
    # the organization is only a genitive of another noun (a decision), not after a title
    for e in te.code("وقال إن قرار الأمين العام لحركة حماس طلب تفسيرا."):
        assert "ORG:hamas" not in e.source
    # a place after an unnamed group: the place is not the actor
    for e in te.code("وقال إن المواطنين في تونس طالبوا بالإصلاح."):
        assert "GPE:TUN" not in e.source
    # a seat after a person is not taken (only organizations have seats)
    for e in te.code("وكان سيرغي لافروف بتونس قد ندد أمس بالهجوم."):
        assert "GPE:TUN" not in e.source


# --- present forms listed explicitly (w:) of verbs whose past opens with alif/hamza ----------------


def test_explicit_present_forms_are_present_and_take_the_future_prefix():
    from kg.events.lexicon import load_lexicon
    from kg.nlp.text import normalize

    lex = load_lexicon()

    def tenses(word):
        return {f.tense for f in lex.forms.get(normalize(word), ())}

    assert tenses("يلتقي") == {"present"} and tenses("تدين") == {"present"}
    assert tenses("التقى") != {"present"} and "present" not in tenses("تجددت")
    # a future meeting (سيلتقي) is a planned meeting, and its actor's stated intention (AGREE 036)
    evs = te.code("سيلتقي سيرغي لافروف الرئيس رجب طيب أردوغان غدا.")
    got = {(e.cameo, e.modality) for e in evs}
    assert ("040", "future") in got and ("036", "asserted") in got
    assert ("040", "asserted") not in got


def test_past_meeting_and_renewed_fighting_stay_asserted():
    evs = te.code("التقى سيرغي لافروف الرئيس رجب طيب أردوغان أمس.")
    assert [(e.cameo, e.modality) for e in evs] == [("040", "asserted")]
    evs = te.code("تجددت الاشتباكات في إدلب أمس.")
    assert evs and all(e.modality == "asserted" for e in evs)


# --- common news verbs added to the lexicon (توصل إلى اتفاق، أبرم اتفاقا، فاوض، ساند) --------------


def test_reaching_and_concluding_agreements():
    agree = of("توصلت روسيا إلى اتفاق مع تركيا على وقف إطلاق النار.", "AGREE")
    assert [(e.cameo, e.source, e.target) for e in agree] == [("030", ["GPE:RUS"], ["GPE:TUR"])]
    sign = of("أبرمت روسيا اتفاقية مع تركيا حول الغاز.", "SUPPORT")
    assert [(e.cameo, e.source, e.target) for e in sign] == [("057", ["GPE:RUS"], ["GPE:TUR"])]
    sign = of("أعلنت روسيا إبرام اتفاقية مع تركيا.", "SUPPORT")
    assert sign and sign[0].cameo == "057" and sign[0].target == ["GPE:TUR"]


def test_reaching_or_concluding_something_else_is_no_agreement():
    assert not of("توصلت الشرطة التونسية إلى هوية المهاجم.", "AGREE")
    assert not of("توصلت روسيا إلى نتائج مهمة في سوريا.", "AGREE")
    assert not of("أبرمت روسيا أمرها مع تركيا.", "SUPPORT")
    assert all(e.modality != "asserted" for e in of("لم تتوصل روسيا إلى اتفاق مع تركيا.", "AGREE"))


def test_negotiate_with_and_back():
    neg = of("فاوضت روسيا تركيا على وقف إطلاق النار.", "CONSULT")
    assert neg and (neg[0].cameo, neg[0].source, neg[0].target) == ("046", ["GPE:RUS"], ["GPE:TUR"])
    back = of("ساندت تركيا حركة حماس في موقفها.", "SUPPORT")
    assert back and (back[0].cameo, back[0].source, back[0].target) == ("051", ["GPE:TUR"], ["ORG:hamas"])
    # the participle مفاوض is the noun "negotiator", no act of negotiating
    assert not of("قال المفاوض الروسي إن الجولة انتهت.", "CONSULT")


# --- evaluative cues of reported content (cues.tsv evaluation) ------------------------------------


def test_new_evaluative_cues_make_a_statement_a_criticism():
    for text in ("قال لافروف إنه من غير المعقول أن تواصل تركيا الهجوم.",
                 "اعتبر لافروف أن تصريحات أردوغان تدخل في الشؤون الداخلية لروسيا.",
                 "قال لافروف إن تصريحات أردوغان مسيئة للشعب الروسي."):
        acc = of(text, "ACCUSE")
        assert acc and acc[0].cameo == "111" and acc[0].source == ["PER:lavrov"], text


def test_neutral_content_stays_a_plain_statement():
    # the same speaker and verb without an evaluative word (and words left out on purpose:
    # فاشلة describes a failed coup, غير قانونية a legal status)
    for text in ("قال لافروف إن تركيا ستواصل الحوار مع روسيا.",
                 "قال لافروف إن محاولة الانقلاب الفاشلة في تركيا انتهت.",
                 "قال لافروف إن المهاجرين في وضعية غير قانونية سيعودون."):
        assert not of(text, "ACCUSE"), text


# --- a noun with its named agent before the rest of its phrase (named_gap) ---------------------


def test_breaking_of_relations_with_its_agent_named_in_between():
    for text, src in (("ستحترم روسيا الاتفاقات رغم قطع تركيا العلاقات مع إيران.", ["GPE:TUR"]),
                      ("بعد قطع تركيا ومصر العلاقات مع إيران.", ["GPE:TUR", "GPE:EGY"])):
        san = of(text, "SANCTION")
        assert san and (san[0].cameo, san[0].source, san[0].target) == ("161", src, ["GPE:IRN"]), text
    # without a named agent the phrase is as before
    san = of("أعلنت تركيا قطع العلاقات مع إيران.", "SANCTION")
    assert san and san[0].target == ["GPE:IRN"]


def test_other_words_in_the_gap_are_no_breaking_of_relations():
    # قطع الطريق ... العلاقات: the gap holds other words, not the agent
    assert not of("ساهم قطع الطريق أمام المتظاهرين في توتر العلاقات مع تركيا.", "SANCTION")
    # a gentilic alone in the gap is no named agent
    for e in of("بعد قطع الروسي العلاقات مع تركيا.", "SANCTION"):
        assert e.source != ["GPE:RUS"]


def test_signing_and_checkpoint_nouns_with_their_named_agents():
    sign = of("وشهدت أنقرة أمس توقيع روسيا وتركيا اتفاقية للتعاون في مجال الطاقة.", "SUPPORT")
    assert sign and sign[0].cameo == "057" and sign[0].source[:1] == ["GPE:RUS"] and "GPE:TUR" in sign[0].source + sign[0].target
    post = [e for e in te.code("وتواصل إقامة أذربيجان حواجز على الطريق.") if e.cameo == "191"]
    assert post and post[0].source == ["GPE:AZE"]
    # a title or common noun in the gap is no named agent
    assert not [e for e in te.code("وشهدت أنقرة أمس توقيع الوزير الجديد اتفاقية للتعاون.") if e.cameo == "057"]


# --- "تم الاتفاق": an agreement told without its parties ------------------------------------------


def test_agentless_agreement_is_the_pair_that_just_met():
    evs = te.code("التقى سيرغي لافروف نظيره الأرميني أرارات ميرزويان أمس، وأكد أنه تم الاتفاق على تعزيز التعاون.")
    agree = [e for e in evs if e.plover == "AGREE"]
    assert [(e.cameo, e.source, e.target, e.modality) for e in agree] == [
        ("030", ["PER:lavrov", "PER:mirzoyan"], [], "reported")]


def test_agentless_agreement_without_a_pair_invents_no_parties():
    assert not of("قال سيرغي لافروف إنه تم الاتفاق على تعزيز التعاون.", "AGREE")
    # a speaker alone before it (no meeting, no call) is no pair either
    assert not of("ندد سيرغي لافروف بالهجوم. وقال إنه تم الاتفاق على تعزيز التعاون.", "AGREE")


def test_website_is_no_signing():
    # موقع is mostly "website/site"; the signing verb keeps its past and present forms only
    evs = te.code("ندد سيرغي لافروف بالهجوم. وأكد موقع وكالة وفا في وثيقة تعود إلى سنة 2002 أن الاتفاقيات مع روسيا سرية.")
    assert not [e for e in evs if e.cameo == "057"]
    sign = of("وقعت روسيا اتفاقية مع تركيا.", "SUPPORT")
    assert sign and (sign[0].cameo, sign[0].source, sign[0].target) == ("057", ["GPE:RUS"], ["GPE:TUR"])
