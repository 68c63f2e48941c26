"""Read-only SPARQL execution with a real time limit and a result-size limit.

Queries run in worker *processes* that each open the store read-only.  A query that
overruns its time limit is stopped by terminating its worker (a Python thread cannot be
interrupted inside Oxigraph); a fresh worker takes its place.  Results are serialized in
the worker, streamed into a bounded buffer, so a query whose serialized result would
exceed the size limit stops early instead of filling memory.

The pool is used by ``kg serve``; ``run_query`` is also usable in-process (``kg query``).
"""

from __future__ import annotations

import io
import multiprocessing as mp
import os
import queue
import threading
import time
from dataclasses import dataclass

# The screening of query text lives in kg.query.guard; its names stay importable from here.
from ..query.guard import (MAX_NESTING, ScreenError, check_nesting, explain_syntax_error,  # noqa: F401
                           nesting_depth, screen, uses_from, uses_service)

# Media types of the SPARQL 1.1 result formats and RDF formats we can produce.
RESULT_FORMATS = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_FORMATS = {
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
    "nquads": "application/n-quads",
    "trig": "application/trig",
}


@dataclass
class QueryOutcome:
    """What a query produced: an HTTP-like status, a media type and the body bytes."""

    status: int
    media_type: str
    body: bytes
    kind: str = ""  # select | ask | graph | error

    @property
    def ok(self) -> bool:
        return self.status == 200


class _Limited(io.RawIOBase):
    """A write-only buffer that refuses to grow past ``limit`` bytes."""

    def __init__(self, limit: int):
        self.buf = bytearray()
        self.limit = limit

    def writable(self) -> bool:
        return True

    def write(self, b) -> int:
        if len(self.buf) + len(b) > self.limit:
            raise _TooLarge()
        self.buf += b
        return len(b)


class _TooLarge(Exception):
    pass


def run_query(store, sparql: str, result_format: str = "json", graph_format: str = "turtle",
              max_bytes: int = 50_000_000, substitutions=None, allow_service: bool = False,
              default_graphs=None, named_graphs=None) -> QueryOutcome:
    """Run one read-only query on a pyoxigraph ``Store`` and serialize its result.

    The usual prefixes (ankg, rdfs, skos, nif, dcterms, schema, prov, xsd...) are
    predeclared, so short queries need no PREFIX lines.
    ``result_format`` applies to SELECT/ASK (json, xml, csv, tsv), ``graph_format`` to
    CONSTRUCT/DESCRIBE (turtle, ntriples, jsonld, rdfxml).  Syntax errors give status 400
    with the parser's message; an update gives 403; an oversize result 413.  A federated
    query (``SERVICE``) gives 403 unless ``allow_service``: Oxigraph would send it over HTTP
    to any address in the query, which an endpoint must not do for its clients.

    The dataset: the union of all graphs by default; a query with ``FROM``/``FROM NAMED``
    gets the graphs it names, and ``default_graphs``/``named_graphs`` (IRIs: the
    protocol's ``default-graph-uri``/``named-graph-uri``) override both, as SPARQL 1.1
    Protocol says.  (Oxigraph ignores FROM when the default graph is the union.)
    """
    import pyoxigraph as ox

    if looks_like_update(sparql):
        return QueryOutcome(403, "text/plain; charset=utf-8",
                            b"This endpoint is read-only: SPARQL Update is refused.", "error")
    try:
        has_from = screen(sparql, allow_service=allow_service)
    except ScreenError as exc:
        return QueryOutcome(exc.status, "text/plain; charset=utf-8", str(exc).encode(), "error")
    try:
        from ..rdf.vocab import PREFIXES

        dataset = _dataset(has_from, default_graphs, named_graphs)
        res = store.query(sparql, substitutions=substitutions, prefixes=PREFIXES, **dataset)
    except SyntaxError as exc:
        msg = explain_syntax_error(str(exc), sparql, PREFIXES)
        return QueryOutcome(400, "text/plain; charset=utf-8", f"Malformed query: {msg}".encode(), "error")
    except _BadGraph as exc:
        return QueryOutcome(400, "text/plain; charset=utf-8", str(exc).encode(), "error")
    except OSError as exc:
        return QueryOutcome(500, "text/plain; charset=utf-8", f"Store error: {exc}".encode(), "error")
    graph_kind = not isinstance(res, (ox.QueryBoolean, ox.QuerySolutions))
    if (graph_format if graph_kind else result_format) is None:
        offer = GRAPH_FORMATS if graph_kind else RESULT_FORMATS
        what = "a CONSTRUCT/DESCRIBE graph" if graph_kind else "a SELECT/ASK result"
        return QueryOutcome(406, "text/plain; charset=utf-8",
                            f"Not acceptable: {what} is available as {', '.join(offer.values())}.".encode(), "error")
    out = _Limited(max_bytes)
    try:
        if isinstance(res, ox.QueryBoolean):
            fmt = _results_format(result_format)
            res_kind = "ask"
            res.serialize(out, fmt)
            media = RESULT_FORMATS[result_format]
        elif isinstance(res, ox.QuerySolutions):
            res_kind = "select"
            res.serialize(out, _results_format(result_format))
            media = RESULT_FORMATS[result_format]
        else:  # QueryTriples from CONSTRUCT / DESCRIBE
            res_kind = "graph"
            res.serialize(out, _graph_format(graph_format))
            media = GRAPH_FORMATS[graph_format]
    except _TooLarge:
        return QueryOutcome(413, "text/plain; charset=utf-8",
                            f"The result is larger than the limit of {max_bytes} bytes; add a LIMIT.".encode(), "error")
    except (OSError, ValueError, RuntimeError) as exc:
        # a _TooLarge raised inside pyoxigraph's writer may come back wrapped
        if "_TooLarge" in repr(exc) or isinstance(exc.__cause__, _TooLarge):
            return QueryOutcome(413, "text/plain; charset=utf-8",
                                f"The result is larger than the limit of {max_bytes} bytes; add a LIMIT.".encode(), "error")
        return QueryOutcome(500, "text/plain; charset=utf-8", f"Query failed: {exc}".encode(), "error")
    if media.startswith("text/") or media.endswith("json") or media.endswith("xml"):
        media += "; charset=utf-8"
    return QueryOutcome(200, media, bytes(out.buf), res_kind)


