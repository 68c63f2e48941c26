#!/usr/bin/env python
"""Corpus-build throughput and memory, against a bert-base NER reference measured in the same run.

    python benchmarks/bench_pipeline.py            # full sizes (about 8-10 minutes on 2 idle cores)
    python benchmarks/bench_pipeline.py --quick    # small sizes (about 2 minutes)

Corpora (written to a temporary folder, removed afterwards), from ../shared/corpus/ant-dev.jsonl
(300 real Arabic news articles, about 840 characters each; the seed article when absent):

* ``ant``: the articles as they are, repeated with new ids (``<id>-r<k>``) to ``--big`` articles
  (default 10,000);
* ``2500``: consecutive articles concatenated to about 2,500 characters (the size of a typical
  news article), repeated likewise.

Figures (wall-clock unless marked CPU; CPU = this process's CPU time, steadier on a shared
machine):

0. first pass: every distinct 2,500-character article once (about 100, made of the 300
   distinct ant-dev articles, each used once), in fresh processes, so no cache was warmed
   on the same text: the CPU cost of each stage (ingest, extraction, RDF build, the bytes
   shipped, the store write into an empty store, and the store write into a store growing
   to ten copies of the articles, as a big build's is) and the one-worker end-to-end build.
   The figures below on repeated corpora are the steady state the issue asks for (word
   caches warm);
1. extraction only (``Pipeline.extract``), one core, in this process: articles/s and MB/s
   (UTF-8 bytes of text) on both corpora;
2. end to end, text -> triples in the store (``kg.build.build_corpus``: ingest, extraction,
   RDF, store writes; no exports or views): one core (``--workers 1``, the process pinned to
   one CPU with its threads) and all cores (``--workers N``) on the same 2,500-character
   articles, each build in a fresh process, and the ratio all/one; rates are taken after model loading (reported apart)
   and include the last store write (1,000 articles, so that this tail weighs little).  On a
   machine shared with other users' processes the all-cores figure measures the neighbours:
   Linux gives each session (autogroup) an equal share of the CPUs, so a 2-worker build gets
   no more CPU than a 1-worker one while two other sessions are busy; the CPU figures (per
   article, the parent's share) and the modelled throughput do not depend on that;
3. where the quads are built (workers vs the writing parent) on all cores;
4. a big build on all cores (``ant`` repeated to ``--big`` articles): throughput, peak
   resident memory of the parent plus workers (sampled every 0.25 s), the peak in the first
   and in the second half of the build (flat memory = it does not grow with the corpus),
   and store size per 1,000 articles;
5. the reference: the same 2,500-character articles' sentences through a
   ``BertForTokenClassification`` of camel-tools' NER size (random-init ``BertConfig``:
   vocab 64,000, 12 layers, hidden 768, 9 labels; WordPiece vocabulary generated from the
   corpus, no download), batched per article like camel-tools' ``NERecognizer.predict``,
   timed on a sample of articles with 1 thread and with all cores, extrapolated to
   articles/s.  Every throughput figure is reported as a ratio to its reference.

Writes benchmarks/results/pipeline.json (``rows``: metric, value, unit, reference, ratio,
target) and prints a table.
"""

from __future__ import annotations

import argparse
import collections
import gc
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CORPUS = ROOT.parent / "shared" / "corpus" / "ant-dev.jsonl"
SEED = ROOT / "examples" / "seed-article.txt"

QUICK = {"extract_ant": 100, "extract_2500": 30, "e2eN": 120, "where": 100, "big": 600, "bert": 2}
FULL = {"extract_ant": 600, "extract_2500": 150, "e2eN": 1000, "where": 400, "big": 10000, "bert": 4}


# --- corpora ---------------------------------------------------------------------------------------


def base_records() -> list[dict]:
    recs = []
    if CORPUS.is_file():
        for line in CORPUS.read_text(encoding="utf-8").splitlines():
            try:
                r = json.loads(line)
            except ValueError:
                continue
            if r.get("text"):
                recs.append({"id": r.get("id") or f"a{len(recs)}", "title": r.get("title"), "text": r["text"],
                             "date": r.get("date"), "source": r.get("source")})
    else:
        recs.append({"id": "seed", "text": SEED.read_text(encoding="utf-8"), "date": "2023-08-16"})
    return recs


def records_2500(recs: list[dict], size: int = 2500) -> list[dict]:
    """News text in pieces of about ``size`` characters: paragraphs of consecutive articles
    joined until the piece reaches ``size`` - 100 characters (so the mean is close to ``size``)."""
    out, buf, n = [], [], 0
    for r in recs:
        for para in r["text"].split("\n"):
            para = para.strip()
            if not para:
                continue
            if buf and n + len(para) > size + 400:  # would overshoot: close the piece first
                out.append({"id": f"p{len(out):04d}", "text": "\n".join(buf), "date": r.get("date")})
                buf, n = [], 0
            buf.append(para)
            n += len(para) + 1
            if n >= size - 100:
                out.append({"id": f"p{len(out):04d}", "text": "\n".join(buf), "date": r.get("date")})
                buf, n = [], 0
    return out or [{"id": "p0000", "text": "\n".join(buf)}]


def repeated(recs: list[dict], n: int):
    for i in range(n):
        r = dict(recs[i % len(recs)])
        r["id"] = f"{r['id']}-r{i // len(recs)}"
        yield r


