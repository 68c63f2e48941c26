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
from collections import Counter
from functools import lru_cache

from ..iri import entity_iri
from ..model import Entity, Mention
from .gazetteer import DATA_DIR, Gazetteer, entity_key, read_list
from .roles import Found, is_country_id
from .text import DIACRITICS, INVISIBLE, TATWEEL, normalize

_STRIP = re.compile("[" + re.escape(DIACRITICS + TATWEEL + INVISIBLE) + "]")


@lru_cache(maxsize=65536)
def _iri(eid: str, base: str) -> str:
    return entity_iri(eid, base)


@lru_cache(maxsize=65536)
def clean_label(s: str) -> str:
    """A display label: no diacritics, tatweel or invisible marks, single spaces."""
    return re.sub(r"\s+", " ", _STRIP.sub("", s)).strip()


@lru_cache(maxsize=1)
def _locatives() -> frozenset[str]:
    return frozenset(normalize(w) for w in read_list(DATA_DIR / "locatives.txt"))


def _mention_kind(f: Found, capital: bool) -> str:
    if f.kind == "name" and capital:
        if f.prefix.endswith("ب") or f.prefix.endswith("ل") or f.prev_norm in _locatives():
            return "name"
        return "capital"
    return f.kind


def build_entities(gaz: Gazetteer, text: str, groups: list[list[Found]], base_iri: str) -> list[Entity]:
    """One :class:`Entity` per group, ids and IRIs filled in."""
    out: list[Entity] = []
    by_id: dict[str, Entity] = {}
    for fs in groups:
        named = [f for f in fs if f.kind not in ("nominal", "nisba")]
        entry = next((f.entry for f in fs if f.entry is not None and f.entry.category == "entity"), None)
        if entry is None:
            entry = next((f.entry for f in fs if f.entry is not None), None)
        built = next((f for f in fs if f.key and f.entry is None), None)
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
            best = max(named, key=lambda f: (f.ntokens, f.end - f.start, -f.start))
            label = clean_label(text[best.start:best.end])
            eid, label_en = f"{typ}:{entity_key(label)}", None
        if not named and typ != "GPE":
            continue  # only nominals/gentilics: nothing to name it by
        mentions = []
        seen = set()
        capital = bool(entry is not None and entry.attributes.get("capital_of"))
        for f in fs:
            if (f.start, f.end) in seen:
                continue
            seen.add((f.start, f.end))
            mentions.append(Mention(text=text[f.start:f.end], start=f.start, end=f.end, type=typ,
                                    kind=_mention_kind(f, capital), sentence=f.sentence, source=f.source))
        aliases = list(dict.fromkeys(clean_label(m.text) for m in mentions if m.kind != "nominal"))
        title = next((f.title for f in fs if f.title and f.kind != "nominal"), None)
        countries = Counter(f.country for f in fs if f.country and f.kind != "nisba")
        if entry is not None and entry.category == "entity" and entry.country:
            country = entry.country
        else:
            country = countries.most_common(1)[0][0] if countries else None
        if is_country_id(eid):
            country = eid[4:]
        roles = list(dict.fromkeys(f.role for f in fs if f.role and f.kind != "nominal"))
        fine = next((f.fine_type for f in fs if f.fine_type), None) or (entry.fine_type if entry else None)
        attrs: dict = {}
        ext: dict = {}
        if entry is not None:
            attrs.update(entry.attributes)
            ext.update(entry.external_ids)
        for f in fs:
            for k, v in f.attributes.items():
                if k != "link_to":
                    attrs.setdefault(k, v)
        if typ in ("PER", "ORG") and country and "affiliation" not in attrs and typ == "ORG":
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
