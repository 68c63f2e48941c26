"""QA round 5: the details panel of an entity labels every row (the role/title row had no label)."""

from __future__ import annotations

from kg.viz import render_html
from kg.viz.sample import demo_actor_graph

from .test_viz_browser import LAVROV, _node_id, _node_xy


def test_entity_details_label_the_title_row(open_page, tmp_path):
    g = demo_actor_graph()
    title = g.nodes[LAVROV].get("title")
    assert title, "the demo graph gives Lavrov a title"
    out = tmp_path / "demo.html"
    render_html(g, out)
    page, log = open_page(out)
    x, y = _node_xy(page, _node_id(page, LAVROV))
    page.mouse.click(x, y)
    rows = page.evaluate("""() => [...document.querySelectorAll('#kg-details dl dt')].map(
        dt => [dt.textContent, dt.nextElementSibling ? dt.nextElementSibling.textContent : null])""")
    assert rows and all(k.strip() for k, _ in rows), rows
    assert ["المنصب", title] in rows, rows
    log.check_clean()
