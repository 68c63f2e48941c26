"""From a networkx graph (kg.graph's actor or event graph) to the data a view page embeds.

Pure functions, no HTML here.  Every string taken from the graph is treated as untrusted
text: it is coerced to ``str`` and only ever travels inside a JSON blob that the page
reads with ``JSON.parse`` and puts on screen with ``textContent`` (see :mod:`kg.viz.html`).
Numbers are coerced to finite ``int``/``float``.  URLs survive only when they are
absolute ``http``/``https`` URLs.

Input shapes (see ``kg.graph``):

- actor graph: ``MultiDiGraph``; nodes keyed by entity IRI with ``label``, ``label_en``,
  ``type`` (PER/ORG/GPE/LOC), ``country``, ``title``, ``mentions``, ``documents``,
  ``aliases`` (``|``-joined); one edge per event, source -> target, with ``event``,
  ``cameo``, ``plover``, ``quad_class``, ``goldstein``, ``date``, ``date_precision``,
  ``label``, ``trigger``, ``evidence``, ``doc``, ``doc_title``, ``doc_url``,
  ``confidence``, ``modality``.
- event graph: actor nodes as above plus nodes of type ``EVENT`` carrying the event
  attributes; edges actor -> event (``role`` = ``source``) and event -> actor (``role`` =
  ``target``/``topic``/``place``).
"""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass, field
from typing import Any, Iterable
from urllib.parse import urlsplit

from ..errors import ConfigError

#: Attributes of an event (on actor-graph edges and event-graph EVENT nodes), with the
#: short key each gets in the page's JSON (see ``_event_record``).
EVENT_FIELDS = {
    "event": "ev", "cameo": "cameo", "plover": "cat", "quad_class": "quad", "goldstein": "gs",
    "date": "date", "date_precision": "prec", "label": "label", "trigger": "trig",
    "evidence": "evid", "confidence": "conf", "modality": "mod",
}

#: Node types the views know how to draw; anything else is drawn as unknown ("").
NODE_TYPES = ("PER", "ORG", "GPE", "LOC", "EVENT")

_WORD_SPLIT = re.compile(r"[\s\-_/|,.;:()«»\"'،؛]+")


def text(value: Any) -> str:
    """An attribute value as display text (``""`` for None).

    Control characters need no scrubbing: they travel JSON-escaped and are shown with
    ``textContent``; lone surrogates become U+FFFD when the page is written.
    """
    if type(value) is str:
        return value
    return "" if value is None else str(value)


def number(value: Any, kind: type = float) -> int | float:
    """A finite number (``0`` for missing, malformed, NaN or infinite values)."""
    t = type(value)
    if t is int and kind is int:
        return value
    if t is float and kind is float:
        return value if math.isfinite(value) else 0
    try:
        x = float(value)
    except (TypeError, ValueError):
        return 0
    if not math.isfinite(x):
        return 0
    return int(x) if kind is int else round(x, 4)


_URL_BAD = re.compile(r"[\s\x00-\x1f\x7f\ufffd\ud800-\udfff]")


def safe_url(value: Any) -> str:
    """``value`` if it is an absolute http(s) URL without spaces or controls, else ``""``."""
    s = text(value).strip()
    if not s or len(s) > 4096 or _URL_BAD.search(s):
        return ""
    try:
        parts = urlsplit(s)
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return ""
    return s


# --- focus (ego network) ----------------------------------------------------------------


def _names(attrs: dict) -> list[str]:
    names = [text(attrs.get("label")), text(attrs.get("label_en"))]
    names += [a for a in text(attrs.get("aliases")).split("|")]
    return [n for n in names if n.strip()]


