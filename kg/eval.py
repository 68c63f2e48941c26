"""Score extractions against hand-annotated gold documents (``kg eval``).

Gold: one JSON file per article in a folder (``benchmarks/gold/<article id>.json``), in the
form described in ``benchmarks/gold/README.md``::

    {"file", "doc_date", "entities": [{"id", "type", "name_en", "mentions", "adjectives",
     "affiliation", "title"}], "events": [{"id", "plover", "cameo", "source", "target",
     "trigger", "date", "place", "evidence"}]}

Predictions: ``kg extract --format jsonl`` output, one :class:`kg.model.Extraction` dict a
line, with the document text (not ``--no-text``).  Documents are paired by
``doc.id == gold["file"]``; predicted documents without gold are ignored, gold documents
without a prediction count as complete misses (with a warning).

Entities (the unique entities of a document, matched by surface form): a predicted entity
matches a gold entity when one of its mention texts equals one of the gold mention forms
after :func:`kg.nlp.text.normalize`, insensitive to attached proclitics (``وروسيا`` =
``روسيا``) and to the article of the first word (``الجوهرة`` = ``جوهرة``), and, for the typed score, the types agree.  Matching is one-to-one (maximum
bipartite matching).  Gentilic mentions (``kind == "nisba"``) are not names: an entity
known only through gentilics is left out of the entity scores on both sides.

Events: a predicted event (modality ``asserted`` or ``reported`` only) matches a gold event

- *loose*: its trigger lies inside the gold evidence sentence (located in the document
  text), the PLOVER category is the same, and at least one predicted actor (source or
  target) is a gold actor (source or target) of the event;
- *strict*: as loose, and each side agrees: a side empty in gold must be empty in the
  prediction, a non-empty gold side must share at least one entity with the predicted side.

Predicted actors are mapped to gold entities through the entity matching (type-agnostic);
a predicted entity left out of the one-to-one matching (e.g. a surname split from its full
name) still maps to the gold entity whose forms it shares.  Events are matched one-to-one,
greedily (strict candidates first, then by order in the text).

Pure functions, no printing: :func:`evaluate` returns a dict; :func:`format_report` renders
it.  Errors a user can cause raise :class:`kg.errors.InputError` naming the file and line.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .errors import InputError
from .model import ENTITY_TYPES, Extraction
from .nlp.text import normalize, proclitic_splits

#: Modalities of predicted events that count as asserted facts.
SCORED_MODALITIES = ("asserted", "reported")

#: PLOVER categories allowed in gold files (PLOVER 2021 plus the STATEMENT extension).
PLOVER_CATEGORIES = (
    "STATEMENT", "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
    "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE",
    "ASSAULT",
)

_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_ISO3 = re.compile(r"^[A-Z]{3}$")
_CAMEO = re.compile(r"^\d{3,4}$")


# --- surface forms ------------------------------------------------------------------------

def surface_forms(text: str) -> set[str]:
    """Normalized forms of a name, with and without proclitics on its first word.

    >>> sorted(surface_forms("وروسيا"))
    ['روسيا', 'وروسيا']
    """
    norm = " ".join(normalize(text).split())
    if not norm:
        return set()
    first, _, rest = norm.partition(" ")
    out = set()
    for _plen, stem in proclitic_splits(first):
        out.add((stem + " " + rest).strip() if rest else stem)
    return out


def _gold_forms(mentions: Iterable[str]) -> set[str]:
    """Normalized gold forms, plus the form without the article of the first word
    (``الجوهرة أف أم`` also matches a prediction ``جوهرة أف أم``)."""
    out: set[str] = set()
    for m in mentions:
        n = " ".join(normalize(m).split())
        if n:
            out.add(n)
            first = n.split(" ", 1)[0]
            if first.startswith("ال") and len(first) > 4:
                out.add(n[2:])
    return out


# --- gold -----------------------------------------------------------------------------------

def _cameo_plover_table() -> dict[str, str]:
    """CAMEO code -> PLOVER category from the package's CAMEO table (empty if absent)."""
    path = Path(__file__).parent / "data" / "cameo" / "cameo.tsv"
    table: dict[str, str] = {}
    if not path.is_file():
        return table
    from .nlp.gazetteer import read_tsv

    for row in read_tsv(path):
        if row.get("code") and row.get("plover"):
            table[row["code"]] = row["plover"]
    return table


