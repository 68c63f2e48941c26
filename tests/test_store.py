"""The embedded store: idempotent adds, replacement, removal, persistence, bindings, rdflib."""

from __future__ import annotations

import copy
import gc

import pyoxigraph as ox
import pytest

from tests.fixtures_extraction import RT_ID, SHAFAQ_ID, hostile_extraction, seed_extractions, synthetic_extraction
from kg.errors import ConfigError, QueryError, StoreError
from kg.rdf.store import Store

T0 = "2024-01-01T00:00:00+00:00"


def _quads(store):
    return {str(q) for q in store.quads()}


@pytest.fixture()
def store():
    s = Store()
    for ex in seed_extractions():
        assert s.add_extraction(ex, generated_at=T0) == "added"
    return s


def test_adding_twice_changes_nothing(store):
    before = _quads(store)
    for ex in seed_extractions():
        # even with another run time, an unchanged document is not rewritten
        assert store.add_extraction(ex, generated_at="2030-01-01T00:00:00+00:00") == "unchanged"
    assert _quads(store) == before
    assert store.add_extractions(seed_extractions())["unchanged"] == 2
    assert _quads(store) == before


def test_reextraction_replaces_the_documents_graphs(store):
    other = _quads(store)
    ex = seed_extractions()[0]
    ex.events = [e for e in ex.events if e.cameo != "111"]
    ex.entities[0].label_en = "S. Lavrov"
    assert store.add_extraction(ex, generated_at=T0) == "replaced"
    q = store.query("SELECT ?c WHERE { ?e ankg:cameoCode ?c }")
    codes = sorted(r["c"] for r in q)
    assert "111" not in codes and codes.count("041") == 2
    labels = {r["l"] for r in store.query('SELECT ?l WHERE { ?e rdfs:label ?l FILTER(lang(?l) = "en") }')}
    assert "S. Lavrov" in labels and "Sergey Lavrov" not in labels
    # the other document is untouched
    fresh = Store()
    fresh.add_extraction(seed_extractions()[1], generated_at=T0)
    assert _quads(fresh) <= _quads(store)
    assert store.verify() == []
    # the replacement equals a fresh build of the new version
    fresh.add_extraction(ex, generated_at=T0)
    assert _quads(fresh) == _quads(store)
    assert other != _quads(store)


def test_remove_document(store):
    assert store.remove_document(RT_ID) is True
    assert store.remove_document(RT_ID) is False
    assert [d["id"] for d in store.documents()] == [SHAFAQ_ID]
    fresh = Store()
    fresh.add_extraction(seed_extractions()[1], generated_at=T0)
    assert _quads(fresh) == _quads(store)
    assert store.verify() == []


def test_documents_listing(store):
    docs = {d["id"]: d for d in store.documents()}
    assert set(docs) == {RT_ID, SHAFAQ_ID}
    assert docs[RT_ID]["date"] == "2023-08-16"
    assert docs[RT_ID]["publisher"] == "RT Arabic"
    assert docs[RT_ID]["url"].startswith("https://arabic.rt.com/")
    assert docs[RT_ID]["triples"] > 100
    assert docs[SHAFAQ_ID]["parent"].endswith("/doc/seed-page")


def test_persistence_and_reopen(tmp_path):
    path = tmp_path / "store"
    s = Store(path)
    s.add_extractions(seed_extractions(), generated_at=T0)
    n, q = len(s), _quads(s)
    with pytest.raises(StoreError, match="another process|open for writing"):
        Store(path)  # RocksDB lock: a second writer is refused with a clear message
    s.close()
    gc.collect()
    with Store(path) as s2:
        assert len(s2) == n and _quads(s2) == q
        assert s2.base_iri == "https://w3id.org/ankg/id/"
    gc.collect()
    ro = Store(path, read_only=True)
    assert len(ro) == n
    with pytest.raises(StoreError, match="read-only"):
        ro.add_extraction(hostile_extraction())
    ro.close()
    gc.collect()
    with pytest.raises(ConfigError, match="base IRI"):
        Store(path, base_iri="https://example.org/other/")


