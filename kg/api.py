"""``kg.KnowledgeGraph``: one façade over extraction, the RDF store, SPARQL, networkx and exports.

>>> from kg import KnowledgeGraph
>>> with KnowledgeGraph("my-store") as g:            # a directory; KnowledgeGraph() is in memory
...     g.add("examples/seed-article.txt")            # paths, texts, Documents or Extractions
...     rows = g.query("SELECT ?e ?date WHERE { ?e ankg:cameoCode ?code ; ankg:date ?date }",
...                    bindings={"code": "041"})
...     actors = g.actor_graph()                      # networkx.MultiDiGraph
...     g.export("graph.ttl")                         # format from the extension, or format="trig"

Adding a document twice changes nothing; adding it again after re-extraction replaces its
named graphs; :meth:`remove` deletes it.  Each document is written in one transaction.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from typing import Any, Iterable

from .config import Config
from .errors import InputError
from .model import Document, Extraction

_MAX_PATH_LEN = 4096


_INPUT_SUFFIXES = (".txt", ".text", ".html", ".htm", ".xhtml", ".jsonl", ".json", ".ndjson", ".gz")


def _looks_like_path(s: str) -> bool:
    """A one-word string with a path separator or an input file suffix (``news/a.txt``,
    ``corpus.jsonl``): meant as a path, so a typo is an error rather than a one-word article."""
    s = s.strip()
    if not s or any(ch.isspace() for ch in s):
        return False
    return "/" in s or os.sep in s or s.lower().endswith(_INPUT_SUFFIXES)


class KnowledgeGraph:
    """A knowledge graph in a store directory (``path``) or in memory (``path=None``).

    ``base_iri`` (or ``config.base_iri``) sets the namespace of minted IRIs for a new store;
    an existing store keeps the base it was built with.  ``read_only=True`` opens an
    existing store for reading while another process may be writing to it.
    """

    def __init__(self, path: str | os.PathLike | None = None, base_iri: str | None = None,
                 config: Config | None = None, read_only: bool = False):
        from .rdf.store import Store

        explicit = base_iri or (config.base_iri if config is not None else None)
        self.store = Store(path, base_iri=explicit, read_only=read_only)
        self.config = (config or Config()).with_(base_iri=self.store.base_iri)
        self._pipeline = None

    @classmethod
    def open(cls, path: str | os.PathLike, read_only: bool = False, config: Config | None = None) -> "KnowledgeGraph":
        """Open an existing store (raises StoreError when ``path`` holds none)."""
        from .errors import StoreError
        from .rdf.store import _MARKER

        if not (Path(path) / _MARKER).is_file():
            raise StoreError(f"no kg store at {path} (create one with KnowledgeGraph({str(path)!r}) or kg build)")
        return cls(path, config=config, read_only=read_only)

    # -- context, size ------------------------------------------------------------------
    def __enter__(self) -> "KnowledgeGraph":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    def __len__(self) -> int:
        """Number of statements (quads) in the store."""
        return len(self.store)

    def __contains__(self, doc_id: str) -> bool:
        return self.store.has_document(doc_id)

    def __repr__(self) -> str:
        where = str(self.store.path) if self.store.path else "memory"
        return f"<KnowledgeGraph {where}: {len(self)} statements>"

    @property
    def base_iri(self) -> str:
        return self.store.base_iri

    # -- building -----------------------------------------------------------------------
    @property
    def pipeline(self):
        if self._pipeline is None:
            from .pipeline import Pipeline

            self._pipeline = Pipeline(self.config)
        return self._pipeline

    def _documents(self, item, **ingest) -> Iterable[Document]:
        from .ingest import documents_from_text, read_paths

        if isinstance(item, os.PathLike):
            return read_paths([item], strict=True, **ingest)
        if isinstance(item, str):
            if "\n" not in item and len(item) < _MAX_PATH_LEN and (
                    item == "-" or Path(item).exists() or _looks_like_path(item)):
                return read_paths([item], strict=True, **ingest)  # a missing path: InputError naming it
            return documents_from_text(item, **ingest)
        raise InputError(f"cannot add an object of type {type(item).__name__}: give a path, a text, "
                         "a Document or an Extraction")

    def add(self, items: Any, *, date: str | None = None, source: str | None = None,
            url: str | None = None) -> Counter:
        """Add paths, texts, Documents or Extractions (one or an iterable of them).

        A ``str`` naming an existing file or directory is read as a path (``kg.ingest``), and so
        is a one-word string that looks like one (``news/a.txt``, ``corpus.jsonl``): if it does
        not exist, InputError names it.  Any other string is article text.  Documents are extracted with the pipeline.
        ``date``/``source``/``url`` fill what paths and texts lack.  Returns a Counter of
        ``added``/``replaced``/``unchanged`` documents.
        """
        if isinstance(items, (bytes, bytearray, memoryview)):  # iterating them would give ints
            raise InputError("cannot add bytes: decode the article to text (str) first, or give its path")
        if isinstance(items, (str, os.PathLike, Document, Extraction)):
            items = [items]
        elif not hasattr(items, "__iter__"):
            raise InputError(f"cannot add an object of type {type(items).__name__}: give a path, a text, "
                             "a Document or an Extraction (or an iterable of them)")
        ingest = {k: v for k, v in (("date", date), ("source", source), ("url", url)) if v is not None}
        stats: Counter = Counter()
        for item in items:
            if isinstance(item, Extraction):
                stats[self.add_extraction(item)] += 1
                continue
            docs = [item] if isinstance(item, Document) else self._documents(item, **ingest)
            for doc in docs:
                stats[self.add_extraction(self.pipeline.extract(doc))] += 1
        return stats

    def add_extraction(self, extraction: Extraction, generated_at: str | None = None) -> str:
        """Add one extraction; returns ``added``, ``replaced`` or ``unchanged``."""
        return self.store.add_extraction(extraction, generated_at=generated_at)

    def add_extractions(self, extractions: Iterable[Extraction], batch_size: int = 50) -> Counter:
        """Add many extractions, ``batch_size`` new documents per transaction."""
        return self.store.add_extractions(extractions, batch_size=batch_size)

    def remove(self, doc_id: str) -> bool:
        """Remove a document (its assertion and provenance graphs); False if absent."""
        return self.store.remove_document(doc_id)

    # -- reading ------------------------------------------------------------------------
    def documents(self) -> list[dict[str, Any]]:
        """Stored documents: id, iri, graph, title, url, date, publisher, parent, triples, hash."""
        return self.store.documents()

    def query(self, sparql: str, bindings: dict[str, Any] | None = None, *, dataframe: bool = False, **kwargs):
        """SPARQL over the union of all graphs (or the graphs its FROM clauses name); see
        :meth:`kg.rdf.store.Store.query`.

        Values from users go in through ``bindings`` (never pasted into the text).  With
        ``dataframe=True`` a SELECT's rows come back as a pandas DataFrame (pandas needed).
        """
        from .errors import QueryError
        from .query.guard import explained, screen

        # a pathological query would crash the process in the parser; SERVICE is the caller's business
        screen(sparql, allow_service=True)
        try:
            rows = self.store.query(sparql, bindings, **kwargs)  # union unless FROM / FROM NAMED (or ``union=``)
        except QueryError as exc:
            raise explained(exc, sparql) from None
        return _frame(rows) if dataframe else rows

    def named_query(self, name: str, *, dataframe: bool = False, **params: str):
        """Run a named query (``kg query --list``), e.g. ``kg.named_query("who-met-whom", actor="لافروف")``.

        Names are resolved to entities with Arabic normalization; parameters are bound as
        validated RDF terms.
        """
        from .query import run_named

        rows = run_named(self.store, name, params)
        return _frame(rows) if dataframe else rows

    def actor_graph(self, doc: str | None = None):
        """networkx MultiDiGraph: entities, and events from source to target (kg.graph)."""
        from .graph import actor_graph

        return actor_graph(self.store, doc)

    def event_graph(self, doc: str | None = None):
        """networkx MultiDiGraph: bipartite actors and events (kg.graph)."""
        from .graph import event_graph

        return event_graph(self.store, doc)

    def rdflib_dataset(self):
        """An rdflib Dataset over the store (oxrdflib); default graph = union."""
        return self.store.rdflib_dataset()

    def export(self, path: str | os.PathLike, format: str | None = None, **kwargs) -> Path:
        """Write the graph to ``path``: turtle, trig, nquads, ntriples, jsonld, graphml, gexf,
        nodelink or csv (guessed from the extension when ``format`` is None)."""
        from .export import export

        return export(self.store, path, format, **kwargs)

    def viz(self, path: str | os.PathLike, kind: str = "actor", focus: str | None = None, depth: int = 2,
            doc: str | None = None, **kwargs) -> dict[str, Any]:
        """Write an interactive offline HTML view (kg.viz.render_html): ``kind`` actor, event
        or document (one article: give ``doc``); ``focus``/``depth`` draw one entity's
        neighbourhood.  Returns what was drawn (nodes, edges, capped...)."""
        from .viz import render_html

        info = None
        if doc is not None:
            info = next((d for d in self.documents() if doc in (d["id"], d["iri"], d["graph"])), None)
            if info is None:
                raise InputError(f"no document {doc!r} in the store")
        elif kind == "document":
            raise InputError("kind='document' needs doc=<document id>")
        graph = self.actor_graph(doc) if kind == "actor" else self.event_graph(doc)
        return render_html(graph, path, kind=kind, focus=focus, depth=depth,
                           doc=info if kind == "document" else None, **kwargs)

    def validate(self, doc_id: str | None = None) -> list[dict[str, Any]]:
        """SHACL-validate each named graph (or one document's two graphs) with pySHACL.

        Returns one ``{"doc", "graph", "conforms", "report"}`` per graph."""
        from .rdf.shacl import validate_store

        return validate_store(self.store, doc_id)


def _frame(rows):
    """A pandas DataFrame of SELECT rows (columns in the query's order)."""
    if not hasattr(rows, "variables"):
        raise InputError("dataframe=True needs a SELECT query")
    try:
        import pandas as pd
    except ImportError:
        raise InputError("dataframe=True needs pandas: pip install pandas") from None
    return pd.DataFrame(list(rows), columns=rows.variables)
