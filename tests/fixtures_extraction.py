"""Hand-built Extraction objects for tests of the graph side (RDF, store, networkx, exports).

``seed_extractions()`` models what a correct extraction of examples/seed-article.txt holds:
one page (``seed-page``) with two articles sharing its text (RT's Lavrov--Mirzoyan phone
call of 2023-08-16, CONSULT 041, and Shafaq News' Hussein--Falconer call), with every span
computed from the real text so offsets are exact.  ``hostile_extraction()`` carries names
and sentences made to break serializers; ``synthetic_extraction(i)`` makes realistic
varied documents for load tests and benchmarks.  Other test modules may import these.
"""

from __future__ import annotations

import random
from pathlib import Path

from kg.iri import entity_iri
from kg.model import Document, Entity, Event, Extraction, Mention, Sentence, Span
from kg.nlp.text import split_sentences

SEED = Path(__file__).resolve().parent.parent / "examples" / "seed-article.txt"
PAGE_ID = "seed-page"
RT_ID = "rt-2023-08-16-lavrov-mirzoyan"
SHAFAQ_ID = "shafaq-hussein-falconer"
META = {"software": "kg 0.1.0", "ner": "gazetteer+crf test", "events": "lexicon test", "ms_entities": 1.5}


def find(text: str, needle: str, after: int = 0) -> Span:
    i = text.find(needle, after)
    if i < 0:
        raise AssertionError(f"{needle!r} not in text after {after}")
    return Span(i, i + len(needle), needle)


def sentence_of(text: str, sentences: list[Sentence], sp: Span) -> tuple[int, Span]:
    for k, s in enumerate(sentences):
        if s.start <= sp.start and sp.end <= s.end:
            return k, Span(s.start, s.end, text[s.start : s.end])
    raise AssertionError(f"no sentence holds {sp}")


def _entity(text, eid, etype, label, needles, *, after=0, until=None, **kw) -> Entity:
    mentions = []
    for needle in needles:
        pos = after
        while True:
            i = text.find(needle, pos)
            if i < 0 or (until is not None and i >= until):
                break
            mentions.append(Mention(needle, i, i + len(needle), type=etype, kind="name", source="test"))
            pos = i + len(needle)
    ent = Entity(id=eid, type=etype, label=label, mentions=mentions, **kw)
    ent.iri = entity_iri(eid)
    return ent


def seed_store(path=None):
    """A kg Store (in memory, or persistent at ``path``) holding :func:`seed_extractions`;
    open: the caller closes it."""
    from kg.rdf.store import Store

    st = Store(path)
    for x in seed_extractions():
        st.add_extraction(x)
    return st


