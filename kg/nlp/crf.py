"""The statistical NER tagger: a linear-chain CRF (python-crfsuite) trained on NewsFANE Gold.

What goes in: :class:`kg.nlp.text.Token` lists (words with their proclitics attached, as
written; ``Token.norm`` is the matching form).  What comes out: BIO labels over a coarse
class and a fine class, ``B-PER-Politician``, ``I-GPE-Nation``, ``O``; or entity spans
``(start_char, end_char, coarse, fine)`` into the original text.

Coarse classes: PER, ORG, GPE, LOC, MISC.  Fine classes are NewsFANE's (Politician,
Government, Nation, Population-Center...); the mapping lives in
``kg/data/ner/newsfane_classes.tsv``.  The model files are produced by
``scripts/train_ner.py``; see ``kg/data/ner/README.md`` for data, licence (CC BY-SA 3.0)
and scores.

Use: ``load_tagger().tag_spans(text, tokens)`` for a sentence or a whole document, or
``tag_spans_document(text, [tokens of each sentence])`` (one call per document is ~2.5x
cheaper than one per sentence, and lets the document pass find lone surnames).

Speed: the crfsuite model is trained by python-crfsuite, but decoded here with numpy from
weights exported beside it (``*.weights.npz``): the score of the word-level features is
cached as one vector per distinct word, a document costs a few numpy gathers and a batched
Viterbi, and the labels are crfsuite's own (checked by tests/test_ner.py).  A word not yet
cached is scored without building its feature strings: the weights are regrouped at load
time by the piece of the word they come from (:class:`_Pieces`), and the new words of a
document are summed in one numpy pass.  numpy and pycrfsuite are imported only when a model
is loaded.
"""

from __future__ import annotations

import json
import logging
import re
import threading
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

from ..errors import KGError
from .text import PROCLITICS, Token, normalize, normalize_map

log = logging.getLogger(__name__)

#: Bump when the feature set changes; the model metadata records the version it was trained with.
FEATURES_VERSION = 6

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "ner"
DEFAULT_MODEL = DATA_DIR / "ner-crf.crfsuite"
CLASSES_FILE = DATA_DIR / "newsfane_classes.tsv"
COARSE = ("PER", "ORG", "GPE", "LOC", "MISC")

#: Tokens that end a sentence: the tagger splits a long token list at them, as in training.
SENT_FINAL = frozenset({".", "!", "?", "؟", "…"})


class NERModelError(KGError):
    """The NER model file is missing, corrupt or was trained with another feature set."""


# --- data files -----------------------------------------------------------------------


def read_class_map(path: Path | str = CLASSES_FILE) -> dict[str, str]:
    """``{fine class: coarse class}`` from the TSV (``O`` means: not an entity)."""
    path = Path(path)
    out: dict[str, str] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise NERModelError(f"cannot read the NER class map {path}: {e}") from e
    header_seen = False
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if not header_seen:
            header_seen = True
            if cols[:2] == ["fine", "coarse"]:
                continue
        if len(cols) < 2 or cols[1] not in COARSE + ("O",):
            raise NERModelError(f"{path}:{n}: expected 'fine<TAB>coarse' with coarse in {COARSE + ('O',)}, got {line!r}")
        out[cols[0]] = cols[1]
    return out


def read_lexicon(path: Path | str) -> dict[str, str]:
    """``{normalized word: feature value}`` from a two-column TSV (``#`` comments allowed)."""
    out: dict[str, str] = {}
    p = Path(path)
    if not p.exists():
        return out
    for line in p.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        k, _, v = line.partition("\t")
        if k and v:
            out[k] = v
    return out


# --- features -------------------------------------------------------------------------

_NISBA = ("يين", "يون", "يه", "يات", "ي")
_CLITIC_SET = tuple(p for p in PROCLITICS if p != "ال")
_CLITIC_BY_LEN = {k: frozenset(p for p in _CLITIC_SET if len(p) == k) for k in (1, 2, 3, 4)}
assert all(len(p) <= 4 for p in _CLITIC_SET) and list(_CLITIC_SET) == sorted(_CLITIC_SET, key=len, reverse=True)


def _shape(w: str) -> str:
    if not w:
        return "empty"
    if w.isalpha():
        c = w[0]
        if "\u0600" <= c <= "\u06ff":
            return "ar"
        if "a" <= c <= "z" or "A" <= c <= "Z":
            return "lat"
        return "other"
    if w.isdigit():
        return "num"
    if any(c.isdigit() for c in w):
        return "hasdig"
    c = w[0]
    if not c.isalnum():
        return "punct"
    if "a" <= c <= "z" or "A" <= c <= "Z":
        return "lat"
    if "\u0600" <= c <= "\u06ff":
        return "ar"
    return "other"


def _len_bucket(n: int) -> str:
    return "1" if n <= 1 else "2" if n == 2 else "3" if n == 3 else "4-5" if n <= 5 else "6-8" if n <= 8 else "9+"


_STEMS: dict[str, list[str]] = {}


def _stems(w: str) -> list[str]:
    """Clitic-stripped readings of a normalized word (article kept, then without it); cached."""
    r = _STEMS.get(w)
    if r is None:
        if len(_STEMS) > 200_000:
            _STEMS.clear()
        r = _STEMS[w] = _compute_stems(w)
    return r


def _compute_stems(w: str) -> list[str]:
    out = []
    # the longest proclitic only (keeps the feature set small); at most one proclitic of each
    # length can match, so looking the word's first 4, 3, 2, 1 letters up is the same as
    # trying _CLITIC_SET in order
    for k in (4, 3, 2, 1):
        p = w[:k]
        if len(p) == k and p in _CLITIC_BY_LEN[k] and len(w) - k >= 2:
            rest = w[k:]
            if p.endswith("لل") or p.endswith("ال"):
                out.append("ال" + rest)
            else:
                out.append(rest)
            break
    base = out[0] if out else w
    if base.startswith("ال") and len(base) >= 4:
        out.append(base[2:])
    return out


#: suffixes tried when a word is not in the general-vocabulary lexicon ("dc"): pronouns,
#: feminine and plural endings (ابتعاده -> ابتعاد، الصادرات -> صادر)
_DICT_SUFFIXES = ("هما", "كما", "تين", "تان", "يين", "يون", "هم", "هن", "كم", "كن", "نا", "ها", "ات", "ون",
                  "ين", "ان", "ية", "ه", "ي", "ك", "ة")


_DICT_SUFFIXES_BY_LEN = tuple((m, frozenset(x for x in _DICT_SUFFIXES if len(x) == m)) for m in (3, 2, 1))


def dict_mark(d: dict[str, str] | frozenset, w: str, stems: Sequence[str]) -> str:
    """How a word is found in a general-vocabulary lexicon: ``w`` (as written), ``st`` (a
    clitic-stripped stem), ``suf`` (a stem without a pronoun/plural/feminine suffix) or
    ``none``.  Ordinary words are found; transliterated foreign names mostly are not."""
    if w in d:
        return "w"
    for k in stems:
        if k in d:
            return "st"
    for k in (w, *stems):  # any suffix that leaves a known word will do: try them by length
        n = len(k)
        for m, sufs in _DICT_SUFFIXES_BY_LEN:
            if n - m >= 2 and k[-m:] in sufs and k[:-m] in d:
                return "suf"
    return "none"


def conj_mark(lexicons: Iterable[dict], w: str) -> str | None:
    """For a word that may carry the conjunction و/ف (``وبالمر``, ``فرنسا``): ``k`` when the
    rest is a known word of one of the lexicons, ``u`` when it is not, None when the word
    cannot carry it.  After a name, a word with و usually starts a new entity (X وY)."""
    if len(w) < 4 or w[0] not in "وف":
        return None
    rest = w[1:]
    for lex in lexicons:
        if rest in lex:
            return "k"
    return "u"


_LATIN = re.compile(r"[A-Za-z]")


def case_flag(text: str) -> str:
    """``case=cap`` / ``case=allcap`` for a word whose Latin letters start upper-case, else ``""``."""
    m = _LATIN.search(text)
    if m is None or m.group(0).islower():
        return ""
    rest = text[m.end():]
    return "case=allcap" if rest and rest.isupper() else "case=cap"


def case_flags(tokens: Sequence[Token]) -> list[str]:
    """:func:`case_flag` of each token (one regex search when the text has no Latin letter)."""
    if not _LATIN.search("".join([t.text for t in tokens])):
        return [""] * len(tokens)
    return [case_flag(t.text) for t in tokens]


