"""Extraction -> quads: determinism, layout, NIF evidence, external ids, input errors."""

from __future__ import annotations

import copy
import hashlib

import pyoxigraph as ox
import pytest

from tests.fixtures_extraction import PAGE_ID, RT_ID, SHAFAQ_ID, hostile_extraction, seed_extractions, synthetic_extraction
from kg.errors import InputError
from kg.iri import document_iri, entity_iri, event_iri
from kg.model import Span
from kg.rdf.build import build, typed_date
from kg.rdf.vocab import ANKG, ITSRDF, NIF, RDFS, SKOS, XSD

A = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


@pytest.fixture(scope="module")
def seed():
    return seed_extractions()


def _store(quads):
    s = ox.Store()
    s.extend(quads)
    return s


def _objects(store, s, p):
    return sorted((q.object for q in store.quads_for_pattern(s, p, None, None)), key=str)


def test_same_extraction_same_quads(seed):
    a = build(seed[0], generated_at="2024-01-01T00:00:00+00:00")
    b = build(copy.deepcopy(seed[0]), generated_at="2024-01-01T00:00:00+00:00")
    assert [str(q) for q in a.quads] == [str(q) for q in b.quads]
    assert a.content_hash == b.content_hash
    # the run time changes the provenance, never the content hash
    c = build(seed[0], generated_at="2025-06-01T12:00:00+00:00")
    assert c.content_hash == a.content_hash
    assert {str(q) for q in c.quads} != {str(q) for q in a.quads}
    # no blank nodes anywhere
    assert not any(isinstance(t, ox.BlankNode) for q in a.quads for t in (q.subject, q.object))


def test_graph_layout(seed):
    b = build(seed[0])
    doc = document_iri(RT_ID)
    assert b.graph.value == doc + "#graph"
    assert b.provenance_graph.value == doc + "#provenance"
    assert {q.graph_name for q in b.content} == {b.graph}
    assert {q.graph_name for q in b.provenance} == {b.provenance_graph}


def test_event_is_nary_node_with_nif_evidence(seed):
    ex = seed[0]
    s = _store(build(ex).quads)
    ev = ox.NamedNode(event_iri(RT_ID, "e1"))
    assert ANKG.Event in _objects(s, ev, A)
    assert _objects(s, ev, ANKG.cameoCode) == [ox.Literal("041")]
    assert _objects(s, ev, ANKG.ploverCategory) == [ox.Literal("CONSULT")]
    assert _objects(s, ev, ANKG.date) == [ox.Literal("2023-08-16", datatype=XSD.date)]
    assert _objects(s, ev, ANKG.sourceActor) == [ox.NamedNode(entity_iri("PER:سيرغي لافروف"))]
    assert _objects(s, ev, ANKG.targetActor) == [ox.NamedNode(entity_iri("PER:أرارات ميرزويان"))]
    (evidence,) = _objects(s, ev, ANKG.evidence)
    span = ex.events[0].evidence
    # the evidence IRI is minted from the page (the text owner) and the offsets
    assert evidence.value == f"{document_iri(PAGE_ID)}#char={span.start},{span.end}"
    assert _objects(s, evidence, NIF.beginIndex)[0].value == str(span.start)
    assert _objects(s, evidence, NIF.endIndex)[0].value == str(span.end)
    anchor = _objects(s, evidence, NIF.anchorOf)[0].value
    assert anchor == ex.doc.text[span.start:span.end]
    assert "16 أغسطس" in anchor
    (ctx,) = _objects(s, evidence, NIF.referenceContext)
    assert _objects(s, ctx, NIF.isString)[0].value == ex.doc.text


def test_both_articles_share_the_page_context(seed):
    a, b = (build(e) for e in seed)
    ctx_a = {q.object for q in a.content if q.predicate == NIF.referenceContext}
    ctx_b = {q.object for q in b.content if q.predicate == NIF.referenceContext}
    assert ctx_a == ctx_b == {ox.NamedNode(f"{document_iri(PAGE_ID)}#char=0,{len(seed[0].doc.text)}")}


