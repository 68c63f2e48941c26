"""Gazetteer data and matching: countries, cities, gentilics, clitics, offsets."""

from __future__ import annotations

import pytest

from kg.nlp.gazetteer import Gazetteer, GazetteerError, key_of, load_gazetteer, lookup_token_features, read_tsv
from kg.nlp.text import normalize, tokenize


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def matches(gaz, text, categories=None):
    toks = tokenize(text)
    return [(text[m.start:m.end], m.entry) for m in gaz.match(toks, categories)]


def test_countries_have_iso_and_arabic_variants(gaz):
    for name, iso in [("روسيا", "RUS"), ("الولايات المتحدة", "USA"), ("أمريكا", "USA"), ("أميركا", "USA"),
                      ("المملكة المتحدة", "GBR"), ("بريطانيا", "GBR"), ("أذربيجان", "AZE"), ("أرمينيا", "ARM"),
                      ("العراق", "IRQ"), ("سوريا", "SYR"), ("سورية", "SYR"), ("تونس", "TUN"),
                      ("الاتحاد الروسي", "RUS"), ("الجمهورية التونسية", "TUN")]:
        got = matches(gaz, name)
        assert len(got) == 1 and got[0][0] == name, (name, got)
        e = got[0][1]
        assert e.id == f"GPE:{iso}" and e.type == "GPE" and e.external_ids["iso3166"] == iso, (name, e)


def test_country_entries_have_geonames_and_labels(gaz):
    rus = gaz.countries["RUS"]
    assert rus.label == "روسيا" and rus.label_en == "Russia"
    assert rus.external_ids["geonames"] == "2017370"


@pytest.mark.parametrize("word,prefix,span", [
    ("وروسيا", "و", "روسيا"),
    ("لروسيا", "ل", "روسيا"),
    ("بموسكو", "ب", "موسكو"),
    ("والعراق", "و", "العراق"),
    ("بالعراق", "ب", "العراق"),
])
def test_proclitics_are_split_and_excluded_from_span(gaz, word, prefix, span):
    got = gaz.match(tokenize(word))
    assert len(got) == 1
    m = got[0]
    assert word[m.start:m.end] == span
    assert m.prefix == prefix


def test_lil_article_merge(gaz):
    text = "قدمت مساعدات للولايات المتحدة أمس"
    got = gaz.match(tokenize(text))
    assert [m.entry.id for m in got] == ["GPE:USA"]
    m = got[0]
    # ل + الولايات: the span starts after the preposition and keeps the article's lam
    assert text[m.start:m.end] == "لولايات المتحدة"
    assert m.prefix == "ل"


def test_offsets_survive_diacritics_tatweel_and_bidi_marks(gaz):
    text = "زار \u200eوَروسْيـا أمس"
    got = gaz.match(tokenize(text))
    assert len(got) == 1 and got[0].entry.id == "GPE:RUS"
    assert text[got[0].start:got[0].end] == "روسْيـا"


def test_longest_match_wins(gaz):
    got = matches(gaz, "مجلس الأمن الدولي")
    assert len(got) == 1 and got[0][1].label == "مجلس الأمن الدولي"
    got = matches(gaz, "الولايات المتحدة الأمريكية")
    assert len(got) == 1 and got[0][1].id == "GPE:USA"


@pytest.mark.parametrize("form,iso", [
    ("الروسي", "RUS"), ("الروسية", "RUS"), ("روسي", "RUS"), ("روسية", "RUS"), ("الروس", "RUS"),
    ("الروسيين", "RUS"), ("الأميركي", "USA"), ("الأمريكي", "USA"), ("الأمريكية", "USA"),
    ("الأمريكيين", "USA"), ("العراقي", "IRQ"), ("الأذربيجاني", "AZE"), ("الأذربيجانيين", "AZE"),
    ("البريطاني", "GBR"), ("التركي", "TUR"), ("الأتراك", "TUR"), ("السوري", "SYR"), ("السوريون", "SYR"),
    ("الأرميني", "ARM"), ("الأرمينية", "ARM"), ("التونسي", "TUN"), ("التونسيات", "TUN"), ("والروسية", "RUS"),
])
def test_gentilics_map_to_their_country(gaz, form, iso):
    got = gaz.match(tokenize(form))
    assert len(got) == 1, (form, got)
    e = got[0].entry
    assert e.category == "nisba" and e.id == f"GPE:{iso}", (form, e)


