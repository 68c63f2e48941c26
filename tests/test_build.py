"""kg build: the seed example end to end, parallel = in-process, bad inputs (exit 1, others built)."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEED

PERSONS = ["سيرغي لافروف", "أرارات ميرزويان", "فؤاد حسين", "أنطونيو غوتيريش", "رجب طيب أردوغان", "عبد الله الثاني",
           "إيمانويل ماكرون", "محمود عباس", "نجيب ميقاتي", "أحمد أبو الغيط", "جوزيب بوريل", "تميم بن حمد"]
COUNTRIES = ["روسيا", "أرمينيا", "العراق", "تركيا", "الأردن", "فرنسا", "مصر", "لبنان", "قطر", "الجزائر", "تونس", "ليبيا"]
TITLES = ["وزير الخارجية", "الرئيس", "رئيس الوزراء", "الأمين العام", "المتحدث باسم الحكومة"]
TOPICS = ["الأوضاع في المنطقة", "التعاون الاقتصادي", "الأزمة الإنسانية", "ملف اللاجئين", "أمن الحدود",
          "التحضير للقمة المقبلة", "العلاقات الثنائية"]
TEMPLATES = [
    "أجرى {t1} {p1} اتصالا هاتفيا مع {p2} بحثا خلاله {topic}.",
    "التقى {t1} {p1} في {c1} مع {t2} {p2} وناقشا {topic}.",
    "أدان {p1} الهجوم الذي استهدف مدينة في {c1} يوم {day}.",
    "قال {t1} {p1} إن {c1} مستعدة للحوار مع {c2} حول {topic}.",
    "وصل {p1} إلى {c1} في زيارة رسمية يلتقي خلالها {p2}.",
    "أعلنت {c1} أنها ستقدم مساعدات إلى {c2} لمواجهة {topic}.",
    "انتقد {p1} موقف {c2} من {topic}، داعيا إلى وقف التصعيد.",
]
DAYS = ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"]


def make_corpus(path: Path, n: int, seed: int = 7, sentences: tuple[int, int] = (3, 6)) -> Path:
    """A JSONL corpus of ``n`` synthetic Arabic news items built from templates (ids doc-00001...)."""
    rnd = random.Random(seed)
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            parts = []
            for _ in range(rnd.randint(*sentences)):
                p1, p2 = rnd.sample(PERSONS, 2)
                c1, c2 = rnd.sample(COUNTRIES, 2)
                parts.append(rnd.choice(TEMPLATES).format(t1=rnd.choice(TITLES), t2=rnd.choice(TITLES), p1=p1, p2=p2,
                                                          c1=c1, c2=c2, topic=rnd.choice(TOPICS), day=rnd.choice(DAYS)))
            rec = {"id": f"doc-{i + 1:05d}", "title": parts[0][:40], "text": "\n".join(parts),
                   "date": f"2023-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}", "source": "وكالة الاختبار"}
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path


def kg(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True, timeout=timeout)


def store_quads(store_dir: Path, drop_times: bool = False) -> set[str]:
    """The store's quads as canonical N-Quads lines (optionally without the run-time stamps)."""
    from kg.rdf.store import Store

    st = Store(store_dir, read_only=True)
    try:
        lines = {str(q) for q in st.quads()}
    finally:
        st.close()
    if drop_times:
        lines = {q for q in lines if "prov#generatedAtTime>" not in q and "prov#endedAtTime>" not in q}
    return lines


RUN_TIME = "2024-01-01T00:00:00+00:00"


def _triples_nt(lines) -> set[str]:
    return {str(t) for t in lines}


