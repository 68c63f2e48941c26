"""kg.viz pages in headless Chromium: offline, drawn, searchable, filterable, and inert to
hostile text.  Skips when /usr/bin/chromium or playwright is absent (see conftest.py)."""

from __future__ import annotations

import networkx as nx
import pytest

from kg.nlp.text import normalize
from kg.viz import render_html
from kg.viz.sample import demo_actor_graph, event_graph_from_actor_graph

from ..conftest import SEED
from .xss_payloads import PAYLOADS

pytestmark = pytest.mark.browser

LAVROV = "https://w3id.org/ankg/id/per/Sergey_Lavrov"


@pytest.fixture(scope="module")
def seed_graphs(tmp_path_factory):
    """Actor and event graphs of the seed article, built through the real pipeline and store."""
    from kg import KnowledgeGraph

    path = tmp_path_factory.mktemp("seed") / "store"
    with KnowledgeGraph(path) as g:
        g.add(str(SEED))
        return g.actor_graph(), g.event_graph()


def _counts(page):
    return page.evaluate("[kgView.nodes.length, kgView.edges.length, kgView.nodesView.length, kgView.edgesView.length]")


def _drawn_pixels(page) -> int:
    """Non-white pixels on the graph canvas (something was really drawn)."""
    return page.evaluate("""() => {
        const c = document.querySelector('#kg-graph canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 16) if (d[i + 3] > 0 && (d[i] < 235 || d[i + 1] < 235 || d[i + 2] < 235)) n++;
        return n;
    }""")


def _node_id(page, iri):
    return page.evaluate("(iri) => { const t = JSON.parse(document.getElementById('kg-data').textContent).nodes;"
                         " const k = t.f.indexOf('iri'); return t.r.findIndex(r => r[k] === iri); }", iri)


def _node_xy(page, node_id):
    return page.evaluate("""(id) => {
        const net = kgView.network, p = net.canvasToDOM(net.getPositions([id])[id]);
        const r = document.getElementById('kg-graph').getBoundingClientRect();
        return [r.left + p.x, r.top + p.y];
    }""", node_id)


def _screen_font_sizes(page, ids):
    """On-screen font size (px) of the labels of ``ids`` at the current zoom."""
    return page.evaluate("(ids) => ids.map(id => kgView.network.body.nodes[id].labelModule.fontOptions.size"
                         " * kgView.network.getScale())", ids)


def _screen_box(page, ids):
    """DOM bounding box [x0, y0, x1, y1] of the centres of nodes ``ids``."""
    return page.evaluate("""(ids) => { const net = kgView.network, pos = net.getPositions(ids);
        const ps = ids.map(i => net.canvasToDOM(pos[i]));
        return [Math.min(...ps.map(p => p.x)), Math.min(...ps.map(p => p.y)),
                Math.max(...ps.map(p => p.x)), Math.max(...ps.map(p => p.y))]; }""", ids)


