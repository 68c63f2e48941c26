#!/usr/bin/env python
"""Write kg/data/ner/ner-crf.vocab.npz: the CRF's feature rows of frequent Arabic words, precomputed.

    python scripts/ner_vocab.py [--model kg/data/ner/ner-crf.crfsuite] [--words 50000]

The tagger scores a word it has not seen yet in this process by looking up the pieces of the
word (stems, affixes, trigrams, lexicon values) in its weight table (kg.nlp.crf._Pieces.word,
~30 us of Python per word).  For the most frequent words of Arabic this file stores the result
(the rows of the table and the word's signature), so that the first sight of such a word costs
a slice instead; the scores are bit-identical (same rows summed in the same order).  The file is
tied to the weights (their sha256 is stored; the tagger ignores a file built for other weights)
and must be rebuilt after every training (scripts/train_ner.py calls this).

Words: the N most frequent Arabic words of wordfreq (``wordfreq.top_n_list("ar", N)``; wordfreq
data CC BY-SA 4.0, https://github.com/rspeer/wordfreq), normalized as the tokenizer's ``Token.norm``
(kg.nlp.text.normalize).  The derived word list is distributed under CC BY-SA 4.0.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.nlp import crf as C  # noqa: E402
from kg.nlp.text import normalize  # noqa: E402


def build(model: Path, n_words: int = 100000, log=print) -> Path:
    from wordfreq import top_n_list

    out = C.vocab_path(model)
    if out.exists():
        out.unlink()  # score with the plain code path
    tagger = C.load_tagger(model)
    pieces = tagger._scorer.pieces
    words = list(dict.fromkeys(w for w in (normalize(x) for x in top_n_list("ar", n_words)) if w and "\n" not in w))
    sigs: dict[str, int] = {}
    offsets, rows, sig_of = [0], [], []
    for w in words:
        r, sg = pieces.word(w)
        rows.extend(r)
        offsets.append(len(rows))
        sig_of.append(sigs.setdefault(sg, len(sigs)))
    nrows = pieces.n_rows
    dt = np.uint16 if nrows < 1 << 16 else np.uint32
    np.savez_compressed(
        out,
        weights_sha256=np.array(C._file_sha256(C.weights_path(model))),
        words=np.frombuffer("\n".join(words).encode("utf-8"), dtype=np.uint8),
        sigs=np.frombuffer("\n".join(sigs).encode("utf-8"), dtype=np.uint8),
        sig_of=np.asarray(sig_of, dtype=np.uint16 if len(sigs) < 1 << 16 else np.uint32),
        offsets=np.asarray(offsets, dtype=np.uint32),
        rows=np.asarray(rows, dtype=dt),
    )
    log(f"vocabulary: {len(words)} words, {len(rows)} rows, {len(sigs)} signatures -> {out} ({out.stat().st_size:,} bytes)")
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", type=Path, default=C.DEFAULT_MODEL)
    ap.add_argument("--words", type=int, default=100000, help="how many of wordfreq's most frequent Arabic words")
    args = ap.parse_args(argv)
    build(args.model, args.words)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
