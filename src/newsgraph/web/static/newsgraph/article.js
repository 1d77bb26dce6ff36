/* Article view: link records and the spans they came from (hover either to
   light up both), and scroll to the anchor nearest a #c<offset> link. */
(function () {
  "use strict";
  var text = document.getElementById("ng-text");
  if (!text) return;
  function idsOf(node) { return (node.getAttribute("data-ids") || "").split(" ").filter(Boolean); }
  function light(ids, on) {
    document.querySelectorAll(".ng-seg[data-ids], .ng-rec[data-ids]").forEach(function (node) {
      var mine = idsOf(node);
      if (ids.some(function (id) { return mine.indexOf(id) >= 0; })) node.classList.toggle("ng-hover", on);
    });
  }
  document.querySelectorAll(".ng-rec[data-ids]").forEach(function (rec) {
    rec.addEventListener("mouseenter", function () { light(idsOf(rec), true); });
    rec.addEventListener("mouseleave", function () { light(idsOf(rec), false); });
  });
  var m = /^#c(\d+)$/.exec(window.location.hash);
  if (m && !document.getElementById("c" + m[1])) {
    var want = +m[1], best = null;
    text.querySelectorAll("[id^=c]").forEach(function (node) {
      var at = +node.id.slice(1);
      if (at <= want && (!best || at > +best.id.slice(1))) best = node;
    });
    if (best) best.scrollIntoView({ block: "center" });
  }
  var focus = text.querySelector(".ng-focus");
  if (focus && !m) focus.scrollIntoView({ block: "center" });
})();
