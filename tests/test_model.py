"""The Extraction JSON seam round-trips losslessly."""

import json

from kg.model import Document, Entity, Event, Extraction, Mention, Sentence, Span


def _extraction() -> Extraction:
    text = "ناقش وزير الخارجية الروسي سيرغي لافروف مع نظيره الأرميني أرارات ميرزويان الوضع."
    doc = Document(id="d1", text=text, title="t", date="2023-08-16", source="RT", url="https://x/y",
                   body=[(0, len(text))], keywords=["قره باغ"], headlines=["h"], parent=None)
    lav = Entity(id="PER:سيرغي لافروف", type="PER", label="سيرغي لافروف", country="RUS", title="وزير الخارجية",
                 mentions=[Mention("سيرغي لافروف", 26, 38, "PER", "name", 0, "pattern")], external_ids={"wikidata": "Q1"})
    mir = Entity(id="PER:ارارات ميرزويان", type="PER", label="أرارات ميرزويان", country="ARM",
                 mentions=[Mention("أرارات ميرزويان", 57, 72, "PER", sentence=0)])
    ev = Event(id="e1", cameo="041", plover="CONSULT", trigger=Span.of(text, 0, 4), evidence=Span.of(text, 0, len(text)),
               source=[lav.id], target=[mir.id], date="2023-08-16", date_precision="day", quad_class=1, goldstein=1.0,
               confidence=0.9, mentions=[Span.of(text, 0, 4)], topic_text=Span.of(text, 73, 79))
    return Extraction(doc=doc, sentences=[Sentence(0, len(text))], entities=[lav, mir], events=[ev], meta={"software": "kg"})


def test_json_round_trip_is_lossless():
    x = _extraction()
    s = x.to_json()
    y = Extraction.from_json(s)
    assert y == x
    assert y.to_json() == s


def test_schema_field_names():
    d = json.loads(_extraction().to_json())
    assert set(d["doc"]) >= {"id", "title", "date", "source", "url"}
    ent = d["entities"][0]
    assert set(ent) >= {"id", "type", "label", "iri", "country", "mentions"}
    assert set(ent["mentions"][0]) >= {"text", "start", "end"}
    ev = d["events"][0]
    assert set(ev) >= {"id", "cameo", "plover", "source", "target", "trigger", "date", "place", "evidence", "confidence"}
    assert set(ev["trigger"]) == {"text", "start", "end"}


def test_offsets_point_into_text():
    x = _extraction()
    for e in x.entities:
        for m in e.mentions:
            assert x.doc.text[m.start:m.end] == m.text
    ev = x.events[0]
    assert x.doc.text[ev.trigger.start:ev.trigger.end] == ev.trigger.text == "ناقش"


def test_without_text():
    d = _extraction().to_dict(with_text=False)
    assert "text" not in d["doc"]
