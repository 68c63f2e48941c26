"""The learned coder of reported content (kg.events.content): features, scoring, the decision of
each mode, the EventExtractor hook (off by default) and a missing model file."""

from __future__ import annotations

import json
import math

from kg.config import Config
from kg.events import EventExtractor
from kg.events.content import (apply, category, decide, drafts_by_sentence, features, is_candidate, load_model, scores,
                               stem)
from kg.events.extract import Coder
from kg.model import Document, Sentence
from kg.nlp.text import normalize, split_sentences

from tests.test_events import code, ents

CLASSES = ["STATEMENT", "ACCUSE", "SUPPORT", "AGREE", "THREATEN"]


def _drafts(text: str):
    doc = Document(id="t", text=text, date="2024-03-14")
    sents = [Sentence(a, b) for a, b in split_sentences(text)]
    coder = Coder(EventExtractor().lexicon, doc, sents, ents(text))
    return coder, coder.run()


def _model(weights: dict, mode: str = "targeted", threshold: float = 0.5, margin: float = 0.0) -> dict:
    return {"classes": list(CLASSES), "mode": mode, "threshold": threshold, "margin": margin, "weights": weights}


def test_stem_strips_article_conjunction_and_one_suffix_only():
    assert stem(normalize("والحكومة")) == "حكوم"  # normalized ة (ه) goes with the suffixes
    assert stem(normalize("فشلت")) == "فشل"  # ف of the root is not a conjunction here
    assert stem(normalize("اللاجئين")) == "لاجئ"
    assert stem("قال") == "قال"


def test_features_of_a_plain_statement_about_another_actor():
    text = "قال أردوغان إن الاتحاد الأوروبي يكيل بمكيالين في قضية اللاجئين."
    coder, drafts = _drafts(text)
    cands = [d for d in drafts if is_candidate(d)]
    assert len(cands) == 1
    f = features(coder, cands[0], drafts)
    assert {"rule=STATEMENT", "rule_code=010", "lemma=قال", "opens=ORG", "names_other", "w=يكيل", "w=لاجئ"} <= set(f)
    assert "self_subject" not in f and "neg_early" not in f


def test_features_of_a_denial_and_of_a_cue_coded_criticism():
    coder, drafts = _drafts("أكد أردوغان أنه لم يلتق علييف.")
    f = features(coder, next(d for d in drafts if is_candidate(d)), drafts)
    assert {"rule_code=016", "self_subject", "neg_early"} <= set(f)
    coder, drafts = _drafts("قال أردوغان إن الاتحاد الأوروبي فشلت سياسته.")
    f = features(coder, next(d for d in drafts if is_candidate(d)), drafts)
    assert {"rule=ACCUSE", "eval=111", "w=فشل"} <= set(f)
    assert "future" not in f  # سياسته is no future verb


def test_inner_acts_are_those_of_the_candidates_sentence_however_the_drafts_are_given():
    coder, drafts = _drafts("قال أردوغان إن إسرائيل قصفت غزة. وأكد لافروف أن روسيا تدعم الحوار.")
    by_sent = drafts_by_sentence(drafts)
    assert sorted(by_sent) == [0, 1] and [d for ds in by_sent.values() for d in ds] == drafts
    cands = [d for d in drafts if is_candidate(d)]
    assert [d.sent for d in cands] == [0, 1]
    inner = [[x for x in features(coder, d, drafts) if x.startswith("inner=")] for d in cands]
    assert inner == [["inner=ASSAULT"], []]
    for d in cands:
        assert features(coder, d, by_sent[d.sent]) == features(coder, d, drafts)


def test_category_is_the_recode_else_the_trigger():
    coder, drafts = _drafts("قال أردوغان إن إسرائيل قصفت غزة.")
    assert [(d.recode, category(coder.lex, d)) for d in drafts] == [(None, "STATEMENT"), (None, "ASSAULT")]
    coder, drafts = _drafts("قال أردوغان إن الاتحاد الأوروبي فشلت سياسته.")
    d = next(d for d in drafts if is_candidate(d))
    assert d.recode == "111" and category(coder.lex, d) == "ACCUSE"


def test_scores_are_a_softmax_and_decide_follows_the_mode():
    m = _model({"bias": [2.0, 0, 0, 0, 0], "w=فشل": [0, 5.0, 0, 0, 0]})
    p = scores(m, ["bias"])
    assert abs(sum(p) - 1) < 1e-9 and abs(p[0] - 1 / (1 + 4 * math.exp(-2.0))) < 1e-9
    assert decide(m, ["bias"], "STATEMENT") == "STATEMENT"
    assert decide(m, ["bias", "w=فشل"], "STATEMENT") == "ACCUSE"
    # targeted: the rules' coded category stands whatever the model says
    assert decide(m, ["bias"], "SUPPORT") == "SUPPORT"
    # full: another class must beat the rules' category by the margin
    full = _model({"bias": [1.0, 0.8, 0, 0, 0]}, mode="full", margin=0.3)
    assert decide(full, ["bias"], "ACCUSE") == "ACCUSE"
    full["margin"] = 0.0
    assert decide(full, ["bias"], "ACCUSE") == "STATEMENT"


def test_hook_recodes_and_targets_only_when_turned_on():
    text = "قال أردوغان إن الاتحاد الأوروبي يكيل بمكيالين في قضية اللاجئين."
    plain = code(text)
    assert [(e.cameo, e.target) for e in plain] == [("010", [])]
    cfg = Config()
    cfg.extra["event_filter"] = False
    cfg.extra["content_model"] = _model({"bias": [1.0, 0, 0, 0, 0], "w=يكيل": [0, 4.0, 0, 0, 0]})
    assert [(e.cameo, e.target) for e in code(text, config=cfg)] == [("010", [])]  # not on: unchanged
    cfg.extra["content_coder"] = True
    ev = code(text, config=cfg)
    assert [(e.cameo, e.plover, e.source, e.target) for e in ev] == [("111", "ACCUSE", ["PER:erdogan"], ["ORG:eu"])]
    assert ev[0].goldstein != plain[0].goldstein and ev[0].confidence > plain[0].confidence
    # a statement whose words the model does not tie to a criticism stays plain
    other = "قال أردوغان إن الاتحاد الأوروبي يناقش قضية اللاجئين."
    assert [e.cameo for e in code(other, config=cfg)] == ["010"]


def test_full_mode_none_drops_the_statement_and_leaves_other_acts():
    text = "التقى أردوغان علييف في أنقرة، وقال أردوغان إن الاتحاد الأوروبي يكيل بمكيالين."
    coder, drafts = _drafts(text)
    m = _model({"bias": [0, 0, 0, 0, 0, 3.0]}, mode="full")
    m["classes"] = CLASSES + ["NONE"]
    for w in m["weights"].values():
        w.extend([0.0] * (len(m["classes"]) - len(w)))
    kept = apply(m, coder, drafts)
    assert [d for d in drafts if not is_candidate(d)] == kept
    assert any(not is_candidate(d) for d in drafts)


def test_missing_model_leaves_the_rules_coding(tmp_path):
    assert load_model.__wrapped__(str(tmp_path / "absent.json")) is None
    path = tmp_path / "m.json"
    path.write_text(json.dumps({"meta": {}, **_model({"bias": [0.0] * 5})}), encoding="utf-8")
    m = load_model.__wrapped__(str(path))
    assert m["classes"] == CLASSES and m["mode"] == "targeted" and m["threshold"] == 0.5
