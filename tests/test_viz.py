"""kg.viz without a browser: data blob escaping, offline page, focus/ego, cap, layout, views, CLI.

The browser tests (tests/browser/) load the pages in headless Chromium.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess
import sys

import networkx as nx
import numpy as np
import pytest

from kg.errors import ConfigError
from kg.viz import build_view, json_for_script, render_html, resolve_focus, write_views
from kg.viz.data import ego, safe_url, top_by_degree
from kg.viz.layout import force_layout
from kg.viz.sample import demo_actor_graph, event_graph_from_actor_graph, synthetic_actor_graph

from .conftest import ROOT, SEED

LAVROV = "https://w3id.org/ankg/id/per/Sergey_Lavrov"


@pytest.fixture(scope="module")
def demo():
    return demo_actor_graph()


def _blob(html: str, ident: str = "kg-data") -> dict:
    m = re.search(rf'<script type="application/json" id="{ident}">(.*?)</script>', html, re.S)
    assert m, ident
    return json.loads(m.group(1))


def _rows(table: dict) -> list[dict]:
    return [dict(zip(table["f"], r)) for r in table["r"]]


# --- escaping ------------------------------------------------------------------------------


def test_json_for_script_escapes_html_breakouts_and_round_trips():
    obj = {"a": "</script><script>alert(1)</script>", "b": "<!-- x -->", "c": "a & b > c",
           "d": "line\u2028sep\u2029end", "e": ["<img src=x onerror=alert(1)>", "\u202e"]}
    s = json_for_script(obj)
    for bad in ("<", ">", "&", "\u2028", "\u2029"):
        assert bad not in s
    assert json.loads(s) == obj


def test_json_for_script_refuses_nan():
    with pytest.raises(ValueError):
        json_for_script({"x": float("nan")})


@pytest.mark.parametrize("url,ok", [
    ("https://example.org/a?b=1", True), ("http://example.org", True), ("HTTPS://EXAMPLE.ORG/", True),
    ("javascript:alert(1)", False), ("JavaScript:alert(1)", False), ("data:text/html,<script>", False),
    ("vbscript:msgbox", False), ("//example.org/x", False), ("/relative", False), ("example.org", False),
    ("https://exa mple.org", False), ("https://example.org/\nx", False), (" javascript:x", False),
    ("http://", False), ("", False), (None, False), ("file:///etc/passwd", False),
])
def test_safe_url(url, ok):
    assert (safe_url(url) != "") is ok


def test_page_is_self_contained_and_untrusted_text_stays_in_the_json_blob(tmp_path):
    g = nx.MultiDiGraph()
    evil = '</script><script>window.__x=1</script><img src=x onerror=alert(1)> <!-- "\'><svg onload=alert(2)>'
    g.add_node("a", label=evil, label_en=evil, type="PER", country="<b>", title=evil, mentions=1, documents=1, aliases=evil)
    g.add_node("b", label="روسيا", label_en="Russia", type="GPE", country="RUS", title="", mentions=2, documents=1, aliases="")
    g.add_edge("a", "b", key="e1", event="e1", cameo="040", plover="CONSULT", quad_class=1, goldstein=1.0,
               date="2024-01-02", date_precision="day", label=evil, trigger=evil, evidence=evil, doc="d1",
               doc_title=evil, doc_url="javascript:alert(3)", confidence=0.5, modality="asserted")
    out = tmp_path / "p.html"
    render_html(g, out, title=evil)
    html = out.read_text(encoding="utf-8")
    # no network reference of any kind
    assert not re.search(r"""(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//""", html, re.I)
    assert not re.search(r"""url\(\s*["']?\s*(?:https?:)?//""", html, re.I)
    assert not re.search(r"@import", html, re.I)
    assert "<link" not in html.lower()
    assert not re.search(r"<script[^>]*\ssrc\s*=", html, re.I)
    # exactly the template's four script elements; the payload never appears raw
    bodies = re.findall(r"(<script[^>]*>)(.*?)</script>", html, re.S)
    assert len(bodies) == 4
    for _, body in bodies:
        assert "<!--" not in body and "</script" not in body.lower()
    stripped = re.sub(r"(<script[^>]*>).*?</script>", r"\1</script>", html, flags=re.S)
    assert len(re.findall(r"<script\b", stripped, re.I)) == 4
    assert evil not in html
    assert "<img" not in html and "<svg" not in html.replace("http://www.w3.org/2000/svg", "")
    data = _blob(html)
    node = _rows(data["nodes"])[0]
    assert node["label"] == evil and node["aliases"] == [evil]
    edge = _rows(data["edges"])[0]
    assert edge["evid"] == evil
    assert data["docs"] == [["d1", evil, ""]]  # javascript: URL dropped
    assert data["title"] == evil


def test_csp_allows_exactly_the_inline_scripts(tmp_path, demo):
    out = tmp_path / "p.html"
    render_html(demo, out)
    html = out.read_text(encoding="utf-8")
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html).group(1)
    assert "default-src 'none'" in csp and "connect-src 'none'" in csp and "'unsafe-inline'" not in csp.split("style-src")[0]
    scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
    assert len(scripts) == 2  # vis-network and the page script
    for s in scripts:
        h = base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode()
        assert f"'sha256-{h}'" in csp
    assert "vis-network" in scripts[0][:200]
    render_html(demo, out, csp=False)
    assert "Content-Security-Policy" not in out.read_text(encoding="utf-8")


