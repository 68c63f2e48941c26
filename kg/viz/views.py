"""The standard set of views of a store: actor network, event network, one page per article.

:func:`write_views` needs only ``kg.graph.actor_graph`` and ``kg.graph.event_graph``; the
per-article views are cut from the event graph (each article's events and their actors),
so no further store access is needed.  ``index.html`` links them all.
"""

from __future__ import annotations

import hashlib
import html
import json
from pathlib import Path
from typing import Any

from .data import safe_url, text
from .html import ASSETS, MAX_NODES, render_html, write_page


def _graphs(source) -> tuple[Any, Any]:
    """Actor and event graphs of a KnowledgeGraph, a store, or a pair of graphs."""
    if isinstance(source, tuple) and len(source) == 2:
        return source
    from .. import graph as kgraph  # lazy: kg.graph pulls in the RDF stack

    store = getattr(source, "store", source)
    return kgraph.actor_graph(store), kgraph.event_graph(store)


def _events_per_doc(event_graph) -> dict[str, int]:
    n: dict[str, int] = {}
    for _, a in event_graph.nodes(data=True):
        if text(a.get("type")) == "EVENT":
            d = text(a.get("doc"))
            n[d] = n.get(d, 0) + 1
    return n


def _pick(docs: list[dict], counts: dict[str, int], limit: int) -> list[dict]:
    """At most ``limit`` documents: those with the most events, then the latest."""
    if len(docs) <= limit:
        return docs
    return sorted(docs, key=lambda d: _rank(d, counts))[:limit]


def _rank(d: dict, counts: dict[str, int]) -> tuple:
    date = text(d.get("date"))
    return (-counts.get(text(d.get("iri")), 0), 0 if date else 1, tuple(-ord(c) for c in date))


def _store_documents(source, limit: int, counts: dict[str, int]) -> tuple[list[tuple[dict, Any]], int] | None:
    """Per-article ``(doc info, event graph)`` from a store (the entities each article
    mentions even when it has no events), for at most ``limit`` articles, and how many
    articles the store holds; None for a pair of graphs."""
    if isinstance(source, tuple):
        return None
    from .. import graph as kgraph

    store = getattr(source, "store", source)
    if not hasattr(store, "documents"):
        return None
    all_docs = store.documents()
    out = []
    for d in _pick(all_docs, counts, limit):
        g = kgraph.event_graph(store, doc=d["id"])
        if g.number_of_nodes() == 0:
            continue
        info = {"iri": text(d.get("iri")), "id": text(d.get("id")), "title": text(d.get("title")),
                "url": safe_url(d.get("url")), "date": text(d.get("date"))[:10], "source": text(d.get("publisher"))}
        if not info["title"]:
            info["title"] = " · ".join(x for x in (info["source"], info["id"]) if x)
        out.append((info, g))
    out.sort(key=lambda x: (x[0]["date"], x[0]["title"], x[0]["iri"]))
    return out, len(all_docs)


def document_graphs(event_graph) -> list[tuple[dict, Any]]:
    """``(doc info, subgraph)`` per article: its EVENT nodes and the actors linked to them.

    Articles are ordered by date (then title); doc info has iri, title, url, date.
    """
    by_doc: dict[str, list] = {}
    info: dict[str, dict] = {}
    for node, a in event_graph.nodes(data=True):
        if text(a.get("type")) != "EVENT":
            continue
        d = text(a.get("doc")) or text(a.get("doc_title"))
        if not d:
            continue
        by_doc.setdefault(d, []).append(node)
        cur = info.setdefault(d, {"iri": text(a.get("doc")), "title": "", "url": "", "date": ""})
        cur["title"] = cur["title"] or text(a.get("doc_title"))
        cur["url"] = cur["url"] or safe_url(a.get("doc_url"))
        cur["date"] = min(filter(None, [cur["date"], text(a.get("date"))[:10]]), default="")
    out = []
    for d, evs in by_doc.items():
        keep = set(evs)
        for e in evs:
            keep.update(event_graph.successors(e))
            keep.update(event_graph.predecessors(e))
        out.append((info[d], event_graph.subgraph(keep)))
    out.sort(key=lambda x: (x[0]["date"], x[0]["title"], x[0]["iri"]))
    return out


def _doc_file(i: int, iri: str) -> str:
    return f"doc-{i + 1:03d}-{hashlib.sha1(iri.encode('utf-8', 'replace')).hexdigest()[:8]}.html"


