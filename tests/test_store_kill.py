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


BULK_WRITER = textwrap.dedent("""
    import os, signal, sys
    from kg.rdf.store import Store
    from tests.fixtures_extraction import synthetic_extraction

    class KillOnMarkers:
        # the store's database, except that the third marker write (step 3 of the bulk
        # protocol, after the batch's quads were bulk-loaded) kills the process
        def __init__(self, db):
            self.db, self.calls = db, 0
        def extend(self, quads):
            self.calls += 1
            if self.calls == 3:
                print("killing", flush=True)
                os.kill(os.getpid(), signal.SIGKILL)
            return self.db.extend(quads)
        def __getattr__(self, name):
            return getattr(self.db, name)

    s = Store(sys.argv[1])
    s._ox = KillOnMarkers(s._ox)
    s.add_extractions((synthetic_extraction(i) for i in range({n})), batch_size=10, generated_at="{t0}")
    print("done", flush=True)
""").format(n=60, t0=T0)


def test_sigkill_between_bulk_load_and_markers_then_reopen_and_rerun(tmp_path):
    path = tmp_path / "store"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    p = subprocess.run([sys.executable, "-c", BULK_WRITER, str(path)], capture_output=True, env=env, cwd=str(ROOT),
                       text=True, timeout=120)
    assert p.returncode == -signal.SIGKILL, p.stderr
    assert "killing" in p.stdout and "done" not in p.stdout
    assert (path / "pending-bulk.json").is_file()  # the third batch was in flight

    # a reader opened before any writer sees the unmarked batch: verify says so, documents() hides it
    r = Store(path, read_only=True)
    assert len(r.documents()) == 20
    problems = r.verify()
    assert any("pending" in x for x in problems)
    assert any("belongs to no stored document" in x for x in problems)  # the half-written batch's graphs
    r.close()
    gc.collect()

    # opening for writing drops the unmarked documents: the store holds exactly the first two batches
    s = Store(path)
    assert not (path / "pending-bulk.json").exists()
    assert s.verify() == []
    assert [d["id"] for d in s.documents()] == sorted(synthetic_extraction(i).doc.id for i in range(20))
    assert len(s.named_graphs()) == 2 * 20
    # the rerun adds the rest; the result equals an uninterrupted build
    stats = s.add_extractions((synthetic_extraction(i) for i in range(60)), batch_size=10, generated_at=T0)
    assert stats["unchanged"] == 20 and stats["added"] == 40
    assert s.verify() == []
    got = {str(q) for q in s.quads()}
    s.close()
    ref = Store()
    for i in range(60):
        ref.add_extraction(synthetic_extraction(i), generated_at=T0)
    assert got == {str(q) for q in ref.quads()}


def test_bulk_batches_equal_one_transaction_per_document(tmp_path):
    exs = [synthetic_extraction(i) for i in range(25)]
    a = Store(tmp_path / "a")
    a.add_extractions(exs, batch_size=7, generated_at=T0)
    b = Store()
    for ex in exs:
        b.add_extraction(ex, generated_at=T0)
    assert {str(q) for q in a.quads()} == {str(q) for q in b.quads()}
    assert a.verify() == [] and not (tmp_path / "a" / "pending-bulk.json").exists()
    a.close()


def test_a_failed_bulk_write_leaves_nothing_half_written(tmp_path):
    import pyoxigraph as ox
    import pytest

    from kg.errors import InputError
    from kg.rdf.build import build

    s = Store(tmp_path / "store")
    ok = [build(synthetic_extraction(i), generated_at=T0) for i in range(3)]
    s.write_new_documents([b.doc_iri for b in ok], [b.marker for b in ok], nquads=b"".join(b.body_nquads for b in ok))
    bad = [build(synthetic_extraction(i), generated_at=T0) for i in range(3, 6)]
    # the quads of two documents go in, then the markers fail (a term the transaction rejects)
    loaded = b"".join(b.body_nquads for b in bad[:2])
    s.ox.bulk_load(input=loaded, format=ox.RdfFormat.N_QUADS)  # as if a bulk load had got this far
    with pytest.raises(InputError):
        s.write_new_documents([b.doc_iri for b in bad], [b.marker for b in bad],
                              nquads=loaded + b"<http://x/s> <http://x/p> broken .\n")
    assert s.verify() == [] and len(s.documents()) == 3
    assert not (tmp_path / "store" / "pending-bulk.json").exists()
    s.close()


DEFER_WRITER = textwrap.dedent("""
    import os, sys
    from kg.rdf.build import build
    from kg.rdf.store import Store
    from tests.fixtures_extraction import synthetic_extraction
    s = Store(sys.argv[1])
    for k in range(3):  # batches of 5; each batch's markers wait for the next batch's bulk load
        bs = [build(synthetic_extraction(i), generated_at="{t0}") for i in range(5 * k, 5 * k + 5)]
        s.write_new_documents([b.doc_iri for b in bs], b"".join(b.marker_nquads for b in bs),
                              nquads=b"".join(b.body_nquads for b in bs), trusted=True, defer_markers=True)
    print(len(s.documents()), flush=True)
    os._exit(0)  # a crash: the third batch's markers were never written
""").format(t0=T0)


def test_deferred_markers_land_with_the_next_batch_and_a_crash_drops_the_unmarked_batch(tmp_path):
    from kg.rdf.build import build

    # in one process: a deferred batch is not in the store until the next write or a flush
    s = Store(tmp_path / "a")
    bs = [build(synthetic_extraction(i), generated_at=T0) for i in range(6)]
    s.write_new_documents([b.doc_iri for b in bs[:3]], b"".join(b.marker_nquads for b in bs[:3]),
                          nquads=b"".join(b.body_nquads for b in bs[:3]), trusted=True, defer_markers=True)
    assert s.documents() == [] and (tmp_path / "a" / "pending-bulk.json").is_file()
    s.write_new_documents([b.doc_iri for b in bs[3:]], [b.marker for b in bs[3:]],
                          nquads=b"".join(b.body_nquads for b in bs[3:]), trusted=True, defer_markers=True)
    assert len(s.documents()) == 3
    s.flush()
    assert len(s.documents()) == 6 and not (tmp_path / "a" / "pending-bulk.json").exists()
    assert s.verify() == []
    ref = Store()
    for i in range(6):
        ref.add_extraction(synthetic_extraction(i), generated_at=T0)
    assert {str(q) for q in s.quads()} == {str(q) for q in ref.quads()}
    s.close()

    # a process that dies with a batch's markers deferred: reopening drops that batch only
    path = tmp_path / "b"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    p = subprocess.run([sys.executable, "-c", DEFER_WRITER, str(path)], capture_output=True, env=env,
                       cwd=str(ROOT), text=True, timeout=120)
    assert p.returncode == 0 and p.stdout.split() == ["10"], p.stderr
    assert (path / "pending-bulk.json").is_file()
    s = Store(path)
    assert not (path / "pending-bulk.json").exists()
    assert s.verify() == []
    assert [d["id"] for d in s.documents()] == sorted(synthetic_extraction(i).doc.id for i in range(10))
    assert len(s.named_graphs()) == 2 * 10
    s.close()
