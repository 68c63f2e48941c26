"""kg query: run SPARQL (inline, from a file, or a named query) against a store."""

HELP = "run a SPARQL query or a named query against a store (table, CSV, TSV, JSON, XML, Turtle)"
DESCRIPTION = """Run SPARQL against STORE.

  kg query STORE 'SELECT ?s ?l WHERE { ?s rdfs:label ?l } LIMIT 10'
  kg query STORE --file q.rq --format csv
  kg query STORE --name who-met-whom --param actor=لافروف --param from=2023-01-01
  kg query --list

The usual prefixes (ankg, rdfs, skos, nif, dcterms, schema, prov, xsd ...) are predeclared;
the default graph is the union of all documents' graphs.  Named-query parameters are bound
as RDF terms (names resolved to entities with Arabic normalization), never pasted into
the query.  Output: an aligned table on a terminal, CSV in a pipe, or --format
csv|tsv|json|xml (SPARQL 1.1 result formats) and turtle|ntriples|jsonld for CONSTRUCT/DESCRIBE.
"""

import sys

#: --format choices by the kind of query they serve (kg.server.executor's names)
RESULT_FORMATS = ("csv", "tsv", "json", "xml")
GRAPH_FORMATS = ("turtle", "ntriples", "jsonld")


def add_arguments(p):
    p.add_argument("store", nargs="?", help="store directory (written by kg build)")
    p.add_argument("sparql", nargs="?", help="the query text (or use --file / --name)")
    p.add_argument("--file", "-f", help="read the query from this file ('-' for stdin)")
    p.add_argument("--name", "-n", help="run a named query (see --list)")
    p.add_argument("--param", "-p", action="append", metavar="NAME=VALUE", help="a named-query parameter (repeatable)")
    p.add_argument("--list", action="store_true", help="list the named queries with their parameters")
    p.add_argument("--format", choices=["table", *RESULT_FORMATS, *GRAPH_FORMATS],
                   help="output format (default: table on a terminal, csv otherwise); csv, tsv, json, xml "
                        "for SELECT/ASK, turtle, ntriples, jsonld for CONSTRUCT/DESCRIBE")
    p.add_argument("--show", action="store_true", help="print the query (with bound parameters) instead of running it")
    p.add_argument("--width", type=int, default=60, help="widest table cell before it is cut (default 60)")


def run(args) -> int:
    from ..errors import ConfigError, QueryError
    from ..query import bind_named, named_queries

    if args.list:
        for q in named_queries():
            print(f"{q.name}\n    {q.title}\n    {q.description}")
            for prm in q.params:
                print(f"    --param {prm.name}=<{prm.kind}>  {prm.description}")
        return 0
    if not args.store:
        raise ConfigError("name a store directory (or use --list)")
    given = sum(x is not None for x in (args.sparql, args.file, args.name))
    if given != 1:
        raise ConfigError("give exactly one of: a query text, --file FILE, --name NAME")
    if args.width < 2:
        raise ConfigError(f"--width {args.width}: give at least 2 characters")
    if args.param and not args.name:
        raise ConfigError("--param goes with --name")
    from ..rdf.store import Store

    store = Store(args.store, read_only=True)
    try:
        if args.name:
            from ..query import parse_params

            sparql = bind_named(store, args.name, parse_params(args.param))
        elif args.file:
            sparql = _read(args.file)
        else:
            sparql = args.sparql
        if args.show:
            print(sparql)
            return 0
        from ..server.executor import looks_like_update

        if looks_like_update(sparql):  # one message in every format (the table path said 'malformed')
            raise QueryError("kg query is read-only: SPARQL Update (INSERT, DELETE, LOAD, CLEAR, DROP ...) "
                             "is refused; change a store with kg build or the Python API")
        fmt = args.format or ("table" if sys.stdout.isatty() else "csv")
        if fmt == "table":
            from ..query.guard import explained, screen

            # too deep a nesting or SERVICE refused as in the other formats (run_query) and kg serve
            screen(sparql, allow_service=False)
            try:
                res = store.query(sparql)  # the union of all graphs unless the query has FROM / FROM NAMED
            except QueryError as exc:
                raise explained(exc, sparql) from None
            _print_table(res, args.width)
            return 0
        from ..server.executor import run_query

        # a format of the other kind is refused (406) rather than silently replaced
        result_format = fmt if fmt in RESULT_FORMATS else None
        graph_format = fmt if fmt in GRAPH_FORMATS else None
        out = run_query(store.ox, sparql, result_format, graph_format, max_bytes=1 << 40)
        if out.status == 406:
            if result_format is None:
                raise QueryError(f"--format {fmt} is for CONSTRUCT/DESCRIBE graphs; a SELECT/ASK result "
                                 f"is printed as table, {', '.join(RESULT_FORMATS)}")
            raise QueryError(f"--format {fmt} is for SELECT/ASK results; a CONSTRUCT/DESCRIBE graph "
                             f"is printed as table, {', '.join(GRAPH_FORMATS)}")
        if not out.ok:
            raise QueryError(out.body.decode("utf-8", errors="replace"))
        body = out.body
        if body and not body.endswith(b"\n"):
            body += b"\n"  # JSON/XML end without one; a shell prompt would follow on the same line
        sys.stdout.buffer.write(body)
        sys.stdout.flush()
        return 0
    finally:
        store.close()


def _read(path: str) -> str:
    from ..errors import InputError

    if path == "-":
        return sys.stdin.read()
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except OSError as exc:
        raise InputError(f"{path}: cannot read the query file ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: the query file is not UTF-8 text") from None


def _print_table(res, width: int) -> None:
    if isinstance(res, bool):
        print("true" if res else "false")
        return
    if not hasattr(res, "variables"):  # CONSTRUCT / DESCRIBE: N-Triples lines
        for t in res:
            print(f"{t} .")
        return
    cols = res.variables

    def cell(v) -> str:
        s = "" if v is None else str(v)
        s = " ".join(s.translate(_BIDI_CONTROLS).split())
        if _width(s) <= width:
            return s
        out, w = [], 0
        for ch in s:
            w += _char_width(ch)
            if w > width - 1:
                break
            out.append(ch)
        return "".join(out) + "…"

    def pad(s: str, w: int) -> str:
        return s + " " * (w - _width(s))

    rows = [[cell(r.get(c)) for c in cols] for r in res]
    widths = [max([_width(c)] + [_width(r[i]) for r in rows]) for i, c in enumerate(cols)]
    print("  ".join(pad(c, w) for c, w in zip(cols, widths)))
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print("  ".join(pad(v, w) for v, w in zip(r, widths)))
    print(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")


# the table is for reading in a terminal (the other formats keep values exactly): bidi
# controls, which would reorder the rest of the line, are left out, and columns are
# aligned by display width (Arabic diacritics and other combining marks take no column)
_BIDI_CONTROLS = dict.fromkeys([0x200E, 0x200F, 0x061C, *range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def _char_width(ch: str) -> int:
    import unicodedata

    if unicodedata.combining(ch) or unicodedata.category(ch) == "Cf":
        return 0
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def _width(s: str) -> int:
    return sum(map(_char_width, s))
