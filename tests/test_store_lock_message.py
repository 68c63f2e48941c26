"""A store still open in this process is named as such, not as 'another process'."""

from __future__ import annotations

import pytest

from kg.errors import StoreError


def test_reopening_a_store_held_by_this_process_says_so(tmp_path):
    from kg.rdf.store import Store

    first = Store(tmp_path / "st")
    try:
        with pytest.raises(StoreError) as err:
            Store(tmp_path / "st")
        msg = str(err.value)
        assert "this process" in msg and "another process" not in msg and str(tmp_path / "st") in msg
    finally:
        first.close()
    Store(tmp_path / "st").close()  # free again once closed
