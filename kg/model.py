"""The document model: plain dataclasses that every stage reads and writes.

Everything here is pure data.  Offsets (``start``/``end``) are always Python string
indices into ``Document.text``: the text exactly as it was given (the decoded file for a
``.txt``, the ``text`` field of a JSONL record, the extracted main text of an HTML page).

An :class:`Extraction` bundles one document with what was found in it.  It round-trips
losslessly through JSON (:meth:`Extraction.to_dict` / :meth:`Extraction.from_dict`); that
JSON is the seam between the extraction stages and the graph stages (``kg extract
--format jsonl`` prints it, one object a line).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

#: Coarse entity types used everywhere (JSON, RDF, graph, views).
ENTITY_TYPES = ("PER", "ORG", "GPE", "LOC")

#: Modality of an event: only ``asserted`` (and ``reported``) events are facts.
MODALITIES = ("asserted", "reported", "negated", "future", "conditional", "hypothetical")


@dataclass(slots=True)
class Span:
    """A (start, end) range of ``Document.text`` and the exact text it covers."""

    start: int
    end: int
    text: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> "Span | None":
        if d is None:
            return None
        return cls(start=int(d["start"]), end=int(d["end"]), text=d.get("text", ""))

    @classmethod
    def of(cls, text: str, start: int, end: int) -> "Span":
        """The span ``text[start:end]`` with its surface text filled in."""
        return cls(start, end, text[start:end])


@dataclass(slots=True)
class Document:
    """One news article.

    ``text`` is the source text as given; ``body`` lists the ranges of ``text`` that make
    up this article's body (the whole text when empty).  Several documents may share one
    source text: a news page whose "read also" block carries a second article yields two
    documents with the same ``text`` and different ``body`` ranges, so offsets of both
    point into the same original page.
    """

    id: str
    text: str
    title: str | None = None
    date: str | None = None  # ISO 8601 date, YYYY-MM-DD
    source: str | None = None  # publisher, e.g. "RT Arabic"
    url: str | None = None
    language: str = "ar"
    body: list[tuple[int, int]] = field(default_factory=list)
    title_span: tuple[int, int] | None = None
    keywords: list[str] = field(default_factory=list)
    headlines: list[str] = field(default_factory=list)
    parent: str | None = None  # id of the page document this one was found in
    path: str | None = None  # where it was read from (file path, "<stdin>", "file.jsonl:12")
    meta: dict[str, Any] = field(default_factory=dict)

    def body_ranges(self) -> list[tuple[int, int]]:
        """The body ranges, defaulting to the whole text."""
        return list(self.body) if self.body else [(0, len(self.text))]

    def body_text(self) -> str:
        """The body ranges joined by blank lines (for display, not for offsets)."""
        return "\n\n".join(self.text[s:e] for s, e in self.body_ranges())

    def to_dict(self, with_text: bool = True) -> dict[str, Any]:
        d = {
            "id": self.id,
            "title": self.title,
            "date": self.date,
            "source": self.source,
            "url": self.url,
            "language": self.language,
            "body": [list(r) for r in self.body],
            "title_span": list(self.title_span) if self.title_span else None,
            "keywords": list(self.keywords),
            "headlines": list(self.headlines),
            "parent": self.parent,
            "path": self.path,
            "meta": dict(self.meta),
        }
        if with_text:
            d["text"] = self.text
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Document":
        return cls(
            id=d["id"],
            text=d.get("text", ""),
            title=d.get("title"),
            date=d.get("date"),
            source=d.get("source"),
            url=d.get("url"),
            language=d.get("language", "ar"),
            body=[tuple(r) for r in d.get("body") or []],
            title_span=tuple(d["title_span"]) if d.get("title_span") else None,
            keywords=list(d.get("keywords") or []),
            headlines=list(d.get("headlines") or []),
            parent=d.get("parent"),
            path=d.get("path"),
            meta=dict(d.get("meta") or {}),
        )


@dataclass(slots=True)
class Sentence:
    """A sentence of a document: a range of ``Document.text``."""

    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Sentence":
        return cls(int(d["start"]), int(d["end"]))


@dataclass(slots=True)
class Mention:
    """One occurrence of an entity in the text.

    ``start``/``end`` cover the name itself without attached proclitics (``وروسيا`` gives
    the span of ``روسيا``).  ``kind`` says how it refers: ``name``, ``alias`` (a surname
    alone), ``nisba`` (a gentilic adjective such as ``الروسي``), ``pronoun``/``nominal``
    (``نظيره``) or ``capital`` (a capital standing for its government).
    """

    text: str
    start: int
    end: int
    type: str = ""
    kind: str = "name"
    sentence: int | None = None
    source: str = ""  # which component found it: gazetteer, crf, camel, pattern, coref

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "type": self.type,
            "kind": self.kind,
            "sentence": self.sentence,
            "source": self.source,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Mention":
        return cls(
            text=d.get("text", ""),
            start=int(d["start"]),
            end=int(d["end"]),
            type=d.get("type", ""),
            kind=d.get("kind", "name"),
            sentence=d.get("sentence"),
            source=d.get("source", ""),
        )


@dataclass(slots=True)
class Entity:
    """A canonical entity of one document (and, through ``id``, of the whole graph).

    ``id`` is the cross-document key: the same real-world entity gets the same ``id`` in
    every document and every run (countries by ISO code, e.g. ``GPE:RUS``; people and
    organizations by a normalized canonical name).  ``iri`` is minted from it.
    """

    id: str
    type: str  # PER | ORG | GPE | LOC
    label: str  # canonical Arabic label
    label_en: str | None = None
    aliases: list[str] = field(default_factory=list)
    country: str | None = None  # ISO 3166-1 alpha-3 of nationality / affiliation / location
    title: str | None = None  # role, e.g. "وزير الخارجية"
    fine_type: str | None = None  # e.g. Politician, Government, Nation, Population-Center
    roles: list[str] = field(default_factory=list)  # e.g. counterpart
    external_ids: dict[str, str] = field(default_factory=dict)  # iso3166, geonames, wikidata
    mentions: list[Mention] = field(default_factory=list)
    iri: str | None = None
    attributes: dict[str, Any] = field(default_factory=dict)  # e.g. capital_of, affiliation

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "label": self.label,
            "label_en": self.label_en,
            "iri": self.iri,
            "country": self.country,
            "title": self.title,
            "fine_type": self.fine_type,
            "roles": list(self.roles),
            "aliases": list(self.aliases),
            "external_ids": dict(self.external_ids),
            "attributes": dict(self.attributes),
            "mentions": [m.to_dict() for m in self.mentions],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Entity":
        return cls(
            id=d["id"],
            type=d["type"],
            label=d.get("label", ""),
            label_en=d.get("label_en"),
            aliases=list(d.get("aliases") or []),
            country=d.get("country"),
            title=d.get("title"),
            fine_type=d.get("fine_type"),
            roles=list(d.get("roles") or []),
            external_ids=dict(d.get("external_ids") or {}),
            mentions=[Mention.from_dict(m) for m in d.get("mentions") or []],
            iri=d.get("iri"),
            attributes=dict(d.get("attributes") or {}),
        )


@dataclass(slots=True)
class Event:
    """One reported action: who did what to whom, when and where, with its evidence.

    ``source``/``target``/``topic`` hold entity ids of the same extraction.  ``date`` is an
    ISO date (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` by ``date_precision``).  ``evidence``
    is the sentence the event was read from; ``mentions`` holds further evidence spans when
    the same event is told more than once.
    """

    id: str
    cameo: str  # three (or four) digit CAMEO code, e.g. "041"
    plover: str  # PLOVER category, or STATEMENT for CAMEO 01x
    trigger: Span
    evidence: Span
    source: list[str] = field(default_factory=list)
    target: list[str] = field(default_factory=list)
    topic: list[str] = field(default_factory=list)
    topic_text: Span | None = None
    date: str | None = None
    date_precision: str | None = None  # day | month | year
    date_text: Span | None = None
    place: str | None = None
    quad_class: int | None = None  # 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
    goldstein: float | None = None
    confidence: float = 0.5
    modality: str = "asserted"
    attribution: str | None = None  # entity id or free text of the reported source
    attribution_text: Span | None = None
    sentence: int | None = None
    mentions: list[Span] = field(default_factory=list)
    label: str | None = None  # short human label, e.g. "محادثة هاتفية"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "cameo": self.cameo,
            "plover": self.plover,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "label": self.label,
            "source": list(self.source),
            "target": list(self.target),
            "topic": list(self.topic),
            "topic_text": self.topic_text.to_dict() if self.topic_text else None,
            "trigger": self.trigger.to_dict(),
            "date": self.date,
            "date_precision": self.date_precision,
            "date_text": self.date_text.to_dict() if self.date_text else None,
            "place": self.place,
            "evidence": self.evidence.to_dict(),
            "sentence": self.sentence,
            "confidence": self.confidence,
            "modality": self.modality,
            "attribution": self.attribution,
            "attribution_text": self.attribution_text.to_dict() if self.attribution_text else None,
            "mentions": [m.to_dict() for m in self.mentions],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Event":
        return cls(
            id=d["id"],
            cameo=d["cameo"],
            plover=d["plover"],
            trigger=Span.from_dict(d["trigger"]),
            evidence=Span.from_dict(d["evidence"]),
            source=list(d.get("source") or []),
            target=list(d.get("target") or []),
            topic=list(d.get("topic") or []),
            topic_text=Span.from_dict(d.get("topic_text")),
            date=d.get("date"),
            date_precision=d.get("date_precision"),
            date_text=Span.from_dict(d.get("date_text")),
            place=d.get("place"),
            quad_class=d.get("quad_class"),
            goldstein=d.get("goldstein"),
            confidence=float(d.get("confidence", 0.5)),
            modality=d.get("modality", "asserted"),
            attribution=d.get("attribution"),
            attribution_text=Span.from_dict(d.get("attribution_text")),
            sentence=d.get("sentence"),
            mentions=[Span.from_dict(m) for m in d.get("mentions") or []],
            label=d.get("label"),
        )


@dataclass(slots=True)
class Extraction:
    """A document and everything extracted from it; the JSON seam of the pipeline."""

    doc: Document
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)  # software/model versions, timings

    def entity(self, entity_id: str) -> Entity | None:
        for e in self.entities:
            if e.id == entity_id:
                return e
        return None

    def to_dict(self, with_text: bool = True) -> dict[str, Any]:
        return {
            "doc": self.doc.to_dict(with_text=with_text),
            "sentences": [s.to_dict() for s in self.sentences],
            "entities": [e.to_dict() for e in self.entities],
            "events": [e.to_dict() for e in self.events],
            "meta": dict(self.meta),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Extraction":
        return cls(
            doc=Document.from_dict(d["doc"]),
            sentences=[Sentence.from_dict(s) for s in d.get("sentences") or []],
            entities=[Entity.from_dict(e) for e in d.get("entities") or []],
            events=[Event.from_dict(e) for e in d.get("events") or []],
            meta=dict(d.get("meta") or {}),
        )

    def to_json(self, with_text: bool = True, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(with_text=with_text), ensure_ascii=False, indent=indent)

    @classmethod
    def from_json(cls, s: str) -> "Extraction":
        return cls.from_dict(json.loads(s))


__all__ = [
    "ENTITY_TYPES",
    "MODALITIES",
    "Span",
    "Document",
    "Sentence",
    "Mention",
    "Entity",
    "Event",
    "Extraction",
]
