"""QA round 5: named-query parameters that look like switches accept what users type."""

from __future__ import annotations

import pytest

from kg.errors import QueryError
from kg.query import get_named_query, run_named
from tests.fixtures_extraction import seed_extractions, seed_store


@pytest.fixture(scope="module")
def store():
    return seed_store()


def test_with_affiliated_accepts_yes_no_in_any_spelling_and_refuses_the_rest(store):
    """with_affiliated=YES or =true silently meant 'no' (only the exact string "yes" counted)."""
    assert get_named_query("events-of").param("with_affiliated").kind == "yesno"
    yes = run_named(store, "events-of", {"actor": "روسيا", "with_affiliated": "yes"})
    no = run_named(store, "events-of", {"actor": "روسيا", "with_affiliated": "no"})
    assert len(yes) > len(no)  # Lavrov's events come in through his country
    for v in ("YES", "true", "1", " Yes "):
        assert run_named(store, "events-of", {"actor": "روسيا", "with_affiliated": v}) == yes, v
    for v in ("NO", "false", "0"):
        assert run_named(store, "events-of", {"actor": "روسيا", "with_affiliated": v}) == no, v
    for v in ("maybe", "", "yes please"):
        with pytest.raises(QueryError, match="expected yes or no"):
            run_named(store, "events-of", {"actor": "روسيا", "with_affiliated": v})


@pytest.mark.parametrize("name, params, wanted", [
    ("events-by-category", {"plover": "CONSLUT"}, "not a PLOVER category; one of STATEMENT, AGREE, CONSULT"),
    ("who-met-whom", {"cameo": "04"}, "codes starting 04: 040, 041"),
    ("who-met-whom", {"cameo": "999"}, "not a CAMEO code of the codebook"),
])
def test_unknown_codes_are_errors_not_empty_results(store, name, params, wanted):
    """A misspelt category or a root CAMEO code silently matched nothing."""
    with pytest.raises(QueryError) as ei:
        run_named(store, name, params)
    assert wanted in str(ei.value), str(ei.value)


def test_known_codes_still_run(store):
    assert run_named(store, "who-met-whom", {"cameo": "041"})
    assert run_named(store, "events-by-category", {"plover": "consult"})


def test_a_date_range_that_ends_before_it_starts_is_an_error(store):
    """from=2024-01-01 to=2023-01-01 silently returned no rows."""
    with pytest.raises(QueryError, match="from=2024-01-01 is after to=2023-01-01"):
        run_named(store, "timeline", {"actor": "لافروف", "from": "2024-01-01", "to": "2023-01-01"})
    assert run_named(store, "timeline", {"actor": "لافروف", "from": "2023-08-16", "to": "2023-08-16"})


def test_event_details_keep_every_additional_evidence_sentence():
    """/api/event kept one of an event's additionalEvidence sentences (whichever the store
    returned last) and dropped the others; ant-dev events have up to 10."""
    from kg.query import event_details
    from kg.rdf.store import Store

    st = Store()
    for x in seed_extractions():
        st.add_extraction(x)
    rows = st.query("SELECT ?e (COUNT(?t) AS ?n) WHERE { ?e ankg:additionalEvidence ?t } GROUP BY ?e")
    ev = next((r["e"] for r in rows if r["n"] > 1), None)
    if ev is None:  # give one event a second sentence, as the RDF builder does for repeated mentions
        import pyoxigraph as ox

        from kg.rdf.vocab import PREFIXES

        ev = st.query("SELECT ?e WHERE { ?e ankg:additionalEvidence ?t } LIMIT 1")[0]["e"]
        ctx = st.query("SELECT ?g ?t WHERE { GRAPH ?g { ?e ankg:additionalEvidence ?t } }", {"e": ox.NamedNode(ev)},
                       raw=True)[0]
        st.ox.add(ox.Quad(ox.NamedNode(ev), ox.NamedNode(PREFIXES["ankg"] + "additionalEvidence"),
                          ox.NamedNode(ctx["t"].value + "-second"), ctx["g"]))
    texts = st.query("SELECT ?x WHERE { ?e ankg:additionalEvidence ?x }", {"e": __import__("pyoxigraph").NamedNode(ev)})
    d = event_details(st, ev)
    assert isinstance(d["additionalEvidence"], list) and len(d["additionalEvidence"]) == len(texts) > 1, d
