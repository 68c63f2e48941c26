"""A learned coder of reported content: what speech act does a plain statement perform?

The rule coder (:mod:`kg.events.extract`) finds statements (``قال X إن ...``, ``أكد``, ``رأى أن``,
``أشار إلى أن``) with their speaker and the span of what was said, and codes a plain statement
(CAMEO 010) by its content through hand-written cue lists (``evaluation``/``intent`` in
``kg/data/events/cues.tsv``): ``قال إن الحكومة فشلت`` is a criticism (ACCUSE 111).  This module
scores the same candidates with a small multinomial logistic regression over general features
of the content (the rules' own code, cue classes of ``cues.tsv``, negation, future and first
person, whether a named actor opens the content and whether it is the speaker, the categories of
the acts told inside it, the reporting verb, and the light stems of the content's first words) and
predicts the speech act: ``STATEMENT`` (kept as the rules coded it: 010, 012, 016 ...),
``ACCUSE`` (111), ``SUPPORT`` (051), ``AGREE`` (030), ``THREATEN`` (130) or ``NONE`` (no event).

It is opt-in (``Config.extra["content_coder"] = True``; ``Config.extra["content_model"]`` may
hold a model dict).  The weights (``kg/data/events/content.json``) are written by
``scripts/train_content_coder.py`` from the development gold folders only when the article-level
cross-validated event scores beat the cue coding on both dev and gold-dev3 (its ``meta`` then
holds the data, licence and figures); in session 4 they did not (about 280 candidates, 33 of
them ACCUSE in the gold), so no weights ship and the rules' coding stands.  Scoring is pure
Python (a sum of the weights of the active binary features per class), the model is read once,
lazily; a missing file leaves the rules' coding unchanged.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

from .extract import _CLAUSE_BREAK, _EVAL_WINDOW, _PUNCT_STOP, _SELF_MARKERS
from .extract import _QUOTES as _QUOTE_CHARS

MODEL = Path(__file__).resolve().parent.parent / "data" / "events" / "content.json"

#: the classes the coder predicts and the CAMEO code each becomes when the rules' code is of
#: another category (a rules' code of the same category is kept: 012 stays 012, 112 stays 112)
CLASS_CODE = {"STATEMENT": "010", "ACCUSE": "111", "SUPPORT": "051", "AGREE": "030", "THREATEN": "130", "NONE": None}
#: categories whose recoded statement is aimed at the actor that opens the content
_CONTENT_TARGET = ("ACCUSE", "SUPPORT")
#: tokens of content read for word features / for cue features (the rules' evaluation window)
_WORD_WINDOW = 12
_CUE_WINDOW = _EVAL_WINDOW
#: cue classes of cues.tsv whose presence in the content is a feature
_CUE_KINDS = ("intent", "force", "allegation", "opposed", "neg", "future", "cond", "ability", "victim", "opinion")
#: punctuation that ends a phrase, and commas
_PUNCT = frozenset(_PUNCT_STOP) | frozenset(_CLAUSE_BREAK)
_QUOTES = frozenset(_QUOTE_CHARS)
#: the speaker speaking of itself (أنه، أنها، إننا ...) right before the content: the rules'
#: markers and a few more forms
_SELF = _SELF_MARKERS + ("اننا", "بان", "انني", "انى")
_FIRST = ("نحن", "اننا", "انا", "اني", "انني", "لنا", "علينا", "لدينا", "بلادنا", "حكومتنا", "شعبنا", "نحنا")
_SECOND = ("انت", "انتم", "انتن", "عليكم", "لكم")
_FUTURE_PREFIX = ("سي", "ست", "سن", "سا")
_NEG = ("لم", "لن", "لا", "ليس", "ليست", "غير", "لسنا", "ما", "دون")
_PREFIXES = ("وبال", "فبال", "وال", "فال", "بال", "كال", "لل", "ال", "و", "ف")
_SUFFIXES = ("هما", "كما", "ها", "هم", "كم", "نا", "ات", "ون", "ين", "ان", "ه", "ي", "ا", "ت")


@lru_cache(maxsize=8192)
def stem(w: str) -> str:
    """A light stem of a normalized word: proclitics and one pronoun/plural suffix removed."""
    for p in _PREFIXES:
        # a one-letter proclitic only before a word long enough not to begin with that letter
        if w.startswith(p) and len(w) - len(p) >= (3 if len(p) > 1 else 4):
            w = w[len(p):]
            break
    for s in _SUFFIXES:
        if w.endswith(s) and len(w) - len(s) >= 3:
            w = w[:-len(s)]
            break
    return w


def is_candidate(d) -> bool:
    """A statement the coder may recode: a plain-statement trigger (010) with reported content
    (or a judged complement: ``اعتبره خطوة``), a speaker, and asserted or reported."""
    return (d.match.form.trigger.cameo == "010" and bool(d.content_span or d.complement_span)
            and bool(d.source) and d.modality in ("asserted", "reported") and not d.anaphoric)


def category(lex, d) -> str:
    """The PLOVER category a draft is coded as: its recode's, else its trigger's (STATEMENT for
    a plain 010 candidate, or a code the CAMEO table lacks)."""
    code = lex.cameo.get(d.recode or d.match.form.trigger.cameo)
    return code.plover if code is not None else "STATEMENT"


def drafts_by_sentence(drafts) -> dict[int, list]:
    """The drafts of each sentence (in their order), for :func:`features`."""
    out: dict[int, list] = {}
    for d in drafts:
        out.setdefault(d.sent, []).append(d)
    return out


#: (the cues dict of the lexicon in use, its feature table)
_table_of: tuple = (None, {})


def _cue_table(lex) -> dict[str, tuple[str, ...]]:
    """Feature names of every cue form of the kinds read here (``eval=111``, ``cue=intent``),
    built once per lexicon."""
    global _table_of
    cues, out = _table_of
    if cues is not lex.cues:
        table: dict[str, list[str]] = {}
        for form, v in lex.cues.get("evaluation", {}).items():
            table.setdefault(form, []).append(f"eval={v}")
        for kind in _CUE_KINDS:
            for form in lex.cues.get(kind, {}):
                table.setdefault(form, []).append(f"cue={kind}")
        out = {k: tuple(v) for k, v in table.items()}
        _table_of = (lex.cues, out)
    return out


def _cues_at(table: dict, s, j: int) -> tuple[str, ...]:
    """Cue features of token ``j``: its form without و/ف, as written, without the article, or
    without the accusative alif (مبررا)."""
    w, n = s.bare[j], s.norms[j]
    got = table.get(w) or table.get(n)
    if got is None and w[:2] == "ال":
        got = table.get(w[2:])
    if got is None and w[-1:] == "ا" and len(w) > 3:
        got = table.get(w[:-1])
    return got or ()


def features(coder, d, drafts=()) -> list[str]:
    """Binary features (names) of one candidate statement ``d`` of ``coder`` (a kg.events.extract
    Coder after its run); ``drafts`` are the other drafts (acts told inside the content): those
    of its sentence (``drafts_by_sentence(...)[d.sent]``), or all of the document's."""
    lex = coder.lex
    s = d.match.s
    c0, c1 = d.content_span or d.complement_span
    n = len(s.toks)
    c1 = min(c1, n)
    rule = d.recode or "010"
    f = ["bias", f"rule={category(lex, d)}", f"rule_code={rule}", f"lemma={d.match.form.trigger.lemma}"]
    if d.complement_span and not d.content_span:
        f.append("complement")
    if d.match.form.tense == "participle":
        f.append("participle")
    if d.modality == "reported":
        f.append("reported")
    if d.target:
        f.append("has_target")
    self_subject = c0 > 0 and s.norms[c0 - 1] in _SELF
    if self_subject:
        f.append("self_subject")
    hi_c = min(c1, c0 + _CUE_WINDOW)
    hi_w = min(c1, c0 + _WORD_WINDOW)
    size = hi_c - c0
    f.append("len<=5" if size <= 5 else ("len<=15" if size <= 15 else "len>15"))
    # the actor that opens the content (its first two tokens): the speaker itself, another
    # actor of a given type, or none
    opener = None
    for j in range(c0, min(n, c0 + 2)):
        if s.norms[j] in _PUNCT and s.norms[j] not in _QUOTES:
            break
        r = s.ment_at[j]
        if r is not None and r.t0 == j and not r.governed and r.entity.type in ("PER", "ORG", "GPE"):
            opener = r
            break
    if opener is not None:
        f.append("opens_self" if opener.entity.id in d.source else f"opens={opener.entity.type}")
    elif not self_subject:
        f.append("opens_none")
    others = {r.entity.id for r in s.refs if c0 <= r.t0 < hi_c and r.entity.id not in d.source
              and r.entity.type in ("PER", "ORG", "GPE")}
    if others:
        f.append("names_other")
    quoted = any(s.norms[j] in _QUOTES for j in range(max(0, c0 - 1), min(n, c0 + 2)))
    if quoted:
        f.append("quoted")
    seen = set()
    table = _cue_table(lex)
    for j in range(c0, hi_c):
        w = s.norms[j]
        b = s.bare[j]
        early = j < c0 + 4
        if w in _NEG or b in _NEG:
            seen.add("neg_early" if early else "neg")
        if w == "سوف" or (len(b) >= 5 and b[:2] in _FUTURE_PREFIX and b[-1] not in "ةه" and b[:3] != "سيا"):
            seen.add("future")
        if b in _FIRST or (len(b) >= 4 and b[:2] == "سن") or (len(b) >= 5 and b.endswith("نا") and b[:2] != "ال"):
            seen.add("first_person")
        if b in _SECOND:
            seen.add("second_person")
        seen.update(_cues_at(table, s, j))
        if j < hi_w and w not in _PUNCT and s.ment_at[j] is None and len(w) >= 3:
            seen.add(f"w={stem(w)}")
    f.extend(sorted(seen))
    for o in drafts:
        if o is d or o.sent != d.sent or not (c0 <= o.match.k < hi_c):
            continue
        f.append(f"inner={category(lex, o)}")
    return f


