"""The scorer behind ``kg eval``, on tiny synthetic gold/prediction pairs with exact figures."""

from __future__ import annotations

import json

import pytest

from kg.cli import main
from kg.errors import InputError
from kg.eval import evaluate, load_gold, load_predictions, surface_forms, validate_gold
from kg.model import Document, Entity, Event, Extraction, Mention, Span

TEXT = (
    "التقى وزير الخارجية الروسي سيرغي لافروف نظيره الأرميني أرارات ميرزويان في موسكو. "
    "وقال لافروف إن وروسيا تدعم الحوار."
)
S1 = TEXT.split(". ")[0] + "."
S2 = TEXT.split(". ")[1]


def gold_doc(file="d1"):
    return {
        "file": file,
        "doc_date": "2023-08-16",
        "entities": [
            {"id": "lavrov", "type": "PER", "name_en": "Sergey Lavrov", "mentions": ["سيرغي لافروف", "لافروف"],
             "adjectives": [], "affiliation": "RUS", "title": "وزير الخارجية"},
            {"id": "mirzoyan", "type": "PER", "name_en": "Ararat Mirzoyan", "mentions": ["أرارات ميرزويان"],
             "adjectives": [], "affiliation": "ARM", "title": None},
            {"id": "moscow", "type": "GPE", "name_en": "Moscow", "mentions": ["موسكو"],
             "adjectives": [], "affiliation": "RUS", "title": None},
            {"id": "RUS", "type": "GPE", "name_en": "Russia", "mentions": ["روسيا"],
             "adjectives": ["الروسي"], "affiliation": "RUS", "title": None},
            {"id": "ARM", "type": "GPE", "name_en": "Armenia", "mentions": [],
             "adjectives": ["الأرميني"], "affiliation": "ARM", "title": None},
        ],
        "events": [
            {"id": "ev1", "plover": "CONSULT", "cameo": "043", "source": ["lavrov"], "target": ["mirzoyan"],
             "trigger": "التقى", "date": "2023-08-16", "place": "moscow", "evidence": S1},
            {"id": "ev2", "plover": "STATEMENT", "cameo": "010", "source": ["lavrov"], "target": [],
             "trigger": "وقال", "date": None, "place": None, "evidence": S2},
        ],
    }


def ment(text, kind="name"):
    i = TEXT.index(text)
    return Mention(text, i, i + len(text), kind=kind)


def span(text, occurrence=0):
    i = -1
    for _ in range(occurrence + 1):
        i = TEXT.index(text, i + 1)
    return Span(i, i + len(text), text)


def event(eid, plover, trigger, source, target=(), modality="asserted", cameo="010"):
    trig = span(trigger)
    sent = S1 if trig.start < len(S1) else S2
    s0 = TEXT.index(sent)
    return Event(id=eid, cameo=cameo, plover=plover, trigger=trig, evidence=Span(s0, s0 + len(sent), sent),
                 source=list(source), target=list(target), modality=modality)


def prediction(entities=None, events=None, text=TEXT, doc_id="d1"):
    if entities is None:
        entities = [
            Entity("P1", "PER", "سيرغي لافروف", mentions=[ment("سيرغي لافروف"), ment("لافروف")]),
            Entity("P2", "PER", "موسكو", mentions=[ment("موسكو")]),  # wrong type
            Entity("P3", "GPE", "روسيا", mentions=[ment("وروسيا")]),  # proclitic attached
            Entity("P4", "PER", "وزير", mentions=[ment("وزير")]),  # spurious
            Entity("P5", "GPE", "أرمينيا", mentions=[ment("الأرميني", kind="nisba")]),  # gentilic only
        ]
    if events is None:
        events = [
            event("E1", "CONSULT", "التقى", ["P1"], cameo="043"),  # target missing: loose only
            event("E2", "STATEMENT", "وقال", ["P1"]),  # loose and strict
            event("E3", "ACCUSE", "التقى", ["P1"], ["P3"], cameo="112"),  # wrong category
            event("E4", "STATEMENT", "تدعم", ["P3"], modality="negated"),  # not scored
        ]
    return Extraction(doc=Document(id=doc_id, text=text), entities=entities, events=events)


def test_surface_forms_ignore_proclitics_and_spelling():
    assert "روسيا" in surface_forms("وروسيا")
    assert "الولايات المتحده" in surface_forms("للولايات المتحدة")
    assert surface_forms("إسرائيل") == surface_forms("اسرائيل")