def resolve_focus(graph, name: str) -> list:
    """Nodes of ``graph`` that ``name`` designates, by normalized label, alias or IRI.

    Tiers: the node IRI itself; a normalized label/alias equal to the name; a label/alias
    containing the name's words as consecutive whole words (``لافروف`` finds ``سيرغي
    لافروف``).  The first tier with matches wins; several matches in the word tier are an
    error listing them, so that a short name never silently picks one of many people.
    Raises :class:`kg.errors.ConfigError` naming close matches when nothing matches.
    """
    from ..nlp.text import normalize

    if name in graph:
        return [name]
    q = normalize(name).strip()
    qwords = [w for w in _WORD_SPLIT.split(q) if w]
    if not qwords:
        raise ConfigError(f"focus {name!r}: empty name")
    exact, word = [], []
    vocab: dict[str, Any] = {}
    for node, attrs in graph.nodes(data=True):
        if text(attrs.get("type")) == "EVENT":
            continue
        for n in _names(attrs):
            nn = normalize(n).strip()
            words = [w for w in _WORD_SPLIT.split(nn) if w]
            vocab.setdefault(nn, node)
            for w in words:
                if len(w) >= 3:
                    vocab.setdefault(w, node)
            if nn == q:
                exact.append(node)
                break
            k = len(qwords)
            if any(words[i:i + k] == qwords for i in range(len(words) - k + 1)):
                word.append(node)
                break
    if exact:
        return list(dict.fromkeys(exact))
    word = list(dict.fromkeys(word))
    if len(word) == 1:
        return word
    if len(word) > 1:
        shown = ", ".join(_describe(graph, n) for n in word[:10])
        more = f" and {len(word) - 10} more" if len(word) > 10 else ""
        raise ConfigError(f"focus {name!r} is ambiguous: it matches {shown}{more}; give the full name or the IRI")
    close = difflib.get_close_matches(q, list(vocab), n=12, cutoff=0.6)
    close += [v for v in vocab if q in v and v not in close]
    nodes = list(dict.fromkeys(vocab[c] for c in close))[:6]
    hint = ("; close matches: " + ", ".join(_describe(graph, n) for n in nodes)) if nodes else \
        "; no similar names in the graph"
    raise ConfigError(f"focus {name!r}: no node with that name or alias in the graph{hint}")


def _describe(graph, node) -> str:
    a = graph.nodes[node]
    label = text(a.get("label")) or text(node)
    en = text(a.get("label_en"))
    return f"{label!r}" + (f" ({en})" if en else "") + f" <{node}>"


def ego(graph, centres: Iterable, depth: int):
    """The subgraph within ``depth`` hops (either direction) of any of ``centres``."""
    if depth < 0:
        raise ConfigError(f"depth {depth}: must be 0 or more")
    seen = set(centres)
    frontier = list(seen)
    for _ in range(depth):
        nxt = []
        for n in frontier:
            for m in graph.successors(n):
                if m not in seen:
                    seen.add(m)
                    nxt.append(m)
            for m in graph.predecessors(n):
                if m not in seen:
                    seen.add(m)
                    nxt.append(m)
        frontier = nxt
        if not frontier:
            break
    return graph.subgraph(seen)


def top_by_degree(graph, max_nodes: int) -> list:
    """The ``max_nodes`` nodes of highest degree (ties: more mentions, then IRI)."""
    deg = dict(graph.degree())
    nodes = sorted(graph.nodes(data="mentions"),
                   key=lambda nm: (-deg[nm[0]], -number(nm[1], int), str(nm[0])))
    return [n for n, _ in nodes[:max_nodes]]


# --- view model ---------------------------------------------------------------------------


@dataclass
class ViewData:
    """Everything a page shows: node and edge records, the document table and notes."""

    kind: str
    nodes: list[dict] = field(default_factory=list)
    edges: list[dict] = field(default_factory=list)
    docs: list[list[str]] = field(default_factory=list)
    total_nodes: int = 0
    total_edges: int = 0
    capped: bool = False
    focus: list[int] = field(default_factory=list)
    focus_name: str = ""
    depth: int = 0
    big: bool = False  # large-graph mode (see kg.viz.html.layout_view)

    def as_json(self) -> dict:
        """The page's data; node and edge records as column tables (``{"f": keys, "r": rows}``)."""
        return {
            "kind": self.kind, "nodes": _table(self.nodes), "edges": _table(self.edges), "docs": self.docs,
            "total_nodes": self.total_nodes, "total_edges": self.total_edges,
            "capped": self.capped, "focus": self.focus, "focus_name": self.focus_name,
            "depth": self.depth, "big": self.big,
        }


def _table(records: list[dict]) -> dict:
    """Records as ``{"f": [keys], "r": [[values]]}`` (``null`` where a record lacks a key)."""
    fields: dict[str, None] = {}
    for rec in records:
        if not rec.keys() <= fields.keys():
            fields.update(dict.fromkeys(rec))
    keys = list(fields)
    if keys and all(len(rec) == len(keys) for rec in records):  # one shape: a C-level getter
        from operator import itemgetter

        get = itemgetter(*keys)
        rows = [list(get(rec)) for rec in records] if len(keys) > 1 else [[rec[keys[0]]] for rec in records]
    else:
        rows = [[rec.get(k) for k in keys] for rec in records]
    return {"f": keys, "r": rows}


