"""Readers (kg.ingest.readers): formats, encodings, ids, metadata and every bad input."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from kg.errors import ConfigError, InputError
from kg.ingest import IngestError, read_paths, stable_id
from kg.ingest.readers import WHOLE_LIMIT

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data" / "ingest"
SEED = ROOT / "examples" / "seed-article.txt"

ARTICLE = (
    "بحث وزير الخارجية الأردني مع نظيره المصري سبل تعزيز التعاون الاقتصادي بين البلدين.\n\n"
    "وقال الوزير إن العلاقات بين البلدين تشهد تطوراً مستمراً في جميع المجالات.\n"
)


def read(paths, **kw):
    """(documents, errors, warnings) of read_paths in non-strict mode."""
    errors, warnings = [], []
    docs = list(read_paths(paths, on_error=errors.append, on_warning=warnings.append, **kw))
    return docs, errors, warnings


# --- text files ----------------------------------------------------------------------------


def test_seed_page_gives_two_linked_documents():
    docs, errors, _ = read([SEED], date="16 أغسطس 2023", source="ignored: the page names its source")
    assert errors == []
    main, iraq = docs
    assert main.date == "2023-08-16" and main.source == "RT Arabic"
    assert iraq.parent == main.id and iraq.title == "الخارجية العراقية تحذر من عودة تنظيم داعش"
    assert iraq.date is None and iraq.source is None  # another article: no page defaults
    assert main.path == iraq.path == str(SEED)
    assert main.text == SEED.read_text(encoding="utf-8")


def test_defaults_fill_only_what_is_missing(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    (d,), _, _ = read([p], date="23/03/2017", source="وكالة تجريبية", url="https://example.org/a")
    assert (d.date, d.source, d.url) == ("2017-03-23", "وكالة تجريبية", "https://example.org/a")
    with pytest.raises(ConfigError, match="cannot read the date"):
        list(read_paths([p], date="not a date"))


def test_stable_ids(tmp_path):
    a, b = tmp_path / "one.txt", tmp_path / "sub" / "other-name.txt"
    b.parent.mkdir()
    a.write_text(ARTICLE, encoding="utf-8")
    b.write_bytes(b"\xef\xbb\xbf" + ARTICLE.replace("\n", "\r\n").encode("utf-8"))  # BOM + CRLF
    c = tmp_path / "changed.txt"
    c.write_text(ARTICLE.replace("الأردني", "العراقي"), encoding="utf-8")
    (da,), _, _ = read([a])
    (db,), _, _ = read([b])
    (dc,), _, _ = read([c])
    assert da.id == db.id  # same article, other file name, BOM and line ends
    assert da.id != dc.id
    assert da.id.startswith("doc-") and len(da.id) == 4 + 16
    assert da.id == stable_id(ARTICLE)
    (again,), _, _ = read([a])
    assert again.id == da.id
    # the same article inside a page with furniture around it keeps its id
    page = tmp_path / "page.txt"
    page.write_text(ARTICLE + "\nالمصدر: RT\n\nكلمات دلالية: الأردن مصر\n", encoding="utf-8")
    (dp,), _, _ = read([page])
    assert dp.id == da.id


def test_utf8_bom_is_stripped_and_crlf_kept(tmp_path):
    p = tmp_path / "bom.txt"
    p.write_bytes(b"\xef\xbb\xbf" + ARTICLE.replace("\n", "\r\n").encode("utf-8"))
    (d,), errors, _ = read([p])
    assert not d.text.startswith("\ufeff")
    assert d.text == ARTICLE.replace("\n", "\r\n")
    s, e = d.body_ranges()[0]
    assert d.text[s:e].startswith("بحث وزير")


def test_non_utf8_cp1256_is_detected(tmp_path):
    p = tmp_path / "cp1256.txt"
    p.write_bytes(ARTICLE.encode("cp1256"))
    (d,), errors, _ = read([p])
    assert errors == []
    assert d.text == ARTICLE
    assert d.meta["encoding"] == "cp1256"
    from kg.ingest.readers import decode_bytes
    said = []
    assert decode_bytes(ARTICLE.encode("cp1256"), "x.txt", said.append)[1] == "cp1256"
    assert said == ["x.txt: not UTF-8; read as cp1256 (detected); convert the file to UTF-8 if the text is wrong"]
    said.clear()
    decode_bytes(ARTICLE.encode("utf-8"), "y.txt", said.append)
    assert said == []  # UTF-8 needs no word
    from kg.ingest.readers import _stream_chunks  # a big file is streamed: the same warning
    docs = list(_stream_chunks(iter([ARTICLE.encode("cp1256")]), "big.txt", 10**6, said.append))
    assert docs and docs[0].meta["encoding"] == "cp1256"
    assert said == ["big.txt: not UTF-8; read as cp1256 (detected); convert the file to UTF-8 if the text is wrong"]
    short = tmp_path / "short.txt"  # too short for statistics: the Arabic reading wins the tie
    short.write_bytes("وزير الخارجية".encode("cp1256"))
    (d2,), _, _ = read([short])
    assert d2.text == "وزير الخارجية"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32"])
def test_utf16_and_utf32(tmp_path, encoding):
    p = tmp_path / f"{encoding}.txt"
    p.write_bytes(ARTICLE.encode(encoding))
    (d,), errors, _ = read([p])
    assert errors == [] and d.text == ARTICLE


def test_empty_file(tmp_path):
    for name, data in [("empty.txt", b""), ("blank.txt", b"  \n\r\n\t\n")]:
        p = tmp_path / name
        p.write_bytes(data)
        docs, errors, _ = read([p])
        assert docs == [] and len(errors) == 1
        assert str(errors[0]).startswith(f"{p}: empty file")


def test_binary_file(tmp_path):
    png = tmp_path / "image.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    docs, errors, _ = read([png])
    assert docs == [] and len(errors) == 1
    assert str(errors[0]) == f"{png}: binary file (it contains NUL bytes), not text"
    ctl = tmp_path / "controls.txt"  # no NUL bytes, but control characters everywhere
    ctl.write_bytes(bytes(range(1, 9)) * 200)
    docs, errors, _ = read([ctl])
    assert docs == [] and "binary file" in str(errors[0]) and str(ctl) in str(errors[0])


def test_undetectable_encoding_names_the_file(tmp_path):
    import random

    rnd = random.Random(7)
    p = tmp_path / "noise.txt"
    p.write_bytes(bytes(rnd.choice(range(0x80, 0x100)) for _ in range(3000)) + b"\xff\xfe\xfd" * 50)
    docs, errors, _ = read([p])
    assert docs == [] and len(errors) == 1
    msg = str(errors[0])
    assert msg.startswith(f"{p}: ") and ("encoding" in msg or "binary" in msg)


def test_missing_path(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    missing = tmp_path / "missing.txt"
    docs, errors, _ = read([missing, good])
    assert len(docs) == 1  # the next input is still read
    assert str(errors[0]) == f"{missing}: no such file or directory"
    assert isinstance(errors[0], InputError)
    with pytest.raises(IngestError, match="no such file"):
        list(read_paths([missing, good], strict=True))


def test_large_file_is_chunked_at_blank_lines(tmp_path):
    paras = [f"الفقرة رقم {i} من نص طويل جداً يتكرر فيه الكلام عن الاقتصاد والسياسة والمجتمع. " * 3 for i in range(12000)]
    text = "\n\n".join(paras) + "\n"
    assert len(text.encode("utf-8")) > WHOLE_LIMIT  # streamed, not read whole
    p = tmp_path / "corpus.txt"
    p.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    docs, errors, _ = read([p], max_doc_chars=20_000)
    assert errors == []
    crlf = text.replace("\n", "\r\n")
    assert "".join(d.text for d in docs) == crlf  # chunks are exact consecutive slices
    assert all(len(d.text) <= 20_000 for d in docs)
    assert all(d.text.endswith("\r\n\r\n") for d in docs[:-1])  # cut at blank lines
    offs = [d.meta["char_offset"] for d in docs]
    assert offs == [sum(len(x.text) for x in docs[:i]) for i in range(len(docs))]
    assert docs[1].meta["line"] == 1 + docs[0].text.count("\n")
    assert len({d.id for d in docs}) == len(docs)


MEMORY_PROBE = r"""
import resource, sys
from kg.ingest import read_paths
n = chars = 0
for d in read_paths([sys.argv[1]]):
    n += 1
    chars += len(d.text)
