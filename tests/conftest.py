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
