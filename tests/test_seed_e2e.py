"""End to end on the seed page: `kg extract` gives what issues 2, 3 and 4 promise.

The seed article is an example, not the spec: these checks name what a reader finds in
it, and the extraction must find it through general rules and data.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import SEED
from kg.nlp.text import normalize


@pytest.fixture(scope="module")
def docs():
    r = subprocess.run([sys.executable, "-m", "kg.cli", "extract", str(SEED), "--date", "2023-08-16",
                        "--format", "jsonl", "--quiet"], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    out = [json.loads(line) for line in r.stdout.splitlines() if line.strip()]
    return out


def _entity(doc, *names, type_=None):
    """The one entity of ``doc`` that has a mention (or label/alias) among ``names``."""
    wanted = {normalize(n) for n in names}
    found = []
    for e in doc["entities"]:
        forms = {normalize(m["text"]) for m in e["mentions"]} | {normalize(e["label"])} | \
                {normalize(a) for a in e.get("aliases", [])}
        if forms & wanted and (type_ is None or e["type"] == type_):
            found.append(e)
    assert len(found) == 1, f"{names}: {len(found)} entities: {[e['id'] for e in found]}"
    return found[0]


def test_schema_and_documents(docs, seed_text):
    assert len(docs) == 2
    main, second = docs
    for d in docs:
        assert set(d["doc"]) >= {"id", "title", "date", "source", "url"}
        for e in d["entities"]:
            assert e["type"] in ("PER", "ORG", "GPE", "LOC") and e["iri"]
            for m in e["mentions"]:
                assert seed_text[m["start"]:m["end"]] == m["text"]
        for ev in d["events"]:
            assert seed_text[ev["trigger"]["start"]:ev["trigger"]["end"]] == ev["trigger"]["text"]
            assert ev["evidence"]["start"] <= ev["trigger"]["start"] < ev["evidence"]["end"]
    assert main["doc"]["date"] == "2023-08-16"
    assert main["doc"]["source"] and "RT" in main["doc"]["source"]
    assert second["doc"]["title"] == "الخارجية العراقية تحذر من عودة تنظيم داعش"
    # related headlines and tags stay out of the body: nothing is extracted from them
    tail = seed_text.index("مقالات مشابهة")
    tags = seed_text.index("كلمات دلالية")
    for d in docs:
        for e in d["entities"]:
            for m in e["mentions"]:
                assert not (m["start"] >= tail or tags <= m["start"] < seed_text.index("إقرأ أيضاً")), m
    assert seed_text.index("كشف وزير الخارجية العراقي") > tags
    assert "قره باغ" in main["doc"]["keywords"]
    assert len(main["doc"]["headlines"]) >= 10
    assert "لافروف يناقش الوضع في أوكرانيا مع نظيره السويسري" in main["doc"]["headlines"]


def test_entities_of_issue_3(docs):
    main, second = docs
    lavrov = _entity(main, "سيرغي لافروف", type_="PER")
    assert lavrov["country"] == "RUS" and "وزير الخارجية" in (lavrov["title"] or "")
    assert _entity(main, "أرارات ميرزويان", type_="PER")["country"] == "ARM"
    for name, iso in (("روسيا", "RUS"), ("أرمينيا", "ARM"), ("أذربيجان", "AZE")):
        assert _entity(main, name, type_="GPE")["id"] == f"GPE:{iso}"
    for name in ("ناغورني قره باغ", "معبر لاتشين", "ستيباناكيرت", "باكو", "مجلس الأمن الدولي"):
        _entity(main, name)
    ru_mfa = _entity(main, "الخارجية الروسية", type_="ORG")
    am_mfa = _entity(main, "وزارة الخارجية الأرمينية", type_="ORG")
    assert ru_mfa["country"] == "RUS" and am_mfa["country"] == "ARM"
    hussein = _entity(second, "فؤاد حسين", type_="PER")
    assert hussein["country"] == "IRQ"
    assert {"حسين"} <= {m["text"] for m in hussein["mentions"]}
    falconer = _entity(second, "هاميش فالكونر", type_="PER")
    assert falconer["country"] == "GBR"
    assert "فالكونر" in {m["text"] for m in falconer["mentions"]}
    for name, iso in (("العراق", "IRQ"), ("سوريا", "SYR"), ("بريطانيا", "GBR")):
        assert _entity(second, name, type_="GPE")["id"] == f"GPE:{iso}"
    _entity(second, "داعش", type_="ORG")
    _entity(second, "قوات سوريا الديمقراطية", type_="ORG")
    # the same entity has the same IRI in both documents
    syria = {e["iri"] for d in docs for e in d["entities"] if e["id"] == "GPE:SYR"}
    russia = {e["iri"] for d in docs for e in d["entities"] if e["id"] == "GPE:RUS"}
    assert len(syria) == 1 and len(russia) == 1 and syria != russia


def _events(doc, plover=None, cameo=None):
    return [e for e in doc["events"] if (plover is None or e["plover"] == plover)
            and (cameo is None or e["cameo"] == cameo) and e.get("modality", "asserted") in ("asserted", "reported")]


def test_events_of_issue_4(docs):
    main, second = docs
    ids = {e["id"]: e for e in main["entities"]}
    lavrov = _entity(main, "سيرغي لافروف")["id"]
    mirzoyan = _entity(main, "أرارات ميرزويان")["id"]
    calls = [e for e in _events(main, "CONSULT", "041") if {lavrov, mirzoyan} <= set(e["source"]) | set(e["target"])]
    assert len(calls) == 1, "the call is told twice (lead and quoted statement): one event"
    call = calls[0]
    assert call["date"] == "2023-08-16"
    topic = {ids[t]["id"] for t in call.get("topic", []) if t in ids}
    assert {"GPE:ARM", "GPE:AZE"} <= topic and any("قره باغ" in ids[t]["label"] for t in call["topic"])
    checkpoint = [e for e in main["events"] if e["plover"] in ("MOBILIZE", "COERCE") and (e["date"] or "").startswith("2023-04")]
    assert checkpoint, "the border guards' checkpoint in April"
    road = _events(main, "PROTEST", "144")
    assert road and road[0]["date"] == "2022-12"
    assert _events(main, "ACCUSE")
    fight = _events(main, "ASSAULT", "190")
    assert fight and fight[0]["date"] == "2020-09"
    hussein = _entity(second, "فؤاد حسين")["id"]
    falconer = _entity(second, "هاميش فالكونر")["id"]
    warn = [e for e in _events(second, "STATEMENT", "012") if hussein in e["source"]]
    assert warn, "Hussein warns of ISIS's return"
    call2 = [e for e in _events(second, "CONSULT", "041") if {hussein, falconer} <= set(e["source"]) | set(e["target"])]
    assert len(call2) == 1