def test_ambiguous_words_are_not_gentilics(gaz):
    # مالي "financial" must not become Mali's gentilic; العربية is no country's
    for w in ("المالية", "العربية", "الدولية"):
        assert not [m for m in gaz.match(tokenize(w)) if m.entry.category == "nisba"], w


def test_cities_and_capitals(gaz):
    (surface, e), = matches(gaz, "باكو")
    assert e.id.startswith("GPE:geonames-") and e.attributes["capital_of"] == "GPE:AZE"
    (surface, e), = matches(gaz, "صفاقس")
    assert e.country == "TUN" and "capital_of" not in e.attributes


def test_junk_city_names_are_not_matched(gaz):
    # بأنه is not the Iranian town بانه; الخبر "the news" is not Khobar; كورونا is not Corona, CA
    for w in ("بأنه", "الخبر", "كورونا", "وزير"):
        assert not [m for m in gaz.match(tokenize(w)) if m.entry.category == "entity"], w


def test_places_and_organizations(gaz):
    got = {m[1].label for m in matches(gaz, "الوضع في ناغورني قره باغ ومعبر لاتشين وقطاع غزة")}
    assert {"ناغورني قره باغ", "ممر لاتشين", "قطاع غزة"} <= got
    (s, e), = matches(gaz, "داعش")
    assert e.type == "ORG" and e.label == "تنظيم الدولة الإسلامية"
    (s, e), = matches(gaz, "قسد")
    assert e.label == "قوات سوريا الديمقراطية" and e.country == "SYR"


def test_every_data_file_has_a_source_header():
    from kg.nlp.gazetteer import DATA_DIR

    for p in sorted(DATA_DIR.iterdir()):
        if p.suffix in (".tsv", ".txt"):
            head = p.read_text(encoding="utf-8").splitlines()[:6]
            assert any(line.startswith("#") and "source" in line.lower() for line in head), p.name


