"""`kg push`: named graphs round-trip through real servers (Virtuoso, Oxigraph)."""

from __future__ import annotations

import csv
import io
import urllib.parse
import urllib.request

import pytest

from tests.servers import start_oxigraph, start_virtuoso

ox = pytest.importorskip("pyoxigraph")

G1 = "https://w3id.org/ankg/id/doc/d1#graph"
G2 = "https://w3id.org/ankg/id/doc/d2#graph"
HOSTILE = 'x" } ; DROP ALL ; INSERT DATA { <a:a> <a:b> "c" } #\n\u202e<script>'


def _local_store():
    st = ox.Store()
    p = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    for g, n in ((G1, 120), (G2, 7)):
        for i in range(n):
            st.add(ox.Quad(ox.NamedNode(f"https://w3id.org/ankg/id/per/شخص_{i}"), p,
                           ox.Literal(f"اسم {i}", language="ar"), ox.NamedNode(g)))
    st.add(ox.Quad(ox.NamedNode("https://w3id.org/ankg/id/per/x"), p, ox.Literal(HOSTILE), ox.NamedNode(G2)))
    return st


def _select(endpoint: str, query: str) -> list[dict]:
    url = endpoint + "?" + urllib.parse.urlencode({"query": query})
    req = urllib.request.Request(url, headers={"Accept": "text/csv"})
    with urllib.request.urlopen(req, timeout=30) as r:
        return list(csv.DictReader(io.StringIO(r.read().decode("utf-8"))))


def _count(endpoint: str, graph: str) -> int:
    return int(_select(endpoint, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")[0]["n"])


def _check_round_trip(server, protocol):
    from kg.push import graphs_of, push

    st = _local_store()
    endpoint = server.update if protocol == "update" else server.gsp
    for _ in range(2):  # pushing twice replaces, never duplicates
        rep = push(graphs_of(st), endpoint, protocol=protocol, user=server.user, password=server.password, batch=50)
    assert rep.graphs == 2 and rep.triples == 128
    assert _count(server.query, G1) == 120
    assert _count(server.query, G2) == 8
    rows = _select(server.query, f"SELECT ?o WHERE {{ GRAPH <{G2}> {{ <https://w3id.org/ankg/id/per/x> ?p ?o }} }}")
    assert [r["o"] for r in rows] == [HOSTILE]
    rows = _select(server.query, f"SELECT ?o WHERE {{ GRAPH <{G1}> {{ <https://w3id.org/ankg/id/per/شخص_3> ?p ?o }} }}")
    assert [r["o"] for r in rows] == ["اسم 3"]


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    server = start_virtuoso(tmp_path_factory.mktemp("virtuoso"))
    yield server
    server.stop()


def test_push_to_virtuoso_with_sparql_update(virtuoso):
    _check_round_trip(virtuoso, "update")


def test_cli_push_of_the_seed_graph_round_trips_through_virtuoso(virtuoso, seed_store_dir):
    """`kg push` of the pipeline's seed store: same triple count remotely, same sample query rows."""
    import subprocess
    import sys

    from kg.rdf.store import Store

    path = seed_store_dir
    st = Store(path, read_only=True)
    local_count = len(st)
    graphs = st.named_graphs()
    sample = ("PREFIX ankg: <https://w3id.org/ankg/ont#>\n"
              "SELECT ?e ?d WHERE { ?e ankg:cameoCode \"041\" OPTIONAL { ?e ankg:date ?d } } ORDER BY ?e")
    local_rows = [{"e": r["e"], "d": str(r["d"] or "")} for r in st.query(sample)]
    st.close()
    r = subprocess.run([sys.executable, "-m", "kg.cli", "push", str(path), "--endpoint", virtuoso.update,
                        "--user", "dba", "--password", "dba", "--batch", "100"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    remote = sum(_count(virtuoso.query, g) for g in graphs)
    assert remote == local_count
    assert _select(virtuoso.query, sample) == local_rows and len(local_rows) >= 2


def test_push_to_oxigraph_server_with_graph_store_protocol(tmp_path):
    server = start_oxigraph(tmp_path)
    try:
        _check_round_trip(server, "gsp")
    finally:
        server.stop()


def test_push_errors_are_clear(tmp_path):
    from kg.errors import KGError
    from kg.push import graphs_of, push

    with pytest.raises(KGError, match="expected an http"):
        push([], "ftp://x", protocol="update")
    with pytest.raises(KGError, match="protocol"):
        push([], "http://127.0.0.1:9", protocol="nope")
    with pytest.raises(KGError, match="push to http://127.0.0.1:9"):
        push(graphs_of(_local_store()), "http://127.0.0.1:9/sparql", protocol="update", timeout=2)
