"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint, a query page and the views.

Built on Starlette (served by uvicorn).  Routes:

- ``GET|POST /sparql``: SPARQL 1.1 Protocol (query via GET parameter, URL-encoded POST or
  ``application/sparql-query`` body); content negotiation for SPARQL JSON/XML/CSV/TSV
  results and Turtle/N-Triples/JSON-LD/RDF-XML graphs (``Accept`` header, or a
  ``format`` parameter).  Updates get 403, OPTIONS 204, other methods 405, malformed
  queries 400 with the parser's message, overlong queries 503, oversize results 413.
  Browser pages of other origins may query it when ``cors_origins`` names them (CORS; off by default).
- ``GET /``: a query page that works offline, with the named queries as examples.
- ``GET /views/actor``, ``/views/event``, ``/views/doc?id=``, ``/views/ego?focus=&depth=``:
  the interactive views drawn from the live store.
- ``GET /api/search?q=``, ``/api/entity?iri=``, ``/api/event?iri=``, ``/api/queries``: JSON.
"""

from __future__ import annotations

import contextlib
import os
import urllib.parse

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from .executor import GRAPH_FORMATS, RESULT_FORMATS, QueryPool

# Accept media type -> (kind, short name)
_ACCEPT = {
    "application/sparql-results+json": ("result", "json"),
    "application/json": ("both", "json"),
    "application/sparql-results+xml": ("result", "xml"),
    "application/xml": ("result", "xml"),
    "text/xml": ("result", "xml"),
    "text/csv": ("result", "csv"),
    "text/tab-separated-values": ("result", "tsv"),
    "text/turtle": ("graph", "turtle"),
    "application/x-turtle": ("graph", "turtle"),
    "application/n-triples": ("graph", "ntriples"),
    "text/plain": ("graph", "ntriples"),
    "application/ld+json": ("graph", "jsonld"),
    "application/rdf+xml": ("graph", "rdfxml"),
    "application/n-quads": ("graph", "nquads"),
    "application/trig": ("graph", "trig"),
}
_FORMAT_PARAM = {"json": ("json", "jsonld"), "xml": ("xml", "rdfxml"), "csv": ("csv", None), "tsv": ("tsv", None),
                 "turtle": (None, "turtle"), "ttl": (None, "turtle"), "ntriples": (None, "ntriples"),
                 "nt": (None, "ntriples"), "jsonld": (None, "jsonld"), "json-ld": (None, "jsonld"),
                 "rdfxml": (None, "rdfxml"), "rdf+xml": (None, "rdfxml"), "n3": (None, "turtle")}


def negotiate(accept: str | None, fmt: str | list[str] | None = None) -> tuple[str, str] | None:
    """Pick (result_format, graph_format) from ``format`` parameters or an Accept header.

    ``fmt`` holds the values of the ``format``/``output``/``results`` parameters that
    clients such as SPARQLWrapper send (short names like ``csv`` or media types); the first
    one understood wins, otherwise the Accept header decides.  Returns None when nothing
    acceptable can be produced (-> 406); one of the pair is None when the client accepts
    only the other kind (``Accept: text/csv`` for a CONSTRUCT -> 406 once the kind is known).
    """
    for value in ([fmt] if isinstance(fmt, str) else fmt or []):
        value = value.strip().lower()
        pair = _FORMAT_PARAM.get(value)
        if pair is None and value in _ACCEPT:
            kind, name = _ACCEPT[value]
            pair = (name if kind != "graph" else None, name if kind == "graph" else ("jsonld" if name == "json" else None))
        if pair:
            return pair[0] or "json", pair[1] or "turtle"
    if not accept:
        return "json", "turtle"
    ranges = []
    for i, part in enumerate(accept.split(",")):
        bits = [b.strip() for b in part.split(";")]
        mt, q = bits[0].lower(), 1.0
        for b in bits[1:]:
            if b.startswith("q="):
                try:
                    q = float(b[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            ranges.append((-q, i, mt))
    ranges.sort()
    result = graph = None
    wildcard = False
    for _, _, mt in ranges:
        if mt in ("*/*", "application/*", "text/*"):
            wildcard = True
            continue
        kind, name = _ACCEPT.get(mt, (None, None))
        if kind in ("result", "both") and result is None:
            result = name
        if kind in ("graph", "both") and graph is None:
            graph = "jsonld" if name == "json" else name
    if result is None and graph is None and not wildcard:
        return None
    if wildcard:
        return result or "json", graph or "turtle"
    # None for a kind the client cannot take: a query of that kind gets 406 (run_query)
    return result, graph


class SparqlService:
    """The state of one served store: its query pool and (lazily) a read-only Store."""

    def __init__(self, store_path: str | os.PathLike, *, workers: int = 2, timeout: float = 10.0,
                 max_bytes: int = 50_000_000, base_iri: str | None = None):
        from ..rdf.store import Store

        self.path = os.fspath(store_path)
        Store(self.path, read_only=True).close()  # fails early, naming the path, if there is no store
        self.pool = QueryPool(self.path, workers=workers, timeout=timeout, max_bytes=max_bytes)
        self.base_iri = base_iri
        self._kg = None

    @property
    def kg(self):
        """The store opened read-only in this process, for the views and the JSON API."""
        if self._kg is None:
            from ..rdf.store import Store

            self._kg = Store(self.path, read_only=True)
        return self._kg

    def close(self) -> None:
        self.pool.close()
        if self._kg is not None:
            self._kg.close()
            self._kg = None


async def sparql_endpoint(request: Request) -> Response:
    svc: SparqlService = request.app.state.service
    if request.method == "OPTIONS":  # a plain OPTIONS (a CORS preflight is answered by the middleware)
        return Response(status_code=204, headers={"Allow": _ALLOW})
    if request.method not in ("GET", "POST"):
        return PlainTextResponse("Method not allowed: this endpoint is read-only (GET and POST queries only).",
                                 status_code=405, headers={"Allow": _ALLOW})
    query = None
    extra_formats: list[str] = []
    qp = request.query_params
    default_graphs, named_graphs = qp.getlist("default-graph-uri"), qp.getlist("named-graph-uri")
    if request.method == "GET":
        if "update" in request.query_params:
            return _refuse_update()
        query = request.query_params.get("query")
    else:
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype == "application/sparql-update":
            return _refuse_update()
        if ctype == "application/x-www-form-urlencoded":
            # parsed here rather than with request.form(), which needs python-multipart
            form = urllib.parse.parse_qs((await request.body()).decode("utf-8", errors="replace"),
                                         keep_blank_values=True)
            if "update" in form:
                return _refuse_update()
            query = (form.get("query") or [None])[0]
            extra_formats = form.get("format", []) + form.get("output", []) + form.get("results", [])
            default_graphs = default_graphs + form.get("default-graph-uri", [])
            named_graphs = named_graphs + form.get("named-graph-uri", [])
        elif ctype == "application/sparql-query":
            query = (await request.body()).decode("utf-8", errors="replace")
        else:
            return PlainTextResponse(
                "Unsupported Content-Type: use application/x-www-form-urlencoded or application/sparql-query.",
                status_code=415)
    if not query or not str(query).strip():
        return PlainTextResponse("Missing the 'query' parameter.", status_code=400)
    fmts = negotiate(request.headers.get("accept"),
                     qp.getlist("format") + qp.getlist("output") + qp.getlist("results") + extra_formats)
    if fmts is None:
        return PlainTextResponse(
            "Not acceptable: results are available as " + ", ".join(RESULT_FORMATS.values())
            + "; graphs as " + ", ".join(GRAPH_FORMATS.values()) + ".", status_code=406)
    outcome = await run_in_threadpool(svc.pool.execute, str(query), fmts[0], fmts[1],
                                      default_graphs=default_graphs, named_graphs=named_graphs)
    headers = {"Vary": "Accept"}
    if outcome.status == 503:
        headers["Retry-After"] = "5"
    return Response(outcome.body, status_code=outcome.status, media_type=outcome.media_type, headers=headers)


_ALLOW = "GET, POST, OPTIONS"


def _refuse_update() -> Response:
    return PlainTextResponse("This endpoint is read-only: SPARQL Update is refused.", status_code=403)


async def query_page(request: Request) -> Response:
    from ..query import named_queries
    from .page import render_query_page

    return HTMLResponse(render_query_page(named_queries()))


async def api_queries(request: Request) -> Response:
    from ..query import named_queries

    return JSONResponse([q.to_dict() for q in named_queries()])


async def api_search(request: Request) -> Response:
    svc: SparqlService = request.app.state.service
    q = request.query_params.get("q", "")
    limit = _int(request.query_params.get("limit"), 20, 1, 200)
    from ..query import search_entities

    rows = await run_in_threadpool(search_entities, svc.kg, q, limit)
    return JSONResponse(rows)


async def api_entity(request: Request) -> Response:
    from ..query import entity_details

    return await _details(request, entity_details, "entity")


async def api_event(request: Request) -> Response:
    from ..query import event_details

    return await _details(request, event_details, "event")


async def _details(request: Request, lookup, what: str) -> Response:
    """JSON of ``lookup(store, iri)`` for the ``iri`` parameter, or a 404 naming it."""
    svc: SparqlService = request.app.state.service
    iri = request.query_params.get("iri", "")
    d = await run_in_threadpool(lookup, svc.kg, iri)
    if d is None:
        return JSONResponse({"error": f"no {what} {iri!r}"}, status_code=404)
    return JSONResponse(d)


async def view(request: Request) -> Response:
    svc: SparqlService = request.app.state.service
    kind = request.path_params["kind"]
    params = request.query_params
    if kind not in ("actor", "event", "doc", "ego"):
        return PlainTextResponse(f"Unknown view {kind!r}: use actor, event, doc or ego.", status_code=404)
    from ..errors import KGError

    if kind == "doc" and not params.get("id"):
        return PlainTextResponse("The document view needs ?id=DOCUMENT_ID (a document id or IRI).", status_code=400)
    try:
        page = await run_in_threadpool(_render_view, svc.kg, kind, params.get("id"), params.get("focus"),
                                       _int(params.get("depth"), 2, 1, 4))
    except KGError as exc:
        return PlainTextResponse(str(exc), status_code=404)
    return HTMLResponse(page)


def _render_view(store, kind, doc_id, focus, depth) -> str:
    from ..graph import actor_graph, event_graph
    from ..viz.html import render_page

    doc = None
    if kind == "doc":
        from ..errors import QueryError

        if not doc_id:
            raise QueryError("the document view needs ?id=DOCUMENT_ID")
        doc = next((d for d in store.documents() if doc_id in (d["id"], d["iri"], d["graph"])), None)
        if doc is None:
            raise QueryError(f"no document {doc_id!r} in the store")
    graph = event_graph(store, doc=doc_id) if kind in ("event", "doc") else actor_graph(store)
    page, _view = render_page(graph, kind={"doc": "document", "ego": "actor"}.get(kind, kind),
                              focus=focus if kind == "ego" else None, depth=depth, doc=doc)
    return page


def _int(value, default: int, lo: int, hi: int) -> int:
    try:
        return max(lo, min(hi, int(value)))
    except (TypeError, ValueError):
        return default


def create_app(store_path, *, workers: int = 2, timeout: float = 10.0, max_bytes: int = 50_000_000,
               cors_origins: list[str] | None = None) -> Starlette:
    """The Starlette application serving ``store_path`` read-only.

    ``cors_origins``: origins whose pages may call /sparql and /api from a browser (CORS
    headers and preflight answers); None or empty (the default) for none: a page of any
    origin could otherwise read a store served on the user's machine."""
    service = SparqlService(store_path, workers=workers, timeout=timeout, max_bytes=max_bytes)
    routes = [
        Route("/", query_page),
        Route("/sparql", sparql_endpoint, methods=["GET", "POST", "OPTIONS", "PUT", "DELETE", "PATCH"]),
        Route("/api/queries", api_queries),
        Route("/api/search", api_search),
        Route("/api/entity", api_entity),
        Route("/api/event", api_event),
        Route("/views/{kind}", view),
    ]
    @contextlib.asynccontextmanager
    async def lifespan(app):
        try:
            yield
        finally:
            service.close()

    middleware = []
    if cors_origins:
        from starlette.middleware import Middleware
        from starlette.middleware.cors import CORSMiddleware

        # read-only GET/POST with the headers the SPARQL protocol uses; no cookies (credentials)
        middleware.append(Middleware(CORSMiddleware, allow_origins=list(cors_origins), allow_methods=["GET", "POST"],
                                     allow_headers=["Accept", "Content-Type"], max_age=3600))
    app = Starlette(routes=routes, lifespan=lifespan, middleware=middleware)
    app.state.service = service
    return app


__all__ = ["create_app", "negotiate", "SparqlService"]
