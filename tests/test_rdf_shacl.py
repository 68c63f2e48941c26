"""Every named graph conforms to ontology/shapes.ttl, and the shapes catch broken data."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef

from kg.rdf.shacl import validate_graph, validate_store
from kg.rdf.store import Store
from tests.fixtures_extraction import RT_ID, hostile_extraction, seed_extractions, synthetic_extraction

ANKG = "https://w3id.org/ankg/ont#"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"


@pytest.fixture(scope="module")
def store():
    s = Store()
    s.add_extractions(seed_extractions() + [hostile_extraction(), synthetic_extraction(3)])
    return s


def test_every_named_graph_conforms(store):
    results = validate_store(store)
    assert len(results) == 2 * 4 == len(store.named_graphs())
    bad = [(r["graph"], r["report"]) for r in results if not r["conforms"]]
    assert not bad, bad[0][1][:3000]


def _content(store):
    return store.rdflib_graph(RT_ID)


def _one(g, p):
    return next(iter(g.subject_objects(URIRef(p))))


@pytest.mark.parametrize("breakage,message", [
    ("anchor", "anchorOf is exactly the text"),
    ("offsets", "smaller than its endIndex"),
    ("no_cameo", "CAMEO"),
    ("precision", "precision that fits"),
    ("loc_source", "source actors are Actors"),
    ("no_label", "an entity has a label"),
    ("two_evidence", "exactly one evidence"),
    ("wrong_class", "agrees with its type"),
    ("date_without_precision", "precision that fits"),
    ("untyped_evidence", "typed nif:String or one of its subclasses"),
])
def test_shapes_catch_broken_graphs(store, breakage, message):
    g = _content(store)
    ev = URIRef("https://w3id.org/ankg/id/event/rt-2023-08-16-lavrov-mirzoyan/e1")
    if breakage == "anchor":
        s, o = _one(g, NIF + "anchorOf")
        g.remove((s, URIRef(NIF + "anchorOf"), o))
        g.add((s, URIRef(NIF + "anchorOf"), Literal(str(o) + "x")))
    elif breakage == "offsets":
        s, o = _one(g, NIF + "anchorOf")
        b = g.value(s, URIRef(NIF + "beginIndex"))
        g.set((s, URIRef(NIF + "endIndex"), b))
    elif breakage == "no_cameo":
        g.remove((ev, URIRef(ANKG + "cameoCode"), None))
    elif breakage == "precision":
        g.set((ev, URIRef(ANKG + "datePrecision"), Literal("month")))
    elif breakage == "loc_source":
        g.add((ev, URIRef(ANKG + "sourceActor"), URIRef("https://w3id.org/ankg/id/loc/ناغورني_قره_باغ")))
    elif breakage == "no_label":
        from rdflib.namespace import RDFS

        g.remove((URIRef("https://w3id.org/ankg/id/gpe/RUS"), RDFS.label, None))
    elif breakage == "two_evidence":
        s, _ = _one(g, NIF + "anchorOf")
        g.add((ev, URIRef(ANKG + "evidence"), s))
    elif breakage == "wrong_class":
        from rdflib.namespace import RDF

        g.remove((URIRef("https://w3id.org/ankg/id/per/سيرغي_لافروف"), RDF.type, URIRef(ANKG + "Person")))
    elif breakage == "date_without_precision":
        g.remove((ev, URIRef(ANKG + "datePrecision"), None))
    elif breakage == "untyped_evidence":
        from rdflib.namespace import RDF

        g.remove((g.value(ev, URIRef(ANKG + "evidence")), RDF.type, None))
    conforms, text = validate_graph(g)
    assert not conforms
    assert message in text


def test_unbroken_copy_conforms(store):
    conforms, text = validate_graph(_content(store))
    assert conforms, text
