"""Corpus builds: inputs -> extraction (on all cores) -> the persistent store -> exports -> views.

:func:`build_corpus` is what ``kg build`` runs::

    OUT/store/              the persistent store (kg.rdf.store), one writer: this process
    OUT/extractions.jsonl   the JSON seam of every document (one Extraction a line, in input
                            order, each with a leading ``"build"`` record: id and input hash)
    OUT/graph.ttl .trig .jsonld .graphml (+ --formats), OUT/events.csv
    OUT/views/              the HTML views (kg.viz.write_views), when kg.viz is available
    OUT/build-summary.json  counts, failures with reasons, timings

How the work is split (measured in benchmarks/bench_pipeline.py):

- this process only cuts the inputs into *units* (:func:`kg.ingest.readers.read_units`: a
  JSON Lines record as its raw bytes, a page file as its name; only what must be streamed,
  such as a large text file or standard input in text form, is read here) and sends them to
  worker processes (``spawn``/``forkserver``, never ``fork``: the store and its RocksDB
  threads must not be forked).  Each worker builds one :class:`~kg.pipeline.Pipeline` and
  turns its units into documents (decoding, page segmentation, metadata), hashes them,
  skips those already built (see *Resuming*) and turns the others into (a) the extraction's
  journal line (UTF-8 bytes) and (b) the document's quads, built by
  :func:`kg.rdf.build.build` and serialized as N-Quads bytes.  So this process, which every
  document passes through, does little per document beyond receiving bytes, appending the
  journal line and handing the quads to the store (``build_in="parent"`` builds them here, which
  costs about 2 ms of Python per 2,500-character document; ``--workers 1`` does everything in
  this process);
- documents go out in batches with a bounded number in flight (a window of futures, not
  ``Pool.imap``, whose feeder thread would read the whole input ahead), so memory does not
  grow with the corpus; results come back in input order;
- this process is the only writer: new documents are bulk-loaded ``batch_size`` at a time
  (at most :attr:`StoreWriter.MAX_BATCH_BYTES` of N-Quads) with the store's crash-safe
  protocol (:meth:`kg.rdf.store.Store.write_new_documents`: quads, then the documents'
  completion markers, which go in with the next batch's bulk load: markers written in a
  transaction made RocksDB flush its memtable into extra files at every bulk load, and
  compact more; 10% less store-write CPU on 1,000 articles), changed ones are replaced one
  transaction each, unchanged ones (same
  content hash) are left alone.  The writes run in a writer thread (pyoxigraph releases the
  GIL), so reading inputs and feeding the workers go on while the store writes; store
  writes are the largest per-document cost after extraction, and this process's main one
  (benchmarks/bench_pipeline.py, ``store write`` rows: ``Store.bulk_load`` of N-Quads bytes,
  256 documents a call, about 11 us of CPU per quad into a small store, about twice that
  once it holds a million quads, as RocksDB compacts more (``store_growth``); 30% more in
  calls of 64; calls of 512-1,024 are no cheaper on a small store but
  15-20% cheaper once it holds ~700k quads; parsed quads through ``bulk_extend`` 1.3x, a
  transaction -- ``load`` or ``extend`` -- 3.5x).  When the input ends, the writer starts on what it holds while
  the workers finish the last batches.  After a build that wrote at least
  :data:`OPTIMIZE_SHARE` of the store's quads, the store is compacted (``Store.optimize``:
  about 5 us of CPU per quad of the whole store, so a build adding a few documents to a big
  store leaves that to RocksDB's background compaction).

Resuming: every document written to the store first has its line appended (and flushed) to
``extractions.jsonl``, carrying the document's *input hash* (SHA-256 of the document as read
-- text, metadata, body ranges -- and of the options that shape its extraction: NER backend,
base IRI, software version).  A rerun reads those (id, input hash) pairs and skips, without
extracting, every document whose id is in the store with the same input hash (the workers get
the set of those pairs when they start; a document that an earlier document of the same run,
with the same id and another text, replaced since is extracted again).  A build killed at
any point (SIGINT, SIGKILL) therefore restarts where it stopped, and ends with the store an
uninterrupted build gives: a document is in the store only once its completion marker is (a
kill mid-write leaves unmarked graphs that the next writable open of the store drops), and a
document whose line was written but whose marker was not is simply done again.  The journal
is compacted (one line per stored document, last version wins) at the end of a resumed
build.

Run time: every document of a build is stamped with one run time (``run_time``, default
the start of the build), so two builds of the same inputs with the same ``run_time`` give
identical quads, whatever the number of workers or machines (see :mod:`kg.distributed`).
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import signal
import sys
import threading
import time
from collections import Counter, deque
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from . import __version__
from .config import Config
from .errors import ConfigError, InputError, KGError

#: Export formats written by default (file names in :data:`EXPORT_NAMES`).
DEFAULT_FORMATS = ("turtle", "trig", "jsonld", "graphml", "csv")
EXPORT_NAMES = {"turtle": "graph.ttl", "trig": "graph.trig", "jsonld": "graph.jsonld", "graphml": "graph.graphml",
                "nquads": "graph.nq", "ntriples": "graph.nt", "gexf": "graph.gexf", "nodelink": "graph.json",
                "csv": "events.csv"}
#: Above this many quads a default build skips the JSON-LD export (rdflib's JSON-LD writer
#: holds the whole graph in memory several times over); --formats jsonld still writes it.
JSONLD_AUTO_MAX = 2_000_000
#: The store is compacted after a build that wrote at least this share of its quads.
OPTIMIZE_SHARE = 0.1
JOURNAL = "extractions.jsonl"
SUMMARY = "build-summary.json"
STORE_DIR = "store"
VIEWS_DIR = "views"


def now_iso() -> str:
    return _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat()


def check_run_time(value: str) -> str:
    """An ISO 8601 date-time with a time zone, normalized; ConfigError otherwise."""
    try:
        t = _dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise ConfigError(f"--run-time {value!r}: not an ISO 8601 date-time (e.g. 2024-05-01T12:00:00+00:00)") from None
    if t.tzinfo is None:
        t = t.replace(tzinfo=_dt.timezone.utc)
    return t.isoformat()


def parse_formats(spec: str | Iterable[str] | None) -> tuple[str, ...]:
    """``"turtle,trig"`` (or a list; ``none`` for no exports) -> normalized export formats."""
    from .export import normalize_format

    if spec is None:
        return DEFAULT_FORMATS
    items = spec.split(",") if isinstance(spec, str) else list(spec)
    items = [s.strip() for s in items if s and s.strip()]
    if items == ["none"]:
        return ()
    out: list[str] = []
    for s in items:
        f = normalize_format(s)
        if f not in out:
            out.append(f)
    return tuple(out)


def input_hash(doc, config: Config) -> str:
    """SHA-256 of a document as read (its path excepted) and of what shapes its extraction."""
    d = doc.to_dict(with_text=True)
    d.pop("path", None)
    key = {"doc": d, "ner": config.ner, "base": config.base_iri, "min_conf": config.min_event_confidence,
           "unasserted": config.keep_unasserted, "software": __version__}
    return hashlib.sha256(json.dumps(key, ensure_ascii=False, sort_keys=True, default=str).encode("utf-8")).hexdigest()


# --- the work of one document (in a worker, or in-process) --------------------------------------


@dataclass
class DocResult:
    """What extraction (and RDF building) of one document hands to the writer."""

    doc_id: str
    where: str
    ok: bool = True
    error: str = ""
    line: bytes = b""  # the journal line (JSON as UTF-8, no newline)
    input_hash: str = ""
    doc_iri: str = ""
    content_hash: str = ""
    nquads: bytes = b""  # both named graphs but the marker, when built in the worker
    marker: bytes = b""  # the completion marker (the contentHash quad) as one N-Quads line
    quads: list | None = None  # both named graphs but the marker as pyoxigraph quads (loading shards)
    n_quads: int = 0
    extraction: Any = None  # the Extraction, when the parent builds the quads
    entities: int = 0
    events: int = 0


_JOURNAL_ENCODER = json.JSONEncoder(ensure_ascii=False, check_circular=False)  # json.dumps's output


def journal_line(ex, ihash: str) -> str:
    d = {"build": {"id": ex.doc.id, "input_hash": ihash}}
    d.update(ex.to_dict(with_text=True))  # fresh dicts and lists: no cycle to look for
    return _JOURNAL_ENCODER.encode(d)


def process_document(pipeline, doc, ihash: str, base_iri: str, run_time: str, build_quads: bool) -> DocResult:
    """Extract one document (and build its quads); errors become a failed DocResult."""
    where = doc.path or doc.id
    res = DocResult(doc_id=doc.id, where=where, input_hash=ihash)
    try:
        ex = pipeline.extract(doc)
        res.line = journal_line(ex, ihash).encode("utf-8")
        res.entities, res.events = len(ex.entities), len(ex.events)
        if build_quads:
            from .rdf.build import build

            built = build(ex, base_iri, run_time)
            res.doc_iri, res.content_hash = built.doc_iri, built.content_hash
            res.nquads, res.marker = built.body_nquads, built.marker_nquads
            res.n_quads = len(built)
        else:
            res.extraction = ex
    except KGError as exc:
        res.ok, res.error = False, f"{where}: {exc}"
    except Exception as exc:  # a bug in one stage must not stop the other documents
        if os.environ.get("KG_DEBUG"):
            raise
        res.ok, res.error = False, (f"{where}: internal error in extraction ({type(exc).__name__}: {exc}); "
                                    "rerun with KG_DEBUG=1 for the traceback")
    return res


_WORKER: dict[str, Any] = {}  # per worker process: its pipeline and run settings


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    try:  # a killed build stays a zombie until its own parent reaps it
        with open(f"/proc/{pid}/stat", "rb") as f:
            return f.read().rsplit(b")", 1)[1].split()[0] == b"Z"
    except (OSError, IndexError):
        return False


def _watch_parent(build_pid: int) -> None:
    """Exit when the build process dies (SIGKILL leaves no chance to stop the workers).  The
    worker's parent is the build (spawn) or the fork server, which exits with the build."""
    parent = os.getppid()
    while True:
        time.sleep(0.5)
        if os.getppid() != parent or _gone(build_pid):
            os._exit(1)


