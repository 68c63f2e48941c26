#!/usr/bin/env python
"""Time event coding (kg.events.EventExtractor) per 2,500-character article on one core.

    python benchmarks/bench_events.py [--corpus ../shared/corpus/ant-dev.jsonl] [--n 100] [--repeat 5]

Entities are recognized once per article beforehand (their time is not counted), and the
lexicon and the coder's modules are loaded before the timing (a once-per-process cost); then the
event extractor runs ``--repeat`` times over every article and the best run is kept.  The
time is the process CPU time (one core; on a shared machine wall-clock time is also shown).  The
figure reported is milliseconds of event coding per 2,500 characters of article text
(target: < 3 ms), with the mean per article and the number of events found.  Without the
shared corpus the seed article (examples/seed-article.txt) is used.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.config import Config  # noqa: E402
from kg.events import EventExtractor  # noqa: E402
from kg.model import Document, Sentence  # noqa: E402
from kg.nlp.text import split_sentences  # noqa: E402


def load_docs(corpus: Path, n: int) -> list[Document]:
    docs = []
    if corpus.is_file():
        with open(corpus, encoding="utf-8") as f:
            for i, line in enumerate(f):
                if len(docs) >= n:
                    break
                rec = json.loads(line)
                text = rec.get("text") or ""
                if rec.get("title"):
                    text = rec["title"] + "\n" + text
                docs.append(Document(id=rec.get("id", f"doc{i}"), text=text, date=None))
    else:
        text = (ROOT / "examples" / "seed-article.txt").read_text(encoding="utf-8")
        docs.append(Document(id="seed", text=text, date="2023-08-16"))
    return docs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "ant-dev.jsonl")
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--filter", action="store_true", help="time the rules with the (opt-in) learned filter")
    args = ap.parse_args(argv)

    from kg.nlp.entities import EntityRecognizer

    cfg = Config()
    if args.filter:
        cfg.extra["event_filter"] = True
    ner = EntityRecognizer(cfg)
    ext = EventExtractor(cfg)
    ext.describe()  # load the lexicon outside the timing
    docs = load_docs(args.corpus, args.n)
    prepared = []
    for d in docs:
        sents = [Sentence(s, e) for s, e in split_sentences(d.text, d.body_ranges())]
        prepared.append((d, sents, ner(d, sents)))
    chars = sum(len(d.text) for d in docs)
    best = best_wall = first = None
    n_events = 0
    for _ in range(args.repeat):
        t0, w0 = time.process_time(), time.perf_counter()
        n_events = 0
        for d, sents, ents in prepared:
            n_events += len(ext(d, sents, ents))
        dt, dw = time.process_time() - t0, time.perf_counter() - w0
        first = dt if first is None else first
        best = dt if best is None else min(best, dt)
        best_wall = dw if best_wall is None else min(best_wall, dw)
    per_2500 = best * 1000 / chars * 2500
    per_doc = best * 1000 / len(docs)
    first_2500 = first * 1000 / chars * 2500
    print(f"{len(docs)} articles, {chars} characters ({chars / len(docs):.0f} per article), {n_events} events")
    print(f"event coding: {per_2500:.2f} ms CPU per 2,500 characters, {per_doc:.2f} ms per article "
          f"(best of {args.repeat}; wall clock {best_wall * 1000 / chars * 2500:.2f} ms per 2,500 characters; "
          f"target < 3 ms per 2,500 characters)")
    print(f"first pass (cold word caches, unseen text): {first_2500:.2f} ms CPU per 2,500 characters"
          f"{' (with the learned filter)' if args.filter else ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
