"""QA round 5: kg query / kg eval / kg serve behaviours a demanding user meets.

The CLI is called in-process (kg.cli.main) with captured output: fast, and the same code path
as the ``kg`` console script.
"""

from __future__ import annotations

import json

import pytest

from kg.cli import main
from tests.fixtures_extraction import seed_extractions


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    from kg.rdf.store import Store

    path = tmp_path_factory.mktemp("qa5") / "store"
    st = Store(path)
    for x in seed_extractions():
        st.add_extraction(x)
    st.close()
    return str(path)


def _kg(capfd, *argv):
    rc = main(list(argv))
    out, err = capfd.readouterr()
    return rc, out, err


SELECT = "SELECT ?s WHERE { ?s a ankg:Person } LIMIT 1"
CONSTRUCT = "CONSTRUCT WHERE { ?s a ankg:Person } LIMIT 1"


@pytest.mark.parametrize("query, fmt, wanted", [
    (SELECT, "turtle", "CONSTRUCT/DESCRIBE"), (SELECT, "ntriples", "CONSTRUCT/DESCRIBE"),
    (SELECT, "jsonld", "CONSTRUCT/DESCRIBE"), ("ASK { ?s ?p ?o }", "turtle", "CONSTRUCT/DESCRIBE"),
    (CONSTRUCT, "csv", "SELECT/ASK"), (CONSTRUCT, "json", "SELECT/ASK"), (CONSTRUCT, "xml", "SELECT/ASK"),
])
def test_query_format_of_the_other_kind_is_an_error_not_a_silent_substitute(capfd, store_dir, query, fmt, wanted):
    """--format turtle on a SELECT printed SPARQL JSON (and --format csv on a CONSTRUCT
    printed Turtle) with exit 0: a script asking for one format silently got another."""
    rc, out, err = _kg(capfd, "query", store_dir, query, "--format", fmt)
    assert rc == 2 and out == "", (rc, out)
    assert f"--format {fmt}" in err and wanted in err and err.count("\n") == 1, err


@pytest.mark.parametrize("query, fmt", [(SELECT, "json"), (SELECT, "xml"), ("ASK { ?s ?p ?o }", "json"),
                                        (CONSTRUCT, "jsonld"), (SELECT, "csv"), (CONSTRUCT, "turtle")])
def test_query_output_ends_with_a_newline(capfd, store_dir, query, fmt):
    rc, out, err = _kg(capfd, "query", store_dir, query, "--format", fmt)
    assert rc == 0, err
    assert out.endswith("\n") and not out.endswith("\n\n\n"), repr(out[-20:])
    if fmt in ("json", "jsonld"):
        json.loads(out)


UNKNOWN_PREFIX = "SELECT ?x WHERE { ?x rdfs:label \"لافروف\" . ?x foo:bar ?y }"
TRUNCATED = "SELECT ?x WHERE { ?x a ?y } ORDER BY"


@pytest.mark.parametrize("fmt", ["table", "csv"])
def test_syntax_errors_name_the_unknown_prefix_not_the_grammar(capfd, store_dir, fmt):
    """Oxigraph's message for an undeclared prefix was ~500 characters of character-class
    ranges ('\\u{00C0}'..='\\u{00D6}' | ...) over five lines, with 'Prefix not found' buried."""
    rc, out, err = _kg(capfd, "query", store_dir, UNKNOWN_PREFIX, "--format", fmt)
    assert rc == 2 and err.count("\n") == 1, err
    assert "unknown prefix 'foo:'" in err and f"line 1, column {UNKNOWN_PREFIX.index(' ?y }') + 1}" in err and "ankg" in err, err
    assert "u{" not in err and "..=" not in err, err
    rc, out, err = _kg(capfd, "query", store_dir, TRUNCATED, "--format", fmt)
    assert rc == 2 and err.count("\n") == 1 and "u{" not in err and "a name" in err, err


def test_syntax_errors_are_readable_from_the_api_and_the_endpoint():
    import pyoxigraph as ox

    from kg import KnowledgeGraph
    from kg.errors import QueryError
    from kg.server.executor import run_query

    with KnowledgeGraph() as g, pytest.raises(QueryError, match=r"unknown prefix 'foo:'") as ei:
        g.query(UNKNOWN_PREFIX)
    assert "u{" not in str(ei.value)
    out = run_query(ox.Store(), UNKNOWN_PREFIX)
    assert out.status == 400
    body = out.body.decode()
    assert "unknown prefix 'foo:'" in body and "u{" not in body and len(body) < 300, body
    out = run_query(ox.Store(), "SELECT ?x WHERE { ?x ?p ?o } LIMIT -1")
    assert out.status == 400 and "near '-1'" in out.body.decode() and "a digit" in out.body.decode()
