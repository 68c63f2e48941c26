"""Rule-based Arabic event coder: triggers -> argument roles -> topic, date, modality.

The rules are code; the words they use are data (``kg/data/events/triggers.tsv`` and
``cues.tsv``).  One pass over the sentences of a document:

1. **Triggers**: each token is looked up (with ``و``/``ف`` and, for nouns, the other
   proclitics and the article stripped; ``س`` marks a future verb) in the generated form
   table; a row with a ``tail`` must see it (with an optional gap).  The longest, most
   specific reading wins and consumes its tail tokens.
2. **Source** (actor), by the form and word order:
   - passive (``تم``/``جرى`` + verbal noun, passive-only forms, or ``من قبل`` after the
     trigger): the agent after ``من قبل`` / ``على يد``;
   - singular verb: verb-subject-object first (the first named mention after the verb,
     titles and gentilics skipped, ``و``-coordination followed), else subject-verb (a
     mention before the verb in the same clause: ``الخارجية العراقية تحذر``);
   - dual/plural verb (``ناقشا``, ``يبحثان``): the subject precedes or is a pronoun;
   - participle (``مشدداً``, ``مؤكداً``): the subject of the sentence's previous event;
   - noun: the subject of its clause (``أجرى لافروف محادثة هاتفية``), else a genitive;
   - "both sides" (``الطرفين``) and pronoun subjects: the participants already named.
   A mention's priority: person > organization > country/city name > gentilic (a
   gentilic alone, as in ``حرس الحدود الأذربيجاني``, makes the country the actor).
3. **Target** through the frame: prepositions (``مع نظيره``, ``على``, ``ب``), ``بين X و Y``
   or the direct object after the subject.
4. **Topic** (``ناقش ... الوضع في ...``, ``حول``, ``بشأن``) and reported **content**
   (``قال ... إن``): spans whose entities become the topic; nominal triggers inside them
   are what was discussed/said, not separate events; verbal ones are ``reported``.
5. **Date** (the date expression nearest the trigger outside its topic/content; else the
   previous event's date for a continuation sentence ``جاء ذلك``; else the document
   date, with ``date_text`` left empty and a lower confidence), **place** (a GPE/LOC after
   ``في``), **attribution** (``وفق بيان``, ``بحسب``, ``نقلا عن``, ``جاء في بيان X:``),
   **modality** (negation, future, conditional/hypothetical) and **confidence**.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace

from ..model import Document, Entity, Mention, Sentence, Span
from ..nlp.text import _HAS_DELETABLE, _PROCLITICS_BY_FIRST, _TOKEN_RE, DIACRITICS, INVISIBLE, PROCLITICS, normalize, proclitic_splits
from .dates import DateExpr, find_dates, parse_doc_date
from .lexicon import _NO_CUES, GAP, MAX_GAP, Form, Lexicon

DIACRITICS_SET = DIACRITICS + INVISIBLE + "\u0640"
_EDGE_PUNCT = ".,،:؛;!?؟\"'«»“”()[]{}-–—…"
_PUNCT_STOP = set(".:؛;!?؟\"«»“”()[]{}")
#: tokens after which a circumstantial participle opens its own clause (، متهما إياه); not a
#: quote mark ("مباركة المدينة": a quoted title)
_CLAUSE_BREAK = ("،", ",")
_TYPE_RANK = {"PER": 0, "ORG": 1, "GPE": 2, "LOC": 3}
_CONTENT_MARKERS = frozenset(("ان", "انه", "انها", "انهم", "بان", "بانه", "بانها", "وان", "انهما"))
#: categories whose events are speech acts (their source is a speaker)
_SPEAKING = ("STATEMENT", "ACCUSE", "REQUEST", "THREATEN", "REJECT", "SUPPORT", "AGREE")
#: statement verbs whose object may be the announced action itself (أعلنت الشرطة القبض على ...)
_ANNOUNCE = ("أعلن", "كشف", "أكد")
_KANA = frozenset(("كان", "كانت", "كانا", "كانتا", "كانوا"))  # normalized, without و/ف
#: content markers whose pronoun is the speaker itself (أعلنت الكويت أنها ...)
_SELF_MARKERS = ("انه", "انها", "انهم", "انهما", "بانه", "بانها", "بانهم", "وانه", "وانها")
#: "but it/he" (the speaker's own pronoun after لكن) before a future verb of intent
_BUT_SELF = frozenset(("لكنها", "لكنه", "لكنهم", "لكننا", "ولكنها", "ولكنه", "ولكنهم", "ولكننا", "انها", "انه", "اننا"))
#: tokens of reported content searched for a statement of intent
_INTENT_REACH = 30
#: "including" words after an unnamed object (مواقع بينها الجزيرة نت)
_INCLUDING = frozenset(("بينها", "بينهم", "منها", "منهم", "ومنها", "ومنهم"))
#: forms of جمع "brought together" after a meeting noun (لقاء جمع X بـY)
_GATHER = ("جمع", "جمعت", "يجمع", "تجمع", "جمعه", "جمعها", "جمعهما")
_QUOTES = ('"', "«", "»", "“", "”")
#: commas and quote marks that may stand between a title phrase's organization and its holder
_QUOTE_MARKS = _CLAUSE_BREAK + _QUOTES
#: tokens after a discuss verb in which a telephone cue makes it a call
_PHONE_REACH = 14
_DURING_IT = ("خلالها", "خلاله", "خلالهما", "اثناءها", "اثناءه")  # "during it" before an object (normalized)
_APPOSITION_PUNCT = ("،", ",")
#: prepositions that attach an organization to an unnamed title (مسؤول في، النائب عن، عضو ب)
_TITLE_PREPS = frozenset(("في", "عن", "من", "لدي", "ب"))  # normalized (لدى -> لدي)
#: words after a speech verb searched for its content marker (أن/إن), past a long subject
#: phrase and "في تصريح لـ..."
_CONTENT_REACH = 20
#: words after a rejection searched for what is rejected (an ``opposed`` decision or policy)
_OPPOSED_REACH = 5
#: a preposition with a pronoun that resumes a relative clause's antecedent (الذي وجهت إليه)
_RESUMPTIVE_PREP = frozenset(p + suf for p in ("الي", "علي", "ل", "ب", "من", "مع", "في", "ضد", "عن")
                             for suf in ("ه", "ها", "هم", "هما"))
#: words before an attack noun searched for the death or injury it caused (مقتل X في غارة)
_VICTIM_REACH = 10
#: words after a preposition searched for "including" before its named member (دول بينها إيران)
_INCLUDING_REACH = 7
#: "between them" after a reciprocal trigger (لقاء بينهما)
_BETWEEN_THEM = ("بينهما", "بينهم")
#: words after a verbal noun searched for a verb of occurrence (إيقاف X ومن معه قد حصل)
_HAPPENED_REACH = 7
#: words allowed between an attack noun and the relative verb naming the struck place
_STRUCK_SKIP = 3
#: cooperative categories whose act stated for the future is an intention (CAMEO 03x: 036 meet or
#: negotiate, 032 diplomatic cooperation, 031 material cooperation, 033 aid, 035 yield)
_FUTURE_INTENT = {"CONSULT": "036", "SUPPORT": "032", "COOPERATE": "031", "AID": "033", "CONCEDE": "035"}
#: categories whose target may be a pronoun after a preposition (تم إلقاء القبض عليه)
_PATIENT_CATS = ("COERCE", "ASSAULT", "SANCTION", "RETREAT", "ACCUSE")
#: earlier sentences searched for that pronoun's referent
_PATIENT_BACK = 3
#: material hostile acts: one joined by و to the same actor's previous one shares its target
_HOSTILE_ACTS = ("SANCTION", "COERCE", "ASSAULT")
#: words from "في إشارة إلى" to the name it refers to (الرئيس التركي رجب طيب أردوغان)
_REFERENCE_REACH = 4
#: words from a call or visit to the ل + verbal noun of its purpose (اتصال هاتفي تلقاه من X لتهنئته)
_PURPOSE_REACH = 12
#: words after a threat searched for whom its complement names (هدد X بأن Y ستدمر Z)
_THREAT_REACH = 20
#: words between an evaluative cue and the name it governs (وحشية نظام X, ضعف الموقف السياسي للرحوي)
_CUE_GENITIVE_REACH = 3
#: words back from an evaluative cue to its subject's name (الطرف المحسوب على X انتهك)
_CUE_SUBJECT_REACH = 6
#: codes of a statement recoded by its content whose target is the content's first actor
_CONTENT_TARGET = ("111", "112", "051")
#: tokens of reported content searched for that actor
_CONTENT_SUBJECT_REACH = 2
#: tokens of reported content searched for an evaluative cue (criticism/praise)
_EVAL_WINDOW = 40
#: categories whose unnamed object's author is their target (انتقد التصريحات التي أدلى بها Y)
_EVALUATIVE = ("ACCUSE", "REJECT", "SUPPORT")
#: attack triggers that, with a named person as the attacker, are verbal attacks (criticism)
_VERBAL_ATTACK = ("هاجم", "هجوم", "شن")
#: "his/her/our country" as a subject: the speaker's country
_HIS_COUNTRY = ("بلاده", "بلادها", "بلادنا", "دولته", "دولتها")
#: pronouns before ما that resume the previous clause (وهو ما اعتبرته X ...)
_RESUMPTIVE = frozenset(("هو", "هي", "هذا", "ذلك", "وهو", "وهي", "وهذا", "وذلك"))
#: the detached object pronoun (متهما إياه)
_IYYA = ("اياه", "اياها", "اياهم", "اياهما")
#: "guest of" (ضيف برنامج X): the programme named after it is no actor
_GUEST = ("ضيف", "ضيفه", "ضيوف", "ضيفا")
_RELATIVE_BEFORE = frozenset(("ما", "عما", "مما", "بما", "كما", "فيما", "لما"))


@dataclass(slots=True)
class MentionRef:
    entity: Entity
    mention: Mention
    t0: int  # first token
    t1: int  # last token + 1
    governed: bool  # a preposition or a ب/ل/ك proclitic governs it
    by_prev: bool = False  # governed only by the previous word (which may be a verb: عبّر)
    rank: int = field(init=False)  # priority as an actor: PER 0, ORG 1, GPE 2, LOC 3, other 4, gentilic 5

    def __post_init__(self) -> None:
        self.rank = 5 if self.mention.kind == "nisba" else _TYPE_RANK.get(self.entity.type, 4)


@dataclass(slots=True)
class Match:
    k: int  # head token
    end: int  # token after the tail
    form: Form
    future: bool
    nominal: bool
    tail_tokens: set[int] = field(default_factory=set)
    s: "_Sent | None" = None

    @property
    def head_span(self) -> tuple[int, int]:
        """Offsets of the head token and the tail tokens that follow it without a gap."""
        last = self.k
        while last + 1 in self.tail_tokens:
            last += 1
        return self.s.starts[self.k], self.s.ends[last]

    def sent_span(self, t0: int, t1: int) -> Span:
        return self.s.span(t0, t1)


@dataclass(slots=True)
class Draft:
    """An event being built (token indices are of its sentence)."""

    match: Match
    sent: int
    source: list[str] = field(default_factory=list)
    target: list[str] = field(default_factory=list)
    topic: list[str] = field(default_factory=list)
    topic_span: tuple[int, int] | None = None  # tokens
    content_span: tuple[int, int] | None = None
    source_how: str = ""  # explicit | nisba | pronoun | both | passive
    group_text: str = ""
    modality: str = "asserted"
    attribution: str | None = None
    attribution_text: Span | None = None
    date: DateExpr | None = None
    place: str | None = None
    anaphoric: bool = False
    suppressed: bool = False
    inherited_date: tuple[str, str] | None = None
    tgt_end: int = 0
    light: bool = False  # the actor came through a light verb (عبرت تونس عن إدانتها)
    recode: str | None = None  # a plain statement whose content criticizes/praises (111/051)
    marked_passive: bool = False  # a verb written with the passive vowel (مُنع): its object is the patient
    complement_span: tuple[int, int] | None = None  # اعتبره خطوة إيجابية: the judged object and its complement
    happened: bool = False  # a verbal noun told as having taken place (بعد إيقاف X، إيقاف X قد حصل)
    announced: bool = False  # an act announced by its named agent (أعلنت الشرطة توقيف ثلاثة أشخاص)


class _Sent:
    """Tokens, normalized forms and mentions of one sentence."""

    def __init__(self, lex: Lexicon, doc: Document, idx: int, sent: Sentence, mentions: list[tuple[Entity, Mention]],
                 ntext: str | None = None):
        self.lex = lex
        self.doc = doc
        self.idx = idx
        self.sent = sent
        # tokens as parallel lists (the same tokens as kg.nlp.text.tokenize, cheaper to build)
        text = doc.text
        s0 = sent.start
        raw = text[s0:sent.end]
        if not _HAS_DELETABLE.search(raw):
            # common case: nothing to delete, so the normalized sentence aligns with the text
            spans = [mt.span() for mt in _TOKEN_RE.finditer(text, s0, sent.end)]
            self.starts = [a for a, _b in spans]
            self.ends = [b for _a, b in spans]
            self.texts = [text[a:b] for a, b in spans]
            if ntext is None:
                ntext = normalize(raw)
            self.norms = [ntext[a - s0:b - s0] for a, b in spans]
        else:
            self.starts, self.ends, self.texts = [], [], []
            for mt in _TOKEN_RE.finditer(text, s0, sent.end):
                a, b = mt.span()
                while a < b and text[a] in INVISIBLE:
                    a += 1
                while b > a and text[b - 1] in INVISIBLE:
                    b -= 1
                if a < b:
                    self.starts.append(a)
                    self.ends.append(b)
                    self.texts.append(text[a:b])
            self.norms = [normalize(t) for t in self.texts]
        self.toks = self.texts  # length and truthiness
        self.bare = [n[1:] if len(n) >= 3 and n[0] in "وف" else n for n in self.norms]
        self.ment_at: list[MentionRef | None] = [None] * len(self.toks)
        self.refs: list[MentionRef] = []
        self._mentions = mentions
        self.modal: list[tuple] | None = None  # modality cues per token (kg.events.extract.Coder)

    def attach_mentions(self) -> None:
        """Map the sentence's entity mentions onto its tokens (only for sentences with a trigger)."""
        lex, doc, mentions = self.lex, self.doc, self._mentions
        ends = self.ends
        preps = lex.cues.get("prep", _NO_CUES)
        refs: list[MentionRef] = []
        for ent, m in mentions:
            t0 = bisect_right(ends, m.start)
            if t0 >= len(self.toks) or self.starts[t0] >= m.end:
                continue
            t1 = t0 + 1
            while t1 < len(self.toks) and self.starts[t1] < m.end:
                t1 += 1
            prefix = doc.text[self.starts[t0]:m.start]
            governed = ("ب" in prefix or "ل" in prefix or "ك" in prefix) and not prefix.startswith("ال")
            by_prev = False
            if not governed and t0 > 0:
                prev = self.bare[t0 - 1]
                if prev in preps or self.norms[t0 - 1] in preps:
                    governed = by_prev = True
            ref = MentionRef(ent, m, t0, t1, governed)
            ref.by_prev = by_prev
            refs.append(ref)
        # longer and better-ranked mentions first, so they own their tokens
        refs.sort(key=lambda r: (-(r.t1 - r.t0), r.rank))
        for r in refs:
            for i in range(r.t0, r.t1):
                if self.ment_at[i] is None:
                    self.ment_at[i] = r
        self.refs = sorted(refs, key=lambda r: r.t0)
        self._mentions = []

    def span(self, t0: int, t1: int) -> Span:
        t1 = max(t1, t0 + 1)
        return Span.of(self.doc.text, self.starts[t0], self.ends[min(t1, len(self.toks)) - 1])

    def is_punct_stop(self, i: int) -> bool:
        return self.norms[i] in _PUNCT_STOP

    def skip_qad(self, k: int) -> int:
        """Where the subject before the verb at ``k`` ends: ``k``, or ``k - 1`` when the particle
        قد stands between them ("وكانت تركيا قد اعتقلت X")."""
        return k - 1 if k > 1 and self.norms[k - 1] == "قد" else k

    def is_stop(self, i: int) -> bool:
        """A token that ends a noun phrase (outside mentions)."""
        if self.ment_at[i] is not None:
            return False
        n, b = self.norms[i], self.bare[i]
        if n in _PUNCT_STOP:
            return True
        if b is not n and self.lex.is_cue("title", n):
            return False  # "والي تطاوين": a title word that begins with و (not و + إلى)
        # prepositions (also with a pronoun suffix: خلالها, معه, عليه) and clause openers
        stop = self.lex.np_stop
        return n in stop or b in stop


def _marked_passive(word: str) -> bool:
    """A verb written with the passive vowel: damma on its first letter (مُنع، اُعتقل، وأُوقف، يُعتقل)."""
    i = 0
    if len(word) > 2 and word[0] in "وف" and word[1] not in _DAMMA_MARKS:
        i = 1  # conjunction
    # first letter (a hamza seat or alif may carry the damma: أُعلن، اُعتقل)
    if i + 1 < len(word) and word[i + 1] == "\u064f":
        return True
    # a past verb of the forms افتعل/انفعل/استفعل marks its passive on the letter after the
    # alif's syllable: اعتُقل، استُهدف، انتُخب
    if word[i:i + 1] == "ا" and len(word) > i + 3:
        letters = [c for c in word[i + 1:i + 6] if c not in _DAMMA_MARKS]
        marks = word[i + 1:i + 6]
        return "\u064f" in marks and marks.index("\u064f") <= 3 and len(letters) >= 2
    return False


_DAMMA_MARKS = "\u064f\u064e\u0650\u0652\u0651"


def _one_person(refs: list[MentionRef]) -> bool:
    """Do the mentions name one person only (who cannot be the subject of a plural verb)?"""
    named = [r for r in refs if r.mention.kind != "nisba"]  # (a gentilic qualifies the person: للرئيس التركي X)
    return bool(named) and all(r.entity.type == "PER" for r in named) and len({r.entity.id for r in named}) == 1


#: the largest offset at which a trigger reading of a word may start: a proclitic (at most
#: 4 letters, kg.nlp.text.PROCLITICS) and then the article ال (2)
_MAX_CAND_OFFSET = max(len(p) for p in PROCLITICS) + 2


def _bare(n: str) -> str:
    """Drop one leading و or ف (conjunctions) from a normalized word."""
    if len(n) >= 3 and n[0] in "وف":
        return n[1:]
    return n


def _title_stem(w: str) -> str:
    """A title word without its article and feminine ending (النائبة -> نائب)."""
    if w.startswith("ال") and len(w) > 4:
        w = w[2:]
    if w.endswith("ه") and len(w) > 3:
        w = w[:-1]
    return w


def _uniq(xs):
    seen = set()
    out = []
    for x in xs:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out


