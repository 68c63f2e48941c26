"""Interactive graph views: one self-contained, offline, Arabic-first HTML page per view.

- :func:`render_html` draws kg.graph's actor or event graph (or one article's) with
  vis-network (the copy shipped by pyvis, inlined), with search, filters, a neighbourhood
  view and a details panel; large graphs get positions computed in Python.
- :func:`write_views` writes the standard set (actor network, event network, one page
  per article and an index).

Hostile text (entity names, titles, evidence sentences) only ever reaches the page as
text; see :mod:`kg.viz.html`.
"""

from __future__ import annotations

from .data import build_view, resolve_focus
from .html import MAX_NODES, PHYSICS_THRESHOLD, json_for_script, page_html, render_html, render_page
from .views import document_graphs, write_views

__all__ = ["render_html", "render_page", "write_views", "build_view", "resolve_focus", "document_graphs",
           "json_for_script", "page_html", "MAX_NODES", "PHYSICS_THRESHOLD"]
