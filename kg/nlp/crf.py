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

Feature extraction is the hot path: features that depend on one word only are computed
once per distinct normalized word and cached, so tagging an article costs a few dict
look-ups and list concatenations per token plus crfsuite's Viterbi.
"""

from __future__ import annotations

import json
import threading
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

from ..errors import KGError
from .text import PROCLITICS, Token, normalize, normalize_map

#: Bump when the feature set changes; the model metadata records the version it was trained with.
FEATURES_VERSION = 3

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


def _shape(w: str) -> str:
    if not w:
        return "empty"
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


def _stems(w: str) -> list[str]:
    """Clitic-stripped readings of a normalized word (article kept, then without it)."""
    out = []
    for p in _CLITIC_SET:
        if w.startswith(p) and len(w) - len(p) >= 2:
            rest = w[len(p):]
            if p.endswith("لل"):
                out.append("ال" + rest)
            elif p.endswith("ال"):
                out.append("ال" + rest)
            else:
                out.append(rest)
            break  # longest proclitic only: keeps the feature set small
    base = out[0] if out else w
    if base.startswith("ال") and len(base) >= 4:
        out.append(base[2:])
    return out


class FeatureExtractor:
    """Token features for the CRF.  ``lexicons`` maps a feature name to ``{word: value}``.

    Word-level features are cached per normalized word; the cache is private to this object.
    """

    def __init__(self, lexicons: dict[str, dict[str, str]] | None = None, cache_size: int = 200_000):
        self.lexicons = lexicons or {}
        self._cache: dict[str, tuple[list[str], tuple[list[str], ...]]] = {}
        self._cache_size = cache_size
        self._lock = threading.Lock()

    # one word --------------------------------------------------------------------------
    def _compute(self, w: str) -> tuple[list[str], tuple[list[str], ...]]:
        core = w
        if w and (not w[0].isalnum() or not w[-1].isalnum()) and any(c.isalnum() for c in w):
            core = w.strip("".join(c for c in set(w) if not c.isalnum()))  # كابول؛ -> كابول
        f = ["b", "w=" + core]
        if core != w:
            f.append("edgepunct")
        w = core
        shape = _shape(w)
        f.append("sh=" + shape)
        stems = _stems(w) if shape == "ar" else []
        lex_keys = [w] + stems
        if shape in ("ar", "lat", "other"):
            n = len(w)
            f.append("len=" + _len_bucket(n))
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
        ctx_lex: list[str] = []
        for name, lex in self.lexicons.items():
            for i, key in enumerate(lex_keys):
                v = lex.get(key)
                if v is not None:
                    mark = "" if i == 0 else "~"
                    for part in v.split("|"):
                        f.append(f"{name}{mark}=" + part)
                        if name == "gz":
                            ctx_lex.append(f"gz{mark}=" + part)
                        elif name == "cl":
                            ctx_lex.append("cl=" + part)
                    break
        st0 = stems[0] if stems else w
        ctx = []
        for o in ("-2", "-1", "+1", "+2"):
            c = [o + "w=" + w]
            if o in ("-1", "+1"):
                if st0 != w:
                    c.append(o + "st=" + st0)
                if shape == "ar" and len(w) > 2:
                    c.append(o + "s2=" + w[-2:])
                c.extend(o + x for x in ctx_lex)
            ctx.append(c)
        return f, tuple(ctx)

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
    def sentence(self, words: Sequence[str]) -> list[list[str]]:
        """Feature lists for a sentence of normalized words."""
        got = [self.word(w) for w in words]
        n = len(words)
        out = []
        for i in range(n):
            own, _ = got[i]
            f = list(own)
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


# --- the tagger -----------------------------------------------------------------------


def split_label(label: str) -> tuple[str, str, str]:
    """``'B-GPE-Population-Center'`` -> ``('B', 'GPE', 'Population-Center')``; ``'O'`` -> ``('O', '', '')``."""
    if label == "O" or len(label) < 3:
        return "O", "", ""
    parts = label.split("-", 2)
    return parts[0], parts[1], parts[2] if len(parts) > 2 else ""


def bio_spans(labels: Sequence[str]) -> list[tuple[int, int, str, str]]:
    """Token spans ``(i, j, coarse, fine)`` (``j`` exclusive) from BIO labels, conlleval-style:
    an ``I-`` that does not continue an entity of the same coarse class starts a new one."""
    spans = []
    cur = None
    for i, lab in enumerate(labels):
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
    f = ["n=" + str(min(j - i, 4))]
    for k in range(i, j):
        f.append("w=" + words[k])
    f.append("first=" + words[i])
    f.append("last=" + words[j - 1])
    for stem in _stems(words[i]):
        f.append("st=" + stem)
    last = words[j - 1]
    for k in (2, 3):
        if len(last) > k:
            f.append(f"s{k}=" + last[-k:])
    for o in (1, 2, 3):
        if i - o >= 0:
            f.append(f"-{o}=" + words[i - o])
            for stem in _stems(words[i - o])[:1]:
                f.append(f"-{o}st=" + stem)
        if j - 1 + o < len(words):
            f.append(f"+{o}=" + words[j - 1 + o])
    return ["c=" + coarse] + f + [x + "|" + coarse for x in f]


class CRFTagger:
    """A loaded model: a coarse BIO CRF plus a fine-class classifier for its spans.

    Thread-safe for reading (one pair of crfsuite Taggers per thread).
    """

    def __init__(self, path: Path, meta: dict, lexicons: dict[str, dict[str, str]],
                 entity_words: frozenset[str], class_map: dict[str, str],
                 common_words: frozenset[str] = frozenset(), name_particles: frozenset[str] = frozenset()):
        self.path = path
        self.common_words = common_words
        self.name_particles = name_particles
        self.meta = meta
        self.fine_path = path.parent / meta["fine_model"] if meta.get("fine_model") else None
        self.features = FeatureExtractor(lexicons)
        self.entity_words = entity_words
        self.fine_by_coarse: dict[str, list[str]] = {}
        for fine, coarse in class_map.items():
            self.fine_by_coarse.setdefault(coarse, []).append(fine)
        self._local = threading.local()

    def _tagger(self):
        t = getattr(self._local, "tagger", None)
        if t is None:
            t = _open_crfsuite(self.path)
            self._local.tagger = t
        return t

    def _fine_tagger(self):
        t = getattr(self._local, "fine", None)
        if t is None and self.fine_path is not None:
            t = _open_crfsuite(self.fine_path)
            self._local.fine = t
            self._local.fine_labels = set(t.labels())
        return t

    def coarse_sentences(self, sentences: Sequence[Sequence[str]], document: bool = True) -> list[list[str]]:
        """Coarse BIO labels (``B-PER``) for sentences of *normalized* words.

        With ``document`` (the default) the sentences are taken as one document and a second
        pass makes the labels consistent across it (see :meth:`propagate`).
        """
        tagger = self._tagger()
        feats = self.features.sentence
        out = [tagger.tag(feats(ws)) if ws else [] for ws in sentences]
        if document and len(out) > 0:
            flat_w = [w for ws in sentences for w in ws]
            flat = self.propagate(flat_w, [lab for labs in out for lab in labs])
            res, k = [], 0
            for ws in sentences:
                res.append(flat[k:k + len(ws)])
                k += len(ws)
            out = res
        return out

    def coarse_words(self, words: Sequence[str], document: bool = True) -> list[str]:
        """Coarse labels for a run of normalized words, split into sentences at ``. ! ? ؟ …``."""
        return [lab for labs in self.coarse_sentences(split_words(words), document) for lab in labs]

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
        i = 0
        while i < n:
            if out[i] != "O":
                i += 1
                continue
            w = self._content(words[i])
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

    def fine_class(self, words: Sequence[str], i: int, j: int, coarse: str) -> str:
        """The fine class of the span ``words[i:j]`` already tagged ``coarse``."""
        ft = self._fine_tagger()
        if ft is None:
            return ""
        x = [fine_features(words, i, j, coarse)]
        fine = ft.tag(x)[0]
        allowed = self.fine_by_coarse.get(coarse, ())
        if fine in allowed:
            return fine
        cands = [f for f in allowed if f in self._local.fine_labels]
        if not cands:
            return ""
        ft.set(x)
        return max(cands, key=lambda f: ft.marginal(f, 0))

    def tag_document(self, sentences: Sequence[Sequence[Token]]) -> list[list[str]]:
        """Labels for each sentence of a document (sentences tagged one by one, then made
        consistent across the document)."""
        sw = [[t.norm for t in toks] for toks in sentences]
        return [self.add_fine(ws, labs) for ws, labs in zip(sw, self.coarse_sentences(sw))]

    def tag_words(self, words: Sequence[str]) -> list[str]:
        """Labels ``B-COARSE-Fine`` / ``I-COARSE-Fine`` / ``O`` for normalized words."""
        return self.add_fine(words, self.coarse_words(words))

    def add_fine(self, words: Sequence[str], labels: Sequence[str]) -> list[str]:
        """Coarse BIO labels -> ``B-COARSE-Fine`` labels (fine class from the span classifier)."""
        out = list(labels)
        for i, j, coarse, _ in bio_spans(labels):
            fine = self.fine_class(words, i, j, coarse)
            suffix = f"{coarse}-{fine}" if fine else coarse
            out[i] = "B-" + suffix
            for k in range(i + 1, j):
                out[k] = "I-" + suffix
        return out

    def tag(self, tokens: Sequence[Token]) -> list[str]:
        """BIO labels (``B-PER-Politician``, ``I-GPE-Nation``, ``O``) for ``tokens``."""
        return self.tag_words([t.norm for t in tokens])

    def tag_spans(self, text: str, tokens: Sequence[Token]) -> list[tuple[int, int, str, str]]:
        """Entity spans ``(start_char, end_char, coarse, fine)`` into ``text``.

        A leading proclitic (و ف ب ل ك, ``لل``) is trimmed from the span when what remains
        is a known entity word or starts with the article (``وروسيا`` -> ``روسيا``,
        ``بالعراق`` -> ``العراق``); a word that is itself a known name (``بغداد``) is kept whole.
        """
        words = [t.norm for t in tokens]
        labels = self.coarse_words(words)
        out = []
        for i, j, coarse, _ in bio_spans(labels):
            fine = self.fine_class(words, i, j, coarse)
            first = tokens[i]
            s = first.start + self.proclitic_length(first.text, first.norm)
            e = tokens[j - 1].end
            if s >= e:
                s = first.start
            out.append((s, e, coarse, fine))
        return out

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


@lru_cache(maxsize=4)
def _load(path: Path) -> CRFTagger:
    if not path.is_file():
        raise NERModelError(
            f"NER model file not found: {path}. Train it with scripts/train_ner.py "
            "or pass the path of an existing .crfsuite model."
        )
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
    tagger = CRFTagger(path, meta, lexicons, entity_words, read_class_map(), common, particles)
    tagger._tagger()  # open now: a corrupt file fails here, with the path in the message
    if tagger.fine_path is not None:
        if not tagger.fine_path.is_file():
            raise NERModelError(f"NER fine-class model {tagger.fine_path} (needed by {path}) is missing")
        tagger._fine_tagger()
    return tagger


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
