#!/usr/bin/env python
"""Train the learned coder of reported content (kg.events.content) on the development gold.

    python scripts/train_content_coder.py [--gold benchmarks/gold benchmarks/gold-dev2 benchmarks/gold-dev3]
                                          [--corpus ../shared/corpus/ant-dev.jsonl] [--folds 6]
                                          [--mode targeted|full] [--classes ACCUSE ...] [--reach 0]
                                          [--labels gold|oracle] [--train-all] [--no-words]
                                          [--l2 3 10 30] [--threshold 0.3 0.4 0.5] [--margin 0 0.2 0.4]
                                          [--cache /tmp/x.pkl] [--verbose] [--dump rows.tsv]
                                          [--out kg/data/events/content.json] [--dry-run]

1. Runs the pipeline (entities) on the gold articles and the rule coder
   (``kg.events.extract.Coder``) on each; every plain statement with reported content and a
   speaker (``kg.events.content.is_candidate``) is a candidate, with the features of
   ``kg.events.content.features``.
2. Labels each candidate from the gold, the way ``kg.eval`` matches: the gold events whose
   evidence sentence holds the candidate's trigger and whose source shares an entity with the
   candidate's speaker (through the one-to-one entity matching of ``kg.eval``), leaving out
   those already found by another act the rules coded in that sentence; their PLOVER category
   (the rules' own category when it is among them) is the label, ``NONE`` when there is none.
   With ``--labels oracle`` the label is instead the class that gives the article the best
   event score when that candidate alone is so coded inside the whole extractor (dedup and
   rule-4 merges included; see ``oracle_labels``), and the score of every article coded by its
   oracle labels is printed as the upper bound of any content coder over these candidates.
3. Cross-validates by ARTICLE (folds of whole articles, spread over the gold folders): a
   multinomial logistic regression (L2, numpy) trained on the other folds codes each article's
   candidates inside ``EventExtractor`` (``Config.extra["content_model"]``), and the full event
   scores (kg.eval, loose and strict) of the dev folders (gold + gold-dev2) and of gold-dev3 are
   compared with the rules alone, for each (l2, margin) of the grid.
4. Trains on every article with the setting whose cross-validated figures are best (the sum of
   the four F1) and, only when they beat the rules on both sets (loose and strict) or with
   ``--force``, writes the weights, with the figures, to ``--out`` (JSON, pure-Python scoring;
   ``meta.ship`` says whether they improved).

Modes: ``targeted`` (default) learns only from the statements the rules left plain and recodes
one when a coded class (``--classes``, default all: ACCUSE SUPPORT AGREE THREATEN; ``--classes
ACCUSE`` is the 010-vs-ACCUSE coder) reaches ``--threshold``; ``full`` decides every candidate,
NONE (drop) included unless ``--no-none``, keeping the rules' category unless another class
beats it by ``--margin``.  ``--reach N`` labels a candidate from its speaker's gold events up to N
sentences away (one telling, the gold guidelines' rule 4) instead of its own sentence only.

Only development data: the script refuses any ``gold-test`` folder.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

from event_diagnostics import CORPUS, ROOT, pipeline_bases, refuse_held_out

CLASSES = ["STATEMENT", "ACCUSE", "SUPPORT", "AGREE", "THREATEN", "NONE"]
#: priority of gold categories when several events of the speaker share the sentence
_PRIORITY = ["ACCUSE", "THREATEN", "SUPPORT", "AGREE", "STATEMENT"]


def fit(X: np.ndarray, Y: np.ndarray, l2: float, iters: int = 1500, lr: float = 1.0) -> np.ndarray:
    """Multinomial logistic regression by gradient descent; X holds a constant 'bias' column
    (regularized like the others, so that rare classes stay rare)."""
    n, d = X.shape
    k = Y.shape[1]
    W = np.zeros((d, k))
    for _ in range(iters):
        Z = X @ W
        Z -= Z.max(axis=1, keepdims=True)
        P = np.exp(Z)
        P /= P.sum(axis=1, keepdims=True)
        G = X.T @ (P - Y) / n + l2 * W / n
        W -= lr * G
    return W


def candidates(doc_id, base, gold, reach=0):
    """(features, rule category, label) of each candidate statement of one article."""
    from bisect import bisect_right

    from kg.eval import _evidence_spans, _match_entities
    from kg.events.content import category, drafts_by_sentence, features, is_candidate
    from kg.events.extract import Coder
    from kg.events.lexicon import load_lexicon
    from kg.model import Extraction

    doc, sents, ents = base[doc_id]
    lex = load_lexicon()
    coder = Coder(lex, doc, sents, ents)
    drafts = coder.run()
    by_sent = drafts_by_sentence(drafts)
    g = gold[doc_id]
    de, _a, _b = _match_entities(g, Extraction(doc=doc, sentences=sents, entities=ents, events=[]))
    amap = de.actor_map

    def gold_ids(ids) -> set:
        out = set()
        for x in ids:
            out |= amap.get(x, set())
        return out

    starts = [x.start for x in sents]
    gsent = [(gev, {bisect_right(starts, a) - 1 for a, _b in _evidence_spans(doc.text, gev["evidence"])})
             for gev in g["events"]]
    # the acts the rules coded (not candidates) of each sentence: (category, gold ids of their actors)
    coded: dict[int, list] = {}
    for o in drafts:
        if not is_candidate(o):
            coded.setdefault(o.sent, []).append((category(lex, o), gold_ids(o.source + o.target)))

    rows = []
    for d in drafts:
        if not is_candidate(d):
            continue
        # the gold events of the speaker in the candidate's sentence (or up to --reach away)
        mapped = gold_ids(d.source)
        here = [gev for gev, ss in gsent
                if any(abs(i - d.sent) <= reach for i in ss) and mapped & set(gev["source"])]
        # gold events found by another act the rules coded in this sentence are not this one's
        taken = set()
        for oc, om in coded.get(d.sent, ()):
            for gev in here:
                if gev["plover"] == oc and om & (set(gev["source"]) | set(gev["target"])):
                    taken.add(id(gev))
        cats = [gev["plover"] for gev in here if id(gev) not in taken]
        rule_cat = category(lex, d)
        if not cats:
            label = "NONE"
        elif rule_cat in cats:
            label = rule_cat
        else:
            label = next((c for c in _PRIORITY if c in cats), "NONE")
        rows.append({"doc": doc_id, "key": _key(d), "feats": features(coder, d, by_sent[d.sent]), "rule": rule_cat,
                     "label": label, "text": d.match.s.span(*(d.content_span or d.complement_span)).text[:80],
                     "gold": cats, "matched_speaker": bool(mapped)})
    return rows


def _key(d) -> tuple:
    return (d.sent, d.match.k, d.match.form.trigger.lemma)


def forced_extractor(force: dict):
    """An EventExtractor that codes the candidates whose key is in ``force`` as the class given
    there (NONE drops one) and records the rules' category of every candidate (``rule_cats``)."""
    from kg.config import Config
    from kg.events import EventExtractor
    from kg.events.content import category, is_candidate, recode

    class Forced(EventExtractor):
        def __init__(self):
            cfg = Config()
            cfg.extra["content_coder"] = True
            super().__init__(cfg)
            self.rule_cats = {}

        def _content(self, coder, drafts):
            out = []
            for d in drafts:
                if is_candidate(d):
                    self.rule_cats[_key(d)] = category(coder.lex, d)
                    if _key(d) in force and not recode(coder, d, force[_key(d)]):
                        continue
                out.append(d)
            return out

    return Forced()