class _Docs:
    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.rows: list[list[str]] = []

    def get(self, iri: Any, title: Any, url: Any) -> int:
        """Index of a document in the table (``-1`` when the record names none)."""
        iri, title, url = text(iri), text(title), text(url)
        if not (iri or title or url):
            return -1
        key = iri or f"{title}\x00{url}"
        i = self.index.get(key)
        if i is None:
            i = self.index[key] = len(self.rows)
            self.rows.append([iri, title, safe_url(url)])
        else:
            row = self.rows[i]
            if title and not row[1]:
                row[1] = title
            if url and not row[2]:
                row[2] = safe_url(url)
        return i


def _event_record(a: dict, docs: _Docs) -> dict:
    g = a.get
    quad = number(g("quad_class"), int)
    return {
        "ev": text(g("event")), "cameo": text(g("cameo")), "cat": text(g("plover")).strip().upper(),
        "quad": quad if quad in (1, 2, 3, 4) else 0, "gs": number(g("goldstein")),
        "date": text(g("date")), "prec": text(g("date_precision")), "label": text(g("label")),
        "trig": text(g("trigger")), "evid": text(g("evidence")), "conf": number(g("confidence")),
        "mod": text(g("modality")), "doc": docs.get(g("doc"), g("doc_title"), g("doc_url")),
    }


def _node_record(node, attrs: dict, docs: _Docs) -> dict:
    t = text(attrs.get("type")).strip().upper()
    rec = {
        "iri": text(node), "label": text(attrs.get("label")) or text(node),
        "label_en": text(attrs.get("label_en")), "type": t if t in NODE_TYPES else "",
    }
    if t == "EVENT":
        rec.update(_event_record(attrs, docs))
        if not text(attrs.get("label")):
            rec["label"] = rec["trig"] or rec["cat"] or text(node)
    else:
        rec["country"] = text(attrs.get("country")).strip().upper()
        rec["title"] = text(attrs.get("title"))
        rec["mentions"] = number(attrs.get("mentions"), int)
        rec["documents"] = number(attrs.get("documents"), int)
        rec["aliases"] = [a for a in text(attrs.get("aliases")).split("|") if a.strip()]
    return rec


def build_view(graph, *, kind: str = "actor", focus: str | None = None, depth: int = 2,
               max_nodes: int = 5000) -> ViewData:
    """Select (focus, cap) and convert ``graph`` to a :class:`ViewData` (no layout yet)."""
    if kind not in ("actor", "event", "document"):
        raise ConfigError(f"kind {kind!r}: expected actor, event or document")
    if max_nodes < 1:
        raise ConfigError(f"max_nodes {max_nodes}: must be at least 1")
    view = ViewData(kind=kind, total_nodes=graph.number_of_nodes(), total_edges=graph.number_of_edges())
    g = graph
    centres: list = []
    if focus:
        centres = resolve_focus(graph, focus)
        g = ego(graph, centres, depth)
        view.focus_name = focus
        view.depth = depth
    if g.number_of_nodes() > max_nodes:
        keep = set(top_by_degree(g, max_nodes)) | set(centres)
        g = g.subgraph(keep)
        view.capped = True
    docs = _Docs()
    index: dict[Any, int] = {}
    nodes = view.nodes
    for node, attrs in g.nodes(data=True):
        rec = _node_record(node, attrs, docs)
        rec["id"] = index[node] = len(nodes)
        nodes.append(rec)
    edges = view.edges
    multi = g.is_multigraph()
    it = g.edges(keys=True, data=True) if multi else ((u, v, None, d) for u, v, d in g.edges(data=True))
    for u, v, key, attrs in it:
        if attrs.get("role") is not None or kind != "actor" and not attrs.get("event") and not attrs.get("plover"):
            rec = {"role": text(attrs.get("role")).strip().lower()}
        else:
            rec = _event_record(attrs, docs)
            if not rec["ev"] and key is not None and not isinstance(key, int):
                rec["ev"] = text(key)
        rec["id"] = len(edges)
        rec["from"] = index[u]
        rec["to"] = index[v]
        edges.append(rec)
    view.docs = docs.rows
    view.focus = [index[c] for c in centres if c in index]
    return view
