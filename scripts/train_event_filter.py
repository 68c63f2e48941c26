#!/usr/bin/env python
"""Train the learned event filter (kg.events.filter) on the gold development set.

    python scripts/train_event_filter.py [--gold benchmarks/gold benchmarks/gold-dev2] [--corpus ../shared/corpus/ant-dev.jsonl]
                                         [--folds 5] [--l2 1.0] [--out kg/data/events/filter.json] [--dry-run]

1. Runs the pipeline with the filter off (``Config.extra["event_filter"] = False``) on the gold
   articles; every scored (asserted/reported) event is a candidate, labelled 1 when the
   one-to-one loose matching of ``kg.eval`` pairs it with a gold event, else 0.
2. k-fold cross-validation by document: a logistic regression (L2, numpy gradient descent) is
   trained on k-1 folds, its threshold is the one that maximizes loose F1 on those training
   folds, and it filters the held-back fold; the filtered predictions of all folds are scored
   with ``kg.eval.evaluate`` (loose and strict P/R/F1): that is the figure to report.
3. Trains on all documents (threshold: the mean of the fold thresholds) and writes the weights,
   with the cross-validated figures and the unfiltered baseline in ``meta``.

Only the development set is used: never pass the held-out folder (benchmarks/gold-test).
Re-run after changing the rules (the candidates change with them).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def fit(X: np.ndarray, y: np.ndarray, l2: float, iters: int = 3000, lr: float = 0.5) -> tuple[np.ndarray, float]:
    n, d = X.shape
    w = np.zeros(d)
    b = float(np.log((y.mean() + 1e-3) / (1 - y.mean() + 1e-3)))
    for _ in range(iters):
        z = X @ w + b
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        g = p - y
        w -= lr * (X.T @ g / n + l2 * w / n)
        b -= lr * float(g.mean())
    return w, b


def extractions(gold_ids, corpus: Path, cache: Path | None = None, event_filter: bool = False) -> dict:
    """Pipeline output for the gold articles.  With ``cache``, the sentences and entities are
    read from (or written to) that pickle and only the event coder runs (entities are other
    people's work in progress: a cache keeps experiments on the events comparable); a cache
    that lacks one of the gold articles is rebuilt (event_diagnostics.pipeline_bases)."""
    from event_diagnostics import pipeline_bases

    from kg.config import Config
    from kg.events import EventExtractor
    from kg.model import Extraction

    cfg = Config()
    cfg.extra["event_filter"] = event_filter
    base = pipeline_bases(gold_ids, corpus, cache)
    ext = EventExtractor(cfg)
    return {k: Extraction(doc=doc, sentences=ss, entities=es, events=ext(doc, ss, es))
            for k, (doc, ss, es) in base.items()}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, nargs="+", default=[ROOT / "benchmarks" / "gold", ROOT / "benchmarks" / "gold-dev2"],
                    help="one or more development gold folders (default: benchmarks/gold and benchmarks/gold-dev2)")
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "ant-dev.jsonl")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--l2", type=float, default=30.0)
    ap.add_argument("--min-count", type=int, default=2, help="features seen fewer times are dropped")
    ap.add_argument("--out", type=Path, default=ROOT / "kg" / "data" / "events" / "filter.json")
    ap.add_argument("--cache", type=Path, default=None,
                    help="pickle of the articles' sentences and entities (written if absent, else read)")
    ap.add_argument("--dry-run", action="store_true", help="cross-validate only; do not write the model")
    args = ap.parse_args(argv)
    if any("gold-test" in str(g) for g in args.gold):
        print("train_event_filter: never train on the held-out set", file=sys.stderr)
        return 2

    from kg.eval import SCORED_MODALITIES, _match_entities, _match_events, evaluate, load_gold
    from kg.events.filter import document_features

    gold = {}
    for g in args.gold:
        gold.update(load_gold(g))
    preds = extractions(set(gold), args.corpus, args.cache)

    # candidates: (doc id, event object, features, label)
    rows = []
    for doc_id in sorted(preds):
        ex = preds[doc_id]
        de, _g, _p = _match_entities(gold[doc_id], ex)
        _gevs, pevs, loose, _strict = _match_events(gold[doc_id], ex, de.actor_map, [])
        hit = {id(pevs[pi]) for pi in loose.values()}
        etype = {e.id: e.type for e in ex.entities}
        evs = ex.events
        for ev, feats in zip(evs, document_features(evs, ex.doc.text, etype, len(ex.sentences))):
            if ev.modality not in SCORED_MODALITIES:
                continue
            rows.append((doc_id, ev, feats, int(id(ev) in hit)))
    y_all = np.array([r[3] for r in rows], dtype=float)
    print(f"{len(preds)} documents, {len(rows)} candidate events, {int(y_all.sum())} match a gold event")

    def vocab_of(idx):
        cnt: dict[str, int] = {}
        for i in idx:
            for f in set(rows[i][2]):
                cnt[f] = cnt.get(f, 0) + 1
        return sorted(f for f, c in cnt.items() if c >= args.min_count)

    def matrix(idx, vocab):
        pos = {f: j for j, f in enumerate(vocab)}
        X = np.zeros((len(idx), len(vocab)))
        for r, i in enumerate(idx):
            for f in rows[i][2]:
                j = pos.get(f)
                if j is not None:
                    X[r, j] = 1.0
        return X

    def filtered(keep_ids: set[int], doc_ids) -> dict:
        out = {}
        for d in doc_ids:
            ex = preds[d]
            clone = type(ex)(doc=ex.doc, sentences=ex.sentences, entities=ex.entities,
                             events=[e for e in ex.events if id(e) in keep_ids or e.modality not in SCORED_MODALITIES],
                             meta=ex.meta)
            out[d] = clone
        return out

    def f1_at(th, probs, idx, doc_ids):
        keep = {id(rows[i][1]) for i, p in zip(idx, probs) if p >= th}
        res = evaluate(filtered(keep, doc_ids), {d: gold[d] for d in doc_ids})
        return res["events"]["loose"]["f1"], res

    grid = [round(0.05 * k, 2) for k in range(1, 13)]
    doc_ids = sorted(preds)
    fold_of = {d: i % args.folds for i, d in enumerate(doc_ids)}
    keep_cv: set[int] = set()
    thresholds = []
    for k in range(args.folds):
        tr = [i for i, r in enumerate(rows) if fold_of[r[0]] != k]
        te = [i for i, r in enumerate(rows) if fold_of[r[0]] == k]
        vocab = vocab_of(tr)
        w, b = fit(matrix(tr, vocab), y_all[tr], args.l2)
        ptr = 1 / (1 + np.exp(-(matrix(tr, vocab) @ w + b)))
        tr_docs = [d for d in doc_ids if fold_of[d] != k]
        best = max(grid, key=lambda th: (f1_at(th, ptr, tr, tr_docs)[0], -th))
        thresholds.append(best)
        pte = 1 / (1 + np.exp(-(matrix(te, vocab) @ w + b)))
        keep_cv |= {id(rows[i][1]) for i, p in zip(te, pte) if p >= best}
    base = evaluate(preds, gold)["events"]
    cv = evaluate(filtered(keep_cv, doc_ids), gold)["events"]

    def line(name, s):
        return (f"{name:<26} loose P {s['loose']['precision']:.3f} R {s['loose']['recall']:.3f} F1 {s['loose']['f1']:.3f}"
                f" | strict P {s['strict']['precision']:.3f} R {s['strict']['recall']:.3f} F1 {s['strict']['f1']:.3f}")

    print(line("rules, no filter", base))
    print(line(f"filter, {args.folds}-fold CV", cv))
    print(f"fold thresholds: {thresholds}")

    allidx = list(range(len(rows)))
    vocab = vocab_of(allidx)
    w, b = fit(matrix(allidx, vocab), y_all, args.l2)
    th = round(float(np.mean(thresholds)), 3)
    pall = 1 / (1 + np.exp(-(matrix(allidx, vocab) @ w + b)))
    print(line("filter, train on all (optimistic)", f1_at(th, pall, allidx, doc_ids)[1]["events"]))
    if args.dry_run:
        return 0
    weights = {f: round(float(x), 4) for f, x in zip(vocab, w) if abs(x) >= 1e-4}
    figs = {k: {m: base[k][m] for m in ("precision", "recall", "f1")} for k in ("loose", "strict")}
    figs_cv = {k: {m: cv[k][m] for m in ("precision", "recall", "f1")} for k in ("loose", "strict")}
    model = {
        "meta": {
            "what": "logistic-regression filter over the rule coder's events (kg.events.filter)",
            "trained_by": "scripts/train_event_filter.py",
            "training_data": f"{' + '.join(str(Path(g).name) for g in args.gold)} ({len(preds)} hand-annotated ANT-corpus articles, Apache-2.0), "
                             f"{len(rows)} candidate events, {int(y_all.sum())} positive",
            "licence": "Apache-2.0 (derived from the gold annotations)",
            "l2": args.l2, "min_count": args.min_count, "folds": args.folds,
            "fold_thresholds": thresholds,
            "dev_unfiltered": figs,
            "dev_cross_validated": figs_cv,
        },
        "bias": round(b, 4),
        "threshold": th,
        "weights": dict(sorted(weights.items())),
    }
    args.out.write_text(json.dumps(model, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(weights)} weights, threshold {th})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
