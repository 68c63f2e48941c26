"""The committed gold sets (benchmarks/gold*/: development and held-out) are valid and quote the
corpus verbatim."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.eval import _cameo_plover_table, check_gold_against_text, load_gold, validate_gold

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"
GOLD = BENCH / "gold"
FILES = sorted(p for d in sorted(BENCH.glob("gold*")) if d.is_dir() for p in d.glob("*.json"))


def test_gold_set_is_present():
    assert (GOLD / "README.md").is_file()
    assert len(FILES) >= 30, f"only {len(FILES)} gold files in {GOLD}"


@pytest.mark.parametrize("path", FILES, ids=[f"{p.parent.name}/{p.stem}" for p in FILES])
def test_gold_file_schema(path):
    d = json.loads(path.read_text(encoding="utf-8"))
    assert validate_gold(d, path.name, _cameo_plover_table()) == []
    assert d["file"] == path.stem, "a gold file is named after its article id"


def test_gold_folder_loads():
    gold = load_gold(GOLD)
    files = sorted(GOLD.glob("*.json"))
    assert len(gold) == len(files)
    n_events = sum(len(g["events"]) for g in gold.values())
    assert n_events >= len(files), "the dev set should average at least one event per article"


def test_no_article_is_in_two_gold_folders():
    seen: dict[str, str] = {}
    twice = []
    for path in FILES:
        art = json.loads(path.read_text(encoding="utf-8"))["file"]
        if art in seen:
            twice.append(f"{art}: {seen[art]} and {path.parent.name}")
        seen[art] = path.parent.name
    assert twice == []


@pytest.mark.shared
def test_gold_quotes_the_corpus_verbatim(shared):
    corpus = {}
    with (shared / "corpus" / "ant-dev.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            corpus[rec["id"]] = rec
    probs = []
    for path in FILES:
        d = json.loads(path.read_text(encoding="utf-8"))
        rec = corpus.get(d["file"])
        if rec is None:
            probs.append(f"{path.name}: article {d['file']} is not in ant-dev.jsonl")
            continue
        probs += check_gold_against_text(d, rec["text"], path.name)
    assert probs == []


def test_mentions_after_proclitic_lam_are_found():
    """ل + الولايات is written للولايات; ل + اللجنة is written للجنة (the article's lam goes too)."""
    text = "قدم تقريرا للجنة الأممية وأرسل نسخة للولايات المتحدة."
    gold = {"entities": [{"id": "e1", "mentions": ["اللجنة الأممية", "الولايات المتحدة"]}], "events": []}
    assert check_gold_against_text(gold, text, "x") == []
    gold["entities"][0]["mentions"].append("اللجان")
    assert len(check_gold_against_text(gold, text, "x")) == 1