class Coder:
    """Codes the events of one document (a fresh one per document; no shared state)."""

    def __init__(self, lex: Lexicon, doc: Document, sentences: list[Sentence], entities: list[Entity]):
        self.lex = lex
        self.doc = doc
        self.sentences = sentences
        self.entities = {e.id: e for e in entities}
        self.doc_date = parse_doc_date(doc.date)
        by_sent: dict[int, list[tuple[Entity, Mention]]] = {}
        starts = [s.start for s in sentences]
        for e in entities:
            for m in e.mentions:
                si = m.sentence
                if si is None or not (0 <= si < len(sentences)) or not (sentences[si].start <= m.start < sentences[si].end):
                    si = _find_sentence(starts, sentences, m.start)
                if si is not None:
                    by_sent.setdefault(si, []).append((e, m))
        self.by_sent = by_sent
        self.drafts: list[Draft] = []
        self.last_actor: list[str] = []
        self.last_actor_how = ""
        self.last_speaker: list[str] = []  # the source of the last speech act (for وأضاف ...)
        self.last_speaker_how = ""
        self.last_pair: tuple[list[str], list[str]] | None = None
        self.last_date: tuple[str, str] | None = None
        # "السلطات الجزائرية" acts for its state: the authority's country (when the document
        # names it) joins such an actor
        gpe_of = {e.country: e.id for e in entities if e.type == "GPE" and e.country and e.id.endswith(e.country)}
        self.state_of: dict[str, str] = {}
        for e in entities:
            if e.type == "ORG" and e.country in gpe_of and e.label:
                head = normalize(e.label.split()[0])
                if lex.is_cue("statehead", head):
                    self.state_of[e.id] = gpe_of[e.country]
        self._title_words: dict[str, set[str]] | None = None  # PER id -> its title words (lazy)
        self._org_heads: dict[str, list[tuple[int, str]]] | None = None  # institution noun -> ORG mentions (lazy)
        self._outlets: set[str] = set()  # ORG ids named as news outlets so far (صحيفة X، وكالة رويترز)
        self._outlet_label: dict[str, bool] = {}  # ORG id -> its label names a news outlet

    # --- triggers --------------------------------------------------------------------
    def find_triggers(self, s: _Sent) -> list[Match]:
        out: list[Match] = []
        used: set[int] = set()
        cache = self.lex.readings_cache
        readings = self._readings
        self._verbs_seen: set[int] = set()  # tokens read as verbs so far (left to right)
        rs = list(map(cache.get, s.norms))
        if None in rs:  # words not met before
            rs = [readings(w) if r is None else r for w, r in zip(s.norms, rs)]
        cands_at = [(k, r) for k, r in enumerate(rs) if r]
        for k, cands in cands_at:
            if k in used:
                continue
            best: Match | None = None
            best_key = None
            teh_marbuta = s.texts[k].rstrip(DIACRITICS_SET).endswith("ة")
            verb_ok = None
            for form, future, nominal_clitic in cands:
                trig = form.trigger
                if future and form.tense != "present":
                    continue
                if teh_marbuta and form.tense in ("past", "present", "word"):
                    continue  # ة ends nouns (and participles), never a verb form
                if form.tense == "participle" and trig.plover != "STATEMENT" and not trig.tail and not (
                        k > 0 and s.norms[k - 1] in _CLAUSE_BREAK):
                    continue  # "، متهما إياه": circumstantial only after a clause break (not "المتهم")
                if form.tense in ("past", "word"):
                    if verb_ok is None:
                        verb_ok = self._verb_context(s, k)
                    if not verb_ok:
                        continue  # "محاولة قتل", "دعم الإرهاب": the verbal noun, not the verb
                end, tail_toks = self._match_tail(s, k + 1, trig.tail)
                if end is None:
                    continue
                if trig.frame.get("named_gap") and tail_toks and not self._names_only(s, k + 1, min(tail_toks)):
                    continue  # "قطع أبوظبي العلاقات": only the noun's named agent stands in its gap
                is_noun = trig.kind == "noun"
                key = (
                    len(trig.tail) > 0,
                    is_noun == nominal_clitic,  # a clitic/article favours the noun reading
                    trig.strength,
                )
                if best_key is None or key > best_key:
                    best_key = key
                    best = Match(k, end, form, future, is_noun, tail_toks)
            if best is not None:
                if best.form.tense in ("past", "present", "word") and not best.nominal:
                    self._verbs_seen.add(k)
                out.append(best)
                used.add(k)
                used |= best.tail_tokens
        return out

    def _verb_context(self, s: _Sent, k: int) -> bool:
        """May token ``k`` (a past-tense form) be a verb here?

        A bare stem such as قتل, قصف, دعم is also the verbal noun; after a noun
        (``محاولة قتل``) it is the noun.  A verb opens its clause: sentence start, a
        conjunction on the word itself, punctuation, a particle (قد, كان, حيث ...), a
        relative or complementizer, a negation, or its subject (a mention: SVO).
        """
        if k == 0:
            return True
        tok = s.norms[k]
        if tok[0] in "وف" and tok[1:] and s.bare[k] != tok:
            return True
        prev, pbare = s.norms[k - 1], s.bare[k - 1]
        lex = self.lex
        if prev in _PUNCT_STOP or prev in ("،", ",", "-", "–"):
            return True
        if s.ment_at[k - 1] is not None:
            # "أكد لافروف دعم روسيا ...": after a verb and its subject, a bare stem is the verb's
            # object (the verbal noun), not a second verb
            r = s.ment_at[k - 1]
            if r.t0 > 0 and s.ment_at[r.t0 - 1] is None and (r.t0 - 1) in self._verbs_seen:
                return False
            return True
        opens = lex.cue_words("verbctx", "boundary", "neg", "passive", "future", "both", "cond")
        if prev in opens or pbare in opens:
            return True
        if prev in ("و", "ف", "ان", "انه", "انها", "بان", "الذي", "التي", "الذين") or pbare in ("ان", "انه", "انها"):
            return True
        if self._resumptive(s, k):
            return True  # "وهو ما اعتبرته قطر"
        # the previous word is itself a verb or a title word of an SVO subject
        if lex.is_cue("title", pbare) or lex.is_cue("title", prev) or lex.is_cue("group", pbare) or lex.is_cue("counterpart", pbare):
            return True
        if pbare in lex.forms and any(f.tense in ("past", "present", "word") and not f.trigger.tail
                                      for f in lex.forms[pbare]):
            return True  # (not a verb that is a trigger only with its tail: "دفع ثمن" is no praise)
        return False

    def _readings(self, norm: str):
        """(Form, future, had_article_or_preposition) readings of one token (cached)."""
        cache = self.lex.readings_cache
        got = cache.get(norm)
        if got is None:
            got = list(self._readings_uncached(norm))
            if len(cache) < 200_000:
                cache[norm] = got
        return got

    def _readings_uncached(self, norm: str):
        lex = self.lex
        # quick rejection (most words): every candidate below is a suffix of the word that
        # starts within its first _MAX_CAND_OFFSET characters, or ال + such a suffix (after
        # ال or لل in the word)
        if not lex.has_form_suffix(norm, _MAX_CAND_OFFSET):
            return
        seen = set()
        cands: list[tuple[str, bool, bool]] = [(norm, False, False)]
        b = _bare(norm)
        if b != norm:
            cands.append((b, False, False))
        for w in list(cands):
            if w[0].startswith("س") and len(w[0]) > 3:
                cands.append((w[0][1:], True, False))
        for plen, stem in proclitic_splits(norm):
            if plen == 0 and not stem.startswith("ال"):
                continue
            if stem.startswith("ال") and len(stem) > 4:
                cands.append((stem[2:], False, True))
            if plen:
                cands.append((stem, False, True))
        for w, fut, clitic in cands:
            for form in lex.forms.get(w, ()):
                key = (id(form), fut)
                if key in seen:
                    continue
                seen.add(key)
                if clitic and form.tense != "noun":
                    continue  # verbs do not take the article or a preposition
                yield form, fut, clitic

    @staticmethod
    def _names_only(s: _Sent, a: int, b: int) -> bool:
        """Do tokens [a, b) hold only named (non-gentilic) mentions and the و/commas joining them?"""
        for j in range(a, b):
            r = s.ment_at[j]
            if r is None:
                if s.norms[j] not in ("و", "،", ","):
                    return False
            elif r.mention.kind == "nisba":
                return False
        return True

    def _match_tail(self, s: _Sent, i: int, tail: tuple) -> tuple[int | None, set[int]]:
        toks: set[int] = set()
        n = len(s.toks)
        gap = False
        boundary = self.lex.cues.get("boundary", {})
        norms, bare = s.norms, s.bare
        for el in tail:
            if el is GAP:
                gap = True
                continue
            # the gap counts words: quotes and commas around a name in it are not words
            # (حمّل X نائب رئيس "الجبهة الوطنية" فلان، مسؤولية ...)
            found = None
            skipped = 0
            for j in range(i, n):
                w = norms[j]
                if w in ".:؛;!?؟" or (j > i and bare[j] in boundary):
                    break
                if w in el or self._tok_in(w, el):
                    found = j
                    break
                if not gap:
                    break
                if w.strip(_EDGE_PUNCT):
                    skipped += 1
                    if skipped >= MAX_GAP + 1:
                        break
            if found is None:
                return None, set()
            toks.add(found)
            i = found + 1
            gap = False
        return i, toks

    def _tok_in(self, norm: str, alts: frozenset) -> bool:
        """Does a word (with or without its proclitics and article) match a tail element?"""
        if norm in alts:
            return True
        prefixes = self.lex.prefix_cache.get(alts)
        if prefixes is None:
            prefixes = self.lex.prefix_cache[alts] = tuple(a[:-1] for a in alts if a.endswith("*"))
        for p in prefixes:
            if norm.startswith(p) and len(norm) > len(p) + 2:
                return True
        cache = self.lex.stems_cache
        stems = cache.get(norm)
        if stems is None:
            st = set()
            for _plen, stem in proclitic_splits(norm):
                st.add(stem)
                if stem.startswith("ال"):
                    st.add(stem[2:])
            stems = frozenset(st)
            if len(cache) < 200_000:
                cache[norm] = stems
        return not stems.isdisjoint(alts)

    # --- noun phrases ----------------------------------------------------------------
    def _pick(self, refs: list[MentionRef]) -> list[MentionRef]:
        """The head mention(s) of a phrase: best rank; coordinated ones of that rank."""
        if not refs:
            return []
        best = min(r.rank for r in refs)
        return [r for r in refs if r.rank == best]

    def np_after(self, s: _Sent, i: int, limit: int = 10, allow_governed: bool = False) -> tuple[list[MentionRef], int]:
        """Mentions of the noun phrase starting at token ``i`` and the token after it."""
        n = len(s.toks)
        # "اعتقلت السلطات ناصر الزفزافي": an unnamed group noun is a complete subject; the
        # name after it is the object, not part of the subject phrase
        if i < n and s.ment_at[i] is None and self.lex.is_cue("group", s.bare[i]):
            qualified = False  # نشطاء البيئة الأذربيجانيين, قوات الاحتلال: a named or gentilic group
            group = s.bare[i]
            sound_plural = group.endswith(("ون", "ين"))
            for q in range(i + 1, min(n, i + 4)):
                r = s.ment_at[q]
                if r is not None:
                    # a gentilic qualifies it a few words on (نشطاء البيئة الأذربيجانيين); a name only
                    # as its genitive, right after it, and a sound plural with its ن cannot take a
                    # genitive ("هاجم مسلحون مقر حركة X": the name belongs to the object)
                    named = s.bare[r.t0]
                    # "خطف مسلحون مجهولون دبلوماسيا مصريا": a sound plural agrees with a plural
                    # gentilic only; a singular one belongs to the object
                    agrees_number = not sound_plural or named.endswith(("ون", "ين"))
                    # "اعتقلت قوات الأمن ناشطين مصريين": a definite group takes a definite gentilic
                    group_definite = group.startswith("ال") or (i + 1 < q and s.norms[i + 1].startswith("ال"))
                    agrees_definite = group_definite == named.startswith("ال")
                    qualified = (r.mention.kind == "nisba" and agrees_number and agrees_definite) or (
                        r.entity.type != "PER" and q == i + 1 and not sound_plural)
                    break
                if s.is_stop(q) or s.is_punct_stop(q):
                    break
            if not qualified:
                return [], i + 1
        if i + 2 < n and s.ment_at[i] is None and self.lex.is_cue("document", "ال" + s.bare[i]) and \
                s.bare[i + 1] in ("صادر", "الصادر") and s.norms[i + 2] == "عن" and i + 3 < n and \
                s.ment_at[i + 3] is not None and s.ment_at[i + 3].t0 == i + 3:
            # "أفاد بيان صادر عن حركة X": the issuer named right after عن speaks
            r = s.ment_at[i + 3]
            return [r], r.t1
        refs: list[MentionRef] = []
        j = i
        steps = 0
        # an organization that only qualifies the subject's head ("مسؤول في البيت الأبيض",
        # "المكتب السياسي لحزب X"): the actor when no name heads the phrase
        fallback: MentionRef | None = None
        titled = i < n and s.ment_at[i] is None and (
            self.lex.is_cue("title", s.bare[i]) or self.lex.is_cue("title", s.norms[i]))  # وزير: not و + زير
        if titled and (s.norms[i] if self.lex.is_cue("title", s.norms[i]) else s.bare[i]).startswith("ال") and i + 1 < n:
            r = s.ment_at[i + 1]
            if r is not None and r.t0 == i + 1 and r.entity.type == "GPE" and r.mention.kind != "nisba" and not (
                    # "السلطات السعودية": a country name that is also its definite feminine
                    # gentilic agrees with a feminine title as an adjective (not "الوزير السعودية")
                    s.norms[i + 1].startswith("ال") and s.norms[i + 1].endswith("يه") and r.t1 == i + 2
                    and s.bare[i].endswith(("ه", "ات"))):
                # "وانتقد الوزير روسيا": a definite title takes no genitive; the country after it
                # is the object, and the title an unnamed subject
                return [], i + 1
        while j < n and steps < limit:
            # "عدد من نواب البرلمان": a quantifier and its من belong to the phrase
            if (s.ment_at[j] is None and j + 1 < n and s.norms[j + 1] == "من"
                    and self.lex.is_cue("quantity", s.bare[j])):
                j += 2
                steps += 2
                continue
            if fallback is not None and not refs and s.ment_at[j] is None:
                # after the qualifying organization only an apposed name continues the
                # phrase ("عضو في البرلمان، "فلان""); anything else ends it
                if s.bare[j] in _TITLE_PREPS and j + 1 < n and s.ment_at[j + 1] is not None and (
                        s.ment_at[j + 1].t0 == j + 1 and s.ment_at[j + 1].entity.type == "ORG"):
                    # "النائب بمجلس الشعب عن حركة X، فلان": a second qualifying body
                    j = s.ment_at[j + 1].t1
                    steps += 1
                    continue
                if s.bare[j] in _TITLE_PREPS and j + 2 < n and s.ment_at[j + 1] is None \
                        and self.lex.is_cue("orghead", s.bare[j + 1]) and s.ment_at[j + 2] is not None \
                        and s.ment_at[j + 2].t0 == j + 2 and s.ment_at[j + 2].entity.type == "ORG":
                    # "النائب بمجلس الشعب عن حزب X": the second body's generic head (حزب،
                    # حركة) is left out of its name
                    j = s.ment_at[j + 2].t1
                    steps += 1
                    continue
                if s.norms[j][:1] == "و" and j + 1 < n and (self.lex.is_cue("title", s.bare[j])
                                                            or self.lex.is_cue("title_of", s.bare[j])):
                    # "النائب في مجلس X والقيادي في الجبهة Y فلان": a second title of the same
                    # holder, with its own qualifying body
                    j += 1
                    steps += 1
                    continue
                if (j + 1 < n and s.ment_at[j + 1] is not None and s.ment_at[j + 1].t0 == j + 1
                        and s.ment_at[j + 1].entity.type == "PER" and s.ment_at[j + 1].mention.kind != "nisba"
                        and s.norms[j][:1].isalpha() and not s.is_stop(j) and not self._is_trigger_head(s, j)
                        and s.norms[j].startswith("ال") and not s.norms[j].endswith(("ة", "ه"))):
                    # "القيادي في حركة X العجمي الوريمي": the holder's first name was not
                    # recognized with the rest of the name; the person right after it holds the title
                    j += 1
                    continue
                if s.norms[j] in _APPOSITION_PUNCT:
                    q = j + 1
                    while q < n and s.norms[q] in _QUOTES:
                        q += 1
                    pr = s.ment_at[q] if q < n else None
                    # a person, or any quoted name (its type may be mistaken)
                    if pr is not None and pr.t0 == q and pr.mention.kind != "nisba" and (
                            pr.entity.type == "PER" or (q > j + 1 and pr.entity.type != "LOC")):
                        j = q
                        continue
                    break
                if s.norms[j] not in _QUOTES:
                    break
            if s.norms[j] in _QUOTES and j + 1 < n and not refs:
                pr = s.ment_at[j + 1]
                if pr is not None and pr.t0 == j + 1 and pr.entity.type in ("PER", "ORG") and pr.mention.kind != "nisba":
                    j += 1  # a quoted name: "طارق الجروشي"
                    continue
            if s.is_stop(j) and not (j == i and allow_governed):
                if (titled and not refs and fallback is None and j > i and j + 1 < n
                        and s.bare[j] in _TITLE_PREPS):
                    r = s.ment_at[j + 1]
                    if r is not None and r.t0 == j + 1 and r.entity.type == "ORG" and r.mention.kind != "nisba":
                        fallback = r
                        j = r.t1
                        steps += 1
                        continue
                    if (r is not None and r.t0 == j + 1 and s.norms[j] == "في" and r.entity.type in ("GPE", "LOC")
                            and r.mention.kind != "nisba" and r.t1 < n):
                        pr = s.ment_at[r.t1]
                        if pr is not None and pr.t0 == r.t1 and pr.entity.type == "PER" and pr.mention.kind != "nisba":
                            # "رئيسة سلطة المعايير في بريطانيا روث ايفانز": where the title is held,
                            # then its holder's name (the place alone is no actor: "السفير الأمريكي
                            # في تونس" speaks for his own country)
                            j = r.t1
                            steps += 1
                            continue
                break
            if self._is_trigger_head(s, j):
                break
            if j > i and s.ment_at[j] is None and self._counterpart_word(s, j):
                break  # "التقى الرئيس التونسي (ب)نظيره الفرنسي": the counterpart starts the object
            if (j > i and refs and all(r.mention.kind == "nisba" for r in refs) and refs[-1].t1 == j
                    and s.ment_at[j] is not None and s.ment_at[j].t0 == j and s.ment_at[j].entity.type == "PER"
                    and s.ment_at[j].mention.kind != "nisba" and s.ment_at[i] is None
                    and self.lex.is_cue("group", s.bare[i])):
                # "اعتقلت السلطات التونسية ناصر الزفزافي", "اعتقل الأمن التونسي X": a person's name
                # after a group or institution closed by its gentilic is the object, not an apposition
                break
            if (j > i and refs and all(r.mention.kind == "nisba" for r in refs) and refs[-1].t1 == j
                    and s.ment_at[j] is None and s.ment_at[i] is None and self.lex.is_cue("group", s.bare[i])
                    and s.norms[j].startswith("ال") and self.lex.is_cue("title", s.norms[j])):
                # "أوقفت السلطات التركية القنصلة الفخرية ...", "اعتقلت الشرطة الفرنسية الناشط X":
                # a definite title after a group closed by its gentilic starts the object
                break
            if (j > i and not (titled and not self.lex.is_cue("group", s.bare[i])) and refs and refs[-1].t1 == j
                    and refs[-1].t0 > i and refs[-1].mention.kind == "nisba"
                    and s.ment_at[j] is None and s.norms[refs[-1].t0].startswith("ال") and s.norms[j][:1].isalpha()
                    and not s.norms[j].startswith(("ال", "و", "ل", "ب")) and not self.lex.is_cue("title", s.bare[j])):
                # "قصفت الطائرات الإسرائيلية مواقع ...": an indefinite noun cannot qualify the
                # definite phrase that a gentilic adjective closes; it starts the object (not
                # after a title, where an unrecognized first name may follow: الرئيس الفرنسي فرنسوا)
                break
            r = s.ment_at[j]
            if r is not None and (r.entity.type == "LOC" or (
                    r.t0 > 0 and s.bare[r.t0 - 1] in _GUEST and r.t0 == j)):
                # places, and the programme whose guest the speaker is (ضيف بوليتيكا)
                j = r.t1
                steps += 1
                continue
            if r is not None:
                if (not r.governed) or allow_governed or r.t0 < i:
                    if r.mention.kind != "nisba" and r.entity.type in ("PER", "ORG", "GPE"):
                        if r.entity.type != "PER":
                            # "الأمين العام لحزب X، محسن مرزوق": an organization or country in
                            # a title phrase, then the person the title belongs to
                            q = r.t1
                            while q < n and q - r.t1 < 6:
                                mq = s.ment_at[q]
                                if mq is None and (s.norms[q] in _QUOTE_MARKS or s.lex.is_cue("title", s.bare[q])
                                                   or s.lex.is_cue("title", s.norms[q])):
                                    q += 1
                                elif mq is None and q + 1 < n and (s.norms[q] == "في" or s.norms[q][:1] == "ب") and (
                                        s.ment_at[q + 1] is not None and s.ment_at[q + 1].entity.type in ("GPE", "LOC")
                                        and s.ment_at[q + 1].mention.kind != "nisba"):
                                    q = s.ment_at[q + 1].t1  # "نائب حركة X بولاية سوسة، فلان": where the body sits
                                elif mq is not None and mq.governed and mq.t0 == q and mq.entity.type in ("GPE", "LOC"):
                                    q = mq.t1  # "النائب عن حزب X بتونس، فلان"
                                else:
                                    break
                            pr = s.ment_at[q] if q < n else None
                            # "رئيس حزب X سليم ..."، "الناطق باسم الجبهة X حمة ...": right after a
                            # title word the organization is its genitive, and a name that follows
                            # at once is the title holder (without the title word it is an object:
                            # "اعتقلت الشرطة التونسية فلانا")
                            # (a quoted organization: نائب رئيس "الجبهة الوطنية" فلان)
                            t_prev = r.t0 - 1
                            if t_prev > i and s.norms[t_prev] in _QUOTES:
                                t_prev -= 1
                            # (r.t0 > i gives t_prev >= i: the quote is stepped over only when t_prev > i)
                            in_title = r.t0 > i and (s.lex.is_cue("title", s.bare[t_prev])
                                                     or s.lex.is_cue("title", s.norms[t_prev])
                                                     or s.lex.is_cue("title_of", s.bare[t_prev]))
                            # ("اعتقلت الشرطة التونسية الناشط X": an organization heading the
                            # phrase, then a definite title with no comma: the title opens the object)
                            heads_object = (r.t0 == i and q > r.t1 and s.norms[r.t1].startswith("ال")
                                            and (s.lex.is_cue("title", s.norms[r.t1]) or s.lex.is_cue("title", s.bare[r.t1]))
                                            and not any(s.norms[x] in ("،", ",") for x in range(r.t1, q)))
                            if pr is not None and pr.entity.type == "PER" and pr.mention.kind != "nisba" and (
                                    q > r.t1 or in_title) and not heads_object:
                                r = pr
                        refs.append(r)
                        j = r.t1
                        # coordination: و + mention / و + title ...
                        if j < n and (s.norms[j].startswith("و") or s.norms[j] == "و") and j + 1 <= n and not (
                                s.ment_at[j] is not None and s.ment_at[j].mention.start == s.starts[j]):
                            nxt = s.ment_at[j] if s.norms[j] != "و" else (s.ment_at[j + 1] if j + 1 < n else None)
                            if nxt is not None or s.lex.is_cue("title", s.bare[j]) or s.lex.is_cue("group", s.bare[j]):
                                sub, j2 = self.np_after(s, j + (1 if s.norms[j] == "و" else 0), limit=6, allow_governed=True)
                                if sub:
                                    refs.extend(sub)
                                    j = j2
                        break
                    refs.append(r)
                elif (fallback is None and not refs and r.entity.type == "ORG" and r.mention.kind != "nisba"
                      and r.t0 > i and r.t0 - i <= 3 and s.ment_at[i] is None
                      and not self._addressed_medium(s, r.t0)):
                    fallback = r  # "المكتب السياسي لحزب X"
                j = r.t1
                steps += 1
                continue
            if s.is_punct_stop(j):
                break
            j += 1
            steps += 1
        if not refs and fallback is not None:
            refs = [fallback]
        return refs, j

    def _counterpart_word(self, s: _Sent, j: int) -> bool:
        """``نظيره``, ``بنظيره``, ``لنظيرته``: a "his counterpart" noun (with or without a preposition)."""
        b = s.bare[j]
        lex = self.lex
        return lex.is_cue("counterpart", b) or (len(b) > 3 and b[0] in "بل" and lex.is_cue("counterpart", b[1:]))

    def _addressed_medium(self, s: _Sent, k: int) -> bool:
        """``لوكالة X``/``للصحيفة``: a news medium the speaker talked to (cue ``media``), not the
        organization that qualifies the speaker's title (``المكتب السياسي لحزب X``)."""
        n = s.norms[k]
        if n == "ل" and k + 1 < len(s.toks):
            # "في تصريح لـ "الجوهرة أف أم"": the preposition written apart, then the medium's name
            q = k + 1
            while q < len(s.toks) - 1 and s.norms[q] in _QUOTES:
                q += 1
            r = s.ment_at[q]
            if r is None or r.t0 != q:
                return self.lex.is_cue("media", s.norms[q])
            k = q
        elif n.startswith("لل"):
            if self.lex.is_cue("media", "ال" + n[2:]):
                return True
        elif not (n.startswith("ل") and len(n) > 2):
            return False
        elif self.lex.is_cue("media", n[1:]):
            return True
        # "في تصريح للجوهرة أف أم": a medium known by its name (an organization whose name
        # begins with a media word: إذاعة، وكالة، صحيفة)
        r = s.ment_at[k]
        if r is None or r.t0 != k or r.entity.type != "ORG" or not r.entity.label:
            return False
        head = normalize(r.entity.label.split()[0])
        return self.lex.is_cue("media", head) or self.lex.is_cue("media", "ال" + head)

    def _people_after(self, s: _Sent, i: int) -> bool:
        """Does an unnamed group of people start at token ``i`` (ثلاثة أشخاص، 12 متهما، عناصر)?"""
        if i >= len(s.toks):
            return False
        w = s.norms[i]
        return w.isdigit() or self.lex.is_cue("people", w) or (w[:2] == "ال" and self.lex.is_cue("people", w[2:]))

    def _masculine_head(self, s: _Sent, i: int) -> bool:
        """The phrase at token ``i`` is headed by a masculine noun (مجلس، الجيش، حزب، الرئيس)."""
        while i < len(s.toks) and s.norms[i] in _QUOTES:
            i += 1
        return i < len(s.toks) and (self.lex.is_cue("masc", s.norms[i]) or self.lex.is_cue("masc", s.bare[i]))

    def _feminine_state_after_masculine_verb(self, s: _Sent, k: int, r: MentionRef, start0: int) -> bool:
        """Is the verb at ``k`` a third person masculine singular form (no ت- prefix, no -ت
        suffix before an object pronoun) right before the name of a state, which takes a feminine
        verb unless it is one of the masculine country names (``masc_state`` in cues.tsv)?"""
        if r.t0 != start0 or start0 != k + 1 or r.mention.kind != "name" or not _COUNTRY_ID.match(r.entity.id):
            return False
        w = s.bare[k]
        if w[:1] == "س" and len(w) > 3:
            w = w[1:]
        for suf in ("هما", "هم", "ها", "ه"):
            if w.endswith(suf) and len(w) > len(suf) + 2:
                w = w[: -len(suf)]
                break
        if w[:1] in "تن" or w.endswith(("ت", "تا", "وا", "و")):
            return False  # feminine, first person, dual or plural
        if any(f.tense == "noun" for f in self.lex.forms.get(w, ())):
            return False  # "ومنع أمريكا": also the verbal noun with its genitive
        return not (self.lex.is_cue("masc_state", s.norms[r.t0]) or self.lex.is_cue("masc_state", s.bare[r.t0]))

    def _outlet_mention(self, s: _Sent, r: MentionRef) -> bool:
        """An organization named as a news outlet: after an outlet noun (صحيفة "الخبر"، لقناة X),
        or by a label that begins with one (قناة الجزيرة، وكالة رويترز, not وكالة الطاقة الذرية)."""
        q = r.t0 - 1
        while q >= 0 and s.norms[q] in _QUOTES:
            q -= 1
        if q >= 0 and s.ment_at[q] is None:
            w = s.bare[q]
            if self.lex.is_cue("outlet", w) or (len(w) > 3 and (
                    (w[0] in "لب" and self.lex.is_cue("outlet", w[1:]))
                    or (w.startswith("لل") and self.lex.is_cue("outlet", "ال" + w[2:])))):
                return True
        eid = r.entity.id
        known = self._outlet_label.get(eid)
        if known is None:
            words = normalize(r.entity.label or "").split()
            v = self.lex.cue("outlet", words[0]) if words else None
            known = v == "" or (v == "name" and len(words) > 1 and (
                self.lex.is_cue("outlet", words[1]) or not words[1].startswith("ال")))
            self._outlet_label[eid] = known
        return known

    def head_actors(self, refs: list[MentionRef]) -> tuple[list[str], str]:
        picked = self._pick(refs)
        if not picked:
            return [], ""
        how = "nisba" if picked[0].mention.kind == "nisba" else "explicit"
        named = [r for r in refs if r.mention.kind != "nisba" and r.entity.type in ("PER", "ORG", "GPE")]
        if named:
            # coordinated heads of different types (السامرائي والسفير التركي) all count
            return _uniq(r.entity.id for r in self._coordinated(refs)), "explicit"
        return _uniq(r.entity.id for r in picked), how

    def _coordinated(self, refs: list[MentionRef]) -> list[MentionRef]:
        """First named head plus coordinated heads (a title phrase with a gentilic counts)."""
        out = []
        # within coordination, each conjunct contributes its best mention
        conj: list[list[MentionRef]] = [[]]
        prev_t1 = None
        for r in refs:
            if prev_t1 is not None and r.t0 >= prev_t1 and self._conj_between(r):
                conj.append([])
            conj[-1].append(r)
            prev_t1 = r.t1
        for c in conj:
            p = self._pick(c)
            if p:
                out.append(p[0])
        return out

    def _conj_between(self, r: MentionRef) -> bool:
        s = self._cur
        t_start = s.starts[r.t0]
        if r.mention.start > t_start and s.doc.text[t_start] == "و":
            return True
        # "والسفير التركي": a conjunction on a title word before the mention
        for j in range(r.t0 - 1, max(-1, r.t0 - 4), -1):
            if s.norms[j] == "و" or (s.norms[j].startswith("و") and (s.lex.is_cue("title", s.bare[j]) or s.lex.is_cue("group", s.bare[j]))):
                return True
            if s.ment_at[j] is not None:
                return False
        return False

    def _governed_subject(self, s: _Sent, r: MentionRef) -> MentionRef | None:
        """The subject of a verb right after the governed mention ``r`` (subject-verb order), when
        ``r`` only completes it: an organization's seat (``سفارة X بتونس``, ``مكتب X في القاهرة``)
        gives the organization before it; an organization after an unnamed title (``الأمين العام
        لحركة X``, ``رئيس حزب X``) is the organization itself.  None otherwise."""
        q = r.t0
        if r.entity.type in ("GPE", "LOC") and r.mention.kind != "nisba":
            if q > 0 and s.ment_at[q - 1] is None and s.norms[q - 1] == "في":
                q -= 1
            elif not s.norms[q].startswith("ب"):
                return None
            seat_of = s.ment_at[q - 1] if q > 0 else None
            if seat_of is not None and seat_of.t1 == q and not seat_of.governed and seat_of.entity.type == "ORG" \
                    and seat_of.mention.kind != "nisba":
                return seat_of
            return None
        if r.entity.type != "ORG" or r.mention.kind == "nisba" or q == 0:
            return None
        # the genitive of a title (رئيس حزب X) or its ل (الأمين العام لحركة X), with at most one
        # adjective between (العام، الأول), at the start of its clause
        t = q - 1
        if s.ment_at[t] is not None:
            return None
        if not (self.lex.is_cue("title", s.bare[t]) or self.lex.is_cue("title", s.norms[t])):
            if not s.norms[q].startswith("ل") or not s.norms[t].startswith("ال"):
                return None
            t -= 1
            if t < 0 or s.ment_at[t] is not None or not (
                    self.lex.is_cue("title", s.bare[t]) or self.lex.is_cue("title", s.norms[t])):
                return None
        if t > 0 and s.ment_at[t - 1] is None and not (
                s.norms[t - 1] in ("،", ",") or s.is_punct_stop(t - 1) or s.norms[t - 1] in _CONTENT_MARKERS
                or s.bare[t - 1] in _CONTENT_MARKERS or self.lex.is_cue("boundary", s.norms[t - 1])
                or self.lex.is_cue("boundary", s.bare[t - 1])):
            return None
        return r

    def np_before(self, s: _Sent, k: int, max_back: int = 8) -> list[MentionRef]:
        """Ungoverned mentions in the clause before token ``k`` (subject-verb order)."""
        cs = k
        steps = 0
        while cs > 0 and steps < max_back:
            j = cs - 1
            if s.ment_at[j] is None and (s.norms[j] in ("،", ",") or s.is_punct_stop(j) or s.lex.is_cue("boundary", s.norms[j]) or s.lex.is_cue("boundary", s.bare[j])):
                break
            if self._is_trigger_head(s, j) and s.ment_at[j] is None:
                break
            cs = j
            steps += 1
        refs = [r for r in s.refs if r.t0 >= cs and r.t1 <= k and not r.governed and r.entity.type != "LOC"]
        # a preposition inside the region governs what follows it
        out = []
        for r in refs:
            governed = False
            for j in range(cs, r.t0):
                if s.ment_at[j] is None and (s.lex.is_cue("prep", s.norms[j]) or s.lex.is_cue("prep", s.bare[j])):
                    governed = True
            if not governed:
                out.append(r)
        return out

    def _is_trigger_head(self, s: _Sent, j: int) -> bool:
        return j in self._heads

    # --- one sentence ----------------------------------------------------------------
    def _may_have_trigger(self, norm_text: str) -> bool:
        """Cheap pre-test on the normalized sentence: a word with a trigger reading whose
        tail (if any) can be present (its last word occurs somewhere in the sentence)."""
        cache = self.lex.readings_cache
        words = norm_text.split()
        for w, r in zip(words, map(cache.get, words)):
            if r is None:
                r = self._readings(w.strip(_EDGE_PUNCT))
                if len(cache) < 200_000:
                    cache[w] = r  # the raw word (with its punctuation) reads the same
            for form, _fut, _cl in r:
                tail = form.trigger.tail
                if not tail:
                    return True
                last = tail[-1]
                if last is not GAP and any(a in norm_text for a in self._tail_words(last)):
                    return True
        return False

    def _tail_words(self, alts: frozenset) -> tuple[str, ...]:
        """A tail element's alternatives as they occur in text (a prefix ``ب*`` as ``ب``; memoized)."""
        got = self.lex.tail_words_cache.get(alts)
        if got is None:
            got = self.lex.tail_words_cache[alts] = tuple(a[:-1] if a.endswith("*") else a for a in alts)
        return got

    def code_sentence(self, si: int, window: Sentence | None = None) -> None:
        """Code the events of sentence ``si`` (or of a ``window`` of a very long one)."""
        sent = window or self.sentences[si]
        # cheap test first: does any word of the sentence read as a trigger?
        norm_text = normalize(self.doc.text[sent.start:sent.end])
        if not self._may_have_trigger(norm_text):
            return
        s = _Sent(self.lex, self.doc, si, sent, self.by_sent.get(si, []), norm_text)
        self._cur = s
        if not s.toks:
            return
        self._heads: set[int] = set()
        self._conj_verbs: set[int] = set()
        self._action_heads: set[int] = set()
        s.attach_mentions()
        matches = self.find_triggers(s)
        if not matches:
            return
        # a trigger word inside a name (قمة in an organization's name) is not a trigger
        matches = [m for m in matches if not (s.ment_at[m.k] is not None and s.ment_at[m.k].mention.kind in ("name", "alias"))]
        self._heads = {m.k for m in matches}
        # verbs joined by و/ف (وقال، وأكد): each opens a coordinated clause of its own
        self._action_heads = {m.k for m in matches if m.form.trigger.plover != "STATEMENT"}
        self._conj_verbs = {m.k for m in matches if not m.nominal and m.form.tense in ("past", "present", "word")
                            and s.bare[m.k] != s.norms[m.k]}
        for r in s.refs:
            # "عبّر فالكونر": the word before is the trigger verb, not the preposition عبر
            if r.by_prev and (r.t0 - 1) in self._heads:
                r.governed = False
            elif r.by_prev and self.lex.is_cue("light", s.bare[r.t0 - 1]) and "عن" in s.norms[r.t1:r.t1 + 4]:
                # "عبّر الاتحاد الأوروبي عن إدانته": the light verb عبّر, not the preposition عبر
                r.governed = False
            if r.entity.type == "ORG" and r.entity.id not in self._outlets and self._outlet_mention(s, r):
                self._outlets.add(r.entity.id)
        dates = None  # found on first need (most drafts of a sentence need them, some none)
        attrib = self._attribution(s)
        drafts: list[Draft] = []
        self._sent_drafts = drafts_so_far = []
        for m in matches:
            m.s = s
            d = Draft(match=m, sent=si)
            if self._skip_relative(s, m):
                continue
            if m.form.trigger.root == "09" and self._cue_in(s, "achievement", m.k + 1, m.k + 4):
                continue  # "حقق ماكرون فوزا": achieved, not investigated
            self._roles(s, d)
            self._topic(s, d)
            if m.form.trigger.frame.get("needs_content") and (
                    not d.content_span or d.content_span[0] - m.end > _NEEDS_CONTENT_REACH):
                continue  # "رأى X أن ..." is a statement; without its أن clause (right after the subject), "saw"
            if not d.target and self._resumptive(s, m.k):
                # "قطعت الدول علاقاتها مع قطر ... وهو ما اعتبرته قطر موقفا غير مبرر": the reaction
                # is directed at the actor of what the clause before told
                prev = next((o for o in reversed(drafts) if o.source), None)
                if prev is not None:
                    d.target = [x for x in prev.source if x not in d.source]
            drafts.append(d)
            drafts_so_far.append(d)
            if d.source and d.source_how in ("explicit", "nisba", "passive", "anaphor"):
                self.last_actor = d.source
                self.last_actor_how = d.source_how
            if d.source and d.source_how in ("explicit", "nisba", "anaphor") and d.match.form.trigger.plover in _SPEAKING:
                self.last_speaker = d.source
                self.last_speaker_how = d.source_how
            if d.source and d.target:
                self.last_pair = (d.source, d.target)
        # nominal triggers inside another event's topic/content are what it is about
        for d in drafts:
            for o in drafts:
                if o is d:
                    continue
                for span in (o.topic_span, o.content_span):
                    if span and span[0] <= d.match.k < span[1]:
                        o_trig = o.match.form.trigger
                        if (o_trig.lemma in _ANNOUNCE and d.match.nominal and d.match.k - span[0] <= 2
                                and (not d.match.form.trigger.weak or (d.target and span is o.topic_span)
                                     or self._people_after(s, d.match.end))
                                and d.match.form.trigger.plover != "STATEMENT"):
                            # "أعلنت الداخلية عن ترحيل X", "أعلنت الشرطة القبض على": the announced
                            # action is the event, and the announcer is its actor
                            if not d.source and o.source:
                                d.source, d.source_how = list(o.source), o.source_how
                                d.target = [x for x in d.target if x not in d.source]
                            if o.source and not d.attribution:
                                d.attribution = o.source[0]
                            if d.source:
                                o.suppressed = True  # the announcement is the action itself
                                d.announced = self._people_after(s, d.match.end)
                            break
                        # "قال إنه تم استدعاء السفير", "إن الجيش تمكن من القضاء على": a verbal noun
                        # after a passive auxiliary or a light/ability verb is a clause of the
                        # content (a reported action), not the name of what was said
                        clausal = d.match.nominal and (self._clausal_noun(s, d.match.k, span[0]) or (
                            # "أكدت الوزارة مقتل X في غارة أمريكية": an attack named with its
                            # attacker's gentilic is an event of that country
                            d.match.form.trigger.plover == "ASSAULT" and d.source_how == "nisba") or (
                            # "قالت إنه يشتبه في ضلوعه في هجمات باريس": an attack named by the town
                            # it struck is a past event, not what was said
                            d.match.form.trigger.frame.get("struck") and d.target and not d.source))
                        judged = (span is o.topic_span and o_trig.plover in _EVALUATIVE
                                  and o.match.form.trigger.root != d.match.form.trigger.root)
                        if judged and d.match.nominal and d.source_how == "explicit" and not o.target:
                            # "أدان X هجوم حماس على Y": the author of the judged action is the target
                            o.target = [x for x in d.source if x not in o.source]
                        if not clausal and span is o.content_span and self._happened_noun(s, d):
                            # "بعد إيقاف رجل الأعمال X", "أن إيقاف X قد حصل زمن ...": an action told
                            # as having taken place is a reported event, not what was said
                            clausal = d.happened = True
                        if not clausal and span is o.content_span and self._reported_noun(s, d):
                            # "أفاد X أن لقاءه بالرئيس Y تطرق إلى ...": an action named inside the
                            # reported speech, with its own actor, is reported as having happened
                            clausal = True
                        if not clausal and (d.match.nominal or d.match.form.trigger.weak
                                            or o_trig.plover in ("REQUEST", "CONSULT", "THREATEN", "AGREE", "ACCUSE")):
                            d.suppressed = True
                            # "وصفت الوزارة إقامة الحاجز بأنه انتهاك": the accused is the actor
                            # of the earlier event the nominal refers to
                            if d.match.nominal and not o.target and o.match.form.trigger.plover in ("ACCUSE", "REJECT"):
                                root = d.match.form.trigger.root
                                for prev in reversed(self.drafts):
                                    if prev.match.form.trigger.root == root and prev.source:
                                        o.target = [x for x in prev.source if x not in o.source]
                                        break
                        elif o.match.form.trigger.cameo == "016":
                            d.modality = "negated"
                        elif d.modality == "asserted":
                            d.modality = "reported"
                            if o.source and not d.attribution:
                                d.attribution = o.source[0]
        # "كشفت صحيفة X عن ...", "ذكرت وكالة Y أن ...", "وأضافت": a news outlet's report attributes
        # what it tells; it is no statement event of the outlet
        for d in drafts:
            if d.suppressed or d.match.form.trigger.plover != "STATEMENT" or not d.source:
                continue
            if all(x in self._outlets for x in d.source):
                d.suppressed = True
                for o in drafts:
                    if o is not d and not o.attribution and d.content_span and \
                            d.content_span[0] <= o.match.k < d.content_span[1]:
                        o.attribution = d.source[0]
        # "بحث X مع نظيره Y في اتصال هاتفي", "ناقش X هاتفيا مع Y": a discussion said in its clause
        # to be by telephone is a telephone call (041); the call noun names the same act
        for d in drafts:
            if d.suppressed or d.recode or d.match.nominal or d.match.form.trigger.cameo not in ("040", "046"):
                continue
            hi = min(len(s.toks), d.match.end + _PHONE_REACH)
            for j in range(d.match.end, hi):
                if j in self._heads and j != d.match.k and not any(
                        o.match.k == j and o.match.form.trigger.cameo == "041" for o in drafts):
                    break  # another act's clause
                if s.is_punct_stop(j) or s.norms[j] in ("،", ","):
                    break
                if self.lex.is_cue("phone", s.bare[j]) or self.lex.is_cue("phone", s.norms[j]):
                    calls = [o for o in drafts if o is not d and o.match.nominal
                             and o.match.form.trigger.cameo == "041" and d.match.k < o.match.k <= j]
                    if any(o.source and o.source != d.source for o in calls):
                        break  # a call of other parties
                    d.recode = "041"
                    for o in calls:
                        o.suppressed = True
                    break
        # "اعتبر X أن الحكومة فشلت": a plain statement whose content is a criticism (or praise)
        # is coded as that speech act (111 criticize, 051 praise, 130 threaten)
        for d in drafts:
            if d.suppressed or not (d.content_span or d.complement_span) or d.match.form.trigger.cameo != "010":
                continue
            c0, c1 = d.content_span or d.complement_span
            cue = self._evaluation_at(s, c0, min(c1, c0 + _EVAL_WINDOW))
            code = cue[0] if cue else None
            if code is None and self._intent(s, c0, c1):
                code = "030"  # "أعلنت الكويت أنها ستواصل مساعيها": a statement of intent (AGREE)
            elif code is None and 0 < c0 < len(s.toks) and s.norms[c0 - 1] in _SELF_MARKERS and s.norms[c0] == "لم":
                code = "016"  # "أكد أنه لم يغادر الحزب": the speaker denies its own doing
            if code is None:
                continue
            d.recode = code
            if not d.target and code in _CONTENT_TARGET:
                # "أوضح X أن السعودية متورطة في ...", "قال إن ترامب يعاني ...": a criticism
                # (or praise) is aimed at what its content names first, as its subject
                d.target = self._referred(s, d, c0, c1) or self._content_subject(s, d, c0)
                if not d.target and cue is not None:
                    d.target = self._cue_actor(s, d, c0, cue[1], cue[2])
        # "تعهد بمواصلة القتال", "أنها ستواصل الحرب": an intention to fight is a threat of
        # force (138), not an offer to cooperate
        for d in drafts:
            if d.suppressed or (self.lex.cameo[d.recode].plover if d.recode else d.match.form.trigger.plover) != "AGREE":
                continue
            region = d.topic_span or d.content_span
            if region is None:
                continue
            if d.recode == "030" and d.content_span:
                region = d.content_span
            lo = region[0]
            if self._cue_in(s, "force", lo, min(region[1], lo + 4)):
                d.recode = "138"
        # "عبرت ميركل عن رفضها للقرارات التي أصدرتها الحكومة الأمريكية", "رفض الحزب القانون":
        # rejecting another actor's decision or policy (``opposed`` cues) is opposition, coded as
        # criticism (111); REJECT stays for refusing what is asked of the actor (a request, an offer)
        for d in drafts:
            if d.suppressed or d.recode or d.match.form.trigger.cameo != "120":
                continue
            if self._cue_in(s, "allegation", d.match.end, d.match.end + 2):
                # "رافضا الاتهامات بأن ...": rejecting accusations is a denial (016)
                d.recode = "016"
            elif self._cue_in(s, "opposed", d.match.end, d.match.end + _OPPOSED_REACH):
                d.recode = "111"
        # "هاجم أردوغان الاتحاد الأوروبي", "شن ترامب هجوما حادا على ...": a named person's
        # attack on someone is verbal (criticism 111), not armed force
        for d in drafts:
            if (d.suppressed or d.recode or d.match.form.trigger.lemma not in _VERBAL_ATTACK
                    or d.source_how not in ("explicit", "pronoun") or len(d.source) != 1 or d.match.form.plural):
                continue
            ent = self.entities.get(d.source[0])
            if ent is not None and ent.type == "PER":
                d.recode = "111"
        # "مواجهات بين المصلين وقوات الاحتلال": clashes of civilians with forces are a riot
        # (145 PROTEST), not fighting between armed parties
        for d in drafts:
            if d.suppressed or d.match.form.trigger.cameo != "190" or not d.match.form.trigger.frame.get("sym"):
                continue
            k = d.match.k
            if any(self.lex.is_cue("civilians", s.bare[j]) for j in range(k + 1, min(len(s.toks), k + 5))):
                d.recode = "145"
        # "أدانت الوزارة ...، مؤكدة أن ...": a participle elaborates the same speech act
        for d in drafts:
            if d.suppressed or d.match.form.tense != "participle" or d.match.form.trigger.plover != "STATEMENT":
                continue
            if any(o is not d and not o.suppressed and (
                    self.lex.cameo[o.recode].plover if o.recode else o.match.form.trigger.plover) != "STATEMENT"
                   and o.source == d.source and o.match.k < d.match.k for o in drafts):
                d.suppressed = True
        for d in drafts:
            if d.suppressed:
                continue
            if not d.source and not d.target and not d.match.form.trigger.frame.get("actorless") and not d.anaphoric:
                continue  # no actor: not an event (see EventExtractor._event)
            if d.match.form.trigger.frame.get("deed") and self._in_opinion(s, d.match.end):
                continue  # "اتفق X مع Y في موقفه": agreeing with a view is no cooperation (gold rule 3)
            if not d.source and d.match.form.trigger.frame.get("agent"):
                continue  # "أمر بإيقاف X" with no one found to have ordered it: no reading of who acted
            if not d.happened and d.match.nominal and d.target and not d.source:
                d.happened = self._happened_noun(s, d)  # "عقب اعتقال X": told as having taken place
            if dates is None:
                dates = find_dates(self.lex, s.norms, self.doc_date)
            self._date(s, d, dates)
            self._modality(s, d)
            intent = None
            if d.modality == "future":
                # "سيلتقي الوزير غدا نظيره", "من المقرر أن يزور X": a cooperative act stated for
                # the future is not a fact, but it states its actor's intention: an AGREE 03x
                # event of its own (CAMEO 030, PLOVER AGREE: future-tense cooperation)
                cat = self.lex.cameo[d.recode].plover if d.recode else d.match.form.trigger.plover
                intent = _FUTURE_INTENT.get(cat)
            self._place(s, d)
            if (d.place and not d.source and not d.target and not d.match.nominal
                    and d.match.form.trigger.frame.get("struck") and not _COUNTRY_ID.match(d.place)):
                # "دهست شاحنة المارة في ستوكهولم": an attack whose attacker is unnamed struck the
                # town where it happened (gold rule 9)
                d.target = [d.place]
            if attrib and not d.attribution:
                d.attribution, d.attribution_text = attrib
            elif attrib and d.attribution == attrib[0]:
                d.attribution_text = attrib[1]
            # (an event inside reported speech keeps its speaker as attribution, without text)
            if self.state_of:
                for x in list(d.source):
                    st = self.state_of.get(x)
                    if st is not None and st not in d.source and st not in d.target:
                        d.source.append(st)
            self.drafts.append(d)
            if intent is not None:
                self.drafts.append(replace(d, recode=intent, modality="asserted", source=list(d.source),
                                           target=list(d.target), topic=list(d.topic)))

    def _in_opinion(self, s: _Sent, i: int) -> bool:
        """Does the clause from token ``i`` on say in what view one agrees (في + an opinion noun:
        في موقفه، في الرأي، في وجهة نظره) before any ``على`` of what is agreed on?"""
        n = len(s.toks)
        for j in range(i, min(n, i + 40)):
            w = s.norms[j]
            if w in ".:؛;!?؟" or w in ("على", "علي"):
                return False
            if w == "في" and j + 1 < n and self.lex.is_cue("opinion", s.norms[j + 1]):
                return True
            if w.startswith("في") and self.lex.is_cue("opinion", w[2:]):
                return True
        return False

    def _resumptive(self, s: _Sent, k: int) -> bool:
        """``وهو ما اعتبرته قطر ...``, ``وهذا ما رفضته X``: the verb at ``k`` is a new actor's
        reaction to what the clause before told (not a comparison such as ``كما قال``)."""
        return k > 1 and s.norms[k - 1] == "ما" and s.bare[k - 2] in _RESUMPTIVE

    def _skip_relative(self, s: _Sent, m: Match) -> bool:
        """``كما قال``, ``عما قالوا``: a relative/comparative clause, not a new event."""
        k = m.k
        if k > 0 and s.norms[k - 1] in _RELATIVE_BEFORE:
            if s.norms[k - 1] == "كما" and (k == 1 or s.norms[k - 2] in _PUNCT_STOP):
                return False  # "كما أعرب عن ...": "also", opening its clause (not "as he said")
            return not self._resumptive(s, k)
        # "القرارات التي أعلنها رئيس الحكومة": a speech verb in a relative clause describes
        # something, it does not report a new statement
        return (m.form.trigger.plover == "STATEMENT" and k > 0
                and (s.norms[k - 1] in ("الذي", "التي", "الذين") or s.bare[k - 1] in ("الذي", "التي", "الذين")))

    def _roles(self, s: _Sent, d: Draft) -> None:
        m = d.match
        trig = m.form.trigger
        k = m.k
        lex = self.lex
        n = len(s.toks)
        d.marked_passive = not m.nominal and _marked_passive(s.texts[k])
        passive = trig.kind == "passive" or (k > 0 and lex.is_cue("passive", s.bare[k - 1])) or d.marked_passive
        agent_at = self._agent_cue(s, m.end, min(n, m.end + 6))
        if agent_at is not None and (m.nominal or passive):
            passive = True
        subj_end = m.end
        # demonstrative right after a nominal trigger: an anaphoric mention of an earlier event
        if m.nominal:
            after = m.end
            while after < n and s.norms[after] in ("،", ","):
                after += 1
            before = s.norms[k - 1] if k > 0 else ""
            if (after < n and lex.is_cue("demonstrative", s.norms[after])) or lex.is_cue("demonstrative", before):
                d.anaphoric = True
        if passive:
            if agent_at is not None:
                refs, agent_end = self.np_after(s, agent_at[1], allow_governed=True)
                d.source, how = self.head_actors(refs)
                if not refs:
                    ante = self._org_antecedent(s, agent_at[1])  # "من قبل الشرطة"
                    if ante is not None:
                        d.source, how = [ante], "anaphor"
                d.source_how = "passive" if how in ("explicit", "anaphor") else how
                if m.nominal and d.source and how in ("explicit", "anaphor") and k > 0 and lex.is_cue("passive", s.bare[k - 1]):
                    # "تم إيقاف ثلاثة عناصر من قبل الحرس الوطني": a clause with its agent stated
                    d.light = True
                if how == "nisba":
                    # "من قبل نشطاء البيئة الأذربيجانيين": keep the group phrase in the label
                    d.group_text = s.span(agent_at[1], max(agent_end, agent_at[1] + 1)).text
            if "obj" in trig.tgt_preps():
                refs, e = self.np_after(s, m.end, limit=5)
                d.target, _h = self.head_actors(refs)
        elif m.nominal and trig.root == "04" and self._gathered(s, d):
            pass  # "اللقاء الذي جمع X بـY": roles set by _gathered
        elif m.nominal:
            # genitive actor after the noun (زيارة لافروف, تحذيرات نائب الرئيس مايك بنس);
            # for an arrest/killing noun the genitive is its target (اعتقال X)
            # (not when the noun's tail ends with a preposition: "اشتباكات بين X و Y")
            last = s.norms[m.end - 1]
            tail_prep = m.end - 1 in m.tail_tokens and (
                last in self.lex.np_stop or any(len(p) == 1 and last.startswith(p) for p in trig.tgt_preps()))
            if m.end < len(s.toks) and self._addressed_medium(s, m.end):
                tail_prep = True  # "في تصريح لجريدة X": the medium spoken to, not the speaker
            if m.end < len(s.toks) and s.ment_at[m.end] is None and self._counterpart_word(s, m.end):
                tail_prep = True  # "أجرى X اتصالا هاتفيا بنظيره Y": the counterpart is no genitive
            if not tail_prep and "ل" in trig.tgt_preps():
                # "انتقاده للرئيس الفرنسي X", "انتقادات حادة لحركة X": ل (after at most two
                # adjectives) governs the target; no genitive agent follows (the scan can only
                # set tail_prep)
                q = m.end
                while q < len(s.toks) and q - m.end < 3 and not s.is_punct_stop(q):
                    w = s.norms[q]
                    r = s.ment_at[q]
                    if w[:1] == "ل" and (
                            (r is None and (w.startswith("لل") or self.lex.is_cue("title", w[1:])
                                            or self.lex.is_cue("orghead", w[1:])))
                            or (r is not None and r.t0 == q and r.mention.start > s.starts[q])):
                        tail_prep = True
                        break
                    if s.ment_at[q] is not None:
                        break
                    if s.norms[q] in self.lex.np_stop or s.norms[q] in ("،", ","):
                        break
                    q += 1
            refs, e = self.np_after(s, m.end, limit=6) if not tail_prep else ([], m.end)
            if refs and any(self._addressed_medium(s, q) for q in range(m.end, refs[0].t0)):
                refs = []  # "في تصريح اليوم لمراسل الجوهرة": the medium was spoken to
            # a name that starts inside the tail (انسحاب من حكومة الوحدة) is the tail's object
            refs = [r for r in refs if r.t0 >= m.end]
            if refs and trig.root not in ("18", "19") and all(r.entity.type in ("GPE", "LOC") for r in refs) and \
                    not self._genitive_gap(s, m.end, refs[0].t0) and self._placed(s, refs[0]):
                # "خرج الآلاف في مظاهرات بمدينة الحسيمة": a place further on is where, not who
                refs = []
            if not refs and not tail_prep and "obj" not in trig.tgt_preps():
                # "تأييد الحركة", "رفض الوزارة": an institution noun alone as the genitive is
                # the organization named before with that head
                ante = self._org_antecedent(s, m.end)
                if ante is not None:
                    d.source, d.source_how = [ante], "anaphor"
                    subj_end = m.end + 1
            if not refs and trig.tail and trig.tail[0] is GAP and m.tail_tokens and "obj" not in trig.tgt_preps():
                # "سيطرة الحوثيين على صنعاء", "هجوم داعش على ...": the genitive in the gap
                # between the noun and its preposition is the agent
                first_tail = min(m.tail_tokens)
                if first_tail > k + 1 and s.ment_at[k + 1] is not None:
                    g_refs, _e = self.np_after(s, k + 1, limit=first_tail - k - 1)
                    g_refs = [r for r in g_refs if r.t1 <= first_tail]
                    if g_refs:
                        d.source, d.source_how = self.head_actors(g_refs)
            if trig.frame.get("struck") and not refs and not d.target:
                # "الهجمات، التي ضربت لندن", "عملية الدهس التي شهدتها ستوكهولم": the place the
                # relative clause after an attack noun names is what was struck
                d.target = self._struck_place(s, m.end)
            if refs and "obj" not in trig.tgt_preps() and trig.root in ("18", "19") and all(
                    r.entity.type == "GPE" and not _COUNTRY_ID.match(r.entity.id) for r in self._pick(refs)):
                # "قصف إدلب", "حصار حلب": a town after an attack noun is what was attacked
                d.target, _h = self.head_actors(refs)
                subj_end = e
            elif refs and "obj" not in trig.tgt_preps():
                d.source, d.source_how = self.head_actors(refs)
                subj_end = e
                if self._light_verb_before(s, k) is not None:
                    d.light = True  # "عبر البيان عن خالص تعازي تونس": a light verb states the act
            else:
                if refs and "obj" in trig.tgt_preps():
                    ids, _h = self.head_actors(refs)
                    heads = [r for r in refs if r.entity.id in ids]
                    # (not the genitive of a tail noun: "استدعاء سفير تركيا" names the target)
                    if heads and all(r.entity.type in ("ORG", "GPE") and r.mention.kind != "nisba" for r in heads) \
                            and not (m.tail_tokens and refs[0].t0 == m.end) \
                            and self._genitive_gap(s, m.end, refs[0].t0) \
                            and not self._light_verb_before(s, k):
                        # "اعتقال قوات الاحتلال 480 فلسطينيا": an organization or state right
                        # after an arrest/attack noun is its agent; a person is its patient
                        d.source, d.source_how = ids, "explicit"
                        tgt_refs, e2 = self.np_after(s, e, limit=6)
                        if tgt_refs:
                            d.target, _h = self.head_actors(tgt_refs)
                    else:
                        d.target = ids
                    subj_end = e
                light = self._light_verb_before(s, k)
                if light is None and k > 1 and s.norms[k - 1] == "من":
                    light = self._light_verb_before(s, k, kind="ability")  # تمكن الجيش من القضاء على
                undergo = self._light_verb_before(s, k, kind="undergo")
                if trig.plover == "STATEMENT" and not d.source and k > 0:
                    # "نقلت الوكالة عن وزارة الدفاع قولها إن ...", "نسبت الوكالات إلى X قوله": the
                    # speaker follows عن / إلى
                    for r in reversed(s.refs):
                        if r.t1 <= k and k - r.t1 <= 2 and r.t0 > 0 and r.mention.kind != "nisba":
                            # (a title phrase may stand between عن and the name: "عن رئيس
                            # الوزراء السويدي ستيفان لوفين قوله")
                            q = r.t0 - 1
                            while q > 0 and r.t0 - q <= 4 and s.bare[q] not in ("عن", "الي") and (
                                    (s.ment_at[q] is not None and s.ment_at[q].mention.kind == "nisba")
                                    or (s.ment_at[q] is None and (self.lex.is_cue("title", s.norms[q])
                                                                  or self.lex.is_cue("title", s.bare[q])
                                                                  or s.norms[q].startswith("ال")))):
                                q -= 1
                            if s.bare[q] in ("عن", "الي"):
                                d.source, d.source_how = [r.entity.id], "explicit"
                                break
                if undergo is not None and not d.target:
                    # "تعرض موكب السراج لإطلاق نار": the subject of تعرض suffers the action
                    refs2 = [r for r in s.refs if undergo < r.t0 < k and not r.governed and r.entity.type != "LOC"]
                    if not refs2:
                        refs2 = self.np_before(s, undergo)
                    if refs2:
                        d.target, _h = self.head_actors(refs2)
                        light = None
                    elif undergo > 0 and s.norms[undergo - 1] in _SELF_MARKERS:
                        # "قال X إنه نجا من محاولة اغتيال": the speaker underwent it
                        spk = self._content_speaker(k, d)
                        if spk is not None:
                            d.target = list(spk.source)
                            light = None
                if light is not None:
                    # أجرى [لافروف] محادثة هاتفية: the light verb's subject, else an SVO subject
                    refs2 = [r for r in s.refs if light < r.t0 < k and not r.governed and not (
                        # "نظم المحتجون مسيرة في شوارع الرباط للمطالبة": the town of a في phrase
                        # is where it happened, not the actor
                        r.entity.type in ("GPE", "LOC") and self._in_phrase_of_fi(s, light, r.t0))]
                    if refs2:
                        d.source, d.source_how = self.head_actors(refs2)
                        d.light = True
                    elif self.lex.cue("light", s.bare[light]) != "genitive":
                        # ("قرار X ب...": only its genitive owns the decision, not an earlier subject)
                        # ("وكان التحالف قد بدأ حملة عسكرية": قد stands between the subject and the verb)
                        light_q = s.skip_qad(light)
                        before = self.np_before(s, light_q)
                        if before:
                            d.source, d.source_how = self.head_actors(before)
                            d.light = True  # "X أجرى/قرر ...": the light verb's subject (SVO)
                        else:
                            # "تمكن الجيش من القضاء على", "إن الجيش تمكن من ...": an institution
                            # noun as the light verb's subject is the organization named before
                            before_light = light_q - 1
                            ante = self._org_antecedent(s, light + 1) or (
                                self._org_antecedent(s, before_light) if before_light >= 0 else None)
                            if ante is not None:
                                d.source, d.source_how = [ante], "anaphor"
                                d.light = True
                            elif self._dropped_light_subject(s, light):
                                # "كما توجه في كلمته بانتقاد لاذع لـX": a light verb opening its
                                # clause with its subject dropped continues the last speaker (actor)
                                prev = self.last_speaker if trig.plover in _SPEAKING and self.last_speaker \
                                    else self.last_actor
                                if prev:
                                    d.source, d.source_how = list(prev), "pronoun"
                                    d.light = True
                if not d.source and s.texts[k].rstrip(DIACRITICS_SET).endswith(("ه", "ها", "هم", "هما")) \
                        and trig.plover not in ("STATEMENT",):
                    # "وأكد X خلال لقائه بالرئيس Y": a possessive noun's owner is the clause's
                    # subject (the sentence's previous event), else the discourse's last actor
                    prev = next((o for o in reversed(self._sent_drafts) if o.source), None)
                    ahead = self._fronted_owner(s, k) if prev is None else None
                    if prev is not None:
                        d.source, d.source_how = list(prev.source), "pronoun"
                    elif ahead:
                        d.source, d.source_how = ahead, "pronoun"
                    elif self.last_actor:
                        d.source, d.source_how = list(self.last_actor), "pronoun"
            if not d.source:
                # "هجوم شنه تنظيم داعش", "الغارة التي نفذتها الطائرات X": a light verb with a
                # pronoun object after the noun, then its subject: the agent
                lv = self._light_pronoun_after(s, m.end)
                if lv is None and m.tail_tokens and trig.tail[0] is GAP:
                    lv = self._light_pronoun_after(s, k + 1)  # هجوم شنه X على ...
                if lv is not None:
                    refs2, _e2 = self.np_after(s, lv + 1)
                    if refs2:
                        d.source, d.source_how = self.head_actors(refs2)
                        d.light = True
        else:
            plural = m.form.plural
            tense = m.form.tense
            if tense == "participle":
                # مؤكدا، مشيرا: the subject of the sentence's last event, else the discourse's
                # last speaker; a gentilic-only actor stays gentilic-only (and makes no statement)
                prev = next((o for o in reversed(self._sent_drafts) if o.source), None)
                if prev is not None:
                    d.source, how = list(prev.source), prev.source_how
                elif self._sent_drafts and trig.plover != "STATEMENT":
                    # "وكانت الدول ... قطعت العلاقات ...، متهمة الدوحة": the participle shares the
                    # subject of its clause's verb; when that was not found, not the last speaker
                    how = ""
                else:
                    d.source, how = list(self.last_speaker), self.last_speaker_how
                d.source_how = "nisba" if how == "nisba" else "pronoun"
            else:
                found = False
                rel_subj, rel_obj = self._relative_subject(s, m)
                if rel_obj:
                    # "لافروف، الذي انتقده أردوغان": the resumed antecedent is the object
                    d.target = rel_obj
                if rel_subj:
                    # "محسن حسن، الذي قال ...", "ترودو، هو الذي رحب بعرض ...": the named
                    # antecedent of a subject relative clause is the verb's subject
                    d.source, d.source_how = rel_subj, "explicit"
                    subj_end = m.end
                    found = True
                elif not rel_obj and self._unnamed_antecedent(s, m):
                    # "التفجير الذي استهدف ليلة أمس مدينة اسطنبول": the unnamed antecedent is the
                    # subject; the name after the verb is its object, not its subject
                    subj_end = m.end
                    found = True
                    if tense == "past" and any(
                            o.match.nominal and o.match.form.trigger.plover == trig.plover
                            and k - 5 <= o.match.k < k - 1 for o in self._sent_drafts):
                        # an attack noun the relative clause tells of: the act took place
                        d.happened = True
                # "تقرير يتهم إسرائيل", "المجموعات التي ... وترفض": a common noun right before a
                # present-tense verb is its subject; what follows the verb is its object
                after_noun = (tense == "present" and k > 0 and s.ment_at[k - 1] is None
                              and self._plain_word(s, k - 1))
                # subject-verb order: an ungoverned name right before the verb is its subject
                # (إسرائيل قصفت غزة, أردوغان يستقبل لافروف)
                # "وكانت تركيا قد اعتقلت X": the particle قد stands between the subject and the verb
                kq = s.skip_qad(k)
                prev_ref = s.ment_at[kq - 1] if kq > 0 else None
                held = self._governed_subject(s, prev_ref) if (
                    prev_ref is not None and prev_ref.governed and prev_ref.t1 == kq) else None
                if held is not None:
                    # "سفارة المملكة المتحدة بتونس (قد) نشرت"، "الأمين العام لحركة X طلب": the
                    # organization before its seat, or after an unnamed title, is the subject
                    d.source, d.source_how = self.head_actors([held])
                    found = True
                elif prev_ref is not None and not prev_ref.governed and prev_ref.entity.type in ("PER", "ORG", "GPE"):
                    before = self.np_before(s, kq)
                    if plural and _one_person(before):
                        # "أعضاء بالفريق الأمني للرئيس X هاجموا": one person cannot be the subject
                        # of a plural verb
                        before = []
                    if before:
                        d.source, d.source_how = self.head_actors(before)
                        found = True
                        if trig.tail and trig.tail[0] is GAP:
                            subj_end = k + 1  # "إيران أبلغت الدوحة استعدادها": the object sits in the gap
                if not found and kq > 1 and s.norms[kq - 1] in ("،", ","):
                    # "وكانت السعودية ومصر والإمارات، ثم جزر المالديف، قطعت العلاقات": a list of
                    # names set off by commas after كان (or opening the sentence) is the subject
                    listed = self._fronted_list(s, kq - 1)
                    if listed:
                        d.source, d.source_how = listed, "explicit"
                        found = True
                    elif trig.plover in _SPEAKING and trig.plover != "STATEMENT":
                        # "X، رئيس حزب Y، انتقد Z": the name opening the sentence, then its apposition
                        # between commas, then the verb of a speech act (not for plain statements: on
                        # gold-dev3 the one found, رأى أن, was a criticism the content cues do not see;
                        # not for acts done to people: "حمدان، السائق السابق لبن لادن، اعتقل" is passive)
                        apposed = self._fronted_apposed(s, kq - 1)
                        if apposed:
                            d.source, d.source_how = apposed, "explicit"
                            found = True
                if not found and kq < k and any(s.bare[j] in _KANA for j in range(max(0, kq - 6), kq)):
                    # "وكانت السلطات قد اعتقلت X": the subject (unnamed here) sits between كان
                    # and قد; what follows the verb is its object
                    found = True
                if not found and kq > 0 and s.norms[kq - 1] in _SELF_MARKERS:
                    # "ذكرت الوزارة أنها (قد) دعت سفيرة X": the pronoun of أنها is the speaker, the
                    # subject of the verb; what follows the verb is its object
                    spk = self._content_speaker(k, d)
                    if spk is not None:
                        d.source, d.source_how = list(spk.source), "pronoun"
                        subj_end = m.end
                        found = True
                if not found and tense == "present" and self._first_person(s, k):
                    # "قال X: نحن نرفض ...", "وأضاف: سنواصل ...": a verb in the first person
                    # inside someone's reported speech has the speaker as its subject
                    spk = self._content_speaker(k, d)
                    if spk is None and self._quoted(s, k):
                        spk = next((o for o in reversed(self._sent_drafts) if o is not d and o.source
                                    and o.match.form.trigger.plover in _SPEAKING and o.match.k < k), None)
                    if spk is not None:
                        d.source, d.source_how = list(spk.source), "pronoun"
                        subj_end = m.end
                        found = True
                if not found and k > 0 and s.bare[k - 1] in _HIS_COUNTRY:
                    # "أوضح لافروف أن بلاده ترفض ...": "his country" is the speaker's country
                    spk = self._content_speaker(k, d)
                    state = self._country_of(spk.source[0]) if spk is not None else None
                    if state is not None:
                        d.source, d.source_how = [state], "pronoun"
                        subj_end = m.end
                        found = True
                start0 = k + 1 if not trig.tail or trig.tail[0] is GAP else m.end
                # "وقال لوكالة رويترز إن ...": the medium spoken to is the addressee; the
                # subject is dropped (or named before the verb)
                addressed = (not found and start0 < n and trig.plover in _SPEAKING
                             and self._addressed_medium(s, start0))
                if not plural and not found and not after_noun and not addressed:
                    refs, e = self.np_after(s, start0)
                    if refs and ((m.form.fem and self._masculine_head(s, start0))
                                 or self._feminine_state_after_masculine_verb(s, k, refs[0], start0)):
                        # "وطالبت مجلس الأمن بالتحرك": a feminine verb does not agree with a
                        # masculine head; "كما دعا إسرائيل إلى": a masculine verb right before the
                        # name of a (feminine) state does not either; the subject was dropped and
                        # the phrase is the object
                        refs, e = [], start0
                        found = True
                        subj_end = start0
                    if trig.tail and trig.tail[0] is GAP and m.tail_tokens and e > min(m.tail_tokens) >= start0:
                        # "قضت محكمة تونسية بسجن X": the subject ends where the tail begins; with
                        # the tail right after the verb (أمرت بإيقاف مدير X) the subject was
                        # named before or dropped: what follows the tail is its complement
                        first_tail = min(m.tail_tokens)
                        refs = [r for r in refs if r.t1 <= first_tail]
                        e = first_tail
                    if not refs and e == start0 + 1 and s.ment_at[start0] is None:
                        # an unnamed group subject (اعتقلت السلطات ...); an institution noun
                        # alone (وقالت الوزارة، ورد التحالف) is the organization named before
                        subj_end = e if trig.tail and trig.tail[0] is GAP else max(e, m.end)
                        found = True
                        ante = self._org_antecedent(s, start0)
                        if ante is not None:
                            d.source, d.source_how = [ante], "anaphor"
                    if refs:
                        d.source, d.source_how = self.head_actors(refs)
                        # with a gapped tail (اتصل X بـY) the roles may sit before the tail
                        subj_end = e if trig.tail and trig.tail[0] is GAP else max(e, m.end)
                        found = True
                        if d.source_how == "nisba":
                            d.group_text = s.span(k + 1, e).text
                if not found and not after_noun:
                    # (not past a common noun right before a present verb: "بلاغات تتهمه"، the
                    # noun is the subject, and a name before it belongs to another clause)
                    before = self.np_before(s, k)
                    if plural and _one_person(before):
                        before = []
                    if before:
                        d.source, d.source_how = self.head_actors(before)
                        found = True
        # "both sides" / pronoun subject
        if not d.source:
            both = self._both_sides(s, k)
            if both and self.last_pair:
                d.source, d.target = list(self.last_pair[0]), list(self.last_pair[1])
                d.source_how = "both"
            elif both and trig.frame.get("sym") and len(self._named_before(s, k)) == 2:
                # "عقب أول لقاء بين زعيمي البلدين" with no pair coded yet: the two parties named last
                parties = self._named_before(s, k)
                d.source, d.target, d.source_how = parties[:1], parties[1:], "both"
            elif passive and m.nominal and self.last_pair and trig.frame.get("sym") and trig.plover == "AGREE":
                # "أكد خلاله أنه تم الاتفاق على ...": an agreement told without its parties is
                # the one of the pair that just met or talked; both agreed, as a coordinated
                # subject does (اتفق الطرفان)
                # (تم + the noun states the act as done, as a light verb does: not a weak mention)
                d.source = list(self.last_pair[0]) + [x for x in self.last_pair[1] if x not in self.last_pair[0]]
                d.source_how = "pronoun"
                d.light = True
            elif m.form.plural and not m.nominal and self.last_pair and trig.frame.get("sym"):
                d.source, d.target = list(self.last_pair[0]), list(self.last_pair[1])
                d.source_how = "pronoun"
            elif (not m.nominal and not passive and trig.plover in _SPEAKING and not m.form.plural
                  and self._title_antecedent(s, m) is not None):
                # "وأكدت النائبة أن ...", "وأشاد رئيس الحكومة الأسبق ...": an unnamed title as the
                # subject refers back to the person named earlier with that title
                d.source, d.source_how = [self._title_antecedent(s, m)], "pronoun"
            elif not m.nominal and not passive and self._clause_initial(s, k) and not self._generic_subject(s, k, m):
                # a dropped subject: sentence-initial (وأضاف, وحذر) -> the discourse's last
                # actor; inside a sentence (وترفض) -> the previous verb's subject in it, if any
                if k == 0 or (k == 1 and (s.norms[0] in _PUNCT_STOP or s.norms[0] in ("كما", "وكما"))):
                    # وأضاف، وأوضح، كما أعرب: a speech verb continues the last speaker
                    prev_src = list(self.last_speaker if trig.plover in _SPEAKING and self.last_speaker else self.last_actor)
                else:
                    # not the speaker of a statement whose content holds this verb
                    prev_src = next((list(o.source) for o in reversed(self._sent_drafts) if o.source and not (
                        o.content_span and o.content_span[0] <= k < o.content_span[1])), [])
                    if not prev_src and trig.plover in _SPEAKING and trig.plover != "STATEMENT" and (
                            m.form.tense == "past" and s.bare[k] != s.norms[k] and s.norms[k][0] == "و"):
                        # "وقالت X إن التقرير أثار غضبها وطالبت بسحبه": a past speech act joined by
                        # و, with no name before it in the content, is the speaker's second act
                        spk = self._content_speaker(k)
                        if spk is not None and not any(
                                r.mention.kind != "nisba" and spk.content_span[0] <= r.t0 < k for r in s.refs):
                            prev_src = list(spk.source)
                if prev_src:
                    d.source = prev_src
                    d.source_how = "pronoun"
            elif m.nominal and trig.root == "04" and self._received_after(s, m.end) is not None:
                # "اتصال هاتفي تلقاه من أمير قطر": the caller (after من) is the source and the
                # receiver (the clause's subject, or the previous actor) the target
                frm = self._received_after(s, m.end)
                refs, _e = self.np_after(s, frm, allow_governed=True)
                d.source, d.source_how = self.head_actors(refs)
                recv = self.np_before(s, k) or []
                ids, _h = self.head_actors(recv) if recv else (list(self.last_actor), "")
                d.target = [x for x in ids if x not in d.source]
            elif m.nominal and trig.root == "04" and self.last_actor and not passive and (
                    self._light_verb_after(s, m.end) or self._continuation(s)):
                # "جاء ذلك خلال اتصال هاتفي أجراه مع ...": the previous actor made the call
                d.source = list(self.last_actor)
                d.source_how = "pronoun"
        # target
        if not d.target:
            preps = trig.tgt_preps()
            tgt, t_end = self._target(s, d, preps, subj_end)
            if tgt:
                d.target = [t for t in tgt if t not in d.source]
                d.tgt_end = t_end
                if not d.source and len(d.target) > 1 and trig.frame.get("sym"):
                    # "لقاء بين X و Y": the first named party is the source
                    d.source, d.target = d.target[:1], d.target[1:]
                    d.source_how = "explicit"
        if not d.source and not d.target and trig.frame.get("sym"):
            # "قبل بدء اللقاء بينهما", "الاتصال بينهم": the parties named last before the trigger
            parties = self._between_them(s, d)
            if len(parties) > 1:
                d.source, d.target, d.source_how = parties[:1], parties[1:], "pronoun"
        if not d.target and m.nominal and trig.plover != "CONSULT" and s.norms[k][:1] == "ل" \
                and normalize(trig.lemma)[:1] != "ل":
            # "اتصال هاتفي تلقاه من أمير قطر لتهنئته بفوزه": the purpose of a call or visit is
            # an act of its caller towards the one called
            call = next((o for o in reversed(self._sent_drafts) if o is not d and not o.suppressed), None)
            if (call is not None and call.match.form.trigger.root == "04" and call.source and call.target
                    and (not d.source or d.source == call.source)
                    and call.match.k < k and k - call.match.end <= _PURPOSE_REACH
                    and not any(s.norms[q] in _PUNCT_STOP for q in range(call.match.end, k))):
                d.source, d.target, d.source_how = list(call.source), list(call.target), "pronoun"
        if not d.target and m.nominal and trig.plover == "ASSAULT":
            # "مقتل زعيم التنظيم في غارة أمريكية": the victim of the death the attack caused
            d.target = self._attack_victim(s, d)
        if not d.target and trig.plover == "THREATEN" and not passive and d.source:
            # "هدد X بأن بيونغيانغ ستدمر سول", "هدد النواب بالاستقالة في صورة إصرار الرئيس Y":
            # a threat with no object is aimed at whom its complement names
            d.target = self._threat_target(s, d, subj_end)
        if not d.target and trig.plover in _PATIENT_CATS:
            # "تم إلقاء القبض عليه", "فيون الذي وجهت إليه التهمة": a preposition with a pronoun
            # after the trigger names the patient, the person (or body) named last before it
            d.target = self._pronoun_patient(s, d)
        if (not d.target and not m.nominal and m.form.tense in ("past", "present", "word")
                and "obj" in trig.tgt_preps() and (s.norms[k].endswith(("ها", "هم", "هما")) or (
                    s.norms[k].endswith("ه") and not s.texts[k].rstrip(DIACRITICS_SET).endswith("ة")
                    and s.norms[k][:-1] in self.lex.forms))):
            # "قطعت الدول علاقاتها مع قطر واتهمتها": an object pronoun refers to the target of
            # the sentence's previous event
            prev = next((o for o in reversed(self._sent_drafts) if o is not d and o.target), None)
            if prev is not None:
                d.target = list(prev.target)
        if (not d.target and "obj" in trig.tgt_preps() and m.end < len(s.toks)
                and s.norms[m.end] in _IYYA):
            # "، متهما إياها بـ...": the object pronoun refers to the last name before the verb
            prev = next((r for r in reversed(s.refs) if r.t1 <= k and r.mention.kind != "nisba"
                         and r.entity.type in ("PER", "ORG", "GPE") and r.entity.id not in d.source), None)
            if prev is not None:
                d.target = [prev.entity.id]
        if (not d.target and d.source and trig.plover in _HOSTILE_ACTS and not m.nominal and not passive
                and s.norms[k][:1] == "و" and s.bare[k] != s.norms[k]):
            # "قطعت الدول العلاقات مع قطر وأغلقت مجالاتها الجوية": a hostile act joined by و to
            # the same actor's hostile act before it has the same target
            prev = next((o for o in reversed(self._sent_drafts) if o is not d and not o.suppressed), None)
            if (prev is not None and prev.target and prev.source == d.source and prev.match.k < k
                    and (self.lex.cameo[prev.recode].plover if prev.recode else prev.match.form.trigger.plover)
                    in _HOSTILE_ACTS):
                d.target = list(prev.target)
        d.target = [t for t in d.target if t not in d.source]
        if trig.root == "04" and trig.frame.get("sym") and not d.target and len(d.source) > 1 \
                and d.source_how == "explicit":
            # "التقى X وY", "تبادل X وY وجهات النظر": the first named party is the source and
            # the others the target (the gold convention for meetings and calls)
            d.source, d.target = d.source[:1], d.source[1:]
        if trig.frame.get("recv") and d.target:
            # "تلقى X اتصالا من Y": Y made the call
            d.source, d.target = d.target, d.source

    def _threat_target(self, s: _Sent, d: Draft, start: int) -> list[str]:
        """The first person, organization or state named in the complement of a threat (tokens
        from ``start`` over at most ``_THREAT_REACH``, within the sentence): not the threatener or
        its country, not the subject of a clause ``بأن X ستدمر ...`` (the threatener's side), not a
        gentilic, not a name that qualifies a common noun (``الانسحاب من وثيقة قرطاج``)."""
        n = len(s.toks)
        own = set(d.source) | {c for c in (self._country_of(x) for x in d.source) if c}
        j = max(start, d.match.end)
        if j < n and s.bare[j] in _HIS_COUNTRY:
            # "توعد X بلاده بأن تكون الهدف المقبل": his own country is the object
            state = self._country_of(d.source[0]) if d.source else None
            return [state] if state else []
        hi = min(n, j + _THREAT_REACH)
        while j < hi:
            w = s.norms[j]
            if w in ".:؛;!?؟()[]{}":
                break
            if w in _CLAUSE_BREAK and j + 1 < n and s.ment_at[j + 1] is None and (
                    s.norms[j + 1][:1] == "و" or s.lex.is_cue("boundary", s.norms[j + 1])):
                break  # "...، ولذلك حذر X": a new clause
            r = s.ment_at[j]
            if r is None or r.t0 != j:
                j += 1
                continue
            q = j - 1
            while q >= 0 and s.norms[q] in _QUOTES:
                q -= 1
            prev = s.norms[q] if q >= 0 else ""
            after_that = prev in ("ان", "بان", "وان") or s.bare[q] in ("ان", "بان") if q >= 0 else False
            # a noun in the construct state (no article, feminine ending: وثيقة قرطاج) governs the
            # name as its genitive, and a noun after ل owns it (تابعة للخليفة X); a verb (ستدمر
            # واشنطن) or a definite noun in apposition (عاصمة الجنوبيين سول) does not
            construct = (q >= 0 and s.ment_at[q] is None and not s.is_stop(q) and prev not in _CLAUSE_BREAK
                         and not self.lex.is_cue("title", prev) and not self.lex.is_cue("title", s.bare[q])
                         and not after_that and (prev[:2] == "لل" or (
                             s.bare[q][:2] != "ال" and s.texts[q].rstrip(DIACRITICS_SET).endswith(("ة", "ات")))))
            placed = r.entity.type in ("GPE", "LOC") and self._placed(s, r)  # "تفجير مسجد في الكويت"
            if (r.entity.type in ("PER", "ORG", "GPE") and r.mention.kind != "nisba" and r.entity.id not in own
                    and not after_that and not construct and not placed):
                return [r.entity.id]
            j = r.t1
        return []

    def _in_phrase_of_fi(self, s: _Sent, k: int, t0: int) -> bool:
        """Does a noun phrase opened by في after token ``k`` run up to the name at ``t0``
        (over at most five words: heads, أحد, gentilics; no other name, preposition or comma)?"""
        q, steps = t0 - 1, 0
        while q > k and steps < 5:
            w = s.norms[q]
            if s.bare[q] == "في":  # (the bare form of في is في)
                return steps > 0
            r = s.ment_at[q]
            if (r is not None and r.mention.kind != "nisba") or s.is_punct_stop(q) or w in ("،", ",") \
                    or w in self.lex.np_stop:
                return False
            q -= 1
            steps += 1
        return False

    def _placed(self, s: _Sent, r: MentionRef) -> bool:
        """Is the place mention ``r`` the object of ب/في, itself or through a place head
        (بمدينة الحسيمة، في ولاية X، بالعاصمة X)?"""
        q = r.t0 - 1
        if r.mention.start > s.starts[r.t0] and self.doc.text[s.starts[r.t0]] in "بف":
            return True  # بتونس، فيها
        if q < 0:
            return False
        p = s.norms[q]
        return s.bare[q] == "في" or (p[:1] == "ب" and (self.lex.is_cue("placehead", p[1:]) or p[1:3] == "ال"))

    def _genitive_gap(self, s: _Sent, i: int, j: int) -> bool:
        """Are the words ``i..j`` before a name only the head nouns of its phrase (قوات, السلطات)?

        "اعتقال قوات الاحتلال X": the agent's phrase follows the noun; "إيقاف 5 عناصر بجهة
        بنزرت": a number and the patients stand between, and the town is where it happened."""
        lex = self.lex
        for q in range(i, j):
            b = s.bare[q]
            if not any(lex.is_cue(kind, b) or lex.is_cue(kind, s.norms[q])
                       for kind in ("group", "statehead", "title", "orghead")):
                return False
        return True

    def _light_verb_before(self, s: _Sent, k: int, kind: str = "light") -> int | None:
        """Token index of a light verb (أجرى, عقد, شن ...) opening the noun's clause."""
        cues = self.lex.cues
        boundary = cues.get("boundary", _NO_CUES)
        light = cues.get(kind, _NO_CUES)
        norms, bare, ment_at = s.norms, s.bare, s.ment_at
        for j in range(k - 1, max(-1, k - 13), -1):
            n = norms[j]
            if ment_at[j] is None and (n in ".:؛;!?؟" or n in boundary):
                return None
            if n in light or bare[j] in light:
                if kind == "light" and any(norms[q] == "عن" for q in range(j + 1, k - 2)):
                    # "عبر في بيان عن صدمته إزاء القصف": the light verb's own noun (صدمته) came
                    # after its عن; a later noun is what that is about, not the verb's act
                    return None
                return j
        return None

    def _received_after(self, s: _Sent, i: int) -> int | None:
        """Token after ``من`` when the noun is followed by تلقاه/تلقته ... من (a received call)."""
        n = len(s.toks)
        for j in range(i, min(n, i + 3)):
            b = s.bare[j]
            if b.startswith(("تلقا", "تلقت", "تلقي", "يتلق", "تتلق")):
                for q in range(j + 1, min(n, j + 4)):
                    if s.norms[q] == "من":
                        return q + 1
                return None
        return None

    def _content_speaker(self, k: int, d: Draft | None = None) -> Draft | None:
        """The sentence's latest draft (other than ``d``) with a source whose reported content
        holds token ``k``: the speaker of the words the token is in."""
        return next((o for o in reversed(self._sent_drafts) if o is not d and o.source and o.content_span
                     and o.content_span[0] <= k < o.content_span[1]), None)

    def _first_person(self, s: _Sent, k: int) -> bool:
        """Is the present-tense verb at ``k`` in the first person (نرفض، سنواصل، أدعو)?"""
        w = s.norms[k]
        if w[:1] in "وف" and len(w) > 3:
            w = w[1:]
        if w[:1] == "س" and len(w) > 3:
            w = w[1:]
        if w[:1] == "ا" and any(f.tense == "past" for f in self.lex.forms.get(w, ())):
            return False  # اجتمعوا، اعتقلوا: a past verb of the forms افتعل/استفعل, not أفعل
        return w[:1] in ("ن", "ا")

    def _quoted(self, s: _Sent, k: int) -> bool:
        """Is token ``k`` after an opening quotation mark or a colon (direct speech) in its sentence?"""
        for j in range(k - 1, -1, -1):
            if s.norms[j] in _QUOTES or s.norms[j] == ":":
                return True
        return False

    def _country_of(self, eid: str) -> str | None:
        """The document's entity for the country of entity ``eid`` (itself for a country)."""
        ent = self.entities.get(eid)
        if ent is None:
            return None
        if _COUNTRY_ID.match(ent.id):
            return ent.id
        if ent.country and f"GPE:{ent.country}" in self.entities:
            return f"GPE:{ent.country}"
        return next((e.id for e in self.entities.values() if e.type == "GPE" and e.country == ent.country
                     and _COUNTRY_ID.match(e.id)), None) if ent.country else None

    def _fronted_owner(self, s: _Sent, k: int) -> list[str]:
        """``وخلال لقائه بالرئيس Y، أكد X ...``: a possessive noun in a phrase fronted before the
        main clause belongs to the subject of the verb right after the comma."""
        if k > 3:
            return []
        n = len(s.toks)
        for j in range(k + 1, min(n - 2, k + 16)):
            if s.norms[j] in _PUNCT_STOP:
                return []
            if s.norms[j] in ("،", ","):
                v = j + 1
                if v not in self._verbs_seen:
                    return []
                refs, _e = self.np_after(s, v + 1)
                return self.head_actors(refs)[0] if refs else []
        return []

    def _light_pronoun_after(self, s: _Sent, i: int) -> int | None:
        """Index of a light verb with a pronoun object (شنه, نفذتها) right after token ``i`` (a
        relative pronoun may stand between: الذي شنه)."""
        n = len(s.toks)
        j = i
        if j < n and s.bare[j] in ("الذي", "التي", "الذين"):
            j += 1
        if j >= n:
            return None
        w = s.bare[j]
        for suf in ("ه", "ها", "هم"):
            if w.endswith(suf) and len(w) > len(suf) + 1 and self.lex.is_cue("light", w[: -len(suf)]):
                return j
        return None

    def _light_verb_after(self, s: _Sent, i: int) -> bool:
        """A light verb with a pronoun object right after the noun (اتصال هاتفي، أجراه)."""
        for j in range(i, min(len(s.toks), i + 3)):
            n = s.bare[j]
            for suf in ("ه", "ها"):
                if n.endswith(suf) and self.lex.is_cue("light", n[: -len(suf)]):
                    return True
        return False

    def _continuation(self, s: _Sent) -> bool:
        first = " ".join(s.norms[:2])
        cont = self.lex.cues.get("continuation", {})
        multi = [" ".join(t) for t, _v in self.lex.multi.get("continuation", ())]
        return s.norms[0] in cont or s.bare[0] in cont or any(first.startswith(x) for x in multi)

    def _agent_cue(self, s: _Sent, i: int, j: int) -> tuple[int, int] | None:
        """Token range of an agent phrase (من قبل, على يد) starting in [i, j]."""
        first = self.lex.multi_first.get("agent", {})
        n = len(s.norms)
        for p in range(i, min(j + 1, n)):
            if s.bare[p] not in first and s.norms[p] not in first:
                continue
            for w in (s.bare[p], s.norms[p]):
                for toks, _v in first.get(w, ()):
                    L = len(toks)
                    if tuple(s.norms[p + 1:p + L]) == toks[1:]:
                        return p, p + L
        return None

    def _plain_word(self, s: _Sent, j: int) -> bool:
        """Is token ``j`` an ordinary word (a noun), not a particle, cue or punctuation?"""
        n, b = s.norms[j], s.bare[j]
        if n in _PUNCT_STOP or n in ("،", ",", "-", "–") or not n[:1].isalpha():
            return False
        if n in self.lex.np_stop or b in self.lex.np_stop:
            return False
        for kind in ("verbctx", "neg", "future", "cond", "passive", "both", "document"):
            if self.lex.is_cue(kind, n) or self.lex.is_cue(kind, b):
                return False
        if n in ("و", "ف", "ان", "انه", "انها", "بان", "لا", "قد") or b in _CONTENT_MARKERS:
            return False
        if self.lex.is_cue("title", b) or self.lex.is_cue("title", n) or self.lex.is_cue("group", b):
            return True
        return not self._readings(n)

    def _struck_place(self, s: _Sent, j: int) -> list[str]:
        """``(،) التي ضربت X`` / ``التي شهدتها X`` / ``التي وقعت في X`` / ``الذي جد مساء الأربعاء في X``
        / ``(إرهابي بشاحنة) وقع في العاصمة X`` after an attack noun: X (a GPE) as the struck place,
        else nothing.  Up to ``_STRUCK_SKIP`` words (adjectives, a date, a ب phrase) may stand
        between the noun and the relative verb, and a date or a head noun between it and X."""
        n = len(s.toks)
        q = j
        skipped = 0
        while q < n:
            w = s.norms[q]
            if w in ("التي", "الذي"):
                q += 1
                break
            if self.lex.is_cue("struck", s.bare[q]) or self.lex.is_cue("struck", w):
                break
            if (s.ment_at[q] is not None or s.is_punct_stop(q) or w in _CONTENT_MARKERS
                    or skipped >= _STRUCK_SKIP):
                return []
            if w not in ("،", ","):
                skipped += 1
            q += 1
        if q >= n or not (self.lex.is_cue("struck", s.bare[q]) or self.lex.is_cue("struck", s.norms[q])):
            return []
        # the relative verb and the words between it and the place (في، العاصمة السويدية، مساء الأربعاء)
        for p in range(q + 1, min(n, q + 8)):
            r = s.ment_at[p]
            if r is not None:
                if r.mention.kind == "nisba":
                    continue  # "العاصمة السويدية ستوكهولم": the gentilic qualifies the head noun
                if r.entity.type == "GPE" and r.t0 == p:
                    return [r.entity.id]
                return []
            if s.is_punct_stop(p) or s.norms[p] in ("،", ","):
                return []
        return []

    def _title_antecedent(self, s: _Sent, m: Match) -> str | None:
        """The person an unnamed title subject right after the verb refers to (``أكدت النائبة``):
        the one named last before this sentence, in the document's earlier sentences, with that
        title word in its entity title or within six words before one of its mentions."""
        j = m.end if m.form.trigger.tail and m.form.trigger.tail[0] is not GAP else m.k + 1
        if j >= len(s.toks) or s.ment_at[j] is not None:
            return None
        w = _title_stem(s.bare[j])
        if not w or not (self.lex.is_cue("title", s.bare[j]) or self.lex.is_cue("title", "ال" + w)
                         or self.lex.is_cue("title", w)):
            return None
        if any(r.t0 > j and r.t0 <= j + 3 and r.entity.type == "PER" for r in s.refs):
            return None  # the title's own name follows (وقال الوزير الأردني أيمن الصفدي)
        if self._title_words is None:
            self._title_words = self._collect_title_words()
        best, best_pos = None, -1
        lo = s.sent.start
        for eid, words in self._title_words.items():
            if w not in words:
                continue
            pos = max((mm.start for mm in self.entities[eid].mentions if mm.start < lo), default=-1)
            if pos > best_pos:
                best, best_pos = eid, pos
        return best

    def _attack_victim(self, s: _Sent, d: Draft) -> list[str]:
        """``مقتل X في غارة``, ``إصابة X في هجوم``: the named victim of a death or injury (``victim``
        cues) that the attack noun, after في, caused; [] when there is none."""
        k = d.match.k
        if k < 3 or s.norms[k - 1] != "في":
            return []
        for j in range(k - 2, max(-1, k - _VICTIM_REACH), -1):
            if s.is_punct_stop(j) or s.norms[j] in ("،", ","):
                return []
            if s.ment_at[j] is None and (self.lex.is_cue("victim", s.bare[j]) or self.lex.is_cue("victim", s.norms[j])):
                refs, _e = self.np_after(s, j + 1, limit=k - j - 1)
                refs = [r for r in refs if r.t1 <= k - 1 and r.mention.kind != "nisba"
                        and r.entity.type in ("PER", "ORG") and r.entity.id not in d.source]
                if refs:
                    ids, _how = self.head_actors(refs)
                    return ids
                return []
        return []

    def _fronted_apposed(self, s: _Sent, j: int) -> list[str]:
        """The person or organization that opens the sentence (or follows its و/كان) and is
        followed by an apposition set off by commas ending at the comma ``j``; [] otherwise."""
        q = j - 1
        while q >= 0 and j - q <= _APPOSITION_MAX:
            w = s.norms[q]
            if w in ("،", ","):
                break
            if s.is_punct_stop(q) and w not in _QUOTES or w in _CONTENT_MARKERS or q in self._heads:
                return []
            q -= 1
        else:
            return []
        if q < 1 or j - q < 2:
            return []
        r = s.ment_at[q - 1]
        if r is None or r.governed or r.mention.kind == "nisba" or r.entity.type not in ("PER", "ORG"):
            return []
        b = r.t0 - 1
        if b >= 0 and not (s.norms[b] in ("و",) or s.bare[b] in _KANA or s.norms[b] in _PUNCT_STOP):
            return []
        return [r.entity.id]

    def _fronted_list(self, s: _Sent, j: int) -> list[str]:
        """The coordinated names (persons, organizations, states) that fill the clause from its
        start (the sentence start, or a كان form) to the comma at ``j``, joined by و, ثم and
        commas only; [] when anything else stands there."""
        ids: list[str] = []
        q = j - 1
        while q >= 0:
            r = s.ment_at[q]
            if r is not None:
                if r.governed or r.mention.kind == "nisba" or r.entity.type not in ("PER", "ORG", "GPE"):
                    return []
                if r.entity.id not in ids:
                    ids.append(r.entity.id)
                q = r.t0 - 1
                continue
            w = s.norms[q]
            if w in ("،", ",", "و", "ثم", "وثم"):
                q -= 1
                continue
            if s.bare[q] in _KANA or (q == 0 and w in _PUNCT_STOP):
                break
            return []
        if q < 0 and not ids:
            return []
        return list(reversed(ids)) if len(ids) > 1 else []

    def _relative_subject(self, s: _Sent, m: Match) -> tuple[list[str], list[str]]:
        """The named antecedent (a person, organization or state) of a relative clause opened by
        the verb of ``m``, as (its subject, []) (``X، الذي قال``, ``X، هو الذي رحب``) or, when the
        clause resumes it with a pronoun (``X الذي انتقده Y``, ``X الذي وجهت إليه التهمة``), as
        ([], its object); ([], []) when there is none."""
        k = m.k
        if m.nominal or k < 2 or s.bare[k - 1] not in ("الذي", "التي", "الذين"):
            return [], []
        if m.form.trigger.plover not in _SPEAKING or m.form.trigger.plover == "STATEMENT":
            return [], []  # (a material act in a relative clause is mostly background, told elsewhere)
        if s.norms[k] != s.bare[k]:
            return [], []
        j = k - 2
        if j >= 0 and s.bare[j] in ("هو", "هي", "هم"):
            j -= 1
        while j >= 0 and s.norms[j] in ("،", ","):
            j -= 1
        r = s.ment_at[j] if j >= 0 else None
        if r is None or r.t1 != j + 1 or r.mention.kind == "nisba" or r.entity.type not in ("PER", "ORG", "GPE"):
            return [], []
        return ([], [r.entity.id]) if self._resumes(s, k) else ([r.entity.id], [])

    def _dropped_light_subject(self, s: _Sent, light: int) -> bool:
        """Does the light verb at ``light`` open the sentence (``كما``/``و`` allowed) with no
        subject after it: a preposition follows (``كما توجه في كلمته ب...``), not a noun
        (``وأصدرت المحكمة حكما``, ``وبدأ إطلاق النار``)?"""
        if not (light == 0 or (light == 1 and s.norms[0] in ("كما", "وكما"))):
            return False
        if light == 0 and not (s.norms[0][:1] == "و" and s.bare[0] != s.norms[0]):
            return False
        nxt = light + 1
        # (not "وبدأ إطلاق النار": a verbal noun right after the verb may be its subject)
        return nxt < len(s.toks) and s.ment_at[nxt] is None and s.is_stop(nxt) and s.norms[nxt] not in _PUNCT_STOP

    def _unnamed_antecedent(self, s: _Sent, m: Match) -> bool:
        """Does the verb of ``m`` open a relative clause (``الذي/التي/الذين`` right before it)
        whose antecedent is a common noun (no name, no title: ``التفجير الذي استهدف``) and which
        does not resume it with a pronoun (then the antecedent is the subject)?"""
        k = m.k
        if m.nominal or k < 2 or s.bare[k - 1] not in ("الذي", "التي", "الذين") or s.norms[k] != s.bare[k]:
            return False
        j = k - 2
        while j >= 0 and s.norms[j] in ("،", ","):
            j -= 1
        if j < 0 or s.ment_at[j] is not None or s.is_stop(j):
            return False
        if j > 0 and s.bare[j - 1] == "في":
            return False  # "في الوقت الذي رفعت الكويت": an adverbial clause with its own subject
        w = s.norms[j]
        if self.lex.is_cue("title", w) or self.lex.is_cue("title", s.bare[j]) or self.lex.is_cue("group", w) \
                or self.lex.is_cue("orghead", w[2:] if w[:2] == "ال" else w):
            return False  # (a person, group or institution: "الرئيس الذي زار", "الوزارة التي دعت")
        return not self._resumes(s, k)

    def _resumes(self, s: _Sent, k: int) -> bool:
        """Does the relative clause of the verb at ``k`` resume its antecedent with a pronoun (an
        object suffix on the verb, or a preposition with a pronoun within two words)?"""
        w = s.norms[k]
        for suf in ("هما", "هم", "ها", "ه"):
            if w.endswith(suf) and w[:-len(suf)] in self.lex.forms:
                return True
        for j in range(k + 1, min(len(s.toks), k + 3)):
            if s.bare[j] in _RESUMPTIVE_PREP:
                return True
        return False

    def _between_them(self, s: _Sent, d: Draft) -> list[str]:
        """The parties of ``بينهما`` / ``بينهم`` right after a reciprocal
        trigger: the distinct persons, organizations or states named last before it (in its
        sentence, then the previous one), in text order."""
        m = d.match
        j = m.end if m.end < len(s.toks) and s.bare[m.end] in _BETWEEN_THEM else (
            m.k + 1 if m.k + 1 < len(s.toks) and s.bare[m.k + 1] in _BETWEEN_THEM else None)
        if j is None:
            return []
        return self._named_before(s, m.k)

    def _named_before(self, s: _Sent, k: int) -> list[str]:
        """The two distinct persons, organizations or states named last before token ``k`` (in its
        sentence, then the previous one), in text order (fewer when there are not two)."""
        want = 2
        found: list[str] = []
        ok = lambda e, kind: e.type in ("PER", "ORG", "GPE") and kind != "nisba"  # noqa: E731
        for r in reversed(s.refs):
            if r.t1 <= k and ok(r.entity, r.mention.kind) and r.entity.id not in found:
                found.append(r.entity.id)
                if len(found) == want:
                    break
        if len(found) < 2 and s.idx > 0:
            for e, mm in sorted(self.by_sent.get(s.idx - 1, ()), key=lambda em: em[1].start, reverse=True):
                if ok(e, getattr(mm, "kind", "name")) and e.id not in found:
                    found.append(e.id)
                    if len(found) == want:
                        break
        return list(reversed(found))

    def _pronoun_patient(self, s: _Sent, d: Draft) -> list[str]:
        """The referent of a preposition + pronoun right after the trigger (``عليه``, ``إليها``,
        ``ضده``): the last person (for ``ه``) or person, organization or state (for ``ها``)
        named before the trigger in its sentence, else in the previous sentence."""
        m = d.match
        preps = [p for p in m.form.trigger.tgt_preps() if p != "obj"] + ["ضد"]
        n = len(s.toks)
        hit = None
        for j in range(m.k + 1, min(n, m.end + 2)):
            if j in m.tail_tokens or (j < m.end and j + 1 not in m.tail_tokens):
                continue  # after the trigger's words, or right before its tail (وجهت إليه التهمة)
            w = s.bare[j]
            for suf in ("ها", "ه"):
                if w.endswith(suf) and normalize(w[:-len(suf)]) in [normalize(p) for p in preps]:
                    hit = suf
                    break
            if hit is not None or s.norms[j] not in ("،", ","):
                break
        if hit is None:
            return []
        types = ("PER",) if hit == "ه" else ("PER", "ORG", "GPE")
        ok = lambda r: (r.entity.type in types and r.mention.kind != "nisba"  # noqa: E731
                        and r.entity.id not in d.source)
        for r in reversed(s.refs):
            if r.t1 <= m.k and ok(r):
                return [r.entity.id]
        for si in range(s.idx - 1, max(-1, s.idx - 1 - _PATIENT_BACK), -1):
            prev = sorted(self.by_sent.get(si, ()), key=lambda em: em[1].start, reverse=True)
            for e, mm in prev:
                if e.type in types and getattr(mm, "kind", "name") != "nisba" and e.id not in d.source:
                    return [e.id]
        return []

    def _org_antecedent(self, s: _Sent, j: int) -> str | None:
        """The organization a definite institution noun standing alone at token ``j`` refers
        back to (``وقالت الوزارة``, ``وعبرت الحركة عن رفضها``, ``ورد التحالف``): the one named
        last before it whose name begins with that noun (``orghead`` cues: وزارة الداخلية،
        حركة النهضة، التحالف العسكري).  None when the noun is qualified (``الحركة الاحتجاجية``)."""
        n = len(s.toks)
        if j >= n or s.ment_at[j] is not None:
            return None
        w = s.bare[j]
        if not w.startswith("ال") or len(w) < 5 or not self.lex.is_cue("orghead", w[2:]):
            return None
        if j + 1 < n:
            nxt = s.norms[j + 1]
            if s.ment_at[j + 1] is not None or (nxt.startswith("ال") and nxt not in self.lex.date_starts):
                return None  # "الحكومة التونسية", "الحركة الاحتجاجية": another, qualified noun
        if self._org_heads is None:
            self._org_heads = self._collect_org_heads()
        cands = self._org_heads.get(w[2:])
        if not cands:
            return None
        pos = s.starts[j]
        best, best_pos = None, -1
        for start, eid in cands:
            if best_pos < start < pos:
                best, best_pos = eid, start
        return best

    def _collect_org_heads(self) -> dict[str, list[tuple[int, str]]]:
        """Head noun (without the article) of each organization mention -> [(start, entity id)]."""
        out: dict[str, list[tuple[int, str]]] = {}
        text = self.doc.text
        for e in self.entities.values():
            if e.type != "ORG":
                continue
            for mm in e.mentions:
                if getattr(mm, "kind", "name") == "nisba":
                    continue
                words = normalize(text[mm.start:mm.end]).split()
                if len(words) < 2:
                    continue  # a one-word name is its own mention (الجيش alone is the entity)
                head = words[0][2:] if words[0].startswith("ال") else words[0]
                if self.lex.is_cue("orghead", head):
                    out.setdefault(head, []).append((mm.start, e.id))
        return out

    def _collect_title_words(self) -> dict[str, set[str]]:
        import bisect

        out: dict[str, set[str]] = {}
        text = self.doc.text
        ends = sorted(mm.end for e in self.entities.values() if e.type == "PER" for mm in e.mentions)
        for e in self.entities.values():
            if e.type != "PER":
                continue
            words = {_title_stem(normalize(t)) for t in (e.title or "").split()}
            for mm in e.mentions:
                if getattr(mm, "kind", "name") == "nisba":
                    continue
                # back to the previous person's name at most (its title is not this one's)
                i = bisect.bisect_right(ends, mm.start) - 1
                before = text[max(0, mm.start - 80, ends[i] if i >= 0 else 0):mm.start]
                for t in normalize(before).split()[-6:]:
                    t = t.strip(_EDGE_PUNCT)
                    if t and (self.lex.is_cue("title", t) or self.lex.is_cue("title", _bare(t))
                              or self.lex.is_cue("title", "ال" + _title_stem(t))):
                        words.add(_title_stem(t))
            words.discard("")
            if words:
                out[e.id] = words
        return out

    def _generic_subject(self, s: _Sent, k: int, m: Match) -> bool:
        """Is the word after the verb a definite common noun (its explicit, unnamed subject:
        وقال المسؤول، وأضاف البيان، وأوضحت الإحصائية)?  Then no pronoun subject is assumed."""
        j = m.end if m.form.trigger.tail and m.form.trigger.tail[0] is not GAP else k + 1
        if j >= len(s.toks) or s.ment_at[j] is not None:
            return False
        w = s.norms[j]
        if w in _PUNCT_STOP or s.is_stop(j) or w in _CONTENT_MARKERS or s.bare[j] in _CONTENT_MARKERS:
            return False
        if m.form.fem and self._masculine_head(s, j):
            return False  # "وانتقدت الرئيس": a masculine noun after a feminine verb is its object
        if self.lex.is_cue("document", w) or self.lex.is_cue("document", s.bare[j]):
            return False  # وأضاف البيان: the issuer of the statement speaks (the last actor)
        if self.lex.is_cue("group", w) or self.lex.is_cue("title", w):
            return True
        return w.startswith("ال") and len(w) > 3 and w not in self.lex.date_starts and w[2:] not in self.lex.date_starts

    def _clause_initial(self, s: _Sent, k: int) -> bool:
        """Does the verb open its clause (so that its subject may be a dropped pronoun)?"""
        if k == 0 or s.norms[k][0] in "وف" and s.bare[k] != s.norms[k]:
            return True
        prev = s.norms[k - 1]
        return prev in ("،", ",", "و", "ف") or self.lex.is_cue("verbctx", prev) or self.lex.is_cue("verbctx", s.bare[k - 1]) or (
            k == 1 and (prev in _PUNCT_STOP or prev in ("كما", "وكما"))  # "كما أعرب عن ...": also
        ) or s.bare[k - 1] in ("ثم",)

    def _both_sides(self, s: _Sent, k: int) -> bool:
        lo, hi = max(0, k - 4), min(len(s.toks), k + 4)
        both = self.lex.cues.get("both", _NO_CUES)
        bare, norms = s.bare, s.norms
        for j in range(lo, hi):
            if bare[j] in both or norms[j] in both:
                return True
        return False

    def _both_parties(self, s: _Sent, d: Draft, j: int) -> list[str]:
        """``الطرفين``, ``الجانبين`` (also with a proclitic preposition) at token ``j`` as an object:
        the two parties of the last event coded with both a source and a target."""
        if j >= len(s.toks) or s.ment_at[j] is not None or not self.last_pair:
            return []
        both = self.lex.cues.get("both", _NO_CUES)
        w = s.bare[j]
        if not (w in both or s.norms[j] in both or (len(w) > 3 and w[0] in "بل" and (
                w[1:] in both or (w.startswith("لل") and "ال" + w[2:] in both)))):
            return []
        return [x for x in _uniq(list(self.last_pair[0]) + list(self.last_pair[1])) if x not in d.source]

    def _target(self, s: _Sent, d: Draft, preps: tuple[str, ...], start: int) -> tuple[list[str], int]:
        n = len(s.toks)
        m = d.match
        if "obj" in preps:
            j = start
            # "دعا الحزب، اليوم الأحد، رئيس الجمهورية": commas and a day name before the object
            while j < n and (s.norms[j] in ("،", ",") or self.lex.is_cue("relday", s.bare[j])
                             or self.lex.is_cue("weekday", s.bare[j]) or self.lex.is_cue("weekday", s.norms[j])
                             or self.lex.is_cue("partday", s.bare[j])
                             or (s.norms[j] in ("فيه", "فيها") and j + 1 < n and s.ment_at[j + 1] is not None
                                 and s.ment_at[j + 1].t0 == j + 1 and not s.ment_at[j + 1].governed)
                             or (s.bare[j] in _DURING_IT and j + 1 < n and (
                                 (s.ment_at[j + 1] is not None and s.ment_at[j + 1].t0 == j + 1
                                  and not s.ment_at[j + 1].governed) or self._counterpart_word(s, j + 1)))):
                # ("دعا فيه X إلى": in it, the video or the letter, then the named addressee;
                # "التقى خلالها نظيره": during it, the visit, then whom he met)
                j += 1
            refs, e = self.np_after(s, j, limit=6)
            refs = [r for r in refs if r.entity.id not in d.source]
            both = self._both_parties(s, d, j)
            if not refs and both:
                return both, j + 1  # "دعا الاتحاد الأوروبي الطرفين إلى الحوار"
            if not refs and j < n and s.ment_at[j] is None and not s.is_stop(j):
                # the object is unnamed: look just after its noun (and one adjective)
                rel = next((q for q in range(j + 1, min(n, j + 4))
                            if s.bare[q] in _INCLUDING or s.bare[q] in ("الذي", "التي", "الذين")
                            or s.is_punct_stop(q) or s.ment_at[q] is not None), None)
                if rel is not None and s.ment_at[rel] is not None and rel == s.ment_at[rel].t0 and (
                        s.doc.text[s.starts[rel]:s.ment_at[rel].mention.start] in ("ل", "لل")
                        or (rel > j + 1 and s.norms[rel - 1] == "من")):
                    # (also "قتل 20 مسلحا من حركة X": the group the unnamed object belongs to)
                    # "قصفت مواقع لحركة حماس": the owner of the unnamed object is its target
                    refs, e = self.np_after(s, rel, limit=8, allow_governed=True)
                    refs = refs or [s.ment_at[rel]]
                elif rel is not None and s.bare[rel] in _INCLUDING:
                    # "حجبت مصر 21 موقعا بينها الجزيرة نت": the named member of the object
                    refs, e = self.np_after(s, rel + 1, limit=4)
                elif rel is not None and s.bare[rel] in ("الذي", "التي", "الذين"):
                    refs, e = self._relative_author(s, d, j)
                refs = [r for r in refs if r.entity.id not in d.source]
            if refs:
                ids, _how = self.head_actors(refs)
                return ids, e
        want = [p for p in preps if p != "obj"]
        if not want:
            return [], start
        # after the subject for a verb (VSO); right after the noun (its tail may be بين/مع)
        j = m.k + 1 if m.nominal else max(m.k + 1, start)
        steps = 0
        while j < n and steps < 14:
            nj, bj = s.norms[j], s.bare[j]
            if nj in ".:؛;!?؟" or (s.lex.is_cue("boundary", nj) or s.lex.is_cue("boundary", bj)) and nj not in want:
                break
            if nj in _CONTENT_MARKERS or bj in _CONTENT_MARKERS:
                break
            hit = None
            if nj in want or bj in want:
                hit = j + 1
            else:
                # proclitic preposition on the next word: بنظيره, لروسيا, بالرئيس
                for p in want:
                    if len(p) == 1 and (nj.startswith(p) or bj.startswith(p)) and len(nj) > 3:
                        r = s.ment_at[j]
                        if r is not None or s.lex.is_cue("counterpart", nj[1:]) or s.lex.is_cue("counterpart", bj[1:]) or s.lex.is_cue("title", nj[1:]):
                            hit = j
                            break
                        # "بالمشير خليفة حفتر": a title word with the preposition, then the name
                        nxt = next((q for q in range(j + 1, min(n, j + 3)) if s.ment_at[q] is not None or s.is_stop(q)), None)
                        if nxt is not None and s.ment_at[nxt] is not None and s.ment_at[nxt].entity.type in ("PER", "ORG", "GPE"):
                            hit = j
                            break
                        if s.ment_at[j] is None and self._relative_author(s, d, j)[0]:
                            hit = j  # "ندد بالعقوبات التي فرضتها Y"
                            break
            if hit is not None:
                if nj == "بين" or bj == "بين":
                    refs, e = self.np_after(s, hit, limit=10, allow_governed=True)
                    named = [r for r in refs if r.mention.kind != "nisba"] or refs
                    return _uniq(r.entity.id for r in self._coordinated(named)), e
                refs, e = self.np_after(s, hit, allow_governed=True)
                refs = [r for r in refs if r.entity.id not in d.source]
                both = self._both_parties(s, d, hit) if not refs and hit < n else []
                if both:
                    return both, hit + 1  # "حث الطرفين على", "التقى بالجانبين"
                if not refs and hit < n and m.form.trigger.plover == "ASSAULT":
                    # "غارات إسرائيلية على مخيم جباليا": the place an attack is on is what it struck
                    q = hit + 1 if s.ment_at[hit] is None and self.lex.is_cue("placehead", s.bare[hit]) else hit
                    r = s.ment_at[q] if q < n else None
                    if r is not None and r.entity.type in ("LOC", "GPE") and r.mention.kind != "nisba" \
                            and r.entity.id not in d.source:
                        return [r.entity.id], r.t1
                if not refs and hit < n and s.ment_at[hit] is None:
                    # "ندد X بالعقوبات التي فرضتها Y": the author of the denounced thing
                    refs, e = self._relative_author(s, d, hit)
                    refs = [r for r in refs if r.entity.id not in d.source]
                if not refs and hit < n and s.ment_at[hit] is None:
                    # "حظر على دخول مواطني سبع دول بينها إيران": the named member of the unnamed object
                    inc = next((q for q in range(hit + 1, min(n, hit + _INCLUDING_REACH))
                                if s.bare[q] in _INCLUDING or s.is_punct_stop(q) or s.ment_at[q] is not None
                                or s.norms[q] in ("،", ",")), None)
                    if inc is not None and s.bare[inc] in _INCLUDING:
                        refs, e = self.np_after(s, inc + 1, limit=4)
                        refs = [r for r in refs if r.entity.id not in d.source and r.mention.kind != "nisba"]
                if hit == j and nj[:1] == "ب":
                    # "اجتماع ببروكسل": a city after ب is where, not with whom
                    refs = [r for r in refs if not (r.entity.type in ("GPE", "LOC") and not _COUNTRY_ID.match(r.entity.id))]
                if refs:
                    ids, _how = self.head_actors(refs)
                    return ids, e
                if not (hit == j and nj[:1] == "ب"):
                    return [], start
            j += 1
            steps += 1
        return [], start

    def topic_head(self, d: Draft, width: int = 12) -> list[str]:
        """Entities of the first ``width`` tokens of the event's topic (what it is chiefly about)."""
        s = d.match.s
        # (the topic phrase first; when it names no one, e.g. a date read as the object of أعلنت
        # اليوم الأحد أنها ستواصل مساعيها لحل الأزمة بين X و Y, the reported content)
        for span in (d.topic_span, d.content_span):
            if not span:
                continue
            a, b = span
            b = min(b, a + width)
            b = next((j for j in range(a + 1, b) if s.norms[j] in ("،", ",")), b)  # up to its first comma
            ids = _uniq(r.entity.id for r in s.refs if a <= r.t0 < b and r.entity.id in d.topic)
            if ids:
                return ids
        return []

    def _relative_author(self, s: _Sent, d: Draft, j: int) -> tuple[list[MentionRef], int]:
        """``انتقد X التصريحات التي أدلى بها Y``, ``رفض القرارات التي أصدرتها Y``: the target of a
        criticism, rejection or praise whose object is an unnamed thing is that thing's author,
        the subject of the relative clause right after the object's noun (and one adjective)."""
        n = len(s.toks)
        if d.match.form.trigger.plover not in _EVALUATIVE:
            return [], j
        rel = next((q for q in range(j + 1, min(n, j + 3))
                    if s.bare[q] in ("الذي", "التي", "الذين") or s.is_punct_stop(q) or s.ment_at[q] is not None), None)
        if rel is None or s.bare[rel] not in ("الذي", "التي", "الذين") or rel + 2 >= n:
            return [], j
        q = rel + 2  # after the relative clause's verb
        if s.is_stop(q) or s.norms[q] in ("بها", "به", "بهم"):
            q += 1
        refs, e = self.np_after(s, q, limit=6)
        return [r for r in refs if r.mention.kind != "nisba"], e

    def _topic(self, s: _Sent, d: Draft) -> None:
        m = d.match
        trig = m.form.trigger
        n = len(s.toks)
        start = max(m.end, d.tgt_end)
        # content of reported speech
        if trig.frame.get("content"):
            for j in range(m.end, min(n, m.end + _CONTENT_REACH)):
                if s.norms[j] in _CONTENT_MARKERS or s.bare[j] in _CONTENT_MARKERS:
                    d.content_span = (j + 1, n)
                    break
                if s.norms[j] in (":",) and j + 1 < n:
                    d.content_span = (j + 1, n)
                    break
                if j - m.end == 13 and any(q in self._action_heads for q in range(m.end, j + 1)):
                    # past 14 words only over a long subject or a statement noun (في تصريح لـ...),
                    # not over an action (أعلن إخلاء سبيل الرجل ... في أنه: that أن is the action's)
                    break
        if not d.content_span and trig.frame.get("content") and trig.frame.get("complement"):
            # "اعتبرته قطر موقفا غير مبرر": without أن, the object and its complement are what is said
            j = self._subject_end(s, d)
            if j < n and not s.is_punct_stop(j):
                # (searched for evaluative words only; what it names stays its own events)
                # (a quoted complement belongs to it: اعتبره "نوعا من الانتحار السياسي")
                d.complement_span = (j, self._clause_end(s, j, quotes=False))
        topic_preps = trig.topic_preps()
        span = None
        last_tail = max(m.tail_tokens) if m.tail_tokens else None
        if last_tail is not None and last_tail == m.end - 1 and m.end < n and (
                s.norms[last_tail] in topic_preps or s.bare[last_tail] in topic_preps):
            # "وافقت مصر على استضافة ...": the tail's own preposition opens the topic
            span = (m.end, self._clause_end(s, m.end))
        one_letter = tuple(p for p in topic_preps if len(p) == 1)
        for j in range(m.end, min(n, m.end + 14)) if span is None else ():
            w = s.norms[j]
            if w in ".:؛;!?؟":
                break
            if (w in topic_preps or s.bare[j] in topic_preps) and s.ment_at[j] is None:
                span = (j + 1, self._clause_end(s, j + 1))
                break
            # a one-letter preposition attached to the word: بنتائج, لتعزيز (not a name that
            # begins with that letter: بشار)
            if len(w) > 3 and w.startswith(one_letter) and (
                    s.ment_at[j] is None or s.ment_at[j].mention.start > s.starts[j]):
                span = (j, self._clause_end(s, j))
                break
            if d.content_span and j >= d.content_span[0]:
                break
        if span is None and "obj" in topic_preps and trig.tail and trig.tail[0] is GAP and m.tail_tokens:
            # وصفت الوزارة [إقامة الحاجز] بأنه انتهاك: the object sits inside the gap
            j = self._subject_end(s, d, within=min(m.tail_tokens))
            if j < min(m.tail_tokens):
                span = (j, min(m.tail_tokens))
        if span is None and "obj" in topic_preps:
            j = max(start, self._subject_end(s, d))
            while j < n and (s.norms[j] in ("،", ",") or s.is_stop(j) and s.ment_at[j] is None and s.norms[j] not in _PUNCT_STOP):
                # skip a prepositional phrase between the roles and the object: في محادثة هاتفية
                if s.is_stop(j) and s.norms[j] not in ("،", ","):
                    break
                j += 1
            if j < n and not s.is_stop(j):
                span = (j, self._clause_end(s, j))
        if span and span[1] > span[0]:
            d.topic_span = span
        ids = []
        for a, b in (x for x in (d.topic_span, d.content_span) if x):
            for r in s.refs:
                if a <= r.t0 < b and r.entity.id not in d.source and r.entity.id not in d.target:
                    ids.append((r.t0, r.entity.id))
        d.topic = _uniq(eid for _t0, eid in sorted(ids))

    def _subject_end(self, s: _Sent, d: Draft, within: int | None = None) -> int:
        end = d.match.end if within is None else d.match.k + 1
        ids = set(d.source) | set(d.target)
        for r in s.refs:
            if r.entity.id in ids and r.t0 >= d.match.k and (within is None or r.t1 <= within):
                end = max(end, r.t1)
        return end

    def _clause_end(self, s: _Sent, i: int, quotes: bool = True) -> int:
        n = len(s.toks)
        stops = ".:؛;!?؟\"«»“”" if quotes else ".:؛;!?؟"
        boundary = s.lex.cues.get("boundary", _NO_CUES)
        norms, ment_at = s.norms, s.ment_at
        for j in range(i, n):
            w = norms[j]
            if w in stops:
                return j
            if ment_at[j] is None and (w in boundary and w not in ("ان", "أن")):
                return j
            if j > i and s.norms[j] in ("،", ",") and j + 1 < n and (j + 1) in self._heads:
                return j
            if j > i and j in self._conj_verbs:
                return j  # "تعهد باستعادة كل شبر من سوريا وقال إن ...": the topic ends at وقال
        return n

    def _attribution(self, s: _Sent) -> tuple[str, Span] | None:
        lex = self.lex
        n = len(s.toks)
        first = lex.multi_first.get("attrib", {})
        opens = lex.cue_words("attrib", multi=True)  # single cues and the first words of multiword ones
        if opens.isdisjoint(s.norms) and opens.isdisjoint(s.bare):
            return None  # (most sentences)
        for j in range(n):
            if s.norms[j] not in opens and s.bare[j] not in opens:
                continue
            hit = None
            for toks, _v in list(first.get(s.bare[j], ())) + (list(first.get(s.norms[j], ())) if s.bare[j] != s.norms[j] else []):
                L = len(toks)
                if tuple(s.norms[j + 1:j + L]) == toks[1:]:
                    hit = j + L
                    break
            if hit is None and (lex.is_cue("attrib", s.norms[j]) or lex.is_cue("attrib", s.bare[j])):
                hit = j + 1
            if hit is None:
                continue
            end = hit
            while end < n and end - hit < 8 and s.norms[end] not in ("،", ",", ".", ":", "؛") and s.norms[end] not in _PUNCT_STOP:
                end += 1
            if end == hit:
                continue
            who = None
            for r in s.refs:
                if hit <= r.t0 < end and r.mention.kind != "nisba":
                    who = r.entity.id
                    break
            span = s.span(j, end)
            return (who or span.text), span
        return None

    def _modal_cues(self, norm: str) -> tuple:
        """(neg, future, cond, next) cue values of one token (cached)."""
        cache = self.lex.modal_cache
        got = cache.get(norm)
        if got is None:
            lex = self.lex
            b = _bare(norm)
            words = lex.cue_words("neg", "future", "cond", "next")
            plain = norm not in words and b not in words  # (most words: no cue of any kind)
            cond = None if plain else (lex.cue("cond", b) or lex.cue("cond", norm))
            if cond is None and norm[:1] in _PROCLITICS_BY_FIRST and lex.may_end_in_cue("cond", norm):
                # (a word without a proclitic has no stem; one that ends in no cue has no cue stem)
                for plen, stem in proclitic_splits(norm):
                    if plen and lex.cue("cond", stem):
                        cond = lex.cue("cond", stem)
                        break
            got = (None, False, cond, False) if plain else (
                lex.cue("neg", norm) or lex.cue("neg", b),
                lex.cue("future", b) is not None or lex.cue("future", norm) is not None,
                cond,
                lex.is_cue("next", norm),
            )
            if len(cache) < 200_000:
                cache[norm] = got
        return got

    def _modal_row(self, s: _Sent) -> list[tuple]:
        """Modality cue values of every token of the sentence (computed once per sentence)."""
        row = s.modal
        if row is None:
            row = list(map(self.lex.modal_cache.get, s.norms))
            if None in row:  # words not met before
                row = [self._modal_cues(n) if v is None else v for n, v in zip(s.norms, row)]
            s.modal = row
        return row

    def _gathered(self, s: _Sent, d: Draft) -> bool:
        """``لقاء (الذي) جمع X بـY`` / ``جمع X وY``: X is the source, Y the target."""
        m = d.match
        n = len(s.toks)
        j = m.k + 1
        if j < n and s.norms[j] in ("الذي", "التي"):
            j += 1
        if j >= n or s.bare[j] not in _GATHER:
            return False
        # the first party: the phrase after جمع up to "بـ + title/name" (or "و + name");
        # the second party: that phrase
        end = min(n, j + 24)
        split = None
        seen_party = False
        for q in range(j + 1, end):
            nq = s.norms[q]
            if nq in ".:؛;!?؟" or (s.ment_at[q] is None and self.lex.is_cue("boundary", nq)):
                end = q
                break
            r = s.ment_at[q]
            if seen_party and len(nq) > 2 and nq[0] in "بو" and (
                    (r is not None and r.t0 == q and s.doc.text[s.starts[q]:r.mention.start] in ("ب", "و"))
                    or (r is None and (self.lex.is_cue("title", nq[1:]) or self.lex.is_cue("counterpart", nq[1:])))):
                split = q
                break
            if r is not None and r.entity.type in ("PER", "ORG", "GPE") and r.mention.kind != "nisba" and not r.governed:
                seen_party = True
        if split is None:
            return False

        def best(lo: int, hi: int) -> list[str]:
            refs = [r for r in s.refs if lo <= r.t0 < hi and r.mention.kind != "nisba"
                    and r.entity.type in ("PER", "ORG", "GPE")]
            if not refs:
                return []
            rank = min(r.rank for r in refs)
            return [next(r.entity.id for r in refs if r.rank == rank)]

        src = best(j + 1, split)
        tgt = [x for x in best(split, end) if x not in src]
        if not src or not tgt:
            return False
        d.source, d.source_how = src, "explicit"
        d.target = tgt
        return True

    def _reported_noun(self, s: _Sent, d: Draft) -> bool:
        """Is the nominal trigger of ``d``, inside someone's reported speech, a reported action
        of its own (``أفاد X أن لقاءه بالرئيس Y تطرق ...``, ``أكد أنه تم ... قطع العلاقات مع
        قطر``) rather than the name of a plan or purpose?  It needs a strong trigger and an actor
        of its own; a purpose (``ل`` + noun: ``خطة للقضاء على``) or the object of a future verb
        (``ستواصل قصف``) is not a reported action."""
        m = d.match
        if not m.nominal or m.form.trigger.weak or not (d.source or d.target):
            return False
        k = m.k
        if k > 0 and s.ment_at[k - 1] is None and s.norms[k - 1][:1] in "بلك" and len(s.norms[k - 1]) > 3 \
                and self._plain_word(s, k - 1) and not self.lex.is_cue("light", s.norms[k - 1][1:]):
            return False  # "بملف المفاوضات مع X": the genitive of another noun names no action
        # its actor is named within its own phrase (a genitive or the object of its preposition:
        # "قطع العلاقات مع إيران", "زيارة أردوغان"), not found further away ("القضاء على الإرهاب
        # أولوية لتركيا") or only through a pronoun ("توسيع سيطرته")
        ids = set(d.source) | set(d.target)
        if not any(r.entity.id in ids and k < r.t0 <= m.end + 1 for r in s.refs):
            return False
        w = s.bare[k]
        if w[:1] == "ل" and w not in self.lex.forms and self._light_verb_before(s, k, kind="undergo") is None:
            return False  # purpose: للقضاء على, لتعزيز (not تعرض لإطلاق نار)
        if k > 0:
            prev = s.norms[k - 1]
            if self._modal_cues(prev)[1] or (prev[:1] == "س" and len(prev) > 3 and prev[1:2] in "يتن"):
                return False  # "ستواصل قصف": a future action
        return True

    def _happened_noun(self, s: _Sent, d: Draft) -> bool:
        """Is the verbal noun of ``d`` (with an actor of its own) told as having taken place: after
        a preposition of time (``temporal`` cues: بعد، عقب، إثر، منذ) or as the subject of a verb
        of occurrence (``happened`` cues: حصل، تم، وقع) within the next words of its clause?"""
        m = d.match
        if not m.nominal or not (d.source or d.target) or m.form.trigger.plover in ("STATEMENT", "REQUEST"):
            return False
        k = m.k
        if k > 0 and self.lex.is_cue("temporal", s.bare[k - 1]):
            return True
        for j in range(m.end, min(len(s.toks), m.end + _HAPPENED_REACH)):
            w = s.norms[j]
            if w in _PUNCT_STOP or w in ("،", ",") or w in _CONTENT_MARKERS or s.bare[j] in _CONTENT_MARKERS:
                return False
            if self.lex.is_cue("happened", s.bare[j]) or self.lex.is_cue("happened", w):
                return True
        return False

    def _clausal_noun(self, s: _Sent, k: int, lo: int) -> bool:
        """Is the verbal noun at ``k`` the predicate of a clause (``تم``/``جرى`` + noun, or a light or
        ability verb within four words before it: ``تمكن من القضاء``, ``قام بـ``), after token ``lo``?"""
        for j in range(k - 1, max(lo - 1, k - 5), -1):
            b = s.bare[j]
            if self.lex.is_cue("passive", b) or self.lex.is_cue("light", b) or self.lex.is_cue("ability", b) \
                    or self.lex.is_cue("undergo", b):
                return True  # (undergo: "قال إنه نجا من محاولة اغتيال": the attempt took place)
        return False

    def _content_subject(self, s: _Sent, d: Draft, c0: int) -> list[str]:
        """The actor named first in reported content (its first ``_CONTENT_SUBJECT_REACH``
        tokens, before any clause break): a person, organization or state other than the speaker."""
        hi = min(len(s.toks), c0 + _CONTENT_SUBJECT_REACH)
        for j in range(c0, hi):
            if s.norms[j] in _PUNCT_STOP and s.norms[j] not in _QUOTES:
                break
            r = s.ment_at[j]
            if r is None or r.t0 != j or r.governed or r.entity.type not in ("PER", "ORG", "GPE"):
                continue
            if r.entity.id in d.source or self._addressed_medium(s, j):
                continue
            return [r.entity.id]
        return []

    def _referred(self, s: _Sent, d: Draft, c0: int, c1: int) -> list[str]:
        """Whom reported content says it refers to (``... في إشارة إلى الرئيس التركي X``): the
        person, organization or state named within ``_REFERENCE_REACH`` words after the cue
        (titles and gentilics between), not the speaker; else []."""
        first = self.lex.multi_first.get("reference", {})
        for j in range(c0, min(c1, len(s.toks))):
            for toks, _v in first.get(s.bare[j], ()) or first.get(s.norms[j], ()):
                if tuple(s.norms[j + 1:j + len(toks)]) != toks[1:]:
                    continue
                for q in range(j + len(toks), min(len(s.toks), j + len(toks) + _REFERENCE_REACH)):
                    r = s.ment_at[q]
                    if r is None:
                        if s.norms[q] in _PUNCT_STOP or s.norms[q] in _CLAUSE_BREAK:
                            return []
                        continue
                    if r.mention.kind == "nisba":
                        continue
                    if r.entity.type in ("PER", "ORG", "GPE") and r.entity.id not in d.source:
                        return [r.entity.id]
                    return []
                return []
        return []

    def _cue_actor(self, s: _Sent, d: Draft, c0: int, j0: int, j1: int) -> list[str]:
        """The actor an evaluative cue (tokens [j0, j1) of content starting at ``c0``) is said of,
        when the content does not open with it: the name governed by the cue (``وحشية نظام X``,
        ``ضعف الموقف السياسي للرحوي``: at most ``_CUE_GENITIVE_REACH`` plain words between) or,
        failing that, the ungoverned name closest before the cue in its clause (``أن رئاسة
        الجمهورية تتحمل المسؤولية``); never the speaker, a medium spoken to or a gentilic."""
        def ok(r: MentionRef | None) -> bool:
            return (r is not None and r.entity.type in ("PER", "ORG", "GPE") and r.mention.kind != "nisba"
                    and r.entity.id not in d.source and not self._addressed_medium(s, r.t0))
        n = len(s.toks)
        for j in range(j1, min(n, j1 + _CUE_GENITIVE_REACH + 1)):
            if s.norms[j] in _PUNCT_STOP or s.norms[j] in _CLAUSE_BREAK:
                break
            r = s.ment_at[j]
            if r is not None:
                # the genitive, or ل + name (ضعف الموقف للرحوي); not a name after another preposition
                genitive = not r.governed or (not r.by_prev and s.norms[j][:1] == "ل")
                return [r.entity.id] if ok(r) and r.t0 == j and genitive else []
            if s.norms[j] in self.lex.np_stop or (s.norms[j][:1] == "و" and s.bare[j] != s.norms[j]):
                break  # (a preposition opens another phrase; و a coordinated one: "الاستفزازات واستهداف X")
        for j in range(j0 - 1, max(c0, j0 - _CUE_SUBJECT_REACH) - 1, -1):
            if s.norms[j] in _PUNCT_STOP or s.norms[j] in _CLAUSE_BREAK:
                break
            r = s.ment_at[j]
            if r is not None:
                # (not a name a preposition governs: "تهريب السلاح إلى سوريا جريمة", "الأطراف ...
                # في تونس لا تدافع")
                return [r.entity.id] if ok(r) and not r.governed else []
        return []

    def _intent(self, s: _Sent, c0: int, c1: int) -> bool:
        """Content ``أنه/أنها + future verb`` (or ``مستعد``): the speaker states its own intention."""
        hi = min(c1, len(s.toks))
        if c0 < 1 or c0 >= hi:
            return False
        w = s.norms[c0]
        if s.norms[c0 - 1] in _SELF_MARKERS and (
                self.lex.is_cue("intent", w) or (w[:1] == "س" and self.lex.is_cue("intent", w[1:]))):
            return True
        for j in range(c0, min(hi, c0 + _INTENT_REACH)):
            w = s.norms[j]
            if w in _PUNCT_STOP and w not in _QUOTES:
                break
            # "وأضاف: سنواصل عمليات الإرسال": a first-person future verb of the speaker
            if w[:2] == "سن" and self.lex.is_cue("intent", w[1:]):
                return True
            # "أن قطر ليست مستعدة للاستسلام، لكنها ستحترم الاتفاقات": its own pronoun, then the future
            if s.bare[j] in _BUT_SELF and j + 1 < hi:
                nxt = s.norms[j + 1]
                if nxt[:1] == "س" and self.lex.is_cue("intent", nxt[1:]):
                    return True
        return False

    def _evaluation(self, s: _Sent, lo: int, hi: int) -> str | None:
        """CAMEO code of the first evaluative cue (``evaluation`` in cues.tsv) in tokens [lo, hi)."""
        found = self._evaluation_at(s, lo, hi)
        return found[0] if found else None

    def _evaluation_at(self, s: _Sent, lo: int, hi: int) -> tuple[str, int, int] | None:
        """``(code, start, end)`` of the first evaluative cue in tokens [lo, hi)."""
        cues = self.lex.cues.get("evaluation")
        if not cues:
            return None
        first = self.lex.multi_first.get("evaluation", {})
        norms, bare = s.norms, s.bare
        hi = min(hi, len(s.toks))
        for j in range(lo, hi):
            w = bare[j]
            v = cues.get(w)
            if v is None and w[:2] == "ال":
                v = cues.get(w[2:])
            if v is None and w[-1:] == "ا" and len(w) > 3:
                v = cues.get(w[:-1])  # the accusative (مبررا، مرفوضا)
            if v is None and w is not norms[j] and w != norms[j]:
                v = cues.get(norms[j])  # a word that itself begins with و (وحشية)
            if v is not None:
                return v, j, j + 1
            for toks, v in first.get(w, ()):
                got = norms[j + 1:j + len(toks)]
                if tuple(got) == toks[1:] or (got and got[-1][-1:] == "ا" and tuple(got[:-1]) + (got[-1][:-1],) == toks[1:]):
                    return v, j, j + len(toks)
        return None

    def _cue_in(self, s: _Sent, kind: str, lo: int, hi: int) -> bool:
        """Is a word of tokens [lo, hi) a ``kind`` cue (with its proclitics or article stripped)?"""
        cues = self.lex.cues.get(kind)
        if not cues:
            return False
        for j in range(lo, min(hi, len(s.toks))):
            w = s.bare[j]
            if w in cues or s.norms[j] in cues:
                return True
            for _plen, stem in proclitic_splits(s.norms[j]):
                if stem in cues or (stem.startswith("ال") and stem[2:] in cues):
                    return True
        return False

    def _multi_at(self, s: _Sent, kind: str, lo: int, hi: int) -> str | None:
        """Value of a multiword cue of ``kind`` starting in [lo, hi) (its first word may carry و)."""
        first = self.lex.multi_first.get(kind, {})
        for j in range(lo, hi):
            for toks, v in first.get(s.bare[j], ()):
                if tuple(s.norms[j + 1:j + len(toks)]) == toks[1:]:
                    return v
        return None

    def _modality(self, s: _Sent, d: Draft) -> None:
        m = d.match
        k = m.k
        if d.modality == "negated":
            return
        row = self._modal_row(s)
        if k > 0 and row[k - 1][0]:
            d.modality = "negated"
            return
        if m.future:
            d.modality = "future"
            return
        if d.date is not None and d.date.iso and self.doc_date is not None and d.date.iso > self.doc_date.isoformat()[: len(d.date.iso)]:
            d.modality = "future"
            return
        n = len(s.toks)
        region_start = min([a for a, _b in (x for x in (d.topic_span, d.content_span) if x)] + [n])
        if any(row[j][3] for j in range(k + 1, min(n, k + 8, region_start))):
            d.modality = "future"  # يزور ... الأسبوع المقبل
            return
        # cues before the trigger count within its own clause only (not in a quotation or
        # clause that ends before it: '"... سيتم ترجمتها في الأيام القادمة" مؤكدا أنه ...')
        # (a condition before a comma still governs the clause after it: إذا ...، ...)
        lo6, lo8 = max(0, k - 6), max(0, k - 8)
        for j in range(k - 1, lo8 - 1, -1):
            if s.norms[j] in _PUNCT_STOP:
                lo6, lo8 = max(lo6, j + 1), j + 1
                break
            if s.norms[j] in ("،", ",") and j >= lo6:
                lo6 = j + 1
                break
        if any(row[j][1] for j in range(lo6, k)) or self._multi_at(s, "future", lo6, k):
            d.modality = "future"  # سوف، يعتزم، من المقرر أن
            return
        for j in range(lo8, k):
            v = row[j][2]
            if v:
                if v == "hypothetical-present":
                    if j == k - 1 and m.form.tense == "present":
                        d.modality = "hypothetical"
                        return
                    continue
                if v == "hypothetical" and k - j > 3:
                    continue
                d.modality = v
                return
        v = self._multi_at(s, "cond", lo8, k)
        if v:
            d.modality = v

    def _date(self, s: _Sent, d: Draft, dates: list[DateExpr]) -> None:
        # a date inside what was said/discussed belongs to that content (verbal events);
        # a material event's phrase (أقام حاجزا على الحدود في أبريل) keeps its date
        verbal = self.lex.cameo[d.match.form.trigger.cameo].quad_class in (1, 3)
        region = [x for x in ((d.topic_span if verbal else None), d.content_span) if x]
        cands = [x for x in dates if not any(a <= x.start < b for a, b in region)]
        if verbal:
            # what was said comes after the speech verb and its date: يحذر الوزير الخميس من ...
            limit = min([a for a, _b in region] + ([min(d.match.tail_tokens)] if d.match.tail_tokens else []) + [len(s.toks)])
            cands = [x for x in cands if x.start < limit]
        if cands:
            k = d.match.k
            d.date = min(cands, key=lambda x: (abs(x.start - k), x.start))
            if d.date.iso:
                self.last_date = (d.date.iso, d.date.precision or "day")
            return
        # a continuation sentence (جاء ذلك خلال ...) keeps the previous event's date
        if self.last_date and self._continuation(s):
            d.inherited_date = self.last_date

    def _place(self, s: _Sent, d: Draft) -> None:
        region = [x for x in (d.topic_span, d.content_span) if x]
        k = d.match.k
        verbal = self.lex.cameo[d.match.form.trigger.cameo].quad_class in (1, 3)
        window = 6 if verbal else 12
        for r in s.refs:
            if r.t0 <= k or r.t0 > k + window:
                continue
            if any(a <= r.t0 < b for a, b in region):
                continue
            if r.entity.type not in ("GPE", "LOC") or r.mention.kind == "nisba":
                continue
            if r.entity.id in d.source or r.entity.id in d.target:
                continue
            prev = s.norms[r.t0 - 1] if r.t0 > 0 else ""
            prefix = self.doc.text[s.starts[r.t0]:r.mention.start]
            if (d.source or d.target) and r.t0 > 1 and s.ment_at[r.t0 - 1] is None \
                    and self.lex.is_cue("placehead", prev):
                # "في مدينة مرسيليا": a generic head before the name (only for an event with an
                # actor: a place does not make an actorless mention an event)
                prev = s.norms[r.t0 - 2]
            if _bare(prev) == "في" or prev == "في" or prefix in ("ب", "وب", "في"):
                d.place = r.entity.id
                return
            if d.match.form.trigger.frame.get("struck") and self._in_phrase_of_fi(s, k, r.t0):
                # "دهست شاحنة المارة في أحد شوارع العاصمة السويدية ستوكهولم": the phrase opened
                # by في ends in the town
                d.place = r.entity.id
                return
        if d.match.form.trigger.plover == "ASSAULT":
            # "غارات على مخيم جباليا", "هجوم على إدلب": the struck town or place is also where
            for t in d.target:
                ent = self.entities.get(t)
                if ent is not None and ent.type in ("LOC", "GPE") and not _COUNTRY_ID.match(t):
                    d.place = t
                    return

    # --- assembly --------------------------------------------------------------------
    def run(self) -> list[Draft]:
        for si, sent in enumerate(self.sentences):
            if sent.end - sent.start <= _MAX_SENTENCE:
                self.code_sentence(si)
            else:
                # a run-on "sentence" (a list, a page without punctuation) is coded in clause
                # windows so that the work stays linear; the evidence is still the sentence
                for a, b in _windows(self.doc.text, sent.start, sent.end):
                    self.code_sentence(si, Sentence(a, b))
        return self.drafts


