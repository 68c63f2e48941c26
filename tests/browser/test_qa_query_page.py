"""QA: the query page of `kg serve` in headless Chromium: no console errors, nothing fetched
but the server, an example runs and its rows are shown as text."""

from __future__ import annotations

import pytest

from tests.servers import kg_serve


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory):
    pyoxigraph = pytest.importorskip("pyoxigraph")
    from kg.rdf.store import Store

    path = tmp_path_factory.mktemp("qp") / "store"
    st = Store(path)
    st.ox.add(pyoxigraph.Quad(pyoxigraph.NamedNode("http://example.org/s"),
                              pyoxigraph.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                              pyoxigraph.Literal("<img src=x onerror=alert(1)>\u202e</td><script>alert(2)</script>"),
                              pyoxigraph.NamedNode("http://example.org/g")))
    st.close()
    return path


def test_query_page_is_clean_and_shows_results_as_text(browser, hostile_store):
    with kg_serve(hostile_store) as base:
        ctx = browser.new_context(viewport={"width": 1400, "height": 900}, locale="ar")
        page = ctx.new_page()
        errors, dialogs, foreign = [], [], []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.on("request", lambda r: foreign.append(r.url) if not r.url.startswith(base) else None)
        page.goto(base + "/")
        page.wait_for_timeout(500)
        page.fill("#q", "SELECT ?l WHERE { ?s rdfs:label ?l }")
        page.click("button[type=submit]")
        page.wait_for_selector("#out table td", timeout=15000)
        cell = page.text_content("#out table td")
        assert "<img src=x onerror=alert(1)>" in cell and "<script>alert(2)</script>" in cell
        assert page.query_selector("#out img") is None and page.query_selector("#out script") is None
        page.wait_for_timeout(300)
        ctx.close()
    assert errors == [] and dialogs == [] and foreign == [], (errors, dialogs, foreign)