def test_seed_build_writes_store_exports_views_and_summary(tmp_path):
    import pyoxigraph as ox
    import rdflib

    from kg.model import Extraction
    from kg.rdf.store import Store

    out = tmp_path / "seed"
    r = kg("build", str(SEED), "--date", "2023-08-16", "-o", str(out), "--workers", "1")
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    for name in ("graph.ttl", "graph.trig", "graph.jsonld", "graph.graphml", "events.csv", "extractions.jsonl",
                 "build-summary.json", "views/index.html"):
        assert (out / name).is_file() and (out / name).stat().st_size > 0, name
    assert (out / "store" / "kgstore.json").is_file()
    summary = json.loads((out / "build-summary.json").read_text(encoding="utf-8"))
    assert summary["exit_code"] == 0 and summary["failures"] == []
    assert summary["documents_read"] == summary["documents_extracted"] == summary["store_documents"] >= 2
    assert summary["store_quads"] > 500 and summary["events"] > 0 and summary["entities"] > 0

    lines = (out / "extractions.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == summary["documents_read"]
    exs = [Extraction.from_dict(json.loads(line)) for line in lines]
    assert all(ex.doc.date == "2023-08-16" for ex in exs if ex.doc.parent is None)

    # the Turtle parses back with rdflib and with Oxigraph to the same triples, those of the store
    ttl = (out / "graph.ttl").read_bytes()
    ox_triples = _triples_nt(ox.parse(ttl, format=ox.RdfFormat.TURTLE))
    g = rdflib.Graph()
    g.parse(data=ttl.decode("utf-8"), format="turtle")
    # rdflib normalizes literals ("-10"^^xsd:double), so compare both parses as rdflib terms
    via_ox = rdflib.Graph()
    via_ox.parse(data=ox.serialize(ox.parse(ttl, format=ox.RdfFormat.TURTLE), format=ox.RdfFormat.N_TRIPLES).decode(),
                 format="nt")
    assert len(g) == len(via_ox) == len(ox_triples) > 500
    assert set(g) == set(via_ox)
    st = Store(out / "store", read_only=True)
    try:
        assert ox_triples == {str(q.triple) for q in st.quads()}
        assert st.verify() == []
    finally:
        st.close()

    # a second build of the same input extracts nothing and changes nothing
    before = store_quads(out / "store")
    r2 = kg("build", str(SEED), "--date", "2023-08-16", "-o", str(out), "--workers", "1", "--no-views", "--quiet")
    assert r2.returncode == 0, r2.stderr
    s2 = json.loads((out / "build-summary.json").read_text(encoding="utf-8"))
    assert s2["documents_extracted"] == 0 and s2["documents_skipped"] == summary["documents_read"]
    assert store_quads(out / "store") == before
    assert len((out / "extractions.jsonl").read_text(encoding="utf-8").splitlines()) == len(lines)


def _seam(path: Path) -> list[dict]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        d.pop("meta")  # timings
        out.append(d)
    return out


def test_two_workers_equal_one_worker(tmp_path):
    corpus = make_corpus(tmp_path / "c.jsonl", 24, seed=3)
    outs = []
    for workers in ("1", "2"):
        out = tmp_path / f"w{workers}"
        r = kg("build", str(corpus), "-o", str(out), "--workers", workers, "--run-time", RUN_TIME,
               "--no-views", "--formats", "nquads", "--batch-size", "5")
        assert r.returncode == 0, r.stderr
        outs.append(out)
    assert store_quads(outs[0] / "store") == store_quads(outs[1] / "store")
    assert (outs[0] / "graph.nq").read_bytes() == (outs[1] / "graph.nq").read_bytes()
    seam = _seam(outs[0] / "extractions.jsonl")
    assert [d["build"]["id"] for d in seam] == [f"doc-{i:05d}" for i in range(1, 25)]  # input order
    assert seam == _seam(outs[1] / "extractions.jsonl")
    s2 = json.loads((outs[1] / "build-summary.json").read_text(encoding="utf-8"))
    assert s2["workers"] == 2 and s2["store_documents"] == 24


def test_quads_built_in_parent_equal_quads_built_in_workers(tmp_path):
    from kg.build import BuildOptions, build_corpus

    corpus = make_corpus(tmp_path / "c.jsonl", 8, seed=5)
    results = []
    for where in ("worker", "parent"):
        opts = BuildOptions(out=tmp_path / where, workers=1, formats=(), views=False, run_time=RUN_TIME,
                            build_in=where, quiet=True, batch_size=3)
        s = build_corpus([str(corpus)], opts, report=lambda line: None)
        assert s.exit_code == 0 and s.added == 8
        results.append(store_quads(tmp_path / where / "store"))
    assert results[0] == results[1]


def test_changed_document_is_replaced_and_new_ones_added(tmp_path):
    corpus = make_corpus(tmp_path / "c.jsonl", 6, seed=11)
    out = tmp_path / "out"
    assert kg("build", str(corpus), "-o", str(out), "--workers", "1", "--no-views", "--formats", "none").returncode == 0
    recs = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines()]
    recs[2]["text"] += "\nوأكد الرئيس إيمانويل ماكرون دعم فرنسا للبنان."
    recs.append({"id": "doc-new", "text": "التقى الرئيس رجب طيب أردوغان في تركيا مع محمود عباس."})
    corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    r = kg("build", str(corpus), "-o", str(out), "--workers", "1", "--no-views", "--formats", "none")
    assert r.returncode == 0, r.stderr
    s = json.loads((out / "build-summary.json").read_text(encoding="utf-8"))
    assert (s["documents_skipped"], s["replaced"], s["added"]) == (5, 1, 1)
    assert s["store_documents"] == 7
    ids = [json.loads(line)["build"]["id"] for line in (out / "extractions.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(ids) == sorted({r["id"] for r in recs})  # one line per document after compaction
    last = [json.loads(line) for line in (out / "extractions.jsonl").read_text(encoding="utf-8").splitlines()
            if json.loads(line)["build"]["id"] == "doc-00003"][0]
    assert "ماكرون دعم فرنسا" in last["doc"]["text"]


def test_bad_inputs_fail_by_name_and_the_rest_is_built(tmp_path):
    good = make_corpus(tmp_path / "good.jsonl", 3, seed=2)
    lines = good.read_text(encoding="utf-8").splitlines()
    bad = tmp_path / "mixed.jsonl"
    bad.write_text(lines[0] + "\n{\"id\": \"x\", \"text\": \"broken\n" + lines[1] + "\n", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(bytes(range(256)) * 40)
    out = tmp_path / "out"
    r = kg("build", str(bad), str(empty), str(binary), str(tmp_path / "missing.txt"), str(SEED), "--date", "2023-08-16",
           "-o", str(out), "--workers", "2", "--no-views", "--formats", "turtle")
    assert r.returncode == 1, r.stderr
    assert "Traceback" not in r.stderr
    assert f"{bad}:2:" in r.stderr and "missing.txt" in r.stderr and "empty.txt" in r.stderr
    s = json.loads((out / "build-summary.json").read_text(encoding="utf-8"))
    where = " ".join(f["where"] for f in s["failures"])
    assert f"{bad}:2" in where and "missing.txt" in where and "empty.txt" in where and "blob.txt" in where
    assert s["store_documents"] == s["documents_read"]  # both good records and the seed page's documents
    assert s["documents_extracted"] == s["documents_read"] >= 4
    assert (out / "graph.ttl").stat().st_size > 0

    # --strict stops at the first bad input
    r = kg("build", str(bad), "-o", str(tmp_path / "strict"), "--workers", "1", "--strict", "--no-views")
    assert r.returncode == 1 and "Traceback" not in r.stderr


@pytest.mark.parametrize("args", [["--workers", "0"], ["--formats", "docx"], ["--date", "not a date"],
                                  ["--run-time", "yesterday"], ["--shards", "x"]])
def test_usage_errors_exit_2(tmp_path, args):
    r = kg("build", str(SEED), "-o", str(tmp_path / "o"), *args)
    assert r.returncode == 2, (args, r.stderr)
    assert "Traceback" not in r.stderr and "error" in r.stderr


@pytest.mark.parametrize("background", [False, True])
def test_writer_keeps_the_last_version_of_a_document_written_twice_in_a_row(background):
    """A document re-added while its first version is still pending (or queued for the writer
    thread) ends up replaced, never mixed; documents are written whole."""
    import dataclasses

    import pyoxigraph as ox

    from kg.build import DocResult, StoreWriter
    from kg.rdf.build import build
    from kg.rdf.store import Store
    from tests.fixtures_extraction import seed_extractions

    exs = seed_extractions()
    ex1 = exs[0]
    ex2 = dataclasses.replace(ex1, doc=dataclasses.replace(ex1.doc, title="عنوان آخر"))

    def result(ex) -> DocResult:
        b = build(ex, generated_at=RUN_TIME)
        return DocResult(doc_id=ex.doc.id, where=ex.doc.id, doc_iri=b.doc_iri, content_hash=b.content_hash,
                         nquads=ox.serialize(b.quads, format=ox.RdfFormat.N_QUADS), n_quads=len(b))

    st = Store()
    w = StoreWriter(st, batch_size=1, background=background)  # batch of 1: v1 is handed over at once
    assert w.add(result(ex1)) == "added"
    for other in exs[1:]:
        w.add(result(other))
    assert w.add(result(ex2)) == "replaced"
    assert w.add(result(ex2)) == "unchanged"
    w.close()
    assert st.verify() == []
    expected = Store()
    expected.add_extractions([ex2] + exs[1:], generated_at=RUN_TIME)
    assert {str(q) for q in st.quads()} == {str(q) for q in expected.quads()}


def _build(paths, out: Path, workers: int, **kw):
    from kg.build import BuildOptions, build_corpus

    opts = BuildOptions(out=out, workers=workers, formats=(), views=False, run_time=RUN_TIME, quiet=True,
                        batch_size=4, **kw)
    return build_corpus([str(p) for p in paths], opts, report=lambda line: None)


def test_workers_read_pages_and_records_as_the_in_process_build_does(tmp_path):
    """A parallel build's workers read, segment and hash the inputs (the parent only cuts
    them into units): same store, journal, failures and counts as one process."""
    corpus = make_corpus(tmp_path / "c.jsonl", 6, seed=17)
    lines = corpus.read_text(encoding="utf-8").splitlines()
    corpus.write_text("\n".join(lines[:3] + ["{broken"] + lines[3:]) + "\n", encoding="utf-8")
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "seed.txt").write_bytes(SEED.read_bytes())
    (pages / "empty.txt").write_bytes(b"")
    inputs = [corpus, pages, tmp_path / "missing.jsonl"]
    s1 = _build(inputs, tmp_path / "one", 1, date="2023-08-16", source="وكالة الاختبار")
    s2 = _build(inputs, tmp_path / "two", 2, date="2023-08-16", source="وكالة الاختبار")
    assert store_quads(tmp_path / "one" / "store") == store_quads(tmp_path / "two" / "store")
    assert _seam(tmp_path / "one" / "extractions.jsonl") == _seam(tmp_path / "two" / "extractions.jsonl")
    assert s1.documents_read == s2.documents_read == s2.documents_extracted == s2.added >= 8
    assert sorted(f["where"] for f in s1.failures) == sorted(f["where"] for f in s2.failures)
    assert len(s2.failures) == 3 and s2.exit_code == 1


def test_parallel_rerun_redoes_a_stored_document_that_an_earlier_duplicate_replaced(tmp_path):
    """Resuming: the workers skip documents stored with the same input hash when the build
    started; one that an earlier document of the same run (same id, other text) replaced
    since is extracted again, so the last version wins as in an uninterrupted build."""
    recs = [json.loads(line) for line in make_corpus(tmp_path / "c.jsonl", 3, seed=19).read_text(
        encoding="utf-8").splitlines()]
    first = tmp_path / "first.jsonl"
    first.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    changed = dict(recs[0], text=recs[0]["text"] + "\nوأكد الرئيس إيمانويل ماكرون دعم فرنسا للبنان.")
    second = tmp_path / "second.jsonl"
    second.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in [changed, recs[1], recs[0], recs[2]]),
                      encoding="utf-8")
    assert _build([first], tmp_path / "out", 1).added == 3
    s = _build([second], tmp_path / "out", 2)
    assert s.exit_code == 0 and s.replaced == 2 and s.documents_skipped == 2
    ref = _build([second], tmp_path / "ref", 1)
    assert ref.replaced == 1 and ref.unchanged == 0
    assert store_quads(tmp_path / "out" / "store") == store_quads(tmp_path / "ref" / "store")


