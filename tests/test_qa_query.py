"""QA: hostile or malformed values in every place the query layer accepts them.

Each must be a clear QueryError (one line from the CLI, a 4xx from the JSON API), never a
traceback and never a widened query.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from kg.errors import QueryError
from kg.query import bind_named, entity_details, event_details, search_entities
from tests.fixtures_extraction import seed_extractions, seed_store

BAD_IRIS = ["http://x> } ?s ?p ?o #", "http://a b", "https://e/\"x", "urn:<x>", "http://x/\ny"]


@pytest.fixture(scope="module")
def store():
    return seed_store()


@pytest.mark.parametrize("value", BAD_IRIS)
def test_an_invalid_iri_as_an_entity_or_iri_parameter_is_a_clear_error(store, value):
    with pytest.raises(QueryError, match="not a valid IRI"):
        bind_named(store, "events-of", {"actor": value})
    with pytest.raises(QueryError, match="not a valid IRI"):
        bind_named(store, "who-met-whom", {"actor": value})


@pytest.mark.parametrize("value", BAD_IRIS)
def test_the_json_api_lookups_answer_none_for_invalid_iris(store, value):
    assert entity_details(store, value) is None
    assert event_details(store, value) is None
    assert search_entities(store, value) == []


def test_cli_invalid_iri_parameter_is_one_line(tmp_path):
    from kg.rdf.store import Store

    path = tmp_path / "store"
    st = Store(path)
    for x in seed_extractions():
        st.add_extraction(x)
    st.close()
    r = subprocess.run([sys.executable, "-m", "kg.cli", "query", str(path), "--name", "events-of",
                        "--param", "actor=http://x> } ?s ?p ?o #"], capture_output=True, text=True)
    assert r.returncode == 2 and "Traceback" not in r.stderr and r.stderr.count("\n") == 1, r.stderr
    assert "not a valid IRI" in r.stderr


def test_from_clause_narrows_the_dataset_in_the_api_and_the_cli(tmp_path):
    from kg import KnowledgeGraph
    from kg.rdf.store import Store

    path = tmp_path / "store"
    st = Store(path)
    for x in seed_extractions():
        st.add_extraction(x)
    graphs = [r["g"] for r in st.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")]
    g = sorted(graphs)[0]
    n_g = st.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}")[0]["n"]
    n_all = st.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]["n"]
    st.close()
    assert len(graphs) > 1 and 0 < n_g < n_all
    q = f"SELECT (COUNT(*) AS ?n) FROM <{g}> WHERE {{ ?s ?p ?o }}"
    with KnowledgeGraph.open(path, read_only=True) as kg:
        assert kg.query(q)[0]["n"] == n_g
        assert kg.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]["n"] == n_all
    for fmt in ("table", "csv"):
        r = subprocess.run([sys.executable, "-m", "kg.cli", "query", str(path), q, "--format", fmt],
                           capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        assert str(n_g) in r.stdout.split() or r.stdout.splitlines()[1].strip() == str(n_g), (fmt, r.stdout)
        assert str(n_all) not in r.stdout


@pytest.mark.parametrize("value", ["2023-13-01", "2023-02-30", "2023-00-10"])
def test_impossible_dates_are_refused_not_silently_matching_nothing(store, value):
    with pytest.raises(QueryError, match="YYYY-MM-DD"):
        bind_named(store, "who-met-whom", {"from": value})
    assert "2023-08-16" in bind_named(store, "who-met-whom", {"from": "2023-08-16"})


def test_cli_refuses_service_in_every_output_format(tmp_path):
    from kg.rdf.store import Store

    path = tmp_path / "store"
    Store(path).close()
    q = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/x> { ?s ?p ?o } }"
    for fmt in ("table", "csv", "json"):
        r = subprocess.run([sys.executable, "-m", "kg.cli", "query", str(path), q, "--format", fmt],
                           capture_output=True, text=True)
        assert r.returncode == 2 and "SERVICE" in r.stderr and r.stderr.count("\n") == 1, (fmt, r.stderr)


def _two_reports_store():
    """Each seed article stored twice under two ids (as two outlets' copies), so every entity
    is described in two document graphs: the union default graph repeats its triples."""
    import dataclasses

    from kg.rdf.store import Store

    st = Store()
    for x in seed_extractions():
        st.add_extraction(x)
        copy = dataclasses.replace(x, doc=dataclasses.replace(x.doc, id=x.doc.id + "-copy"))
        st.add_extraction(copy)
    return st


@pytest.mark.parametrize("name,params", [
    ("who-met-whom", {}), ("events-of", {"actor": "لافروف"}), ("events-of", {"actor": "روسيا", "with_affiliated": "yes"}), ("timeline", {"actor": "لافروف"}),
    ("cooperation-dyads", {}), ("conflict-dyads", {}), ("co-occurrence", {}), ("events-by-category", {}),
    ("event-sources", {}), ("cooperation-dyads", {"limit": "2"}), ("co-occurrence", {"limit": "3"})])
def test_named_queries_give_each_row_once_when_entities_are_in_many_documents(name, params):
    from kg.query import run_named

    rows = [tuple(sorted(r.items())) for r in run_named(_two_reports_store(), name, params)]
    assert rows and len(rows) == len(set(rows)), rows


def test_deeply_nested_queries_are_refused_not_a_crash(tmp_path):
    """Oxigraph's parser overflowed the stack (segfault, exit 139, no message) at a few
    thousand nested brackets: refuse such queries with a one-line error."""
    from kg import KnowledgeGraph
    from kg.rdf.store import Store

    path = tmp_path / "store"
    Store(path).close()
    deep = "SELECT * WHERE { FILTER(" + "(" * 6000 + "1" + ")" * 6000 + ") }"
    fine = "SELECT * WHERE { FILTER(" + "(" * 100 + "1" + ")" * 100 + ") }"
    for fmt in ("table", "csv"):
        r = subprocess.run([sys.executable, "-m", "kg.cli", "query", str(path), deep, "--format", fmt],
                           capture_output=True, text=True)
        assert r.returncode == 2 and "nested" in r.stderr and r.stderr.count("\n") == 1, (fmt, r.returncode, r.stderr)
        r = subprocess.run([sys.executable, "-m", "kg.cli", "query", str(path), fine, "--format", fmt],
                           capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
    with KnowledgeGraph.open(path, read_only=True) as kg:
        with pytest.raises(QueryError, match="nested"):
            kg.query("SELECT * WHERE " + "{" * 3000 + "}" * 3000)
    # brackets inside strings, IRIs and comments do not count
    from kg.server.executor import nesting_depth

    assert nesting_depth('SELECT * { ?s ?p "((((((" } # ((((((((') == 1
