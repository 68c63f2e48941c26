"""``kg build``: news in, a knowledge graph out (store, exports, views), on all cores or a Dask cluster."""

from __future__ import annotations

import argparse
import sys

HELP = "build the knowledge graph of a corpus: store, Turtle/TriG/JSON-LD/GraphML, events.csv, HTML views"
DESCRIPTION = """\
Read news (text pages, HTML, JSONL corpora, folders, - for stdin), extract entities and
events on all cores, and write into DIR (default exports/):

  DIR/store/               the persistent RDF store (open it with kg query/export/serve/viz)
  DIR/graph.ttl .trig .jsonld .graphml   (--formats adds nquads, ntriples, gexf, nodelink)
  DIR/events.csv           one row per event (GDELT-like)
  DIR/extractions.jsonl    the extraction of every document (the JSON seam)
  DIR/views/index.html     interactive views (open in a browser, works offline)
  DIR/build-summary.json   counts, failures with reasons, timings

Builds are incremental and resumable: documents already in the store with the same input
are skipped without being extracted, so an interrupted build (Ctrl-C, kill) continues
where it stopped when run again, and adding files to a corpus only extracts the new ones.

--dask ADDRESS (tcp://scheduler:8786, or "local" for a LocalCluster of --workers
single-threaded processes, default 2) extracts on a Dask cluster instead: one N-Quads shard
per partition of the corpus goes to --shards (default DIR/shards; on a real cluster a folder
every worker can write), then the shards are loaded into DIR/store (skip with --no-load and
use `kg load` or `kg push` later).  A rerun reuses the partitions already done.

Exit status: 0 when every input was built, 1 when some failed (each named with its
reason; the others are built), 2 for usage errors, 130 when interrupted.

examples:
  kg build examples/seed-article.txt --date 2023-08-16 -o exports/seed
  kg build corpus/ --workers 4 --formats turtle,nquads,csv --no-views
  kg build big.jsonl --dask tcp://scheduler:8786 --shards /shared/shards --no-load
"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH", help="files, folders, or - for standard input")
    p.add_argument("-o", "--out", default="exports", metavar="DIR", help="output folder (default: exports)")
    p.add_argument("--date", help="publication date for documents that have none (e.g. 2023-08-16)")
    p.add_argument("--source", help="publisher for documents that name none (e.g. \"RT Arabic\")")
    p.add_argument("--url", help="URL for documents that have none")
    p.add_argument("--workers", "-j", type=int, metavar="N",
                   help="extraction processes (default: all cores; 1 = in this process)")
    p.add_argument("--formats", metavar="LIST",
                   help="comma-separated exports (default: turtle,trig,jsonld,graphml,csv; also nquads, "
                        "ntriples, gexf, nodelink; 'none' for no exports)")
    p.add_argument("--no-views", action="store_true", help="do not write the HTML views")
    p.add_argument("--base-iri", help="namespace of minted IRIs for a new store (default https://w3id.org/ankg/id/)")
    p.add_argument("--ner", choices=("crf", "gazetteer", "camel"), default="crf",
                   help="named-entity recognizer (default: crf, the shipped model)")
    p.add_argument("--run-time", metavar="ISO",
                   help="the extraction run time stamped in the provenance (default: now); "
                        "equal run times make builds comparable triple for triple")
    p.add_argument("--batch-size", type=int, default=256, metavar="N",
                   help="new documents per bulk write to the store (default 256; at most ~48 MB of N-Quads)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar, warnings or summary lines")
    p.add_argument("--strict", action="store_true", help="stop at the first input error")
    p.add_argument("--dask", metavar="ADDRESS", help="run on a Dask cluster: tcp://host:8786 or 'local'")
    p.add_argument("--shards", metavar="DIR", help="with --dask: where the N-Quads shards go (default DIR/shards)")
    p.add_argument("--partition-size", type=int, default=None, metavar="N",
                   help="with --dask: documents (JSONL lines or files) per partition (default 500)")
    p.add_argument("--no-load", action="store_true",
                   help="with --dask: write the shards only (load them later with kg load or kg push)")


def run(args: argparse.Namespace) -> int:
    import json
    from pathlib import Path

    from ..build import BuildOptions, build_corpus, check_inputs, check_run_time, parse_formats
    from ..config import Config
    from ..errors import ConfigError

    prog = "kg build"
    if args.workers is not None and args.workers < 1:
        raise ConfigError(f"--workers {args.workers}: give at least 1")
    if args.batch_size < 1:
        raise ConfigError(f"--batch-size {args.batch_size}: give at least 1")
    formats = parse_formats(args.formats)
    run_time = check_run_time(args.run_time) if args.run_time else None
    config = Config(ner=args.ner)
    if args.base_iri:
        if not (args.base_iri.endswith("/") or args.base_iri.endswith("#")):
            raise ConfigError(f"--base-iri {args.base_iri!r}: must end with '/' or '#'")
        config = config.with_(base_iri=args.base_iri)

    def report(line: str) -> None:
        print(f"{prog}: {line}", file=sys.stderr)

    check_inputs(args.paths)  # before the output folder is made
    out_dir = Path(args.out)
    if not out_dir.exists():  # an unwritable place is one line here, not a traceback from the build
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ConfigError(f"-o {args.out}: cannot create the output folder ({exc.strerror or exc})") from None

    if args.dask:
        from ..distributed import DaskOptions, build_dask

        if "-" in args.paths:
            raise ConfigError("--dask reads files and folders, not standard input (-)")
        dopts = DaskOptions(address=args.dask, out=Path(args.out), shards=Path(args.shards) if args.shards else None,
                            config=config, base_iri=args.base_iri, date=args.date, source=args.source, url=args.url,
                            formats=formats, formats_explicit=args.formats is not None, views=not args.no_views,
                            load=not args.no_load, run_time=run_time,
                            partition_size=args.partition_size or 500, quiet=args.quiet,
                            n_workers=args.workers or 2)
        summary = build_dask(args.paths, dopts, report=report)
    else:
        if args.shards or args.no_load or args.partition_size:
            raise ConfigError("--shards, --partition-size and --no-load go with --dask")
        opts = BuildOptions(out=Path(args.out), workers=args.workers, formats=formats,
                            formats_explicit=args.formats is not None, views=not args.no_views,
                            config=config, base_iri=args.base_iri, date=args.date, source=args.source,
                            url=args.url, strict=args.strict, quiet=args.quiet, run_time=run_time,
                            batch_size=args.batch_size)
        summary = build_corpus(list(args.paths), opts, report=report)
    if summary.interrupted:
        report("interrupted; run the same command again to resume (built documents are skipped)")
        return 130
    if not args.quiet or summary.exit_code:
        for line in summary.lines():
            if args.quiet and not line.startswith(("failed", "error")):
                continue
            report(line)
    if not args.quiet and summary.exit_code == 0:
        report(f"wrote {args.out}/ ({json.dumps(summary.store_quads)} triples)")
    return summary.exit_code