def test_entities_labels_types_and_external_ids(seed):
    s = _store(build(seed[0]).quads)
    rus = ox.NamedNode(entity_iri("GPE:RUS"))
    types = _objects(s, rus, A)
    assert ANKG.Country in types and ANKG.Actor in types and ANKG.Place in types
    labels = _objects(s, rus, RDFS.label)
    assert ox.Literal("روسيا", language="ar") in labels and ox.Literal("Russia", language="en") in labels
    links = {o.value for o in _objects(s, rus, SKOS.exactMatch)}
    assert links == {"https://sws.geonames.org/2017370/", "http://www.wikidata.org/entity/Q159"}
    assert _objects(s, rus, ANKG.iso3166) == [ox.Literal("RUS")]
    lavrov = ox.NamedNode(entity_iri("PER:سيرغي لافروف"))
    assert _objects(s, lavrov, ANKG.country) == [rus]
    assert _objects(s, lavrov, SKOS.altLabel) == [ox.Literal("لافروف", language="ar")]
    # mentions point at the entity with itsrdf:taIdentRef, offsets into the text
    mentions = [q.subject for q in s.quads_for_pattern(None, ITSRDF.taIdentRef, lavrov, None)]
    assert mentions
    assert all(ANKG.Mention in _objects(s, m, A) for m in mentions)
    for m in mentions:
        b, e = (int(_objects(s, m, p)[0].value) for p in (NIF.beginIndex, NIF.endIndex))
        assert seed[0].doc.text[b:e] == "سيرغي لافروف"


def test_provenance(seed):
    b = build(seed[0], generated_at="2024-03-01T10:00:00Z")
    s = _store(b.quads)
    doc = ox.NamedNode(document_iri(RT_ID))
    P = "http://www.w3.org/ns/prov#"
    assert _objects(s, doc, ox.NamedNode("https://schema.org/url"))[0].datatype == XSD.anyURI
    (run,) = _objects(s, b.graph, ox.NamedNode(P + "wasGeneratedBy"))
    assert ox.NamedNode(P + "Activity") in _objects(s, run, A)
    used = _objects(s, run, ox.NamedNode(P + "used"))
    assert doc in used and len(used) == 3  # the document, the NER model, the event model
    assert _objects(s, run, ANKG.softwareVersion) == [ox.Literal("kg 0.1.0")]
    assert _objects(s, run, ox.NamedNode(P + "endedAtTime"))[0].value.startswith("2024-03-01T10:00:00")
    assert _objects(s, doc, ANKG.tripleCount)[0].value == str(len(b.content))


@pytest.mark.parametrize("value,precision,dtype,first,last", [
    ("2023-08-16", "day", "date", "2023-08-16", "2023-08-16"),
    ("2020-09", "month", "gYearMonth", "2020-09-01", "2020-09-30"),
    ("2024-02", None, "gYearMonth", "2024-02-01", "2024-02-29"),
    ("2022", "year", "gYear", "2022-01-01", "2022-12-31"),
])
def test_typed_dates(value, precision, dtype, first, last):
    lit, prec, a, b = typed_date(value, precision)
    assert lit.datatype == XSD[dtype]
    assert (a.isoformat(), b.isoformat()) == (first, last)


@pytest.mark.parametrize("bad", ["2023-02-30", "16 August", "2023-13"])
def test_bad_dates_rejected(bad):
    with pytest.raises(ValueError):
        typed_date(bad)


def _mutated(fn):
    ex = seed_extractions()[0]
    fn(ex)
    return ex


