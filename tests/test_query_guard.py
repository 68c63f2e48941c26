"""kg.query.guard: one screening of the query text (nesting, SERVICE, FROM) for every entry point."""

from __future__ import annotations

import itertools

import pytest

from kg.errors import QueryError
from kg.query import guard
from kg.query.guard import MAX_NESTING, ScreenError, screen

DEEP = "SELECT * WHERE { FILTER(" + "(" * (MAX_NESTING + 1) + "1" + ")" * (MAX_NESTING + 1) + ") }"
SERVICE = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/x> { ?s ?p ?o } }"
TOO_DEEP = "Malformed query: brackets nested more than 500 levels deep."
REFUSED = ("Federated queries (SERVICE) are refused: kg answers from its own store "
           "and makes no network requests.")
_unique = itertools.count()


def test_screen_answers_from_and_refuses_with_a_status():
    assert screen("SELECT * FROM <http://g/> WHERE { ?s ?p ?o }", allow_service=False) is True
    assert screen("SELECT * FROM NAMED <http://g/> WHERE { GRAPH ?g { ?s ?p ?o } }", allow_service=False) is True
    assert screen('SELECT ?from WHERE { ?s ex:from "from" . ?s <http://x/from> ?o } # from', allow_service=False) is False
    with pytest.raises(ScreenError) as deep:
        screen(DEEP, allow_service=True)
    assert (deep.value.status, str(deep.value)) == (400, TOO_DEEP)
    with pytest.raises(ScreenError) as svc:
        screen(SERVICE, allow_service=False)
    assert (svc.value.status, str(svc.value)) == (403, REFUSED)
    assert isinstance(svc.value, QueryError)
    assert screen(SERVICE, allow_service=True) is False
    # nesting is refused first, as run_query always did
    with pytest.raises(ScreenError) as both:
        screen(DEEP.replace("FILTER", "SERVICE <http://x/> {} FILTER"), allow_service=False)
    assert both.value.status == 400
    # exactly at the limit is fine
    ok = "SELECT * WHERE " + "{" * MAX_NESTING + "}" * MAX_NESTING
    assert screen(ok, allow_service=False) is False


def test_old_names_are_still_importable_from_the_executor():
    from kg.server import executor

    assert executor.uses_service is guard.uses_service and executor.uses_from is guard.uses_from
    assert executor.nesting_depth is guard.nesting_depth and executor.check_nesting is guard.check_nesting
    assert executor.MAX_NESTING == MAX_NESTING
    with pytest.raises(QueryError, match="nested more than 500"):
        executor.check_nesting(DEEP)


def test_run_query_turns_a_refusal_into_its_outcome():
    import pyoxigraph as ox

    from kg.server.executor import run_query

    out = run_query(ox.Store(), DEEP)
    assert (out.status, out.body.decode(), out.kind) == (400, TOO_DEEP, "error")
    out = run_query(ox.Store(), SERVICE)
    assert (out.status, out.body.decode(), out.kind) == (403, REFUSED, "error")


class _CountingPattern:
    """Stands in for guard._NOT_KEYWORDS and counts the scans of the query text."""

    def __init__(self, pattern):
        self.pattern, self.calls = pattern, 0

    def sub(self, repl, text):
        self.calls += 1
        return self.pattern.sub(repl, text)


def test_the_api_scans_a_query_once_and_allows_service(monkeypatch):
    from kg import KnowledgeGraph

    counter = _CountingPattern(guard._NOT_KEYWORDS)
    monkeypatch.setattr(guard, "_NOT_KEYWORDS", counter)
    with KnowledgeGraph() as kg:
        q = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s ?p ?o }} # {next(_unique)}"
        assert kg.query(q)[0]["n"] == 0
        assert counter.calls == 1
        # KnowledgeGraph.query leaves SERVICE to its caller (SILENT: an unreachable service is no error)
        rows = kg.query("SELECT * WHERE { SERVICE SILENT <http://127.0.0.1:9/x> { ?s ?p ?o } }")
        assert len(rows) == 1
        with pytest.raises(QueryError, match="nested"):
            kg.query(DEEP)


def test_store_query_takes_the_union_unless_the_query_names_its_dataset():
    from kg.rdf.store import Store
    from tests.fixtures_extraction import seed_extractions

    st = Store()
    for x in seed_extractions():
        st.add_extraction(x)
    g = sorted(st.named_graphs())[0]
    count = "SELECT (COUNT(*) AS ?n) {from} WHERE {{ ?s ?p ?o }}"
    n_all = st.query(count.format(**{"from": ""}))[0]["n"]
    n_g = st.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}")[0]["n"]
    assert 0 < n_g < n_all
    assert st.query(count.format(**{"from": f"FROM <{g}>"}))[0]["n"] == n_g
    named = f"SELECT (COUNT(*) AS ?n) FROM NAMED <{g}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"
    assert st.query(named)[0]["n"] == n_g
    # an explicit choice is kept: union=True ignores FROM (Oxigraph), union=False is the store's own default graph
    assert st.query(count.format(**{"from": f"FROM <{g}>"}), union=True)[0]["n"] == n_all
    assert st.query(count.format(**{"from": ""}), union=False)[0]["n"] == 0
    # the word in a string, an IRI, a comment or a variable is no dataset clause
    assert st.query('SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o BIND("FROM <x>" AS ?from) } # FROM <y>')[0]["n"] == n_all
