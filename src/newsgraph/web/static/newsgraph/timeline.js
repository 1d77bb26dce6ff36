/* Timeline: one lane per PLOVER quad plus a lane of quotes, counts per period
   behind them. Zooming rescales at once, then (after a pause) asks the server
   for the items of the visible period: the browser never holds more than the
   few hundred items one response carries. */
(function () {
  "use strict";
  var ng = window.newsgraph;
  var data = ng.readJSON("ng-data"), plover = ng.readJSON("ng-plover");
  var box = document.getElementById("ng-timeline");
  if (!data || !box) return;
  var colors = ng.quadColors(plover);
  var lanes = plover.quads.map(function (q) { return { key: q.key, label: q.label }; })
    .concat([{ key: "other", label: plover.other.label }, { key: "quote", label: "Quotes" }]);
  var laneIndex = {};
  lanes.forEach(function (l, i) { laneIndex[l.key] = i; });
  if (!data.events.length && !data.quotes.length) {
    box.appendChild(ng.el("p", { "class": "ng-empty", style: "padding: 1rem" },
      "No dated events or quotes match these filters."));
    return;
  }
  var width = box.clientWidth || 900, laneH = 30, histH = 50;
  var m = { top: 8, right: 16, bottom: 24, left: 130 };
  var height = m.top + histH + lanes.length * laneH + m.bottom;
  var lo = ng.parseDate(data.start), hi = ng.periodEnd(data.end);
  if (!lo || !hi || hi <= lo) { lo = new Date(Date.UTC(2000, 0, 1)); hi = new Date(); }
  var pad = (hi - lo) * 0.02;  // keep items at the edges fully visible
  lo = new Date(lo.getTime() - pad); hi = new Date(hi.getTime() + pad);
  var x0 = d3.scaleUtc().domain([lo, hi]).range([m.left, width - m.right]);
  var x = x0;
  var svg = d3.select(box).append("svg").attr("viewBox", [0, 0, width, height]).attr("height", height);
  svg.append("clipPath").attr("id", "ng-clip").append("rect")
    .attr("x", m.left).attr("y", 0).attr("width", width - m.left - m.right).attr("height", height);
  var laneTop = m.top + histH;
  svg.append("g").selectAll("line").data(lanes).join("line").attr("class", "lane-line")
    .attr("x1", m.left).attr("x2", width - m.right)
    .attr("y1", function (_, i) { return laneTop + (i + 1) * laneH; })
    .attr("y2", function (_, i) { return laneTop + (i + 1) * laneH; });
  svg.append("g").selectAll("text").data(lanes).join("text").attr("class", "lane-label")
    .attr("x", m.left - 8).attr("text-anchor", "end")
    .attr("y", function (_, i) { return laneTop + i * laneH + laneH / 2 + 4; })
    .text(function (l) { return l.label; });
  var histG = svg.append("g").attr("clip-path", "url(#ng-clip)");
  var itemG = svg.append("g").attr("clip-path", "url(#ng-clip)");
  var axisG = svg.append("g").attr("class", "axis")
    .attr("transform", "translate(0," + (height - m.bottom) + ")");
  var tip = ng.tooltip(box);

  function items(d) {
    var out = d.events.map(function (e, i) {
      return { kind: "event", lane: laneIndex[e.quad] || 0, date: e.date, i: i, url: e.url,
               color: colors[e.quad] || colors.other,
               lines: [e.type + (e.trigger_text ? " — " + e.trigger_text : ""), e.date,
                       (e.actors || "?") + " → " + (e.recipients || "—"),
                       [e.negated ? "negated" : "", e.hypothetical ? "hypothetical" : "",
                        e.future ? "future" : ""].filter(Boolean).join(", ")] };
    });
    return out.concat(d.quotes.map(function (q, i) {
      return { kind: "quote", lane: laneIndex.quote, date: q.date, i: i, url: q.url,
               color: colors.quote,
               lines: [(q.speaker || "unknown speaker") + (q.cue ? " " + q.cue : ""), q.date,
                       "“" + q.content + "”"] };
    }));
  }

  function drawBins(d) {
    var bins = d.bins.map(function (b) {
      return { a: ng.parseDate(b.period), b: ng.periodEnd(b.period), n: b.total };
    }).filter(function (b) { return b.a; });
    var hy = d3.scaleLinear().domain([0, d3.max(bins, function (b) { return b.n; }) || 1])
      .range([0, histH - 6]);
    histG.selectAll("rect").data(bins).join("rect").attr("fill", "#cfd6de")
      .attr("y", function (b) { return m.top + histH - hy(b.n); })
      .attr("height", function (b) { return hy(b.n); })
      .on("mousemove", function (event, b) { tip.show(event, [b.n + " events", ng.isoDay(b.a)]); })
      .on("mouseleave", tip.hide);
  }

  function drawItems(d) {
    itemG.selectAll("circle").data(items(d)).join("circle").attr("class", "ng-dot")
      .attr("r", 5).attr("fill", function (it) { return it.color; })
      .attr("cy", function (it) { return laneTop + it.lane * laneH + laneH / 2 + ((it.i % 5) - 2) * 3; })
      .attr("data-kind", function (it) { return it.kind; })
      .on("mousemove", function (event, it) { tip.show(event, it.lines); })
      .on("mouseleave", tip.hide)
      .on("click", function (_, it) { ng.go(it.url); });
  }

  function position() {
    histG.selectAll("rect")
      .attr("x", function (b) { return x(b.a); })
      .attr("width", function (b) { return Math.max(1, x(b.b) - x(b.a) - 1); });
    itemG.selectAll("circle").attr("cx", function (it) { return x(ng.parseDate(it.date)); });
    axisG.call(d3.axisBottom(x).ticks(Math.max(2, Math.floor(width / 110))));
  }

  function replaceList(d) {
    var body = document.querySelector("#ng-items tbody");
    if (!body) return;
    body.replaceChildren();
    d.events.forEach(function (e) {
      var tr = ng.el("tr", { "class": "ng-item ng-item-event" });
      tr.appendChild(ng.el("td", { "class": "ng-nowrap" }, e.date));
      var what = ng.el("td");
      what.appendChild(ng.el("span", { "class": "ng-chip ng-q-" + e.quad }, e.type));
      what.appendChild(document.createTextNode(" " + (e.trigger_text || "")));
      tr.appendChild(what);
      tr.appendChild(ng.el("td", {}, e.actors || ""));
      tr.appendChild(ng.el("td", {}, e.recipients || ""));
      var link = ng.el("td");
      link.appendChild(ng.link(e.url, "sentence →"));
      tr.appendChild(link);
      body.appendChild(tr);
    });
    d.quotes.forEach(function (q) {
      var tr = ng.el("tr", { "class": "ng-item ng-item-quote" });
      tr.appendChild(ng.el("td", { "class": "ng-nowrap" }, q.date));
      var what = ng.el("td");
      what.appendChild(ng.el("span", { "class": "ng-chip ng-q-quote" }, "QUOTE"));
      what.appendChild(document.createTextNode(" “" + q.content + "”"));
      tr.appendChild(what);
      tr.appendChild(ng.el("td"));
      tr.appendChild(ng.el("td", {}, q.speaker || ""));
      var link = ng.el("td");
      link.appendChild(ng.link(q.url, "sentence →"));
      tr.appendChild(link);
      body.appendChild(tr);
    });
    var summary = document.getElementById("ng-summary");
    if (summary) {
      summary.textContent = d.events_total + " events" +
        (d.events_sampled ? " (showing " + d.events_shown + ", spread over time)" : "") +
        " and " + d.quotes_total + " dated quotes from " + d.start + " to " + d.end +
        ", by " + d.granularity + ".";
    }
  }

  var pending = null, requestNo = 0;
  function reload() {
    var dom = x.domain();
    var params = new URLSearchParams(window.location.search);
    params.set("start", ng.isoDay(dom[0]));
    params.set("end", ng.isoDay(new Date(dom[1].getTime() - 1)));
    var mine = ++requestNo;
    fetch(window.location.pathname + ".json?" + params.toString(), { headers: { accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (d) {
        if (!d || mine !== requestNo) return;
        drawBins(d); drawItems(d); position(); replaceList(d);
      })
      .catch(function () { /* keep what is shown */ });
  }

  var zoom = d3.zoom().scaleExtent([1, 5000])
    .translateExtent([[m.left, 0], [width - m.right, height]])
    .extent([[m.left, 0], [width - m.right, height]])
    .on("zoom", function (event) { x = event.transform.rescaleX(x0); position(); })
    .on("end", function () { clearTimeout(pending); pending = setTimeout(reload, 350); });
  svg.call(zoom);
  drawBins(data); drawItems(data); position();
})();
