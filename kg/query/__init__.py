"""SPARQL for users: the named-query library, safe parameter binding, entity lookup.

Named queries are ``.rq`` files in ``kg/query/named/``.  Each starts with a header of
``# key: value`` lines::

    # name: who-met-whom
    # title: من التقى أو هاتف من / Who met or phoned whom
    # description: Meetings, visits and phone calls (CONSULT) with dates and evidence.
    # param: actor entity   an actor (Arabic name, normalized; or an IRI)
    # param: from date      earliest date (YYYY-MM-DD)

Parameters are bound as SPARQL variables of the same name (``?actor``, ``?from``) through
Oxigraph's substitutions (SEP-0007), never pasted into the query text, so a hostile value
cannot widen a query.  An unbound parameter leaves its variable free (the query must
treat it as "any", e.g. ``FILTER(!BOUND(?from) || ?date >= ?from)``).

Parameter kinds: ``entity`` (a name resolved to the best-matching entity IRI with Arabic
normalization, or an IRI), ``date`` (ISO date), ``plover`` (a PLOVER category),
``cameo`` (a CAMEO code), ``string``, ``int``, ``iri``, ``yesno`` (yes/no, true/false,
1/0 in any case, bound as the string "yes" or "no"; anything else is an error).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import QueryError

NAMED_DIR = Path(__file__).with_name("named")
PARAM_KINDS = ("entity", "date", "plover", "cameo", "string", "int", "iri", "yesno")
_YES = ("yes", "y", "true", "1", "on", "نعم")
_NO = ("no", "n", "false", "0", "off", "لا")


@dataclass(frozen=True)
class Param:
    name: str
    kind: str
    description: str = ""

    def to_dict(self) -> dict:
        return {"name": self.name, "kind": self.kind, "description": self.description}


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    sparql: str
    params: tuple[Param, ...] = field(default_factory=tuple)
    path: str = ""

    def param(self, name: str) -> Param:
        for p in self.params:
            if p.name == name:
                return p
        raise QueryError(f"named query {self.name!r} has no parameter {name!r}; "
                         f"it takes: {', '.join(p.name for p in self.params) or 'none'}")

    def example_sparql(self) -> str:
        """The query text with its header (as users see it on the query page)."""
        return self.sparql

    def to_dict(self) -> dict:
        return {"name": self.name, "title": self.title, "description": self.description,
                "params": [p.to_dict() for p in self.params], "sparql": self.sparql}


_HEADER = re.compile(r"^#\s*(name|title|description|param)\s*:\s*(.*)$")


def parse_named_query(text: str, path: str = "") -> NamedQuery:
    meta: dict[str, str] = {}
    params: list[Param] = []
    for line in text.splitlines():
        m = _HEADER.match(line.strip())
        if not m:
            if line.strip() and not line.strip().startswith("#"):
                break
            continue
        key, value = m.group(1), m.group(2).strip()
        if key == "param":
            bits = value.split(None, 2)
            if len(bits) < 2 or bits[1] not in PARAM_KINDS:
                raise QueryError(f"{path}: bad param line {value!r}: expected 'NAME KIND description', "
                                 f"KIND one of {', '.join(PARAM_KINDS)}")
            params.append(Param(bits[0], bits[1], bits[2] if len(bits) > 2 else ""))
        else:
            meta[key] = value
    if "name" not in meta:
        raise QueryError(f"{path}: a named query needs a '# name:' header line")
    return NamedQuery(meta["name"], meta.get("title", meta["name"]), meta.get("description", ""), text,
                      tuple(params), path)


@lru_cache(maxsize=1)
def _load_named() -> tuple[NamedQuery, ...]:
    out = []
    for p in sorted(NAMED_DIR.glob("*.rq")):
        out.append(parse_named_query(p.read_text(encoding="utf-8"), str(p)))
    return tuple(out)


def named_queries() -> list[NamedQuery]:
    """The named queries shipped with the package, sorted by file name."""
    return list(_load_named())


def get_named_query(name: str) -> NamedQuery:
    for q in _load_named():
        if q.name == name:
            return q
    names = ", ".join(q.name for q in _load_named())
    raise QueryError(f"no named query {name!r}; available: {names} (see `kg query --list`)")


def parse_params(pairs: list[str] | None) -> dict[str, str]:
    """``["actor=لافروف", "from=2023-01-01"]`` -> dict; errors name the bad pair."""
    out: dict[str, str] = {}
    for pair in pairs or []:
        if "=" not in pair:
            raise QueryError(f"--param {pair!r}: expected NAME=VALUE")
        k, v = pair.split("=", 1)
        k = k.strip()
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", k):
            raise QueryError(f"--param {pair!r}: parameter names are letters, digits and _")
        out[k] = v
    return out


_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CAMEO_RE = re.compile(r"^\d{2,4}$")
_PLOVER_RE = re.compile(r"^[A-Za-z_]{3,30}$")
_PARAMS_LINE = re.compile(r"(?m)^[ \t]*#PARAMS[ \t]*$")
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"


def _store_of(kg):
    """The kg.rdf.store.Store behind a KnowledgeGraph (or the Store itself)."""
    return getattr(kg, "store", kg)


def resolve_entity(kg, name: str, limit: int = 20) -> list[str]:
    """IRIs of the entities a user's name refers to (Arabic normalization applied).

    An IRI (``http...``) is taken as is.  Otherwise, in order: entities whose label or alias
    equals the name after normalization; else those whose label/alias contains the name's
    words as a run (``لافروف`` -> ``سيرغي لافروف``), with proclitics tolerated
    (``وروسيا``).  Raises QueryError with close matches when nothing fits.
    """
    from ..nlp.text import normalize, proclitic_splits

    name = (name or "").strip()
    if not name:
        raise QueryError("an empty name matches no entity")
    if name.startswith(("http://", "https://", "urn:")):
        return [name]
    index = _label_index(_store_of(kg))
    words = normalize(name).split()
    exact = sorted({iri for key, iri in index if key == " ".join(words)})
    if exact:
        return exact[:limit]
    variants = {tuple(words)}
    if words:
        for plen, stem in proclitic_splits(words[0]):
            if plen:
                variants.add((stem, *words[1:]))
    hits: dict[str, int] = {}
    for key, iri in index:
        kw = key.split()
        for v in variants:
            n = len(v)
            if any(tuple(kw[i:i + n]) == v for i in range(len(kw) - n + 1)):
                hits[iri] = min(hits.get(iri, 99), len(kw))
    if hits:
        return sorted(hits, key=lambda i: (hits[i], i))[:limit]
    import difflib

    keys = sorted({k for k, _ in index})
    close = difflib.get_close_matches(" ".join(words), keys, n=5, cutoff=0.6)
    hint = f"; close matches: {', '.join(close)}" if close else ""
    raise QueryError(f"no entity matches {name!r}{hint}")


def _label_index(store) -> list[tuple[str, str]]:
    from ..nlp.text import normalize

    rows = store.query(
        "SELECT DISTINCT ?e ?l WHERE { ?e ankg:entityType ?t . { ?e rdfs:label ?l } UNION { ?e skos:altLabel ?l } }")
    return [(" ".join(normalize(r["l"]).split()), r["e"]) for r in rows if isinstance(r["l"], str)]


def _terms_for(store, q: NamedQuery, params: dict[str, str]) -> dict[str, list]:
    """Validated pyoxigraph terms for each given parameter (entity params may give several)."""
    import pyoxigraph as ox

    from ..rdf.store import iri_node

    out: dict[str, list] = {}
    for key, value in params.items():
        p = q.param(key)
        if p.kind == "int":
            continue  # applied as LIMIT, not bound
        v = value.strip()
        if p.kind in ("entity", "iri"):
            iris = resolve_entity(store, v) if p.kind == "entity" else [v]
            nodes = [iri_node(i) for i in iris]
            if None in nodes:
                raise QueryError(f"--param {key}={value!r}: not a valid IRI")
            out[key] = nodes
        elif p.kind == "date":
            if not _DATE_RE.match(v) or not _real_date(v):
                raise QueryError(f"--param {key}={value!r}: expected a date as YYYY-MM-DD")
            out[key] = [ox.Literal(v, datatype=ox.NamedNode(XSD_DATE))]
        elif p.kind == "cameo":
            if not _CAMEO_RE.match(v):
                raise QueryError(f"--param {key}={value!r}: expected a CAMEO code such as 041")
            codes = _codebook("cameo.tsv", "code")
            if codes and v not in codes:  # a typo or a root code ("04") would silently match nothing
                near = sorted(c for c in codes if c.startswith(v[:2]))[:12]
                raise QueryError(f"--param {key}={value!r}: not a CAMEO code of the codebook"
                                 + (f"; codes starting {v[:2]}: {', '.join(near)}" if near else ""))
            out[key] = [ox.Literal(v)]
        elif p.kind == "yesno":
            low = v.lower()
            if low not in _YES + _NO:
                raise QueryError(f"--param {key}={value!r}: expected yes or no")
            out[key] = [ox.Literal("yes" if low in _YES else "no")]
        elif p.kind == "plover":
            if not _PLOVER_RE.match(v):
                raise QueryError(f"--param {key}={value!r}: expected a PLOVER category such as CONSULT")
            cats = _codebook("plover.tsv", "category")
            if cats and v.upper() not in cats:
                raise QueryError(f"--param {key}={value!r}: not a PLOVER category; one of {', '.join(cats)}")
            out[key] = [ox.Literal(v.upper())]
        else:
            out[key] = [ox.Literal(v)]
    return out


@lru_cache(maxsize=4)
def _codebook(filename: str, column: str) -> tuple[str, ...]:
    """The values of ``column`` in kg/data/cameo/``filename`` (CAMEO codes, PLOVER
    categories), in file order; empty when the table is absent."""
    from ..nlp.gazetteer import read_tsv

    path = Path(__file__).resolve().parent.parent / "data" / "cameo" / filename
    if not path.is_file():
        return ()
    return tuple(dict.fromkeys(r[column] for r in read_tsv(path) if r.get(column)))


def _real_date(v: str) -> bool:
    """True for a calendar date (2023-02-30 and 2023-13-01 have the shape but are not)."""
    import datetime

    try:
        datetime.date.fromisoformat(v)
        return True
    except ValueError:
        return False


def bind_named(kg, name: str, params: dict[str, str] | None = None) -> str:
    """The SPARQL text of a named query with its parameters bound.

    Values become RDF terms (validated, entity names resolved to IRIs) serialized by
    Oxigraph -- one escaped token each -- in a ``VALUES`` block at the query's ``#PARAMS``
    line; parameters not given are ``UNDEF``.  User text is never pasted into the query.
    """
    q = get_named_query(name)
    params = dict(params or {})
    for key in params:
        q.param(key)  # unknown parameter -> QueryError
    store = _store_of(kg)
    terms = _terms_for(store, q, params)
    if "from" in terms and "to" in terms and params["from"].strip() > params["to"].strip():
        raise QueryError(f"--param from={params['from'].strip()} is after to={params['to'].strip()}: "
                         "no date can be in that range")
    sparql = q.sparql
    bound = [p.name for p in q.params if p.kind != "int"]
    if bound and _PARAMS_LINE.search(sparql):
        rows = [[]]
        for pname in bound:
            choices = [str(t) for t in terms.get(pname, [])] or ["UNDEF"]
            rows = [r + [c] for r in rows for c in choices]
        values = "VALUES (" + " ".join("?" + b for b in bound) + ") { " + \
            " ".join("(" + " ".join(r) + ")" for r in rows) + " }"
        sparql = _PARAMS_LINE.sub(lambda m: "      " + values, sparql, count=1)
    limit = next((p for p in q.params if p.kind == "int" and p.name == "limit"), None)
    if limit and "limit" in params:
        try:
            n = int(params["limit"])
        except ValueError:
            raise QueryError(f"--param limit={params['limit']!r}: expected a whole number") from None
        if n < 1:
            raise QueryError("--param limit must be at least 1")
        sparql = sparql.rstrip() + f"\nLIMIT {n}\n"
    return sparql


def run_named(kg, name: str, params: dict[str, str] | None = None):
    """Run a named query; returns the store's Rows (list of dicts with ``.variables``)."""
    return _store_of(kg).query(bind_named(kg, name, params))


