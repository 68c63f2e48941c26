"""`kg serve` under load: 20 parallel clients run the named queries for 30 seconds.

No request may fail, every answer must equal the single-client answer, and the store must
be unchanged afterwards (same quads, consistent bookkeeping).
"""

from __future__ import annotations

import threading
import time
import urllib.parse
import urllib.request

import pytest

from tests.fixtures_extraction import seed_extractions
from tests.servers import kg_serve

CLIENTS = 20
SECONDS = 30.0


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    from kg.query import bind_named, named_queries
    from kg.rdf.store import Store

    path = tmp_path_factory.mktemp("load") / "store"
    st = Store(path)
    for x in seed_extractions():
        st.add_extraction(x)
    queries = [bind_named(st, q.name, {"actor": "لافروف"} if any(p.name == "actor" for p in q.params) else {})
               for q in named_queries()]
    before = sorted(str(q) for q in st.quads())
    st.close()
    with kg_serve(path, "--workers", "2", "--timeout", "20") as base:
        yield base + "/sparql", queries, path, before


def _post(url: str, query: str) -> tuple[int, bytes]:
    data = urllib.parse.urlencode({"query": query}).encode()
    req = urllib.request.Request(url, data=data, headers={"Accept": "text/csv"})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def test_twenty_parallel_clients_for_thirty_seconds(served):
    url, queries, path, before = served
    expected = {q: _post(url, q) for q in queries}
    assert all(st == 200 for st, _ in expected.values())
    errors: list[str] = []
    done = [0]
    lock = threading.Lock()
    stop = time.monotonic() + SECONDS

    def client(k: int) -> None:
        i = k
        while time.monotonic() < stop:
            q = queries[i % len(queries)]
            i += 1
            try:
                status, body = _post(url, q)
            except OSError as exc:
                status, body = -1, str(exc).encode()
            with lock:
                done[0] += 1
                if status != 200 or body != expected[q][1]:
                    errors.append(f"{status}: {body[:200]!r}")

    threads = [threading.Thread(target=client, args=(k,)) for k in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, f"{len(errors)} of {done[0]} requests failed, e.g. {errors[:3]}"
    assert done[0] > CLIENTS  # every client got answers
    from kg.rdf.store import Store

    st = Store(path, read_only=True)
    assert sorted(str(q) for q in st.quads()) == before
    assert st.verify() == []
    st.close()
