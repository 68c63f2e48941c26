"""The shipped CRF NER model (kg.nlp.crf) and the helpers of scripts/train_ner.py."""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
from pathlib import Path

import pytest

from kg.errors import KGError
from kg.nlp import crf as C
from kg.nlp.text import tokenize

ROOT = Path(__file__).resolve().parent.parent


def _train_module():
    spec = importlib.util.spec_from_file_location("train_ner", ROOT / "scripts" / "train_ner.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def tagger():
    return C.load_tagger()


def spans_text(text, spans):
    return [(text[s:e], coarse) for s, e, coarse, _ in spans]


# --- the shipped model ----------------------------------------------------------------


def test_model_loads_cached_with_metadata(tagger):
    assert C.load_tagger() is tagger
    assert tagger.meta["features_version"] == C.FEATURES_VERSION
    assert tagger.meta["removed_exact"] + tagger.meta["removed_overlap"] > 0  # test sentences were removed
    assert "CC BY-SA 3.0" in tagger.meta["training_data"]
    assert set(tagger.weights.labels) >= {"O", "B-PER", "I-PER", "B-GPE", "B-ORG"}
    assert C.DEFAULT_MODEL.stat().st_size < 20_000_000


def test_tags_people_and_places(tagger):
    text = ("قال وزير الخارجية الروسي سيرغي لافروف في موسكو إن روسيا مستعدة للحوار. "
            "وأعلن الرئيس الأمريكي جو بايدن من واشنطن دعمه لأوكرانيا.")
    got = spans_text(text, tagger.tag_spans(text, tokenize(text)))
    assert ("سيرغي لافروف", "PER") in got
    assert ("جو بايدن", "PER") in got
    # a statistical model: most, not necessarily all, of the places (it has missed موسكو here)
    places = {("موسكو", "GPE"), ("روسيا", "GPE"), ("واشنطن", "GPE"), ("أوكرانيا", "GPE")}
    assert len(places & set(got)) >= 3, got
    assert not any(c == "PER" and ("وزير" in s or "الرئيس" in s) for s, c in got)  # titles stay outside names
    assert all(c in C.COARSE for _, c in got)


def test_fine_classes_are_from_the_class_map(tagger):
    text = "التقى رئيس الوزراء العراقي محمد شياع السوداني في بغداد بوفد من الأمم المتحدة."
    cm = C.read_class_map()
    spans = tagger.tag_spans(text, tokenize(text))
    assert spans
    for s, e, coarse, fine in spans:
        assert cm[fine] == coarse, (text[s:e], coarse, fine)
    labels = tagger.tag(tokenize(text))
    assert all(lab == "O" or C.split_label(lab)[2] in cm for lab in labels)


def test_offsets_survive_diacritics_and_bidi_marks(tagger):
    plain = "وصل الرئيسُ الفرنسيُّ إيمانويل ماكرون إلى بيروتَ أمس."
    text = "\u200e" + plain.replace("ماكرون", "ماكرون\u200e")
    toks = tokenize(text)
    spans = tagger.tag_spans(text, toks)
    got = spans_text(text, spans)
    assert ("إيمانويل ماكرون", "PER") in got
    assert ("بيروتَ", "GPE") in got  # the diacritic stays in the span
    for s, e, _, _ in spans:
        assert "\u200e" not in text[s:e]
        assert not text[s].isspace() and not text[e - 1].isspace()
    # the same labels as on the text without diacritics or marks
    assert [c for _, c in got] == [c for _, c in spans_text(plain, tagger.tag_spans(plain, tokenize(plain)))]


def test_proclitics_are_trimmed_from_spans(tagger):
    text = "وصل الوفد إلى روسيا وبعدها زار وفد آخر بغداد والقاهرة ثم عاد لروسيا."
    got = spans_text(text, tagger.tag_spans(text, tokenize(text)))
    assert ("القاهرة", "GPE") in got  # والقاهرة -> القاهرة
    assert ("بغداد", "GPE") in got  # a name that starts with ب is kept whole
    assert got.count(("روسيا", "GPE")) == 2  # لروسيا -> روسيا


def test_document_pass_labels_a_lone_surname(tagger):
    text = ("وقال وزير الدفاع الأمريكي دونالد رامسفيلد إن القوات ستبقى. "
            "وأضاف رامسفيلد أن الحرب لم تنته.")
    toks = tokenize(text)
    got = spans_text(text, tagger.tag_spans(text, toks))
    assert ("دونالد رامسفيلد", "PER") in got
    assert got.count(("رامسفيلد", "PER")) == 1
    # the same through the per-sentence document API
    cut = text.index("وأضاف")
    sents = [tokenize(text, 0, cut), tokenize(text, cut)]
    per_sentence = tagger.tag_spans_document(text, sents)
    assert [s for sp in per_sentence for s in sp] == tagger.tag_spans(text, toks)
    assert ("رامسفيلد", "PER") in spans_text(text, per_sentence[1])
    # without document context the second mention is judged on its own
    words = [t.norm for t in toks]
    sent = C.split_words(words)
    assert len(sent) == 2
    assert tagger.propagate(words, ["O"] * len(words)) == ["O"] * len(words)


def test_fast_decoder_matches_crfsuite(tagger, monkeypatch):
    monkeypatch.setattr(tagger, "o_bias", 0.0)  # crfsuite decodes without the O bias
    texts = [
        "أعلنت وزارة الخارجية المصرية أن الوزير سامح شكري سيزور الرياض وأبوظبي الأسبوع المقبل.",
        "فاز نادي برشلونة على ريال مدريد بثلاثة أهداف في الدوري الإسباني، وسجل ليونيل ميسي هدفين.",
        "قالت وكالة رويترز إن شركة Apple وشركة IBM ستتعاونان في مشروع جديد في كاليفورنيا.",
        "و",
    ]
    sents = []
    for t in texts:
        sents.extend(C.split_words([x.norm for x in tokenize(t)]))
    fast = tagger.coarse_sentences(sents, document=False)
    ref = tagger.coarse_sentences_crfsuite(sents)
    assert fast == ref
    assert [tagger.coarse_sentences([s], document=False)[0] for s in sents] == ref  # one-sentence path
    assert any(lab != "O" for labs in fast for lab in labs)
    monkeypatch.setattr(tagger, "_viterbi", None)  # the numpy decoder gives the same labels
    assert tagger.coarse_sentences(sents, document=False) == ref


def test_c_viterbi_equals_numpy_viterbi(tagger):
    """crfsuite's C Viterbi (ctypes) decodes exactly as the numpy one: real emissions of real
    sentences, and random scores with ties, sentences of every length (one context reallocated
    for a long one)."""
    import numpy as np

    assert tagger._viterbi is not None  # python-crfsuite exports crf1dc_*: the fast path is used
    T = tagger.weights.T
    words = [x.norm for x in tokenize(
        "قال وزير الخارجية الروسي سيرغي لافروف في موسكو إن روسيا وأرمينيا اتفقتا. ثم غادر. وقالت الأمم المتحدة")]
    sents = C.split_words(words)
    E, lens = tagger._scorer.emissions(sents, None)
    assert tagger._viterbi(E, lens) == C.viterbi_flat(E, lens, T)
    rng = np.random.default_rng(1)
    lens = [0, 1, 2, 5, 300, 0, 40, 1, 3]
    E = rng.normal(0, 2, (sum(lens), T.shape[0]))
    E[:60] = np.round(E[:60])  # many ties
    got = tagger._viterbi(E, lens)
    assert got == C.viterbi_flat(E, lens, T)
    assert [len(p) for p in got] == lens
    wrong = T.copy()
    wrong[0, 1] += 5.0
    cv = C.CViterbi(wrong)
    assert cv(E, lens) == C.viterbi_flat(E, lens, wrong)


def test_long_sentence_among_short_ones_decodes_in_groups(tagger, monkeypatch):
    import numpy as np

    sents = [["في"] * 3, ["قال", "الرئيس", "الفرنسي", "في", "باريس"] * 40, ["روسيا"], []]
    ref = tagger.coarse_sentences(sents, document=False)
    monkeypatch.setattr(C, "_MAX_PADDED", 10)  # force the grouped path
    assert tagger.coarse_sentences(sents, document=False) == ref
    assert [len(x) for x in ref] == [len(s) for s in sents]
    E = np.zeros((0, len(tagger.weights.labels)))
    assert C.viterbi_flat(E, [0, 0], tagger.weights.T) == [[], []]


def test_empty_input(tagger):
    assert tagger.tag([]) == []
    assert tagger.tag_spans("", []) == []
    assert tagger.tag_spans("   ", tokenize("   ")) == []


def test_bio_spans_conlleval_reading():
    labs = ["B-PER", "I-PER", "I-ORG", "O", "I-GPE", "I-GPE", "B-GPE", "B-LOC-Water-Body"]
    assert C.bio_spans(labs) == [(0, 2, "PER", ""), (2, 3, "ORG", ""), (4, 6, "GPE", ""), (6, 7, "GPE", ""),
                                 (7, 8, "LOC", "Water-Body")]
    assert C.split_label("B-GPE-Population-Center") == ("B", "GPE", "Population-Center")
    assert C.split_label("O") == ("O", "", "")


def test_case_flag():
    assert C.case_flag("IBM") == "case=allcap"
    assert C.case_flag("وDell") == "case=cap"
    assert C.case_flag("apple") == ""
    assert C.case_flag("روسيا") == ""


# --- errors ---------------------------------------------------------------------------


def test_missing_model_names_the_path(tmp_path):
    missing = tmp_path / "nowhere" / "ner.crfsuite"
    with pytest.raises(KGError) as ei:
        C.load_tagger(missing)
    assert str(missing) in str(ei.value)


def test_corrupt_model_names_the_path(tmp_path):
    for f in C.DATA_DIR.glob("ner-*"):
        shutil.copy(f, tmp_path / f.name)
    bad = tmp_path / "ner-crf.crfsuite"
    bad.write_bytes(b"this is not a model")
    with pytest.raises(KGError) as ei:
        C.load_tagger(bad)
    assert str(bad) in str(ei.value)


def test_corrupt_weights_and_metadata(tmp_path):
    for f in C.DATA_DIR.glob("ner-*"):
        shutil.copy(f, tmp_path / f.name)
    model = tmp_path / "ner-crf.crfsuite"
    C.weights_path(model).write_bytes(b"garbage")
    with pytest.raises(KGError) as ei:
        C.load_tagger(model)
    assert "weights" in str(ei.value)
    shutil.copy(C.weights_path(C.DEFAULT_MODEL), C.weights_path(model))
    meta = json.loads(C._meta_path(model).read_text(encoding="utf-8"))
    meta["features_version"] = -1
    C._meta_path(model).write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(KGError) as ei:
        C.load_tagger(model)
    assert "re-train" in str(ei.value)


def test_class_map_rejects_bad_rows(tmp_path):
    p = tmp_path / "classes.tsv"
    p.write_text("fine\tcoarse\nPolitician\tPERSON\n", encoding="utf-8")
    with pytest.raises(KGError) as ei:
        C.read_class_map(p)
    assert f"{p}:2" in str(ei.value)
    cm = C.read_class_map()
    assert cm["Politician"] == "PER" and cm["Nation"] == "GPE" and cm["Group"] == "O"


def test_import_kg_does_not_import_numpy_models():
    import subprocess

    code = "import sys, kg, kg.nlp.crf; print('pycrfsuite' in sys.modules, 'torch' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.split() == ["False", "False"], out.stderr


# --- training helpers -----------------------------------------------------------------


def test_merge_clitics_reattaches_newsfane_segmentation():
    T = _train_module()
    sent = [("و", "O"), ("الصادرات", "O"), ("ان", "O"), ("ه", "O"), ("قال", "O"), ("ل", "O"),
            ("الاتحاد", "B-Government"), ("و", "I-Government"), ("التعاون", "I-Government"),
            ("75", "O"), ("كم", "O"), ("و", "O"), ("هم", "O"), (".", "O")]
    got = T.merge_clitics(sent)
    assert [t for t, _, _ in got] == ["والصادرات", "انه", "قال", "للاتحاد", "والتعاون", "75", "كم", "وهم", "."]
    assert [g for _, g, _ in got][3:5] == ["B-Government", "I-Government"]
    assert got[3][2] == "الاتحاد"  # the content word is kept for the entity-word list


def test_map_tags_repairs_bio_and_drops_groups():
    T = _train_module()
    cm = C.read_class_map()
    sent = [("العرب", "B-Group", "العرب"), ("في", "O", "في"), ("لبنان", "I-Nation", "لبنان"),
            ("حزب", "B-Non-Governmental", "حزب"), ("الله", "I-Non-Governmental", "الله")]
    assert [lab for _, lab, _ in T.map_tags(sent, cm)] == [
        "O", "O", "B-GPE-Nation", "B-ORG-Non-Governmental", "I-ORG-Non-Governmental"]


def test_overlap_removal_catches_moved_boundaries():
    T = _train_module()
    test = [[("أعلن", "O"), ("الاتحاد", "O"), ("في", "O"), ("ألمانيا", "B-LOC"), ("اليوم", "O"), ("عن", "O"),
             ("خطة", "O"), ("جديدة", "O"), ("للسيارات", "O"), (".", "O")]]
    train = [
        [("اعلن", "O", ""), ("الاتحاد", "O", ""), ("في", "O", ""), ("المانيا", "B-GPE-Nation", ""), ("اليوم", "O", ""),
         ("عن", "O", ""), ("خطة", "O", ""), ("جديدة", "O", ""), ("للسيارات", "O", ""), (".", "O", "")],
        [("الاتحاد", "O", ""), ("في", "O", ""), ("المانيا", "O", ""), ("اليوم", "O", ""), ("عن", "O", ""),
         ("خطة", "O", ""), ("جديدة", "O", ""), ("للسيارات", "O", "")],
        [("قال", "O", ""), ("الرئيس", "O", ""), ("في", "O", ""), ("باريس", "B-GPE-Population-Center", ""),
         ("ان", "O", ""), ("المحادثات", "O", ""), ("مستمرة", "O", ""), (".", "O", "")],
    ]
    kept, exact, fuzzy = T.remove_test_overlap(train, test)
    assert (exact, fuzzy) == (1, 1)
    assert kept == [train[2]]


@pytest.mark.shared
def _names_index(path):
    import sqlite3

    con = sqlite3.connect(path)
    con.execute("CREATE TABLE units (arabic_key TEXT, latin TEXT, latin_lang TEXT, country TEXT, role TEXT, "
                "count INTEGER, source TEXT)")
    con.executemany("INSERT INTO units VALUES (?, '', '', '', ?, ?, 'wikidata')", [
        ("محمد", "given", 40), ("علي", "given", 30), ("حسين", "surname", 12), ("ساركوزي", "surname", 2)])
    con.commit()
    con.close()


def test_training_smoke(shared, tmp_path):
    """Train on a small slice (few iterations), with the dictionary, name and conjunction
    features of feature set 6, and tag with the result."""
    T = _train_module()
    out = tmp_path / "model"
    dic = tmp_path / "ar.dic"
    dic.write_text("5\nقال/12\nرئيس/3\nمستعد\nفرنسي/7\nabc\n", encoding="utf-8")
    names = tmp_path / "names.sqlite3"
    _names_index(names)
    rc = T.main(["--newsfane", str(shared / "data/ner/newsfane/NewsFANE_Gold_2014_170K.txt"),
                 "--test", str(shared / "data/ner/anercorp/ANERCorp_CamelLab_test.txt"),
                 "--out", str(out), "--limit", "150", "--max-iter", "10", "--clusters", "16",
                 "--dictionary", str(dic), "--names", str(names), "--conj", "--vocab-words", "3000"])
    assert rc == 0
    meta = json.loads((out / "ner-crf.json").read_text(encoding="utf-8"))
    assert meta["sentences_trained"] == 150
    assert meta["removed_exact"] + meta["removed_overlap"] > 500
    assert meta["conj"] is True and meta["lexicons"]["dc"] == "ner-dictionary.tsv" and meta["lexicons"]["nm"] == "ner-names.tsv"
    from kg.nlp.text import normalize

    assert C.read_lexicon(out / "ner-dictionary.tsv") == {normalize(w): "1" for w in ("قال", "رئيس", "مستعد", "فرنسي")}
    tg = C.load_tagger(out / "ner-crf.crfsuite")
    assert tg.features.conj_lexicons and "nm" in tg.features.lexicons
    assert tg._scorer.vocab is not None and len(tg._scorer.vocab[0]) > 2000  # --vocab-words, built for these weights
    text = "قال الرئيس الفرنسي في باريس إن فرنسا مستعدة وقال محمد علي حسين وساركوزي."
    labels = tg.tag(tokenize(text))
    assert len(labels) == len(tokenize(text))
    assert all(lab == "O" or lab[:2] in ("B-", "I-") for lab in labels)
    # the fast scorer agrees with the feature strings on this model too (dc, nm, pw included)
    import numpy as np

    sc = C._Scorer(tg.features, tg.weights)
    words = [t.norm for t in tokenize(text)]
    sc._add_many(list(dict.fromkeys(words)))
    used = {a.split("=")[0] for a in tg.weights.index}
    assert {"dc", "nm", "-1nm"} & used
    for w in set(words):
        own, ctx, _ = tg.features.compute_full(w)
        r = sc.index[w]
        np.testing.assert_allclose(sc.own[r], tg.weights.vector(own), atol=1e-9, err_msg=w)
        for k in range(4):
            np.testing.assert_allclose(sc.ctx[k, r], tg.weights.vector(ctx[k]), atol=1e-9, err_msg=w)


def test_word_clusters_coarse_and_fine_share_one_embedding():
    """Several cluster counts: one k-means per count over the same vectors; the value of one
    count alone is the plain cluster id, and words used alike share a cluster."""
    T = _train_module()
    sents = []
    for i in range(30):
        for city in ("باريس", "لندن", "روما"):
            sents.append(["وصل", "الوفد", "الى", "مدينة", city, "صباح", "اليوم"])
        for name in ("احمد", "محمد", "علي"):
            sents.append(["وقال", "الرئيس", name, "في", "كلمة", "له", str(i)])
    one = T.word_clusters(sents, n_clusters=4, dim=4, min_count=2)
    assert one and all(v.isdigit() for v in one.values())
    both = T.word_clusters(sents, n_clusters=[2, 4], dim=4, min_count=2)
    assert set(both) == set(one)
    for w, v in both.items():
        coarse, fine = v.split("|")
        assert coarse.startswith("k2_") and fine == "k4_" + one[w]
    assert one["باريس"] == one["لندن"] == one["روما"]
    assert one["احمد"] == one["محمد"] == one["علي"]


def test_mask_names_drops_only_the_entity_words_identity():
    T = _train_module()
    fx = C.FeatureExtractor({"gz": {"موسكو": "CITY.U"}, "tr": {"موسكو": "GPE.hi"}})
    words = ["زار", "الوزير", "موسكو", "امس"]
    x = fx.sentence(words)
    y = ["O", "O", "B-GPE", "O"]
    mx, my = T.mask_names([x, fx.sentence(["قال", "انه"])], [y, ["O", "O"]])
    assert len(mx) == 1 and my == [y]  # sentences without entities are not copied
    m = mx[0]
    assert "w=موسكو" in x[2] and "w=موسكو" not in m[2]
    assert not any(f.startswith(("tr=", "st=", "bi=", "c3=")) for f in m[2])
    assert "gz=CITY.U" in m[2] and "sh=ar" in m[2] and "s2=كو" in m[2]  # shape, affixes, gazetteer stay
    assert "+1w=موسكو" in x[1] and "+1w=موسكو" not in m[1]
    assert "-1w=موسكو" in x[3] and "-1w=موسكو" not in m[3]
    assert [f for f in x[0] if f != "+2w=موسكو"] == m[0]  # two words to the left: only +2w goes
    assert "+2gz=CITY.U" in m[0]
    assert "w=الوزير" in m[1] and "w=امس" in m[3]


def test_piece_table_scores_words_as_their_feature_strings(tagger):
    """The fast scorer (kg.nlp.crf._Pieces) gives each word the same own and context vectors
    as summing the weights of its feature strings (FeatureExtractor.compute_full)."""
    import numpy as np

    text = ("قال وزير الخارجية الروسي سيرغي لافروف في موسكو إن روسيا مستعدة للحوار مع الولايات المتحدة، "
            "وأضاف «والكرملين» لن يقبل بالعقوبات. وصرح المتحدث باسم Apple وIBM بأن 2024 و2025 عامان مهمان؛ "
            "والاستثمارات الفلسطينيين بالعراق وللأمم كابول؛ فبالقاهرة وكالرياض ولللجنة ... !! x")
    words = sorted({t.norm for t in tokenize(text)} | {"", "ال", "وال", "وبال", "لل", "abc.", "«»"})
    sc = C._Scorer(tagger.features, tagger.weights)
    sc._add_many(words)
    W = tagger.weights
    for w in words:
        own, ctx, sig = tagger.features.compute_full(w)
        assert sorted(own) == sorted(tagger.features._compute(w)[0])
        assert sig == tagger.features.signature(w)
        r = sc.index[w]
        np.testing.assert_allclose(sc.own[r], W.vector(own), atol=1e-9, err_msg=w)
        for k in range(4):
            np.testing.assert_allclose(sc.ctx[k, r], W.vector(ctx[k]), atol=1e-9, err_msg=w)
        assert sc.sig[r] == sc._sig_id(sig)


def test_batched_viterbi_equals_one_sentence_at_a_time():
    """Sentences of different lengths decoded together give the paths each gets alone (a
    shorter sentence must not take one more step than its length)."""
    import numpy as np

    rng = np.random.default_rng(0)
    L = 5
    T = rng.normal(size=(L, L)) * 2
    lens = [7, 1, 3, 3, 12, 2, 5, 1]
    E = rng.normal(size=(sum(lens), L)) * 2
    together = C.viterbi_flat(E, lens, T)
    k = 0
    for n, path in zip(lens, together):
        assert path == C.viterbi_flat(E[k:k + n], [n], T)[0]
        k += n


def test_dict_and_conj_marks():
    d = {"ابتعاد", "عزاء", "بالمر"}
    assert C.dict_mark(d, "عزاء", []) == "w"
    assert C.dict_mark(d, "ابتعاده", []) == "suf"  # pronoun suffix removed
    assert C.dict_mark(d, "والعزاء", C._stems("والعزاء")) == "st"  # clitics removed
    assert C.dict_mark(d, "كاكبيرن", C._stems("كاكبيرن")) == "none"
    assert C.conj_mark([{"بالمر": "PER.hi"}], "وبالمر") == "k"
    assert C.conj_mark([{"بالمر": "PER.hi"}], "وليامز") == "u"
    assert C.conj_mark([{}], "وزن") is None and C.conj_mark([{}], "بالمر") is None


def test_name_units_from_a_names_index(tmp_path):
    """read_name_units keeps the Wikidata rows of the arabic-name-romanizer index, by role."""
    import sqlite3

    db = tmp_path / "names.sqlite3"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE units (arabic_key TEXT, latin TEXT, latin_lang TEXT, country TEXT, role TEXT, "
                "count INTEGER, source TEXT)")
    con.executemany("INSERT INTO units VALUES (?, '', '', '', ?, ?, ?)", [
        ("سامر", "given", 30, "wikidata"), ("سامر", "surname", 2, "wikidata"),
        ("الزرقاوي", "surname", 3, "wikidata"), ("حداد", "given", 4, "wikidata"), ("حداد", "surname", 5, "wikidata"),
        ("نادر", "given", 1, "wikidata"), ("بوعلام", "given", 50, "dzirinames"),
    ])
    con.commit()
    con.close()
    T = _train_module()
    got = T.read_name_units(db)
    assert got == {"سامر": "G.hi", "الزرقاوي": "S.lo", "حداد": "GS.lo"}  # نادر: 1 person; بوعلام: not Wikidata


def test_precomputed_vocabulary_gives_identical_vectors(tagger):
    """Words of the shipped vocabulary (ner-crf.vocab.npz, scripts/ner_vocab.py) get bit-identical
    vectors and signatures to the per-word path, mixed with words outside it, in any order."""
    import numpy as np

    assert tagger._scorer.vocab is not None, "ner-crf.vocab.npz missing or stale: run scripts/ner_vocab.py"
    vidx = tagger._scorer.vocab[0]
    text = ("قال وزير الخارجية الروسي سيرغي لافروف في موسكو إن روسيا مستعدة للحوار مع الولايات المتحدة، "
            "وأضاف «والكرملين» لن يقبل بالعقوبات. وصرح المتحدث باسم Apple وIBM بأن 2024 عام كابول زيلينسكيييي")
    words = list(dict.fromkeys(t.norm for t in tokenize(text)))
    inside = [w for w in words if w in vidx]
    assert 5 < len(inside) < len(words)
    fast = C._Scorer(tagger.features, tagger.weights)
    fast.load_vocab(C.vocab_path(tagger.path), C.weights_path(tagger.path))
    plain = C._Scorer(tagger.features, tagger.weights)
    assert fast.vocab is not None and plain.vocab is None
    fast._add_many(words[::-1])
    plain._add_many(words)
    for w in words:
        a, b = fast.index[w], plain.index[w]
        assert np.array_equal(fast.own[a], plain.own[b]), w
        assert np.array_equal(fast.ctx[:, a], plain.ctx[:, b]), w
        assert fast.sig[a] == plain.sig[b] and fast.bid[a] == plain.bid[b], w


def test_stale_vocabulary_is_ignored(tagger, tmp_path):
    """A vocabulary built for other weights (sha256 mismatch) or with rows the code no longer
    computes is not used."""
    import numpy as np

    src = C.vocab_path(tagger.path)
    with np.load(src) as z:
        data = dict(z)
    sc = C._Scorer(tagger.features, tagger.weights)
    bad = tmp_path / "v.npz"
    np.savez(bad, **{**data, "weights_sha256": np.array("0" * 64)})
    assert sc.load_vocab(bad, C.weights_path(tagger.path)) is False and sc.vocab is None
    rows = data["rows"].copy()
    rows[: data["offsets"][1]] = 0  # the first word's rows changed
    np.savez(bad, **{**data, "rows": rows})
    assert sc.load_vocab(bad, C.weights_path(tagger.path)) is False and sc.vocab is None
    assert sc.load_vocab(src, C.weights_path(tagger.path)) is True


def test_head_classes_and_frequency_bands():
    """train_ner --heads marks organization/place heads in the token gazetteer; --freq gives
    wordfreq Zipf bands (frequent words high, the list limited to the top N)."""
    T = _train_module()
    from kg.nlp.text import normalize

    plain, used = T.build_gazetteer()
    gz, used_h = T.build_gazetteer(heads=True)
    assert "org_patterns.tsv" in used_h and "org_patterns.tsv" not in used
    assert "ORGHEAD.U" in gz[normalize("حزب")].split("|") and "ORGHEAD" not in plain.get(normalize("حزب"), "")
    assert "PLACEHEAD.U" in gz[normalize("مدينة")].split("|")
    fq = T.frequency_lexicon(2000)
    assert 1500 < len(fq) <= 2000
    assert float(fq[normalize("في")][1:]) > float(fq[min(fq, key=lambda w: float(fq[w][1:]))][1:])
    assert all(v.startswith("z") for v in fq.values())


def test_c_viterbi_falls_back_to_numpy(monkeypatch):
    """A python-crfsuite build without the C symbols (or with another context layout) means the
    numpy decoder, not an error."""
    import numpy as np

    def broken(T):
        raise AttributeError("undefined symbol: crf1dc_viterbi")

    monkeypatch.setattr(C, "CViterbi", broken)
    assert C.c_viterbi(np.zeros((3, 3))) is None


def test_gazetteer_file_sources_are_read_from_its_header(tmp_path):
    """train_ner --gazetteer-file reuses an earlier ner-gazetteer.tsv and records the source
    files that run named in its header."""
    p = tmp_path / "g.tsv"
    p.write_text("# Token-level gazetteer features, generated by\n"
                 "# scripts/train_ner.py from kg/data/gazetteer/ (countries.tsv, cities.tsv); see\n"
                 "روسيا\tCOUNTRY.U\n", encoding="utf-8")
    TN = _train_module()
    assert [x.strip() for x in TN._gazetteer_sources(p)] == ["countries.tsv", "cities.tsv"]
    assert C.read_lexicon(p) == {"روسيا": "COUNTRY.U"}
    q = tmp_path / "plain.tsv"
    q.write_text("روسيا\tCOUNTRY.U\n", encoding="utf-8")
    assert TN._gazetteer_sources(q) == ["plain.tsv"]


def test_fine_ids_are_the_ids_of_the_fine_feature_strings(tagger):
    """The span classifier scores spans with CRFTagger._fine_ids, a hand-unrolled fine_features
    (the strings it was trained on, scripts/train_ner.py) that builds no strings: over real text
    (the seed article and the sentences above), for every span of 1-5 words and every coarse
    class, both give the same known attribute ids in the same order, and the same fine class."""
    from kg.nlp.text import split_sentences

    text = "\n".join([
        (ROOT / "examples" / "seed-article.txt").read_text(encoding="utf-8"),
        "قال وزير الخارجية الروسي سيرغي لافروف في موسكو إن روسيا مستعدة للحوار. "
        "وأعلن الرئيس الأمريكي جو بايدن من واشنطن دعمه لأوكرانيا.",
        "واستقبل رئيس الحكومة يوسف الشاهد في قصر قرطاج وفدا من صندوق النقد الدولي، "
        "وبالقاهرة وكالرياض وللأمم المتحدة عاد عبدالعزيز بوتفليقة.",
    ])
    idx = tagger.fine_weights.index
    families: set[str] = set()
    items = []
    for s, e in split_sentences(text):
        words = [t.norm for t in tokenize(text, s, e)]
        for i in range(len(words)):
            for j in range(i + 1, min(i + 5, len(words)) + 1):
                for coarse in C.COARSE:
                    feats = [f for f in C.fine_features(words, i, j, coarse) if f in idx]
                    assert tagger._fine_ids(words, i, j, coarse) == [idx[f] for f in feats], (words[i:j], coarse)
                    families.update(f.split("=", 1)[0] + ("|" if f.endswith("|" + coarse) else "") for f in feats)
                    items.append((words, i, j, coarse))
    # every kind of feature was compared (span words, stem, context, conjunctions with the class)
    assert {"c", "n", "last", "s3", "-2", "+1", "w", "-1", "w|", "-1|"} <= families, families
    sample = items[::7]
    assert tagger.fine_classes(sample) == [tagger.fine_class(*it) for it in sample]
