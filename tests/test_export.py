"""Every export format round-trips; hostile names survive every serializer; writes are atomic."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib

from kg.errors import ConfigError
from kg.export import CSV_COLUMNS, FORMATS, export
from kg.rdf.store import Store
from tests.fixtures_extraction import HOSTILE_NAMES, hostile_extraction, seed_extractions

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def store():
    s = Store()
    s.add_extractions(seed_extractions() + [hostile_extraction()], generated_at="2024-01-01T00:00:00+00:00")
    return s


def _from_ox(t):
    # rdflib normalizes typed literals (0e0 -> 0.0, Z -> +00:00) on parsing; compare through
    # rdflib terms built from Oxigraph's values so both sides are normalized alike
    if isinstance(t, ox.NamedNode):
        return rdflib.URIRef(t.value)
    if t.language:
        return rdflib.Literal(t.value, lang=t.language)
    return rdflib.Literal(t.value, datatype=rdflib.URIRef(t.datatype.value))


_XSD_STRING = str(rdflib.XSD.string)


def _key(*terms):
    out = []
    for t in terms:
        dt = getattr(t, "datatype", None)
        dt = _XSD_STRING if (isinstance(t, rdflib.Literal) and dt is None and not t.language) else str(dt)
        out.append((type(t).__name__, str(t), getattr(t, "language", None), dt))
    return tuple(out)


def _ox_triples(store):
    res = store.ox.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True)
    return {_key(_from_ox(t.subject), _from_ox(t.predicate), _from_ox(t.object)) for t in res}


def _ox_quads(store, quads=None):
    return {_key(_from_ox(q.subject), _from_ox(q.predicate), _from_ox(q.object), _from_ox(q.graph_name))
            for q in (quads if quads is not None else store.quads())}


def _ox_parsed_triples(path, **kw):
    return {_key(_from_ox(t.subject), _from_ox(t.predicate), _from_ox(t.object)) for t in ox.parse(path=str(path), **kw)}


def _rdflib_triples(g):
    return {_key(s, p, o) for s, p, o in g}


def _rdflib_quads(ds):
    out = set()
    for s, p, o, g in ds.quads((None, None, None, None)):
        gid = g.identifier if hasattr(g, "identifier") else g
        out.add(_key(s, p, o, rdflib.URIRef(str(gid))))
    return out


@pytest.mark.parametrize("fmt,ext,rdflib_fmt", [("turtle", "ttl", "turtle"), ("ntriples", "nt", "nt")])
def test_triple_formats_parse_back_to_the_same_triples(store, tmp_path, fmt, ext, rdflib_fmt):
    path = export(store, tmp_path / f"out.{ext}", fmt)
    expected = _ox_triples(store)
    # Oxigraph
    assert _ox_parsed_triples(path) == expected
    # rdflib
    g = rdflib.Graph().parse(path, format=rdflib_fmt)
    assert _rdflib_triples(g) == expected


@pytest.mark.parametrize("fmt,ext,rdflib_fmt", [("trig", "trig", "trig"), ("nquads", "nq", "nquads")])
def test_quad_formats_parse_back_to_the_same_quads(store, tmp_path, fmt, ext, rdflib_fmt):
    path = export(store, tmp_path / f"out.{ext}", fmt)
    expected = _ox_quads(store)
    assert _ox_quads(None, ox.parse(path=str(path))) == expected
    ds = rdflib.Dataset()
    ds.parse(path, format=rdflib_fmt)
    assert _rdflib_quads(ds) == expected


def test_jsonld_uses_the_context_and_round_trips(store, tmp_path):
    path = export(store, tmp_path / "out.jsonld")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["@context"]["ankg"] == "https://w3id.org/ankg/ont#"
    assert "cameoCode" in path.read_text(encoding="utf-8")  # compacted with the context's terms
    ds = rdflib.Dataset()
    ds.parse(path, format="json-ld")
    assert _rdflib_quads(ds) == _ox_quads(store)
    # and Oxigraph's JSON-LD parser reads it to the same quads
    assert _ox_quads(None, ox.parse(path=str(path), format=ox.RdfFormat.JSON_LD)) == _ox_quads(store)


@pytest.mark.parametrize("graph", ["actor", "event"])
def test_graphml_gexf_nodelink_round_trip(store, tmp_path, graph):
    from kg.export import to_networkx

    g = to_networkx(store, graph)
    gm = nx.read_graphml(export(store, tmp_path / "g.graphml", graph=graph))
    assert set(gm.nodes) == set(g.nodes) and gm.number_of_edges() == g.number_of_edges()
    for n, attrs in g.nodes(data=True):
        assert gm.nodes[n]["label"] == attrs["label"]
    gx = nx.read_gexf(export(store, tmp_path / "g.gexf", graph=graph))
    assert gx.number_of_nodes() == g.number_of_nodes() and gx.number_of_edges() == g.number_of_edges()
    data = json.loads(export(store, tmp_path / "g.json", "nodelink", graph=graph).read_text(encoding="utf-8"))
    back = nx.node_link_graph(data, edges="edges")
    assert set(back.nodes) == set(g.nodes)
    assert sorted(back.edges(keys=True)) == sorted(g.edges(keys=True))
    for u, v, k, attrs in g.edges(keys=True, data=True):
        assert back.edges[u, v, k] == attrs


def test_csv_event_table(store, tmp_path):
    path = export(store, tmp_path / "events.csv")
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    assert tuple(rows[0].keys()) == CSV_COLUMNS
    call = [r for r in rows if r["cameo"] == "041" and r["date"] == "2023-08-16"]
    assert len(call) == 1
    r = call[0]
    assert (r["source_name"], r["source_country"], r["target_name"], r["target_country"]) == (
        "سيرغي لافروف", "RUS", "أرارات ميرزويان", "ARM")
    assert r["plover"] == "CONSULT" and r["quad_class"] == "1" and float(r["goldstein"]) == 1.0
    assert "16 أغسطس" in r["evidence"] and r["document_url"].startswith("https://arabic.rt.com/")
    # untrusted text cannot start a spreadsheet formula
    for row in rows:
        for col in ("source_name", "target_name", "label", "evidence"):
            assert not row[col].startswith(("=", "+", "@"))


def test_hostile_names_in_every_format(store, tmp_path):
    for fmt in FORMATS:
        path = export(store, tmp_path / f"h.{fmt}", fmt)
        assert path.stat().st_size > 0
    # every hostile label is in the store exactly as given, and comes back from Turtle
    g = rdflib.Graph().parse(tmp_path / "h.turtle", format="turtle")
    labels = {str(o) for o in g.objects(None, rdflib.RDFS.label)}
    for name in HOSTILE_NAMES:
        assert name in labels
    # no IRI carries a raw space, quote, bracket, newline or bidi control
    for s, p, o in g:
        for t in (s, p, o):
            if isinstance(t, rdflib.URIRef):
                assert not any(c in t for c in ' <>"{}|\\^`\n\r\t\u202e\u202c\u200b\u200f')


def test_atomic_write_keeps_old_file_on_failure(store, tmp_path, monkeypatch):
    target = tmp_path / "out.ttl"
    target.write_text("old", encoding="utf-8")
    import kg.export as kx

    def boom(*a, **k):
        raise RuntimeError("disk full")

    monkeypatch.setattr(kx, "union_triples", boom)
    with pytest.raises(RuntimeError):
        export(store, target, "turtle")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.ttl"]  # no temporary left behind


def test_exported_files_get_the_usual_mode(store, tmp_path):
    import os
    import stat

    mask = os.umask(0o022)
    os.umask(mask)
    path = export(store, tmp_path / "m.nt")
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~mask


def test_format_errors(store, tmp_path):
    with pytest.raises(ConfigError, match="unknown export format"):
        export(store, tmp_path / "x.ttl", "xml")
    with pytest.raises(ConfigError, match="cannot guess"):
        export(store, tmp_path / "x.unknown")


def test_cli_export(tmp_path):
    path = tmp_path / "store"
    with Store(path) as s:
        s.add_extractions(seed_extractions())
    import gc

    gc.collect()
    out = tmp_path / "seed.trig"
    r = subprocess.run([sys.executable, "-m", "kg.cli", "export", str(path), "--format", "trig", "-o", str(out)],
                       capture_output=True, text=True, cwd=str(ROOT))
    assert r.returncode == 0, r.stderr
    assert len(list(ox.parse(path=str(out)))) > 500
    r = subprocess.run([sys.executable, "-m", "kg.cli", "export", str(tmp_path / "nope"), "-o", str(out)],
                       capture_output=True, text=True, cwd=str(ROOT))
    assert r.returncode == 2 and "no kg store" in r.stderr