def seed_extractions(text: str | None = None) -> list[Extraction]:
    """The two articles of the seed page as extractions (RT first)."""
    text = text if text is not None else SEED.read_text(encoding="utf-8")
    rt_end = text.find("المصدر: RT")
    sh_start = text.find("الخارجية العراقية تحذر")
    sh_body = text.find("كشف وزير")
    sh_end = text.find("مقالات مشابهة")
    assert min(rt_end, sh_start, sh_body, sh_end) > 0

    # ---- RT article --------------------------------------------------------------------
    sents = [Sentence(s, e) for s, e in split_sentences(text, [(0, rt_end)])]
    ents = [
        _entity(text, "PER:سيرغي لافروف", "PER", "سيرغي لافروف", ["سيرغي لافروف"], until=rt_end,
                label_en="Sergey Lavrov", country="RUS", title="وزير الخارجية", fine_type="Politician",
                aliases=["لافروف"]),
        _entity(text, "PER:أرارات ميرزويان", "PER", "أرارات ميرزويان", ["أرارات ميرزويان"], until=rt_end,
                label_en="Ararat Mirzoyan", country="ARM", title="وزير الخارجية", fine_type="Politician",
                roles=["counterpart"]),
        _entity(text, "GPE:RUS", "GPE", "روسيا", ["روسيا"], until=rt_end, label_en="Russia", fine_type="Nation",
                external_ids={"iso3166": "RUS", "geonames": "2017370", "wikidata": "Q159"}),
        _entity(text, "GPE:ARM", "GPE", "أرمينيا", ["أرمينيا"], until=rt_end, label_en="Armenia", fine_type="Nation",
                external_ids={"iso3166": "ARM", "geonames": "174982", "wikidata": "Q399"}),
        _entity(text, "GPE:AZE", "GPE", "أذربيجان", ["أذربيجان"], until=rt_end, label_en="Azerbaijan",
                fine_type="Nation", external_ids={"iso3166": "AZE", "geonames": "587116", "wikidata": "Q227"}),
        _entity(text, "LOC:ناغورني قره باغ", "LOC", "ناغورني قره باغ", ["ناغورني قره باغ"], until=rt_end,
                label_en="Nagorno-Karabakh", aliases=["قره باغ"]),
        _entity(text, "ORG:وزارة الخارجية الروسية", "ORG", "وزارة الخارجية الروسية", ["الخارجية الروسية"],
                until=rt_end, label_en="Ministry of Foreign Affairs of Russia", country="RUS"),
        _entity(text, "ORG:وزارة الخارجية الأرمينية", "ORG", "وزارة الخارجية الأرمينية",
                ["وزارة الخارجية الأرمينية"], until=rt_end, country="ARM"),
        _entity(text, "GPE:باكو", "GPE", "باكو", ["باكو"], until=rt_end, label_en="Baku",
                fine_type="Population-Center", country="AZE", attributes={"capital_of": "GPE:AZE"}),
    ]
    call_trigger = find(text, "محادثة هاتفية", text.find("أجرى وزير"))
    k, evidence = sentence_of(text, sents, call_trigger)
    first_trigger = find(text, "محادثة هاتفية")
    _, first_sentence = sentence_of(text, sents, first_trigger)
    accuse_trigger = find(text, "انتهاك صارخ")
    ka, accuse_sentence = sentence_of(text, sents, accuse_trigger)
    war_trigger = find(text, "استؤنفت الأعمال القتالية")
    kw_, war_sentence = sentence_of(text, sents, war_trigger)
    events = [
        Event(
            id="e1", cameo="041", plover="CONSULT", quad_class=1, goldstein=1.0, label="محادثة هاتفية",
            trigger=call_trigger, evidence=evidence, source=["PER:سيرغي لافروف"], target=["PER:أرارات ميرزويان"],
            topic=["LOC:ناغورني قره باغ"], topic_text=find(text, "الوضع في ناغورني قره باغ", call_trigger.end),
            date="2023-08-16", date_precision="day", date_text=find(text, "اليوم 16 أغسطس"),
            attribution="ORG:وزارة الخارجية الروسية", attribution_text=find(text, "بيان الخارجية الروسية"),
            sentence=k, mentions=[first_sentence], confidence=0.92, modality="asserted",
        ),
        Event(
            id="e2", cameo="111", plover="ACCUSE", quad_class=3, goldstein=-2.0, label="انتهاك صارخ",
            trigger=accuse_trigger, evidence=accuse_sentence, source=["ORG:وزارة الخارجية الأرمينية"],
            target=["GPE:AZE"], sentence=ka, confidence=0.7,
        ),
        Event(
            id="e3", cameo="190", plover="ASSAULT", quad_class=4, goldstein=-10.0, label="أعمال قتالية",
            trigger=war_trigger, evidence=war_sentence, place="LOC:ناغورني قره باغ",
            date="2020-09", date_precision="month", date_text=find(text, "نهاية سبتمبر 2020"),
            sentence=kw_, confidence=0.6,
        ),
    ]
    rt = Extraction(
        doc=Document(id=RT_ID, text=text, title=text[: text.find(".")], date="2023-08-16", source="RT Arabic",
                     url="https://arabic.rt.com/world/1488200-لافروف-ميرزويان/", body=[(0, rt_end)],
                     keywords=["سيرغي لافروف", "قره باغ"], parent=PAGE_ID),
        sentences=sents, entities=ents, events=events, meta=dict(META),
    )

    # ---- Shafaq News article -----------------------------------------------------------
    sents2 = [Sentence(s, e) for s, e in split_sentences(text, [(sh_body, sh_end)])]
    ents2 = [
        _entity(text, "PER:فؤاد حسين", "PER", "فؤاد حسين", ["فؤاد حسين", "حسين،"], after=sh_body, until=sh_end,
                label_en="Fuad Hussein", country="IRQ", title="وزير الخارجية", aliases=["حسين"]),
        _entity(text, "PER:هاميش فالكونر", "PER", "هاميش فالكونر", ["هاميش فالكونر"], after=sh_body, until=sh_end,
                label_en="Hamish Falconer", country="GBR",
                title="وزير الدولة البريطاني لشؤون الشرق الأوسط وشمال إفريقيا", aliases=["فالكونر"]),
        _entity(text, "ORG:داعش", "ORG", "داعش", ["داعش"], after=sh_body, until=sh_end, label_en="ISIS",
                aliases=["تنظيم داعش"]),
        _entity(text, "GPE:SYR", "GPE", "سوريا", ["سوريا"], after=sh_body, until=sh_end, label_en="Syria",
                external_ids={"iso3166": "SYR", "geonames": "163843", "wikidata": "Q858"}),
        _entity(text, "GPE:IRQ", "GPE", "العراق", ["العراق"], after=sh_body, until=sh_end, label_en="Iraq",
                external_ids={"iso3166": "IRQ", "geonames": "99237", "wikidata": "Q796"}),
        _entity(text, "GPE:GBR", "GPE", "بريطانيا", ["بريطانيا"], after=sh_body, until=sh_end,
                label_en="United Kingdom", external_ids={"iso3166": "GBR", "geonames": "2635167", "wikidata": "Q145"}),
    ]
    # the entity mention "حسين،" includes the comma; trim it to the name
    for m in ents2[0].mentions:
        if m.text.endswith("،"):
            m.end -= 1
            m.text = m.text[:-1]
            m.kind = "alias"
    call2 = find(text, "اتصال هاتفي", sh_body)
    k2, ev2 = sentence_of(text, sents2, call2)
    warn = find(text, "وحذّر", sh_body)
    k3, ev3 = sentence_of(text, sents2, warn)
    events2 = [
        Event(
            id="e1", cameo="041", plover="CONSULT", quad_class=1, goldstein=1.0, label="اتصال هاتفي",
            trigger=call2, evidence=ev2, source=["PER:فؤاد حسين"], target=["PER:هاميش فالكونر"],
            topic=["ORG:داعش"], sentence=k2, confidence=0.88, attribution="وكالة شفق نيوز",
            attribution_text=find(text, "وكالة شفق نيوز"),
        ),
        Event(
            id="e2", cameo="012", plover="STATEMENT", quad_class=1, goldstein=-0.4, label="تحذير",
            trigger=warn, evidence=ev3, source=["PER:فؤاد حسين"], topic=["ORG:داعش"], place="GPE:SYR",
            sentence=k3, confidence=0.75, modality="reported",
        ),
    ]
    sh = Extraction(
        doc=Document(id=SHAFAQ_ID, text=text, title=text[sh_start : text.find("\n", sh_start)], source="Shafaq News",
                     body=[(sh_body, sh_end)], title_span=(sh_start, text.find("\n", sh_start)), parent=PAGE_ID),
        sentences=sents2, entities=ents2, events=events2, meta=dict(META),
    )
    return [rt, sh]