@pytest.mark.parametrize("mutate,needle", [
    (lambda ex: ex.events[0].source.append("PER:nobody"), "PER:nobody"),
    (lambda ex: setattr(ex.events[0], "evidence", Span(10, 5)), "offsets"),
    (lambda ex: setattr(ex.events[0], "trigger", Span(0, 10**6)), "offsets"),
    (lambda ex: setattr(ex.events[0], "cameo", "04x"), "CAMEO"),
    (lambda ex: setattr(ex.events[0], "plover", "consult <x>"), "PLOVER"),
    (lambda ex: setattr(ex.events[0], "date", "yesterday"), "yesterday"),
    (lambda ex: setattr(ex.entities[0], "country", "Russia"), "Russia"),
    (lambda ex: setattr(ex.entities[0], "type", "MISC"), "MISC"),
    (lambda ex: setattr(ex.events[0], "quad_class", 7), "QuadClass"),
    (lambda ex: setattr(ex.entities[0], "iri", "not an iri"), "invalid IRI"),
])
def test_inconsistent_extractions_raise_input_errors(mutate, needle):
    with pytest.raises(InputError) as err:
        build(_mutated(mutate))
    assert needle in str(err.value)
    assert RT_ID in str(err.value) or "IRI" in str(err.value)


def test_hostile_and_synthetic_extractions_build():
    for ex in (hostile_extraction(), synthetic_extraction(7)):
        b = build(ex)
        assert len(b.content) > 50
        for q in b.quads:
            for t in (q.subject, q.predicate, q.object, q.graph_name):
                if isinstance(t, ox.NamedNode):
                    assert not any(c in t.value for c in ' <>"{}|\\^`\n\r\t\u202e\u200b\u200f')


def test_literal_escaping_is_oxigraphs_over_every_code_point():
    from kg.rdf.build import _quote

    chars = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    for i in range(0, len(chars), 4096):
        value = "".join(chars[i:i + 4096])
        assert _quote(value) == str(ox.Literal(value)), hex(i)
    hostile = 'a"b\\c\nd\re\tf\x00g\x7fh\u202ei>j<k'
    assert _quote(hostile) == str(ox.Literal(hostile))


def test_nquads_lines_are_oxigraphs_serialization_and_body_plus_marker_is_everything():
    from tests.fixtures_extraction import hostile_extraction, seed_extractions, synthetic_extraction

    for ex in seed_extractions() + [hostile_extraction(), synthetic_extraction(2)]:
        b = build(ex, generated_at="2024-01-01T00:00:00+00:00")
        data = b.nquads
        assert data == ox.serialize(list(ox.parse(data, format=ox.RdfFormat.N_QUADS)), format=ox.RdfFormat.N_QUADS)
        body = list(ox.parse(b.body_nquads, format=ox.RdfFormat.N_QUADS))
        assert b.marker not in body and len(body) == len(b) - 1
        assert set(body) | {b.marker} == set(b.quads)
        assert b.marker_nquads == ox.serialize([b.marker], format=ox.RdfFormat.N_QUADS)
        # the content hash is the SHA-256 of Oxigraph's serialization of the quads (content, then
        # provenance without hash and times)
        prov = [q for q in b.provenance if q.predicate.value.rsplit("#", 1)[-1] not in
                ("contentHash", "generatedAtTime", "endedAtTime")]
        serialized = ox.serialize(b.content + prov, format=ox.RdfFormat.N_QUADS)
        assert b.content_hash == hashlib.sha256(serialized).hexdigest()


def test_text_that_is_not_unicode_is_an_input_error():
    from tests.fixtures_extraction import synthetic_extraction

    ex = synthetic_extraction(1)
    ex.doc.title = "bad \ud800 title"
    with pytest.raises(InputError, match="not valid Unicode"):
        build(ex)


