#!/usr/bin/env python
"""Evaluate the NER tagger on the ANERcorp CAMeL Lab test split (entity level, conlleval-style).

    python benchmarks/ner_eval.py [--test PATH] [--model PATH] [--backend crf|camel] [--json OUT]

Scoring: exact span and class match over PER/ORG/LOC/MISC as the split defines them
(ANERcorp's PERS is our PER).  Our GPE is scored as LOC (ANERcorp's LOC covers countries
and cities).  Spans are read from the BIO labels conlleval-style (an I- that does not
continue an entity of its class starts one).  The test tokens are given to the tagger as
they are in the file (whitespace tokens, clitics mostly attached, as in raw text); the
tagger splits sentences where the file has blank lines.

Writes benchmarks/results/ner_eval.json.  ANERcorp is used for evaluation only.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.nlp import crf as C  # noqa: E402

TEST = ROOT.parent / "shared/data/ner/anercorp/ANERCorp_CamelLab_test.txt"
CLASSES = ("PER", "ORG", "LOC", "MISC")
GOLD_MAP = {"PERS": "PER", "PER": "PER", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}
PRED_MAP = {"PER": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "MISC": "MISC"}


def to_scored(labels, cmap, drop_fine=frozenset()):
    out = []
    for lab in labels:
        bio, coarse, fine = C.split_label(lab)
        out.append("O" if bio == "O" or fine in drop_fine else f"{bio}-{cmap[coarse]}")
    return out


def facility_classes() -> frozenset:
    """The fine classes whose parent is FAC in kg/data/ner/newsfane_classes.tsv (buildings,
    airports, roads...).  ANERcorp does not tag facilities as LOC (``--map-check``: NewsFANE's
    labels agree better with ANERcorp's when its facilities are O), while kg keeps them as
    places; the eval reports the score with them as LOC and, separately, as O."""
    out = set()
    for line in C.CLASSES_FILE.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) >= 3 and not line.startswith("#") and cols[2].strip() == "FAC":
            out.add(cols[0].strip())
    return frozenset(out)


def score(gold_seqs, pred_seqs):
    per = {c: [0, 0, 0] for c in CLASSES}  # tp, fp, fn
    for g, p in zip(gold_seqs, pred_seqs):
        gs = {s[:3] for s in C.bio_spans(g)}
        ps = {s[:3] for s in C.bio_spans(p)}
        for s in gs & ps:
            per[s[2]][0] += 1
        for s in ps - gs:
            per[s[2]][1] += 1
        for s in gs - ps:
            per[s[2]][2] += 1

    def prf(tp, fp, fn):
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    res = {}
    for c, (tp, fp, fn) in per.items():
        p, r, f = prf(tp, fp, fn)
        res[c] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "gold": tp + fn, "predicted": tp + fp}
    tp = sum(v[0] for v in per.values())
    fp = sum(v[1] for v in per.values())
    fn = sum(v[2] for v in per.values())
    p, r, f = prf(tp, fp, fn)
    res["micro"] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "gold": tp + fn, "predicted": tp + fp}
    return res


#: mention kinds that name the entity (gentilics, pronouns and nominals such as نظيره are not
#: names: ANERcorp tags them O)
NAME_KINDS = ("name", "alias", "capital")


def leak_free_word_counts(test_sents, newsfane: Path) -> dict | None:
    """NewsFANE tag counts per word as scripts/build_gazetteers.py computes them for
    kg/data/gazetteer/word_counts_newsfane.tsv, but WITHOUT the NewsFANE sentences that overlap
    the ANERcorp test split (removed as scripts/train_ner.py removes them).  The shipped file
    counts all of NewsFANE, test-overlapping sentences included, which would leak test labels
    into a score on that split.  None when NewsFANE or the scripts are not there."""
    import importlib.util
    import tempfile

    def module(name):
        spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        return mod

    if not newsfane.is_file():
        return None
    tr, bg = module("train_ner"), module("build_gazetteers")
    if not hasattr(bg, "newsfane_word_counts"):
        return None
    kept, _, _ = tr.remove_test_overlap(C.read_conll(newsfane), test_sents)
    with tempfile.TemporaryDirectory() as d:
        f = Path(d) / "newsfane_without_test_overlap.txt"
        f.write_text("\n\n".join("\n".join(f"{t}\t{g}" for t, g in s) for s in kept) + "\n", encoding="utf-8")
        bg.NEWSFANE = f
        return bg.newsfane_word_counts(Path(d))


def recognizer_labels(docs, config=None, word_counts: dict | None = None) -> list[list[str]]:
    """Coarse BIO labels (PER/ORG/GPE/LOC) of the whole entity recognizer users get
    (``kg.nlp.entities.EntityRecognizer``: gazetteers + patterns + the CRF + coreference),
    read back onto the test tokens: each sentence's tokens are joined with spaces, the
    sentences of a document with newlines, and a token is labelled by the name mention
    that covers it (longest mention first; gentilic, pronoun and nominal mentions are left
    out).  MISC is not produced: the recognizer keeps PER, ORG, GPE and LOC."""
    from kg.config import Config
    from kg.model import Document, Sentence
    from kg.nlp.entities import EntityRecognizer

    rec = EntityRecognizer(config or Config())
    if word_counts is not None:
        rec.gazetteer.word_counts.clear()
        rec.gazetteer.word_counts.update(word_counts)
    out = []
    for n, doc in enumerate(docs):
        parts, offs, sents = [], [], []
        pos = 0
        for words in doc:
            so = []
            start = pos
            for w in words:
                so.append((pos, pos + len(w)))
                parts.append(w)
                parts.append(" ")
                pos += len(w) + 1
            if words:
                parts[-1] = "\n"
            sents.append(Sentence(start, max(start, pos - 1)))
            offs.append(so)
        text = "".join(parts)
        ents = rec(Document(id=f"anercorp-{n}", text=text), [s for s in sents if s.end > s.start])
        spans = sorted(((m.start, m.end, e.type) for e in ents for m in e.mentions if m.kind in NAME_KINDS),
                       key=lambda x: -(x[1] - x[0]))
        for so in offs:
            labs = ["O"] * len(so)
            for s, e, typ in spans:
                idx = [i for i, (a, b) in enumerate(so) if a < e and s < b]
                if not idx or any(labs[i] != "O" for i in idx):
                    continue
                labs[idx[0]] = "B-" + typ
                for i in idx[1:]:
                    labs[i] = "I-" + typ
            out.append(labs)
    return out


def newsfane_agreement(test_sents, newsfane: Path, class_map: dict | None = None, pairs: list | None = None) -> dict:
    """How well NewsFANE's own gold labels (mapped with kg/data/ner/newsfane_classes.tsv, GPE
    as LOC) agree with ANERcorp's on the test sentences whose text NewsFANE re-annotates: a
    ceiling for any model trained on NewsFANE.  Test sentences are found in NewsFANE by their
    normalized letters (clitic splits differ); the first token of each test sentence is left
    out (in this copy of the split it is often displaced from another sentence)."""
    import re

    from kg.nlp.text import normalize

    skel_tr = str.maketrans({"ؤ": "و", "ئ": "ي", "ء": None})
    nonword = re.compile(r"[^\w]+")

    def sk(t):
        return nonword.sub("", normalize(t).translate(skel_tr))

    cm = class_map if class_map is not None else C.read_class_map()
    chars, cls, start = [], [], []
    for s in C.read_conll(newsfane):
        for tok, tag in s:
            k = sk(tok)
            c, b = "O", False
            if tag != "O":
                bio, _, fine = tag.partition("-")
                c = PRED_MAP.get(cm.get(fine, "O"), "O")
                b = bio == "B"
            for i, ch in enumerate(k):
                chars.append(ch)
                cls.append(c)
                start.append(b and i == 0)
    full = "".join(chars)
    gold, proj = [], []
    for s in test_sents:
        s = s[1:]
        ks = [sk(t) for t, _ in s]
        q = "".join(ks)
        pos = full.find(q) if len(q) >= 20 else -1
        if pos < 0:
            continue
        labs, prev = [], "O"
        for k in ks:
            ents = [c for c in cls[pos:pos + len(k)] if c != "O"]
            c = max(set(ents), key=ents.count) if ents else "O"
            labs.append("O" if c == "O" else ("B-" if any(start[pos:pos + len(k)]) or prev != c else "I-") + c)
            prev = c
            pos += len(k)
        proj.append(labs)
        gold.append(to_scored([t for _, t in s], GOLD_MAP))
        if pairs is not None:
            pairs.append(([t for t, _ in s], gold[-1], labs))
    return {"sentences_matched": len(gold), "scores": score(gold, proj)}


def read_anercorp_outside(full: Path, test_sents) -> list[list[tuple[str, str]]]:
    """The sentences of the whole ANERcorp file (``token tag`` lines, no sentence breaks: split
    after . ? !) that are not in the test split (by their normalized letters)."""
    import re

    from kg.nlp.text import normalize

    def sk(toks):
        return re.sub(r"\W+", "", normalize("".join(toks)))

    sents, cur = [], []
    with open(full, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) < 2:
                continue
            cur.append((" ".join(parts[:-1]), parts[-1]))
            if parts[0] in (".", "؟", "?", "!"):
                sents.append(cur)
                cur = []
    test_text = "".join(sk([t for t, _ in s]) for s in test_sents)
    return [s for s in sents if len(s) > 5 and sk([t for t, _ in s[1:]]) not in test_text]


def map_check(full: Path, test_sents, newsfane: Path, variants: list[str]) -> dict:
    """Agreement of NewsFANE's gold labels with ANERcorp's on the ANERcorp sentences OUTSIDE
    the test split, under the class mapping of newsfane_classes.tsv and under variants
    (``Group=MISC,Continent=MISC``): which mapping of NewsFANE's fine classes fits ANERcorp's
    classes (e.g. its MISC) best, decided without the test split."""
    sents = read_anercorp_outside(full, test_sents)
    base = C.read_class_map()
    out = {}
    for v in ["base"] + variants:
        cm = dict(base)
        if v != "base":
            cm.update(dict(x.split("=", 1) for x in v.split(",")))
        a = newsfane_agreement(sents, newsfane, cm)
        out[v] = {"sentences_matched": a["sentences_matched"],
                  **{c: round(a["scores"][c]["f1"], 4) for c in CLASSES + ("micro",)}}
        print(f"{v}: {a['sentences_matched']} sentences; " + ", ".join(f"{c} {out[v][c]:.3f}" for c in CLASSES + ("micro",)))
    return {"anercorp_sentences_outside_test": len(sents), "variants": out}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--test", type=Path, default=TEST)
    ap.add_argument("--model", type=Path, default=None, help="CRF model (default: the shipped one)")
    ap.add_argument("--backend", choices=("crf", "camel", "recognizer"), default="crf",
                    help="crf: the CRF alone; recognizer: the whole entity recognizer (gazetteers + patterns + "
                         "CRF + coreference, kg.nlp.entities), as users get it; camel: camel-tools' AraBERT")
    ap.add_argument("--json", type=Path, default=ROOT / "benchmarks/results/ner_eval.json")
    ap.add_argument("--doc-size", type=int, default=20,
                    help="the file has no article boundaries: tag runs of N consecutive sentences as one "
                         "document (0: each sentence alone, no document context)")
    ap.add_argument("--shipped-word-counts", action="store_true",
                    help="recognizer: use kg/data/gazetteer/word_counts_newsfane.tsv as shipped without rebuilding it; "
                         "by default it is rebuilt from NewsFANE without the sentences that overlap the test split (as "
                         "scripts/build_gazetteers.py now builds the shipped file; a difference is reported)")
    ap.add_argument("--record", action="store_true", help="also store the scores in the model's metadata JSON")
    ap.add_argument("--agreement", type=Path, nargs="?", const=ROOT.parent / "shared/data/ner/newsfane/NewsFANE_Gold_2014_170K.txt",
                    help="also measure NewsFANE-vs-ANERcorp label agreement on the shared sentences (a ceiling)")
    ap.add_argument("--map-check", type=Path, metavar="ANERCORP_FULL",
                    help="only compare NewsFANE class mappings (--map-variant) on the ANERcorp sentences outside "
                         "the test split (e.g. ../shared/data/ner/anercorp/ANERCorp.txt); writes --json and exits")
    ap.add_argument("--map-variant", action="append", default=[], help="FINE=COARSE[,FINE=COARSE...] (with --map-check)")
    ap.add_argument("--errors", type=int, default=0, help="print N example errors")
    args = ap.parse_args(argv)
    if not args.test.is_file():
        print(f"error: test file {args.test} not found", file=sys.stderr)
        return 2
    sents = C.read_conll(args.test)
    if args.map_check:
        nf = args.agreement or ROOT.parent / "shared/data/ner/newsfane/NewsFANE_Gold_2014_170K.txt"
        res = map_check(args.map_check, sents, nf, args.map_variant)
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(res, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        return 0
    gold = [to_scored([t for _, t in s], GOLD_MAP) for s in sents]
    t0 = time.perf_counter()
    if args.backend == "crf":
        tagger = C.load_tagger(args.model)
        t_load = time.perf_counter() - t0
        t0 = time.perf_counter()
        pred_raw = []
        docs = [sents[i:i + args.doc_size] for i in range(0, len(sents), args.doc_size)] if args.doc_size else [[s] for s in sents]
        for doc in docs:
            pred_raw.extend(tagger.tag_document([C.tokens_from_words([w for w, _ in s])[1] for s in doc]))
        meta = tagger.meta
    elif args.backend == "recognizer":
        tagger = C.load_tagger(args.model)
        t_load = time.perf_counter() - t0
        t0 = time.perf_counter()
        docs = [sents[i:i + args.doc_size] for i in range(0, len(sents), args.doc_size)] if args.doc_size else [[s] for s in sents]
        wc = None
        if not args.shipped_word_counts:
            wc = leak_free_word_counts(sents, ROOT.parent / "shared/data/ner/newsfane/NewsFANE_Gold_2014_170K.txt")
            if wc is None:
                print("warning: cannot rebuild the NewsFANE word counts without the test overlap: the recognizer "
                      "uses kg/data/gazetteer/word_counts_newsfane.tsv as shipped", file=sys.stderr)
            else:
                from kg.nlp.gazetteer import load_gazetteer

                if wc != load_gazetteer().word_counts:
                    print("warning: kg/data/gazetteer/word_counts_newsfane.tsv differs from the counts without the "
                          "test overlap (stale? rerun scripts/build_gazetteers.py); scoring with the rebuilt counts",
                          file=sys.stderr)
        pred_raw = recognizer_labels([[[w for w, _ in s] for s in doc] for doc in docs], word_counts=wc)
        meta = tagger.meta
    else:
        from kg.nlp.camel_ner import CamelNER

        tagger = CamelNER()
        t_load = time.perf_counter() - t0
        t0 = time.perf_counter()
        pred_raw = tagger.tag_sentences([[w for w, _ in s] for s in sents])
        meta = {}
    t_tag = time.perf_counter() - t0
    pred = [to_scored(p, PRED_MAP) for p in pred_raw]
    res = score(gold, pred)
    fac = facility_classes()
    res_fac = score(gold, [to_scored(p, PRED_MAP, fac) for p in pred_raw])
    ntok = sum(map(len, sents))
    print(f"ANERcorp CAMeL test split: {len(sents)} sentences, {ntok} tokens; backend {args.backend}; "
          f"documents of {args.doc_size or 1} sentence(s)")
    print(f"{'class':6} {'P':>7} {'R':>7} {'F1':>7} {'gold':>6} {'pred':>6}")
    for c in CLASSES + ("micro",):
        r = res[c]
        print(f"{c:6} {r['precision']:7.4f} {r['recall']:7.4f} {r['f1']:7.4f} {r['gold']:6d} {r['predicted']:6d}")
    if fac:
        print("facilities (" + ", ".join(sorted(fac)) + ") scored as O, as ANERcorp tags them: "
              + ", ".join(f"{c} {res_fac[c]['f1']:.4f}" for c in CLASSES) + f", micro P {res_fac['micro']['precision']:.4f} "
              f"R {res_fac['micro']['recall']:.4f} F1 {res_fac['micro']['f1']:.4f}")
    print(f"load {t_load * 1000:.0f} ms; tagging {t_tag:.2f} s ({ntok / t_tag:,.0f} tokens/s)")
    if args.errors:
        shown = 0
        for s, g, p in zip(sents, gold, pred):
            if g != p and shown < args.errors:
                shown += 1
                print(" ".join(w if a == b == "O" else f"[{w} {a}/{b}]" for (w, _), a, b in zip(s, g, p)))
    out = {
        "test_file": args.test.name,
        "backend": args.backend,
        "sentences": len(sents),
        "doc_size": args.doc_size,
        "tokens": ntok,
        "scores": res,
        "scores_facilities_as_O": res_fac,
        "load_ms": round(t_load * 1000, 1),
        "tokens_per_second": round(ntok / t_tag),
        "model": {k: meta.get(k) for k in ("model", "features_version", "date", "c1", "c2", "sentences_trained",
                                            "removed_exact", "removed_overlap", "size_bytes")} if meta else None,
    }
    if args.agreement:
        agr = newsfane_agreement(sents, args.agreement)
        out["newsfane_gold_vs_anercorp"] = agr
        a = agr["scores"]
        print(f"ceiling: NewsFANE's own gold labels on {agr['sentences_matched']} test sentences it re-annotates: "
              + ", ".join(f"{c} {a[c]['f1']:.3f}" for c in CLASSES) + f", micro-F1 {a['micro']['f1']:.3f}")
    if args.record and args.backend == "crf":
        mp = C._meta_path(tagger.path)
        m = json.loads(mp.read_text(encoding="utf-8"))
        m.setdefault("scores", {})[f"anercorp_camel_test_doc{args.doc_size}"] = {
            c: {k: res[c][k] for k in ("precision", "recall", "f1")} for c in CLASSES + ("micro",)}
        m["scores"][f"anercorp_camel_test_doc{args.doc_size}_facilities_as_O"] = {
            c: {k: res_fac[c][k] for k in ("precision", "recall", "f1")} for c in CLASSES + ("micro",)}
        mp.write_text(json.dumps(m, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"recorded the scores in {mp}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