def test_page_carries_python_normalization_table(tmp_path, demo):
    from kg.nlp import text as T

    out = tmp_path / "p.html"
    render_html(demo, out)
    norm = _blob(out.read_text(encoding="utf-8"))["norm"]
    assert norm["map"] == T._MAP and norm["del"] == T._DELETE


# --- view model ----------------------------------------------------------------------------


def test_build_view_actor_records(demo):
    v = build_view(demo)
    assert len(v.nodes) == demo.number_of_nodes() and len(v.edges) == demo.number_of_edges()
    lav = next(n for n in v.nodes if n["iri"] == LAVROV)
    assert lav["type"] == "PER" and lav["country"] == "RUS" and "لافروف" in lav["aliases"]
    e = next(e for e in v.edges if v.nodes[e["from"]]["iri"] == LAVROV and e["cat"] == "CONSULT")
    assert v.nodes[e["to"]]["label"] == "أنتوني بلينكن"
    assert e["quad"] == 1 and e["date"] == "2022-07-08" and e["evid"].startswith("التقى")
    assert v.docs[e["doc"]][2] == "https://example.org/news/1"


def test_build_view_event_graph_roles(demo):
    eg = event_graph_from_actor_graph(demo)
    v = build_view(eg, kind="event")
    events = [n for n in v.nodes if n["type"] == "EVENT"]
    assert len(events) == demo.number_of_edges()
    assert {e["role"] for e in v.edges} == {"source", "target"}
    assert all(set(e) == {"id", "from", "to", "role"} for e in v.edges)
    assert all(n["cat"] and n["quad"] in (1, 2, 3, 4) for n in events)


def test_bad_numbers_and_types_are_coerced():
    g = nx.MultiDiGraph()
    g.add_node("a", label=5, type="WEIRD", mentions="many", documents=float("inf"))
    g.add_node("b", label=None)
    g.add_edge("a", "b", plover="consult", quad_class=9, goldstein=float("nan"), confidence="x")
    v = build_view(g)
    a = v.nodes[0]
    assert a["label"] == "5" and a["type"] == "" and a["mentions"] == 0 and a["documents"] == 0
    assert v.nodes[1]["label"] == "b"
    e = v.edges[0]
    assert e["quad"] == 0 and e["gs"] == 0 and e["conf"] == 0 and e["cat"] == "CONSULT"
    json_for_script(v.as_json())  # finite numbers only


