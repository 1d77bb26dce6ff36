/* Overview: events per period, stacked by PLOVER quad (d3, SVG). */
(function () {
  "use strict";
  var data = newsgraph.readJSON("ng-data");
  var box = document.getElementById("ng-types-chart");
  if (!data || !box) return;
  if (!data.periods.length) {
    box.appendChild(newsgraph.el("p", { "class": "ng-empty" }, "No dated events yet."));
    return;
  }
  var keys = data.quads.map(function (q) { return q.key; });
  var color = {};
  data.quads.forEach(function (q) { color[q.key] = q.color; });
  var label = {};
  data.quads.forEach(function (q) { label[q.key] = q.label; });
  var width = box.clientWidth || 800, height = 220, m = { top: 10, right: 10, bottom: 28, left: 40 };
  var series = d3.stack().keys(keys)(data.periods);
  var x = d3.scaleBand().domain(data.periods.map(function (p) { return p.period; }))
    .range([m.left, width - m.right]).padding(0.15);
  var ymax = d3.max(series, function (s) { return d3.max(s, function (d) { return d[1]; }); }) || 1;
  var y = d3.scaleLinear().domain([0, ymax]).nice().range([height - m.bottom, m.top]);
  var svg = d3.select(box).append("svg").attr("viewBox", [0, 0, width, height]).attr("height", height);
  var tip = newsgraph.tooltip(box);
  svg.append("g").selectAll("g").data(series).join("g").attr("fill", function (s) { return color[s.key]; })
    .selectAll("rect").data(function (s) { return s.map(function (d) { d.key = s.key; return d; }); })
    .join("rect")
    .attr("x", function (d) { return x(d.data.period); })
    .attr("y", function (d) { return y(d[1]); })
    .attr("height", function (d) { return Math.max(0, y(d[0]) - y(d[1])); })
    .attr("width", x.bandwidth())
    .on("mousemove", function (event, d) {
      tip.show(event, [d.data.period, label[d.key] + ": " + (d[1] - d[0]), "all events: " +
        keys.reduce(function (sum, k) { return sum + (d.data[k] || 0); }, 0)]);
    })
    .on("mouseleave", tip.hide);
  var every = Math.ceil(data.periods.length / Math.max(1, Math.floor(width / 70)));
  svg.append("g").attr("class", "axis").attr("transform", "translate(0," + (height - m.bottom) + ")")
    .call(d3.axisBottom(x).tickValues(x.domain().filter(function (_, i) { return i % every === 0; })));
  svg.append("g").attr("class", "axis").attr("transform", "translate(" + m.left + ",0)")
    .call(d3.axisLeft(y).ticks(5, "~s"));
})();
