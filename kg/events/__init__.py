"""Event extraction coded in CAMEO and PLOVER: who did what to whom, when and where.

``EventExtractor(config)(doc, sentences, entities) -> list[Event]`` runs the rule-based
coder of :mod:`kg.events.extract` over a document whose entities are already known, then
merges repeated tellings (:func:`kg.events.dedup.merge_within`).  With
``Config.extra["event_filter"] = True`` the asserted and reported events also pass through a
small learned filter (:mod:`kg.events.filter`, weights in ``kg/data/events/filter.json``),
trained on both development folders (benchmarks/gold and gold-dev2); on them, 5-fold
cross-validated, it raises precision only a little (loose P 0.597 -> 0.618) and lowers F1
(0.499 -> 0.492 loose, 0.385 -> 0.373 strict), so it is off by default (the model's ``meta``
holds the figures of its last training).  With ``Config.extra["content_coder"] = True`` the
plain statements the rules find are also coded by a learned coder of their reported content
(:mod:`kg.events.content`, applied to the rules' drafts before dedup); cross-validated by article
on the three development folders it did not beat the cue coding, so it is off and no weights
ship (``scripts/train_content_coder.py`` writes ``kg/data/events/content.json`` only when it
does).  The lexicon
(``kg/data/events/``) and the CAMEO table (``kg/data/cameo/``) are read once, lazily.

Event fields:

- ``id``: ``e1`` ... ``eN`` in text order of each event's first telling (stable for a
  given text and entity set);
- ``cameo`` / ``plover`` / ``quad_class`` / ``goldstein``: from the trigger's CAMEO code and
  ``kg/data/cameo/cameo.tsv`` (STATEMENT for 01x);
- ``label``: the trigger's lemma (Arabic), plus the group phrase when a gentilic group
  stands for its country (``حرس الحدود الأذربيجاني``);
- ``source`` / ``target`` / ``topic``: entity ids; ``topic_text``: the topic or reported
  content span;
- ``date``: the date expression of the event's sentence nearest the trigger (outside the
  topic/content), resolved against ``Document.date``; failing that, the previous event's date
  when the sentence continues it (``جاء ذلك``); failing that, the document date itself, with
  ``date_text`` empty (the date was not stated) and a lower confidence.  ``date_precision``
  is ``day``, ``month`` or ``year``;
- ``modality``: ``asserted``, ``reported`` (inside someone's reported speech), ``negated``,
  ``future``, ``conditional`` or ``hypothetical``; unasserted events are kept only when
  ``Config.keep_unasserted`` (they are never facts);
- ``confidence``: trigger strength, plus evidence (both roles, explicit date, attribution,
  repeated tellings), minus weak evidence (pronoun or gentilic actor, no actor, a plain
  statement 010: the least specific code);
- precision: a plain statement (010) told by a continuing verb (``وأضاف``, ``وأوضح``, ``أشار
  إلى``), a reporting verb (``أفادت``, ``أوردت``; ``ذكرت`` only when a news outlet reports: an
  actor's ``ذكرت الوزارة أن`` is its statement, as ``قال``) or a circumstantial participle
  (``مؤكدا``) is no event of its own: a further mention of its speaker's act when merged, else
  dropped (frame flags ``continues``/``report`` in kg/data/events/triggers.tsv);
- ``place``: a GPE/LOC after ``في`` near the trigger (not inside what was said);
- ``attribution`` / ``attribution_text``: the reported source (``وفق بيان``, ``بحسب``,
  ``نقلا عن``, ``جاء في بيان X``), an entity id when one is named there, else the text; for
  an event inside someone's reported speech, the speaker.

Coding conventions of the gold guidelines (benchmarks/gold/README.md) that the rules follow: a
plain statement (010) whose reported content carries an evaluative cue (``evaluation`` in
``kg/data/events/cues.tsv``) is the speech act it performs (criticism 111, praise 051, threat
130), aimed at the name that opens the content (``قال إن تركيا متورطة`` -> Turkey); ``أنها ستواصل``/``أنه مستعد``/``لكنها ستحترم``/a first-person ``سنواصل`` is a statement of intent (AGREE 030) and ``أنه لم ...`` a
denial (016); a cooperative act stated for the future (``سيزور``, ``من المقرر أن يلتقي``) stays a
future event and also makes its actor's stated intention, AGREE 03x (CAMEO 030); rejecting another
actor's decision or policy (``رفض القرار``) is criticism 111, REJECT is kept for refused requests;
clashes of civilians with forces are a riot (145); "the authorities of X"
(``statehead`` cues) act with the state X as co-actor; a plain statement continues an earlier
speech act of its speaker told in another sentence (one of its mentions), and a plain lead
(``أكد X أن ...``) is absorbed by a coded speech act of its speaker told up to three sentences later
(one telling is coded by its category: the gold guidelines' rule 4).

What becomes an event (precision first): at least one actor, except fighting or protest in
a named place told by a strong verb (``استؤنفت الأعمال القتالية في ناغورني قره باغ``); a
statement needs a named speaker (not a gentilic alone); a meeting or call needs its source
and a counterpart, several parties or a topic; weak triggers (verbal nouns such as ``اتهام``,
``عقوبات``) need an actor and a second participant or topic, or a light verb (``عبرت تونس عن
إدانتها``); verbal nouns inside what another event is about (``بحثا تعزيز التعاون``) are
its topic, not events.
"""

