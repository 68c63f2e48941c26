"""Merging events told more than once: within one document and across documents.

Within a document (:func:`merge_within`): two events are the same when

- they have the same CAMEO root (first two digits: 04 consult, 14 protest ...) and, when
  both codes are specific (third digit not 0), the same three-digit code (a ban 172 and a
  deportation 174 of one person are two actions; 040 and 041 may be one call),
- their participants (source + target) overlap, or one side has none and both are in the
  same sentence,
- their dates are compatible (equal, or one is a prefix of the other: ``2023-08`` and
  ``2023-08-16``; an event dated only by the document date is compatible with any), and
- they agree on being asserted or not (an asserted event never absorbs a negated one).

The merged event keeps the first telling's trigger and evidence (headline or lead), gets
the others' evidence sentences in ``mentions``, the more specific CAMEO code (``041`` over
``040``), the more precise explicit date, the union of participants and topics, and a
higher confidence.

A statement (STATEMENT) by a speaker whose words were coded, in an earlier sentence, as
another verbal event (a criticism, an appeal, a threat, a rejection, praise, a pledge)
continues that speech act and becomes one of its mentions (``انتقد X ... وأضاف X``); a
statement told before the speech act (a lead ``أكد X أن ...`` followed later by a criticism)
stays an event of its own.

Across documents (:func:`merge_across`): see its docstring.
"""

from __future__ import annotations

import datetime as _dt
from typing import Iterable

from ..model import Event, Extraction


#: verbal categories that are speech acts (a meeting or a call is not: CONSULT is left out)
_SPEECH = ("ACCUSE", "REQUEST", "THREATEN", "REJECT", "SUPPORT", "AGREE")
#: a plain statement continues a speech act of its speaker told at most this many sentences away
_NEAR = 1
#: a plain statement (a lead: "أكد X أن ...") is absorbed by a coded speech act of its speaker told
#: at most this many sentences after it (one telling: the gold guidelines' rule 4)
_TELLING = 3


def _participants(e: Event) -> set[str]:
    return set(e.source) | set(e.target)