def _init_worker(config: Config, run_time: str, build_quads: bool, ppid: int, ingest: dict | None = None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops us
    threading.Thread(target=_watch_parent, args=(ppid,), daemon=True).start()
    from .pipeline import Pipeline

    _WORKER.update(pipeline=Pipeline(config), config=config, run_time=run_time, build_quads=build_quads,
                   ingest=ingest or {}, ready=False)
    if not (ingest or {}).get("skip"):
        _worker_pipeline()  # load the models now, not in the first batch
    # a resumed build loads them when a document needs extracting: a rerun that finds
    # everything built skips the model loading (several seconds) altogether


def _worker_pipeline():
    """The worker's pipeline, its models loaded (then the collector tuned: see _tune_gc)."""
    if not _WORKER["ready"]:
        _WORKER["pipeline"].extract(_warmup_document())
        _tune_gc()
        _WORKER["ready"] = True
    return _WORKER["pipeline"]


def _tune_gc() -> Callable[[], None]:
    """Once the models are loaded: move them out of the garbage collector's sight (gc.freeze)
    and collect the youngest objects less often.  Extraction allocates many short-lived
    containers and few cycles; with the default thresholds the collector took about 1 ms
    of CPU per 2,500-character article (half of it full collections walking the models),
    about 0.45 ms with these (benchmarks/bench_pipeline.py, one-worker builds).  Returns a
    function that puts the previous settings back (for in-process builds)."""
    import gc

    before = gc.get_threshold()
    gc.collect()
    gc.freeze()
    gc.set_threshold(20_000, 20, 20)

    def restore() -> None:
        gc.set_threshold(*before)
        gc.unfreeze()

    return restore


def _warmup_document():
    from .model import Document

    return Document(id="warmup", text="قال وزير الخارجية الروسي سيرغي لافروف إن موسكو مستعدة للحوار مع واشنطن.")


def _ping() -> int:
    return os.getpid()


def skip_key(doc_id: str, ihash: str) -> bytes:
    """A short key of (document id, input hash), for the set of documents a resumed build skips."""
    return hashlib.blake2b(f"{doc_id}\0{ihash}".encode("utf-8"), digest_size=16).digest()


def _work(units: list, only: str | None = None) -> list:
    """In a worker: turn input units (:func:`kg.ingest.readers.read_units`) into documents,
    skip those already built (same id and input hash in the store when the build started),
    extract and build the others.  Returns, in input order, DocResults and
    ``("warning", message)``, ``("error", message)`` (an input that cannot be read) and
    ``("skipped", unit index, document id, input hash)`` entries.  With ``only``, just the
    document of that id is extracted, whatever the skip set says (see ``_run_parallel``)."""
    from .ingest.readers import fill_defaults, unit_documents

    w = _WORKER
    config, ing = w["config"], w["ingest"]
    skip = ing.get("skip") or ()
    out: list = []
    warn = lambda msg: out.append(("warning", msg))  # noqa: E731
    for i, unit in enumerate(units):
        for doc in unit_documents(unit, on_warning=warn):
            if not hasattr(doc, "text"):  # an IngestError
                out.append(("error", str(doc)))
                continue
            fill_defaults(doc, ing.get("date"), ing.get("source"), ing.get("url"))
            h = input_hash(doc, config)
            if only is not None:
                if doc.id != only:
                    continue
            elif skip and skip_key(doc.id, h) in skip:
                out.append(("skipped", i, doc.id, h))
                continue
            out.append(process_document(_worker_pipeline(), doc, h, config.base_iri, w["run_time"], w["build_quads"]))
    return out


def _unit_where(unit) -> str:
    if isinstance(unit, tuple):
        if unit[0] == "jsonl":
            return f"{unit[1]}:{unit[2]}"
        if unit[0] == "file":
            return str(unit[1])
        if unit[0] == "doc":
            return unit[1].path or unit[1].id
    return str(unit)


# --- the writer ---------------------------------------------------------------------------------


class StoreWriter:
    """The single writer: journal lines first, then new documents ``batch_size`` at a time
    with :meth:`kg.rdf.store.Store.write_new_documents` (bulk loader, crash-safe protocol),
    changed ones one transaction each.

    With ``background=True`` the writes run in a writer thread (pyoxigraph releases the
    GIL while it parses and writes), at most two batches queued, so reading inputs and feeding
    the workers go on while the store writes.  A document whose earlier version is still
    queued waits for it; replacements and :meth:`flush` wait for all queued writes.
    """

    #: A batch is written when it holds ``batch_size`` documents or this many bytes of N-Quads
    #: (256 documents of 2,500 characters are about 35 MB; room for ``--batch-size 512``,
    #: which costs 15-20% less CPU per quad once the store holds some 700k quads, for
    #: about 100 MB more memory and a longer last write).
    MAX_BATCH_BYTES = 96 << 20

    def __init__(self, store, journal=None, batch_size: int = 256, run_time: str | None = None,
                 background: bool = False):
        import pyoxigraph as ox

        from .rdf.vocab import ANKG

        self._ox_mod = ox
        self._hash_pred = ANKG.contentHash
        self.store = store
        self.journal = journal
        self._binary_journal = journal is not None and "b" in getattr(journal, "mode", "")
        self.batch_size = max(1, batch_size)
        self.run_time = run_time
        self.stats: Counter = Counter()
        self._bytes: list[bytes] = []
        self._quads: list = []
        self._markers: list[bytes] = []
        self._iris: list[str] = []
        self._batch_bytes = 0
        self._pending: set[str] = set()
        self._queued: set[str] = set()  # documents in batches handed to the writer thread
        self._queue = None
        self._thread = None
        self._error: BaseException | None = None
        if background:
            import queue

            self._queue = queue.Queue(maxsize=2)
            self._thread = threading.Thread(target=self._run, name="kg-store-writer", daemon=True)
            self._thread.start()

    def _write_batch(self, blobs: list[bytes], quads: list, markers: list[bytes], iris: list[str]) -> None:
        # the bytes are BuiltDocument.body_nquads and marker_nquads (IRIs validated when built):
        # no need to re-validate.  The markers go in with the next batch's bulk load (or when
        # the writer settles): see kg.rdf.store's module doc
        self.store.write_new_documents(iris, b"".join(markers), nquads=b"".join(blobs) if blobs else None,
                                       quads=quads or None, trusted=True, defer_markers=True)

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            try:
                if item is None:
                    return
                if self._error is None:
                    self._write_batch(*item)
            except BaseException as exc:  # noqa: BLE001 - re-raised in the calling thread
                self._error = exc
            finally:
                self._queue.task_done()

    def _wait(self) -> None:
        """Wait for the queued batches to be written (and raise a writer-thread error)."""
        if self._queue is not None:
            self._queue.join()
        if self._error is not None:
            err, self._error = self._error, None
            raise err

    def _settle(self) -> None:
        """Wait for the queued batches, then write their deferred markers: every document
        handed over is in the store."""
        self._wait()
        self.store.write_deferred_markers()
        self._queued.clear()

    def close(self) -> None:
        """Flush, then stop the writer thread."""
        try:
            self.flush()
        finally:
            if self._thread is not None:
                self._queue.put(None)
                self._thread.join()
                self._thread = None

    def _stored_hash(self, doc_iri: str) -> str | None:
        ox = self._ox_mod
        for q in self.store.ox.quads_for_pattern(ox.NamedNode(doc_iri), self._hash_pred, None,
                                                 ox.NamedNode(doc_iri + "#provenance")):
            return q.object.value
        return None

    def add(self, res: DocResult) -> str:
        """Write one successful result; returns ``added``/``replaced``/``unchanged``."""
        ox = self._ox_mod
        if self.journal is not None and res.line:
            line = res.line
            if self._binary_journal:
                self.journal.write((line.encode("utf-8") if isinstance(line, str) else line) + b"\n")
            else:
                self.journal.write((line.decode("utf-8") if isinstance(line, bytes) else line) + "\n")
        built = None
        if res.extraction is not None:  # quads not built by the worker: build them here
            from .rdf.build import build

            built = build(res.extraction, self.store.base_iri, self.run_time)
            res.doc_iri, res.content_hash, res.n_quads = built.doc_iri, built.content_hash, len(built)
            res.marker = built.marker_nquads
        if res.doc_iri in self._pending:
            self.flush()
        if res.doc_iri in self._queued:
            self._settle()
        old = self._stored_hash(res.doc_iri)
        if old == res.content_hash:
            outcome = "unchanged"
        elif old is None and not self.store.ox.contains_named_graph(ox.NamedNode(res.doc_iri + "#graph")):
            if built is not None:
                self._bytes.append(built.body_nquads)
                self._batch_bytes += len(self._bytes[-1])
            elif res.quads is not None:
                self._quads.extend(res.quads)
                self._batch_bytes += 200 * len(res.quads)  # about the N-Quads size
            else:
                self._bytes.append(res.nquads)
                self._batch_bytes += len(res.nquads)
            self._markers.append(res.marker)
            self._iris.append(res.doc_iri)
            self._pending.add(res.doc_iri)
            outcome = "added"
            if len(self._pending) >= self.batch_size or self._batch_bytes >= self.MAX_BATCH_BYTES:
                self._hand_over()
        else:
            self.flush()
            self._replace(res, built)
            outcome = "replaced"
        self.stats[outcome] += 1
        if outcome != "unchanged":
            self.stats["quads"] += res.n_quads
        return outcome

    def _replace(self, res: DocResult, built) -> None:
        ox = self._ox_mod
        # the store's own replace path: one SPARQL update (one transaction) drops the
        # document's two graphs and inserts the new quads
        if built is not None:
            self.store._write(built)
            return
        quads = res.quads if res.quads is not None else list(ox.parse(res.nquads, format=ox.RdfFormat.N_QUADS))
        quads = quads + list(ox.parse(res.marker, format=ox.RdfFormat.N_QUADS))
        self.store._replace_quads(ox.NamedNode(res.doc_iri + "#graph"), ox.NamedNode(res.doc_iri + "#provenance"),
                                  quads)
        self.store._written(len(quads))

    def _hand_over(self) -> None:
        """Write the current batch (in the writer thread when there is one)."""
        if self.journal is not None:
            self.journal.flush()  # lines reach the OS before their documents reach the store
        if self._iris:
            item = (self._bytes, self._quads, self._markers, self._iris)
            self._bytes, self._quads, self._markers, self._iris = [], [], [], []
            self._batch_bytes = 0
            self._queued |= self._pending
            if self._queue is not None:
                if self._error is not None:
                    self._wait()
                self._queue.put(item)
            else:
                self._write_batch(*item)
        self._pending = set()

    def hand_over(self) -> None:
        """Start writing what was added so far (in the writer thread: without waiting)."""
        self._hand_over()

    def flush(self) -> None:
        """Write everything added so far, and wait until it is in the store."""
        self._hand_over()
        self._settle()


# --- the journal (extractions.jsonl) --------------------------------------------------------------


def _journal_key(line: str) -> tuple[str, str] | None:
    """(id, input hash) of a journal line, reading only its leading ``build`` record."""
    if not line.startswith('{"build": '):
        return None
    try:
        obj, _ = json.JSONDecoder().raw_decode(line, 10)
        return str(obj["id"]), str(obj["input_hash"])
    except (ValueError, KeyError, TypeError):
        return None


def read_journal(path: Path) -> tuple[dict[str, str], bool]:
    """{doc id: input hash} of a journal (last line wins) and whether it needs compacting.

    A torn last line (a build killed while writing it) is cut off the file."""
    ledger: dict[str, str] = {}
    dirty = False
    if not path.is_file():
        return ledger, dirty
    good_end = 0
    with open(path, "rb") as f:
        for raw in f:
            if not raw.endswith(b"\n"):
                dirty = True
                break
            key = _journal_key(raw.decode("utf-8", "replace"))
            if key is None:
                dirty = True
            else:
                if key[0] in ledger:
                    dirty = True
                ledger[key[0]] = key[1]
            good_end += len(raw)
    if path.stat().st_size != good_end:
        with open(path, "r+b") as f:
            f.truncate(good_end)
    return ledger, dirty


def compact_journal(path: Path, keep: Callable[[str], bool]) -> int:
    """Rewrite the journal with one line per kept document id (its last line), in order of
    first appearance; streamed in two passes.  Returns the number of lines kept."""
    last: dict[str, int] = {}
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f):
            key = _journal_key(line)
            if key is not None:
                last[key[0]] = i
    wanted = {i for doc_id, i in last.items() if keep(doc_id)}
    tmp = path.with_name("." + path.name + ".tmp")
    with open(path, encoding="utf-8") as src, open(tmp, "w", encoding="utf-8") as dst:
        for i, line in enumerate(src):
            if i in wanted:
                dst.write(line)
        dst.flush()
        os.fsync(dst.fileno())
    os.replace(tmp, path)
    return len(wanted)


