"""Coreference within one document: group ``Found`` mentions into entities.

- Linked mentions (gazetteer entries, pattern-built ministries/institutions) group by their id.
- Person names group by normalized name; a shorter name that is the end of a longer name in
  the document (``لافروف``, ``حسين``, ``قائد السبسي``), or a first name alone when the longer
  name has ``بن``/``آل`` (``الأمير فيصل``), joins it as an alias (several candidates: the one
  mentioned last before it).  Each multi-token person's surname is then
  searched in the rest of the document, so a surname the tagger missed is still found.
- A ministry named without a gentilic (``وزارة الخارجية``) is the ministry of the document's
  dominant country when there is one (``attributes.country_inferred``), else a generic entity.
- Nominals: ``نظيره`` before a name is that name's mention (set by :mod:`kg.nlp.roles`); a title +
  gentilic with no name (``الوزير البريطاني``) joins the last person before it with that country
  whose title has the same head noun (وزير); unresolved nominals are dropped.

A surname alone in a document without the full name stays its own entity keyed by the surname:
it may be a different person, and merging it across documents by guess would be worse than two
nodes (a later pass over the graph can join ``PER:لافروف`` to ``PER:سيرغي لافروف``).
"""

from __future__ import annotations

from itertools import compress
from operator import attrgetter

from .gazetteer import Gazetteer, entity_key
from .roles import Found
from .text import Token, normalize_map


_PATRONYMIC = {"بن", "ابن", "بنت", "ال"}
_NORM = attrgetter("norm")


def _title_head(title: str | None) -> str:
    """The head noun of a title without the article: الوزير البريطاني -> وزير."""
    if not title:
        return ""
    w = entity_key(title).split(" ")[0]
    return w[2:] if w.startswith("ال") and len(w) > 4 else w


def _title_key(title: str) -> str:
    """A title without the article of its first word and without gentilics after it:
    الرئيس التركي -> رئيس; رئيس الوزراء -> رئيس الوزراء."""
    words = entity_key(title).split(" ")
    words[0] = words[0][2:] if words[0].startswith("ال") and len(words[0]) > 4 else words[0]
    out = [words[0]]
    for w in words[1:]:
        if w.startswith("ال") and w.endswith(("ي", "يه")):
            break  # a gentilic or relational adjective: not part of the office
        out.append(w)
    return " ".join(out)


_KUNYA_CASES = {"ابي": "ابو", "ابا": "ابو"}


def name_key(text: str) -> str:
    """A name's key; a kunya in any case is one name (أبي عياض, أبا عياض = أبو عياض)."""
    k = entity_key(text)
    first, sp, rest = k.partition(" ")
    if rest and first in _KUNYA_CASES:
        return _KUNYA_CASES[first] + sp + rest
    return k


def dominant_country(found: list[Found]) -> str | None:
    """The country a document is mostly about: most mentions (names, gentilics, affiliations;
    a city counts half), at least 2 and 3 times the next one (a document about two countries
    has no dominant one)."""
    from collections import Counter

    c: Counter = Counter()
    for f in found:
        if f.kind == "nominal":
            continue
        if f.key.startswith("GPE:") and len(f.key) == 7:
            c[f.key[4:]] += 1
        elif f.type == "GPE" and f.country:
            c[f.country] += 0.5
        elif f.country and f.type in ("ORG", "PER"):
            c[f.country] += 0.5
    if not c:
        return None
    (top, n), *rest = c.most_common(2)
    if n >= 2 and (not rest or n >= 3 * rest[0][1]):
        return top
    return None


def _assign_bare_ministries(gaz: Gazetteer, found: list[Found]) -> None:
    """Give "وزارة الخارجية" (no gentilic) the document's dominant country, or a generic id."""
    bare = [f for f in found if f.attributes.get("needs_country")]
    if not bare:
        return
    iso3 = dominant_country([f for f in found if not f.attributes.get("needs_country")])
    for f in bare:
        nis = gaz.nisba_label(iso3, f.attributes.get("feminine", True)) if iso3 else None
        f.attributes = {}
        if nis:
            f.label = f"{f.label} {nis}"
            f.country = iso3
            f.attributes = {"affiliation": f"GPE:{iso3}", "country_inferred": True}
            if f.label_en:
                f.label_en = f"{f.label_en} ({iso3})"
        f.key = f"ORG:{entity_key(f.label)}"