from __future__ import annotations

from ..config import Config
from ..model import Document, Entity, Event, Sentence, Span

__all__ = ["EventExtractor"]

#: categories whose event, when no target is named, is directed at the entities of its topic
_TOPIC_IS_TARGET = ("AGREE", "SUPPORT")


class EventExtractor:
    """Codes the events of a document from its sentences and entities."""

    def __init__(self, config: Config | None = None):
        self.config = config or Config()
        self._lex = None
        self._coder = self._merge = None  # kg.events.extract.Coder, kg.events.dedup.merge_within

    @property
    def lexicon(self):
        if self._lex is None:
            # the coder's modules load with the lexicon (once, outside the first document's
            # time: without cached bytecode, compiling extract.py alone takes some 60 ms)
            from . import dedup, extract
            from .lexicon import load_lexicon

            self._coder, self._merge = extract.Coder, dedup.merge_within
            self._lex = load_lexicon()
        return self._lex

    def describe(self) -> str:
        lex = self.lexicon
        return f"rules (CAMEO/PLOVER, {len(lex.triggers)} triggers, {len(lex.forms)} forms)"

    def __call__(self, doc: Document, sentences: list[Sentence], entities: list[Entity]) -> list[Event]:
        lex = self.lexicon
        # (loaded with the lexicon: an import statement here costs some 10 µs a document)
        Coder, merge_within = self._coder, self._merge
        coder = Coder(lex, doc, sentences, entities)
        drafts = coder.run()
        if self.config.extra.get("content_coder", False):
            drafts = self._content(coder, drafts)
        events: list[Event] = []
        explicit: list[bool] = []
        anaphoric: list[bool] = []
        continuing: set[int] = set()
        for d in drafts:
            ev = self._event(doc, sentences, coder, d)
            if ev is None:
                continue
            if d.anaphoric:
                # "نقطة التفتيش هذه": a further mention of an earlier event of the same root
                for prev in reversed(events):
                    if prev.cameo[:2] == ev.cameo[:2]:
                        if not any(m.start == ev.evidence.start for m in [prev.evidence] + prev.mentions):
                            prev.mentions.append(ev.evidence)
                        break
                continue
            events.append(ev)
            explicit.append(d.date is not None and d.date.iso is not None)
            anaphoric.append(False)
            if _continues(ev, d):
                continuing.add(id(ev))
        events = merge_within(events, explicit)
        # a plain statement told by a verb that continues one (وأضاف، وأوضح، مشيرا إلى، مؤكدا) is
        # the same speech act as the statement it continues (the guidelines annotate it once:
        # merged above into the speaker's earlier act when one was found); one that attributes
        # a report (أفادت الوكالة أن، ذكرت الصحيفة، أوردت) is the source of what follows, not an act.
        # Unless recoded to (or merged with) a stronger category, neither is an event of its own,
        # nor are the later plain statements it absorbed (the same speaker's same statement).
        events = [e for e in events if id(e) not in continuing or e.cameo != "010"]
        cfg = self.config
        out = []
        for ev in events:
            if ev.modality not in ("asserted", "reported") and not cfg.keep_unasserted:
                continue
            if ev.confidence < cfg.min_event_confidence:
                continue
            out.append(ev)
        out.sort(key=lambda e: e.trigger.start)
        if out and cfg.extra.get("event_filter", False):
            out = self._filter(doc, sentences, entities, out)
        for i, ev in enumerate(out, 1):
            ev.id = f"e{i}"
        return out

    def _content(self, coder, drafts: list) -> list:
        """Recode the plain statements by the learned content coder (kg.events.content); a
        model given as ``Config.extra["content_model"]`` (a dict) replaces the shipped one."""
        from .content import apply, load_model

        model = self.config.extra.get("content_model") or load_model()
        if model is None:
            return drafts
        return apply(model, coder, drafts)

    def _filter(self, doc: Document, sentences: list[Sentence], entities: list[Entity], events: list[Event]) -> list[Event]:
        """Drop the asserted/reported events the learned filter (kg.events.filter) rejects."""
        from .filter import apply, load_model

        model = load_model()
        if model is None:
            return events
        etype = {e.id: e.type for e in entities}
        kept = {id(e) for e in apply(model, [e for e in events], doc.text, etype, len(sentences))
                if e.modality in ("asserted", "reported")}
        return [e for e in events if id(e) in kept or e.modality not in ("asserted", "reported")]

    def _event(self, doc: Document, sentences: list[Sentence], coder, d) -> Event | None:
        lex = self.lexicon
        m = d.match
        trig = m.form.trigger
        code = lex.cameo[d.recode or trig.cameo]
        s = sentences[d.sent]
        tok_text = doc.text
        # evidence: the sentence; trigger: the head token
        head = m.head_span
        trigger = Span.of(tok_text, head[0], head[1])
        evidence = Span.of(tok_text, s.start, s.end)
        if not d.target and d.topic and code.plover in _TOPIC_IS_TARGET:
            # "أعربت تركيا عن استعدادها للمساهمة في حل الخلاف بين قطر و...", "أشاد بدور
            # الجزائر في ...": a pledge or support is directed at the parties it is about
            # (named near the head of the topic, not in a clause further on)
            d.target = [x for x in coder.topic_head(d) if x not in d.source]
        has_source, has_target = bool(d.source), bool(d.target)
        frame = trig.frame
        # precision gates
        if not has_source and not has_target:
            # fighting or protest in a named place, told with a strong verbal trigger
            if not (frame.get("actorless") and d.place and not m.nominal and trig.strength >= 0.8):
                return None
        if code.plover == "STATEMENT" and (not has_source or d.source_how == "nisba"):
            return None
        if trig.weak and not d.light and not (has_source and (has_target or d.topic)) and not (
                d.marked_passive and has_target) and not (
                # "بعد إيقاف رجل الأعمال X": a noun told as having taken place, with its patient
                d.happened and has_target) and not (
                # "أعلنت الشرطة توقيف ثلاثة أشخاص": an act announced by its agent, its patients unnamed
                d.announced and has_source) and not (
                # "هجمات بروكسل", "الهجمات التي ضربت لندن": an attack with the struck town named
                frame.get("struck") and has_target and not m.future) and not (
                # "نقلت الوكالة عن X قوله إن ...": a named speaker and what was said
                trig.lemma == "قول" and has_source and d.source_how == "explicit" and d.content_span):
            return None
        if trig.root == "04" and (not has_source or (not has_target and len(d.source) < 2 and not d.topic)):
            return None  # a meeting or call needs its parties: who, and with whom (or about what)
        conf = trig.strength * 0.6 + 0.15
        if has_source:
            conf += 0.1
        if has_target:
            conf += 0.1
        if d.topic:
            conf += 0.03
        if d.date is not None and d.date.iso:
            conf += 0.05
        if d.attribution:
            conf += 0.04
        if d.source_how == "pronoun":
            conf -= 0.12
        elif d.source_how in ("nisba", "both"):
            conf -= 0.05
        if not has_source and not has_target:
            conf -= 0.1
        if code.code == "010":
            # a plain statement (قال، أكد، أعلن with no stronger category) is the least specific
            # code: on the dev sets about half of them are no reportable event (others ~0.7), so
            # its confidence is lower and a user's threshold keeps the coded acts first
            conf -= 0.12
        date = date_prec = None
        date_text = None
        if d.date is not None and d.date.iso:
            date, date_prec = d.date.iso, d.date.precision
            date_text = m.sent_span(d.date.start, d.date.end)
        elif d.date is not None:
            date_text = m.sent_span(d.date.start, d.date.end)
        elif d.inherited_date:
            date, date_prec = d.inherited_date
            conf -= 0.02
        elif coder.doc_date is not None:
            date, date_prec = coder.doc_date.isoformat(), "day"
            conf -= 0.05
        label = trig.lemma
        if d.group_text:
            label = f"{trig.lemma} ({d.group_text})"
        topic_span = d.topic_span or d.content_span
        return Event(
            id="",
            cameo=code.code,
            plover=code.plover,
            trigger=trigger,
            evidence=evidence,
            source=list(d.source),
            target=list(d.target),
            topic=list(d.topic),
            topic_text=m.sent_span(*topic_span) if topic_span else None,
            date=date,
            date_precision=date_prec,
            date_text=date_text,
            place=d.place,
            quad_class=code.quad_class,
            goldstein=code.goldstein,
            confidence=round(max(0.05, min(0.99, conf)), 3),
            modality=d.modality,
            attribution=d.attribution,
            attribution_text=d.attribution_text,
            sentence=d.sent,
            label=label,
        )


def _continues(ev: Event, d) -> bool:
    """A plain statement (010) told by a continuing or reporting verb, or by a participle."""
    if ev.cameo != "010":
        return False
    frame = d.match.form.trigger.frame
    return bool(frame.get("continues") or frame.get("report") or d.match.form.tense == "participle")
