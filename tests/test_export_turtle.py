"""Turtle and N-Triples exports of a store: the merge of all graphs, checked against the
store's quads read independently of kg.export (``quads_for_pattern``, graph dropped), with
hostile IRIs and literals, blank nodes, the default graph and triples repeated in several
graphs; both files parsed by pyoxigraph and by rdflib; prefixes kept; atomic writes."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
import rdflib

from kg.export import export
from kg.rdf.store import Store
from kg.rdf.vocab import ANKG_IRI, PREFIXES
from tests.fixtures_extraction import hostile_extraction, seed_extractions

EX = "https://example.org/x/"
TAG = ox.NamedNode(EX + "tag")  # every blank node of the synthetic data has one unique tag
XSD = "http://www.w3.org/2001/XMLSchema#"

HOSTILE_TEXTS = [
    'quote " and \\ backslash', "new\nline", "carriage\rreturn", "tab\there", "line\u2028sep\u2029para",
    "next\u0085line", "ctrl\x01\x1f\x7f", "\u202eكلمة\u202c \u200fعربي\u200e", "ends with backslash \\",
    '"""triple quotes"""', "'single' quotes", "", " ", "@prefix x: <y> .", "<not an iri>", "# not a comment",
    "emoji \U0001F600 and \ufeff bom", "vt\x0bff\x0cfs\x1cgs\x1drs\x1e", "see ankg:ab\\. and x:y\\.",
    "ankg:ab\\.", "\\\\.",
]
# IRIs Oxigraph accepts whose local part (after a project prefix) is not a safe prefixed name
HOSTILE_LOCALS = ["a.b.", "", "a%20b", "(x)", "a/b", "-x", "1x", "a:b", "a~b", "عربي", "a\u202eb", "a\u2028b",
                  "a?q=1&r=2", "_x", ".x", "a'b", "a!b", "a$b", "a;b", "a=b", "a*b", "a+b", "a,b"]


def _hostile_quads() -> list:
    quads = []
    g1, g2, g3 = (ox.NamedNode(EX + n) for n in ("g1", "g2", "g3"))
    p_text, p_ref, p_typed = (ox.NamedNode(ANKG_IRI + n) for n in ("text", "ref", "typed"))
    for i, text in enumerate(HOSTILE_TEXTS):
        s = ox.NamedNode(f"{EX}text/{i}")
        quads.append(ox.Quad(s, p_text, ox.Literal(text), g1))
        quads.append(ox.Quad(s, p_text, ox.Literal(text, language="ar-EG"), g2))
        quads.append(ox.Quad(s, p_text, ox.Literal(text, datatype=ox.NamedNode(EX + "dt#x")), g1))
    for i, local in enumerate(HOSTILE_LOCALS):
        node = ox.NamedNode(ANKG_IRI + local)
        quads.append(ox.Quad(node, p_ref, ox.NamedNode(PREFIXES["cameo"] + local), g1))
        quads.append(ox.Quad(ox.NamedNode(f"{EX}ref/{i}"), ox.NamedNode(PREFIXES["schema"] + local), node, g2))
    for lex, dt in (("12", "integer"), ("-0", "integer"), ("1.50", "decimal"), ("1", "decimal"), ("1.5E0", "double"),
                    ("NaN", "double"), ("INF", "float"), ("true", "boolean"), ("0", "boolean"),
                    ("2024-02-29", "date"), ("2024-01-01T00:00:00Z", "dateTime"), ("P1Y", "duration"),
                    ("not a date", "date"), (" 7 ", "integer"), ("https://a.example/?q=1", "anyURI")):
        quads.append(ox.Quad(ox.NamedNode(EX + "typed"), p_typed, ox.Literal(lex, datatype=ox.NamedNode(XSD + dt)), g3))
    # blank nodes, as subjects and objects, in several graphs and the default graph
    for k in range(3):
        b = ox.BlankNode(f"hostile{k}")
        for g in (g1, g2, ox.DefaultGraph()):
            quads.append(ox.Quad(b, TAG, ox.Literal(f"tag {k}"), g))
            quads.append(ox.Quad(ox.NamedNode(EX + "holder"), p_ref, b, g))
            quads.append(ox.Quad(b, p_text, ox.Literal("in a blank node\n\"x\""), g))
    # the same triples in three graphs and in the default graph only
    same = ox.Triple(ox.NamedNode(EX + "same"), p_text, ox.Literal("shared"))
    for g in (g1, g2, g3, ox.DefaultGraph()):
        quads.append(ox.Quad(same.subject, same.predicate, same.object, g))
    quads.append(ox.Quad(ox.NamedNode(EX + "default-only"), p_text, ox.Literal("only in the default graph")))
    return quads


def _make_store(path=None) -> Store:
    s = Store(path)
    s.add_extractions(seed_extractions() + [hostile_extraction()], generated_at="2024-01-01T00:00:00+00:00")
    s.ox.extend(_hostile_quads())
    return s


@pytest.fixture(scope="module", params=["disk", "memory"])
def store(request, tmp_path_factory):
    s = _make_store(tmp_path_factory.mktemp("ttl") / "store" if request.param == "disk" else None)
    yield s
    s.close()


def _canon_ox(triples) -> set:
    """Triples as comparable tuples; a blank node is named by its unique tag (parsers relabel)."""
    triples = list(triples)
    tags = {t.subject: t.object.value for t in triples if t.predicate == TAG and isinstance(t.subject, ox.BlankNode)}

    def term(x):
        if isinstance(x, ox.BlankNode):
            return ("bnode", tags[x])
        if isinstance(x, ox.NamedNode):
            return ("iri", x.value)
        return ("lit", x.value, x.language, x.datatype.value)

    return {(term(t.subject), term(t.predicate), term(t.object)) for t in triples}


def _reference(store: Store) -> set:
    # read with quads_for_pattern, not with the CONSTRUCT kg.export may use
    return _canon_ox(q.triple for q in store.ox.quads_for_pattern(None, None, None, None))


def _canon_rdflib(g: rdflib.Graph) -> set:
    tags = {s: str(o) for s, p, o in g if str(p) == TAG.value and isinstance(s, rdflib.BNode)}

    def term(x):
        if isinstance(x, rdflib.BNode):
            return ("bnode", tags[x])
        if isinstance(x, rdflib.URIRef):
            return ("iri", str(x))
        return ("lit", str(x), x.language, str(x.datatype) if x.datatype else None)

    return {(term(s), term(p), term(o)) for s, p, o in g}


def _reference_rdflib(store: Store) -> set:
    """The reference triples as rdflib would read them: rdflib normalizes some typed literals
    on parsing, so build rdflib terms from the store's values and canonicalize those."""
    g = rdflib.Graph()
    bnodes = {}

    def term(x):
        if isinstance(x, ox.BlankNode):
            return bnodes.setdefault(x, rdflib.BNode())
        if isinstance(x, ox.NamedNode):
            return rdflib.URIRef(x.value)
        if x.language:
            return rdflib.Literal(x.value, lang=x.language)
        dt = x.datatype.value
        return rdflib.Literal(x.value, datatype=None if dt == XSD + "string" else rdflib.URIRef(dt))

    for q in store.ox.quads_for_pattern(None, None, None, None):
        g.add((term(q.subject), term(q.predicate), term(q.object)))
    return _canon_rdflib(g)


