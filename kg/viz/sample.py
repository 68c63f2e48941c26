"""Small and synthetic graphs in kg.graph's shapes, for tests, benchmarks and demos.

:func:`demo_actor_graph` is a hand-made ten-actor example (names of real public figures,
invented sentences, ``example.org`` links): it is *not* extraction output.
:func:`synthetic_actor_graph` makes large random graphs (preferential attachment, random
Arabic-letter names) for benchmarks.  :func:`event_graph_from_actor_graph` turns an
actor graph into the bipartite event graph of the same events.
"""

from __future__ import annotations

import random

QUAD = {"STATEMENT": 1, "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1, "COOPERATE": 2, "AID": 2,
        "RETREAT": 2, "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "PROTEST": 4, "SANCTION": 4,
        "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4}
_CAMEO = {"STATEMENT": "010", "AGREE": "030", "CONSULT": "040", "SUPPORT": "050", "CONCEDE": "080",
          "COOPERATE": "060", "AID": "070", "RETREAT": "087", "REQUEST": "020", "ACCUSE": "112",
          "REJECT": "120", "THREATEN": "130", "PROTEST": "140", "SANCTION": "160", "MOBILIZE": "150",
          "COERCE": "170", "ASSAULT": "190"}
_GOLD = {1: 3.0, 2: 6.0, 3: -4.0, 4: -8.0}
BASE = "https://w3id.org/ankg/id/"

_ACTORS = [
    # key, label, label_en, type, country, title, mentions, aliases
    ("per/Sergey_Lavrov", "سيرغي لافروف", "Sergey Lavrov", "PER", "RUS", "وزير الخارجية الروسي", 6, "لافروف|سيرجي لافروف"),
    ("per/Antony_Blinken", "أنتوني بلينكن", "Antony Blinken", "PER", "USA", "وزير الخارجية الأمريكي", 3, "بلينكن"),
    ("gpe/RUS", "روسيا", "Russia", "GPE", "RUS", "", 9, "روسيا الاتحادية|موسكو"),
    ("gpe/USA", "الولايات المتحدة", "United States", "GPE", "USA", "", 7, "أمريكا|واشنطن"),
    ("gpe/UKR", "أوكرانيا", "Ukraine", "GPE", "UKR", "", 5, "كييف"),
    ("org/UN", "الأمم المتحدة", "United Nations", "ORG", "", "", 2, "الأمم المتحدة"),
    ("org/NATO", "حلف شمال الأطلسي", "NATO", "ORG", "", "", 3, "الناتو"),
    ("per/Volodymyr_Zelensky", "فلاديمير زيلينسكي", "Volodymyr Zelensky", "PER", "UKR", "الرئيس الأوكراني", 2, "زيلينسكي"),
    ("loc/Donbas", "دونباس", "Donbas", "LOC", "UKR", "", 1, "إقليم دونباس"),
    ("gpe/TUR", "تركيا", "Turkey", "GPE", "TUR", "", 2, "أنقرة"),
]

_EVENTS = [
    # source, target, plover, date, trigger, evidence, doc
    (0, 1, "CONSULT", "2022-07-08", "التقى", "التقى وزير الخارجية الروسي سيرغي لافروف نظيره الأمريكي أنتوني بلينكن على هامش القمة.", 0),
    (0, 3, "ACCUSE", "2022-07-09", "اتهم", "اتهم لافروف الولايات المتحدة بعرقلة المفاوضات.", 0),
    (3, 2, "SANCTION", "2022-07-10", "فرضت", "فرضت الولايات المتحدة عقوبات جديدة على روسيا.", 0),
    (2, 4, "ASSAULT", "2022-07-11", "قصفت", "قصفت القوات الروسية مواقع في أوكرانيا.", 1),
    (6, 2, "THREATEN", "2022-07-12", "حذر", "حذر حلف شمال الأطلسي روسيا من التصعيد.", 1),
    (5, 4, "AID", "2022-07-12", "قدمت", "قدمت الأمم المتحدة مساعدات إنسانية إلى أوكرانيا.", 1),
    (7, 3, "REQUEST", "2022-07", "طالب", "طالب زيلينسكي الولايات المتحدة بمزيد من الأسلحة.", 1),
    (9, 2, "CONSULT", "2022-07-13", "استضافت", "استضافت تركيا محادثات بين الطرفين.", 0),
    (2, 8, "MOBILIZE", "2022-07-14", "حشدت", "حشدت روسيا قوات في دونباس.", 1),
    (0, 5, "STATEMENT", "2022-07-15", "قال", "قال لافروف أمام الأمم المتحدة إن بلاده مستعدة للحوار.", 0),
    (3, 4, "COOPERATE", "2022", "وقعت", "وقعت الولايات المتحدة وأوكرانيا اتفاق تعاون.", 1),
    (0, 1, "REJECT", "2022-07-16", "رفض", "رفض لافروف مقترح بلينكن.", 0),
]
_DOCS = [("doc/rt-2022-07-08", "لافروف يلتقي بلينكن على هامش القمة", "https://example.org/news/1"),
         ("doc/rt-2022-07-12", "تصعيد في أوكرانيا ومساعدات أممية", "https://example.org/news/2")]


def demo_actor_graph():
    """A ten-actor, twelve-event actor graph (hand-made example data)."""
    import networkx as nx

    g = nx.MultiDiGraph()
    for key, label, en, t, c, title, m, aliases in _ACTORS:
        g.add_node(BASE + key, label=label, label_en=en, type=t, country=c, title=title, mentions=m,
                   documents=1 + m // 4, aliases=aliases)
    keys = [BASE + a[0] for a in _ACTORS]
    for i, (s, t, cat, date, trig, evid, d) in enumerate(_EVENTS):
        ev = f"{BASE}event/{_DOCS[d][0].split('/')[-1]}/e{i + 1}"
        q = QUAD[cat]
        g.add_edge(keys[s], keys[t], key=ev, event=ev, cameo=_CAMEO[cat], plover=cat, quad_class=q,
                   goldstein=_GOLD[q], date=date, date_precision="day" if len(date) == 10 else "month" if len(date) == 7 else "year",
                   label=trig, trigger=trig, evidence=evid, doc=BASE + _DOCS[d][0], doc_title=_DOCS[d][1],
                   doc_url=_DOCS[d][2], confidence=0.8, modality="asserted")
    return g


_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"


def synthetic_actor_graph(n: int = 10000, m: int = 30000, seed: int = 1):
    """A random actor graph with ``n`` nodes and ``m`` event edges (preferential attachment)."""
    import networkx as nx

    rng = random.Random(seed)
    g = nx.MultiDiGraph()
    types = ["PER", "ORG", "GPE", "LOC"]
    countries = ["RUS", "USA", "UKR", "SYR", "EGY", "TUR", "IRN", "ISR", "PSE", "SAU", "FRA", "CHN", ""]
    cats = list(QUAD)
    nodes = []
    for i in range(n):
        name = " ".join("".join(rng.choice(_LETTERS) for _ in range(rng.randint(3, 7))) for _ in range(rng.randint(1, 3)))
        key = f"{BASE}entity/n{i}"
        g.add_node(key, label=name, label_en=f"Actor {i}", type=rng.choice(types), country=rng.choice(countries),
                   title="", mentions=rng.randint(1, 30), documents=rng.randint(1, 5), aliases="")
        nodes.append(key)
    targets: list[int] = list(range(min(n, 5)))  # preferential attachment via the edge-end list
    for j in range(m):
        s = rng.randrange(n) if rng.random() < 0.5 or not targets else rng.choice(targets)
        t = rng.choice(targets) if targets and rng.random() < 0.8 else rng.randrange(n)
        if s == t:
            t = (t + 1) % n
        targets.extend((s, t))
        cat = rng.choice(cats)
        q = QUAD[cat]
        ev = f"{BASE}event/d{j // 10}/e{j}"
        g.add_edge(nodes[s], nodes[t], key=ev, event=ev, cameo=_CAMEO[cat], plover=cat, quad_class=q, goldstein=_GOLD[q],
                   date=f"20{rng.randint(15, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", date_precision="day",
                   label="", trigger="", evidence="جملة دليل تركيبية رقم %d" % j, doc=f"{BASE}doc/d{j // 10}",
                   doc_title="مقال %d" % (j // 10), doc_url=f"https://example.org/{j // 10}", confidence=0.7, modality="asserted")
    return g


def event_graph_from_actor_graph(ag):
    """The bipartite event graph (actors + EVENT nodes, role edges) of an actor graph's events."""
    import networkx as nx

    g = nx.MultiDiGraph()
    for n, a in ag.nodes(data=True):
        g.add_node(n, bipartite=0, **a)
    for u, v, k, a in ag.edges(keys=True, data=True):
        ev = a.get("event") or k
        attrs = {x: y for x, y in a.items() if x != "event"}
        g.add_node(ev, type="EVENT", bipartite=1, **attrs)
        g.add_edge(u, ev, role="source")
        g.add_edge(ev, v, role="target")
    return g
