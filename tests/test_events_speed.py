"""The event coder's shortcuts give the answers of the plain computations they replace.

kg.events.lexicon indexes the trigger forms by their endings (has_form_suffix), unions cue
kinds into one set (cue_words) and pre-tests cue stems by their last letters (may_end_in_cue);
kg.events.extract uses them in the per-word memo tables.  Each is compared here with the
straightforward computation over the seed article's words, every form and cue word, and those
words with proclitics added or letters cut.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.events.extract import _MAX_CAND_OFFSET, Coder, _bare
from kg.events.lexicon import _NO_CUES, load_lexicon
from kg.model import Document
from kg.nlp.text import normalize, proclitic_splits

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def lex():
    return load_lexicon()


@pytest.fixture(scope="module")
def words(lex):
    text = (ROOT / "examples" / "seed-article.txt").read_text(encoding="utf-8")
    base = {w.strip(".,،:؛!?؟\"'«»()") for w in normalize(text).split()}
    for kind in ("neg", "future", "cond", "next", "attrib", "prep"):
        base |= set(lex.cues.get(kind, ()))
    base |= set(sorted(lex.forms)[::5])
    out = set(lex.forms)
    for w in filter(None, base):
        out.add(w)
        # proclitics, and letters before a form up to and past the largest offset tried
        for p in ("و", "ف", "ب", "ل", "ال", "وال", "بال", "لل", "س", "تتتتت", "تتتتتت", "تتتتتتت", "تتتتتتتت"):
            out.add(p + w)
        out.add(w[1:])
        out.add(w[:-1])
    return sorted(out)


def _has_form_suffix_plain(forms, norm: str) -> bool:
    for i in range(min(len(norm), _MAX_CAND_OFFSET) + 1):
        rest = norm[i:]
        if rest in forms or "ال" + rest in forms:
            return True
    return False


def test_form_suffix_index_answers_as_every_offset(lex, words):
    assert len(words) > 20_000
    found = 0
    for w in words + ["", "ا", "ال", "و"]:
        plain = _has_form_suffix_plain(lex.forms, w)
        assert lex.has_form_suffix(w, _MAX_CAND_OFFSET) == plain, w
        found += plain
    assert found > 5_000  # (the words include every form)


def _modal_plain(lex, norm: str) -> tuple:
    """kg.events.extract.Coder._modal_cues without its shortcuts."""
    b = _bare(norm)
    cond = lex.cue("cond", b) or lex.cue("cond", norm)
    if cond is None:
        for plen, stem in proclitic_splits(norm):
            if plen and lex.cue("cond", stem):
                cond = lex.cue("cond", stem)
                break
    return (lex.cue("neg", norm) or lex.cue("neg", b),
            lex.cue("future", b) is not None or lex.cue("future", norm) is not None,
            cond, lex.is_cue("next", norm))


def test_modality_cues_of_a_word_as_computed_plainly(lex, words):
    coder = Coder(lex, Document(id="t", text="", date=None), [], [])
    lex.modal_cache.clear()
    marked = 0
    for w in words:
        got = coder._modal_cues(w)
        assert got == _modal_plain(lex, w), w
        marked += any(got)
    assert marked > 50
    # a cond cue reached through a proclitic (وإذا is the bare word; ولو, فلو, بإمكانية ...)
    assert coder._modal_cues(normalize("بإمكانية"))[2] == "hypothetical"


def test_cue_words_and_cue_ends(lex, words):
    kinds = ("verbctx", "boundary", "neg", "passive", "future", "both", "cond")
    union = lex.cue_words(*kinds)
    attrib = lex.cue_words("attrib", multi=True)
    for w in words:
        assert (w in union) == any(lex.is_cue(k, w) for k in kinds), w
        assert (w in attrib) == (lex.is_cue("attrib", w) or w in lex.multi_first.get("attrib", _NO_CUES)), w
        stems = [stem for plen, stem in proclitic_splits(w) if plen]
        if any(lex.is_cue("cond", st) for st in stems):
            assert lex.may_end_in_cue("cond", w), w
    assert lex.cue_words(*kinds) is union  # memoized