def write_jsonl(path: Path, recs) -> Path:
    with open(path, "w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return path


def mb(texts) -> float:
    return sum(len(t.encode("utf-8")) for t in texts) / 1e6


# --- memory sampling -----------------------------------------------------------------------------


class RSSSampler:
    """Resident memory of this process and all its descendants, sampled in a thread."""

    def __init__(self, interval: float = 0.25):
        import psutil

        self.proc = psutil.Process()
        self.interval = interval
        self.samples: list[tuple[float, int]] = []
        self.cpu_samples: list[tuple[float, float, float]] = []  # (t, own CPU, all processes' CPU)
        self.cpu: dict[int, float] = {}  # pid -> user+system CPU seconds (latest sample)
        self._own0 = sum(self.proc.cpu_times()[:2])
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)

    def _rss(self) -> int:
        total = self.proc.memory_info().rss
        for c in self.proc.children(recursive=True):
            try:
                total += c.memory_info().rss
                t = c.cpu_times()
                self.cpu[c.pid] = t.user + t.system
            except Exception:  # noqa: BLE001 - a child that just exited
                pass
        return total

    def total_cpu(self) -> float:
        """CPU seconds of this process (since start) and of its children (as last sampled)."""
        return sum(self.proc.cpu_times()[:2]) - self._own0 + sum(self.cpu.values())

    def own_cpu(self) -> float:
        return sum(self.proc.cpu_times()[:2]) - self._own0

    def _run(self) -> None:
        self.t0 = t0 = time.perf_counter()
        while not self._stop.is_set():
            t = time.perf_counter() - t0
            self.samples.append((t, self._rss()))
            self.cpu_samples.append((t, self.own_cpu(), self.total_cpu()))
            self._stop.wait(self.interval)

    def cpu_since(self, t: float) -> tuple[float, float]:
        """(own, all processes) CPU seconds from the first sample at or after ``t`` to the end."""
        start = next(((o, a) for ts, o, a in self.cpu_samples if ts >= t), (0.0, 0.0))
        return self.own_end - start[0], self.cpu_s - start[1]

    def cpu_between(self, t0: float, t1: float) -> tuple[float, float, float]:
        """(own, all processes) CPU seconds and the wall seconds between the samples nearest
        inside [t0, t1]."""
        inside = [(ts, o, a) for ts, o, a in self.cpu_samples if t0 <= ts <= t1]
        if len(inside) < 2:
            return 0.0, 0.0, 0.0
        (ta, oa, aa), (tb, ob, ab) = inside[0], inside[-1]
        return ob - oa, ab - aa, tb - ta

    def __enter__(self):
        self._t.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._t.join()
        self.cpu_s = self.total_cpu()
        self.own_end = self.own_cpu()

    def peak(self, lo: float = 0.0, hi: float = 1.0) -> int:
        if not self.samples:
            return 0
        end = self.samples[-1][0] or 1.0
        sel = [r for t, r in self.samples if lo * end <= t <= hi * end]
        return max(sel or [r for _, r in self.samples])


# --- measurements --------------------------------------------------------------------------------


STORE_METHODS = (("bulk_load", 64), ("bulk_load", 256), ("bulk_load", 1024), ("bulk_extend", 256), ("load", 256),
                 ("extend", 256))


def bench_store_methods(blobs: list[tuple[str, bytes, bytes]], tmp: Path, copies: int = 3) -> dict:
    """CPU per quad of each way pyoxigraph offers to write documents into an on-disk store,
    ``copies`` copies of the documents (IRIs renamed: new documents each time), N documents
    per call: ``bulk_load`` (N-Quads bytes, the bulk loader; what kg build does), ``load``
    (N-Quads bytes, one transaction), ``extend`` (parsed quads, one transaction),
    ``bulk_extend`` (parsed quads, the bulk loader).  Markers go in one ``extend`` per call
    (the crash-safe protocol), parsing is included, CPU of all threads (RocksDB's background
    compaction included) until the store is flushed; ``optimize_us_per_quad`` is the
    compaction kg build used to run afterwards."""
    import pyoxigraph as ox

    NQ = ox.RdfFormat.N_QUADS
    docs = []
    for k in range(copies):
        for iri, body, marker in blobs:
            new = f"{iri}-c{k}".encode()
            docs.append((body.replace(iri.encode(), new), marker.replace(iri.encode(), new)))
    out = {}
    for method, n in STORE_METHODS:
        d = tmp / f"method-{method}-{n}"
        st = ox.Store(str(d))
        quads = 0
        c0 = time.process_time()
        for i in range(0, len(docs), n):
            part = docs[i:i + n]
            body, marks = b"".join(b for b, _ in part), b"".join(m for _, m in part)
            if method == "bulk_load":
                st.bulk_load(input=body, format=NQ, lenient=True)
            elif method == "bulk_extend":
                st.bulk_extend(ox.parse(body, format=NQ, lenient=True))
            elif method == "load":
                st.load(input=body, format=NQ, lenient=True)
            else:
                st.extend(list(ox.parse(body, format=NQ, lenient=True)))
            st.extend(list(ox.parse(marks, format=NQ)))
        st.flush()
        cpu = time.process_time() - c0
        quads = len(st)
        row = {"documents_per_call": n, "quads": quads, "us_per_quad": round(cpu / quads * 1e6, 2)}
        if (method, n) == ("bulk_load", 256):
            c0 = time.process_time()
            st.optimize()
            row["optimize_us_per_quad"] = round((time.process_time() - c0) / quads * 1e6, 2)
        out[f"{method}/{n}"] = row
        del st
        shutil.rmtree(d, ignore_errors=True)
    return out