def _bare(w: str) -> str:
    """A word without its article (السراج -> سراج: after لل the article is not written)."""
    return w[2:] if w.startswith("ال") and len(w) > 4 else w


def _skeleton(w: str) -> str:
    """The consonants of a word: no article, no long vowels after the first letter
    (هيلموت/هلموت -> هلمت, قورتولموش/قرتولموش -> قرتلمش)."""
    w = _bare(w)
    return w[:1] + "".join(c for c in w[1:] if c not in "اويى")


def same_word(gaz: Gazetteer, a: str, b: str) -> bool:
    """Two normalized name words that write one name: equal, equal but for the article
    (السراج/سراج), or -- for words NewsFANE does not know, of 5+ letters (foreign names written
    with or without long vowels) -- the same consonants.  محمد/محمود are both known: not merged."""
    if a == b or _bare(a) == _bare(b):
        return True
    return (len(a) >= 5 and len(b) >= 5 and a not in gaz.word_counts and b not in gaz.word_counts
            and len(_skeleton(a)) >= 4 and _skeleton(a) == _skeleton(b))


def _same_words(gaz: Gazetteer, a: list[str], b: list[str]) -> bool:
    return len(a) == len(b) and all(
        same_word(gaz, x, y)
        # after عبد, a divine name written with or without its long vowel is one name
        # (عبد الملك / عبد المالك, عبد الرحمن / عبد الرحمان)
        or (n > 0 and a[n - 1] == b[n - 1] == "عبد" and _skeleton(x) == _skeleton(y) and len(_skeleton(x)) >= 3)
        for n, (x, y) in enumerate(zip(a, b)))


def _merge_spelling_variants(gaz: Gazetteer, groups: dict[str, list[Found]], add) -> None:
    """Two unlinked person names of a document written two ways (هيلموت كول / هلموت كول) are one
    person: same number of words, each pair the same word (:func:`same_word`), one word exactly."""
    keys = [k for k in groups if k.startswith("PER:") and not any(f.entry is not None for f in groups[k])]
    for i, k in enumerate(keys):
        if k not in groups:
            continue
        a = k[4:].split(" ")
        for o in keys[i + 1:]:
            if o not in groups:
                continue
            b = o[4:].split(" ")
            if len(a) >= 2 and _same_words(gaz, a, b) and any(x == y for x, y in zip(a, b)):
                for f in groups.pop(o):
                    add(k, f)


def _surname_to_latest(gaz: Gazetteer, text: str, groups: dict[str, list[Found]], add) -> None:
    """A known person's surname alone (``لوبان`` for مارين لوبان) when another full name of the
    document ends with it (``جان ماري لوبان``) is ambiguous: it goes to the full name mentioned
    last before it."""
    others = {k: k[4:].split(" ")[-1] for k in groups if k.startswith("PER:") and " " in k
              and not any(f.entry is not None or f.role == "relative" for f in groups[k])}
    # (a relative named after a kinship word, زوجته ميلينيا ترامب, takes no lone surname from the
    # known person: ترامب alone stays دونالد ترامب)
    if not others:
        return
    for k in [k for k in groups if k.startswith("PER:")]:
        fs = groups[k]
        if not any(f.entry is not None for f in fs):
            continue
        for f in list(fs):
            if f.kind != "alias" or f.ntokens != 1 or f.entry is None:
                continue
            sur = name_key(text[f.start:f.end])
            cands = [o for o, w in others.items() if o != k and same_word(gaz, w, sur)]
            if not cands:
                continue

            def last(key: str) -> int:
                ps = [g.start for g in groups[key] if g.start < f.start and g.kind == "name" and g.ntokens > 1]
                return max(ps) if ps else -1

            best = max(cands, key=last)
            if last(best) > last(k):
                fs.remove(f)
                f.entry, f.key, f.label_en, f.country = None, "", None, None
                add(best, f)
        if not fs:
            del groups[k]  # every mention went to the other person: no entity is left behind


