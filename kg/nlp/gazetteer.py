"""Gazetteers: load the lexicons of kg/data/gazetteer/ once and match them over tokens.

What is matched (all after :func:`kg.nlp.text.normalize`, token by token, longest match first,
with proclitics -- و ف ب ل ك ال لل -- allowed on the first token):

- ``entity``: countries (CLDR/pycountry/curated names), cities (GeoNames, Arabic names), curated
  places, organizations and people (full names and distinctive aliases);
- ``nisba``: gentilic adjectives (الروسي، الروسية، الروس...) -> a country;
- ``title``: person titles (الرئيس، وزير الخارجية، المتحدث باسم...);
- ``ministry`` / ``ministry_bare`` / ``institution``: heads that, with a gentilic, name a state body
  (وزارة الخارجية + الروسية, الخارجية + الروسية, الجيش + السوري);
- ``facility``: heads that, with a place name, name a facility or area (قصر قرطاج, مطار طرابلس).

The index is a dict keyed by the normalized first token; each key holds the candidate token
sequences, longest first.  :func:`load_gazetteer` returns the process-wide instance (loaded
lazily, read-only afterwards).  :meth:`Gazetteer.lookup_token_features` gives cheap per-token
features for a statistical tagger.
"""

from __future__ import annotations

import re
import threading
from itertools import compress
from operator import attrgetter
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Iterable

from ..errors import KGError
from .text import (_PROCLITICS_BY_FIRST, DIACRITICS, PROCLITICS, Token, _proclitic_split_tuple, cached_values, normalize,
                   normalize_map, proclitic_split_tuple, tokenize)

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "gazetteer"

# priorities: when two lexicons give the same token sequence, the higher one wins
_TANWEEN = re.compile("[\u064b\u064c\u064d]")

P_CURATED = 100
P_COUNTRY = 90
P_TITLE = 80
P_HEAD = 75
P_NISBA = 70
P_PLACE = 65
P_CAPITAL = 60
P_CITY = 50


_NORM = attrgetter("norm")


class GazetteerError(KGError):
    """A gazetteer data file is missing or malformed."""


@dataclass(slots=True)
class GazEntry:
    """What a matched token sequence stands for."""

    category: str  # entity | nisba | title | ministry | ministry_bare | ministry_idafa | institution
    id: str = ""  # entity id (entity, nisba: the country id)
    type: str = ""  # PER ORG GPE LOC (entity, nisba: GPE)
    label: str = ""  # canonical Arabic label (entity/nisba: the country's label; title: the title)
    label_en: str | None = None
    country: str | None = None  # ISO3
    fine_type: str | None = None
    kind: str = "name"  # name | alias (entities); for heads: gender m/f
    external_ids: dict = field(default_factory=dict)
    attributes: dict = field(default_factory=dict)
    priority: int = 0
    role: str | None = None  # titles: e.g. counterpart
    nominal: bool = False  # titles that can refer back alone (الوزير البريطاني)
    source_file: str = ""


@dataclass(slots=True)
class GazMatch:
    """A match of tokens ``[i, j)`` of a token list; ``start``/``end`` exclude the proclitic."""

    i: int
    j: int
    start: int
    end: int
    entry: GazEntry
    prefix: str = ""  # normalized proclitic that was split off ("" when none)


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a data TSV: ``#`` comment lines, then a header row, then tab-separated rows."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise GazetteerError(f"cannot read gazetteer file {path}: {e}") from e
    rows: list[dict[str, str]] = []
    header: list[str] | None = None
    nh = 0
    strip = str.strip
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line or line.isspace() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = [c.strip() for c in cells]
            nh = len(header)
            continue
        if len(cells) != nh:
            if len(cells) > nh:
                raise GazetteerError(f"{path}:{lineno}: {len(cells)} columns, header has {nh}")
            cells += [""] * (nh - len(cells))
        rows.append(dict(zip(header, map(strip, cells))))
    if header is None:
        raise GazetteerError(f"{path}: no header row")
    return rows


