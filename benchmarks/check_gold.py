#!/usr/bin/env python
"""Mechanical check of hand-annotated gold folders (benchmarks/gold*, format of benchmarks/gold/README.md).

    python benchmarks/check_gold.py                      # every benchmarks/gold* folder
    python benchmarks/check_gold.py benchmarks/gold-test2 -v   # list every problem found

For every ``*.json`` of each folder:

- valid JSON, one object, the schema of ``kg.eval.validate_gold`` (keys, types, entity
  types, ISO dates, ISO 3166 alpha-3 affiliations, ids referenced by events and places exist,
  trigger inside its evidence, PLOVER category consistent with the CAMEO code);
- stricter than ``validate_gold``: the CAMEO code is exactly three digits and is a row of
  ``kg/data/cameo/cameo.tsv`` (the CAMEO codebook), the PLOVER category is one of the
  categories of ``kg/data/cameo/plover.tsv``; entity and event ids are unique;
- the file is named ``<file>.json``, the article exists in ``ant-dev.jsonl`` and ``doc_date``
  is its corpus date (``kg.ingest.dates.parse_date``);
- every mention, adjective and evidence sentence occurs verbatim in the article text
  (``kg.eval.check_gold_against_text``; a mention ``ال...`` may occur as ``لل...``), and the
  evidence is one whole sentence of ``kg.nlp.text.split_sentences``, as the guidelines ask
  (``--lenient-sentences`` reports a verbatim but partial or multi-sentence evidence as a
  soft problem only, e.g. after a change of the sentence splitter);
- every mention and adjective occurs at least once as whole words (possibly after the
  proclitics و ف ب ل ك), not only inside a longer word (``المجد`` inside ``المجدي``);
- the same mention string is not listed under two entities; no two events have the same
  evidence, trigger, category, source and target (a duplicate).

By default only counts are printed (safe for the held-out folder, whose contents must not be
read for tuning); ``-v`` prints each problem.  Exit status 1 when any hard problem is found.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# every gold folder of the repo (benchmarks/gold, gold-dev2, gold-dev3, gold-test, gold-test2, ...)
DEFAULT_FOLDERS = tuple(sorted(str(p.relative_to(REPO)) for p in (REPO / "benchmarks").glob("gold*") if p.is_dir()))
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "ant-dev.jsonl"


def load_codebook() -> tuple[dict[str, str], set[str]]:
    """CAMEO code -> PLOVER category, and the set of PLOVER categories."""
    from kg.nlp.gazetteer import read_tsv

    base = REPO / "kg" / "data" / "cameo"
    cameo = {r["code"]: r.get("plover", "") for r in read_tsv(base / "cameo.tsv") if r.get("code")}
    plover = {r["category"] for r in read_tsv(base / "plover.tsv") if r.get("category")}
    return cameo, plover


def load_corpus(path: Path) -> dict[str, dict]:
    out = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                out[rec["id"]] = rec
    return out


_WORD_CHAR = re.compile("[\u0621-\u064A\u064B-\u0652\u0660-\u0669\u066E-\u06D3A-Za-z0-9]")
_PROCLITICS = set("وفبلك")


def occurs_as_words(m: str, text: str) -> bool:
    """``m`` occurs in ``text`` with no word character right after it and, before it, the
    start of a word or only proclitic letters (``وال...``, ``لل...`` for ``ال...``)."""
    forms = [m] + (["لل" + m[2:]] if m.startswith("ال") else [])
    for form in forms:
        for hit in re.finditer(re.escape(form), text):
            s, e = hit.span()
            if e < len(text) and _WORD_CHAR.match(text[e]):
                continue
            start = s
            while start > 0 and _WORD_CHAR.match(text[start - 1]):
                start -= 1
            if s - start <= 3 and set(text[start:s]) <= _PROCLITICS:
                return True
    return False


def check_file(path: Path, corpus: dict[str, dict] | None, cameo: dict[str, str],
               plover: set[str], lenient_sentences: bool = False) -> tuple[list[str], list[str], dict | None]:
    """(hard problems, soft problems, parsed gold or None) of one gold file."""
    from kg.eval import check_gold_against_text, validate_gold
    from kg.ingest.dates import parse_date
    from kg.nlp.text import split_sentences

    where = path.name
    try:
        d = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        return [f"{where}: cannot read: {exc}"], [], None
    except json.JSONDecodeError as exc:
        return [f"{where}: line {exc.lineno}: invalid JSON: {exc.msg}"], [], None
    hard = validate_gold(d, where, cameo)
    soft: list[str] = []
    if not isinstance(d, dict) or hard and any("missing key" in p or "must be lists" in p for p in hard):
        return hard, soft, d if isinstance(d, dict) else None
    if d["file"] != path.stem:
        hard.append(f"{where}: file {d['file']!r} does not match the file name")
    for ev in d["events"]:
        if not isinstance(ev, dict):
            continue
        code = ev.get("cameo")
        if isinstance(code, str):
            if len(code) != 3 or not code.isdigit():
                hard.append(f"{where}: event {ev.get('id')}: cameo {code!r} is not three digits")
            elif code not in cameo:
                hard.append(f"{where}: event {ev.get('id')}: cameo {code!r} is not a code of cameo.tsv")
        if plover and ev.get("plover") not in plover:
            hard.append(f"{where}: event {ev.get('id')}: plover {ev.get('plover')!r} not in plover.tsv")
    owner: dict[str, str] = {}
    for e in d["entities"]:
        if not isinstance(e, dict):
            continue
        for m in e.get("mentions") or []:
            if m in owner and owner[m] != e.get("id"):
                hard.append(f"{where}: mention {m!r} listed under {owner[m]} and {e.get('id')}")
            owner[m] = e.get("id")
        for m in (e.get("mentions") or []) + (e.get("adjectives") or []):
            if isinstance(m, str) and m != m.strip():
                hard.append(f"{where}: entity {e.get('id')}: {m!r} has surrounding white space")
    seen = Counter()
    for ev in d["events"]:
        if isinstance(ev, dict):
            key = (ev.get("evidence"), ev.get("trigger"), ev.get("plover"),
                   tuple(ev.get("source") or []), tuple(ev.get("target") or []))
            seen[key] += 1
            if seen[key] == 2:
                hard.append(f"{where}: event {ev.get('id')}: duplicate of an earlier event")
    if corpus is not None:
        rec = corpus.get(d["file"])
        if rec is None:
            hard.append(f"{where}: article {d['file']!r} is not in the corpus")
        else:
            want = parse_date(rec.get("date"))
            if want and d["doc_date"] != want:
                hard.append(f"{where}: doc_date {d['doc_date']} but the corpus date is {want}")
            text = rec["text"]
            hard += check_gold_against_text(d, text, where)
            for e in d["entities"]:
                if not isinstance(e, dict):
                    continue
                for m in (e.get("mentions") or []) + (e.get("adjectives") or []):
                    if isinstance(m, str) and m.strip() and (m in text or m.startswith("ال") and "لل" + m[2:] in text) \
                            and not occurs_as_words(m, text):
                        hard.append(f"{where}: entity {e.get('id')}: {m!r} occurs only inside a longer word")
            sents = {text[s:e] for s, e in split_sentences(text)}
            for ev in d["events"]:
                if isinstance(ev, dict) and ev.get("evidence") in text and ev.get("evidence") not in sents:
                    (soft if lenient_sentences else hard).append(
                        f"{where}: event {ev.get('id')}: evidence is not one whole sentence of split_sentences")
    return hard, soft, d


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folders", nargs="*", default=list(DEFAULT_FOLDERS))
    ap.add_argument("--corpus", default=str(DEFAULT_CORPUS),
                    help="ant-dev.jsonl (default: ../shared/corpus/ant-dev.jsonl); text checks "
                         "are skipped when it is absent")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every problem")
    ap.add_argument("--lenient-sentences", action="store_true",
                    help="an evidence that is verbatim but not one whole split sentence is a soft problem")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(REPO))
    cameo, plover = load_codebook()
    corpus_path = Path(args.corpus)
    corpus = load_corpus(corpus_path) if corpus_path.is_file() else None
    if corpus is None:
        print(f"note: {corpus_path} not found: text checks skipped")
    status = 0
    all_ids: dict[str, str] = {}
    for folder in args.folders:
        fdir = Path(folder)
        if not fdir.is_absolute() and not fdir.exists():
            fdir = REPO / folder
        files = sorted(fdir.glob("*.json"))
        n_hard = n_soft = n_ok = n_ent = n_named = n_ev = 0
        cats: Counter = Counter()
        problems: list[str] = []
        for path in files:
            hard, soft, d = check_file(path, corpus, cameo, plover, args.lenient_sentences)
            if d and isinstance(d.get("file"), str):
                if d["file"] in all_ids:
                    hard.append(f"{path.name}: article {d['file']!r} is also annotated in {all_ids[d['file']]}")
                else:
                    all_ids[d["file"]] = str(path)
            n_hard += len(hard)
            n_soft += len(soft)
            n_ok += not hard
            problems += hard + [s + " (soft)" for s in soft]
            if d and isinstance(d.get("entities"), list) and isinstance(d.get("events"), list):
                n_ent += len(d["entities"])
                n_named += sum(1 for e in d["entities"] if isinstance(e, dict) and e.get("mentions"))
                n_ev += len(d["events"])
                cats.update(ev.get("plover") for ev in d["events"] if isinstance(ev, dict))
        print(f"{folder}: {len(files)} files, {n_ok} without problems; {n_ent} entities "
              f"({n_named} with named mentions), {n_ev} events; "
              f"{n_hard} problems" + (f", {n_soft} soft" if args.lenient_sentences else ""))
        if args.verbose:
            for p in problems:
                print("  " + p)
        if n_hard:
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