# --- focus, ego, cap -------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["لافروف", "لآفروف", "سيرغي لافروف", "سيرغى لافروف", "Sergey Lavrov", "لافروفُ", "لافـروف", LAVROV])
def test_resolve_focus_by_normalized_name_alias_or_iri(demo, name):
    assert resolve_focus(demo, name) == [LAVROV]


def test_resolve_focus_unknown_lists_close_matches(demo):
    with pytest.raises(ConfigError) as ei:
        resolve_focus(demo, "لافرف")
    assert "لافرف" in str(ei.value) and "سيرغي لافروف" in str(ei.value)
    with pytest.raises(ConfigError, match="no similar names"):
        resolve_focus(demo, "قققققق")


def test_resolve_focus_ambiguous_is_an_error():
    g = nx.MultiDiGraph()
    g.add_node("x", label="دونالد ترامب", type="PER")
    g.add_node("y", label="ميلانيا ترامب", type="PER")
    with pytest.raises(ConfigError, match="ambiguous"):
        resolve_focus(g, "ترامب")
    assert resolve_focus(g, "دونالد ترامب") == ["x"]


def test_ego_depths(demo):
    one = set(ego(demo, [LAVROV], 1))
    two = set(ego(demo, [LAVROV], 2))
    assert one == {LAVROV, "https://w3id.org/ankg/id/per/Antony_Blinken", "https://w3id.org/ankg/id/gpe/USA",
                   "https://w3id.org/ankg/id/org/UN"}
    assert one < two < set(demo)
    assert set(ego(demo, [LAVROV], 0)) == {LAVROV}
    v = build_view(demo, focus="لافروف", depth=1)
    assert len(v.nodes) == 4 and v.nodes[v.focus[0]]["iri"] == LAVROV and v.focus_name == "لافروف"


def test_cap_keeps_highest_degree_nodes(demo):
    v = build_view(demo, max_nodes=3)
    assert v.capped and len(v.nodes) == 3 and v.total_nodes == 10
    assert {n["iri"] for n in v.nodes} == set(top_by_degree(demo, 3))
    assert "https://w3id.org/ankg/id/gpe/RUS" in {n["iri"] for n in v.nodes}  # degree 7
    with pytest.raises(ConfigError):
        build_view(demo, max_nodes=0)
    with pytest.raises(ConfigError):
        build_view(demo, kind="timeline")


def test_capped_page_says_so(tmp_path):
    g = synthetic_actor_graph(300, 600, seed=3)
    r = render_html(g, tmp_path / "c.html", max_nodes=100)
    assert r["capped"] and r["nodes"] == 100 and r["total_nodes"] == 300
    data = _blob((tmp_path / "c.html").read_text(encoding="utf-8"))
    assert data["capped"] and data["total_nodes"] == 300 and len(data["nodes"]["r"]) == 100


# --- layout ----------------------------------------------------------------------------------


def test_layout_is_deterministic_finite_and_spreads_nodes():
    g = nx.disjoint_union_all([nx.barabasi_albert_graph(300, 2, seed=1), nx.path_graph(5), nx.path_graph(2),
                               nx.empty_graph(20), nx.star_graph(12)])
    e = np.array(g.edges())
    a = force_layout(g.number_of_nodes(), e)
    b = force_layout(g.number_of_nodes(), e)
    assert np.array_equal(a, b) and np.isfinite(a).all()
    from scipy.spatial import cKDTree

    d, _ = cKDTree(a).query(a, k=2)
    assert d[:, 1].min() > 0.5  # overlap removal for small graphs
    # neighbours are closer than random pairs
    el = np.linalg.norm(a[e[:, 0]] - a[e[:, 1]], axis=1).mean()
    rng = np.random.default_rng(0)
    i, j = rng.integers(0, len(a), 2000), rng.integers(0, len(a), 2000)
    assert el < 0.5 * np.linalg.norm(a[i] - a[j], axis=1).mean()