# --- inputs --------------------------------------------------------------------------------------


def estimate_total(paths: Iterable[str]) -> int | None:
    """A cheap estimate of the number of documents (JSONL lines, other files count one), for
    the progress bar's ETA; None when unknown (stdin)."""
    from .ingest.readers import JSONL_EXTS, walk_dir

    total = 0
    for p in paths:
        if p == "-":
            return None
        path = Path(p)
        files = walk_dir(path, lambda msg: None) if path.is_dir() else [path] if path.is_file() else []
        for fp in files:
            if fp.suffix.lower() in JSONL_EXTS:
                try:
                    with open(fp, "rb") as f:
                        total += sum(block.count(b"\n") for block in iter(lambda: f.read(1 << 20), b""))
                except OSError:
                    pass
            else:
                total += 1
    return total


# --- the build -----------------------------------------------------------------------------------


@dataclass
class BuildOptions:
    out: Path = Path("exports")
    workers: int | None = None  # None: all cores; 1: in-process
    formats: tuple[str, ...] = DEFAULT_FORMATS
    formats_explicit: bool = False  # the user chose the formats (no automatic skipping)
    views: bool = True
    config: Config = field(default_factory=Config)
    base_iri: str | None = None  # for a new store (an existing store keeps its own)
    date: str | None = None
    source: str | None = None
    url: str | None = None
    strict: bool = False
    quiet: bool = False
    progress: bool | None = None  # None: when stderr is a terminal and not quiet
    run_time: str | None = None  # None: the start of the build
    batch_size: int = 256  # new documents per bulk write to the store
    chunk: int = 4  # documents per task sent to a worker
    inflight: int | None = None  # tasks in flight (default 3 per worker)
    build_in: str = "worker"  # where quads are built: "worker" or "parent"
    start_method: str | None = None  # "forkserver" (default where available) or "spawn"