def test_store_is_compacted_after_a_build_that_wrote_a_large_share_of_it(tmp_path, monkeypatch):
    from kg.build import BuildOptions, build_corpus
    from kg.rdf.store import Store

    calls = []
    real = Store.optimize
    monkeypatch.setattr(Store, "optimize", lambda self: (calls.append(len(self)), real(self))[1])
    corpus = make_corpus(tmp_path / "c.jsonl", 12, seed=5, sentences=(3, 3))
    opts = BuildOptions(out=tmp_path / "out", workers=1, formats=(), views=False, quiet=True, progress=False,
                        run_time=RUN_TIME)
    s = build_corpus([str(corpus)], opts)
    assert s.added == 12 and len(calls) == 1  # a new store: compacted
    recs = corpus.read_text(encoding="utf-8").splitlines()
    one = make_corpus(tmp_path / "one.jsonl", 13, seed=5, sentences=(3, 3)).read_text(encoding="utf-8").splitlines()[-1]
    corpus.write_text("\n".join(recs + [one]) + "\n", encoding="utf-8")
    s = build_corpus([str(corpus)], opts)
    assert (s.added, s.documents_skipped) == (1, 12) and len(calls) == 1  # 1 of 13 documents: left to RocksDB
    more = make_corpus(tmp_path / "more.jsonl", 18, seed=5, sentences=(3, 3)).read_text(encoding="utf-8").splitlines()
    corpus.write_text("\n".join(more) + "\n", encoding="utf-8")
    s = build_corpus([str(corpus)], opts)
    assert s.added == 5 and len(calls) == 2  # 5 of 18: compacted
    assert s.store_documents == 18 and s.store_quads == len(store_quads(tmp_path / "out" / "store"))


