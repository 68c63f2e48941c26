"""kg viz: write an interactive, offline HTML view of a store."""

HELP = "write an interactive HTML view (actor network, event network, one article) of a store"
DESCRIPTION = """Write an interactive graph page of STORE: one self-contained HTML file that opens
offline with a double click (vis-network inlined, no CDN, no web fonts).  Arabic-first:
right-to-left panels, search that ignores hamza/alef, teh marbuta and diacritics differences,
filters by entity type, event category (PLOVER), country and date, a neighbourhood view, and
the evidence sentence with its source article for every event.

  --kind actor      entities linked by events, source -> target (default)
  --kind event      entities and event nodes (bipartite)
  --kind document   one article's entities and events (needs --doc)
  --views           the standard set into the -o directory: index.html, actors.html,
                    events.html and one page per article under docs/

Layout is computed in Python (the browser runs no physics, so the page is still at once).
Above 500 nodes the page draws in a large-graph mode (labels appear when zoomed in); above
--max-nodes (default 5000) only the most connected nodes are drawn, and the page says so.

examples:
  kg viz exports/seed/store -o actors.html
  kg viz exports/seed/store --focus "لافروف" --depth 2 -o lavrov.html
  kg viz exports/seed/store --kind document --doc DOC_ID -o article.html
  kg viz exports/seed/store --views -o exports/seed/views
"""


def add_arguments(p):
    p.add_argument("store", help="store directory (written by kg build)")
    p.add_argument("-o", "--output", default=None,
                   help="output HTML file (default graph.html), or directory with --views (default views)")
    p.add_argument("--kind", choices=("actor", "event", "document"), default="actor", help="what to draw (default actor)")
    p.add_argument("--doc", default=None, help="only this document (id or IRI); required for --kind document")
    p.add_argument("--focus", default=None, metavar="NAME",
                   help="draw only the neighbourhood of this entity (name, alias or IRI; Arabic-normalized match)")
    p.add_argument("--depth", type=int, default=2, help="neighbourhood radius for --focus, in hops (default 2)")
    p.add_argument("--max-nodes", type=int, default=None, help="draw at most this many nodes (default 5000)")
    p.add_argument("--title", default=None, help="page title (default: the kind of view)")
    p.add_argument("--views", action="store_true", help="write the standard set of views into the -o directory")


def run(args) -> int:
    import sys

    from ..api import KnowledgeGraph
    from ..errors import ConfigError
    from ..viz import MAX_NODES, render_html, write_views

    max_nodes = args.max_nodes if args.max_nodes is not None else MAX_NODES
    if max_nodes < 1:
        raise ConfigError(f"--max-nodes {max_nodes}: must be at least 1")
    if args.depth < 0:
        raise ConfigError(f"--depth {args.depth}: must be 0 or more")
    if args.focus is not None and not args.focus.strip():
        raise ConfigError("--focus '': give a name, alias or IRI (or leave --focus out for the whole graph)")
    if args.views and (args.focus or args.doc or args.kind != "actor" or args.title):
        raise ConfigError("--views writes the standard set (actors, events, every article); "
                          "--kind, --doc, --focus and --title are for a single page")
    if args.kind == "document" and not args.doc:
        raise ConfigError("--kind document needs --doc DOC_ID (see the document ids with kg query or kg export --format csv)")
    with KnowledgeGraph.open(args.store, read_only=True) as kg:
        if args.views:
            out = args.output or "views"
            w = write_views(kg, out, max_nodes=max_nodes)
            print(f"wrote {w['index']}: actor and event networks and {len(w['docs'])} article views", file=sys.stderr)
            return 0
        doc = None
        if args.doc:
            doc = _document(kg, args.doc)
        graph = kg.actor_graph(args.doc) if args.kind == "actor" else kg.event_graph(args.doc)
        r = render_html(graph, args.output or "graph.html", title=args.title,
                        kind=args.kind, focus=args.focus, depth=args.depth, max_nodes=max_nodes,
                        doc=doc if args.kind == "document" else None)
    note = f" (of {r['total_nodes']:,}; the {max_nodes:,} most connected)" if r["capped"] else ""
    print(f"wrote {r['path']}: {r['nodes']:,} nodes{note}, {r['edges']:,} edges", file=sys.stderr)
    return 0


def _document(kg, doc_id: str) -> dict:
    """The stored document record for an id or IRI (InputError listing a few ids if absent)."""
    from ..errors import InputError

    docs = kg.documents()
    for d in docs:
        if doc_id in (d["id"], d["iri"], d["graph"]):
            return d
    some = ", ".join(d["id"] for d in docs[:5]) or "none"
    raise InputError(f"--doc {doc_id!r}: no such document in the store (documents: {some}{' ...' if len(docs) > 5 else ''})")