class FeatureExtractor:
    """Token features for the CRF.  ``lexicons`` maps a feature name to ``{word: value}``.

    Word-level features are cached per normalized word; the cache is private to this object.
    """

    def __init__(self, lexicons: dict[str, dict[str, str]] | None = None, cache_size: int = 200_000,
                 conj: bool = False):
        self.lexicons = lexicons or {}
        #: feature set 6: the و/ف reading of a word (conj_mark) against these lexicons
        self.conj_lexicons = [self.lexicons[k] for k in ("tr", "gz", "cl", "dc") if k in self.lexicons] if conj else []
        self._sig: dict[str, str] = {}
        self._cache: dict[str, tuple[list[str], tuple[list[str], ...]]] = {}
        self._cache_size = cache_size
        self._lock = threading.Lock()

    # one word --------------------------------------------------------------------------
    def _compute(self, w: str) -> tuple[list[str], tuple[list[str], ...]]:
        own, ctx, _ = self.compute_full(w)
        return own, ctx

    def compute_full(self, w: str) -> tuple[list[str], tuple[list[str], ...], str]:
        """The word's own features, the features it gives its neighbours at -2, -1, +1, +2,
        and its :meth:`signature`.  Written for speed: this runs once per new word type."""
        orig = core = w
        if w and (not w[0].isalnum() or not w[-1].isalnum()) and any(c.isalnum() for c in w):
            core = w.strip("".join(c for c in set(w) if not c.isalnum()))  # كابول؛ -> كابول
        if core != w:
            f = ["b", "w=" + core, "edgepunct"]
        else:
            f = ["b", "w=" + core]
        w = core
        shape = _shape(w)
        f.append("sh=" + shape)
        stems = _stems(w) if shape == "ar" else []
        if shape == "ar" or shape == "lat" or shape == "other":
            n = len(w)
            f.append("len=" + _len_bucket(n))
            if n > 4:
                f += ("p1=" + w[:1], "s1=" + w[-1:], "p2=" + w[:2], "s2=" + w[-2:],
                      "p3=" + w[:3], "s3=" + w[-3:], "p4=" + w[:4], "s4=" + w[-4:])
            else:
                for k in (1, 2, 3, 4):
                    if n > k:
                        f.append(f"p{k}=" + w[:k])
                        f.append(f"s{k}=" + w[-k:])
            for s in stems:
                f.append("st=" + s)
            base = stems[0] if stems else w
            if base.startswith("ال"):
                f.append("al")
            for suf in _NISBA:
                if base.endswith(suf) and len(base) - len(suf) >= 3:
                    f.append("nisba=" + suf)
                    break
            if n >= 5:  # inner character trigrams: transliterated names have their own letter patterns
                f += ["c3=" + w[k:k + 3] for k in range(1, n - 3)]
        ctx_lex: list[str] = []
        ctx2: list[str] = []
        lex_keys = (w, *stems) if stems else (w,)
        gz_val = tr_val = None
        for name, lex in self.lexicons.items():
            if name == "dc":
                if shape == "ar":
                    f.append("dc=" + dict_mark(lex, w, stems))
                continue
            for i, key in enumerate(lex_keys):
                v = lex.get(key)
                if v is not None:
                    mark = "" if i == 0 else "~"
                    parts = v.split("|") if "|" in v else (v,)
                    head = name + mark + "="
                    f += [head + part for part in parts]
                    if name == "tr":
                        tr_val = v
                    elif name == "gz" or name == "nm":
                        if name == "gz":
                            gz_val = v
                        ctx_lex += [name + mark + "=" + part for part in parts]
                        ctx2 += [name + "=" + part for part in parts]
                    elif name == "cl":
                        ctx_lex += ["cl=" + part for part in parts]
                        ctx2 += ["cl=" + part for part in parts]
                    break
            else:
                if name == "tr" and (shape == "ar" or shape == "lat"):
                    f.append("tr=none")  # rare or unseen in the training text
        if shape == "ar" and self.conj_lexicons:
            cm = conj_mark(self.conj_lexicons, w)
            if cm is not None:
                f.append("pw=" + cm)
        st0 = stems[0] if stems else w
        ctx = []
        for o in ("-2", "-1", "+1", "+2"):
            c = [o + "w=" + w]
            if o == "-1" or o == "+1":
                if st0 != w:
                    c.append(o + "st=" + st0)
                if shape == "ar" and len(w) > 2:
                    c.append(o + "s2=" + w[-2:])
                c += [o + x for x in ctx_lex]
            else:
                c += [o + x for x in ctx2]
            ctx.append(c)
        if orig != core or not (shape == "ar" or shape == "lat" or shape == "num"):
            sig = self.signature(orig)
        else:  # = self.signature(w), from the look-ups above
            g = ("+".join(sorted({p.split(".")[0] for p in gz_val.split("|") if p})) if gz_val else "")
            sig = g + "/" + (tr_val if tr_val is not None else "none")
        return f, tuple(ctx), sig

    def signature(self, w: str) -> str:
        """A word's lexicon classes, for conjunction features with its neighbours: gazetteer
        classes (TITLE, NISBA, COUNTRY...) and its training-lexicon value (``PER.hi``, ``none``)."""
        r = self._sig.get(w)
        if r is None:
            if not w or not w[0].isalnum():
                r = "P"
            else:
                keys = [w] + _stems(w)
                gz = self.lexicons.get("gz", {})
                tr = self.lexicons.get("tr", {})
                g = next((gz[k] for k in keys if k in gz), "")
                t = next((tr[k] for k in keys if k in tr), "none")
                r = "+".join(sorted({p.split(".")[0] for p in g.split("|") if p})) + "/" + t
            if len(self._sig) > 200_000:
                self._sig.clear()
            self._sig[w] = r
        return r

    def word(self, w: str) -> tuple[list[str], tuple[list[str], ...]]:
        r = self._cache.get(w)
        if r is None:
            r = self._compute(w)
            if len(self._cache) >= self._cache_size:
                with self._lock:
                    self._cache.clear()
            self._cache[w] = r
        return r

    # a sentence ------------------------------------------------------------------------
    def sentence(self, words: Sequence[str], cases: Sequence[str] | None = None) -> list[list[str]]:
        """Feature lists for a sentence of normalized words (``cases``: :func:`case_flag` of
        each original word, since normalization lower-cases Latin letters)."""
        got = [self.word(w) for w in words]
        sig = [self.signature(w) for w in words]
        n = len(words)
        out = []
        for i in range(n):
            own, _ = got[i]
            f = list(own)
            if cases is not None and cases[i]:
                f.append(cases[i])
            if i >= 1:
                f.append("cj1=" + sig[i - 1] + ">" + sig[i])
            if i >= 2:
                f.append("cj2=" + sig[i - 2] + ">" + sig[i - 1])
            if i >= 2:
                f += got[i - 2][1][0]
            else:
                f.append("-2w=<s>" if i == 1 else "-2w=<s2>")
            if i >= 1:
                f += got[i - 1][1][1]
                f.append("bi=" + words[i - 1] + "|" + words[i])
            else:
                f.append("BOS")
            if i + 1 < n:
                f += got[i + 1][1][2]
            else:
                f.append("EOS")
            if i + 2 < n:
                f += got[i + 2][1][3]
            else:
                f.append("+2w=</s>")
            out.append(f)
        return out


# --- fast decoding -------------------------------------------------------------------
#
# crfsuite converts every feature string of every token on every call (about 1.5 us each,
# most of the tagging time).  Instead, the weights of the trained model are exported once
# (scripts/train_ner.py -> ``*.weights.npz``) and the per-word part of the score is cached as
# a vector per distinct word; a sentence then costs a few numpy gathers and a batched
# Viterbi.  The result is the same labelling as crfsuite's (tests/test_ner.py checks it).


class LinearWeights:
    """State weights ``W[attribute, label]`` and transitions ``T[from, to]`` of a crfsuite model."""

    def __init__(self, attrs: list[str], labels: list[str], W, T):
        import numpy as np

        self.labels = labels
        self.index = {a: i for i, a in enumerate(attrs)}
        self.W = W  # (n_attrs + 1, L); the last row is zeros (unknown attribute)
        self.zero_row = len(attrs)
        self.T = T
        self.zero = np.zeros(len(labels))

    @classmethod
    def load(cls, path: Path) -> "LinearWeights":
        import numpy as np

        try:
            with np.load(path, allow_pickle=False) as z:
                attrs = bytes(z["attrs"]).decode("utf-8").split("\n")
                labels = bytes(z["labels"]).decode("utf-8").split("\n")
                W = np.zeros((len(attrs) + 1, len(labels)))
                W[z["rows"], z["cols"]] = z["vals"]
                T = z["trans"].astype(float) if "trans" in z.files else np.zeros((len(labels), len(labels)))
        except (OSError, KeyError, ValueError, UnicodeDecodeError) as e:
            raise NERModelError(f"cannot read NER weights {path}: {e}. Re-create them with scripts/train_ner.py") from e
        return cls(attrs, labels, W, T)

    @staticmethod
    def export(model: Path, out: Path) -> None:
        """Write the weights of the crfsuite ``model`` to ``out`` (.npz)."""
        import numpy as np
        import pycrfsuite

        t = pycrfsuite.Tagger()
        t.open(str(model))
        info = t.info()
        labels = list(t.labels())
        lab_i = {l: i for i, l in enumerate(labels)}
        attrs = sorted({a for a, _ in info.state_features})
        att_i = {a: i for i, a in enumerate(attrs)}
        items = list(info.state_features.items())
        rows = np.array([att_i[a] for (a, _), _ in items], dtype=np.int32)
        cols = np.array([lab_i[l] for (_, l), _ in items], dtype=np.int16)
        vals = np.array([v for _, v in items], dtype=np.float64)
        trans = np.zeros((len(labels), len(labels)))
        for (a, b), v in info.transitions.items():
            trans[lab_i[a], lab_i[b]] = v
        np.savez_compressed(
            out,
            attrs=np.frombuffer("\n".join(attrs).encode("utf-8"), dtype=np.uint8),
            labels=np.frombuffer("\n".join(labels).encode("utf-8"), dtype=np.uint8),
            rows=rows, cols=cols, vals=vals, trans=trans,
        )

    def vector(self, feats: Iterable[str]):
        idx = self.index
        ids = [idx[f] for f in feats if f in idx]
        if not ids:
            return self.zero
        if len(ids) == 1:
            return self.W[ids[0]]
        return self.W[ids].sum(axis=0)


_CTX_SLOT = {"-2": 1, "-1": 2, "+1": 3, "+2": 4}
_SENTENCE_ATTRS = ("case=", "cj1=", "cj2=", "bi=")