def _write_batch(st, part: list[tuple[str, bytes, bytes]]) -> None:
    """One batch of (document IRI, body N-Quads, marker N-Quads) written as kg build's
    StoreWriter writes it (markers deferred to the next batch, where the tree supports it)."""
    import inspect

    import pyoxigraph as ox

    iris, body = [d for d, _, _ in part], b"".join(q for _, q, _ in part)
    if "defer_markers" in inspect.signature(st.write_new_documents).parameters:
        st.write_new_documents(iris, b"".join(m for _, _, m in part), nquads=body, trusted=True, defer_markers=True)
    else:  # an older tree: markers in a transaction after each bulk load
        marks = list(ox.parse(b"".join(m for _, _, m in part), format=ox.RdfFormat.N_QUADS))
        st.write_new_documents(iris, marks, nquads=body, trusted=True)


def bench_store_growth(blobs: list[tuple[str, bytes, bytes]], tmp: Path, copies: int = 10, batch: int = 256) -> dict:
    """The store write as the store grows: ``copies`` copies of the documents (IRIs renamed)
    written ``batch`` at a time (kg build's way) into one on-disk store; CPU (all threads:
    RocksDB's compactions included) per article of each batch, of the whole and of its
    second half, and of the compaction (optimize) kg build runs at the end.  The first-pass
    ``store_write`` figure is the first batch into an empty store: RocksDB compacts more
    as the store grows, so a big build pays more per article."""
    from kg.rdf.store import Store

    docs = []
    for k in range(copies):
        for iri, body, marker in blobs:
            new = f"{iri}-g{k}".encode()
            docs.append((iri + f"-g{k}", body.replace(iri.encode(), new), marker.replace(iri.encode(), new)))
    st = Store(tmp / "growth")
    per, c00 = [], time.process_time()
    for i in range(0, len(docs), batch):
        c0 = time.process_time()
        _write_batch(st, docs[i:i + batch])
        per.append(round((time.process_time() - c0) / len(docs[i:i + batch]) * 1000, 2))
    st.flush()
    c_all = time.process_time() - c00
    quads = len(st)
    c0 = time.process_time()
    st.optimize()
    c_opt = time.process_time() - c0
    st.close()
    shutil.rmtree(tmp / "growth", ignore_errors=True)
    half = per[len(per) // 2:]
    return {"articles": len(docs), "quads": quads, "batch": batch, "ms_per_article_by_batch": per,
            "ms_per_article": round(c_all / len(docs) * 1000, 2),
            "ms_per_article_second_half": round(statistics.mean(half), 2) if half else None,
            "optimize_ms_per_article": round(c_opt / len(docs) * 1000, 2),
            "us_per_quad": round(c_all / quads * 1e6, 2)}


def bench_extract(docs, tmp: Path, methods: bool = False) -> dict:
    """Extraction on one core, then the cost of the other per-document stages on the same
    documents: ingest (JSONL line -> Document, page segmentation), RDF building (N-Quads
    lines), the bytes a worker ships (body + marker), and store writes of 256 documents at a
    time (kg build's batch) into an on-disk store: ``store_write`` is the path kg build takes
    (``Store.write_new_documents``: bulk load + markers, crash-safe), ``store_write_txn``
    the former one (one ``Store.load`` transaction per batch), for comparison; with
    ``methods``, :func:`bench_store_methods` on the same quads."""
    import pyoxigraph as ox

    from kg.ingest import read_paths
    from kg.pipeline import Pipeline
    from kg.rdf.build import build
    from kg.rdf.store import Store

    from kg.build import _warmup_document

    p = Pipeline()
    p.extract(_warmup_document())  # load models (on a sentence that is not in the corpus)
    c0, t0 = time.process_time(), time.perf_counter()
    ents = evs = 0
    exs = []
    for d in docs:
        ex = p.extract(d)
        exs.append(ex)
        ents += len(ex.entities)
        evs += len(ex.events)
    cpu, wall = time.process_time() - c0, time.perf_counter() - t0
    size = mb(d.text for d in docs)
    n = len(docs)
    src = write_jsonl(tmp / "ingest.jsonl", ({"id": d.id, "text": d.text} for d in docs))
    # each stage below starts after a full collection: a full collection walks the models
    # (some 80 ms), and where one falls would otherwise decide which short stage pays for it
    gc.collect()
    c0 = time.process_time()
    list(read_paths([str(src)]))
    c_ingest = time.process_time() - c0
    from kg.build import input_hash, journal_line
    from kg.config import Config

    cfg = Config()
    gc.collect()
    c0 = time.process_time()
    for ex in exs:
        journal_line(ex, input_hash(ex.doc, cfg)).encode("utf-8")
    c_journal = time.process_time() - c0
    gc.collect()
    c0 = time.process_time()
    built = [build(ex, generated_at="2024-01-01T00:00:00+00:00") for ex in exs]
    c_build = time.process_time() - c0
    gc.collect()
    c0 = time.process_time()
    blobs = [(b.doc_iri, b.body_nquads, b.marker_nquads) for b in built]
    c_ser = time.process_time() - c0
    st = Store(tmp / f"write-{len(docs)}")
    c0, t0 = time.process_time(), time.perf_counter()
    for i in range(0, len(blobs), 256):
        _write_batch(st, blobs[i:i + 256])
    st.flush()
    c_write, w_write = time.process_time() - c0, time.perf_counter() - t0
    quads = len(st)
    st.close()
    st = Store(tmp / f"write-txn-{len(docs)}")
    c0 = time.process_time()
    for i in range(0, len(built), 256):
        st.ox.load(input=b"".join(b.nquads for b in built[i:i + 256]), format=ox.RdfFormat.N_QUADS)
    st.flush()
    c_txn = time.process_time() - c0
    st.close()
    ms = lambda c: round(c / n * 1000, 2)  # noqa: E731
    extra = {"store_methods": bench_store_methods(blobs, tmp), "store_growth": bench_store_growth(blobs, tmp)} \
        if methods else {}
    by_pred: collections.Counter = collections.Counter()
    for b in built:
        for line in b.content_lines + b.provenance_lines:
            s_, p_, rest = line.split(" ", 2)
            by_pred[p_ + (" " + rest.rsplit(" ", 2)[0] if p_ == "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
                          else "")] += 1
    extra["quads_per_article_by_predicate"] = {k: round(v / n, 1) for k, v in by_pred.most_common()}
    return {**extra, "articles": n, "mb": round(size, 3), "cpu_s": round(cpu, 2), "wall_s": round(wall, 2),
            "articles_per_s_cpu": round(n / cpu, 2), "articles_per_s": round(n / wall, 2),
            "mb_per_s_cpu": round(size / cpu, 4), "mb_per_s": round(size / wall, 4),
            "entities": ents, "events": evs, "quads_per_article": round(quads / n, 1),
            "cpu_ms_per_article": {"ingest": ms(c_ingest), "extract": ms(cpu), "hash_journal": ms(c_journal),
                                   "rdf_build": ms(c_build), "serialize": ms(c_ser), "store_write": ms(c_write)},
            "store_write_txn_cpu_ms_per_article": ms(c_txn),
            "store_write_quads_per_s_cpu": round(quads / c_write) if c_write else None,
            "store_write_quads_per_s": round(quads / w_write) if w_write else None}


def bench_build(corpus: Path, out: Path, workers: int, build_in: str = "worker") -> dict:
    from kg.build import BuildOptions, build_corpus

    opts = BuildOptions(out=out, workers=workers, formats=(), views=False, quiet=True, progress=False,
                        run_time="2024-01-01T00:00:00+00:00", build_in=build_in)
    cores = os.sched_getaffinity(0)
    if workers == 1:  # one core for real: this process, its writer thread and RocksDB's threads
        os.sched_setaffinity(0, {min(cores)})
    c0 = time.process_time()
    try:
        with RSSSampler() as rss:
            t0 = time.perf_counter()
            s = build_corpus([str(corpus)], opts, report=lambda line: None)
            wall = time.perf_counter() - t0
            rss._rss()  # a last CPU sample of the workers (they are still alive: shutdown does not wait)
    finally:
        os.sched_setaffinity(0, cores)
    cpu = time.process_time() - c0
    store_bytes = sum(f.stat().st_size for f in (out / "store").rglob("*") if f.is_file())
    size = corpus.stat().st_size / 1e6  # JSONL bytes (text dominates)
    n = s.documents_extracted
    steady = s.seconds_extract - s.seconds_startup
    # CPU once the pipelines are loaded (model loading excluded), parent alone and all processes
    own_steady, all_steady = rss.cpu_since(s.seconds_startup + (wall - s.seconds) + 0.3)
    # the extraction phase alone (reading, extraction, store writes; not the compaction and
    # counts after it): the parent's share, which bounds the throughput of any number of workers
    pre = wall - s.seconds
    own_ex, all_ex, wall_ex = rss.cpu_between(pre + s.seconds_startup + 0.3, pre + s.seconds_extract + 0.05)
    docs_ex = n * wall_ex / steady if steady > 0 else 0
    res = {"workers": workers, "build_in": build_in, "articles": n, "failures": len(s.failures),
           "wall_s": round(wall, 2), "startup_s": s.seconds_startup, "parent_cpu_s": round(cpu, 2),
           "all_processes_cpu_s": round(rss.cpu_s, 2),
           "cpu_ms_per_article": round(all_steady / max(1, n) * 1000, 1),
           "parent_cpu_ms_per_article": round(own_steady / max(1, n) * 1000, 1),
           "parent_cpu_ms_per_article_extraction_phase": round(own_ex / docs_ex * 1000, 1) if docs_ex else None,
           "cpu_ms_per_article_extraction_phase": round(all_ex / docs_ex * 1000, 1) if docs_ex else None,
           "cpus_used": round(all_ex / wall_ex, 2) if wall_ex else None,  # < workers: a busy machine
           "load_avg_1min": round(os.getloadavg()[0], 2),
           "articles_per_s": round(n / steady, 2), "articles_per_s_with_startup": round(n / wall, 2),
           "mb_per_s": round(size / steady, 4), "quads": s.store_quads,
           "peak_rss_mb": round(rss.peak() / 1e6, 1),
           "peak_rss_first_half_mb": round(rss.peak(0.0, 0.5) / 1e6, 1),
           "peak_rss_second_half_mb": round(rss.peak(0.5, 1.0) / 1e6, 1),
           "store_mb": round(store_bytes / 1e6, 1),
           "journal_mb": round((out / "extractions.jsonl").stat().st_size / 1e6, 1)}
    if workers == 1:
        res["articles_per_s_cpu"] = round(n / cpu, 2) if cpu else 0.0
    return res


def first_pass(recs25: list[dict], tmp: Path) -> dict:
    """The honest one-core figures: each distinct 2,500-character article once, in fresh
    processes (no cache warmed by an earlier pass over the same text): ``stages`` is the CPU
    cost of each stage (bench_extract), ``e2e`` the one-worker build (bench_build)."""

    src = write_jsonl(tmp / "distinct.jsonl", recs25)
    return {"stages": in_child("stages", src, tmp / "first-pass-stages"),
            "e2e": in_child("e2e-1", src, tmp / "first-pass-e2e")}


def in_child(what: str, src: Path, tmp: Path) -> dict:
    """Run a measurement in a fresh Python process (so that no cache of this process, warmed
    by an earlier measurement on the same texts, favours it)."""
    import subprocess

    r = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", what, str(src), str(tmp)],
                       capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"child {what} failed: {r.stderr[-2000:]}")
    return json.loads(r.stdout.strip().splitlines()[-1])


