"""The embedded persistent store: Oxigraph (RocksDB) through pyoxigraph, rdflib on request.

A store is a directory the user names::

    STORE/kgstore.json   format version and the base IRI the documents were minted under
    STORE/oxigraph/      the Oxigraph (RocksDB) database

or, with ``path=None``, an in-memory dataset for one-off use.  Why Oxigraph directly rather
than rdflib with a store plugin: benchmarks/bench_store.py measures loading, a three-pattern
join with a date filter and Turtle export on the same data (figures in
benchmarks/results/store.json and the README); pyoxigraph is one to two orders of
magnitude faster than rdflib's Memory store, and rdflib over oxrdflib pays rdflib's
per-triple Python cost on every call.  rdflib users still get the whole rdflib API over the
same data through :meth:`Store.rdflib_dataset` (an ``rdflib.Dataset`` backed by oxrdflib).

Write discipline (see :mod:`kg.rdf.build` for the graph layout):

- every document owns two named graphs (``<doc>#graph`` and ``<doc>#provenance``); its
  ``ankg:contentHash`` quad (provenance graph) is its *completion marker*: a document is in
  the store when, and only when, its marker is;
- adding one new document is one ``extend`` (one RocksDB transaction);
- adding a batch of new documents (:meth:`Store.write_new_documents`, used by
  :meth:`Store.add_extractions`, ``kg build`` and ``kg load``) uses Oxigraph's bulk loader,
  which writes sorted files and ingests them (2-3x less CPU per quad than a transaction,
  benchmarks/bench_store.py), with this protocol: (1) the batch's document IRIs are written
  to ``STORE/pending-bulk.json`` (fsync, atomic rename); (2) every quad but the markers is
  bulk-loaded; (3) the markers are written in one transaction; (4) the pending file is
  removed.  Opening the store for writing after a crash drops the two graphs of every
  pending document that has no marker (a half-loaded one), so the rerun of a build adds it
  again whole.  (Oxigraph ingests one bulk batch into all its indexes at once, so a
  half-loaded document is only ever one without its marker.)  A writer of many batches
  (``kg build``) defers (3): a batch's markers are bulk-loaded with the next batch's quads
  (or by :meth:`Store.write_deferred_markers`, :meth:`Store.flush`, :meth:`Store.close`),
  and the pending file lists the documents of both batches.  Markers written in a
  transaction sit in RocksDB's memtable, which the next bulk load must flush into a small
  extra file in every index, and the extra files make RocksDB compact twice as often: on
  1,020 articles of 2,500 characters deferring took 10% less CPU, the same as loading no
  markers at all (benchmarks/bench_pipeline.py, ``store_write``).
- replacing a document (same id, different content) is one SPARQL update that drops its
  two graphs and inserts the new quads (one transaction);
- re-adding a document with the same content hash is a no-op;
- removing a document drops its two graphs in one update.

A crash or ``kill -9`` therefore leaves every document either absent, complete in its old
version, or complete in its new version, once the store has been opened for writing again
(a read-only reader opened right after a crash, before that, may see the unmarked graphs of
the one batch being loaded; :meth:`Store.documents` never lists them);
:meth:`Store.verify` checks exactly that, and re-running a build adds what is missing and
skips what is already there.
"""

from __future__ import annotations

import datetime as _dt
import decimal
import json
import os
import re
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any, Iterable, Iterator

import pyoxigraph as ox

from ..config import DEFAULT_BASE_IRI
from ..errors import ConfigError, InputError, QueryError, StoreError
from ..iri import document_iri
from ..model import Extraction
from .build import BuiltDocument, build
from .vocab import ANKG, PREFIXES, XSD