def _descriptions_to_named(gaz: Gazetteer, groups: dict[str, list[Found]], add) -> None:
    """A description of an organization (``المنظمة الدولية``, org_descriptors.tsv) joins the
    organization of its fine type (IGO) named last before it: الأمم المتحدة ... المنظمة الدولية."""
    descs = gaz.org_descriptors
    for k in [k for k in groups if k.startswith("ORG:") and k[4:] in descs]:
        fs = groups[k]
        if any(f.entry is not None for f in fs):
            continue
        fine, first = descs[k[4:]], fs[0].start
        best = None
        for o, gs in groups.items():
            if o == k or not o.startswith("ORG:"):
                continue
            if not any((g.entry is not None and g.entry.fine_type == fine) or g.fine_type == fine for g in gs):
                continue
            before = [g.start for g in gs if g.start < first]
            if before and (best is None or max(before) > best[0]):
                best = (max(before), o)
        if best is not None:
            for f in groups.pop(k):
                f.key, f.kind = "", "alias" if f.kind == "name" else f.kind
                add(best[1], f)


def _bare_org_names(gaz: Gazetteer, text: str, sent_tokens: list[list[Token]], groups: dict[str, list[Found]],
                    add) -> None:
    """An organization named by a pattern with a gentilic (``قوات الاحتلال الإسرائيلية``) is
    also the same words without the gentilic elsewhere in the document (``قوات الاحتلال``), when
    no other adjective follows them and exactly one such organization has those words."""
    bare: dict[tuple[str, ...], str] = {}
    for k, fs in groups.items():
        if not k.startswith("ORG:") or any(f.entry is not None for f in fs):
            continue
        words = k[4:].split(" ")
        if len(words) < 3 or not any(f.source == "pattern" for f in fs):
            continue
        last = words[-1]
        if not (last.startswith("ال") and (e := gaz.entry_of(last)) is not None and e.category == "nisba"):
            continue
        key = tuple(words[:-1])
        bare[key] = k if key not in bare else ""
    bare = {b: k for b, k in bare.items() if k}
    if not bare:
        return
    # the first word, alone or after و/ف/ل/ب (ولقوات): written form -> (proclitic length, word)
    firsts = {p + b[0]: (len(p), b[0]) for b in bare for p in ("", "و", "ف", "ل", "ب", "ول", "فل", "وب", "فب")}
    covered = [(f.start, f.end) for fs in groups.values() for f in fs]
    has_first = firsts.__contains__
    for si, toks in enumerate(sent_tokens):
        for x in compress(range(len(toks)), map(has_first, map(_NORM, toks))):  # the few first words
            t = toks[x]
            plen, stem = firsts[t.norm]
            hit = next((b for b in bare if b[0] == stem and x + len(b) <= len(toks)
                        and tuple(w.norm for w in toks[x + 1:x + len(b)]) == b[1:]), None)
            if hit is None:
                continue
            b = hit
            y = x + len(b)
            if y < len(toks) and toks[y].norm.startswith("ال") and toks[y].norm.endswith(("ي", "يه")):
                continue  # قوات الاحتلال + الأمريكي: another organization
            start = t.start + (normalize_map(t.text).orig(plen) if plen else 0)
            end = toks[y - 1].end
            if any(s < end and start < e for s, e in covered):
                continue
            f = Found(type="ORG", start=start, end=end, sentence=si, kind="alias", source="coref",
                      ntokens=len(b), label=text[start:end])
            covered.append((start, end))
            add(bare[b], f)


def _is_subsequence(short: list[str], long: list[str]) -> bool:
    it = iter(long)
    return all(w in it for w in short)


def _merge_short_names(groups: dict[str, list[Found]], add) -> None:
    """An organization or place named by a pattern or the tagger with a shorter form of a longer
    name of the same document (same head word, its words in order: ``مطار عبد العزيز`` in
    ``مطار الملك عبد العزيز الدولي``, ``المحكمة الابتدائية`` in ``المحكمة الابتدائية بتونس``) joins
    it, when exactly one longer name fits.  Gazetteer-linked entities keep their identity."""
    keys = [k for k in groups if k[:4] in ("ORG:", "LOC:")
            and not any(f.entry is not None for f in groups[k])]
    if len(keys) < 2:
        return
    toks = {k: k[4:].split(" ") for k in keys}
    for k in sorted(keys, key=lambda k: len(toks[k])):
        short = toks[k]
        if len(short) < 2 or k not in groups:
            continue
        cands = [o for o in keys if o != k and o in groups and o[:4] == k[:4] and len(toks[o]) > len(short)
                 and toks[o][0] == short[0] and _is_subsequence(short, toks[o])
                 # not into a coordination (جبهة التحرير الوطني ≠ جبهة التحرير والتجمع الوطني)
                 and not any(w.startswith("و") and len(w) > 3 and w not in short for w in toks[o])]
        if len(cands) != 1:
            continue
        target = cands[0]
        built = next((g for g in groups[target] if g.key), None)
        for f in groups.pop(k):
            if f.key and built is not None:
                f.key, f.label, f.label_en = built.key, built.label, built.label_en
            add(target, f)


