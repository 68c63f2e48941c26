"""Entity recognition, linking and coreference for one document.

``EntityRecognizer(config)(doc, sentences) -> list[Entity]`` runs, per sentence:

1. gazetteer matching (:mod:`kg.nlp.gazetteer`): countries, cities, places, organizations,
   people, gentilics, titles, ministry and institution heads;
2. the statistical tagger (``kg.nlp.crf.load_tagger()``, or camel-tools with ``--ner camel``),
   whose spans fill the gaps the gazetteer leaves (gazetteer spans win on overlap);
3. patterns (:mod:`kg.nlp.roles`): title + gentilic + name (persons with title, country, role),
   ministries and state institutions with a gentilic (ORGs affiliated with a country);

then, over the document, coreference (:mod:`kg.nlp.coref`): surnames join full names, nominals
(نظيره، الوزير البريطاني) join the person they stand for, and linking gives every entity its
cross-document id (:mod:`kg.nlp.linking`).
"""

from __future__ import annotations

import logging
import threading

from ..config import Config
from ..errors import ConfigError, KGError
from ..model import Document, Entity, Sentence
from .text import tokenize

log = logging.getLogger(__name__)

_WARNED: set[str] = set()
_WARN_LOCK = threading.Lock()


def _warn_once(key: str, msg: str) -> None:
    with _WARN_LOCK:
        if key in _WARNED:
            return
        _WARNED.add(key)
    log.warning(msg)


def load_statistical_tagger(backend: str):
    """The tagger for ``backend`` (``crf`` or ``camel``), or None (with a one-time warning) when
    its model is not available.  ``gazetteer`` gives None without a warning."""
    if backend == "gazetteer":
        return None
    if backend == "crf":
        try:
            from .crf import load_tagger
        except ImportError as e:
            _warn_once("crf-import", f"NER backend 'crf' unavailable ({e}); using gazetteer and patterns only")
            return None
        try:
            return load_tagger()
        except (KGError, OSError) as e:  # model file missing or unreadable
            _warn_once("crf-model", f"CRF model unavailable ({e}); using gazetteer and patterns only")
            return None
    if backend == "camel":
        try:
            from . import camel_ner
        except ImportError as e:
            raise ConfigError(f"--ner camel: camel-tools NER backend unavailable ({e})") from e
        load = getattr(camel_ner, "load_tagger", None) or getattr(camel_ner, "load_camel_ner", None)
        if load is None:
            raise ConfigError("--ner camel: kg.nlp.camel_ner has no loader")
        return load()  # a missing camel-tools model raises its KGError: the user asked for it
    raise ConfigError(f"unknown NER backend {backend!r}: use crf, gazetteer or camel")


_STAGES: tuple | None = None


def _stages() -> tuple:
    """``(analyse_sentence, tag_counts, resolve_document, build_entities)``, imported on first use
    (an import statement in ``__call__`` would cost a module look-up on every document)."""
    global _STAGES
    if _STAGES is None:
        from .coref import resolve_document
        from .linking import build_entities
        from .roles import analyse_sentence, tag_counts

        _STAGES = (analyse_sentence, tag_counts, resolve_document, build_entities)
    return _STAGES


class EntityRecognizer:
    """Gazetteer + statistical tagger + patterns + coreference + linking, for one config."""

    def __init__(self, config: Config | None = None):
        self.config = config or Config()
        self._gaz = None
        self._tagger = None
        self._tagger_loaded = False
        if self.config.ner not in ("crf", "gazetteer", "camel"):
            raise ConfigError(f"unknown NER backend {self.config.ner!r}: use crf, gazetteer or camel")

    @property
    def gazetteer(self):
        if self._gaz is None:
            from .gazetteer import load_gazetteer

            self._gaz = load_gazetteer()
        return self._gaz

    @property
    def tagger(self):
        if not self._tagger_loaded:
            self._tagger = load_statistical_tagger(self.config.ner)
            self._tagger_loaded = True
        return self._tagger

    def describe(self) -> str:
        t = self.tagger
        if t is None:
            return "gazetteer+patterns"
        name = getattr(t, "describe", None)
        return f"gazetteer+patterns+{name() if callable(name) else self.config.ner}"

    def _tag(self, text: str, sent_tokens: list) -> list[list[tuple[int, int, str, str]]] | None:
        """The tagger's spans per sentence (one document-level call when the tagger has
        ``tag_spans_document``), or None if the tagger fails (a broken model must not break
        extraction: gazetteer and patterns go on alone, with a one-time warning)."""
        tagger = self.tagger
        try:
            by_doc = getattr(tagger, "tag_spans_document", None)
            if callable(by_doc):
                spans = by_doc(text, sent_tokens)
                if len(spans) == len(sent_tokens):
                    return [list(x) for x in spans]
            return [tagger.tag_spans(text, toks) if toks else [] for toks in sent_tokens]
        except Exception as e:  # noqa: BLE001
            _warn_once("tagger-fail", f"statistical tagger failed ({e!r}); continuing without it")
            return None

    def __call__(self, doc: Document, sentences: list[Sentence]) -> list[Entity]:
        analyse_sentence, tag_counts, resolve_document, build_entities = _stages()
        gaz = self.gazetteer
        tagger = self.tagger
        if gaz._vocab is None and tagger is not None:
            lex = getattr(getattr(tagger, "features", None), "lexicons", None)
            if isinstance(lex, dict) and "dc" in lex and "nm" in lex:
                gaz.share_vocabulary(lex["dc"], lex["nm"])  # the same files: no second read
        text = doc.text
        found = []  # roles.Found items over the whole document
        sent_tokens = [tokenize(text, s.start, s.end) for s in sentences]
        doc_spans = self._tag(text, sent_tokens) if tagger is not None else None
        counts = tag_counts(text, doc_spans)
        for si, tokens in enumerate(sent_tokens):
            if not tokens:
                continue
            matches = gaz.match(tokens)
            spans = doc_spans[si] if doc_spans is not None else []
            found.extend(analyse_sentence(gaz, text, tokens, si, matches, spans, counts))
        resolved = resolve_document(gaz, text, sent_tokens, found)
        return build_entities(gaz, text, resolved, self.config.base_iri)


__all__ = ["EntityRecognizer", "load_statistical_tagger"]
