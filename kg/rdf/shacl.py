"""SHACL validation of the store's named graphs with pySHACL (ontology/shapes.ttl).

Each document's assertion graph and provenance graph is validated on its own, as the shapes
expect.  pySHACL is imported only here.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def shapes_graph():
    from rdflib import Graph

    from .vocab import ontology_path

    return Graph().parse(ontology_path("shapes.ttl"), format="turtle")


def validate_graph(graph) -> tuple[bool, str]:
    """(conforms, report text) of one rdflib Graph against the shapes."""
    import pyshacl

    conforms, _report, text = pyshacl.validate(graph, shacl_graph=shapes_graph(), advanced=True,
                                               allow_warnings=True)
    return bool(conforms), text


def validate_store(store, doc_id: str | None = None) -> list[dict[str, Any]]:
    """Validate the two graphs of ``doc_id`` (or of every document)."""
    ids = [doc_id] if doc_id is not None else store.document_ids()
    out = []
    for d in ids:
        _, g, pg = store.graph_iris(d)
        for iri, prov in ((g, False), (pg, True)):
            conforms, text = validate_graph(store.rdflib_graph(d, provenance=prov))
            out.append({"doc": d, "graph": iri.value, "conforms": conforms, "report": text})
    return out