@dataclass
class BuildSummary:
    out: str = ""
    store: str = ""
    run_time: str = ""
    workers: int = 1
    inputs: list[str] = field(default_factory=list)
    documents_read: int = 0
    documents_extracted: int = 0
    documents_skipped: int = 0  # already in the store with the same input hash
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    entities: int = 0  # mentions-bearing entities extracted in this run (per document)
    events: int = 0  # events extracted in this run
    store_documents: int = 0
    store_quads: int = 0
    store_entities: int = 0  # distinct entity IRIs in the store
    store_events: int = 0  # distinct event IRIs in the store
    failures: list[dict[str, str]] = field(default_factory=list)
    exports: dict[str, str] = field(default_factory=dict)
    views: dict[str, Any] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)  # non-input errors (exports, views)
    notes: list[str] = field(default_factory=list)
    interrupted: bool = False
    seconds: float = 0.0
    seconds_extract: float = 0.0  # reading, extraction and store writes (startup included)
    seconds_startup: float = 0.0  # loading the pipeline (in each worker, in parallel)
    docs_per_second: float = 0.0  # documents extracted per second once the pipeline is loaded
    exit_code: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def lines(self) -> list[str]:
        out = [f"documents: {self.documents_read} read, {self.documents_extracted} extracted "
               f"({self.added} added, {self.replaced} replaced, {self.unchanged} unchanged), "
               f"{self.documents_skipped} skipped (already built), {len(self.failures)} failed",
               f"extracted: {self.entities} entities, {self.events} events "
               f"in {self.seconds_extract:.1f} s ({self.docs_per_second:.1f} docs/s after {self.seconds_startup:.1f} s "
               f"of model loading, {self.workers} worker{'s' if self.workers != 1 else ''})",
               f"store {self.store}: {self.store_documents} documents, {self.store_quads} triples, "
               f"{self.store_entities} entities, {self.store_events} events"]
        if self.exports:
            out.append("exports: " + ", ".join(Path(p).name for p in self.exports.values()))
        if self.views.get("index"):
            out.append(f"views: {self.views['index']}")
        for f in self.failures[:50]:
            out.append(f"failed: {f['where']}: {f['reason']}" if f.get("where") else f"failed: {f['reason']}")
        if len(self.failures) > 50:
            out.append(f"... and {len(self.failures) - 50} more failures (see {SUMMARY})")
        for e in self.errors:
            out.append(f"error: {e}")
        for n in self.notes:
            out.append(f"note: {n}")
        if self.interrupted:
            out.append("interrupted: rerun the same command to resume (documents already built are skipped)")
        return out