def validate_gold(d: Any, where: str, cameo_plover: dict[str, str] | None = None) -> list[str]:
    """Problems of one gold document (empty when valid).  ``where`` names it in messages."""
    probs: list[str] = []

    def bad(msg: str) -> None:
        probs.append(f"{where}: {msg}")

    if not isinstance(d, dict):
        return [f"{where}: a gold file must hold one JSON object"]
    for key in ("file", "doc_date", "entities", "events"):
        if key not in d:
            bad(f"missing key {key!r}")
    if probs:
        return probs
    if not isinstance(d["file"], str) or not d["file"]:
        bad("'file' must be the article id (a non-empty string)")
    if not (isinstance(d["doc_date"], str) and re.match(r"^\d{4}-\d{2}-\d{2}$", d["doc_date"])):
        bad(f"doc_date {d['doc_date']!r} is not an ISO date YYYY-MM-DD")
    ids: set[str] = set()
    if not isinstance(d["entities"], list) or not isinstance(d["events"], list):
        bad("'entities' and 'events' must be lists")
        return probs
    for i, e in enumerate(d["entities"]):
        w = f"entity {i} ({e.get('id') if isinstance(e, dict) else e!r})"
        if not isinstance(e, dict):
            bad(f"{w} is not an object")
            continue
        for key in ("id", "type", "name_en", "mentions", "adjectives", "affiliation", "title"):
            if key not in e:
                bad(f"{w}: missing key {key!r}")
        eid = e.get("id")
        if not isinstance(eid, str) or not eid:
            bad(f"{w}: id must be a non-empty string")
        elif eid in ids:
            bad(f"{w}: duplicate id {eid!r}")
        else:
            ids.add(eid)
        if e.get("type") not in ENTITY_TYPES:
            bad(f"{w}: type {e.get('type')!r} not one of {', '.join(ENTITY_TYPES)}")
        ms, adj = e.get("mentions"), e.get("adjectives")
        if not isinstance(ms, list) or not all(isinstance(m, str) and m.strip() for m in ms):
            bad(f"{w}: mentions must be a list of non-empty strings")
            ms = []
        if not isinstance(adj, list) or not all(isinstance(m, str) and m.strip() for m in adj):
            bad(f"{w}: adjectives must be a list of non-empty strings")
            adj = []
        if not ms and not adj:
            bad(f"{w}: needs at least one mention or adjective")
        if len(set(ms)) != len(ms):
            bad(f"{w}: a mention form is listed twice")
        aff = e.get("affiliation")
        if aff is not None and not (isinstance(aff, str) and _ISO3.match(aff)):
            bad(f"{w}: affiliation {aff!r} is not an ISO 3166 alpha-3 code or null")
        if e.get("title") is not None and not isinstance(e.get("title"), str):
            bad(f"{w}: title must be a string or null")
    eids: set[str] = set()
    for i, ev in enumerate(d["events"]):
        w = f"event {i} ({ev.get('id') if isinstance(ev, dict) else ev!r})"
        if not isinstance(ev, dict):
            bad(f"{w} is not an object")
            continue
        for key in ("id", "plover", "cameo", "source", "target", "trigger", "date", "place", "evidence"):
            if key not in ev:
                bad(f"{w}: missing key {key!r}")
        if ev.get("id") in eids:
            bad(f"{w}: duplicate event id")
        eids.add(ev.get("id"))
        if ev.get("plover") not in PLOVER_CATEGORIES:
            bad(f"{w}: plover {ev.get('plover')!r} is not a PLOVER category")
        code = ev.get("cameo")
        if not (isinstance(code, str) and _CAMEO.match(code)):
            bad(f"{w}: cameo {code!r} is not a 3- or 4-digit CAMEO code string")
        elif cameo_plover:
            want = cameo_plover.get(code) or cameo_plover.get(code[:3])
            if want is None:
                bad(f"{w}: cameo {code!r} is not in the CAMEO codebook")
            elif want != ev.get("plover"):
                bad(f"{w}: cameo {code} maps to PLOVER {want}, not {ev.get('plover')}")
        src, tgt = ev.get("source"), ev.get("target")
        if not isinstance(src, list) or not isinstance(tgt, list):
            bad(f"{w}: source and target must be lists of entity ids")
        else:
            if not src and not tgt:
                bad(f"{w}: needs at least one actor (source or target)")
            for a in list(src) + list(tgt):
                if a not in ids:
                    bad(f"{w}: actor {a!r} is not an entity id of this file")
        place = ev.get("place")
        if place is not None and place not in ids:
            bad(f"{w}: place {place!r} is not an entity id of this file")
        date = ev.get("date")
        if date is not None and not (isinstance(date, str) and _ISO_DATE.match(date)):
            bad(f"{w}: date {date!r} is not ISO (YYYY-MM-DD, YYYY-MM or YYYY) or null")
        for key in ("trigger", "evidence"):
            if not isinstance(ev.get(key), str) or not ev.get(key, "").strip():
                bad(f"{w}: {key} must be a non-empty string")
        if isinstance(ev.get("trigger"), str) and isinstance(ev.get("evidence"), str):
            if ev["trigger"] not in ev["evidence"]:
                bad(f"{w}: trigger {ev['trigger']!r} does not occur in its evidence sentence")
    return probs