def write_views(source, outdir, *, max_nodes: int = MAX_NODES, max_docs: int = 100) -> dict:
    """Write ``actors.html``, ``events.html``, ``docs/*.html`` and ``index.html`` into ``outdir``.

    Each page carries vis-network (about half a megabyte), so at most ``max_docs``
    article pages are written: those with the most events; the index says so.

    ``source`` is a :class:`kg.api.KnowledgeGraph`, a store (anything with which
    ``kg.graph.actor_graph``/``event_graph`` work) or an ``(actor_graph, event_graph)``
    pair.  Returns what was written (paths and node/edge counts).
    """
    from ..errors import InputError

    out = Path(outdir)
    if out.exists() and not out.is_dir():
        raise InputError(f"{out} exists and is not a directory; name a folder for the views")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{out}: cannot create the views folder ({exc.strerror or exc})") from None
    ag, eg = _graphs(source)
    written: dict[str, Any] = {"actors": render_html(ag, out / "actors.html", kind="actor", max_nodes=max_nodes),
                               "events": render_html(eg, out / "events.html", kind="event", max_nodes=max_nodes),
                               "docs": []}
    docdir = out / "docs"
    counts = _events_per_doc(eg)
    found = _store_documents(source, max_docs, counts)
    if found is None:
        per_doc = document_graphs(eg)
        total = len(per_doc)
        keep = {id(x[0]) for x in sorted(per_doc, key=lambda x: _rank(x[0], counts))[:max_docs]}
        per_doc = [x for x in per_doc if id(x[0]) in keep]
    else:
        per_doc, total = found
    written["docs_total"] = total
    for i, (info, g) in enumerate(per_doc):
        if i == 0:
            docdir.mkdir(exist_ok=True)
        name = _doc_file(i, info["iri"] or info["title"])
        r = render_html(g, docdir / name, kind="document", doc=info, max_nodes=max_nodes)
        r.update(info)
        r["file"] = f"docs/{name}"
        written["docs"].append(r)
    write_page(out / "index.html", index_html(written).encode("utf-8"))
    written["index"] = str(out / "index.html")
    return written


def index_html(written: dict) -> str:
    """A static RTL page linking the views (every string HTML-escaped; no script at all)."""
    ui = json.loads((ASSETS / "ui.json").read_text(encoding="utf-8"))
    T, kinds = ui["text"], ui["kinds"]
    e = lambda s: html.escape(text(s), quote=True)  # noqa: E731

    def counts(r: dict) -> str:
        return f'{r["nodes"]:,} {e(T["nodes"])} · {r["edges"]:,} {e(T["edges"])}'

    rows = [f'<li><a href="actors.html">{e(kinds["actor"]["ar"])}</a> <span class="n">{counts(written["actors"])}</span></li>',
            f'<li><a href="events.html">{e(kinds["event"]["ar"])}</a> <span class="n">{counts(written["events"])}</span></li>']
    docs = []
    total = int(written.get("docs_total") or len(written["docs"]))
    for r in written["docs"]:
        src = ""
        url = safe_url(r.get("url"))
        if url:
            src = f' <a class="src" href="{e(url)}" rel="noopener noreferrer" target="_blank">&#x2197;</a>'
        meta = " · ".join(x for x in (e(r.get("date")), counts(r)) if x)
        docs.append(f'<li><a href="{e(r["file"])}"><bdi>{e(r.get("title") or r.get("iri") or r["file"])}</bdi></a>'
                    f' <span class="n">{meta}</span>{src}</li>')
    css = ("body{font-family:\"Noto Naskh Arabic\",\"Noto Sans Arabic\",\"Amiri\",\"Segoe UI\",Tahoma,sans-serif;"
           "margin:2em auto;max-width:52em;padding:0 1em;color:#1d2433;line-height:1.7}"
           "h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.5em}li{margin:.3em 0}"
           ".n{color:#5b6577;font-size:.85em}a{color:#1d6fb8}.src{text-decoration:none}p{color:#5b6577}")
    return ("<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\"><head><meta charset=\"utf-8\">"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
            "base-uri 'none'; form-action 'none'\"><meta name=\"referrer\" content=\"no-referrer\">"
            f"<title>{e(T['index_title'])}</title><style>{css}</style></head><body>"
            f"<h1>{e(T['index_title'])}</h1><p>{e(T['index_note'])}</p><ul>{''.join(rows)}</ul>"
            + (f"<h2>{e(T['index_docs'])}</h2>" if docs else "")
            + (f"<p>{e(T['index_some_docs'].replace('%1', f'{len(docs):,}').replace('%2', f'{total:,}'))}</p>"
               if docs and total > len(docs) else "")
            + (f"<ol>{''.join(docs)}</ol>" if docs else "")
            + "</body></html>\n")