def _failure(msg: str) -> dict[str, str]:
    # messages are "where: reason" (IngestError: "file:line: reason")
    where, sep, reason = msg.partition(": ")
    return {"where": where, "reason": reason} if sep else {"where": "", "reason": msg}


def _default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _context(method: str | None):
    import multiprocessing as mp

    if method is None:
        method = "forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn"
    if method not in ("forkserver", "spawn"):
        raise ConfigError(f"start method {method!r}: use forkserver or spawn (fork is unsafe with the store)")
    return mp.get_context(method)


def store_counts(store) -> tuple[int, int]:
    """(distinct entities, distinct events) in a store."""
    from .rdf.vocab import ENTITY_CLASS

    classes = " ".join(f"ankg:{c}" for c in sorted(set(ENTITY_CLASS.values())))
    try:
        ents = store.query(f"SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ VALUES ?c {{ {classes} }} ?e a ?c }}")[0]["n"]
        evs = store.query("SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ankg:Event }")[0]["n"]
        return int(ents or 0), int(evs or 0)
    except (KGError, IndexError, KeyError, TypeError, ValueError):
        return 0, 0


def write_outputs(store, out: Path, formats: Iterable[str], views: bool, summary: BuildSummary,
                  report: Callable[[str], None], explicit: bool = True, quads: int | None = None) -> None:
    """Exports and views of a store; a failure is recorded, never raised (the store is safe).
    With ``explicit=False`` (default formats) JSON-LD is skipped for big stores.  ``quads`` is
    the store's quad count when the caller has it (counting scans the whole store); else it
    is counted when needed."""
    from .export import export

    for fmt in formats:
        if fmt == "jsonld" and not explicit:
            if quads is None:
                quads = len(store)
            if quads > JSONLD_AUTO_MAX:
                summary.notes.append(f"graph.jsonld not written: the store holds {quads} quads (over "
                                     f"{JSONLD_AUTO_MAX}) and the JSON-LD writer keeps all of them in memory; "
                                     "ask for it with --formats jsonld, or use graph.trig/nquads")
                continue
        path = out / EXPORT_NAMES[fmt]
        try:
            export(store, path, fmt)
            summary.exports[fmt] = str(path)
        except Exception as exc:  # noqa: BLE001 - one export failing must not lose the others
            if os.environ.get("KG_DEBUG"):
                raise
            summary.errors.append(f"export {fmt} to {path} failed: {type(exc).__name__}: {exc}")
            report(f"error: export {fmt} failed: {exc}")
    if views:
        try:
            from .viz import write_views
        except ImportError as exc:
            summary.errors.append(f"views not written: kg.viz.write_views is not available ({exc})")
            return
        try:
            written = write_views(store, out / VIEWS_DIR)
            summary.views = {"index": str(written.get("index", out / VIEWS_DIR / "index.html")),
                             "documents": len(written.get("docs") or [])}
        except Exception as exc:  # noqa: BLE001 - the store and exports are already safe
            if os.environ.get("KG_DEBUG"):
                raise
            summary.errors.append(f"views not written: {type(exc).__name__}: {exc}")
            report(f"error: views failed: {exc}")


