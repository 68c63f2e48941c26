"""The SPARQL 1.1 Protocol endpoint of `kg serve`, queried with real clients over HTTP.

The store here is a small hand-made Oxigraph store, so these tests exercise the protocol
(formats, read-only refusal, limits) independently of the extraction pipeline.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

import pytest

from tests.servers import kg_serve

pyoxigraph = pytest.importorskip("pyoxigraph")

EX = "http://example.org/"


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    from kg.rdf.store import Store

    path = tmp_path_factory.mktemp("store") / "db"
    st = Store(path)
    g = pyoxigraph.NamedNode(EX + "g1")
    for i in range(300):
        st.ox.add(pyoxigraph.Quad(pyoxigraph.NamedNode(f"{EX}s{i}"), pyoxigraph.NamedNode(EX + "p"),
                                  pyoxigraph.Literal(f"قيمة {i}", language="ar"), g))
    st.close()
    return path


def _count(path) -> int:
    from kg.rdf.store import Store

    st = Store(path, read_only=True)
    n = len(st)
    st.close()
    return n


@pytest.fixture(scope="module")
def server(store_dir):
    # the limit leaves room for a loaded machine (a normal query must never reach it)
    with kg_serve(store_dir, "--timeout", "5", "--max-result-mb", "0.02", "--workers", "2") as url:
        yield url


def _get(url, accept=None, method="GET", data=None, ctype=None):
    req = urllib.request.Request(url, data=data, method=method)
    if accept:
        req.add_header("Accept", accept)
    if ctype:
        req.add_header("Content-Type", ctype)
    try:
        with urllib.request.urlopen(req, timeout=20) as r:
            return r.status, r.headers.get("Content-Type", ""), r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type", ""), e.read()


Q = "SELECT ?s ?o WHERE { ?s <http://example.org/p> ?o } ORDER BY ?s LIMIT 3"


def test_sparqlwrapper_every_result_format(server):
    from SPARQLWrapper import CSV, JSON, TSV, XML, SPARQLWrapper

    sw = SPARQLWrapper(server + "/sparql")
    sw.setQuery(Q)
    sw.setReturnFormat(JSON)
    res = sw.query().convert()
    assert [b["o"]["value"] for b in res["results"]["bindings"]] == ["قيمة 0", "قيمة 1", "قيمة 10"]
    assert res["results"]["bindings"][0]["o"]["xml:lang"] == "ar"
    sw.setReturnFormat(XML)
    doc = sw.query().convert()
    assert len(doc.getElementsByTagName("result")) == 3
    sw.setReturnFormat(CSV)
    rows = list(csv.reader(io.StringIO(sw.query().convert().decode("utf-8"))))
    assert rows[0] == ["s", "o"] and rows[1][1] == "قيمة 0"
    sw.setReturnFormat(TSV)
    lines = sw.query().convert().decode("utf-8").splitlines()
    assert lines[0] == "?s\t?o" and len(lines) == 4
    sw.setMethod("POST")
    sw.setReturnFormat(JSON)
    assert len(sw.query().convert()["results"]["bindings"]) == 3


def test_construct_and_describe_negotiation(server):
    from SPARQLWrapper import JSONLD, N3, TURTLE, SPARQLWrapper

    sw = SPARQLWrapper(server + "/sparql")
    sw.setQuery("CONSTRUCT { ?s <http://example.org/q> ?o } WHERE { ?s <http://example.org/p> ?o } LIMIT 2")
    sw.setReturnFormat(TURTLE)
    import rdflib

    g = rdflib.Graph().parse(data=sw.query().convert(), format="turtle")
    assert len(g) == 2
    sw.setReturnFormat(JSONLD)
    res = sw.query().convert()
    g = res if isinstance(res, rdflib.Graph) else rdflib.Graph().parse(data=res, format="json-ld")
    assert len(g) == 2
    q = urllib.parse.quote(f"DESCRIBE <{EX}s1>")
    st, ct, body = _get(f"{server}/sparql?query={q}", accept="application/n-triples")
    assert st == 200 and ct.startswith("application/n-triples") and body.count(b"\n") == 1
    assert N3  # imported name exists (SPARQLWrapper API)


def test_curl_get_post_and_direct_body(server):
    curl = shutil.which("curl")
    if not curl:
        pytest.skip("curl is not installed")
    out = subprocess.run([curl, "-s", "-H", "Accept: text/csv", "--data-urlencode", f"query={Q}", server + "/sparql"],
                         capture_output=True, check=True).stdout.decode()
    assert out.splitlines()[0] == "s,o"
    out = subprocess.run([curl, "-s", "-G", "-H", "Accept: application/sparql-results+json", "--data-urlencode",
                          f"query={Q}", server + "/sparql"], capture_output=True, check=True).stdout
    assert len(json.loads(out)["results"]["bindings"]) == 3
    out = subprocess.run([curl, "-s", "-H", "Content-Type: application/sparql-query", "-H",
                          "Accept: application/sparql-results+xml", "--data-binary", Q, server + "/sparql"],
                         capture_output=True, check=True).stdout
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    assert len(ET.fromstring(out).findall(".//r:result", ns)) == 3


def test_updates_and_write_methods_are_refused(server, store_dir):
    from SPARQLWrapper import POST, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    upd = "INSERT DATA { <http://example.org/x> <http://example.org/p> 'x' }"
    sw = SPARQLWrapper(server + "/sparql")
    sw.setMethod(POST)
    sw.setQuery(upd)
    with pytest.raises((SPARQLWrapperException, urllib.error.HTTPError)):
        sw.query()
    st, _, body = _get(server + "/sparql", method="POST", data=urllib.parse.urlencode({"update": upd}).encode(),
                       ctype="application/x-www-form-urlencoded")
    assert st == 403 and b"read-only" in body
    st, _, _ = _get(server + "/sparql", method="POST", data=upd.encode(), ctype="application/sparql-update")
    assert st == 403
    st, _, _ = _get(server + "/sparql", method="POST", data=upd.encode(), ctype="application/sparql-query")
    assert st == 403  # an update sent as a query is refused too
    for method in ("PUT", "DELETE", "PATCH"):
        st, _, _ = _get(server + "/sparql", method=method, data=b"x", ctype="text/turtle")
        assert st == 405
    assert _count(store_dir) == 300


def test_malformed_query_gets_400_with_parser_message(server):
    st, _, body = _get(server + "/sparql?query=" + urllib.parse.quote("SELEKT * WHERE {?s ?p ?o}"))
    assert st == 400 and b"error" in body.lower()
    st, _, body = _get(server + "/sparql")
    assert st == 400


def test_common_prefixes_are_predeclared(server):
    q = urllib.parse.quote("SELECT (COUNT(*) AS ?n) WHERE { ?s rdfs:label ?o }")
    st, _, body = _get(server + "/sparql?query=" + q, accept="application/sparql-results+json")
    assert st == 200 and json.loads(body)["results"]["bindings"][0]["n"]["value"] == "0"


def test_serving_a_missing_store_fails_clearly(tmp_path):
    r = subprocess.run([sys.executable, "-m", "kg.cli", "serve", str(tmp_path / "nope")], capture_output=True, text=True)
    assert r.returncode != 0 and "nope" in r.stderr and "Traceback" not in r.stderr


def test_unacceptable_format_gets_406(server):
    st, _, _ = _get(server + "/sparql?query=" + urllib.parse.quote(Q), accept="image/png")
    assert st == 406


def test_time_limit_stops_a_slow_query_and_server_recovers(server, store_dir):
    slow = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f . ?g ?t ?h }")
    t0 = time.monotonic()
    st, _, body = _get(server + "/sparql?query=" + urllib.parse.quote(slow))
    assert st == 503 and b"time limit" in body
    assert time.monotonic() - t0 < 30
    st, _, body = _get(server + "/sparql?query=" + urllib.parse.quote(Q))
    assert st == 200
    assert _count(store_dir) == 300


def test_result_size_limit(server):
    big = "SELECT * WHERE { ?s ?p ?o }"  # ~300 rows, more than the 20 kB limit of this server
    st, _, body = _get(server + "/sparql?query=" + urllib.parse.quote(big))
    assert st == 413 and b"LIMIT" in body


def test_sparqlwrapper_on_the_real_seed_graph(seed_store_dir):
    """The README's phone-call question, asked over HTTP of the pipeline's seed graph."""
    from SPARQLWrapper import CSV, JSON, TSV, XML, SPARQLWrapper

    with kg_serve(seed_store_dir) as base:
        url = base + "/sparql"
        q = """SELECT ?date ?caller ?callee ?evidence WHERE {
          ?e ankg:cameoCode "041" ; ankg:sourceActor/rdfs:label ?caller ; ankg:targetActor/rdfs:label ?callee ;
             ankg:evidence/nif:anchorOf ?evidence .
          OPTIONAL { ?e ankg:date ?date }
          FILTER(lang(?caller) != "en" && lang(?callee) != "en") } ORDER BY ?date"""
        sw = SPARQLWrapper(url)
        sw.setQuery(q)
        sw.setReturnFormat(JSON)
        rows = sw.query().convert()["results"]["bindings"]
        calls = {(r["caller"]["value"], r["callee"]["value"]) for r in rows}
        assert ("سيرغي لافروف", "أرارات ميرزويان") in calls
        assert any(c == "فؤاد حسين" and "فالكونر" in t for c, t in calls)
        assert any(r.get("date", {}).get("value") == "2023-08-16" for r in rows)
        for fmt in (XML, CSV, TSV):
            sw.setReturnFormat(fmt)
            assert sw.query().convert()


@pytest.fixture()
def listener():
    """A local HTTP server that records every request it gets (a stand-in for an internal service)."""
    import http.server
    import threading

    hits: list[str] = []

    class H(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(b"internal secret")

        do_POST = do_GET  # noqa: N815

        def log_message(self, *a):
            pass

    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}", hits
    srv.shutdown()
    srv.server_close()


def test_federated_service_queries_are_refused_and_fetch_nothing(server, listener):
    """SERVICE would make the endpoint POST to any address a client names (internal services
    included) and echo the answer back in the error: refuse it before running the query."""
    url, hits = listener
    for q in (f"SELECT * WHERE {{ SERVICE <{url}/a> {{ ?s ?p ?o }} }}",
              f"select * {{ service silent <{url}/b> {{ ?s ?p ?o }} }}",
              f"PREFIX e: <{url}/> SELECT * WHERE {{ ?x ?y ?z .SERVICE e:c {{ ?s ?p ?o }} }}"):
        for accept in ("application/sparql-results+json", "text/csv"):
            st, _, body = _get(server + "/sparql?query=" + urllib.parse.quote(q), accept=accept)
            assert st == 403 and b"SERVICE" in body and b"secret" not in body
        st, _, _ = _get(server + "/sparql", method="POST", data=q.encode(), ctype="application/sparql-query")
        assert st == 403
    assert hits == []
    # the word in a string, an IRI, a comment or a variable is not a SERVICE clause
    ok = ('SELECT ?service WHERE { ?service <http://example.org/service> "SERVICE" } # SERVICE <x>')
    st, _, _ = _get(server + "/sparql?query=" + urllib.parse.quote(ok))
    assert st == 200


def test_uses_service_scanner():
    from kg.server.executor import uses_service

    assert uses_service("SELECT * WHERE {SERVICE<http://x>{}}")
    assert uses_service("SELECT * WHERE {?a ?b ?c}SERVICE ?u {}")
    assert uses_service('SELECT * { ?s ?p "unterminated SERVICE }')  # malformed: refused, never run
    assert not uses_service('SELECT * { ?s ?p """a " SERVICE""" }')
    assert not uses_service("SELECT * { ?s ?p '''it''s' SERVICE''' }")
    assert not uses_service("PREFIX service: <http://x/> SELECT * { ?s service:p ?o . ?s ex:service ?o }")


