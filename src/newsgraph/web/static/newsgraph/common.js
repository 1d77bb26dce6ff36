/* Helpers shared by the newsgraph pages. Data reaches the page only through
   textContent and setAttribute, never innerHTML, so article text stays text. */
(function () {
  "use strict";
  function readJSON(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }
  /* "2024", "2024-06", "2024-06-19", "2024-06-19T10:00" -> Date (UTC). */
  function parseDate(value) {
    if (!value) return null;
    var m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(String(value));
    if (!m) return null;
    return new Date(Date.UTC(+m[1], m[2] ? +m[2] - 1 : 0, m[3] ? +m[3] : 1));
  }
  /* End of the period a prefix date names: "2024-06" -> 2024-07-01. */
  function periodEnd(value) {
    var d = parseDate(value);
    if (!d) return null;
    var s = String(value);
    if (s.length >= 10) return new Date(d.getTime() + 86400000);
    if (s.length >= 7) return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
    return new Date(Date.UTC(d.getUTCFullYear() + 1, 0, 1));
  }
  function isoDay(date) { return date.toISOString().slice(0, 10); }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  /* A link target from the page data, or null: only same-site paths ("/...",
     not "//host") and absolute http(s) URLs, never javascript:, data: etc. */
  function safeHref(value) {
    if (typeof value !== "string" || /[\u0000-\u0020\u007f\\]/.test(value)) return null;
    if (/^\/(?!\/)/.test(value)) return value;
    return /^https?:\/\/[^\/?#]/i.test(value) ? value : null;
  }
  /* A link, or a plain span when the target is not safe to follow. */
  function link(href, text) {
    var safe = safeHref(href);
    return safe ? el("a", { href: safe }, text) : el("span", {}, text);
  }
  function go(href) {
    var safe = safeHref(href);
    if (safe) window.location.assign(safe);
  }
  function quadColors(plover) {
    var colors = {};
    plover.quads.forEach(function (q) { colors[q.key] = q.color; });
    colors[plover.other.key] = plover.other.color;
    colors[plover.quote.key] = plover.quote.color;
    return colors;
  }
  function tooltip(container) {
    var tip = el("div", { "class": "ng-tooltip", role: "tooltip" });
    container.appendChild(tip);
    return {
      show: function (event, lines) {
        tip.replaceChildren();
        lines.filter(Boolean).forEach(function (line, i) {
          tip.appendChild(el(i === 0 ? "strong" : "div", {}, line));
        });
        var box = container.getBoundingClientRect();
        var x = event.clientX - box.left + 12, y = event.clientY - box.top + 12;
        tip.style.left = Math.min(x, box.width - 260) + "px";
        tip.style.top = y + "px";
        tip.style.display = "block";
      },
      hide: function () { tip.style.display = "none"; }
    };
  }
  window.newsgraph = { readJSON: readJSON, parseDate: parseDate, periodEnd: periodEnd,
                       isoDay: isoDay, el: el, quadColors: quadColors, tooltip: tooltip,
                       safeHref: safeHref, link: link, go: go };
})();
