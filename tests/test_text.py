"""Arabic text layer: normalization with offsets, tokens, sentences, proclitics."""

from kg.iri import entity_iri, slug
from kg.nlp.text import (PROCLITICS, normalize, normalize_map, proclitic_split_tuple, proclitic_splits,
                         split_sentences, tokenize)


def test_normalize_letters():
    assert normalize("أإآٱ") == "اااا"
    assert normalize("مصطفى") == "مصطفي"
    assert normalize("الخارجية") == "الخارجيه"
    assert normalize("٢٠٢٣") == "2023"
    assert normalize("RUSSIA") == "russia"


def test_normalize_removes_diacritics_tatweel_and_invisible_marks():
    assert normalize("وَزِيرُ") == "وزير"
    assert normalize("الخـــارجية") == "الخارجيه"
    assert normalize("\u200eروسيا\u200f") == "روسيا"


def test_offset_map_points_back_to_original():
    original = "قال \u200eوَزِيرُ الخـارجيةِ"
    n = normalize_map(original)
    assert n.text == "قال وزير الخارجيه"
    i = n.text.index("وزير")
    s, e = n.orig_span(i, i + len("وزير"))
    assert original[s:e] == "وَزِيرُ"
    j = n.text.index("الخارجيه")
    s, e = n.orig_span(j, len(n.text))
    assert normalize(original[s:e]) == "الخارجيه"
    assert e == len(original)


def test_identity_map_fast_path():
    n = normalize_map("روسيا")
    assert n.orig_span(0, 5) == (0, 5)


def test_tokens_keep_original_offsets():
    text = "وقال لافروف: «نحن مستعدون» 2.5%"
    toks = tokenize(text)
    for t in toks:
        assert text[t.start:t.end] == t.text
    assert [t.text for t in toks][:4] == ["وقال", "لافروف", ":", "«"]
    assert "2.5" in [t.text for t in toks]


def test_tokens_skip_leading_bidi_marks():
    text = "\u200eروسيا \u200eو\u200eأرمينيا"
    toks = tokenize(text)
    assert toks[0].text == "روسيا" and toks[0].start == 1


def test_proclitics():
    assert (1, "روسيا") in list(proclitic_splits("وروسيا"))
    assert (1, "روسيا") in list(proclitic_splits("لروسيا"))
    assert (1, "الولايات") in list(proclitic_splits(normalize("للولايات")))
    assert (1, "الصين") in list(proclitic_splits("والصين"))
    assert (2, "بيجين") not in list(proclitic_splits("بيجين"))  # stem must keep >= 2 letters... and bare form first
    assert next(iter(proclitic_splits("باكو"))) == (0, "باكو")


def _splits_by_the_list(word, min_stem=2):
    """Every proclitic of PROCLITICS tried in its order (the plain reading of proclitic_splits)."""
    out, seen = [(0, word)], {word}
    for p in PROCLITICS:
        lp = len(p)
        if len(word) - lp < min_stem or not word.startswith(p):
            continue
        rest = word[lp:]
        if p.endswith("لل"):
            pairs = ((lp - 1, "ال" + rest), (lp, rest))
        elif p.endswith("ال"):
            pairs = ((lp - 2, "ال" + rest), (lp, rest))
        else:
            pairs = ((lp, rest),)
        for plen, stem in pairs:
            if stem not in seen:
                seen.add(stem)
                out.append((plen, stem))
    return tuple(out)


def test_proclitic_splits_try_each_proclitic_in_order():
    """The fast splitter (word prefixes looked up by length) gives the same readings, in the same
    order, as trying every proclitic of PROCLITICS in turn; the cached answer is the same."""
    stems = ["", "ا", "ال", "لل", "ب", "روسيا", "الولايات", "لا", "ليبيا", "كالة", "بيان", "والي"]
    words = {p + s for p in ("",) + PROCLITICS for s in stems} | {p + q + s for p in "وفبلك" for q in PROCLITICS
                                                                  for s in stems[:6]}
    for w in sorted(words):
        for ms in (1, 2, 3):
            assert proclitic_split_tuple(w, ms) == _splits_by_the_list(w, ms), (w, ms)
        assert proclitic_split_tuple(w) is proclitic_split_tuple(w)  # cached
        assert tuple(proclitic_splits(w)) == _splits_by_the_list(w)


