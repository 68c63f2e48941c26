"""``kg extract``: output schema, formats, exit codes and error lines (in-process and as a process)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "seed-article.txt"
DATA = Path(__file__).resolve().parent / "data" / "ingest"
ERROR_LINE = re.compile(r"^kg extract: error: \S.*?(:\d+)?: \S.*$")

ARTICLE = (
    "بحث وزير الخارجية الأردني مع نظيره المصري سبل تعزيز التعاون الاقتصادي بين البلدين.\n\n"
    "وقال الوزير إن العلاقات بين البلدين تشهد تطوراً مستمراً في جميع المجالات.\n"
)


def _lines(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_extract_seed_jsonl(capsys):
    rc = main(["extract", str(SEED), "--date", "2023-08-16", "--format", "jsonl"])
    out, err = capsys.readouterr()
    assert rc == 0, err
    assert err == ""  # stderr is not a TTY here: no progress bar
    objs = _lines(out)
    assert len(objs) == 2
    for o in objs:
        assert {"doc", "entities", "events"} <= o.keys()
        assert {"id", "title", "date", "source", "url", "text"} <= o["doc"].keys()
        assert isinstance(o["entities"], list) and isinstance(o["events"], list)
        for e in o["entities"]:
            assert {"id", "type", "label", "iri", "country", "mentions"} <= e.keys()
            for m in e["mentions"]:
                assert o["doc"]["text"][m["start"]:m["end"]] == m["text"]
    main_doc, iraq = objs[0]["doc"], objs[1]["doc"]
    assert main_doc["date"] == "2023-08-16" and main_doc["source"] == "RT Arabic"
    assert iraq["title"] == "الخارجية العراقية تحذر من عودة تنظيم داعش" and iraq["parent"] == main_doc["id"]
    assert len(main_doc["headlines"]) == 11 and "قوات حفظ السلام" in main_doc["keywords"]
    assert main_doc["text"] == SEED.read_text(encoding="utf-8")
    # sentences of each document stay inside its body
    for o in objs:
        ranges = o["doc"]["body"] or [[0, len(o["doc"]["text"])]]
        for s in o["sentences"]:
            assert any(a <= s["start"] < s["end"] <= b for a, b in ranges)


def test_extract_no_text_and_json_and_text_formats(capsys, tmp_path):
    assert main(["extract", str(SEED), "--no-text"]) == 0
    objs = _lines(capsys.readouterr().out)
    assert all("text" not in o["doc"] for o in objs)
    assert main(["extract", str(SEED), "--format", "json"]) == 0
    arr = json.loads(capsys.readouterr().out)
    assert isinstance(arr, list) and len(arr) == 2 and arr[0]["doc"]["source"] == "RT Arabic"
    assert main(["extract", str(SEED), "--format", "text"]) == 0
    text = capsys.readouterr().out
    assert "source: RT Arabic" in text and "title: الخارجية العراقية تحذر من عودة تنظيم داعش" in text
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(SEED), "-o", str(out)]) == 0
    assert capsys.readouterr().out == ""
    assert len(_lines(out.read_text(encoding="utf-8"))) == 2


def test_extract_metadata_options(capsys, tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    assert main(["extract", str(p), "--date", "23/03/2017", "--source", "وكالة تجريبية", "--url", "https://x.org/a"]) == 0
    (o,) = _lines(capsys.readouterr().out)
    assert (o["doc"]["date"], o["doc"]["source"], o["doc"]["url"]) == ("2017-03-23", "وكالة تجريبية", "https://x.org/a")


def test_extract_bad_inputs_exit_1_with_one_line_each(capsys, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\x01\x02\x03" * 64)
    corrupt = tmp_path / "c.jsonl"
    corrupt.write_text(json.dumps({"id": "r1", "text": ARTICLE}, ensure_ascii=False) + "\n{broken\n"
                       + json.dumps({"id": "r3", "text": ARTICLE}, ensure_ascii=False) + "\n", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    rc = main(["extract", str(empty), str(binary), str(good), str(corrupt), str(missing),
               str(DATA / "no-article.html"), "--no-text"])
    out, err = capsys.readouterr()
    assert rc == 1
    ids = [o["doc"]["id"] for o in _lines(out)]
    assert len(ids) == 3 and ids[1:] == ["r1", "r3"]  # good inputs still extracted, in input order
    errs = err.strip().splitlines()
    assert len(errs) == 5, err
    assert all(ERROR_LINE.match(line) for line in errs), err
    assert errs[0] == f"kg extract: error: {empty}: empty file"
    assert errs[1].startswith(f"kg extract: error: {binary}: binary file")
    assert errs[2].startswith(f"kg extract: error: {corrupt}:2: invalid JSON")
    assert errs[3] == f"kg extract: error: {missing}: no such file or directory"
    assert errs[4].startswith(f"kg extract: error: {DATA / 'no-article.html'}: no article text")


def test_extract_strict_stops_at_first_error(capsys, tmp_path):
    corrupt = tmp_path / "c.jsonl"
    corrupt.write_text(json.dumps({"id": "r1", "text": ARTICLE}, ensure_ascii=False) + "\nnot json\n"
                       + json.dumps({"id": "r3", "text": ARTICLE}, ensure_ascii=False) + "\n", encoding="utf-8")
    rc = main(["extract", str(corrupt), "--strict", "--no-text"])
    out, err = capsys.readouterr()
    assert rc == 1
    assert [o["doc"]["id"] for o in _lines(out)] == ["r1"]
    assert err.strip() == f"kg extract: error: {corrupt}:2: invalid JSON: Expecting value (column 1)"


def test_extract_usage_errors_exit_2(capsys):
    assert main(["extract", str(SEED), "--date", "yesterday-ish"]) == 2
    assert "--date" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["extract", str(SEED), "--format", "xml"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main(["extract"])
    assert exc.value.code == 2


def _kg_command() -> list[str]:
    exe = Path(sys.executable).parent / "kg"
    if exe.exists():
        return [str(exe)]
    found = shutil.which("kg")
    return [found] if found else [sys.executable, "-m", "kg.cli"]


def test_extract_as_a_process_exit_codes_and_no_traceback(tmp_path):
    cmd = _kg_command() + ["extract"]
    env = {k: v for k, v in os.environ.items() if k != "KG_DEBUG"}
    ok = subprocess.run(cmd + [str(SEED), "--no-text"], capture_output=True, text=True, env=env, timeout=120)
    assert ok.returncode == 0, ok.stderr
    assert len(_lines(ok.stdout)) == 2 and ok.stderr == ""

    cp = tmp_path / "cp1256.txt"
    cp.write_bytes(ARTICLE.encode("cp1256"))
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(b'{"id": 1, "text": "\xff\xfe"}\n{"text": ""}\n')
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "blob.htm"
    binary.write_bytes(bytes(range(256)) * 8)
    res = subprocess.run(cmd + [str(cp), str(bad), str(empty), str(binary), str(tmp_path / "nope"),
                                str(DATA / "no-article.html"), "-", "--no-text", "--source", "وكالة"],
                         input=ARTICLE, capture_output=True, text=True, env=env, timeout=120)
    assert res.returncode == 1
    assert "Traceback" not in res.stderr and "Traceback" not in res.stdout
    lines = res.stderr.strip().splitlines()
    warns = [e for e in lines if e.startswith("kg extract: warning: ")]
    errs = [e for e in lines if e not in warns]
    # the guessed code page is named (a wrong guess would otherwise go unnoticed)
    assert warns == [f"kg extract: warning: {cp}: not UTF-8; read as cp1256 (detected); "
                     "convert the file to UTF-8 if the text is wrong"], res.stderr
    assert len(errs) == 6 and all(ERROR_LINE.match(e) for e in errs), res.stderr
    assert errs[0].startswith(f"kg extract: error: {bad}:1: not valid UTF-8")
    assert errs[1].startswith(f"kg extract: error: {bad}:2: record has no")
    o, o_stdin = _lines(res.stdout)  # the cp1256 file was decoded and extracted, then stdin
    assert o["doc"]["meta"]["encoding"] == "cp1256"
    assert o_stdin["doc"]["source"] == "وكالة" and o_stdin["doc"]["path"] == "<stdin>"

    usage = subprocess.run(cmd + [str(SEED), "--date", "nonsense"], capture_output=True, text=True, env=env,
                           timeout=120)
    assert usage.returncode == 2 and "Traceback" not in usage.stderr