print(n, chars, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def test_50mb_text_file_bounded_memory(tmp_path):
    """A 50 MB file is streamed: the reader's peak RSS grows far less than the file."""
    para = ("بحث وزير الخارجية الأردني مع نظيره المصري سبل تعزيز التعاون الاقتصادي بين البلدين. " * 6).strip()
    block = ((para + "\n\n") * 200).encode("utf-8")
    big = tmp_path / "big.txt"
    size = 50 * 1024 * 1024
    with open(big, "wb") as f:
        written = 0
        while written < size:
            f.write(block)
            written += len(block)
    small = tmp_path / "small.txt"
    small.write_text(ARTICLE, encoding="utf-8")

    def probe(path):
        out = subprocess.run([sys.executable, "-c", MEMORY_PROBE, str(path)], capture_output=True, text=True,
                             timeout=300, cwd=str(ROOT))
        assert out.returncode == 0, out.stderr
        n, chars, rss_kib = map(int, out.stdout.split())
        return n, chars, rss_kib * 1024

    n_small, _, rss_small = probe(small)
    n_big, chars_big, rss_big = probe(big)
    assert n_small == 1
    assert n_big > 100  # cut into many documents
    assert chars_big == len(big.read_bytes().decode("utf-8"))  # nothing lost
    growth = rss_big - rss_small
    # reading the whole file would take 50 MB of bytes plus ~60 MB of decoded text
    assert growth < 40 * 1024 * 1024, f"peak RSS grew by {growth / 2**20:.1f} MiB for a 50 MiB file"


# --- JSON Lines ------------------------------------------------------------------------------


def _jsonl(tmp_path, lines, name="corpus.jsonl"):
    p = tmp_path / name
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


def test_jsonl_records(tmp_path):
    p = _jsonl(tmp_path, [
        json.dumps({"id": "a-1", "text": ARTICLE, "title": "عنوان", "date": "23/03/2017", "source": "Jawhara FM",
                    "url": "http://example.org/1", "category": "world"}, ensure_ascii=False),
        "",
        json.dumps({"text": ARTICLE.replace("الأردني", "اللبناني"), "date": "Fri, 01 Jun 2018 02:10:39 +0400"},
                   ensure_ascii=False),
        json.dumps({"id": 42, "text": "نص قصير عن الاقتصاد والسياسة في البلاد.", "date": "قبل أيام"}, ensure_ascii=False),
    ])
    docs, errors, warnings = read([p], source="default source")
    assert errors == []
    a, b, c = docs
    assert (a.id, a.title, a.date, a.source, a.url) == ("a-1", "عنوان", "2017-03-23", "Jawhara FM", "http://example.org/1")
    assert a.meta == {"category": "world"}
    assert a.path == f"{p}:1" and a.text == ARTICLE
    assert b.id == stable_id(b.text) and b.date == "2018-06-01" and b.source == "default source"
    assert b.path == f"{p}:3"
    assert c.id == "42" and c.date is None and c.meta["date_raw"] == "قبل أيام"
    assert any("قبل أيام" in w and f"{p}:4" in w for w in warnings)


def test_jsonl_corrupt_line(tmp_path):
    good = json.dumps({"id": "x1", "text": ARTICLE}, ensure_ascii=False)
    good2 = json.dumps({"id": "x3", "text": ARTICLE}, ensure_ascii=False)
    p = _jsonl(tmp_path, [good, '{"id": "x2", "text": "مقطوع', good2, '["not", "an", "object"]', '{"id": "x5"}'])
    docs, errors, _ = read([p])
    assert [d.id for d in docs] == ["x1", "x3"]  # the other records are still processed
    assert [str(e).split(": ", 1)[0] for e in errors] == [f"{p}:2", f"{p}:4", f"{p}:5"]
    assert "invalid JSON" in str(errors[0]) and errors[0].line == 2 and errors[0].path == str(p)
    assert "expected a JSON object" in str(errors[1])
    assert 'no "text"' in str(errors[2])
    with pytest.raises(IngestError) as exc:
        list(read_paths([p], strict=True))
    assert exc.value.line == 2 and str(exc.value).startswith(f"{p}:2: invalid JSON")


def test_jsonl_not_utf8_line_and_binary(tmp_path):
    p = tmp_path / "mixed.jsonl"
    p.write_bytes(json.dumps({"id": "ok", "text": ARTICLE}, ensure_ascii=False).encode() + b"\n"
                  + '{"id": "bad", "text": "وزير"}'.encode("cp1256") + b"\n")
    docs, errors, _ = read([p])
    assert [d.id for d in docs] == ["ok"]
    assert str(errors[0]).startswith(f"{p}:2: not valid UTF-8")
    b = tmp_path / "bin.jsonl"
    b.write_bytes(b"\x00\x01\x02" * 100)
    docs, errors, _ = read([b])
    assert docs == [] and str(errors[0]) == f"{b}: binary file (it contains NUL bytes), not JSON Lines"


# --- HTML ----------------------------------------------------------------------------------


def test_html_article():
    (d,), errors, _ = read([DATA / "article.html"])
    assert errors == []
    assert d.title == "الأردن ومصر يبحثان تعزيز التعاون الاقتصادي"
    assert d.date == "2023-03-23"
    assert d.source == "موقع الأخبار التجريبي"
    assert d.url == "https://news.example.org/ar/2023/03/23/jordan-egypt"
    assert d.path == str(DATA / "article.html")
    assert "<" not in d.text and "tracking" not in d.text and "لا يجب أن يظهر" not in d.text  # scripts dropped
    assert "سياسة الخصوصية" not in d.text and "عنوان جانبي" not in d.text  # navigation and asides dropped
    body = "\n".join(d.text[s:e] for s, e in d.body_ranges())
    assert body.startswith("بحث وزير الخارجية الأردني أيمن الصفدي")
    assert body.endswith("خلال الأسبوع الجاري.")
    s, e = d.title_span
    assert d.text[s:e] == d.title  # offsets point into the extracted text


def test_html_without_article():
    p = DATA / "no-article.html"
    docs, errors, _ = read([p])
    assert docs == [] and len(errors) == 1
    assert str(errors[0]).startswith(f"{p}: no article text found")


def test_html_in_cp1256_with_meta_charset(tmp_path):
    html = (DATA / "article.html").read_text(encoding="utf-8").replace('<meta charset="utf-8">',
                                                                       '<meta charset="windows-1256">')
    p = tmp_path / "page.htm"
    p.write_bytes(html.encode("cp1256", errors="replace"))
    (d,), errors, _ = read([p])
    assert errors == [] and d.title == "الأردن ومصر يبحثان تعزيز التعاون الاقتصادي"


# --- directories and stdin -------------------------------------------------------------------


def test_directory_recursive_sorted(tmp_path):
    root = tmp_path / "corpus"
    (root / "b").mkdir(parents=True)
    (root / "a").mkdir()
    (root / ".git").mkdir()
    (root / "b" / "2.txt").write_text(ARTICLE.replace("الأردني", "السوري"), encoding="utf-8")
    (root / "a" / "1.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "0.jsonl").write_text(json.dumps({"id": "j", "text": ARTICLE}, ensure_ascii=False) + "\n", encoding="utf-8")
    (root / ".hidden.txt").write_text(ARTICLE, encoding="utf-8")
    (root / ".git" / "x.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "notes.docx").write_bytes(b"PK\x03\x04")
    docs, errors, warnings = read([root])
    assert errors == []
    assert [Path(d.path.rsplit(":", 1)[0] if d.path.endswith(":1") else d.path).relative_to(root).as_posix()
            for d in docs] == ["0.jsonl", "a/1.txt", "b/2.txt"]
    assert len(warnings) == 1 and "notes.docx" in warnings[0] and "unknown extension" in warnings[0]
    again, _, _ = read([root])
    assert [d.id for d in again] == [d.id for d in docs]


def test_stdin_text_and_jsonl():
    (d,), errors, _ = read(["-"], stdin=io.BytesIO(ARTICLE.encode("utf-8")))
    assert errors == [] and d.text == ARTICLE and d.path == "<stdin>"
    rec = json.dumps({"id": "s1", "text": ARTICLE}, ensure_ascii=False).encode("utf-8")
    docs, errors, _ = read(["-"], stdin=io.BytesIO(rec + b"\n" + rec.replace(b"s1", b"s2") + b"\n"))
    assert [x.id for x in docs] == ["s1", "s2"] and docs[0].path == "<stdin>:1"
    # forced format: a JSON-looking line read as text
    (t,), _, _ = read(["-"], stdin=io.BytesIO(rec), stdin_format="text")
    assert t.text.startswith('{"id"')
    docs, errors, _ = read(["-"], stdin=io.BytesIO(b""))
    assert docs == [] and str(errors[0]) == "<stdin>: empty file"


def test_unknown_extension_named_explicitly_is_sniffed(tmp_path):
    p = tmp_path / "article"
    p.write_text(ARTICLE, encoding="utf-8")
    q = tmp_path / "records.dat"
    q.write_text(json.dumps({"id": "r", "text": ARTICLE}, ensure_ascii=False) + "\n", encoding="utf-8")
    docs, errors, _ = read([p, q])
    assert errors == [] and [d.id for d in docs] == [stable_id(ARTICLE), "r"]


def test_saved_web_page_named_txt_is_read_as_html(tmp_path):
    p = tmp_path / "saved.txt"
    p.write_bytes((DATA / "article.html").read_bytes())
    (d,), errors, _ = read([p])
    assert errors == [] and d.title == "الأردن ومصر يبحثان تعزيز التعاون الاقتصادي" and "<" not in d.text


def test_html_declared_latin1_but_utf8(tmp_path):
    html = (DATA / "article.html").read_text(encoding="utf-8").replace('<meta charset="utf-8">',
                                                                       '<meta charset="iso-8859-1">')
    p = tmp_path / "page.html"
    p.write_text(html, encoding="utf-8")
    (d,), errors, _ = read([p])
    assert errors == [] and d.title == "الأردن ومصر يبحثان تعزيز التعاون الاقتصادي"


def test_utf8_with_a_stray_byte_is_read_with_a_warning(tmp_path):
    line = "سطر عربي قصير للاختبار فقط.\n"
    p = tmp_path / "stray.txt"
    p.write_bytes((line * 50).encode() + b"\xff bad\n" + (line * 50).encode())
    (d,), errors, warnings = read([p])
    assert errors == [] and d.text.count("\ufffd") == 1
    assert warnings == [f"{p}:51: 1 invalid UTF-8 byte sequence(s) replaced by U+FFFD"]
    mixed = tmp_path / "mixed.txt"  # half UTF-8, half cp1256: not a stray byte
    mixed.write_bytes((line * 50).encode() + (line * 50).encode("cp1256"))
    docs, errors, _ = read([mixed])
    assert docs == [] and str(errors[0]).startswith(f"{mixed}")


def test_stray_byte_in_a_streamed_file_names_its_line(tmp_path):
    line = "سطر عربي طويل نسبياً للاختبار فقط.\n".encode()
    p = tmp_path / "big-stray.txt"
    n = WHOLE_LIMIT // len(line) + 1000
    with open(p, "wb") as f:
        f.write(line * (n - 500) + b"\xfe\n" + line * 500)
    docs, errors, warnings = read([p])
    assert errors == [] and len(docs) > 1
    assert warnings == [f"{p}:{n - 499}: 1 invalid UTF-8 byte sequence(s) replaced by U+FFFD"]


def test_html_article_with_page_furniture():
    p = DATA / "article-with-furniture.html"
    (d,), errors, _ = read([p])
    assert errors == []
    assert d.title == "وزير الخارجية المغربي يستقبل نظيره الموريتاني في الرباط"
    assert d.date == "2018-06-01"  # JSON-LD datePublished in RFC 2822
    assert d.source == "صحيفة تجريبية"  # the publisher (site); the page's source line is kept apart
    assert d.meta["source_line"] == "وكالة الأنباء الرسمية"
    assert d.keywords == ["المغرب", "موريتانيا", "الساحل", "العلاقات الثنائية"]
    assert d.headlines[0] == "المغرب وموريتانيا يوقعان اتفاقية للتعاون في مجال الصيد البحري"
    body = "\n".join(d.text[s:e] for s, e in d.body_ranges())
    assert body.startswith("استقبل وزير الخارجية المغربي") and body.endswith("التحديات الأمنية في المنطقة.")
    for furniture in ["اقرأ أيضا", "المصدر", "الوسوم", "شارك", "الجزائر وتونس", "جميع الحقوق"]:
        assert furniture not in body, furniture


# --- units (what a parallel build's reading process sends to its workers) -----------------------


def test_units_give_exactly_the_documents_errors_and_warnings_of_read_paths(tmp_path):
    """read_units cuts the inputs without decoding records or pages; unit_documents (in a
    worker) then gives the same documents, errors and warnings as read_paths, in order."""
    import pickle

    from kg.ingest.readers import fill_defaults, read_units, unit_documents

    recs = [{"id": "a", "text": ARTICLE, "date": "not a date"}, {"id": "b", "text": ARTICLE + "\nوأضاف الوزير."}]
    jl = tmp_path / "c.jsonl"
    jl.write_bytes(b"\xef\xbb\xbf" + b"\n".join(json.dumps(r, ensure_ascii=False).encode() for r in recs[:1])
                   + b"\n\n{broken\n" + json.dumps(recs[1], ensure_ascii=False).encode() + b"\n")
    folder = tmp_path / "pages"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "p.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "notes.md").write_text("x", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.jsonl").write_text("\n\n", encoding="utf-8")
    paths = [str(jl), str(SEED), str(folder), str(DATA / "article.html"), str(tmp_path / "blank.jsonl"),
             str(tmp_path / "missing.txt")]
    docs, errors, warnings = read(paths, date="2023-08-16", source="وكالة", url="https://example.org/p")

    w2: list[str] = []
    units = list(read_units(paths, url="https://example.org/p", on_warning=w2.append))
    kinds = [u[0] if isinstance(u, tuple) else "error" for u in units]
    # raw JSON Lines records, whole page files, errors found while cutting; nothing decoded yet
    assert kinds == ["jsonl", "jsonl", "jsonl", "file", "error", "file", "file", "error", "error"]
    assert units[0] == ("jsonl", str(jl), 1, json.dumps(recs[0], ensure_ascii=False).encode() + b"\n")
    assert units[1][2] == 3 and units[2][2] == 4  # line numbers of the file (blank line 2 skipped)
    assert units[3] == ("file", str(SEED), "text", "https://example.org/p")
    assert units[5] == ("file", str(folder / "sub" / "p.txt"), "text", None)  # files of a folder get no url
    assert units[6] == ("file", str(DATA / "article.html"), "html", "https://example.org/p")
    units = pickle.loads(pickle.dumps(units))  # they travel to worker processes
    d2, e2 = [], []
    for u in units:
        for it in ([u] if isinstance(u, IngestError) else unit_documents(u, on_warning=w2.append)):
            if isinstance(it, IngestError):
                e2.append(str(it))
            else:
                d2.append(fill_defaults(it, "2023-08-16", "وكالة", "https://example.org/p"))
    assert [d.to_dict(with_text=True) for d in d2] == [d.to_dict(with_text=True) for d in docs]
    assert len(docs) >= 6
    assert sorted(e2) == sorted(str(e) for e in errors) and len(errors) == 4  # broken line, empty, blank, missing
    assert sorted(w2) == sorted(warnings) and any("not a date" in w for w in warnings)
