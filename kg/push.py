"""Push named graphs to an external SPARQL store (Virtuoso, Fuseki, GraphDB, Oxigraph...).

Two standard protocols:

- ``update`` (SPARQL 1.1 Update): per graph, ``DROP SILENT GRAPH <g>`` then
  ``INSERT DATA { GRAPH <g> { ... } }`` in batches.  Virtuoso: ``/sparql-auth`` with
  digest authentication (or ``/sparql`` after ``GRANT SPARQL_UPDATE TO "SPARQL"``).
- ``gsp`` (SPARQL 1.1 Graph Store HTTP Protocol): per graph, ``PUT ?graph=<g>`` with the
  first batch (replacing the graph) and ``POST`` for the rest.  Virtuoso:
  ``/sparql-graph-crud-auth``; Fuseki: ``/DATASET/data``; Oxigraph: ``/store``.

Triples travel as N-Triples written by Oxigraph's serializer (never by string
formatting), so hostile literals and IRIs arrive intact.  Pushing the same store twice
leaves the remote graphs the same (each graph is replaced, not appended to).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

from .errors import ConfigError, KGError


@dataclass
class PushReport:
    graphs: int = 0
    triples: int = 0
    requests: int = 0


def _ntriples(triples: list) -> str:
    import pyoxigraph as ox

    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")


def graphs_of(store) -> Iterator[tuple[str, list]]:
    """``(graph IRI, triples)`` for every named graph of a pyoxigraph Store, sorted by IRI."""
    import pyoxigraph as ox

    names = sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))
    for name in names:
        g = ox.NamedNode(name)
        triples = [ox.Triple(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, g)]
        yield name, triples


def _batches(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def push(graphs: Iterable[tuple[str, list]], endpoint: str, *, protocol: str = "update", user: str | None = None,
         password: str | None = None, auth: str = "digest", batch: int = 2000, timeout: float = 120.0,
         progress: Callable[[str, int], None] | None = None) -> PushReport:
    """Send each named graph to ``endpoint``, replacing the remote graph of the same IRI."""
    import httpx

    if protocol not in ("update", "gsp"):
        raise ConfigError(f"--protocol {protocol!r}: use 'update' (SPARQL 1.1 Update) or 'gsp' (Graph Store Protocol)")
    if not endpoint.startswith(("http://", "https://")):
        raise ConfigError(f"--endpoint {endpoint!r}: expected an http(s) URL")
    credentials = None
    if user is not None:
        credentials = httpx.DigestAuth(user, password or "") if auth == "digest" else httpx.BasicAuth(user, password or "")
    report = PushReport()
    with httpx.Client(auth=credentials, timeout=timeout) as client:
        for graph, triples in graphs:
            report.graphs += 1
            report.triples += len(triples)
            if protocol == "update":
                _send(client, endpoint, graph, "update", f"DROP SILENT GRAPH <{_iri(graph)}>")
                report.requests += 1
                for part in _batches(triples, batch):
                    body = f"INSERT DATA {{ GRAPH <{_iri(graph)}> {{\n{_ntriples(part)}}} }}"
                    _send(client, endpoint, graph, "update", body)
                    report.requests += 1
            else:
                first = True
                for part in _batches(triples, batch) if triples else iter([[]]):
                    _send(client, endpoint, graph, "PUT" if first else "POST", _ntriples(part))
                    first = False
                    report.requests += 1
            if progress:
                progress(graph, len(triples))
    return report


def _iri(value: str) -> str:
    """An IRI for a SPARQL ``<...>``: reject what could break out of the brackets."""
    if any(c in value for c in '<>"{}|^`\\ \n\r\t'):
        raise KGError(f"graph IRI {value!r} contains characters not allowed in an IRI")
    return value


def _send(client, endpoint: str, graph: str, how: str, body: str) -> None:
    import httpx

    try:
        if how == "update":
            r = client.post(endpoint, content=body.encode("utf-8"),
                            headers={"Content-Type": "application/sparql-update; charset=utf-8"})
        else:
            r = client.request(how, endpoint, params={"graph": graph}, content=body.encode("utf-8"),
                               headers={"Content-Type": "application/n-triples; charset=utf-8"})
    except httpx.HTTPError as exc:
        raise KGError(f"push to {endpoint} failed for graph <{graph}>: {exc}") from None
    if r.status_code >= 300:
        raise KGError(f"push to {endpoint} failed for graph <{graph}>: HTTP {r.status_code} "
                      f"{r.text[:300].strip()}")
