"""kg.rdf.store.iri_node: the one IRI check behind named-query parameters, entity/event
lookups and the protocol's default-graph-uri/named-graph-uri (each caller words its error)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.errors import QueryError
from kg.rdf.store import iri_node


def test_iri_node_gives_a_node_or_none():
    assert iri_node("http://example.org/a#b") == ox.NamedNode("http://example.org/a#b")
    for bad in ("a b", "http://x> } ?s ?p ?o #", "", None, 5):
        assert iri_node(bad) is None, bad


def test_each_caller_keeps_its_own_message():
    from kg.query import bind_named, entity_details, event_details
    from kg.rdf.store import Store
    from kg.server.executor import run_query

    st = Store()
    with pytest.raises(QueryError, match=r"^--param actor='http://x y': not a valid IRI$"):
        bind_named(st, "events-of", {"actor": "http://x y"})
    assert entity_details(st, "http://x y") is None and event_details(st, "http://x y") is None
    out = run_query(st.ox, "SELECT * WHERE { ?s ?p ?o }", named_graphs=["http://ok/", "no iri"])
    assert (out.status, out.body.decode()) == (400, "named-graph-uri 'no iri' is not a valid IRI")
    out = run_query(st.ox, "SELECT * WHERE { ?s ?p ?o }", default_graphs=["<bad>"])
    assert (out.status, out.body.decode()) == (400, "default-graph-uri '<bad>' is not a valid IRI")
