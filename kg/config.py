"""Configuration passed explicitly through the pipeline (no global mutable state)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

#: Default base under which entity, event and document IRIs are minted.
DEFAULT_BASE_IRI = "https://w3id.org/ankg/id/"


@dataclass(frozen=True, slots=True)
class Config:
    """Options of a run.  Defaults serve the common case; use :meth:`with_` to vary.

    - ``base_iri``: namespace for minted IRIs (must end with ``/`` and hold no ``#``: the
      graph side appends ``#graph`` and ``#char=`` fragments to document IRIs).
    - ``ner``: NER backend: ``crf`` (default, shipped model), ``gazetteer`` (lexicon only)
      or ``camel`` (camel-tools' AraBERT NER, when its data is installed).
    - ``min_event_confidence``: events below this confidence are dropped.
    - ``keep_unasserted``: keep negated/future/hypothetical events (marked by modality).
    """

    base_iri: str = DEFAULT_BASE_IRI
    ner: str = "crf"
    min_event_confidence: float = 0.0
    keep_unasserted: bool = True
    extra: dict = field(default_factory=dict)

    def with_(self, **changes) -> "Config":
        return replace(self, **changes)