def dates_compatible(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True
    return a.startswith(b) or b.startswith(a)


def _specific(a: str, b: str) -> str:
    """The more specific of two codes of one root: 4 digits > non-zero last digit > x0."""
    def score(c: str) -> tuple[int, int]:
        return (len(c), 0 if c.endswith("0") else 1)

    return a if score(a) >= score(b) else b


def _asserted(e: Event) -> bool:
    return e.modality in ("asserted", "reported")


_VISIT = ("042", "043")  # make / host a visit


def same_event(a: Event, b: Event, a_explicit_date: bool = True, b_explicit_date: bool = True) -> bool:
    if a.cameo[:2] != b.cameo[:2]:
        return False
    if a.cameo[:3] != b.cameo[:3] and a.cameo[2:3] != "0" and b.cameo[2:3] != "0":
        # two specific codes of one root are two actions (a ban 172 and a deportation 174);
        # a generic code (040, 170) may be a vaguer telling of a specific one
        return False
    if _asserted(a) != _asserted(b):
        return False
    if ((a.cameo in _VISIT) != (b.cameo in _VISIT) and a.target and b.target
            and not set(a.target) & set(b.target)):
        # "وصل X إلى دمشق في زيارة، التقى خلالها نظيره Y": a meeting held during a visit, with
        # someone other than the visited, is an act of its own
        return False
    # statements of one speaker continue one another (قال ... وأضاف ... وأوضح): one event,
    # as the gold guidelines count them
    pa, pb = _participants(a), _participants(b)
    if (a.sentence != b.sentence and a.plover in _SPEECH and a.target and b.target and a.label != b.label
            and not set(a.target) & set(b.target)):
        # one speaker's criticisms (appeals, praise ...) of different targets in different
        # sentences are different speech acts
        return False
    if pa and pb:
        if not (pa & pb):
            return False
    elif a.sentence != b.sentence:
        return False
    if a_explicit_date and b_explicit_date and not dates_compatible(a.date, b.date):
        return False
    return True


def _add_mentions(a: Event, spans, cache: dict | None = None) -> None:
    """Add evidence spans to ``a.mentions`` unless ``a`` already has them (by offsets).

    ``cache`` (owned by the caller) keeps each event's span set between calls, so that an
    event told hundreds of times is merged in linear time."""
    if cache is None:
        seen = {(x.start, x.end) for x in [a.evidence] + a.mentions}
    else:
        seen = cache.get(id(a))
        if seen is None:
            seen = cache[id(a)] = {(x.start, x.end) for x in [a.evidence] + a.mentions}
    for sp in spans:
        key = (sp.start, sp.end)
        if key not in seen:
            seen.add(key)
            a.mentions.append(sp)


def merge_into(a: Event, b: Event, b_explicit_date: bool, a_explicit_date: bool, cache: dict | None = None) -> bool:
    """Fold ``b`` into ``a``; returns whether ``a`` now has an explicit date."""
    if (a.plover == "STATEMENT" and b.plover == "STATEMENT" and a.cameo == "010" and b.cameo[2:3] not in ("", "0")
            and b.sentence != a.sentence):
        # a plain statement absorbs a later warning, denial ... (012-018) of the same speaker: the
        # specific act is the event, told where it is stated (the gold guidelines' rule 4); the
        # plain telling becomes one of its mentions
        old = a.evidence
        a.trigger, a.evidence, a.sentence, a.label = b.trigger, b.evidence, b.sentence, b.label
        if cache is not None:
            cache.pop(id(a), None)
        a.mentions = [m for m in a.mentions if (m.start, m.end) != (b.evidence.start, b.evidence.end)]
        _add_mentions(a, [old], cache)
    a.cameo = _specific(a.cameo, b.cameo)
    for x in b.source:
        if x not in a.source and x not in a.target:
            a.source.append(x)
    for x in b.target:
        if x not in a.target and x not in a.source:
            a.target.append(x)
    for x in b.topic:
        if x not in a.topic and x not in a.source and x not in a.target:
            a.topic.append(x)
    if a.topic_text is None and b.topic_text is not None:
        a.topic_text = b.topic_text
    explicit = a_explicit_date
    if b_explicit_date and b.date and (not a_explicit_date or not a.date or len(b.date) > len(a.date)):
        a.date, a.date_precision, a.date_text = b.date, b.date_precision, b.date_text
        explicit = True
    if a.place is None:
        a.place = b.place
    if a.attribution is None and b.attribution is not None:
        a.attribution, a.attribution_text = b.attribution, b.attribution_text
    _add_mentions(a, [b.evidence] + b.mentions, cache)
    a.confidence = round(min(0.99, max(a.confidence, b.confidence) + 0.1), 3)
    return explicit


def merge_within(events: list[Event], explicit_dates: list[bool]) -> list[Event]:
    """Merge repeated tellings of one event in a document (see the module docstring)."""
    cache: dict = {}  # event id() -> its evidence span set, for this call only
    out: list[Event] = []
    out_explicit: list[bool] = []
    by_root: dict[str, list[int]] = {}  # only events of one CAMEO root can be the same
    for e, ex in zip(events, explicit_dates):
        for i in by_root.get(e.cameo[:2], ()):
            a = out[i]
            if same_event(a, e, out_explicit[i], ex):
                out_explicit[i] = merge_into(a, e, ex, out_explicit[i], cache)
                break
        else:
            by_root.setdefault(e.cameo[:2], []).append(len(out))
            out.append(e)
            out_explicit.append(ex)
    # a statement by someone whose speech is coded as another verbal event in an earlier
    # sentence (انتقد X ... وأضاف X ...) continues that speech act: a further mention of it
    final: list[Event] = []
    for e in out:
        if e.plover == "STATEMENT" and e.modality in ("asserted", "reported"):
            # only a plain statement (010) continues it; a warning,
            # concern, denial or condolence (012-018) is a statement of its own
            host = None
            if e.cameo == "010":
                host = next((a for a in out if a is not e and (a.plover in _SPEECH or (
                                 a.plover == "STATEMENT" and a.cameo != "010"))
                             and a.modality in ("asserted", "reported") and set(a.source) & set(e.source)
                             and (a.sentence < e.sentence or a.sentence - e.sentence <= _TELLING)), None)
            if host is not None:
                _add_mentions(host, [e.evidence] + e.mentions, cache)
                continue
        final.append(e)
    return final


def _date_range(e: Event) -> tuple[_dt.date, _dt.date] | None:
    if not e.date:
        return None
    try:
        if len(e.date) == 10:
            d = _dt.date.fromisoformat(e.date)
            return d, d
        if len(e.date) == 7:
            y, m = int(e.date[:4]), int(e.date[5:7])
            start = _dt.date(y, m, 1)
            end = _dt.date(y + (m == 12), m % 12 + 1, 1) - _dt.timedelta(days=1)
            return start, end
        if len(e.date) == 4:
            y = int(e.date)
            return _dt.date(y, 1, 1), _dt.date(y, 12, 31)
    except ValueError:
        return None
    return None


def _within_a_day(a: Event, b: Event) -> bool:
    ra, rb = _date_range(a), _date_range(b)
    if ra is None or rb is None:
        return False
    one = _dt.timedelta(days=1)
    return ra[0] - one <= rb[1] and rb[0] - one <= ra[1]


def merge_across(extractions: Iterable[Extraction]) -> list[list[tuple[str, str]]]:
    """Cluster the events of several documents that report the same real-world event.

    Events are taken in the order of their dates (a month- or year-precision date stands for
    its whole range; events without a date are left out).  A cluster is anchored on its
    earliest event.  An event joins the first cluster that

    - has the same PLOVER category and the same assertedness (``asserted``/``reported`` or
      not),
    - shares at least one participant (source or target; entity ids are cross-document keys:
      ``GPE:RUS``, ``PER:...``) with the cluster's events,
    - has its anchor's date range within one day of the event's date range, and
    - holds no event of the event's own document (within a document, :func:`merge_within`
      has already decided);

    otherwise it starts a new cluster.  Anchoring keeps a cluster within a day or two of its
    first report (no chaining of daily meetings into one), and the index by participant keeps
    the work near-linear on a large corpus.

    Returns the clusters of two or more events, each a list of ``(document id, event id)``
    in input order; every mention keeps its provenance through its own document.  Nothing
    is modified: the graph side decides how to represent a cluster (e.g. one event node
    with several ``prov:wasDerivedFrom`` documents).
    """
    items: list[tuple[str, Event, tuple[_dt.date, _dt.date]]] = []
    for ex in extractions:
        for e in ex.events:
            rng = _date_range(e)
            if rng is not None:
                items.append((ex.doc.id, e, rng))
    order = sorted(range(len(items)), key=lambda i: (items[i][2][0], i))
    one = _dt.timedelta(days=1)
    clusters: list[dict] = []  # anchor range, member item indices, documents, participants
    open_by_key: dict[tuple[str, bool, str], list[int]] = {}
    for i in order:
        doc_id, e, (start, end) = items[i]
        parts = _participants(e)
        chosen = None
        for p in parts:
            key = (e.plover, _asserted(e), p)
            live = [c for c in open_by_key.get(key, ()) if clusters[c]["end"] + one >= start]
            open_by_key[key] = live  # clusters whose anchor ended over a day ago are closed
            for c in live:
                cl = clusters[c]
                if doc_id not in cl["docs"] and cl["start"] - one <= end:
                    chosen = c if chosen is None else min(chosen, c)
                    break
        if chosen is None:
            chosen = len(clusters)
            clusters.append({"start": start, "end": end, "members": [], "docs": set(), "parts": set()})
        cl = clusters[chosen]
        cl["members"].append(i)
        cl["docs"].add(doc_id)
        for p in parts - cl["parts"]:
            cl["parts"].add(p)
            open_by_key.setdefault((e.plover, _asserted(e), p), []).append(chosen)
    found = sorted(sorted(cl["members"]) for cl in clusters if len(cl["members"]) > 1)
    return [[(items[m][0], items[m][1].id) for m in members] for members in found]


__all__ = ["merge_within", "merge_across", "same_event", "dates_compatible"]