STORE_FORMAT = 1
_MARKER = "kgstore.json"
_PENDING = "pending-bulk.json"
_DB = "oxigraph"
_VAR_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
#: Quads written between two flushes of RocksDB's memtables.  Without periodic flushes the
#: memtables of Oxigraph's column families grow to ~2 GB resident on a 10,000-article build;
#: flushing every 200k quads keeps a build near 250 MB (benchmarks/bench_store.py --articles).
FLUSH_EVERY = 200_000
_INT_TYPES = {XSD[t].value for t in ("integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger",
                                       "nonPositiveInteger", "negativeInteger", "unsignedInt", "unsignedLong")}
_FLOAT_TYPES = {XSD.double.value, XSD.float.value}


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat()


def to_term(value: Any):
    """A Python or rdflib value as a pyoxigraph term, for query bindings.

    Strings become plain literals (never IRIs: pass ``pyoxigraph.NamedNode`` or
    ``rdflib.URIRef`` for an IRI), so a user's string can only ever be a value.
    """
    if isinstance(value, (ox.NamedNode, ox.Literal, ox.BlankNode)):
        return value
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=XSD.boolean)
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=XSD.integer)
    if isinstance(value, float):
        return ox.Literal(repr(value), datatype=XSD.double)
    if isinstance(value, decimal.Decimal):
        return ox.Literal(str(value), datatype=XSD.decimal)
    if isinstance(value, _dt.datetime):
        return ox.Literal(value.isoformat(), datatype=XSD.dateTime)
    if isinstance(value, _dt.date):
        return ox.Literal(value.isoformat(), datatype=XSD.date)
    mod = type(value).__module__
    if mod.startswith("rdflib"):
        from rdflib import BNode, Literal, URIRef

        if isinstance(value, URIRef):
            return ox.NamedNode(str(value))
        if isinstance(value, Literal):
            if value.language:
                return ox.Literal(str(value), language=value.language)
            if value.datatype:
                return ox.Literal(str(value), datatype=ox.NamedNode(str(value.datatype)))
            return ox.Literal(str(value))
        if isinstance(value, BNode):
            return ox.BlankNode(str(value))
    if isinstance(value, str):
        return ox.Literal(value)
    raise QueryError(f"cannot bind a value of type {type(value).__name__}: {value!r}")


def iri_node(iri: Any):
    """``iri`` as a pyoxigraph NamedNode, or None when it is not a valid IRI (callers word
    their own error)."""
    try:
        return ox.NamedNode(iri)
    except (ValueError, TypeError):
        return None