def check_gold_against_text(d: dict, text: str, where: str) -> list[str]:
    """Problems of a gold document against its article text: every mention, adjective and
    evidence sentence must be a verbatim substring of ``text`` (a mention ``ال...`` may
    occur as ``لل...``, where the proclitic ل swallowed the article's alif)."""
    probs = []
    for e in d.get("entities", []):
        for m in list(e.get("mentions", [])) + list(e.get("adjectives", [])):
            # after the proclitic ل the article's alif is not written: للولايات -> الولايات;
            # before a word that itself starts with ل the article's lam goes too: للجنة -> اللجنة
            if m not in text and not (m.startswith("ال") and "لل" + m[2:] in text) \
                    and not (m.startswith("الل") and "ل" + m[2:] in text):
                probs.append(f"{where}: entity {e.get('id')}: {m!r} does not occur in the text")
    for ev in d.get("events", []):
        if ev.get("evidence") not in text:
            probs.append(f"{where}: event {ev.get('id')}: evidence is not a verbatim substring of the text")
    return probs


def load_gold(gold_dir: str | Path) -> dict[str, dict]:
    """Read and validate every ``*.json`` of ``gold_dir``: ``{file id: gold dict}``."""
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise InputError(f"gold folder {gold_dir} does not exist or is not a folder")
    table = _cameo_plover_table()
    out: dict[str, dict] = {}
    files = sorted(gold_dir.glob("*.json"))
    if not files:
        raise InputError(f"gold folder {gold_dir} holds no *.json files")
    for path in files:
        try:
            d = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{path}: cannot read gold file: {exc}") from None
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}: line {exc.lineno}: invalid JSON: {exc.msg}") from None
        probs = validate_gold(d, str(path), table)
        if probs:
            more = f" (and {len(probs) - 1} more)" if len(probs) > 1 else ""
            raise InputError(probs[0] + more)
        if d["file"] in out:
            raise InputError(f"{path}: article {d['file']!r} is annotated in two gold files")
        out[d["file"]] = d
    return out