def test_build_counts_the_store_once_and_a_default_build_skips_jsonld_over_the_limit(tmp_path, monkeypatch):
    import kg.build
    from kg.build import BuildOptions, build_corpus, write_outputs
    from kg.rdf.store import Store

    counts = []
    real = Store.__len__
    monkeypatch.setattr(Store, "__len__", lambda self: (counts.append(1), real(self))[1])
    monkeypatch.setattr(kg.build, "JSONLD_AUTO_MAX", 10)
    corpus = make_corpus(tmp_path / "c.jsonl", 3, seed=2, sentences=(2, 2))
    opts = BuildOptions(out=tmp_path / "out", workers=1, formats=("jsonld",), views=False, quiet=True,
                        progress=False, run_time=RUN_TIME)
    s = build_corpus([str(corpus)], opts)
    assert s.exit_code == 0 and s.added == 3 and len(counts) == 1  # compaction, JSON-LD and summary share it
    assert s.store_quads == len(store_quads(tmp_path / "out" / "store")) > 10
    assert f"the store holds {s.store_quads} quads" in " ".join(s.notes)
    assert "jsonld" not in s.exports and not (tmp_path / "out" / "graph.jsonld").exists()
    # without the caller's count, write_outputs counts the store itself
    counts.clear()
    s.notes.clear()
    st = Store(tmp_path / "out" / "store", read_only=True)
    try:
        write_outputs(st, tmp_path / "out", ("jsonld",), False, s, lambda line: None, explicit=False)
    finally:
        st.close()
    assert len(counts) == 1 and f"the store holds {s.store_quads} quads" in " ".join(s.notes)
