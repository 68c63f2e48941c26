"""kg query's table: columns aligned by display width (Arabic diacritics take no column),
cells cut by display width, bidi controls left out of the terminal table."""

from __future__ import annotations

import pytest

from kg.cli import main


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    from kg.rdf.store import Store

    path = tmp_path_factory.mktemp("qt") / "store"
    st = Store(path)
    st.ox.update("""INSERT DATA { GRAPH <http://example.org/g> {
        <http://example.org/a> <http://example.org/n> "مُحَمَّدٌ" ; <http://example.org/k> "x" .
        <http://example.org/b> <http://example.org/n> "محمد" ; <http://example.org/k> "y" .
        <http://example.org/c> <http://example.org/n> "\u202eabc\u202c" ; <http://example.org/k> "z" .
    } }""")
    st.close()
    return str(path)


def _table(capfd, store_dir, *extra):
    q = "SELECT ?n ?k WHERE { ?s <http://example.org/n> ?n ; <http://example.org/k> ?k } ORDER BY ?k"
    assert main(["query", store_dir, q, "--format", "table", *extra]) == 0
    return capfd.readouterr()[0].splitlines()


def test_columns_line_up_by_display_width(capfd, store_dir):
    import unicodedata

    lines = _table(capfd, store_dir)
    rows = lines[2:5]

    def col_of_second(line: str) -> int:  # display column where the second cell starts
        head = line.rstrip()[:-1]  # all but the one-letter second cell
        return sum(0 if unicodedata.combining(ch) else 1 for ch in head)

    assert len({col_of_second(r) for r in rows}) == 1, rows
    assert "\u202e" not in "\n".join(lines) and "abc" in rows[2]


def test_cells_are_cut_by_display_width(capfd, store_dir):
    lines = _table(capfd, store_dir, "--width", "3")
    # two letters with their marks, then the ellipsis: the marks are not counted as columns
    assert "مُحَ…  x" in lines and "مح…  y" in lines, lines
