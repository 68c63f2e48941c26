"""Write one self-contained, offline HTML page for a graph view.

The page is made of: vis-network's JavaScript and CSS (the copy pyvis ships, inlined),
this package's own stylesheet and script (``assets/viz.css``, ``assets/viz.js``), and two
JSON blobs in ``<script type="application/json">`` elements -- the graph data and the
interface strings.  Nothing is fetched: no CDN, no web fonts (the font stack names system
fonts that render Arabic well), and a Content-Security-Policy that only allows the page's
own two scripts (by hash) and no network access at all.

pyvis's own template is not used: even with ``cdn_resources="in_line"`` it loads Bootstrap
from a CDN, and for titles containing "href" it switches to a tooltip that sets
``innerHTML``.  Its node and edge lists are also built with ``add_node``/``add_edge``,
which are quadratic.  Here the lists are built directly as JSON, every untrusted string
reaches the page only inside the JSON blob (``<``, ``>``, ``&``, U+2028 and U+2029
escaped), and the script puts text on screen with ``textContent`` only.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import html
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from .data import ViewData, build_view, safe_url, text

ASSETS = Path(__file__).resolve().parent / "assets"
VIS_VERSION = "9.1.2"

#: Above this many nodes positions are computed in Python and physics is off.
PHYSICS_THRESHOLD = 500
#: Default hard cap: beyond it only the highest-degree nodes are drawn.
MAX_NODES = 5000


def json_for_script(obj: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">`` (and in any HTML text).

    ``<``, ``>`` and ``&`` become ``\\u003c``, ``\\u003e``, ``\\u0026`` so neither
    ``</script>`` nor ``<!--`` can appear; U+2028/U+2029 are escaped too.  NaN/Infinity
    are refused (``JSON.parse`` would reject them).
    """
    s = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (s.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _inline_script(src: str) -> str:
    # an inline <script> ends at the first "</script"; the bundled sources have none, but
    # make sure (a "<\/" is the same string to JavaScript)
    return re.sub(r"</(script)", r"<\\/\1", src, flags=re.IGNORECASE)


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    """vis-network's minified JS and CSS from the pyvis package (read once)."""
    import importlib.util

    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError("kg viz needs the 'pyvis' package (pip install pyvis), which ships vis-network")
    lib = Path(list(spec.submodule_search_locations)[0]) / "templates" / "lib" / f"vis-{VIS_VERSION}"
    if not (lib / "vis-network.min.js").is_file():
        raise ConfigError(f"kg viz needs vis-network {VIS_VERSION} as shipped by pyvis 0.3.x; not found in {lib} "
                          "(pip install 'pyvis>=0.3.2,<0.4')")
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    # 205 of its 220 kB are data: URL icons of the navigation buttons, the edit toolbar and
    # the configurator, which the pages do not use: drop the rules that carry images
    css = "".join(r for r in re.findall(r"[^{}]*\{[^{}]*\}", css) if "url(" not in r)
    return _inline_script(js), css.replace("</", "<\\/")


@lru_cache(maxsize=1)
def _own_assets() -> tuple[str, str, str, str]:
    tpl = (ASSETS / "template.html").read_text(encoding="utf-8")
    js = _inline_script((ASSETS / "viz.js").read_text(encoding="utf-8"))
    css = (ASSETS / "viz.css").read_text(encoding="utf-8")
    ui = json.loads((ASSETS / "ui.json").read_text(encoding="utf-8"))
    ui.pop("_about", None)
    return tpl, js, css, json_for_script(ui)


@lru_cache(maxsize=1)
def _norm_table() -> dict:
    """kg.nlp.text's normalization as data, so the page's search normalizes the same way."""
    from ..nlp import text as T

    return {"map": dict(T._MAP), "del": T._DELETE}


def _sha256(s: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() + "'"


def _csp(scripts: list[str]) -> str:
    return ("default-src 'none'; script-src " + " ".join(_sha256(s) for s in scripts)
            + "; style-src 'unsafe-inline'; img-src 'none'; font-src 'none'; connect-src 'none'; "
            "frame-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'")


def layout_view(view: ViewData, *, physics_threshold: int = PHYSICS_THRESHOLD,
                iterations: int | None = None, seed: int = 7) -> None:
    """Give every node ``x``/``y`` (pixels), computed here for every size of graph.

    The browser never runs physics: positions are deterministic, and a page is still
    the moment it is drawn.  Views above ``physics_threshold`` nodes are marked ``big``
    (thinner edges, no arrowheads or edge labels, edges hidden while dragging/zooming).
    """
    import numpy as np

    from .layout import force_layout

    n = len(view.nodes)
    view.big = n > physics_threshold
    if n == 0:
        return
    edges = np.fromiter((v for e in view.edges for v in (e["from"], e["to"])), dtype=np.int64,
                        count=2 * len(view.edges)).reshape(-1, 2)
    # pixels per edge length: room for edge labels in small actor graphs
    scale = 70.0 if view.big else 160.0 if view.kind == "actor" else 110.0
    # label width in edge lengths: ~9 px per character at the page's 18 px font
    widths = np.fromiter((min(len(r["label"]), 40) * 9.0 / scale for r in view.nodes), dtype=float, count=n)
    if iterations is None:  # past a few thousand nodes more iterations barely change the picture
        iterations = 60 if n <= 3000 else 40
    pos = force_layout(n, edges, iterations=iterations, seed=seed, widths=widths)
    xs = (pos[:, 0] * scale).round(1).tolist()
    ys = (pos[:, 1] * scale).round(1).tolist()
    for rec, x, y in zip(view.nodes, xs, ys):
        rec["x"] = x
        rec["y"] = y


def page_html(view: ViewData, *, title: str, doc: dict | None = None, csp: bool = True) -> str:
    """The HTML text of a page showing ``view`` (already laid out)."""
    tpl, app_js, app_css, ui_json = _own_assets()
    vis_js, vis_css = _vis_assets()
    data = view.as_json()
    data["title"] = text(title)
    data["norm"] = _norm_table()
    if doc:
        data["doc"] = {"title": text(doc.get("title")), "url": safe_url(doc.get("url")),
                       "date": text(doc.get("date")), "source": text(doc.get("source")),
                       "iri": text(doc.get("iri"))}
    parts = {
        "TITLE": html.escape(text(title), quote=True),
        "CSP": html.escape(_csp([vis_js, app_js]), quote=False) if csp else "",  # no " in it
        "VIS_CSS": vis_css, "APP_CSS": app_css, "VIS_JS": vis_js, "APP_JS": app_js,
        "DATA": json_for_script(data), "UI": ui_json,
    }
    out = re.sub(r"\{\{([A-Z_]+)\}\}", lambda m: parts[m.group(1)], tpl)  # one pass: data is never re-scanned
    if not csp:
        out = out.replace('<meta http-equiv="Content-Security-Policy" content="">\n', "")
    return out


def render_page(graph, *, title: str | None = None, kind: str = "actor", focus: str | None = None,
                depth: int = 2, max_nodes: int = MAX_NODES, physics_threshold: int = PHYSICS_THRESHOLD,
                doc: dict | None = None, csp: bool = True, layout_iterations: int | None = None,
                seed: int = 7) -> tuple[str, ViewData]:
    """The page's HTML text and its view model (see :func:`render_html` for the options)."""
    view = build_view(graph, kind=kind, focus=focus, depth=depth, max_nodes=max_nodes)
    layout_view(view, physics_threshold=physics_threshold, iterations=layout_iterations, seed=seed)
    if title is None:
        names = json.loads((ASSETS / "ui.json").read_text(encoding="utf-8"))["kinds"]
        title = names[kind]["ar"]
        if doc and doc.get("title"):
            title = f"{title}: {text(doc.get('title'))}"
    return page_html(view, title=title, doc=doc, csp=csp), view


def render_html(graph, path, *, title: str | None = None, kind: str = "actor", focus: str | None = None,
                depth: int = 2, max_nodes: int = MAX_NODES, physics_threshold: int = PHYSICS_THRESHOLD,
                doc: dict | None = None, csp: bool = True, layout_iterations: int | None = None,
                seed: int = 7) -> dict:
    """Write an interactive HTML view of ``graph`` (kg.graph's actor or event graph) to ``path``.

    - ``kind``: ``actor`` (actors linked by events), ``event`` (actors and event nodes)
      or ``document`` (an event graph of one article; ``doc`` gives its title/url/date).
    - ``focus``/``depth``: draw only the ego network of the node named ``focus`` (IRI,
      label or alias, matched after Arabic normalization); an unknown name raises
      :class:`kg.errors.ConfigError` listing close matches.
    - ``max_nodes``: beyond this, only the highest-degree nodes are drawn (the page says so).
    - ``physics_threshold``: above it the page switches to its large-graph mode (positions
      are always computed here; the browser runs no physics).
    - ``csp``: emit the Content-Security-Policy (tests turn it off to check that escaping
      alone is enough).

    Returns figures about the page: nodes/edges shown and total, capped, bytes written.
    """
    page, view = render_page(graph, title=title, kind=kind, focus=focus, depth=depth, max_nodes=max_nodes,
                             physics_threshold=physics_threshold, doc=doc, csp=csp,
                             layout_iterations=layout_iterations, seed=seed)
    path = Path(path)
    data = page.encode("utf-8", "replace")
    write_page(path, data)
    return {"path": str(path), "nodes": len(view.nodes), "edges": len(view.edges),
            "total_nodes": view.total_nodes, "total_edges": view.total_edges,
            "capped": view.capped, "big": view.big, "bytes": len(data)}


def write_page(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file renamed into place (an interrupted
    write leaves no half page); a directory or an unwritable place is an InputError naming it."""
    import os
    import tempfile

    from ..errors import InputError

    if path.is_dir():
        raise InputError(f"{path} is a directory; name an HTML file (e.g. {path / 'graph.html'})")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.chmod(tmp, 0o644)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except OSError as exc:
        raise InputError(f"{path}: cannot write the page ({exc.strerror or exc})") from None
