#!/usr/bin/env python3
"""Eyeball precision check: print the entities found in N articles of ../shared/corpus/ant-dev.jsonl.

    python benchmarks/check_entities_antdev.py [--n 20] [--skip 0] [--ner gazetteer|crf] [--mentions]

Prints, per article, each entity (id, type, label, country, title, source of its mentions and
the surface forms), for reading by a person; a summary counts entities by type and source.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.config import Config  # noqa: E402
from kg.model import Document, Sentence  # noqa: E402
from kg.nlp.entities import EntityRecognizer  # noqa: E402
from kg.nlp.text import split_sentences  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "ant-dev.jsonl")
    ap.add_argument("--n", type=int, default=20)
    ap.add_argument("--skip", type=int, default=0)
    ap.add_argument("--ner", default="gazetteer")
    ap.add_argument("--mentions", action="store_true", help="print every mention with its kind")
    ap.add_argument("--source", default=None,
                    help="only print entities with a mention of this source (pattern, crf, gazetteer ...)")
    ap.add_argument("--with-gold", action="store_true",
                    help="also read articles annotated in benchmarks/gold or benchmarks/gold-test (skipped by default)")
    args = ap.parse_args()
    rec = EntityRecognizer(Config(ner=args.ner))
    by_type: Counter = Counter()
    by_source: Counter = Counter()
    gold_ids = set()
    if not args.with_gold:
        for g in ("gold", "gold-test"):
            gold_ids |= {p.stem for p in (ROOT / "benchmarks" / g).glob("*.json")}
    with args.corpus.open(encoding="utf-8") as f:
        for n, line in enumerate(f):
            if n < args.skip:
                continue
            if n >= args.skip + args.n:
                break
            d = json.loads(line)
            if d["id"] in gold_ids:
                continue
            text = d["text"]
            doc = Document(id=d["id"], text=text, title=d.get("title"))
            sents = [Sentence(s, e) for s, e in split_sentences(text)]
            ents = rec(doc, sents)
            print(f"\n=== {d['id']}: {d.get('title', '')}")
            for e in ents:
                if args.source and not any(m.source == args.source for m in e.mentions):
                    continue
                srcs = ",".join(sorted({m.source for m in e.mentions}))
                forms = sorted({m.text for m in e.mentions})
                extra = " ".join(x for x in [e.country or "", e.title or "", ",".join(e.roles)] if x)
                print(f"  {e.type:3} {e.id:38} {extra:30} [{srcs}] {' | '.join(forms)}")
                by_type[e.type] += 1
                by_source[srcs] += 1
    print("\nentities by type:", dict(by_type))
    print("entities by mention sources:", dict(by_source))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
