"""The content hash that makes re-adding an unchanged document a no-op is the same in
every process (it is computed over the builder's quad order, so that order must not
depend on Python's per-process string hashing)."""

import os
import subprocess
import sys

CODE = """
from kg.ingest import read_paths
from kg.pipeline import Pipeline
from kg.rdf.build import build
from tests.conftest import SEED
from tests.fixtures_extraction import hostile_extraction, synthetic_extraction
p = Pipeline()
xs = [p.extract(d) for d in read_paths([SEED], date="2023-08-16")] + [synthetic_extraction(3, events=20), hostile_extraction()]
print(" ".join(build(x, generated_at="2026-01-01T00:00:00+00:00").content_hash for x in xs))
"""


def test_content_hash_is_the_same_under_different_hash_seeds():
    outs = set()
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        r = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, env=env, timeout=120)
        assert r.returncode == 0, r.stderr
        outs.add(r.stdout.strip())
    assert len(outs) == 1
