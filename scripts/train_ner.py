#!/usr/bin/env python
"""Train the shipped NER model (kg/data/ner/ner-crf.crfsuite) from NewsFANE Gold.

    python scripts/train_ner.py [--newsfane PATH] [--test PATH] [--out DIR] [--tune] [--max-iter N]

Data: ../shared/data/ner/newsfane/NewsFANE_Gold_2014_170K.txt (CC BY-SA 3.0, Alotaibi & Lee
2014).  Every NewsFANE sentence that also occurs in the ANERcorp CAMeL Lab test split
(../shared/data/ner/anercorp/ANERCorp_CamelLab_test.txt) is removed before training, so that
benchmarks/ner_eval.py measures the model on text it has not seen.  ANERcorp is read only to
find those sentences; none of its labels or tokens are trained on.

Steps:
 1. read NewsFANE (token<TAB>tag, CRLF, U+200E marks; blank lines separate sentences);
 2. re-attach the clitics NewsFANE splits off (``و الصادرات`` -> ``والصادرات``, ``ان ه`` ->
    ``انه``) so that training tokens look like the whitespace tokens of raw news text and of
    kg.nlp.text.tokenize;
 3. map fine classes to coarse ones with kg/data/ner/newsfane_classes.tsv;
 4. drop sentences shared with the test split (normalized, space-free comparison, plus an
    8-token shingle overlap test for sentences whose boundaries differ);
 5. build word clusters from the training text (optionally plus unlabeled news text,
    --unlabeled, never ANERcorp's text) by PPMI + SVD + k-means, and the entity-word list
    used to trim proclitics from spans;
 6. train a coarse CRF (BIO over PER/ORG/GPE/LOC/MISC, L-BFGS) and a fine-class classifier
    (crfsuite on one-item sequences) for the spans; optionally tune c1/c2 on a dev slice
    of NewsFANE (never on the test split);
 7. write the model, lexicons and a JSON metadata file beside it.
"""

from __future__ import annotations

import argparse
import collections
import datetime as _dt
import hashlib
import json
import re
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.nlp import crf as C  # noqa: E402
from kg.nlp.gazetteer import read_tsv  # noqa: E402
from kg.nlp.text import normalize  # noqa: E402

SHARED = ROOT.parent / "shared"
NEWSFANE = SHARED / "data/ner/newsfane/NewsFANE_Gold_2014_170K.txt"
ANER_TEST = SHARED / "data/ner/anercorp/ANERCorp_CamelLab_test.txt"
ANT_DEV = SHARED / "corpus/ant-dev.jsonl"
#: Hunspell's Arabic dictionary (Debian package hunspell-ar, the Ayaspell project; GPL-2+/LGPL-2.1+/MPL-1.1):
#: its word list gives the "dc" feature (is the word ordinary vocabulary?); ner-dictionary.tsv is generated from it
HUNSPELL_AR = Path("/usr/share/hunspell/ar.dic")
_ARABIC_WORD = re.compile(r"^[\u0621-\u064a]+$")


def read_name_units(path: Path, min_count: int = 2) -> dict[str, str]:
    """``{normalized name word: "G.hi"|"S.lo"|...}`` from the name index of the PyPI package
    arabic-name-romanizer (``resources/names.sqlite3``, table ``units``: Arabic given names and
    surnames of people in Wikidata, with counts).  Only the rows from Wikidata (CC0 1.0) are
    used.  G: mostly a given name, S: mostly a surname, GS: both; hi: 10+ people, lo: fewer."""
    import sqlite3

    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = con.execute("SELECT arabic_key, role, SUM(count) FROM units WHERE source = 'wikidata' "
                           "GROUP BY arabic_key, role").fetchall()
    finally:
        con.close()
    agg: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for key, role, n in rows:
        for w in normalize(key).split():
            if _ARABIC_WORD.match(w) and len(w) >= 2:
                agg[w][role] += int(n)
    out = {}
    for w, c in agg.items():
        tot = sum(c.values())
        if tot < min_count:
            continue
        g, s = c["given"], c["surname"]
        role = "G" if g >= 2 * s and g else "S" if s >= 2 * g and s else "GS"
        out[w] = f"{role}.{'hi' if tot >= 10 else 'lo'}"
    return out


def read_hunspell_words(path: Path) -> dict[str, str]:
    """``{normalized word: "1"}`` for the entries of a Hunspell .dic file (the stems, without
    their affix flags), Arabic letters only."""
    out = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines()[1:]:
        w = line.split("/", 1)[0].split("\t", 1)[0].strip()
        if _ARABIC_WORD.match(w):
            n = normalize(w)
            if len(n) >= 2:
                out[n] = "1"
    return out  # unlabeled news text (ANT corpus, Apache-2.0) for the word clusters

# --- 2. clitics -----------------------------------------------------------------------

PROCLITIC_TOKENS = {"و", "ف", "ب", "ل", "ك", "س", "لل"}
ENCLITIC_TOKENS = {"ه", "ها", "هم", "هما", "هن", "نا", "ي", "كم", "كما", "ني", "ك"}


def _is_word(t: str) -> bool:
    return t[:1].isalpha()


def _join_pro(p: str, w: str) -> str:
    if p.endswith("ل") and w.startswith("ال") and len(w) > 3:
        return p + w[1:]  # ل + الاتحاد -> للاتحاد
    return p + w


