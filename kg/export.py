"""Exports of a store: RDF (Turtle, TriG, N-Quads, N-Triples, JSON-LD), graphs (GraphML, GEXF,
node-link JSON) and a GDELT-like CSV event table.

Every writer goes to a temporary file in the target folder and renames it into place, so a
failed or interrupted export never leaves a half-written file under the target name.

- ``turtle`` and ``ntriples`` hold the merge of all named graphs (the formats have no graphs);
- ``trig`` and ``nquads`` keep the named graphs (one content and one provenance graph per
  document);
- ``jsonld`` keeps the named graphs and is compacted with the project context
  (ontology/context.jsonld), embedded in the file so it reads offline;
- ``graphml``, ``gexf`` and ``nodelink`` write the networkx actor graph (or the event graph
  with ``graph="event"``);
- ``csv``: one row per event and source/target pair (see :data:`CSV_COLUMNS`).
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Iterator

from .errors import ConfigError, StoreError

FORMATS = ("turtle", "trig", "nquads", "ntriples", "jsonld", "graphml", "gexf", "nodelink", "csv")
EXTENSIONS = {"turtle": ".ttl", "trig": ".trig", "nquads": ".nq", "ntriples": ".nt", "jsonld": ".jsonld",
              "graphml": ".graphml", "gexf": ".gexf", "nodelink": ".json", "csv": ".csv"}
_ALIASES = {"ttl": "turtle", "nq": "nquads", "nt": "ntriples", "json-ld": "jsonld", "node-link": "nodelink",
            "json": "nodelink", "n-quads": "nquads", "n-triples": "ntriples"}

CSV_COLUMNS = ("event", "date", "date_precision", "source", "source_name", "source_country", "cameo", "plover",
               "quad_class", "goldstein", "target", "target_name", "target_country", "place", "place_name",
               "label", "trigger", "modality", "confidence", "document", "document_url", "document_title",
               "evidence")
_TEXT_COLUMNS = {"source_name", "target_name", "place_name", "label", "trigger", "document_url", "document_title",
                 "evidence"}


def normalize_format(fmt: str) -> str:
    f = (fmt or "").strip().lower()
    f = _ALIASES.get(f, f)
    if f not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return f


def format_for_path(path: str | os.PathLike) -> str:
    suffix = Path(path).suffix.lower()
    for fmt, ext in EXTENSIONS.items():
        if ext == suffix:
            return fmt
    raise ConfigError(f"cannot guess the export format of {str(path)!r} from its extension; name the format "
                      f"(one of {', '.join(FORMATS)})")


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike) -> Iterator[str]:
    """Yield a temporary path beside ``path``; rename it to ``path`` when the block succeeds."""
    path = Path(path)
    if path.is_dir():
        raise ConfigError(f"{path} is a directory; name an output file")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix="." + path.name + ".", suffix=".tmp", dir=str(path.parent))
    os.close(fd)
    try:
        yield tmp
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600 files; give the usual mode
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _store(obj):
    return getattr(obj, "store", obj)


def union_triples(store):
    """The merge of all named graphs, without duplicates (pyoxigraph triples)."""
    return _store(store).ox.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True)


#: Characters Python's ``str.splitlines`` (and so rdflib's N-Triples reader) takes for line
#: breaks that Oxigraph writes raw inside IRIs; written as UCHAR escapes (same IRI/string).
_RAW_BREAKS = ((b"\xe2\x80\xa8", b"\\u2028"), (b"\xe2\x80\xa9", b"\\u2029"), (b"\xc2\x85", b"\\u0085"))
#: A prefixed name whose local part ends with an escaped dot (``ankg:a.b\.``): valid Turtle
#: that rdflib's parser rejects.  The local part is read escape by escape, so the ``\\.`` of
#: an escaped backslash inside a string literal never matches.
_ESCAPED_DOT_NAME = re.compile(rb"(?<![^\s])([A-Za-z][A-Za-z0-9_.\-]*)?:((?:[^\s\\]|\\[^\s])*\\\.)(?=[\s;,])")


class _ReadableSink:
    """Binary sink that copies pyoxigraph's Turtle/N-Triples text, keeping the same triples,
    and makes it readable by rdflib too: raw U+2028/U+2029/U+0085 (only possible inside
    IRIs and literals) become ``\\uXXXX`` escapes, and a prefixed name ending in an escaped
    dot is written as the full ``<IRI>``.  Works line by line (Oxigraph ends every statement
    line with a newline and escapes newlines inside terms), so memory stays one line."""

    def __init__(self, f, prefixes: dict[str, str] | None = None):
        self._f = f
        self._carry = b""
        self._prefixes = {k.encode("utf-8"): v.encode("utf-8") for k, v in (prefixes or {}).items()}

    def write(self, data) -> int:
        data = bytes(data)
        buf = self._carry + data
        cut = buf.rfind(b"\n") + 1
        self._carry = buf[cut:]
        if cut:
            self._f.write(self._fix(buf[:cut]))
        return len(data)

    def close(self) -> None:
        if self._carry:
            self._f.write(self._fix(self._carry))
            self._carry = b""

    def _fix(self, chunk: bytes) -> bytes:
        for raw, esc in _RAW_BREAKS:
            if raw in chunk:
                chunk = chunk.replace(raw, esc)
        if self._prefixes and b"\\." in chunk:
            chunk = _ESCAPED_DOT_NAME.sub(self._full_iri, chunk)
        return chunk

    def _full_iri(self, m) -> bytes:
        ns = self._prefixes.get(m.group(1) or b"")
        if ns is None:
            return m.group(0)
        local = bytes(_unescape_local(m.group(2)))
        return b"<" + ns + local + b">"


def _unescape_local(local: bytes) -> bytearray:
    out = bytearray()
    i = 0
    while i < len(local):
        if local[i] == 0x5C:  # backslash: PN_LOCAL_ESC, keep the escaped character
            i += 1
        out.append(local[i])
        i += 1
    return out


def _write_union(st, tmp: str, fmt: str) -> None:
    """Turtle (with the project prefixes) or N-Triples of the merge of all graphs.

    pyoxigraph writes straight to the file (a Python sink in its way costs CPU on every
    export); the file is then scanned (~1 MB at a time) and rewritten through
    :class:`_ReadableSink` only when it holds something rdflib cannot read."""
    import pyoxigraph as ox

    from .rdf.vocab import PREFIXES

    if fmt == "turtle":
        ox.serialize(union_triples(st), tmp, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
        _make_readable(tmp, PREFIXES)
    else:
        ox.serialize(union_triples(st), tmp, format=ox.RdfFormat.N_TRIPLES)
        _make_readable(tmp, None)


def _needs_fix(path: str, prefixes) -> bool:
    marks = [raw for raw, _ in _RAW_BREAKS] + ([b"\\."] if prefixes else [])
    tail = b""
    with open(path, "rb") as f:
        while True:
            chunk = f.read(1 << 20)
            if not chunk:
                return False
            buf = tail + chunk
            if any(m in buf for m in marks):
                return True
            tail = buf[-2:]  # a mark split across two reads


def _make_readable(path: str, prefixes) -> None:
    if not _needs_fix(path, prefixes):
        return
    fixed = path[:-4] + ".fix.tmp" if path.endswith(".tmp") else path + ".fix.tmp"
    try:
        with open(path, "rb") as src, open(fixed, "wb") as dst:
            sink = _ReadableSink(dst, prefixes)
            while True:
                chunk = src.read(1 << 20)
                if not chunk:
                    break
                sink.write(chunk)
            sink.close()
        os.replace(fixed, path)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(fixed)


def export(store, path: str | os.PathLike, fmt: str | None = None, *, graph: str = "actor",
           doc: str | None = None) -> Path:
    """Write the store (or a networkx view of it) to ``path`` in format ``fmt`` (guessed from
    the extension when None).  Returns the path written."""
    import pyoxigraph as ox

    from .rdf.vocab import PREFIXES

    st = _store(store)
    fmt = normalize_format(fmt) if fmt else format_for_path(path)
    path = Path(path)
    if doc is not None and fmt in ("turtle", "trig", "nquads", "ntriples", "jsonld"):
        raise ConfigError("exporting one document is available for graph formats (graphml, gexf, nodelink, csv)")
    try:
        with atomic_path(path) as tmp:
            if fmt in ("turtle", "ntriples"):
                _write_union(st, tmp, fmt)
            elif fmt == "trig":
                st.ox.dump(tmp, format=ox.RdfFormat.TRIG, prefixes=PREFIXES)
            elif fmt == "nquads":
                st.ox.dump(tmp, format=ox.RdfFormat.N_QUADS)
            elif fmt == "jsonld":
                _write_jsonld(st, tmp)
            elif fmt in ("graphml", "gexf", "nodelink"):
                _write_nx(st, tmp, fmt, graph, doc)
            elif fmt == "csv":
                _write_csv(st, tmp, doc)
    except OSError as exc:
        raise StoreError(f"cannot write {path}: {exc.strerror or exc}") from None  # (not the temporary file's name)
    return path


def to_networkx(store, graph: str = "actor", doc: str | None = None):
    from . import graph as kgraph

    if graph == "actor":
        return kgraph.actor_graph(store, doc)
    if graph == "event":
        return kgraph.event_graph(store, doc)
    raise ConfigError(f"unknown graph shape {graph!r}; choose actor or event")


def _write_nx(st, tmp: str, fmt: str, graph: str, doc: str | None) -> None:
    import networkx as nx

    g = to_networkx(st, graph, doc)
    if fmt == "graphml":
        nx.write_graphml(g, tmp, encoding="utf-8")
    elif fmt == "gexf":
        nx.write_gexf(g, tmp, encoding="utf-8")
    else:
        data = nx.node_link_data(g, edges="edges")
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, indent=1)


def _write_jsonld(st, tmp: str) -> None:
    import pyoxigraph as ox
    from rdflib import Dataset

    from .rdf.vocab import jsonld_context

    import warnings

    ds = Dataset()
    ds.parse(data=st.ox.dump(format=ox.RdfFormat.N_QUADS).decode("utf-8"), format="nquads")
    ctx = jsonld_context()
    with warnings.catch_warnings():  # rdflib's JSON-LD plugin uses its own deprecated API
        warnings.simplefilter("ignore", DeprecationWarning)
        data = ds.serialize(format="json-ld", context=ctx, auto_compact=True, ensure_ascii=False)
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(data)


def _safe_cell(value: str) -> str:
    # keep spreadsheet programs from reading a cell of untrusted text as a formula
    if value and value[0] in "=+-@\t\r":
        return "'" + value
    return value


def event_rows(store, doc: str | None = None) -> list[dict]:
    """The CSV event table as dicts (one per event and source/target pair)."""
    from . import graph as kgraph

    st = _store(store)
    ents = kgraph.entity_records(st)
    events = kgraph.event_records(st, doc)
    rows = []

    def name(iri):
        return ents.get(iri, {}).get("label", "") if iri else ""

    def country(iri):
        return ents.get(iri, {}).get("country", "") if iri else ""

    for ev in sorted(events, key=lambda e: (events[e]["date"], e)):
        rec = events[ev]
        sources = rec["roles"]["source"] or [""]
        targets = rec["roles"]["target"] or [""]
        place = rec["roles"]["place"][0] if rec["roles"]["place"] else ""
        for s in sources:
            for t in targets:
                rows.append({
                    "event": ev, "date": rec["date"], "date_precision": rec["date_precision"],
                    "source": s, "source_name": name(s), "source_country": country(s),
                    "cameo": rec["cameo"], "plover": rec["plover"], "quad_class": rec["quad_class"] or "",
                    "goldstein": rec["goldstein"],
                    "target": t, "target_name": name(t), "target_country": country(t),
                    "place": place, "place_name": name(place), "label": rec["label"], "trigger": rec["trigger"],
                    "modality": rec["modality"], "confidence": rec["confidence"], "document": rec["doc"],
                    "document_url": rec["doc_url"], "document_title": rec["doc_title"], "evidence": rec["evidence"],
                })
    return rows


def _write_csv(st, tmp: str, doc: str | None) -> None:
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=CSV_COLUMNS)
        w.writeheader()
        for row in event_rows(st, doc):
            w.writerow({k: _safe_cell(v) if k in _TEXT_COLUMNS and isinstance(v, str) else v for k, v in row.items()})
