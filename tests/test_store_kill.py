"""SIGKILL in the middle of a build leaves the store consistent, and a rerun completes it."""

from __future__ import annotations

import gc
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from kg.rdf.store import Store
from tests.fixtures_extraction import synthetic_extraction

ROOT = Path(__file__).resolve().parent.parent
T0 = "2024-01-01T00:00:00+00:00"
N = 80

WRITER = textwrap.dedent("""
    import sys
    from kg.rdf.store import Store
    from tests.fixtures_extraction import synthetic_extraction
    path, version = sys.argv[1], int(sys.argv[2])
    s = Store(path)
    for i in range({n}):
        ex = synthetic_extraction(i, events=6 + version)
        s.add_extraction(ex, generated_at="{t0}")
        print(i, flush=True)
    print("done", flush=True)
""").format(n=N, t0=T0)


def _run_and_kill(path: Path, version: int, after: int) -> int:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    p = subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(version)], stdout=subprocess.PIPE,
                         env=env, cwd=str(ROOT), text=True)
    seen = 0
    for line in p.stdout:
        if line.strip() == "done":
            break
        seen += 1
        if seen >= after:
            os.kill(p.pid, signal.SIGKILL)
            break
    p.wait()
    p.stdout.close()
    return seen


def _reference(version: int) -> set[str]:
    ref = Store()
    for i in range(N):
        ref.add_extraction(synthetic_extraction(i, events=6 + version), generated_at=T0)
    return {str(q) for q in ref.quads()}


def test_sigkill_mid_build_then_rerun(tmp_path):
    path = tmp_path / "store"
    seen = _run_and_kill(path, version=0, after=30)
    assert seen >= 30
    s = Store(path)
    assert s.verify() == []  # every stored document is complete
    stored = len(s.documents())
    assert seen <= stored < N  # killed before the end
    s.close()
    gc.collect()

    # second run: replace documents with a new version, killed again mid-way
    seen2 = _run_and_kill(path, version=1, after=20)
    s = Store(path)
    assert s.verify() == []
    docs = s.documents()
    # nothing lost: every document is there in its old or its new version
    assert len(docs) >= stored
    # rerun to completion
    for i in range(N):
        s.add_extraction(synthetic_extraction(i, events=7), generated_at=T0)
    assert s.verify() == []
    assert {str(q) for q in s.quads()} == _reference(version=1)
    s.close()