def test_isolated_actors_hidden_and_main_labels_readable(open_page, tmp_path, artifacts):
    """A corpus-like actor graph: a few connected actors and many more with no event.  The
    page opens on the connected part, the main actors' names readable; a checkbox with
    their count shows the others (and a search for one of them shows it too)."""
    g = demo_actor_graph()
    connected = set(g.nodes)
    for i in range(150):
        g.add_node(f"https://w3id.org/ankg/id/org/Lone_{i}", label=f"منظمة منفردة {i}", type="ORG", mentions=1 + i % 3)
    out = tmp_path / "iso.html"
    render_html(g, out)
    page, log = open_page(out)
    n, m = g.number_of_nodes(), g.number_of_edges()
    assert _counts(page) == [n, m, len(connected), m]
    assert "150" in page.text_content("#kg-notice")
    box = page.locator("#kg-isolated")
    assert box.is_visible() and not box.is_checked()
    assert "150" in page.text_content("label:has(#kg-isolated)")
    # the initial fit is on the connected part: it fills a good part of the canvas
    ids = [_node_id(page, iri) for iri in connected]
    x0, y0, x1, y1 = _screen_box(page, ids)
    assert max(x1 - x0, y1 - y0) > 400
    # the most connected actors' labels are readable at the initial zoom (>= 13 px on screen)
    boosted = page.evaluate("Array.from(kgView.boosted)")
    assert boosted and all(i in ids for i in boosted)
    deg = {i: page.evaluate("(i) => kgView.network.getConnectedEdges(i).length", i) for i in ids}
    top = max(ids, key=lambda i: deg[i])
    assert top in boosted
    assert min(_screen_font_sizes(page, boosted)) >= 13
    # ... and capped when zoomed in (vis-network draws a label at most maxVisible px high)
    assert page.evaluate("(i) => kgView.network.body.nodes[i].options.scaling.label.maxVisible", top) == 30
    page.screenshot(path=str(artifacts / "iso-default.png"))
    # the checkbox shows them all; unchecking hides them again
    box.check()
    assert _counts(page)[2:] == [n, m]
    box.uncheck()
    assert _counts(page)[2:] == [len(connected), m]
    # a search for a hidden actor shows it (and ticks the box)
    page.fill("#kg-search", "منظمة منفردة 7")
    page.press("#kg-search", "Enter")
    assert "منظمة منفردة 7" in page.text_content("#kg-details h2")
    assert box.is_checked() and _counts(page)[2] == n
    log.check_clean()
    # a document's page lists every entity the article names: nothing hidden there
    doc_out = tmp_path / "iso-doc.html"
    render_html(g, doc_out, kind="document")
    dpage, dlog = open_page(doc_out)
    assert _counts(dpage)[2] == n and dpage.locator("#kg-isolated").is_checked()
    dlog.check_clean()


def test_seed_actor_page(seed_graphs, open_page, tmp_path, artifacts):
    ag, _ = seed_graphs
    out = tmp_path / "actors.html"
    render_html(ag, out, title="شبكة الفاعلين: المقال التجريبي")
    page, log = open_page(out)
    connected = sum(1 for v in ag.nodes if ag.degree(v) > 0)
    assert connected < ag.number_of_nodes()   # the seed names actors that take part in no event
    # actors without an event are hidden until asked for
    assert _counts(page) == [ag.number_of_nodes(), ag.number_of_edges(), connected, ag.number_of_edges()]
    assert _drawn_pixels(page) > 500
    # search with a hamza variant of the name finds Lavrov
    page.fill("#kg-search", "لأفروف")
    results = page.locator("#kg-results button").all_text_contents()
    assert results and "لافروف" in normalize(results[0])
    page.press("#kg-search", "Enter")
    heading = page.text_content("#kg-details h2")
    assert "لافروف" in normalize(heading)
    assert page.evaluate("kgView.network.getSelectedNodes().length") == 1
    # the page's normalization is kg.nlp.text.normalize
    samples = ["إسرائيلَ", "الـقـاهرة", "مدرسةٌ", "مستشفى", "آمال", "ٱلله", "٢٠٢٤", "۱۴۰۲", "كیف", "ABC Def",
               "\u200fسوريا\u200e", "أً إٍ آ", "ھذا", "ڪتاب"]
    assert page.evaluate("(xs) => xs.map(kgView.normalize)", samples) == [normalize(s) for s in samples]
    page.screenshot(path=str(artifacts / "seed-actors.png"))
    log.check_clean()


