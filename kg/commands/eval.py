"""``kg eval PRED.jsonl GOLD_DIR``: precision, recall and F1 of entities and events."""

from __future__ import annotations

HELP = "score kg extract --format jsonl output against a folder of gold annotations"
DESCRIPTION = """\
Score predictions (kg extract --format jsonl output, with document text) against hand
annotations (one JSON per article, see benchmarks/gold/README.md).

Entities: unique entities per document, matched by surface form (normalized, proclitics
ignored), one-to-one; typed and type-agnostic scores.
Events: loose (trigger in the gold evidence sentence, same PLOVER category, one actor in
common) and strict (source and target sides both agree); one-to-one, with a per-PLOVER
breakdown.  Predicted documents without gold are ignored; gold documents without a
prediction count as misses.
"""


def add_arguments(parser) -> None:
    parser.add_argument("pred", metavar="PRED.jsonl", help="kg extract --format jsonl output")
    parser.add_argument("gold", metavar="GOLD_DIR", help="folder of gold JSON files")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--quiet", "-q", action="store_true", help="do not print warnings")
    parser.add_argument("--details", action="store_true",
                        help="also list, per document, the missed and spurious entities and events")


def run(args) -> int:
    import json
    import sys

    from ..eval import evaluate_files, format_report

    res = evaluate_files(args.pred, args.gold)
    if not args.quiet:
        for w in res["warnings"]:
            print(f"kg eval: warning: {w}", file=sys.stderr)
    if args.json:
        if not args.details:
            res.pop("details", None)
        print(json.dumps(res, ensure_ascii=False, indent=2))
    else:
        print(format_report(res, details=args.details))
    return 0