def _n(body: bytes) -> int:
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


def test_dataset_from_the_query_or_the_protocol_is_honoured(server):
    """FROM / FROM NAMED and default-graph-uri / named-graph-uri narrow the dataset; Oxigraph
    ignores FROM when the default graph is the union, so a client asking for one graph got all."""
    count = "SELECT (COUNT(*) AS ?n) {from} WHERE {{ ?s ?p ?o }}"
    acc = "application/sparql-results+json"

    def ask(q, **params):
        url = server + "/sparql?" + urllib.parse.urlencode({"query": q, **params}, doseq=True)
        return _get(url, accept=acc)

    assert _n(ask(count.format(**{"from": ""}))[2]) == 300
    assert _n(ask(count.format(**{"from": f"FROM <{EX}g1>"}))[2]) == 300
    assert _n(ask(count.format(**{"from": f"FROM <{EX}other>"}))[2]) == 0
    named = f"SELECT (COUNT(*) AS ?n) FROM NAMED <{EX}other> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"
    assert _n(ask(named)[2]) == 0
    assert _n(ask(count.format(**{"from": ""}), **{"default-graph-uri": f"{EX}other"})[2]) == 0
    assert _n(ask(count.format(**{"from": ""}), **{"default-graph-uri": f"{EX}g1"})[2]) == 300
    # the protocol's dataset overrides the query's (SPARQL 1.1 Protocol 2.1.4)
    assert _n(ask(count.format(**{"from": f"FROM <{EX}g1>"}), **{"default-graph-uri": f"{EX}other"})[2]) == 0
    st, _, body = _get(server + "/sparql", method="POST", accept=acc, ctype="application/x-www-form-urlencoded",
                       data=urllib.parse.urlencode({"query": count.format(**{"from": ""}),
                                                    "default-graph-uri": f"{EX}other"}).encode())
    assert st == 200 and _n(body) == 0
    st, _, body = ask(count.format(**{"from": ""}), **{"named-graph-uri": "http://x> ?s"})
    assert st == 400 and b"named-graph-uri" in body
    # a variable called ?from is not a dataset clause
    st, _, body = ask("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?from }")
    assert _n(body) == 300


