"""The optional camel-tools NER backend, exercised with a tiny random BERT made on disk.

camel-tools reads its data catalogue when ``camel_tools.ner`` is imported, so each check runs
in a fresh interpreter with ``CAMELTOOLS_DATA`` pointing at a folder the test builds (this
also keeps the test process free of torch).  No download happens anywhere.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kg.errors import KGError

ROOT = Path(__file__).resolve().parent.parent

needs_camel = pytest.mark.skipif(
    not all(importlib.util.find_spec(m) for m in ("camel_tools", "transformers", "torch")),
    reason="camel-tools, transformers and torch are needed for the camel NER backend",
)

CAMEL_LABELS = ["B-LOC", "B-ORG", "B-PERS", "B-MISC", "I-LOC", "I-ORG", "I-PERS", "I-MISC", "O"]

DRIVER = """
import json, sys
import torch
from transformers import BertConfig, BertForTokenClassification, BertTokenizer
from kg.errors import KGError
from kg.nlp.text import tokenize

labels = json.loads(sys.argv[2])
data = sys.argv[1]

def make_model(out, forced):
    import os
    os.makedirs(out, exist_ok=True)
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", ".", "،"] + list("ابتثجحخدذرزسشصضطظعغفقكلمنهوية") + \\
            ["##" + c for c in "ابتثجحخدذرزسشصضطظعغفقكلمنهوية"] + ["وزير", "الخارجية", "روسيا"]
    open(out + "/vocab.txt", "w", encoding="utf-8").write("\\n".join(vocab) + "\\n")
    cfg = BertConfig(vocab_size=len(vocab), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                     intermediate_size=37, max_position_embeddings=512, num_labels=len(labels),
                     id2label=dict(enumerate(labels)), label2id={l: i for i, l in enumerate(labels)})
    torch.manual_seed(0)
    model = BertForTokenClassification(cfg)
    with torch.no_grad():  # make one label win everywhere, so that the output is known
        model.classifier.weight.zero_()
        model.classifier.bias.fill_(-10.0)
        model.classifier.bias[labels.index(forced)] = 10.0
    model.save_pretrained(out)
    BertTokenizer(out + "/vocab.txt", do_lower_case=False, tokenize_chinese_chars=False).save_pretrained(out)

def run(path, text):
    from kg.nlp.camel_ner import CamelNER
    try:
        ner = CamelNER(path)
    except KGError as e:
        return {"error": str(e), "type": type(e).__name__}
    toks = tokenize(text)
    return {"labels": ner.tag(toks), "spans": ner.tag_spans(text, toks),
            "tokens": [[t.text, t.start, t.end] for t in toks]}

res = {}
res["no_model"] = run(None, "نص")  # the catalogue names ner/arabert, nothing is installed there yet
make_model(data + "/data/ner/arabert", "B-PERS")
t1 = "\\u200eقال وزيرُ الخارجية لافروف."
res["pers"] = run(None, t1)  # default model: found through camel-tools' catalogue
res["pers_text"] = t1
make_model(data + "/other", "I-LOC")
res["loc"] = run(data + "/other", "روسيا والعراق")
print(json.dumps(res, ensure_ascii=False))
"""


@pytest.fixture(scope="module")
def camel_run(tmp_path_factory):
    """One interpreter builds two tiny BERT models (2 layers, hidden 32, a 70-entry WordPiece
    vocabulary) and runs the backend on them; tests read its JSON report."""
    data_dir = tmp_path_factory.mktemp("camel_data")
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "catalogue.json").write_text(json.dumps({
        "version": "1.6",
        "packages": {},
        "components": {"NamedEntityRecognition": {"default": "arabert", "datasets": {"arabert": {"path": "ner/arabert"}}}},
    }), encoding="utf-8")
    env = dict(os.environ, CAMELTOOLS_DATA=str(data_dir), PYTHONPATH=str(ROOT), TRANSFORMERS_OFFLINE="1",
               HF_HUB_OFFLINE="1", OMP_NUM_THREADS="1")
    p = subprocess.run([sys.executable, "-c", DRIVER, str(data_dir), json.dumps(CAMEL_LABELS)],
                       capture_output=True, text=True, env=env, timeout=180)
    assert p.returncode == 0, p.stderr[-3000:]
    return json.loads(p.stdout.strip().splitlines()[-1])


def test_missing_catalogue_is_a_clear_kgerror(tmp_path, monkeypatch):
    # no camel-tools import is needed to see that its data is absent
    from kg.nlp import camel_ner

    monkeypatch.setenv("CAMELTOOLS_DATA", str(tmp_path / "empty"))
    with pytest.raises(KGError) as ei:
        camel_ner.CamelNER()
    assert "camel_data -i ner-arabert" in str(ei.value)
    assert str(tmp_path / "empty") in str(ei.value)


def test_label_mapping():
    from kg.nlp.camel_ner import CamelNER

    assert [CamelNER.map_label(x) for x in ("B-PERS", "I-PERS", "B-ORG", "I-LOC", "B-MISC", "O", "B-XYZ")] == [
        "B-PER", "I-PER", "B-ORG", "I-LOC", "B-MISC", "O", "O"]


@needs_camel
def test_tiny_random_bert_through_the_backend(camel_run):
    # every word-piece is forced to B-PERS: each token becomes its own PER span
    got, text = camel_run["pers"], camel_run["pers_text"]
    assert "error" not in got, got
    toks = got["tokens"]
    assert len(toks) == 5
    assert got["labels"] == ["B-PER"] * len(toks)
    assert [tuple(s) for s in got["spans"]] == [(s, e, "PER", "") for _, s, e in toks]
    for (s, e, _c, _f), (word, _, _) in zip(got["spans"], toks):
        assert text[s:e] == word
    assert text[toks[1][1]:toks[1][2]] == "وزيرُ"  # diacritics kept in the span, U+200E outside


@needs_camel
def test_tiny_bert_i_labels_make_one_span_and_countries_become_gpe(camel_run):
    # forced I-LOC: the conlleval reading gives one LOC span over the sentence; its first
    # word (روسيا) is a country in the gazetteer, so the span is GPE
    assert camel_run["loc"]["spans"] == [[0, len("روسيا والعراق"), "GPE", ""]]


@needs_camel
def test_catalogue_without_model_is_a_clear_kgerror(camel_run):
    got = camel_run["no_model"]
    assert got.get("type") == "CamelNERError"
    assert "camel_data -i ner-arabert" in got["error"]