def test_refuses_a_directory_that_is_not_a_store(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(StoreError, match="not a kg store"):
        Store(tmp_path)
    f = tmp_path / "file"
    f.write_text("x")
    with pytest.raises(StoreError, match="not a directory"):
        Store(f)
    with pytest.raises(StoreError, match="no kg store"):
        Store(tmp_path / "absent", read_only=True)


def test_refuses_a_new_store_inside_a_store(tmp_path):
    Store(tmp_path / "s").close()
    with pytest.raises(StoreError, match="inside the kg store"):  # kg build -o STORE/oxigraph
        Store(tmp_path / "s" / "oxigraph" / "store")
    assert not (tmp_path / "s" / "oxigraph" / "store").exists()
    Store(tmp_path / "elsewhere").close()  # a sibling is fine


def test_custom_base_iri(tmp_path):
    with Store(tmp_path / "s", base_iri="https://example.org/kg/") as s:
        s.add_extraction(seed_extractions()[0])
        assert s.has_document(RT_ID)
        assert all(g.startswith("https://example.org/kg/doc/") for g in s.named_graphs())
    with pytest.raises(ConfigError):
        Store(base_iri="no-slash")
    with pytest.raises(ConfigError, match="#"):
        Store(base_iri="https://example.org/kg#")


def test_query_bindings_are_values_not_query_text(store):
    rows = store.query("SELECT ?e ?code WHERE { ?e ankg:cameoCode ?code }", {"code": "041"})
    assert len(rows) == 2 and rows.variables == ["e", "code"]
    for hostile in ('041" || true || "', "041' || true || '", '041"} ?e ?p ?o {"', "041> <x"):
        assert len(store.query("SELECT ?e ?code WHERE { ?e ankg:cameoCode ?code }", {"code": hostile})) == 0
        # a variable that is not projected (FILTER argument): bound with an escaped VALUES row
        n = store.query("SELECT (COUNT(?e) AS ?n) WHERE { ?e ankg:cameoCode ?c FILTER(?c = ?code) }",
                        {"code": hostile})
        assert n[0]["n"] == 0
    n = store.query("SELECT (COUNT(?e) AS ?n) WHERE { ?e ankg:cameoCode ?c FILTER(?c = ?code) }", {"code": "041"})
    assert n[0]["n"] == 2
    # a string is never an IRI; an IRI must be passed as one
    lavrov = "https://w3id.org/ankg/id/per/سيرغي_لافروف"
    q = "SELECT ?e ?a WHERE { ?e ankg:sourceActor ?a }"
    assert len(store.query(q, {"a": lavrov})) == 0
    assert len(store.query(q, {"a": ox.NamedNode(lavrov)})) == 1
    from rdflib import Literal, URIRef

    assert len(store.query(q, {"a": URIRef(lavrov)})) == 1
    assert store.query("ASK { ?e ankg:quadClass ?q }", {"q": 4}) is True
    assert store.query("ASK { ?e ankg:confidence ?c FILTER(?c > ?min) }", {"min": 0.9}) is True
    assert len(store.query("SELECT ?e ?d WHERE { ?e ankg:date ?d }", {"d": Literal("2023-08-16", datatype=URIRef(
        "http://www.w3.org/2001/XMLSchema#date"))})) == 1
    with pytest.raises(QueryError):
        store.query("SELECT ?x WHERE { ?x ?p ?o }", {"bad name": "x"})
    with pytest.raises(QueryError, match="malformed"):
        store.query("SELECT WHERE {")


def test_query_result_kinds(store):
    triples = store.query("CONSTRUCT { ?e ankg:cameoCode ?c } WHERE { ?e ankg:cameoCode ?c }")
    assert len(triples) == 5
    raw = store.query("SELECT ?d WHERE { ?e ankg:date ?d } ORDER BY ?d", raw=True)
    assert isinstance(raw[0]["d"], ox.Literal)
    named = store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g", union=False)
    assert len(named) == 4


def test_rdflib_dataset_sees_the_same_data(store):
    ds = store.rdflib_dataset()
    from rdflib import URIRef

    graphs = {str(g.identifier) for g in ds.graphs()} - {"urn:x-rdflib:default"}
    assert graphs == set(store.named_graphs())
    res = list(ds.query('PREFIX ankg: <https://w3id.org/ankg/ont#> SELECT ?e WHERE { ?e ankg:cameoCode "041" }'))
    assert len(res) == 2
    g = store.rdflib_graph(RT_ID)
    assert len(g) == sum(1 for _ in store.quads(store.graph_iris(RT_ID)[1]))
    assert (None, URIRef("https://w3id.org/ankg/ont#cameoCode"), None) in g


def test_batch_add_with_repeated_document_keeps_last_version():
    s = Store()
    a = synthetic_extraction(1)
    b = copy.deepcopy(a)
    b.events = b.events[:2]
    stats = s.add_extractions([synthetic_extraction(0), a, synthetic_extraction(2), b], batch_size=10)
    assert stats["added"] == 3 and stats["replaced"] == 1
    assert len(s.query("SELECT ?e ?d WHERE { ?e ankg:document ?d }", {"d": ox.NamedNode(
        s.graph_iris(a.doc.id)[0].value)})) == 2
    assert s.verify() == []


def test_verify_reports_damage(store):
    assert store.verify() == []
    g = store.graph_iris(RT_ID)[1]
    q = next(iter(store.quads(g)))
    store.ox.remove(q)
    store.ox.add(ox.Quad(ox.NamedNode("http://x/s"), ox.NamedNode("http://x/p"), ox.Literal("o"),
                         ox.NamedNode("http://x/orphan")))
    problems = store.verify()
    assert any(RT_ID in p for p in problems) and any("orphan" in p for p in problems)


def test_load_rdf_dump_into_a_new_store(store, tmp_path):
    from kg.export import export

    dump = export(store, tmp_path / "dump.nq", "nquads")
    for bulk in (False, True):
        s = Store()
        s.load_rdf(dump, bulk=bulk)
        assert _quads(s) == _quads(store)
        assert s.verify() == []
        assert s.add_extraction(seed_extractions()[0], generated_at=T0) == "unchanged"
    from kg.errors import InputError

    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(InputError, match="bad.ttl"):
        Store().load_rdf(bad)