def test_accept_of_the_other_kind_gets_406_not_another_format(server):
    """Accept: text/turtle for a SELECT (or text/csv for a CONSTRUCT) was answered 200 in
    another format than the client accepts."""
    c = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 2"
    st, _, body = _get(server + "/sparql?query=" + urllib.parse.quote(Q), accept="text/turtle")
    assert st == 406 and b"SELECT" in body
    st, _, body = _get(server + "/sparql?query=" + urllib.parse.quote(c), accept="text/csv")
    assert st == 406 and b"CONSTRUCT" in body
    st, ctype, _ = _get(server + "/sparql?query=" + urllib.parse.quote(Q), accept="text/turtle, */*;q=0.1")
    assert st == 200 and ctype.startswith("application/sparql-results+json")
    st, ctype, _ = _get(server + "/sparql?query=" + urllib.parse.quote(Q), accept="text/turtle, text/csv;q=0.5")
    assert st == 200 and ctype.startswith("text/csv")
    for mt in ("application/n-quads", "application/trig"):
        st, ctype, body = _get(server + "/sparql?query=" + urllib.parse.quote(c), accept=mt)
        assert st == 200 and ctype.startswith(mt) and body.count(b"\n") >= 2


def test_deeply_nested_query_is_a_400_not_a_crashed_worker(server):
    deep = "SELECT * WHERE { FILTER(" + "(" * 6000 + "1" + ")" * 6000 + ") }"
    st, _, body = _get(server + "/sparql", method="POST", data=deep.encode(), ctype="application/sparql-query")
    assert st == 400 and b"nested" in body
    st, _, _ = _get(server + "/sparql?query=" + urllib.parse.quote(Q))
    assert st == 200