def test_article_of_first_word_is_optional():
    gold = gold_doc()
    gold["entities"].append({"id": "jawhara", "type": "ORG", "name_en": "Jawhara FM", "mentions": ["الجوهرة أف أم"],
                             "adjectives": [], "affiliation": "TUN", "title": None})
    text = TEXT + " جوهرة أف أم"
    i = text.index("جوهرة أف أم")
    pred = prediction([Entity("P1", "ORG", "جوهرة", mentions=[Mention("جوهرة أف أم", i, i + 11)])], [], text=text)
    assert evaluate({"d1": pred}, {"d1": gold})["entities"]["typed"]["tp"] == 1


def test_details_list_errors_per_document():
    res = evaluate({"d1": prediction()}, {"d1": gold_doc()})
    d = res["details"]["d1"]
    assert d["missed_entities"] == ["PER:أرارات ميرزويان", "GPE:موسكو"]
    assert d["spurious_entities"] == ["PER:موسكو", "PER:وزير"]
    assert d["spurious_events"] == ["ACCUSE التقى"] and d["missed_events"] == []


def test_entity_scores_exact():
    res = evaluate({"d1": prediction()}, {"d1": gold_doc()})
    typed, untyped = res["entities"]["typed"], res["entities"]["untyped"]
    # gold scored: lavrov, mirzoyan, moscow, RUS (Armenia is gentilic-only, out of scope);
    # predicted scored: P1..P4 (P5 is gentilic-only)
    assert (typed["tp"], typed["fp"], typed["fn"]) == (2, 2, 2)
    assert typed["precision"] == 0.5 and typed["recall"] == 0.5 and typed["f1"] == 0.5
    assert (untyped["tp"], untyped["fp"], untyped["fn"]) == (3, 1, 1)
    assert untyped["f1"] == 0.75
    assert res["entities"]["per_type"]["GPE"] == {"precision": 1.0, "recall": 0.5, "f1": 0.6667,
                                                  "tp": 1, "fp": 0, "fn": 1}


def test_event_scores_exact():
    res = evaluate({"d1": prediction()}, {"d1": gold_doc()})
    loose, strict = res["events"]["loose"], res["events"]["strict"]
    assert (loose["tp"], loose["fp"], loose["fn"]) == (2, 1, 0)
    assert loose["precision"] == 0.6667 and loose["recall"] == 1.0 and loose["f1"] == 0.8
    assert (strict["tp"], strict["fp"], strict["fn"]) == (1, 2, 1)
    assert strict["precision"] == 0.3333 and strict["recall"] == 0.5 and strict["f1"] == 0.4
    pp = res["events"]["per_plover"]
    assert pp["CONSULT"]["loose"]["tp"] == 1 and pp["CONSULT"]["strict"]["tp"] == 0
    assert pp["ACCUSE"]["loose"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "tp": 0, "fp": 1, "fn": 0}


def test_strict_match_with_both_sides():
    ents = [
        Entity("P1", "PER", "لافروف", mentions=[ment("لافروف")]),
        Entity("P2", "PER", "ميرزويان", mentions=[ment("أرارات ميرزويان")]),
    ]
    ok = event("E1", "CONSULT", "التقى", ["P1"], ["P2"], cameo="043")
    res = evaluate({"d1": prediction(ents, [ok])}, {"d1": gold_doc()})
    assert res["events"]["strict"]["tp"] == 1 and res["events"]["strict"]["fn"] == 1
    # sides swapped: still loose, not strict
    swapped = event("E1", "CONSULT", "التقى", ["P2"], ["P1"], cameo="043")
    res = evaluate({"d1": prediction(ents, [swapped])}, {"d1": gold_doc()})
    assert res["events"]["loose"]["tp"] == 1 and res["events"]["strict"]["tp"] == 0


def test_trigger_outside_evidence_or_no_common_actor_does_not_match():
    ents = [Entity("P1", "PER", "لافروف", mentions=[ment("لافروف")]),
            Entity("P9", "PER", "فلان", mentions=[ment("وزير")])]
    wrong_sentence = event("E1", "CONSULT", "وقال", ["P1"], cameo="043")  # trigger in S2, gold in S1
    wrong_actor = event("E2", "STATEMENT", "وقال", ["P9"])
    res = evaluate({"d1": prediction(ents, [wrong_sentence, wrong_actor])}, {"d1": gold_doc()})
    assert res["events"]["loose"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "tp": 0, "fp": 2, "fn": 2}