def child(what: str, src: Path, tmp: Path) -> dict:
    tmp.mkdir(parents=True, exist_ok=True)
    if what.startswith("tree="):  # "tree=DIR:WHAT": the measurement WHAT with the kg package of DIR
        tree, _, what = what[5:].rpartition(":")
        sys.path.insert(0, tree)
        import kg

        if not Path(kg.__file__).resolve().is_relative_to(Path(tree).resolve()):
            raise SystemExit(f"kg imported from {kg.__file__}, not from {tree}")
    if what in ("stages", "stages-only"):
        from kg.model import Document

        recs = [json.loads(line) for line in src.read_text(encoding="utf-8").splitlines()]
        return bench_extract([Document(id=r["id"], text=r["text"]) for r in recs], tmp, methods=what == "stages")
    if what.startswith("e2e-"):
        return bench_build(src, tmp / "build", int(what[4:]))
    if what.startswith("store-growth-"):  # the documents' quads built by this tree, then bench_store_growth
        from kg.model import Document
        from kg.pipeline import Pipeline
        from kg.rdf.build import build

        p = Pipeline()
        recs = [json.loads(line) for line in src.read_text(encoding="utf-8").splitlines()]
        built = [build(p.extract(Document(id=r["id"], text=r["text"])), generated_at="2024-01-01T00:00:00+00:00")
                 for r in recs]
        return bench_store_growth([(b.doc_iri, b.body_nquads, b.marker_nquads) for b in built], tmp,
                                  copies=int(what[13:]))
    raise SystemExit(f"unknown child measurement {what!r}")


