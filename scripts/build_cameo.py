#!/usr/bin/env python3
"""Regenerate kg/data/cameo/cameo.tsv and kg/data/cameo/plover.tsv.

Inputs (read-only; none is copied into the repository):
- ``../shared/reference/cameo/cameo.owl``: the CAMEO event codebook as OWL (MIT licence
  declared in the file): codes, English labels, hierarchy.
- ``../shared/reference/plover/CAMEO2PLOVER-2021.txt``: the CAMEO-to-PLOVER conversion
  table (openeventdata/PLOVER, CC BY-SA 4.0): PLOVER category and mode per CAMEO code.
- ``../shared/reference/plover/PLOVER_MANUAL.tex`` (CC BY-SA 4.0): category definitions
  and quad categories.  It is authoritative where the 2021 table disagrees (see OVERRIDES).
- ``kg/data/cameo/goldstein-source.tsv``: Goldstein (1992) scores per CAMEO code as
  published by GDELT (CAMEO.goldsteinscale.txt); cameo.owl has none.

Project conventions added here:
- CAMEO 01x (public statements) -> PLOVER ``STATEMENT`` (our extension; PLOVER leaves
  statements out), CAMEO 02x (appeals) -> ``REQUEST`` (PLOVER folds appeals into REQUEST).
- QuadClass by CAMEO root: 01-05 verbal cooperation (1), 06-08 material cooperation (2),
  09-13 verbal conflict (3), 14-20 material conflict (4).

Usage: python scripts/build_cameo.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "kg" / "data" / "cameo"

NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
}
CAMEO_IRI = "http://gdelt.org/cameo/"

#: Corrections to the 2021 conversion table, each with its reason.
OVERRIDES = {
    # The PLOVER manual (SANCTION, mode `discontinue`): "International (political or
    # economic) sanctions are coded as 'discontinue'"; the 2021 table has COERCE.
    "163": ("SANCTION", "discontinue", "PLOVER manual: international sanctions are SANCTION/discontinue"),
}

#: Statement codes (01x) are not in PLOVER; appeals (02x) are REQUEST.
EXTENSIONS = {"01": ("STATEMENT", ""), "02": ("REQUEST", "")}

PLOVER_ORDER = [
    "STATEMENT", "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
    "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]

QUAD_NAMES = {"VERBAL COOPERATION": 1, "MATERIAL COOPERATION": 2, "VERBAL CONFLICT": 3, "MATERIAL CONFLICT": 4}


def quad_class(code: str) -> int:
    root = int(code[:2])
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    if root <= 13:
        return 3
    return 4


def read_owl(path: Path) -> dict[str, str]:
    tree = ET.parse(path)
    labels: dict[str, str] = {}
    for cls in tree.getroot().iter(f"{{{NS['owl']}}}Class"):
        about = cls.get(f"{{{NS['rdf']}}}about", "")
        if not about.startswith(CAMEO_IRI):
            continue
        code = about[len(CAMEO_IRI):]
        if not code.isdigit():
            continue
        label = None
        for lab in cls.findall("rdfs:label", NS):
            if lab.get("{http://www.w3.org/XML/1998/namespace}lang", "en") == "en":
                label = (lab.text or "").strip()
        labels[code] = " ".join((label or "").split())
    return labels


def read_c2p(path: Path) -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{2,4}):\s*([A-Z]+)\s*(?:,([^,#]*))?", line)
        if not m:
            continue
        code, cat, mode = m.group(1), m.group(2), (m.group(3) or "").strip()
        if len(code) == 2:
            continue  # root headers
        out.setdefault(code, (cat, mode))
    return out


def read_goldstein(path: Path) -> dict[str, float]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("code\t"):
            continue
        code, val = line.split("\t")
        out[code] = float(val)
    return out


def _detex(s: str) -> str:
    s = re.sub(r"(?m)%.*$", "", s)
    s = re.sub(r"\\(?:plcat|plcon|plmod|txt|emph|textit|textbf)\{([^}]*)\}", r"\1", s)
    s = s.replace("``", '"').replace("''", '"').replace("---", "—").replace("\\ldots", "...")
    s = re.sub(r"\\[a-zA-Z]+\{[^}]*\}", "", s)
    s = s.replace("\\", "")
    return " ".join(s.split())


def read_plover_manual(path: Path) -> dict[str, tuple[str, int | None]]:
    tex = path.read_text(encoding="utf-8")
    start = tex.find("\\chapter{Event Categories}")
    body = tex[start:]
    out = {}
    parts = re.split(r"\\section\{([A-Z]+)\}", body)
    for i in range(1, len(parts), 2):
        cat, text = parts[i], parts[i + 1]
        first = re.split(r"\\subsection|\\newpage", text)[0]
        first = re.sub(r"\\begin\{table\}.*", "", first, flags=re.S)
        first = re.sub(r"\\(?:begin|end)\{(?:itemize|enumerate)\}", "", first)
        first = re.sub(r"\\item\s*", "; ", first).strip().lstrip(";")
        quad = None
        m = re.search(r"Quad category:\s*([A-Z ]+)\}", text)
        if m:
            quad = QUAD_NAMES.get(m.group(1).strip())
        out[cat] = (_detex(first), quad)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args(argv)
    ref = args.shared / "reference"
    owl, c2p_path, manual = ref / "cameo" / "cameo.owl", ref / "plover" / "CAMEO2PLOVER-2021.txt", ref / "plover" / "PLOVER_MANUAL.tex"
    for p in (owl, c2p_path, manual):
        if not p.is_file():
            print(f"error: missing input {p} (pass --shared)", file=sys.stderr)
            return 2
    labels = read_owl(owl)
    c2p = read_c2p(c2p_path)
    gold = read_goldstein(OUT / "goldstein-source.tsv")
    cats = read_plover_manual(manual)

    rows = []
    missing_gold = []
    for code in sorted(labels, key=lambda c: (c[:2], c.ljust(4, "0"), len(c))):
        if len(code) == 2:
            continue
        root = code[:2]
        note = ""
        if code in OVERRIDES:
            plover, mode, note = OVERRIDES[code]
        elif root in EXTENSIONS:
            plover, mode = EXTENSIONS[root]
            note = "project extension" if plover == "STATEMENT" else "appeal -> REQUEST (project convention)"
        elif code in c2p:
            plover, mode = c2p[code]
        else:
            # a code the table lacks: inherit from its 3-digit parent, else its root's 0-code
            parent = c2p.get(code[:3]) or c2p.get(root + "0")
            plover, mode = parent if parent else ("", "")
            note = "inherited from parent code"
        g = gold.get(code, gold.get(code[:3]))
        if g is None and root in gold:
            g = gold[root]
            note = (note + "; " if note else "") + "goldstein of root " + root + " (code not in GDELT's table)"
        if g is None:
            missing_gold.append(code)
        rows.append((code, labels[code], "" if g is None else f"{g:.1f}", str(quad_class(code)), plover, mode, note))

    header = [
        "# CAMEO event codes with Goldstein score, QuadClass and PLOVER category.",
        "# Generated by scripts/build_cameo.py; do not edit by hand.",
        "# code, label_en: CAMEO codebook as OWL (cameo.owl, riccardotommasini/gdelt, MIT licence).",
        "# goldstein: Goldstein (1992) scale for CAMEO as published by GDELT (CAMEO.goldsteinscale.txt);",
        "#   see kg/data/cameo/goldstein-source.tsv.",
        "# quad_class: by CAMEO root: 01-05 -> 1 verbal coop, 06-08 -> 2 material coop, 09-13 -> 3 verbal",
        "#   conflict, 14-20 -> 4 material conflict.",
        "# plover, plover_mode: CAMEO2PLOVER-2021.txt (openeventdata/PLOVER, CC BY-SA 4.0), with the",
        "#   corrections and project extensions named in the note column (01x -> STATEMENT, 02x -> REQUEST).",
        "# This file is a derived work of CC BY-SA 4.0 material and is shared under CC BY-SA 4.0.",
        "code\tlabel_en\tgoldstein\tquad_class\tplover\tplover_mode\tnote",
    ]
    with open(OUT / "cameo.tsv", "w", encoding="utf-8") as f:
        f.write("\n".join(header) + "\n")
        for r in rows:
            f.write("\t".join(r) + "\n")

    prow = []
    for cat in PLOVER_ORDER:
        if cat == "STATEMENT":
            prow.append((cat, "Project extension (not in PLOVER): public statements, comments, warnings, denials "
                         "and expressions of concern that carry no other category; CAMEO 010-019.", "1"))
            continue
        definition, quad = cats.get(cat, ("", None))
        prow.append((cat, definition, str(quad or "")))
    pheader = [
        "# PLOVER event categories: definition (first paragraph of the manual's section) and quad category.",
        "# Generated by scripts/build_cameo.py from PLOVER_MANUAL.tex (openeventdata/PLOVER, CC BY-SA 4.0);",
        "# this derived file is shared under CC BY-SA 4.0. STATEMENT is this project's extension.",
        "category\tdefinition_en\tquad_class",
    ]
    with open(OUT / "plover.tsv", "w", encoding="utf-8") as f:
        f.write("\n".join(pheader) + "\n")
        for r in prow:
            f.write("\t".join(x.replace("\t", " ") for x in r) + "\n")
    print(f"wrote {len(rows)} CAMEO codes, {len(prow)} PLOVER categories to {OUT}")
    if missing_gold:
        print(f"codes without a Goldstein score: {', '.join(missing_gold)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