HOSTILE_NAMES = [
    'Evil "quoted" name',
    "<script>alert(1)</script>",
    "name with spaces\nand a newline\r\tand tab",
    "\u202eكوس\u202c reversed",
    "back\\slash } { ; . # ? & = % / :",
    "zero\u200bwidth\u200f mark",
    "'single' `tick` ^caret| {brace}",
    "\x00nul\x07bell",
    "emoji 🇸🇾 and ﷺ",
    "> ] @prefix x: <http://evil/> .",
]


def hostile_extraction(doc_id: str = 'hostile doc "1" <x>\n\u202e') -> Extraction:
    """Names, ids, labels and sentences built to break serializers and queries."""
    parts = []
    spans = []
    for name in HOSTILE_NAMES:
        start = sum(len(p) for p in parts)
        parts.append(name)
        spans.append((start, start + len(name)))
        parts.append(" قال ")
    text = "".join(parts) + "."
    ents = []
    for i, (name, (s, e)) in enumerate(zip(HOSTILE_NAMES, spans)):
        etype = ("PER", "ORG", "GPE", "LOC")[i % 4]
        ent = Entity(id=f"{etype}:{name}", type=etype, label=name, label_en=name, aliases=[name + " alias"],
                     title=name, mentions=[Mention(name, s, e, type=etype)],
                     external_ids={"wikidata": name, "geonames": name, "other": name})
        ent.iri = entity_iri(ent.id)
        ents.append(ent)
    sents = [Sentence(0, len(text))]
    events = [
        Event(id=f"ev {i} \"<>\"", cameo="010", plover="STATEMENT", quad_class=1, goldstein=0.0,
              trigger=Span(spans[i][0], spans[i][1]), evidence=Span(0, len(text)), source=[ents[i].id],
              target=[ents[(i + 1) % len(ents)].id] if ents[(i + 1) % len(ents)].type != "LOC" else [],
              label=HOSTILE_NAMES[i], attribution=HOSTILE_NAMES[i], date="2024-02-29", date_precision="day")
        for i in range(len(ents))
        if ents[i].type != "LOC"
    ]
    return Extraction(
        doc=Document(id=doc_id, text=text, title=HOSTILE_NAMES[1], url='http://x/"><script>alert(1)</script>',
                     source=HOSTILE_NAMES[0], keywords=HOSTILE_NAMES[:3]),
        sentences=sents, entities=ents, events=events, meta={"software": "kg test", "ner": HOSTILE_NAMES[2]},
    )


