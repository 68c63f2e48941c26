"""Named queries, safe parameter binding and the `kg query` command.

The graph is built from the hand-made seed extractions of tests/fixtures_extraction.py,
so the expected answers are known exactly (the end-to-end seed test checks the real
pipeline's graph).
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from kg.errors import QueryError
from kg.query import bind_named, get_named_query, named_queries, parse_params, resolve_entity, run_named
from tests.fixtures_extraction import seed_extractions, seed_store

HOSTILE = 'x" || true || "'


@pytest.fixture(scope="module")
def store():
    return seed_store()


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("q") / "store"
    seed_store(path).close()
    return path


def test_library_is_complete_and_well_formed():
    names = [q.name for q in named_queries()]
    assert names == ["who-met-whom", "events-of", "timeline", "cooperation-dyads", "conflict-dyads",
                     "co-occurrence", "events-by-category", "event-sources"]
    for q in named_queries():
        assert q.title and q.description
        assert ("#PARAMS" in q.sparql) == any(p.kind != "int" for p in q.params), q.name


def test_who_met_whom(store):
    rows = run_named(store, "who-met-whom")
    pairs = {(r["source"], r["target"], r["cameoCode"]) for r in rows}
    assert pairs == {("سيرغي لافروف", "أرارات ميرزويان", "041"), ("فؤاد حسين", "هاميش فالكونر", "041")}
    lav = run_named(store, "who-met-whom", {"actor": "لافروف"})
    assert len(lav) == 1 and lav[0]["date"] == "2023-08-16" and "ناغورني قره باغ" in lav[0]["topic"]
    assert "محادثة هاتفية اليوم 16 أغسطس" in lav[0]["evidence"]
    # either side of the call, with Arabic spelling variation (alef with hamza, teh marbuta)
    assert len(run_named(store, "who-met-whom", {"actor": "ارارات ميرزويان"})) == 1
    assert run_named(store, "who-met-whom", {"actor": "لافروف", "from": "2023-09-01"}) == []
    assert len(run_named(store, "who-met-whom", {"actor": "لافروف", "to": "2023-08-16"})) == 1
    assert run_named(store, "who-met-whom", {"cameo": "042"}) == []


def test_events_of_and_affiliation(store):
    direct = run_named(store, "events-of", {"actor": "أذربيجان"})
    assert {(r["role"], r["plover"]) for r in direct} >= {("target", "ACCUSE")}
    assert run_named(store, "events-of", {"actor": "روسيا"}) == []
    aff = run_named(store, "events-of", {"actor": "روسيا", "with_affiliated": "yes"})
    assert {r["who"] for r in aff} == {"سيرغي لافروف"}


def test_timeline_is_in_date_order(store):
    rows = run_named(store, "timeline", {"actor": "حسين"})
    assert rows and all(r["counterpart"] is not None for r in rows if r["plover"] == "CONSULT")
    dated = [r["date"] for r in run_named(store, "events-by-category") if r["date"]]
    assert dated == sorted(dated)


def test_dyads_and_cooccurrence(store):
    coop = run_named(store, "cooperation-dyads")
    assert {(r["sourceLabel"], r["targetLabel"]) for r in coop} == {("سيرغي لافروف", "أرارات ميرزويان"),
                                                                     ("فؤاد حسين", "هاميش فالكونر")}
    conflict = run_named(store, "conflict-dyads", {"limit": "1"})
    assert len(conflict) == 1 and float(conflict[0]["goldsteinSum"]) < 0
    co = run_named(store, "co-occurrence", {"actor": "روسيا"})
    assert co and all("روسيا" in (r["aLabel"], r["bLabel"]) for r in co)


def test_events_by_category_and_sources(store):
    rows = run_named(store, "events-by-category", {"plover": "consult", "from": "2023-08-01", "to": "2023-08-31"})
    assert [(r["source"], r["target"]) for r in rows] == [("سيرغي لافروف", "أرارات ميرزويان")]
    src = run_named(store, "event-sources", {"actor": "فؤاد حسين", "plover": "CONSULT"})
    assert len(src) == 1 and src[0]["publishers"] == "Shafaq News" and int(src[0]["reports"]) == 1


def test_hostile_values_cannot_widen_a_query(store):
    # as a named-query parameter: a name matching nothing is an error, not a wildcard
    with pytest.raises(QueryError, match="no entity matches"):
        run_named(store, "who-met-whom", {"actor": HOSTILE})
    with pytest.raises(QueryError, match="PLOVER"):
        bind_named(store, "events-by-category", {"plover": HOSTILE})
    with pytest.raises(QueryError, match="YYYY-MM-DD"):
        bind_named(store, "timeline", {"actor": "لافروف", "from": HOSTILE})
    # a yes/no parameter takes yes or no only
    with pytest.raises(QueryError, match="expected yes or no"):
        bind_named(store, "events-of", {"actor": "روسيا", "with_affiliated": HOSTILE})
    # the hostile text of a string parameter stays one literal (one escaped token)
    from kg.query import _terms_for, parse_named_query

    q = parse_named_query("# name: t\n# param: s string  any text\nSELECT ?s WHERE { #PARAMS\n}\n")
    assert [str(t) for t in _terms_for(store, q, {"s": HOSTILE})["s"]] == ['"x\\" || true || \\""']
    # and through the Python bindings of Store.query
    rows = store.query("SELECT ?e WHERE { ?e rdfs:label ?l FILTER(?l = ?name) }", {"name": HOSTILE})
    assert list(rows) == []
    rows = store.query("SELECT ?e WHERE { ?e rdfs:label ?l FILTER(STR(?l) = ?name) }", {"name": "روسيا"})
    assert len(rows) == 1


def test_entity_resolution():
    from kg.rdf.store import Store

    st = Store()
    for x in seed_extractions():
        st.add_extraction(x)
    assert resolve_entity(st, "وروسيا") == ["https://w3id.org/ankg/id/gpe/RUS"]
    assert resolve_entity(st, "https://example.org/x") == ["https://example.org/x"]
    with pytest.raises(QueryError, match="close matches"):
        resolve_entity(st, "لافروفف")


def test_unknown_names_and_params_are_clear_errors(store):
    with pytest.raises(QueryError, match="available"):
        get_named_query("nope")
    with pytest.raises(QueryError, match="takes"):
        bind_named(store, "who-met-whom", {"nope": "1"})
    with pytest.raises(QueryError, match="NAME=VALUE"):
        parse_params(["actor"])


def _kg(*args):
    return subprocess.run([sys.executable, "-m", "kg.cli", "query", *map(str, args)], capture_output=True, text=True)


def test_cli_formats(store_dir):
    r = _kg(store_dir, "--name", "who-met-whom", "--param", "actor=لافروف", "--format", "csv")
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert rows[0]["source"] == "سيرغي لافروف" and rows[0]["date"] == "2023-08-16"
    r = _kg(store_dir, "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ankg:Event }", "--format", "json")
    n_events = sum(len(x.events) for x in seed_extractions())
    assert json.loads(r.stdout)["results"]["bindings"][0]["n"]["value"] == str(n_events)
    r = _kg(store_dir, "SELECT ?e WHERE { ?e a ankg:Event } LIMIT 2", "--format", "tsv")
    assert r.stdout.splitlines()[0] == "?e" and len(r.stdout.splitlines()) == 3
    r = _kg(store_dir, "CONSTRUCT { ?e a ankg:Event } WHERE { ?e a ankg:Event }", "--format", "turtle")
    assert r.returncode == 0 and r.stdout.count("ankg:Event") + r.stdout.count("ont#Event") >= 1
    r = _kg(store_dir, "--name", "timeline", "--param", "actor=لافروف", "--format", "table")
    assert "أرارات ميرزويان" in r.stdout and "(1 row)" in r.stdout


def test_cli_errors_are_one_line(store_dir, tmp_path):
    for args in ([store_dir, "SELEKT"], [store_dir, "--name", "nope"], [tmp_path / "missing", "ASK {}"],
                 [store_dir, "--file", tmp_path / "none.rq"], [store_dir]):
        r = _kg(*args)
        assert r.returncode == 2 and "Traceback" not in r.stderr and r.stderr.count("\n") == 1, (args, r.stderr)
    r = _kg("--list")
    assert r.returncode == 0 and "who-met-whom" in r.stdout


def test_named_queries_on_the_real_seed_graph(seed_store_dir):
    """The pipeline's own graph of the seed page answers the questions a reader asks."""
    from kg.rdf.store import Store

    st = Store(seed_store_dir, read_only=True)
    try:
        calls = run_named(st, "who-met-whom", {"cameo": "041"})
        pairs = {(r["source"], r["target"]) for r in calls}
        assert ("سيرغي لافروف", "أرارات ميرزويان") in pairs
        assert any(s == "فؤاد حسين" and "فالكونر" in (t or "") for s, t in pairs)
        lav = run_named(st, "who-met-whom", {"actor": "لافروف"})
        assert lav[0]["date"] == "2023-08-16" and "محادثة هاتفية" in lav[0]["evidence"]
        assert any("قره باغ" in (r["topic"] or "") for r in lav)
        assert run_named(st, "timeline", {"actor": "ميرزويان"})
        assert run_named(st, "events-by-category", {"plover": "ASSAULT", "from": "2020-01-01", "to": "2020-12-31"})
        assert run_named(st, "events-of", {"actor": "أذربيجان"})
        assert run_named(st, "co-occurrence", {"actor": "روسيا"})
        assert run_named(st, "event-sources", {"plover": "CONSULT"})
    finally:
        st.close()


def test_python_api_query_bindings_and_dataframe():
    from kg.api import KnowledgeGraph

    kg = KnowledgeGraph()
    kg.add_extractions(seed_extractions())
    rows = kg.query("SELECT ?e ?l WHERE { ?e rdfs:label ?l FILTER(STR(?l) = ?name) }", bindings={"name": "روسيا"})
    assert [r["e"] for r in rows] == ["https://w3id.org/ankg/id/gpe/RUS"]
    assert list(kg.query("SELECT ?e WHERE { ?e rdfs:label ?l FILTER(STR(?l) = ?name) }", bindings={"name": HOSTILE})) == []
    df = kg.named_query("who-met-whom", actor="لافروف", dataframe=True)
    assert list(df.columns)[:3] == ["date", "source", "cameoCode"] and df.iloc[0]["target"] == "أرارات ميرزويان"
    df = kg.query("SELECT (COUNT(*) AS ?n) WHERE { ?e a ankg:Event }", dataframe=True)
    assert int(df.iloc[0]["n"]) == sum(len(x.events) for x in seed_extractions())
