"""``kg load``: bulk-load N-Quads shards (of a Dask build) into the embedded store."""

from __future__ import annotations

import argparse
import sys

HELP = "load N-Quads shards (from kg build --dask) into a store, idempotently per document"
DESCRIPTION = """\
Load the N-Quads shards written by `kg build --dask ... --no-load` (or any N-Quads file
holding kg documents: each document's <doc>#graph and <doc>#provenance graphs) into the
store directory given by --store (created if absent).

Loading is idempotent per document: a document already stored with the same content hash
is skipped, a changed one replaces its graphs (one transaction), new ones are bulk-loaded
(a shard of new documents in one go) with a crash-safe protocol, so an interrupted load is
completed by running it again.  A folder
argument loads its *.nq files in name order (the order of the partitions).

examples:
  kg load exports/shards --store exports/store
  kg load shards/part-00000-*.nq shards/part-00001-*.nq --store big/store
"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("shards", nargs="+", metavar="SHARD", help="N-Quads files (.nq) or folders of them")
    p.add_argument("--store", required=True, metavar="DIR", help="the store directory to load into")
    p.add_argument("--base-iri", help="base IRI for a new store (default https://w3id.org/ankg/id/)")
    p.add_argument("--batch-size", type=int, default=256, metavar="N", help="new documents per bulk write (shards of new documents load whole)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress lines")


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ..distributed import load_shards
    from ..errors import ConfigError, InputError
    from ..rdf.store import Store

    prog = "kg load"
    if args.batch_size < 1:
        raise ConfigError(f"--batch-size {args.batch_size}: give at least 1")
    files: list[Path] = []
    failures = 0
    for s in args.shards:
        p = Path(s)
        if p.is_dir():
            found = sorted(p.glob("*.nq"))
            if not found:
                print(f"{prog}: error: {p}: no .nq shards in this folder", file=sys.stderr)
                failures += 1
            files.extend(found)
        elif p.is_file():
            files.append(p)
        else:
            print(f"{prog}: error: {p}: no such file or directory", file=sys.stderr)
            failures += 1
    store = Store(args.store, base_iri=args.base_iri)
    total = {"added": 0, "replaced": 0, "unchanged": 0}
    try:
        for f in files:
            try:
                stats = load_shards(store, [f], batch_size=args.batch_size)
            except InputError as exc:
                print(f"{prog}: error: {exc}", file=sys.stderr)
                failures += 1
                continue
            for k in total:
                total[k] += stats[k]
            if not args.quiet:
                print(f"{prog}: {f.name}: {stats['added']} added, {stats['replaced']} replaced, "
                      f"{stats['unchanged']} unchanged", file=sys.stderr)
        store.flush()
        if total["added"] or total["replaced"]:
            store.optimize()  # compact what the bulk loader wrote: queries and exports read it faster
        if not args.quiet:
            print(f"{prog}: {args.store}: {total['added']} documents added, {total['replaced']} replaced, "
                  f"{total['unchanged']} unchanged; {len(store)} triples in the store", file=sys.stderr)
    finally:
        store.close()
    return 1 if failures else 0