def test_seed_event_page_filters(seed_graphs, open_page, tmp_path, artifacts):
    _, eg = seed_graphs
    out = tmp_path / "events.html"
    render_html(eg, out, kind="event")
    page, log = open_page(out)
    n_all, m = eg.number_of_nodes(), eg.number_of_edges()
    n = sum(1 for v in eg.nodes if eg.degree(v) > 0)   # actors in no event are hidden by default
    assert _counts(page) == [n_all, m, n, m]
    cats = {}
    for _, a in eg.nodes(data=True):
        if a.get("type") == "EVENT":
            cats[a["plover"]] = cats.get(a["plover"], 0) + 1
    assert cats, "the seed article should yield events"
    cat = max(cats, key=cats.get)
    page.uncheck(f"#kg-cat-filter input[value='{cat}']")
    visible_cats = page.evaluate("""() => { const t = JSON.parse(document.getElementById('kg-data').textContent).nodes;
        const k = t.f.indexOf('cat'), ty = t.f.indexOf('type');
        return kgView.nodesView.getIds().filter(id => t.r[id][ty] === 'EVENT').map(id => t.r[id][k]); }""")
    assert cat not in visible_cats and len(visible_cats) == sum(cats.values()) - cats[cat]
    _, _, vn, vm = _counts(page)
    assert vn < n and vm < m
    page.check(f"#kg-cat-filter input[value='{cat}']")
    assert _counts(page)[2:] == [n, m]
    # hiding a node type hides its nodes and their edges
    page.uncheck("#kg-filter-body input[data-filter][value='GPE']")
    types = page.evaluate("""() => { const t = JSON.parse(document.getElementById('kg-data').textContent).nodes;
                              const ty = t.f.indexOf('type'); return kgView.nodesView.getIds().map(id => t.r[id][ty]); }""")
    assert "GPE" not in types and types
    page.screenshot(path=str(artifacts / "seed-events-filtered.png"))
    page.check("#kg-filter-body input[data-filter][value='GPE']")
    assert _counts(page)[2:] == [n, m]
    page.screenshot(path=str(artifacts / "seed-events.png"))
    log.check_clean()


def test_demo_panel_hover_english_dates_country_and_neighbourhood(open_page, tmp_path, artifacts):
    g = demo_actor_graph()
    out = tmp_path / "demo.html"
    render_html(g, out)
    page, log = open_page(out)
    lav = _node_id(page, LAVROV)
    x, y = _node_xy(page, lav)
    page.mouse.move(x, y)
    page.wait_for_selector("#kg-tooltip:not([hidden])", timeout=3000)
    assert "سيرغي لافروف" in page.text_content("#kg-tooltip")
    page.mouse.click(x, y)
    details = page.text_content("#kg-details")
    assert "سيرغي لافروف" in details and "التقى وزير الخارجية الروسي" in details and "روسيا (RUS)" in details
    links = page.evaluate("[...document.querySelectorAll('#kg-details a')].map(a => [a.href, a.rel, a.target, a.textContent])")
    assert links and all(h.startswith("https://example.org/") and "noopener" in rel and t == "_blank" for h, rel, t, _ in links)
    assert "لافروف يلتقي بلينكن على هامش القمة" in [text for *_, text in links]
    page.screenshot(path=str(artifacts / "demo-details.png"))
    # English labels
    page.check("#kg-english")
    assert page.evaluate("(id) => kgView.nodes.get(id).label", lav) == "Sergey Lavrov"
    page.uncheck("#kg-english")
    assert page.evaluate("(id) => kgView.nodes.get(id).label", lav) == "سيرغي لافروف"
    # neighbourhood of the selected node, depth 1
    page.select_option("#kg-depth", "1")
    page.click("#kg-ego")
    assert _counts(page)[2] == 4
    page.click("#kg-all")
    assert _counts(page)[2:] == [10, 12]
    x, y = _node_xy(page, lav)
    page.mouse.dblclick(x, y)
    assert _counts(page)[2] == 4
    page.click("#kg-all")
    # date range: only events from 2022-07-12 to 2022-07-13 (month/year-precision dates overlap it)
    page.fill("#kg-date-from", "2022-07-12")
    page.fill("#kg-date-to", "2022-07-13")
    page.dispatch_event("#kg-date-to", "change")
    dates = page.evaluate("""() => { const t = JSON.parse(document.getElementById('kg-data').textContent).edges;
                              const k = t.f.indexOf('date'); return kgView.edgesView.getIds().map(id => t.r[id][k]).sort(); }""")
    assert dates == ["2022", "2022-07", "2022-07-12", "2022-07-12", "2022-07-13"]
    page.fill("#kg-date-from", "")
    page.fill("#kg-date-to", "")
    page.dispatch_event("#kg-date-to", "change")
    assert _counts(page)[3] == 12
    # country: events with a Ukrainian party
    page.select_option("#kg-country", "UKR")
    n_ukr = sum(1 for u, v in g.edges() if "UKR" in (g.nodes[u]["country"], g.nodes[v]["country"]))
    assert _counts(page)[3] == n_ukr
    log.check_clean()