def test_one_to_one_matching_and_split_entities_as_actors():
    # the full name and the surname predicted as two entities: one TP, one FP,
    # but both still count as the gold actor for events
    ents = [Entity("P1", "PER", "سيرغي لافروف", mentions=[ment("سيرغي لافروف")]),
            Entity("P2", "PER", "لافروف", mentions=[Mention("لافروف", span("لافروف", 1).start, span("لافروف", 1).end)])]
    evs = [event("E1", "STATEMENT", "وقال", ["P2"]), event("E2", "STATEMENT", "وقال", ["P1"])]
    res = evaluate({"d1": prediction(ents, evs)}, {"d1": gold_doc()})
    assert (res["entities"]["typed"]["tp"], res["entities"]["typed"]["fp"]) == (1, 1)
    # two predicted copies of one gold event: one TP, one FP (no double counting)
    assert (res["events"]["loose"]["tp"], res["events"]["loose"]["fp"]) == (1, 1)


def test_missing_and_extra_documents():
    gold = {"d1": gold_doc("d1"), "d2": gold_doc("d2")}
    preds = {"d1": prediction(), "other": prediction(doc_id="other")}
    res = evaluate(preds, gold)
    assert res["documents"] == {"gold": 2, "predicted": 1, "missing": 1}
    assert any("d2" in w and "no prediction" in w for w in res["warnings"])
    # d2 adds 4 entity misses and 2 event misses; 'other' is ignored
    assert res["entities"]["typed"]["fn"] == 2 + 4
    assert res["events"]["loose"]["fn"] == 0 + 2
    assert res["events"]["loose"]["fp"] == 1


def test_prediction_without_text_is_an_error():
    with pytest.raises(InputError, match="without --no-text"):
        evaluate({"d1": prediction(text="")}, {"d1": gold_doc()})


def test_validate_gold_reports_problems():
    d = gold_doc()
    assert validate_gold(d, "g.json") == []
    d["events"][0]["source"] = ["nobody"]
    d["events"][1]["date"] = "16/08/2023"
    d["entities"][0]["type"] = "PERSON"
    d["events"][0]["trigger"] = "غير موجود"
    probs = validate_gold(d, "g.json", {"043": "CONSULT", "010": "STATEMENT"})
    text = "\n".join(probs)
    assert "'nobody' is not an entity id" in text
    assert "'16/08/2023' is not ISO" in text
    assert "type 'PERSON'" in text
    assert "does not occur in its evidence" in text
    d = gold_doc()
    d["events"][0]["plover"] = "AGREE"
    assert any("maps to PLOVER CONSULT" in p for p in validate_gold(d, "g", {"043": "CONSULT", "010": "STATEMENT"}))


def _write(tmp_path, preds, gold_docs):
    pred_path = tmp_path / "pred.jsonl"
    pred_path.write_text("".join(p.to_json() + "\n" for p in preds), encoding="utf-8")
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    for g in gold_docs:
        (gold_dir / f"{g['file']}.json").write_text(json.dumps(g, ensure_ascii=False), encoding="utf-8")
    return pred_path, gold_dir


def test_cli_json_and_table(tmp_path, capsys):
    pred_path, gold_dir = _write(tmp_path, [prediction()], [gold_doc()])
    assert main(["eval", str(pred_path), str(gold_dir), "--json"]) == 0
    res = json.loads(capsys.readouterr().out)
    assert res["events"]["loose"]["f1"] == 0.8
    assert main(["eval", str(pred_path), str(gold_dir)]) == 0
    out = capsys.readouterr().out
    assert "entities (typed)" in out and "events (strict)" in out and "0.400" in out


def test_cli_errors_name_file_and_line(tmp_path, capsys):
    pred_path, gold_dir = _write(tmp_path, [prediction()], [gold_doc()])
    with pred_path.open("a", encoding="utf-8") as fh:
        fh.write("{not json\n")
    with pytest.raises(InputError, match=r"pred\.jsonl: line 2"):
        load_predictions(pred_path)
    assert main(["eval", str(pred_path), str(gold_dir)]) == 2
    assert "line 2" in capsys.readouterr().err
    with pytest.raises(InputError, match="does not exist"):
        load_gold(tmp_path / "nope")
    bad = gold_doc()
    bad["events"][0]["target"] = ["ghost"]
    (gold_dir / "d1.json").write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(InputError, match=r"d1\.json.*'ghost'"):
        load_gold(gold_dir)
    (gold_dir / "d1.json").write_text("{\n  oops", encoding="utf-8")
    with pytest.raises(InputError, match=r"d1\.json: line 2"):
        load_gold(gold_dir)