def search_entities(kg, text: str, limit: int = 20) -> list[dict]:
    """Entities whose label or alias matches ``text`` (normalized), best first."""
    store = _store_of(kg)
    try:
        iris = resolve_entity(store, text, limit) if text.strip() else []
    except QueryError:
        return []
    out = []
    for iri in iris:
        d = _entity_summary(store, iri)
        if d:
            out.append(d)
    return out


# ontology property (local name) -> summary key: one value, or a sorted list of values
_ENTITY_SCALARS = {"entityType": "type", "countryCode": "country", "fineType": "fine_type"}
_ENTITY_LISTS = {"altLabel": "aliases", "title": "title", "role": "roles"}


def _local_name(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _entity_summary(store, iri: str) -> dict | None:
    from ..rdf.store import iri_node

    node = iri_node(iri)
    if node is None:
        return None
    rows = store.query(
        "SELECT ?e ?p ?o WHERE { ?e ?p ?o FILTER(?p IN (rdfs:label, skos:altLabel, ankg:entityType, "
        "ankg:countryCode, ankg:title, ankg:fineType, ankg:role)) }", {"e": node}, raw=True)
    if not rows:
        return None
    d: dict = {"iri": iri, "label": "", "label_en": ""}
    d.update({key: "" for key in _ENTITY_SCALARS.values()})
    d.update({key: set() for key in _ENTITY_LISTS.values()})
    for r in rows:
        local, o = _local_name(r["p"].value), r["o"]
        if local == "label":
            if getattr(o, "language", None) == "en":
                d["label_en"] = o.value
            elif not d["label"]:
                d["label"] = o.value
        elif local in _ENTITY_SCALARS:
            d[_ENTITY_SCALARS[local]] = o.value
        elif local in _ENTITY_LISTS:
            d[_ENTITY_LISTS[local]].add(o.value)
    for key in _ENTITY_LISTS.values():
        d[key] = sorted(d[key])
    return d


def entity_details(kg, iri: str) -> dict | None:
    """An entity's summary and the events it takes part in (for the views' JSON API)."""
    store = _store_of(kg)
    d = _entity_summary(store, iri)
    if d is None:
        return None
    d["events"] = [dict(r) for r in run_named(store, "events-of", {"actor": iri})]
    return d


def event_details(kg, iri: str) -> dict | None:
    """An event's properties, participants and evidence (for the views' JSON API)."""
    from ..rdf.store import iri_node

    store = _store_of(kg)
    node = iri_node(iri)
    if node is None:
        return None
    rows = store.query(
        "SELECT ?ev ?p ?o ?olabel ?text WHERE { ?ev a ankg:Event ; ?p ?o . "
        "OPTIONAL { ?o rdfs:label ?olabel FILTER(lang(?olabel) != 'en') } "
        "OPTIONAL { ?o nif:anchorOf ?text } }", {"ev": node})
    if not rows:
        return None
    d: dict = {"iri": iri}
    for r in rows:
        key = _local_name(str(r["p"]))
        value = r["text"] or r["olabel"] or r["o"]
        if key in ("sourceActor", "targetActor", "topic"):
            d.setdefault(key, []).append({"iri": str(r["o"]), "label": r["olabel"] or ""})
        elif key == "type":
            continue
        else:
            value = value if isinstance(value, (str, int, float, bool)) else str(value)
            if key in _EVENT_LISTS:
                d.setdefault(key, set()).add(value)
            elif key in d and d[key] != value:  # a property stated twice: keep both, not an arbitrary one
                d[key] = sorted({*(d[key] if isinstance(d[key], list) else [d[key]]), value}, key=str)
            else:
                d[key] = value
    for key in _EVENT_LISTS:
        if key in d:
            d[key] = sorted(d[key], key=str)
    return d


#: event properties that hold several values (always a list in event_details)
_EVENT_LISTS = ("additionalEvidence",)


__all__ = ["NamedQuery", "Param", "named_queries", "get_named_query", "parse_named_query", "parse_params",
           "bind_named", "run_named", "resolve_entity", "search_entities", "entity_details", "event_details"]
