#!/usr/bin/env python
"""Classes of false-positive events on development gold folders (never the held-out ones).

    python scripts/event_fp_classes.py [--gold benchmarks/gold benchmarks/gold-dev2] [--corpus ...]

Every predicted (scored) event that no gold event matches (loose) is put in one class:
``plain-statement`` (a 010 statement in a sentence with no gold event), ``statement-other``
(a 01x statement where the gold codes another category in that sentence), ``wrong-category``
(another non-statement category than the gold's in that sentence), ``wrong-actor`` (the gold's
category in that sentence, no shared actor), ``no-gold-event`` (a non-statement act in a
sentence the gold leaves unannotated).  Prints the counts, with loose P/R/F1.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from event_diagnostics import CORPUS, ROOT, refuse_held_out, scored_documents


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, nargs="+",
                    default=[ROOT / "benchmarks" / "gold", ROOT / "benchmarks" / "gold-dev2"])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    args = ap.parse_args(argv)
    if refuse_held_out(args.gold, "event_fp_classes"):
        return 2
    from kg.eval import _evidence_spans

    cls: Counter = Counter()
    tp = npred = ngold = 0
    for sc in scored_documents(args.gold, args.corpus):
        ex, gevs, pevs, loose = sc.ex, sc.gevs, sc.pevs, sc.loose
        ngold += len(gevs)
        npred += len(pevs)
        matched = set(loose.values())
        tp += len(matched)
        for pi, p in enumerate(pevs):
            if pi in matched:
                continue
            ing = [ge["plover"] for ge in gevs
                   if any(a <= p.trigger.start < b for a, b in _evidence_spans(ex.doc.text, ge["evidence"]))]
            if p.plover == "STATEMENT":
                k = "statement-other" if ing else ("plain-statement" if p.cameo == "010" else "statement-01x")
            elif p.plover in ing:
                k = "wrong-actor"
            elif ing:
                k = "wrong-category"
            else:
                k = "no-gold-event"
            cls[k] += 1
    P = tp / npred if npred else 0.0
    R = tp / ngold if ngold else 0.0
    F = 2 * P * R / (P + R) if P + R else 0.0
    print(f"loose P {P:.3f} R {R:.3f} F1 {F:.3f}  (tp {tp}, predicted {npred}, gold {ngold})")
    for k, v in cls.most_common():
        print(f"{k}\t{v}")
    print(f"all false positives\t{sum(cls.values())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
