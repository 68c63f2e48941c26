"""Benchmark kg.viz on a large synthetic actor graph (default 10,000 nodes, 30,000 edges).

Measures, in one run:

1. writing the HTML page with kg.viz.render_html (view model, layout, JSON, file), best
   and median of --repeat runs, wall and CPU time, with a breakdown;
2. the reference: pyvis's own path for the same graph (``Network.add_node``/``add_edge``
   one by one, then ``write_html`` with ``cdn_resources="in_line"``), once;
3. the page in headless Chromium (Debian's /usr/bin/chromium via Playwright): time from
   navigation until the graph is drawn (``kgView.ready``: first ``afterDrawing`` of the
   complete graph), the page's own timings, main-thread busy time (CDP Performance
   metrics), whether the drawing is stable (node positions unchanged one second later;
   physics is off) and interactive (a click selects a node and fills the panel; a zoom
   redraws), best of --browser-repeat loads.

Targets (issue #6): HTML under 2 s; drawn and interactive in the browser under 5 s.
The machine may be shared: CPU times are printed next to wall times for that reason.

    python benchmarks/bench_viz.py [--nodes 10000] [--edges 30000] [--repeat 3]
                                   [--no-pyvis] [--no-browser] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def timed(fn):
    w, c = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - w, time.process_time() - c


def bench_kg(graph, path: Path, repeat: int) -> dict:
    from kg.viz import render_html
    from kg.viz.data import build_view
    from kg.viz.html import layout_view, page_html

    import numpy  # noqa: F401  (imports are paid once per process, not per page)
    import scipy.sparse  # noqa: F401

    walls, cpus = [], []
    for _ in range(repeat):
        r, w, c = timed(lambda: render_html(graph, path, max_nodes=graph.number_of_nodes()))
        walls.append(w)
        cpus.append(c)
    view, w1, c1 = timed(lambda: build_view(graph, max_nodes=graph.number_of_nodes()))
    _, w2, c2 = timed(lambda: layout_view(view))
    html, w3, c3 = timed(lambda: page_html(view, title="bench"))
    _, w4, c4 = timed(lambda: path.write_bytes(html.encode("utf-8", "replace")))
    return {"best_wall_s": min(walls), "median_wall_s": statistics.median(walls), "best_cpu_s": min(cpus),
            "bytes": r["bytes"], "nodes": r["nodes"], "edges": r["edges"],
            "breakdown_wall_s": {"view": w1, "layout": w2, "json+page": w3, "write": w4},
            "breakdown_cpu_s": {"view": c1, "layout": c2, "json+page": c3, "write": c4}}


def bench_pyvis(graph, path: Path) -> dict:
    from pyvis.network import Network

    def build():
        net = Network(directed=True, cdn_resources="in_line")
        index = {}
        for i, (n, a) in enumerate(graph.nodes(data=True)):
            index[n] = i
            net.add_node(i, label=a.get("label", ""), title=a.get("label_en", ""))
        for u, v, a in graph.edges(data=True):
            net.add_edge(index[u], index[v], title=a.get("plover", ""))
        return net

    net, w_add, c_add = timed(build)
    cwd = os.getcwd()
    os.chdir(path.parent)  # pyvis writes relative to the working directory
    try:
        _, w_write, c_write = timed(lambda: net.write_html(path.name))
    finally:
        os.chdir(cwd)
    return {"add_wall_s": w_add, "add_cpu_s": c_add, "write_wall_s": w_write, "write_cpu_s": c_write,
            "total_wall_s": w_add + w_write, "bytes": path.stat().st_size}


def _chromium_cpu() -> float:
    """CPU seconds used so far by the Chromium processes this benchmark started."""
    try:
        import psutil
    except ImportError:
        return float("nan")
    total = 0.0
    for proc in psutil.Process(os.getpid()).children(recursive=True):
        try:
            if "chrom" in proc.name():
                t = proc.cpu_times()
                total += t.user + t.system
        except psutil.Error:
            pass
    return total


def bench_browser(path: Path, repeat: int) -> dict:
    if not Path(CHROMIUM).exists():
        return {"skipped": f"no chromium at {CHROMIUM}"}
    from playwright.sync_api import sync_playwright

    url = path.resolve().as_uri()
    runs = []
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for _ in range(repeat):
            page = b.new_page(viewport={"width": 1400, "height": 850})
            extra = []
            page.route("**/*", lambda r: r.continue_() if r.request.url == url else (extra.append(r.request.url), r.abort()))
            errors = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            cdp = page.context.new_cdp_session(page)
            cdp.send("Performance.enable")
            cpu0 = _chromium_cpu()
            t0 = time.perf_counter()
            page.goto(url, wait_until="commit")
            page.wait_for_function("() => window.kgView && window.kgView.ready === true", timeout=120000)
            wall = time.perf_counter() - t0
            cpu = _chromium_cpu() - cpu0
            metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
            timing = page.evaluate("kgView.timing")
            counts = page.evaluate("[kgView.nodesView.length, kgView.edgesView.length]")
            pos1 = page.evaluate("JSON.stringify(kgView.network.getPositions([0, 1, 2, 100, 5000]))")
            page.wait_for_timeout(1000)
            pos2 = page.evaluate("JSON.stringify(kgView.network.getPositions([0, 1, 2, 100, 5000]))")
            # interactive: select the highest-degree node through the UI code path, then zoom
            t1 = time.perf_counter()
            page.evaluate("kgView.selectNode(0)")
            panel = page.text_content("#kg-details h2")
            select_s = time.perf_counter() - t1
            t2 = time.perf_counter()
            page.evaluate("""() => new Promise(res => { kgView.network.once('afterDrawing', () => res());
                                                         kgView.network.moveTo({scale: 1.5}); })""")
            redraw_s = time.perf_counter() - t2
            runs.append({"wall_to_drawn_s": wall, "chromium_cpu_s": cpu, "page_timing_ms": timing, "counts": counts,
                         "main_thread_busy_s": metrics.get("TaskDuration"), "script_s": metrics.get("ScriptDuration"),
                         "stable": pos1 == pos2, "select_node_s": select_s, "panel_heading": panel,
                         "zoom_redraw_s": redraw_s, "console_errors": errors, "other_requests": extra})
            page.close()
        b.close()
    best = min(runs, key=lambda r: r["wall_to_drawn_s"])
    return {"best": best, "walls_s": [r["wall_to_drawn_s"] for r in runs]}


def bench_pyvis_browser(n: int, m: int, timeout_s: float) -> dict:
    """pyvis's default page (physics on) for an n-node graph: time until vis-network reports
    the layout stabilized, capped at ``timeout_s`` (requests to its CDNs are refused)."""
    if not Path(CHROMIUM).exists():
        return {"skipped": f"no chromium at {CHROMIUM}"}
    from playwright.sync_api import sync_playwright

    from kg.viz.sample import synthetic_actor_graph

    g = synthetic_actor_graph(n, m, seed=1)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "pyvis.html"
        bench_pyvis(g, path)
        url = path.resolve().as_uri()
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = b.new_page(viewport={"width": 1400, "height": 850})
            page.route("**/*", lambda r: r.continue_() if r.request.url == url else r.abort())
            page.add_init_script("window.__stab = false; window.addEventListener('load', () => {"
                                 " const t = setInterval(() => { if (window.network && window.network.once) {"
                                 " clearInterval(t); window.network.once('stabilized', () => { window.__stab = true; });"
                                 " window.network.once('stabilizationIterationsDone', () => { window.__stab = true; }); } }, 20); });")
            t0 = time.perf_counter()
            page.goto(url, wait_until="commit")
            try:
                page.wait_for_function("() => window.__stab === true", timeout=timeout_s * 1000)
                out = {"nodes": n, "edges": m, "stabilized_s": time.perf_counter() - t0}
            except Exception:  # noqa: BLE001 - a timeout is the finding
                out = {"nodes": n, "edges": m, "stabilized_s": None, "timeout_s": timeout_s}
            b.close()
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--nodes", type=int, default=10000)
    ap.add_argument("--edges", type=int, default=30000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--browser-repeat", type=int, default=2)
    ap.add_argument("--no-pyvis", action="store_true")
    ap.add_argument("--no-browser", action="store_true")
    ap.add_argument("--keep", default=None, help="directory to keep the pages in")
    ap.add_argument("--pyvis-browser-nodes", type=int, default=0,
                    help="also time pyvis's default page (physics) in Chromium for this many nodes (3 edges each)")
    ap.add_argument("--pyvis-browser-timeout", type=float, default=90.0)
    ap.add_argument("--json", default=None, help="write the figures to this JSON file")
    args = ap.parse_args(argv)

    from kg.viz.sample import synthetic_actor_graph

    g = synthetic_actor_graph(args.nodes, args.edges, seed=1)
    out: dict = {"graph": {"nodes": g.number_of_nodes(), "edges": g.number_of_edges()},
                 "load_avg": os.getloadavg(), "cpus": os.cpu_count()}
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(args.keep or tmp)
        d.mkdir(parents=True, exist_ok=True)
        page = d / "kg-viz.html"
        out["kg_viz"] = k = bench_kg(g, page, args.repeat)
        print(f"graph: {args.nodes:,} nodes, {args.edges:,} edges; load average {out['load_avg'][0]:.1f} on {out['cpus']} CPUs")
        print(f"kg.viz render_html: best {k['best_wall_s']:.2f} s wall ({k['best_cpu_s']:.2f} s CPU), "
              f"median {k['median_wall_s']:.2f} s, {k['bytes'] / 1e6:.1f} MB")
        print("  breakdown (wall / CPU s): " + ", ".join(
            f"{name} {k['breakdown_wall_s'][name]:.2f}/{k['breakdown_cpu_s'][name]:.2f}" for name in k["breakdown_wall_s"]))
        if not args.no_pyvis:
            out["pyvis_reference"] = pv = bench_pyvis(g, d / "pyvis.html")
            print(f"pyvis add_node/add_edge + write_html (reference): {pv['total_wall_s']:.2f} s wall "
                  f"(add {pv['add_wall_s']:.2f} s wall / {pv['add_cpu_s']:.2f} s CPU, write {pv['write_wall_s']:.2f} s), "
                  f"{pv['bytes'] / 1e6:.1f} MB")
        if not args.no_browser:
            out["browser"] = br = bench_browser(page, args.browser_repeat)
            if "skipped" in br:
                print("browser: skipped:", br["skipped"])
            else:
                b = br["best"]
                t = b["page_timing_ms"]
                print(f"headless Chromium: drawn in {b['wall_to_drawn_s']:.2f} s (runs: "
                      + ", ".join(f"{x:.2f}" for x in br["walls_s"]) + f"); Chromium CPU {b['chromium_cpu_s']:.2f} s (all its processes); main thread busy {b['main_thread_busy_s']:.2f} s")
                print(f"  page timings (ms from navigation): script {t['script']:.0f}, data {t['data']:.0f}, "
                      f"datasets {t['datasets']:.0f}, network {t['network']:.0f}, drawn {t['firstDraw']:.0f}")
                print(f"  {b['counts'][0]:,} nodes / {b['counts'][1]:,} edges drawn; stable: {b['stable']}; "
                      f"select+panel {b['select_node_s'] * 1000:.0f} ms; zoom redraw {b['zoom_redraw_s'] * 1000:.0f} ms; "
                      f"console errors: {len(b['console_errors'])}; other requests: {len(b['other_requests'])}")
    if args.pyvis_browser_nodes:
        out["pyvis_browser"] = pb = bench_pyvis_browser(args.pyvis_browser_nodes, 3 * args.pyvis_browser_nodes,
                                                        args.pyvis_browser_timeout)
        if pb.get("stabilized_s") is not None:
            print(f"pyvis default page, {pb['nodes']:,} nodes: physics stabilized after {pb['stabilized_s']:.1f} s")
        else:
            print(f"pyvis default page, {pb['nodes']:,} nodes: not stable after {pb.get('timeout_s')} s ({pb.get('skipped', '')})")
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