def _hostile_graph():
    g = nx.MultiDiGraph()
    n = len(PAYLOADS)
    for i, p in enumerate(PAYLOADS):
        g.add_node(f"https://w3id.org/ankg/id/per/x{i}", label=p, label_en=p, type=["PER", "ORG", "GPE", "LOC"][i % 4],
                   country=p[:8], title=p, mentions=i + 1, documents=1, aliases=f"{p}|alias {i}")
    for i, p in enumerate(PAYLOADS):
        url = [p, "javascript:alert(1)", "data:text/html,<script>alert(1)</script>",
               f"https://example.org/a?q=%3Cscript%3E{i}"][i % 4]
        g.add_edge(f"https://w3id.org/ankg/id/per/x{i}", f"https://w3id.org/ankg/id/per/x{(i + 1) % n}", key=f"e{i}",
                   event=f"https://w3id.org/ankg/id/event/d/e{i}", cameo=p[:5], plover=["CONSULT", "ACCUSE", p][i % 3],
                   quad_class=i % 5, goldstein=-1.5, date=["2024-01-02", p, ""][i % 3], date_precision=p, label=p, trigger=p,
                   evidence=p, doc=f"https://w3id.org/ankg/id/doc/{i}", doc_title=p, doc_url=url, confidence=0.5, modality=p)
    return g


@pytest.mark.parametrize("kind,csp", [("actor", False), ("event", False), ("actor", True)])
def test_xss_payloads_stay_text(open_page, tmp_path, artifacts, kind, csp):
    assert len(PAYLOADS) >= 20
    g = _hostile_graph()
    if kind == "event":
        g = event_graph_from_actor_graph(g)
    out = tmp_path / f"xss-{kind}.html"
    title = PAYLOADS[0] + PAYLOADS[3]
    render_html(g, out, kind=kind, title=title, csp=csp)
    page, log = open_page(out)
    assert page.text_content("#kg-title") == title and page.title() == title
    ids = page.evaluate("kgView.nodes.getIds()")
    panel = page.evaluate("""() => {
        const out = [], d = document.getElementById('kg-details');
        kgView.nodes.getIds().forEach(id => { kgView.selectNode(id); out.push(d.textContent); });
        kgView.edges.getIds().forEach(id => { kgView.showEdge(id); out.push(d.textContent); });
        return out.join('\\n'); }""")
    for p in PAYLOADS:
        assert p in panel, p  # shown verbatim, as text
    # search and the results list
    page.fill("#kg-search", "<script>")
    results = page.locator("#kg-results button").all_text_contents()
    assert any("<script>" in r for r in results)
    page.fill("#kg-search", "")
    # hover a few nodes (tooltips), toggle English labels
    for i in ids[:6]:
        x, y = _node_xy(page, i)
        page.mouse.move(x, y)
    page.check("#kg-english")
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.evaluate("document.querySelectorAll('#kg-side img, #kg-side svg, #kg-side iframe, #kg-side object, "
                         "#kg-side script, #kg-side style, #kg-tooltip *:not(div), [onload], [onerror], [onfocus], "
                         "[ontoggle]').length") == 0
    hrefs = page.evaluate("[...document.querySelectorAll('a')].map(a => a.href)")
    assert all(h.startswith("https://example.org/") for h in hrefs)
    page.screenshot(path=str(artifacts / f"xss-{kind}{'-csp' if csp else ''}.png"))
    log.check_clean()


