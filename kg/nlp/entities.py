"""Entity recognition, linking and coreference (placeholder until the gazetteer/NER layer lands)."""

from __future__ import annotations

from ..config import Config
from ..model import Document, Entity, Sentence


class EntityRecognizer:
    def __init__(self, config: Config):
        self.config = config

    def describe(self) -> str:
        return "none"

    def __call__(self, doc: Document, sentences: list[Sentence]) -> list[Entity]:
        return []