def _plain_rdflib(triples: set) -> set:
    # rdflib reads "x" and "x"^^xsd:string alike (datatype None); fold them for comparison
    def fold(t):
        if t[0] == "lit" and t[3] == XSD + "string":
            return ("lit", t[1], t[2], None)
        return t

    return {tuple(fold(t) for t in tr) for tr in triples}


@pytest.mark.parametrize("fmt,ext", [("turtle", "ttl"), ("ntriples", "nt")])
def test_export_is_the_merge_of_all_graphs(store, tmp_path, fmt, ext):
    path = export(store, tmp_path / f"all.{ext}", fmt)
    rdf_format = ox.RdfFormat.TURTLE if fmt == "turtle" else ox.RdfFormat.N_TRIPLES
    ref = _reference(store)
    assert len(ref) > 500  # the seed, hostile and synthetic triples are all there
    got = _canon_ox(ox.parse(path=str(path), format=rdf_format))
    assert got == ref
    # rdflib reads the same file to the same triples
    g = rdflib.Graph()
    g.parse(str(path), format="turtle" if fmt == "turtle" else "nt")
    assert _plain_rdflib(_canon_rdflib(g)) == _plain_rdflib(_reference_rdflib(store))
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_ntriples_lines_are_the_distinct_triples(store, tmp_path):
    path = export(store, tmp_path / "all.nt", "ntriples")
    lines = path.read_bytes().split(b"\n")
    assert lines[-1] == b""
    lines = lines[:-1]
    # one triple per line: no raw line break survives inside a term
    assert all(line.endswith(b" .") for line in lines)
    no_bnode = [line for line in lines if b"_:" not in line]
    assert len(no_bnode) == len(set(no_bnode))  # a triple in several graphs is written once
    ref = _reference(store)
    assert len(set(lines)) == len(ref)


