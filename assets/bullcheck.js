// bullcheck dashboard script (shipped inside the binary, no dependencies, no network beyond
// this origin's /api/). Every page reads without it; it adds:
//  - check pages: hover for date and value, drag to zoom into a period, double-click to reset
//    (data from /api/checks/{id}; the chart geometry matches the server's SVG);
//  - the scenario page: sliders recompute through /api/scenarios/sliders and redraw the table;
//  - the data page: the update button starts `data update` and polls its progress.
"use strict";
(function () {
  var W = 720, H = 240, L = 60, R = 16, T = 18, B = 26, NS = "http://www.w3.org/2000/svg";

  function yearFraction(text) {
    var y = +text.slice(0, 4), m = +text.slice(5, 7), d = +text.slice(8, 10);
    var leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    var start = Date.UTC(y, 0, 1), day = (Date.UTC(y, m - 1, d) - start) / 86400000;
    return y + day / (leap ? 366 : 365);
  }
  function niceStep(range, max) {
    if (!(range > 0)) return 1;
    var raw = range / max, mag = Math.pow(10, Math.floor(Math.log10(raw)));
    var steps = [1, 2, 2.5, 5, 10];
    for (var i = 0; i < steps.length; i++) if (steps[i] * mag >= raw) return steps[i] * mag;
    return 10 * mag;
  }
  function decimals(step) {
    for (var d = 0; d < 6; d++) { var s = step * Math.pow(10, d); if (Math.abs(s - Math.round(s)) < 1e-9) return d; }
    return 6;
  }
  function fmt(v) {
    if (v === null || v === undefined || !isFinite(v)) return "\u2014";
    var a = Math.abs(v);
    return v.toFixed(a >= 1000 ? 0 : a >= 100 ? 1 : a >= 1 ? 2 : 3);
  }
  function el(name, attrs, text) {
    var e = document.createElementNS(NS, name);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // Redraws `svg` with the points whose x is inside [view.x0, view.x1].
  function draw(svg, all, view, info) {
    var pts = all.filter(function (p) { return p.x >= view.x0 && p.x <= view.x1; });
    if (pts.length < 2) return null;
    var x0 = pts[0].x, x1 = Math.max(pts[pts.length - 1].x, x0 + 1 / 365);
    var lo = Infinity, hi = -Infinity;
    pts.forEach(function (p) { lo = Math.min(lo, p.v); hi = Math.max(hi, p.v); });
    var range = Math.max(hi - lo, 1e-12);
    var refs = ["watch", "warning", "critical"].map(function (k) { return { k: k, v: info.thresholds[k] }; })
      .filter(function (r) { return r.v !== null && r.v >= lo - range && r.v <= hi + range; });
    refs.forEach(function (r) { lo = Math.min(lo, r.v); hi = Math.max(hi, r.v); });
    if (hi - lo < 1e-12) { var pad = hi === 0 ? 1 : Math.abs(hi) * 0.05; lo -= pad; hi += pad; }
    var step = niceStep(hi - lo, 5);
    lo = Math.floor(lo / step) * step; hi = Math.ceil(hi / step) * step;
    var pw = W - L - R, ph = H - T - B;
    var px = function (x) { return L + (x - x0) / (x1 - x0) * pw; };
    var py = function (y) { return T + (hi - y) / (hi - lo) * ph; };
    while (svg.lastChild) svg.removeChild(svg.lastChild);
    svg.appendChild(el("title", {}, info.title));
    (info.recessions || []).forEach(function (r) {
      var a = Math.max(yearFraction(r[0]), x0), b = Math.min(yearFraction(r[1]), x1);
      if (b > a) svg.appendChild(el("rect", { "class": "recession", x: px(a), y: T, width: Math.max(px(b) - px(a), 0.5), height: ph }));
    });
    for (var t = Math.ceil(lo / step); t <= Math.floor(hi / step); t++) {
      var y = py(t * step);
      svg.appendChild(el("line", { "class": "grid", x1: L, x2: W - R, y1: y, y2: y }));
      svg.appendChild(el("text", { "class": "tick", x: L - 6, y: y + 4, "text-anchor": "end" }, (t * step).toFixed(decimals(step))));
    }
    svg.appendChild(el("text", { "class": "unit", x: 4, y: T - 6 }, info.unit));
    var span = x1 - x0;
    if (span >= 2) {
      var xs = Math.max(1, Math.round(niceStep(span, 8)));
      for (var yr = Math.ceil(x0 / xs) * xs; yr <= x1; yr += xs) {
        svg.appendChild(el("line", { "class": "grid", x1: px(yr), x2: px(yr), y1: T, y2: T + ph }));
        svg.appendChild(el("text", { "class": "tick", x: px(yr), y: H - 8, "text-anchor": "middle" }, String(yr)));
      }
    } else {
      var every = span * 12 <= 6 ? 1 : span * 12 <= 12 ? 2 : 3;
      for (var i = Math.ceil(x0 * 12); i / 12 <= x1; i++) {
        if (((i % 12) + 12) % 12 % every) continue;
        var label = Math.floor(i / 12) + "-" + ("0" + ((((i % 12) + 12) % 12) + 1)).slice(-2);
        svg.appendChild(el("line", { "class": "grid", x1: px(i / 12), x2: px(i / 12), y1: T, y2: T + ph }));
        svg.appendChild(el("text", { "class": "tick", x: px(i / 12), y: H - 8, "text-anchor": "middle" }, label));
      }
    }
    svg.appendChild(el("rect", { "class": "frame", x: L, y: T, width: pw, height: ph }));
    refs.forEach(function (r) {
      svg.appendChild(el("line", { "class": "threshold " + r.k, x1: L, x2: W - R, y1: py(r.v), y2: py(r.v) }));
      svg.appendChild(el("text", { "class": "threshold-label " + r.k, x: W - R - 2, y: py(r.v) - 3, "text-anchor": "end" }, r.k + " " + r.v));
    });
    var d = pts.map(function (p, i) { return (i ? "L" : "M") + px(p.x).toFixed(1) + " " + py(p.v).toFixed(1); }).join(" ");
    svg.appendChild(el("path", { "class": "line", d: d, "data-points": pts.length }));
    var last = pts[pts.length - 1];
    svg.appendChild(el("circle", { "class": "latest", cx: px(last.x), cy: py(last.v), r: 4 }));
    svg.appendChild(el("text", { "class": "latest-label", x: px(last.x) - 6, y: Math.max(py(last.v) - 8, T + 10), "text-anchor": "end" },
      last.s + ": " + fmt(last.v) + " " + info.unit));
    svg.setAttribute("data-visible-points", pts.length);
    return { pts: pts, px: px, py: py, x0: x0, x1: x1 };
  }

  function initChart(help) {
    var svg = document.getElementById(help.getAttribute("data-interactive"));
    if (!svg) return;
    var lang = new URLSearchParams(location.search).get("lang");
    fetch(help.getAttribute("data-api") + (lang ? "?lang=" + encodeURIComponent(lang) : ""))
      .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
      .then(function (info) {
        var all = info.history.map(function (p) { return { s: p[0], x: yearFraction(p[0]), v: p[1] }; });
        if (all.length < 2) return;
        var full = { x0: all[0].x, x1: all[all.length - 1].x }, view = full;
        var geo = draw(svg, all, view, info);
        var tip = document.createElement("div");
        tip.className = "tooltip"; document.body.appendChild(tip);
        var toSvg = function (ev) {
          var pt = svg.createSVGPoint(); pt.x = ev.clientX; pt.y = ev.clientY;
          return pt.matrixTransform(svg.getScreenCTM().inverse());
        };
        var xOf = function (sx) { return geo.x0 + (sx - L) / (W - L - R) * (geo.x1 - geo.x0); };
        var dragStart = null, box = null, hover = null;
        svg.addEventListener("pointermove", function (ev) {
          if (!geo) return;
          var p = toSvg(ev), x = xOf(p.x), best = geo.pts[0];
          geo.pts.forEach(function (q) { if (Math.abs(q.x - x) < Math.abs(best.x - x)) best = q; });
          if (hover) svg.removeChild(hover);
          hover = el("g", {});
          hover.appendChild(el("line", { "class": "hover-line", x1: geo.px(best.x), x2: geo.px(best.x), y1: T, y2: H - B }));
          hover.appendChild(el("circle", { "class": "hover-dot", cx: geo.px(best.x), cy: geo.py(best.v), r: 3.5 }));
          svg.appendChild(hover);
          tip.textContent = best.s + ": " + fmt(best.v) + " " + info.unit;
          tip.style.display = "block"; tip.style.left = (ev.clientX + 12) + "px"; tip.style.top = (ev.clientY - 28) + "px";
          if (dragStart !== null) {
            var a = Math.min(dragStart, p.x), b = Math.max(dragStart, p.x);
            if (!box) { box = el("rect", { "class": "zoom-box", y: T, height: H - T - B }); svg.appendChild(box); }
            box.setAttribute("x", a); box.setAttribute("width", b - a);
          }
        });
        svg.addEventListener("pointerleave", function () {
          tip.style.display = "none";
          if (hover) { svg.removeChild(hover); hover = null; }
        });
        svg.addEventListener("pointerdown", function (ev) { dragStart = toSvg(ev).x; });
        svg.addEventListener("pointerup", function (ev) {
          var end = toSvg(ev).x;
          if (dragStart !== null && Math.abs(end - dragStart) > 6) {
            var a = xOf(Math.min(dragStart, end)), b = xOf(Math.max(dragStart, end));
            var next = draw(svg, all, { x0: a, x1: b }, info);
            if (next) { geo = next; view = { x0: a, x1: b }; }
          }
          dragStart = null; box = null; hover = null;
          if (view !== full) geo = draw(svg, all, view, info) || geo;
        });
        svg.addEventListener("dblclick", function () { view = full; geo = draw(svg, all, full, info); hover = null; });
        svg.setAttribute("data-interactive-ready", "1");
      })
      .catch(function (err) { help.textContent = "Interactive chart unavailable: " + err.message; });
  }

  function initScenario(form) {
    var submit = form.querySelector(".no-js-submit");
    if (submit) submit.hidden = true;
    var timer = null, seq = 0, updates = 0;
    var recompute = function () {
      var mine = ++seq;
      var params = new URLSearchParams(new FormData(form));
      fetch(form.getAttribute("data-api") + "?" + params.toString())
        .then(function (r) { return r.json().then(function (j) { if (!r.ok) throw new Error(j.error); return j; }); })
        .then(function (res) {
          if (mine !== seq) return;
          var body = document.getElementById("scenario-outputs");
          while (body.lastChild) body.removeChild(body.lastChild);
          res.outputs.forEach(function (o) {
            var tr = document.createElement("tr");
            tr.setAttribute("data-output", o.name);
            [o.name, o.unit, o.base === null ? "\u2014" : o.base.toFixed(3), o.shocked === null ? "\u2014" : o.shocked.toFixed(3)]
              .forEach(function (text, i) {
                var td = document.createElement("td"); td.textContent = text;
                if (i > 1) td.className = "num";
                tr.appendChild(td);
              });
            body.appendChild(tr);
            if (o.name === "index_fair_value") {
              document.getElementById("scenario-result").setAttribute("data-index-fair-value", o.shocked === null ? "" : o.shocked.toFixed(4));
            }
          });
          var charts = document.getElementById("scenario-charts");
          if (charts && typeof res.charts_html === "string") charts.innerHTML = res.charts_html;
          document.getElementById("scenario-result").setAttribute("data-updates", String(++updates));
        })
        .catch(function (err) { document.getElementById("scenario-result").setAttribute("data-error", err.message); });
    };
    form.querySelectorAll("input[type=checkbox]").forEach(function (input) {
      input.addEventListener("change", recompute);
    });
    form.querySelectorAll("input[type=range]").forEach(function (input) {
      input.addEventListener("input", function () {
        var out = document.getElementById("o-" + input.name);
        if (out) out.textContent = input.value;
        clearTimeout(timer); timer = setTimeout(recompute, 60);
      });
    });
    form.addEventListener("submit", function (ev) { ev.preventDefault(); recompute(); });
  }

  function initUpdate(form) {
    var log = document.getElementById("update-log");
    var poll = function () {
      fetch("/api/data/update").then(function (r) { return r.json(); }).then(function (s) {
        if (s.state === "idle") return;
        log.hidden = false;
        log.textContent = (s.log.length ? s.log.join("\n") + "\n" : "") + "[" + s.state +
          (s.exit_code === null ? "" : ", exit " + s.exit_code) + "]";
        log.setAttribute("data-state", s.state);
        if (s.state === "running") setTimeout(poll, 1000);
      });
    };
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      fetch("/api/data/update", { method: "POST" }).then(function () { poll(); });
    });
    poll();
  }

  var help = document.getElementById("chart-help");
  if (help) initChart(help);
  var scenario = document.getElementById("scenario-form");
  if (scenario) initScenario(scenario);
  var update = document.getElementById("update-form");
  if (update) initUpdate(update);
})();
