"""The learned event filter (kg.events.filter): features, scoring, thresholding, the shipped model."""

from __future__ import annotations

import json

from kg.config import Config
from kg.events import EventExtractor
from kg.events.filter import MODEL, apply, document_features, load_model, probability
from kg.model import Document, Entity, Event, Mention, Sentence, Span


def _ev(text: str, trig: str, plover: str, cameo: str, source, target, sentence=0, label=None) -> Event:
    i = text.index(trig)
    return Event(id="", cameo=cameo, plover=plover, trigger=Span.of(text, i, i + len(trig)),
                 evidence=Span.of(text, 0, len(text)), source=list(source), target=list(target),
                 sentence=sentence, label=label or trig, confidence=0.7)


TEXT = "ندد حزب الأمل بقرار وزارة النقل، وقال رئيسه إن القرار ظالم."


def test_features_describe_roles_category_context():
    a = _ev(TEXT, "ندد", "ACCUSE", "111", ["ORG:amal"], ["ORG:transport"])
    b = _ev(TEXT, "وقال", "STATEMENT", "010", ["ORG:amal"], [])
    fa, fb = document_features([a, b], TEXT, {"ORG:amal": "ORG", "ORG:transport": "ORG"}, 1)
    assert {"plover=ACCUSE", "cameo=111", "roles=ST", "src_type=ORG", "tgt_type=ORG|ACCUSE", "sent=0"} <= set(fa)
    assert {"plover=STATEMENT", "roles=S-|STATEMENT", "trig_conj|STATEMENT", "shares_with_action|STATEMENT",
            "not_first_in_sentence|STATEMENT", "actor_seen|STATEMENT"} <= set(fb)
    assert "actor_seen|ACCUSE" not in fa  # nothing was coded before the first event


def test_apply_keeps_events_at_or_above_the_threshold():
    model = {"bias": 0.0, "threshold": 0.5, "weights": {"plover=STATEMENT": -3.0, "plover=ACCUSE": 2.0}}
    a = _ev(TEXT, "ندد", "ACCUSE", "111", ["ORG:amal"], ["ORG:transport"])
    b = _ev(TEXT, "وقال", "STATEMENT", "010", ["ORG:amal"], [])
    kept = apply(model, [a, b], TEXT, {}, 1)
    assert kept == [a]
    # the kept event's confidence is blended with the model's probability
    p = probability(model, ["plover=ACCUSE"])
    assert abs(a.confidence - round(0.5 * 0.7 + 0.5 * p, 3)) < 1e-9


def test_shipped_model_is_small_plain_data():
    m = json.loads(MODEL.read_text(encoding="utf-8"))
    assert 0.0 < m["threshold"] < 1.0 and isinstance(m["weights"], dict) and m["weights"]
    assert all(isinstance(v, (int, float)) for v in m["weights"].values())
    assert "dev_cross_validated" in m["meta"] and "training_data" in m["meta"]
    assert load_model() is not None


def _ents(text: str) -> list[Entity]:
    out = []
    for eid, typ, name in (("ORG:amal", "ORG", "حزب الأمل"), ("ORG:transport", "ORG", "وزارة النقل")):
        i = text.index(name)
        out.append(Entity(id=eid, type=typ, label=name,
                          mentions=[Mention(text=name, start=i, end=i + len(name), sentence=0)]))
    return out


def test_extractor_filters_only_when_asked():
    doc = Document(id="t", text=TEXT)
    sents = [Sentence(0, len(TEXT))]
    rules = EventExtractor(Config())(doc, sents, _ents(TEXT))  # off by default
    on = Config()
    on.extra["event_filter"] = True
    filtered = EventExtractor(on)(doc, sents, _ents(TEXT))
    assert any(e.plover == "ACCUSE" for e in rules)
    # the filter only removes events: what it keeps the rules found
    assert {(e.cameo, e.trigger.start) for e in filtered} <= {(e.cameo, e.trigger.start) for e in rules}
