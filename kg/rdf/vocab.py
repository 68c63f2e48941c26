"""RDF vocabularies used by the graph: the project ontology (``ankg:``) and the standard
vocabularies it aligns with.

Terms are :class:`pyoxigraph.NamedNode` objects reached as attributes of a namespace
(``ANKG.Event``, ``NIF.beginIndex``); :data:`PREFIXES` maps the usual prefixes to their
IRIs for serializers, SPARQL and the JSON-LD context.  The ontology itself (with labels,
comments and alignments) is ``ontology/ankg.ttl``; :func:`ontology_path` finds it both in a
source checkout and in an installed wheel.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

ANKG_IRI = "https://w3id.org/ankg/ont#"
CAMEO_IRI = "https://w3id.org/ankg/cameo/"
PLOVER_IRI = "https://w3id.org/ankg/plover/"

PREFIXES: dict[str, str] = {
    "ankg": ANKG_IRI,
    "cameo": CAMEO_IRI,
    "plover": PLOVER_IRI,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "nif": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "itsrdf": "http://www.w3.org/2005/11/its/rdf#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "org": "http://www.w3.org/ns/org#",
    "sh": "http://www.w3.org/ns/shacl#",
}


class Namespace:
    """``NS.term`` -> ``NamedNode(base + "term")`` (cached)."""

    def __init__(self, base: str):
        self._base = base
        self._cache: dict[str, ox.NamedNode] = {}

    @property
    def base(self) -> str:
        return self._base

    def term(self, name: str) -> ox.NamedNode:
        node = self._cache.get(name)
        if node is None:
            node = self._cache[name] = ox.NamedNode(self._base + name)
        return node

    def __getattr__(self, name: str) -> ox.NamedNode:
        if name.startswith("_"):
            raise AttributeError(name)
        node = self.term(name)
        setattr(self, name, node)  # later lookups skip __getattr__
        return node

    def __getitem__(self, name: str) -> ox.NamedNode:
        return self.term(name)


ANKG = Namespace(ANKG_IRI)
CAMEO = Namespace(CAMEO_IRI)
PLOVER = Namespace(PLOVER_IRI)
RDF = Namespace(PREFIXES["rdf"])
RDFS = Namespace(PREFIXES["rdfs"])
OWL = Namespace(PREFIXES["owl"])
XSD = Namespace(PREFIXES["xsd"])
SKOS = Namespace(PREFIXES["skos"])
DCTERMS = Namespace(PREFIXES["dcterms"])
SCHEMA = Namespace(PREFIXES["schema"])
PROV = Namespace(PREFIXES["prov"])
SEM = Namespace(PREFIXES["sem"])
NIF = Namespace(PREFIXES["nif"])
ITSRDF = Namespace(PREFIXES["itsrdf"])
FOAF = Namespace(PREFIXES["foaf"])
ORG = Namespace(PREFIXES["org"])

A = RDF.type

#: Coarse entity type -> the ontology class asserted for it (GPEs are refined to
#: ``ankg:Country`` / ``ankg:City`` by the builder when the data says so).
ENTITY_CLASS = {"PER": "Person", "ORG": "Organization", "GPE": "GeopoliticalEntity", "LOC": "Place"}
#: Coarse entity type -> the schema.org class asserted beside it.
SCHEMA_CLASS = {"PER": "Person", "ORG": "Organization", "GPE": "AdministrativeArea", "LOC": "Place"}
#: Entity types that can act (source/target of an event) and get ``rdf:type ankg:Actor``.
ACTOR_TYPES = ("PER", "ORG", "GPE")

DATE_PRECISIONS = ("day", "month", "year")


def _candidates() -> list[Path]:
    here = Path(__file__).resolve()
    return [
        here.parent.parent / "data" / "ontology",  # kg/data/ontology (wheel and checkout)
        here.parent.parent.parent / "ontology",  # <repo>/ontology (source checkout)
    ]


@lru_cache(maxsize=None)
def ontology_dir() -> Path:
    """The folder holding ankg.ttl, cameo.ttl, plover.ttl, shapes.ttl and context.jsonld."""
    for p in _candidates():
        if (p / "ankg.ttl").is_file():
            return p
    from ..errors import ConfigError

    raise ConfigError(
        "the ontology files (ankg.ttl ...) are missing from the installation; looked in "
        + ", ".join(str(p) for p in _candidates())
    )


def ontology_path(name: str = "ankg.ttl") -> Path:
    """Path of one ontology file: ``ankg.ttl``, ``cameo.ttl``, ``plover.ttl``, ``shapes.ttl``,
    ``context.jsonld``."""
    return ontology_dir() / name


def jsonld_context() -> dict:
    """The JSON-LD context (the ``@context`` object of ``ontology/context.jsonld``)."""
    import json

    with open(ontology_path("context.jsonld"), encoding="utf-8") as f:
        return json.load(f)["@context"]
