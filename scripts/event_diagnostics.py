"""Shared loop of the event diagnostics (event_errors.py, event_miss_classes.py,
event_fp_classes.py): run the pipeline on gold development articles and match its events
to the gold ones exactly as ``kg eval`` does; and the pipeline's entities of those articles,
cached, for the training scripts (train_event_filter.py, train_content_coder.py) to run the
event coder on again.  Development folders only."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Iterable, Iterator

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "ant-dev.jsonl"
for _p in (str(ROOT), str(ROOT / "benchmarks")):
    if _p not in sys.path:
        sys.path.insert(0, _p)


def refuse_held_out(folders: Iterable, prog: str) -> bool:
    """True (after saying so) when a folder is a held-out gold set."""
    if any("gold-test" in str(f) for f in folders):
        print(f"{prog}: not on a held-out set", file=sys.stderr)
        return True
    return False


@dataclass
class Scored:
    """One article: the document, its gold dict, the extraction and kg eval's matching."""
    doc: object
    gold: dict
    ex: object
    actor_map: dict
    gevs: list
    pevs: list
    loose: dict
    strict: dict

    @cached_property
    def gold_names(self) -> dict:
        """Gold entity id -> its first mention (or adjective, or the id)."""
        return {e["id"]: (e["mentions"] or e.get("adjectives") or [e["id"]])[0] for e in self.gold["entities"]}

    def pred_actors(self, ids) -> str:
        """Predicted actor ids as ``label->gold ids`` (``?`` when unmatched)."""
        label = {e.id: e.label for e in self.ex.entities}
        return ",".join(f"{label.get(i, i)}->{'/'.join(sorted(self.actor_map.get(i, ()))) or '?'}" for i in ids)


def pipeline_bases(gold_ids, corpus: Path = CORPUS, cache: Path | None = None) -> dict:
    """{article id: (document, sentences, entities)}: the pipeline's output for the articles
    ``gold_ids`` of ``corpus``, for an event coder to run on again.  With ``cache``, read from
    that pickle when it holds them all, else computed and written to it (entities are other
    people's work in progress: a cache keeps experiments on the events comparable)."""
    import pickle

    from eval_dev import read_docs

    from kg.pipeline import Pipeline

    if cache is not None and cache.is_file():
        with cache.open("rb") as fh:
            base = pickle.load(fh)
        if set(gold_ids) <= set(base):
            return base
    docs, _how = read_docs(Path(corpus), set(gold_ids))
    pipe = Pipeline()
    base = {}
    for d in docs:
        ex = pipe.extract(d)
        base[d.id] = (ex.doc, ex.sentences, ex.entities)
    if cache is not None:
        with cache.open("wb") as fh:
            pickle.dump(base, fh)
    return base


def scored_documents(folders: Iterable, corpus: Path = CORPUS, pipe=None) -> Iterator[Scored]:
    """Every gold article of ``folders`` (in id order per folder), extracted and matched."""
    from eval_dev import read_docs

    from kg.eval import _match_entities, _match_events, load_gold
    from kg.pipeline import Pipeline

    pipe = pipe or Pipeline()
    for folder in folders:
        gold = load_gold(Path(folder))
        docs, _how = read_docs(Path(corpus), set(gold))
        for doc in sorted(docs, key=lambda d: d.id):
            g = gold[doc.id]
            ex = pipe.extract(doc)
            de, _gs, _ps = _match_entities(g, ex)
            gevs, pevs, loose, strict = _match_events(g, ex, de.actor_map, [])
            yield Scored(doc, g, ex, de.actor_map, gevs, pevs, loose, strict)
