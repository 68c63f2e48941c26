"""Deterministic, serializer-safe IRIs for entities, events and documents.

Pure functions, shared by the extraction side (which fills ``Entity.iri`` in the JSON)
and the RDF side.  The same key always gives the same IRI.  Arabic letters are kept (IRIs
are Unicode); everything that could break a serializer or mislead a reader -- white
space, ASCII reserved and delimiter characters, quotes, angle brackets, controls, bidi
controls, zero-width characters -- is percent-encoded (UTF-8) or, for white space,
turned into ``_``.
"""

from __future__ import annotations

import hashlib
import unicodedata

from .config import DEFAULT_BASE_IRI

_SAFE_ASCII = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")


def _pct(ch: str) -> str:
    return "".join(f"%{b:02X}" for b in ch.encode("utf-8"))


def slug(value: str, max_len: int = 120) -> str:
    """An IRI path segment for ``value`` (NFC, spaces as ``_``, unsafe characters escaped).

    Long values are cut and suffixed with a short hash so that they stay distinct.
    """
    value = unicodedata.normalize("NFC", value.strip())
    parts: list[str] = []
    for ch in value:
        if ch in _SAFE_ASCII:
            parts.append(ch)
        elif ch.isspace():
            if parts and parts[-1] != "_":
                parts.append("_")
        elif ord(ch) < 128:
            parts.append(_pct(ch))
        else:
            cat = unicodedata.category(ch)
            # letters, marks and digits of any script are fine in an IRI; format (Cf: bidi,
            # zero-width), control, separator, private-use and unassigned are escaped
            if cat[0] in "LMN" or cat in ("Pd", "Pc"):
                parts.append(ch)
            else:
                parts.append(_pct(ch))
    s = "".join(parts).strip("_") or "_"
    if len(s) > max_len:
        h = hashlib.sha1(value.encode("utf-8")).hexdigest()[:10]
        s = s[:max_len] + "-" + h
    return s


def entity_iri(entity_id: str, base: str = DEFAULT_BASE_IRI) -> str:
    """IRI of an entity from its cross-document id (``GPE:RUS`` -> ``<base>gpe/RUS``)."""
    kind, _, key = entity_id.partition(":")
    if not key:
        kind, key = "entity", entity_id
    return f"{base}{slug(kind.lower())}/{slug(key)}"


def document_iri(doc_id: str, base: str = DEFAULT_BASE_IRI) -> str:
    return f"{base}doc/{slug(doc_id)}"


def event_iri(doc_id: str, event_id: str, base: str = DEFAULT_BASE_IRI) -> str:
    return f"{base}event/{slug(doc_id)}/{slug(event_id)}"
