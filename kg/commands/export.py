"""kg export: write a store as Turtle, TriG, N-Quads, N-Triples, JSON-LD, GraphML, GEXF,
node-link JSON or a CSV event table."""

HELP = "export a store: turtle, trig, nquads, ntriples, jsonld, graphml, gexf, nodelink, csv"
DESCRIPTION = """Write STORE to FILE in one of the formats (guessed from FILE's extension when
--format is not given).  The file is written to a temporary name and renamed into place.

  turtle, ntriples    the merge of all named graphs
  trig, nquads        every named graph (one assertion + one provenance graph per document)
  jsonld              named graphs, compacted with the project's JSON-LD context
  graphml, gexf,      the networkx actor graph (--graph event: the bipartite event graph),
  nodelink            optionally of one document (--doc ID)
  csv                 one row per event and source/target pair (GDELT-like columns)

examples:
  kg export exports/seed/store -o seed.ttl
  kg export exports/seed/store --format graphml --graph event -o seed-events.graphml
  kg export exports/seed/store --format csv -o events.csv
"""


def add_arguments(p):
    p.add_argument("store", help="store directory (written by kg build)")
    p.add_argument("-o", "--output", required=True, help="output file")
    p.add_argument("-f", "--format", default=None,
                   help="turtle|trig|nquads|ntriples|jsonld|graphml|gexf|nodelink|csv (default: from the extension)")
    p.add_argument("--graph", choices=("actor", "event"), default="actor",
                   help="networkx shape for graphml/gexf/nodelink (default actor)")
    p.add_argument("--doc", default=None, help="only this document (graph formats and csv)")


def run(args) -> int:
    import sys

    from ..export import export
    from ..rdf.store import Store

    store = Store(args.store, read_only=True) if _exists(args.store) else None
    if store is None:
        from ..errors import StoreError

        raise StoreError(f"no kg store at {args.store}")
    try:
        path = export(store, args.output, args.format, graph=args.graph, doc=args.doc)
    finally:
        store.close()
    print(f"wrote {path}", file=sys.stderr)
    return 0


def _exists(path) -> bool:
    from pathlib import Path

    from ..rdf.store import _MARKER

    return (Path(path) / _MARKER).is_file()