def check_inputs(paths) -> None:
    """Raise InputError when no input exists: nothing to build, so no empty store, exports or
    views (one missing input among others is one of the build's failures)."""
    missing = [str(p) for p in paths if str(p) != "-" and not os.path.lexists(p)]
    if missing and len(missing) == len(paths):
        raise InputError(f"{', '.join(missing)}: no such file or directory")


def build_corpus(paths: list[str], opts: BuildOptions, *, report: Callable[[str], None] | None = None,
                 stdin=None) -> BuildSummary:
    """Build (or resume building) the graph of ``paths`` into ``opts.out``; see the module doc.

    Input errors are recorded in the summary (``exit_code`` 1), never raised, unless
    ``opts.strict``; usage errors raise :class:`~kg.errors.ConfigError`.
    """
    from .ingest import read_paths
    from .ingest.dates import parse_date
    from .ingest.readers import read_units
    from .rdf.store import Store

    t_start = time.perf_counter()
    report = report or (lambda line: print(line, file=sys.stderr))
    if opts.date and not parse_date(opts.date):
        raise ConfigError(f"--date: cannot read {opts.date!r} as a date (use e.g. 2023-08-16)")
    if paths.count("-") > 1:
        raise ConfigError("standard input (-) can be read only once")
    if opts.build_in not in ("worker", "parent"):
        raise ConfigError(f"build_in={opts.build_in!r}: use 'worker' or 'parent'")
    workers = opts.workers if opts.workers is not None else _default_workers()
    if workers < 1:
        raise ConfigError(f"--workers {workers}: give at least 1")
    run_time = check_run_time(opts.run_time) if opts.run_time else now_iso()
    out = Path(opts.out)
    if out.exists() and not out.is_dir():
        raise ConfigError(f"-o {out}: exists and is not a directory")
    check_inputs(paths)
    out.mkdir(parents=True, exist_ok=True)
    summary = BuildSummary(out=str(out), store=str(out / STORE_DIR), run_time=run_time, workers=workers,
                           inputs=[str(p) for p in paths])
    config = opts.config
    store = Store(out / STORE_DIR, base_iri=opts.base_iri)
    config = config.with_(base_iri=store.base_iri)
    show = opts.progress if opts.progress is not None else (not opts.quiet and sys.stderr.isatty())
    bar = None
    journal_path = out / JOURNAL
    journal = None
    executor = None
    try:
        ledger, dirty = read_journal(journal_path)
        resumed = bool(ledger)
        journal = open(journal_path, "ab")
        writer = StoreWriter(store, journal, batch_size=opts.batch_size, run_time=run_time, background=True)

        if show:
            from tqdm import tqdm

            import shutil

            cols = shutil.get_terminal_size((100, 20)).columns or 100
            bar = tqdm(total=estimate_total(paths), desc="kg build", unit="doc", file=sys.stderr,
                       ncols=min(cols, 120), smoothing=0.1)

        def say(line: str) -> None:
            if bar is not None:
                bar.write(line, file=sys.stderr)
            else:
                report(line)

        def on_error(err) -> None:
            summary.failures.append(_failure(str(err)))
            say(f"error: {err}")

        def on_warning(msg: str) -> None:
            if not opts.quiet:
                say(f"warning: {msg}")

        def todo() -> Iterator[tuple[Any, str]]:
            """In-process builds: documents that need extracting, with their input hashes (the
            others are skipped)."""
            docs = read_paths(paths, date=opts.date, source=opts.source, url=opts.url, strict=opts.strict,
                              on_error=on_error, on_warning=on_warning, stdin=stdin)
            for doc in docs:
                summary.documents_read += 1
                h = input_hash(doc, config)
                if ledger.get(doc.id) == h and store.has_document(doc.id):
                    meet(doc.id, doc.path or doc.id)
                    summary.documents_skipped += 1
                    if bar is not None:
                        bar.update(1)
                    continue
                ledger[doc.id] = h
                yield doc, h

        def units() -> Iterator[tuple]:
            """Parallel builds: the inputs cut into units (raw JSON Lines records, page files),
            which the workers read, segment, hash, skip or extract."""
            for u in read_units(paths, url=opts.url, on_warning=on_warning, stdin=stdin):
                if isinstance(u, tuple):
                    yield u
                elif opts.strict:
                    raise u
                else:
                    on_error(u)

        run_hashes: dict[str, str] = {}  # parallel builds: input hash of each document met in this run
        met: dict[str, str] = {}  # where each document id was met in this run

        def meet(doc_id: str, where: str) -> None:
            prev = met.get(doc_id)
            if prev is None:
                met[doc_id] = where
            else:
                on_warning(f"{where}: document id {doc_id!r} was already read from {prev} in this build; "
                           "the later document replaces the earlier one (give each document its own id)")

        def take(r: DocResult) -> None:
            meet(r.doc_id, r.where)
            if r.ok:
                try:
                    writer.add(r)
                    summary.documents_extracted += 1
                    summary.entities += r.entities
                    summary.events += r.events
                except KGError as exc:  # e.g. an extraction the RDF builder rejects
                    summary.failures.append(_failure(f"{r.where}: {exc}"))
                    say(f"error: {r.where}: {exc}")
            else:
                summary.failures.append(_failure(r.error))
                say(f"error: {r.error}")
                if opts.strict:
                    raise _StrictStop(r.error)

        def handle(results: list, rerun: Callable[[int, str], list] | None = None) -> None:
            """Results in input order: DocResults (and, from workers, the entries of ``_work``)."""
            n = 0
            for r in results:
                if isinstance(r, DocResult):
                    if rerun is not None:  # from a worker: read there
                        summary.documents_read += 1
                        run_hashes[r.doc_id] = r.input_hash
                    n += 1
                    take(r)
                    continue
                kind = r[0]
                if kind == "warning":
                    on_warning(r[1])
                elif kind == "error":
                    if opts.strict:
                        raise InputError(r[1])
                    on_error(r[1])
                elif kind == "skipped":
                    _, i, doc_id, h = r
                    summary.documents_read += 1
                    n += 1
                    if run_hashes.get(doc_id, h) != h and rerun is not None:
                        # built when the build started, but an earlier document of this run with
                        # the same id and other content has replaced it since: extract it again
                        for r2 in rerun(i, doc_id):
                            if isinstance(r2, DocResult):
                                run_hashes[r2.doc_id] = r2.input_hash
                                take(r2)
                        continue
                    run_hashes[doc_id] = h
                    meet(doc_id, doc_id)
                    summary.documents_skipped += 1
            if bar is not None:
                bar.update(n)
                if summary.failures:
                    bar.set_postfix(failed=len(summary.failures), refresh=False)

        build_quads = opts.build_in == "worker"
        t_ex = time.perf_counter()
        t_ready = [t_ex]  # when the pipeline(s) are loaded
        try:
            if workers == 1:
                from .pipeline import Pipeline

                pipeline = None
                restore_gc = None

                def load() -> Pipeline:
                    nonlocal pipeline, restore_gc
                    pipeline = Pipeline(config)
                    pipeline.extract(_warmup_document())  # load the models before timing
                    restore_gc = _tune_gc()
                    t_ready[0] = time.perf_counter()
                    return pipeline

                if not ledger:  # (a resumed build loads them only if a document needs extracting)
                    load()
                try:
                    batch: list[DocResult] = []
                    for doc, h in todo():
                        batch.append(process_document(pipeline or load(), doc, h, config.base_iri, run_time,
                                                      build_quads))
                        if len(batch) >= opts.chunk:
                            handle(batch)
                            batch = []
                    handle(batch)
                finally:
                    if restore_gc is not None:
                        restore_gc()
            else:
                skip: set[bytes] = set()
                if ledger:  # a resumed build: the documents already built (same input hash) are skipped
                    skip = {skip_key(i, h) for i, h in ledger.items() if store.has_document(i)}
                ingest = {"date": parse_date(opts.date) if opts.date else None, "source": opts.source,
                          "url": opts.url, "skip": skip}
                executor = _run_parallel(units(), handle, workers, config, run_time, build_quads, opts, t_ready,
                                         ingest, on_input_end=writer.hand_over)
            writer.close()
        except (_StrictStop, KGError) as exc:
            writer.close()
            if not isinstance(exc, _StrictStop):
                summary.failures.append(_failure(str(exc)))
                say(f"error: {exc}")
            summary.exit_code = 1
            if isinstance(exc, WorkerError) or not opts.strict:
                say("stopped")
            else:
                say("stopped at the first error (--strict)")
        except KeyboardInterrupt:
            summary.interrupted = True
            writer.close()  # what was handed over is written whole (a second Ctrl-C is not caught)
            summary.exit_code = 130
        summary.seconds_extract = time.perf_counter() - t_ex
        summary.seconds_startup = round(t_ready[0] - t_ex, 3)
        done = summary.documents_extracted + summary.documents_skipped
        steady = summary.seconds_extract - summary.seconds_startup
        summary.docs_per_second = round(summary.documents_extracted / steady, 2) if steady > 0 else 0.0
        summary.added, summary.replaced, summary.unchanged = (writer.stats["added"], writer.stats["replaced"],
                                                              writer.stats["unchanged"])
        if bar is not None:
            bar.close()
            bar = None
        journal.close()
        journal = None
        if not summary.interrupted and (resumed or dirty):
            compact_journal(journal_path, store.has_document)
        # counted once (a full scan): what follows (compaction, exports, views) only reads
        summary.store_quads = len(store)
        if summary.added or summary.replaced:
            # compact what the bulk loader wrote (queries and exports read it faster); the
            # compaction costs about 5 us of CPU per quad of the whole store, so a build that
            # wrote a small part of a big store leaves it to RocksDB's own background compaction
            if OPTIMIZE_SHARE * summary.store_quads <= writer.stats["quads"]:
                store.optimize()
        if summary.exit_code == 0:
            if done == 0 and not summary.failures:
                summary.failures.append({"where": " ".join(map(str, paths)), "reason": "no documents found"})
            write_outputs(store, out, opts.formats, opts.views, summary, report, explicit=opts.formats_explicit,
                          quads=summary.store_quads)
        store.flush()
        summary.store_documents = len(store.documents())
        summary.store_entities, summary.store_events = store_counts(store)
    finally:
        if bar is not None:
            bar.close()
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)
        if journal is not None:
            journal.close()
        store.close()
    summary.seconds = round(time.perf_counter() - t_start, 3)
    summary.seconds_extract = round(summary.seconds_extract, 3)
    if summary.exit_code == 0 and (summary.failures or summary.errors):
        summary.exit_code = 1
    if not summary.interrupted:
        _write_json(out / SUMMARY, summary.to_dict())
    return summary


