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
