"""The README's examples run as written: the Python block and the phone-call SPARQL query."""

from __future__ import annotations

import os
import re

from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _block(lang: str, after: str) -> str:
    start = README.index(after)
    m = re.compile(rf"```{lang}\n(.*?)```", re.S).search(README, start)
    assert m, f"no ```{lang} block after {after!r}"
    return m.group(1)


def test_python_example_runs(tmp_path, monkeypatch):
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    monkeypatch.chdir(tmp_path)
    code = _block("python", "### Python")
    ns: dict = {}
    exec(compile(code, "README.md", "exec"), ns)
    assert (tmp_path / "graph.ttl").stat().st_size > 1000
    assert (tmp_path / "actors.html").exists()
    assert ns["df"].iloc[0]["target"] == "أرارات ميرزويان"
    assert [r["e"] for r in ns["rows"]] == ["https://w3id.org/ankg/id/gpe/RUS"]


def test_phone_call_query(seed_store_dir):
    from kg.rdf.store import Store

    q = _block("sparql", "Who spoke by phone")
    st = Store(seed_store_dir, read_only=True)
    try:
        rows = st.query(q)
    finally:
        st.close()
    calls = {(r["caller"], r["callee"]): r for r in rows}
    assert calls[("سيرغي لافروف", "أرارات ميرزويان")]["date"] == "2023-08-16"
    assert ("فؤاد حسين", "هاميش فالكونر") in calls
    assert all(r["evidence"] for r in rows)
    assert any("قره باغ" in (r["about"] or "") for r in rows)


def test_readme_commands_match_ci():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test_cmd = next(line for line in README.splitlines() if "pytest" in line and line.startswith("python3 -m venv"))
    assert test_cmd in ci
    assert os.access(ROOT / ".ci" / "run", os.X_OK)
