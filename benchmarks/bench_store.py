#!/usr/bin/env python3
"""Store benchmark: Oxigraph (pyoxigraph, the kg store) vs rdflib on the same ~1M triples.

Data: synthetic extractions (tests/fixtures_extraction.synthetic_extraction: Arabic names,
15 countries, 10 CAMEO codes, dates 2015-2024, NIF evidence) turned into quads by
kg.rdf.build -- the same quads `kg build` writes -- until the target triple count.

Measured in one run, on one core (the process is pinned to CPU 0 where possible):

1. load: the same N-Quads file parsed into
   - pyoxigraph Store (transactional ``load``) and ``bulk_load``,
   - rdflib Dataset with the in-memory store (Memory),
   - rdflib Dataset over oxrdflib (the rdflib API on Oxigraph);
   and kg's own paths into an on-disk kg store: ``kg load`` of the same quads as one indexed
   shard (what a user runs to load a big build: one bulk load, then the documents'
   completion markers; kg.distributed.load_shards), and ``Store.add_extractions`` (the
   Python API: build + bulk writes of 256 documents, crash-safe protocol);
2. a three-pattern join with a date filter (source, target and date of every event in 2020),
   on each store (rdflib's engine for Memory, Oxigraph's through oxrdflib; on disk, on the
   store ``kg load`` wrote);
3. Turtle export of the merged graph: kg.export (pyoxigraph serializer) vs rdflib's Turtle
   serializer (``--rdflib-turtle-max`` caps the size rdflib serializes, extrapolated linearly
   above it, because rdflib needs minutes for 1M triples);
4. ``--articles N``: resident memory of building N articles into a disk store in a child
   process (the 10,000-article target is 2 GB).

Prints a table and writes benchmarks/results/store.json.

    python benchmarks/bench_store.py                 # 1M triples
    python benchmarks/bench_store.py --triples 200000 --articles 10000
    python benchmarks/bench_store.py --triples 0 --articles 10000   # add the memory figure only
    python benchmarks/bench_store.py --only turtle  # only the Turtle export of a kg store (child process)
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pyoxigraph as ox  # noqa: E402
import rdflib  # noqa: E402

from kg.rdf.build import build  # noqa: E402
from kg.rdf.store import Store  # noqa: E402
from kg.rdf.vocab import PREFIXES  # noqa: E402
from tests.fixtures_extraction import synthetic_extraction  # noqa: E402

JOIN = """
PREFIX ankg: <https://w3id.org/ankg/ont#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
SELECT ?src ?tgt ?d WHERE {
  ?e ankg:sourceActor ?src ; ankg:targetActor ?tgt ; ankg:dateStart ?d .
  FILTER (?d >= "2020-01-01"^^xsd:date && ?d < "2021-01-01"^^xsd:date)
}"""


def rss_mb() -> float:
    """Current resident set size of this process (MB)."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_s() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


CPU: dict[str, float] = {}


def timed(fn, name: str | None = None):
    """(wall seconds, result); the CPU seconds of the step (all threads) go to CPU[name]."""
    c = cpu_s()
    t = time.perf_counter()
    out = fn()
    wall = time.perf_counter() - t
    if name:
        CPU[name] = round(cpu_s() - c, 2)
    return wall, out


def write_shard(built, path: Path) -> None:
    """The documents as one shard of a Dask build (bodies, then markers) with its index."""
    off = 0
    with open(path, "wb") as f:
        for b in built:
            f.write(b.body_nquads)
        off = f.tell()
        for b in built:
            f.write(b.marker_nquads)
        size = f.tell()
    index = {"marker_offset": off, "size": size, "docs": [[b.doc_id, b.doc_iri, b.content_hash] for b in built]}
    path.with_suffix(".json").write_text(json.dumps({"index": index}), encoding="utf-8")


