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
``cameo`` (a CAMEO code), ``string``, ``int``, ``iri``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import QueryError

NAMED_DIR = Path(__file__).with_name("named")
PARAM_KINDS = ("entity", "date", "plover", "cameo", "string", "int", "iri")


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


__all__ = ["NamedQuery", "Param", "named_queries", "get_named_query", "parse_named_query", "parse_params"]
