"""Per-sentence analysis: gazetteer matches + tagger spans + title/affiliation patterns -> ``Found``.

Patterns (all data-driven through the gazetteer's title, portfolio, institution and stop lists):

- title [gentilic | country/organization | باسم X | لشؤون ...]* [،] name
  ``وزير الخارجية الروسي سيرغي لافروف`` -> PER "سيرغي لافروف", title "وزير الخارجية", country RUS;
  ``نظيره الأرميني أرارات ميرزويان`` -> PER with country ARM and role counterpart (and the nominal
  ``نظيره`` as a mention of it); ``وزير الخارجية العراقي، فؤاد حسين،`` (comma apposition).
  The name is the person the gazetteer or the tagger found there, or else 1-3 name tokens
  (connectors عبد/أبو/بن... extend it) stopping at punctuation, stop words, common words,
  titles, gentilics and known names.
- title + gentilic with no name (``الوزير البريطاني``, ``نظيره الروسي``): a nominal mention,
  resolved by :mod:`kg.nlp.coref`.
- name [،] title [gentilic] (apposition after the name): the title and country go to the name.
- facility/area head + place (``قصر قرطاج``, ``مطار طرابلس``, ``ولاية قابس``) -> LOC/GPE/ORG
  located in that place.
- organization heads (org_patterns.tsv): ``حكومة الوحدة الوطنية``, ``هيئة شؤون الأسرى`` (head + one
  noun in construct + definite words), ``مصلحة السجون الإسرائيلية`` (a final gentilic gives the
  affiliation), ``المجلس الأعلى للدولة الليبية`` (definite head + relational adjectives + genitive),
  ``صحيفة "الشروق"``; a tagger ORG span over a place/gentilic after its head stays one ORG; ``آل``
  + name alone is a family (ORG).
- place heads (place_heads.tsv) + an unknown rare word: ``منطقة تادمايت`` -> GPE, ``حي الزيتون`` -> LOC;
  facilities named after a person: ``مطار الملك عبد العزيز الدولي``.
- verb of saying + a 2-3 word name ending at punctuation or a function word (``وقال سليم
  الرياحي إن``) -> PER.
- ministry head + gentilic or country (``وزارة الخارجية الأرمينية``, ``الخارجية الروسية``,
  ``وزارة خارجية روسيا``) and institution + gentilic (``الجيش السوري``) -> ORG affiliated with
  the country, with a canonical label built from the country's gentilic so that every spelling
  gives the same id.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import compress
from operator import attrgetter

from .gazetteer import P_CITY, GazEntry, GazMatch, Gazetteer, entity_key
from .text import DIACRITICS, Token, normalize, normalize_map

#: Tokens that join parts of one Arabic name and do not count toward its length.
_CONNECTORS = {"عبد", "ابو", "ابي", "ابن", "بن", "بنت", "ال", "ام", "اب", "دي", "دو", "فان", "فون", "ولد"}
#: connectors that cannot start a name (عبد، أبو، ابن، بن، أم can)
_CONNECTORS_NOT_FIRST = frozenset(_CONNECTORS - {"عبد", "ابو", "ابن", "بن", "ام"})
_PUNCT_COMMA = {"،", ","}
#: Second parts of compound first names (سيف الإسلام، نور الدين، عبد الله), taken after a name word
#: even though they are ordinary words; like connectors they do not count toward a name's length.
_NAME_SECOND = {"الدين", "الاسلام", "الله", "الحق"}
_TANWEEN = re.compile("[\u064b\u064c\u064d]")
def _skeleton(w: str) -> str:
    """A name word's first letter and consonants (فرنسوا/فرانسوا -> فرنس)."""
    return w[:1] + "".join(c for c in w[1:] if c not in "اويىءأإآ")


_INITIALS = re.compile(r"(?<![\u0621-\u064a])[\u0621-\u064a] ?\. ?[\u0621-\u064a] ?\.")
_KUNYA = {"ابو", "ابي", "ابا", "ام"}  # أبو/أبي/أبا + a name: a kunya
_QUOTES_OPEN = {'"', "«", "“", "'"}
_QUOTES_CLOSE = {'"', "»", "”", "'"}
_AFFAIRS = {"لشؤون", "لشئون", "للشؤون", "لشوون", "لشيون"}
_START, _END, _NORM = attrgetter("start"), attrgetter("end"), attrgetter("norm")


@dataclass(slots=True)
class Found:
    """A mention candidate with what the sentence says about its entity."""

    type: str  # PER ORG GPE LOC
    start: int
    end: int
    sentence: int
    kind: str = "name"  # name alias nisba nominal capital
    source: str = "gazetteer"  # gazetteer crf camel pattern coref
    entry: GazEntry | None = None  # gazetteer entry when linked
    key: str = ""  # entity id when known (linked or built by a pattern)
    label: str = ""  # canonical label for built entities
    label_en: str | None = None
    title: str | None = None
    country: str | None = None
    role: str | None = None
    fine_type: str | None = None
    attributes: dict = field(default_factory=dict)
    ntokens: int = 1
    prefix: str = ""  # proclitic split off the first token
    prev_norm: str = ""  # normalized token before the mention (for capital/locative decisions)
    group: int = -1  # coreference group (set by coref)


def is_country_id(eid: str) -> bool:
    """``GPE:RUS``-style ids (ISO 3166-1 alpha-3)."""
    return len(eid) == 7 and eid.startswith("GPE:") and eid[4:].isascii() and eid[4:].isupper()


def _country_of(entry: GazEntry | None) -> str | None:
    if entry is None:
        return None
    if is_country_id(entry.id):
        return entry.id[4:]
    return entry.country


def _found_from_entry(e: GazEntry, start: int, end: int, si: int, kind: str, source: str, ntokens: int = 1,
                      prefix: str = "", prev_norm: str = "") -> Found:
    """A mention linked to the gazetteer entry ``e``: its type, id, labels, country and fine type."""
    return Found(type=e.type, start=start, end=end, sentence=si, kind=kind, source=source, entry=e,
                 key=e.id, label=e.label, label_en=e.label_en, country=_country_of(e) if e.category != "nisba" else e.country,
                 fine_type=e.fine_type, ntokens=ntokens, prefix=prefix, prev_norm=prev_norm)


def _found_from_match(m: GazMatch, si: int, tokens: list[Token]) -> Found:
    e = m.entry
    kind = "nisba" if e.category == "nisba" else ("alias" if e.kind == "alias" else "name")
    prev = tokens[m.i - 1].norm if m.i > 0 else ""
    if m.prefix:
        prev = m.prefix  # the proclitic stands before the name
    return _found_from_entry(e, m.start, m.end, si, kind, "gazetteer", m.j - m.i, m.prefix, prev)


def _unlink(f: Found, text: str) -> None:
    """A person's mention that a gazetteer alias started is another, unknown person: its own
    name, no entry, id or country."""
    f.entry, f.key, f.label_en, f.country, f.fine_type = None, "", None, None, None
    f.label, f.source = text[f.start:f.end], "crf"