def make_extractions(target: int):
    """(extractions, built documents) until ``target`` quads."""
    exs, built, n, i = [], [], 0, 0
    while n < target:
        ex = synthetic_extraction(i, seed=1)
        b = build(ex, generated_at="2024-01-01T00:00:00+00:00")
        n += len(b)
        exs.append(ex)
        built.append(b)
        i += 1
    return exs, built


def memory_child(articles: int) -> dict:
    code = f"""
import resource, sys, tempfile, time
sys.path.insert(0, {str(ROOT)!r})
from kg.rdf.store import Store
from tests.fixtures_extraction import synthetic_extraction
d = tempfile.mkdtemp(prefix="kgbench-")
s = Store(d + "/store")
t = time.perf_counter()
s.add_extractions((synthetic_extraction(i, seed=2) for i in range({articles})), batch_size=256)
dt = time.perf_counter() - t
r = resource.getrusage(resource.RUSAGE_SELF)
cpu = r.ru_utime + r.ru_stime
n = len(s)
s.close()
import shutil; shutil.rmtree(d)
print(dt, n, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, cpu)
"""
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    dt, n, rss, cpu = r.stdout.split()
    return {"articles": articles, "seconds": round(float(dt), 2), "cpu_seconds": round(float(cpu), 2), "quads": int(n),
            "max_rss_mb": round(float(rss), 1)}


EXPORT_CHILD = """
import sys, time
sys.path.insert(0, {root!r})
from kg.rdf.store import Store
from kg.export import export
def hwm():  # peak RSS of this process image (ru_maxrss would include the parent's, inherited at fork)
    with open("/proc/self/status") as f:
        return next(int(l.split()[1]) for l in f if l.startswith("VmHWM:")) / 1024
st = Store({store!r})
rss0 = hwm()
c = time.process_time(); t = time.perf_counter()
export(st, {out!r}, {fmt!r})
print(time.process_time() - c, time.perf_counter() - t, rss0, hwm())
"""


def export_child(store: Path, out: Path, fmt: str = "turtle") -> dict:
    """`kg export` of ``store`` in a fresh process: CPU and wall seconds of the export call, peak
    RSS of the process (and before the export: interpreter, kg and the opened store)."""
    code = EXPORT_CHILD.format(root=str(ROOT), store=str(store), out=str(out), fmt=fmt)
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    cpu, wall, rss0, rss = (float(x) for x in r.stdout.split())
    return {"cpu_s": round(cpu, 2), "wall_s": round(wall, 2), "rss_before_mb": round(rss0), "peak_rss_mb": round(rss)}


def turtle_only(args) -> int:
    """--only turtle: the Turtle export of a kg store of ``--triples`` quads, nothing else."""
    from kg.distributed import load_shards

    res = json.loads(args.out.read_text(encoding="utf-8")) if args.out.is_file() else {}
    tmp = Path(tempfile.mkdtemp(prefix="kgbench-"))
    try:
        print(f"generating extractions for {args.triples:,} triples ...", flush=True)
        exs, built = make_extractions(args.triples)
        n = sum(len(b) for b in built)
        shard = tmp / "part-00000-bench.nq"
        write_shard(built, shard)
        del built
        gc.collect()
        st = Store(tmp / "kg-load")
        load_shards(st, [shard])
        st.optimize()
        assert len(st) == n, (len(st), n)
        st.close()
        del st
        gc.collect()
        out: dict = {"load_average": os.getloadavg(), "documents": len(exs), "quads": n}
        ttl = tmp / "export.ttl"
        out["kg_export_turtle"] = export_child(tmp / "kg-load", ttl)
        out["turtle_triples"] = sum(1 for _ in ox.parse(path=str(ttl), format=ox.RdfFormat.TURTLE))
        out["turtle_bytes"] = ttl.stat().st_size
        # for comparison, in this process: a sequential N-Quads dump and the bare CONSTRUCT
        s = ox.Store(str(tmp / "kg-load" / "oxigraph"))
        timed(lambda: s.dump(str(tmp / "dump.nq"), format=ox.RdfFormat.N_QUADS), "nquads_dump")
        timed(lambda: sum(1 for _ in s.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
                                                use_default_graph_as_union=True)), "construct_only")
        out["nquads_dump_cpu_s"] = CPU["nquads_dump"]
        out["construct_iterate_cpu_s"] = CPU["construct_only"]
        out["load_average_after"] = os.getloadavg()
        del s
    finally:
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)
    res["turtle_only"] = out
    print(json.dumps(out, indent=1))
    return write_results(res, args.out)