def compare(trees: list[str], rounds: int, tmp: Path, store_copies: int = 0) -> dict:
    """The code of several source trees (``git archive REV | tar -x -C DIR``) on the same
    distinct 2,500-character articles, in fresh processes, the trees taking turns ``rounds``
    times (a busy machine slows them alike): CPU per article of each stage
    (:func:`bench_extract`) and the one-worker end-to-end build (:func:`bench_build`);
    with ``store_copies``, also the store write into a growing store of that many copies
    of the articles (:func:`bench_store_growth`); medians over the rounds."""
    src = write_jsonl(tmp / "compare.jsonl", records_2500(base_records()))
    runs: dict[str, list] = {t: [] for t in trees}
    for k in range(rounds):
        for t in trees:
            print(f"  round {k + 1}/{rounds}: {t}", file=sys.stderr, flush=True)
            st = in_child(f"tree={t}:stages-only", src, tmp / f"c{k}-s")
            e2e = in_child(f"tree={t}:e2e-1", src, tmp / f"c{k}-e")
            grow = in_child(f"tree={t}:store-growth-{store_copies}", src, tmp / f"c{k}-g") if store_copies else None
            for x in "seg":
                shutil.rmtree(tmp / f"c{k}-{x}", ignore_errors=True)
            runs[t].append((st, e2e, grow))
    out = {}
    for t, rs in runs.items():
        stages = {key: round(statistics.median(r[0]["cpu_ms_per_article"].get(key, 0.0) for r in rs), 2)
                  for key in rs[0][0]["cpu_ms_per_article"]}
        e2e = {key: statistics.median(r[1][key] for r in rs)
               for key in ("articles_per_s", "cpu_ms_per_article", "cpu_ms_per_article_extraction_phase",
                           "articles_per_s_cpu", "quads")}
        if store_copies:
            e2e.update({f"store_growth_{key}": statistics.median(r[2][key] for r in rs)
                        for key in ("ms_per_article", "ms_per_article_second_half", "optimize_ms_per_article")})
        out[t] = {"articles": rs[0][0]["articles"], "quads_per_article": rs[0][0]["quads_per_article"],
                  "cpu_ms_per_article": stages, "e2e_1worker": e2e,
                  "rounds": [{"stages": r[0]["cpu_ms_per_article"],
                              "e2e": {k: r[1][k] for k in e2e if k in r[1]}, "store_growth": r[2]} for r in rs]}
    return out