class _Sentence:
    """Working state for one sentence."""

    def __init__(self, gaz: Gazetteer, text: str, tokens: list[Token], si: int, matches: list[GazMatch],
                 spans: list[tuple[int, int, str, str]], tag_counts: dict[str, int] | None = None):
        self.gaz, self.text, self.tokens, self.si = gaz, text, tokens, si
        #: normalized text of the tagger's spans over the whole document -> how many spans
        self.tag_counts = tag_counts or {}
        self.n = len(tokens)
        self.by_start: dict[int, GazMatch] = {}
        self.cover: list[GazMatch | None] = [None] * self.n
        self.tag_by_start: dict[int, tuple[int, str, str]] = {}
        self.tag_cover = [False] * self.n
        self.out: list[Found] = []
        self.used: set[int] = set()  # token indices consumed by patterns as names
        self.claimed: set[int] = set()  # starts of gazetteer matches a pre-pass already emitted
        self._index_tagger(spans)
        for m in matches:
            if (m.entry.category == "entity" and m.entry.priority <= P_CITY and self._tagged_other(m)
                    and not (m.j - m.i >= 2 and m.prefix in ("ب", "وب", "فب")
                             and self._tag_exact(m) in ("PER", "ORG"))):
                # the tagger saw another kind of name here (a city name used as a person's name);
                # not a city of two or more words after locative ب that the tagger's span only
                # retypes (بسيدي بلعباس is a place)
                continue
            self.by_start[m.i] = m
            self.cover[m.i:m.j] = [m] * (m.j - m.i)

    def _tag_exact(self, m: GazMatch) -> str | None:
        """The type of a tagger span over exactly the tokens of ``m``, if any."""
        t = self.tag_by_start.get(m.i)
        return t[1] if t is not None and t[0] == m.j else None

    def _tagged_other(self, m: GazMatch) -> bool:
        """Does a tagger span overlapping ``m`` say PER/ORG, or reach beyond it?"""
        for i, (j, typ, _f, _s, _e) in self.tag_by_start.items():
            if i < m.j and j > m.i and (typ in ("PER", "ORG") or i < m.i or j > m.j):
                return True
        return False

    def _index_tagger(self, spans) -> None:
        if not spans:
            return
        n = self.n
        starts = list(map(_START, self.tokens))
        ends = list(map(_END, self.tokens))
        last = None
        for s, e, typ, fine in spans:
            if typ not in ("PER", "ORG", "GPE", "LOC"):
                continue
            # the token that starts at s or contains it (a span starting after a proclitic), and
            # the token that ends at e or contains it (tokens are sorted and never overlap)
            x = bisect_right(starts, s) - 1
            i = x if x >= 0 and s < ends[x] else None
            x = bisect_left(ends, e)
            j = x if x < n and starts[x] < e else None
            if i is None or j is None or j < i:
                continue
            prev = self.tag_by_start.get(last[0]) if last is not None else None
            if (typ == "PER" and prev is not None and prev[1] == "PER" and prev[0] == i
                    and self.tokens[i - 1].end < self.tokens[i].start == s
                    and all(self._name_like(x) for x in range(i, j + 1))):
                # two person spans side by side are one name the tagger cut (عبد ربه + منصور هادي)
                self.tag_by_start[last[0]] = (j + 1, typ, prev[2], prev[3], e)
                self.tag_cover[i:j + 1] = [True] * (j + 1 - i)
                continue
            if typ == "PER" and j - i >= 3:
                toks = self.tokens
                for x in range(i + 2, j - 1):
                    if toks[x].text == "و":
                        # سامح شكري و خميس الجهيناوي: a lone conjunction between two names of two
                        # words or more joins two people; the words after it are a span of their own
                        self.tag_by_start[i] = (x, typ, fine, s, toks[x - 1].end)
                        self.tag_cover[i:x] = [True] * (x - i)
                        i, s = x + 1, toks[x + 1].start
                        break
            last = (i,)
            self.tag_by_start[i] = (j + 1, typ, fine, s, e)
            self.tag_cover[i:j + 1] = [True] * (j + 1 - i)

    # --- helpers -----------------------------------------------------------------------

    def _name_like(self, x: int) -> bool:
        """Token x may continue a person's name: no proclitic-looking or ordinary word
        (استعداده، ومحمد), unless NewsFANE knows it as (part of) a person's name."""
        gaz, t = self.gaz, self.tokens[x]
        norm = t.norm
        c = gaz.word_counts.get(norm)
        if c is not None and c[1] > 0 and c[1] * 4 >= sum(c):
            return True  # منصور، هادي: ordinary words that are also common names
        return (norm[:1].isalpha() and norm[0] not in "وف" and norm not in gaz.frequent_words
                and not self.possessed_noun(norm) and self.name_word_ok(norm, t.text))

    def proclitic_ordinary(self, norm: str) -> bool:
        """A proclitic + a stop word or an ordinary frequent word (بأنه، ووضع، باحترام)."""
        gaz = self.gaz
        for p, stem in gaz.splits(norm):
            if p and (gaz.is_stopword(stem) or (stem in gaz.frequent_words and not gaz.is_personish(stem))
                      or self.possessed_noun(stem)):
                return True
        return False

    def possessed_noun(self, norm: str) -> bool:
        """An ordinary noun with a possessive pronoun (استعداده، موقفها، قرارهم)."""
        fw = self.gaz.frequent_words
        for suf in ("ه", "ها", "هم", "هما"):
            if norm.endswith(suf) and len(norm) - len(suf) >= 3:
                stem = norm[:-len(suf)]
                if stem in fw or stem + "ه" in fw or (stem.endswith("ت") and stem[:-1] + "ه" in fw):
                    return True
        return False

    def is_punct(self, k: int) -> bool:
        t = self.tokens[k].text
        return len(t) == 1 and not t.isalnum()

    def strong_match_at(self, k: int) -> GazMatch | None:
        """A gazetteer match covering token k that is not a weak (city) match."""
        m = self.cover[k]
        if m is None:
            return None
        if m.entry.category == "entity" and m.entry.priority <= P_CITY:
            return None
        return m

    def name_word_ok(self, norm: str, surface: str | None = None) -> bool:
        """Can this word be part of a person's name?  Not a common word, not a word NewsFANE
        never tags as (part of) a person, not a proclitic + article (بالإهانة، والوضع), not
        و/ف/ب/ل + a common word (ودفعه)."""
        gaz = self.gaz
        if surface is not None and norm in gaz.maqsura_stops and surface.rstrip(DIACRITICS).endswith("ي"):
            return True  # علي (the name), not على
        if gaz.is_common_word(norm):
            return False
        c = gaz.word_counts.get(norm)
        if c is not None and c[1] == 0 and sum(c) >= 3:
            return False
        if norm.startswith(("وال", "بال", "فال", "كال", "لل")) and len(norm) > 4:
            # proclitic + article + a known non-name word (بالإهانة، والوضع، للحركة), not والتر / فالكونر
            rest = "ال" + norm[2:] if norm.startswith("لل") else norm[1:]
            rc = gaz.word_counts.get(rest)
            if (rc is not None and rc[1] * 2 < sum(rc)) or (rest in gaz.frequent_words and not gaz.is_personish(rest)):
                return False
        if c is None and len(norm) > 3 and norm[0] in "وفبل":
            rest = norm[1:]
            rc = gaz.word_counts.get(rest)
            if (gaz.is_stopword(rest) or gaz.is_verb_like(rest) or (rc is not None and rc[1] * 2 < sum(rc))
                    or (rest in gaz.frequent_words and not gaz.is_personish(rest))):  # وزوجته
                return False
        return True

    def relative(self, x: int) -> None:
        """A kinship noun with a possessive (زوجته, وابنته) at token x + a name: the relative, a
        person of their own (زوجته ميلينيا ترامب is not دونالد ترامب).  The first word must be a
        people's name word (Wikidata), a word NewsFANE tags as a person, or be followed by a known
        person's family name; the kinship word is marked used (no tagger person over it)."""
        gaz, toks = self.gaz, self.tokens
        a = x + 1
        if a >= self.n or a in self.used or self.cover[a] is not None:
            return
        nt = self.name_tokens(a)
        if nt is None:
            return
        b = nt[1]
        nxt = self.by_start.get(b)
        known = (nxt is not None and nxt.entry.category == "entity" and nxt.entry.type == "PER"
                 and not nxt.prefix)
        w0 = toks[a].norm
        if not (known or gaz.is_name_word(w0) or gaz.is_personish(w0)):
            return
        prev = toks[x].norm
        if known:
            person, other = self.first_names_with_known(a, nxt)
            person.prev_norm = prev
            if other:  # زوجته ميلينيا + ترامب is not دونالد ترامب
                person.role = "relative"  # a later surname alone stays the known person's
            self.claimed.add(nxt.i)
            b = nxt.j
        else:
            s, e = toks[a].start, toks[b - 1].end
            self.out.append(Found(type="PER", start=s, end=e, sentence=self.si, source="pattern",
                                  label=self.text[s:e], ntokens=b - a, prev_norm=prev))
        self.used.update(range(x, b))

    def listed_people(self, a: int) -> None:
        """After a list marker (كل من, من بينهم): a name no gazetteer or tagger span claims, whose
        first word is a people's name word, is a person; so is a second one after و (كل من منذر
        بالحاج علي ووليد الجلاد)."""
        gaz, toks = self.gaz, self.tokens
        for _ in range(2):
            if a >= self.n or a in self.used or self.cover[a] is not None or self.tag_cover[a]:
                return
            w = toks[a].norm
            plen = 1 if (w.startswith("و") and len(w) > 3 and gaz.is_name_word(w[1:])
                         and not gaz.is_name_word(w)) else 0
            w = w[plen:]
            c = gaz.word_counts.get(w)
            if not gaz.is_name_word(w) or gaz.is_stopword(w) or not (gaz.is_personish(w) or c is None or c[3] == 0):
                return  # كل من + an ordinary word (كل من يريد, كل من تونس)
            b = a + 1
            while (b < self.n and b - a < 3 and self.cover[b] is None and not self.tag_cover[b]
                   and b not in self.used and not self.is_punct(b) and toks[b].norm[:1].isalpha()
                   and not gaz.is_stopword(toks[b].norm, toks[b].text) and not toks[b].norm.startswith("و")
                   and not gaz.is_verb_like(toks[b].norm)
                   and (gaz.is_name_word(toks[b].norm) or not gaz.is_ordinary_word(toks[b].norm))):
                b += 1  # منذر + بالحاج علي: family names the dictionary does not know
            if b - a < 2:
                return  # a lone given name after a list marker is too weak
            s = toks[a].start + (normalize_map(toks[a].text).orig(plen) if plen else 0)
            e = toks[b - 1].end
            self.out.append(Found(type="PER", start=s, end=e, sentence=self.si, source="pattern",
                                  label=self.text[s:e], ntokens=b - a, prefix=toks[a].text[:plen],
                                  prev_norm=toks[a - 1].norm))
            self.used.update(range(a, b))
            a = b

    def dual_orgs(self, x: int, head: str) -> None:
        """A dual head at token x + X + و + Y (لحزبي البديل وآفاق تونس, حركتي النهضة والنداء): X
        and Y, each 1-2 words, are organizations of that head.  A conjunct the gazetteer knows is
        left to it; an unknown X must hold no other name; an unknown Y is one definite word.
        Nothing is found without the second conjunct."""
        gaz, toks, n = self.gaz, self.tokens, self.n
        a = x + 1
        c = a + 1
        while c < n and c - a <= 2 and not (toks[c].norm.startswith("و") and len(toks[c].norm) > 2):
            c += 1
        if c >= n or c - a > 2 or a >= n:
            return
        for y in range(a, c):
            w = toks[y].norm
            if (self.is_punct(y) or y in self.used or gaz.is_stopword(w, toks[y].text) or gaz.is_verb_like(w)
                    or w in gaz.titles or not w[:1].isalpha()):
                return
        if self.is_punct(c) or c in self.used:
            return
        fine = gaz.org_patterns.get(head, (None, None))[1]
        mx, my = self.cover[a], self.cover[c]
        known_x = mx is not None and mx.i == a and mx.j == c and mx.entry.type == "ORG"
        known_y = my is not None and my.i == c and my.entry.type == "ORG"
        if not known_x and any(self.cover[y] is not None for y in range(a, c)):
            return
        wy = toks[c].norm
        new_y = (my is None and wy.startswith("وال") and len(wy) >= 6 and not self.tag_cover[c]
                 and not gaz.is_stopword(wy) and (c + 1 >= n or not toks[c + 1].norm.startswith("ال")))
        if not (known_y or new_y):
            return
        if not known_x and not toks[a].norm.startswith("ال") and not (c - a == 2 and gaz.is_name_word(toks[a].norm)):
            return  # حزبي + an indefinite ordinary word: no name
        def emit(s: int, e: int, ntok: int, prefix: str, prev: str) -> None:
            label = f"{head} {self.text[s:e]}"
            ent = gaz.entry_of(label)  # حركتي + النهضة: the known حركة النهضة
            if ent is not None and ent.category == "entity" and ent.type == "ORG":
                self.out.append(_found_from_entry(ent, s, e, self.si, "alias", "pattern", ntok, prefix, prev))
            else:
                self.out.append(Found(type="ORG", start=s, end=e, sentence=self.si, source="pattern",
                                      key=f"ORG:{entity_key(label)}", label=label, fine_type=fine,
                                      ntokens=ntok, prefix=prefix, prev_norm=prev))

        if not known_x:
            emit(toks[a].start, toks[c - 1].end, c - a, "", toks[x].norm)
            self.used.update(range(a, c))
        if new_y:
            emit(toks[c].start + normalize_map(toks[c].text).orig(1), toks[c].end, 1, toks[c].text[:1],
                 toks[c - 1].norm)
            self.used.add(c)
        self.used.add(x)

    def org_pattern(self, k: int) -> int | None:
        """``حكومة الوحدة الوطنية`` (head + definite words), ``صحيفة "الشروق"`` (media head + quoted
        name) or ``المجلس الأعلى للدولة`` (definite head + relational adjectives) as an ORG; returns
        the index after it, or None."""
        gaz, toks = self.gaz, self.tokens
        norm = toks[k].norm
        info = gaz.heads_of(norm)
        if info is None or info[0] is None:
            return None
        plen, head = info[0]
        kind, fine = gaz.org_patterns[head]
        blocks = gaz.org_pattern_blocks.get(head)
        if blocks is not None and (norm[:plen] in blocks[1] or (k > 0 and toks[k - 1].norm in blocks[0])):
            return None  # لمصلحة "in favour of", على هيئة "in the shape of": ordinary nouns
        restore = bool(plen) and head.startswith("ال") and not norm[plen:].startswith("ال")  # للحزب
        if kind == "definite":
            return self.definite_org(k, plen, fine, restore)
        if kind != "named" or (k + 1 < self.n and self.tokens[k + 1].text in _QUOTES_OPEN):
            return self.quoted_org(k, k, fine)
        nis = None
        if plen and norm[:plen] == "لل":
            return None
        a = k + 1
        b = a
        limit = 4
        if self.construct_noun(a):
            b, limit = a + 1, 3  # هيئة شؤون الأسرى، لجنة تقصي الحقائق: one indefinite noun in construct
        while b < self.n and b - a < limit:
            w = toks[b].norm
            base = w[1:] if w.startswith("وال") else w
            if (not base.startswith("ال") or self.is_punct(b) or self.cover[b] is not None
                    or self.tag_cover[b] or gaz.is_stopword(w) or w in gaz.titles or w in gaz.title_modifiers
                    or w in gaz.org_modifier_stops
                    or (w.startswith("وال") and base[2:] in gaz.org_patterns)):  # والكتلة الديمقراطية
                break
            b += 1
        if b == a:
            return self.org_of_place(k, plen, fine)
        if b == a + 1 and a == k + 1 and self.generic_org_word(toks[a].norm):
            return None  # كتلة الحزب، مصلحة الهيئات: a head + another generic noun names nothing
        nis = self.gentilic_at(b)
        if nis is not None:
            b = nis.j
        s = toks[k].start + (normalize_map(toks[k].text).orig(plen) if plen else 0)
        e = toks[b - 1].end
        self.emit_org(k, k, b, s, e, fine, nis, restore=restore)
        return b

    def quoted_span(self, q: int, limit: int = 5) -> int | None:
        """For an opening quote at token q: the index of its closing quote when 1..limit words
        (no sentence punctuation) stand between them, else None."""
        toks = self.tokens
        if q + 2 >= self.n or toks[q].text not in _QUOTES_OPEN:
            return None
        end = q + 1
        while end < self.n and end - q <= limit + 1 and toks[end].text not in _QUOTES_CLOSE:
            if toks[end].text in ".!?؟،,:;()":
                return None
            end += 1
        if end >= self.n or end == q + 1 or end - q > limit + 1:
            return None
        return end

    def quoted_org(self, k: int, h: int, fine: str | None, typ: str = "ORG") -> int | None:
        """An organization head at token h + a quoted name (صحيفة "الشروق", حزب "البديل", مركز
        "سايت", بجامعة "جونز هوبكنز"): the quoted words are the organization's name, whatever the
        tagger or the place gazetteer read in them (صحيفة "المغرب" is a newspaper).  A known
        organization covering exactly the quoted words is left to the gazetteer (its id).
        ``k``: the first token consumed.  Returns the index after the closing quote, or None."""
        end = self.quoted_span(h + 1)
        if end is None:
            return None
        a, b = h + 2, end
        m = self.by_start.get(a)
        if m is not None and m.j == b and m.entry.category == "entity" and m.entry.type == "ORG":
            return None
        if all(self.gaz.is_stopword(self.tokens[x].norm) or self.tokens[x].norm[:1].isdigit() for x in range(a, b)):
            return None
        w = self.tokens[a].norm
        if (b == a + 1 and not w.startswith("ال") and w.endswith(("ي", "يه"))
                and (w in self.gaz.frequent_words or self.gaz.is_common_word(w))):
            return None  # منظمة "إرهابية": a quoted adjective, no name
        toks = self.tokens
        self.emit_org(a, a, b, toks[a].start, toks[b - 1].end, fine, None)
        if typ != "ORG":  # a facility head: مطار "هيثرو" is the airport (LOC)
            f = self.out[-1]
            f.type, f.key = typ, f"{typ}:{entity_key(f.label)}"
        self.used.update(range(k, b + 1))
        return b + 1

    def headed_quote(self, k: int) -> int | None:
        """A quoted name that starts with a media/organization head: "جريدة المغرب اليوم" is one
        ORG (the head belongs to the name).  ``k``: the opening quote."""
        end = self.quoted_span(k, 4)
        if end is None or end - k < 3:
            return None
        info = self.gaz.heads_of(self.tokens[k + 1].norm)
        if info is None or info[0] is None or info[0][0]:
            return None
        kind, fine = self.gaz.org_patterns[info[0][1]]
        if kind != "media":
            return None
        toks = self.tokens
        self.emit_org(k + 1, k + 1, end, toks[k + 1].start, toks[end - 1].end, fine, None)
        self.used.update(range(k, end + 1))
        return end + 1

    def generic_org_word(self, norm: str) -> bool:
        """A definite generic organization noun (الحزب، الحركة، الهيئات، الدولة): an organization
        head itself, with the article, in the singular or a sound plural."""
        gaz = self.gaz
        if not norm.startswith("ال"):
            return False
        bare = norm[2:]
        forms = {norm, bare, bare[:-2] + "ه" if bare.endswith("ات") else bare}
        return any(f in gaz.org_patterns or f in gaz.org_heads or f in gaz.generic_org_nouns for f in forms)

    def programme_at(self, k: int) -> int | None:
        """A programme head (برنامج, ضيف; org_patterns.tsv kind ``programme``) + a quoted name or the
        tagger's short non-person span that no gazetteer entry claims: a radio/TV programme, no
        entity (ضيف "بوليتيكا"; not ضيف الرئيس, ضيف تونس).  Returns the index after it."""
        gaz, toks = self.gaz, self.tokens
        info = gaz.heads_of(toks[k].norm)
        if info is None or not info[2]:
            return None
        q = k + 1
        if q + 1 < self.n and toks[q].text in '"«“\'':
            end = q + 1
            while end < self.n and end - q <= 4 and toks[end].text not in '"»”\'':
                end += 1
            if end >= self.n or end == q + 1 or end - q > 4 or any(
                    self.strong_match_at(x) for x in range(q + 1, end)):
                return None
            self.used.update(range(k, end + 1))
            return end + 1
        tag = self.tag_by_start.get(q)
        t0 = self.tag_by_start.get(k)
        if (tag is None and t0 is not None and t0[0] == q + 1 and t0[1] in ("PER", "ORG")
                and gaz.word_counts.get(toks[q].norm) is None and toks[q].norm not in gaz.frequent_words
                and self.cover[q] is None):
            self.used.update(range(k, q + 1))  # the tagger's span over ضيف + بوليتيكا
            return q + 1
        if (tag is not None and (tag[1] != "PER" or (tag[0] == q + 1 and gaz.word_counts.get(toks[q].norm) is None
                                                     and toks[q].norm not in gaz.frequent_words))
                and tag[0] - q <= 2 and not any(self.strong_match_at(x) for x in range(q, tag[0]))):
            # (a lone "person" word NewsFANE never saw is the programme's name too: ضيف بوليتيكا)
            self.used.update(range(k, tag[0]))
            return tag[0]
        return None

    def rare_name_word(self, x: int, tagged_ok: bool = False) -> bool:
        """Token x can be (part of) an unknown place name: no punctuation, gazetteer or tagger
        span (``tagged_ok``: a tagger span is allowed), stop word, verb form, title, frequent
        Arabic word or word NewsFANE mostly tags O."""
        gaz = self.gaz
        if (x >= self.n or self.is_punct(x) or self.cover[x] is not None or (self.tag_cover[x] and not tagged_ok)
                or x in self.used):
            return False
        w = self.tokens[x].norm
        if len(w) < 3 or not w[:1].isalpha() or not w.isalpha():
            return False
        if gaz.is_stopword(w) or gaz.is_verb_like(w) or w in gaz.titles or w in gaz.org_patterns:
            return False
        bare = w[2:] if w.startswith("ال") and len(w) > 4 else w
        forms = {w, bare}
        if w[0] in "وفبل" and len(w) > 4:  # وغابات، بالمدينة
            forms |= {w[1:], w[3:] if w[1:3] == "ال" else w[1:]}
        for v in forms:
            if v in gaz.frequent_words or gaz.is_common_word(v):
                return False
        return True

    def is_family_head(self, k: int) -> bool:
        return self.tokens[k].text.rstrip(DIACRITICS) in ("آل", "وآل", "لآل", "بآل")

    def family_pattern(self, k: int) -> int | None:
        """``آل`` + a name (آل ثاني، آل سعود، آل الشيخ) standing alone: a family or dynasty, an ORG.
        Inside a person's name (تميم بن حمد آل ثاني) the name pattern has taken it already."""
        toks = self.tokens
        if not self.is_family_head(k) or k + 1 >= self.n:
            return None
        x = k + 1
        w = toks[x].norm
        if (self.is_punct(x) or not w.isalpha() or len(w) < 3 or self.gaz.is_stopword(w)
                or self.gaz.is_verb_like(w) or w in self.gaz.titles):
            return None
        tag = self.tag_by_start.get(k) or self.tag_by_start.get(x)
        if tag is None and self.tag_cover[x]:
            return None
        if tag is not None and tag[0] > x + 1:
            y = x + 1
            ny = self.tokens[y].norm
            if not (self.is_punct(y) or self.gaz.is_stopword(ny) or self.gaz.is_verb_like(ny)):
                return None  # the tagger's span goes on with more names
        m = self.cover[x]
        if m is not None and not (m.i == x and m.j == x + 1):
            return None
        s = toks[k].start + (len(toks[k].text) - len(toks[k].text.lstrip("وبل")) if toks[k].text[0] != "آ" else 0)
        e = toks[x].end
        label = self.text[s:e]
        self.out.append(Found(type="ORG", start=s, end=e, sentence=self.si, source="pattern",
                              key=f"ORG:{entity_key(label)}", label=label, fine_type="Family", ntokens=2,
                              prev_norm=toks[k - 1].norm if k else ""))
        self.used.update(range(k, x + 1))
        return x + 1

    def place_pattern(self, k: int) -> int | None:
        """Place head + unknown rare name (منطقة تادمايت، بلدة عزازقة، حي الزيتون) -> GPE/LOC
        (the name without the head; its type from place_heads.tsv, by the name's article)."""
        gaz, toks = self.gaz, self.tokens
        info = gaz.heads_of(toks[k].norm)
        types = gaz.place_heads[info[1][1]] if info is not None and info[1] is not None else None
        if types is None or not self.rare_name_word(k + 1):
            return None
        a = k + 1
        b = a + 1
        while b < self.n and b - a < 3 and self.rare_name_word(b) and not toks[b].norm.startswith("و"):
            b += 1
        first = toks[a].norm
        if not first.startswith("ال") and first.endswith("يه"):
            return None  # an adjective agreeing with the head (قرية نائية، منطقة حدودية، منطقة عازلة)
        typ = types[1] if first.startswith("ال") else types[0]
        s, e = toks[a].start, toks[b - 1].end
        label = self.text[s:e]
        self.out.append(Found(type=typ, start=s, end=e, sentence=self.si, source="pattern",
                              key=f"{typ}:{entity_key(label)}", label=label, ntokens=b - a,
                              prev_norm=toks[k].norm))
        self.used.update(range(a, b))
        return b

    def construct_noun(self, x: int) -> bool:
        """Token x is an indefinite noun in construct inside an organization name (شؤون، تقصي،
        مصدري): no article, proclitic, punctuation, stop word, verb form or name, followed by a
        definite word that no gazetteer/tagger span claims."""
        gaz, toks = self.gaz, self.tokens
        if x + 1 >= self.n or self.is_punct(x) or self.cover[x] is not None or self.tag_cover[x]:
            return False
        w = toks[x].norm
        if (not w.isalpha() or len(w) < 3 or w.startswith("ال") or gaz.is_stopword(w) or gaz.is_verb_like(w)
                or w in gaz.titles or w in gaz.org_patterns or gaz.is_personish(w) or w.endswith("ا")
                or _TANWEEN.search(toks[x].text)):
            return False
        if not (w in gaz.frequent_words or gaz.is_common_word(w)
                or (w.endswith("ي") and len(w) >= 5 and w[0] == "م" and w not in gaz.word_counts)):
            # an unknown word there is too often a verb or a name (لجنة تعاين المواد), except a
            # participle plural in construct (نقابة مصدري المحاصيل، جمعية منتجي الزيتون)
            return False
        nxt = toks[x + 1].norm
        return (nxt.startswith("ال") and self.cover[x + 1] is None and not self.tag_cover[x + 1]
                and not gaz.is_stopword(nxt))

    def org_of_place(self, k: int, plen: int, fine: str | None) -> int | None:
        """Organization head + a country or city name (+ modifiers): شرطة واشنطن، مصرف ليبيا
        المركزي، محكمة باريس -> an ORG affiliated with the place's country; the place named inside
        it is no mention of its own."""
        toks = self.tokens
        m = self.by_start.get(k + 1)
        if m is None or m.prefix or m.entry.category != "entity" or m.entry.type != "GPE" or k in self.tag_by_start:
            return None
        info = self.gaz.heads_of(toks[k].norm)
        if info is not None and info[0] is not None and info[0][1] in self.gaz.org_no_place:
            return None  # مصلحة تونس: the interest of Tunisia
        if plen and toks[k].norm[:plen] not in ("و", "ف") and is_country_id(m.entry.id):
            return None  # لرئاسة الولايات المتحدة: "for the presidency of", not the body
        tag = self.tag_by_start.get(k + 1)
        if self.tag_cover[k + 1] and not (tag is not None and tag[0] == m.j and tag[1] in ("GPE", "LOC")):
            return None  # the tagger reads these words otherwise (not just as this place)
        b = m.j
        while b < self.n and b - m.j < 2 and self.is_org_modifier(b):
            b += 1
        s = toks[k].start + (normalize_map(toks[k].text).orig(plen) if plen else 0)
        e = toks[b - 1].end
        label = self.text[s:e]
        country = _country_of(m.entry)
        self.out.append(Found(type="ORG", start=s, end=e, sentence=self.si, source="pattern",
                              key=f"ORG:{entity_key(label)}", label=label, fine_type=fine, country=country,
                              attributes={"affiliation": f"GPE:{country}", "located_in": m.entry.id}
                              if country else {"located_in": m.entry.id},
                              ntokens=b - k, prev_norm=toks[k - 1].norm if k else ""))
        self.used.update(range(k, b))
        return b

    def gentilic_at(self, b: int) -> GazMatch | None:
        """The gazetteer gentilic (no proclitic) starting at token b, if any."""
        m = self.by_start.get(b) if b < self.n else None
        if m is not None and m.entry.category == "nisba" and not m.prefix and m.entry.country:
            return m
        return None

    def seat_after(self, k: int, b: int) -> GazMatch | None:
        """For a judicial body's name starting at token k (seat_heads.txt) and ending before b: the
        known city/country right after it with ب (النيابة العامة بغريان), else None.  Used for
        institution heads that alone name no body; a name that stands without its seat
        (المحكمة الجزائية المتخصصة بالرياض) keeps the place as a mention of its own."""
        if b >= self.n or self.tokens[k].norm not in self.gaz.seat_heads:
            return None
        m = self.by_start.get(b)
        if m is not None and m.prefix == "ب" and m.entry.category == "entity" and m.entry.type == "GPE":
            return m
        return None

    def locate_last_org(self, seat: GazMatch) -> None:
        """The ORG just emitted is located in ``seat`` and affiliated with its country."""
        f = self.out[-1]
        country = _country_of(seat.entry)
        f.country = f.country or country
        f.attributes = {**f.attributes, "located_in": seat.entry.id}
        if country:
            f.attributes.setdefault("affiliation", f"GPE:{country}")

    def emit_org(self, k: int, a: int, b: int, s: int, e: int, fine: str | None, nis: GazMatch | None,
                 prefix: str = "", restore: bool = False) -> None:
        """An ORG found by a pattern over tokens [a, b) (text [s, e)); ``nis``: its final gentilic,
        kept also as a mention of the country.  ``restore``: the text starts after the proclitic
        ل of لل (للحزب اليميني), so the label gets its article back (الحزب اليميني)."""
        label = self.text[s:e]
        if restore and label.startswith("ل"):
            label = "ا" + label
        prev = self.tokens[k - 1].norm if k else ""
        country = nis.entry.country if nis is not None else None
        self.out.append(Found(type="ORG", start=s, end=e, sentence=self.si, source="pattern",
                              key=f"ORG:{entity_key(label)}", label=label, fine_type=fine, country=country,
                              attributes={"affiliation": f"GPE:{country}"} if country else {},
                              ntokens=b - a, prev_norm=prev, prefix=prefix))
        self.used.update(range(k, b))
        if nis is not None:
            self.emit_match(nis)

    def is_org_modifier(self, x: int) -> bool:
        """A definite relational adjective (الرئاسي، الوطنية) or a listed modifier (الأعلى، العامة)
        that continues a definite organization name."""
        if x >= self.n or self.is_punct(x) or self.cover[x] is not None:
            return False
        w = self.tokens[x].norm
        if w in self.gaz.org_modifiers:
            return True
        if w in self.gaz.org_modifier_stops:
            return False
        return (w.startswith("ال") and len(w) >= 6 and w.endswith(("ي", "يه")) and not self.gaz.is_stopword(w)
                and w not in self.gaz.titles)

    def adjective_chain(self, b: int, fem: bool | None = None) -> tuple[int, GazMatch | None]:
        """From token b: relational adjectives (at least one), an optional gentilic, an optional
        genitive (للدولة الليبية، لحقوق الإنسان).  Returns (end, gentilic) or (b, None).
        ``fem``: the head's gender when known; a first relational adjective of the other gender
        does not agree with it and belongs to another noun (مشروع الحكومة الأصلي)."""
        gaz, toks = self.gaz, self.tokens
        a = b
        if fem is not None and b < self.n and toks[b].norm not in gaz.org_modifiers:
            w = toks[b].norm
            if (fem and w.endswith("ي") and not w.endswith("يي")) or (not fem and w.endswith("يه")):
                return a, None
        while b < self.n and b - a < 3 and self.is_org_modifier(b):
            b += 1
        if b == a:
            return a, None
        nis = self.gentilic_at(b)
        if nis is not None:
            return nis.j, nis
        # genitive: لل + word (+ a definite word / gentilic), or ل + word + definite word(s)
        if b < self.n and not self.is_punct(b) and self.cover[b] is None and not self.tag_cover[b]:
            w = toks[b].norm
            if w.startswith("لل") and len(w) >= 5 and not gaz.is_stopword(w):
                g = b + 1
            elif (w.startswith("ل") and len(w) >= 5 and not gaz.is_stopword(w) and not gaz.is_verb_like(w[1:])
                  and b + 1 < self.n and toks[b + 1].norm.startswith("ال") and self.cover[b + 1] is None
                  and not gaz.is_stopword(toks[b + 1].norm)):
                g = b + 2
            else:
                return b, None
            nis = self.gentilic_at(g)
            if nis is not None:
                return nis.j, nis
            if (g < self.n and toks[g].norm.startswith("ال") and self.cover[g] is None and not self.is_punct(g)
                    and not gaz.is_stopword(toks[g].norm) and toks[g].norm not in gaz.titles):
                g += 1
            return g, None
        return b, None

    def definite_org(self, k: int, plen: int, fine: str | None, restore: bool = False) -> int | None:
        """Definite head + relational adjective(s) [+ gentilic] [+ genitive]: المجلس الرئاسي."""
        toks = self.tokens
        head = toks[k].norm
        b, nis = self.adjective_chain(k + 1, fem=head.endswith(("ه", "ات")))
        if b == k + 1:
            return None
        if any(toks[x].norm.startswith("لل") and self.generic_org_word("ال" + toks[x].norm[2:])
               for x in range(k + 2, b)):
            return None  # المجلس الوطني للحزب: a body of an organization named elsewhere, no name
        s = toks[k].start + (normalize_map(toks[k].text).orig(plen) if plen else 0)
        self.emit_org(k, k, b, s, toks[b - 1].end, fine, nis, restore=restore)
        return b

    def speaker(self, k: int) -> Found | None:
        """A 2-3 word name right after a verb of saying, ending at punctuation, a function word,
        a title or a known name (وقال سليم الرياحي إن ...); None when the words do not read so."""
        if self.by_start.get(k) is not None:
            return None
        nt = self.name_tokens(k)
        if nt is None or nt[1] - nt[0] < 2 or nt[0] != k:
            return None
        a, b = nt
        if any(self.tag_cover[x] for x in range(a, b)):
            return None
        if b < self.n:
            nxt = self.tokens[b].norm
            if not (self.is_punct(b) or self.gaz.is_stopword(nxt) or self.cover[b] is not None
                    or nxt in self.gaz.titles):
                return None
        s, e = self.tokens[a].start, self.tokens[b - 1].end
        f = Found(type="PER", start=s, end=e, sentence=self.si, source="pattern", label=self.text[s:e],
                  ntokens=b - a)
        self.out.append(f)
        self.used.update(range(a, b))
        return f

    def ends_name(self, x: int) -> bool:
        """Token x cannot continue a person's name: a stop word, a lone و/ف, a verb form, or a
        proclitic + ordinary word (مساهل + و, قراقع + لوكالة)."""
        gaz = self.gaz
        norm = self.tokens[x].norm
        return (gaz.is_stopword(norm) or norm in ("و", "ف") or gaz.is_verb_like(norm)
                or self.is_prefixed_word(norm)
                or (len(norm) > 3 and norm[0] in "وفبل" and gaz.is_common_word(norm)))  # لوكالة

    def is_descriptor(self, k: int) -> bool:
        """A word that continues a title's description rather than starting a name: an ordinary
        (frequent) definite word or its و-conjunct (المكتب، التنفيذي، والتشغيل), or a generic
        organization noun (كتلة)."""
        gaz = self.gaz
        norm = self.tokens[k].norm
        if self.is_punct(k) or norm in gaz.titles or gaz.is_personish(norm):
            return False
        if norm in gaz.org_heads:
            if not self.tag_cover[k]:
                return True
            # the tagger's organization starts here but holds a known organization (رئيس حزب
            # الاتحاد الوطني الحر سليم الرياحي: it swallowed the name): the head describes the title
            tag = self.tag_by_start.get(k)
            return tag is not None and any(
                (mx := self.cover[x]) is not None and mx.entry.category == "entity" and mx.entry.type == "ORG"
                for x in range(k + 1, tag[0]))
        if self.tag_cover[k]:
            return False
        base = norm[1:] if norm.startswith("وال") else norm
        return base.startswith("ال") and (base in gaz.frequent_words or gaz.is_common_word(base))

    def is_prefixed_word(self, norm: str) -> bool:
        """A preposition/conjunction + an ordinary word (لإقصاء، وزوجته), unknown to NewsFANE as a whole."""
        gaz = self.gaz
        if len(norm) <= 3 or norm[0] not in "وفبل" or norm in gaz.word_counts:
            return False
        rest = norm[1:]
        return rest in gaz.frequent_words and not gaz.is_personish(rest)

    def is_definite_noun(self, norm: str) -> bool:
        """An ordinary definite noun (الكتلة, المرصد, العريس): article + a common or frequent word
        that NewsFANE does not know as part of a name."""
        gaz = self.gaz
        return (norm.startswith("ال") and not gaz.is_personish(norm)
                and (gaz.is_common_word(norm) or norm in gaz.frequent_words))

    def first_name_word(self, x: int) -> bool:
        """Token x is a common first name (NewsFANE tags it in person names; علي, not على)."""
        gaz, t = self.gaz, self.tokens[x]
        c = gaz.word_counts.get(t.norm)
        return (c is not None and c[1] >= 5 and self.cover[x] is None and not self.tag_cover[x]
                and not gaz.is_stopword(t.norm, t.text) and not gaz.is_verb_like(t.norm))

    def is_family_name(self, x: int) -> bool:
        """Token x reads as an unknown family name: a word that is no ordinary (frequent) word, no
        stop word, verb form, title or known name, and that NewsFANE does not know as a non-name."""
        gaz, t = self.gaz, self.tokens[x]
        norm = t.norm
        if self.is_punct(x) or not norm[:1].isalpha() or len(norm) < 3 or self.cover[x] is not None:
            return False
        if x in self.tag_by_start or self.tag_cover[x]:
            return False
        if norm in gaz.frequent_words or gaz.is_stopword(norm) or gaz.is_verb_like(norm) or norm in gaz.titles:
            return False
        c = gaz.word_counts.get(norm)
        if c is not None and not gaz.is_personish(norm):
            return False
        if c is None and self.possessed_noun(norm):
            return False  # رضا نوراني + استعداده
        if c is None and not (norm.startswith("ال") and norm.endswith("ي")) and gaz.is_ordinary_word(norm):
            # ordinary vocabulary (the general dictionary, a plural/dual of a dictionary word)
            # that NewsFANE's counts do not know: سعيد الكعبي + مستشارين; a definite nisba-shaped
            # word (القطي) stays a possible family name
            return False
        return self.name_word_ok(norm)

    def name_tokens(self, k: int, common_first: bool = False) -> tuple[int, int] | None:
        """Tokens [k, j) that read as a person's name, or None.  ``common_first``: the first word
        may be an indefinite common word (جمال, ملك) -- used where the context already says a
        name comes (after a verb of saying and before a title).  A compound first name's second part (سيف الإسلام، نور الدين) is taken after a name word."""
        gaz, toks = self.gaz, self.tokens
        names: list[int] = []
        counted = 0
        j = k
        while j < self.n and counted < 3:
            t = toks[j]
            norm = t.norm
            if self.is_punct(j) or not norm[:1].isalpha() or norm.isdigit():
                break
            if _TANWEEN.search(t.text):  # مبرهناً: an indefinite accusative is no name
                break
            if (names and toks[names[-1]].norm in _CONNECTORS and j not in self.used
                    and self.strong_match_at(j) is None and self.after_connector(j)):
                names.append(j)  # بن أبي + طالب, بنت + أسد: the word after a connector is a name
                counted += 1
                j += 1
                continue
            if names and self.gentilic_surname(j, names[-1]):
                names.append(j)  # وزير التجارة ويلبور + روس: a bare gentilic closing the name
                break
            if (gaz.is_stopword(norm, t.text) or norm in gaz.titles or self.strong_match_at(j) is not None
                    or gaz.is_verb_like(norm)):
                break
            if j in self.used:
                break
            if counted >= 2 and norm in gaz.programme_heads:
                break  # رياض الشعيبي + ضيف بوليتيكا
            if (names and norm in _NAME_SECOND and toks[names[-1]].norm not in _CONNECTORS
                    and toks[names[-1]].norm not in _NAME_SECOND):
                names.append(j)  # سيف + الإسلام
                j += 1
                continue
            if norm not in _CONNECTORS and not self.name_word_ok(norm, t.text) and not (
                    common_first and not names and not norm.startswith("ال") and not gaz.is_stopword(norm)
                    and not gaz.is_verb_like(norm) and not self.proclitic_ordinary(norm)):
                break
            if names and gaz.is_common_word(norm) and norm not in _CONNECTORS and not self.name_word_ok(norm, t.text):
                break
            if not names and (self.is_definite_noun(norm) or norm in _CONNECTORS_NOT_FIRST
                              or (norm.startswith("وال") and len(norm) >= 7)):  # والتهيئة, not والتر
                break
            if len(norm) >= 5 and norm not in gaz.word_counts and self.proclitic_ordinary(norm):
                break  # وزير سابق + ونجله
            names.append(j)
            if norm not in _CONNECTORS:
                counted += 1
            j += 1
        while names and toks[names[-1]].norm in _CONNECTORS:
            names.pop()
        if not names:
            return None
        if len(names) == 1 and toks[names[0]].norm.startswith("ال"):
            return None
        w0 = toks[names[0]].norm
        if (len(names) == 1 and w0 in gaz.frequent_words and not gaz.is_personish(w0)
                and not (gaz.is_name_word(w0) and not gaz.in_dictionary(w0))):
            # الرئيس ملزم، وزير الدفاع قوله: a lone ordinary word is no name; a frequent word that
            # is a people's name word (Wikidata) and no dictionary word is one (بابا الفاتيكان + فرانسيس)
            return None
        return names[0], names[-1] + 1

    def gentilic_surname(self, j: int, last: int) -> bool:
        """Token j, a one-word gentilic without the article or a proclitic (روس, مصري), right
        after the name word ``last`` that is no gentilic itself and before the end of the name
        (punctuation, a stop word, a verb form, a title or the end): a family name (ويلبور روس,
        دينيس روس), not the nationality, which after a name takes the article (بوتين الروسي)."""
        m = self.cover[j]
        if (m is None or m.entry.category != "nisba" or m.prefix or m.i != j or m.j != j + 1
                or self.tokens[j].norm.startswith("ال") or j in self.used
                or self.tokens[j].norm.endswith(("ون", "ين", "ان", "ات", "ه"))):
            return False  # ناشطون ليبيون, مسؤولان إيرانيان: dual, plural and feminine forms agree with a noun
        if self.gaz.is_common_word(self.tokens[last].norm):
            return False
        p = self.cover[last]
        if p is not None and p.entry.category == "nisba":
            return False
        x = j + 1
        if x >= self.n or self.is_punct(x):
            return True
        w = self.tokens[x].norm
        return self.gaz.is_stopword(w, self.tokens[x].text) or self.gaz.is_verb_like(w) or w in self.gaz.titles

    def tagged(self, k: int, dry: bool = False) -> tuple[Found | None, int]:
        """The tagger's span starting at token k as a ``Found`` (appended unless ``dry``), or None.

        The span first loses leading stop words, titles and verb forms (المكلف يوسف الشاهد,
        السياسي الطاهر بن حسين) and trailing ones.  A span over known names is then dropped, except a PER span that extends
        one known person (عبدالعزيز + بوتفليقة): that person's mention covers the span.  A
        one-word span that is a common word (رمضان the month, برلماني) is dropped.
        """
        j0, typ, fine, s, e = self.tag_by_start[k]
        gaz, toks = self.gaz, self.tokens
        k0, j = k, j0

        def bad(x: int) -> bool:
            norm = toks[x].norm
            if typ != "PER" and norm.startswith("ال"):
                return False  # حزب الوسط الجديد: adjectives belong to organization names
            # علي (the name) is no على: the stop-word test looks at the written final ي
            return gaz.is_stopword(norm, toks[x].text) or norm in gaz.titles or gaz.is_verb_like(norm)

        def leading_word(norm: str) -> bool:
            """An ordinary word starting a person span: an article noun (المرصد), a proclitic +
            ordinary word (لإقصاء; not the names فادي، وليد whose remainder is short), or an
            indefinite accusative adverb (دوليا، عمليا)."""
            return (self.is_definite_noun(norm) or (len(norm) >= 5 and self.is_prefixed_word(norm))
                    or (not gaz.is_personish(norm) and any(  # لإقصاء: ل + an ordinary word of 4+ letters
                        p and len(st) >= 4 and not st.startswith("ال") and st in gaz.frequent_words
                        and not gaz.is_personish(st) for p, st in gaz.splits(norm)))
                    or (norm.endswith("ا") and norm in gaz.frequent_words and not gaz.is_personish(norm)
                        and gaz.word_counts.get(norm, (0, 0, 0, 1))[1] == 0))

        while k < j and (bad(k) or self.is_punct(k) or (typ == "PER" and j - k > 1 and leading_word(toks[k].norm))):
            k += 1  # المرصد رامي عبد الرحمن, العريس عمر حجار, لإقصاء الأسد, دوليا عبد ربه
        cut = False
        for x in range(k + 1, j):  # a span never crosses punctuation (quotes, commas) or numbers
            if self.is_punct(x) or toks[x].norm[:1].isdigit() or (
                    len(toks[x].norm) > 1 and toks[x].norm[0] in "وف" and toks[x].norm[1].isdigit()):  # و2
                j = x
                cut = toks[x].text in _QUOTES_OPEN and x + 1 < j0  # head "name": left to the quoted-name rule
                break
            if typ == "PER" and toks[x].norm.startswith("وال") and len(toks[x].norm) >= 6:
                j = x  # و + a definite word starts the next conjunct: أبو سليم + والهضبة
                break
            if typ == "PER" and x >= k + 2 and toks[x].norm in gaz.programme_heads:
                j = x  # رياض الشعيبي + ضيف بوليتيكا: a programme head ends the name
                break
            if typ == "PER" and toks[x].norm in gaz.alias_markers:
                j = x  # سيف الله بن حسين + المكنى أبا عياض: the alias after it is left to aliases()
                break
        def trailing_word(norm: str) -> bool:
            """An ordinary word ending a long person span: a verb-like (أظهر، يومي) or accusative
            (معتمدا) frequent word that NewsFANE does not know."""
            shape = (norm[:1] in "ايت" and not norm.startswith("ال")) or norm.endswith("ا")
            return (shape and norm in gaz.frequent_words and not gaz.is_personish(norm)
                    and (norm not in gaz.word_counts or gaz.is_common_word(norm)))

        def trailing_other(norm: str) -> bool:
            """An adverb or a proclitic + ordinary word ending an organization/place span
            (الاتحاد حاليا، مجلس نواب طبرق لوكالة)."""
            return ((norm.endswith("ا") and not norm.startswith("ال") and norm in gaz.frequent_words
                     and not gaz.is_personish(norm) and gaz.word_counts.get(norm, (0, 0, 0, 1))[3] > 0)
                    or (self.is_prefixed_word(norm) and not norm.startswith("وال"))  # not والتنمية
                    or (len(norm) > 4 and norm[0] in "لب" and norm[1:] in gaz.frequent_words
                        and not gaz.is_personish(norm) and not gaz.is_personish(norm[1:])))

        def noun_after_adjective(x: int) -> bool:
            """A definite common noun after a relational adjective ends no organization's name: it
            starts the next phrase (حزب الشعب الجمهوري + الشتائم)."""
            w, prev = toks[x].norm, toks[x - 1].norm
            return (typ == "ORG" and w.startswith("ال") and not w.endswith(("ي", "يه")) and gaz.is_common_word(w)
                    and w not in gaz.org_modifiers and prev.startswith("ال") and prev.endswith(("ي", "يه"))
                    and self.cover[x] is None)

        while j > k and not (typ == "PER" and self.name_tail(k, j - 1)) and (
                         bad(j - 1) or self.is_punct(j - 1)
                         or (typ == "PER" and j - k >= 3 and (trailing_word(toks[j - 1].norm)
                                                              or gaz.name_suffixes.get(toks[j - 1].norm) == "ordinal"))
                         or (typ != "PER" and j - k >= 2 and trailing_other(toks[j - 1].norm))
                         or (j - k >= 3 and noun_after_adjective(j - 1))):
            j -= 1  # أحمد مناصرة أظهر, خميس الجيهناوي يومي
        if cut and j > k:
            j0, e = j, toks[j - 1].end  # مجلس نواب طبرق + لوكالة "الأناضول": the words from the quote's head on go on alone
        if k >= j:
            return None, j0
        if typ == "ORG" and j - k == 2:
            w0, w1 = toks[k].norm, toks[j - 1].norm
            if (any(st in gaz.org_patterns for _p, st in gaz.splits(w0))
                    and not w1.startswith("ال") and w1.endswith("ي")
                    and (w1 in gaz.frequent_words or gaz.is_common_word(w1)) and not gaz.is_personish(w1)):
                return None, j0  # head + indefinite adjective: حزب سياسي، صندوق مختص is no name
        cont = self.n  # where org_continuation started (its words may hold head nouns: للقضاء)
        if typ == "ORG" and j == j0 and j < self.n:
            cont = j
            j = self.org_continuation(k, j)  # حزب العدالة + والتنمية, المجلس الأعلى + للقضاء
            if j > j0:
                j0 = j
                e = toks[j - 1].end
            if (j == j0 and j < self.n and toks[j].text.isdigit() and len(toks[j].text) <= 2 and k > 0
                    and (hi := gaz.heads_of(toks[k - 1].norm)) is not None and hi[0] is not None
                    and gaz.org_patterns[hi[0][1]][0] == "media"):
                j = j0 = j + 1  # قناة + فرانس 2, قناة + فرانس 24: a channel's number is part of its name
                e = toks[j - 1].end
        if (typ == "PER" and j == j0 and j - k <= 2 and j + 1 < self.n and self.first_name_word(j)
                and self.is_family_name(j + 1)
                and (j + 2 == self.n or self.is_punct(j + 2) or self.ends_name(j + 2))):
            j += 2  # the tagger stopped before a first name + an unknown family name: محمد + علي البرهومي
            j0 = j
            e = toks[j - 1].end
        elif (typ == "PER" and j == j0 and j - k <= 2 and j < self.n and self.is_family_name(j)
                and (self.tokens[j].norm.startswith("ال") or j + 1 == self.n or self.is_punct(j + 1)
                     or self.ends_name(j + 1))):
            j += 1  # the tagger stopped before an unknown family name: عبد العزيز + القطي
            j0 = j
            e = toks[j - 1].end
        if (typ in ("GPE", "LOC", "PER") and j - k >= 2 and (hi := gaz.heads_of(toks[k].norm)) is not None
                and hi[0] is not None and hi[1] is None and not hi[0][0]
                and gaz.org_patterns[hi[0][1]][0] in ("named", "definite")):
            typ, fine = "ORG", gaz.org_patterns[hi[0][1]][1]  # كتلة الحرة, نيابة كارلسروه: an organization head
        elif typ == "GPE" and j - k >= 2 and (ph := gaz.place_heads.get(toks[k].norm)) is not None:
            typ = ph[1] if toks[k + 1].norm.startswith("ال") else ph[0]  # حي الزهور is a district (LOC)
        elif (typ in ("GPE", "LOC", "PER") and k > 0 and (hi := gaz.heads_of(toks[k - 1].norm)) is not None
              and hi[1] is not None and self.cover[k - 1] is None):
            # a place head right before the span says what kind of place it names: منطقة + الريف
            # is a region (LOC), جبال + الأطلس a mountain range, مدينة + القدس a city (GPE)
            # (a person's name after one is a place's: محافظة + صلاح الدين)
            ph = gaz.place_heads[hi[1][1]]
            typ, fine = (ph[1] if toks[k].norm.startswith("ال") else ph[0]), (fine if typ != "PER" else None)
        elif (typ == "PER" and k > 0 and self.cover[k - 1] is None and toks[k - 1].norm in gaz.direction_words
              and not toks[k].norm.startswith("ال")):
            typ, fine = "GPE", None  # شمالي + صلاح الدين: a part of a place, not a person
        if typ == "PER" and all(toks[x].norm in gaz.frequent_words and not gaz.is_personish(toks[x].norm)
                                and (toks[x].norm.endswith("ا") or _TANWEEN.search(toks[x].text))
                                for x in range(k, j)):
            return None, j0  # only ordinary indefinite accusatives: مشروبا غازيا
        if j - k == 1:
            w = toks[k].norm
            if gaz.is_common_word(w) or (typ == "PER" and not self.name_word_ok(w)):
                return None, j0
            if (typ == "PER" and w.startswith("ال") and w.endswith("ه") and len(w) > 5 and not gaz.is_personish(w)
                    and not gaz.is_name_word(w) and gaz.is_ordinary_word(w[:-1])):
                return None, j0  # a feminine participle or adjective used as a noun: الموقوفة, المتهمة
            if w in gaz.frequent_words and not gaz.is_personish(w) and (
                    typ == "PER" or not self.lone_name_evidence(k, w)):
                # a lone frequent word NewsFANE does not know as a name: قوله, جارية; an
                # organization or place needs more (على + الكوكب)
                return None, j0
        if k > k0:
            s = toks[k].start
        if j < j0:
            e = toks[j - 1].end
        strong = {id(m): m for x in range(k, min(j, cont)) if (m := self.strong_match_at(x)) is not None
                  and not (typ == "PER" and m.i == x > k and self.after_connector(x))
                  and not (typ == "PER" and m.i == k and self.gentilic_first_name(m, j))}
        # (a known word right after بن/آل inside a person's name is the father's or family's name:
        # عبدالعزيز بن عبدالله آل + الشيخ, محمد بن + سلمان)
        if (strong and typ == "ORG" and self.cover[k] is None and not dry
                and all(self.place_inside_org(m, k, j) for m in strong.values())):
            return self.tagged_org_with_place(k, k0, j, j0, s, e, fine, list(strong.values())), j0
        if strong:
            ms = list(strong.values())
            if (typ == "PER" and len(ms) == 1 and ms[0].entry.category == "nisba" and ms[0].j == j
                    and not ms[0].prefix and ms[0].i - k >= 2 and self.kunya_at(k)):
                # a kunya + a gentilic is one name (ابو حمزة المصري، أبو عبد الله التركي), and says
                # the person's country
                if dry:
                    return Found(type="PER", start=s, end=e, sentence=self.si), j0
                f = Found(type="PER", start=s, end=e, sentence=self.si, source="crf", label=self.text[s:e],
                          fine_type=fine or None, ntokens=j - k, country=ms[0].entry.country,
                          prev_norm=toks[k - 1].norm if k else "")
                self.out.append(f)
                self.used.update(range(k0, j0))
                return f, j0
            if (typ == "PER" and len(ms) == 1 and ms[0].entry.category == "entity" and ms[0].entry.type == "PER"
                    and ms[0].i >= k and not ms[0].prefix
                    and (ms[0].j == j or self.family_tail(ms[0].j, j))):
                # first names + a known person's name at the end (not جنبلاط + بالجولاني)
                if dry:
                    return Found(type="PER", start=s, end=e, sentence=self.si), j0
                while (k < ms[0].i and toks[k].norm in gaz.frequent_words and not gaz.is_personish(toks[k].norm)
                       and not (gaz.is_name_word(toks[k].norm) and self.other_first_names(k, ms[0]))):
                    k += 1  # عمليا أردوغان (not a given name of another person: إريك + ترامب)
                s = toks[k].start
                f = self.emit_match(ms[0])
                f.start, f.end, f.kind, f.ntokens = min(s, f.start), max(e, f.end), "name", j - k
                if self.other_first_names(k, ms[0]):
                    _unlink(f, self.text)  # جان ماري + لوبان is not مارين لوبان
                self.used.update(range(k0, j0))
                return f, j0
            if typ == "PER" and not dry:
                # the words before the known name may be another person: جنبلاط + بالجولاني
                x = k
                while x < j and self.cover[x] is None:
                    x += 1
                run = list(range(k, x))
                if run and toks[run[-1]].norm not in _CONNECTORS and all(
                        self.name_word_ok(toks[y].norm) for y in run) and not (
                        len(run) == 1 and toks[run[0]].norm in gaz.frequent_words
                        and not gaz.is_personish(toks[run[0]].norm)):
                    s2, e2 = toks[run[0]].start, toks[run[-1]].end
                    self.out.append(Found(type="PER", start=s2, end=e2, sentence=self.si, source="crf",
                                          label=self.text[s2:e2], fine_type=fine or None, ntokens=len(run),
                                          prev_norm=toks[run[0] - 1].norm if run[0] else ""))
                    self.used.update(run)
            return None, j0
        if dry:
            return Found(type=typ, start=s, end=e, sentence=self.si), j0
        f = Found(type=typ, start=s, end=e, sentence=self.si, source="crf", label=self.text[s:e],
                  fine_type=fine or None, ntokens=j - k, prev_norm=toks[k - 1].norm if k else "")
        self.out.append(f)
        self.used.update(range(k0, j0))
        return f, j0

    def after_connector(self, x: int) -> bool:
        """Token x follows a name connector (بن، بنت، أبي، أبو، عبد، آل) and is a word of 3+
        letters: it belongs to the name whatever else it means (علي بن أبي + طالب، فاطمة بنت +
        أسد، محمد بن زايد آل + نهيان)."""
        if x < 1 or self.is_punct(x):
            return False
        prev = self.tokens[x - 1].norm
        w = self.tokens[x].norm
        return ((prev in _CONNECTORS or self.is_family_head(x - 1)) and prev not in ("دي", "دو", "فان", "فون")
                and len(w) >= 3 and w.isalpha() and not (w.startswith("ال") and self.gaz.is_stopword(w)))

    def name_tail(self, k: int, x: int) -> bool:
        """Token x ends a person's name that starts at token k although it reads as an ordinary
        word: a generation word or regnal ordinal after the name (بوش + الابن، عبدالله + الثاني;
        an ordinal only after a one-word name), or a word after a connector."""
        if x <= k:
            return False
        kind = self.gaz.name_suffixes.get(self.tokens[x].norm)
        if kind is not None and not self.gaz.is_stopword(self.tokens[x - 1].norm) and not self.is_punct(x - 1):
            if kind != "ordinal" or (x == k + 1 and self.tokens[k].norm not in _CONNECTORS):
                return True
        return self.after_connector(x)

    def title_org_after(self, a: int) -> int | None:
        """After عن/في in a title phrase: an organization starting at token a that no gazetteer
        entry names -- an organization head + the tagger's ORG span (حزب + حراك تونس), the tagger's
        ORG span itself, or a head pattern (حزب العمال).  The ORG is emitted; returns the index
        after it, or None (nothing is emitted then)."""
        if a >= self.n or a in self.used or self.is_punct(a):
            return None
        gaz = self.gaz
        n_out = len(self.out)
        head = a + 1 < self.n and self.cover[a] is None and self.tokens[a].norm in gaz.org_heads
        m = self.by_start.get(a + 1) if head else self.by_start.get(a)
        if not head and self.cover[a] is not None and (m is None or m.entry.category != "entity" or m.entry.type != "ORG"):
            return None
        if m is not None and m.entry.category == "entity" and m.entry.type == "ORG" and not m.prefix:
            self.emit_match(m)  # حزب + حراك تونس الإرادة (a known party named after its head)
            self.used.update(range(a, m.j))
            return m.j
        for start in (a + 1, a) if head else (a,):
            tg = self.tag_by_start.get(start)
            if tg is None or tg[1] != "ORG" or start in self.used:
                continue
            f, j = self.tagged(start)
            if f is not None and f.type == "ORG":
                self.used.add(a)
                return j
            del self.out[n_out:]
            return None
        if not self.tag_cover[a] and (info := gaz.heads_of(self.tokens[a].norm)) is not None and info[0] is not None:
            j = self.org_pattern(a)
            if j is not None and any(f.type == "ORG" for f in self.out[n_out:]):
                return j
            del self.out[n_out:]
        return None

    def nisba_first_name(self, x: int) -> bool:
        """Token x can be a definite ي-shaped first name (العجمي، الهادي) in a name the context
        announces: a word of people's names (Wikidata), no gazetteer match (not a gentilic), stop
        word, title, title modifier or organization modifier (not الفخري "honorary")."""
        gaz, w = self.gaz, self.tokens[x].norm
        return (w.startswith("ال") and w.endswith("ي") and len(w) >= 5 and self.cover[x] is None
                and gaz.is_name_word(w)
                and not self.is_punct(x) and not gaz.is_stopword(w) and w not in gaz.titles
                and w not in gaz.title_modifiers and w not in gaz.org_modifiers)

    def kunya_at(self, k: int) -> bool:
        """Token k is a kunya's first word (أبو، أم; with a proclitic و/ف/ل/ب)."""
        w = self.tokens[k].norm
        return w in ("ابو", "ام") or (len(w) == 4 and w[0] in "وفلب" and w[1:] in ("ابو",))

    def family_after(self, f: Found, j: int) -> int:
        """A known person's mention ``f`` ending before token j + آل + the family name (محمد بن
        زايد + آل نهيان) is one name: ``f`` is widened; returns the index after the name."""
        if (j + 1 < self.n and j not in self.used and j + 1 not in self.used
                and self.tokens[j].text.rstrip(DIACRITICS) == "آل" and self.after_connector(j + 1)
                and self.cover[j + 1] is None):
            f.end, f.ntokens, f.kind = self.tokens[j + 1].end, f.ntokens + 2, "name"
            self.used.update((j, j + 1))
            return j + 2
        return j

    def family_tail(self, a: int, j: int) -> bool:
        """Tokens [a, j) after a known person's name still belong to it: آل + the family name
        (محمد بن زايد + آل نهيان) or a generation word / regnal ordinal."""
        if j - a == 2:
            return self.tokens[a].text.rstrip(DIACRITICS) == "آل" and self.after_connector(a + 1)
        return j - a == 1 and a > 0 and self.tokens[a].norm in self.gaz.name_suffixes

    def lone_name_evidence(self, k: int, w: str) -> bool:
        """Is the frequent word ``w`` at token k, a one-word organization/place span of the tagger,
        a name?  Yes when the tagger names it again in the document (الزمالك، الجزيرة), when a
        place head stands before it (منطقة + الريف), or when it is no word of the general
        dictionary (تويتر، الزمالك); not a dictionary noun named once (الكوكب "the planet")."""
        if self.tag_counts.get(w, 0) >= 2:
            return True
        if k > 0 and (hi := self.gaz.heads_of(self.tokens[k - 1].norm)) is not None and hi[1] is not None:
            return True
        return not self.gaz.in_dictionary(w)

    def org_continuation(self, k: int, j: int) -> int:
        """Where an organization the tagger found over [k, j) really ends: it goes on with
        relational adjectives (وزارة الأمن + الداخلي), a genitive after an adjective (المجلس
        الأعلى + للقضاء) or a و + definite word that is no organization of its own (حزب العدالة +
        والتنمية; not والحكومة, والحزب).  Only over words no gazetteer/tagger span claims."""
        gaz, toks = self.gaz, self.tokens
        if j - k < 2 or not any(st in gaz.org_patterns or st in gaz.org_heads for _p, st in gaz.splits(toks[k].norm)):
            return j  # only names that start with an organization head
        x = j
        while x < self.n and x - j < 2 and not self.tag_cover[x] and self.is_org_modifier(x):
            x += 1
        cx = self.cover[x] if x < self.n else None
        if (x < self.n and not self.tag_cover[x] and not self.is_punct(x)
                and (cx is None or (cx.prefix and cx.entry.category in ("institution", "ministry_bare")))):
            w = toks[x].norm  # (للقضاء: a head noun after ل is no body of its own here)
            last = toks[x - 1].norm
            if (w.startswith("لل") and len(w) >= 5 and not gaz.is_stopword(w) and last.startswith("ال")
                    and (last in gaz.org_modifiers or last.endswith(("ي", "يه")))):
                x += 1  # المجلس الأعلى للقضاء
                if x < self.n and not self.tag_cover[x] and self.is_org_modifier(x):
                    x += 1  # المجلس الأوروبي للعلاقات + الخارجية
            elif (w.startswith("وال") and len(w) >= 6 and x == j and last.startswith("ال")
                  and not self.generic_org_word(w[1:]) and not gaz.is_stopword(w)):
                x += 1  # حزب العدالة والتنمية
        return x

    def place_inside_org(self, m: GazMatch, k: int, j: int) -> bool:
        """A gentilic or a country/place name inside a tagger ORG span [k, j), after its head
        (المجلس الأعلى للدولة الليبية، شرطة واشنطن، مجلس الاتحاد الروسي)."""
        e = m.entry
        if m.i <= k or m.j > j:
            return False
        if e.category == "nisba":  # not a bare head + gentilic (المجلة البريطانية: institutions.tsv's job)
            return m.i - k >= 2 or j > m.j
        return e.category == "entity" and e.type in ("GPE", "LOC")

    def tagged_org_with_place(self, k: int, k0: int, j: int, j0: int, s: int, e: int, fine: str | None,
                              places: list[GazMatch]) -> Found:
        """The tagger's ORG span over a place or gentilic: one ORG affiliated with the country (the
        place named inside an organization's name is not a mention of its own; a gentilic is)."""
        gaz = self.gaz
        while j - 1 > k and (gaz.is_stopword(self.tokens[j - 1].norm) or self.is_punct(j - 1)):
            j -= 1  # شرطة العاصمة الأمريكية + الخميس
        e = min(e, self.tokens[j - 1].end)
        places = [m for m in places if m.j <= j]
        country = None
        for m in places:
            country = country or _country_of(m.entry)
        f = Found(type="ORG", start=s, end=e, sentence=self.si, source="crf", label=self.text[s:e],
                  fine_type=fine or None, ntokens=j - k, prev_norm=self.tokens[k - 1].norm if k else "",
                  country=country, attributes={"affiliation": f"GPE:{country}"} if country else {})
        self.out.append(f)
        for m in places:
            if m.entry.category == "nisba":
                self.emit_match(m)
        self.used.update(range(k0, j0))
        return f

    def emit_match(self, m: GazMatch) -> Found:
        f = _found_from_match(m, self.si, self.tokens)
        self.out.append(f)
        return f

    # --- the pass ----------------------------------------------------------------------

    def person_org(self, k: int) -> int | None:
        """A head of person_org_heads.txt + a person's name: حكومة علي زيدان, إدارة أوباما, نظام
        بشار الأسد -> an ORG over head + name, and the person (a known one, or the tagger's person
        span right after the head) as a mention of its own.  Returns the index after the name."""
        toks = self.tokens
        plen, fine = self.gaz.person_org_forms[toks[k].norm]
        if k + 1 >= self.n:
            return None
        m = self.by_start.get(k + 1)
        if m is not None:
            if m.prefix or m.entry.category != "entity" or m.entry.type != "PER":
                return None
            f, j = self.emit_match(m), m.j
        else:
            tag = self.tag_by_start.get(k + 1)
            if (tag is None and k + 2 < self.n and (t2 := self.tag_by_start.get(k + 2)) is not None
                    and t2[1] == "PER" and self.first_name_word(k + 1)):
                # the tagger stopped after a common first name it read as a word (حكومة علي + زيدان)
                del self.tag_by_start[k + 2]
                tag = self.tag_by_start[k + 1] = (t2[0], t2[1], t2[2], toks[k + 1].start, t2[4])
                self.tag_cover[k + 1] = True
            if (tag is None and (k + 1) not in self.used and self.cover[k + 1] is None
                    and (per := self.gaz.known_surnames.get(toks[k + 1].norm)) is not None
                    and (k + 2 >= self.n or self.is_punct(k + 2) or self.ends_name(k + 2)
                         or not self.gaz.is_name_word(toks[k + 2].norm))):
                # حكومة + الصيد: a known person's surname that is an ordinary word, after a head
                # that calls for a person (no alias: الصيد alone is "fishing")
                t = toks[k + 1]
                f = _found_from_entry(per, t.start, t.end, self.si, "alias", "pattern", prev_norm=toks[k].norm)
                self.out.append(f)
                self.used.add(k + 1)
                j = k + 2
                s = toks[k].start + (normalize_map(toks[k].text).orig(plen) if plen else 0)
                self.emit_org(k, k, k + 2, s, t.end, fine, None, restore=False)
                return j
            if tag is None or tag[1] != "PER" or (k + 1) in self.used:
                return None
            f, j = self.tagged(k + 1)
            if f is None:
                return j
            if f.type != "PER" or f.start != toks[k + 1].start:
                return j
        s = toks[k].start + (normalize_map(toks[k].text).orig(plen) if plen else 0)
        e = f.end
        jj = k + 1
        while jj < self.n and toks[jj].end <= e:
            jj += 1
        self.emit_org(k, k, jj, s, e, fine, None, restore=False)
        return max(j, jj)

    def source_line(self) -> None:
        """The parenthesised credit that ends an article, ``(الجزيرة)``, ``(سوا)``, ``(ترجمة هافينغتون
        بوست)``: when the document's last sentence is only "(" + 1-3 words + ")", those words (after
        a lead word such as ترجمة) name the news outlet the article comes from, an ORG, unless they
        are a generic credit (وكالات، فيديو; source_line_words.txt) or a known non-organization
        (a place, a person).  A known organization there is left to the gazetteer."""
        toks, gaz, n = self.tokens, self.gaz, self.n
        if n < 3 or toks[0].text != "(" or self.text[toks[-1].end:].strip():
            return
        c = 1
        while c < n and toks[c].text != ")":
            c += 1
        if c >= n or c > 4 or any(not self.is_punct(x) for x in range(c + 1, n)):
            return
        a = 1
        while a < c and toks[a].norm in gaz.source_lead:
            a += 1
        if a >= c or any(self.is_punct(x) or toks[x].norm[:1].isdigit() or toks[x].norm in gaz.source_generic
                         for x in range(a, c)):
            return
        if any(self.cover[x] is not None for x in range(a, c)):
            return  # a known name: the gazetteer says what it is
        self.emit_org(a, a, c, toks[a].start, toks[c - 1].end, "Media", None)
        self.used.update(range(a, c))

    def run(self) -> list[Found]:
        gaz, toks = self.gaz, self.tokens
        if toks and toks[0].text == "(":
            self.source_line()
        heads_of = gaz.heads_of
        heads_cache = gaz._heads_cache
        by_start, tag_by_start, used = self.by_start, self.tag_by_start, self.used
        k = 0
        last_person: Found | None = None
        last_person_end = -1
        norm_list = list(map(_NORM, toks))
        norms = set(norm_list)
        # (a dict's keys().isdisjoint(set) visits the sentence's words; set.isdisjoint(dict) would
        # visit every key of the dict)
        po_forms = gaz.person_org_forms if not gaz.person_org_forms.keys().isdisjoint(norms) else None
        kin = gaz.kinship_forms
        if not norms.isdisjoint(kin):
            for x, w in enumerate(norm_list):
                if w in kin and x not in used:
                    self.relative(x)
        lm = gaz.list_markers
        if not lm.keys().isdisjoint(norms):
            for x, w in enumerate(norm_list):
                if x and w in lm and norm_list[x - 1] in lm[w]:
                    self.listed_people(x + 1)
        duals = gaz.dual_org_forms
        if not duals.keys().isdisjoint(norms):
            for x, w in enumerate(norm_list):
                if w in duals and x not in used:
                    self.dual_orgs(x, duals[w][1])
        seg = self.text[toks[0].start:toks[-1].end] if toks else ""
        quoted = any(q in seg for q in _QUOTES_OPEN)
        # Most tokens start nothing: no gazetteer match or tagger span there, a word that starts
        # no head pattern (not in gaz.head_words), no "آل", no opening quote.  The loop visits
        # only the other tokens (``stops``).
        # (A person_org head may add a tagger span ahead of the loop: then every token is a stop.)
        n = self.n
        if po_forms is None:
            # a word outside gaz.head_words starts no head pattern (heads_of is None)
            stop_list = list(compress(range(n), map(gaz.head_words.__contains__, norm_list)))
            if "آل" in seg:
                stop_list += [x for x, t in enumerate(toks) if "آل" in t.text]
            if quoted:
                stop_list += [x for x, t in enumerate(toks) if t.text in _QUOTES_OPEN]
            stopset = set(stop_list)
            stopset.update(by_start)
            stopset.update(tag_by_start)
            stops = sorted(stopset)
        else:
            stopset = None
        while k < n:
            if stopset is not None and k not in stopset:
                x = bisect_left(stops, k)
                k = stops[x] if x < len(stops) else n
                continue
            if po_forms is not None and toks[k].norm in po_forms and k not in used and (
                    j := self.person_org(k)) is not None:
                k = j
                continue
            m = by_start.get(k)
            if (m is not None and m.entry.category == "nisba" and (tg := tag_by_start.get(k)) is not None
                    and tg[1] == "PER" and self.gentilic_first_name(m, tg[0])):
                m = None  # تركي البنعلي: the tagger's person, not the gentilic
            elif (m is not None and m.entry.category == "nisba" and not m.prefix and m.j == k + 1 and k + 1 < n
                  and k not in used and not toks[k].norm.startswith("ال") and gaz.is_name_word(toks[k].norm)
                  and toks[k + 1].norm.startswith("ال") and self.is_family_name(k + 1)
                  and (k + 2 == n or self.is_punct(k + 2) or self.ends_name(k + 2)
                       or (toks[k + 2].norm in gaz.frequent_words and not gaz.is_personish(toks[k + 2].norm)))):
                # a gentilic-shaped first name + an unknown family name the tagger missed: تركي البنعلي
                s_, e_ = toks[k].start, toks[k + 1].end
                f = Found(type="PER", start=s_, end=e_, sentence=self.si, source="pattern", label=self.text[s_:e_],
                          ntokens=2, prev_norm=toks[k - 1].norm if k else "")
                self.out.append(f)
                used.update((k, k + 1))
                last_person, last_person_end = f, k + 2
                k += 2
                continue
            if m is None:
                tag = tag_by_start.get(k)
                free = k not in used
                info = heads_cache.get(toks[k].norm, False)  # None for most words: no head pattern here
                if info is False:
                    info = heads_of(toks[k].norm)
                if free and "آل" in toks[k].text and (j := self.family_pattern(k)) is not None:
                    k = j
                    continue
                if free and info is not None and info[2] and (j := self.programme_at(k)) is not None:
                    k = j
                    continue
                if (quoted and free and info is not None and info[0] is not None and k + 1 < self.n
                        and toks[k + 1].text in _QUOTES_OPEN
                        and (j := self.org_pattern(k)) is not None):
                    k = j  # وكالة "الأناضول": before the tagger's span over head + quote
                    continue
                if quoted and free and toks[k].text in _QUOTES_OPEN and (j := self.headed_quote(k)) is not None:
                    k = j
                    continue
                if tag is not None and free:
                    f, j = self.tagged(k)
                    if f is not None:
                        if f.type == "PER":
                            last_person, last_person_end = f, j
                        k = j
                        continue
                if info is not None and free and not self.tag_cover[k]:
                    j = self.org_pattern(k) if info[0] is not None else None
                    if j is None and info[1] is not None:
                        j = self.place_pattern(k)
                    if j is not None:
                        k = j
                        continue
                if (info is not None and info[3] and k + 1 < self.n and not self.tag_cover[k + 1]
                        and not self.is_family_head(k + 1)):
                    f = self.speaker(k + 1)
                    if f is not None:
                        last_person, last_person_end = f, k + 1 + f.ntokens
                        k = last_person_end
                        continue
                k += 1
                continue
            if k in self.claimed:
                k = m.j  # emitted by a pre-pass (relative)
                continue
            cat = m.entry.category
            if (cat == "entity" and m.entry.type in ("GPE", "LOC") and not m.prefix and k > 0
                    and toks[k - 1].norm in gaz.agreement_forms):
                used.update(range(k, m.j))  # وثيقة قرطاج, مبادرة جنيف: the place is inside a name
                k = m.j
                continue
            if cat == "title":
                k2, person = self.title_pattern(m, last_person if last_person_end in (m.i, m.i - 1) else None)
                if person is not None:
                    last_person, last_person_end = person, k2
                k = max(k2, m.j)
                continue
            if cat in ("ministry", "ministry_bare", "institution"):
                k = self.body_pattern(m)
                continue
            if cat == "facility":
                if (m.j < self.n and toks[m.j].text in _QUOTES_OPEN
                        and (j := self.quoted_org(m.i, m.j - 1, m.entry.fine_type, m.entry.type)) is not None):
                    k = j  # بجامعة "جونز هوبكنز" (ORG), مطار "هيثرو" (LOC)
                    continue
                if m.prefix.endswith(("ال", "لل")):
                    j = self.definite_facility(m)
                    if j == m.j:
                        for y in range(m.i, m.j):
                            self.cover[y] = None  # a definite head is a common noun, no name
                    if j == m.j and k in tag_by_start and k not in used:
                        f, j = self.tagged(k)  # المسجد القبلي: the tagger's span over a definite head
                        if f is not None and f.type == "PER":
                            last_person, last_person_end = f, j
                    k = max(j, k + 1)
                    continue
                k = self.facility_pattern(m)
                continue
            f = self.emit_match(m)
            if f.type == "PER" and (j := self.family_after(f, m.j)) > m.j:
                m = GazMatch(m.i, j, m.start, f.end, m.entry, m.prefix)
            if f.type == "PER":
                last_person, last_person_end = f, m.j
                if m.j - m.i == 1 and not m.prefix and m.i > 0 and self.first_name_before(m.i - 1, m.entry):
                    x = m.i - 1  # فرنسوا + فيون: the first name, spelt otherwise than in the gazetteer
                    f.start, f.ntokens, f.kind = toks[x].start, 2, "name"
                    used.add(x)
            k = m.j
            if (f.type == "ORG" and f.fine_type == "Media" and k < self.n and toks[k].norm == "للانباء"
                    and k not in used):
                f.end, f.ntokens = toks[k].end, f.ntokens + 1  # وكالة رويترز + للأنباء
                k += 1
            if k < self.n and self.tag_cover[k] and k not in tag_by_start and toks[k].norm.startswith("وال"):
                self.release_conjunct(k)
        if '"' in seg:
            self.quoted_list()
        if not gaz.name_suffixes.keys().isdisjoint(norms):
            # جورج بوش + الابن, عبدالله + الثاني: the generation word or regnal ordinal belongs to the name
            sfx = [x for x in range(1, self.n) if toks[x].norm in gaz.name_suffixes and x not in used]
            ends = {toks[x - 1].end: x for x in sfx}
            for f in self.out:
                if (f.type == "PER" and f.kind in ("name", "alias") and (x := ends.get(f.end)) is not None
                        and (gaz.name_suffixes[toks[x].norm] != "ordinal" or len(self.text[f.start:f.end].split()) == 1)):
                    f.end, f.ntokens, f.kind = toks[x].end, f.ntokens + 1, "name"
                    used.add(x)
        if seg.count(".") >= 2 and _INITIALS.search(seg) is not None:  # (the pattern has two dots)
            self.initials()
        if not norms.isdisjoint(gaz.alias_markers):
            self.aliases()
        return self.out

    def aliases(self) -> None:
        """A person's name + an alias marker (المكنى، الملقب، المعروف ب) + a kunya or a name: the
        second name is an alias of the person (``attributes.alias_of``; coreference joins them):
        سيف الله بن حسين المكنى أبا عياض, المعروف بـ"أبي عياض"."""
        toks, gaz = self.tokens, self.gaz
        starts = [t.start for t in toks]
        for f in [f for f in self.out if f.type == "PER" and f.kind in ("name", "alias")]:
            x = bisect_left(starts, f.end)
            if x >= self.n or toks[x].norm not in gaz.alias_markers or toks[x].start - f.end > 2:
                continue
            y = x + 1
            while y < self.n and (toks[y].text in _QUOTES_OPEN or toks[y].norm in ("ب", "بـ", "باسم")):
                y += 1
            if y >= self.n:
                continue
            other = next((g for g in self.out if g.type == "PER" and g.start in (toks[y].start, toks[y].start + 1)
                          and g is not f and g.kind != "nominal"), None)
            if other is not None:
                other.attributes = {**other.attributes, "alias_of": id(f)}
                continue
            w = toks[y].norm
            pre = 1 if w[:1] == "ب" and w[1:] in _KUNYA else 0
            if w[pre:] not in _KUNYA or y + 1 >= self.n or self.is_punct(y + 1):
                continue
            z = y + 2
            if toks[y + 1].norm == "عبد" and z < self.n and not self.is_punct(z):
                z += 1  # أبو عبد الله
            s = toks[y].start + (normalize_map(toks[y].text).orig(pre) if pre else 0)
            e = toks[z - 1].end
            self.out.append(Found(type="PER", start=s, end=e, sentence=self.si, kind="alias", source="pattern",
                                  label=self.text[s:e], ntokens=z - y, attributes={"alias_of": id(f)}))
            self.used.update(range(y, z))

    def initials(self) -> None:
        """Two or three Arabic letters each followed by a dot (ش. ت., م.ع.) are a person's
        initials: the way news names a suspect or a minor."""
        toks, x = self.tokens, 0
        while x + 3 < self.n:
            y = x
            while (y + 1 < self.n and y - x < 6 and len(toks[y].text) == 1 and "\u0621" <= toks[y].text <= "\u064a"
                   and toks[y + 1].text == "." and y not in self.used and self.cover[y] is None
                   and (y == x or toks[y].start - toks[y - 1].end <= 1)):
                y += 2
            if y - x >= 4 and (x == 0 or not (len(toks[x - 1].text) == 1 and toks[x - 1].text.isalpha())):
                s, e = toks[x].start, toks[y - 1].end
                self.out.append(Found(type="PER", start=s, end=e, sentence=self.si, source="pattern",
                                      label=self.text[s:e], ntokens=(y - x) // 2,
                                      prev_norm=toks[x - 1].norm if x else ""))
                self.used.update(range(x, y))
                x = y
            else:
                x += 1

    def gentilic_first_name(self, m: GazMatch, j: int) -> bool:
        """A gentilic without the article that starts the tagger's person span [m.i, j) is a first
        name (تركي البنعلي, مصري الغامدي): people are named so (Wikidata), and a name word, no
        ordinary word, follows it."""
        toks, gaz = self.tokens, self.gaz
        w = toks[m.i].norm
        if (m.entry.category != "nisba" or m.prefix or m.j != m.i + 1 or j - m.i < 2 or w.startswith("ال")
                or not gaz.is_name_word(w)):
            return False
        nxt = toks[m.i + 1].norm
        return (self.name_word_ok(nxt, toks[m.i + 1].text) and not self.is_definite_noun(nxt)
                and not (nxt in gaz.frequent_words and not gaz.is_personish(nxt) and not gaz.is_name_word(nxt))
                and self.strong_match_at(m.i + 1) is None)

    def first_names_with_known(self, a: int, m: GazMatch) -> tuple[Found, bool]:
        """Names at tokens [a, m.i) + a known person's name ``m`` (a surname alias): one person's
        name from token a (emitted), the known person unless the first names are another one's
        of that family (:meth:`other_first_names`: then unlinked, and the flag is True)."""
        person = self.emit_match(m)
        person.start, person.kind, person.ntokens = self.tokens[a].start, "name", m.j - a
        other = self.other_first_names(a, m)
        if other:
            _unlink(person, self.text)  # الجيلاني + الهمامي is not حمة الهمامي
        return person, other

    def other_first_names(self, k: int, m: GazMatch) -> bool:
        """Tokens [k, m.i) before a known person's one-word (surname) alias are first names of
        another person of that family: none of them writes (same consonants) a word of the
        person's label before its surname, nor do they together (عبدالعزيز = عبد العزيز).
        جان ماري + لوبان is not مارين لوبان; الجيلاني + الهمامي is not حمة الهمامي."""
        e = m.entry
        na = m.j - m.i
        if na < 1 or na > 2 or k >= m.i or (na == 1 and e.kind != "alias"):
            return False  # (a two-word family name, بن لادن, is a "name" form: checked below)
        words = normalize(e.label).split()
        if len(words) <= na:
            return False
        if na > 1 and [self.tokens[x].norm for x in range(m.i, m.j)] != words[-na:]:
            return False  # a two-word alias that is not the label's family name (a kunya) is left alone
        words = words[:len(words) - na + 1]  # حمزة + بن لادن vs أسامة بن لادن: compare the first names
        firsts = {_skeleton(w) for w in words[:-1]} | {_skeleton("".join(words[:-1]))}
        mine = [self.tokens[x].norm for x in range(k, m.i)]
        return not ({_skeleton(w) for w in mine} & firsts or _skeleton("".join(mine)) in firsts)

    def first_name_before(self, x: int, entry: GazEntry) -> bool:
        """Token x, right before a known person's one-word (surname) alias, is that person's first
        name in another spelling: the same consonants as the first word of the person's label
        (فرنسوا/فرانسوا فيون, إيمانيول/إيمانويل ماكرون), and a word no gazetteer/tagger span or
        pattern claims, no stop word, title or ordinary frequent word."""
        gaz, t = self.gaz, self.tokens[x]
        norm = t.norm
        first = normalize(entry.label.split()[0]) if entry.label else ""
        if not first or len(entry.label.split()) < 2 or _skeleton(norm) != _skeleton(first):
            return False
        if (x in self.used or self.cover[x] is not None or self.tag_cover[x] or self.is_punct(x)
                or norm.startswith("ال") or len(norm) < 3 or not norm[:1].isalpha()):
            return False
        if gaz.is_stopword(norm, t.text) or norm in gaz.titles or norm in _CONNECTORS:
            return False  # (no verb-form test: فرنسوا ends like a plural verb; verbs are frequent words)
        if (norm in gaz.frequent_words or gaz.is_common_word(norm)) and not gaz.is_personish(norm):
            return False
        c = gaz.word_counts.get(norm)
        if c is not None and not gaz.is_personish(norm):
            return False
        if norm[0] == "و" and not gaz.is_personish(norm):
            return False  # وهاجموا + فيون: و + a word is mostly the conjunction
        return not self.possessed_noun(norm) and not self.proclitic_ordinary(norm)

    def quoted_list(self) -> None:
        """Quoted names in a coordination ("الجزيرة نت" و"قناة الشرق" و"مصر العربية"، "رصد"): when
        one of them is an organization, the others are organizations of the same kind; whatever
        was found inside them (مصر in "مصر العربية") gives way."""
        toks = self.tokens
        chains: list[list[tuple[int, int]]] = []
        q = 0
        for x in [x for x, t in enumerate(toks) if t.text == '"']:  # only a '"' token opens one
            if x < q:
                continue
            q = x
            end = self.quoted_span(q, 4)
            if end is None:
                q += 1
                continue
            cur = (q + 1, end)
            prev = chains[-1][-1] if chains else None
            if prev is not None and all(toks[x].text in ("و", "،", ",") for x in range(prev[1] + 1, q)) \
                    and q - prev[1] - 1 <= 1:
                chains[-1].append(cur)
            else:
                chains.append([cur])
            q = end + 1
        for chain in chains:
            if len(chain) < 2:
                continue
            spans = [(toks[a].start, toks[b - 1].end) for a, b in chain]
            orgs = [f for f in self.out if f.type == "ORG" and (f.start, f.end) in spans]
            if not orgs:
                continue
            fine = orgs[0].fine_type
            for (a, b), (s, e) in zip(chain, spans):
                if any(f.type == "ORG" and (f.start, f.end) == (s, e) for f in self.out):
                    continue
                if any(f.start < s < f.end or f.start < e < f.end for f in self.out):
                    continue  # a name reaching out of the quotes: leave it
                if all(self.gaz.is_stopword(toks[x].norm) or toks[x].norm.isdigit() for x in range(a, b)):
                    continue
                self.out = [f for f in self.out if not (s <= f.start and f.end <= e)]
                self.emit_org(a, a, b, s, e, fine, None)

    def release_conjunct(self, k: int) -> None:
        """A tagger span that a known name starts and that goes on with و + an organization head
        (الجبهة الشعبية + والكتلة الديمقراطية) holds two names: the conjunct is read on its own (its
        words are no longer covered by the span), so the head patterns see it."""
        info = self.gaz.heads_of(self.tokens[k].norm)
        if info is None or info[0] is None or info[0][0] != 1:
            return
        for i, (j, *_rest) in self.tag_by_start.items():
            if i < k < j:
                for x in range(k, j):
                    self.tag_cover[x] = False
                return

    def title_pattern(self, m: GazMatch, prev_person: Found | None) -> tuple[int, Found | None]:
        gaz, toks, text = self.gaz, self.tokens, self.text
        e = m.entry
        if m.j - m.i > 1:
            # a title may contain a known name: رئيس مجلس نواب الشعب, المتحدث باسم الكرملين
            for sub in gaz.match(toks[m.i + 1:m.j], ("entity",)):
                sub.i += m.i + 1
                sub.j += m.i + 1
                self.emit_match(sub)
        title = gaz.titles.get(entity_key(e.label))
        title_label = e.label
        role = e.role or (title.role if title else None)
        last = toks[m.j - 1].norm
        # a construct-state title (رئيس حركة النهضة، وزير خارجية روسيا، المتحدث باسم الكرملين)
        idafa = bool(e.attributes.get("idafa")) or last == "باسم" or (not last.startswith("ال") and not role)
        country: str | None = None
        affil: Found | None = None
        extra: list[str] = []
        conj = False  # the last description word was a conjunct portfolio (والإسكان)
        k = m.j
        nisba_end = m.end
        while k < self.n:
            mk = self.by_start.get(k)
            if mk is not None and mk.entry.category == "nisba" and country is None:
                f = self.emit_match(mk)
                country = mk.entry.country
                nisba_end = mk.end
                k = mk.j
                continue
            if toks[k].norm in gaz.title_modifiers:
                # الرئيس اليمني السابق، والي تطاوين الجديد
                extra.append(toks[k].text)
                k += 1
                continue
            if ((not extra or conj) and mk is None and country is None and affil is None
                    and toks[k].norm.startswith("وال") and self.is_descriptor(k)):
                # وزير البيئة + والجماعات المحلية, وزير التجهيز + والإسكان + والتهيئة الترابية
                extra.append(toks[k].text)
                conj = True
                k += 1
                continue
            conj = False
            if (toks[k].norm == "في" and k + 1 < self.n and affil is None
                    and (mk2 := self.by_start.get(k + 1)) is not None and mk2.entry.category == "entity"
                    and mk2.entry.type == "ORG" and not mk2.prefix):
                mk = mk2  # القيادي في حركة النهضة
                k += 1
                extra.append(toks[k - 1].text)
            if (toks[k].norm in ("عن", "في") and k + 1 < self.n and len(extra) < 4
                    and (j := self.title_org_after(k + 1)) is not None):
                # النائب بمجلس الشعب + عن حزب حراك تونس الإرادة، القيادي + في حزب نداء تونس: the
                # organization the title holder sits for or belongs to (the tagger's or a pattern's)
                f_org = next((f for f in reversed(self.out) if f.type == "ORG" and f.start >= toks[k + 1].start), None)
                if f_org is not None:
                    if affil is None or affil.type != "ORG" or affil.attributes.get("needs_country"):
                        affil = f_org  # (النائب بمجلس الشعب + عن حزب X: the party, not "the" parliament)
                    country = country or f_org.country
                extra.append(text[toks[k].start:toks[j - 1].end])
                nisba_end = toks[j - 1].end
                k = j
                continue
            if (mk is not None and mk.entry.category == "entity" and mk.entry.type in ("GPE", "ORG")
                    and mk.entry.priority > P_CITY and affil is None
                    and (idafa or mk.prefix in ("ل", "لل") or (mk.entry.type == "ORG" and mk.prefix == "ب")
                         or toks[k - 1].norm == "في")):
                affil = self.emit_match(mk)
                if country is None:
                    country = _country_of(mk.entry)
                if mk.entry.type == "ORG":
                    extra.append(text[toks[k].start:mk.end] if not mk.prefix else
                                 text[toks[k].start:toks[mk.j - 1].end])
                nisba_end = mk.end
                k = mk.j
                continue
            if mk is not None and affil is None and (
                    # المتحدث باسم وزارة الخارجية (الروسية): the ministry is an ORG and the affiliation
                    (mk.entry.category == "ministry" and idafa)
                    # رئيس مجلس النواب، النائب بمجلس الشعب: a named institution inside a title is an ORG
                    or (mk.entry.category == "institution" and mk.entry.attributes.get("bare")
                        and (idafa or mk.prefix in ("ل", "ب") or toks[k - 1].norm == "في"))):
                n_out = len(self.out)
                j = self.body_pattern(mk)
                affil = next((f for f in self.out[n_out:] if f.type == "ORG"), None)
                if affil is not None and country is None and affil.country:
                    country = affil.country
                extra.append(text[mk.start if mk.prefix not in ("ب", "ل") else toks[k].start:toks[j - 1].end])
                nisba_end = toks[j - 1].end
                k = j
                continue
            if mk is not None and mk.entry.category == "ministry_bare" and idafa and affil is None:
                extra.append(text[mk.start:mk.end])  # المتحدث باسم الخارجية
                k = mk.j
                continue
            if (mk is not None and mk.entry.category in ("institution", "ministry", "ministry_bare")
                    and affil is None and (nx := self.by_start.get(mk.j)) is not None
                    and nx.entry.category == "nisba" and not nx.prefix):
                # آمر الحرس الرئاسي الليبي، نجمي الناكوع
                k = self.body_pattern(mk)
                affil = self.out[-2] if len(self.out) >= 2 else None
                country = country or nx.entry.country
                extra.append(text[mk.start:nx.end])
                nisba_end = nx.end
                continue
            if (affil is None and toks[k].norm[:1] in ("ل", "ب") and (tg := self.tag_by_start.get(k)) is not None
                    and tg[1] == "ORG" and tg[0] - k >= 2 and k not in self.used
                    and (toks[k].norm[1:] in gaz.org_heads or toks[k].norm[1:] in gaz.org_patterns)):
                # الأمين العام لحزب البناء الوطني: the tagger's organization after "of"
                n_out = len(self.out)
                f, j = self.tagged(k)
                if f is not None and f.type == "ORG":
                    affil = f
                    country = country or f.country
                    extra.append(text[toks[k].start:toks[j - 1].end])
                    nisba_end = toks[j - 1].end
                    k = j
                    continue
                del self.out[n_out:]
            if (toks[k].norm[:1] in ("ل", "ب") and (toks[k].norm[1:] in gaz.org_heads
                                                   or (toks[k].norm.startswith("لل") and
                                                       toks[k].norm[2:] in gaz.org_heads))
                    and not (k + 1 < self.n and (mk2 := self.by_start.get(k + 1)) is not None)):
                # الناطق الرسمي للحركة، القيادي بالحزب: "of the movement" with no name after it
                extra.append(toks[k].text)
                k += 1
                continue
            if (k + 1 < self.n and toks[k].norm[:1] in ("ل", "ب") and toks[k].norm[1:] in gaz.org_heads
                    and (mk2 := self.by_start.get(k + 1)) is not None and mk2.entry.category == "entity"
                    and mk2.entry.type == "ORG"):
                # الأمين العام لحزب حركة مشروع تونس: "of the party" + the party's name
                org = self.emit_match(mk2)
                affil = affil or org
                if country is None:
                    country = _country_of(mk2.entry)
                extra.append(text[toks[k].start:mk2.end])
                nisba_end = mk2.end
                k = mk2.j
                continue
            if toks[k].norm in _AFFAIRS:
                s = k
                while k < self.n and not self.is_punct(k) and k - s < 10:
                    mk2 = self.by_start.get(k)
                    if mk2 is not None and mk2.entry.category == "entity":
                        self.emit_match(mk2)
                        k = mk2.j
                        continue
                    if mk2 is not None and mk2.entry.category == "nisba" and country is None:
                        self.emit_match(mk2)
                        country = mk2.entry.country
                        k = mk2.j
                        continue
                    k += 1
                extra.append(text[toks[s].start:toks[k - 1].end])
                continue
            if ((idafa or extra) and mk is not None and len(extra) < 4
                    and mk.entry.category in ("institution", "ministry", "ministry_bare", "facility")):
                extra.append(text[mk.start:mk.end])  # المتحدث باسم الحكومة (الاتحادية)
                k = mk.j
                continue
            if (idafa or extra) and mk is None and affil is None and not self.tag_cover[k] and len(extra) < 4:
                n_out = len(self.out)
                j = self.org_pattern(k)  # رئيس هيئة شؤون الأسرى، عضو لجنة الدفاع والأمن القومي
                if j is not None:
                    affil = next((f for f in self.out[n_out:] if f.type == "ORG"), None)
                    if affil is not None and country is None:
                        country = affil.country
                    extra.append(text[toks[k].start:toks[j - 1].end])
                    nisba_end = toks[j - 1].end
                    k = j
                    continue
            if (idafa or extra) and mk is None and self.is_descriptor(k) and len(extra) < 4:
                # وزير التكوين المهني والتشغيل، عضو المكتب التنفيذي، المتحدث باسم الحكومة الاتحادية
                extra.append(toks[k].text)
                k += 1
                continue
            break
        full_title = " ".join([title_label, *extra]).strip()
        fine = e.fine_type or (title.fine_type if title else None)
        comma = k < self.n and toks[k].text in _PUNCT_COMMA
        kn = k + 1 if comma else k
        person: Found | None = None
        end_k = k
        if kn < self.n:
            mk = self.by_start.get(kn)
            tag = self.tag_by_start.get(kn)
            if mk is not None and mk.entry.category == "entity" and mk.entry.type == "PER":
                person = self.emit_match(mk)
                end_k = self.family_after(person, mk.j)
            elif tag is not None and tag[1] == "PER" and self.tagged(kn, dry=True)[0] is not None:
                person, end_k = self.tagged(kn)
                if (person is not None and person.kind == "name" and kn + 1 < self.n
                        and toks[kn + 1].start == person.start and self.nisba_first_name(kn)):
                    # right after the title the tagger's name starts with a definite ي-word that the
                    # span trimming read as an ordinary adjective: القيادي في حركة النهضة + العجمي الوريمي
                    person.start, person.ntokens = toks[kn].start, person.ntokens + 1
                    person.label = text[person.start:person.end]
            else:
                # the context says a name comes, and NewsFANE has seen the first word in a person's
                # name (سليم، سيف): it may be a common word too
                c0 = gaz.word_counts.get(toks[kn].norm)
                nt = self.name_tokens(kn, common_first=bool(comma or country or affil) and c0 is not None and c0[1] > 0)
                if nt is not None and nt[1] - nt[0] == 1 and not (comma or country or affil or last.startswith("ال")):
                    nt = None  # "رئيس شعبة ...": a bare construct title needs a longer name
                nxt = self.by_start.get(nt[1]) if nt is not None else None
                if nxt is not None and nxt.entry.category == "entity" and nxt.entry.type == "PER":
                    # first name + a known surname: الرئيس الجزائري عبدالعزيز بوتفليقة
                    person = self.first_names_with_known(nt[0], nxt)[0]
                    self.used.update(range(nt[0], nt[1]))
                    end_k = nxt.j
                    nt = None
                if nt is not None:
                    a, b = nt
                    s, e_ = toks[a].start, toks[b - 1].end
                    person = Found(type="PER", start=s, end=e_, sentence=self.si, source="pattern",
                                   label=text[s:e_], ntokens=b - a)
                    self.out.append(person)
                    self.used.update(range(a, b))
                    end_k = b
        if role == "counterpart":
            # "his counterpart": same office as the person it is the counterpart of
            full_title = next((f.title for f in reversed(self.out) if f.type == "PER" and f.title
                               and f.role != "counterpart" and f.kind != "nominal"), None) or ""
        if person is not None:
            self._give(person, full_title, country, role, fine, affil)
            if role:  # نظيره: the nominal itself refers to the person
                self.out.append(Found(type="PER", start=m.start, end=m.end, sentence=self.si, kind="nominal",
                                      source="pattern", attributes={"link_to": id(person)}))
            return end_k, person
        if prev_person is None and not role:
            # a name right before the title, after a verb of saying or at the start of a clause:
            # "وقال ملك شاهر المتحدث باسم المنظمة"
            for a in range(max(0, m.i - 4), m.i - 1):
                if toks[a].norm.startswith("ال"):
                    continue  # الإقالة الفورية لوزير ...: a definite word does not start this name
                # (the cheap tests first; name_tokens and they only read the sentence's state)
                if a > 0 and not (self.is_punct(a - 1) or gaz.is_stopword(toks[a - 1].norm)):
                    continue
                if any(x in self.used or self.cover[x] is not None or self.tag_cover[x]
                       or (toks[x].norm in gaz.frequent_words and not gaz.is_personish(toks[x].norm))
                       for x in range(a, m.i)):
                    continue  # قرار إعفاء وزير العدل: ordinary words, not a name
                nt = self.name_tokens(a, common_first=a > 0 and gaz.is_stopword(toks[a - 1].norm))
                if nt != (a, m.i):
                    continue
                s, e_ = toks[a].start, toks[m.i - 1].end
                prev_person = Found(type="PER", start=s, end=e_, sentence=self.si, source="pattern",
                                    label=text[s:e_], ntokens=m.i - a)
                self.out.append(prev_person)
                self.used.update(range(a, m.i))
                break
        if prev_person is not None and (country is not None or affil is not None or not (title and title.nominal)
                                        or prev_person.source == "pattern"):
            # apposition after the name: "سيرغي لافروف، وزير الخارجية الروسي"
            self._give(prev_person, full_title, country, role, fine, affil)
            return k, None
        if (title is None or title.nominal or e.source_file == "portfolios.tsv") and (country or role):
            self.out.append(Found(type="PER", start=m.start, end=nisba_end, sentence=self.si, kind="nominal",
                                  source="pattern", title=full_title, country=country, role=role, fine_type=fine))
        return k, None

    @staticmethod
    def _give(person: Found, title: str, country: str | None, role: str | None, fine: str | None,
              affil: Found | None = None) -> None:
        if title and not person.title:
            person.title = title
            if (affil is not None and affil.type == "ORG" and affil.kind != "nominal"
                    and not affil.attributes.get("needs_country")):  # not رئيس + الحكومة (which one?)
                # the organization named in the title (القيادي في حركة النهضة): the person's
                # affiliation, resolved to the organization's entity id by kg.nlp.coref
                person.attributes = {**person.attributes, "affiliation_of": id(affil)}
        if country and (not person.country or person.source != "gazetteer"):
            person.country = country
        if role:
            person.role = role
        if fine and not person.fine_type:
            person.fine_type = fine

    def facility_pattern(self, m: GazMatch) -> int:
        """Facility/area head + a place name: قصر قرطاج, مطار طرابلس, ولاية قابس."""
        e = m.entry
        nxt = self.by_start.get(m.j)
        if (nxt is None or nxt.entry.category != "entity" or nxt.entry.type not in ("GPE", "LOC")
                or nxt.prefix):
            return self.facility_named(m)
        place = nxt.entry
        label = f"{e.label} {place.label}"
        end = nxt.end
        j = self.facility_modifiers_end(nxt.j, nxt.j + 2)  # مطار طرابلس القديم، مطار قرطاج الدولي
        if j > nxt.j:
            end = self.tokens[j - 1].end
            label = f"{label} {self.text[self.tokens[nxt.j].start:end]}"
        prev = self.tokens[m.i - 1].norm if m.i > 0 else ""
        self.out.append(Found(type=e.type, start=m.start, end=end, sentence=self.si, source="pattern",
                              key=f"{e.type}:{entity_key(label)}", label=label,
                              label_en=(f"{place.label_en} {e.label_en}" if place.label_en and e.label_en
                                        and j == nxt.j else None),
                              country=_country_of(place), fine_type=e.fine_type,
                              attributes={"located_in": place.id}, ntokens=j - m.i, prefix=m.prefix,
                              prev_norm=prev))
        return j

    def definite_facility(self, m: GazMatch) -> int:
        """A facility head with the article + a rare definite word (+ one adjective): الكنيسة
        المرقسية; a LOC/ORG whose mention starts at the article.  A generic head + an adjective
        (القاعدة العسكرية, المطار الدولي) is nothing.  Returns the index after it (m.j if none)."""
        toks = self.tokens
        if m.prefix.endswith("لل"):
            return m.j
        a = b = m.j
        while b < self.n and b - a < 2 and self.cover[b] is None and b not in self.used and (
                self.is_org_modifier(b) or (toks[b].norm.startswith("ال") and len(toks[b].norm) >= 5
                                            and self.rare_name_word(b, tagged_ok=True))):
            b += 1
        if b == a or (b == a + 1 and not self.rare_name_word(a, tagged_ok=True)):
            return m.j  # القاعدة العسكرية, المطار الدولي: a generic definite noun + adjective
        s = toks[m.i].start + normalize_map(toks[m.i].text).orig(len(m.prefix) - 2)
        e = toks[b - 1].end
        label = self.text[s:e]
        self.out.append(Found(type=m.entry.type, start=s, end=e, sentence=self.si, source="pattern",
                              key=f"{m.entry.type}:{entity_key(label)}", label=label,
                              fine_type=m.entry.fine_type, ntokens=b - m.i, prefix=m.prefix[:-2],
                              prev_norm=toks[m.i - 1].norm if m.i else ""))
        self.used.update(range(m.i, b))
        return b

    def facility_named(self, m: GazMatch) -> int:
        """Facility head + a proper-looking definite word (+ one definite modifier):
        قاعدة الشعيرات الجوية, مطار قرطاج الدولي.  The word must be rare (not one of the frequent
        Arabic words, not a common word in NewsFANE), so قاعدة البيانات, مطار العاصمة are not taken."""
        gaz, toks = self.gaz, self.tokens
        a = m.j
        b = self.named_after(a)
        tag = self.tag_by_start.get(m.i)
        if b is None and tag is not None and tag[1] in ("LOC", "ORG", "GPE") and tag[0] > a:
            b = tag[0]  # the tagger's span starts with the head: مطار رفيق الحريري
            if any(self.is_punct(y) or self.strong_match_at(y) is not None for y in range(a, b)):
                b = None
        if b is not None:
            return self.emit_facility(m, self.facility_modifiers_end(b, a + 6))  # + الدولي
        b = self.foreign_facility_name(a)
        if b is not None:
            return self.emit_facility(m, b)
        if a >= self.n or self.cover[a] is not None or self.tag_cover[a]:
            return m.j
        w = toks[a].norm
        if (not w.startswith("ال") or len(w) < 5 or w in gaz.frequent_words or gaz.is_common_word(w)
                or gaz.is_stopword(w) or gaz.is_personish(w) or self.is_punct(a)):
            return m.j
        b = a + 1
        if (b < self.n and toks[b].norm.startswith("ال") and self.cover[b] is None and not self.tag_cover[b]
                and not gaz.is_stopword(toks[b].norm) and toks[b].norm not in gaz.title_modifiers):
            b += 1
        return self.emit_facility(m, b, mark_used=False)

    def emit_facility(self, m: GazMatch, b: int, mark_used: bool = True) -> int:
        """A facility or area named by the head ``m`` and the words after it up to token b
        (exclusive), keyed by its own words; returns b."""
        toks, e = self.tokens, m.entry
        end = toks[b - 1].end
        label = self.text[m.start:end]
        self.out.append(Found(type=e.type, start=m.start, end=end, sentence=self.si, source="pattern",
                              key=f"{e.type}:{entity_key(label)}", label=label, fine_type=e.fine_type,
                              ntokens=b - m.i, prefix=m.prefix, prev_norm=toks[m.i - 1].norm if m.i > 0 else ""))
        if mark_used:
            self.used.update(range(m.i, b))
        return b

    def facility_modifiers_end(self, b: int, limit: int) -> int:
        """The index after the organization or facility modifiers (الدولي, القديم, الجوية) from
        token b on, stopping at token ``limit``."""
        n, cover, toks, mods = self.n, self.cover, self.tokens, self.gaz.facility_modifiers
        while b < n and b < limit and (self.is_org_modifier(b) or (cover[b] is None and toks[b].norm in mods)):
            b += 1
        return b

    def foreign_facility_name(self, a: int) -> int | None:
        """After a facility head: 1-2 rare words without the article (a foreign or local proper
        name, even if the tagger covers them) closed by a relational or facility adjective:
        قاعدة ماكديل الجوية, مطار هيثرو الدولي, سجن صيدنايا العسكري.  Returns the index after
        the adjectives, or None."""
        toks = self.tokens
        x = a
        while x < self.n and x - a < 2 and not toks[x].norm.startswith("ال") and self.rare_name_word(x, tagged_ok=True):
            x += 1
        if x == a or x >= self.n:
            return None
        b = self.facility_modifiers_end(x, x + 2)
        return b if b > x else None

    def named_after(self, a: int) -> int | None:
        """After a facility head: [honorific] + a person (gazetteer or tagger PER, or after an
        honorific 1-3 name words): مطار الملك عبد العزيز، ساحة القديس بطرس، مطار رفيق الحريري.
        Returns the index after the name, or None."""
        gaz = self.gaz
        if a >= self.n:
            return None
        x = a
        hon = self.tokens[a].norm in gaz.facility_honorifics
        if hon:
            tag = self.tag_by_start.get(a)
            if tag is not None and tag[1] == "PER" and tag[0] > a + 1:
                x = tag[0]
                if all(not self.is_punct(y) and not gaz.is_stopword(self.tokens[y].norm) for y in range(a, x)):
                    return x  # the tagger's person includes the honorific: القديس بطرس
            x = a + 1
        if x >= self.n:
            return None
        m = self.by_start.get(x)
        if m is not None and m.entry.category == "entity" and m.entry.type == "PER" and not m.prefix:
            return m.j
        tag = self.tag_by_start.get(x)
        if tag is not None and tag[1] == "PER":
            j = tag[0]
            if all(not self.is_punct(y) and not gaz.is_stopword(self.tokens[y].norm) for y in range(x, j)):
                return j
        if hon and m is None and not self.tag_cover[x]:
            r = self.name_tokens(x, common_first=True)
            if r is not None:
                return r[1]
            w = self.tokens[x].norm
            if (w.startswith("ال") and len(w) >= 5 and w.isalpha() and self.cover[x] is None
                    and not gaz.is_common_word(w) and not gaz.is_stopword(w) and w not in gaz.titles
                    and w not in gaz.org_modifiers):
                return x + 1  # one family name after the honorific: مطار الإمام الخميني
        return None

    def compound_portfolio(self, m: GazMatch) -> GazMatch:
        """A ministry with a compound portfolio (وزارة الأوقاف + والشؤون الإسلامية, وزارة التجهيز
        + والإسكان): the match widened over the conjunct and its adjectives, with its label."""
        toks = self.tokens
        x = m.j
        while x < self.n and x - m.j < 2 and self.is_org_modifier(x) and x not in self.tag_by_start:
            x += 1  # وزارة الأمن + الداخلي
        while x < self.n and x - m.j < 4 and toks[x].norm.startswith("وال") and x not in self.tag_by_start:
            mx = self.cover[x]
            if mx is not None and mx.i == x and mx.entry.category == "ministry_bare" and mx.j - x <= 3:
                x = mx.j  # والشؤون الإسلامية: a portfolio of its own
            elif mx is None and (self.is_descriptor(x) or (self.tag_cover[x] and self.is_definite_noun(toks[x].norm[1:]))):
                x += 1
            else:
                break
            while (x < self.n and x - m.j < 4 and self.cover[x] is None and toks[x].norm.startswith("ال")
                   and toks[x].norm.endswith(("ي", "يه")) and (self.is_org_modifier(x) or self.is_descriptor(x))):
                x += 1  # والجماعات + المحلية
        if x == m.j:
            return m
        from dataclasses import replace

        ext = self.text[toks[m.j].start:toks[x - 1].end]
        entry = replace(m.entry, label=f"{m.entry.label} {ext}", label_en=None)
        return GazMatch(m.i, x, m.start, toks[x - 1].end, entry, m.prefix)

    def body_pattern(self, m: GazMatch) -> int:
        """Ministry/institution head + gentilic (or + country for the idafa form)."""
        gaz, toks = self.gaz, self.tokens
        if m.entry.category in ("ministry", "ministry_bare") and not m.entry.attributes.get("idafa"):
            m = self.compound_portfolio(m)
        e = m.entry
        nxt = self.by_start.get(m.j)
        iso3 = None
        if nxt is not None and nxt.entry.category == "nisba" and not nxt.prefix:
            iso3 = nxt.entry.country
        elif (nxt is not None and e.category == "ministry" and e.attributes.get("idafa")
              and nxt.entry.category == "entity" and is_country_id(nxt.entry.id)
              and not nxt.prefix):
            iso3 = nxt.entry.id[4:]
        if iso3 is None and e.category == "institution" and m.j == m.i + 1:
            if gaz.org_patterns.get(normalize(e.label), ("",))[0] == "definite":
                b, nis = self.adjective_chain(m.j, fem=e.kind == "f")  # المحكمة الجزائية المتخصصة
                if b > m.j:
                    self.emit_org(m.i, m.i, b, m.start, toks[b - 1].end, e.fine_type, nis, prefix=m.prefix,
                                  restore=m.prefix == "ل" and not self.text[m.start:m.end].startswith("ال"))
                    return b
        if (iso3 is None and e.category == "institution" and m.j - m.i > 1
                and (seat := self.seat_after(m.i, m.j)) is not None):
            # النيابة العامة بغريان: the body of that city
            self.emit_org(m.i, m.i, seat.j, m.start, seat.end, e.fine_type, None, prefix=m.prefix)
            self.locate_last_org(seat)
            return seat.j
        if iso3 is None:
            if (e.category == "ministry" and not e.attributes.get("idafa")) or e.attributes.get("bare"):
                # "وزارة الخارجية" alone: the ministry of the country the document is about
                # (decided by kg.nlp.coref once the whole document is read)
                self.out.append(Found(type="ORG", start=m.start, end=m.end, sentence=self.si, source="pattern",
                                      label=e.label, label_en=e.label_en, fine_type=e.fine_type,
                                      attributes={"needs_country": True, "feminine": e.kind == "f"},
                                      ntokens=m.j - m.i,
                                      prefix=m.prefix))
            return m.j  # other bare heads are not entities
        nis = gaz.nisba_label(iso3, e.kind == "f")
        if nis is None:
            return m.j
        label = f"{e.label} {nis}"
        end, j = nxt.end, nxt.j
        while j < self.n and j - nxt.j < 2 and self.is_org_modifier(j):  # المحكمة الإسرائيلية المركزية
            j += 1
        if j > nxt.j:
            end = toks[j - 1].end
            label = f"{label} {self.text[toks[nxt.j].start:end]}"
        prev = toks[m.i - 1].norm if m.i > 0 else ""
        org = Found(type="ORG", start=m.start, end=end, sentence=self.si, source="pattern",
                    key=f"ORG:{entity_key(label)}", label=label,
                    label_en=(f"{e.label_en} ({iso3})" if e.label_en else None), country=iso3,
                    fine_type=e.fine_type, attributes={"affiliation": f"GPE:{iso3}"}, ntokens=j - m.i,
                    prefix=m.prefix, prev_norm=prev)
        self.out.append(org)
        self.emit_match(nxt)  # the gentilic / country stays a mention of the country
        return j


def analyse_sentence(gaz: Gazetteer, text: str, tokens: list[Token], si: int, matches: list[GazMatch],
                     spans: list[tuple[int, int, str, str]], tag_counts: dict[str, int] | None = None) -> list[Found]:
    """All mention candidates of one sentence (see the module docstring).  ``tag_counts``: how many
    tagger spans of the document have each normalized text (:func:`tag_counts`)."""
    return _Sentence(gaz, text, tokens, si, matches, spans, tag_counts).run()


def tag_counts(text: str, doc_spans) -> dict[str, int]:
    """How often the tagger named each (normalized) one-word or longer span text in a document."""
    out: dict[str, int] = {}
    for spans in doc_spans or ():
        for s, e, typ, _fine in spans:
            if typ in ("PER", "ORG", "GPE", "LOC"):
                w = normalize(text[s:e])
                out[w] = out.get(w, 0) + 1
    return out


__all__ = ["Found", "analyse_sentence", "tag_counts"]
