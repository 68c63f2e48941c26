"""Organization names from quotes, source lines and leaders (kg.nlp.roles): invented sentences."""

from __future__ import annotations

from kg.nlp.gazetteer import load_gazetteer
from kg.nlp.roles import analyse_sentence
from kg.nlp.text import tokenize
# the recognizer fixture (gazetteer + patterns only) and the helpers of the head-pattern tests
from tests.test_entities_patterns import forms, rec, run  # noqa: E402,F401  (rec is a fixture)


def sentence(text, spans=()):
    """analyse_sentence over one sentence with the given tagger spans (surface, type)."""
    gaz = load_gazetteer()
    toks = tokenize(text, 0, len(text))
    tagged = []
    for surface, typ in spans:
        s = text.index(surface)
        tagged.append((s, s + len(surface), typ, ""))
    return [(f.type, text[f.start:f.end]) for f in analyse_sentence(gaz, text, toks, 0, gaz.match(toks), tagged)]


def test_quoted_name_after_an_organization_head(rec):
    ents = run(rec, 'وأفاد مركز "ريادة" للدراسات بأن الحزب تراجع، وقال رئيس حزب "الأفق" إن الوضع صعب.')
    assert {"ريادة", "الأفق"} <= forms(ents, "ORG")
    # the quoted words are a newspaper's name even when they are a place name
    ents = run(rec, 'ونشرت صحيفة "اليمن" تقريرا مطولا.')
    assert forms(ents, "ORG") == {"اليمن"} and not forms(ents, "GPE")
    # a quoted adjective after a head is no name; a head with no quote stays an ordinary noun
    ents = run(rec, 'واعتبرت الحكومة الجماعة منظمة "إرهابية" أمس، وزار الوفد مركز المدينة.')
    assert not forms(ents, "ORG")


def test_tagger_span_over_head_and_quote_gives_the_quoted_name():
    found = sentence('وقال مسؤول لوكالة "الرافدين" إن الحادث وقع.', [('وكالة "الرافدين', "ORG")])
    assert ("ORG", "الرافدين") in found
    # a tagger person inside quotes after an organization head is the organization
    found = sentence('وهو أستاذ بجامعة "بيل هارفي" في المدينة.', [("بيل هارفي", "PER")])
    assert ("ORG", "بيل هارفي") in found and not [f for f in found if f[0] == "PER"]


def test_quoted_name_that_starts_with_a_media_head(rec):
    ents = run(rec, 'ونقلت "صحيفة الفجر الجديد" تفاصيل اللقاء.')
    assert "صحيفة الفجر الجديد" in forms(ents, "ORG")


def test_source_line_at_the_end_of_an_article(rec):
    ents = run(rec, "واجتمع الوزير بالسفير أمس.\n(المسار)")
    assert "المسار" in forms(ents, "ORG")
    ents = run(rec, "واجتمع الوزير بالسفير أمس.\n(ترجمة الوطن اليوم)")
    assert "الوطن اليوم" in forms(ents, "ORG")
    # generic credits, places and a parenthesis inside the article are no outlets
    for text in ("واجتمع الوزير بالسفير أمس.\n(وكالات)", "واجتمع الوزير بالسفير أمس.\n(تونس)",
                 "(المسار)\nواجتمع الوزير بالسفير أمس."):
        assert not forms(run(rec, text), "ORG"), text


def test_government_named_after_its_leader():
    found = sentence("وكان وزيرا في حكومة سامي الورتاني قبل استقالته.", [("سامي الورتاني", "PER")])
    assert ("ORG", "حكومة سامي الورتاني") in found and ("PER", "سامي الورتاني") in found
    # the tagger stopped after a common first name (علي) read as a preposition
    found = sentence("وكان وزيرا في حكومة علي الورتاني قبل استقالته.", [("الورتاني", "PER")])
    assert ("ORG", "حكومة علي الورتاني") in found and ("PER", "علي الورتاني") in found
    # no person after the head: no organization from this rule
    found = sentence("وكان وزيرا في حكومة ائتلافية قبل استقالته.")
    assert not [f for f in found if f[0] == "ORG"]


def test_temporary_government_is_an_organization(rec):
    ents = run(rec, "وقال مسؤول في الحكومة المؤقتة إن الطريق مغلق.")
    assert "الحكومة المؤقتة" in forms(ents, "ORG")