def test_layout_large_graph_has_no_collapsed_nodes():
    n = 3000
    g = nx.barabasi_albert_graph(n, 3, seed=2)
    pos = force_layout(n, np.array(g.edges()))
    from scipy.spatial import cKDTree

    d, _ = cKDTree(pos).query(pos, k=2)
    assert np.isfinite(pos).all() and np.mean(d[:, 1] < 0.05) < 0.02


def test_layout_edge_cases():
    assert force_layout(0, []).shape == (0, 2)
    assert force_layout(1, []).tolist() == [[0.0, 0.0]]
    p = force_layout(3, [(0, 0), (0, 1), (1, 2), (1, 2)])
    assert np.isfinite(p).all()


def test_big_graph_mode(tmp_path):
    g = synthetic_actor_graph(700, 1500, seed=5)
    r = render_html(g, tmp_path / "b.html", physics_threshold=500)
    assert r["big"] and not r["capped"]
    data = _blob((tmp_path / "b.html").read_text(encoding="utf-8"))
    nodes = _rows(data["nodes"])
    assert data["big"] and all(isinstance(n["x"], float) for n in nodes)


# --- views and CLI ---------------------------------------------------------------------------


def test_write_views_from_graph_pair(tmp_path, demo):
    eg = event_graph_from_actor_graph(demo)
    w = write_views((demo, eg), tmp_path / "v")
    index = (tmp_path / "v" / "index.html").read_text(encoding="utf-8")
    assert 'href="actors.html"' in index and 'href="events.html"' in index
    assert len(w["docs"]) == 2
    for d in w["docs"]:
        assert (tmp_path / "v" / d["file"]).is_file() and f'href="{d["file"]}"' in index
    assert "لافروف يلتقي بلينكن على هامش القمة" in index
    assert '<script' not in index.lower()
    page = (tmp_path / "v" / w["docs"][0]["file"]).read_text(encoding="utf-8")
    data = _blob(page)
    assert data["kind"] == "document" and data["doc"]["url"].startswith("https://example.org/")


def test_index_escapes_titles(tmp_path):
    g = nx.MultiDiGraph()
    g.add_node("a", label="x", type="PER")
    g.add_node("b", label="y", type="PER")
    g.add_edge("a", "b", event="e", plover="CONSULT", quad_class=1, doc="d",
               doc_title='<script>alert(1)</script>"><img src=x onerror=alert(2)>', doc_url="javascript:alert(3)")
    write_views((g, event_graph_from_actor_graph(g)), tmp_path)
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "<script" not in index and "<img" not in index and "javascript:" not in index
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in index


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory):
    from kg import KnowledgeGraph

    path = tmp_path_factory.mktemp("seedstore") / "store"
    with KnowledgeGraph(path) as g:
        g.add(str(SEED))
    return path


def _kg(*args):
    """Run ``kg viz ARGS`` in this process; returns (returncode, stderr) like a CompletedProcess."""
    import contextlib
    import io
    import types

    from kg.cli import main

    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(["viz", *map(str, args)])
    return types.SimpleNamespace(returncode=code, stderr=err.getvalue())


def test_cli_viz_actor_focus_and_errors(seed_store, tmp_path):
    out = tmp_path / "a.html"
    r = _kg(seed_store, "-o", out)
    assert r.returncode == 0, r.stderr
    assert "nodes" in r.stderr and out.is_file()
    data = _blob(out.read_text(encoding="utf-8"))
    assert data["kind"] == "actor" and len(data["nodes"]["r"]) > 5
    r = _kg(seed_store, "--focus", "لافروف", "--depth", "1", "-o", tmp_path / "f.html")
    assert r.returncode == 0, r.stderr
    data = _blob((tmp_path / "f.html").read_text(encoding="utf-8"))
    labels = [dict(zip(data["nodes"]["f"], x))["label"] for x in data["nodes"]["r"]]
    assert any("لافروف" in lab for lab in labels) and data["focus"] and len(labels) < 10
    r = _kg(seed_store, "--focus", "لافرف", "-o", tmp_path / "x.html")
    assert r.returncode == 2 and "close matches" in r.stderr and "لافروف" in r.stderr
    assert not (tmp_path / "x.html").exists()
    r = _kg(seed_store, "--kind", "document", "-o", tmp_path / "x.html")
    assert r.returncode == 2 and "--doc" in r.stderr
    r = _kg(seed_store, "--kind", "document", "--doc", "nope", "-o", tmp_path / "x.html")
    assert r.returncode == 2 and "no such document" in r.stderr
    r = _kg(tmp_path / "missing", "-o", tmp_path / "x.html")
    assert r.returncode != 0 and "no kg store" in r.stderr


