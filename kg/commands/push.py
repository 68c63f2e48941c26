"""kg push: upload a store's named graphs to an external SPARQL store."""

HELP = "upload the named graphs of a store to a SPARQL server (Virtuoso, Fuseki, GraphDB, Oxigraph)"
DESCRIPTION = """Send every named graph of STORE to a server, replacing remote graphs of the same IRI.

  --protocol update  SPARQL 1.1 Update (DROP SILENT GRAPH + INSERT DATA, in batches)
  --protocol gsp     SPARQL 1.1 Graph Store HTTP Protocol (PUT, then POST for more batches)

examples:
  Virtuoso:  kg push STORE --endpoint http://localhost:8890/sparql-auth --user dba --password dba
             kg push STORE --endpoint http://localhost:8890/sparql-graph-crud-auth --protocol gsp --user dba --password dba
  Fuseki:    kg push STORE --endpoint http://localhost:3030/ds/update
  Oxigraph:  kg push STORE --endpoint http://localhost:7878/store --protocol gsp
  Shards:    kg push SHARD_DIR/*.nq --endpoint ...   (N-Quads shards of a Dask build)
"""


def add_arguments(p):
    p.add_argument("store", nargs="+", help="a store directory, or N-Quads files (.nq) to send")
    p.add_argument("--endpoint", required=True, help="the update (or graph store) URL")
    p.add_argument("--protocol", choices=["update", "gsp"], default="update", help="default: update")
    p.add_argument("--user", help="user name (HTTP digest or basic authentication)")
    p.add_argument("--password", help="password (or set KG_PUSH_PASSWORD)")
    p.add_argument("--auth", choices=["digest", "basic"], default="digest", help="default: digest")
    p.add_argument("--batch", type=int, default=2000, help="triples per request (default 2000)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress output")


def run(args) -> int:
    import os
    import sys
    from pathlib import Path

    from ..errors import ConfigError
    from ..push import graphs_of, push

    if args.batch < 1:
        raise ConfigError("--batch must be at least 1")
    password = args.password if args.password is not None else os.environ.get("KG_PUSH_PASSWORD")
    sources = [Path(s) for s in args.store]

    def progress(graph, n):
        if not args.quiet:
            print(f"  {n:>7} triples  <{graph}>", file=sys.stderr)

    def all_graphs():
        for src in sources:
            if src.is_dir():
                from ..rdf.store import Store

                st = Store(src, read_only=True)
                try:
                    yield from graphs_of(st.ox)
                finally:
                    st.close()
            else:
                yield from _graphs_of_nquads(src)

    rep = push(all_graphs(), args.endpoint, protocol=args.protocol, user=args.user, password=password,
               auth=args.auth, batch=args.batch, progress=progress)
    if not args.quiet:
        print(f"pushed {rep.graphs} graphs, {rep.triples} triples in {rep.requests} requests to {args.endpoint}",
              file=sys.stderr)
    return 0


def _graphs_of_nquads(path):
    import pyoxigraph as ox

    from ..errors import InputError
    from ..push import graphs_of

    if not path.is_file():
        raise InputError(f"{path}: no such store directory or N-Quads file")
    st = ox.Store()
    try:
        st.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
    except (SyntaxError, ValueError, OSError) as exc:
        raise InputError(f"{path}: not valid N-Quads ({exc})") from None
    yield from graphs_of(st)
