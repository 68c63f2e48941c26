"""networkx views of the knowledge graph (the RDF store stays the source of truth).

Two shapes, both :class:`networkx.MultiDiGraph`, built by functions over a store (a
:class:`kg.rdf.store.Store` or a :class:`kg.KnowledgeGraph`):

- :func:`actor_graph`: nodes are entities (keyed by entity IRI), edges are events from each
  source actor to each target actor (key = event IRI).
- :func:`event_graph`: bipartite: entity nodes (``bipartite=0``) and event nodes
  (``type="EVENT"``, ``bipartite=1``); edges actor -> event with ``role="source"`` and
  event -> actor with ``role`` ``target``/``topic``/``place``.

Node attributes: ``label`` (in the document language), ``label_en``, ``type``
(PER|ORG|GPE|LOC|EVENT), ``country`` (ISO 3166-1 alpha-3), ``title``, ``mentions`` (int),
``documents`` (int), ``aliases`` ("|"-joined).  Event attributes (on actor-graph edges and
event nodes): ``event`` (IRI), ``cameo``, ``plover``, ``quad_class`` (int), ``goldstein``
(float), ``date``, ``date_precision``, ``label``, ``trigger``, ``evidence`` (the sentence),
``doc`` (IRI), ``doc_title``, ``doc_url``, ``confidence`` (float), ``modality``.  Every
value is a plain str/int/float, never None ("" or 0 when unknown), so GraphML and GEXF
writers accept the graphs as they are.

``doc`` restricts a view to one document (its id or IRI); counts are then per document.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Any

from .errors import InputError

ENTITY_ATTRS = ("label", "label_en", "type", "country", "title", "mentions", "documents", "aliases")
EVENT_ATTRS = ("event", "cameo", "plover", "quad_class", "goldstein", "date", "date_precision", "label", "trigger",
               "evidence", "doc", "doc_title", "doc_url", "confidence", "modality")
ROLES = ("source", "target", "topic", "place")

_Q_LABELS = """SELECT ?g ?e ?type ?label WHERE { GRAPH ?g { ?e ankg:entityType ?type ; rdfs:label ?label } }"""
_Q_PROP = """SELECT ?g ?e ?v WHERE { GRAPH ?g { ?e %s ?v } }"""
_Q_MENTIONS = """SELECT ?g ?e (COUNT(DISTINCT ?m) AS ?n) WHERE { GRAPH ?g { ?m itsrdf:taIdentRef ?e } } GROUP BY ?g ?e"""
_Q_EVENTS = """
SELECT ?g ?ev ?doc ?cameo ?plover ?qc ?gs ?date ?prec ?label ?trigger ?evidence ?conf ?mod WHERE {
  GRAPH ?g {
    ?ev a ankg:Event ; ankg:document ?doc ; ankg:cameoCode ?cameo ; ankg:ploverCategory ?plover .
    OPTIONAL { ?ev ankg:confidence ?conf }
    OPTIONAL { ?ev ankg:modality ?mod }
    OPTIONAL { ?ev ankg:trigger/nif:anchorOf ?trigger }
    OPTIONAL { ?ev ankg:evidence/nif:anchorOf ?evidence }
    OPTIONAL { ?ev ankg:quadClass ?qc }
    OPTIONAL { ?ev ankg:goldstein ?gs }
    OPTIONAL { ?ev ankg:date ?date }
    OPTIONAL { ?ev ankg:datePrecision ?prec }
    OPTIONAL { ?ev rdfs:label ?label }
  }
}"""
_Q_ROLES = """
SELECT ?g ?ev ?role ?a WHERE {
  GRAPH ?g {
    VALUES (?p ?role) { (ankg:sourceActor "source") (ankg:targetActor "target") (ankg:topic "topic") (ankg:place "place") }
    ?ev a ankg:Event ; ?p ?a .
  }
}"""
_Q_DOCS = """
SELECT ?doc ?title ?url WHERE {
  GRAPH ?pg { ?doc a ankg:Document . OPTIONAL { ?doc dcterms:title ?title } OPTIONAL { ?doc schema:url ?url } }
}"""


# characters XML 1.0 cannot carry (GraphML/GEXF writers refuse them): C0 controls but tab,
# newline and carriage return; surrogates; U+FFFE/U+FFFF.  They become U+FFFD.
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(value: str) -> str:
    """``value`` with the characters XML 1.0 cannot hold replaced by U+FFFD."""
    return _XML_BAD.sub("\ufffd", value)


def _clean(attrs: dict[str, Any]) -> dict[str, Any]:
    return {k: xml_safe(v) if isinstance(v, str) else v for k, v in attrs.items()}


def _store(obj):
    """The kg.rdf.store.Store behind a KnowledgeGraph or a Store."""
    return getattr(obj, "store", obj)


def _graph_binding(store, doc: str | None) -> dict:
    if doc is None:
        return {}
    import pyoxigraph as ox

    if store.has_document(doc):
        return {"g": store.graph_iris(doc)[1]}
    for d in store.documents():
        if doc in (d["iri"], d["graph"]):
            return {"g": ox.NamedNode(d["graph"])}
    raise InputError(f"no document {doc!r} in the store")


def _pick(counter: Counter) -> str:
    if not counter:
        return ""
    best = max(counter.values())
    return min(k for k, v in counter.items() if v == best)


def entity_records(store, doc: str | None = None) -> dict[str, dict[str, Any]]:
    """``{entity IRI: {label, label_en, type, country, title, mentions, documents, aliases}}``."""
    store = _store(store)
    b = _graph_binding(store, doc)
    labels: dict[str, Counter] = defaultdict(Counter)
    labels_en: dict[str, Counter] = defaultdict(Counter)
    types: dict[str, Counter] = defaultdict(Counter)
    graphs: dict[str, set] = defaultdict(set)
    for r in store.query(_Q_LABELS, b, union=False, raw=True):
        e = r["e"].value
        graphs[e].add(r["g"].value)
        types[e][r["type"].value] += 1
        lit = r["label"]
        (labels_en if (lit.language or "") == "en" else labels)[e][lit.value] += 1
    out: dict[str, dict[str, Any]] = {}
    for e in types:
        out[e] = {
            "label": _pick(labels[e]) or _pick(labels_en[e]),
            "label_en": _pick(labels_en[e]),
            "type": _pick(types[e]),
            "country": "",
            "title": "",
            "mentions": 0,
            "documents": len(graphs[e]),
            "aliases": "",
        }
    for prop, key in (("ankg:countryCode", "country"), ("ankg:title", "title")):
        vals: dict[str, Counter] = defaultdict(Counter)
        for r in store.query(_Q_PROP % prop, b, union=False):
            vals[r["e"]][r["v"]] += 1
        for e, c in vals.items():
            if e in out:
                out[e][key] = _pick(c)
    aliases: dict[str, set] = defaultdict(set)
    for r in store.query(_Q_PROP % "skos:altLabel", b, union=False):
        aliases[r["e"]].add(r["v"])
    for e, a in aliases.items():
        if e in out:
            out[e]["aliases"] = "|".join(sorted(x for x in a if x != out[e]["label"]))
    for r in store.query(_Q_MENTIONS, b, union=False):
        if r["e"] in out:
            out[r["e"]]["mentions"] += int(r["n"])
    return {e: _clean(rec) for e, rec in out.items()}


def event_records(store, doc: str | None = None) -> dict[str, dict[str, Any]]:
    """``{event IRI: {event attrs..., "roles": {"source": [IRI...], "target": [...], ...}}}``."""
    store = _store(store)
    b = _graph_binding(store, doc)
    docs = {}
    for r in store.query(_Q_DOCS, union=False):
        docs[r["doc"]] = (r["title"] or "", r["url"] or "")
    out: dict[str, dict[str, Any]] = {}
    for r in store.query(_Q_EVENTS, b, union=False):
        ev = r["ev"]
        title, url = docs.get(r["doc"], ("", ""))
        rec = out.get(ev)
        if rec is None:
            rec = out[ev] = {
                "event": ev,
                "cameo": r["cameo"] or "",
                "plover": r["plover"] or "",
                "quad_class": int(r["qc"] or 0),
                "goldstein": float(r["gs"] or 0.0),
                "date": str(r["date"] or ""),
                "date_precision": r["prec"] or "",
                "label": r["label"] or "",
                "trigger": r["trigger"] or "",
                "evidence": r["evidence"] or "",
                "doc": r["doc"],
                "doc_title": title,
                "doc_url": url,
                "confidence": float(r["conf"] or 0.0),
                "modality": r["mod"] or "",
                "roles": {role: [] for role in ROLES},
            }
    for r in store.query(_Q_ROLES, b, union=False):
        rec = out.get(r["ev"])
        if rec is not None and r["a"] not in rec["roles"][r["role"]]:
            rec["roles"][r["role"]].append(r["a"])
    for ev, rec in out.items():
        for role in ROLES:
            rec["roles"][role].sort()
        roles = rec.pop("roles")
        rec = out[ev] = _clean(rec)
        rec["roles"] = roles
    return out


def _blank_entity() -> dict[str, Any]:
    return {"label": "", "label_en": "", "type": "", "country": "", "title": "", "mentions": 0, "documents": 0,
            "aliases": ""}


def actor_graph(store, doc: str | None = None):
    """Entities as nodes, events as edges from each source to each target actor."""
    import networkx as nx

    ents = entity_records(store, doc)
    events = event_records(store, doc)
    g = nx.MultiDiGraph(name="actor graph", kind="actor")
    for iri in sorted(ents):
        g.add_node(iri, **ents[iri])
    for ev in sorted(events):
        rec = events[ev]
        attrs = {k: rec[k] for k in EVENT_ATTRS}
        for s in rec["roles"]["source"]:
            for t in rec["roles"]["target"]:
                for n in (s, t):
                    if n not in g:
                        g.add_node(n, **_blank_entity())
                g.add_edge(s, t, key=ev, **attrs)
    return g


def event_graph(store, doc: str | None = None):
    """Bipartite graph of actors (bipartite=0) and events (type EVENT, bipartite=1)."""
    import networkx as nx

    ents = entity_records(store, doc)
    events = event_records(store, doc)
    g = nx.MultiDiGraph(name="event graph", kind="event")
    for iri in sorted(ents):
        g.add_node(iri, bipartite=0, **ents[iri])
    for ev in sorted(events):
        rec = events[ev]
        attrs = {k: rec[k] for k in EVENT_ATTRS}
        if not attrs["label"]:
            attrs["label"] = attrs["plover"]
        g.add_node(ev, type="EVENT", bipartite=1, country="", title="", mentions=0, documents=1, aliases="",
                   label_en="", **attrs)
        for role in ROLES:
            for a in rec["roles"][role]:
                if a not in g:
                    g.add_node(a, bipartite=0, **_blank_entity())
                if role == "source":
                    g.add_edge(a, ev, key=role, role=role)
                else:
                    g.add_edge(ev, a, key=role, role=role)
    return g