_FIRST = ["أحمد", "محمد", "سيرغي", "فؤاد", "هاميش", "ليلى", "عمر", "يوسف", "سارة", "خالد", "علي", "نادية"]
_LAST = ["حسين", "لافروف", "فالكونر", "العلي", "الخطيب", "منصور", "جابر", "نصر", "حداد", "سالم"]
_COUNTRIES = [("RUS", "روسيا"), ("ARM", "أرمينيا"), ("AZE", "أذربيجان"), ("IRQ", "العراق"), ("GBR", "بريطانيا"),
              ("SYR", "سوريا"), ("EGY", "مصر"), ("SAU", "السعودية"), ("TUR", "تركيا"), ("IRN", "إيران"),
              ("USA", "الولايات المتحدة"), ("FRA", "فرنسا"), ("JOR", "الأردن"), ("LBN", "لبنان"), ("QAT", "قطر")]
_ORGS = ["وزارة الخارجية", "مجلس الأمن", "الأمم المتحدة", "الجامعة العربية", "البرلمان", "الجيش"]
_EVENTS = [("041", "CONSULT", 1, 1.0, "محادثة هاتفية"), ("042", "CONSULT", 1, 1.9, "زيارة"),
           ("036", "AGREE", 1, 4.0, "استعداد للقاء"), ("051", "SUPPORT", 1, 3.4, "إشادة"),
           ("111", "ACCUSE", 3, -2.0, "انتقاد"), ("012", "STATEMENT", 1, -0.4, "قلق"),
           ("190", "ASSAULT", 4, -10.0, "اشتباكات"), ("173", "COERCE", 4, -5.0, "اعتقال"),
           ("0871", "RETREAT", 2, 9.0, "هدنة"), ("163", "SANCTION", 4, -8.0, "عقوبات")]


def synthetic_extraction(i: int, events: int = 6, seed: int = 0) -> Extraction:
    """A varied, realistic-shaped extraction (Arabic names, countries, CAMEO codes, dates).

    Entities recur across documents (a pool of ~120 people, 15 countries and 90
    organizations), so the graph has the cross-document structure of a news corpus.
    """
    rng = random.Random(seed * 1_000_003 + i)
    people = []
    for _ in range(4):
        cc, cname = rng.choice(_COUNTRIES)
        name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
        people.append((f"PER:{name} {cc}", "PER", name, cc))
    countries = rng.sample(_COUNTRIES, 3)
    orgs = []
    for _ in range(2):
        cc, cname = rng.choice(_COUNTRIES)
        orgs.append((f"ORG:{rng.choice(_ORGS)} {cname}", "ORG", f"{rng.choice(_ORGS)} {cname}", cc))
    ents_spec = people + [(f"GPE:{cc}", "GPE", name, cc) for cc, name in countries] + orgs
    seen = set()
    ents_spec = [e for e in ents_spec if not (e[0] in seen or seen.add(e[0]))]
    sentences_text = []
    y, m, d = rng.randint(2015, 2024), rng.randint(1, 12), rng.randint(1, 28)
    ev_specs = []
    for k in range(events):
        src, tgt = rng.sample(ents_spec, 2)
        code = rng.choice(_EVENTS)
        sentences_text.append(f"{code[4]} بين {src[2]} و{tgt[2]} في يوم {d} من الشهر {m} عام {y} بحسب مصادر مطلعة.")
        ev_specs.append((src, tgt, code))
    text = " ".join(sentences_text)
    sentences, entities, evs = [], {}, []
    pos = 0
    for k, (st, (src, tgt, code)) in enumerate(zip(sentences_text, ev_specs)):
        s0 = pos
        sentences.append(Sentence(s0, s0 + len(st)))
        for spec in (src, tgt):
            j = text.find(spec[2], s0)
            ent = entities.get(spec[0])
            if ent is None:
                ent = entities[spec[0]] = Entity(id=spec[0], type=spec[1], label=spec[2], country=spec[3],
                                                 title="وزير الخارجية" if spec[1] == "PER" else None)
                ent.iri = entity_iri(spec[0])
            ent.mentions.append(Mention(spec[2], j, j + len(spec[2]), type=spec[1], sentence=k))
        trig = Span(s0, s0 + len(code[4]), code[4])
        evs.append(Event(id=f"e{k}", cameo=code[0], plover=code[1], quad_class=code[2], goldstein=code[3],
                         label=code[4], trigger=trig, evidence=Span(s0, s0 + len(st), st), source=[src[0]],
                         target=[tgt[0]], date=f"{y:04d}-{m:02d}-{d:02d}", date_precision="day", sentence=k,
                         confidence=round(rng.uniform(0.5, 1.0), 2)))
        pos += len(st) + 1
    doc = Document(id=f"synthetic-{seed}-{i:07d}", text=text, title=sentences_text[0][:40],
                   date=f"{y:04d}-{m:02d}-{d:02d}", source=rng.choice(["RT Arabic", "Shafaq News", "Jawhara FM"]),
                   url=f"https://news.example/{seed}/{i}")
    return Extraction(doc=doc, sentences=sentences, entities=list(entities.values()), events=evs, meta=dict(META))
