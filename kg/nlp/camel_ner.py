"""Optional transformer NER backend (``--ner camel``): camel-tools' ``NERecognizer``.

Same interface as :class:`kg.nlp.crf.CRFTagger`: ``tag(tokens)`` gives BIO labels and
``tag_spans(text, tokens)`` gives ``(start_char, end_char, coarse, fine)`` into the original
text.  camel-tools' labels (``B-PERS``, ``B-ORG``, ``B-LOC``, ``B-MISC`` and ``I-``) map to
PER, ORG, LOC and MISC; a LOC span whose words are countries or cities in the NER gazetteer
(``kg/data/ner/ner-gazetteer.tsv``) becomes GPE.  The fine class is empty.

Needs camel-tools, transformers and torch, and camel-tools' fine-tuned AraBERT NER model,
installed once with ``camel_data -i ner-arabert`` (it cannot be downloaded at run time).
Nothing here is imported by ``import kg``; camel-tools is imported on first use.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Sequence

from ..errors import KGError
from .crf import SENT_FINAL, bio_spans, read_lexicon, DATA_DIR
from .text import Token

#: camel-tools label -> our coarse class.
LABEL_MAP = {"PERS": "PER", "PER": "PER", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}

INSTALL_HINT = "install it with `camel_data -i ner-arabert` (needs network once), or use the default --ner crf"


class CamelNERError(KGError):
    """camel-tools' NER model or its dependencies are not available."""


def camel_data_dir() -> Path:
    """camel-tools' data folder: ``$CAMELTOOLS_DATA`` or its per-user default."""
    env = os.environ.get("CAMELTOOLS_DATA")
    if env:
        return Path(env).expanduser().absolute()
    home = Path.home()
    if sys.platform == "win32":
        return home / "AppData/Roaming/camel_tools"
    return home / ".camel_tools"


def _import_recognizer():
    """Import ``camel_tools.ner.NERecognizer`` without letting camel-tools try the network.

    camel-tools loads (and, when absent, downloads) its data catalogue at import time, so
    the catalogue's presence is checked first.
    """
    cat = camel_data_dir() / "catalogue.json"
    if not cat.is_file():
        raise CamelNERError(f"camel-tools data catalogue not found at {cat}: the NER model is not installed; {INSTALL_HINT}")
    try:
        from camel_tools.ner import NERecognizer  # noqa: PLC0415 (lazy on purpose)
    except ImportError as e:
        raise CamelNERError(f"--ner camel needs camel-tools, transformers and torch ({e}); pip install camel-tools") from e
    except Exception as e:  # camel-tools' catalogue errors (DownloaderError, CatalogueError, JSON)
        raise CamelNERError(f"camel-tools could not load its data catalogue {cat}: {e}; {INSTALL_HINT}") from e
    return NERecognizer


