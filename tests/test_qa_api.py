"""QA: the Python façade refuses what a user gets wrong, naming the value."""

from __future__ import annotations

import pytest

from kg.errors import InputError


@pytest.mark.parametrize("path", ["missing.txt", "news/missing-article.html", "corpus.JSONL", "./x"])
def test_a_missing_path_is_an_error_not_a_one_word_article(tmp_path, path):
    from kg import KnowledgeGraph
    from tests.fixtures_extraction import seed_extractions

    kg = KnowledgeGraph()
    kg.add(seed_extractions()[0])  # something to lose
    before = len(kg.documents())
    with pytest.raises(InputError, match=path.replace(".", r"\.")):
        kg.add([path])
    assert len(kg.documents()) == before


def test_texts_are_still_texts(tmp_path):
    from kg.api import _looks_like_path

    assert not _looks_like_path("روسيا")
    assert not _looks_like_path("زار الرئيس الفرنسي الجزائر في 2023/01/02.")
    assert not _looks_like_path("قال: نعم")
    assert _looks_like_path("a/b") and _looks_like_path("x.txt")