@lru_cache(maxsize=1)
def load_model(path: str = str(MODEL)) -> dict | None:
    """The coder's model, or None when the file is absent: ``classes``, ``weights`` ({feature:
    [one weight per class]}), ``mode`` (``targeted``: only the statements the rules left plain
    are recoded, when a coded class reaches ``threshold``; ``full``: every candidate is decided,
    the rules' category kept unless another class beats it by ``margin``)."""
    try:
        with open(path, encoding="utf-8") as fh:
            m = json.load(fh)
    except FileNotFoundError:
        return None
    return {"classes": list(m["classes"]), "weights": m["weights"], "mode": m.get("mode", "targeted"),
            "margin": float(m.get("margin", 0.0)), "threshold": float(m.get("threshold", 0.5))}


def scores(model: dict, feats: list[str]) -> list[float]:
    """Class probabilities (softmax over the summed weights)."""
    k = len(model["classes"])
    z = [0.0] * k
    w = model["weights"]
    for x in feats:
        row = w.get(x)
        if row is not None:
            for i in range(k):
                z[i] += row[i]
    m = max(z)
    e = [math.exp(v - m) for v in z]
    t = sum(e)
    return [v / t for v in e]


def decide(model: dict, feats: list[str], rule_cat: str) -> str:
    """The class of a candidate whose rules' category is ``rule_cat``."""
    classes = model["classes"]
    if model.get("mode", "targeted") == "targeted":
        if rule_cat != "STATEMENT":
            return rule_cat  # the rules' cue coding stands
        p = scores(model, feats)
        best = max((i for i, c in enumerate(classes) if c not in ("STATEMENT", "NONE")), key=p.__getitem__)
        return classes[best] if p[best] >= model.get("threshold", 0.5) else "STATEMENT"
    p = scores(model, feats)
    best = max(range(len(classes)), key=p.__getitem__)
    if classes[best] == rule_cat or rule_cat not in classes:
        return classes[best]
    if p[best] - p[classes.index(rule_cat)] >= model.get("margin", 0.0):
        return classes[best]
    return rule_cat