class _StrictStop(Exception):
    pass


class WorkerError(KGError):
    """The worker processes cannot run (they die on start or on every batch)."""

    exit_code = 1


def _run_parallel(units: Iterator, handle: Callable[..., None], workers: int, config: Config,
                  run_time: str, build_quads: bool, opts: BuildOptions, t_ready: list | None = None,
                  ingest: dict | None = None, on_input_end: Callable[[], None] | None = None):
    """Feed input ``units`` to a process pool in batches, a bounded number in flight, and hand
    the results (see :func:`_work`) to ``handle`` in input order, with a function that
    extracts one document of a batch's unit again.  ``on_input_end`` runs once the last unit
    is sent out (the writer then stores what it holds while the workers finish the last
    batches, rather than after them).  Returns the executor (shut down by the caller)."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    ctx = _context(opts.start_method)
    inflight = opts.inflight or 3 * workers
    chunk = max(1, opts.chunk)

    def new_pool():
        return ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker,
                                   initargs=(config, run_time, build_quads, os.getpid(), ingest))

    executor = new_pool()
    try:  # start the workers (each loads its pipeline) before the first documents go out
        for f in [executor.submit(_ping) for _ in range(workers)]:
            f.result()
    except BrokenProcessPool:
        executor.shutdown(wait=False, cancel_futures=True)
        raise WorkerError("the worker processes died while starting (loading the pipeline); "
                          "run with --workers 1 to see the error") from None
    if t_ready is not None:
        t_ready[0] = time.perf_counter()
    window: deque = deque()
    breaks = 0  # pool breakages since the last good result

    def broken() -> None:
        nonlocal executor, breaks
        breaks += 1
        executor.shutdown(wait=False, cancel_futures=True)
        if breaks >= 3:
            raise WorkerError("worker processes keep dying (3 times without finishing a batch); run with "
                              "--workers 1 to see the error, or check memory")
        executor = new_pool()
        pending = list(window)  # resubmit what was lost with the pool
        window.clear()
        for b, _ in pending:
            submit(b)

    def submit(batch) -> None:
        while True:
            try:
                window.append((batch, executor.submit(_work, batch)))
                return
            except BrokenProcessPool:
                broken()

    def died(batch) -> list[DocResult]:
        return [DocResult(doc_id="", where=_unit_where(u), ok=False,
                          error=f"{_unit_where(u)}: a worker process died while extracting this batch "
                                "(out of memory or a crash in a native library)") for u in batch]

    def batches() -> Iterator[list]:
        batch = []
        for it in units:
            batch.append(it)
            if len(batch) >= chunk:
                yield batch
                batch = []
        if batch:
            yield batch

    def rerun(unit, doc_id: str) -> list:
        try:
            return executor.submit(_work, [unit], doc_id).result()
        except BrokenProcessPool:
            broken()
            return died([unit])

    def drain_one() -> None:
        nonlocal breaks
        batch, fut = window.popleft()
        try:
            results = fut.result()
            breaks = 0
        except BrokenProcessPool:
            results = died(batch)
            broken()
        handle(results, lambda i, doc_id: rerun(batch[i], doc_id))

    try:
        for batch in batches():
            submit(batch)
            if len(window) >= inflight:
                drain_one()
        if on_input_end is not None:
            on_input_end()
        while window:
            drain_one()
    except BaseException:
        for _, fut in window:
            fut.cancel()
        executor.shutdown(wait=False, cancel_futures=True)
        raise
    return executor


def _write_json(path: Path, obj: Any) -> None:
    tmp = path.with_name("." + path.name + ".tmp")
    tmp.write_text(json.dumps(obj, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, path)
