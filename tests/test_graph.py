"""networkx views: actor graph and bipartite event graph, plain attribute values."""

from __future__ import annotations

import io

import networkx as nx
import pytest

from kg.graph import ENTITY_ATTRS, EVENT_ATTRS, actor_graph, event_graph
from kg.iri import entity_iri, event_iri
from kg.rdf.store import Store
from tests.fixtures_extraction import RT_ID, SHAFAQ_ID, hostile_extraction, seed_extractions, synthetic_extraction

LAVROV = entity_iri("PER:سيرغي لافروف")
MIRZOYAN = entity_iri("PER:أرارات ميرزويان")
HUSSEIN = entity_iri("PER:فؤاد حسين")
FALCONER = entity_iri("PER:هاميش فالكونر")


@pytest.fixture(scope="module")
def store():
    s = Store()
    s.add_extractions(seed_extractions())
    return s


def _plain(attrs):
    for k, v in attrs.items():
        assert v is not None, k
        assert type(v) in (str, int, float), (k, type(v))


def test_actor_graph_shape(store):
    g = actor_graph(store)
    assert isinstance(g, nx.MultiDiGraph)
    for n, attrs in g.nodes(data=True):
        assert set(ENTITY_ATTRS) <= set(attrs)
        _plain(attrs)
    assert g.nodes[LAVROV]["label"] == "سيرغي لافروف"
    assert g.nodes[LAVROV]["label_en"] == "Sergey Lavrov"
    assert g.nodes[LAVROV]["type"] == "PER" and g.nodes[LAVROV]["country"] == "RUS"
    assert g.nodes[LAVROV]["title"] == "وزير الخارجية"
    assert g.nodes[LAVROV]["aliases"] == "لافروف"
    assert g.nodes[LAVROV]["mentions"] == 2 and g.nodes[LAVROV]["documents"] == 1
    assert g.nodes[entity_iri("GPE:RUS")]["type"] == "GPE"
    key = event_iri(RT_ID, "e1")
    e = g.edges[LAVROV, MIRZOYAN, key]
    assert set(EVENT_ATTRS) <= set(e)
    _plain(e)
    assert (e["cameo"], e["plover"], e["quad_class"], e["goldstein"]) == ("041", "CONSULT", 1, 1.0)
    assert (e["date"], e["date_precision"], e["modality"]) == ("2023-08-16", "day", "asserted")
    assert "16 أغسطس" in e["evidence"] and e["trigger"] == "محادثة هاتفية"
    assert e["doc_url"].startswith("https://arabic.rt.com/") and e["doc_title"].startswith("ناقش")
    assert e["confidence"] == pytest.approx(0.92)
    # the Shafaq call has no date: empty string, never None
    e2 = g.edges[HUSSEIN, FALCONER, event_iri(SHAFAQ_ID, "e1")]
    assert e2["date"] == "" and e2["date_precision"] == ""
    # events without a target make no actor-graph edge; ones with a target do
    assert g.number_of_edges() == 3


def test_event_graph_is_bipartite(store):
    g = event_graph(store)
    events = {n for n, d in g.nodes(data=True) if d["bipartite"] == 1}
    actors = set(g) - events
    assert len(events) == 5
    assert all(g.nodes[n]["type"] == "EVENT" for n in events)
    assert all(g.nodes[n]["type"] in ("PER", "ORG", "GPE", "LOC") for n in actors)
    for u, v, k, d in g.edges(keys=True, data=True):
        _plain(d)
        if d["role"] == "source":
            assert u in actors and v in events
        else:
            assert d["role"] in ("target", "topic", "place") and u in events and v in actors
    ev = event_iri(RT_ID, "e1")
    assert set(g.predecessors(ev)) == {LAVROV}
    roles = {(v, d["role"]) for _, v, d in g.out_edges(ev, data=True)}
    assert roles == {(MIRZOYAN, "target"), (entity_iri("LOC:ناغورني قره باغ"), "topic")}
    for n, attrs in g.nodes(data=True):
        _plain(attrs)
    assert nx.is_bipartite(nx.Graph(g))


def test_one_document_view(store):
    g = actor_graph(store, doc=SHAFAQ_ID)
    assert HUSSEIN in g and LAVROV not in g
    assert g.number_of_edges() == 1
    g2 = event_graph(store, doc=store.graph_iris(RT_ID)[0].value)  # the document IRI works too
    assert sum(1 for _, d in g2.nodes(data=True) if d["type"] == "EVENT") == 3
    from kg.errors import InputError

    with pytest.raises(InputError):
        actor_graph(store, doc="no-such-doc")


def test_cross_document_counts():
    s = Store()
    exs = [synthetic_extraction(i) for i in range(30)]
    s.add_extractions(exs)
    g = actor_graph(s)
    docs_of = {}
    for ex in exs:
        for ent in ex.entities:
            docs_of.setdefault(ent.iri, set()).add(ex.doc.id)
    for iri, docs in docs_of.items():
        assert g.nodes[iri]["documents"] == len(docs)
    assert g.number_of_edges() == sum(len(ex.events) for ex in exs)


def test_graphml_and_gexf_writers_accept_hostile_graphs():
    s = Store()
    s.add_extraction(hostile_extraction())
    for g in (actor_graph(s), event_graph(s)):
        buf = io.BytesIO()
        nx.write_graphml(g, buf)
        nx.write_gexf(g, io.BytesIO())
        back = nx.read_graphml(io.BytesIO(buf.getvalue()))
        assert back.number_of_nodes() == g.number_of_nodes()
