#!/usr/bin/env python3
"""Speed of entity extraction (EntityRecognizer: gazetteer + patterns + coreference + linking).

    python benchmarks/bench_entities.py [--n 50] [--repeat 5] [--bert]

Measures, in one thread (Python extraction is single-threaded), the wall time of ``EntityRecognizer(config)(doc, sentences)``:

- on a 2,500-character article: the seed article cut at the last sentence end before 2,500
  characters (examples/seed-article.txt);
- on up to N articles of ../shared/corpus/ant-dev.jsonl when present, reported per article and
  scaled to 2,500 characters;
- first pass: the CPU time (time.process_time) of one pass over the second half of those articles,
  never seen before by the process, after it has read the first half (as a running pipeline has
  read other news), per 2,500 characters, best of ``--repeat``; ``first_pass_cold``: the same with
  every per-word cache empty (a process reading its first articles);

for the ``gazetteer`` backend (no statistical model) and the default ``crf`` backend.  Sentence
splitting is not included (the pipeline does it once for every stage).  Each figure is the best
of ``--repeat`` runs per article (the machine is shared), then the median over articles.

``--bert`` adds, in the same run, a randomly initialised bert-base token classifier (the size of
camel-tools' AraBERT NER: 12 layers, hidden 768, 9 labels) on the same sentences, with input ids
of the length AraBERT's word pieces would have (about 1.4 per word); timing only.

Also: the CPU time of ``import kg.nlp.entities`` (fresh interpreter), of loading the lexicons and
model (``load_cpu_ms``) and of the first call (``first_call_cpu_ms``, the seed article: it imports the
pattern, coreference and linking modules); and the text layer the pipeline runs once per document
for entities and events (sentence splitting) and tokenization, first pass and warm.

Targets (issue 3): < 5 ms per 2,500-character article for entity extraction; the non-tagger part
(``gazetteer`` backend) <= 3 ms CPU per 2,500 characters on the first pass.
Writes benchmarks/results/bench_entities.json.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.config import Config  # noqa: E402
from kg.model import Document, Sentence  # noqa: E402
from kg.nlp.entities import EntityRecognizer  # noqa: E402
from kg.nlp.text import split_sentences, tokenize  # noqa: E402

TARGET_CHARS = 2500


def seed_2500() -> str:
    text = (ROOT / "examples" / "seed-article.txt").read_text(encoding="utf-8")
    cut = max(e for s, e in split_sentences(text) if e <= TARGET_CHARS)
    return text[:cut]


def corpus(n: int) -> list[str]:
    p = ROOT.parent / "shared" / "corpus" / "ant-dev.jsonl"
    if not p.exists():
        return []
    out = []
    with p.open(encoding="utf-8") as f:
        for line in f:
            out.append(json.loads(line)["text"])
            if len(out) >= n:
                break
    return out


def time_one(rec, text: str, repeat: int) -> tuple[float, float]:
    """Best wall time and best CPU time (time.process_time) of ``repeat`` calls, in ms."""
    doc = Document(id="bench", text=text)
    sents = [Sentence(s, e) for s, e in split_sentences(text)]
    rec(doc, sents)  # warm caches for this text's words once, as a long-running pipeline has
    best = best_cpu = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        c = time.process_time()
        rec(doc, sents)
        best_cpu = min(best_cpu, time.process_time() - c)
        best = min(best, time.perf_counter() - t)
    return best * 1000, best_cpu * 1000


def clear_word_caches(rec) -> None:
    """Forget every per-word cache of the extraction code, as for text never seen."""
    gaz = rec.gazetteer
    for name in ("_split_cache", "_hit_cache", "_heads_cache", "_cand_cache"):
        getattr(gaz, name, {}).clear()
    from kg.nlp import gazetteer, linking, text

    getattr(text, "_SPLIT_CACHE", {}).clear()
    getattr(text, "_NORM_CACHE", {}).clear()
    clear = getattr(rec.tagger, "clear_caches", None)  # the CRF's per-word score vectors and features
    if callable(clear):
        clear()
    for f in (getattr(gazetteer, "entity_key", None), getattr(linking, "clean_label", None),
              getattr(linking, "_iri", None)):
        if hasattr(f, "cache_clear"):
            f.cache_clear()


def first_pass(rec, texts: list[str], repeat: int, warm: list[str] | None = None) -> dict:
    """CPU time (time.process_time) of one pass over ``texts``, per 2,500 characters, best of
    ``repeat`` passes (the machine is shared).  Before each pass every per-word cache is emptied;
    with ``warm``, the caches are then filled by those other articles first (a running pipeline
    that has read other news, reading these articles for the first time), else they stay empty."""
    def prepare(ts):
        return [(Document(id=f"fp{i}", text=t), [Sentence(s, e) for s, e in split_sentences(t)])
                for i, t in enumerate(ts)]

    docs, warm_docs = prepare(texts), prepare(warm or [])
    best = float("inf")
    for _ in range(repeat):
        clear_word_caches(rec)
        for doc, sents in warm_docs:
            rec(doc, sents)
        t0 = time.process_time()
        for doc, sents in docs:
            rec(doc, sents)
        best = min(best, time.process_time() - t0)
    chars = sum(len(t) for t in texts)
    return round(best * 1000 * TARGET_CHARS / max(chars, 1), 3)


def import_cpu_ms() -> float:
    """CPU time of ``import kg.nlp.entities`` in a fresh interpreter (median of 3)."""
    code = ("import time; t = time.process_time(); import kg.nlp.entities; "
            "print((time.process_time() - t) * 1000)")
    runs = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                                 cwd=ROOT).stdout) for _ in range(3)]
    return round(statistics.median(runs), 1)


def text_layer(texts: list[str], repeat: int) -> dict:
    """CPU per 2,500 characters of the text layer the pipeline runs before the recognizer and the
    event coder (sentence splitting), and of tokenization with its per-word normal-form cache
    empty (first pass) and full (warm); best of ``repeat``."""
    from kg.nlp import text as text_mod

    chars = sum(len(t) for t in texts)
    ranges = [split_sentences(t) for t in texts]

    def best(fn, clear=False):
        b = float("inf")
        for _ in range(repeat):
            if clear:
                getattr(text_mod, "_NORM_CACHE", {}).clear()
            t0 = time.process_time()
            fn()
            b = min(b, time.process_time() - t0)
        return round(b * 1000 * TARGET_CHARS / max(chars, 1), 3)

    def tok():
        for t, rs in zip(texts, ranges):
            for s, e in rs:
                tokenize(t, s, e)

    return {"split_sentences_cpu_ms_per_2500_chars": best(lambda: [split_sentences(t) for t in texts]),
            "tokenize_first_pass_cpu_ms_per_2500_chars": best(tok, clear=True),
            "tokenize_warm_cpu_ms_per_2500_chars": best(tok)}


def bench_backend(ner: str, texts: list[str], seed: str, repeat: int) -> dict:
    t0 = time.perf_counter()
    c0 = time.process_time()
    rec = EntityRecognizer(Config(ner=ner))
    rec.gazetteer
    rec.tagger
    load_ms = (time.perf_counter() - t0) * 1000
    load_cpu_ms = (time.process_time() - c0) * 1000
    # the first call loads what the recognizer imports lazily (patterns, coreference, linking)
    doc = Document(id="first", text=seed)
    sents = [Sentence(s, e) for s, e in split_sentences(seed)]
    c0 = time.process_time()
    rec(doc, sents)
    first_call_cpu_ms = (time.process_time() - c0) * 1000
    gc.collect()  # the loaded lexicons are long-lived: keep them out of later collections
    gc.freeze()
    fp = {}
    if texts:
        half = len(texts) // 2
        fp = {"first_pass_docs": len(texts) - half,
              "first_pass_cpu_ms_per_2500_chars": first_pass(rec, texts[half:], repeat, warm=texts[:half]),
              "first_pass_cold_cpu_ms_per_2500_chars": first_pass(rec, texts[half:], repeat)}
    res = {"backend": rec.describe(), "load_ms": round(load_ms, 1), "load_cpu_ms": round(load_cpu_ms, 1),
           "first_call_cpu_ms": round(first_call_cpu_ms, 2), **fp,
           "seed_chars": len(seed)}
    seed_wall, seed_cpu = time_one(rec, seed, repeat * 5)
    res.update({"seed_2500_ms": round(seed_wall, 3), "seed_2500_cpu_ms": round(seed_cpu, 3)})
    if texts:
        both = [time_one(rec, t, repeat) for t in texts]
        per_doc = [w for w, _ in both]
        per_2500 = [ms * TARGET_CHARS / max(len(t), 1) for ms, t in zip(per_doc, texts)]
        cpu_2500 = [ms * TARGET_CHARS / max(len(t), 1) for (_, ms), t in zip(both, texts)]
        res.update({
            "corpus_docs": len(texts),
            "corpus_mean_chars": round(statistics.mean(len(t) for t in texts)),
            "corpus_median_ms_per_doc": round(statistics.median(per_doc), 3),
            "corpus_median_ms_per_2500_chars": round(statistics.median(per_2500), 3),
            "corpus_median_cpu_ms_per_2500_chars": round(statistics.median(cpu_2500), 3),
            "corpus_total_chars_per_s": round(sum(len(t) for t in texts) / (sum(per_doc) / 1000)),
        })
    return res


def bench_bert(seed: str, repeat: int) -> dict:
    import torch
    from transformers import BertConfig, BertForTokenClassification

    torch.set_num_threads(1)
    torch.manual_seed(0)
    cfg = BertConfig(vocab_size=64000, num_labels=9)  # bert-base geometry, AraBERT-sized vocabulary
    model = BertForTokenClassification(cfg).eval()
    sents = split_sentences(seed)
    lens = [max(2, int(len([t for t in tokenize(seed, s, e)]) * 1.4) + 2) for s, e in sents]
    batches = [torch.randint(5, 64000, (1, min(n, 512))) for n in lens]
    with torch.inference_mode():
        for b in batches:
            model(input_ids=b)
        best = float("inf")
        for _ in range(repeat):
            t = time.perf_counter()
            for b in batches:
                model(input_ids=b)
            best = min(best, time.perf_counter() - t)
    return {"backend": "random bert-base token classifier (1 thread, one sentence per batch)",
            "seed_2500_ms": round(best * 1000, 1), "sentences": len(sents), "wordpieces": sum(lens)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=50, help="ant-dev articles (when ../shared is present)")
    ap.add_argument("--repeat", type=int, default=10)
    ap.add_argument("--bert", action="store_true")
    ap.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "results" / "bench_entities.json")
    args = ap.parse_args()
    seed = seed_2500()
    texts = corpus(args.n)
    results = [{"import_cpu_ms_kg.nlp.entities": import_cpu_ms(), **(text_layer(texts, args.repeat) if texts else {})}]
    results += [bench_backend(ner, texts, seed, args.repeat) for ner in ("gazetteer", "crf")]
    if args.bert:
        results.append(bench_bert(seed, max(1, args.repeat // 2)))
    for r in results:
        print(json.dumps(r, ensure_ascii=False))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
