"""The offline SPARQL query page served at ``/`` (no CDN assets; results shown as text)."""

from __future__ import annotations

import json

_PAGE = """<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>SPARQL — رسم المعرفة للأخبار العربية</title>
<link rel="icon" href="data:,">
<style>
body { font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "Amiri", "Segoe UI", Tahoma, sans-serif; margin: 1.5em; color: #222; }
h1 { font-size: 1.4em; margin: 0 0 .3em; }
nav a { margin-left: 1em; }
.wrap { display: flex; gap: 1.5em; align-items: flex-start; }
.examples { width: 22em; flex: none; }
.examples button { display: block; width: 100%; text-align: right; margin: .2em 0; padding: .4em; background: #f4f6f8;
  border: 1px solid #ccd; border-radius: 4px; cursor: pointer; font: inherit; }
.examples small { color: #555; }
.main { flex: 1; min-width: 0; }
textarea { width: 100%; height: 16em; direction: ltr; font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 13px; }
table { border-collapse: collapse; margin-top: 1em; font-size: 14px; }
td, th { border: 1px solid #ccc; padding: .25em .5em; vertical-align: top; unicode-bidi: plaintext; }
th { background: #eef; }
#status { margin: .5em 0; color: #444; }
#status.error { color: #b00; white-space: pre-wrap; direction: ltr; text-align: left; }
</style>
</head>
<body>
<h1>استعلامات SPARQL</h1>
<nav><a href="/views/actor">شبكة الفاعلين</a><a href="/views/event">شبكة الأحداث</a><a href="/api/queries">الاستعلامات (JSON)</a></nav>
<p>نقطة النهاية: <code dir="ltr">/sparql</code> (SPARQL 1.1 Protocol، للقراءة فقط)</p>
<div class="wrap">
<div class="examples" id="examples"><h2>أمثلة</h2></div>
<div class="main">
<form id="f">
<textarea id="q" name="query" spellcheck="false"></textarea><br>
<label>الصيغة <select id="fmt"><option value="application/sparql-results+json">جدول</option>
<option value="text/csv">CSV</option><option value="text/turtle">Turtle (CONSTRUCT)</option></select></label>
<button type="submit">تنفيذ</button>
</form>
<div id="status"></div>
<div id="out"></div>
</div></div>
<script type="application/json" id="named">__NAMED__</script>
<script>
(function () {
  "use strict";
  var named = JSON.parse(document.getElementById("named").textContent);
  var q = document.getElementById("q"), out = document.getElementById("out"), status = document.getElementById("status");
  var box = document.getElementById("examples");
  named.forEach(function (nq, i) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = nq.title;
    var s = document.createElement("small");
    s.textContent = " — " + nq.name;
    b.appendChild(s);
    b.title = nq.description;
    b.addEventListener("click", function () { q.value = nq.sparql; });
    box.appendChild(b);
    if (i === 0) { q.value = nq.sparql; }
  });
  function cell(v) {
    var td = document.createElement("td");
    td.textContent = v === undefined ? "" : v.value;
    if (v && v.type === "uri") { td.dir = "ltr"; }
    return td;
  }
  document.getElementById("f").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var accept = document.getElementById("fmt").value;
    status.className = ""; status.textContent = "…"; out.textContent = "";
    var t0 = performance.now();
    fetch("/sparql", { method: "POST", headers: { "Content-Type": "application/sparql-query", "Accept": accept },
                       body: q.value })
      .then(function (r) { return r.text().then(function (t) { return [r, t]; }); })
      .then(function (rt) {
        var r = rt[0], t = rt[1];
        if (!r.ok) { status.className = "error"; status.textContent = r.status + " " + t; return; }
        var ms = Math.round(performance.now() - t0);
        var ct = r.headers.get("content-type") || "";
        if (ct.indexOf("sparql-results+json") >= 0) {
          var data = JSON.parse(t);
          if (data.boolean !== undefined) { status.textContent = String(data.boolean) + " (" + ms + " ms)"; return; }
          var vars = data.head.vars, rows = data.results.bindings;
          status.textContent = rows.length + " صف (" + ms + " ms)";
          var table = document.createElement("table"), tr = document.createElement("tr");
          vars.forEach(function (v) { var th = document.createElement("th"); th.textContent = v; tr.appendChild(th); });
          table.appendChild(tr);
          rows.forEach(function (row) {
            var tr2 = document.createElement("tr");
            vars.forEach(function (v) { tr2.appendChild(cell(row[v])); });
            table.appendChild(tr2);
          });
          out.appendChild(table);
        } else {
          status.textContent = ms + " ms";
          var pre = document.createElement("pre"); pre.dir = "ltr"; pre.textContent = t; out.appendChild(pre);
        }
      })
      .catch(function (e) { status.className = "error"; status.textContent = String(e); });
  });
})();
</script>
</body>
</html>
"""


def _json_for_script(value) -> str:
    """JSON that is safe inside a <script> element (no </script>, <!--, or line separators)."""
    s = json.dumps(value, ensure_ascii=False)
    return (s.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def render_query_page(named) -> str:
    data = [{"name": q.name, "title": q.title, "description": q.description, "sparql": q.example_sparql()}
            for q in named]
    return _PAGE.replace("__NAMED__", _json_for_script(data))


__all__ = ["render_query_page"]