def write_results(res: dict, out: Path) -> int:
    """Write the results JSON through a temporary file renamed into place."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmpf = out.with_suffix(".json.tmp")
    tmpf.write_text(json.dumps(res, indent=1) + "\n", encoding="utf-8")
    tmpf.replace(out)
    print(f"wrote {out}")
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--rdflib-turtle-max", type=int, default=20_000,
                    help="largest graph rdflib serializes to Turtle (time extrapolated above it)")
    ap.add_argument("--articles", type=int, default=0, help="also measure RSS of building N articles")
    ap.add_argument("--skip-rdflib", action="store_true")
    ap.add_argument("--only", choices=["turtle"],
                    help="turtle: only build a kg store (kg load of the quads, compacted) and time "
                         "`kg export --format turtle` of it in a child process (CPU, wall, peak RSS), "
                         "with the N-Quads dump and the bare CONSTRUCT for comparison; merged into "
                         "--out under 'turtle_only', the other figures are kept")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "store.json")
    args = ap.parse_args(argv)
    try:
        os.sched_setaffinity(0, {0})
    except (AttributeError, OSError):
        pass
    if args.only == "turtle":
        return turtle_only(args)
    if args.triples <= 0:  # only the memory measurement, merged into an existing result file
        if not args.articles:
            ap.error("--triples 0 needs --articles N")
        res = json.loads(args.out.read_text(encoding="utf-8")) if args.out.is_file() else {}
        print(f"memory: building {args.articles:,} articles in a child process ...", flush=True)
        res["memory"] = memory_child(args.articles)
        print("memory:", res["memory"])
        args.out.parent.mkdir(parents=True, exist_ok=True)
        tmpf = args.out.with_suffix(".json.tmp")
        tmpf.write_text(json.dumps(res, indent=1) + "\n", encoding="utf-8")
        tmpf.replace(args.out)
        return 0
    res: dict = {"python": platform.python_version(), "pyoxigraph": ox.__version__, "rdflib": rdflib.__version__,
                 "machine": platform.machine(), "cpus": os.cpu_count(), "load_average": os.getloadavg()}
    tmp = Path(tempfile.mkdtemp(prefix="kgbench-"))
    print(f"generating extractions for {args.triples:,} triples ...", flush=True)
    t_build, (exs, built) = timed(lambda: make_extractions(args.triples), "build")
    n = sum(len(b) for b in built)
    res.update(documents=len(exs), quads=n, quads_per_document=round(n / len(exs), 1),
               build_seconds=round(t_build, 2), build_quads_per_second=round(n / t_build))
    nq = tmp / "data.nq"
    with open(nq, "wb") as f:
        for b in built:
            f.write(b.nquads)
    shard = tmp / "part-00000-bench.nq"
    write_shard(built, shard)
    del built
    gc.collect()
    rows = []

    # ---- Oxigraph ----------------------------------------------------------------------
    s1 = ox.Store(str(tmp / "ox-load"))
    t_load, _ = timed(lambda: s1.load(path=str(nq), format=ox.RdfFormat.N_QUADS), "oxigraph_disk_load")
    s_mem = ox.Store()
    t_mem, _ = timed(lambda: s_mem.load(path=str(nq), format=ox.RdfFormat.N_QUADS), "oxigraph_memory_load")
    t_join_mem, _ = timed(lambda: list(s_mem.query(JOIN, use_default_graph_as_union=True)), "oxigraph_memory_join")
    t_join_mem = min(t_join_mem, timed(lambda: list(s_mem.query(JOIN, use_default_graph_as_union=True)))[0])
    t_ttl_mem, _ = timed(lambda: ox.serialize(s_mem.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
                                                           use_default_graph_as_union=True),
                                              str(tmp / "mem.ttl"), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES),
                          "oxigraph_memory_turtle")
    del s_mem
    gc.collect()
    s2 = ox.Store(str(tmp / "ox-bulk"))
    t_bulk, _ = timed(lambda: s2.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS), "oxigraph_disk_bulk_load")
    del s2
    from kg.distributed import load_shards

    kgl = Store(tmp / "kg-load")
    def kg_load():  # what `kg load` does: bulk-load the shard, then compact the indexes
        st = load_shards(kgl, [shard])
        kgl.optimize()
        return st

    t_kgload, stats = timed(kg_load, "kg_load_shard")
    assert stats["added"] == len(exs) and len(kgl) == n, (stats, len(kgl), n)
    t_join_kgl, rows_kgl = timed(lambda: list(kgl.ox.query(JOIN, use_default_graph_as_union=True)))
    t_join_kgl = min(t_join_kgl, timed(lambda: list(kgl.ox.query(JOIN, use_default_graph_as_union=True)),
                                      "kg_load_join")[0])
    kgl.close()
    del kgl
    kgs = Store(tmp / "kg-store")
    t_kg, stats = timed(lambda: kgs.add_extractions(exs, batch_size=256, generated_at="2024-01-01T00:00:00+00:00"),
                        "kg_add_extractions")
    assert len(kgs) == n, (len(kgs), n)
    t_join_ox, rows_ox = timed(lambda: list(s1.query(JOIN, use_default_graph_as_union=True)))
    t_join_ox2, _ = timed(lambda: list(s1.query(JOIN, use_default_graph_as_union=True)), "oxigraph_disk_join")
    assert len(rows_kgl) == len(rows_ox)
    from kg.export import export

    # kg build and kg load compact the store after writing; the export reads the compacted store
    t_opt, _ = timed(kgs.optimize, "kg_optimize")
    t_ttl_ox, _ = timed(lambda: export(kgs, tmp / "ox.ttl", "turtle"), "oxigraph_disk_turtle")
    ttl_triples = sum(1 for _ in ox.parse(path=str(tmp / "ox.ttl")))
    res["oxigraph"] = {
        "load_nquads_s": round(t_load, 2), "bulk_load_nquads_s": round(t_bulk, 2),
        "kg_add_extractions_s": round(t_kg, 2), "kg_add_documents_per_s": round(len(exs) / t_kg, 1),
        "kg_optimize_s": round(t_opt, 2),
        "kg_load_shard_s": round(t_kgload, 2), "kg_load_join_s": round(t_join_kgl, 4),
        "join_s": round(min(t_join_ox, t_join_ox2), 4), "join_rows": len(rows_ox),
        "turtle_export_s": round(t_ttl_ox, 2), "turtle_triples": ttl_triples,
        "turtle_bytes": (tmp / "ox.ttl").stat().st_size,
    }
    res["oxigraph_memory"] = {"load_nquads_s": round(t_mem, 2), "join_s": round(t_join_mem, 4),
                              "turtle_export_s": round(t_ttl_mem, 2)}
    rows.append(("Oxigraph on disk (kg)", t_load, min(t_join_ox, t_join_ox2), t_ttl_ox))
    rows.append(("Oxigraph bulk_load", t_bulk, None, None))
    rows.append(("kg load (disk, bulk)", t_kgload, t_join_kgl, None))
    rows.append(("Oxigraph in memory", t_mem, t_join_mem, t_ttl_mem))
    kgs.close()
    del s1, kgs
    gc.collect()
    print(f"oxigraph done (rss {rss_mb():.0f} MB)", flush=True)

    # ---- rdflib over oxrdflib ------------------------------------------------------------
    if not args.skip_rdflib:
        from oxrdflib import OxigraphStore

        ds_ox = rdflib.Dataset(store=OxigraphStore(store=ox.Store(str(tmp / "oxrdflib"))), default_union=True)
        t_load, _ = timed(lambda: ds_ox.parse(str(nq), format="ox-nquads"), "oxrdflib_load")
        t_join, r = timed(lambda: list(ds_ox.query(JOIN)), "oxrdflib_join")
        res["rdflib_oxrdflib"] = {"load_nquads_s": round(t_load, 2), "join_s": round(t_join, 4), "join_rows": len(r),
                                  "quads": len(ds_ox)}
        rows.append(("rdflib + oxrdflib", t_load, t_join, None))
        del ds_ox
        gc.collect()
        print("oxrdflib done", flush=True)

        # ---- rdflib Memory -------------------------------------------------------------------
        rss0 = rss_mb()
        ds = rdflib.Dataset(default_union=True)
        t_load_rd, _ = timed(lambda: ds.parse(str(nq), format="nquads"), "rdflib_memory_load")
        rss1 = rss_mb()
        t_join_rd, rows_rd = timed(lambda: list(ds.query(JOIN)), "rdflib_memory_join")
        assert len(rows_rd) == len(rows_ox), (len(rows_rd), len(rows_ox))
        print(f"rdflib memory loaded+joined (rss {rss1:.0f} MB)", flush=True)
        # Turtle: rdflib serializes the merged graph; capped and extrapolated
        g = rdflib.Graph()
        for p, ns in PREFIXES.items():
            g.bind(p, ns)
        cap = min(args.rdflib_turtle_max, n)
        for k, t in enumerate(ds.triples((None, None, None))):
            if k >= cap:
                break
            g.add(t)
        t_ttl_part, _ = timed(lambda: g.serialize(destination=str(tmp / "rd.ttl"), format="turtle"),
                              "rdflib_memory_turtle_capped")
        t_ttl_rd = t_ttl_part * (ttl_triples / len(g))
        res["rdflib_memory"] = {
            "load_nquads_s": round(t_load_rd, 2), "join_s": round(t_join_rd, 4), "join_rows": len(rows_rd),
            "turtle_export_s_measured": round(t_ttl_part, 2), "turtle_triples_measured": len(g),
            "turtle_export_s_extrapolated": round(t_ttl_rd, 2), "rss_growth_mb": round(rss1 - rss0, 1),
            "turtle_note": "rdflib's Turtle serializer time grows faster than linearly; the linear "
                           "extrapolation from the capped size understates it",
        }
        rows.append(("rdflib Memory", t_load_rd, t_join_rd, t_ttl_rd))
        del ds, g
        gc.collect()
        try:
            import berkeleydb  # noqa: F401

            res["rdflib_berkeleydb"] = "available but not measured"
        except ImportError:
            res["rdflib_berkeleydb"] = "not measured: the berkeleydb module (and libdb) is not installed"
        ox_r, rd_r = res["oxigraph"], res["rdflib_memory"]
        res["speedup_vs_rdflib_memory"] = {
            "load": round(rd_r["load_nquads_s"] / ox_r["load_nquads_s"], 1),
            "bulk_load": round(rd_r["load_nquads_s"] / ox_r["bulk_load_nquads_s"], 1),
            "join": round(rd_r["join_s"] / ox_r["join_s"], 1),
            "load_plus_join": round((rd_r["load_nquads_s"] + rd_r["join_s"]) / (ox_r["load_nquads_s"] + ox_r["join_s"]), 1),
            "kg_load_plus_join": round((rd_r["load_nquads_s"] + rd_r["join_s"])
                                       / (ox_r["kg_load_shard_s"] + ox_r["kg_load_join_s"]), 1),
            "kg_add_extractions_plus_join": round((rd_r["load_nquads_s"] + rd_r["join_s"])
                                                  / (ox_r["kg_add_extractions_s"] + ox_r["kg_load_join_s"]), 1),
            "turtle": round(rd_r["turtle_export_s_extrapolated"] / ox_r["turtle_export_s"], 1),
        }
        m = res["oxigraph_memory"]
        res["speedup_in_memory_vs_rdflib_memory"] = {
            "load": round(rd_r["load_nquads_s"] / m["load_nquads_s"], 1),
            "join": round(rd_r["join_s"] / m["join_s"], 1),
            "load_plus_join": round((rd_r["load_nquads_s"] + rd_r["join_s"]) / (m["load_nquads_s"] + m["join_s"]), 1),
        }

    if args.articles:
        print(f"memory: building {args.articles:,} articles in a child process ...", flush=True)
        res["memory"] = memory_child(args.articles)

    import shutil

    shutil.rmtree(tmp, ignore_errors=True)
    res["cpu_seconds"] = dict(CPU)
    if "rdflib_memory_load" in CPU:
        c = CPU
        res["cpu_speedup_vs_rdflib_memory"] = {
            "disk_load_plus_join": round((c["rdflib_memory_load"] + c["rdflib_memory_join"])
                                         / (c["oxigraph_disk_load"] + c["oxigraph_disk_join"]), 1),
            "disk_bulk_load_plus_join": round((c["rdflib_memory_load"] + c["rdflib_memory_join"])
                                              / (c["oxigraph_disk_bulk_load"] + c["oxigraph_disk_join"]), 1),
            "kg_load_plus_join": round((c["rdflib_memory_load"] + c["rdflib_memory_join"])
                                       / (c["kg_load_shard"] + c["kg_load_join"]), 1),
            "memory_load_plus_join": round((c["rdflib_memory_load"] + c["rdflib_memory_join"])
                                           / (c["oxigraph_memory_load"] + c["oxigraph_memory_join"]), 1),
            "join_disk": round(c["rdflib_memory_join"] / max(c["oxigraph_disk_join"], 0.01), 1),
            "join_memory": round(c["rdflib_memory_join"] / max(c["oxigraph_memory_join"], 0.01), 1),
        }

    print()
    print(f"{n:,} quads ({len(exs):,} documents); build {t_build:.1f} s ({n / t_build:,.0f} quads/s)")
    print(f"{'store':<22}{'load N-Quads (s)':>18}{'3-pattern join (s)':>20}{'Turtle export (s)':>19}")
    for name, lo, jo, tt in rows:
        jo_s = f"{jo:.4f}" if jo is not None else "-"
        tt_s = f"{tt:.2f}" if tt is not None else "-"
        print(f"{name:<22}{lo:>18.2f}{jo_s:>20}{tt_s:>19}")
    print(f"kg Store.add_extractions (build + write): {res['oxigraph']['kg_add_extractions_s']:.1f} s; "
          f"kg load of the shard {res['oxigraph']['kg_load_shard_s']:.2f} s; "
          f"bulk_load {res['oxigraph']['bulk_load_nquads_s']:.2f} s")
    if "speedup_vs_rdflib_memory" in res:
        print("speed-up of the disk store vs rdflib Memory:", res["speedup_vs_rdflib_memory"])
        print("speed-up of Oxigraph in memory vs rdflib Memory:", res["speedup_in_memory_vs_rdflib_memory"])
    print("CPU seconds (all threads of the process, immune to other load):", res["cpu_seconds"])
    if "cpu_speedup_vs_rdflib_memory" in res:
        print("CPU speed-up vs rdflib Memory:", res["cpu_speedup_vs_rdflib_memory"])
    if "memory" in res:
        print("memory:", res["memory"])
    return write_results(res, args.out)


if __name__ == "__main__":
    sys.exit(main())