def test_turtle_keeps_the_prefixes_and_groups_subjects(store, tmp_path):
    path = export(store, tmp_path / "all.ttl", "turtle")
    text = path.read_text(encoding="utf-8")
    for prefix in ("ankg", "rdf", "xsd", "nif", "prov"):
        assert f"@prefix {prefix}: <{PREFIXES[prefix]}>" in text
    assert "ankg:Event" in text  # prefixed names are used where they are safe
    # subjects are grouped: far fewer subject blocks than triples
    triples = sum(1 for _ in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    blocks = text.count(" .\n")
    assert blocks * 3 < triples


def test_a_failed_turtle_export_keeps_the_old_file(store, tmp_path, monkeypatch):
    import kg.export as kx

    path = tmp_path / "keep.ttl"
    path.write_text("old content\n", encoding="utf-8")

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(kx, "union_triples", broken)
    with pytest.raises(Exception):
        export(store, path, "turtle")
    assert path.read_text(encoding="utf-8") == "old content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.ttl"]


def test_readable_sink_is_the_same_in_any_chunking():
    from kg.export import _ReadableSink

    text = ('@prefix ankg: <https://w3id.org/ankg/ont#> .\n'
            'ankg:a.b\\. ankg:p "x \\\\. ankg:q\\\\. \u2028\u0085" ;\n\tankg:q <https://e/a\u2028b\u2029c> , ankg:z\\. .\n'
            '<https://e/s> ankg:\\-x ankg:a\\~b\\. .\n').encode("utf-8")

    class Buf:
        def __init__(self):
            self.data = bytearray()

        def write(self, b):
            self.data += b

    whole, bytewise = Buf(), Buf()
    sink = _ReadableSink(whole, {"ankg": ANKG_IRI})
    sink.write(text)
    sink.close()
    sink = _ReadableSink(bytewise, {"ankg": ANKG_IRI})
    for i in range(len(text)):
        sink.write(text[i:i + 1])
    sink.close()
    assert bytes(whole.data) == bytes(bytewise.data)
    out = bytes(whole.data).decode("utf-8")
    assert "<https://w3id.org/ankg/ont#a.b.> ankg:p" in out
    assert "ankg:z" not in out and "<https://w3id.org/ankg/ont#z.> ." in out
    assert "<https://w3id.org/ankg/ont#a~b.> ." in out and "ankg:\\-x" in out
    assert '"x \\\\. ankg:q\\\\. \\u2028\\u0085"' in out  # inside a string: only the line break is escaped
    assert "<https://e/a\\u2028b\\u2029c>" in out
    a = {t for t in ox.parse(text, format=ox.RdfFormat.TURTLE)}
    b = {t for t in ox.parse(bytes(whole.data), format=ox.RdfFormat.TURTLE)}
    assert a == b
    rdflib.Graph().parse(data=out, format="turtle")