def bench_bert(texts: list[str], vocab_texts: list[str], threads: list[int]) -> dict:
    import torch
    from transformers import BertConfig, BertForTokenClassification, BertTokenizer

    from kg.nlp.text import split_sentences, tokenize

    torch.manual_seed(0)
    cnt = collections.Counter(t.text for txt in vocab_texts for t in tokenize(txt))
    chars = sorted({c for w in cnt for c in w})
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] + chars + ["##" + c for c in chars]
    seen = set(vocab)
    for w, _ in cnt.most_common():
        if len(vocab) >= 64000:
            break
        if w not in seen:
            vocab.append(w)
            seen.add(w)
    with tempfile.TemporaryDirectory() as d:
        vf = Path(d) / "vocab.txt"
        vf.write_text("\n".join(vocab) + "\n", encoding="utf-8")
        tok = BertTokenizer(str(vf), do_lower_case=False, tokenize_chinese_chars=False)
    cfg = BertConfig(vocab_size=64000, hidden_size=768, num_hidden_layers=12, num_attention_heads=12,
                     intermediate_size=3072, max_position_embeddings=512, num_labels=9)
    model = BertForTokenClassification(cfg).eval()
    batches = []
    for a in texts:
        sents = [[t.text for t in tokenize(a, s, e)] for s, e in split_sentences(a)]
        sents = [s for s in sents if s]
        batches.append(sents)
    n_sent = sum(map(len, batches))
    out = {"config": "BertForTokenClassification(BertConfig(vocab_size=64000, layers=12, hidden=768, heads=12, "
                     "labels=9)), random init, batched per article", "articles": len(texts), "sentences": n_sent,
           "chars_per_article": round(statistics.mean(len(t) for t in texts))}
    before = torch.get_num_threads()
    with torch.no_grad():
        model(**tok(batches[0][:2], is_split_into_words=True, truncation=True, max_length=256, padding=True,
                    return_tensors="pt"))  # warm-up
        for n in threads:
            torch.set_num_threads(n)
            t0 = time.perf_counter()
            for sents in batches:
                enc = tok(sents, is_split_into_words=True, truncation=True, max_length=256, padding=True,
                          return_tensors="pt")
                model(**enc)
            wall = time.perf_counter() - t0
            out[f"threads_{n}"] = {"wall_s": round(wall, 2), "sentences_per_s": round(n_sent / wall, 3),
                                   "articles_per_s": round(len(texts) / wall, 4)}
    torch.set_num_threads(before)
    return out


def machine() -> dict:
    cpu = platform.processor() or ""
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        import psutil

        ram = round(psutil.virtual_memory().total / 2**30, 1)
    except Exception:  # noqa: BLE001
        ram = None
    try:
        load = os.getloadavg()[0]
    except OSError:
        load = None
    return {"cpu": cpu, "cores": len(os.sched_getaffinity(0)), "ram_gb": ram, "python": platform.python_version(),
            "load_avg_1min_at_start": load}