class CamelNER:
    """camel-tools' BERT NER behind the :class:`kg.nlp.crf.CRFTagger` interface.

    ``model_path``: a fine-tuned BERT token-classification folder (transformers format with
    a WordPiece ``vocab.txt``); default: camel-tools' installed ``ner-arabert`` model.
    """

    def __init__(self, model_path: str | Path | None = None, use_gpu: bool = False, batch_size: int = 32):
        NERecognizer = _import_recognizer()
        if model_path is None:
            try:
                from camel_tools.data import CATALOGUE  # noqa: PLC0415

                info = CATALOGUE.components["NamedEntityRecognition"]
                model_path = Path(info.datasets[info.default].path)
            except Exception as e:
                raise CamelNERError(f"camel-tools' catalogue has no NER model entry ({e}); {INSTALL_HINT}") from e
        model_path = Path(model_path)
        if not (model_path / "config.json").is_file():
            raise CamelNERError(f"camel-tools NER model not found at {model_path} (no config.json); {INSTALL_HINT}")
        try:
            self._ner = NERecognizer(str(model_path), use_gpu=use_gpu)
        except Exception as e:  # transformers raises OSError/ValueError for a broken folder
            raise CamelNERError(f"cannot load the camel-tools NER model at {model_path}: {e}") from e
        self.model_path = model_path
        self.batch_size = batch_size
        self._gpe_words = None

    # --- labels -----------------------------------------------------------------------
    @staticmethod
    def map_label(label: str) -> str:
        """``B-PERS`` -> ``B-PER``; unknown classes -> ``O``."""
        bio, _, cls = label.partition("-")
        coarse = LABEL_MAP.get(cls)
        return f"{bio}-{coarse}" if bio in ("B", "I") and coarse else "O"

    def _predict(self, sentences: list[list[str]]) -> list[list[str]]:
        if not sentences:
            return []
        preds = self._ner.predict(sentences, batch_size=self.batch_size)
        out = []
        for words, labels in zip(sentences, preds):
            if len(labels) != len(words):  # words the WordPiece tokenizer drops get no label
                it = iter(labels)
                labels = [next(it, "O") if self._ner.tokenizer.tokenize(w) else "O" for w in words]
            out.append([self.map_label(lab) for lab in labels])
        return out

    def tag_sentences(self, sentences: list[list[str]]) -> list[list[str]]:
        """Our BIO labels (``B-PER`` ...) for pre-tokenized sentences of surface words."""
        return self._predict([list(s) for s in sentences])

    def _sentences(self, tokens: Sequence[Token]) -> list[list[str]]:
        sents, cur = [], []
        for t in tokens:
            cur.append(t.text)
            if t.text in SENT_FINAL:
                sents.append(cur)
                cur = []
        if cur:
            sents.append(cur)
        return sents

    def tag(self, tokens: Sequence[Token]) -> list[str]:
        """BIO labels for ``tokens`` (a sentence or a document; split at ``. ! ? ؟ …``)."""
        labels = [lab for labs in self._predict(self._sentences(tokens)) for lab in labs]
        out = list(labels)
        for i, j, coarse, _ in bio_spans(labels):
            if coarse == "LOC" and self._is_gpe([t.norm for t in tokens[i:j]]):
                out[i] = "B-GPE"
                for k in range(i + 1, j):
                    out[k] = "I-GPE"
        return out

    def tag_spans(self, text: str, tokens: Sequence[Token]) -> list[tuple[int, int, str, str]]:
        """Entity spans ``(start_char, end_char, coarse, "")`` into ``text``."""
        labels = self.tag(tokens)
        return [(tokens[i].start, tokens[j - 1].end, coarse, "") for i, j, coarse, _ in bio_spans(labels)]

    def tag_spans_document(self, text: str, sentences: Sequence[Sequence[Token]]) -> list[list[tuple[int, int, str, str]]]:
        """:meth:`tag_spans` for each sentence of a document (one batched prediction)."""
        flat = [t for toks in sentences for t in toks]
        labels = self.tag(flat) if flat else []
        out, k = [], 0
        for toks in sentences:
            labs = labels[k:k + len(toks)]
            k += len(toks)
            out.append([(toks[i].start, toks[j - 1].end, c, "") for i, j, c, _ in bio_spans(labs)])
        return out

    def describe(self) -> str:
        return f"camel({self.model_path.name})"

    def _is_gpe(self, words: list[str]) -> bool:
        if self._gpe_words is None:
            gz = read_lexicon(DATA_DIR / "ner-gazetteer.tsv")
            self._gpe_words = {w for w, v in gz.items() if "COUNTRY." in v or "CITY.U" in v or "CITY.B" in v}
        from .crf import _stems  # noqa: PLC0415

        first = words[0]
        return first in self._gpe_words or any(s in self._gpe_words for s in _stems(first))


def load_camel_ner(model_path: str | Path | None = None) -> CamelNER:
    """Build the camel-tools backend (raises :class:`CamelNERError`, a KGError, when unavailable)."""
    return CamelNER(model_path)


#: the name kg.nlp.entities uses for every backend
load_tagger = load_camel_ner

__all__ = ["CamelNER", "CamelNERError", "LABEL_MAP", "camel_data_dir", "load_camel_ner", "load_tagger"]
