"""``kg extract``: read inputs, run the extraction pipeline, print one JSON object per document."""

from __future__ import annotations

import argparse
import json
import os
import sys

HELP = "extract entities and events from news (text, HTML, JSONL, folders, stdin) as JSON"
DESCRIPTION = """\
Read news articles and print, for every document, what the pipeline extracted:

  {"doc": {"id", "title", "date", "source", "url", "text", ...},
   "entities": [...], "events": [...], "sentences": [...], "meta": {...}}

Inputs: .txt pages (segmented: main article, "read also" articles as further documents,
related headlines and tags kept apart from the body), .html/.htm pages, .jsonl corpora
(one {"id", "text", "title", "date", "source", "url"} object a line), folders (recursive,
sorted) and - for standard input.  Offsets (start, end) index the document's "text".
Text files over 4 MiB are corpora, not pages: they are streamed and cut into documents
at blank lines (bounded memory).  --date/--source/--url fill what a page lacks.

Exit status: 0 when every input was read and extracted, 1 when some failed (each failure
is one line "kg extract: error: FILE:LINE: reason" on stderr; the others are still
printed, unless --strict stops at the first), 2 for usage errors.

examples:
  kg extract examples/seed-article.txt --date 2023-08-16
  kg extract corpus.jsonl --no-text --quiet > extractions.jsonl
  cat page.txt | kg extract - --source "RT Arabic" --format text
"""

FORMATS = ("jsonl", "json", "text")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH", help="files, folders, or - for standard input")
    p.add_argument("--format", "-f", choices=FORMATS, default="jsonl",
                   help="jsonl: one JSON object a line (default); json: one JSON array; text: a readable summary")
    p.add_argument("--date", help="publication date for documents that have none (e.g. 2023-08-16, 16/08/2023)")
    p.add_argument("--source", help="publisher for documents that name none (e.g. \"RT Arabic\")")
    p.add_argument("--url", help="URL for documents that have none")
    p.add_argument("--stdin-format", choices=("auto", "text", "jsonl", "html"), default="auto",
                   help="format of standard input (default: guessed from its first line)")
    p.add_argument("--strict", action="store_true", help="stop at the first input error")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar and no warnings")
    p.add_argument("--no-text", action="store_true", help="leave the document text out of the output")
    p.add_argument("--no-segment", action="store_true",
                   help="take text pages as they are (no separation of read-also blocks, tags, source lines)")
    p.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of standard output")


def _text_summary(ex) -> str:
    d = ex.doc
    lines = [f"# {d.id}" + (f"  (in {d.parent})" if d.parent else "")]
    for k in ("title", "date", "source", "url", "path"):
        v = getattr(d, k)
        if v:
            lines.append(f"{k}: {v}")
    if d.keywords:
        lines.append("keywords: " + " | ".join(d.keywords))
    if d.headlines:
        lines.append(f"headlines: {len(d.headlines)}")
    words = sum(len(d.text[s:e].split()) for s, e in d.body_ranges())
    lines.append(f"body: {words} words in {len(ex.sentences)} sentences")
    lines.append(f"entities: {len(ex.entities)}")
    for e in ex.entities:
        lines.append(f"  {e.type:4} {e.label}" + (f" [{e.country}]" if e.country else "") + f"  x{len(e.mentions)}")
    lines.append(f"events: {len(ex.events)}")
    labels = {e.id: e.label for e in ex.entities}
    for ev in ex.events:
        src = ", ".join(labels.get(i, i) for i in ev.source) or "?"
        tgt = ", ".join(labels.get(i, i) for i in ev.target) or "?"
        lines.append(f"  {ev.cameo} {ev.plover}: {src} -> {tgt}  «{ev.trigger.text}»" + (f" {ev.date}" if ev.date else ""))
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    from ..errors import ConfigError, KGError
    from ..ingest import read_paths
    from ..ingest.dates import parse_date
    from ..pipeline import Pipeline

    prog = "kg extract"
    if args.date and not parse_date(args.date):
        print(f"{prog}: error: --date: cannot read {args.date!r} as a date (use e.g. 2023-08-16)", file=sys.stderr)
        return 2
    if args.paths.count("-") > 1:
        print(f"{prog}: error: standard input (-) can be read only once", file=sys.stderr)
        return 2

    show_progress = not args.quiet and sys.stderr.isatty()
    failures = 0
    bar = None

    def report(line: str) -> None:
        if bar is not None:
            bar.write(line, file=sys.stderr)
        else:
            print(line, file=sys.stderr)

    def on_error(err) -> None:
        nonlocal failures
        failures += 1
        report(f"{prog}: error: {err}")

    def on_warning(msg: str) -> None:
        if not args.quiet:
            report(f"{prog}: warning: {msg}")

    try:
        out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    except OSError as exc:
        print(f"{prog}: error: {args.output}: cannot write ({exc.strerror or exc})", file=sys.stderr)
        return 2

    pipeline = Pipeline()
    docs = read_paths(args.paths, date=args.date, source=args.source, url=args.url, strict=args.strict,
                      on_error=on_error, on_warning=on_warning, stdin_format=args.stdin_format,
                      segment=not args.no_segment)
    n = 0
    debug = bool(os.environ.get("KG_DEBUG"))
    try:
        if args.format == "json":
            out.write("[")
        for doc in docs:
            n += 1
            if n == 2 and show_progress:
                from tqdm import tqdm

                bar = tqdm(desc="extract", unit="doc", initial=1, file=sys.stderr, dynamic_ncols=True)
            try:
                ex = pipeline.extract(doc)
            except KGError as exc:
                on_error(f"{doc.path or doc.id}: {exc}")
                if args.strict:
                    return 1
                continue
            except Exception as exc:  # a bug in a stage must not hide the other documents
                if debug:
                    raise
                on_error(f"{doc.path or doc.id}: internal error in extraction ({type(exc).__name__}: {exc}); "
                         "rerun with KG_DEBUG=1 for the traceback")
                if args.strict:
                    return 1
                continue
            d = ex.to_dict(with_text=not args.no_text)
            if args.format == "jsonl":
                out.write(json.dumps(d, ensure_ascii=False) + "\n")
            elif args.format == "json":
                out.write(("\n" if n == 1 else ",\n") + json.dumps(d, ensure_ascii=False, indent=2))
            else:
                out.write(_text_summary(ex) + "\n")
            if bar is not None:
                bar.update(1)
        if args.format == "json":
            out.write("\n]\n")
    except KGError as exc:  # --strict: the first input error stops the run
        failures += 1
        report(f"{prog}: error: {exc}")
        return 2 if isinstance(exc, ConfigError) else 1
    finally:
        if bar is not None:
            bar.close()
        if out is not sys.stdout:
            out.close()
        else:
            try:
                out.flush()
            except BrokenPipeError:
                pass
    if n == 0 and not failures:
        report(f"{prog}: error: no documents found in {' '.join(args.paths)}")
        return 1
    return 1 if failures else 0