def test_malformed_file_raises_kgerror(tmp_path):
    p = tmp_path / "bad.tsv"
    p.write_text("# c\na\tb\n1\t2\t3\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match="bad.tsv:3"):
        read_tsv(p)
    with pytest.raises(GazetteerError, match="cannot read"):
        read_tsv(tmp_path / "missing.tsv")


def test_token_features_for_a_tagger():
    toks = tokenize("قال وزير الخارجية الروسي سيرغي لافروف في موسكو")
    feats = lookup_token_features(toks)
    assert len(feats) == len(toks)
    by_word = {t.text: f for t, f in zip(toks, feats)}
    assert "gaz:B-TITLE" in by_word["وزير"] and "gaz:I-TITLE" in by_word["الخارجية"]
    assert "gaz:B-NISBA" in by_word["الروسي"]
    assert "gaz:B-PER" in by_word["سيرغي"] and "gaz:I-PER" in by_word["لافروف"]
    assert "gaz:B-GPE" in by_word["موسكو"]
    assert "gaz:STOP" in by_word["في"]


def test_key_of_normalizes():
    assert key_of("الأمم المتّحدة") == (normalize("الامم"), normalize("المتحدة"))


def test_ambiguous_place_names_need_context(gaz):
    assert not matches(gaz, "قدم دعم مالي للبلديات", ("entity",))
    for text in ("هجوم في مالي أمس", "شمال مالي", "مالي تعلن الحداد", "بين فرنسا ومالي"):
        assert [e.id for _, e in matches(gaz, text, ("entity",)) if e.id == "GPE:MLI"], text


def test_world_regions_from_cldr(gaz):
    (s, e), = matches(gaz, "غرب آسيا", ("entity",))
    assert e.type == "LOC" and e.external_ids["m49"] == "145"
    (s, e), = matches(gaz, "أفريقيا", ("entity",))  # the curated entry gets the M.49 code
    assert e.label == "إفريقيا" and e.external_ids["m49"] == "002"


def test_media_and_parties_of_general_news():
    gaz = load_gazetteer()
    text = "نقلت صحيفة لوفيغارو عن مصادر في حزب الليكود أن مكتب التحقيقات الفيدرالي وشينخوا ذكرا ذلك."
    got = {m.entry.label for m in gaz.match(tokenize(text)) if m.entry.category == "entity"}
    assert {"صحيفة لوفيغارو", "حزب الليكود", "مكتب التحقيقات الفيدرالي", "وكالة شينخوا"} <= got


def test_seas_rivers_and_regions_are_places():
    gaz = load_gazetteer()
    text = "عبرت السفن مضيق هرمز وبحر إيجة، وفاض نهر النيل، واشتد التوتر في شبه الجزيرة الكورية."
    got = {(m.entry.label, m.entry.type) for m in gaz.match(tokenize(text)) if m.entry.category == "entity"}
    assert {("مضيق هرمز", "LOC"), ("بحر إيجة", "LOC"), ("نهر النيل", "LOC"), ("شبه الجزيرة الكورية", "LOC")} <= got


def _match_by_scan(gaz, tokens, categories=None):
    """The plain reading of Gazetteer.match: at every token, every reading of the word, every
    sequence of the index that starts with it (longest first)."""
    from kg.nlp.gazetteer import P_CITY, _TANWEEN
    from kg.nlp.text import normalize_map, proclitic_split_tuple

    cats = set(categories) if categories is not None else None
    out, i, n = [], 0, len(tokens)
    while i < n:
        tok = tokens[i]
        norm = tok.norm
        best = None
        for plen, stem in (proclitic_split_tuple(norm) if norm[:1].isalpha() else ()):
            for key, entry in gaz.index.get(stem, ()):
                L = len(key)
                if best is not None and L < best[0]:
                    break
                if (cats is not None and entry.category not in cats) or i + L > n:
                    continue
                if any(tokens[i + k].norm != key[k] for k in range(1, L)):
                    continue
                if plen and not gaz._split_ok(norm, plen, stem, entry):
                    continue
                if best is None or (L, -plen) > best[:2]:
                    best = (L, -plen, key, entry, plen)
                break
        if best is None:
            i += 1
            continue
        L, _, key, entry, plen = best
        if L == 1 and entry.priority <= P_CITY and entry.category == "entity" and (
                not gaz.weak_ok(norm) or _TANWEEN.search(tok.text)):
            i += 1
            continue
        if key in gaz.ambiguous and ((not plen and i > 0 and not gaz._place_context(tokens[i - 1].norm))
                                     or (plen and norm[:plen].endswith("ال"))):
            i += 1
            continue
        start = tok.start + (normalize_map(tok.text).orig(plen) if plen else 0)
        out.append((i, i + L, start, tokens[i + L - 1].end, entry, norm[:plen]))
        i += L
    return out


def test_match_equals_a_plain_scan_of_the_index(gaz):
    """Gazetteer.match (which only visits words that start a sequence and picks candidates by
    their second word) finds exactly what a plain scan of the index finds, on real text."""
    from pathlib import Path

    text = (Path(__file__).resolve().parent.parent / "examples" / "seed-article.txt").read_text(encoding="utf-8")
    text += "\nوقال وزير الخارجية الروسي سيرغي لافروف لنظيره في الأمم المتحدة وللولايات المتحدة ومجلس الأمن الدولي."
    from kg.nlp.text import split_sentences

    n = 0
    for s, e in split_sentences(text):
        toks = tokenize(text, s, e)
        for cats in (None, ("entity",), ("title", "nisba")):
            got = [(m.i, m.j, m.start, m.end, m.entry, m.prefix) for m in gaz.match(toks, cats)]
            assert got == _match_by_scan(gaz, toks, cats), text[s:e]
            n += len(got)
    assert n > 100


def _heads_by_scan(gaz, norm):
    """The plain reading of Gazetteer.heads_of (every proclitic reading against each head table)."""
    from kg.nlp.text import proclitic_split_tuple

    org = place = None
    prog = False
    for p, stem in proclitic_split_tuple(norm):
        pre = norm[:p]
        if org is None and stem in gaz.org_patterns and (p == 0 or pre in gaz._ORG_CLITICS):
            if gaz.org_patterns[stem][0] == "programme":
                prog = prog or p == 0 or pre in gaz._PROG_CLITICS
            else:
                org = (p, stem)
        if place is None and stem in gaz.place_heads and (p == 0 or pre in gaz._PLACE_CLITICS):
            place = (p, stem)
    speech = gaz.is_speech_verb(norm)
    return (org, place, prog, speech) if (org or place or prog or speech) else None


def test_heads_of_equals_a_plain_scan_of_the_head_tables():
    gaz = load_gazetteer()
    heads = sorted({*gaz.org_patterns, *gaz.place_heads, *gaz.speech_verbs})
    words = {pre + h for h in heads for pre in ("", "و", "ف", "ل", "ب", "ك", "لل", "وال", "بال", "ال", "وب", "ولل")}
    words |= {"قال", "وقال", "الرئيس", "روسيا", "x", "1", ""}
    found = 0
    for w in sorted(words):
        gaz._heads_cache.pop(w, None)
        got = gaz.heads_of(w)
        assert got == _heads_by_scan(gaz, w), w
        found += got is not None
        assert got is None or w in gaz.head_words  # a word outside head_words has no head reading
    assert found > len(heads)


def test_ordinary_word_from_dictionary_and_plural_shape_not_from_newsfane_counts(gaz):
    # decided by the shipped dictionary / wordfreq lists and the plural shape, not NewsFANE's counts
    for w in ("مستشارين", "المستشارين", "مستشارون", "قرارات"):
        assert gaz.is_ordinary_word(normalize(w)), w
    # words of people's names are never ordinary, even when the dictionary has them
    for w in ("حسين", "شاهين", "عنان", "الكعبي", "قرامطي"):
        assert not gaz.is_ordinary_word(normalize(w)), w


def test_vocabulary_shared_from_the_crf_tagger_is_the_same_word_lists():
    # kg.nlp.entities hands the tagger's dc/nm lexicons to the gazetteer instead of reading the files
    # again: they must be the same lists
    from kg.nlp.crf import load_tagger

    lex = load_tagger().features.lexicons
    g = Gazetteer()
    g._load_vocabulary()
    assert set(g._vocab) == set(lex["dc"]) and set(g._name_words) == set(lex["nm"])


def test_word_lists_of_the_sentence_patterns(gaz):
    # kinship nouns, list markers and dual heads (kg.nlp.roles) are read with the gazetteer
    assert normalize("وزوجته") in gaz.kinship_forms and normalize("شقيقها") in gaz.kinship_forms
    assert normalize("زوجة") not in gaz.kinship_forms  # construct forms name the other person
    assert gaz.list_markers[normalize("بينهم")] == frozenset({normalize("من")})
    assert normalize("كل") in gaz.list_markers[normalize("من")]
    assert gaz.dual_org_forms[normalize("لحزبي")] == (1, "حزب")
    assert gaz.dual_org_forms[normalize("حركتا")] == (0, "حركة")
    surnames = gaz.known_surnames
    assert surnames is gaz.known_surnames  # built once
    assert surnames[normalize("لافروف")].id == "PER:سيرغي لافروف"
    assert all(e.type == "PER" and len(w) >= 4 for w, e in surnames.items())


def test_optional_word_lists_may_be_absent_but_not_unreadable(tmp_path):
    import shutil

    from kg.nlp.gazetteer import DATA_DIR

    d = tmp_path / "gaz"
    shutil.copytree(DATA_DIR, d)
    for name in ("kinship_words.txt", "list_markers.txt", "dual_org_heads.tsv"):
        (d / name).unlink()
    g = Gazetteer(d)
    assert g.kinship_forms == frozenset() and g.list_markers == {} and g.dual_org_forms == {}
    (d / "kinship_words.txt").mkdir()
    with pytest.raises(GazetteerError, match="kinship_words.txt"):
        Gazetteer(d)