class _Pieces:
    """The model's word-level weights regrouped by what a word's features are made of.

    :meth:`FeatureExtractor.compute_full` builds ~70 feature strings per word (``p3=...``,
    ``-1w=...``, ``gz~=...``) of which the L1-trained model knows ~20; scoring a new word
    that way costs ~60 us.  Here every attribute is filed at load time under the *piece* of
    the word it comes from (the word itself, a stem, an affix, a trigram, a lexicon value...)
    and the slot it scores (the word's own position, or the positions -2, -1, +1, +2 away
    from it): a table ``R[piece, slot, label]``.  A new word then costs a few dict look-ups
    of its raw substrings (no string building) and one gather-and-sum: the same vectors as
    the feature strings give (tests/test_ner.py checks it on real text)."""

    def __init__(self, fx: "FeatureExtractor", w: "LinearWeights"):
        import numpy as np

        self.fx = fx
        keys: dict[tuple, int] = {}
        rows: list[int] = []
        slots: list[int] = []
        attr_rows: list[int] = []

        def add(key: tuple, slot: int, a: int) -> None:
            r = keys.get(key)
            if r is None:
                r = keys[key] = len(keys) + 1  # row 0 is zeros
            rows.append(r)
            slots.append(slot)
            attr_rows.append(a)

        lexnames = tuple(fx.lexicons)
        for a, i in w.index.items():
            if a.startswith(_SENTENCE_ATTRS) or a in ("BOS", "EOS"):
                continue
            slot = _CTX_SLOT.get(a[:2])
            if slot is not None:  # a feature a word gives its neighbour
                t, _, x = a[2:].partition("=")
                if t == "w":
                    add(("w", x), slot, i)
                elif t == "st":
                    add(("st0", x), slot, i)
                elif t == "s2":
                    add(("s2ar", x), slot, i)
                elif t in ("gz", "gz~", "cl", "nm", "nm~"):
                    name = t[:2]
                    marks = ("", "~") if (t == "cl" or slot in (1, 4)) else (t[2:],)
                    for mark in marks:
                        add(("lex", name, mark, x), slot, i)
                continue
            t, eq, x = a.partition("=")
            if not eq:
                add((a,), 0, i)  # b, al, edgepunct
            elif t == "w":
                add(("w", x), 0, i)
            elif t == "st":
                add(("st0", x), 0, i)
                add(("st", x), 0, i)
            elif t == "s2":
                add(("s2ar", x), 0, i)
                add(("s2", x), 0, i)
            elif t in ("p1", "p2", "p3", "p4", "s1", "s3", "s4", "c3", "len", "sh", "nisba", "dc", "pw"):
                add((t, x), 0, i)
            elif a == "tr=none":
                add(("trnone",), 0, i)
            else:
                name, mark = (t[:-1], "~") if t.endswith("~") else (t, "")
                if name in lexnames:
                    add(("lex", name, mark, x), 0, i)
        L = len(w.labels)
        R = np.zeros((len(keys) + 1, 5, L))
        if rows:
            np.add.at(R, (np.asarray(rows), np.asarray(slots)), w.W[np.asarray(attr_rows)])
        #: number of rows of R (pieces + the zero row); R itself is kept only as R0 and Rc
        self.n_rows = len(R)
        # the same table split for speed: the own-position rows of every piece (R0), and the
        # context rows (Rc) of the few pieces that score a neighbour (the word, a stem, its
        # last two letters, lexicon classes); cmap[piece] is its row of Rc, 0 (zeros) for none
        self.R0 = np.ascontiguousarray(R[:, 0])
        has_ctx = R[:, 1:].any(axis=(1, 2))
        has_ctx[0] = True
        self.cmap = np.zeros(len(R), dtype=np.intp)
        self.cmap[has_ctx] = np.arange(int(has_ctx.sum()))
        self.Rc = np.ascontiguousarray(R[has_ctx, 1:])
        by_kind: dict[str, dict] = {}
        for key, r in keys.items():
            if key[0] != "lex":
                by_kind.setdefault(key[0], {})[key[1] if len(key) > 1 else None] = r
        self.tables = by_kind
        # lexicon values ("COUNTRY.U|NISBA.U") -> the rows of their parts, per lexicon and mark
        self.lex = []
        self.dc = fx.lexicons.get("dc")
        for name, lex in fx.lexicons.items():
            if name == "dc":
                continue
            vals = {}
            for mark in ("", "~"):
                d = {}
                for v in set(lex.values()):
                    rr = tuple(keys[k] for k in (("lex", name, mark, part) for part in v.split("|")) if k in keys)
                    if rr:
                        d[v] = rr
                vals[mark] = d
            self.lex.append((name, lex, vals[""], vals["~"]))

        def table(k):
            return by_kind.get(k, {}).get

        self._w, self._st0, self._st, self._s2ar = table("w"), table("st0"), table("st"), table("s2ar")
        self._aff = [table(k) for k in ("p1", "s1", "p2", "s2", "p3", "s3", "p4", "s4")]
        self._c3, self._len, self._sh, self._nisba = table("c3"), table("len"), table("sh"), table("nisba")
        self._dc = table("dc")
        self._pw = table("pw")
        self.conj_lex = fx.conj_lexicons
        self._b = by_kind.get("b", {}).get(None)
        self._al = by_kind.get("al", {}).get(None)
        self._edge = by_kind.get("edgepunct", {}).get(None)
        self._trnone = by_kind.get("trnone", {}).get(None)

    def word(self, w: str) -> tuple[list[int], str]:
        """Rows of ``R`` that sum to the word's vectors (starting with the zero row), and its
        :meth:`FeatureExtractor.signature`."""
        orig = core = w
        if w and (not w[0].isalnum() or not w[-1].isalnum()) and any(c.isalnum() for c in w):
            core = w.strip("".join(c for c in set(w) if not c.isalnum()))
        got = [self._b, self._w(core)]
        if core != w:
            got.append(self._edge)
        w = core
        shape = _shape(w)
        got.append(self._sh(shape))
        stems = _stems(w) if shape == "ar" else ()
        if shape == "ar" or shape == "lat" or shape == "other":
            n = len(w)
            got.append(self._len(_len_bucket(n)))
            p1, s1, p2, s2, p3, s3, p4, s4 = self._aff
            if n > 4:
                got += (p1(w[:1]), s1(w[-1:]), p2(w[:2]), p3(w[:3]), s3(w[-3:]), p4(w[:4]), s4(w[-4:]),
                        self._s2ar(w[-2:]) if shape == "ar" else s2(w[-2:]))
            else:
                if n > 1:
                    got += (p1(w[:1]), s1(w[-1:]))
                if n > 2:
                    got += (p2(w[:2]), self._s2ar(w[-2:]) if shape == "ar" else s2(w[-2:]))
                if n > 3:
                    got += (p3(w[:3]), s3(w[-3:]))
            if stems:
                got.append(self._st0(stems[0]))
                if len(stems) > 1:
                    got.append(self._st(stems[1]))
            base = stems[0] if stems else w
            if base.startswith("ال"):
                got.append(self._al)
            for suf in _NISBA:
                if base.endswith(suf) and len(base) - len(suf) >= 3:
                    got.append(self._nisba(suf))
                    break
            if n >= 5:
                got += map(self._c3, [w[k:k + 3] for k in range(1, n - 3)])
        if shape == "ar":
            if self.dc is not None:
                got.append(self._dc(dict_mark(self.dc, w, stems)))
            if self.conj_lex:
                cm = conj_mark(self.conj_lex, w)
                if cm is not None:
                    got.append(self._pw(cm))
        gz_val = tr_val = None
        for name, lex, exact, stemmed in self.lex:
            v = lex.get(w)
            if v is not None:
                got += exact.get(v, ())
            else:
                for s in stems:
                    v = lex.get(s)
                    if v is not None:
                        got += stemmed.get(v, ())
                        break
                else:
                    if name == "tr" and (shape == "ar" or shape == "lat"):
                        got.append(self._trnone)
            if name == "tr":
                tr_val = v
            elif name == "gz":
                gz_val = v
        if orig != core or not (shape == "ar" or shape == "lat" or shape == "num"):
            sig = self.fx.signature(orig)
        else:
            g = ("+".join(sorted({p.split(".")[0] for p in gz_val.split("|") if p})) if gz_val else "")
            sig = g + "/" + (tr_val if tr_val is not None else "none")
        out = [0]
        out += filter(None, got)
        return out, sig