def surname_forms(surnames) -> set[str]:
    """Every written form that can read as one of ``surnames`` after at most و/ف/ل/ب (a reading
    of :func:`kg.nlp.text.proclitic_splits`): the surname, و/ف/ل/ب + the surname, and لل + the
    surname without its article (للسراج = ل + السراج)."""
    forms = set(surnames)
    for w in surnames:
        forms.update(p + w for p in _SURNAME_CLITICS)
        if w.startswith("ال"):
            forms.add("لل" + w[2:])
    return forms


_SURNAME_CLITICS = ("و", "ف", "ل", "ب")


def resolve_document(gaz: Gazetteer, text: str, sent_tokens: list[list[Token]], found: list[Found]) -> list[list[Found]]:
    """Groups of mentions, one per entity, in order of first mention.

    ``sent_tokens`` holds the tokens of each sentence (index = sentence number)."""
    found = sorted(found, key=lambda f: (f.start, -f.end))
    groups: dict[str, list[Found]] = {}
    nominals: list[Found] = []
    by_obj: dict[int, str] = {}

    def add(key: str, f: Found) -> None:
        groups.setdefault(key, []).append(f)
        by_obj[id(f)] = key

    _assign_bare_ministries(gaz, found)
    for f in found:
        if f.kind == "nominal":
            nominals.append(f)
            continue
        if f.key:
            add(f.key, f)
        else:
            add(f"{f.type}:{name_key(f.label)}", f)

    # --- aliases given with a marker (سيف الله بن حسين المكنى أبا عياض) join the person --------
    for f in [f for fs in groups.values() for f in fs if "alias_of" in f.attributes]:
        target = by_obj.get(f.attributes["alias_of"])
        f.attributes = {a: v for a, v in f.attributes.items() if a != "alias_of"}
        src = by_obj.get(id(f))
        if target is None or src is None or src == target or src not in groups or target not in groups:
            continue
        if any(g.entry is not None for g in groups[src]) or not target.startswith("PER:"):
            continue  # a known person keeps its identity
        for g in groups.pop(src):
            g.kind = "alias" if g.kind == "name" else g.kind
            add(target, g)

    # --- persons: short names join the longer name they end -------------------------------
    per_keys = [k for k in groups if k.startswith("PER:")]
    toks_of = {k: k[4:].split(" ") for k in per_keys}
    for k in sorted(per_keys, key=lambda k: len(toks_of[k])):
        if k not in groups:
            continue
        short = toks_of[k]
        # gazetteer persons keep their identity; only unlinked names are merged
        if any(f.entry is not None for f in groups[k]):
            continue
        cands = [o for o in groups if o.startswith("PER:") and o != k and len(o[4:].split(" ")) > len(short)
                 and (_same_words(gaz, o[4:].split(" ")[-len(short):], short)
                      # a first name alone for a name with بن/ابن/آل (الأمير فيصل = فيصل بن مشعل)
                      or (len(short) == 1 and o[4:].split(" ")[0] == short[0]
                          and _PATRONYMIC & set(o[4:].split(" ")))
                      # a compound first name alone for the full name it starts (جان ماري = جان ماري لوبان)
                      or (len(short) >= 2 and o[4:].split(" ")[:len(short)] == short
                          and not any(f.entry is not None for f in groups[o])))]
        if not cands:
            continue
        first = groups[k][0].start

        def last_before(o: str) -> int:
            ps = [f.start for f in groups[o] if f.start < first]
            return max(ps) if ps else -1

        target = max(cands, key=lambda o: (last_before(o), -groups[o][0].start))
        for f in groups.pop(k):
            f.kind = "alias" if f.kind == "name" else f.kind
            add(target, f)

    _merge_short_names(groups, add)
    _descriptions_to_named(gaz, groups, add)
    _merge_spelling_variants(gaz, groups, add)
    _surname_to_latest(gaz, text, groups, add)

    # --- surnames of multi-token persons elsewhere in the document ------------------------
    covered = sorted((f.start, f.end) for fs in groups.values() for f in fs)
    surnames: dict[str, str] = {}
    for k in list(groups):
        if not k.startswith("PER:"):
            continue
        parts = k[4:].split(" ")
        if len(parts) < 2:
            continue
        sur = parts[-1]
        if parts[-2] in _PATRONYMIC or parts[-2] in ("عبد", "ابو", "ابي", "ام"):
            continue  # عبد الرحمن, أبو عياض, بن حسين: the last word alone is not this person's name
        if len(sur) < 3 or gaz.is_stopword(sur) or gaz.is_common_word(sur) or sur in gaz.titles:
            continue
        surnames[sur] = k if sur not in surnames else ""  # ambiguous surname: skip
    surnames = {s: k for s, k in surnames.items() if k}
    if surnames:
        import bisect

        starts = [c[0] for c in covered]
        has_form = surname_forms(surnames).__contains__  # pre-filter; the splits decide
        for si, toks in enumerate(sent_tokens):
            for t in compress(toks, map(has_form, map(_NORM, toks))):
                hit = None
                for plen, stem in gaz.splits(t.norm):
                    if stem in surnames and (plen == 0 or t.norm[:plen] in _SURNAME_CLITICS):
                        hit = (plen, stem)
                        break
                if hit is None:
                    continue
                pos = bisect.bisect_right(starts, t.start) - 1
                if pos >= 0 and covered[pos][0] <= t.start < covered[pos][1]:
                    continue
                nxt = pos + 1
                if nxt < len(covered) and covered[nxt][0] < t.end:
                    continue
                start = t.start + (normalize_map(t.text).orig(hit[0]) if hit[0] else 0)
                f = Found(type="PER", start=start, end=t.end, sentence=si, kind="alias", source="coref",
                          ntokens=1, label=text[start:t.end])
                add(surnames[hit[1]], f)

    _bare_org_names(gaz, text, sent_tokens, groups, add)

    # --- nominals --------------------------------------------------------------------------
    # (every move of a mention between groups goes through add, so by_obj is current)
    for f in nominals:
        link = f.attributes.get("link_to")
        if link is not None:
            k = by_obj.get(link)
            if k is not None:
                f.attributes = {}
                add(k, f)
            continue
        if not f.country:
            continue
        head = _title_head(f.title)
        best = None
        for k, fs in groups.items():
            if not k.startswith("PER:"):
                continue
            if not any(g.country == f.country for g in fs):
                continue
            titles = [g.title for g in fs if g.title] + [g.entry.attributes.get("known_title", "")
                                                         for g in fs if g.entry is not None]
            if head and not any(_title_head(t) == head for t in titles if t):
                continue
            before = [g.start for g in fs if g.start < f.start and g.kind != "nominal"]
            # the same title (الرئيس التركي -> the president, not the prime minister رئيس الوزراء)
            # wins over the same head noun; then the person named last before the nominal
            exact = bool(f.title) and any(_title_key(t) == _title_key(f.title) for t in titles if t)
            if before and (best is None or (exact, max(before)) > best[:2]):
                best = (exact, max(before), k)
        if best is not None:
            add(best[2], f)

    # --- a person's affiliation: the organization named in its title phrase -----------------
    # (every move of a mention between groups goes through add, so by_obj is current)
    for k, fs in groups.items():
        for f in fs:
            link = f.attributes.get("affiliation_of")
            if link is None:
                continue
            attrs = {a: v for a, v in f.attributes.items() if a != "affiliation_of"}
            org = by_obj.get(link)
            if org is not None and org.startswith("ORG:") and k.startswith("PER:"):
                attrs["affiliation"] = org
            f.attributes = attrs

    out = [sorted(fs, key=lambda f: (f.start, f.end)) for fs in groups.values() if fs]
    out.sort(key=lambda fs: fs[0].start)
    return out


__all__ = ["name_key", "resolve_document"]
