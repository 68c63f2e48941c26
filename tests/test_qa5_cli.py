"""QA round 5: kg query / kg eval / kg serve behaviours a demanding user meets.

The CLI is called in-process (kg.cli.main) with captured output: fast, and the same code path
as the ``kg`` console script.
"""

from __future__ import annotations

import json

import pytest

from kg.cli import main
from tests.fixtures_extraction import seed_store


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("qa5") / "store"
    seed_store(path).close()
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


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
@pytest.mark.parametrize("update", ["DELETE WHERE { ?s ?p ?o }", "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
                                    "PREFIX x: <urn:x#>\nCLEAR ALL"])
def test_updates_are_refused_with_the_same_message_in_every_format(capfd, store_dir, fmt, update):
    """In table format an update was reported as 'malformed SPARQL query: ... expected
    CONSTRUCT'; in the others as 'This endpoint is read-only' (kg query is no endpoint)."""
    rc, out, err = _kg(capfd, "query", store_dir, update, "--format", fmt)
    assert rc == 2 and out == "" and err.count("\n") == 1, err
    assert "kg query is read-only: SPARQL Update" in err and "endpoint" not in err, err


@pytest.mark.parametrize("width", ["0", "-5", "1"])
def test_a_table_width_below_two_is_refused(capfd, store_dir, width):
    """--width 0 printed every cell whole plus an ellipsis (s[:-1] + '…')."""
    rc, out, err = _kg(capfd, "query", store_dir, SELECT, "--format", "table", "--width", width)
    assert rc == 2 and f"--width {width}" in err, err
    rc, out, err = _kg(capfd, "query", store_dir, SELECT, "--format", "table", "--width", "5")
    assert rc == 0 and all(len(c) <= 5 for line in out.splitlines()[2:-1] for c in line.split()), out


@pytest.mark.parametrize("update", [
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\nINSERT DATA { <urn:a> rdfs:label 'x' }",
    "BASE <http://e.org/#> PREFIX : <http://e.org/ns#> DELETE WHERE { ?s :p ?o }",
    "# a comment\nCLEAR ALL"])
def test_an_update_after_a_prefix_iri_with_a_hash_gets_403_not_400(update):
    """The '#' of a prefix IRI (rdfs:, owl:, most vocabularies) was taken for a comment, so
    the update was not recognised: kg serve answered 400 'Malformed query' instead of 403."""
    import pyoxigraph as ox

    from kg.server.executor import looks_like_update, run_query

    assert looks_like_update(update)
    out = run_query(ox.Store(), update)
    assert out.status == 403 and b"read-only" in out.body, (out.status, out.body)
    assert not looks_like_update("PREFIX x: <urn:x#insert>\nSELECT * WHERE { ?s ?p 'DELETE' }")


@pytest.mark.parametrize("line, wanted", [
    ('{"id": "a", "text": "نص"}', "no 'doc' field"),          # a corpus line instead of kg extract output
    ("[1, 2]", "an array, not a JSON object"),
    ('{"doc": 5}', "a field of the wrong type"),
])
def test_eval_names_what_is_wrong_with_a_prediction_line(capfd, tmp_path, line, wanted):
    """kg eval printed Python reprs: KeyError('doc'), 'list indices must be integers or slices'."""
    from pathlib import Path

    gold = Path(__file__).resolve().parent.parent / "benchmarks" / "gold"  # dev gold (not held out)
    pred = tmp_path / "pred.jsonl"
    pred.write_text(line + "\n", encoding="utf-8")
    rc, out, err = _kg(capfd, "eval", str(pred), str(gold))
    assert rc == 2 and err.count("\n") == 1, err
    assert f"{pred}: line 1: not an extraction record" in err and wanted in err and "Error(" not in err, err


def test_viz_output_mistakes_are_one_line_errors_not_tracebacks(capfd, store_dir, tmp_path):
    """kg viz -o DIR raised IsADirectoryError and --views -o FILE FileExistsError (tracebacks);
    --focus '' silently drew the whole graph; --views silently ignored --focus/--kind/--doc."""
    (tmp_path / "a-file.ttl").write_text("x", encoding="utf-8")
    cases = [(["-o", str(tmp_path)], "is a directory; name an HTML file"),
             (["--views", "-o", str(tmp_path / "a-file.ttl")], "exists and is not a directory"),
             (["--focus", "", "-o", str(tmp_path / "f.html")], "--focus ''"),
             (["--views", "--focus", "لافروف", "-o", str(tmp_path / "v")], "--views writes the standard set"),
             (["--views", "--kind", "event", "-o", str(tmp_path / "v")], "--views writes the standard set")]
    for extra, wanted in cases:
        rc, out, err = _kg(capfd, "viz", store_dir, *extra)
        assert rc == 2 and err.startswith("kg viz: error:") and wanted in err and err.count("\n") == 1, (extra, err)
    assert not (tmp_path / "f.html").exists() and not (tmp_path / "v").exists()
    assert (tmp_path / "a-file.ttl").read_text(encoding="utf-8") == "x"


def test_viz_pages_are_written_whole_through_a_temporary_file(capfd, store_dir, tmp_path):
    out = tmp_path / "deep" / "er" / "actors.html"
    rc, _, err = _kg(capfd, "viz", store_dir, "-o", str(out))
    assert rc == 0, err
    assert out.read_bytes().rstrip().endswith(b"</html>")
    assert [p.name for p in out.parent.iterdir()] == ["actors.html"]  # no temporary file left behind
    rc, _, err = _kg(capfd, "viz", store_dir, "--views", "-o", str(tmp_path / "views"))
    assert rc == 0, err
    assert not [p for p in (tmp_path / "views").rglob("*.tmp")]
    assert (tmp_path / "views" / "index.html").read_text(encoding="utf-8").rstrip().endswith("</html>")


def test_build_into_an_unwritable_place_is_one_line(capfd, tmp_path):
    """kg build -o /proc/x (any place where the folder cannot be created) ended in a
    FileNotFoundError traceback from build_corpus."""
    src = tmp_path / "a.txt"
    src.write_text("قال وزير الخارجية الروسي سيرغي لافروف إن موسكو مستعدة.", encoding="utf-8")
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    rc, out, err = _kg(capfd, "build", str(src), "-o", str(blocker / "out"), "--workers", "1")
    assert rc == 2 and err.startswith("kg build: error: -o ") and "cannot create the output folder" in err, err
    assert err.count("\n") == 1, err
