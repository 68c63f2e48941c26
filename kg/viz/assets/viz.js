/* kg.viz page script.
 *
 * Reads the graph from <script type="application/json" id="kg-data"> and the interface
 * strings from #kg-ui, draws them with vis-network, and wires search, filters, the
 * neighbourhood view and the details panel.
 *
 * Safety rule: every string from the data is untrusted.  It reaches the screen only via
 * textContent (or vis-network's canvas labels); no innerHTML, no vis "title" HTML, links
 * only for http(s) URLs, set via element.href after validation, rel=noopener.
 */
(function () {
  "use strict";

  var T0 = performance.now();
  var $ = function (id) { return document.getElementById(id); };
  var DATA = JSON.parse($("kg-data").textContent);
  var UI = JSON.parse($("kg-ui").textContent);
  var T = UI.text;
  var KIND = DATA.kind;
  var EVENTISH = KIND !== "actor";
  var BIG = !!DATA.big;     // large-graph mode: edges drawn by this script, labels on zoom
  var FONT = '"Noto Naskh Arabic", "Noto Sans Arabic", "Amiri", "Segoe UI", "Geeza Pro", Tahoma, "DejaVu Sans", sans-serif';

  var TYPE_STYLE = {
    PER: { color: "#3a6ea5", shape: "dot" },
    ORG: { color: "#7b4fb0", shape: "square" },
    GPE: { color: "#0f6b5c", shape: "diamond" },
    LOC: { color: "#a0693a", shape: "triangle" },
    EVENT: { color: "#e09f3e", shape: "star" },
    "": { color: "#8d99ae", shape: "dot" }
  };
  var QUAD_COLOR = { 0: "#9aa5b1", 1: "#52b788", 2: "#1b7a43", 3: "#f08c2e", 4: "#c1121f" };
  var ROLE_DASH = { source: false, target: false, topic: [4, 4], place: [2, 4] };

  // ---- Arabic normalization: the same table as kg.nlp.text.normalize (from Python) ----
  var NMAP = DATA.norm.map;
  var NDEL = new Set(Array.from(DATA.norm.del));
  function normalize(s) {
    var out = "";
    for (var ch of String(s)) {
      if (NDEL.has(ch)) continue;
      var m = NMAP[ch];
      out += (m !== undefined) ? m : ch;
    }
    return out.toLowerCase();
  }

  // ---- small DOM helpers (text only) ----
  function el(tag, cls, txt) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (txt !== undefined && txt !== null && txt !== "") e.textContent = String(txt);
    return e;
  }
  function fmt(s) {
    var args = Array.prototype.slice.call(arguments, 1);
    // one pass, so that a substituted value containing "%1" or "%d" stays as it is
    return String(s).replace(/%(\d|d)/g, function (_, i) { return String(args[i === "d" ? 0 : +i - 1]); });
  }
  function safeUrl(u) {
    if (!u || typeof u !== "string") return "";
    try {
      var x = new URL(u);
      return (x.protocol === "http:" || x.protocol === "https:") ? x.href : "";
    } catch (e) { return ""; }
  }
  // a date after Arabic text would be drawn right-to-left ("14-07-2022"): an LRM before it
  // keeps its digits and hyphens in order, in the DOM and on the canvas alike
  function ltr(s) { return s ? "\u200E" + s : ""; }
  function num(n) { return Number(n).toLocaleString("ar-EG-u-nu-latn"); }
  function typeName(t) { return (UI.types[t] || UI.types[""]).ar; }
  function catName(c) {
    var p = UI.plover[c];
    return p ? (state.english ? p.en : p.ar) : c;
  }
  function quadName(q) { return (UI.quad[String(q)] || UI.quad["0"]).ar; }

  function table(t) {   // {"f": keys, "r": rows} -> array of objects (nulls left out)
    var f = t.f, rows = t.r, out = new Array(rows.length);
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i], o = {};
      for (var j = 0; j < f.length; j++) if (r[j] !== null) o[f[j]] = r[j];
      out[i] = o;
    }
    return out;
  }
  var nodesById = table(DATA.nodes);    // id == index
  var edgeRecs = table(DATA.edges);
  var docs = DATA.docs;
  var N = nodesById.length;
  var adj = new Array(N);                // node id -> edge ids
  for (var i = 0; i < N; i++) adj[i] = [];
  edgeRecs.forEach(function (e) { adj[e.from].push(e.id); if (e.to !== e.from) adj[e.to].push(e.id); });

  // Actors without any event edge are hidden by default (a checkbox in the filters shows
  // them): in a corpus build they are most of the nodes, and the initial fit on them
  // shrank the connected part to unreadable dots.  Not when the graph has no edge at all.
  var ISOLATED = new Set();
  if (edgeRecs.length) nodesById.forEach(function (n) { if (n.type !== "EVENT" && !adj[n.id].length) ISOLATED.add(n.id); });

  // a document's page lists every entity the article names; the corpus views hide the actors in no event
  var state = { english: false, isolated: ISOLATED.size === 0 || KIND === "document", types: {}, cats: {}, country: "", from: "", to: "", ego: null, selected: null };

  // ---- node and edge appearance ----
  function clip(s, n) { s = String(s).replace(/\s+/g, " "); return s.length > n ? s.slice(0, n - 1) + "…" : s; }
  function nodeLabel(n) {   // canvas label: one line, clipped (the panel shows the full text)
    var l = clip((state.english && n.label_en) ? n.label_en : n.label, 48);
    if (n.type === "EVENT") {
      var c = n.cat ? catName(n.cat) : "";
      l = l + (c && c !== l ? "\n" + c : "") + (n.date ? "\n" + n.date : "");
    }
    return l;
  }
  function nodeSize(n) {
    if (n.type === "EVENT") return 11;
    var w = n.mentions > 0 ? n.mentions : adj[n.id].length;
    return Math.max(9, Math.min(42, 8 + 4.2 * Math.sqrt(w)));
  }
  function nodeGroup(n) { return n.type === "EVENT" ? "EVENT" + (n.quad || 0) : (TYPE_STYLE[n.type] ? n.type : "UNK"); }
  function shade(hex) {
    var v = parseInt(hex.slice(1), 16);
    var r = Math.max(0, (v >> 16) - 40), g = Math.max(0, ((v >> 8) & 255) - 40), b = Math.max(0, (v & 255) - 40);
    return "rgb(" + r + "," + g + "," + b + ")";
  }
  function groupStyle(shape, c) {
    return { shape: shape, color: { background: c, border: shade(c), highlight: { background: c, border: "#111" }, hover: { background: c, border: "#111" } } };
  }
  var groups = {};
  ["PER", "ORG", "GPE", "LOC"].forEach(function (t) { groups[t] = groupStyle(TYPE_STYLE[t].shape, TYPE_STYLE[t].color); });
  groups.UNK = groupStyle(TYPE_STYLE[""].shape, TYPE_STYLE[""].color);
  [0, 1, 2, 3, 4].forEach(function (q) { groups["EVENT" + q] = groupStyle("star", QUAD_COLOR[q]); });
  function edgeLabel(e) {
    if (BIG || e.role !== undefined) return undefined;
    var parts = [];
    if (e.cat) parts.push(catName(e.cat));
    if (e.date) parts.push(ltr(e.date));
    return parts.join(" · ") || undefined;
  }
  function edgeQuad(e) {
    if (e.role !== undefined) {
      var ev = nodesById[e.from].type === "EVENT" ? nodesById[e.from] : nodesById[e.to];
      return ev.quad || 0;
    }
    return e.quad || 0;
  }

  var pairCount = {};
  var visNodes = nodesById.map(function (n) {
    var g = groups[nodeGroup(n)];   // explicit shape/colour: cheaper for vis-network than group merging
    var v = { id: n.id, shape: g.shape, color: g.color, size: nodeSize(n) };
    if (!BIG) v.label = nodeLabel(n);   // big graphs: labels are added when zoomed in (see lazyLabels)
    if (n.x !== undefined) { v.x = n.x; v.y = n.y; }
    return v;
  });
  var visEdges = edgeRecs.map(function (e) {
    if (BIG) return { id: e.id, from: e.from, to: e.to };   // drawn by drawBigEdges, not by vis-network
    var v = { id: e.id, from: e.from, to: e.to, color: QUAD_COLOR[edgeQuad(e)] };
    var lab = edgeLabel(e);
    if (lab) v.label = lab;
    if (e.role !== undefined) {
      v.dashes = ROLE_DASH[e.role] || false;
      v.width = 1.2;
    }
    if (!BIG) {   // parallel edges between the same two nodes: fan them out
      var key = e.from < e.to ? e.from + ":" + e.to : e.to + ":" + e.from;
      var k = pairCount[key] = (pairCount[key] || 0) + 1;
      if (k > 1) v.smooth = { enabled: true, type: (k % 2 ? "curvedCW" : "curvedCCW"), roundness: 0.18 * Math.ceil((k - 1) / 2) + 0.05 };
    }
    return v;
  });

  var T1 = performance.now();
  var nodes = new vis.DataSet(visNodes);
  var edges = new vis.DataSet(visEdges);
  // the nodes the filters' start state lets through (typeOK: isolated actors per state.isolated); null: all
  var visibleNodes = new Set();
  nodesById.forEach(function (n) { if (typeOK(n)) visibleNodes.add(n.id); });
  if (visibleNodes.size === N) visibleNodes = null;
  var visibleEdges = null;
  var nodesView = new vis.DataView(nodes, { filter: function (n) { return visibleNodes === null || visibleNodes.has(n.id); } });
  var edgesView = new vis.DataView(edges, { filter: function (e) { return visibleEdges === null || visibleEdges.has(e.id); } });

  var options = {
    autoResize: true,
    nodes: {
      font: { face: FONT, size: BIG ? 14 : 18, color: "#1d2433", strokeWidth: 4, strokeColor: "rgba(255,255,255,0.92)" },
      borderWidth: 1.5, borderWidthSelected: 3,
      // maxVisible: a label enlarged by boostLabels stays at most this big on screen when zoomed in
      scaling: { label: { drawThreshold: 7, maxVisible: 30 } }
    },
    edges: {
      arrows: { to: { enabled: !BIG, scaleFactor: 0.55 } },   // arrowheads triple the drawing time of big graphs
      color: { opacity: BIG ? 0.5 : 0.9 }, width: BIG ? 0.8 : 2,
      smooth: BIG ? false : { enabled: true, type: "continuous", roundness: 0.2 },
      font: { face: FONT, size: 13, color: "#4a5468", strokeWidth: 4, strokeColor: "#ffffff", align: "horizontal" },
      selectionWidth: 2, hoverWidth: 0.6,
      scaling: { label: { drawThreshold: 7 } }
    },
    physics: { enabled: false },   // positions come from Python (kg.viz.layout)
    layout: { improvedLayout: false, randomSeed: 7 },
    interaction: { hover: true, tooltipDelay: 150, multiselect: false, navigationButtons: false }
  };

  var T2 = performance.now();
  var container = $("kg-graph");
  // Big graphs: vis-network's per-edge objects are most of its start-up time and of each
  // frame, so it gets no edges; drawBigEdges strokes them in one path per colour before
  // vis draws the nodes, and clicks near an edge are resolved by nearestEdge.
  var network = new vis.Network(container, { nodes: nodesView, edges: BIG ? new vis.DataSet([]) : edgesView }, options);

  var kgView = window.kgView = {
    network: network, nodes: nodes, edges: edges, nodesView: nodesView, edgesView: edgesView,
    normalize: normalize, ready: false, timing: { script: T0, data: T1, datasets: T2, network: performance.now() }, state: state
  };

  var edgesByQuad = [[], [], [], [], []];
  if (BIG) edgeRecs.forEach(function (e) { edgesByQuad[edgeQuad(e)].push(e); });
  function drawBigEdges(ctx) {
    var bn = network.body.nodes, scale = network.getScale();
    ctx.save();
    ctx.globalAlpha = 0.45;
    ctx.lineWidth = Math.max(0.8, 0.6 / scale);
    for (var q = 0; q < 5; q++) {
      var list = edgesByQuad[q];
      if (!list.length) continue;
      ctx.beginPath();
      for (var i = 0; i < list.length; i++) {
        var e = list[i];
        if (visibleEdges !== null && !visibleEdges.has(e.id)) continue;
        var a = bn[e.from], b = bn[e.to];
        if (!a || !b) continue;
        ctx.moveTo(a.x, a.y);
        ctx.lineTo(b.x, b.y);
      }
      ctx.strokeStyle = QUAD_COLOR[q];
      ctx.stroke();
    }
    var sel = state.selected;
    if (sel !== null && bn[sel]) {   // the selected node's edges, on top and opaque
      ctx.globalAlpha = 1;
      ctx.lineWidth = Math.max(2, 2 / scale);
      adj[sel].forEach(function (eid) {
        var e = edgeRecs[eid], a = bn[e.from], b = bn[e.to];
        if (!a || !b || (visibleEdges !== null && !visibleEdges.has(eid))) return;
        var c = QUAD_COLOR[edgeQuad(e)];
        ctx.beginPath(); ctx.moveTo(a.x, a.y); ctx.lineTo(b.x, b.y);
        ctx.strokeStyle = c; ctx.stroke();
        // an arrowhead at the target's rim shows the direction
        var dx = b.x - a.x, dy = b.y - a.y, len = Math.sqrt(dx * dx + dy * dy);
        if (len < 1) return;
        var ux = dx / len, uy = dy / len, r = (b.options && b.options.size) || 10, h = Math.max(8, 8 / scale);
        var tx = b.x - ux * r, ty = b.y - uy * r;
        ctx.beginPath();
        ctx.moveTo(tx, ty);
        ctx.lineTo(tx - ux * h - uy * h * 0.5, ty - uy * h + ux * h * 0.5);
        ctx.lineTo(tx - ux * h + uy * h * 0.5, ty - uy * h - ux * h * 0.5);
        ctx.closePath();
        ctx.fillStyle = c; ctx.fill();
      });
    }
    ctx.restore();
  }
  function nearestEdge(pt, tolerance) {   // canvas coordinates; the closest visible edge within tolerance
    var bn = network.body.nodes, best = null, bestD = tolerance * tolerance;
    for (var i = 0; i < edgeRecs.length; i++) {
      var e = edgeRecs[i];
      if (visibleEdges !== null && !visibleEdges.has(e.id)) continue;
      var a = bn[e.from], b = bn[e.to];
      if (!a || !b) continue;
      var dx = b.x - a.x, dy = b.y - a.y, len = dx * dx + dy * dy;
      var t = len ? Math.max(0, Math.min(1, ((pt.x - a.x) * dx + (pt.y - a.y) * dy) / len)) : 0;
      var ex = a.x + t * dx - pt.x, ey = a.y + t * dy - pt.y, d = ex * ex + ey * ey;
      if (d < bestD) { bestD = d; best = e.id; }
    }
    return best;
  }
  if (BIG) network.on("beforeDrawing", drawBigEdges);

  // ---- the main actors' names readable at every fit ----
  // After a fit, the BOOST_K most connected visible nodes (actors first, then events) get
  // a font large enough (in canvas units) to be READ_PX on screen at the current scale;
  // options.nodes.scaling.label.maxVisible keeps them from growing past 30 px when zoomed in.
  var BOOST_K = 15, READ_PX = 14, BASE_FONT = BIG ? 14 : 18;
  var boosted = new Set();
  function importance(n) { return (n.type === "EVENT" ? 0 : 1e6) + adj[n.id].length * 1000 + Math.min(999, n.mentions || 0); }
  // the connected nodes, most important first (ties by id): ranked once, filtered at each fit
  var ranked = [];
  for (var ri = 0; ri < N; ri++) if (adj[ri].length) ranked.push(ri);
  ranked.sort(function (a, b) { return importance(nodesById[b]) - importance(nodesById[a]) || a - b; });
  function boostLabels() {
    var scale = network.getScale(), size = Math.min(BASE_FONT * 40, READ_PX / scale);
    var upd = [];
    boosted.forEach(function (id) { upd.push({ id: id, font: { size: BASE_FONT } }); });
    boosted = new Set();
    if (size > BASE_FONT) {
      var picks = [];
      for (var i = 0; i < ranked.length && picks.length < BOOST_K; i++) {
        if (visibleNodes === null || visibleNodes.has(ranked[i])) picks.push(ranked[i]);
      }
      picks.forEach(function (id) {
        boosted.add(id);
        var u = { id: id, font: { size: size } };
        if (BIG && !labelled.has(id)) { labelled.add(id); u.label = nodeLabel(nodesById[id]); }
        upd.push(u);
      });
    }
    var byId = {};
    upd.forEach(function (u) { byId[u.id] = Object.assign(byId[u.id] || {}, u); });
    nodes.update(Object.keys(byId).map(function (k) { return byId[k]; }));
    kgView.boosted = boosted;
  }
  function afterFit() {   // the view was just fitted to the nodes: room for the outer labels, main names readable
    if (!BIG && N > 1) network.moveTo({ scale: network.getScale() * 0.9 });
    boostLabels();
  }
  function fitAll(ids) {
    network.fit(ids ? { nodes: ids, animation: false } : { animation: false });
    afterFit();
    scheduleLabels();
  }

  function markReady() {   // vis-network's own first fit has been drawn
    if (kgView.ready) return;
    afterFit();
    kgView.ready = true;
    kgView.timing.ready = performance.now();
    if (DATA.focus && DATA.focus.length) {
      network.selectNodes(DATA.focus.slice(0, 1));
      showNode(DATA.focus[0]);
    }
  }
  network.once("afterDrawing", function () { kgView.timing.firstDraw = performance.now(); markReady(); });

  // ---- big graphs: labels only where they can be read ----
  // Measuring 10,000 labels costs a quarter of vis-network's start-up, and at the scale
  // that shows the whole graph none of them is drawn anyway.  So a big graph starts
  // without labels; whenever the view settles at a scale where labels are legible, the
  // nodes in view (up to LABEL_BATCH, largest first) get theirs.
  var labelled = new Set();
  var LABEL_BATCH = 1500;
  function lazyLabels() {
    if (!BIG) return;
    var scale = network.getScale();
    if (scale * 14 < 7) return;   // below vis-network's label drawThreshold
    var r = container.getBoundingClientRect();
    var a = network.DOMtoCanvas({ x: 0, y: 0 }), b = network.DOMtoCanvas({ x: r.width, y: r.height });
    var todo = [];
    for (var i = 0; i < N; i++) {
      var n = nodesById[i];
      if (labelled.has(i) || n.x < a.x || n.x > b.x || n.y < a.y || n.y > b.y) continue;
      todo.push(i);
    }
    if (!todo.length) return;
    todo.sort(function (p, q) { return nodeSize(nodesById[q]) - nodeSize(nodesById[p]); });
    todo = todo.slice(0, LABEL_BATCH);
    todo.forEach(function (i) { labelled.add(i); });
    nodes.update(todo.map(function (i) { return { id: i, label: nodeLabel(nodesById[i]) }; }));
  }
  var lazyTimer = null;
  function scheduleLabels() { if (BIG) { clearTimeout(lazyTimer); lazyTimer = setTimeout(lazyLabels, 120); } }
  network.on("zoom", scheduleLabels);
  network.on("dragEnd", scheduleLabels);
  network.on("animationFinished", scheduleLabels);
  kgView.labelled = labelled;

  // ---- header ----
  $("kg-title").textContent = DATA.title;
  document.title = DATA.title;
  function updateStats() {
    $("kg-stats").textContent = num(nodesView.length) + " " + T.nodes + " · " + num(edgesView.length) + " " + T.edges;
  }
  var notes = [];
  if (DATA.capped) notes.push(fmt(T.capped, num(N), num(DATA.total_nodes)));
  if (DATA.focus_name) notes.push(fmt(T.focused, DATA.focus_name, DATA.depth));
  if (BIG) notes.push(T.layout_big);
  if (ISOLATED.size && !state.isolated) notes.push(fmt(T.isolated_hidden, num(ISOLATED.size)));
  if (N === 0) notes.push(T.empty);
  if (notes.length) { $("kg-notice").textContent = notes.join(" — "); $("kg-notice").hidden = false; }

  // ---- filters ----
  function countBy(list, f) {
    var m = new Map();
    list.forEach(function (x) { var k = f(x); if (k === null || k === undefined) return; m.set(k, (m.get(k) || 0) + 1); });
    return m;
  }
  var typeCounts = countBy(nodesById, function (n) { return n.type; });
  var catSource = EVENTISH ? nodesById.filter(function (n) { return n.type === "EVENT"; }) : edgeRecs.filter(function (e) { return e.role === undefined; });
  var catCounts = countBy(catSource, function (r) { return r.cat || ""; });
  var countryCounts = countBy(nodesById, function (n) { return n.type !== "EVENT" && n.country ? n.country : null; });
  var countryName = {};
  nodesById.forEach(function (n) { if (n.type === "GPE" && n.country && !countryName[n.country]) countryName[n.country] = n.label; });
  var dates = [];
  catSource.forEach(function (r) { if (r.date) dates.push(r.date.slice(0, 10)); });
  dates.sort();

  function checkboxGroup(title, entries, store, onChange, swatch) {
    var g = el("div", "kg-group");
    g.appendChild(el("div", "kg-gtitle", title));
    var box = el("div", "kg-checks");
    entries.forEach(function (en) {
      var lab = el("label");
      var cb = el("input");
      cb.type = "checkbox"; cb.checked = true; cb.value = en.key;
      cb.dataset.filter = title;
      store[en.key] = true;
      cb.addEventListener("change", function () { store[en.key] = cb.checked; onChange(); });
      lab.appendChild(cb);
      if (swatch) lab.appendChild(swatch(en.key));
      lab.appendChild(el("span", "kg-iso", en.label));
      lab.appendChild(el("span", "kg-sub", num(en.count)));
      box.appendChild(lab);
    });
    g.appendChild(box);
    return g;
  }
  function typeSwatch(t) {
    var st = TYPE_STYLE[t] || TYPE_STYLE[""];
    var s = el("span", "kg-sw " + st.shape, st.shape === "star" ? "★" : "");
    s.style.setProperty("--c", st.color);
    if (st.shape !== "triangle" && st.shape !== "star") s.style.background = st.color;
    return s;
  }
  function quadSwatch(q) {
    var s = el("span", "kg-sw line");
    s.style.background = QUAD_COLOR[q];
    return s;
  }
  var catQuad = {};   // category -> its QuadClass (the first record that has one)
  catSource.forEach(function (r) { if (r.cat && r.quad && !catQuad[r.cat]) catQuad[r.cat] = r.quad; });
  function quadOfCat(c) { return catQuad[c] || 0; }

  var fb = $("kg-filter-body");
  $("kg-filters-title").textContent = T.filters;
  var typeOrder = ["PER", "ORG", "GPE", "LOC", "EVENT", ""];
  var isoCb = null;
  if (ISOLATED.size) {
    var irow = el("div", "kg-group kg-isolated-row");
    var ilab = el("label");
    isoCb = el("input"); isoCb.type = "checkbox"; isoCb.id = "kg-isolated"; isoCb.checked = state.isolated;
    isoCb.addEventListener("change", function () { state.isolated = isoCb.checked; applyFilters(); fitAll(); });
    ilab.appendChild(isoCb); ilab.appendChild(el("span", null, " " + fmt(T.show_isolated, num(ISOLATED.size))));
    irow.appendChild(ilab);
    fb.appendChild(irow);
  }
  fb.appendChild(checkboxGroup(T.types, typeOrder.filter(function (t) { return typeCounts.has(t); }).map(function (t) {
    return { key: t, label: typeName(t), count: typeCounts.get(t) };
  }), state.types, applyFilters, typeSwatch));
  var catKeys = Array.from(catCounts.keys()).sort(function (a, b) { return (quadOfCat(a) - quadOfCat(b)) || (catCounts.get(b) - catCounts.get(a)); });
  if (catKeys.length) {
    var catGroup = checkboxGroup(T.categories, catKeys.map(function (c) {
      return { key: c, label: (UI.plover[c] || { ar: c }).ar + (c ? " (" + c + ")" : ""), count: catCounts.get(c) };
    }), state.cats, applyFilters, function (c) { return quadSwatch(quadOfCat(c)); });
    catGroup.id = "kg-cat-filter";
    fb.appendChild(catGroup);
  }
  if (countryCounts.size) {
    var crow = el("div", "kg-group");
    crow.appendChild(el("div", "kg-gtitle", T.country));
    var sel = el("select"); sel.id = "kg-country";
    var o0 = el("option", null, T.all_countries); o0.value = ""; sel.appendChild(o0);
    Array.from(countryCounts.keys()).sort(function (a, b) { return countryCounts.get(b) - countryCounts.get(a) || (a < b ? -1 : 1); }).forEach(function (c) {
      var o = el("option", null, (countryName[c] ? countryName[c] + " " : "") + "(" + c + ") " + num(countryCounts.get(c)));
      o.value = c; sel.appendChild(o);
    });
    sel.addEventListener("change", function () { state.country = sel.value; applyFilters(); });
    var r = el("div", "kg-row"); r.appendChild(sel); crow.appendChild(r);
    fb.appendChild(crow);
  }
  if (dates.length) {
    var drow = el("div", "kg-group");
    drow.appendChild(el("div", "kg-gtitle", T.date_range));
    var r2 = el("div", "kg-row");
    var dFrom = el("input"); dFrom.type = "date"; dFrom.id = "kg-date-from";
    var dTo = el("input"); dTo.type = "date"; dTo.id = "kg-date-to";
    [dFrom, dTo].forEach(function (d) {
      if (/^\d{4}-\d\d-\d\d$/.test(dates[0])) d.min = dates[0];
      if (/^\d{4}-\d\d-\d\d$/.test(dates[dates.length - 1])) d.max = dates[dates.length - 1];
      d.addEventListener("change", function () { state.from = dFrom.value; state.to = dTo.value; applyFilters(); });
    });
    r2.appendChild(el("span", null, T.from)); r2.appendChild(dFrom);
    r2.appendChild(el("span", null, T.to)); r2.appendChild(dTo);
    drow.appendChild(r2);
    fb.appendChild(drow);
  }
  // English labels and neighbourhood
  var hasEn = nodesById.some(function (n) { return !!n.label_en; });
  var orow = el("div", "kg-group");
  if (hasEn) {
    var enLab = el("label");
    var enCb = el("input"); enCb.type = "checkbox"; enCb.id = "kg-english";
    enCb.addEventListener("change", function () { setEnglish(enCb.checked); });
    enLab.appendChild(enCb); enLab.appendChild(el("span", null, " " + T.english));
    var er = el("div", "kg-row"); er.appendChild(enLab); orow.appendChild(er);
  }
  orow.appendChild(el("div", "kg-gtitle", T.neighbourhood));
  var nrow = el("div", "kg-row");
  var depthSel = el("select"); depthSel.id = "kg-depth";
  [1, 2, 3, 4].forEach(function (d) { var o = el("option", null, T.depth + " " + d); o.value = String(d); depthSel.appendChild(o); });
  depthSel.value = "2";
  var egoBtn = el("button", null, T.show_neighbourhood); egoBtn.id = "kg-ego"; egoBtn.type = "button";
  var allBtn = el("button", null, T.show_all); allBtn.id = "kg-all"; allBtn.type = "button";
  egoBtn.addEventListener("click", function () { if (state.selected !== null) focusEgo(state.selected, +depthSel.value); });
  allBtn.addEventListener("click", function () { state.ego = null; applyFilters(); fitAll(); });
  nrow.appendChild(depthSel); nrow.appendChild(egoBtn); nrow.appendChild(allBtn);
  orow.appendChild(nrow);
  fb.appendChild(orow);

  function setEnglish(on) {
    state.english = !!on;
    var ids = BIG ? Array.from(labelled) : nodesById.map(function (n) { return n.id; });
    nodes.update(ids.map(function (id) { return { id: id, label: nodeLabel(nodesById[id]) }; }));
    if (!BIG) edges.update(edgeRecs.filter(function (e) { return e.role === undefined; }).map(function (e) { return { id: e.id, label: edgeLabel(e) || "" }; }));
  }

  function period(d) {    // [lo, hi] of a possibly partial ISO date
    d = (d || "").slice(0, 10);
    if (/^\d{4}$/.test(d)) return [d + "-01-01", d + "-12-31"];
    if (/^\d{4}-\d\d$/.test(d)) return [d + "-01", d + "-31"];
    return [d, d];
  }
  function dateOK(r) {
    if (!state.from && !state.to) return true;
    if (!r.date) return false;
    var p = period(r.date);
    return (!state.from || p[1] >= state.from) && (!state.to || p[0] <= state.to);
  }
  function catOK(r) { return state.cats[r.cat || ""] !== false; }
  function typeOK(n) { return state.types[n.type] !== false && (state.isolated || !ISOLATED.has(n.id)); }
  function egoOK(id) { return state.ego === null || state.ego.has(id); }

  function applyFilters() {
    var edgeFilter = !!(state.from || state.to || state.country) || Object.keys(state.cats).some(function (k) { return !state.cats[k]; });
    var vn = new Set(), ve = new Set();
    if (!EVENTISH) {
      var touched = new Set();
      edgeRecs.forEach(function (e) {
        var a = nodesById[e.from], b = nodesById[e.to];
        if (!typeOK(a) || !typeOK(b) || !egoOK(a.id) || !egoOK(b.id)) return;
        if (!catOK(e) || !dateOK(e)) return;
        if (state.country && a.country !== state.country && b.country !== state.country) return;
        ve.add(e.id); touched.add(a.id); touched.add(b.id);
      });
      nodesById.forEach(function (n) {
        if (!typeOK(n) || !egoOK(n.id)) return;
        if (touched.has(n.id) || (!edgeFilter) || (state.country && n.country === state.country && !hasOtherEdgeFilter())) vn.add(n.id);
      });
    } else {
      var evOK = new Set(), linked = new Set();
      nodesById.forEach(function (n) {
        if (n.type !== "EVENT" || !typeOK(n) || !egoOK(n.id) || !catOK(n) || !dateOK(n)) return;
        if (state.country) {
          var hit = adj[n.id].some(function (eid) { var e = edgeRecs[eid]; var o = nodesById[e.from === n.id ? e.to : e.from]; return o.country === state.country; });
          if (!hit) return;
        }
        evOK.add(n.id);
      });
      edgeRecs.forEach(function (e) {
        var a = nodesById[e.from], b = nodesById[e.to];
        var ev = a.type === "EVENT" ? a : b, ac = a.type === "EVENT" ? b : a;
        if (a.type === "EVENT" && b.type === "EVENT") { ev = a; ac = b; }
        if (!evOK.has(ev.id) || !typeOK(ac) || !egoOK(ac.id)) return;
        ve.add(e.id); linked.add(ac.id);
      });
      nodesById.forEach(function (n) {
        if (n.type === "EVENT") { if (evOK.has(n.id)) vn.add(n.id); return; }
        if (!typeOK(n) || !egoOK(n.id)) return;
        if (linked.has(n.id) || !edgeFilter || (state.country && n.country === state.country && !hasOtherEdgeFilter())) vn.add(n.id);
      });
      // an edge whose actor end was filtered out by type must go too
      ve.forEach(function (id) { var e = edgeRecs[id]; if (!vn.has(e.from) || !vn.has(e.to)) ve.delete(id); });
    }
    visibleNodes = vn.size === N ? null : vn;
    visibleEdges = ve.size === edgeRecs.length ? null : ve;
    nodesView.refresh();
    edgesView.refresh();
    if (BIG) network.redraw();
    updateStats();
  }
  function hasOtherEdgeFilter() {
    return !!(state.from || state.to) || Object.keys(state.cats).some(function (k) { return !state.cats[k]; });
  }

  function egoSet(id, depth) {
    var seen = new Set([id]), frontier = [id];
    for (var d = 0; d < depth && frontier.length; d++) {
      var next = [];
      frontier.forEach(function (v) {
        adj[v].forEach(function (eid) {
          var e = edgeRecs[eid], w = e.from === v ? e.to : e.from;
          if (!seen.has(w)) { seen.add(w); next.push(w); }
        });
      });
      frontier = next;
    }
    return seen;
  }
  function focusEgo(id, depth) {
    state.ego = egoSet(id, depth);
    applyFilters();
    fitAll(Array.from(state.ego).filter(function (x) { return visibleNodes === null || visibleNodes.has(x); }));
    network.selectNodes([id]);
  }

  // ---- legend ----
  $("kg-legend-title").textContent = T.legend;
  var lg = $("kg-legend-body");
  var lt = el("div", "kg-group");
  typeOrder.filter(function (t) { return typeCounts.has(t); }).forEach(function (t) {
    var it = el("span", "kg-legend-item"); it.appendChild(typeSwatch(t)); it.appendChild(el("span", null, typeName(t)));
    lt.appendChild(it);
  });
  lg.appendChild(lt);
  var lq = el("div", "kg-group");
  [1, 2, 3, 4].forEach(function (q) {
    var it = el("span", "kg-legend-item"); it.appendChild(quadSwatch(q)); it.appendChild(el("span", null, quadName(q)));
    lq.appendChild(it);
  });
  lg.appendChild(lq);
  lg.appendChild(el("div", "kg-note", EVENTISH ? T.legend_event : T.legend_actor));

  // ---- details panel ----
  var details = $("kg-details");
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function dlRow(dl, k, v) {
    if (v === undefined || v === null || v === "" || (typeof v === "number" && v === 0 && k !== T.goldstein)) return;
    dl.appendChild(el("dt", null, k));
    dl.appendChild(el("dd", null, v));
  }
  function docLine(di) {
    var d = docs[di];
    var box = el("div", "kg-src");
    if (!d) return box;
    box.appendChild(el("span", null, T.source_article + ": "));
    var url = safeUrl(d[2]);
    var name = d[1] || d[2] || d[0];
    if (url) {
      var a = el("a", null, name);
      a.href = url; a.rel = "noopener noreferrer"; a.target = "_blank";
      box.appendChild(a);
    } else {
      box.appendChild(el("span", "kg-iso", name));
    }
    return box;
  }
  function nodeButton(id) {
    var n = nodesById[id];
    var b = el("button", null, (state.english && n.label_en) ? n.label_en : n.label);
    b.type = "button";
    b.addEventListener("click", function () { selectNode(id); });
    return b;
  }
  function eventCard(r, headParts, extra) {
    var card = el("div", "kg-event");
    card.style.setProperty("--c", QUAD_COLOR[r.quad || 0]);
    var head = el("div", "kg-head");
    headParts.forEach(function (p, i) {
      if (i) head.appendChild(document.createTextNode(" · "));
      if (typeof p === "number") head.appendChild(nodeButtonInline(p)); else head.appendChild(el("span", "kg-iso", p));
    });
    card.appendChild(head);
    var dl = el("dl");
    dlRow(dl, T.category, r.cat ? catName(r.cat) + " (" + r.cat + ")" : "");
    dlRow(dl, T.date, ltr(r.date));
    dlRow(dl, T.trigger, r.trig);
    if (extra) extra(dl);
    card.appendChild(dl);
    if (r.evid) card.appendChild(el("blockquote", "kg-evid", r.evid));
    if (r.doc >= 0) card.appendChild(docLine(r.doc));
    return card;
  }
  function nodeButtonInline(id) {
    var n = nodesById[id];
    var a = el("button", "kg-iso", (state.english && n.label_en) ? n.label_en : n.label);
    a.type = "button";
    a.style.cssText = "all:unset;cursor:pointer;color:#1d6fb8;text-decoration:underline;";
    a.addEventListener("click", function (ev) { ev.stopPropagation(); selectNode(id); });
    return a;
  }
  var MAX_CARDS = 40;

  function showNode(id) {
    var n = nodesById[id];
    if (!n) return;
    state.selected = id;
    clear(details);
    details.appendChild(el("h2", null, n.label));
    var dl = el("dl");
    dlRow(dl, "English", n.label_en);
    dlRow(dl, T.type, typeName(n.type));
    if (n.type === "EVENT") {
      dlRow(dl, T.category, n.cat ? catName(n.cat) + " (" + n.cat + ")" : "");
      dlRow(dl, T.quad, n.quad ? quadName(n.quad) : "");
      dlRow(dl, T.cameo, n.cameo);
      dlRow(dl, T.goldstein, n.gs);
      dlRow(dl, T.date, ltr(n.date));
      dlRow(dl, T.trigger, n.trig);
      dlRow(dl, T.modality, n.mod ? (UI.modality[n.mod] || { ar: n.mod }).ar : "");
      dlRow(dl, T.confidence, n.conf);
      details.appendChild(dl);
      details.appendChild(el("h3", null, T.participants));
      var ul = el("ul", "kg-linklist");
      adj[id].forEach(function (eid) {
        var e = edgeRecs[eid], other = e.from === id ? e.to : e.from;
        var li = el("li");
        li.appendChild(el("span", "kg-sub", (UI.roles[e.role] || { ar: e.role }).ar + ":"));
        li.appendChild(nodeButton(other));
        ul.appendChild(li);
      });
      details.appendChild(ul);
      if (n.evid) { details.appendChild(el("h3", null, T.evidence)); details.appendChild(el("blockquote", "kg-evid", n.evid)); }
      if (n.doc >= 0) details.appendChild(docLine(n.doc));
      return;
    }
    dlRow(dl, T.country_l, n.country ? (countryName[n.country] ? countryName[n.country] + " (" + n.country + ")" : n.country) : "");
    dlRow(dl, T.title_l, n.title);
    dlRow(dl, T.mentions, n.mentions);
    dlRow(dl, T.documents, n.documents);
    dlRow(dl, T.aliases, (n.aliases || []).join("، "));
    details.appendChild(dl);
    // events it takes part in
    var evs = adj[id].map(function (eid) { return edgeRecs[eid]; });
    if (!evs.length) return;
    details.appendChild(el("h3", null, T.events + " (" + num(evs.length) + ")"));
    var recs = evs.map(function (e) {
      if (e.role !== undefined) {
        var evId = e.from === id ? e.to : e.from;
        return { r: nodesById[evId], role: e.role, ev: evId };
      }
      return { r: e, role: e.from === id ? "source" : "target", e: e };
    });
    recs.sort(function (a, b) { return (b.r.date || "").localeCompare(a.r.date || ""); });
    recs.slice(0, MAX_CARDS).forEach(function (x) {
      var roleTxt = (UI.roles[x.role] || { ar: x.role }).ar;
      var head = [roleTxt];
      if (x.e) {
        head.push(x.e.from === id ? x.e.to : x.e.from);
      } else {
        head.push(x.ev);
      }
      details.appendChild(eventCard(x.r, head, function (dl2) {
        if (x.e) dlRow(dl2, T.from_to, nodesById[x.e.from].label + " ← " + nodesById[x.e.to].label);
      }));
    });
    if (recs.length > MAX_CARDS) details.appendChild(el("div", "kg-note", fmt(T.more, recs.length - MAX_CARDS)));
  }

  function showEdge(eid) {
    var e = edgeRecs[eid];
    if (!e) return;
    if (e.role !== undefined) { // event graph: show the event
      var evId = nodesById[e.from].type === "EVENT" ? e.from : e.to;
      showNode(evId);
      return;
    }
    state.selected = null;
    clear(details);
    details.appendChild(el("h2", null, (e.label || catName(e.cat) || T.events)));
    var card = eventCard(e, [e.from, "←", e.to], function (dl) {
      dlRow(dl, T.quad, e.quad ? quadName(e.quad) : "");
      dlRow(dl, T.cameo, e.cameo);
      dlRow(dl, T.goldstein, e.gs);
      dlRow(dl, T.modality, e.mod ? (UI.modality[e.mod] || { ar: e.mod }).ar : "");
      dlRow(dl, T.confidence, e.conf);
    });
    details.appendChild(card);
  }

  function showOverview() {
    clear(details);
    details.appendChild(el("h2", null, T.details));
    details.appendChild(el("p", "kg-note", T.hint));
    if (DATA.doc) {
      var d = DATA.doc, box = el("div", "kg-event");
      box.appendChild(el("div", "kg-head", d.title));
      var dl = el("dl");
      dlRow(dl, T.date, ltr(d.date));
      dlRow(dl, "", d.source);
      box.appendChild(dl);
      var url = safeUrl(d.url);
      if (url) { var a = el("a", null, url); a.href = url; a.rel = "noopener noreferrer"; a.target = "_blank"; var s = el("div", "kg-src"); s.appendChild(a); box.appendChild(s); }
      details.appendChild(box);
    }
    // the most connected actors (and, for one article, its events in order)
    var actors = nodesById.filter(function (n) { return n.type !== "EVENT"; });
    actors.sort(function (a, b) { return adj[b.id].length - adj[a.id].length || b.mentions - a.mentions; });
    if (actors.length) {
      details.appendChild(el("h3", null, T.top_actors));
      var ul = el("ul", "kg-linklist");
      actors.slice(0, 12).forEach(function (n) {
        var li = el("li"); var b = nodeButton(n.id);
        b.appendChild(el("span", "kg-sub", typeName(n.type) + " · " + num(adj[n.id].length)));
        li.appendChild(b); ul.appendChild(li);
      });
      details.appendChild(ul);
    }
    if (KIND === "document") {
      var evs = nodesById.filter(function (n) { return n.type === "EVENT"; });
      if (evs.length) {
        details.appendChild(el("h3", null, T.events + " (" + num(evs.length) + ")"));
        evs.slice(0, MAX_CARDS).forEach(function (ev) { details.appendChild(eventCard(ev, [ev.id], null)); });
      }
    }
  }

  function selectNode(id) {
    var n = nodesById[id];
    if (!n) return;
    if (visibleNodes !== null && !visibleNodes.has(id)) {   // make it visible again
      state.ego = null;
      Object.keys(state.types).forEach(function (k) { state.types[k] = true; });
      if (ISOLATED.has(id)) { state.isolated = true; if (isoCb) isoCb.checked = true; }
      document.querySelectorAll("#kg-filter-body input[type=checkbox][data-filter]").forEach(function (cb) { if (state.types[cb.value] !== undefined && cb.dataset.filter === T.types) cb.checked = true; });
      applyFilters();
    }
    if (visibleNodes === null || visibleNodes.has(id)) {
      network.selectNodes([id]);
      network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: false });
      scheduleLabels();
    }
    showNode(id);
  }

  // ---- search ----
  var index = nodesById.map(function (n) {
    var names = [n.label, n.label_en].concat(n.aliases || []).filter(Boolean).map(normalize);
    return names;
  });
  function search(q, limit) {
    var nq = normalize(q).trim();
    if (!nq) return [];
    var hits = [];
    for (var i = 0; i < N; i++) {
      var best = 9;
      var names = index[i];
      for (var j = 0; j < names.length; j++) {
        var s = names[j], p = s.indexOf(nq);
        if (p < 0) continue;
        var sc = s === nq ? 0 : (p === 0 || /[\s\-_]/.test(s.charAt(p - 1))) ? 1 : 2;
        if (sc < best) best = sc;
      }
      if (best < 9) hits.push([best, -nodeSize(nodesById[i]), i]);
    }
    hits.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2]; });
    return hits.slice(0, limit || 30).map(function (h) { return h[2]; });
  }
  var sInput = $("kg-search"), sList = $("kg-results");
  sInput.placeholder = T.search;
  sInput.setAttribute("aria-label", T.search);
  function showResults() {
    var ids = search(sInput.value, 30);
    clear(sList);
    if (!sInput.value.trim()) { sList.hidden = true; return; }
    if (!ids.length) sList.appendChild(el("li", "kg-note", T.no_results));
    ids.forEach(function (id) {
      var n = nodesById[id], li = el("li"), b = el("button", null, (state.english && n.label_en) ? n.label_en : n.label);
      b.type = "button";
      b.dataset.id = String(id);
      b.appendChild(el("span", "kg-sub", typeName(n.type)));
      b.addEventListener("click", function () { sList.hidden = true; selectNode(id); });
      li.appendChild(b); sList.appendChild(li);
    });
    sList.hidden = false;
  }
  sInput.addEventListener("input", showResults);
  sInput.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { var ids = search(sInput.value, 1); if (ids.length) { sList.hidden = true; selectNode(ids[0]); } }
    if (ev.key === "Escape") { sList.hidden = true; }
  });

  // ---- hover tooltip (text only) and click ----
  var tip = $("kg-tooltip");
  function showTip(lines, pointer) {
    clear(tip);
    lines.forEach(function (l, i) { if (l) tip.appendChild(el("div", i === 0 ? "kg-t1" : "kg-t2", l)); });
    var rect = container.getBoundingClientRect();
    var x = rect.left + pointer.x + 14, y = rect.top + pointer.y + 14;
    tip.hidden = false;
    var w = tip.offsetWidth, h = tip.offsetHeight;
    if (x + w > window.innerWidth - 8) x = Math.max(8, rect.left + pointer.x - w - 14);
    if (y + h > window.innerHeight - 8) y = Math.max(8, rect.top + pointer.y - h - 14);
    tip.style.left = x + "px"; tip.style.top = y + "px";
  }
  network.on("hoverNode", function (p) {
    var n = nodesById[p.node];
    if (!n) return;
    var l2 = typeName(n.type) + (n.country ? " · " + n.country : "") + (n.type === "EVENT" ? (n.cat ? " · " + catName(n.cat) : "") + (n.date ? " · " + ltr(n.date) : "") : " · " + num(adj[n.id].length) + " " + T.edges);
    showTip([n.label, n.label_en, l2, n.type === "EVENT" ? n.evid : n.title], p.pointer.DOM);
  });
  network.on("hoverEdge", function (p) {
    var e = edgeRecs[p.edge];
    if (!e) return;
    var a = nodesById[e.from], b = nodesById[e.to];
    if (e.role !== undefined) {
      showTip([a.label + " ← " + b.label, (UI.roles[e.role] || { ar: e.role }).ar], p.pointer.DOM);
    } else {
      showTip([a.label + " ← " + b.label, [catName(e.cat), ltr(e.date)].filter(Boolean).join(" · "), e.evid], p.pointer.DOM);
    }
  });
  // big graphs: edges are not vis-network objects, so their tooltip comes from here
  var overNode = false, moveTimer = null;
  network.on("hoverNode", function () { overNode = true; });
  network.on("blurNode", function () { overNode = false; });
  if (BIG) container.addEventListener("mousemove", function (ev) {
    if (moveTimer || ev.buttons) return;
    moveTimer = setTimeout(function () {
      moveTimer = null;
      if (overNode) return;
      var r = container.getBoundingClientRect(), dom = { x: ev.clientX - r.left, y: ev.clientY - r.top };
      var id = nearestEdge(network.DOMtoCanvas(dom), 5 / network.getScale());
      if (id === null) { tip.hidden = true; return; }
      var e = edgeRecs[id];
      var head = nodesById[e.from].label + " ← " + nodesById[e.to].label;
      if (e.role !== undefined) showTip([head, (UI.roles[e.role] || { ar: e.role }).ar], dom);
      else showTip([head, [catName(e.cat), ltr(e.date)].filter(Boolean).join(" · "), e.evid], dom);
    }, 80);
  });
  network.on("blurNode", function () { tip.hidden = true; });
  network.on("blurEdge", function () { tip.hidden = true; });
  network.on("dragStart", function () { tip.hidden = true; });
  network.on("zoom", function () { tip.hidden = true; });
  network.on("click", function (p) {
    tip.hidden = true;
    var big = BIG && !p.nodes.length ? nearestEdge(p.pointer.canvas, 6 / network.getScale()) : null;
    if (p.nodes.length) showNode(p.nodes[0]);
    else if (p.edges.length) showEdge(p.edges[0]);
    else if (big !== null) showEdge(big);
    else { state.selected = null; showOverview(); }
    if (BIG) network.redraw();
  });
  network.on("doubleClick", function (p) {   // double click: that node's neighbourhood
    if (p.nodes.length) { showNode(p.nodes[0]); focusEgo(p.nodes[0], +depthSel.value); }
  });
  document.addEventListener("click", function (ev) { if (!$("kg-searchbox").contains(ev.target)) sList.hidden = true; });

  kgView.search = search;
  kgView.selectNode = selectNode;
  kgView.focusEgo = focusEgo;
  kgView.applyFilters = applyFilters;
  kgView.showNode = showNode;
  kgView.showEdge = showEdge;

  updateStats();
  showOverview();
})();
