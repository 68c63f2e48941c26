#!/usr/bin/env python
"""Error analysis of event coding on a gold folder (development set only).

    python scripts/event_errors.py [--gold benchmarks/gold] [--corpus ../shared/corpus/ant-dev.jsonl]
                                   [--kind miss|fp|all] [--plover CAT]

Runs the pipeline on the gold articles and prints, for every gold event that no predicted event
matches (loose), why: ``no-trigger`` (no scored predicted event in the evidence sentence),
``category`` (one there, other PLOVER category), ``actor`` (right category, no shared actor),
with the gold roles and what was predicted in that sentence; ``--kind fp`` lists unmatched
predicted events.  Never run it on the held-out folder (benchmarks/gold-test).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from event_diagnostics import CORPUS, ROOT, refuse_held_out, scored_documents


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=ROOT / "benchmarks" / "gold")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--kind", default="miss", choices=("miss", "fp", "all", "none"))
    ap.add_argument("--plover", default=None)
    args = ap.parse_args(argv)
    if refuse_held_out([args.gold], "event_errors"):
        return 2
    from kg.eval import SCORED_MODALITIES, _evidence_spans

    why = Counter()
    for sc in scored_documents([args.gold], args.corpus):
        doc, ex, gevs, pevs, loose, strict = sc.doc, sc.ex, sc.gevs, sc.pevs, sc.loose, sc.strict
        gname, pm = sc.gold_names, sc.pred_actors
        matched_p = set(loose.values())
        for gi, gev in enumerate(gevs):
            if gi in loose:
                if gi not in strict:
                    why["strict-only-miss"] += 1
                    if args.kind == "all":
                        p = pevs[loose[gi]]
                        print(f"[STRICT] {doc.id} {gev['plover']} {gev['trigger']} | gold S={gev['source']} T={gev['target']}"
                              f" | pred S={pm(p.source)} T={pm(p.target)}")
                continue
            spans = _evidence_spans(ex.doc.text, gev["evidence"])
            insent = [p for p in pevs if any(a <= p.trigger.start < b for a, b in spans)]
            same = [p for p in insent if p.plover == gev["plover"]]
            unscored = [p for p in ex.events if p.modality not in SCORED_MODALITIES
                        and any(a <= p.trigger.start < b for a, b in spans)]
            if same:
                kind = "actor"
            elif insent:
                kind = "category"
            elif unscored:
                kind = "modality"
            else:
                kind = "no-trigger"
            why[kind] += 1
            why[f"{kind}:{gev['plover']}"] += 1
            if args.kind in ("miss", "all") and (not args.plover or args.plover == gev["plover"]):
                print(f"[{kind}] {doc.id} {gev['plover']} {gev['cameo']} «{gev['trigger']}» "
                      f"S={[gname.get(x, x) for x in gev['source']]} T={[gname.get(x, x) for x in gev['target']]}")
                print(f"    {gev['evidence'][:300]}")
                for p in insent + unscored:
                    print(f"    pred {p.plover} {p.cameo} «{p.trigger.text}» {p.modality} S={pm(p.source)} T={pm(p.target)}")
        for pi, p in enumerate(pevs):
            if pi in matched_p:
                continue
            why["fp"] += 1
            why[f"fp:{p.plover}"] += 1
            if args.kind in ("fp", "all") and (not args.plover or args.plover == p.plover):
                sent = ex.doc.text[p.evidence.start:p.evidence.end]
                ing = [ge for ge in gevs if any(a <= p.trigger.start < b for a, b in _evidence_spans(ex.doc.text, ge["evidence"]))]
                print(f"[FP] {doc.id} {p.plover} {p.cameo} «{p.trigger.text}» S={pm(p.source)} T={pm(p.target)}"
                      f" gold-in-sent={[(ge['plover'], ge['trigger']) for ge in ing]}")
                print(f"    {sent[:300]}")
    for k, v in sorted(why.items(), key=lambda x: (":" in x[0], -x[1])):
        print(f"{k}\t{v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
