"""The extraction pipeline: Document -> Extraction.

``Pipeline`` loads its resources (gazetteers, NER model, event lexicon) once, lazily, and
then extracts any number of documents.  It does no I/O besides reading its own package
data, and knows nothing of RDF.
"""

from __future__ import annotations

import time
from typing import Iterable, Iterator

from . import __version__
from .config import Config
from .model import Document, Extraction, Sentence
from .nlp.text import split_sentences


class Pipeline:
    """Sentences -> entities (NER, gazetteers, roles, coreference, linking) -> events."""

    def __init__(self, config: Config | None = None):
        self.config = config or Config()
        self._entities = None
        self._events = None

    @property
    def entity_recognizer(self):
        if self._entities is None:
            from .nlp.entities import EntityRecognizer

            self._entities = EntityRecognizer(self.config)
        return self._entities

    @property
    def event_extractor(self):
        if self._events is None:
            from .events import EventExtractor

            self._events = EventExtractor(self.config)
        return self._events

    def extract(self, doc: Document) -> Extraction:
        t0 = time.perf_counter()
        sentences = [Sentence(s, e) for s, e in split_sentences(doc.text, doc.body_ranges())]
        entities = self.entity_recognizer(doc, sentences)
        t1 = time.perf_counter()
        events = self.event_extractor(doc, sentences, entities)
        t2 = time.perf_counter()
        meta = {
            "software": f"kg {__version__}",
            "ner": self.entity_recognizer.describe(),
            "events": self.event_extractor.describe(),
            "ms_entities": round((t1 - t0) * 1000, 3),
            "ms_events": round((t2 - t1) * 1000, 3),
        }
        return Extraction(doc=doc, sentences=sentences, entities=entities, events=events, meta=meta)

    def pipe(self, docs: Iterable[Document]) -> Iterator[Extraction]:
        for doc in docs:
            yield self.extract(doc)


def extract(doc: Document, config: Config | None = None) -> Extraction:
    """Extract one document with a fresh pipeline (convenient; use Pipeline for many)."""
    return Pipeline(config).extract(doc)
