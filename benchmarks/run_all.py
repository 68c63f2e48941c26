#!/usr/bin/env python
"""Run every benchmark in benchmarks/ and print one markdown table of their figures.

    python benchmarks/run_all.py            # full sizes (about 20 minutes on 2 cores)
    python benchmarks/run_all.py --quick    # small sizes, to check that everything runs
    python benchmarks/run_all.py --only bench_pipeline,bench_store

Runs, one after the other (never two heavy jobs at once), whichever of these exist:
bench_pipeline, bench_store, bench_viz, bench_entities, bench_events, bench_ner_speed,
ner_eval, eval_dev (and any other ``bench_*.py``).  Each script's own options choose its
sizes; this runner passes only options the script lists in its ``--help``.  Each writes
its JSON into benchmarks/results/; the runner collects the figures:

* a result with ``rows`` (``metric``, ``value``, ``unit``, ``reference``, ``ratio``,
  ``target``) is shown as it is;
* any other JSON is flattened to its numeric figures (first ones, by key path).

The table (with the machine: CPU model, cores, RAM, Python, load) is printed and written to
benchmarks/results/summary.md; every script's output goes to benchmarks/results/logs/.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import platform
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"
RESULTS = BENCH / "results"
ORDER = ["bench_pipeline", "bench_store", "bench_viz", "bench_entities", "bench_events", "bench_ner_speed",
         "ner_eval", "eval_dev"]

#: Options per script and mode; an option is passed only if the script's --help lists it.
ARGS = {
    "bench_pipeline": {"quick": ["--quick"], "full": []},
    "bench_store": {"quick": ["--triples", "100000"], "full": ["--triples", "1000000"]},
    "bench_viz": {"quick": ["--nodes", "2000", "--edges", "6000", "--repeat", "1", "--browser-repeat", "1"],
                  "full": []},
    "bench_entities": {"quick": ["--n", "10", "--repeat", "2"], "full": []},
    "bench_events": {"quick": ["--n", "20", "--repeat", "1"], "full": []},
    "bench_ner_speed": {"quick": ["--articles", "30", "--bert-articles", "1"], "full": []},
    "ner_eval": {"quick": [], "full": []},
    "eval_dev": {"quick": [], "full": []},
}
#: Where a script writes its JSON when it takes --json/--out (by default or as told here).
JSON_NAME = {"bench_viz": "viz.json"}
#: The JSON files each script is known to write (others: any results/*.json it changed).
EXPECTED = {"bench_pipeline": {"quick": ["pipeline-quick.json"], "full": ["pipeline.json"]},
            "bench_store": ["store.json"], "bench_viz": ["viz.json"], "bench_entities": ["bench_entities.json"],
            "bench_ner_speed": ["ner_speed.json"], "ner_eval": ["ner_eval.json", "ner_eval_sentence.json"],
            "eval_dev": ["eval_dev.json"]}
MAX_FLAT = 14


def machine() -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    ram = None
    try:
        with open("/proc/meminfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    ram = round(int(line.split()[1]) / 2**20, 1)
    except OSError:
        pass
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count()
    try:
        load = round(os.getloadavg()[0], 2)
    except OSError:
        load = None
    return {"cpu": cpu, "cores": cores, "ram_gb": ram, "python": platform.python_version(),
            "os": f"{platform.system()} {platform.release()}", "load_avg_1min": load,
            "date": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")}


def options_of(script: Path) -> set[str]:
    try:
        r = subprocess.run([sys.executable, str(script), "--help"], capture_output=True, text=True, timeout=120,
                           cwd=ROOT)
    except subprocess.TimeoutExpired:
        return set()
    return set(re.findall(r"(--[a-z][a-z0-9-]*)", r.stdout))


def select_args(wanted: list[str], available: set[str]) -> list[str]:
    out, i = [], 0
    while i < len(wanted):
        opt = wanted[i]
        takes_value = i + 1 < len(wanted) and not wanted[i + 1].startswith("--")
        if opt in available:
            out.append(opt)
            if takes_value:
                out.append(wanted[i + 1])
        i += 2 if takes_value else 1
    return out


def flatten(obj, prefix: str = "", depth: int = 0):
    if depth > 4:
        return
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k in ("machine", "sizes", "rows") or k.startswith(("load_av", "cpus", "cores")):
                continue
            yield from flatten(v, f"{prefix}.{k}" if prefix else str(k), depth + 1)
    elif isinstance(obj, list):
        if len(obj) <= 6:
            for i, v in enumerate(obj):
                yield from flatten(v, f"{prefix}[{i}]", depth + 1)
    elif isinstance(obj, bool):
        return
    elif isinstance(obj, (int, float)):
        yield prefix, obj


def fmt(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:,.4g}" if abs(v) < 1000 else f"{v:,.0f}"
    if isinstance(v, int):
        return f"{v:,}"
    return str(v).replace("|", "\\|")


def rows_of(name: str, data) -> list[list[str]]:
    if isinstance(data, dict) and isinstance(data.get("rows"), list):
        return [[name, fmt(r.get("metric")), fmt(r.get("value")), fmt(r.get("unit")), fmt(r.get("reference")),
                 fmt(r.get("ratio")), fmt(r.get("target")), fmt(r.get("note"))] for r in data["rows"]]
    flat = list(flatten(data))
    out = [[name, k, fmt(v), "", "", "", "", ""] for k, v in flat[:MAX_FLAT]]
    if len(flat) > MAX_FLAT:
        out.append([name, f"... {len(flat) - MAX_FLAT} more figures in the JSON", "", "", "", "", "", ""])
    return out


def render(runs: list[dict], mach: dict, mode: str, seconds) -> str:
    """The markdown summary of a run (machine line, one table of figures, one of scripts)."""
    lines = [f"# Benchmarks ({mode} run)", "",
             f"Machine: {mach['cpu']}, {mach['cores']} cores, {mach['ram_gb']} GB RAM, Python {mach['python']}, "
             f"{mach['os']}; load average {mach['load_avg_1min']} at the start; {mach['date']}.  "
             f"Command: `python benchmarks/run_all.py{' --quick' if mode == 'quick' else ''}` ({seconds} s).", "",
             "| benchmark | metric | value | unit | reference | ratio | target | note |",
             "|---|---|---|---|---|---|---|---|"]
    for run in runs:
        if run["status"] != "ok":
            lines.append(f"| {run['name']} | **{run['status']}** (see {run['log']}) | | | | | | |")
        for jp in run["json"]:
            try:
                data = json.loads((ROOT / jp).read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                lines.append(f"| {run['name']} | {jp}: unreadable ({exc}) | | | | | | |")
                continue
            label = run["name"] if len(run["json"]) == 1 else f"{run['name']} ({Path(jp).stem})"
            lines += ["| " + " | ".join(r) + " |" for r in rows_of(label, data)]
        if not run["json"] and run["status"] == "ok":
            tail = "; ".join(s.strip() for s in run["stdout_tail"][-3:]).replace("|", "\\|")
            lines.append(f"| {run['name']} | (no JSON) {tail[:300]} | | | | | | |")
    lines += ["", "| script | status | seconds | results |", "|---|---|---|---|"]
    for run in runs:
        lines.append(f"| {run['name']} | {run['status']} | {run['seconds']} | {', '.join(run['json'])} |")
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small sizes (checks that every benchmark runs)")
    ap.add_argument("--only", help="comma-separated script names (default: all present)")
    ap.add_argument("--timeout", type=float, default=None, help="seconds per script (default 900 quick, 2400 full)")
    ap.add_argument("--out", type=Path, default=None, help="default results/summary.md (summary-quick.md with --quick)")
    ap.add_argument("--collect", action="store_true",
                    help="run nothing: rewrite the summary from the last run's results (summary.json)")
    args = ap.parse_args(argv)
    mode = "quick" if args.quick else "full"
    if args.out is None:
        args.out = RESULTS / ("summary-quick.md" if args.quick else "summary.md")
    timeout = args.timeout or (900 if args.quick else 2400)
    present = [p.stem for p in sorted(BENCH.glob("*.py"))]
    names = [n for n in ORDER if n in present] + [n for n in present if n.startswith("bench_") and n not in ORDER]
    if args.only:
        want = [s.strip().removesuffix(".py") for s in args.only.split(",") if s.strip()]
        missing = [w for w in want if w not in present]
        if missing:
            print(f"run_all: no such benchmark: {', '.join(missing)}", file=sys.stderr)
            return 2
        names = want
    if args.collect:
        last = json.loads((RESULTS / args.out.with_suffix(".json").name).read_text(encoding="utf-8"))
        text = render(last["runs"], last["machine"], last["mode"], last.get("seconds", "?"))
        args.out.write_text(text, encoding="utf-8")
        print(text)
        return 0
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "logs").mkdir(exist_ok=True)
    mach = machine()
    runs = []
    t_all = time.perf_counter()
    for name in names:
        script = BENCH / f"{name}.py"
        avail = options_of(script)
        cmd = [sys.executable, str(script)] + select_args(ARGS.get(name, {}).get(mode, []), avail)
        json_path = None
        for opt in ("--json", "--out"):
            if opt in avail:
                json_path = RESULTS / JSON_NAME.get(name, f"{name.removeprefix('bench_')}.json")
                if name in JSON_NAME or name == "bench_viz":
                    cmd += [opt, str(json_path)]
                break
        print(f"run_all: {name}: {' '.join(cmd[1:])}", file=sys.stderr, flush=True)
        t0 = time.time()
        before = {p.name: p.stat().st_mtime for p in RESULTS.glob("*.json")}
        log = RESULTS / "logs" / f"{name}.log"
        try:
            r = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=ROOT)
            status = "ok" if r.returncode == 0 else f"exit {r.returncode}"
            out, err = r.stdout, r.stderr
        except subprocess.TimeoutExpired as exc:
            status = f"timeout after {timeout:.0f} s"
            out = exc.stdout.decode() if isinstance(exc.stdout, bytes) else (exc.stdout or "")
            err = exc.stderr.decode() if isinstance(exc.stderr, bytes) else (exc.stderr or "")
        seconds = round(time.time() - t0, 1)
        log.write_text(f"$ {' '.join(cmd)}\n--- stdout\n{out}\n--- stderr\n{err}", encoding="utf-8")
        # the JSON files this script wrote during its run (its known ones when it has them:
        # other people may be writing results at the same time)
        changed = {p.name for p in RESULTS.glob("*.json") if p.stat().st_mtime != before.get(p.name)}
        known = EXPECTED.get(name)
        if isinstance(known, dict):
            known = known[mode]
        if known:
            changed &= set(known)
        changed -= {"summary.json", "summary-quick.json"}
        written = sorted(RESULTS / n for n in changed)
        runs.append({"name": name, "status": status, "seconds": seconds, "json": [str(p.relative_to(ROOT))
                                                                                  for p in written],
                     "log": str(log.relative_to(ROOT)), "stdout_tail": out.strip().splitlines()[-8:]})
        print(f"run_all: {name}: {status} in {seconds} s; {', '.join(p.name for p in written) or 'no JSON'}",
              file=sys.stderr, flush=True)

    seconds = round(time.perf_counter() - t_all)
    text = render(runs, mach, mode, seconds)
    args.out.write_text(text, encoding="utf-8")
    (RESULTS / args.out.with_suffix(".json").name).write_text(
        json.dumps({"mode": mode, "machine": mach, "seconds": seconds, "runs": runs}, indent=1, ensure_ascii=False)
        + "\n", encoding="utf-8")
    print(text)
    return 0 if all(r["status"] == "ok" for r in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