def test_ambiguous_place_name_with_the_article_is_the_ordinary_word(rec):
    ents = run(rec, "وتحدث عن الفساد المالي في البلديات، ثم سافر الوزير إلى مالي.")
    assert forms(ents, "GPE") == {"مالي"}
    assert all(m.text != "المالي" for e in ents for m in e.mentions)


def test_news_agency_takes_its_trailing_lil_anbaa(rec):
    ents = run(rec, "ونقلت وكالة رويترز للأنباء عن مصدر أمني أن الهجوم فشل.")
    assert "وكالة رويترز للأنباء" in forms(ents, "ORG")


def test_bare_institution_inside_a_title_is_an_organization(rec):
    ents = run(rec, "وقال النائب بمجلس الشعب كمال الزواري إن الجلسة تأجلت.")
    assert "مجلس الشعب" in {m.text.lstrip("ب") for e in ents if e.type == "ORG" for m in e.mentions}


def test_tagger_span_cut_at_a_quote_leaves_the_rest_to_the_quoted_name():
    found = sentence('وقال مسؤول في مجلس بلدية طبرق لوكالة "الرافدين" إن الحادث وقع.',
                     [('مجلس بلدية طبرق لوكالة "الرافدين', "ORG")])
    assert ("ORG", "الرافدين") in found
    assert all(not (t == "ORG" and "الرافدين" in s and s != "الرافدين") for t, s in found)


def test_programme_head_ends_a_person_name():
    found = sentence("وأكد الأمين العام سامي الورتاني ضيف المنتدى اليوم أن الوضع صعب.",
                     [("سامي الورتاني ضيف المنتدى", "PER")])
    assert ("PER", "سامي الورتاني") in found


def test_conjunct_organization_after_a_known_one_inside_a_tagger_span():
    found = sentence("وانسحبت الجبهة الشعبية والكتلة الديمقراطية من الجلسة.",
                     [("الجبهة الشعبية والكتلة الديمقراطية", "ORG")])
    orgs = {s for t, s in found if t == "ORG"}
    assert {"الجبهة الشعبية", "الكتلة الديمقراطية"} <= {o.removeprefix("و") for o in orgs}


def test_curated_organizations_added_for_general_news(rec):
    ents = run(rec, "وقالت سكوتلاند يارد إن التحقيق مستمر، فيما أعلنت الجندرما اعتقال مشتبه به. "
                    "وصنف المنتدى الاقتصادي العالمي البلد في المرتبة التاسعة.")
    assert {"سكوتلاند يارد", "الجندرما", "المنتدى الاقتصادي العالمي"} <= forms(ents, "ORG")


def test_unknown_first_name_before_a_known_surname_joins_the_mention(rec):
    ents = run(rec, "وقال المرشح فرنسوا فيون إن حملته مستمرة.")
    assert "فرنسوا فيون" in forms(ents, "PER")
    # a verb or a conjunction + word before the surname stays outside
    ents = run(rec, "وانتقد ساركوزي فيون أمس. وهاجموا فيون في البرلمان. ثم تفوقت لوبان في الاستطلاع.")
    per = forms(ents, "PER")
    assert "فيون" in per and not any("هاجموا" in f or "تفوقت" in f for f in per)


def test_generation_word_belongs_to_the_name(rec):
    ents = run(rec, "وحضر الرئيس الأسبق جورج بوش الابن الحفل.")
    assert "جورج بوش الابن" in forms(ents, "PER")


def test_tagger_person_span_stops_at_a_number_after_wa():
    found = sentence("ومن بينهم سامية الورتاني و2 من المستقلين.", [("سامية الورتاني و2", "PER")])
    assert ("PER", "سامية الورتاني") in found


def test_two_word_city_after_locative_ba_survives_a_tagger_person():
    found = sentence("وعثرت الوحدات على مخبأ بسيدي بلعباس أمس.", [("سيدي بلعباس", "PER")])
    assert ("GPE", "سيدي بلعباس") in found and not [f for f in found if f[0] == "PER"]


def test_tagger_place_with_a_district_head_is_a_loc():
    found = sentence("ووقع الحادث في حي الياسمين بالمدينة.", [("حي الياسمين", "GPE")])
    assert ("LOC", "حي الياسمين") in found


