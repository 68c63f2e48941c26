"""kg serve: a read-only SPARQL 1.1 endpoint with the query page and the views."""

HELP = "serve a store over HTTP: SPARQL 1.1 endpoint (/sparql), query page (/), views (/views/...)"
DESCRIPTION = """Serve STORE read-only over HTTP (127.0.0.1 unless --host says otherwise).

  /sparql          SPARQL 1.1 Protocol: GET or POST, JSON/XML/CSV/TSV results,
                   Turtle/N-Triples/JSON-LD/RDF-XML graphs; updates are refused
  /                a query page with the named queries as examples
  /views/actor     the actor network; /views/event, /views/doc?id=DOC, /views/ego?focus=NAME
  /api/search?q=   entity search (JSON); /api/entity?iri=, /api/event?iri=

Browser pages of other origins (YASGUI, a notebook) may query /sparql and /api only with
--cors ('*' for any origin, or a list of origins): off by default, because any web page the
user visits could otherwise read a store served on this machine.

Do not build into STORE while it is served: stop the server, build, serve again.

example:
  kg serve exports/seed/store --port 8000
  curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE {?s ?p ?o} LIMIT 5' localhost:8000/sparql
"""


def add_arguments(p):
    p.add_argument("store", help="store directory (written by kg build)")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--timeout", type=float, default=10.0, help="per-query time limit in seconds (default 10)")
    p.add_argument("--max-result-mb", type=float, default=50.0, help="largest serialized result in MB (default 50)")
    p.add_argument("--workers", type=int, default=2, help="query worker processes (default 2)")
    p.add_argument("--cors", default="none", metavar="ORIGINS",
                   help="origins whose web pages may query /sparql and /api from a browser (CORS): "
                        "'*' (any), a comma-separated list (https://example.org,...), or 'none' (the "
                        "default: any page the user visits could otherwise read the store)")


def run(args) -> int:
    import sys

    import uvicorn

    from ..errors import ConfigError
    from ..server.app import create_app

    if args.timeout <= 0 or args.max_result_mb <= 0 or args.workers < 1:
        raise ConfigError("--timeout and --max-result-mb must be positive and --workers at least 1")
    cors = None if args.cors.strip().lower() == "none" else [o.strip() for o in args.cors.split(",") if o.strip()]
    sock = _bind(args.host, args.port)  # bound here, so the address shown is the one served (--port 0 too)
    try:
        app = create_app(args.store, workers=args.workers, timeout=args.timeout,
                         max_bytes=int(args.max_result_mb * 1_000_000), cors_origins=cors)
        sock.listen(2048)  # clients connecting from now on wait in the backlog until uvicorn accepts them
        host, port = sock.getsockname()[:2]
        shown = f"[{host}]" if ":" in host else host
        print(f"kg serve: serving {args.store} read-only at http://{shown}:{port}/ "
              f"(SPARQL endpoint: http://{shown}:{port}/sparql); Ctrl-C stops", file=sys.stderr, flush=True)
        try:
            uvicorn.Server(uvicorn.Config(app, log_level="warning")).run(sockets=[sock])
        except KeyboardInterrupt:  # uvicorn shuts down, then re-raises the captured Ctrl-C
            print("kg serve: stopped", file=sys.stderr)
    finally:
        sock.close()
    return 0


def _bind(host: str, port: int):
    """A socket bound to host:port; ConfigError naming host:port when that fails (in use,
    not a local address)."""
    import errno
    import socket

    from ..errors import ConfigError

    if not 0 <= port <= 65535:
        raise ConfigError(f"--port {port}: give a port from 0 to 65535")
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise ConfigError(f"--host {host!r}: cannot resolve it ({exc.strerror})") from None
    family, _, _, _, addr = infos[0]
    s = socket.socket(family, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
    try:
        s.bind(addr)
    except OSError as exc:
        s.close()
        hint = "; stop the other server or choose another --port" if exc.errno == errno.EADDRINUSE else ""
        raise ConfigError(f"cannot listen on {host}:{port}: {exc.strerror}{hint}") from None
    return s
