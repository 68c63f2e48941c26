"""Dask builds on a real distributed.LocalCluster (two worker processes): the shards, loaded
with `kg load`, equal the single-process build triple for triple (one run time for both),
and loading is idempotent per document."""

from __future__ import annotations

import json

import pytest

from tests.test_build import RUN_TIME, kg, make_corpus, store_quads

pytest.importorskip("distributed")


def test_dask_local_cluster_equals_single_process_build(tmp_path):
    from kg.rdf.store import Store

    corpus = make_corpus(tmp_path / "c.jsonl", 40, seed=21, sentences=(2, 4))
    single = tmp_path / "single"
    r = kg("build", str(corpus), "-o", str(single), "--workers", "1", "--run-time", RUN_TIME, "--no-views",
           "--formats", "nquads", "--quiet")
    assert r.returncode == 0, r.stderr

    out = tmp_path / "dask"
    r = kg("build", str(corpus), "--dask", "local", "-o", str(out), "--partition-size", "9", "--run-time", RUN_TIME,
           "--no-views", "--formats", "nquads", "--quiet", timeout=240)
    assert r.returncode == 0, r.stderr
    shards = sorted((out / "shards").glob("part-*.nq"))
    assert len(shards) == 5  # 40 lines in partitions of 9
    s = json.loads((out / "build-summary.json").read_text(encoding="utf-8"))
    assert s["workers"] == 2 and s["documents_extracted"] == 40 and s["added"] == 40 and s["failures"] == []

    expected = store_quads(single / "store")
    assert store_quads(out / "store") == expected
    assert (out / "graph.nq").read_bytes() == (single / "graph.nq").read_bytes()
    ids = [json.loads(line)["build"]["id"] for line in (out / "extractions.jsonl").read_text(encoding="utf-8").splitlines()]
    assert ids == [f"doc-{i:05d}" for i in range(1, 41)]

    # kg load: the shards into a fresh store, then again (nothing changes), then a changed shard
    fresh = tmp_path / "loaded"
    r = kg("load", str(out / "shards"), "--store", str(fresh))
    assert r.returncode == 0, r.stderr
    assert "40 documents added" in r.stderr
    assert store_quads(fresh) == expected
    r = kg("load", *map(str, shards), "--store", str(fresh))
    assert r.returncode == 0 and "0 documents added, 0 replaced, 40 unchanged" in r.stderr, r.stderr
    assert store_quads(fresh) == expected
    st = Store(fresh, read_only=True)
    try:
        assert st.verify() == [] and len(st.documents()) == 40
    finally:
        st.close()

    bad = tmp_path / "bad.nq"
    bad.write_text('<http://x/s> <http://x/p> "o" .\n', encoding="utf-8")
    r = kg("load", str(bad), "--store", str(fresh))
    assert r.returncode == 1 and "not a kg shard" in r.stderr and "Traceback" not in r.stderr
    assert store_quads(fresh) == expected


def test_partitions_cover_the_corpus_in_order(tmp_path):
    from kg.distributed import partition_documents, partitions

    corpus = make_corpus(tmp_path / "c.jsonl", 23, seed=4)
    lines = corpus.read_bytes().splitlines(keepends=True)
    corpus.write_bytes(b"".join(lines[:5]) + b"\n{broken\n" + b"".join(lines[5:]))  # line 7 is corrupt
    parts = partitions([str(corpus)], size=6)
    assert [p.first_line for p in parts] == [1, 7, 13, 19, 25]
    errors: list[str] = []
    docs = [d for p in parts for d in partition_documents(p, on_error=errors.append)]
    from kg.ingest import read_paths

    whole_errors: list = []
    whole = list(read_paths([str(corpus)], on_error=lambda e: whole_errors.append(str(e))))
    assert [(d.id, d.path, d.text) for d in docs] == [(d.id, d.path, d.text) for d in whole]
    assert errors == whole_errors and errors[0].startswith(f"{corpus}:7:")


def test_a_finished_partition_is_reused_and_its_shard_loads(tmp_path):
    from kg.config import Config
    from kg.distributed import build_partition, load_shards, partitions
    from kg.rdf.store import Store

    corpus = make_corpus(tmp_path / "c.jsonl", 6, seed=9)
    part = partitions([str(corpus)], size=4)[1]  # lines 5-6
    ingest = {"date": None, "source": None, "url": None}
    first = build_partition(part, str(tmp_path / "shards"), Config(), RUN_TIME, ingest)
    assert first["reused"] is False and first["extracted"] == 2 and first["failures"] == []
    again = build_partition(part, str(tmp_path / "shards"), Config(), RUN_TIME, ingest)
    assert again["reused"] is True and again["name"] == first["name"]
    other = build_partition(part, str(tmp_path / "shards"), Config(), "2025-01-01T00:00:00+00:00", ingest)
    assert other["name"] != first["name"]  # another run time is another build
    st = Store(tmp_path / "store")
    try:
        stats = load_shards(st, [tmp_path / "shards" / first["nquads"]])
        assert stats["added"] == 2 and st.verify() == []
        assert sorted(d["id"] for d in st.documents()) == ["doc-00005", "doc-00006"]
    finally:
        st.close()


def test_kg_load_bulk_loads_an_indexed_shard_whole_and_equals_the_per_document_path(tmp_path, monkeypatch):
    import shutil

    import kg.distributed as dist
    from kg.config import Config
    from kg.rdf.store import Store

    corpus = make_corpus(tmp_path / "c.jsonl", 10, seed=5)
    ingest = {"date": None, "source": None, "url": None}
    infos = [dist.build_partition(p, str(tmp_path / "shards"), Config(), RUN_TIME, ingest)
             for p in dist.partitions([str(corpus)], size=4)]
    shards = [tmp_path / "shards" / i["nquads"] for i in infos]
    assert [len(i["index"]["docs"]) for i in infos] == [4, 4, 2]

    # fast path: one bulk load per shard, never the per-document parser
    def no_parse(path):
        raise AssertionError("the indexed shard should be bulk-loaded whole")

    monkeypatch.setattr(dist, "shard_documents", no_parse)
    a = Store(tmp_path / "a")
    with open(tmp_path / "a.jsonl", "w", encoding="utf-8") as journal:
        stats = dist.load_shards(a, shards, journal=journal)
    assert stats["added"] == 10 and a.verify() == [] and len(a.documents()) == 10
    assert len((tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()) == 10
    monkeypatch.undo()
    # loading again: documents are there, so the per-document path says unchanged
    assert dist.load_shards(a, shards)["unchanged"] == 10
    got_a = {str(q) for q in a.quads()}
    a.close()

    # the same shards without their index (or with a stale one) take the per-document path
    plain = tmp_path / "plain"
    plain.mkdir()
    for s in shards:
        shutil.copy(s, plain / s.name)
    stale = json.loads(shards[0].with_suffix(".json").read_text(encoding="utf-8"))
    stale["index"]["size"] += 1
    (plain / shards[0].with_suffix(".json").name).write_text(json.dumps(stale), encoding="utf-8")
    b = Store(tmp_path / "b")
    assert dist.load_shards(b, sorted(plain.glob("*.nq")))["added"] == 10
    assert {str(q) for q in b.quads()} == got_a
    b.close()

    # a store holding one document of a shard: that shard goes document by document
    c = Store(tmp_path / "c")
    dist.load_shards(c, [shards[1]])
    doc = c.documents()[0]["id"]
    assert c.remove_document(doc)
    stats = dist.load_shards(c, shards)
    assert stats["added"] == 10 - 3 and stats["unchanged"] == 3
    assert {str(q) for q in c.quads()} == got_a
    c.close()