def test_quoted_names_coordinated_with_a_quoted_organization(rec):
    ents = run(rec, 'وحجبت السلطات مواقع "الجزيرة نت" و"صوت الريف" و"ليبيا الجديدة" أمس.')
    assert {"صوت الريف", "ليبيا الجديدة"} <= forms(ents, "ORG")
    assert "ليبيا" not in forms(ents, "GPE")
    # quoted words with no organization among them stay what they are
    ents = run(rec, 'وقال "نعم" و"لا" في الاستفتاء، وزار "تونس" و"الجزائر".')
    assert not forms(ents, "ORG") and {"تونس", "الجزائر"} <= forms(ents, "GPE")


def test_place_inside_an_agreement_name_is_no_mention(rec):
    ents = run(rec, "وقال إن وثيقة الحمامات لم تطبق بعد، ثم عاد الوفد إلى الحمامات مساء.")
    gpe = [m for e in ents if e.type == "GPE" for m in e.mentions]
    assert len(gpe) == 1 and gpe[0].start > 30


def test_tagger_place_span_that_starts_with_an_organization_head_is_an_org():
    found = sentence("وانسحب النائب من كتلة الوفاء لمشروع الحزب.", [("كتلة الوفاء", "GPE")])
    assert ("ORG", "كتلة الوفاء") in found and not [f for f in found if f[0] == "GPE"]


def test_programme_name_after_guest_that_the_tagger_calls_a_person():
    found = sentence("وقال سامي الورتاني ضيف بانوراميكا اليوم إن الوضع صعب.",
                     [("سامي الورتاني", "PER"), ("بانوراميكا", "PER")])
    assert [f for f in found if f[0] == "PER"] == [("PER", "سامي الورتاني")]
    found = sentence("وأكد سامي الورتاني، ضيف بانوراميكا، أن الوضع صعب.",
                     [("سامي الورتاني", "PER"), ("ضيف بانوراميكا", "PER")])
    assert [f for f in found if f[0] == "PER"] == [("PER", "سامي الورتاني")]
    # a known first name after ضيف is a person
    found = sentence("وكان ضيف محمد الغربي أمس.", [("محمد الغربي", "PER")])
    assert ("PER", "محمد الغربي") in found


def test_quoted_name_after_a_facility_head_takes_the_facility_type(rec):
    ents = run(rec, 'وهبطت الطائرة في مطار "بلوفيلد" مساء، وتخرج من جامعة "بلوفيلد" قبل سنوات.')
    assert "بلوفيلد" in forms(ents, "LOC") and "بلوفيلد" in forms(ents, "ORG")


def test_tagger_person_span_that_starts_with_an_organization_head_is_an_org():
    found = sentence("وقالت نيابة فرايبورغ إن المتهم اعتقل.", [("نيابة فرايبورغ", "PER")])
    assert ("ORG", "نيابة فرايبورغ") in found and not [f for f in found if f[0] == "PER"]
    # نيابة عن "on behalf of" is no organization
    found = sentence("وتحدث الوزير نيابة عن الرئيس أمس.")
    assert not [f for f in found if f[0] == "ORG"]


def test_surname_forms_hold_every_word_that_reads_as_a_surname():
    """Coreference looks for a surname only among surname_forms(): every word whose proclitic
    readings give the surname after at most و/ف/ل/ب must be there."""
    from kg.nlp.coref import _SURNAME_CLITICS, surname_forms
    from kg.nlp.text import PROCLITICS, proclitic_split_tuple

    surnames = {"لافروف", "السراج", "الباجي", "حسين", "الاسد", "بوش", "الر"}
    forms = surname_forms(surnames)
    words = {p + q + w for p in ("", *PROCLITICS) for q in ("", "ال", "لل") for w in surnames}
    words |= {p + w[2:] for p in ("", *PROCLITICS) for w in surnames}
    hits = 0
    for word in words:
        if any(stem in surnames and (plen == 0 or word[:plen] in _SURNAME_CLITICS)
               for plen, stem in proclitic_split_tuple(word)):
            hits += 1
            assert word in forms, word
    assert hits >= 5 * len(surnames)
