"""kg build: a rerun that finds everything built does not load the models; a build whose
inputs are all missing stops before creating a store, exports or views."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SEED
from tests.test_build import RUN_TIME, kg

from kg.errors import InputError


def _opts(out: Path, workers: int = 1):
    from kg.build import BuildOptions

    return BuildOptions(out=out, workers=workers, formats=(), views=False, run_time=RUN_TIME, quiet=True,
                        batch_size=4, date="2023-08-16")


def test_a_rerun_with_everything_built_loads_no_models(tmp_path, monkeypatch):
    from kg.build import build_corpus
    from kg.pipeline import Pipeline

    first = build_corpus([str(SEED)], _opts(tmp_path / "out"), report=lambda line: None)
    assert first.added >= 1
    calls = []
    real = Pipeline.extract
    monkeypatch.setattr(Pipeline, "extract", lambda self, doc: calls.append(doc.id) or real(self, doc))
    again = build_corpus([str(SEED)], _opts(tmp_path / "out"), report=lambda line: None)
    assert again.exit_code == 0 and again.documents_skipped == first.documents_extracted
    assert calls == []  # not even the warm-up document
    # a rerun with a changed document loads them when it needs them
    changed = tmp_path / "changed.txt"
    changed.write_text(SEED.read_text(encoding="utf-8") + "\nوأكد الرئيس إيمانويل ماكرون دعم فرنسا للبنان.\n",
                       encoding="utf-8")
    third = build_corpus([str(changed)], _opts(tmp_path / "out"), report=lambda line: None)
    assert third.documents_extracted >= 1 and calls[0] == "warmup"


def test_a_build_whose_inputs_are_all_missing_creates_nothing(tmp_path):
    from kg.build import build_corpus

    out = tmp_path / "out"
    with pytest.raises(InputError, match="nosuch.txt.*no such file or directory"):
        build_corpus([str(tmp_path / "nosuch.txt")], _opts(out), report=lambda line: None)
    assert not out.exists()
    r = kg("build", str(tmp_path / "nosuch.txt"), str(tmp_path / "gone"), "-o", str(out))
    assert r.returncode != 0 and not out.exists()
    assert "nosuch.txt" in r.stderr and "gone" in r.stderr and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_a_missing_input_beside_a_readable_one_is_a_failure_of_the_build(tmp_path):
    from kg.build import build_corpus

    s = build_corpus([str(tmp_path / "nosuch.txt"), str(SEED)], _opts(tmp_path / "out"), report=lambda line: None)
    assert s.exit_code == 1 and s.added >= 1
    assert any("nosuch.txt" in f["where"] for f in s.failures)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_document_id_met_twice_in_one_build_is_named_in_a_warning(tmp_path, workers):
    import json

    from kg.build import BuildOptions, build_corpus

    text = SEED.read_text(encoding="utf-8")
    src = tmp_path / "dup.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in [
        {"id": "a", "text": text, "date": "2023-08-16"},
        {"id": "b", "text": text[:400], "date": "2023-08-16"},
        {"id": "a", "text": text[:600], "date": "2023-08-16"}]), encoding="utf-8")
    lines: list[str] = []
    opts = BuildOptions(out=tmp_path / "out", workers=workers, formats=(), views=False, run_time=RUN_TIME,
                        batch_size=4)
    s = build_corpus([str(src)], opts, report=lines.append)
    dup = [line for line in lines if "'a'" in line and "already read" in line]
    assert len(dup) == 1 and "dup.jsonl" in dup[0], lines
    assert not any("'b'" in line for line in lines)
    assert s.exit_code == 0 and s.replaced == 1
