/* Actor network: a force layout computed once (fixed number of ticks, so the
   page settles at once), then pan and zoom. Edges point from actor to
   recipient, coloured by the quad most of their events fall in. */
(function () {
  "use strict";
  var ng = window.newsgraph;
  var data = ng.readJSON("ng-data"), plover = ng.readJSON("ng-plover");
  var box = document.getElementById("ng-network");
  if (!data || !box) return;
  if (!data.nodes.length) {
    box.style.height = "auto";
    box.appendChild(ng.el("p", { "class": "ng-empty", style: "padding: 1rem" },
      "No events with both an actor and a recipient match these filters."));
    return;
  }
  var colors = ng.quadColors(plover);
  var labels = {};
  plover.quads.forEach(function (q) { labels[q.key] = q.label; });
  var typeColor = { PERSON: "#495057", ORG: "#1864ab", GPE: "#2b8a3e", NORP: "#862e9c", LOC: "#5c940d" };
  var width = box.clientWidth || 900, height = box.clientHeight || 620;
  var nodes = data.nodes.map(function (n) { return Object.assign({}, n); });
  var links = data.edges.map(function (e) { return Object.assign({}, e); });
  var maxW = d3.max(nodes, function (n) { return n.weight; }) || 1;
  var radius = d3.scaleSqrt().domain([1, maxW]).range([5, 22]);
  var maxC = d3.max(links, function (l) { return l.count; }) || 1;
  var stroke = d3.scaleSqrt().domain([1, maxC]).range([1, 7]);
  var sim = d3.forceSimulation(nodes)
    .force("link", d3.forceLink(links).id(function (n) { return n.id; }).distance(90).strength(0.4))
    .force("charge", d3.forceManyBody().strength(-260))
    .force("center", d3.forceCenter(width / 2, height / 2))
    // Weak gravity keeps disconnected groups of actors from drifting apart.
    .force("x", d3.forceX(width / 2).strength(0.07))
    .force("y", d3.forceY(height / 2).strength(0.1))
    .force("collide", d3.forceCollide(function (n) { return radius(n.weight) + 4; }))
    .stop();
  for (var i = 0; i < 300; i++) sim.tick();

  var svg = d3.select(box).append("svg").attr("viewBox", [0, 0, width, height]).attr("height", height);
  var defs = svg.append("defs");
  Object.keys(colors).forEach(function (key) {
    defs.append("marker").attr("id", "ng-arrow-" + key).attr("viewBox", "0 -4 8 8")
      .attr("refX", 8).attr("markerWidth", 5).attr("markerHeight", 5).attr("orient", "auto")
      .append("path").attr("d", "M0,-4L8,0L0,4").attr("fill", colors[key]);
  });
  var g = svg.append("g");
  var tip = ng.tooltip(box);
  function endpoint(l) {
    var dx = l.target.x - l.source.x, dy = l.target.y - l.source.y;
    var len = Math.sqrt(dx * dx + dy * dy) || 1, r = radius(l.target.weight) + 2;
    return [l.target.x - dx / len * r, l.target.y - dy / len * r];
  }
  g.append("g").selectAll("line").data(links).join("line")
    .attr("x1", function (l) { return l.source.x; }).attr("y1", function (l) { return l.source.y; })
    .attr("x2", function (l) { return endpoint(l)[0]; }).attr("y2", function (l) { return endpoint(l)[1]; })
    .attr("stroke", function (l) { return colors[l.quad] || colors.other; })
    .attr("stroke-opacity", 0.75)
    .attr("stroke-width", function (l) { return stroke(l.count); })
    .attr("marker-end", function (l) { return "url(#ng-arrow-" + (colors[l.quad] ? l.quad : "other") + ")"; })
    .on("mousemove", function (event, l) {
      var types = Object.keys(l.types).map(function (t) { return t + " ×" + l.types[t]; }).join(", ");
      tip.show(event, [l.source.name + " → " + l.target.name, l.count + " events: " + types,
                       labels[l.quad] || "", l.last_date ? "latest " + l.last_date : ""]);
    })
    .on("mouseleave", tip.hide);
  var labelled = new Set(nodes.slice().sort(function (a, b) { return b.weight - a.weight; })
    .slice(0, 40).map(function (n) { return n.id; }));
  var node = g.append("g").selectAll("g").data(nodes).join("g").attr("class", "ng-node")
    .attr("transform", function (n) { return "translate(" + n.x + "," + n.y + ")"; })
    .attr("data-name", function (n) { return n.name; })
    .on("click", function (_, n) { ng.go(n.url); })
    .on("mousemove", function (event, n) {
      tip.show(event, [n.name, [n.type, n.country].filter(Boolean).join(" · "), n.weight + " events"]);
    })
    .on("mouseleave", tip.hide);
  node.append("circle").attr("r", function (n) { return radius(n.weight); })
    .attr("fill", function (n) { return typeColor[n.type] || "#868e96"; });
  node.filter(function (n) { return labelled.has(n.id); }).append("text")
    .attr("x", function (n) { return radius(n.weight) + 3; }).attr("y", 4)
    .text(function (n) { return n.name; });
  var zoom = d3.zoom().scaleExtent([0.1, 8]).on("zoom", function (event) {
    g.attr("transform", event.transform);
  });
  svg.call(zoom);
  // Start with every node in view (the layout may spread wider than the box).
  var pad = 60;
  var x0 = d3.min(nodes, function (n) { return n.x; }) - pad, x1 = d3.max(nodes, function (n) { return n.x; }) + pad + 80;
  var y0 = d3.min(nodes, function (n) { return n.y; }) - pad, y1 = d3.max(nodes, function (n) { return n.y; }) + pad;
  var k = Math.min(1.5, width / (x1 - x0), height / (y1 - y0));
  svg.call(zoom.transform, d3.zoomIdentity.translate(width / 2, height / 2).scale(k)
    .translate(-(x0 + x1) / 2, -(y0 + y1) / 2));
})();
