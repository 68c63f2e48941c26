"""kg.KnowledgeGraph: build, add/remove, query, graphs, export, open."""

from __future__ import annotations

import gc

import pytest

import kg
from kg.errors import InputError, StoreError
from tests.fixtures_extraction import RT_ID, SHAFAQ_ID, seed_extractions

# The README's "who spoke by phone with whom, when, and about what" query.
PHONE_CALLS = """
SELECT ?source ?target ?date ?topic ?evidence WHERE {
  ?e ankg:cameoCode "041" ; ankg:sourceActor/rdfs:label ?source ; ankg:targetActor/rdfs:label ?target ;
     ankg:evidence/nif:anchorOf ?evidence .
  OPTIONAL { ?e ankg:date ?date }
  OPTIONAL { ?e ankg:topicSpan/nif:anchorOf ?topic }
  FILTER (lang(?source) = "ar" && lang(?target) = "ar")
} ORDER BY ?date
"""


def test_in_memory_build_query_graphs_export(tmp_path):
    with kg.KnowledgeGraph() as g:
        stats = g.add(seed_extractions())
        assert stats == {"added": 2}
        assert g.add(seed_extractions()) == {"unchanged": 2}
        assert len(g) > 500 and RT_ID in g
        rows = g.query(PHONE_CALLS)
        calls = {(r["source"], r["target"]) for r in rows}
        assert calls == {("سيرغي لافروف", "أرارات ميرزويان"), ("فؤاد حسين", "هاميش فالكونر")}
        lavrov = [r for r in rows if r["source"] == "سيرغي لافروف"][0]
        assert lavrov["date"] == "2023-08-16" and "قره باغ" in lavrov["topic"]
        assert "16 أغسطس" in lavrov["evidence"]
        hussein = [r for r in rows if r["source"] == "فؤاد حسين"][0]
        assert "اتصال هاتفي" in hussein["evidence"]
        assert g.actor_graph().number_of_edges() == 3
        assert g.event_graph().number_of_nodes() > 15
        out = g.export(tmp_path / "seed.ttl")
        assert out.read_text(encoding="utf-8").startswith("@prefix")
        assert {d["id"] for d in g.documents()} == {RT_ID, SHAFAQ_ID}
        assert g.remove(RT_ID) is True and RT_ID not in g
        assert all(r["conforms"] for r in g.validate())


def test_persistent_store_and_open(tmp_path):
    path = tmp_path / "kg"
    with kg.KnowledgeGraph(path) as g:
        g.add_extraction(seed_extractions()[0])
        n = len(g)
    gc.collect()
    with kg.KnowledgeGraph.open(path) as g:
        assert len(g) == n and g.documents()[0]["id"] == RT_ID
    gc.collect()
    with pytest.raises(StoreError, match="no kg store"):
        kg.KnowledgeGraph.open(tmp_path / "absent")


def test_custom_base_iri_reaches_the_pipeline_config(tmp_path):
    with kg.KnowledgeGraph(base_iri="https://example.org/news/") as g:
        assert g.config.base_iri == "https://example.org/news/"
        g.add(seed_extractions()[1])
        assert all(x.startswith("https://example.org/news/") for x in g.store.named_graphs())


def test_add_text_and_path_go_through_ingest_and_pipeline(tmp_path, seed_text):
    p = tmp_path / "article.txt"
    p.write_text(seed_text, encoding="utf-8")
    with kg.KnowledgeGraph() as g:
        stats = g.add(p)
        assert stats["added"] >= 1
        n_docs = len(g.documents())
        assert g.add(str(p)) == {"unchanged": n_docs}
        stats = g.add("نص قصير عن زيارة وزير الخارجية إلى القاهرة يوم الاثنين.")
        assert stats["added"] == 1
        with pytest.raises(InputError):
            g.add(42)
