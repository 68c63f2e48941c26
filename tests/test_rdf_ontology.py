"""The ontology files: parse with rdflib and Oxigraph, labels in both languages, SKOS schemes
match the CAMEO table, the package copy is current and ships in the wheel."""

from __future__ import annotations

import csv
import subprocess
import sys
import zipfile
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.rdf.vocab import ANKG_IRI, jsonld_context, ontology_dir, ontology_path

ROOT = Path(__file__).resolve().parent.parent
ONT = ROOT / "ontology"
FILES = ("ankg.ttl", "cameo.ttl", "plover.ttl", "shapes.ttl")


@pytest.mark.parametrize("name", FILES)
def test_parses_with_rdflib_and_oxigraph_alike(name):
    g = rdflib.Graph().parse(ONT / name, format="turtle")
    assert len(g) == len(list(ox.parse(path=str(ONT / name))))


def test_every_ankg_term_has_arabic_and_english_label_and_comment():
    g = rdflib.Graph().parse(ONT / "ankg.ttl")
    terms = {s for s in g.subjects(RDF.type, None) if str(s).startswith(ANKG_IRI)}
    assert len(terms) > 50
    for t in terms:
        assert {l.language for l in g.objects(t, RDFS.label)} == {"ar", "en"}, t
        assert {c.language for c in g.objects(t, RDFS.comment)} == {"ar", "en"}, t


def test_every_term_the_builder_uses_is_declared():
    import re

    g = rdflib.Graph().parse(ONT / "ankg.ttl")
    declared = {str(s)[len(ANKG_IRI):] for s in g.subjects(RDF.type, None) if str(s).startswith(ANKG_IRI)}
    src = (ROOT / "kg" / "rdf" / "build.py").read_text(encoding="utf-8")
    used = set(re.findall(r"ANKG\.([A-Za-z0-9]+)", src)) | set(re.findall(r'ANKG\["([A-Za-z]+)"\]', src))
    used |= {"Person", "Organization", "GeopoliticalEntity", "Place", "Country", "City"}
    assert used - declared == set()


def test_alignments():
    g = rdflib.Graph().parse(ONT / "ankg.ttl")
    A = rdflib.Namespace(ANKG_IRI)
    SEM = rdflib.Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
    assert (A.Event, RDFS.subClassOf, SEM.Event) in g
    assert (A.sourceActor, RDFS.subPropertyOf, SEM.hasActor) in g
    assert (A.place, RDFS.subPropertyOf, SEM.hasPlace) in g
    assert (A.date, RDFS.subPropertyOf, SEM.hasTimeStamp) in g
    assert (A.Person, RDFS.subClassOf, rdflib.URIRef("https://schema.org/Person")) in g
    assert (A.Person, RDFS.subClassOf, rdflib.URIRef("http://xmlns.com/foaf/0.1/Person")) in g
    assert (A.Organization, RDFS.subClassOf, rdflib.URIRef("http://www.w3.org/ns/org#Organization")) in g
    assert (A.document, RDFS.subPropertyOf, rdflib.URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")) in g
    assert (rdflib.URIRef("https://w3id.org/ankg/ont"), RDF.type, OWL.Ontology) in g


def _tsv(path):
    lines = [l for l in path.read_text(encoding="utf-8").splitlines(True) if not l.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_cameo_and_plover_schemes_follow_the_tables():
    cameo = rdflib.Graph().parse(ONT / "cameo.ttl")
    plover = rdflib.Graph().parse(ONT / "plover.ttl")
    C = rdflib.Namespace("https://w3id.org/ankg/cameo/")
    P = rdflib.Namespace("https://w3id.org/ankg/plover/")
    rows = _tsv(ROOT / "kg" / "data" / "cameo" / "cameo.tsv")
    for r in rows:
        c = C[r["code"]]
        assert (c, RDF.type, SKOS.Concept) in cameo
        assert (c, SKOS.broadMatch, P[r["plover"]]) in cameo
        assert (P[r["plover"]], RDF.type, SKOS.Concept) in plover
    assert (C["041"], SKOS.broader, C["04"]) in cameo
    assert (C["0411"] if (C["0411"], None, None) in cameo else C["041"], SKOS.inScheme, None) in cameo
    assert str(cameo.value(C["041"], SKOS.prefLabel)) == "Discuss by telephone"
    assert (C["010"], SKOS.broadMatch, P.STATEMENT) in cameo
    labels = {l.language: str(l) for l in plover.objects(P.CONSULT, SKOS.prefLabel)}
    assert labels["en"] == "CONSULT" and labels["ar"]
    # licences are kept
    assert (None, rdflib.URIRef("http://purl.org/dc/terms/license"),
            rdflib.URIRef("https://creativecommons.org/licenses/by-sa/4.0/")) in plover
    assert "CC BY-SA 4.0" in (ONT / "cameo.ttl").read_text(encoding="utf-8")[:800]


def test_package_copy_is_current_and_found():
    r = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_ontology.py"), "--check"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert ontology_dir() == ROOT / "kg" / "data" / "ontology"
    assert ontology_path("shapes.ttl").is_file()
    assert jsonld_context()["ankg"] == ANKG_IRI


@pytest.mark.slow
def test_wheel_ships_the_ontology(tmp_path):
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                        "-w", str(tmp_path), str(ROOT)], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    (whl,) = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(whl).namelist())
    for name in FILES + ("context.jsonld",):
        assert f"kg/data/ontology/{name}" in names
    # installed (not editable), the package finds its own copy
    target = tmp_path / "site"
    r = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(whl)],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    code = "import kg.rdf.vocab as v; print(v.ontology_dir()); print(v.jsonld_context()['ankg'])"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=str(tmp_path),
                       env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"})
    assert r.returncode == 0, r.stderr
    found, ankg = r.stdout.split()
    assert Path(found) == target / "kg" / "data" / "ontology" and ankg == ANKG_IRI