def load_predictions(path: str | Path) -> dict[str, Extraction]:
    """Read ``kg extract --format jsonl`` output: ``{doc id: Extraction}``."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"predictions file {path} does not exist")
    out: dict[str, Extraction] = {}
    try:
        fh = path.open(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc}") from None
    with fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
                if not isinstance(obj, dict):
                    kind = {list: "an array", str: "a string", bool: "a boolean"}.get(type(obj), "a number") \
                        if obj is not None else "null"
                    raise InputError(f"{path}: line {lineno}: not an extraction record (kg extract --format "
                                     f"jsonl): {kind}, not a JSON object")
                ex = Extraction.from_dict(obj)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}: line {lineno}: invalid JSON: {exc.msg}") from None
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                why = f"no {exc.args[0]!r} field" if isinstance(exc, KeyError) and exc.args else \
                    f"a field of the wrong type ({exc})"
                raise InputError(
                    f"{path}: line {lineno}: not an extraction record (kg extract --format jsonl): {why}"
                ) from None
            out[ex.doc.id] = ex
    return out


# --- scoring --------------------------------------------------------------------------------

@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    def scores(self) -> dict[str, float | int]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


def _max_matching(n_left: int, edges: dict[int, list[int]]) -> dict[int, int]:
    """Maximum bipartite matching (Kuhn's augmenting paths): ``{left: right}``."""
    match_r: dict[int, int] = {}

    def augment(u: int, seen: set[int]) -> bool:
        for v in edges.get(u, ()):
            if v in seen:
                continue
            seen.add(v)
            if v not in match_r or augment(match_r[v], seen):
                match_r[v] = u
                return True
        return False

    for u in range(n_left):
        augment(u, set())
    return {u: v for v, u in match_r.items()}


@dataclass
class _DocEntities:
    gold_ids: list[str]
    pred_ids: list[str]
    typed: dict[int, int]  # pred index -> gold index
    untyped: dict[int, int]
    actor_map: dict[str, set[str]] = field(default_factory=dict)  # pred id -> gold ids


def _pred_entity_forms(ent) -> tuple[set[str], set[str]]:
    """(name forms, gentilic forms) of a predicted entity.  An entity without recorded
    mentions falls back on its label and aliases as names."""
    names: set[str] = set()
    nisba: set[str] = set()
    if not ent.mentions:
        for t in [ent.label, *ent.aliases]:
            if t:
                names |= surface_forms(t)
    for m in ent.mentions:
        (nisba if m.kind == "nisba" else names).update(surface_forms(m.text))
    return names, nisba


def _match_entities(gold: dict, ex: Extraction | None) -> tuple[_DocEntities, list[int], list[int]]:
    """Match one document's entities.  Returns the matching and the indices of the gold and
    predicted entities that take part in entity scoring (named ones)."""
    gents = gold["entities"]
    gforms = [_gold_forms(e["mentions"]) for e in gents]
    gadj = [_gold_forms(e.get("adjectives", [])) for e in gents]
    gall = [gforms[i] | gadj[i] for i in range(len(gents))]
    gscored = [i for i, e in enumerate(gents) if e["mentions"]]
    pents = ex.entities if ex else []
    pnames, pnisba = [], []
    for e in pents:
        n, a = _pred_entity_forms(e)
        pnames.append(n)
        pnisba.append(a)
    # entities known only through gentilics are out of entity scoring on both sides
    pscored = [i for i in range(len(pents)) if pnames[i]]
    typed_edges: dict[int, list[int]] = {}
    untyped_edges: dict[int, list[int]] = {}
    for pi in pscored:
        for gi in gscored:
            if pnames[pi] & gforms[gi]:
                untyped_edges.setdefault(pi, []).append(gi)
                if pents[pi].type == gents[gi]["type"]:
                    typed_edges.setdefault(pi, []).append(gi)
    typed = _max_matching(len(pents), typed_edges)
    untyped = _max_matching(len(pents), untyped_edges)
    de = _DocEntities([e["id"] for e in gents], [e.id for e in pents], typed, untyped)
    # actor map: one-to-one matches first, then any gold entity sharing a form
    # (names or gentilics: "القوات الروسية" may stand for Russia as an actor)
    for pi, e in enumerate(pents):
        if pi in untyped:
            de.actor_map[e.id] = {gents[untyped[pi]]["id"]}
            continue
        best, best_n = set(), 0
        for gi in range(len(gents)):
            n = len(pnames[pi] & gforms[gi]) * 2 + len((pnames[pi] | pnisba[pi]) & gall[gi])
            if n > best_n:
                best, best_n = {gents[gi]["id"]}, n
            elif n and n == best_n:
                best.add(gents[gi]["id"])
        if best:
            de.actor_map[e.id] = best
    return de, gscored, pscored


def _evidence_spans(text: str, evidence: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    while evidence:
        i = text.find(evidence, start)
        if i < 0:
            break
        spans.append((i, i + len(evidence)))
        start = i + 1
    return spans


def _event_candidates(gev: dict, pev, spans, actor_map) -> tuple[bool, bool]:
    """(loose, strict) match of one predicted event against one gold event."""
    if pev.plover != gev["plover"]:
        return False, False
    t = pev.trigger
    if not any(s <= t.start and t.end <= e for s, e in spans):
        return False, False

    def mapped(ids: list[str]) -> set[str]:
        out: set[str] = set()
        for i in ids:
            out |= actor_map.get(i, set())
        return out

    psrc, ptgt = mapped(pev.source), mapped(pev.target)
    gsrc, gtgt = set(gev["source"]), set(gev["target"])
    loose = bool((psrc | ptgt) & (gsrc | gtgt))
    if not loose:
        return False, False

    def side_ok(p_ids: list[str], p: set[str], g: set[str]) -> bool:
        return (not p_ids) if not g else bool(p & g)

    strict = side_ok(pev.source, psrc, gsrc) and side_ok(pev.target, ptgt, gtgt)
    return True, strict


def _match_events(gold: dict, ex: Extraction | None, actor_map, warnings: list[str]):
    """Greedy one-to-one event matching under both criteria.

    Returns ``(gold events, scored predicted events, loose pairs, strict pairs)`` with pairs
    as ``{gold index: pred index}``."""
    gevs = gold["events"]
    pevs = [e for e in (ex.events if ex else []) if e.modality in SCORED_MODALITIES]
    if ex is None:
        return gevs, pevs, {}, {}
    text = ex.doc.text
    cands: list[tuple[int, int, int, bool]] = []  # (gold, pred, trigger start, strict)
    for gi, gev in enumerate(gevs):
        spans = _evidence_spans(text, gev["evidence"])
        if not spans:
            warnings.append(
                f"{gold['file']}: evidence of gold event {gev['id']} not found in the predicted document's text"
            )
            continue
        for pi, pev in enumerate(pevs):
            loose, strict = _event_candidates(gev, pev, spans, actor_map)
            if loose:
                cands.append((gi, pi, pev.trigger.start, strict))

    def greedy(pairs) -> dict[int, int]:
        used_g: set[int] = set()
        used_p: set[int] = set()
        out = {}
        for gi, pi, _pos, _s in pairs:
            if gi in used_g or pi in used_p:
                continue
            used_g.add(gi)
            used_p.add(pi)
            out[gi] = pi
        return out

    # strict-qualifying pairs first so the loose matching never wastes a strict match
    loose_pairs = greedy(sorted(cands, key=lambda c: (not c[3], c[0], c[2])))
    strict_pairs = greedy(sorted([c for c in cands if c[3]], key=lambda c: (c[0], c[2])))
    return gevs, pevs, loose_pairs, strict_pairs


def evaluate(predictions: dict[str, Extraction], gold: dict[str, dict]) -> dict[str, Any]:
    """Score ``predictions`` against ``gold`` (both keyed by document id)."""
    warnings: list[str] = []
    ent_typed, ent_untyped = Counts(), Counts()
    per_type = {t: Counts() for t in ENTITY_TYPES}
    ev_loose, ev_strict = Counts(), Counts()
    per_plover: dict[str, dict[str, Counts]] = {}
    n_missing = 0
    details: dict[str, dict[str, list[str]]] = {}
    for doc_id in sorted(gold):
        g = gold[doc_id]
        ex = predictions.get(doc_id)
        if ex is None:
            n_missing += 1
            warnings.append(f"{doc_id}: gold document has no prediction; all its entities and events count as misses")
        elif g["events"] and not ex.doc.text:
            raise InputError(
                f"prediction for {doc_id} carries no document text; run kg extract without --no-text"
            )
        de, gscored, pscored = _match_entities(g, ex)
        gtype = {gi: g["entities"][gi]["type"] for gi in gscored}
        ptype = {pi: ex.entities[pi].type for pi in pscored} if ex else {}
        typed = {p: q for p, q in de.typed.items() if p in pscored}
        untyped = {p: q for p, q in de.untyped.items() if p in pscored}
        ent_typed.add(len(typed), len(pscored) - len(typed), len(gscored) - len(typed))
        ent_untyped.add(len(untyped), len(pscored) - len(untyped), len(gscored) - len(untyped))
        for t in ENTITY_TYPES:
            tp = sum(1 for p, q in typed.items() if gtype[q] == t)
            npred = sum(1 for p in pscored if ptype[p] == t)
            ngold = sum(1 for q in gscored if gtype[q] == t)
            per_type[t].add(tp, npred - tp, ngold - tp)

        gevs, pevs, loose, strict = _match_events(g, ex, de.actor_map, warnings)
        details[doc_id] = {
            "missed_entities": [f"{g['entities'][q]['type']}:{g['entities'][q]['mentions'][0]}"
                                for q in gscored if q not in set(typed.values())],
            "spurious_entities": [f"{ex.entities[p].type}:{ex.entities[p].label}"
                                  for p in pscored if p not in typed] if ex else [],
            "missed_events": [f"{gevs[q]['id']} {gevs[q]['plover']} {gevs[q]['trigger']}"
                              for q in range(len(gevs)) if q not in loose],
            "spurious_events": [f"{e.plover} {e.trigger.text}"
                                for k, e in enumerate(pevs) if k not in set(loose.values())],
        }
        ev_loose.add(len(loose), len(pevs) - len(loose), len(gevs) - len(loose))
        ev_strict.add(len(strict), len(pevs) - len(strict), len(gevs) - len(strict))
        cats = {e["plover"] for e in gevs} | {e.plover for e in pevs}
        for c in cats:
            d = per_plover.setdefault(c, {"loose": Counts(), "strict": Counts()})
            for name, pairs in (("loose", loose), ("strict", strict)):
                tp = sum(1 for gi in pairs if gevs[gi]["plover"] == c)
                npred = sum(1 for e in pevs if e.plover == c)
                ngold = sum(1 for e in gevs if e["plover"] == c)
                d[name].add(tp, npred - tp, ngold - tp)
    return {
        "documents": {"gold": len(gold), "predicted": len(gold) - n_missing, "missing": n_missing},
        "entities": {
            "typed": ent_typed.scores(),
            "untyped": ent_untyped.scores(),
            "per_type": {t: c.scores() for t, c in per_type.items()},
        },
        "events": {
            "loose": ev_loose.scores(),
            "strict": ev_strict.scores(),
            "per_plover": {c: {k: v.scores() for k, v in d.items()} for c, d in sorted(per_plover.items())},
        },
        "warnings": warnings,
        "details": details,
    }


def evaluate_files(pred_path: str | Path, gold_dir: str | Path) -> dict[str, Any]:
    """:func:`evaluate` on a predictions JSONL file and a gold folder."""
    gold = load_gold(gold_dir)
    preds = load_predictions(pred_path)
    return evaluate(preds, gold)


def _row(name: str, s: dict) -> str:
    return (f"{name:<22} {s['precision']:>6.3f} {s['recall']:>6.3f} {s['f1']:>6.3f}"
            f" {s['tp']:>5} {s['fp']:>5} {s['fn']:>5}")


def format_report(res: dict[str, Any], details: bool = False) -> str:
    """A plain-text table of :func:`evaluate`'s result (``details``: per-document errors)."""
    head = f"{'':<22} {'P':>6} {'R':>6} {'F1':>6} {'TP':>5} {'FP':>5} {'FN':>5}"
    docs = res["documents"]
    lines = [f"documents: {docs['gold']} gold, {docs['predicted']} predicted, {docs['missing']} missing", "", head]
    lines.append(_row("entities (typed)", res["entities"]["typed"]))
    lines.append(_row("entities (any type)", res["entities"]["untyped"]))
    for t, s in res["entities"]["per_type"].items():
        if s["tp"] or s["fp"] or s["fn"]:
            lines.append(_row(f"  {t}", s))
    lines.append(_row("events (loose)", res["events"]["loose"]))
    lines.append(_row("events (strict)", res["events"]["strict"]))
    for c, d in res["events"]["per_plover"].items():
        lines.append(_row(f"  {c} loose", d["loose"]))
    if details:
        lines.append("")
        for doc_id, d in res.get("details", {}).items():
            if any(d.values()):
                lines.append(doc_id)
                for k, v in d.items():
                    if v:
                        lines.append(f"  {k.replace('_', ' ')}: " + " | ".join(v))
    return "\n".join(lines)


__all__ = [
    "SCORED_MODALITIES",
    "PLOVER_CATEGORIES",
    "surface_forms",
    "validate_gold",
    "check_gold_against_text",
    "load_gold",
    "load_predictions",
    "evaluate",
    "evaluate_files",
    "format_report",
]