#: a trigger that needs its reported clause (frame needs_content: رأى، يتوقع) finds its أن within this many
#: tokens (the subject with its title between them); further on, the أن belongs to another clause
_NEEDS_CONTENT_REACH = 10

#: longest apposition (tokens) between a fronted subject's comma and the comma before its verb
_APPOSITION_MAX = 16

#: longest sentence (characters) coded in one piece; longer ones are cut at clause marks
_MAX_SENTENCE = 1200
#: entity ids of countries (kg.nlp: GPE:<ISO 3166 alpha-3>)
_COUNTRY_ID = re.compile(r"^GPE:[A-Z]{3}$")
_CLAUSE_MARK = re.compile(r"[،؛;:,]\s|\s[وف](?=\S)")


def _windows(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut ``text[start:end]`` into pieces of at most ``_MAX_SENTENCE`` characters, at clause
    marks (comma, semicolon, colon, a conjunction) when there is one, else at a space."""
    out = []
    a = start
    while end - a > _MAX_SENTENCE:
        limit = a + _MAX_SENTENCE
        cut = None
        for m in _CLAUSE_MARK.finditer(text, a + _MAX_SENTENCE // 3, limit):
            cut = m.start() + 1
        if cut is None:
            sp = text.rfind(" ", a + 1, limit)
            cut = sp if sp > a else limit
        out.append((a, cut))
        a = cut
    out.append((a, end))
    return [(x, y) for x, y in out if y > x]


def _find_sentence(starts: list[int], sentences: list[Sentence], pos: int) -> int | None:
    import bisect

    i = bisect.bisect_right(starts, pos) - 1
    if 0 <= i < len(sentences) and sentences[i].start <= pos < sentences[i].end:
        return i
    return None