def oracle_labels(doc_id, base, gold, classes, cost_loose: float, cost_strict: float) -> dict:
    """{candidate key: the class whose coding gives the article the best event utility}.

    Each candidate of the article is coded, in turn, as each class (the others as the rules
    coded them) inside the whole EventExtractor (so dedup, rule 4 merges and the precision gates
    all act), and the article is scored by kg.eval: utility = loose TP - cost_loose x predicted
    + strict TP - cost_strict x predicted (an event is worth predicting when it is a match more
    often than the cost; F1/2 is the break-even).  Ties keep the rules' category."""
    from kg.eval import evaluate
    from kg.model import Extraction

    doc, ss, es = base[doc_id]

    def utility(force):
        ext = forced_extractor(force)
        evs = ext(doc, ss, es)
        ev = evaluate({doc_id: Extraction(doc=doc, sentences=ss, entities=es, events=evs)}, {doc_id: gold[doc_id]})["events"]
        n = ev["loose"]["tp"] + ev["loose"]["fp"]
        return ev["loose"]["tp"] - cost_loose * n + ev["strict"]["tp"] - cost_strict * n, ext

    u0, ext0 = utility({})
    labels = {}
    for key, rule_cat in ext0.rule_cats.items():
        best, best_u = rule_cat, u0
        for c in classes:
            if c == rule_cat:
                continue
            u, _e = utility({key: c})
            if u > best_u + 1e-9:
                best, best_u = c, u
        labels[key] = best
    return labels


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, nargs="+",
                    default=[ROOT / "benchmarks" / "gold", ROOT / "benchmarks" / "gold-dev2", ROOT / "benchmarks" / "gold-dev3"])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--folds", type=int, default=6)
    ap.add_argument("--l2", type=float, nargs="+", default=[3.0, 10.0, 30.0])
    ap.add_argument("--margin", type=float, nargs="+", default=[0.0, 0.2, 0.4],
                    help="full mode: the probability margin by which a class must beat the rules' category")
    ap.add_argument("--threshold", type=float, nargs="+", default=[0.3, 0.4, 0.5],
                    help="targeted mode: the probability a coded class needs to recode a plain statement")
    ap.add_argument("--mode", choices=("targeted", "full"), default="targeted")
    ap.add_argument("--min-count", type=int, default=3, help="features seen in fewer candidates are dropped")
    ap.add_argument("--reach", type=int, default=0,
                    help="label from the speaker's gold events up to this many sentences away (one telling)")
    ap.add_argument("--labels", choices=("gold", "oracle"), default="gold",
                    help="gold: the speaker's gold events of the sentence (or --reach); oracle: the class that "
                         "scores best for the article inside the whole extractor")
    ap.add_argument("--cost", type=float, nargs=2, default=(0.28, 0.22), metavar=("LOOSE", "STRICT"),
                    help="oracle labels: the cost of a predicted event against a loose / strict match")
    ap.add_argument("--classes", nargs="+", default=None,
                    help="coded classes to learn (default all; e.g. ACCUSE for the 010-vs-ACCUSE coder)")
    ap.add_argument("--train-all", action="store_true",
                    help="targeted mode: learn from every candidate (the cue-coded ones too), without the "
                         "features of the rules' code and of the evaluation cues")
    ap.add_argument("--no-words", action="store_true", help="leave out the word (stem) features")
    ap.add_argument("--no-none", action="store_true", help="never predict NONE (recode only)")
    ap.add_argument("--cache", type=Path, default=None)
    ap.add_argument("--out", type=Path, default=ROOT / "kg" / "data" / "events" / "content.json")
    ap.add_argument("--dump", type=Path, default=None, help="write the labelled candidates (TSV) for inspection")
    ap.add_argument("--verbose", action="store_true", help="print the changes the models make")
    ap.add_argument("--dry-run", action="store_true", help="cross-validate only")
    ap.add_argument("--force", action="store_true", help="write the model even when it does not improve")
    args = ap.parse_args(argv)
    if refuse_held_out(args.gold, "train_content_coder"):
        return 2

    from kg.config import Config
    from kg.eval import evaluate, load_gold
    from kg.events import EventExtractor
    from kg.model import Extraction

    gold, folder = {}, {}
    for g in args.gold:
        gd = load_gold(g)
        gold.update(gd)
        for k in gd:
            folder[k] = "dev3" if "dev3" in str(g) else "dev"
    base = pipeline_bases(set(gold), args.corpus, args.cache)
    doc_ids = sorted(gold)
    rows = []
    for d in doc_ids:
        rows.extend(candidates(d, base, gold, args.reach))
    classes = [c for c in CLASSES if not ((args.no_none or args.mode == "targeted") and c == "NONE")]
    if args.classes:
        classes = ["STATEMENT"] + [c for c in args.classes if c != "STATEMENT"]
    if args.train_all:
        for r in rows:
            r["feats"] = [f for f in r["feats"] if not f.startswith(("rule=", "rule_code=", "eval=", "has_target"))]
    if args.no_words:
        for r in rows:
            r["feats"] = [f for f in r["feats"] if not f.startswith("w=")]
    if args.labels == "oracle":
        t = time.process_time()
        by_doc = {}
        for d in doc_ids:
            by_doc.update({(d,) + k: v for k, v in oracle_labels(d, base, gold, classes, *args.cost).items()})
        missing = 0
        for r in rows:
            lab = by_doc.get((r["doc"],) + r["key"])
            if lab is None:
                missing += 1
                lab = r["rule"]
            r["label"] = lab
        print(f"oracle labels in {time.process_time() - t:.1f}s ({missing} candidates without one kept the rules' category); "
              f"labels {dict(Counter(r['label'] for r in rows))}")
    for r in rows:
        if r["label"] not in classes:
            r["label"] = "STATEMENT"
    print(f"{len(doc_ids)} articles, {len(rows)} candidates; labels {dict(Counter(r['label'] for r in rows))}; "
          f"rules {dict(Counter(r['rule'] for r in rows))}")
    agree = sum(r["rule"] == r["label"] for r in rows)
    print(f"rules' category = label for {agree}/{len(rows)}")
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(f"{r['doc']}\t{r['rule']}\t{r['label']}\t{','.join(r['gold'])}\t{r['text']}\t{' '.join(r['feats'])}\n")

    def vocab_of(idx):
        cnt = Counter(f for i in idx for f in set(rows[i]["feats"]))
        return sorted(f for f, c in cnt.items() if c >= args.min_count or f == "bias")

    def matrix(idx, vocab):
        pos = {f: j for j, f in enumerate(vocab)}
        X = np.zeros((len(idx), len(vocab)))
        for r, i in enumerate(idx):
            for f in rows[i]["feats"]:
                j = pos.get(f)
                if j is not None:
                    X[r, j] = 1.0
        return X

    def targets(idx):
        Y = np.zeros((len(idx), len(classes)))
        for r, i in enumerate(idx):
            Y[r, classes.index(rows[i]["label"])] = 1.0
        return Y

    def model_of(idx, l2, margin):
        if args.mode == "targeted" and not args.train_all:
            idx = [i for i in idx if rows[i]["rule"] == "STATEMENT"]
        vocab = vocab_of(idx)
        W = fit(matrix(idx, vocab), targets(idx), l2)
        return {"classes": classes, "mode": args.mode, "margin": margin if args.mode == "full" else 0.0,
                "threshold": margin if args.mode == "targeted" else 0.5,
                "weights": {f: [round(float(x), 4) for x in W[j]] for j, f in enumerate(vocab)}}

    def run_events(models: dict) -> dict:
        """Extractions of every article, each coded by models[fold of the article] (None: rules)."""
        out = {}
        exts = {}
        for d in doc_ids:
            m = models.get(fold_of[d]) if models else None
            key = id(m)
            if key not in exts:
                cfg = Config()
                if m is not None:
                    cfg.extra["content_coder"] = True
                    cfg.extra["content_model"] = m
                exts[key] = EventExtractor(cfg)
            doc, ss, es = base[d]
            out[d] = Extraction(doc=doc, sentences=ss, entities=es, events=exts[key](doc, ss, es))
        return out

    def scores(preds) -> dict:
        res = {}
        for part in ("dev", "dev3"):
            ids = [d for d in doc_ids if folder[d] == part]
            ev = evaluate({d: preds[d] for d in ids}, {d: gold[d] for d in ids})["events"]
            res[part] = {k: {m: ev[k][m] for m in ("precision", "recall", "f1")} for k in ("loose", "strict")}
        return res

    def line(name, sc):
        return name.ljust(30) + "  ".join(
            f"{p} L {sc[p]['loose']['f1']:.3f} S {sc[p]['strict']['f1']:.3f}" for p in ("dev", "dev3"))

    # folds of whole articles, each folder spread over the folds
    rnd = random.Random(13)
    fold_of = {}
    for part in ("dev", "dev3"):
        ids = [d for d in doc_ids if folder[d] == part]
        rnd.shuffle(ids)
        for i, d in enumerate(ids):
            fold_of[d] = i % args.folds
    t = time.process_time()
    base_sc = scores(run_events({}))
    print(line("rules (cue coding)", base_sc), f"[{time.process_time() - t:.1f}s]")
    if args.labels == "oracle":
        force = {}
        for r in rows:
            force.setdefault(r["doc"], {})[r["key"]] = r["label"]
        up = {}
        for d in doc_ids:
            doc, ss, es = base[d]
            up[d] = Extraction(doc=doc, sentences=ss, entities=es, events=forced_extractor(force.get(d, {}))(doc, ss, es))
        print(line("oracle labels (upper bound)", scores(up)))

    # classification accuracy and the full scores under cross-validation
    results = []
    for l2 in args.l2:
        fold_models = {}
        pred_cls = {}
        for k in range(args.folds):
            tr = [i for i, r in enumerate(rows) if fold_of[r["doc"]] != k]
            fold_models[k] = model_of(tr, l2, 0.0)
        for margin in (args.threshold if args.mode == "targeted" else args.margin):
            for m in fold_models.values():
                m["margin" if args.mode == "full" else "threshold"] = margin
            from kg.events.content import decide

            correct = sum(decide(fold_models[fold_of[r["doc"]]], r["feats"], r["rule"]) == r["label"] for r in rows)
            pred_cls[margin] = correct
            if args.verbose:
                conf = Counter((r["rule"], decide(fold_models[fold_of[r["doc"]]], r["feats"], r["rule"]), r["label"])
                               for r in rows)
                print("  (rules, predicted, label):", {k: v for k, v in sorted(conf.items()) if k[0] != k[1]})
            sc = scores(run_events({k: dict(m) for k, m in fold_models.items()}))
            total = sum(sc[p][k]["f1"] for p in ("dev", "dev3") for k in ("loose", "strict"))
            results.append((total, l2, margin, sc, correct))
            print(line(f"CV l2={l2:g} margin={margin:g}", sc), f"label acc {correct}/{len(rows)}")
    best = max(results, key=lambda x: x[0])
    total, l2, margin, cv_sc, correct = best
    improves = all(cv_sc[p][k]["f1"] > base_sc[p][k]["f1"] for p in ("dev", "dev3") for k in ("loose", "strict"))
    print(f"best: l2={l2:g} margin={margin:g}; improves on both sets (loose and strict): {improves}")
    if args.dry_run:
        return 0
    if not improves and not args.force:
        print(f"not written: the cross-validated scores do not improve on both sets ({args.out} unchanged; --force to write)")
        return 0
    model = model_of(list(range(len(rows))), l2, margin)
    model["meta"] = {
        "what": "multinomial logistic regression coding the reported content of plain statements (kg.events.content)",
        "trained_by": "scripts/train_content_coder.py",
        "training_data": f"{' + '.join(Path(g).name for g in args.gold)}: {len(doc_ids)} hand-annotated articles of the "
                         f"ANT corpus (Jawhara FM, Apache-2.0), {len(rows)} candidate statements, labels "
                         f"{dict(Counter(r['label'] for r in rows))}",
        "licence": "Apache-2.0 (derived from the gold annotations of ANT-corpus articles)",
        "l2": l2, "margin": margin, "min_count": args.min_count, "folds": args.folds,
        "rules_only": base_sc,
        "cross_validated_by_article": cv_sc,
        "cv_label_accuracy": f"{correct}/{len(rows)}",
        "ship": improves,
    }
    out = {"meta": model.pop("meta"), **model}
    args.out.write_text(json.dumps(out, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(model['weights'])} features x {len(classes)} classes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
