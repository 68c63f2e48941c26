"""QA round 5: the Python API's errors speak Python (no CLI flags), and bytes are refused clearly."""

from __future__ import annotations

import pytest

from kg import KnowledgeGraph
from kg.errors import ConfigError, InputError
from tests.fixtures_extraction import seed_extractions


@pytest.fixture(scope="module")
def kg():
    g = KnowledgeGraph()
    g.add(seed_extractions())
    yield g
    g.close()


@pytest.mark.parametrize("value", [b"\xd9\x84\xd8\xa7", bytearray(b"abc")])
def test_adding_bytes_names_bytes_not_int(kg, value):
    """kg.add(b'...') iterated the bytes and said 'cannot add an object of type int'."""
    with pytest.raises(InputError, match="cannot add bytes: decode"):
        kg.add(value)


@pytest.mark.parametrize("kwargs, wanted", [
    ({"kind": "bogus"}, "kind 'bogus'"), ({"focus": "لا أحد هنا"}, "focus 'لا أحد هنا'"),
    ({"focus": "لافروف", "depth": -1}, "depth -1"), ({"max_nodes": 0}, "max_nodes 0")])
def test_viz_errors_name_the_python_argument(kg, tmp_path, kwargs, wanted):
    """The API's viz() errors said '--kind', '--focus', '--depth', '--max-nodes' (kg viz's flags)."""
    with pytest.raises(ConfigError) as ei:
        kg.viz(tmp_path / "v.html", **kwargs)
    assert str(ei.value).startswith(wanted) and "--" not in str(ei.value), str(ei.value)
    assert not (tmp_path / "v.html").exists()