def test_sentences():
    text = "قال الوزير إن الوضع خطير. وأضاف: \"لا حل عسكريا\".\nالسطر الثاني بلا نقطة\n\nد. أحمد زار موسكو؟ نعم"
    sents = [text[s:e] for s, e in split_sentences(text)]
    assert sents[0] == "قال الوزير إن الوضع خطير."
    assert sents[1] == "وأضاف: \"لا حل عسكريا\"."
    assert sents[2] == "السطر الثاني بلا نقطة"
    assert sents[3] == "د. أحمد زار موسكو؟"
    assert sents[4] == "نعم"


def test_sentences_missing_space_and_initials():
    text = 'حاولت الشرطة التدخل.وقال رئيس الشرطة إن المدعو "ش. ت."، موقوف. (بي.بي.سي) خبر آخر.'
    sents = [text[s:e] for s, e in split_sentences(text)]
    assert sents == ["حاولت الشرطة التدخل.", 'وقال رئيس الشرطة إن المدعو "ش. ت."، موقوف.', "(بي.بي.سي) خبر آخر."]


def test_sentences_within_ranges():
    text = "أولا. ثانيا. ثالثا."
    assert split_sentences(text, [(6, len(text))]) == [(6, 12), (13, 19)]


def test_iri_safety():
    hostile = 'x" <b>\n\u202e{}|\\^`'
    iri = entity_iri("PER:" + hostile)
    for bad in ' "<>\n\u202e{}|\\^`':
        assert bad not in iri
    assert entity_iri("PER:سيرغي لافروف").endswith("/per/سيرغي_لافروف")
    assert slug("a" * 500) != slug("a" * 501) and len(slug("a" * 500)) < 140


def test_tokenize_equals_the_token_pattern_and_normalize():
    """tokenize (one re.split, running lengths as offsets, cached normal forms) gives exactly the
    matches of the token pattern, each with normalize() of its text, also within a range and
    with diacritics, tatweel, bidi marks and decimals."""
    from kg.nlp.text import _TOKEN_RE

    text = ("قالَ وزيرُ الخارجيةِ\u200e الروسيّ ســيرغي لافروف: «نحن» مستعدون (2.5 مليون، ٢٫٥) A.B U.S. "
            "\u200fوللولايات\u200f المتحدة...؟!  ــ \u064b x")
    for s, e in [(0, len(text)), (5, 40), (0, 0), (len(text) - 3, len(text))] + split_sentences(text):
        got = [(t.text, t.start, t.end, t.norm) for t in tokenize(text, s, e)]
        want = [(m.group(), m.start(), m.end(), normalize(m.group())) for m in _TOKEN_RE.finditer(text, s, e)]
        assert got == want, (s, e)
    assert tokenize(text) == tokenize(text, 0, len(text))