def read_list(path: Path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise GazetteerError(f"cannot read gazetteer file {path}: {e}") from e
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


def _split(cell: str) -> list[str]:
    return [a.strip() for a in cell.split("|") if a.strip()]


def key_of(phrase: str) -> tuple[str, ...]:
    """Normalized word tokens of a phrase (the matching key)."""
    return tuple(t.norm for t in tokenize(phrase) if t.text not in "-‐")


@lru_cache(maxsize=65536)
def entity_key(label: str) -> str:
    """The cross-document key part of an id: normalized label, single spaces (cached)."""
    return " ".join(key_of(label))


class Gazetteer:
    """All lexicons, indexed for matching.  Build with :func:`load_gazetteer`."""

    def __init__(self, data_dir: Path = DATA_DIR):
        self.data_dir = data_dir
        self.index: dict[str, list[tuple[tuple[str, ...], GazEntry]]] = {}
        self._best: dict[tuple[str, ...], GazEntry] = {}
        self.countries: dict[str, GazEntry] = {}  # ISO3 -> country entry
        self.nisba_stem: dict[str, str] = {}  # ISO3 -> canonical nisba stem (روسي)
        self.titles: dict[str, GazEntry] = {}
        self.stopwords: set[str] = set()
        self.word_counts: dict[str, tuple[int, int, int, int]] = {}
        self.entities: dict[str, GazEntry] = {}  # id -> canonical entry
        self._hit_cache: dict[str, tuple[tuple[int, str], ...]] = {}
        #: first token -> (candidates by second token, the one-token candidate), built on first use
        self._cand_cache: dict[str, tuple[dict[str, list[tuple[tuple[str, ...], GazEntry]]],
                                          tuple[tuple[str, ...], GazEntry] | None]] = {}
        self._heads_cache: dict[str, tuple | None] = {}
        self._vocab = None  # general vocabulary (a set or mapping), read by is_ordinary_word on first use
        self._name_words = frozenset()
        self._load()
        for seqs in self.index.values():
            seqs.sort(key=lambda x: -len(x[0]))
        #: head stem -> (organization head, programme head, place head), for :meth:`heads_of`
        self._head_kinds: dict[str, tuple[bool, bool, bool]] = {
            h: (h in self.org_patterns and self.org_patterns[h][0] != "programme",
                h in self.org_patterns and self.org_patterns[h][0] == "programme",
                h in self.place_heads)
            for h in {*self.org_patterns, *self.place_heads}}
        #: every written form that may read as a head (proclitic + head, proclitic ending in ال/لل +
        #: head without its article) or as a verb of saying (و/ف + verb): a word outside this set
        #: starts no head pattern, so heads_of need not split it
        words = set()
        for h in self._head_kinds:
            for p in ("", *PROCLITICS):
                words.add(p + h)
                if h.startswith("ال") and p.endswith(("ال", "لل")):
                    words.add(p + h[2:])
        for v in self.speech_verbs:
            words.update((v, "و" + v, "ف" + v))
        self.head_words: frozenset[str] = frozenset(words)

    # --- loading -------------------------------------------------------------------------

    def _add(self, phrase: str, entry: GazEntry) -> None:
        key = key_of(phrase)
        if not key:
            return
        old = self._best.get(key)
        if old is not None and old.priority >= entry.priority:
            return
        self._best[key] = entry
        lst = self.index.setdefault(key[0], [])
        for n, (k, _) in enumerate(lst):
            if k == key:
                lst[n] = (key, entry)
                break
        else:
            lst.append((key, entry))

    def _load(self) -> None:
        d = self.data_dir
        # countries
        for r in read_tsv(d / "countries.tsv"):
            iso3 = r["iso3"]
            ext = {"iso3166": iso3}
            if r.get("geonames"):
                ext["geonames"] = r["geonames"]
            e = GazEntry("entity", f"GPE:{iso3}", "GPE", r["label"], r.get("label_en") or None, iso3, "Nation",
                         external_ids=ext, priority=P_COUNTRY, source_file="countries.tsv")
            self.countries[iso3] = e
            self.entities[e.id] = e
            for name in _split(r["names"]):
                self._add(name, e)
        # cities
        for r in read_tsv(d / "cities.tsv"):
            cap = r.get("capital") == "1"
            gid = r["geonames"]
            attrs = {"capital_of": f"GPE:{r['iso3']}"} if cap else {}
            e = GazEntry("entity", f"GPE:geonames-{gid}", "GPE", r["label"], r.get("label_en") or None, r["iso3"],
                         "Population-Center", external_ids={"geonames": gid}, attributes=attrs,
                         priority=(P_CAPITAL if cap else P_CITY), source_file="cities.tsv")
            self.entities[e.id] = e
            for name in _split(r["names"]):
                self._add(name, e)
        # curated places
        for r in read_tsv(d / "places.tsv"):
            typ = r["type"]
            if typ not in ("GPE", "LOC"):
                raise GazetteerError(f"{d / 'places.tsv'}: type {typ!r} of {r['label']!r} is not GPE or LOC")
            gid = r.get("geonames", "")
            eid = f"{typ}:geonames-{gid}" if gid else f"{typ}:{entity_key(r['label'])}"
            cap = r.get("capital_of", "")
            e = GazEntry("entity", eid, typ, r["label"], r.get("label_en") or None, r.get("country") or None,
                         r.get("fine_type") or None, external_ids={"geonames": gid} if gid else {},
                         attributes={"capital_of": f"GPE:{cap}"} if cap else {},
                         priority=P_PLACE, source_file="places.tsv")
            self.entities[eid] = e
            for name in [r["label"], *_split(r.get("aliases", ""))]:
                self._add(name, e)
        # world regions (CLDR / UN M.49); a curated place of the same name gets the code
        rp = d / "regions.tsv"
        for r in (read_tsv(rp) if rp.exists() else []):
            key = key_of(r["label"])
            old = self._best.get(key)
            if old is not None and old.category == "entity" and old.type == "LOC":
                old.external_ids.setdefault("m49", r["m49"])
                continue
            e = GazEntry("entity", f"LOC:{entity_key(r['label'])}", "LOC", r["label"], r.get("label_en") or None,
                         None, "Region", external_ids={"m49": r["m49"]}, priority=P_PLACE - 1,
                         source_file="regions.tsv")
            self.entities[e.id] = e
            self._add(r["label"], e)
        # organizations
        for r in read_tsv(d / "organizations.tsv"):
            eid = f"ORG:{entity_key(r['label'])}"
            attrs = {"affiliation": f"GPE:{r['country']}"} if r.get("country") else {}
            e = GazEntry("entity", eid, "ORG", r["label"], r.get("label_en") or None, r.get("country") or None,
                         r.get("fine_type") or None, attributes=attrs, priority=P_CURATED,
                         source_file="organizations.tsv")
            self.entities[eid] = e
            self._add(r["label"], e)
            for a in _split(r.get("aliases", "")):
                self._add(a, e)
        # people
        for r in read_tsv(d / "people.tsv"):
            eid = f"PER:{entity_key(r['label'])}"
            attrs = {"known_title": r["title"]} if r.get("title") else {}
            e = GazEntry("entity", eid, "PER", r["label"], r.get("label_en") or None, r.get("country") or None,
                         r.get("fine_type") or None, attributes=attrs, priority=P_CURATED, source_file="people.tsv")
            self.entities[eid] = e
            self._add(r["label"], e)
            for a in _split(r.get("aliases", "")):
                alias = GazEntry(**{s: getattr(e, s) for s in GazEntry.__slots__})
                alias.kind = "alias" if len(key_of(a)) == 1 else "name"
                self._add(a, alias)
        # gentilics
        accusatives = []
        for r in read_tsv(d / "nisba.tsv"):
            iso3 = r["iso3"]
            c = self.countries.get(iso3)
            if c is None:
                raise GazetteerError(f"{d / 'nisba.tsv'}: unknown country {iso3!r} for {r['form']!r}")
            self.nisba_stem.setdefault(iso3, r["stem"])
            g = GazEntry("nisba", c.id, "GPE", c.label, c.label_en, iso3, "Nation",
                         external_ids=dict(c.external_ids), priority=P_NISBA, source_file="nisba.tsv")
            self._add(r["form"], g)
            if r.get("form_tag") == "m.sg" and not r["form"].startswith("ال"):
                accusatives.append((r["form"] + "ا", g))
        # titles
        for r in read_tsv(d / "titles.tsv"):
            e = GazEntry("title", label=r["title"], fine_type=r.get("fine_type") or None, priority=P_TITLE,
                         role=r.get("role") or None, nominal=r.get("nominal") == "1", source_file="titles.tsv")
            self.titles[entity_key(r["title"])] = e
            self._add(r["title"], e)
        for r in read_tsv(d / "portfolios.tsv"):
            p = r["portfolio"]
            bare_p = p[2:] if p.startswith("ال") else p
            for head in ("وزير", "وزيرة"):
                t = GazEntry("title", label=f"{head} {p}", fine_type="Politician", priority=P_TITLE, nominal=True,
                             source_file="portfolios.tsv")
                self._add(f"{head} {p}", t)
                self._add(f"{head} {bare_p}", GazEntry("title", label=f"{head} {p}", fine_type="Politician",
                                                       priority=P_TITLE, nominal=True, attributes={"idafa": True},
                                                       source_file="portfolios.tsv"))
            m = GazEntry("ministry", label=f"وزارة {p}", label_en=f"Ministry of {r['label_en']}", kind="f",
                         fine_type="Government", priority=P_HEAD, source_file="portfolios.tsv")
            self._add(f"وزارة {p}", m)
            self._add(f"وزارة {bare_p}", GazEntry("ministry", label=f"وزارة {p}", label_en=m.label_en, kind="f",
                                                  fine_type="Government", priority=P_HEAD,
                                                  attributes={"idafa": True}, source_file="portfolios.tsv"))
            if r.get("bare") == "1":
                self._add(p, GazEntry("ministry_bare", label=f"وزارة {p}", label_en=m.label_en, kind="f",
                                      fine_type="Government", priority=P_HEAD, source_file="portfolios.tsv"))
        for r in read_tsv(d / "institutions.tsv"):
            self._add(r["head"], GazEntry("institution", label=r["head"], label_en=r.get("label_en") or None,
                                          kind=r.get("gender") or "m", fine_type=r.get("fine_type") or None,
                                          attributes={"bare": True} if r.get("bare") == "y" else {},
                                          priority=P_HEAD, source_file="institutions.tsv"))
        for r in read_tsv(d / "facilities.tsv"):
            if r["type"] not in ("LOC", "GPE", "ORG"):
                raise GazetteerError(f"{d / 'facilities.tsv'}: type {r['type']!r} of {r['head']!r}")
            self._add(r["head"], GazEntry("facility", label=r["head"], type=r["type"],
                                          label_en=r.get("label_en") or None, fine_type=r.get("fine_type") or None,
                                          priority=P_HEAD - 1, source_file="facilities.tsv"))
        stop_list = read_list(d / "stopwords.txt")
        self.stopwords = {normalize(w) for w in stop_list}
        # stop words written with a final ى (على، إلى، حتى) whose normalized form is also a name (علي)
        self.maqsura_stops = {normalize(w) for w in stop_list if w.endswith("ى")}
        self.not_names = {normalize(w) for w in read_list(d / "not_names.txt")}
        pats = read_list(d / "name_stop_patterns.txt")
        try:
            self.verb_like = re.compile("|".join(f"(?:{p})" for p in pats)) if pats else None
        except re.error as e:
            raise GazetteerError(f"{d / 'name_stop_patterns.txt'}: bad pattern: {e}") from e
        self.speech_verbs = {normalize(w) for w in read_list(d / "speech_verbs.txt")}
        self.org_heads = {normalize(w) for w in read_list(d / "org_heads.txt")}
        self.title_modifiers = {normalize(w) for w in read_list(d / "title_modifiers.txt")}
        ah = d / "agreement_heads.txt"
        ag = {normalize(w) for w in (read_list(ah) if ah.exists() else [])}
        #: written forms (with a proclitic) of heads of agreements named after a place (وثيقة قرطاج)
        self.agreement_forms = frozenset(ag | {p + w for w in ag for p in self._ORG_CLITICS})
        po = d / "person_org_heads.txt"
        #: every written form (with a proclitic) of a head + person name organization -> (prefix length, fine type)
        self.person_org_forms: dict[str, tuple[int, str | None]] = {}
        for r in (read_tsv(po) if po.exists() else []):
            h = normalize(r["head"])
            for pre in ("",) + self._ORG_CLITICS:
                self.person_org_forms[pre + h] = (len(pre), r.get("fine_type") or None)
        do = d / "dual_org_heads.tsv"
        #: every written form (with a proclitic: لحزبي) of a dual organization head -> (prefix length, singular head)
        self.dual_org_forms: dict[str, tuple[int, str]] = {}
        for r in (read_tsv(do) if do.exists() else []):
            for pre in self._DUAL_CLITICS:
                self.dual_org_forms[normalize(pre + r["dual"])] = (len(pre), r["head"])
        kw = d / "kinship_words.txt"
        #: written forms (with a proclitic: وزوجته) of the kinship nouns of kinship_words.txt
        self.kinship_forms = frozenset(normalize(pre + w) for w in (read_list(kw) if kw.exists() else [])
                                       for pre in self._DUAL_CLITICS)
        lm = d / "list_markers.txt"
        markers: dict[str, set[str]] = {}
        for line in (read_list(lm) if lm.exists() else []):
            ws = normalize(line).split()
            if len(ws) == 2:
                markers.setdefault(ws[1], set()).add(ws[0])
        #: the two-word markers of list_markers.txt (كل من, من بينهم) as last word -> the first words before it
        self.list_markers: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in markers.items()}
        sl = d / "source_line_words.txt"
        sl_words = read_list(sl) if sl.exists() else []
        #: generic credits (وكالات) and words before an outlet's name (ترجمة) of a source line
        self.source_generic = frozenset(normalize(w) for w in sl_words if not w.startswith("+"))
        self.source_lead = frozenset(normalize(w[1:]) for w in sl_words if w.startswith("+"))
        self.org_patterns: dict[str, tuple[str, str | None]] = {}
        #: head -> (words before it, proclitics on it) that make it an ordinary noun (على هيئة, لمصلحة)
        self.org_pattern_blocks: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
        self.org_no_place: set[str] = set()  # heads never taken with a place name (مصلحة تونس)
        for r in read_tsv(d / "org_patterns.tsv"):
            head = normalize(r["head"])
            self.org_patterns[head] = (r["kind"], r.get("fine_type") or None)
            na = r.get("not_after", "").split()
            if "+place" in na:
                self.org_no_place.add(head)
                na.remove("+place")
            if na:
                self.org_pattern_blocks[head] = (frozenset(normalize(w) for w in na if not w.endswith("-")),
                                                 frozenset(normalize(w[:-1]) for w in na if w.endswith("-")))
        #: programme heads (ضيف, برنامج) with the proclitics a programme head takes: they end a person name
        self.programme_heads = frozenset(
            p + h for h, (kind, _f) in self.org_patterns.items() if kind == "programme"
            for p in ("",) + self._PROG_CLITICS)
        inst_heads = {normalize(r["head"]) for r in read_tsv(d / "institutions.tsv") if " " not in r["head"]}
        fm = d / "facility_modifiers.txt"
        self.facility_modifiers = frozenset(normalize(w) for w in (read_list(fm) if fm.exists() else []))
        sp = d / "seat_heads.txt"
        self.seat_heads = frozenset(normalize(w) for w in (read_list(sp) if sp.exists() else []))
        gp = d / "generic_org_nouns.txt"
        self.generic_org_nouns = frozenset(
            {normalize(w) for w in (read_list(gp) if gp.exists() else [])} | inst_heads)
        self.facility_honorifics = {normalize(w) for w in read_list(d / "facility_honorifics.txt")}
        mods = read_list(d / "org_modifiers.txt")
        self.org_modifiers = {normalize(w) for w in mods if not w.startswith("-")}
        self.org_modifier_stops = {normalize(w[1:]) for w in mods if w.startswith("-")}
        self.place_heads: dict[str, tuple[str, str]] = {}
        for r in read_tsv(d / "place_heads.tsv"):
            if r["type_bare"] not in ("GPE", "LOC") or r["type_def"] not in ("GPE", "LOC"):
                raise GazetteerError(f"{d / 'place_heads.tsv'}: types of {r['head']!r} must be GPE or LOC")
            self.place_heads[normalize(r["head"])] = (r["type_bare"], r["type_def"])
        self.ambiguous = {key_of(w) for w in read_list(d / "ambiguous_names.txt")}
        self.place_context = {normalize(w) for w in read_list(d / "place_context.txt")}
        od = d / "org_descriptors.tsv"
        #: entity key of a description (المنظمه الدوليه) -> the fine type it refers back to (IGO)
        self.org_descriptors = {entity_key(r["descriptor"]): r["fine_type"] for r in (read_tsv(od) if od.exists() else [])}
        am = d / "alias_markers.txt"
        #: words between a person's name and another name of the person (المكنى، الملقب)
        self.alias_markers = frozenset(normalize(w) for w in (read_list(am) if am.exists() else []))
        dw = d / "direction_words.txt"
        #: direction words (شمالي, جنوب) with or without و/ب: a name after one is a place
        self.direction_words = frozenset(p + normalize(w) for w in (read_list(dw) if dw.exists() else [])
                                         for p in ("", "و", "ب", "وب"))
        ns = d / "name_suffixes.tsv"
        #: normalized word after a person's name that belongs to it -> kind (generation | ordinal)
        self.name_suffixes: dict[str, str] = {normalize(r["word"]): r["kind"] for r in (read_tsv(ns) if ns.exists() else [])}
        cw = d / "common_words_wordfreq.txt"
        self.frequent_words = frozenset(read_list(cw)) if cw.exists() else frozenset()
        wc = d / "word_counts_newsfane.tsv"
        if wc.exists():
            for r in read_tsv(wc):
                self.word_counts[r["word"]] = (int(r["place"]), int(r["person"]), int(r["other"]), int(r["O"]))
        # the indefinite accusative of a gentilic (فلسطينيا, عراقيا) is a gentilic too, unless the
        # form is something else the gazetteer knows (سوريا, روسيا, تركيا, بريطانيا: countries) or
        # NewsFANE tags it mostly as a place or a person (a country or name spelt otherwise)
        for form, g in accusatives:
            key = key_of(form)
            c = self.word_counts.get(key[0]) if len(key) == 1 else None
            if key and key not in self._best and key[0] not in self.not_names and (c is None or (c[0] + c[1]) * 2 <= sum(c)):
                self._add(form, g)

    # --- helpers ------------------------------------------------------------------------

    @cached_property
    def known_surnames(self) -> dict[str, GazEntry]:
        """Normalized last word of each known person's label (people.tsv) -> the person, when only
        one person has it: also the surnames left out of the aliases because they are ordinary words
        (الصيد, الشاهد), for contexts that call for a person (حكومة الصيد).  Built on first use."""
        acc: dict[str, list[GazEntry]] = {}
        for e in self.entities.values():
            if e.type == "PER" and e.label and " " in e.label.strip():
                acc.setdefault(normalize(e.label.split()[-1]), []).append(e)
        return {w: es[0] for w, es in acc.items() if len(es) == 1 and len(w) >= 4}

    def entry_of(self, phrase: str) -> GazEntry | None:
        """The gazetteer entry a whole phrase (or normalized word) names, if any."""
        key = key_of(phrase)
        return self._best.get(key) if key else None

    def is_common_word(self, norm: str) -> bool:
        """True when NewsFANE tags this word O (not part of any name) most of the time."""
        c = self.word_counts.get(norm)
        return c is not None and c[3] > (c[0] + c[1] + c[2])

    # sound plural / dual endings of nouns and adjectives (مستشارين، مستشارون، مستشاران، قرارات)
    _PLURAL_ENDINGS = ("ين", "ون", "ان", "ات")

    def _load_vocabulary(self) -> None:
        """General Arabic vocabulary (kg/data/ner/ner-dictionary.tsv, from Hunspell's Arabic
        dictionary) and words of people's names (kg/data/ner/ner-names.tsv, from Wikidata), read
        once on first use."""
        ner = self.data_dir.parent / "ner"
        vocab: set[str] = set()
        names: set[str] = set()
        for path, dest in ((ner / "ner-dictionary.tsv", vocab), (ner / "ner-names.tsv", names)):
            if path.exists():
                with path.open(encoding="utf-8") as fh:
                    dest.update(line.split("\t", 1)[0] for line in fh if not line.startswith("#"))
        self._vocab, self._name_words = frozenset(vocab), frozenset(names)

    def _ensure_vocabulary(self) -> None:
        if self._vocab is None:
            with _VOCAB_LOCK:
                if self._vocab is None:
                    self._load_vocabulary()

    def share_vocabulary(self, vocab, name_words) -> None:
        """Use word lists already read from the same files (the CRF tagger's ``dc`` and ``nm``
        lexicons, read from kg/data/ner/ner-dictionary.tsv and ner-names.tsv) instead of reading
        them again; anything that supports ``in`` will do."""
        with _VOCAB_LOCK:
            if self._vocab is None:
                self._vocab, self._name_words = vocab, name_words

    def is_name_word(self, norm: str) -> bool:
        """The word is a given name or surname of people in Wikidata (kg/data/ner/ner-names.tsv)."""
        self._ensure_vocabulary()
        return norm in self._name_words

    def in_dictionary(self, norm: str) -> bool:
        """The word, or the word without its article, is in the general dictionary (Hunspell)."""
        self._ensure_vocabulary()
        return norm in self._vocab or (norm.startswith("ال") and len(norm) > 4 and norm[2:] in self._vocab)

    def is_ordinary_word(self, norm: str) -> bool:
        """True for ordinary vocabulary that no person's name is made of, decided without the
        NewsFANE counts: a word of the general dictionary (Hunspell) or of wordfreq's frequent
        words, or a sound plural/dual (-ين/-ون/-ان/-ات) of such a word's stem (مستشارين ->
        مستشار), with or without the article; never a word of people's names (Wikidata:
        حسين، شاهين، عنان)."""
        self._ensure_vocabulary()
        if norm in self._name_words:
            return False
        vocab, fw = self._vocab, self.frequent_words
        w = norm[2:] if norm.startswith("ال") and len(norm) > 4 else norm
        if norm in vocab or norm in fw or w in vocab or w in fw:
            return True
        if len(w) >= 5 and w.endswith(self._PLURAL_ENDINGS):
            stem = w[:-2]
            if stem in self._name_words:
                return False
            forms = (stem, stem + "ه") if w.endswith("ات") else (stem,)
            return any(f in vocab or f in fw for f in forms)
        return False

    def is_personish(self, norm: str) -> bool:
        """True when NewsFANE tags this word as (part of) a person more often than not."""
        c = self.word_counts.get(norm)
        return c is not None and c[1] * 2 > sum(c)

    def is_verb_like(self, norm: str) -> bool:
        """True for tokens that look like verb forms (name_stop_patterns.txt), unless NewsFANE
        knows the word as a name."""
        return (self.verb_like is not None and self.verb_like.match(norm) is not None
                and not self.is_personish(norm))

    def is_speech_verb(self, norm: str) -> bool:
        """قال, وقال, فأكد ... (speech_verbs.txt, with a leading و/ف)."""
        return norm in self.speech_verbs or (len(norm) > 3 and norm[0] in "وف" and norm[1:] in self.speech_verbs)

    def is_stopword(self, norm: str, surface: str | None = None) -> bool:
        """A stop word, or و/ف + a stop word (ومن، فقال) unless the word is a name (فيصل).  With
        ``surface``, a word written with a final ي where the stop word has ى is not one (علي the
        name, على the preposition)."""
        if norm in self.stopwords:
            if surface is not None and norm in self.maqsura_stops and surface.rstrip(DIACRITICS).endswith("ي"):
                return False
            return True
        if len(norm) >= 3 and norm[0] in "وف" and norm[1:] in self.stopwords and not self.is_personish(norm):
            return True
        return False

    def nisba_label(self, iso3: str, feminine: bool) -> str | None:
        """The canonical gentilic with the article (الروسي / الروسية) of a country."""
        stem = self.nisba_stem.get(iso3)
        if not stem:
            return None
        return "ال" + stem + ("ة" if feminine else "")

    # --- matching -----------------------------------------------------------------------

    _CACHE_MAX = 200_000

    @staticmethod
    def splits(norm: str) -> tuple[tuple[int, str], ...]:
        """Cached :func:`kg.nlp.text.proclitic_splits` of a normalized word (a tuple)."""
        return proclitic_split_tuple(norm)

    _ORG_CLITICS = ("و", "ف", "ل", "ب", "لل", "ول", "فل", "وب", "فب")
    #: proclitics of dual organization heads and kinship nouns (the bare word included)
    _DUAL_CLITICS = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك")
    _PLACE_CLITICS = ("و", "ف", "ل", "ب", "وب", "فب")
    _PROG_CLITICS = ("و", "ف", "ل", "ب", "لل", "ك")
    _ORG_CLITIC_SET = frozenset(_ORG_CLITICS)
    _PLACE_CLITIC_SET = frozenset(_PLACE_CLITICS)
    _PROG_CLITIC_SET = frozenset(_PROG_CLITICS)

    def heads_of(self, norm: str) -> tuple | None:
        """What a word can start, for the per-token patterns of :mod:`kg.nlp.roles` (cached):
        ``(org, place, programme, speech)`` where ``org`` is ``(prefix_len, head)`` of an
        organization head (org_patterns.tsv), ``place`` ``(prefix_len, head)`` of a place head,
        ``programme`` a programme head, ``speech`` a verb of saying; None when none (most words)."""
        r = self._heads_cache.get(norm, False)
        if r is not False:
            return r
        if len(self._heads_cache) > self._CACHE_MAX:
            self._heads_cache.clear()
        if norm not in self.head_words:
            self._heads_cache[norm] = None
            return None
        org = place = None
        prog = False
        kinds = self._head_kinds
        for p, stem in proclitic_split_tuple(norm):
            k = kinds.get(stem)
            if k is None:
                continue
            pre = norm[:p]
            if org is None and (k[0] or k[1]) and (p == 0 or pre in self._ORG_CLITIC_SET):
                if k[1]:
                    prog = prog or p == 0 or pre in self._PROG_CLITIC_SET
                else:
                    org = (p, stem)
            if place is None and k[2] and (p == 0 or pre in self._PLACE_CLITIC_SET):
                place = (p, stem)
        sv = self.speech_verbs
        speech = norm in sv or (len(norm) > 3 and norm[0] in "وف" and norm[1:] in sv)  # is_speech_verb
        r = (org, place, prog, speech) if (org or place or prog or speech) else None
        self._heads_cache[norm] = r
        return r

    def _hits(self, norm: str) -> tuple[tuple[int, str], ...]:
        """The readings of a word whose stem starts some gazetteer sequence (cached); none for a
        word that does not start with a letter."""
        r = self._hit_cache.get(norm)
        if r is None:
            if len(self._hit_cache) > self._CACHE_MAX:
                self._hit_cache.clear()
            r = self._hit_cache[norm] = self._compute_hits(norm)
        return r

    def _compute_hits(self, norm: str) -> tuple[tuple[int, str], ...]:
        if not norm[:1].isalpha():
            return ()
        index = self.index
        if norm[:1] not in _PROCLITICS_BY_FIRST:  # no proclitic reading: the word itself
            return ((0, norm),) if norm in index else ()
        # (the readings are not kept in the split cache: most words are looked up only here)
        return tuple([(p, st) for p, st in _proclitic_split_tuple(norm, 2) if st in index]) or ()

    def _cands(self, stem: str):
        """The sequences that start with ``stem``: ``(by_second, single)`` where ``by_second`` maps
        a second token to the longer sequences with it (longest first, as in the index) and
        ``single`` is the one-token sequence, if any (cached)."""
        r = self._cand_cache.get(stem)
        if r is None:
            by_second: dict[str, list[tuple[tuple[str, ...], GazEntry]]] = {}
            single = None
            for key, entry in self.index[stem]:
                if len(key) == 1:
                    single = (key, entry)
                else:
                    by_second.setdefault(key[1], []).append((key, entry))
            r = self._cand_cache[stem] = (by_second, single)
        return r

    def match(self, tokens: list[Token], categories: Iterable[str] | None = None) -> list[GazMatch]:
        """Longest, left-to-right, non-overlapping matches over ``tokens``.

        At each token (with a word that may start a sequence), every proclitic reading of the word
        is tried: its longest sequence that the next tokens complete (of ``categories``, and a
        reading the proclitic allows) is a candidate; the longest candidate wins, then the one with
        the shorter proclitic, then the first reading."""
        n = len(tokens)
        out: list[GazMatch] = []
        norms = list(map(_NORM, tokens))
        hl = cached_values(self._hit_cache, norms, self._compute_hits, self._CACHE_MAX)
        starts = list(compress(range(n), hl))
        if not starts:
            return out  # no word starts a sequence
        cats = set(categories) if categories is not None else None
        cand_cache = self._cand_cache
        i = 0
        for x in starts:
            if x < i:
                continue
            i = x
            norm = norms[i]
            nxt = norms[i + 1] if i + 1 < n else None
            best = None  # (length, -prefix_len, key, entry, plen)
            for plen, stem in hl[i]:
                tab = cand_cache.get(stem)
                if tab is None:
                    tab = self._cands(stem)
                chosen = None
                lst = tab[0].get(nxt) if nxt is not None else None
                if lst:
                    for key, entry in lst:
                        L = len(key)
                        if best is not None and L < best[0]:
                            break
                        if cats is not None and entry.category not in cats:
                            continue
                        if i + L > n:
                            continue
                        if L > 2:
                            ok = True
                            for k in range(2, L):
                                if norms[i + k] != key[k]:
                                    ok = False
                                    break
                            if not ok:
                                continue
                        if plen and not self._split_ok(norm, plen, stem, entry):
                            continue
                        chosen = (L, -plen, key, entry, plen)
                        break
                if chosen is None and tab[1] is not None and (best is None or best[0] <= 1):
                    key, entry = tab[1]
                    if (cats is None or entry.category in cats) and not (
                            plen and not self._split_ok(norm, plen, stem, entry)):
                        chosen = (1, -plen, key, entry, plen)
                if chosen is not None and (best is None or chosen[:2] > best[:2]):
                    best = chosen
            if best is None:
                i += 1
                continue
            L, _, key, entry, plen = best
            tok = tokens[i]
            if L == 1 and entry.priority <= P_CITY and entry.category == "entity" and (
                    not self.weak_ok(norm) or _TANWEEN.search(tok.text)):
                i += 1  # بأنه is not بانه; a word with tanween (زارياً) is no place name
                continue
            if key in self.ambiguous and (
                    (not plen and i > 0 and not self._place_context(norms[i - 1]))
                    or (plen and norm[:plen].endswith("ال"))):
                i += 1  # دعم مالي, الفساد المالي: "financial", not Mali
                continue
            start = tok.start
            if plen:
                start = tok.start + normalize_map(tok.text).orig(plen)
            end = tokens[i + L - 1].end
            out.append(GazMatch(i, i + L, start, end, entry, norm[:plen]))
            i += L
        return out

    def weak_ok(self, word: str) -> bool:
        """May ``word`` be a weak (non-capital city) name?  Not when it reads as proclitic + stop
        word (بأنه is not the Iranian town بانه) or is a listed non-name."""
        if word in self.not_names:
            return False
        for plen, stem in self.splits(word):
            if stem in self.stopwords:
                return False
        return True

    def _place_context(self, prev: str) -> bool:
        """May an ambiguous place name follow this token (ambiguous_names.txt)?"""
        if not prev[:1].isalnum() or prev in self.stopwords or prev in self.place_context:
            return True
        return any(stem in self.place_context for _, stem in self.splits(prev))

    def _split_ok(self, word: str, plen: int, stem: str, entry: GazEntry) -> bool:
        """May ``word`` be read as proclitic + ``stem`` (the entry)?  Blocks e.g. وزير -> و + زير."""
        if len(stem[2:] if stem.startswith("ال") else stem) < 3:
            return False
        if entry.priority <= P_PLACE and entry.category == "entity" and self.is_common_word(word):
            return False
        return True

    def lookup_token_features(self, tokens: list[Token]) -> list[set[str]]:
        """Per token, gazetteer features for a tagger: ``gaz:B-GPE``, ``gaz:I-ORG``, ``gaz:NISBA``,
        ``gaz:TITLE``, ``gaz:HEAD`` (ministry/institution), ``gaz:STOP``, ``gaz:PROCLITIC``."""
        feats: list[set[str]] = [set() for _ in tokens]
        for m in self.match(tokens):
            e = m.entry
            if e.category == "entity":
                tag = e.type
            elif e.category == "nisba":
                tag = "NISBA"
            elif e.category == "title":
                tag = "TITLE"
            else:
                tag = "HEAD"
            for k in range(m.i, m.j):
                feats[k].add(("gaz:B-" if k == m.i else "gaz:I-") + tag)
            if m.prefix:
                feats[m.i].add("gaz:PROCLITIC")
        for k, t in enumerate(tokens):
            if self.is_stopword(t.norm):
                feats[k].add("gaz:STOP")
        return feats


_LOCK = threading.Lock()
_VOCAB_LOCK = threading.Lock()
_INSTANCE: Gazetteer | None = None


def load_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, loaded on first use."""
    global _INSTANCE
    if _INSTANCE is None:
        with _LOCK:
            if _INSTANCE is None:
                _INSTANCE = Gazetteer()
    return _INSTANCE


def lookup_token_features(tokens: list[Token]) -> list[set[str]]:
    """Module-level shortcut of :meth:`Gazetteer.lookup_token_features` on the shared gazetteer."""
    return load_gazetteer().lookup_token_features(tokens)


__all__ = [
    "DATA_DIR",
    "GazEntry",
    "GazMatch",
    "Gazetteer",
    "GazetteerError",
    "entity_key",
    "key_of",
    "load_gazetteer",
    "lookup_token_features",
    "read_tsv",
]
