"""Render article text with labelled character spans, the way displaCy does.

Data stays apart from rendering: callers pass plain ``{start, end, label, kind}``
dicts (the same list the JSON twin returns). The text is cut at every span
boundary; each piece is escaped and underlined once per span covering it, in
that span's slot, so overlapping spans stack instead of hiding each other.
Nothing from the text or the labels reaches the page unescaped.
"""

from __future__ import annotations

from markupsafe import Markup, escape

KIND_COLORS = {
    "entity": "#0b7285",
    "timex": "#2f9e44",
    "quote": "#6d5bd0",
    "cue": "#c2255c",
    "event": "#d9480f",
}
BAR_PX = 3


def clean_spans(spans: list[dict], length: int) -> list[dict]:
    """Spans clipped to the text, empty or malformed ones dropped, slots assigned."""
    kept = []
    for s in spans:
        try:
            start, end = max(0, int(s["start"])), min(length, int(s["end"]))
        except (KeyError, TypeError, ValueError):
            continue
        if start < end:
            kept.append(dict(s, start=start, end=end))
    kept.sort(key=lambda s: (s["start"], -(s["end"] - s["start"])))
    slot_ends: list[int] = []
    for s in kept:
        free = next((i for i, e in enumerate(slot_ends) if e <= s["start"]), None)
        if free is None:
            free = len(slot_ends)
            slot_ends.append(0)
        slot_ends[free] = s["end"]
        s["slot"] = free
    return kept


def render(text: str, spans: list[dict], paragraphs: list[dict] | None = None,
           anchors: set[int] | None = None, focus: tuple[int, int] | None = None) -> Markup:
    """HTML for ``text`` with ``spans`` underlined and labelled, paragraph by paragraph."""
    spans = clean_spans(spans, len(text))
    anchors = set(anchors or ())
    blocks = _blocks(text, paragraphs)
    out = []
    for block in blocks:
        inner = _render_range(text, block["start"], block["end"], spans, anchors, focus)
        role = str(block.get("role") or "body")
        tag = "" if role == "body" else f'<span class="ng-role-tag">{escape(role)}</span>'
        out.append(f'<p class="ng-para ng-role-{escape(role)}" data-role="{escape(role)}"'
                   f' data-start="{block["start"]}">{tag}{inner}</p>')
    return Markup("\n".join(out))


def _blocks(text: str, paragraphs: list[dict] | None) -> list[dict]:
    """Paragraph ranges covering the text; gaps between them become plain blocks."""
    paras = sorted((p for p in paragraphs or [] if 0 <= p["start"] < p["end"] <= len(text)),
                   key=lambda p: p["start"])
    blocks, pos = [], 0
    for p in paras:
        if p["start"] < pos:
            continue
        if text[pos:p["start"]].strip():
            blocks.append({"start": pos, "end": p["start"], "role": "body"})
        blocks.append(p)
        pos = p["end"]
    if text[pos:].strip() or not blocks:
        blocks.append({"start": pos, "end": len(text), "role": "body"})
    return blocks


def _render_range(text, lo, hi, spans, anchors, focus) -> str:
    inside = [s for s in spans if s["start"] < hi and s["end"] > lo]
    cuts = {lo, hi}
    for s in inside:
        cuts.update(x for x in (s["start"], s["end"]) if lo < x < hi)
    cuts.update(a for a in anchors if lo < a < hi)
    if focus:
        cuts.update(x for x in focus if lo < x < hi)
    cuts = sorted(cuts)
    out = []
    for a, b in zip(cuts, cuts[1:]):
        active = [s for s in inside if s["start"] <= a and s["end"] >= b]
        out.append(_segment(text[a:b], a, active, a in anchors, focus))
    return "".join(out)


def _segment(piece: str, start: int, active: list[dict], anchored: bool, focus) -> str:
    attrs = []
    if anchored:
        attrs.append(f'id="c{start}"')
    classes = ["ng-seg"]
    if focus and focus[0] <= start < focus[1]:
        classes.append("ng-focus")
    labels = ""
    if active:
        depth = max(s["slot"] for s in active) + 1
        colors = ["transparent"] * depth
        for s in active:
            colors[s["slot"]] = KIND_COLORS.get(s.get("kind"), "#555")
            if s["start"] == start:
                labels += (f'<span class="ng-label ng-k-{escape(s.get("kind", ""))}"'
                           f' data-kind="{escape(s.get("kind", ""))}">{escape(s.get("label", ""))}</span>')
        shadows = ", ".join(f"0 {(i + 1) * BAR_PX}px 0 0 {c}" for i, c in enumerate(colors))
        attrs.append(f'style="box-shadow: {shadows}; margin-bottom: {depth * BAR_PX}px"')
        classes += sorted({f"ng-in-{escape(s.get('kind', ''))}" for s in active})
        ids = " ".join(sorted({str(s["id"]) for s in active if s.get("id")}))
        if ids:
            attrs.append(f'data-ids="{escape(ids)}"')
        title = "; ".join(f"{s.get('kind', '')}: {s.get('label', '')}" for s in active)
        attrs.append(f'title="{escape(title)}"')
    attrs.insert(0, f'class="{" ".join(classes)}"')
    return f'<span {" ".join(attrs)}>{labels}{escape(piece)}</span>'
