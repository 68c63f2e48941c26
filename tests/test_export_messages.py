"""Export errors speak to whoever called: the path asked for, not a temporary file's name,
and no command-line flag in the Python API's message."""

from __future__ import annotations

import pytest

from kg.errors import ConfigError, StoreError


def _store():
    from kg.rdf.store import Store

    st = Store()
    st.ox.update("INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/a> <http://example.org/p> 'x' } }")
    return st


def test_an_unwritable_target_is_named_not_its_temporary_file():
    from kg.export import export

    with pytest.raises(StoreError) as err:
        export(_store(), "/proc/kg-test-x.ttl")
    msg = str(err.value)
    assert "/proc/kg-test-x.ttl" in msg and ".tmp" not in msg


def test_an_unknown_extension_asks_for_a_format_without_cli_flags(tmp_path):
    from kg.export import export

    with pytest.raises(ConfigError) as err:
        export(_store(), tmp_path / "x.unknown")
    msg = str(err.value)
    assert "x.unknown" in msg and "--format" not in msg and "turtle" in msg