def row(metric, value, unit, reference=None, target=None, note=""):
    ratio = round(value / reference, 1) if reference else None
    return {"metric": metric, "value": value, "unit": unit, "reference": reference, "ratio": ratio,
            "target": target, "note": note}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small sizes (a check, not the figures)")
    ap.add_argument("--big", type=int, help="articles of the big build (default 10,000; quick 1,000)")
    ap.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)), help="all cores (default)")
    ap.add_argument("--out", type=Path, default=None,
                    help="default benchmarks/results/pipeline.json (pipeline-quick.json with --quick)")
    ap.add_argument("--skip-bert", action="store_true")
    ap.add_argument("--compare", nargs="+", metavar="DIR",
                    help="only compare the code of these source trees (e.g. /tmp/old from `git archive REV | tar "
                         "-x -C /tmp/old`, and this checkout): CPU per stage and one-worker builds, taking turns")
    ap.add_argument("--rounds", type=int, default=3, help="rounds of --compare (medians are reported)")
    ap.add_argument("--store-copies", type=int, default=0, metavar="K",
                    help="with --compare: also write K copies of the articles into one growing store, 256 a "
                         "batch (the store write of a big build; K=10: about 740k quads)")
    ap.add_argument("--child", nargs=3, metavar=("WHAT", "SRC", "TMP"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child[0], Path(args.child[1]), Path(args.child[2]))))
        return 0
    if args.compare:
        tmp = Path(tempfile.mkdtemp(prefix="kg-bench-cmp-"))
        try:
            res = compare([str(Path(t).resolve()) for t in args.compare], args.rounds, tmp, args.store_copies)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        out = args.out or ROOT / "benchmarks" / "results" / "pipeline-compare.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps({"machine": machine(), "rounds": args.rounds, "trees": res}, ensure_ascii=False,
                                  indent=1) + "\n", encoding="utf-8")
        keys = list(next(iter(res.values()))["cpu_ms_per_article"])
        print("| tree | " + " | ".join(keys) + " | 1-worker build: articles/s | CPU ms/article (extraction phase) "
              "| CPU ms/article (with compaction) |")
        print("|---" * (len(keys) + 4) + "|")
        for t, r in res.items():
            e = r["e2e_1worker"]
            print(f"| {t} | " + " | ".join(str(r["cpu_ms_per_article"][k]) for k in keys)
                  + f" | {e['articles_per_s']} | {e['cpu_ms_per_article_extraction_phase']} | {e['cpu_ms_per_article']} |"
                  + (f" store write, growing store: {e['store_growth_ms_per_article']} ms/article (second half "
                     f"{e['store_growth_ms_per_article_second_half']}), then optimize "
                     f"{e['store_growth_optimize_ms_per_article']} |" if args.store_copies else ""))
        print(f"(CPU ms per article, medians of {args.rounds} rounds; wrote {out})", file=sys.stderr)
        return 0
    sizes = dict(QUICK if args.quick else FULL)
    if args.out is None:
        args.out = ROOT / "benchmarks" / "results" / ("pipeline-quick.json" if args.quick else "pipeline.json")
    if args.big:
        sizes["big"] = args.big
    from kg.model import Document

    t_all = time.perf_counter()
    info = {"mode": "quick" if args.quick else "full", "machine": machine(), "sizes": sizes,
            "corpus": str(CORPUS if CORPUS.is_file() else SEED)}
    recs = base_records()
    recs25 = records_2500(recs)
    info["ant_chars_per_article"] = round(statistics.mean(len(r["text"]) for r in recs))
    info["chars_per_2500_article"] = round(statistics.mean(len(r["text"]) for r in recs25))
    W = args.workers

    def docs_of(rs, n):
        return [Document(id=r["id"], text=r["text"]) for r in repeated(rs, n)]

    log = lambda msg: print(f"[{time.perf_counter() - t_all:6.1f}s] {msg}", file=sys.stderr, flush=True)  # noqa: E731
    res: dict = {}
    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    try:
        log(f"first pass: {len(recs25)} distinct 2,500-char articles, each once, fresh processes")
        res["first_pass_2500"] = first_pass(recs25, tmp)
        log("extraction, one core, ant articles")
        res["extract_ant_1core"] = bench_extract(docs_of(recs, sizes["extract_ant"]), tmp)
        log("extraction, one core, 2,500-char articles")
        res["extract_2500_1core"] = bench_extract(docs_of(recs25, sizes["extract_2500"]), tmp)
        # the same corpus, each build in a fresh process: 1 worker (pinned to one core) and W
        cN = write_jsonl(tmp / "e2eN.jsonl", repeated(recs25, sizes["e2eN"]))
        log(f"end to end, 1 worker, {sizes['e2eN']} x 2,500 chars (fresh process)")
        res["e2e_2500_1core"] = in_child("e2e-1", cN, tmp / "b1")
        log(f"end to end, {W} workers, {sizes['e2eN']} x 2,500 chars (fresh process)")
        res["e2e_2500_allcores"] = in_child(f"e2e-{W}", cN, tmp / "bN")
        cw = write_jsonl(tmp / "where.jsonl", repeated(recs, sizes["where"]))
        for where in ("worker", "parent"):
            log(f"quads built in the {where}, {W} workers, {sizes['where']} ant articles")
            res[f"e2e_ant_quads_in_{where}"] = bench_build(cw, tmp / f"w-{where}", W, where)
            shutil.rmtree(tmp / f"w-{where}", ignore_errors=True)
        cb = write_jsonl(tmp / "big.jsonl", repeated(recs, sizes["big"]))
        log(f"big build, {W} workers, {sizes['big']} ant articles")
        res["big_build"] = bench_build(cb, tmp / "big", W)
        shutil.rmtree(tmp / "big", ignore_errors=True)
        if not args.skip_bert:
            n = sizes["bert"]
            log(f"bert-base reference, {n} x 2,500-char articles, 1 and {W} threads")
            res["bert_reference"] = bench_bert([r["text"] for r in recs25[:n]], [r["text"] for r in recs],
                                               sorted({1, W}))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    # ratios
    bert = res.get("bert_reference") or {}
    b1 = (bert.get("threads_1") or {}).get("articles_per_s")
    bN = (bert.get(f"threads_{W}") or {}).get("articles_per_s")
    ant_per_2500 = info["chars_per_2500_article"] / info["ant_chars_per_article"]
    b1_ant = b1 * ant_per_2500 if b1 else None  # bert cost scales with text length (sentences)
    e1, eN = res["e2e_2500_1core"], res["e2e_2500_allcores"]
    cost = res["extract_2500_1core"]["cpu_ms_per_article"]
    total_ms = sum(cost.values())
    fp = res["first_pass_2500"]
    fp_cost = fp["stages"]["cpu_ms_per_article"]
    rows = [
        row(f"first pass, 1 core, {fp['e2e']['articles']} distinct 2,500-char articles each once: end to end",
            fp["e2e"]["articles_per_s"], "articles/s", b1, ">= 100/s",
            note=f"{fp['e2e']['cpu_ms_per_article']} ms CPU/article; fresh process, no warmed caches"),
        row("first pass CPU per article: " + ", ".join(f"{k} {v}" for k, v in fp_cost.items()),
            round(sum(fp_cost.values()), 1), "ms (CPU)", None, "<= 10 ms",
            note=f"{fp['stages']['quads_per_article']} quads/article; former transactional store write "
                 f"{fp['stages']['store_write_txn_cpu_ms_per_article']} ms"),
        row("extraction, 1 core, ant articles (~%d chars)" % info["ant_chars_per_article"],
            res["extract_ant_1core"]["articles_per_s_cpu"], "articles/s (CPU)", b1_ant,
            note="reference scaled by length"),
        row("extraction, 1 core, 2,500-char articles", res["extract_2500_1core"]["articles_per_s_cpu"],
            "articles/s (CPU)", b1),
        row("extraction, 1 core, 2,500-char articles (MB/s)", res["extract_2500_1core"]["mb_per_s_cpu"], "MB/s (CPU)",
            round(b1 * info["chars_per_2500_article"] * 2 / 1e6, 5) if b1 else None, note="Arabic ~2 bytes/char"),
        row("CPU per 2,500-char article: " + ", ".join(f"{k} {v}" for k, v in cost.items()), round(total_ms, 1),
            "ms (CPU)", None, "<= 10 ms (100/s)",
            note=f"= {round(1000 / total_ms, 1)} articles/s per core; "
                 f"{res['extract_2500_1core']['quads_per_article']} quads/article"),
        row("end to end (text -> store), 1 core, 2,500-char", e1["articles_per_s"], "articles/s", b1, ">= 100/s",
            note=f"wall clock after model loading; {e1['cpu_ms_per_article']} ms CPU/article"),
        row(f"end to end, {W} cores, 2,500-char", eN["articles_per_s"], "articles/s", bN,
            note=f"{eN['cpu_ms_per_article']} ms CPU/article, all processes; CPUs used {eN['cpus_used']} "
                 f"(1 core: {e1['cpus_used']}), load average {eN['load_avg_1min']}"),
        row(f"scaling {W} cores / 1 core (end to end)", round(eN["articles_per_s"] / e1["articles_per_s"], 2), "x",
            None, ">= 1.8x"),
        row(f"CPU per article, {W} workers / 1 worker (parallel overhead)",
            round(eN["cpu_ms_per_article"] / e1["cpu_ms_per_article"], 2) if e1["cpu_ms_per_article"] else None, "x",
            None, "~1", note=f"parent (reading + writing) {eN['parent_cpu_ms_per_article']} ms/article"),
        row(f"parent CPU per article, {W} workers, extraction phase", eN["parent_cpu_ms_per_article_extraction_phase"],
            "ms (CPU)", None, f"< {round(eN['cpu_ms_per_article'] / W, 1)} (CPU per article / cores)",
            note=f"cutting the input into units, receiving results, journal, store writes (RocksDB threads "
                 f"included); all processes {eN['cpu_ms_per_article_extraction_phase']} ms/article; "
                 f"load average {eN['load_avg_1min']} at the end of the build"),
        row(f"modelled {W}-core throughput on an idle machine", round(min(
            W * 1000 / eN["cpu_ms_per_article"], 1000 / max(eN["parent_cpu_ms_per_article"], 1e-9)), 1)
            if eN["cpu_ms_per_article"] else None, "articles/s", None,
            note="min(cores / CPU per article, 1 / parent CPU per article): the wall figures above depend "
                 "on how busy the machine is"),
        row(f"quads built in workers vs in the parent ({W} cores)",
            round(res["e2e_ant_quads_in_worker"]["articles_per_s"] / res["e2e_ant_quads_in_parent"]["articles_per_s"],
                  2), "x", None, note="> 1: workers faster"),
        row(f"big build, {W} cores, {sizes['big']} ant articles", res["big_build"]["articles_per_s"], "articles/s",
            round(bN * ant_per_2500, 4) if bN else None),
        row(f"peak RSS (parent + workers), {sizes['big']}-article build", res["big_build"]["peak_rss_mb"], "MB",
            None, "< 2,000 MB at 100k",
            note=f"first half {res['big_build']['peak_rss_first_half_mb']} MB, "
                 f"second half {res['big_build']['peak_rss_second_half_mb']} MB"),
        row("store on disk per 1,000 ant articles",
            round(res["big_build"]["store_mb"] / max(1, res["big_build"]["articles"]) * 1000, 1), "MB"),
    ]
    g = fp["stages"].get("store_growth")
    if g:
        rows.append(row(f"store write into a growing store: {g['articles']} articles ({g['quads']} quads), "
                        f"{g['batch']} a batch", g["ms_per_article"], "ms (CPU) per article",
                        note=f"second half {g['ms_per_article_second_half']} ms; first batch "
                             f"{g['ms_per_article_by_batch'][0]} ms; then optimize {g['optimize_ms_per_article']} ms"))
    for key, m in (fp["stages"].get("store_methods") or {}).items():
        method, n = key.split("/")
        note = f"{m['quads']} quads into an on-disk store, markers and parsing included"
        if "optimize_us_per_quad" in m:
            note += f"; a compaction (optimize) afterwards: {m['optimize_us_per_quad']} us/quad"
        rows.append(row(f"store write: {method}, {n} documents per call", m["us_per_quad"], "us/quad (CPU)",
                        note=note + (" (kg build's way)" if key == "bulk_load/256" else "")))
    if b1:
        rows.append(row("bert-base NER reference, 1 thread", b1, "articles/s (2,500 chars)",
                        note=f"{bert['threads_1']['sentences_per_s']} sentences/s"))
    if bN and W != 1:
        rows.append(row(f"bert-base NER reference, {W} threads", bN, "articles/s (2,500 chars)",
                        note=f"{bert[f'threads_{W}']['sentences_per_s']} sentences/s"))
    info.update(results=res, rows=rows, seconds=round(time.perf_counter() - t_all, 1))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(info, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"| metric | value | unit | reference (bert-base) | ratio | target |\n|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['metric']} | {r['value']} | {r['unit']} | {r['reference'] if r['reference'] is not None else ''} "
              f"| {r['ratio'] if r['ratio'] is not None else ''} | {r['target'] or ''} |")
    print(f"(wrote {args.out}; {info['seconds']} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
