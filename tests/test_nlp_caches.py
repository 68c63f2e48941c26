"""Per-word caches of the text layer, the gazetteer and the CRF: filling them (a word new to the
cache, also twice in one sentence) and emptying them never changes a result."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.nlp import text as text_mod
from kg.nlp.gazetteer import load_gazetteer
from kg.nlp.text import normalize, tokenize

SEED = Path(__file__).resolve().parent.parent / "examples" / "seed-article.txt"


def test_tokenize_fills_norm_cache_with_repeated_new_words():
    s = "وزيرُ الخارجيةِ وزيرُ الخارجيةِ، ووزيرُ الخارجيةِ قالَ"
    text_mod._NORM_CACHE.clear()
    first = tokenize(s)
    assert [t.norm for t in first] == [normalize(t.text) for t in first]
    assert all(text_mod._NORM_CACHE[t.text] == t.norm for t in first)
    again = tokenize(s)  # every word cached now
    assert [(t.text, t.start, t.end, t.norm) for t in again] == [(t.text, t.start, t.end, t.norm) for t in first]


def test_gazetteer_match_same_with_empty_and_full_hit_cache():
    gaz = load_gazetteer()
    s = "قال وزير الخارجية الروسي إن روسيا وروسيا ولروسيا تدعم العراق والعراق"
    toks = tokenize(s)
    gaz._hit_cache.clear()
    cold = [(m.i, m.j, m.start, m.end, m.entry.id, m.prefix) for m in gaz.match(toks)]
    warm = [(m.i, m.j, m.start, m.end, m.entry.id, m.prefix) for m in gaz.match(toks)]
    assert cold == warm
    assert any(s[a:b] == "روسيا" for _, _, a, b, _, _ in cold)
    assert all(gaz._hit_cache[t.norm] == gaz._compute_hits(t.norm) for t in toks)


def test_crf_clear_caches_keeps_labels():
    from kg.nlp.crf import _STEMS, load_tagger
    from kg.nlp.text import split_sentences

    try:
        tagger = load_tagger()
    except Exception as e:  # noqa: BLE001
        pytest.skip(f"CRF model unavailable: {e}")
    text = SEED.read_text(encoding="utf-8")
    sents = [tokenize(text, s, e) for s, e in split_sentences(text)]
    before = tagger.tag_spans_document(text, sents)
    assert before and any(before)
    tagger.clear_caches()
    if tagger._scorer is not None:
        assert tagger._scorer.n == 1 and not tagger._scorer.index
    assert not tagger._fine_cache and not tagger._content_cache and not _STEMS
    assert tagger.tag_spans_document(text, sents) == before  # refilled from nothing
    assert tagger.tag_spans_document(text, sents) == before  # and warm


def test_cached_values_computes_each_new_key_once_and_bounds_the_cache():
    from kg.nlp.text import cached_values

    calls: list[str] = []

    def compute(k: str) -> str:
        calls.append(k)
        return k.upper()

    cache: dict[str, str] = {}
    assert cached_values(cache, ["a", "b", "a"], compute, 10) == ["A", "B", "A"]
    assert calls == ["a", "b"]  # a new key met twice is computed once
    assert cached_values(cache, ["b", "a"], compute, 10) == ["B", "A"] and calls == ["a", "b"]
    assert cached_values(cache, ["c", "d"], compute, 3) == ["C", "D"]  # 2 + 2 > 3: emptied first
    assert set(cache) == {"c", "d"} and calls == ["a", "b", "c", "d"]
