"""Event extraction (placeholder until the event coder lands)."""

from __future__ import annotations

from ..config import Config
from ..model import Document, Entity, Event, Sentence


class EventExtractor:
    def __init__(self, config: Config):
        self.config = config

    def describe(self) -> str:
        return "none"

    def __call__(self, doc: Document, sentences: list[Sentence], entities: list[Entity]) -> list[Event]:
        return []
