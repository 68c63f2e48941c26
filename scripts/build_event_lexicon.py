#!/usr/bin/env python3
"""Check kg/data/events/triggers.tsv against the PETRARCH Arabic seed and fill its `origin` column.

The trigger lexicon is written by hand (every entry checked against the CAMEO codebook); the
lemma list was seeded from UniversalPetrarch's machine-translated Arabic verb dictionary
``../shared/reference/petrarch-arabic/CAMEO.ar.0.5.txt`` (MIT).  This script records, for
every entry, what the seed says about its lemma, so that the file shows which entries came
from the seed unchanged and which were corrected:

- ``seed``: the seed has the lemma with our code (at verb or block level);
- ``seed-corrected:<codes>``: the seed has the lemma only with other codes (ours corrects them);
- ``seed-uncoded``: the seed lists the lemma without a verb-level code (codes only in patterns);
- ``new``: the lemma is not in the seed.

It also checks that every CAMEO code exists in kg/data/cameo/cameo.tsv and that the
``plover`` column agrees with it; it exits non-zero when one does not.

Usage: python scripts/build_event_lexicon.py [--shared ../shared] [--check]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.nlp.text import normalize  # noqa: E402

TRIGGERS = ROOT / "kg" / "data" / "events" / "triggers.tsv"
CAMEO = ROOT / "kg" / "data" / "cameo" / "cameo.tsv"

_LINE = re.compile(r"^(?P<lemma>[^\s#\[\-+&][^#\[]*?)\s*(?:\[(?P<code>[0-9]+|---)\])?\s*#")
_BLOCK = re.compile(r"^---\s*(?P<lemma>.+?)\s*\[(?P<code>[0-9]+|---)\]\s*---")


def _key(lemma: str) -> str:
    first = re.split(r"[+_\s]", lemma.strip())[0]
    return normalize(first)


def read_seed(path: Path) -> dict[str, set[str]]:
    """Normalized first word of each seed lemma -> codes given at verb or block level."""
    seed: dict[str, set[str]] = {}
    block_code = None
    in_verbs = False
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        m = _BLOCK.match(line)
        if m:
            in_verbs = True
            block_code = None if m.group("code") == "---" else m.group("code")
            seed.setdefault(_key(m.group("lemma")), set())
            if block_code:
                seed[_key(m.group("lemma"))].add(block_code)
            continue
        if not in_verbs or not line or line.startswith("-"):
            continue
        m = _LINE.match(line)
        if m:
            codes = seed.setdefault(_key(m.group("lemma")), set())
            code = m.group("code")
            if code and code != "---":
                codes.add(code)
            elif block_code:
                codes.add(block_code)
    return seed


def read_cameo() -> dict[str, str]:
    out = {}
    for line in CAMEO.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or line.startswith("code\t"):
            continue
        f = line.split("\t")
        out[f[0]] = f[4]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--check", action="store_true", help="only check codes, do not rewrite origins")
    args = ap.parse_args(argv)
    cameo = read_cameo()
    seed_path = args.shared / "reference" / "petrarch-arabic" / "CAMEO.ar.0.5.txt"
    seed = None if args.check else read_seed(seed_path) if seed_path.is_file() else None
    if seed is None and not args.check:
        print(f"error: seed {seed_path} not found (pass --shared, or --check)", file=sys.stderr)
        return 2
    errors = 0
    out = []
    header = None
    counts: dict[str, int] = {}
    for n, line in enumerate(TRIGGERS.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("#") or not line.strip():
            out.append(line)
            continue
        f = line.split("\t")
        if header is None:
            header = f
            out.append(line)
            continue
        if len(f) != len(header):
            print(f"{TRIGGERS}:{n}: {len(f)} fields, expected {len(header)}", file=sys.stderr)
            errors += 1
            out.append(line)
            continue
        row = dict(zip(header, f))
        code = row["cameo"]
        if code not in cameo:
            print(f"{TRIGGERS}:{n}: unknown CAMEO code {code!r}", file=sys.stderr)
            errors += 1
        elif cameo[code] != row["plover"]:
            print(f"{TRIGGERS}:{n}: {code} is {cameo[code]} in cameo.tsv, not {row['plover']}", file=sys.stderr)
            errors += 1
        if seed is not None:
            codes = seed.get(_key(row["lemma"]))
            if codes is None:
                origin = "new"
            elif not codes:
                origin = "seed-uncoded"
            elif code in codes:
                origin = "seed"
            else:
                origin = "seed-corrected:" + ",".join(sorted(codes))
            f[header.index("origin")] = origin
            counts[origin.split(":")[0]] = counts.get(origin.split(":")[0], 0) + 1
        out.append("\t".join(f))
    if seed is not None and not errors:
        TRIGGERS.write_text("\n".join(out) + "\n", encoding="utf-8")
        print(f"origins written: {counts}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