def _results_format(name: str):
    import pyoxigraph as ox

    return {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
            "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}[name]


def _graph_format(name: str):
    import pyoxigraph as ox

    return {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD,
            "rdfxml": ox.RdfFormat.RDF_XML, "nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG}[name]


_UPDATE_WORDS = ("insert", "delete", "load", "clear", "drop", "create", "add", "move", "copy", "with")


def looks_like_update(sparql: str) -> bool:
    """True when the first keyword after the prologue is an update operation.

    Strings, IRIs and comments are blanked first (kg.query.guard), so the ``#`` of a
    prefix IRI such as ``<http://www.w3.org/2000/01/rdf-schema#>`` starts no comment."""
    import re

    from ..query.guard import _keywords

    s = re.sub(r"(?is)^\s*((base|prefix\s+[^\s:]*:)\s*)*", "", _keywords(sparql))
    m = re.match(r"\s*([A-Za-z]+)", s)
    return bool(m and m.group(1).lower() in _UPDATE_WORDS)


class _BadGraph(ValueError):
    pass


def _dataset(has_from: bool, default_graphs, named_graphs) -> dict:
    """The keyword arguments of pyoxigraph's ``Store.query`` that select the dataset."""
    import pyoxigraph as ox

    from ..rdf.store import iri_node

    def nodes(iris, what):
        out = []
        for iri in iris or []:
            node = iri_node(iri)
            if node is None:
                raise _BadGraph(f"{what} {iri!r} is not a valid IRI")
            out.append(node)
        return out

    if default_graphs or named_graphs:
        dflt = nodes(default_graphs, "default-graph-uri")
        return {"default_graph": dflt or ox.DefaultGraph(), "named_graphs": nodes(named_graphs, "named-graph-uri")}
    if has_from:
        return {}
    return {"use_default_graph_as_union": True}


# --- worker pool ----------------------------------------------------------------------

def _worker_main(path: str, conn) -> None:  # pragma: no cover - runs in a child process
    from ..rdf.store import Store

    store = Store(path, read_only=True).ox
    while True:
        try:
            msg = conn.recv()
        except EOFError:
            return
        if msg is None:
            return
        sparql, result_format, graph_format, max_bytes, default_graphs, named_graphs = msg
        try:
            outcome = run_query(store, sparql, result_format, graph_format, max_bytes,
                                default_graphs=default_graphs, named_graphs=named_graphs)
        except Exception as exc:  # never let a worker die silently
            outcome = QueryOutcome(500, "text/plain; charset=utf-8", f"Query failed: {exc}".encode(), "error")
        conn.send((outcome.status, outcome.media_type, outcome.body, outcome.kind))


class _Worker:
    def __init__(self, ctx, path: str):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(path, child), daemon=True)
        self.proc.start()
        child.close()

    def kill(self) -> None:
        try:
            self.proc.kill()
            self.proc.join(1)
        finally:
            self.conn.close()


class QueryPool:
    """A fixed number of read-only worker processes over one store directory."""

    def __init__(self, path: str, workers: int = 2, timeout: float = 10.0, max_bytes: int = 50_000_000):
        self.path = os.fspath(path)
        self.timeout = timeout
        self.max_bytes = max_bytes
        self._ctx = mp.get_context("spawn")  # no forked copies of the server's threads
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._closed = False
        for _ in range(max(1, workers)):
            self._idle.put(_Worker(self._ctx, self.path))

    def execute(self, sparql: str, result_format: str = "json", graph_format: str = "turtle",
                timeout: float | None = None, default_graphs=None, named_graphs=None) -> QueryOutcome:
        """Run a query in a worker; blocks the calling thread (call it from a thread pool)."""
        timeout = self.timeout if timeout is None else timeout
        worker = self._idle.get()
        try:
            worker.conn.send((sparql, result_format, graph_format, self.max_bytes,
                              list(default_graphs or []), list(named_graphs or [])))
            deadline = time.monotonic() + timeout
            if worker.conn.poll(max(0.0, deadline - time.monotonic())):
                status, media, body, kind = worker.conn.recv()
                self._idle.put(worker)
                return QueryOutcome(status, media, body, kind)
            worker.kill()  # timed out: stop the query the only sure way
            self._idle.put(_Worker(self._ctx, self.path))
            return QueryOutcome(503, "text/plain; charset=utf-8",
                                f"Query exceeded the time limit of {timeout:g} s and was stopped.".encode(), "error")
        except (EOFError, OSError, BrokenPipeError):
            worker.kill()
            self._idle.put(_Worker(self._ctx, self.path))
            return QueryOutcome(500, "text/plain; charset=utf-8", b"Query worker failed; it was restarted.", "error")

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        while True:
            try:
                w = self._idle.get_nowait()
            except queue.Empty:
                break
            try:
                w.conn.send(None)
            except (OSError, BrokenPipeError):
                pass
            w.kill()