def test_split_sentences_equals_a_scan_of_every_position():
    """split_sentences tries the boundary pattern only at . ! ? ؟ … and line breaks; the result is
    the same as scanning every position with finditer (and trimming with str.isspace), also for
    odd mixes of quotes, initials, missing spaces and white space of every kind."""
    import random

    from kg.nlp.text import _ABBREV, _SENT_END

    def by_scan(text, ranges=None):
        ranges = [(0, len(text))] if ranges is None else ranges
        out = []

        def add(s, e):
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                out.append((s, e))

        for rs, re_ in ranges:
            pos = rs
            for m in _SENT_END.finditer(text, rs, re_):
                if not m.group(0).startswith("\n") and _ABBREV.search(text, max(rs, m.start() - 6), m.start() + 1):
                    continue
                add(pos, m.end())
                pos = m.end()
            add(pos, re_)
        return out

    rnd = random.Random(7)
    alphabet = ".!?؟… \n\"ابتث\u200e\xa0\u2028\x85\u3000\t abcDMrN»”)]'"
    texts = ["أ. د. محمد قال.وقال إن \"الأمر.\" انتهى؟ نعم… لا!\nسطر", "Dr. No. ق.م. U.S. هو", ""]
    texts += ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 40))) for _ in range(2000)]
    for t in texts:
        assert split_sentences(t) == by_scan(t), repr(t)
        if len(t) > 4:
            r = [(1, len(t) // 2), (len(t) // 2 + 1, len(t) - 1)]
            assert split_sentences(t, r) == by_scan(t, r), repr(t)


def test_entity_iris_of_plain_keys_equal_entity_iri():
    """kg.nlp.linking mints the IRI of a plain key (Arabic/ASCII words, single spaces) without
    kg.iri.slug's per-character pass; it must be exactly entity_iri's, for every gazetteer id and
    for keys with marks, underscores, odd spaces, invisible marks and reserved characters."""
    import random

    from kg.nlp.gazetteer import load_gazetteer
    from kg.nlp.linking import _iri

    ids = list(load_gazetteer().entities) + [
        "PER:سيرغي لافروف", "PER:a  b", "PER:_x", "ORG:x_", "LOC:a b ", "GPE:ا\u0653", "PER:" + "x" * 121,
        "PER:" + "x" * 120, "ORG:a\tb", "ORG:ب.ج", "PER:", "entity", "X:y"]
    rnd = random.Random(3)
    chars = "ابتـ \u064b\u0653-_.~aZ9:/\u200e%"
    ids += [rnd.choice(["PER:", "ORG:", "GPE:", "LOC:", "X:", ""]) + "".join(rnd.choice(chars) for _ in range(rnd.randint(0, 12)))
            for _ in range(3000)]
    for eid in ids:
        assert _iri.__wrapped__(eid, "http://example.org/kg/") == entity_iri(eid, "http://example.org/kg/"), eid


def test_token_pattern_equals_its_plain_reading():
    """The token pattern uses possessive quantifiers; it must find exactly the tokens of the plain
    pattern (no backtracking ever mattered), on Arabic, digits, decimals, marks and bidi controls."""
    import random
    import re

    from kg.nlp.text import _INVIS_RE, _MARKS_RE, _TOKEN_RE, _TOKEN_SPLIT_RE

    plain = re.compile(rf"\w[\w{_MARKS_RE}]*(?:[{_INVIS_RE}]+\w[\w{_MARKS_RE}]*)*(?:[.,٫٬]\d+)*|[^\s{_INVIS_RE}]")
    plain_split = re.compile(f"({plain.pattern})")
    rnd = random.Random(5)
    chars = "ابت \u064b\u0651\u0640\u200e\u200f\u202b.,٫٬12٣ aZ_-\n\t\xa0!؟\"«"
    texts = ["".join(rnd.choice(chars) for _ in range(rnd.randint(0, 30))) for _ in range(5000)]
    texts.append("قالَ وزيرُ\u200e الخارجية 2.5 مليون، ٢٫٥ و1,000.5 U.S. ـــ")
    for t in texts:
        assert [m.span() for m in _TOKEN_RE.finditer(t)] == [m.span() for m in plain.finditer(t)], repr(t)
        assert _TOKEN_SPLIT_RE.split(t) == plain_split.split(t), repr(t)


def test_normalize_tables_cover_every_code_point():
    """normalize()/normalize_map() translate with list tables (and delete U+FEFF apart); for every
    code point the result must be that of the plain dict tables."""
    from kg.nlp.text import _DELETE, _MAP_ONLY, _TABLE

    every = "".join(chr(c) for c in range(0x20000) if not 0xD800 <= c < 0xE000)  # every table key is below
    assert normalize(every) == every.translate(_TABLE)
    kept = "".join(c for c in every if c not in _DELETE)
    assert normalize_map(kept).text == kept.translate(_MAP_ONLY)
    nm = normalize_map(every)
    assert nm.text == every.translate(_TABLE)
    assert all(every[nm.orig(i)].translate(_TABLE) == nm.text[i] for i in range(0, len(nm.text), 97))