def to_python(term):
    """A pyoxigraph term as a plain Python value (IRIs and strings as str, numbers as numbers)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.Literal):
        dt = term.datatype.value if term.datatype is not None else ""
        try:
            if dt in _INT_TYPES:
                return int(term.value)
            if dt in _FLOAT_TYPES or dt == XSD.decimal.value:
                return float(term.value)
            if dt == XSD.boolean.value:
                return term.value in ("true", "1")
        except ValueError:
            pass
        return term.value
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    return str(term)


class Rows(list):
    """SELECT results: a list of ``{variable: value}`` dicts, with ``variables`` in order."""

    def __init__(self, rows: Iterable[dict], variables: list[str]):
        super().__init__(rows)
        self.variables = variables


class Store:
    """An Oxigraph dataset holding one content graph and one provenance graph per document.

    ``Store(path)`` opens or creates the store directory; ``Store()`` is in memory.
    ``read_only=True`` opens an existing store without taking the write lock (for
    servers and readers while a build runs in another process).
    """

    def __init__(self, path: str | os.PathLike | None = None, base_iri: str | None = None, read_only: bool = False):
        if base_iri is not None and (not base_iri.endswith("/") or "#" in base_iri):
            raise ConfigError(
                f"base IRI must end with '/' and hold no '#' (graph and text-position IRIs add "
                f"fragments to document IRIs): {base_iri!r}"
            )
        try:
            if base_iri is not None:
                ox.NamedNode(base_iri)
        except ValueError:
            raise ConfigError(f"base IRI is not a valid IRI: {base_iri!r}") from None
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        self._unflushed = 0
        self._deferred: tuple[list[str], bytes] | None = None  # documents written without their markers yet
        if self.path is None:
            self.base_iri = base_iri or DEFAULT_BASE_IRI
            self._ox = ox.Store()
            return
        p = self.path
        marker = p / _MARKER
        if p.exists() and not p.is_dir():
            raise StoreError(f"{p} exists and is not a directory; name a new or existing store directory")
        if p.is_dir() and any(p.iterdir()) and not marker.is_file():
            raise StoreError(
                f"{p} is a non-empty directory that is not a kg store (no {_MARKER}); name a new directory"
            )
        if marker.is_file():
            try:
                info = json.loads(marker.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise StoreError(f"{marker}: unreadable store marker ({exc})") from None
            if info.get("format") != STORE_FORMAT:
                raise StoreError(f"{marker}: store format {info.get('format')!r}, this version reads {STORE_FORMAT}")
            stored = info.get("base_iri") or DEFAULT_BASE_IRI
            if base_iri is not None and base_iri != stored:
                raise ConfigError(
                    f"store {p} was built with base IRI {stored!r}, not {base_iri!r}; open it without a base IRI"
                )
            self.base_iri = stored
        else:
            if read_only:
                raise StoreError(f"no kg store at {p}")
            outer = next((d for d in p.resolve().parents if (d / _MARKER).is_file()), None)
            if outer is not None:  # a new store inside another one's files would corrupt nothing but confuse all
                raise StoreError(f"{p} is inside the kg store {outer}; name a directory outside it")
            self.base_iri = base_iri or DEFAULT_BASE_IRI
            p.mkdir(parents=True, exist_ok=True)
            _atomic_write_text(marker, json.dumps({"format": STORE_FORMAT, "base_iri": self.base_iri}, indent=1) + "\n")
        try:
            self._ox = ox.Store.read_only(str(p / _DB)) if read_only else ox.Store(str(p / _DB))
        except OSError as exc:
            msg = str(exc)
            if "current process" in msg.lower():  # RocksDB: "lock hold by current process"
                raise StoreError(
                    f"store {p} is already open for writing in this process (a KnowledgeGraph, Store or rdflib "
                    "dataset of it not yet closed or released); close it first, or open read-only"
                ) from None
            if "lock" in msg.lower():
                raise StoreError(
                    f"store {p} is open for writing in another process; close it or open read-only ({msg})"
                ) from None
            raise StoreError(f"cannot open store {p}: {msg}") from None
        if not read_only:
            self._repair()

    # -- basics --------------------------------------------------------------------------
    @property
    def ox(self) -> ox.Store:
        """The underlying :class:`pyoxigraph.Store` (for SPARQL result serialization etc.)."""
        return self._ox

    def __len__(self) -> int:
        """Number of quads (statements in all named graphs)."""
        return len(self._ox)

    def __repr__(self) -> str:
        where = str(self.path) if self.path else "memory"
        return f"<kg Store {where}: {len(self)} quads>"

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Flush and release the database (the store object is unusable afterwards)."""
        if getattr(self, "_ox", None) is None:
            return
        try:
            if not self.read_only:
                self.write_deferred_markers()
        finally:
            if self.path is not None and not self.read_only:
                try:
                    self._ox.flush()
                except OSError:
                    pass
            self._ox = None

    def _check_writable(self) -> None:
        if self._ox is None:
            raise StoreError("the store is closed")
        if self.read_only:
            raise StoreError(f"store {self.path} is open read-only")

    def graph_iris(self, doc_id: str) -> tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode]:
        """(document, content graph, provenance graph) IRIs of a document id."""
        d = document_iri(doc_id, self.base_iri)
        return ox.NamedNode(d), ox.NamedNode(d + "#graph"), ox.NamedNode(d + "#provenance")

    def _stored_hash(self, doc: ox.NamedNode, pgraph: ox.NamedNode) -> str | None:
        for q in self._ox.quads_for_pattern(doc, ANKG.contentHash, None, pgraph):
            return q.object.value
        return None

    # -- writing -------------------------------------------------------------------------
    def _repair(self) -> None:
        """Drop the half-loaded documents of an interrupted bulk batch (see the module doc)."""
        pend = self.path / _PENDING
        if not pend.is_file():
            return
        try:
            iris = json.loads(pend.read_text(encoding="utf-8"))["documents"]
            if not isinstance(iris, list):
                raise TypeError
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise StoreError(f"{pend}: unreadable list of pending documents ({exc}); restore it or remove it "
                             "and run Store.verify()") from None
        self._drop_unmarked(iris)
        pend.unlink()

    def _drop_unmarked(self, iris: list) -> None:
        """Drop the two graphs of each listed document that has no completion marker."""
        drops = []
        for d in iris:
            try:
                doc, pg = ox.NamedNode(d), ox.NamedNode(d + "#provenance")
            except (TypeError, ValueError):
                continue
            if self._stored_hash(doc, pg) is None:
                drops.append(f"DROP SILENT GRAPH {ox.NamedNode(d + '#graph')} ; DROP SILENT GRAPH {pg}")
        if drops:
            self._ox.update(" ;\n".join(drops))
            if self.path is not None:
                self._ox.flush()

    def write_new_documents(self, doc_iris: list[str], markers: list | bytes, *, nquads: bytes | None = None,
                            quads: list | None = None, trusted: bool = False, defer_markers: bool = False) -> None:
        """Write whole documents that are not in the store yet, with the bulk loader.

        ``nquads`` (N-Quads bytes) and/or ``quads`` (pyoxigraph quads) hold every quad of the
        documents ``doc_iris`` except their markers (``ankg:contentHash`` quads), given in
        ``markers`` (pyoxigraph quads or N-Quads bytes).  Follows the crash-safe protocol of
        the module doc.  ``trusted=True`` skips Oxigraph's IRI validation while parsing (for
        the bytes of :attr:`kg.rdf.build.BuiltDocument.body_nquads` and ``marker_nquads``,
        whose IRIs pyoxigraph validated when they were built); the syntax is checked either
        way.  With ``defer_markers=True`` the markers are kept and bulk-loaded with the quads
        of the next call (the documents are not in the store until then; see the module
        doc); the markers of an earlier deferring call are always written by this one.
        """
        self._check_writable()
        prev_iris, prev_marks = self._deferred or ([], b"")
        self._deferred = None
        iris = prev_iris + list(doc_iris)
        if defer_markers and not isinstance(markers, (bytes, bytearray)):
            markers = ox.serialize(markers, format=ox.RdfFormat.N_QUADS)
        pend = self.path / _PENDING if self.path is not None else None
        if pend is not None:
            _atomic_write_text(pend, json.dumps({"documents": iris}, ensure_ascii=False) + "\n")
        try:
            try:
                # the earlier batch's markers first: its documents are whole once they are in
                body = prev_marks + nquads if prev_marks and nquads else (nquads or prev_marks)
                if body:
                    self._ox.bulk_load(input=body, format=ox.RdfFormat.N_QUADS, lenient=trusted)
                if quads:
                    self._ox.bulk_extend(quads)
            except SyntaxError as exc:
                raise InputError(f"invalid N-Quads: {exc}") from None
            if defer_markers:
                if markers:
                    self._deferred = (list(doc_iris), bytes(markers))
                    return  # the pending file stays: these documents are not complete yet
            elif markers:
                if isinstance(markers, (bytes, bytearray)):
                    markers = list(ox.parse(markers, format=ox.RdfFormat.N_QUADS))
                self._ox.extend(markers)
                self._written(len(markers))
        except BaseException:
            self._deferred = None
            try:  # nothing half-written stays behind (else the next writable open drops it)
                self._drop_unmarked(iris)
                if pend is not None:
                    pend.unlink()
            except Exception:  # noqa: BLE001 - the original error matters more
                pass
            raise
        if pend is not None:
            pend.unlink()

    def write_deferred_markers(self) -> None:
        """Write the markers that :meth:`write_new_documents` deferred (nothing if none)."""
        if self._deferred is not None and self._ox is not None:
            self.write_new_documents([], [], trusted=True)

    def build(self, ex: Extraction, generated_at: str | None = None) -> BuiltDocument:
        """The quads an extraction would add (no write)."""
        return build(ex, self.base_iri, generated_at)

    def add_extraction(self, ex: Extraction, generated_at: str | None = None) -> str:
        """Add or replace one document atomically.

        Returns ``"added"``, ``"replaced"`` or ``"unchanged"`` (same content hash: nothing
        is written, the original run time is kept).
        """
        self._check_writable()
        built = build(ex, self.base_iri, generated_at or _meta_time_or_now(ex))
        return self._write(built)

    def _written(self, n: int) -> None:
        if self.path is None:
            return
        self._unflushed += n
        if self._unflushed >= FLUSH_EVERY:
            self._ox.flush()
            self._unflushed = 0

    def _write(self, built: BuiltDocument) -> str:
        doc = ox.NamedNode(built.doc_iri)
        old = self._stored_hash(doc, built.provenance_graph)
        if old == built.content_hash:
            return "unchanged"
        if old is None and not self._ox.contains_named_graph(built.graph) and not self._ox.contains_named_graph(
            built.provenance_graph
        ):
            self._ox.load(input=built.nquads, format=ox.RdfFormat.N_QUADS, lenient=True)  # one transaction
            self._written(len(built))
            return "added"
        self._replace(built)
        self._written(len(built))
        return "replaced"

    def _replace(self, built: BuiltDocument) -> None:
        self._replace_quads(built.graph, built.provenance_graph, built.quads)

    def _replace_quads(self, graph: ox.NamedNode, pgraph: ox.NamedNode, quads: list) -> None:
        """Replace a document's two graphs by ``quads`` (all in ``graph`` or ``pgraph``)."""
        # One SPARQL update = one transaction: drop both graphs, insert the new quads.  The
        # quads are written by Oxigraph's own N-Triples serializer (all terms validated and
        # escaped by it), never by formatting values into strings here.
        if any(q.graph_name != graph and q.graph_name != pgraph for q in quads):
            raise InputError(f"replacing <{graph.value}>: a quad outside the document's two graphs")
        parts = [f"DROP SILENT GRAPH {graph} ;", f"DROP SILENT GRAPH {pgraph} ;", "INSERT DATA {"]
        for g in (graph, pgraph):
            triples = [q.triple for q in quads if q.graph_name == g]
            parts.append(f"GRAPH {g} {{")
            parts.append(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8"))
            parts.append("}")
        parts.append("}")
        self._ox.update("\n".join(parts))

    def add_extractions(self, extractions: Iterable[Extraction], batch_size: int = 50,
                        generated_at: str | None = None) -> Counter:
        """Add many extractions; new documents are written ``batch_size`` at a time with
        :meth:`write_new_documents` (bulk loader, crash-safe protocol), so an interrupted run
        leaves the store consistent; rerunning it skips the documents already stored.
        Returns a Counter of ``added``/``replaced``/``unchanged``.
        """
        self._check_writable()
        stats: Counter = Counter()
        pending: list[BuiltDocument] = []
        pending_ids: set[str] = set()

        def flush():
            if pending:
                self.write_new_documents([b.doc_iri for b in pending], [b.marker for b in pending],
                                         nquads=b"".join(b.body_nquads for b in pending), trusted=True)
                stats["added"] += len(pending)
                pending.clear()
                pending_ids.clear()

        for ex in extractions:
            built = build(ex, self.base_iri, generated_at or _meta_time_or_now(ex))
            if built.doc_iri in pending_ids:
                flush()
            doc = ox.NamedNode(built.doc_iri)
            old = self._stored_hash(doc, built.provenance_graph)
            if old == built.content_hash:
                stats["unchanged"] += 1
            elif old is None and not self._ox.contains_named_graph(built.graph):
                pending.append(built)
                pending_ids.add(built.doc_iri)
                if len(pending) >= batch_size:
                    flush()
            else:
                self._replace(built)
                self._written(len(built))
                stats["replaced"] += 1
        flush()
        return stats

    def remove_document(self, doc_id: str) -> bool:
        """Remove a document (both its graphs) in one transaction; False if it was absent."""
        self._check_writable()
        doc, g, pg = self.graph_iris(doc_id)
        existed = self._ox.contains_named_graph(g) or self._ox.contains_named_graph(pg)
        if existed:
            self._ox.update(f"DROP SILENT GRAPH {g} ; DROP SILENT GRAPH {pg}")
        return existed

    def clear(self) -> None:
        self._check_writable()
        self._ox.clear()

    def load_rdf(self, path: str | os.PathLike, graph: str | None = None, bulk: bool = False) -> None:
        """Load an RDF file as is (e.g. a TriG/N-Quads dump of another kg store, or the
        ontology into its own graph).  One transaction; ``bulk=True`` uses Oxigraph's bulk
        loader instead (several times faster for millions of quads, but not atomic: run
        :meth:`verify` after an interrupted bulk load)."""
        self._check_writable()
        try:
            fmt = ox.RdfFormat.from_extension(Path(path).suffix.lstrip(".")) if Path(path).suffix else None
            loader = self._ox.bulk_load if bulk else self._ox.load
            loader(path=str(path), format=fmt, to_graph=ox.NamedNode(graph) if graph else None)
        except (SyntaxError, ValueError, OSError) as exc:
            raise InputError(f"{path}: cannot load RDF: {exc}") from None

    def flush(self) -> None:
        """Write deferred markers (:meth:`write_new_documents`) and flush RocksDB's memtables."""
        if self._ox is not None:
            self.write_deferred_markers()
        if self.path is not None and not self.read_only:
            self._ox.flush()

    def optimize(self) -> None:
        """Compact the on-disk indexes (RocksDB), as kg build and kg load do after writing.
        It costs about 4-5 us of CPU per quad (benchmarks/bench_pipeline.py, ``store
        write`` rows: about a third of the bulk load's cost) and leaves one compacted set of
        files after the bulk loads.  Reads are faster afterwards: on a store of 408 real
        2,500-character articles (288k quads, two bulk batches) the documents listing and
        aggregate queries took 1.9-2.2x less CPU, a mention join 1.6x and a full scan 1.2x
        (an earlier measurement on another store found no difference)."""
        if self.path is not None and not self.read_only:
            self._ox.optimize()

    # -- reading -------------------------------------------------------------------------
    def has_document(self, doc_id: str) -> bool:
        doc, g, pg = self.graph_iris(doc_id)
        return self._stored_hash(doc, pg) is not None

    def documents(self) -> list[dict[str, Any]]:
        """The stored documents: id, iri, graph, title, url, date, publisher, triples, hash."""
        rows = self.query(
            """
            SELECT ?doc ?id ?graph ?title ?url ?date ?publisher ?triples ?hash ?parent WHERE {
              GRAPH ?pg {
                ?doc a ankg:Document ; dcterms:identifier ?id ; ankg:graph ?graph ;
                     ankg:tripleCount ?triples ; ankg:contentHash ?hash .
                OPTIONAL { ?doc dcterms:title ?title }
                OPTIONAL { ?doc schema:url ?url }
                OPTIONAL { ?doc dcterms:date ?date }
                OPTIONAL { ?doc dcterms:publisher/rdfs:label ?publisher }
                OPTIONAL { ?doc dcterms:isPartOf ?parent }
              }
            } ORDER BY ?id
            """,
            union=False,
        )
        out = []
        for r in rows:
            out.append({
                "id": r["id"], "iri": r["doc"], "graph": r["graph"], "title": r["title"] or "",
                "url": r["url"] or "", "date": r["date"] or "", "publisher": r["publisher"] or "",
                "parent": r["parent"] or "", "triples": r["triples"], "hash": r["hash"],
            })
        return out

    def document_ids(self) -> list[str]:
        return [d["id"] for d in self.documents()]

    def quads(self, graph: str | ox.NamedNode | None = None) -> Iterator[ox.Quad]:
        g = ox.NamedNode(graph) if isinstance(graph, str) else graph
        return self._ox.quads_for_pattern(None, None, None, g)

    def named_graphs(self) -> list[str]:
        return sorted(g.value for g in self._ox.named_graphs() if isinstance(g, ox.NamedNode))

    def query(self, sparql: str, bindings: dict[str, Any] | None = None, *, union: bool | None = None,
              raw: bool = False):
        """Run a SPARQL query.

        ``bindings`` maps variable names to values, substituted by Oxigraph (SEP-0007
        substitutions) -- never pasted into the query text.  Strings bind as literals; pass
        ``pyoxigraph.NamedNode``/``rdflib.URIRef`` for IRIs.  ``union=True`` makes the
        default graph the union of all named graphs (Oxigraph then ignores FROM);
        ``union=False`` leaves it the store's own default graph or the graphs FROM names.
        ``union=None`` (default): the union unless the query names its dataset
        (``FROM``/``FROM NAMED``).  The usual prefixes (ankg, schema, prov, nif, skos,
        dcterms, rdfs, xsd, ...) are predeclared.

        Returns :class:`Rows` for SELECT (plain Python values, or pyoxigraph terms with
        ``raw=True``), a bool for ASK and a list of pyoxigraph triples for CONSTRUCT/DESCRIBE.
        """
        if self._ox is None:
            raise StoreError("the store is closed")
        if union is None:
            from ..query.guard import uses_from

            union = not uses_from(sparql)
        subs = None
        if bindings:
            subs = {}
            for name, value in bindings.items():
                name = name.lstrip("?$")
                if not _VAR_RE.match(name):
                    raise QueryError(f"invalid variable name in bindings: {name!r}")
                subs[ox.Variable(name)] = to_term(value)
        try:
            try:
                res = self._ox.query(sparql, substitutions=subs, use_default_graph_as_union=union, prefixes=PREFIXES)
            except RuntimeError as exc:
                # Oxigraph substitutes only projected variables; for the others (FILTER
                # arguments, aggregates) bind them with an inline VALUES block holding the
                # terms as serialized by Oxigraph (one escaped token each).
                if not subs or "projection" not in str(exc):
                    raise QueryError(f"query failed: {exc}") from None
                res = self._ox.query(_inject_values(sparql, subs), use_default_graph_as_union=union,
                                     prefixes=PREFIXES)
        except SyntaxError as exc:
            raise QueryError(f"malformed SPARQL query: {exc}") from None
        except OSError as exc:
            raise StoreError(f"query failed: {exc}") from None
        if isinstance(res, ox.QuerySolutions):
            variables = [v.value for v in res.variables]
            conv = (lambda t: t) if raw else to_python
            return Rows(({v: conv(sol[v]) for v in variables} for sol in res), variables)
        if isinstance(res, ox.QueryBoolean):
            return bool(res)
        return list(res)

    def rdflib_dataset(self):
        """An ``rdflib.Dataset`` over this store (oxrdflib), default graph = union of graphs.

        Writes through it bypass the per-document bookkeeping; use it for reading and for
        rdflib tooling (SHACL, serializers, rdflib's SPARQL).
        """
        from oxrdflib import OxigraphStore
        from rdflib import Dataset

        return Dataset(store=OxigraphStore(store=self._ox), default_union=True)

    def rdflib_graph(self, doc_id: str | None = None, provenance: bool = False):
        """An in-memory ``rdflib.Graph`` copy of one document's content (or provenance) graph,
        or of the union of all graphs when ``doc_id`` is None."""
        from rdflib import Graph

        g = Graph()
        for prefix, ns in PREFIXES.items():
            g.bind(prefix, ns)
        if doc_id is None:
            src = (q.triple for q in self._ox.quads_for_pattern(None, None, None, None))
        else:
            _, cg, pg = self.graph_iris(doc_id)
            src = (q.triple for q in self._ox.quads_for_pattern(None, None, None, pg if provenance else cg))
        data = ox.serialize(src, format=ox.RdfFormat.N_TRIPLES)
        g.parse(data=data.decode("utf-8"), format="nt")
        return g

    def verify(self) -> list[str]:
        """Consistency check: every document's content graph holds exactly the number of
        triples its provenance records, and no graph exists without its document.
        Returns a list of problems (empty when consistent)."""
        problems = []
        if self.path is not None and (self.path / _PENDING).is_file():
            problems.append(f"an interrupted bulk write is pending ({self.path / _PENDING}); opening the store "
                            "for writing drops its half-loaded documents")
        docs = self.documents()
        known = set()
        for d in docs:
            g = ox.NamedNode(d["graph"])
            pg = ox.NamedNode(d["iri"] + "#provenance")
            known.update((g.value, pg.value))
            n = sum(1 for _ in self._ox.quads_for_pattern(None, None, None, g))
            if n != d["triples"]:
                problems.append(f"document {d['id']!r}: content graph has {n} triples, provenance says {d['triples']}")
        for g in self.named_graphs():
            if g not in known:
                problems.append(f"graph <{g}> belongs to no stored document")
        return problems


_IRIREF_RE = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")
_WHERE_RE = re.compile(r"where\b", re.IGNORECASE)


def _group_start(sparql: str) -> int:
    """Index just after the ``{`` that opens the query's WHERE pattern (strings, IRIs and
    comments skipped).  Raises QueryError when there is none."""
    i, n = 0, len(sparql)
    seen_where = False
    first_brace = None
    form = None
    while i < n:
        c = sparql[i]
        if c == "#":
            j = sparql.find("\n", i)
            i = n if j < 0 else j + 1
            continue
        if c in "\"'":
            q3 = sparql[i : i + 3]
            if q3 in ('"""', "'''"):
                j = sparql.find(q3, i + 3)
                i = n if j < 0 else j + 3
                continue
            j = i + 1
            while j < n and sparql[j] != c:
                j += 2 if sparql[j] == "\\" else 1
            i = j + 1
            continue
        if c == "<":
            m = _IRIREF_RE.match(sparql, i)
            if m:
                i = m.end()
                continue
        if c.isalpha():
            m = re.match(r"[A-Za-z_][A-Za-z0-9_]*", sparql[i:])
            word = m.group(0).lower()
            if form is None and word in ("select", "ask", "construct", "describe"):
                form = word
            if word == "where":
                seen_where = True
            i += len(word)
            continue
        if c == "{":
            if seen_where or form in ("select", "ask"):
                return i + 1
            if first_brace is None:
                first_brace = i
        i += 1
    raise QueryError("cannot bind variables that the query does not project: it has no WHERE pattern")


def _inject_values(sparql: str, subs: dict) -> str:
    at = _group_start(sparql)
    names = " ".join(str(v) for v in subs)
    values = " ".join(str(t) for t in subs.values())
    return f"{sparql[:at]} VALUES ({names}) {{ ({values}) }} {sparql[at:]}"


def _meta_time_or_now(ex: Extraction) -> str:
    for key in ("extracted_at", "generated_at", "time"):
        v = ex.meta.get(key)
        if isinstance(v, str) and v:
            return v
    return _now()


def _atomic_write_text(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix="." + path.name + ".", suffix=".tmp", dir=str(path.parent))
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        mask = os.umask(0o022)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)  # mkstemp makes 0600 files
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def open_store(path: str | os.PathLike | None = None, base_iri: str | None = None, read_only: bool = False) -> Store:
    return Store(path, base_iri=base_iri, read_only=read_only)