def merge_clitics(sent: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """Re-attach NewsFANE's split clitics.  Returns ``(token, tag, content)`` where
    ``content`` is the NewsFANE token that carries the meaning (the stem)."""
    toks = [t for t, _ in sent]
    tags = [g for _, g in sent]
    n = len(toks)
    out: list[list[str]] = []  # [token, tag, content]
    pending: list[tuple[str, str]] = []  # proclitics waiting for their word
    i = 0
    while i < n:
        t, g = toks[i], tags[i]
        nxt = toks[i + 1] if i + 1 < n else ""
        prev_is_word = bool(out) and not pending and _is_word(out[-1][0]) and not out[-1][0].isdigit()
        if t == "ك":  # كما / كذلك: proclitic before ما or an article; else a pronoun suffix
            role = "pro" if (nxt == "ما" or nxt.startswith("ال")) and _is_word(nxt) else ("enc" if prev_is_word else "pro")
        elif t == "س":
            role = "pro" if nxt[:1] in ("ي", "ت", "ن", "ا") else ("enc" if prev_is_word else "word")
        elif t in PROCLITIC_TOKENS:
            role = "pro"
            if t == "ب" and i > 0 and len(toks[i - 1]) == 1 and len(nxt) == 1:  # (د ب ا)
                role = "word"
        elif t in ENCLITIC_TOKENS:
            role = "enc" if prev_is_word else "word"
        else:
            role = "word"
        if role == "pro" and _is_word(nxt):
            pending.append((t, g))
        elif role == "enc":
            out[-1][0] += t
        else:
            if pending and _is_word(t):
                word = t
                for p, _ in reversed(pending):
                    word = _join_pro(p, word)
                ptag = next((pg for _, pg in pending if pg != "O"), None)
                out.append([word, ptag if ptag is not None else g, t])
            else:
                for p, pg in pending:
                    out.append([p, pg, p])
                out.append([t, g, t])
            pending = []
        i += 1
    for p, pg in pending:
        out.append([p, pg, p])
    # NewsFANE writes ل + ال as لال (لالاتحاد): raw text has لل
    for o in out:
        if o[0].startswith("لال") and len(o[0]) > 5:
            o[0] = "لل" + o[0][3:]
    return [tuple(o) for o in out]


# --- 3. classes -----------------------------------------------------------------------


def map_tags(sent, class_map: dict[str, str]):
    """NewsFANE ``B-Fine`` -> ``B-COARSE-Fine``; unmapped/``O`` classes -> ``O``; BIO repaired."""
    out = []
    prev = "O"
    for tok, tag, content in sent:
        if tag == "O":
            lab = "O"
        else:
            bio, _, fine = tag.partition("-")
            if fine not in class_map:
                raise SystemExit(f"fine class {fine!r} (tag {tag!r}) is not in {C.CLASSES_FILE}: add it")
            coarse = class_map[fine]
            if coarse == "O":
                lab = "O"
            else:
                if bio == "I" and (prev == "O" or C.split_label(prev)[2] != fine):
                    bio = "B"
                lab = f"{bio}-{coarse}-{fine}"
        out.append((tok, lab, content))
        prev = lab
    return out


# --- 4. overlap with the test split ---------------------------------------------------

_SKEL = str.maketrans({"ؤ": "و", "ئ": "ي", "ء": None, " ": None})
_NONWORD = re.compile(r"[^\w]+")


def skeleton(tokens) -> str:
    return _NONWORD.sub("", normalize("".join(tokens)).translate(_SKEL))


def shingles(tokens, k=8):
    ws = [s for s in (skeleton([t]) for t in tokens) if s]
    # token boundaries differ between the corpora (clitics): use character 24-grams of the skeleton
    s = "".join(ws)
    return {s[i:i + 24] for i in range(0, max(0, len(s) - 23), 4)} if len(s) >= 24 else {s} if s else set()


def remove_test_overlap(sents, test_sents):
    test_sk = {skeleton([t for t, _ in s]) for s in test_sents}
    test_sh = set()
    for s in test_sents:
        sk = skeleton([t for t, _ in s])
        test_sh.update(sk[i:i + 24] for i in range(0, max(1, len(sk) - 23)))
    kept, exact, fuzzy = [], 0, 0
    for s in sents:
        toks = [t for t, *_ in s]
        sk = skeleton(toks)
        if sk in test_sk:
            exact += 1
            continue
        sh = shingles(toks)
        if sh and sum(1 for x in sh if x in test_sh) / len(sh) >= 0.5:
            fuzzy += 1
            continue
        kept.append(s)
    return kept, exact, fuzzy


# --- 5. clusters and lexicons ---------------------------------------------------------


def word_clusters(sentences_words, n_clusters=256, dim=100, min_count=3, seed=0):
    """Distributional clusters of normalized words: PPMI over a +-2 window, truncated SVD,
    k-means.  Returns ``{word: cluster id}`` for words seen ``min_count`` times.  With several
    cluster counts (a sequence), one k-means per count over the same vectors (coarse and fine
    clusters, as with Brown-cluster prefixes): ``{word: "k64_3|k512_100"}``."""
    sizes = [n_clusters] if isinstance(n_clusters, int) else list(n_clusters)
    import numpy as np
    from scipy.sparse import coo_matrix
    from scipy.sparse.linalg import svds

    cnt = collections.Counter(w for s in sentences_words for w in s)
    vocab = [w for w, c in cnt.items() if c >= min_count]
    if len(vocab) < 8:
        return {}
    idx = {w: i for i, w in enumerate(vocab)}
    ctx_vocab = [w for w, c in cnt.most_common(5000)]
    cidx = {w: i for i, w in enumerate(ctx_vocab)}
    rows, cols = [], []
    for s in sentences_words:
        for i, w in enumerate(s):
            wi = idx.get(w)
            if wi is None:
                continue
            for o in (-2, -1, 1, 2):
                j = i + o
                if 0 <= j < len(s):
                    ci = cidx.get(s[j])
                    if ci is not None:
                        rows.append(wi)
                        cols.append(ci * 4 + (o + 2 if o < 0 else o + 1))
    data = np.ones(len(rows), dtype=np.float64)
    m = coo_matrix((data, (rows, cols)), shape=(len(vocab), len(ctx_vocab) * 4)).tocsr()
    m.sum_duplicates()
    total = m.sum()
    rs = np.asarray(m.sum(axis=1)).ravel()
    cs = np.asarray(m.sum(axis=0)).ravel() ** 0.75
    cs = cs / cs.sum() * total
    m = m.tocoo()
    pmi = np.log(m.data * total / (rs[m.row] * cs[m.col] + 1e-12) + 1e-12)
    keep = pmi > 0
    ppmi = coo_matrix((pmi[keep], (m.row[keep], m.col[keep])), shape=m.shape).tocsr()
    dim = max(2, min(dim, min(ppmi.shape) - 1))
    u, sv, _ = svds(ppmi, k=dim, random_state=seed)
    emb = u * np.sqrt(sv)
    emb /= np.linalg.norm(emb, axis=1, keepdims=True) + 1e-9
    out: dict[str, list[str]] = {w: [] for w in idx}
    for size in sizes:
        lab = _kmeans(emb, max(2, min(size, len(vocab) // 4)), seed)
        for w, i in idx.items():
            out[w].append(str(int(lab[i])) if len(sizes) == 1 else f"k{size}_{int(lab[i])}")
    return {w: "|".join(v) for w, v in out.items()}


def _kmeans(emb, n_clusters: int, seed: int = 0):
    """Spherical k-means (a few Lloyd iterations; numpy only): the cluster of each row."""
    import numpy as np

    # k-means (a few Lloyd iterations; numpy only)
    rng = np.random.default_rng(seed)
    cent = emb[rng.choice(len(emb), n_clusters, replace=False)]
    for _ in range(15):
        lab = np.argmax(emb @ cent.T, axis=1)
        for k in range(n_clusters):
            members = emb[lab == k]
            if len(members):
                c = members.mean(axis=0)
                cent[k] = c / (np.linalg.norm(c) + 1e-9)
    return np.argmax(emb @ cent.T, axis=1)


GAZ_DIR = ROOT / "kg" / "data" / "gazetteer"


def _read_tsv(path: Path):
    """Rows of a commented TSV with a header line, as dicts (empty list when absent)."""
    return read_tsv(path) if path.is_file() else []


def build_gazetteer(gaz_dir: Path = GAZ_DIR, common: set[str] | frozenset = frozenset(),
                    heads: bool = False) -> tuple[dict[str, str], list[str]]:
    """Token-level gazetteer from the project's gazetteer data (kg/data/gazetteer, built from
    CLDR/pycountry/GeoNames and curated lists).  ``{normalized token: "CLASS.POS|..."}`` with
    POS U (one-word name), B (first word), I (later word); classes COUNTRY, CITY, PLACE, ORG,
    PERSON, TITLE, NISBA.  Words of multi-word names that are function words (the gazetteer's
    stopwords.txt) or ``common`` words are not marked; city names mark only their first word.
    Returns the mapping and the files used."""
    entries: dict[str, set[str]] = collections.defaultdict(set)
    used = []
    not_names = set()
    nn = gaz_dir / "not_names.txt"
    if nn.is_file():
        not_names = {normalize(x.strip()) for x in nn.read_text(encoding="utf-8").splitlines()
                     if x.strip() and not x.startswith("#")}
    sw = gaz_dir / "stopwords.txt"
    stop = set(common)
    if sw.is_file():
        stop |= {normalize(x.strip()) for x in sw.read_text(encoding="utf-8").splitlines()
                 if x.strip() and not x.startswith("#")}

    def add(name: str, cls: str):
        ws = [normalize(w) for w in name.replace("_", " ").split()]
        ws = [w for w in ws if w]
        if not ws or " ".join(ws) in not_names:
            return
        if len(ws) == 1:
            entries[ws[0]].add(cls + ".U")
        else:
            if ws[0] not in stop:
                entries[ws[0]].add(cls + ".B")
            if cls != "CITY":
                for w in ws[1:]:
                    if w not in stop:
                        entries[w].add(cls + ".I")

    def names(row, *cols):
        for c in cols:
            for n in (row.get(c) or "").split("|"):
                if n.strip():
                    yield n.strip()

    spec = [
        ("countries.tsv", "COUNTRY", ("label", "names")),
        ("country_names.tsv", "COUNTRY", ("name",)),
        ("cities.tsv", "CITY", ("label", "names")),
        ("places.tsv", "PLACE", ("label", "aliases")),
        ("organizations.tsv", "ORG", ("label", "aliases")),
        ("people.tsv", "PERSON", ("label", "aliases")),
        ("titles.tsv", "TITLE", ("title",)),
        ("nisba.tsv", "NISBA", ("form",)),
    ]
    if heads:  # trigger words: heads of organization and place names (حزب، صحيفة، وكالة؛ مدينة، قرية)
        spec += [("org_patterns.tsv", "ORGHEAD", ("head",)), ("place_heads.tsv", "PLACEHEAD", ("head",))]
    for fname, cls, cols in spec:
        rows = _read_tsv(gaz_dir / fname)
        if not rows:
            continue
        used.append(fname)
        for row in rows:
            for n in names(row, *cols):
                add(n, cls)
    return {k: "|".join(sorted(v)) for k, v in entries.items()}, used


def write_lexicon(path: Path, mapping: dict[str, str], header: str) -> None:
    lines = ["# " + h for h in header.strip().splitlines()]
    lines += [f"{k}\t{v}" for k, v in sorted(mapping.items())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# --- 6. training ----------------------------------------------------------------------


def train_crf(xseqs, yseqs, path: Path, c1: float, c2: float, max_iter: int, verbose=False, minfreq: float = 1):
    import pycrfsuite

    tr = pycrfsuite.Trainer(verbose=verbose)
    for x, y in zip(xseqs, yseqs):
        tr.append(x, y)
    tr.set_params({
        "c1": c1,
        "c2": c2,
        "max_iterations": max_iter,
        "feature.possible_transitions": True,
        "feature.minfreq": minfreq,
    })
    tr.train(str(path))
    return (tr.logparser.last_iteration or {}).get("num")


def tune_o_bias(model: Path, Xdv, Ydv, grid=(0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0)):
    """Sweep the bias subtracted from O's score at decoding time on the dev sentences."""
    C.LinearWeights.export(model, C.weights_path(model))
    w = C.LinearWeights.load(C.weights_path(model))
    o = w.labels.index("O")
    ems = [np.stack([w.vector(f) for f in x]) if x else np.zeros((0, len(w.labels))) for x in Xdv]
    res = {}
    for b in grid:
        em = [e.copy() for e in ems]
        for e in em:
            e[:, o] -= b
        pred = [[w.labels[k] for k in p] for p in C.viterbi_batch(em, w.T)]
        res[b] = round(spans_prf(Ydv, pred)[2], 4)
    best = max(res, key=lambda b: (res[b], -b))
    return best, res


def spans_prf(gold_seqs, pred_seqs, key=lambda s: s[:3]):
    tp = fp = fn = 0
    for g, p in zip(gold_seqs, pred_seqs):
        gs = {key(s) for s in C.bio_spans(g)}
        ps = {key(s) for s in C.bio_spans(p)}
        tp += len(gs & ps)
        fp += len(ps - gs)
        fn += len(gs - ps)
    pr = tp / (tp + fp) if tp + fp else 0.0
    rc = tp / (tp + fn) if tp + fn else 0.0
    return pr, rc, (2 * pr * rc / (pr + rc) if pr + rc else 0.0)


def unseen_prf(gold_seqs, pred_seqs, words, seen: set) -> dict:
    """Span P/R/F1 restricted to entities none of whose words occur in ``seen`` (the training
    part): how well names never seen in training are found (most names of new text)."""
    tp = fp = fn = ng = npred = tpp = 0
    for g, p, ws in zip(gold_seqs, pred_seqs, words):
        def new(spans):
            return {s[:3] for s in spans if all(w not in seen for w in ws[s[0]:s[1]])}
        gs, ps = new(C.bio_spans(g)), new(C.bio_spans(p))
        all_g = {s[:3] for s in C.bio_spans(g)}
        all_p = {s[:3] for s in C.bio_spans(p)}
        tp += len(gs & all_p)
        fn += len(gs - all_p)
        fp += len(ps - all_g)
        tpp += len(ps & all_g)
        ng += len(gs)
        npred += len(ps)
    pr = tpp / (tpp + fp) if tpp + fp else 0.0
    rc = tp / (tp + fn) if tp + fn else 0.0
    return {"p": pr, "r": rc, "f": 2 * pr * rc / (pr + rc) if pr + rc else 0.0, "gold": ng, "pred": npred}


def prepare(newsfane: Path, test: Path, log=print):
    class_map = C.read_class_map()
    raw = C.read_conll(newsfane)
    test_sents = C.read_conll(test)
    merged = [map_tags(merge_clitics(s), class_map) for s in raw]
    kept, exact, fuzzy = remove_test_overlap(merged, test_sents)
    log(f"NewsFANE: {len(raw)} sentences, {sum(map(len, raw))} tokens -> {sum(map(len, merged))} after clitic merge")
    log(f"removed {exact} sentences identical to test sentences and {fuzzy} more with >=50% shared text; kept {len(kept)}")
    return kept, {"sentences_total": len(raw), "tokens_total": sum(map(len, raw)),
                  "tokens_merged": sum(map(len, merged)), "removed_exact": exact,
                  "removed_overlap": fuzzy, "sentences_kept": len(kept)}


def common_words(train, min_count=20, max_entity_ratio=0.02) -> set[str]:
    """Frequent training words that are (almost) never part of an entity."""
    tot, ent = collections.Counter(), collections.Counter()
    for s in train:
        for tok, lab, _ in s:
            w = normalize(tok)
            tot[w] += 1
            if lab != "O":
                ent[w] += 1
    return {w for w, c in tot.items() if c >= min_count and ent[w] / c < max_entity_ratio}


def build_lexicons(train, out_dir: Path, n_clusters, extra_text: list[list[str]], log=print,
                   dictionary: Path | None = None, names: Path | None = None, names_min_count: int = 2,
                   freq_words: int = 0, heads: bool = False, gazetteer_file: Path | None = None):
    words = [[normalize(t) for t, *_ in s] for s in train] + extra_text
    if gazetteer_file is not None:  # a token gazetteer written by an earlier run (ner-gazetteer.tsv)
        gaz = C.read_lexicon(gazetteer_file)
        used = [h.strip() for h in _gazetteer_sources(gazetteer_file)]
    else:
        gaz, used = build_gazetteer(GAZ_DIR, common_words(train), heads=heads)
    log(f"gazetteer: {len(gaz)} words from {', '.join(used) or 'nothing (kg/data/gazetteer absent)'}")
    t0 = time.time()
    clusters = word_clusters(words, n_clusters=n_clusters)
    log(f"clusters: {len(clusters)} words in {n_clusters} clusters ({time.time() - t0:.1f}s)")
    # entity words: NewsFANE's own (clitic-free) tokens that start an entity
    ew = collections.Counter()
    for s in train:
        for tok, lab, content in s:
            if lab.startswith("B-"):
                ew[normalize(content)] += 1
    entity_words = {w: str(c) for w, c in ew.items() if len(w) >= 2}
    lex = {"cl": clusters, "gz": gaz}
    if dictionary is not None:
        lex["dc"] = read_hunspell_words(dictionary)
        log(f"dictionary: {len(lex['dc'])} words from {dictionary}")
    if names is not None:
        lex["nm"] = read_name_units(names, names_min_count)
        log(f"person-name words: {len(lex['nm'])} from {names}")
    if freq_words:
        lex["fq"] = frequency_lexicon(freq_words)
        log(f"frequency bands: {len(lex['fq'])} words (wordfreq)")
    return lex, entity_words, used


def _gazetteer_sources(path: Path) -> list[str]:
    """The source file names an earlier run recorded in a ner-gazetteer.tsv header (``from
    kg/data/gazetteer/ (countries.tsv, cities.tsv, ...)``), or the file's own name."""
    head = " ".join(l for l in path.read_text(encoding="utf-8").splitlines()[:6] if l.startswith("#"))
    m = re.search(r"kg/data/gazetteer/ \(([^)]*)\)", head)
    return m.group(1).replace("#", " ").split(",") if m else [path.name]


def frequency_lexicon(n_words: int) -> dict[str, str]:
    """``{normalized word: "z3.5"}``: the Zipf frequency band (wordfreq.zipf_frequency, in half
    steps: z3.5 = 3.5 to 4) of the ``n_words`` most frequent Arabic words of wordfreq (data CC BY-SA
    4.0): how common a
    word is in Arabic text in general (a transliterated name never seen in training is rare,
    an ordinary word is not).  Forms that normalize alike keep the highest band."""
    from wordfreq import top_n_list, zipf_frequency

    out: dict[str, float] = {}
    for w in top_n_list("ar", n_words):
        n = normalize(w)
        if n and "\t" not in n and "\n" not in n:
            z = zipf_frequency(w, "ar")
            if z > out.get(n, -1.0):
                out[n] = z
    return {w: f"z{int(z * 2) / 2:g}" for w, z in out.items()}


def train_lexicon(sents, min_count=2) -> dict[str, str]:
    """``{word: "CLASS.hi|mid" or "O.hi"}``: how a word was labelled in ``sents``."""
    cnt: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for s in sents:
        for tok, lab, _ in s:
            cnt[normalize(tok)][C.split_label(lab)[1] or "O"] += 1
    out = {}
    for w, c in cnt.items():
        tot = sum(c.values())
        if tot < min_count:
            continue
        ent = tot - c["O"]
        if ent:
            top = max((k for k in c if k != "O"), key=lambda k: c[k])
        if ent / tot >= 0.5:
            out[w] = top + ".hi"
        elif ent / tot >= 0.15:
            out[w] = top + ".mid"
        elif tot >= 5:
            out[w] = "O.hi"
    return out


def fold_of(i: int, k: int = 5) -> int:
    return (i // 40) % k


def featurize(lexicons, sents, jackknife: int = 5, conj: bool = False):
    """Features of the training sentences.  The training-data lexicon ("tr") of sentence i is
    built from the other folds only (jackknife), so that the CRF learns how far to trust it on
    unseen text."""
    fxs = {}
    for k in range(jackknife):
        lex = dict(lexicons)
        lex["tr"] = train_lexicon([s for i, s in enumerate(sents) if fold_of(i, jackknife) != k])
        fxs[k] = C.FeatureExtractor(lex, conj=conj)
    xs, ys, ws = [], [], []
    for i, s in enumerate(sents):
        words = [normalize(t) for t, *_ in s]
        cases = [C.case_flag(t) for t, *_ in s]
        ws.append(words)
        xs.append(fxs[fold_of(i, jackknife)].sentence(words, cases))
        ys.append([lab for _, lab, _ in s])
    return xs, ys, ws


_OWN_ID = ("w=", "tr=", "tr~=", "st=", "bi=", "c3=", "cj1=", "cj2=")


def mask_names(xs, ys):
    """Copies of the sentences that have entities, with the word-identity features of the entity
    words removed (the word, its stems, training-lexicon class, character trigrams, bigrams, and
    the same word seen from its neighbours), keeping shape, affixes, clusters, gazetteer
    classes and context: the CRF then also learns to find names it has never seen, which is
    most of the names in new text."""
    out_x, out_y = [], []
    for x, y in zip(xs, ys):
        ent = [i for i, lab in enumerate(y) if lab != "O"]
        if not ent:
            continue
        drop = [set() for _ in x]
        for i in ent:
            drop[i].update(_OWN_ID)
            for off, pre in ((1, ("-1w=", "-1st=", "bi=", "cj1=", "cj2=")), (2, ("-2w=", "cj2=")),
                             (-1, ("+1w=", "+1st=")), (-2, ("+2w=",))):
                if 0 <= i + off < len(x):
                    drop[i + off].update(pre)
        nx = []
        for f, d in zip(x, drop):
            if d:
                t = tuple(d)
                f = [a for a in f if not a.startswith(t)]
            nx.append(f)
        out_x.append(nx)
        out_y.append(y)
    return out_x, out_y


def to_coarse(lab: str) -> str:
    if lab == "O":
        return lab
    bio, coarse, _ = C.split_label(lab)
    return f"{bio}-{coarse}"


def train_fine(ws, ys, path: Path, c2=0.1):
    import pycrfsuite

    tr = pycrfsuite.Trainer(verbose=False)
    n = 0
    for words, labels in zip(ws, ys):
        for i, j, coarse, fine in C.bio_spans(labels):
            tr.append([C.fine_features(words, i, j, coarse)], [fine])
            n += 1
    tr.set_params({"c1": 0.2, "c2": c2, "max_iterations": 150})
    tr.train(str(path))
    return n


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--newsfane", type=Path, default=NEWSFANE)
    ap.add_argument("--test", type=Path, default=ANER_TEST, help="ANERcorp test split: its sentences are removed from training")
    ap.add_argument("--out", type=Path, default=C.DATA_DIR)
    ap.add_argument("--max-iter", type=int, default=150)
    ap.add_argument("--c1", type=float, default=0.1)
    ap.add_argument("--c2", type=float, default=0.1)
    ap.add_argument("--tune", action="store_true", help="try c1/c2 values (--grid) and the O bias on a NewsFANE dev slice first")
    ap.add_argument("--grid", default="0.05:0.01,0.1:0.1,0.3:0.05,1.0:0.01",
                    help="c1:c2 pairs to try with --tune (one pair: only the O bias is tuned)")
    ap.add_argument("--clusters", default="256", help="number of word clusters; several, comma-separated, for coarse and fine clusters")
    ap.add_argument("--o-bias", type=float, default=0.0, help="decoding bias against O (tuned with --tune)")
    ap.add_argument("--minfreq", type=float, default=1, help="crfsuite feature.minfreq (feature pruning)")
    ap.add_argument("--dev-fold", type=int, default=7, choices=range(10),
                    help="with --tune: the dev slice is every 10th block of 40 sentences starting at block N "
                         "(7 by default; other values for cross-validation)")
    ap.add_argument("--dev-only", action="store_true", help="with --tune: report the dev figures and stop (no model written)")
    ap.add_argument("--mask-names", action="store_true",
                    help="also train on copies of the entity sentences without the entity words' identity features")
    ap.add_argument("--dictionary", type=Path, default=None,
                    help=f"a Hunspell .dic word list for the general-vocabulary feature (e.g. {HUNSPELL_AR}, "
                         "apt-get install hunspell-ar); written to ner-dictionary.tsv")
    ap.add_argument("--names", type=Path, default=None,
                    help="names.sqlite3 of the PyPI package arabic-name-romanizer 0.2.0 (MIT; its Wikidata rows, CC0): "
                         "person-name words for the nm= feature, written to ner-names.tsv")
    ap.add_argument("--names-min-count", type=int, default=2,
                    help="keep name words borne by at least this many people in the names index")
    ap.add_argument("--conj", action="store_true",
                    help="feature pw=: does the word carry the conjunction و/ف before a known word (X وY: a new entity)")
    ap.add_argument("--heads", action="store_true",
                    help="gazetteer classes ORGHEAD/PLACEHEAD for the heads of organization and place names "
                         "(kg/data/gazetteer/org_patterns.tsv, place_heads.tsv), seen by the word and its neighbours")
    ap.add_argument("--freq", type=int, default=0,
                    help="feature fq=: the Zipf frequency band of the word among wordfreq's N most frequent Arabic "
                         "words (CC BY-SA 4.0 data), written to ner-frequency.tsv (0: no such feature)")
    ap.add_argument("--vocab-words", type=int, default=100000,
                    help="precompute the feature rows of this many frequent Arabic words (wordfreq) for the "
                         "tagger's first pass (scripts/ner_vocab.py; 0: none)")
    ap.add_argument("--gazetteer-file", type=Path, default=None,
                    help="token gazetteer features from this file (an earlier run's ner-gazetteer.tsv, e.g. the "
                         "shipped kg/data/ner/ner-gazetteer.tsv) instead of building them from kg/data/gazetteer/")
    ap.add_argument("--limit", type=int, default=0, help="use only the first N sentences (smoke tests)")
    ap.add_argument("--unlabeled", type=Path, action="append", default=[],
                    help="extra raw text (JSONL with a 'text' field, or plain text) for the word clusters, e.g. "
                         f"{ANT_DEV.relative_to(SHARED.parent)} (ANT corpus, Apache-2.0; tried: no dev gain, not used "
                         "for the shipped model); never ANERcorp's text")
    args = ap.parse_args(argv)
    for p in (args.newsfane, args.test):
        if not p.is_file():
            print(f"error: {p} not found", file=sys.stderr)
            return 2
    args.out.mkdir(parents=True, exist_ok=True)
    t_start = time.time()
    train, stats = prepare(args.newsfane, args.test)
    if args.limit:
        train = train[: args.limit]
    extra = []
    for up in args.unlabeled:
        extra.extend(read_unlabeled(up))
    if extra:
        print(f"unlabeled text for clusters: {len(extra)} sentences")
    sizes = [int(x) for x in str(args.clusters).split(",")]
    if args.names is not None and not args.names.is_file():
        print(f"error: {args.names} not found (pip download arabic-name-romanizer==0.2.0 and unzip it)", file=sys.stderr)
        return 2
    if args.dictionary is not None and not args.dictionary.is_file():
        print(f"error: {args.dictionary} not found (apt-get install hunspell-ar)", file=sys.stderr)
        return 2
    lexicons, entity_words, gaz_used = build_lexicons(train, args.out, sizes[0] if len(sizes) == 1 else sizes, extra,
                                                      dictionary=args.dictionary, names=args.names,
                                                      names_min_count=args.names_min_count,
                                                      freq_words=args.freq, heads=args.heads,
                                                      gazetteer_file=args.gazetteer_file)

    # dev slice: every 10th block of 40 consecutive sentences (whole stretches of articles)
    dev_idx = {i for i in range(len(train)) if (i // 40) % 10 == args.dev_fold}
    X, Y, W = featurize(lexicons, train, conj=args.conj)
    lexicons["tr"] = train_lexicon(train)
    Yc = [[to_coarse(l) for l in y] for y in Y]
    tune = []
    c1, c2 = args.c1, args.c2
    o_bias, sweep = args.o_bias, {}
    if args.tune and len(train) > 100:
        Xtr = [x for i, x in enumerate(X) if i not in dev_idx]
        Ytr = [y for i, y in enumerate(Yc) if i not in dev_idx]
        Xdv = [x for i, x in enumerate(X) if i in dev_idx]
        Ydv = [y for i, y in enumerate(Yc) if i in dev_idx]
        if args.mask_names:
            mx, my = mask_names(Xtr, Ytr)
            Xtr, Ytr = Xtr + mx, Ytr + my
            print(f"masked-name copies: {len(mx)} sentences")
        import pycrfsuite

        grid = [tuple(float(x) for x in g.split(":")) for g in args.grid.split(",")]
        best = None
        for gc1, gc2 in grid:
            if len(grid) == 1:
                best = (None, gc1, gc2)
                break
            t0 = time.time()
            tmp = args.out / ".tune.crfsuite"
            train_crf(Xtr, Ytr, tmp, gc1, gc2, args.max_iter, minfreq=args.minfreq)
            tg = pycrfsuite.Tagger()
            tg.open(str(tmp))
            pred = [tg.tag(x) for x in Xdv]
            tg.close()
            tmp.unlink()
            p, r, f = spans_prf(Ydv, pred)
            tune.append({"c1": gc1, "c2": gc2, "dev_p": round(p, 4), "dev_r": round(r, 4), "dev_f1": round(f, 4),
                         "seconds": round(time.time() - t0, 1)})
            print(f"  c1={gc1} c2={gc2}: dev P={p:.3f} R={r:.3f} F1={f:.3f} ({time.time() - t0:.0f}s)")
            if best is None or f > best[0]:  # noqa: SIM114
                best = (f, gc1, gc2)
        _, c1, c2 = best
        print(f"chosen c1={c1} c2={c2}")
        # O bias: retrain the chosen setting on train-minus-dev and sweep the decoding bias
        tmp = args.out / ".tune.crfsuite"
        train_crf(Xtr, Ytr, tmp, c1, c2, args.max_iter, minfreq=args.minfreq)
        o_bias, sweep = tune_o_bias(tmp, Xdv, Ydv)
        tg = pycrfsuite.Tagger()
        tg.open(str(tmp))
        pred = [tg.tag(x) for x in Xdv]
        tg.close()
        seen = {w for i, ws in enumerate(W) if i not in dev_idx for w in ws}
        Wdv = [ws for i, ws in enumerate(W) if i in dev_idx]
        unseen = unseen_prf(Ydv, pred, Wdv, seen)
        print("dev, all entities: P={:.3f} R={:.3f} F1={:.3f}".format(*spans_prf(Ydv, pred)))
        print("dev, entities none of whose words occur in the training part: "
              "P={p:.3f} R={r:.3f} F1={f:.3f} ({gold} gold, {pred} predicted)".format(**unseen))
        tmp.unlink()
        C.weights_path(tmp).unlink()
        print(f"chosen O bias {o_bias} (dev F1 by bias: {sweep})")
        if args.dev_only:
            return 0

    model = args.out / "ner-crf.crfsuite"
    t0 = time.time()
    if args.mask_names:
        mx, my = mask_names(X, Yc)
        X, Yc = X + mx, Yc + my
    iters = train_crf(X, Yc, model, c1, c2, args.max_iter, minfreq=args.minfreq)
    t_train = time.time() - t0
    fine_path = args.out / "ner-fine.crfsuite"
    n_fine = train_fine(W, Y, fine_path)
    print(f"trained coarse CRF in {t_train:.0f}s ({iters} iterations), fine classifier on {n_fine} spans")
    for m in (model, fine_path):
        C.LinearWeights.export(m, C.weights_path(m))

    lex_files = {}
    unl = ""
    if args.unlabeled:
        unl = ("\nand from unlabeled news text: " + ", ".join(p.name for p in args.unlabeled)
               + (" (ANT corpus v1.1, Chouigui, Ben Khiroun & Elayeb; Apache-2.0)" if ANT_DEV in args.unlabeled else ""))
    write_lexicon(args.out / "ner-clusters.tsv", lexicons["cl"],
                  "Word clusters (normalized word <TAB> cluster id) computed by scripts/train_ner.py from the\n"
                  "NewsFANE Gold training text (CC BY-SA 3.0, Alotaibi & Lee 2014)" + unl + ",\nby PPMI+SVD+k-means.")
    lex_files["cl"] = "ner-clusters.tsv"
    write_lexicon(args.out / "ner-gazetteer.tsv", lexicons["gz"],
                  "Token-level gazetteer features (normalized word <TAB> CLASS.POSITION|...), generated by\n"
                  "scripts/train_ner.py from kg/data/gazetteer/ (" + ", ".join(gaz_used) + "); see the licences\n"
                  "in those files (CLDR Unicode-3.0, GeoNames CC BY 4.0, iso-codes LGPL-2.1, curated Apache-2.0).\n"
                  "Function words and frequent non-entity words of the NewsFANE training text are left out.")
    lex_files["gz"] = "ner-gazetteer.tsv"
    write_lexicon(args.out / "ner-train-lexicon.tsv", lexicons["tr"],
                  "How each word is labelled in the NewsFANE Gold training sentences (CC BY-SA 3.0, Alotaibi &\n"
                  "Lee 2014): CLASS.hi (>= 50% inside entities of CLASS), CLASS.mid (>= 15%), O.hi (frequent, rarely\n"
                  "an entity).  Generated by scripts/train_ner.py; training used 5-fold jackknifed versions.")
    lex_files["tr"] = "ner-train-lexicon.tsv"
    if "dc" in lexicons:
        write_lexicon(args.out / "ner-dictionary.tsv", lexicons["dc"],
                      f"General Arabic vocabulary: the entries of Hunspell's Arabic dictionary ({args.dictionary.name},\n"
                      "Debian package hunspell-ar, the Ayaspell project, https://ayaspell.sourceforge.net/), normalized;\n"
                      "licensed GPL-2.0-or-later / LGPL-2.1-or-later / MPL-1.1 (this derived list: LGPL-2.1-or-later).\n"
                      "Generated by scripts/train_ner.py --dictionary; gives the CRF feature dc= (is a word ordinary vocabulary?).")
        lex_files["dc"] = "ner-dictionary.tsv"
    if "fq" in lexicons:
        write_lexicon(args.out / "ner-frequency.tsv", lexicons["fq"],
                      f"Zipf frequency band (z2-z7.5, half-steps) of the {args.freq} most frequent Arabic words of wordfreq\n"
                      "(https://github.com/rspeer/wordfreq; data CC BY-SA 4.0, this derived list CC BY-SA 4.0), normalized.\n"
                      "Generated by scripts/train_ner.py --freq; gives the CRF feature fq= (how common is the word?).")
        lex_files["fq"] = "ner-frequency.tsv"
    if "nm" in lexicons:
        write_lexicon(args.out / "ner-names.tsv", lexicons["nm"],
                      "Words of person names (normalized word <TAB> G|S|GS (given name, surname, both) . hi|lo (10+ people\n"
                      "or fewer)), from the name index of the PyPI package arabic-name-romanizer 0.2.0 (Jan Romaniak,\n"
                      "UNICEF; MIT), only its rows taken from Wikidata labels of people (CC0 1.0).\n"
                      "Generated by scripts/train_ner.py --names; gives the CRF feature nm=.")
        lex_files["nm"] = "ner-names.tsv"
    write_lexicon(args.out / "ner-entity-words.tsv", entity_words,
                  "Normalized words that start a named entity in NewsFANE Gold training sentences (CC BY-SA 3.0,\n"
                  "Alotaibi & Lee 2014), with counts; generated by scripts/train_ner.py. Used to trim proclitics.")
    write_lexicon(args.out / "ner-common-words.tsv", {w: "1" for w in common_words(train, 10, 0.05)},
                  "Frequent words of the NewsFANE Gold training text (>= 10 times, < 5% inside an entity);\n"
                  "generated by scripts/train_ner.py (CC BY-SA 3.0 source). They never propagate alone as names.")
    meta = {
        "features_version": C.FEATURES_VERSION,
        "common_words": "ner-common-words.tsv",
        "model": model.name,
        "fine_model": fine_path.name,
        "lexicons": lex_files,
        "entity_words": "ner-entity-words.tsv",
        "training_data": "NewsFANE Gold 2014 170K (Alotaibi & Lee, COLING 2014), CC BY-SA 3.0",
        "training_data_sha256": hashlib.sha256(args.newsfane.read_bytes()).hexdigest(),
        "excluded": "sentences shared with ANERCorp_CamelLab_test.txt",
        **stats,
        "sentences_trained": len(train),
        "unlabeled_cluster_text": [str(p.name) for p in args.unlabeled],
        "dictionary": args.dictionary.name if args.dictionary else None,
        "conj": args.conj,
        "command": "python scripts/train_ner.py " + " ".join(
            a if not a.startswith("/") else Path(a).name for a in (argv if argv is not None else sys.argv[1:])),
        "names": "arabic-name-romanizer 0.2.0 names.sqlite3 (Wikidata rows)" if args.names else None,
        "gazetteer_sources": ["kg/data/gazetteer/" + f for f in gaz_used],
        "labels": sorted({l for y in Yc for l in y}),
        "fine_classes": sorted({C.split_label(l)[2] for y in Y for l in y if l != "O"}),
        "c1": c1,
        "c2": c2,
        "max_iterations": args.max_iter,
        "minfreq": args.minfreq,
        "mask_names": args.mask_names,
        "iterations": iters,
        "tuning": tune,
        "o_bias": o_bias,
        "o_bias_dev_f1": sweep,
        "train_seconds": round(time.time() - t_start, 1),
        "date": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "size_bytes": sum(p.stat().st_size for p in (model, fine_path, C.weights_path(model), C.weights_path(fine_path))),
    }
    old = C._meta_path(model)
    if old.exists():
        try:
            prev = json.loads(old.read_text(encoding="utf-8"))
            if "scores" in prev:
                meta["previous_scores"] = prev["scores"]
        except ValueError:
            pass
    C._meta_path(model).write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    C._load.cache_clear()
    stale = C.vocab_path(model)
    if stale.exists():
        stale.unlink()  # built for the previous weights
    if args.vocab_words:
        import importlib.util

        spec = importlib.util.spec_from_file_location("ner_vocab", ROOT / "scripts" / "ner_vocab.py")
        nv = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(nv)
        nv.build(model, args.vocab_words)
        C._load.cache_clear()
    print(f"wrote {model} ({model.stat().st_size / 1e6:.1f} MB) and {fine_path.name}; total {time.time() - t_start:.0f}s")
    return 0


def read_unlabeled(path: Path) -> list[list[str]]:
    from kg.nlp.text import split_sentences, tokenize

    out = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for line in lines:
        if path.suffix == ".jsonl":
            try:
                text = json.loads(line).get("text", "")
            except ValueError:
                continue
        else:
            text = line
        for s, e in split_sentences(text):
            ws = [t.norm for t in tokenize(text, s, e) if t.norm.strip()]
            if ws:
                out.append(ws)
    return out


if __name__ == "__main__":
    raise SystemExit(main())