def test_lines_bytes_and_length_of_a_built_document_agree():
    from tests.fixtures_extraction import hostile_extraction, seed_extractions, synthetic_extraction

    # line breaks that N-Quads leaves unescaped (str.splitlines would cut a line at each of them)
    breaks = synthetic_extraction(4)
    breaks.doc.title = "a\u2028b\u2029c\x85d\x0be\x1cf"
    breaks.entities[0].label = "\u2028" + breaks.entities[0].label + "\x85"
    assert "\u2028" in build(breaks).nquads.decode("utf-8")
    for ex in seed_extractions() + [hostile_extraction(), synthetic_extraction(3), breaks]:
        for run_time in ("2024-01-01T00:00:00+00:00", None):
            b = build(ex, generated_at=run_time)
            lines = b.content_lines + b.provenance_lines
            assert "".join(lines).encode("utf-8") == b.nquads
            assert len(lines) == len(b) == len(b.quads) == len(set(lines))
            assert all(line.endswith(f" <{b.doc_iri}#graph> .\n") for line in b.content_lines)
            assert all(line.endswith(f" <{b.doc_iri}#provenance> .\n") for line in b.provenance_lines)
            assert b.provenance_lines[b.marker_index].encode("utf-8") == b.marker_nquads
            assert b.body_nquads == b.nquads.replace(b.marker_nquads, b"")
            assert len(b.content) == len(b.content_lines) and len(b.provenance) == len(b.provenance_lines)
            ends = len(f" <{b.doc_iri}#graph> .\n"), len(f" <{b.doc_iri}#provenance> .\n")
            assert b.content_triples == [line[:-ends[0]] for line in b.content_lines]
            assert b.provenance_triples == [line[:-ends[1]] for line in b.provenance_lines[:b.marker_index]]
            assert all(t.count(" ") >= 2 and not t.endswith(" .") for t in b.content_triples + b.provenance_triples)


def test_a_quad_stated_twice_is_written_once():
    # a body range that is the whole text: its NIF string is the NIF context itself, whose
    # begin and end index are stated by both
    from kg.model import Document, Extraction, Sentence

    text = "التقى وزير الخارجية نظيره في موسكو."
    ex = Extraction(doc=Document(id="one", text=text, body=[(0, len(text))]), sentences=[Sentence(0, len(text))],
                    entities=[], events=[])
    b = build(ex, generated_at="2024-01-01T00:00:00+00:00")
    assert len(b.content_lines) == len(set(b.content_lines)) == len(b.content_triples)
    assert f"<{document_iri('one')}> <https://w3id.org/ankg/ont#body> " in "".join(b.content_lines)
    ctx = ox.NamedNode(f"{document_iri('one')}#char=0,{len(text)}")
    s = _store(b.quads)
    assert _objects(s, ctx, NIF.beginIndex) == [ox.Literal("0", datatype=XSD.integer)]
    assert _objects(s, ctx, NIF.endIndex) == [ox.Literal(str(len(text)), datatype=XSD.integer)]
    assert len(b) == len(s)


def test_only_iris_that_recur_across_documents_are_cached():
    # the document's own IRIs (document, graphs, context, events, run) would only evict the
    # entity, country, publisher... IRIs the cache exists for
    from kg.rdf.build import _iri_text

    _iri_text.cache_clear()  # (a cache filled by earlier tests would stay at its maximum size)
    ex = synthetic_extraction(5)
    assert ex.events
    build(ex, generated_at="2024-01-01T00:00:00+00:00")
    size = _iri_text.cache_info().currsize
    for i in range(3):
        other = copy.deepcopy(ex)
        other.doc.id = f"{ex.doc.id}-copy-{i}"
        b = build(other, generated_at="2024-01-01T00:00:00+00:00")
        assert b.doc_iri == document_iri(other.doc.id) and b.doc_iri.encode() in b.nquads
        assert _iri_text.cache_info().currsize == size


def test_invalid_entity_iri_is_an_input_error_every_time():
    # IRIs are validated once per process and cached; an invalid one is never cached
    ex = copy.deepcopy(seed_extractions()[0])
    ex.entities[0].iri = "http://example.org/a b"
    for _ in range(2):
        with pytest.raises(InputError, match="invalid IRI"):
            build(ex)
