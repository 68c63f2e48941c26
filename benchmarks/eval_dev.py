#!/usr/bin/env python
"""Run the extraction pipeline on the gold development articles and score it (kg.eval).

    python benchmarks/eval_dev.py [--corpus ../shared/corpus/ant-dev.jsonl]
                                  [--gold benchmarks/gold [benchmarks/gold-dev2 ...]] [--out benchmarks/results/eval_dev.json]
                                  [--pred benchmarks/results/eval_dev.pred.jsonl]

Reads the articles of ``ant-dev.jsonl`` whose ids have a gold file (through
``kg.ingest.read_paths`` when it exists, else straight from the JSONL), runs
``kg.pipeline.Pipeline`` on them, prints entity and event precision/recall/F1 and writes
them, with the run's settings and timings, to ``--out``.  ``--pred`` keeps the predictions
(``kg extract --format jsonl`` form) for ``kg eval`` or inspection.

Gold folders: ``benchmarks/gold`` and ``benchmarks/gold-dev2`` are development data (scored
together by default); ``benchmarks/gold-dev3`` (session 3) is a development set used to check
that rules generalize (``--gold benchmarks/gold-dev3``).  ``benchmarks/gold-test4`` (session 4, the
last unread articles of ant-dev, run once), ``benchmarks/gold-test3`` (session 3,
run at the end of sessions 3 and 4), ``benchmarks/gold-test2`` and ``benchmarks/gold-test`` (run in aggregate several
times) are held out: run them only for aggregate scores, e.g.
``--gold benchmarks/gold-test3 --out benchmarks/results/eval_test3.json``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.eval import evaluate, format_report, load_gold  # noqa: E402
from kg.model import Document  # noqa: E402


def _iso(date: str | None) -> str | None:
    if not date:
        return None
    try:
        from kg.ingest.dates import parse_date

        iso = parse_date(date)
        if iso:
            return iso
    except ImportError:
        pass
    m = re.match(r"^(\d{1,2})/(\d{1,2})/(\d{4})$", date.strip())
    if m:
        return f"{m[3]}-{int(m[2]):02d}-{int(m[1]):02d}"
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", date.strip())
    return f"{m[1]}-{m[2]}-{m[3]}" if m else None


def read_direct(corpus: Path, ids: set[str]) -> list[Document]:
    """The gold articles straight from the JSONL (fallback when kg.ingest is absent)."""
    docs = []
    with corpus.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            rec = json.loads(line)
            if rec.get("id") not in ids:
                continue
            docs.append(Document(id=rec["id"], text=rec["text"], title=rec.get("title"),
                                 date=_iso(rec.get("date")), source=rec.get("source"), url=rec.get("url"),
                                 path=f"{corpus}:{lineno}"))
    return docs


def read_docs(corpus: Path, ids: set[str]) -> tuple[list[Document], str]:
    try:
        from kg.ingest import read_paths  # type: ignore[attr-defined]
    except ImportError:
        return read_direct(corpus, ids), "direct JSONL read (kg.ingest.read_paths not available)"
    docs = [d for d in read_paths([str(corpus)]) if d.id in ids]
    if not docs:
        return read_direct(corpus, ids), "direct JSONL read (kg.ingest ids did not match the gold ids)"
    return docs, "kg.ingest.read_paths"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "ant-dev.jsonl")
    ap.add_argument("--gold", type=Path, nargs="+", default=[ROOT / "benchmarks" / "gold", ROOT / "benchmarks" / "gold-dev2"],
                    help="one or more gold folders, scored together (default: the development folders benchmarks/gold and benchmarks/gold-dev2; held-out: benchmarks/gold-test2)")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "eval_dev.json")
    ap.add_argument("--pred", type=Path, default=None, help="also write the predictions JSONL here")
    ap.add_argument("--details", action="store_true", help="print per-document errors")
    args = ap.parse_args(argv)

    if not args.corpus.is_file():
        print(f"eval_dev: corpus {args.corpus} not found (needs ../shared)", file=sys.stderr)
        return 2
    gold = {}
    for folder in args.gold:
        part = load_gold(folder)
        twice = set(part) & set(gold)
        if twice:
            print(f"eval_dev: {sorted(twice)[0]} is in two gold folders", file=sys.stderr)
            return 2
        gold.update(part)
    docs, how = read_docs(args.corpus, set(gold))

    from kg.pipeline import Pipeline

    pipe = Pipeline()
    t0 = time.perf_counter()
    preds = {}
    for doc in docs:
        preds[doc.id] = pipe.extract(doc)
    elapsed = time.perf_counter() - t0
    res = evaluate(preds, gold)
    for w in res["warnings"]:
        print(f"warning: {w}", file=sys.stderr)
    print(f"{len(docs)} documents read by {how}; pipeline: ner={pipe.entity_recognizer.describe()}, "
          f"events={pipe.event_extractor.describe()}; {elapsed * 1000 / max(1, len(docs)):.2f} ms/doc")
    print(format_report(res, details=args.details))

    chars = sum(len(d.text) for d in docs)
    out = {
        "corpus": str(args.corpus.name),
        "gold_dir": " ".join(str(g.resolve().relative_to(ROOT)) if g.resolve().is_relative_to(ROOT) else str(g) for g in args.gold),
        "documents_read_by": how,
        "pipeline": {"ner": pipe.entity_recognizer.describe(), "events": pipe.event_extractor.describe(),
                     "config": {"ner": pipe.config.ner}},
        "timing": {"documents": len(docs), "characters": chars, "seconds": round(elapsed, 3),
                   "ms_per_doc": round(elapsed * 1000 / max(1, len(docs)), 3)},
        "gold_size": {"documents": len(gold),
                      "entities": sum(len(g["entities"]) for g in gold.values()),
                      "named_entities": sum(1 for g in gold.values() for e in g["entities"] if e["mentions"]),
                      "events": sum(len(g["events"]) for g in gold.values())},
        **{k: v for k, v in res.items() if k not in ("warnings", "details")},
        "warnings": res["warnings"],
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    if args.pred:
        with args.pred.open("w", encoding="utf-8") as fh:
            for ex in preds.values():
                fh.write(ex.to_json() + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
