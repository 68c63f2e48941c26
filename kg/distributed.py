"""Distributed builds on a Dask cluster: corpus partitions -> N-Quads shards -> a store or a server.

``kg build CORPUS --dask tcp://scheduler:8786`` (or ``--dask local``: a
``distributed.LocalCluster`` of two single-threaded worker processes) runs
:func:`build_dask`:

1. the client cuts the inputs into **partitions** without reading documents: a JSON Lines
   file into ranges of ``partition_size`` lines (byte offsets found by scanning for line
   ends), other files (text pages, HTML) into groups of files.  Only these small descriptors
   travel to the cluster; each worker reads its own range, so the client never holds the
   corpus (on a real cluster the inputs and the shard folder must be on a file system every
   worker sees, under the same paths);
2. each partition becomes, on a worker, ``part-NNNNN-HASH.nq`` (both named graphs of every
   document, as :func:`kg.rdf.build.build` makes them, with the documents' completion
   markers -- their ``ankg:contentHash`` quads -- gathered at the end), ``.jsonl`` (the
   extractions) and ``.json`` (counts, failures, and an index: each document's id, IRI and
   content hash, the byte offset of the markers and the file size), each written to a
   temporary name and renamed, the ``.json`` last: a partition whose ``.json`` exists is done, so a rerun skips it.  The
   hash in the name covers the partition's inputs and options, so changed inputs are redone;
3. unless ``load=False``, the shards are loaded in partition order into ``OUT/store`` with
   :func:`load_shards` (what ``kg load`` runs), and the exports and views are written as
   by a local build.

Every document of a build is stamped with one run time (``run_time``), so a Dask build and
a local build (:mod:`kg.build`) of the same inputs with the same run time give the same quads.

Loading is idempotent per document: the shard carries each document's content hash in its
provenance graph, a document already stored with that hash is skipped, a changed one
replaces its two graphs in one transaction, new ones are bulk-loaded ``batch_size`` at a
time (:meth:`kg.rdf.store.Store.write_new_documents`, crash-safe).  A shard whose index
matches it and none of whose documents is stored yet (the common case) is loaded whole:
one bulk load of everything before the markers, then the markers, without parsing it in
Python (about 14 us of CPU per quad instead of 20, benchmarks/bench_store.py).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from . import __version__
from .build import (
    DEFAULT_FORMATS,
    JOURNAL,
    STORE_DIR,
    SUMMARY,
    BuildSummary,
    DocResult,
    StoreWriter,
    _failure,
    _write_json,
    check_run_time,
    input_hash,
    now_iso,
    process_document,
    read_journal,
    compact_journal,
    store_counts,
    write_outputs,
)
from .config import Config
from .errors import ConfigError, InputError

DEFAULT_PARTITION_SIZE = 500
LOCAL = "local"


@dataclass(frozen=True)
class Partition:
    """A slice of the inputs: lines [first_line, ...) at bytes [start, end) of one JSONL file,
    or a list of whole files."""

    index: int
    kind: str  # "jsonl" or "files"
    path: str = ""
    start: int = 0
    end: int = 0
    first_line: int = 1
    files: tuple[str, ...] = ()

    def key(self, extra: str) -> str:
        h = hashlib.sha256()
        h.update(json.dumps([self.kind, self.path, self.start, self.end, self.first_line, list(self.files), extra],
                            ensure_ascii=False).encode("utf-8"))
        for f in ([self.path] if self.kind == "jsonl" else self.files):
            try:
                st = os.stat(f)
                h.update(f"{st.st_size}:{st.st_mtime_ns}".encode())
            except OSError:
                pass
        return h.hexdigest()[:10]


def _jsonl_ranges(path: Path, size: int) -> Iterator[tuple[int, int, int]]:
    """(start byte, end byte, first line number) of consecutive ranges of ``size`` lines."""
    start, line, count, pos = 0, 1, 0, 0
    with open(path, "rb") as f:
        while True:
            block = f.read(1 << 20)
            if not block:
                break
            i = 0
            while True:
                j = block.find(b"\n", i)
                if j < 0:
                    break
                count += 1
                i = j + 1
                if count == size:
                    end = pos + i
                    yield start, end, line
                    start, line, count = end, line + size, 0
            pos += len(block)
    if pos > start:
        yield start, pos, line


def partitions(paths: Iterable[str], size: int = DEFAULT_PARTITION_SIZE) -> list[Partition]:
    """Partitions of the inputs, in input order (folders walked in sorted order)."""
    from .ingest.readers import JSONL_EXTS, _sniff, walk_dir

    if size < 1:
        raise ConfigError(f"--partition-size {size}: give at least 1")
    out: list[Partition] = []
    files: list[str] = []

    def flush_files() -> None:
        while files:
            out.append(Partition(index=len(out), kind="files", files=tuple(files[:size])))
            del files[:size]

    for p in paths:
        path = Path(p)
        if p == "-":
            raise ConfigError("--dask reads files and folders, not standard input (-)")
        found = walk_dir(path, lambda msg: None) if path.is_dir() else [path]
        for fp in found:
            is_jsonl = fp.suffix.lower() in JSONL_EXTS
            if not is_jsonl and fp.is_file() and fp.suffix.lower() not in (".txt", ".text", ".html", ".htm"):
                try:
                    with open(fp, "rb") as f:
                        is_jsonl = _sniff(f.read(4096)) == "jsonl"
                except OSError:
                    pass
            if is_jsonl and fp.is_file() and fp.stat().st_size > 0:
                flush_files()
                for start, end, line in _jsonl_ranges(fp, size):
                    out.append(Partition(index=len(out), kind="jsonl", path=str(fp), start=start, end=end,
                                         first_line=line))
            else:  # text/HTML pages, and paths that fail (reported by the worker that reads them)
                files.append(str(fp))
    flush_files()
    return out


_STDIN_LINE = re.compile(r"<stdin>:(\d+)")


def partition_documents(part: Partition, *, date=None, source=None, url=None,
                        on_error: Callable[[str], None]) -> Iterator[Any]:
    """The documents of a partition, as :func:`kg.ingest.read_paths` reads them from the
    whole input (same ids, metadata, paths ``file:line`` and error messages)."""
    from .ingest import read_paths

    if part.kind == "files":
        yield from read_paths(list(part.files), date=date, source=source, url=url,
                              on_error=lambda e: on_error(str(e)), on_warning=lambda m: None)
        return
    with open(part.path, "rb") as f:
        f.seek(part.start)
        data = f.read(part.end - part.start)
    offset = part.first_line - 1

    def fix(s: str) -> str:
        return _STDIN_LINE.sub(lambda m: f"{part.path}:{int(m.group(1)) + offset}", s)

    def err(e) -> None:
        msg = str(e)
        if "empty file (no JSON records)" in msg:
            return  # a range of blank lines
        on_error(fix(msg))

    for doc in read_paths(["-"], stdin=io.BytesIO(data), stdin_format="jsonl", date=date, source=source, url=url,
                          on_error=err, on_warning=lambda m: None):
        if doc.path:
            doc.path = fix(doc.path)
        yield doc


_PIPELINES: dict[str, Any] = {}  # per worker process: one Pipeline per configuration


def _pipeline(config: Config):
    key = repr(config)
    if key not in _PIPELINES:
        from .pipeline import Pipeline

        _PIPELINES[key] = Pipeline(config)
    return _PIPELINES[key]


def _atomic_open(path: Path, mode: str = "wb"):
    tmp = path.with_name("." + path.name + f".{os.getpid()}.tmp")
    return tmp, open(tmp, mode)


def build_partition(part: Partition, shard_dir: str, config: Config, run_time: str, ingest: dict) -> dict:
    """Extract one partition into its shard files (on a worker); returns its summary.
    A partition already done (its ``.json`` exists) is not redone."""
    shard_dir_p = Path(shard_dir)
    name = f"part-{part.index:05d}-{part.key(repr(config) + run_time + json.dumps(ingest, sort_keys=True) + __version__)}"
    done = shard_dir_p / f"{name}.json"
    if done.is_file():
        try:
            info = json.loads(done.read_text(encoding="utf-8"))
            info["reused"] = True
            return info
        except (OSError, ValueError):
            pass
    shard_dir_p.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    failures: list[str] = []
    info: dict[str, Any] = {"partition": part.index, "name": name, "nquads": f"{name}.nq", "jsonl": f"{name}.jsonl",
                            "documents": 0, "extracted": 0, "entities": 0, "events": 0, "quads": 0}
    pipe = _pipeline(config)
    markers: list[bytes] = []
    index: list[list[str]] = []  # [id, IRI, content hash] of each document, in shard order
    nq_tmp, nq = _atomic_open(shard_dir_p / f"{name}.nq")
    js_tmp, js = _atomic_open(shard_dir_p / f"{name}.jsonl", "wb")
    try:
        with nq, js:
            for doc in partition_documents(part, on_error=failures.append, **ingest):
                info["documents"] += 1
                r = process_document(pipe, doc, input_hash(doc, config), config.base_iri, run_time, True)
                if not r.ok:
                    failures.append(r.error)
                    continue
                nq.write(r.nquads)
                markers.append(r.marker)
                index.append([r.doc_id, r.doc_iri, r.content_hash])
                js.write(r.line + b"\n")
                info["extracted"] += 1
                info["entities"] += r.entities
                info["events"] += r.events
                info["quads"] += r.n_quads
            # the documents' completion markers last (kg load writes them after the rest)
            marker_offset = nq.tell()
            for m in markers:
                nq.write(m)
            size = nq.tell()
        os.replace(nq_tmp, shard_dir_p / f"{name}.nq")
        os.replace(js_tmp, shard_dir_p / f"{name}.jsonl")
    except BaseException:
        for t in (nq_tmp, js_tmp):
            try:
                os.unlink(t)
            except OSError:
                pass
        raise
    info["failures"] = failures
    info["index"] = {"marker_offset": marker_offset, "size": size, "docs": index}
    info["seconds"] = round(time.perf_counter() - t0, 3)
    _write_json(done, info)
    info["reused"] = False
    return info


# --- loading shards -----------------------------------------------------------------------------


def shard_documents(path: str | os.PathLike) -> Iterator[DocResult]:
    """The documents of an N-Quads shard: each document's two named graphs with its content
    hash (from its provenance graph).  Quads outside document graphs raise InputError."""
    import pyoxigraph as ox

    from .rdf.vocab import ANKG

    path = Path(path)
    groups: dict[str, list] = {}
    try:
        for q in ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS):
            g = q.graph_name
            if not isinstance(g, ox.NamedNode) or not g.value.endswith(("#graph", "#provenance")):
                raise InputError(f"{path}: a quad outside the documents' named graphs ({q}); not a kg shard")
            groups.setdefault(g.value.rsplit("#", 1)[0], []).append(q)
    except (SyntaxError, ValueError) as exc:
        raise InputError(f"{path}: not valid N-Quads ({exc})") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    for doc_iri, quads in groups.items():
        doc = ox.NamedNode(doc_iri)
        pg = ox.NamedNode(doc_iri + "#provenance")
        marks = [q for q in quads if q.subject == doc and q.predicate == ANKG.contentHash and q.graph_name == pg]
        doc_id = next((q.object.value for q in quads if q.subject == doc and q.graph_name == pg
                       and q.predicate.value == "http://purl.org/dc/terms/identifier"), doc_iri)
        if len(marks) != 1:
            raise InputError(f"{path}: document <{doc_iri}> has {len(marks)} content hashes in its provenance "
                             "graph (a kg document has one); not a kg shard")
        body = [q for q in quads if q != marks[0]]
        yield DocResult(doc_id=doc_id, where=str(path), doc_iri=doc_iri, content_hash=marks[0].object.value,
                        quads=body, marker=ox.serialize(marks, format=ox.RdfFormat.N_QUADS), n_quads=len(quads))


def _bulk_shard(store, shard: Path, before: Callable[[list[str]], None]) -> list[str] | None:
    """Load a whole shard of new documents with one bulk load (the fast path of
    :func:`load_shards`): when its ``.json`` index (written by :func:`build_partition`)
    matches the file and none of its documents is in the store, its quads (all but the
    markers, which the shard holds at its end) are bulk-loaded and the markers written after
    them (:meth:`kg.rdf.store.Store.write_new_documents`); ``before(ids)`` runs just before the
    write.  Returns the ids of the documents added, or None to take the per-document path
    (documents already stored, no index, ...)."""
    import pyoxigraph as ox

    from .rdf.vocab import ANKG

    try:
        idx = json.loads(shard.with_suffix(".json").read_text(encoding="utf-8"))["index"]
        off, size, docs = int(idx["marker_offset"]), int(idx["size"]), [(str(a), str(b), str(c)) for a, b, c in idx["docs"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    try:
        if shard.stat().st_size != size or not docs or not 0 <= off <= size:
            return None
        iris = [iri for _, iri, _ in docs]
        if len(set(iris)) != len(iris):
            return None
        for iri in iris:
            doc, g, pg = ox.NamedNode(iri), ox.NamedNode(iri + "#graph"), ox.NamedNode(iri + "#provenance")
            if store._stored_hash(doc, pg) is not None or store.ox.contains_named_graph(g) \
                    or store.ox.contains_named_graph(pg):
                return None
        with open(shard, "rb") as f:
            data = f.read()
        marks = list(ox.parse(data[off:], format=ox.RdfFormat.N_QUADS))
    except (OSError, ValueError, SyntaxError):
        return None
    expected = {(iri, h) for _, iri, h in docs}
    got = {(q.subject.value, q.object.value) for q in marks
           if q.predicate == ANKG.contentHash and isinstance(q.graph_name, ox.NamedNode)
           and q.graph_name.value == q.subject.value + "#provenance"}
    if len(marks) != len(docs) or got != expected:
        return None
    ids = [doc_id for doc_id, _, _ in docs]
    before(ids)
    try:
        store.write_new_documents(iris, marks, nquads=data[:off])
    except (InputError, SyntaxError, ValueError) as exc:
        raise InputError(f"{shard}: not valid N-Quads ({exc})") from None
    return ids


def load_shards(store, shards: Iterable[str | os.PathLike], *, journal=None, batch_size: int = 256,
                on_shard: Callable[[str, int], None] | None = None):
    """Load N-Quads shards into a :class:`kg.rdf.store.Store`, idempotently per document.

    With ``journal`` (an open text file), each shard's ``.jsonl`` companion (if present)
    contributes the extraction lines of the documents loaded.  Returns the writer's Counter
    (``added``/``replaced``/``unchanged``)."""
    writer = StoreWriter(store, journal, batch_size=batch_size)
    for shard in shards:
        shard = Path(shard)
        lines: dict[str, str] = {}
        comp = shard.with_suffix(".jsonl")
        if journal is not None and comp.is_file():
            from .build import _journal_key

            with open(comp, encoding="utf-8") as f:
                for line in f:
                    key = _journal_key(line)
                    if key is not None:
                        lines[key[0]] = line.rstrip("\n")
        def journal_lines(ids: list[str]) -> None:
            if journal is not None:
                for doc_id in ids:
                    if lines.get(doc_id):
                        journal.write(lines[doc_id] + "\n")
                journal.flush()  # lines reach the OS before their documents reach the store

        fast = _bulk_shard(store, shard, journal_lines)
        if fast is not None:
            writer.stats["added"] += len(fast)
            if on_shard is not None:
                on_shard(str(shard), len(fast))
            continue
        n = 0
        for res in shard_documents(shard):
            res.line = lines.get(res.doc_id, "")
            writer.add(res)
            n += 1
        writer.flush()
        if on_shard is not None:
            on_shard(str(shard), n)
    return writer.stats


# --- the distributed build -----------------------------------------------------------------------


@dataclass
class DaskOptions:
    address: str = LOCAL
    out: Path = Path("exports")
    shards: Path | None = None  # default out/shards
    config: Config = field(default_factory=Config)
    base_iri: str | None = None
    date: str | None = None
    source: str | None = None
    url: str | None = None
    formats: tuple[str, ...] = DEFAULT_FORMATS
    formats_explicit: bool = False
    views: bool = True
    load: bool = True
    run_time: str | None = None
    partition_size: int = DEFAULT_PARTITION_SIZE
    n_workers: int = 2  # for a LocalCluster
    quiet: bool = False
    progress: bool | None = None


def _client(address: str, n_workers: int):
    from distributed import Client, LocalCluster

    if address == LOCAL:
        cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=None)
        return Client(cluster), cluster
    if not re.match(r"^(tcp|tls|ucx|inproc)://", address):
        raise ConfigError(f"--dask {address!r}: give a scheduler address such as tcp://host:8786, or 'local'")
    try:
        return Client(address, timeout="30s"), None
    except (OSError, TimeoutError) as exc:
        raise ConfigError(f"--dask {address}: cannot reach the scheduler ({exc})") from None


def build_dask(paths: list[str], opts: DaskOptions, *, report: Callable[[str], None] | None = None) -> BuildSummary:
    """A distributed build; see the module docstring."""
    from .ingest.dates import parse_date
    from .rdf.store import Store

    t_start = time.perf_counter()
    report = report or (lambda line: print(line, file=sys.stderr))
    if opts.date and not parse_date(opts.date):
        raise ConfigError(f"--date: cannot read {opts.date!r} as a date (use e.g. 2023-08-16)")
    out = Path(opts.out)
    out.mkdir(parents=True, exist_ok=True)
    shard_dir = (opts.shards or out / "shards").resolve()
    shard_dir.mkdir(parents=True, exist_ok=True)
    # one run time per build; a rerun without --run-time continues the previous build (and
    # so reuses its finished partitions, whose names depend on the run time)
    state = shard_dir / "build.json"
    run_time = None
    if opts.run_time:
        run_time = check_run_time(opts.run_time)
    elif state.is_file():
        try:
            run_time = check_run_time(json.loads(state.read_text(encoding="utf-8"))["run_time"])
        except (OSError, ValueError, KeyError, TypeError, ConfigError):
            run_time = None
    run_time = run_time or now_iso()
    _write_json(state, {"run_time": run_time, "inputs": list(paths)})
    summary = BuildSummary(out=str(out), store=str(out / STORE_DIR), run_time=run_time, inputs=list(paths))
    config = opts.config
    if opts.load:  # the store decides the base IRI (an existing store keeps its own)
        st = Store(out / STORE_DIR, base_iri=opts.base_iri)
        config = config.with_(base_iri=st.base_iri)
        st.close()
    missing = [p for p in paths if not Path(p).exists()]
    for p in missing:
        summary.failures.append({"where": p, "reason": "no such file or directory"})
        report(f"error: {p}: no such file or directory")
    parts = partitions([p for p in paths if p not in missing], opts.partition_size)
    ingest = {"date": opts.date, "source": opts.source, "url": opts.url}
    show = opts.progress if opts.progress is not None else (not opts.quiet and sys.stderr.isatty())
    infos: list[dict] = []
    t_ex = time.perf_counter()
    if parts:
        client, cluster = _client(opts.address, opts.n_workers)
        summary.workers = len(client.scheduler_info().get("workers", {})) or opts.n_workers
        try:
            from distributed import as_completed

            futures = client.map(build_partition, parts, shard_dir=str(shard_dir), config=config,
                                 run_time=run_time, ingest=ingest, pure=False)
            bar = None
            if show:
                from tqdm import tqdm

                bar = tqdm(total=len(parts), desc="kg build (dask)", unit="part", file=sys.stderr)
            try:
                for fut in as_completed(futures):
                    infos.append(fut.result())
                    if bar is not None:
                        bar.update(1)
            finally:
                if bar is not None:
                    bar.close()
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
    infos.sort(key=lambda i: i["partition"])
    summary.seconds_extract = round(time.perf_counter() - t_ex, 3)
    for info in infos:
        summary.documents_read += info["documents"]
        if info.get("reused"):
            summary.documents_skipped += info["extracted"]
        else:
            summary.documents_extracted += info["extracted"]
            summary.entities += info["entities"]
            summary.events += info["events"]
        for msg in info.get("failures", []):
            summary.failures.append(_failure(msg))
            report(f"error: {msg}")
    summary.docs_per_second = round(summary.documents_extracted / summary.seconds_extract, 2) \
        if summary.seconds_extract > 0 else 0.0
    shard_paths = [shard_dir / info["nquads"] for info in infos]
    _write_json(shard_dir / "shards.json", {"run_time": run_time, "shards": [p.name for p in shard_paths]})
    if opts.load:
        store = Store(out / STORE_DIR, base_iri=opts.base_iri)
        try:
            journal_path = out / JOURNAL
            ledger, dirty = read_journal(journal_path)
            with open(journal_path, "a", encoding="utf-8") as journal:
                stats = load_shards(store, shard_paths, journal=journal)
            if ledger or dirty:
                compact_journal(journal_path, store.has_document)
            summary.added, summary.replaced, summary.unchanged = stats["added"], stats["replaced"], stats["unchanged"]
            write_outputs(store, out, opts.formats, opts.views, summary, report, explicit=opts.formats_explicit)
            store.flush()
            summary.store_documents = len(store.documents())
            summary.store_quads = len(store)
            summary.store_entities, summary.store_events = store_counts(store)
        finally:
            store.close()
    else:
        summary.store = ""
        summary.exports = {"shards": str(shard_dir)}
    summary.seconds = round(time.perf_counter() - t_start, 3)
    summary.exit_code = 1 if (summary.failures or summary.errors) else 0
    _write_json(out / SUMMARY, summary.to_dict())
    return summary
