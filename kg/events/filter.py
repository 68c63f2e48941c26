"""A learned filter over the rule coder's events: is this candidate an event the gold would code?

The rule coder (:mod:`kg.events.extract`) proposes events; a small logistic-regression model
scores each one from features of the event itself and of its document context (category and
code, trigger lemma, which roles are filled and by what kind of entity, modality, whether the
date and attribution were stated, where the sentence stands in the article, what else was
coded in the same sentence, whether the same speaker already has an event).  Events whose
probability falls below the model's threshold are dropped; the others keep their rule
confidence blended with the probability.

The filter is opt-in (``Config.extra["event_filter"] = True``): on the development set it
raises precision but not clearly F1 (see the model's ``meta``).

The weights live in ``kg/data/events/filter.json`` (written by ``scripts/train_event_filter.py``
from the hand-annotated development set ``benchmarks/gold``; see the file's ``meta`` for the
training data, the cross-validated figures and the licence).  Inference is pure Python: a sum of
weights of the active (binary) features.  The model is read once, lazily; when the file is
absent the filter keeps every event.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

from ..model import Event
from ..nlp.text import normalize

MODEL = Path(__file__).resolve().parent.parent / "data" / "events" / "filter.json"

_QUOTES = ('"', "«", "»", "“", "”")


def _bin(x: int, edges: tuple[int, ...]) -> str:
    for e in edges:
        if x <= e:
            return str(e)
    return f">{edges[-1]}"


class Context:
    """What the features need to know about the rest of the document: its text, entity types,
    the events of each sentence, and (filled as the events are visited in text order) the
    categories of the events each actor was already the source of."""

    __slots__ = ("text", "etype", "n_sentences", "by_sentence", "actor_cats")

    def __init__(self, text: str, etype: dict[str, str], events: list[Event], n_sentences: int):
        self.text, self.etype, self.n_sentences = text, etype, n_sentences
        self.by_sentence: dict = {}
        for e in events:
            self.by_sentence.setdefault(e.sentence, []).append(e)
        self.actor_cats: dict[str, set[str]] = {}

    def visited(self, ev: Event) -> None:
        for x in ev.source:
            self.actor_cats.setdefault(x, set()).add(ev.plover)


def document_features(events: list[Event], text: str, etype: dict[str, str], n_sentences: int) -> list[list[str]]:
    """Features of each event of one document (events in text order)."""
    ctx = Context(text, etype, events, n_sentences)
    out = []
    for ev in events:
        out.append(features(ev, ctx))
        ctx.visited(ev)
    return out


def features(ev: Event, ctx: Context) -> list[str]:
    """Binary features (names) of one event; ``ctx`` holds the document context."""
    text, etype, n_sentences = ctx.text, ctx.etype, ctx.n_sentences
    p = ev.plover
    f = [f"plover={p}", f"cameo={ev.cameo[:3]}", f"root={ev.cameo[:2]}"]
    lemma = (ev.label or "").split(" (")[0]
    f.append(f"lemma={lemma}")
    trig = normalize(ev.trigger.text.split()[0]) if ev.trigger.text else ""
    if trig[:1] in ("و", "ف") and len(trig) > 3:
        f.append("trig_conj")
        f.append(f"trig_conj|{p}")
    if trig[:1] == "م" and trig[-1:] in ("ا", "ه") and p == "STATEMENT":
        f.append("participle_stmt")
    ns, nt = len(ev.source), len(ev.target)
    f.append(f"roles={'S' if ns else '-'}{'T' if nt else '-'}")
    f.append(f"roles={'S' if ns else '-'}{'T' if nt else '-'}|{p}")
    if ns > 1:
        f.append("multi_source")
    if nt > 1:
        f.append("multi_target")
    if ev.topic:
        f.append("topic")
        f.append(f"topic|{p}")
    for side, ids in (("src", ev.source), ("tgt", ev.target)):
        for i in ids[:1]:
            t = etype.get(i, "?")
            f.append(f"{side}_type={t}")
            f.append(f"{side}_type={t}|{p}")
    f.append(f"modality={ev.modality}")
    f.append(f"modality={ev.modality}|{p}")
    f.append("date_stated" if ev.date_text is not None else "date_unstated")
    if ev.attribution:
        f.append("attributed")
    if ev.mentions:
        f.append("retold")
    conf = ev.confidence
    f.append(f"conf<={_bin(int(conf * 10), (3, 5, 6, 7, 8))}")
    si = ev.sentence if ev.sentence is not None else 0
    f.append(f"sent={_bin(si, (0, 1, 3, 6))}")
    f.append(f"sent={_bin(si, (0, 1, 3, 6))}|{p}")
    if n_sentences and si >= n_sentences - 2:
        f.append("last_sentences")
    # the trigger's place in its sentence
    pos = ev.trigger.start - ev.evidence.start
    f.append("trig_first" if pos <= 2 else ("trig_early" if pos < 40 else "trig_late"))
    f.append(f"{f[-1]}|{p}")
    sent = text[ev.evidence.start:ev.evidence.end]
    if any(q in sent for q in _QUOTES):
        f.append("quoted")
        f.append(f"quoted|{p}")
    f.append(f"len={_bin(len(sent) // 50, (1, 3, 5))}")
    # other events of the same sentence
    same = [o for o in ctx.by_sentence.get(ev.sentence, ()) if o is not ev]
    if same:
        f.append("shares_sentence")
        if any(o.plover != "STATEMENT" for o in same):
            f.append(f"shares_with_action|{p}")
        if any(o.trigger.start < ev.trigger.start for o in same):
            f.append(f"not_first_in_sentence|{p}")
        if ev.source and any(o.modality == "reported" and o.attribution == ev.source[0] and o.plover != "STATEMENT"
                             for o in same):
            f.append(f"carries_reported_action|{p}")  # "قال X إن Y قصف ...": what was said is coded
    # the same speaker/actor already coded earlier in the article
    cats = [ctx.actor_cats.get(x) for x in ev.source]
    cats = [c for c in cats if c]
    if cats:
        f.append(f"actor_seen|{p}")
        if any(p in c for c in cats):
            f.append(f"actor_seen_same_cat|{p}")
    return f


@lru_cache(maxsize=1)
def load_model(path: str = str(MODEL)) -> dict | None:
    """The filter model (``{"bias", "threshold", "weights"}``), or None when absent."""
    try:
        with open(path, encoding="utf-8") as fh:
            m = json.load(fh)
    except FileNotFoundError:
        return None
    return {"bias": float(m["bias"]), "threshold": float(m["threshold"]), "weights": m["weights"]}


def probability(model: dict, feats: list[str]) -> float:
    w = model["weights"]
    z = model["bias"] + sum(w.get(x, 0.0) for x in feats)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def apply(model: dict, events: list[Event], text: str, etype: dict[str, str], n_sentences: int) -> list[Event]:
    """Keep the events the model scores at or above its threshold (events in text order)."""
    out = []
    for ev, feats in zip(events, document_features(events, text, etype, n_sentences)):
        p = probability(model, feats)
        if p < model["threshold"]:
            continue
        ev.confidence = round(max(0.05, min(0.99, 0.5 * ev.confidence + 0.5 * p)), 3)
        out.append(ev)
    return out
