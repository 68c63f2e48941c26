#!/usr/bin/env python3
"""Snapshot of what the entity recognizer and the CRF extract from ../shared/corpus/ant-dev.jsonl,
to prove that a change meant to affect speed only leaves every extraction identical.

    python scripts/ner_antdev_snapshot.py OUT.jsonl [--compare BEFORE.jsonl] [--ner crf]

One JSON line per article: the CRF's spans (``CRFTagger.tag_spans_document``) and the
entities of ``EntityRecognizer`` (``Entity.to_dict()``, mentions with their offsets).  With
``--compare`` it prints the articles whose snapshot differs and exits 1 if any does.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.config import Config  # noqa: E402
from kg.model import Document, Sentence  # noqa: E402
from kg.nlp.entities import EntityRecognizer  # noqa: E402
from kg.nlp.text import split_sentences, tokenize  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "ant-dev.jsonl")
    ap.add_argument("--compare", type=Path, default=None)
    ap.add_argument("--ner", default="crf")
    args = ap.parse_args(argv)
    rec = EntityRecognizer(Config(ner=args.ner))
    tagger = rec.tagger
    lines = []
    for line in args.corpus.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        text = d["text"]
        bounds = split_sentences(text)
        toks = [tokenize(text, s, e) for s, e in bounds]
        crf = tagger.tag_spans_document(text, [t for t in toks if t]) if tagger is not None else None
        doc = Document(id=d["id"], text=text, title=d.get("title"))
        ents = rec(doc, [Sentence(s, e) for s, e in bounds])
        lines.append(json.dumps({"id": d["id"], "crf": crf, "entities": [e.to_dict() for e in ents]},
                                ensure_ascii=False, sort_keys=True))
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} articles to {args.out}")
    if args.compare is None:
        return 0
    before = args.compare.read_text(encoding="utf-8").splitlines()
    diff = [json.loads(a)["id"] for a, b in zip(lines, before) if a != b]
    if len(before) != len(lines):
        print(f"different number of articles: {len(before)} before, {len(lines)} now")
        return 1
    print(f"{len(diff)} of {len(lines)} articles differ" + (": " + ", ".join(diff[:20]) if diff else ""))
    return 1 if diff else 0


if __name__ == "__main__":
    raise SystemExit(main())
