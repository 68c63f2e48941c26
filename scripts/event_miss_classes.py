#!/usr/bin/env python
"""Classify the missed gold events of development folders by where the rule coder lost them.

    python scripts/event_miss_classes.py benchmarks/gold-dev2 [benchmarks/gold ...] [> report.txt]

For every gold event that no predicted event matches (loose), the coder is traced
(kg.events.extract.Coder) and the miss is put in one class:

- ``no-lex``: no trigger read anywhere in the evidence sentence;
- ``no-lex(other-trig-dropped)``: triggers in the sentence, none at the gold trigger, and none
  of them became a scored event;
- ``other-trig-wrongcat``: no trigger at the gold trigger; other events of the sentence have
  another category;
- ``trig-wrong-cat``: a trigger at the gold trigger, of another category (e.g. a plain
  statement the gold codes as criticism);
- ``trig-nodraft`` / ``trig-suppressed`` / ``trig-noactor`` / ``trig-gated``: the trigger was read
  but skipped, folded into another event's topic/content, found no actor, or was dropped by the
  precision gates of kg.events.EventExtractor;
- ``trig-dedup/other``: an event was made but merged away (dedup) or otherwise lost;
- ``actor``: an event of the right category in the sentence, without a gold actor;
- ``modality``: only unscored (negated, future ...) events of that category there.

Each miss is printed with its sentence and what the coder read; the counts (overall and per
PLOVER category) close the report.  Development folders only: never the held-out ones.
"""

import sys
from collections import Counter

from event_diagnostics import ROOT, refuse_held_out, scored_documents
from kg.eval import _evidence_spans
import kg.events.extract as X
import kg.events as E

REC = {}
orig_topic = X.Coder._topic
def _topic(self, s, d):
    orig_topic(self, s, d)
    REC.setdefault("drafts", []).append((s, d))
X.Coder._topic = _topic
orig_find = X.Coder.find_triggers
def find(self, s):
    out = orig_find(self, s)
    REC.setdefault("matches", []).append((s, out))
    return out
X.Coder.find_triggers = find
orig_ev = E.EventExtractor._event
def _event(self, doc, sentences, coder, d):
    ev = orig_ev(self, doc, sentences, coder, d)
    REC.setdefault("made", []).append((d, ev))
    return ev
E.EventExtractor._event = _event

folders = sys.argv[1:] or [str(ROOT / "benchmarks" / "gold-dev2")]
if refuse_held_out(folders, "event_miss_classes"):
    sys.exit(2)
why = Counter()
for sc in scored_documents(folders):
    doc, ex, gevs, pevs, loose, strict = sc.doc, sc.ex, sc.gevs, sc.pevs, sc.loose, sc.strict
    gname, pm, text = sc.gold_names, sc.pred_actors, doc.text
    for gi, gev in enumerate(gevs):
        if gi in loose:
            continue
        spans = _evidence_spans(text, gev["evidence"])
        if not spans:
            continue
        a, b = spans[0]
        # gold trigger position
        tpos = text.find(gev["trigger"], a, b)
        if tpos < 0:
            tpos = text.find(gev["trigger"].split()[0], a, b)
        tend = tpos + len(gev["trigger"]) if tpos >= 0 else -1
        # matches in sentence
        ms = [(s, m) for s, out in REC.get("matches", []) for m in out if a <= s.starts[m.k] < b]
        at = [(s, m) for s, m in ms if tpos >= 0 and s.starts[m.k] < tend and s.ends[max([m.k] + list(m.tail_tokens))] > tpos]
        drafts = [(s, d) for s, d in REC.get("drafts", []) if a <= s.starts[d.match.k] < b]
        made = [(d, ev) for d, ev in REC.get("made", []) if a <= d.match.s.starts[d.match.k] < b]
        insent = [p for p in ex.events if a <= p.trigger.start < b]
        same = [p for p in insent if p.plover == gev["plover"]]
        if same:
            if any(p.modality not in ("asserted", "reported") for p in same) and not any(p.modality in ("asserted", "reported") for p in same):
                kind = "modality"
            else:
                kind = "actor"
        elif at:
            s, m = at[0]
            dd = [d for s2, d in drafts if d.match is m]
            mk = [ev for d, ev in made if d.match is m]
            trig = m.form.trigger
            if trig.plover != gev["plover"]:
                kind = "trig-wrong-cat"
            elif not dd:
                kind = "trig-nodraft"
            else:
                d = dd[0]
                if d.suppressed:
                    kind = "trig-suppressed"
                elif not d.source and not d.target:
                    kind = "trig-noactor"
                elif not mk:
                    kind = "trig-nodraft2"
                elif mk[0] is None:
                    kind = "trig-gated"
                else:
                    kind = "trig-dedup/other"
        elif insent:
            kind = "other-trig-wrongcat" if tpos >= 0 else "other"
        else:
            kind = "no-lex" if not ms else "no-lex(other-trig-dropped)"
        why[kind] += 1
        why[f"{kind}:{gev['plover']}"] += 1
        print(f"[{kind}] {doc.id[7:]} {gev['plover']} {gev['cameo']} «{gev['trigger']}» "
              f"S={[gname.get(x, x) for x in gev['source']]} T={[gname.get(x, x) for x in gev['target']]}")
        print(f"    {gev['evidence'][:400]}")
        for s, m in ms:
            dd = [d for s2, d in drafts if d.match is m]
            info = ""
            if dd:
                d = dd[0]
                info = f" src={pm(d.source)} tgt={pm(d.target)} how={d.source_how} sup={d.suppressed} mod={d.modality} rec={d.recode}"
            print(f"    match «{s.texts[m.k]}» {m.form.trigger.lemma} {m.form.trigger.cameo} {m.form.trigger.plover}{info}")
        for p in insent:
            print(f"    pred {p.plover} {p.cameo} «{p.trigger.text}» {p.modality} S={pm(p.source)} T={pm(p.target)}")
    REC.clear()  # what the coder recorded for this document
for k, v in sorted(why.items(), key=lambda x: (":" in x[0], -x[1])):
    print(f"{k}\t{v}")