class _Scorer:
    """Emission scores of sentences, with per-word score vectors cached."""

    def __init__(self, fx: "FeatureExtractor", w: LinearWeights, max_words: int = 200_000):
        import numpy as np

        self.np = np
        self.fx = fx
        self.w = w
        self.L = len(w.labels)
        self.max_words = max_words
        self._lock = threading.Lock()
        self.pieces = _Pieces(fx, w)
        self.vocab = None  # (word -> k, offsets, rows, signature ids): see load_vocab
        self._reset(1024)
        v = w.vector
        self.c_bos = v(["BOS"]) + v(["-2w=<s2>"])  # position 0
        self.c_pos1 = v(["-2w=<s>"])  # position 1
        self.c_eos = v(["EOS"]) + v(["+2w=</s>"])  # last position
        self.c_eos2 = v(["+2w=</s>"])  # second to last
        self.c_case = {"case=cap": v(["case=cap"]), "case=allcap": v(["case=allcap"])}
        # conjunction features "cjN=<signature>><signature>": sorted int keys -> weight rows
        self.sig_ids: dict[str, int] = {}
        conj = {}
        for prefix in ("cj1=", "cj2="):
            keys, rows = [], []
            for a, r in w.index.items():
                if a.startswith(prefix):
                    x, _, y = a[4:].partition(">")
                    keys.append(self._sig_id(x) * _SIG_K + self._sig_id(y))
                    rows.append(r)
            order = np.argsort(keys) if keys else np.zeros(0, dtype=np.int64)
            conj[prefix] = (np.asarray(keys, dtype=np.int64)[order], np.asarray(rows, dtype=np.int64)[order])
        # word bigrams "bi=<w1>|<w2>": words get ids, pairs become sorted int keys
        self.bi_words: dict[str, int] = {}
        keys, rows = [], []
        for a, r in w.index.items():
            if a.startswith("bi="):
                body = a[3:]
                if body.startswith("|"):
                    x, y = "|", body[2:]
                else:
                    x, _, y = body.partition("|")
                ix = self.bi_words.setdefault(x, len(self.bi_words))
                iy = self.bi_words.setdefault(y, len(self.bi_words))
                keys.append(ix * _SIG_K + iy)
                rows.append(r)
        order = np.argsort(keys) if keys else np.zeros(0, dtype=np.int64)
        conj["bi="] = (np.asarray(keys, dtype=np.int64)[order], np.asarray(rows, dtype=np.int64)[order])
        if len(self.bi_words) >= _SIG_K - 1:
            raise NERModelError(f"too many bigram words ({len(self.bi_words)}) for the key encoding")
        # the same tables ending with a sentinel key no real key reaches: a search never falls off
        self._conj_s = {k: (np.append(kn, np.iinfo(np.int64).max), kr) for k, (kn, kr) in conj.items()}

    def load_vocab(self, path: Path, weights_file: Path) -> bool:
        """Read the precomputed :meth:`_Pieces.word` results of frequent words (``ner-crf.vocab.npz``,
        ``scripts/ner_vocab.py``): a word in it skips the per-word Python work the first time
        it is seen (its rows of ``R`` are summed in the same order, so its vectors are
        bit-identical).  Used only if it was built for these weights (sha256 of the weights
        file) and a sample of its words still gives the same rows; else ignored (False)."""
        np = self.np
        self.vocab = None
        if not path.is_file():
            return False
        try:
            with np.load(path, allow_pickle=False) as z:
                if str(z["weights_sha256"]) != _file_sha256(weights_file):
                    return False
                words = bytes(z["words"]).decode("utf-8").split("\n")
                sigs = bytes(z["sigs"]).decode("utf-8").split("\n")
                sig_of = z["sig_of"].astype(np.int64)
                offsets = z["offsets"].astype(np.int64)
                rows = z["rows"].astype(np.intp)
        except (OSError, KeyError, ValueError) as e:
            log.warning("NER vocabulary %s unreadable (%s): ignored", path, e)
            return False
        if len(offsets) != len(words) + 1 or len(sig_of) != len(words) or (len(rows) and rows.max() >= self.pieces.n_rows):
            log.warning("NER vocabulary %s is inconsistent: ignored", path)
            return False
        for k in range(0, len(words), max(1, len(words) // 16)):  # still the rows this code computes?
            r, sg = self.pieces.word(words[k])
            if r != rows[offsets[k]:offsets[k + 1]].tolist() or sg != sigs[sig_of[k]]:
                log.warning("NER vocabulary %s does not match the feature code: ignored (rebuild it with "
                            "scripts/ner_vocab.py)", path)
                return False
        sid = np.array([self._sig_id(x) for x in sigs], dtype=np.int64)
        self.vocab = (dict(zip(words, range(len(words)))), offsets, rows, sid[sig_of])
        return True

    def _sig_id(self, sig: str) -> int:
        i = self.sig_ids.get(sig)
        if i is None:
            i = self.sig_ids[sig] = len(self.sig_ids)
        return i

    def _reset(self, cap: int) -> None:
        self.index: dict[str, int] = {}
        self.own = self.np.zeros((cap, self.L))
        self.ctx = self.np.zeros((4, cap, self.L))
        self.sig = self.np.zeros(cap, dtype=self.np.int64)
        self.sig[0] = -_SIG_K  # no signature: any conjunction key with it is negative (unknown)
        self.bid = self.np.full(cap, -1, dtype=self.np.int64)
        self.n = 1  # row 0 stays zeros: the row of "no neighbour" (see emissions)

    def _add(self, w: str) -> int:
        self._add_many([w])
        return self.index[w]

    def _add_many(self, words: Sequence[str]) -> None:
        """Score vectors of new (distinct, not yet cached) words, in one numpy pass: the
        Python part per word is building its feature strings and one C-level map of them to
        weight rows; the gathers and sums are done once for all the words."""
        np = self.np
        m = len(words)
        need = self.n + m
        if need > len(self.own):
            cap = max(need, 2 * len(self.own))
            grow = cap - len(self.own)
            self.own = np.concatenate([self.own, np.zeros((grow, self.L))])
            self.ctx = np.concatenate([self.ctx, np.zeros((4, grow, self.L))], axis=1)
            self.sig = np.concatenate([self.sig, np.zeros(grow, dtype=np.int64)])
            self.bid = np.concatenate([self.bid, np.full(grow, -1, dtype=np.int64)])
        word = self.pieces.word
        sig_id = self._sig_id
        bi_get = self.bi_words.get
        ids: list[int] = []
        starts: list[int] = []
        sigs: list[int] = []
        bids: list[int] = []
        if self.vocab is not None:
            # words of the precomputed vocabulary: their rows gathered in one numpy step
            vidx, voff, vrows, vsig = self.vocab
            vget = vidx.get
            hit_pos, hit_k = [], []
            for i, w in enumerate(words):
                k = vget(w)
                if k is None:
                    rows, sig = word(w)
                    starts.append(len(ids))
                    ids += rows
                    sigs.append(sig_id(sig))
                else:
                    hit_pos.append(i)
                    hit_k.append(k)
                bids.append(bi_get(w, -1))
            if hit_k:
                miss = np.ones(m, dtype=bool)
                miss[hit_pos] = False
                miss_pos = np.flatnonzero(miss)
                hk = np.asarray(hit_k)
                a, b = voff[hk], voff[hk + 1]
                ln = b - a
                hstarts = np.cumsum(ln) - ln
                hrows = vrows[np.repeat(a - hstarts, ln) + np.arange(int(ln.sum()))]
                order = np.concatenate([miss_pos, np.asarray(hit_pos)])
                ids = np.concatenate([np.asarray(ids, dtype=np.intp), hrows])
                starts = np.concatenate([np.asarray(starts, dtype=np.intp), hstarts + len(ids) - len(hrows)])
                sig_arr = np.empty(m, dtype=np.int64)
                sig_arr[miss_pos] = sigs
                sig_arr[hit_pos] = vsig[hk]
                own, ctx = self._sum_rows(ids, starts)
                own_o = np.empty_like(own)
                own_o[order] = own
                ctx_o = np.empty_like(ctx)
                ctx_o[:, order] = ctx
                self._store(words, own_o, ctx_o, sig_arr, bids)
                return
        else:
            for w in words:
                rows, sig = word(w)
                starts.append(len(ids))
                ids += rows
                sigs.append(sig_id(sig))
                bids.append(bi_get(w, -1))
        own, ctx = self._sum_rows(np.asarray(ids, dtype=np.intp), np.asarray(starts, dtype=np.intp))
        self._store(words, own, ctx, sigs, bids)

    def _sum_rows(self, ids, starts):
        """Per word (the rows ``ids[starts[k]:starts[k + 1]]`` of the piece table, each run
        starting with the zero row 0): its own-position vector (m, L) and its context vectors
        (4, m, L).  The same sums as ``np.add.reduceat(R[ids], starts)``, in the same order,
        except that pieces whose context rows are all zeros are not added there (adding
        0.0 changes no score)."""
        np = self.np
        pc = self.pieces
        # (np.take gathers rows like R0[ids], several times faster on these small tables)
        own = np.add.reduceat(np.take(pc.R0, ids, axis=0), starts)
        c = pc.cmap[ids]
        keep = c > 0
        keep[starts] = True
        first = np.zeros(len(ids), dtype=bool)
        first[starts] = True
        ctx = np.add.reduceat(np.take(pc.Rc, c[keep], axis=0), np.flatnonzero(first[keep]))
        return own, ctx.transpose(1, 0, 2)

    def _store(self, words, own, ctx, sigs, bids) -> None:
        """Cache the summed vectors of ``words[k]``: ``own[k]`` (own position) and ``ctx[:, k]``
        (what it adds to its neighbours at -2, -1, +1, +2)."""
        m = len(words)
        r0 = self.n
        self.own[r0:r0 + m] = own
        self.ctx[:, r0:r0 + m] = ctx
        self.sig[r0:r0 + m] = sigs
        self.bid[r0:r0 + m] = bids
        self.index.update(zip(words, range(r0, r0 + m)))
        self.n = r0 + m

    def emissions(self, sentences: Sequence[Sequence[str]], cases: Sequence[Sequence[str]] | None):
        """``(E, lens)``: emission scores of all tokens of all sentences, stacked (N, L)."""
        np = self.np
        lens = [len(ws) for ws in sentences]
        N = sum(lens)
        with self._lock:
            if self.n + N >= self.max_words:
                self._reset(1024)
            index = self.index
            get = index.get
            flat = [r for ws in sentences for r in map(get, ws)]
            if None in flat:  # new words: score them all at once, then look them up again
                words = [w for ws in sentences for w in ws]
                self._add_many(list(dict.fromkeys(w for w, r in zip(words, flat) if r is None)))
                flat = list(map(index.__getitem__, words))
            own, ctx, sigs, bids = self.own, self.ctx, self.sig, self.bid
        if N == 0:
            return np.zeros((0, self.L)), lens
        # Row 0 of the caches is zeros: a neighbour outside the sentence gathers it, so each
        # context slot is one gather and one add over all tokens (adding 0.0 leaves a score as
        # it is: the same sums, in the same order, as adding only where the neighbour exists).
        a = np.array(flat)
        la = np.array(lens)
        ends = np.cumsum(la)
        starts = ends - la
        nz = la > 0
        two = la > 1
        s0 = starts[nz]  # first token of each sentence
        s1 = starts[two] + 1  # second token
        e0 = ends[nz] - 1  # last token
        e1 = ends[two] - 2  # second to last
        am1 = np.zeros(N, dtype=a.dtype)
        am1[1:] = a[:-1]
        am1[s0] = 0
        am2 = np.zeros(N, dtype=a.dtype)
        am2[2:] = a[:-2]
        am2[s0] = 0
        am2[s1] = 0
        ap1 = np.zeros(N, dtype=a.dtype)
        ap1[:-1] = a[1:]
        ap1[e0] = 0
        ap2 = np.zeros(N, dtype=a.dtype)
        ap2[:-2] = a[2:]
        ap2[e0] = 0
        ap2[e1] = 0
        take = np.take  # (row gathers: faster than own[a])
        E = take(own, a, axis=0)
        E += take(ctx[0], am2, axis=0)
        E += take(ctx[1], am1, axis=0)
        E += take(ctx[2], ap1, axis=0)
        E += take(ctx[3], ap2, axis=0)
        E[s0] += self.c_bos
        E[s1] += self.c_pos1
        E[e0] += self.c_eos
        E[e1] += self.c_eos2
        W = self.w.W
        # conjunction keys: row 0 (no neighbour) has a negative signature and bigram id, so a
        # key that reaches outside the sentence is negative and matches nothing
        sg = sigs[a]
        sg1 = sigs[am1]
        for prefix, keys in (("cj1=", sg1 * _SIG_K + sg), ("cj2=", sigs[am2] * _SIG_K + sg1)):
            known, krows = self._conj_s[prefix]
            j = np.searchsorted(known, keys)
            hit = np.flatnonzero(known[j] == keys)
            if len(hit):
                E[hit] += W[krows[j[hit]]]
        known, krows = self._conj_s["bi="]
        if len(known) > 1:
            bd = bids[a]
            keys = bids[am1] * _SIG_K + bd
            keys[bd < 0] = -1
            j = np.searchsorted(known, keys)
            hit = np.flatnonzero(known[j] == keys)
            if len(hit):
                E[hit] += W[krows[j[hit]]]
        if cases is not None:
            i = 0
            for cs in cases:
                if any(cs):
                    for c in cs:
                        if c:
                            E[i] += self.c_case[c]
                        i += 1
                else:
                    i += len(cs)
        return E, lens


_SIG_K = 1 << 20  # conjunction key = first signature id * _SIG_K + second
_MAX_PADDED = 50_000  # sentences x longest sentence, decoded in one padded batch


def viterbi_flat(E, lens: Sequence[int], T) -> list[list[int]]:
    """Best label index paths of sentences whose emission rows are stacked in ``E`` (N, L),
    ``lens`` tokens each.  First-order, no start/end weights, as crfsuite's CRF1d.  All
    sentences advance together, longest first, so a step costs a few numpy calls."""
    import numpy as np

    S = len(lens)
    if S == 0:
        return []
    la = np.asarray(lens)
    n_max = int(la.max()) if S else 0
    if n_max == 0:
        return [[] for _ in lens]
    L = T.shape[0]
    if S > 1 and S * n_max > _MAX_PADDED:
        # a very long sentence next to many short ones: decode in groups of similar length so
        # that the padded array stays small
        offs = np.cumsum(la) - la
        order = np.argsort(-la, kind="stable").tolist()
        out: list[list[int]] = [[] for _ in range(S)]
        i = 0
        while i < S:
            n0 = max(1, int(la[order[i]]))
            grp = order[i:i + max(1, _MAX_PADDED // n0)]
            sub = viterbi_flat(np.concatenate([E[offs[r]:offs[r] + la[r]] for r in grp]), [int(la[r]) for r in grp], T)
            for r, pth in zip(grp, sub):
                out[r] = pth
            i += len(grp)
        return out
    if S == 1:  # one sentence: no padding or sorting
        n = int(la[0])
        delta = E[0]
        backs = [None]
        for t in range(1, n):
            M = delta[:, None] + T
            backs.append(M.argmax(axis=0))
            delta = M.max(axis=0) + E[t]
        y = int(delta.argmax())
        path = [y]
        for t in range(n - 1, 0, -1):
            y = int(backs[t][y])
            path.append(y)
        path.reverse()
        return [path]
    order = np.argsort(-la, kind="stable")
    sl = la[order]
    starts = (np.cumsum(la) - la)[order]
    # padded (S, n_max, L), sentences sorted by length (descending)
    P = np.zeros((S, n_max, L))
    sent = np.repeat(np.arange(S), sl)
    pos = np.arange(int(sl.sum())) - np.repeat(np.cumsum(sl) - sl, sl)
    P[sent, pos] = E[np.repeat(starts, sl) + pos]
    active = np.searchsorted(-sl, -np.arange(n_max), side="left").tolist()  # rows with length > t
    delta = P[:, 0]
    final = np.empty((S, L))
    backs = [None]
    k_prev = S
    for t in range(1, n_max):
        k = active[t]
        if k < k_prev:  # sentences of length t end here: keep their last scores
            final[k:k_prev] = delta[k:k_prev]
            delta = delta[:k]
            k_prev = k
        M = delta[:, :, None] + T
        backs.append(M.argmax(axis=1))
        delta = M.max(axis=1) + P[:k, t]
    final[:k_prev] = delta
    paths = np.zeros((S, n_max), dtype=np.int64)
    paths[np.arange(S), sl - 1] = final.argmax(axis=1)
    for t in range(n_max - 1, 0, -1):
        b = backs[t]
        k = len(b)
        paths[:k, t - 1] = b[np.arange(k), paths[:k, t]]
    rows = paths.tolist()
    out: list[list[int]] = [[] for _ in range(S)]
    for r in range(S):
        out[int(order[r])] = rows[r][: int(sl[r])]
    return out


class CViterbi:
    """crfsuite's own C Viterbi (``crf1dc_viterbi``, which python-crfsuite's extension module
    exports) over emission scores computed here, called through ctypes: one call per sentence
    instead of a few numpy calls per token (the numpy decoder's ~2 ms per 2,500-character
    article become ~0.1 ms).  Same arithmetic as :func:`viterbi_flat` (``prev[i] + T[i, j]``,
    the first maximum wins, then ``+ E[t, j]``), so the same paths; :func:`c_viterbi` checks
    that on random scores before using it, and returns None (numpy decoding) when the symbols
    or the context layout are not what this code expects.  One crfsuite context per thread."""

    # crf1d_context_t of crfsuite 0.12 (lib/crf/src/crf1d.h): the leading fields, up to the
    # backward edges; floatval_t is double
    def __init__(self, T):
        import ctypes

        import numpy as np
        import pycrfsuite._pycrfsuite as ext

        class Ctx(ctypes.Structure):
            _fields_ = [("flag", ctypes.c_int), ("num_labels", ctypes.c_int), ("num_items", ctypes.c_int),
                        ("cap_items", ctypes.c_int), ("log_norm", ctypes.c_double),
                        ("state", ctypes.POINTER(ctypes.c_double)), ("trans", ctypes.POINTER(ctypes.c_double)),
                        ("alpha_score", ctypes.c_void_p), ("beta_score", ctypes.c_void_p),
                        ("scale_factor", ctypes.c_void_p), ("row", ctypes.c_void_p),
                        ("backward_edge", ctypes.c_void_p)]

        lib = ctypes.CDLL(ext.__file__)
        lib.crf1dc_new.restype = ctypes.POINTER(Ctx)
        lib.crf1dc_new.argtypes = (ctypes.c_int, ctypes.c_int, ctypes.c_int)
        lib.crf1dc_set_num_items.restype = ctypes.c_int
        lib.crf1dc_set_num_items.argtypes = (ctypes.POINTER(Ctx), ctypes.c_int)
        lib.crf1dc_viterbi.restype = ctypes.c_double
        lib.crf1dc_viterbi.argtypes = (ctypes.POINTER(Ctx), ctypes.c_void_p)
        lib.crf1dc_delete.restype = None
        lib.crf1dc_delete.argtypes = (ctypes.POINTER(Ctx),)
        self._ct = ctypes
        self._np = np
        self._lib = lib
        self.T = np.ascontiguousarray(T, dtype=np.float64)
        self.L = int(self.T.shape[0])
        self._local = threading.local()
        self._contexts: list = []  # freed in __del__
        self._ctx_lock = threading.Lock()

    def _context(self):
        c = getattr(self._local, "ctx", None)
        if c is None:
            L = self.L
            p = self._lib.crf1dc_new(1, L, 64)  # CTXF_VITERBI, L labels, room for 64 items
            if not p:
                raise MemoryError("crf1dc_new failed")
            ctx = p.contents
            if ctx.flag != 1 or ctx.num_labels != L or ctx.cap_items != 64 or not ctx.trans or not ctx.state:
                self._lib.crf1dc_delete(p)
                raise RuntimeError("unexpected crfsuite context layout")
            self._ct.memmove(ctx.trans, self.T.ctypes.data, L * L * 8)
            labels = self._np.zeros(64, dtype=self._np.int32)
            c = self._local.ctx = [p, ctx, labels]
            with self._ctx_lock:
                self._contexts.append(p)
        return c

    def __call__(self, E, lens: Sequence[int]) -> list[list[int]]:
        """Best label index paths of sentences stacked in ``E`` (N, L), as :func:`viterbi_flat`."""
        np = self._np
        E = np.ascontiguousarray(E, dtype=np.float64)
        c = self._context()
        p, ctx = c[0], c[1]
        lib = self._lib
        memmove = self._ct.memmove
        base = E.ctypes.data
        row = self.L * 8
        out = []
        off = 0
        for n in lens:
            if n <= 0:
                out.append([])
                continue
            if n > len(c[2]):
                c[2] = np.zeros(max(n, 2 * len(c[2])), dtype=np.int32)
            lib.crf1dc_set_num_items(p, n)  # may reallocate the state table: read the pointer after
            memmove(ctx.state, base + off * row, n * row)
            lib.crf1dc_viterbi(p, c[2].ctypes.data)
            out.append(c[2][:n].tolist())
            off += n
        return out

    def __del__(self):
        try:
            for p in self._contexts:
                self._lib.crf1dc_delete(p)
        except Exception:  # interpreter shutdown
            pass


def c_viterbi(T) -> CViterbi | None:
    """A :class:`CViterbi` for transitions ``T`` if it decodes exactly as :func:`viterbi_flat`
    on random scores (ties included), else None."""
    try:
        import numpy as np

        cv = CViterbi(T)
        rng = np.random.default_rng(0)
        L = T.shape[0]
        lens = [1, 2, 7, 70, 3, 130]
        E = rng.normal(0, 3, (sum(lens), L))
        E[5:9] = np.round(E[5:9])  # ties
        if cv(E, lens) != viterbi_flat(E, lens, np.asarray(T, dtype=float)):
            log.warning("crfsuite's C Viterbi disagrees with the numpy decoder: using numpy")
            return None
        return cv
    except Exception as e:  # a python-crfsuite build without these symbols, or another layout
        log.info("crfsuite's C Viterbi unavailable (%s): using numpy", e)
        return None


def viterbi_batch(emissions: list, T) -> list[list[int]]:
    """:func:`viterbi_flat` for a list of per-sentence emission arrays."""
    import numpy as np

    if not emissions:
        return []
    L = T.shape[0]
    E = np.concatenate([e.reshape(-1, L) for e in emissions]) if emissions else np.zeros((0, L))
    return viterbi_flat(E, [len(e) for e in emissions], T)


# --- the tagger -----------------------------------------------------------------------


@lru_cache(maxsize=10_000)  # labels come from a small set
def split_label(label: str) -> tuple[str, str, str]:
    """``'B-GPE-Population-Center'`` -> ``('B', 'GPE', 'Population-Center')``; ``'O'`` -> ``('O', '', '')``."""
    if label == "O" or len(label) < 3:
        return ("O", "", "")
    parts = label.split("-", 2)
    return (parts[0], parts[1], parts[2] if len(parts) > 2 else "")


def bio_spans(labels: Sequence[str]) -> list[tuple[int, int, str, str]]:
    """Token spans ``(i, j, coarse, fine)`` (``j`` exclusive) from BIO labels, conlleval-style:
    an ``I-`` that does not continue an entity of the same coarse class starts a new one."""
    spans = []
    cur = None
    for i, lab in enumerate(labels):
        if lab == "O":
            if cur is not None:
                spans.append(tuple(cur))
                cur = None
            continue
        bio, coarse, fine = split_label(lab)
        if bio == "I" and cur is not None and cur[2] == coarse:
            cur[1] = i + 1
            continue
        if cur is not None:
            spans.append(tuple(cur))
            cur = None
        if bio in ("B", "I"):
            cur = [i, i + 1, coarse, fine]
    if cur is not None:
        spans.append(tuple(cur))
    return spans


def fine_features(words: Sequence[str], i: int, j: int, coarse: str) -> list[str]:
    """Features of the entity span ``words[i:j]`` (normalized) for the fine-class classifier."""
    ws = ["w=" + words[k] for k in range(i, j)]
    f = ["c=" + coarse, "n=" + str(min(j - i, 4)), "last=" + words[j - 1]]
    st = _stems(words[i])
    if st:
        ws.append("w=" + st[0])
    last = words[j - 1]
    if len(last) > 3:
        f.append("s3=" + last[-3:])
    ctx = []
    if i >= 1:
        ctx.append("-1=" + (_stems(words[i - 1]) or [words[i - 1]])[0])
    if i >= 2:
        f.append("-2=" + words[i - 2])
    if j < len(words):
        f.append("+1=" + words[j])
    return f + ws + ctx + [x + "|" + coarse for x in ws + ctx]


class CRFTagger:
    """A loaded model: a coarse BIO CRF plus a fine-class classifier for its spans.

    Decoding uses the exported weights (numpy); :meth:`coarse_sentences_crfsuite` decodes
    with python-crfsuite itself (for checks).  Safe to share between threads.
    """

    def __init__(self, path: Path, meta: dict, lexicons: dict[str, dict[str, str]],
                 entity_words: frozenset[str], class_map: dict[str, str],
                 common_words: frozenset[str] = frozenset(), name_particles: frozenset[str] = frozenset(),
                 weights: LinearWeights | None = None, fine_weights: LinearWeights | None = None):
        import numpy as np

        self.path = path
        self.meta = meta
        self.common_words = common_words
        self.name_particles = name_particles
        self.features = FeatureExtractor(lexicons, conj=bool(meta.get("conj")))
        self.entity_words = entity_words
        self.weights = weights
        self.fine_weights = fine_weights
        self._scorer = _Scorer(self.features, weights) if weights is not None else None
        if self._scorer is not None:
            self._scorer.load_vocab(vocab_path(path), weights_path(path))
        self.fine_by_coarse: dict[str, list[str]] = {}
        for fine, coarse in class_map.items():
            self.fine_by_coarse.setdefault(coarse, []).append(fine)
        self._fine_mask = {}
        if fine_weights is not None:
            for coarse, fines in self.fine_by_coarse.items():
                m = np.full(len(fine_weights.labels), -np.inf)
                for k, lab in enumerate(fine_weights.labels):
                    if lab in fines:
                        m[k] = 0.0
                self._fine_mask[coarse] = m
            self._no_fine = np.full(len(fine_weights.labels), -np.inf)
        self._np = np
        self._content_cache: dict[str, str] = {}
        self._fine_cache: dict[str, tuple] = {}
        self._fine_cache_c: dict[str, dict[str, tuple]] = {}
        #: (coarse, min(length, 4)) -> the ids of "c=COARSE" and "n=LENGTH"
        self._fine_head: dict[tuple[str, int], tuple] = {}
        if fine_weights is not None:
            fget = fine_weights.index.get
            for coarse in COARSE:
                for n in (1, 2, 3, 4):
                    self._fine_head[(coarse, n)] = (fget("c=" + coarse), fget("n=" + str(n)))
        self._local = threading.local()
        #: subtracted from the score of O at every token (a recall/precision trade-off tuned
        #: on NewsFANE dev sentences by scripts/train_ner.py; 0 = crfsuite's own decision)
        self.o_bias = float(meta.get("o_bias", 0.0))
        self._o_index = weights.labels.index("O") if weights is not None and "O" in weights.labels else None
        #: crfsuite's C Viterbi through ctypes (None: the numpy decoder, :func:`viterbi_flat`)
        self._viterbi = c_viterbi(weights.T) if weights is not None else None

    def coarse_sentences(self, sentences: Sequence[Sequence[str]], document: bool = True,
                         cases: Sequence[Sequence[str]] | None = None) -> list[list[str]]:
        """Coarse BIO labels (``B-PER``) for sentences of *normalized* words.

        With ``document`` (the default) the sentences are taken as one document and a second
        pass makes the labels consistent across it (see :meth:`propagate`).  ``cases``: the
        :func:`case_flag` of each word (optional).
        """
        labels = self.weights.labels
        E, lens = self._scorer.emissions(sentences, cases)
        if self.o_bias and self._o_index is not None:
            E[:, self._o_index] -= self.o_bias
        paths = self._viterbi(E, lens) if self._viterbi is not None else viterbi_flat(E, lens, self.weights.T)
        out = [[labels[k] for k in p] for p in paths]
        return self._document(sentences, out) if document else out

    def coarse_sentences_crfsuite(self, sentences: Sequence[Sequence[str]],
                                  cases: Sequence[Sequence[str]] | None = None) -> list[list[str]]:
        """The same labels as :meth:`coarse_sentences` with ``o_bias`` 0 and no document pass,
        decoded by python-crfsuite from the ``.crfsuite`` file."""
        t = getattr(self._local, "tagger", None)
        if t is None:
            t = self._local.tagger = _open_crfsuite(self.path)
        feats = self.features.sentence
        if cases is None:
            return [t.tag(feats(ws)) if ws else [] for ws in sentences]
        return [t.tag(feats(ws, cs)) if ws else [] for ws, cs in zip(sentences, cases)]

    def _document(self, sentences, out):
        if not out:
            return out
        flat = self.propagate([w for ws in sentences for w in ws], [lab for labs in out for lab in labs])
        res, k = [], 0
        for ws in sentences:
            res.append(flat[k:k + len(ws)])
            k += len(ws)
        return res

    def coarse_words(self, words: Sequence[str], document: bool = True) -> list[str]:
        """Coarse labels for a run of normalized words, split into sentences at ``. ! ? ؟ …``."""
        return [lab for labs in self.coarse_sentences(split_words(words), document) for lab in labs]

    def fine_class(self, words: Sequence[str], i: int, j: int, coarse: str) -> str:
        """The fine class of the span ``words[i:j]`` already tagged ``coarse`` ("" if none)."""
        fw = self.fine_weights
        mask = self._fine_mask.get(coarse)
        if fw is None or mask is None:
            return ""
        scores = fw.vector(fine_features(words, i, j, coarse)) + mask
        k = int(scores.argmax())
        return fw.labels[k] if scores[k] > float("-inf") else ""

    def fine_classes(self, items: Sequence[tuple[Sequence[str], int, int, str]]) -> list[str]:
        """:meth:`fine_class` of many spans ``(words, i, j, coarse)`` at once (one gather and sum)."""
        fw = self.fine_weights
        if fw is None or not items:
            return [""] * len(items)
        np = self._np
        zero = fw.zero_row
        ids: list[int] = []
        starts: list[int] = []
        masks = []
        for words, i, j, coarse in items:
            starts.append(len(ids))
            ids.append(zero)
            ids += self._fine_ids(words, i, j, coarse)
            masks.append(self._fine_mask.get(coarse, self._no_fine))
        scores = np.add.reduceat(np.take(fw.W, ids, axis=0), starts) + np.stack(masks)
        best = scores.argmax(axis=1).tolist()
        labels = fw.labels
        return [labels[k] if row[k] > -np.inf else "" for k, row in zip(best, scores)]

    def _fine_word(self, w: str) -> tuple:
        """The fine classifier's attribute ids that the word ``w`` gives a span, by role
        (cached per word): w=, last=, s3=, -2=, +1=, the stem's w=, -1=, and the stem or word
        that the coarse-class conjunctions read."""
        r = self._fine_cache.get(w)
        if r is None:
            get = self.fine_weights.index.get
            st = _stems(w)
            st0 = st[0] if st else None
            m1 = st0 if st0 is not None else w
            r = (get("w=" + w), get("last=" + w), get("s3=" + w[-3:]) if len(w) > 3 else None,
                 get("-2=" + w), get("+1=" + w), get("w=" + st0) if st0 is not None else None,
                 get("-1=" + m1), st0, m1)
            if len(self._fine_cache) > 200_000:
                self._fine_cache.clear()
            self._fine_cache[w] = r
        return r

    def _fine_word_c(self, w: str, coarse: str) -> tuple:
        """The ids of ``w``'s pieces conjoined with the coarse class (``w=X|PER`` for the word
        and for its stem, ``-1=X|PER``), cached per coarse class and word."""
        d = self._fine_cache_c.get(coarse)
        if d is None:
            d = self._fine_cache_c[coarse] = {}
        r = d.get(w)
        if r is None:
            get = self.fine_weights.index.get
            b = self._fine_word(w)
            suffix = "|" + coarse
            r = (get("w=" + w + suffix), get("w=" + b[7] + suffix) if b[7] is not None else None,
                 get("-1=" + b[8] + suffix))
            if len(d) > 200_000:
                d.clear()
            d[w] = r
        return r

    def _fine_ids(self, words: Sequence[str], i: int, j: int, coarse: str) -> list[int]:
        """``[ids of fine_features(words, i, j, coarse) known to the model]``, in the same order
        (so the same sums), without building the feature strings."""
        fw = self._fine_word
        get = self.fine_weights.index.get
        last = fw(words[j - 1])
        out = [self._fine_head.get((coarse, min(j - i, 4)), None), last[1], last[2]]
        if out[0] is None:
            out[0:1] = [get("c=" + coarse), get("n=" + str(min(j - i, 4)))]
        else:
            out[0:1] = out[0]
        if i >= 2:
            out.append(fw(words[i - 2])[3])
        if j < len(words):
            out.append(fw(words[j])[4])
        first = fw(words[i])
        out += [fw(words[k])[0] for k in range(i, j)]
        if first[7] is not None:
            out.append(first[5])
        if i >= 1:
            out.append(fw(words[i - 1])[6])
        wc = self._fine_word_c
        out += [wc(words[k], coarse)[0] for k in range(i, j)]
        if first[7] is not None:
            out.append(wc(words[i], coarse)[1])
        if i >= 1:
            out.append(wc(words[i - 1], coarse)[2])
        return [x for x in out if x is not None]

    def propagate(self, words: Sequence[str], labels: list[str]) -> list[str]:
        """Document-level consistency: a name found once labels its other mentions.

        Each entity found by the CRF (as a word sequence) labels the same sequence elsewhere
        in the document where the CRF found nothing; the later words of a multi-word person
        name (a surname: ``رامسفيلد`` after ``دونالد رامسفيلد``) label that word alone as a
        person.  Words are compared with a leading proclitic removed; frequent non-name words
        of the training text (``ner-common-words.tsv``) and words under 3 letters never
        propagate alone.
        """
        spans = bio_spans(labels)
        if not spans:
            return labels
        common = self.common_words
        seqs: dict[tuple[str, ...], str] = {}
        single: dict[str, str] = {}
        for i, j, coarse, _ in spans:
            ws = [words[k] for k in range(i, j)]
            ws[0] = self._content(ws[0])
            if j - i == 1:
                w = ws[0]
                if len(w) >= 3 and w not in common:
                    single.setdefault(w, coarse)
            else:
                seqs.setdefault(tuple(ws), coarse)
                if coarse == "PER":
                    for w in ws[1:]:
                        if len(w) >= 3 and w not in common and w not in self.name_particles:
                            single.setdefault(w, "PER")
        if not single and not seqs:
            return labels
        by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for ws, c in seqs.items():
            by_first.setdefault(ws[0], []).append((ws, c))
        for v in by_first.values():
            v.sort(key=lambda x: -len(x[0]))
        out = list(labels)
        n = len(words)
        # a word's content form ends with the word's last two letters (only a proclitic is
        # removed, or لل becomes ال): words with other endings cannot match
        tails = {k[-2:] for k in by_first}
        tails.update(k[-2:] for k in single)
        content = self._content
        i = 0  # the first position not yet consumed by a match
        for at in [k for k, x in enumerate(words) if x[-2:] in tails]:
            if at < i:
                continue
            i = at
            if out[i] != "O":
                continue
            w = content(words[i])
            done = False
            for ws, c in by_first.get(w, ()):
                j = i + len(ws)
                if j <= n and all(out[k] == "O" for k in range(i, j)) and tuple(words[i + 1:j]) == ws[1:]:
                    out[i] = "B-" + c
                    for k in range(i + 1, j):
                        out[k] = "I-" + c
                    i = j
                    done = True
                    break
            if done:
                continue
            c = single.get(w)
            if c is not None and (i + 1 >= n or out[i + 1] == "O" or not out[i + 1].startswith("I-")):
                out[i] = "B-" + c
            i += 1
        return out

    def _content(self, w: str) -> str:
        """``w`` without a proclitic when what remains is a known entity word or carries the article."""
        r = self._content_cache.get(w)
        if r is None:
            r = self._content_cache[w] = self._strip_content(w)
            if len(self._content_cache) > 200_000:
                self._content_cache.clear()
        return r

    def _strip_content(self, w: str) -> str:
        if w in self.entity_words or len(w) < 4:
            return w
        for p in _CLITIC_SET:
            if w.startswith(p):
                rest = w[len(p):]
                if p.endswith("لل"):
                    return "ال" + rest
                if p.endswith("ال"):
                    return "ال" + rest
                if rest in self.entity_words or rest.startswith("ال"):
                    return rest
                return w
        return w

    def tag_document(self, sentences: Sequence[Sequence[Token]]) -> list[list[str]]:
        """Labels for each sentence of a document (sentences tagged one by one, then made
        consistent across the document)."""
        sw = [[t.norm for t in toks] for toks in sentences]
        cs = [case_flags(toks) for toks in sentences]
        return [self.add_fine(ws, labs) for ws, labs in zip(sw, self.coarse_sentences(sw, cases=cs))]

    def _coarse_tokens(self, tokens: Sequence[Token]) -> tuple[list[str], list[str]]:
        words = [t.norm for t in tokens]
        cases = case_flags(tokens)
        sents = split_words(words)
        sc, k = [], 0
        for ws in sents:
            sc.append(cases[k:k + len(ws)])
            k += len(ws)
        labels = [lab for labs in self.coarse_sentences(sents, cases=sc) for lab in labs]
        return words, labels

    def tag_words(self, words: Sequence[str]) -> list[str]:
        """Labels ``B-COARSE-Fine`` / ``I-COARSE-Fine`` / ``O`` for normalized words."""
        return self.add_fine(words, self.coarse_words(words))

    def add_fine(self, words: Sequence[str], labels: Sequence[str]) -> list[str]:
        """Coarse BIO labels -> ``B-COARSE-Fine`` labels (fine class from the span classifier)."""
        out = list(labels)
        spans = bio_spans(labels)
        for (i, j, coarse, _), fine in zip(spans, self.fine_classes([(words, i, j, c) for i, j, c, _ in spans])):
            suffix = f"{coarse}-{fine}" if fine else coarse
            out[i] = "B-" + suffix
            for k in range(i + 1, j):
                out[k] = "I-" + suffix
        return out

    def tag(self, tokens: Sequence[Token]) -> list[str]:
        """BIO labels (``B-PER-Politician``, ``I-GPE-Nation``, ``O``) for ``tokens``.

        ``tokens`` may be a sentence or a whole document (split at ``. ! ? ؟ …``; the
        document pass then makes labels consistent across it)."""
        return self.add_fine(*self._coarse_tokens(tokens))

    def tag_spans(self, text: str, tokens: Sequence[Token]) -> list[tuple[int, int, str, str]]:
        """Entity spans ``(start_char, end_char, coarse, fine)`` into ``text``.

        ``tokens`` may be one sentence or a whole document (split at ``. ! ? ؟ …``).  A
        leading proclitic (و ف ب ل ك, ``لل``) is trimmed from the span when what remains is a
        known entity word or starts with the article (``وروسيا`` -> ``روسيا``, ``بالعراق`` ->
        ``العراق``); a word that is itself a known name (``بغداد``) is kept whole.
        """
        words, labels = self._coarse_tokens(tokens)
        return self._spans(tokens, words, labels)

    def tag_spans_document(self, text: str, sentences: Sequence[Sequence[Token]]) -> list[list[tuple[int, int, str, str]]]:
        """:meth:`tag_spans` for each sentence of a document, tagged together so that the
        document pass (:meth:`propagate`) sees every sentence (a surname alone in a later
        sentence is found from the full name in an earlier one)."""
        sw = [[t.norm for t in toks] for toks in sentences]
        cs = [case_flags(toks) for toks in sentences]
        labels = self.coarse_sentences(sw, cases=cs)
        spans = [bio_spans(labs) for labs in labels]
        fines = iter(self.fine_classes([(ws, i, j, c) for ws, sp in zip(sw, spans) for i, j, c, _ in sp]))
        return [self._spans(toks, ws, labs, [next(fines) for _ in sp], sp) if sp else []
                for toks, ws, labs, sp in zip(sentences, sw, labels, spans)]

    def _spans(self, tokens, words, labels, fines=None, spans=None):
        out = []
        if spans is None:
            spans = bio_spans(labels)
        if fines is None:
            fines = self.fine_classes([(words, i, j, coarse) for i, j, coarse, _ in spans])
        for (i, j, coarse, _), fine in zip(spans, fines):
            first = tokens[i]
            s = first.start + self.proclitic_length(first.text, first.norm)
            e = tokens[j - 1].end
            if s >= e:
                s = first.start
            out.append((s, e, coarse, fine))
        return out

    def describe(self) -> str:
        return f"crf({self.path.name})"

    def clear_caches(self) -> None:
        """Forget every per-word cache (score vectors, fine-class ids, content forms, features and
        the module's stems), as for a process that has seen no text yet: for benchmarks of the
        first pass over new text.  The labels do not change."""
        if self._scorer is not None:
            with self._scorer._lock:
                self._scorer._reset(1024)
        for cache in (self._content_cache, self._fine_cache, self._fine_cache_c, self.features._cache,
                      self.features._sig, _STEMS):
            cache.clear()

    def proclitic_length(self, surface: str, norm: str) -> int:
        """Characters of ``surface`` to drop at the start of an entity's first word."""
        if norm in self.entity_words or len(norm) < 3:
            return 0
        for p in _CLITIC_SET:
            if not norm.startswith(p):
                continue
            rest = norm[len(p):]
            if len(rest) < 2:
                continue
            if p.endswith("لل"):
                ok = ("ال" + rest) in self.entity_words or len(rest) >= 3
                cut = len(p)
            elif p.endswith("ال"):
                ok = len(rest) >= 3
                cut = len(p) - 2
            else:
                ok = rest in self.entity_words or (rest.startswith("ال") and len(rest) >= 5)
                cut = len(p)
            if not ok:
                continue
            nm = normalize_map(surface)
            if nm.text != norm:  # the token's norm was not computed from this surface
                return 0
            return nm.orig(cut)
        return 0


def split_words(words: Sequence[str]) -> list[Sequence[str]]:
    """Split a run of normalized words after each sentence-final punctuation token."""
    out = []
    start = 0
    for i, w in enumerate(words):
        if w in SENT_FINAL:
            out.append(words[start:i + 1])
            start = i + 1
    if start < len(words):
        out.append(words[start:])
    return out


def _open_crfsuite(path: Path):
    import pycrfsuite

    t = pycrfsuite.Tagger()
    try:
        t.open(str(path))
    except Exception as e:  # crfsuite raises ValueError/IOError with no path
        raise NERModelError(
            f"cannot load the NER model {path}: {e}. Re-create it with scripts/train_ner.py "
            "or reinstall the package."
        ) from e
    return t


def _meta_path(path: Path) -> Path:
    return path.with_suffix(".json")


def weights_path(model: Path) -> Path:
    """``ner-crf.crfsuite`` -> ``ner-crf.weights.npz`` (the exported weights used for decoding)."""
    return model.with_suffix(".weights.npz")


def vocab_path(model: Path) -> Path:
    """``ner-crf.crfsuite`` -> ``ner-crf.vocab.npz`` (precomputed feature rows of frequent words,
    written by ``scripts/ner_vocab.py``; optional)."""
    return model.with_suffix(".vocab.npz")


def _file_sha256(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def _check_model_file(path: Path, what: str) -> None:
    if not path.is_file():
        raise NERModelError(
            f"{what} not found: {path}. Train it with scripts/train_ner.py "
            "or pass the path of an existing .crfsuite model."
        )
    with path.open("rb") as fh:
        if fh.read(4) != b"lCRF":
            raise NERModelError(f"{what} {path} is not a crfsuite model file (corrupt or wrong file); "
                                "re-create it with scripts/train_ner.py")
    if not weights_path(path).is_file():
        raise NERModelError(f"weights of {what} {path} not found: {weights_path(path)} "
                            "(written beside the model by scripts/train_ner.py)")


@lru_cache(maxsize=4)
def _load(path: Path) -> CRFTagger:
    _check_model_file(path, "NER model file")
    mp = _meta_path(path)
    try:
        meta = json.loads(mp.read_text(encoding="utf-8"))
    except OSError as e:
        raise NERModelError(f"NER model metadata not found: {mp} (written beside the model by scripts/train_ner.py)") from e
    except ValueError as e:
        raise NERModelError(f"NER model metadata {mp} is not valid JSON: {e}") from e
    if meta.get("features_version") != FEATURES_VERSION:
        raise NERModelError(
            f"NER model {path} was trained with feature set {meta.get('features_version')!r}, "
            f"this code extracts feature set {FEATURES_VERSION}: re-train with scripts/train_ner.py"
        )
    lexicons = {}
    for name, fname in (meta.get("lexicons") or {}).items():
        lp = path.parent / fname
        if not lp.is_file():
            raise NERModelError(f"NER lexicon {lp} (needed by model {path}) is missing")
        lexicons[name] = read_lexicon(lp)
    ew_file = meta.get("entity_words")
    entity_words = frozenset(read_lexicon(path.parent / ew_file)) if ew_file else frozenset()
    cw_file = meta.get("common_words")
    common = frozenset(read_lexicon(path.parent / cw_file)) if cw_file else frozenset()
    particles = frozenset(read_lexicon(DATA_DIR / "name_particles.tsv"))
    weights = LinearWeights.load(weights_path(path))
    fine_weights = None
    if meta.get("fine_model"):
        fp = path.parent / meta["fine_model"]
        _check_model_file(fp, "NER fine-class model")
        fine_weights = LinearWeights.load(weights_path(fp))
    return CRFTagger(path, meta, lexicons, entity_words, read_class_map(), common, particles,
                     weights, fine_weights)


def load_tagger(path: Path | str | None = None) -> CRFTagger:
    """The CRF tagger at ``path`` (default: the model shipped in ``kg/data/ner``), cached.

    Raises :class:`NERModelError` (a :class:`kg.errors.KGError`) naming the file when the
    model or its metadata is missing or unreadable.
    """
    p = DEFAULT_MODEL if path is None else Path(path)
    return _load(p.resolve())


def tokens_from_words(words: Iterable[str]) -> tuple[str, list[Token]]:
    """Join pre-tokenized words with spaces and return ``(text, tokens)`` (for corpora)."""
    parts = []
    toks = []
    pos = 0
    for w in words:
        parts.append(w)
        toks.append(Token(w, pos, pos + len(w), normalize(w)))
        pos += len(w) + 1
    return " ".join(parts), toks


def read_conll(path: Path | str, strip: str = "\u200e\ufeff") -> list[list[tuple[str, str]]]:
    """Sentences of ``(token, tag)`` from a two-column CoNLL-style file (tab or space separated;
    blank lines separate sentences; CRLF and the marks in ``strip`` are removed)."""
    path = Path(path)
    table = str.maketrans({c: None for c in strip})
    sents: list[list[tuple[str, str]]] = []
    cur: list[tuple[str, str]] = []
    try:
        fh = path.open(encoding="utf-8-sig", newline=None)
    except OSError as e:
        raise KGError(f"cannot read {path}: {e}") from e
    with fh:
        for n, line in enumerate(fh, 1):
            line = line.rstrip("\r\n").translate(table)
            if not line.strip():
                if cur:
                    sents.append(cur)
                    cur = []
                continue
            if "\t" in line:
                tok, _, tag = line.rpartition("\t")
            else:
                tok, _, tag = line.rpartition(" ")
            tok, tag = tok.strip(), tag.strip()
            if not tok or not tag:
                raise KGError(f"{path}:{n}: expected 'token<TAB>tag', got {line!r}")
            cur.append((tok, tag))
    if cur:
        sents.append(cur)
    return sents


__all__ = [
    "FEATURES_VERSION",
    "DEFAULT_MODEL",
    "COARSE",
    "NERModelError",
    "CRFTagger",
    "FeatureExtractor",
    "fine_features",
    "load_tagger",
    "read_class_map",
    "read_conll",
    "bio_spans",
    "split_label",
    "tokens_from_words",
]
