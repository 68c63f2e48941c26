"""Linking: turn coreference groups into :class:`kg.model.Entity` objects with cross-document ids.

Ids (the same real-world entity gets the same id in every document and run):

- countries ``GPE:<ISO3>``; GeoNames places ``GPE:geonames-<id>`` / ``LOC:geonames-<id>``;
- curated places, organizations and people: ``<TYPE>:<normalized canonical label>``;
- ministries/institutions built from a gentilic: ``ORG:<normalized canonical label>`` where the
  label is rebuilt from the country's canonical gentilic (``وزارة الخارجية الروسية``);
- other names (tagger or title pattern): ``<TYPE>:<normalized fullest name in the document>``.

Capitals keep their city entity (``attributes.capital_of``); a capital mention not introduced
by a locative word (``في``, ``إلى``, ``ب``...) gets ``kind="capital"`` (the capital stands for its
government, as in ``موسكو تدعو``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..iri import entity_iri
from ..model import Entity, Mention
from .gazetteer import DATA_DIR, Gazetteer, entity_key, read_list
from .coref import name_key
from .roles import Found, is_country_id
from .text import DIACRITICS, INVISIBLE, TATWEEL, normalize

_STRIP = re.compile("[" + re.escape(DIACRITICS + TATWEEL + INVISIBLE) + "]")
_SPACES = re.compile(r"\s+")


#: Keys that :func:`kg.iri.slug` leaves as they are but for spaces -> ``_``: words of ASCII
#: letters, digits, ``-.~`` and Arabic letters (category L, checked below), single spaces, at
#: most 120 characters.  Most entity ids are such keys; the others go through ``entity_iri``.
_PLAIN_KEY = re.compile(r"[A-Za-z0-9\-.~\u0621-\u064A]+(?: [A-Za-z0-9\-.~\u0621-\u064A]+)*")
assert all(unicodedata.category(chr(c))[0] == "L" for c in range(0x0621, 0x064B))
_PLAIN_KINDS = {"PER": "per", "ORG": "org", "GPE": "gpe", "LOC": "loc"}


@lru_cache(maxsize=65536)
def _iri(eid: str, base: str) -> str:
    """:func:`kg.iri.entity_iri` (cached), without its per-character pass for a plain key."""
    kind, _, key = eid.partition(":")
    lk = _PLAIN_KINDS.get(kind)
    if (lk is not None and len(key) <= 120 and _PLAIN_KEY.fullmatch(key) is not None
            and unicodedata.is_normalized("NFC", key)):
        return f"{base}{lk}/{key.replace(' ', '_')}"
    return entity_iri(eid, base)


@lru_cache(maxsize=65536)
def clean_label(s: str) -> str:
    """A display label: no diacritics, tatweel or invisible marks, single spaces."""
    return _SPACES.sub(" ", _STRIP.sub("", s)).strip()


@lru_cache(maxsize=1)
def _locatives() -> frozenset[str]:
    return frozenset(normalize(w) for w in read_list(DATA_DIR / "locatives.txt"))


def build_entities(gaz: Gazetteer, text: str, groups: list[list[Found]], base_iri: str) -> list[Entity]:
    """One :class:`Entity` per group, ids and IRIs filled in.

    Per group: the entity is the first gazetteer entity entry among its mentions (else the first
    gazetteer entry of any kind), else the first pattern-built key, else the fullest name; the
    title, fine type and attributes are the first ones given, the country the entity entry's or
    else the most frequent one (the first of equals); mentions are kept once per span."""
    out: list[Entity] = []
    by_id: dict[str, Entity] = {}
    locatives = _locatives()
    for fs in groups:
        # one pass over the group for what it says
        entry = entry_any = built = title = fine = None
        named = False
        counts: dict[str, int] = {}
        roles_d: dict[str, None] = {}
        f_attrs = []
        for f in fs:
            kind = f.kind
            e = f.entry
            if e is not None:
                if entry is None and e.category == "entity":
                    entry = e
                if entry_any is None:
                    entry_any = e
            elif built is None and f.key:
                built = f
            if kind != "nominal":
                if kind != "nisba":
                    named = True
                    if f.country:
                        counts[f.country] = counts.get(f.country, 0) + 1
                if title is None and f.title:
                    title = f.title
                if f.role:
                    roles_d[f.role] = None
            elif f.country:
                counts[f.country] = counts.get(f.country, 0) + 1
            if fine is None and f.fine_type:
                fine = f.fine_type
            if f.attributes:
                f_attrs.append(f.attributes)
        if entry is None:
            entry = entry_any
        typ = fs[0].type
        if entry is not None:
            eid, label, label_en = entry.id, entry.label, entry.label_en
            typ = entry.type
        elif built is not None:
            eid, label, label_en = built.key, built.label, built.label_en
        else:
            if not named:
                continue
            # the fullest name: most tokens, then longest, then first
            best = max((f for f in fs if f.kind not in ("nominal", "nisba")),
                       key=lambda f: (f.ntokens, f.end - f.start, -f.start))
            label = clean_label(text[best.start:best.end])
            # a person's kunya in any case is one id (أبي عياض = أبو عياض), as coreference keys it
            key = name_key(label) if typ == "PER" else entity_key(label)
            eid, label_en = f"{typ}:{key}", None
        if not named and typ != "GPE":
            continue  # only nominals/gentilics: nothing to name it by
        mentions = []
        aliases_d: dict[str, None] = {}
        seen = set()
        capital = bool(entry is not None and entry.attributes.get("capital_of"))
        for f in fs:
            span = (f.start, f.end)
            if span in seen:
                continue
            seen.add(span)
            kind = f.kind
            if kind == "name" and capital and not (
                    f.prefix.endswith("ب") or f.prefix.endswith("ل") or f.prev_norm in locatives):
                kind = "capital"
            mtext = text[f.start:f.end]
            mentions.append(Mention(mtext, f.start, f.end, typ, kind, f.sentence, f.source))
            if kind != "nominal":
                aliases_d[clean_label(mtext)] = None
        aliases = list(aliases_d)
        if entry is not None and entry.category == "entity" and entry.country:
            country = entry.country
        else:
            country = max(counts, key=counts.__getitem__) if counts else None  # first of the most frequent
        if is_country_id(eid):
            country = eid[4:]
        roles = list(roles_d)
        if fine is None and entry is not None:
            fine = entry.fine_type
        attrs: dict = {}
        ext: dict = {}
        if entry is not None:
            attrs.update(entry.attributes)
            ext.update(entry.external_ids)
        for fa in f_attrs:
            for k, v in fa.items():
                if k != "link_to":
                    attrs.setdefault(k, v)
        if typ == "ORG" and country and "affiliation" not in attrs:
            attrs["affiliation"] = f"GPE:{country}"
        if eid in by_id:  # two groups that link to one id (e.g. a tagger span and a pattern)
            e = by_id[eid]
            e.mentions.extend(mentions)
            e.mentions.sort(key=lambda m: m.start)
            e.aliases = list(dict.fromkeys(e.aliases + aliases))
            e.title = e.title or title
            e.country = e.country or country
            e.roles = list(dict.fromkeys(e.roles + roles))
            continue
        e = Entity(id=eid, type=typ, label=clean_label(label), label_en=label_en, aliases=aliases, country=country,
                   title=title, fine_type=fine, roles=roles, external_ids=ext, mentions=mentions,
                   iri=_iri(eid, base_iri), attributes=attrs)
        by_id[eid] = e
        out.append(e)
    out.sort(key=lambda e: e.mentions[0].start if e.mentions else 0)
    return out


__all__ = ["build_entities", "clean_label"]