def recode(coder, d, cls: str) -> bool:
    """Code draft ``d`` as class ``cls``; False when ``cls`` is NONE (the draft is dropped)."""
    if cls == "NONE":
        return False
    if cls != category(coder.lex, d):
        code = CLASS_CODE[cls]
        d.recode = None if code == "010" else code
        if cls in _CONTENT_TARGET and not d.target and d.content_span:
            # aimed at the actor that opens the content (as the rules' cue coding does)
            d.target = coder._content_subject(d.match.s, d, d.content_span[0])
    return True


def apply(model: dict, coder, drafts: list) -> list:
    """Recode the candidate statements of ``drafts`` (a Coder's output) by the model's decision;
    a statement decided ``NONE`` is dropped.  Returns the drafts kept (in order)."""
    lex = coder.lex
    out = []
    targeted = model.get("mode", "targeted") == "targeted"
    by_sent = None
    for d in drafts:
        if not is_candidate(d):
            out.append(d)
            continue
        rule_cat = category(lex, d)
        if rule_cat != "STATEMENT" and targeted:
            out.append(d)  # the rules' cue coding stands (see decide)
            continue
        if by_sent is None:
            by_sent = drafts_by_sentence(drafts)
        if recode(coder, d, decide(model, features(coder, d, by_sent[d.sent]), rule_cat)):
            out.append(d)
    return out
