"""Shared test fixtures.

Tests that need ../shared (training data, the development corpus) use the ``shared``
fixture, which skips with a clear reason when the folder is absent.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SEED = EXAMPLES / "seed-article.txt"
SHARED = Path(os.environ.get("KG_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "corpus").is_dir():
        pytest.skip(f"needs the shared data folder {SHARED} (set KG_SHARED); absent on this machine")
    return SHARED


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_store_dir(tmp_path_factory):
    """A persistent store built by the real pipeline from the seed page (dated 2023-08-16)."""
    from kg.ingest import read_paths
    from kg.pipeline import Pipeline
    from kg.rdf.store import Store

    path = tmp_path_factory.mktemp("seed") / "store"
    pipe = Pipeline()
    st = Store(path)
    st.add_extractions(pipe.extract(d) for d in read_paths([SEED], date="2023-08-16"))
    st.close()
    return path