def test_cli_viz_views_and_document(seed_store, tmp_path):
    from kg import KnowledgeGraph

    r = _kg(seed_store, "--views", "-o", tmp_path / "views")
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "views" / "index.html").is_file() and (tmp_path / "views" / "events.html").is_file()
    with KnowledgeGraph.open(seed_store, read_only=True) as g:
        docs = g.documents()
    assert len(list((tmp_path / "views" / "docs").glob("*.html"))) >= 1
    r = _kg(seed_store, "--kind", "document", "--doc", docs[0]["id"], "-o", tmp_path / "d.html")
    assert r.returncode == 0, r.stderr
    assert _blob((tmp_path / "d.html").read_text(encoding="utf-8"))["kind"] == "document"


def test_import_kg_viz_is_light():
    code = ("import sys, kg.viz; bad = [m for m in ('pyvis', 'numpy', 'rdflib', 'pyoxigraph', 'torch') "
            "if m in sys.modules]; print(bad); sys.exit(1 if bad else 0)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stdout + r.stderr


def test_knowledge_graph_viz_method(seed_store, tmp_path):
    from kg import KnowledgeGraph
    from kg.errors import InputError

    with KnowledgeGraph.open(seed_store, read_only=True) as g:
        r = g.viz(tmp_path / "a.html", focus="لافروف", depth=1)
        assert 2 <= r["nodes"] < r["total_nodes"]
        doc = g.documents()[0]["id"]
        r = g.viz(tmp_path / "d.html", kind="document", doc=doc)
        assert _blob((tmp_path / "d.html").read_text(encoding="utf-8"))["doc"]["iri"].endswith(doc)
        with pytest.raises(InputError):
            g.viz(tmp_path / "x.html", kind="document")


def test_render_page_returns_the_same_html(tmp_path, demo):
    from kg.viz import render_page

    html, view = render_page(demo, title="t")
    render_html(demo, tmp_path / "p.html", title="t")
    assert html == (tmp_path / "p.html").read_text(encoding="utf-8") and len(view.nodes) == 10


def test_empty_and_edgeless_views(tmp_path):
    r = render_html(nx.MultiDiGraph(), tmp_path / "e.html")
    assert r["nodes"] == 0 and r["edges"] == 0
    data = _blob((tmp_path / "e.html").read_text(encoding="utf-8"))
    assert data["nodes"] == {"f": [], "r": []} and data["edges"] == {"f": [], "r": []}
    g = nx.MultiDiGraph()
    g.add_node("a", label="وحيد", type="PER")
    g.add_node("b", label="آخر", type="ORG")
    r = render_html(g, tmp_path / "f.html", focus="وحيد")
    assert r["nodes"] == 1 and r["edges"] == 0


def test_write_views_caps_article_pages(tmp_path):
    from kg.viz.sample import synthetic_actor_graph

    ag = synthetic_actor_graph(60, 90, seed=9)  # events spread over 9 documents (10 events each)
    busiest = "https://w3id.org/ankg/id/doc/d4"
    for _, _, a in list(ag.edges(data=True))[:5]:
        a["doc"] = busiest  # d4 now has 15 events
    w = write_views((ag, event_graph_from_actor_graph(ag)), tmp_path, max_docs=3)
    assert len(w["docs"]) == 3 and w["docs_total"] == 9
    assert busiest in {d["iri"] for d in w["docs"]}
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "3 من أصل 9" in index and len(list((tmp_path / "docs").glob("*.html"))) == 3
