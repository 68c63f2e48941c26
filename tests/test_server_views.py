"""`kg serve`: the query page, the views drawn from the live store, and the JSON API."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.parse
import urllib.request

import pytest

from tests.fixtures_extraction import RT_ID, seed_extractions
from tests.servers import kg_serve


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    from kg.rdf.store import Store

    path = tmp_path_factory.mktemp("views") / "store"
    st = Store(path)
    for x in seed_extractions():
        st.add_extraction(x)
    st.close()
    with kg_serve(path) as url:
        yield url


def _get(url: str) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(url, timeout=60) as r:
            return r.status, r.headers.get("Content-Type", ""), r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type", ""), e.read().decode("utf-8")


def _offline(page: str) -> None:
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page), "the page loads something from the network"


def test_query_page_lists_the_named_queries(base):
    st, ct, page = _get(base + "/")
    assert st == 200 and ct.startswith("text/html")
    _offline(page)
    assert "who-met-whom" in page and 'dir="rtl"' in page
    st, _, body = _get(base + "/api/queries")
    assert st == 200 and {q["name"] for q in json.loads(body)} >= {"who-met-whom", "timeline"}


@pytest.mark.parametrize("path", ["/views/actor", "/views/event", f"/views/doc?id={RT_ID}",
                                  "/views/ego?focus=" + urllib.parse.quote("لافروف") + "&depth=1"])
def test_views_from_the_live_store(base, path):
    st, ct, page = _get(base + path)
    assert st == 200 and ct.startswith("text/html"), page[:300]
    _offline(page)
    assert "vis" in page and "لافروف" in page


def test_view_errors(base):
    st, _, msg = _get(base + "/views/ego?focus=" + urllib.parse.quote("لا أحد هنا"))
    assert st == 404 and msg.startswith("focus ") and "--focus" not in msg, msg  # no CLI flag in an HTTP answer
    st, _, msg = _get(base + "/views/doc")  # a missing parameter is the client's error (400), not a missing page
    assert st == 400 and "?id=" in msg
    st, _, _ = _get(base + "/views/nope")
    assert st == 404


def test_json_api(base):
    st, _, body = _get(base + "/api/search?q=" + urllib.parse.quote("لافروف"))
    hits = json.loads(body)
    assert st == 200 and hits[0]["label"] == "سيرغي لافروف" and hits[0]["country"] == "RUS"
    st, _, body = _get(base + "/api/entity?iri=" + urllib.parse.quote(hits[0]["iri"]))
    ent = json.loads(body)
    assert st == 200 and any(e["plover"] == "CONSULT" for e in ent["events"])
    ev_iri = next(e["event"] for e in ent["events"] if e["plover"] == "CONSULT")
    st, _, body = _get(base + "/api/event?iri=" + urllib.parse.quote(ev_iri))
    ev = json.loads(body)
    assert st == 200 and ev["cameoCode"] == "041" and "محادثة هاتفية" in ev["evidence"]
    assert {a["label"] for a in ev["targetActor"]} == {"أرارات ميرزويان"}
    st, _, body = _get(base + "/api/search?q=" + urllib.parse.quote('x" || true || "'))
    assert st == 200 and json.loads(body) == []
    st, _, _ = _get(base + "/api/entity?iri=" + urllib.parse.quote("https://example.org/none"))
    assert st == 404
