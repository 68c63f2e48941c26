#!/usr/bin/env python
"""Where the whole entity recognizer (kg.nlp.entities) and the CRF alone disagree, by kind and
surface form, on ANERcorp sentences OUTSIDE the CAMeL Lab test split (diagnosis only: the test
split is refused, so no rule is tuned on its sentences).

    python scripts/ner_recognizer_diff.py [--limit 3000] [--top 25]

Caveat: NewsFANE (the CRF's training data) re-annotates most of ANERcorp's text, so on these
sentences the CRF is optimistic; the recognizer-only losses (gold spans the CRF gets right and
the recognizer loses) are what this script is for.  Buckets per gold span:
  lost-dropped   CRF exact, recognizer has no overlapping span of any class
  lost-respanned CRF exact, recognizer overlaps with other boundaries
  lost-reclassed CRF exact, recognizer same boundaries other class
  gained         recognizer exact, CRF not
and recognizer-only false positives (no gold span overlaps them), by surface form.
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import ner_eval as E  # noqa: E402

from kg.nlp import crf as C  # noqa: E402

FULL = ROOT.parent / "shared/data/ner/anercorp/ANERCorp.txt"


def spans(labels):
    return {s[:3] for s in C.bio_spans(labels)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--full", type=Path, default=FULL)
    ap.add_argument("--limit", type=int, default=3000, help="first N outside sentences")
    ap.add_argument("--doc-size", type=int, default=20)
    ap.add_argument("--top", type=int, default=25)
    args = ap.parse_args(argv)
    if args.full.resolve() == E.TEST.resolve():
        print("error: refusing the test split", file=sys.stderr)
        return 2
    test = C.read_conll(E.TEST)
    sents = E.read_anercorp_outside(args.full, test)[: args.limit]
    gold = [E.to_scored([t for _, t in s], E.GOLD_MAP) for s in sents]
    docs = [sents[i:i + args.doc_size] for i in range(0, len(sents), args.doc_size)]
    tagger = C.load_tagger()
    crf_raw = []
    for doc in docs:
        crf_raw.extend(tagger.tag_document([C.tokens_from_words([w for w, _ in s])[1] for s in doc]))
    rec_raw = E.recognizer_labels([[[w for w, _ in s] for s in doc] for doc in docs])
    crf = [E.to_scored(p, E.PRED_MAP) for p in crf_raw]
    rec = [E.to_scored(p, E.PRED_MAP) for p in rec_raw]
    for name, pred in (("crf", crf), ("recognizer", rec)):
        r = E.score(gold, pred)
        print(f"{name:11} micro P {r['micro']['precision']:.3f} R {r['micro']['recall']:.3f} F1 {r['micro']['f1']:.3f}  "
              + " ".join(f"{c} {r[c]['f1']:.3f}" for c in E.CLASSES))
    buckets = {k: collections.Counter() for k in ("lost-dropped", "lost-respanned", "lost-reclassed", "gained", "rec-fp", "crf-fp")}
    detail = collections.Counter()
    for s, g, c, r in zip(sents, gold, crf, rec):
        words = [w for w, _ in s]
        gs, cs, rs = spans(g), spans(c), spans(r)

        def surf(sp):
            return " ".join(words[sp[0]:sp[1]])

        for sp in gs:
            if sp in cs and sp not in rs:
                ov = [x for x in rs if x[0] < sp[1] and sp[0] < x[1]]
                if not ov:
                    k = "lost-dropped"
                elif any(x[:2] == sp[:2] for x in ov):
                    k = "lost-reclassed"
                    detail[f"{sp[2]}->{[x[2] for x in ov][0]}"] += 1
                else:
                    k = "lost-respanned"
                    detail["respan " + ("longer" if any(x[0] <= sp[0] and x[1] >= sp[1] for x in ov) else "shorter/shifted")] += 1
                buckets[k][f"{sp[2]} {surf(sp)}" + ("" if k != "lost-respanned" else " -> " + " | ".join(surf(x) for x in ov))] += 1
            elif sp in rs and sp not in cs:
                buckets["gained"][f"{sp[2]} {surf(sp)}"] += 1
        for name, ps in (("rec-fp", rs - cs), ("crf-fp", cs - rs)):
            for sp in ps:
                if not any(x[0] < sp[1] and sp[0] < x[1] for x in gs):
                    buckets[name][f"{sp[2]} {surf(sp)}"] += 1
    print(" ".join(f"{k}={sum(v.values())}" for k, v in buckets.items()), dict(detail))
    for k, v in buckets.items():
        print(f"\n== {k} ({sum(v.values())})")
        for surf_, n in v.most_common(args.top or None):
            print(f"{n:4d}  {surf_}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