def test_big_graph_mode_capped_with_lazy_labels(open_page, tmp_path, artifacts):
    from kg.viz.sample import synthetic_actor_graph

    g = synthetic_actor_graph(1500, 3000, seed=4)
    out = tmp_path / "big.html"
    r = render_html(g, out, max_nodes=1200, physics_threshold=500)
    assert r["big"] and r["capped"]
    page, log = open_page(out)
    assert _counts(page)[:2] == [1200, r["edges"]]
    notice = page.text_content("#kg-notice")
    assert "1,200" in notice and "1,500" in notice
    assert _drawn_pixels(page) > 1000
    # nothing measured up front but the few most connected nodes, readable at the initial fit
    labelled = page.evaluate("kgView.nodes.get().filter(n => n.label).map(n => n.id)")
    assert 0 < len(labelled) <= 15 and set(labelled) == set(page.evaluate("Array.from(kgView.boosted)"))
    assert min(_screen_font_sizes(page, labelled)) >= 13
    page.evaluate("kgView.selectNode(0)")  # zooms in on the node: the labels in view appear
    page.wait_for_function("() => !!kgView.nodes.get(0).label", timeout=5000)
    label = page.evaluate("kgView.nodes.get(0).label")
    assert label and label == page.text_content("#kg-details h2")
    assert page.evaluate("kgView.network.physics.physicsEnabled") is False
    page.screenshot(path=str(artifacts / "big-zoomed.png"))
    # edges are drawn by the page, not vis-network: a click next to one still opens it
    hit = page.evaluate("""() => {
        const net = kgView.network, bn = net.body.nodes, t = JSON.parse(document.getElementById('kg-data').textContent).edges;
        const f = t.f.indexOf('from'), to = t.f.indexOf('to'), ev = t.f.indexOf('evid');
        const r = document.getElementById('kg-graph').getBoundingClientRect();
        for (const row of t.r) {
            const a = bn[row[f]], b = bn[row[to]];
            if (!a || !b) continue;
            const p = net.canvasToDOM({x: (a.x + b.x) / 2, y: (a.y + b.y) / 2});
            if (p.x < 20 || p.y < 20 || p.x > r.width - 20 || p.y > r.height - 20) continue;
            if (net.getNodeAt(p) !== undefined) continue;
            return [r.left + p.x, r.top + p.y, row[ev]];
        }
        return null; }""")
    assert hit, "no edge midpoint in view"
    page.mouse.move(hit[0], hit[1])
    page.wait_for_selector("#kg-tooltip:not([hidden])", timeout=3000)
    assert hit[2] in page.text_content("#kg-tooltip")
    page.mouse.click(hit[0], hit[1])
    assert hit[2] in page.text_content("#kg-details")
    # filtering redraws: hiding every category leaves only nodes
    before = _drawn_pixels(page)
    page.evaluate("() => document.querySelectorAll('#kg-cat-filter input').forEach(cb => cb.click())")
    assert _counts(page)[3] == 0 and _drawn_pixels(page) < before
    log.check_clean()


def test_boosted_labels_are_the_most_important_visible_nodes_after_each_fit(open_page, tmp_path):
    """At each fit the BOOST_K (15) most important connected nodes still visible get readable
    labels: actors before events, then by number of edges, then by mentions, ties by id."""
    from kg.viz.sample import synthetic_actor_graph

    g = synthetic_actor_graph(n=120, m=260, seed=5)
    for i in range(10):
        g.add_node(f"https://w3id.org/ankg/id/org/Lone_{i}", label=f"منفردة {i}", type="ORG", mentions=50)
    out = tmp_path / "boost.html"
    render_html(g, out)
    page, log = open_page(out)
    ids = {v: _node_id(page, v) for v in g.nodes}
    edges = {v: sum(1 for u, w in g.edges() if v in (u, w)) for v in g.nodes}

    def expected(hidden_type=None):
        rank = [(-(1e6 + edges[v] * 1000 + min(999, g.nodes[v].get("mentions") or 0)), ids[v]) for v in g.nodes
                if edges[v] and g.nodes[v].get("type") != hidden_type]
        return sorted(i for _, i in sorted(rank)[:15])

    assert sorted(page.evaluate("Array.from(kgView.boosted)")) == expected()
    # hide the most common type, then "show all" (a fit): the next ones move up
    common = max(("PER", "ORG", "GPE", "LOC"), key=lambda t: sum(1 for v in g.nodes if g.nodes[v].get("type") == t))
    page.locator(f"#kg-filter-body input[type=checkbox][data-filter][value='{common}']").first.uncheck()
    page.click("#kg-all")
    boosted = sorted(page.evaluate("Array.from(kgView.boosted)"))
    assert boosted == expected(common) and boosted != expected()
    log.check_clean()
