"""Render a stored article for the terminal with what was found in it marked, like the web page:
entities, time expressions, quotes, their cues and event triggers.

A terminal cannot stack underlines as the web page does, so quotes are drawn
as brackets around their stretch of text (``«…»`` with their type) and the
short spans (entities, dates, cues, triggers) are marked inside them; where two
short spans overlap, the outer one wins.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

import click

from newsgraph.store.queries import get_article

ENTITY_COLOURS = {"PERSON": "cyan", "ORG": "magenta", "GPE": "green", "NORP": "yellow",
                  "LOC": "green", "FAC": "blue"}
#: Colours of the other kinds of span, after the web page's (``web/spans.py`` KIND_COLORS).
KIND_COLOURS = {"timex": "red", "cue": "bright_magenta", "event": "bright_red", "quote": "blue"}


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    label: str
    colour: str


def _inline_marks(db: sqlite3.Connection, article_id: str) -> list[Mark]:
    """Entities, time expressions, quote cues and event triggers, without overlaps."""
    q = (article_id,)
    marks = [Mark(r["start"], r["end"], r["label"], ENTITY_COLOURS.get(r["label"], "white"))
             for r in db.execute('SELECT start, "end", label FROM mentions WHERE article_id = ?', q)]
    marks += [Mark(r["start"], r["end"], r["value"] or r["type"], KIND_COLOURS["timex"])
              for r in db.execute('SELECT start, "end", type, value FROM timexes WHERE article_id = ?', q)]
    marks += [Mark(r["cue_start"], r["cue_end"], "CUE", KIND_COLOURS["cue"])
              for r in db.execute("SELECT cue_start, cue_end FROM quotes WHERE article_id = ? "
                                  "AND cue_start IS NOT NULL AND cue_end > cue_start", q)]
    marks += [Mark(r["trigger_start"], r["trigger_end"], f"EVENT {r['type']}", KIND_COLOURS["event"])
              for r in db.execute("SELECT trigger_start, trigger_end, type FROM events WHERE article_id = ? "
                                  "AND trigger_start IS NOT NULL AND trigger_end > trigger_start", q)]
    same: dict[tuple[int, int], Mark] = {}
    for m in marks:  # one span, several roles ("accused": a cue and an ACCUSE trigger): one mark, both labels
        seen = same.get((m.start, m.end))
        same[(m.start, m.end)] = m if seen is None else Mark(m.start, m.end, f"{seen.label} · {m.label}", seen.colour)
    marks = sorted(same.values(), key=lambda m: (m.start, -m.end))
    kept, last_end = [], -1
    for mark in marks:  # the terminal cannot stack overlaps: keep the outermost
        if mark.start >= last_end:
            kept.append(mark)
            last_end = mark.end
    return kept


def _quote_marks(db: sqlite3.Connection, article_id: str) -> list[Mark]:
    return [Mark(r["start"], r["end"], f"QUOTE {r['type']}", KIND_COLOURS["quote"])
            for r in db.execute('SELECT start, "end", type FROM quotes WHERE article_id = ? AND "end" > start '
                                "ORDER BY start", (article_id,))]


def _outside(pos: int, marks: list[Mark], opening: bool) -> int:
    """``pos`` moved out of any short mark it falls inside (to its start if opening, else its end)."""
    for m in marks:
        if m.start < pos < m.end:
            return m.start if opening else m.end
    return pos


class _Painter:
    def __init__(self, colour: bool):
        self.colour = colour

    def inline(self, piece: str, mark: Mark) -> str:
        if self.colour:
            return click.style(piece, fg=mark.colour, bold=True) + click.style(f"[{mark.label}]", dim=True)
        return f"[{piece}|{mark.label}]"

    def quote_open(self, mark: Mark) -> str:
        return click.style("«", fg=mark.colour, bold=True) if self.colour else "«"

    def quote_close(self, mark: Mark) -> str:
        if self.colour:
            return click.style("»", fg=mark.colour, bold=True) + click.style(f"[{mark.label}]", dim=True)
        return f"»[{mark.label}]"


def _paragraph(text: str, start: int, end: int, inline: list[Mark], quotes: list[Mark], paint: _Painter) -> str:
    """The text of ``start:end`` with the marks that lie in it."""
    inserts: dict[int, list[tuple[int, str]]] = {}  # offset -> (order, text): closings before openings
    for q in quotes:
        if start <= q.start < end:
            inserts.setdefault(_outside(q.start, inline, True), []).append((1, paint.quote_open(q)))
        if start < q.end <= end:
            inserts.setdefault(_outside(q.end, inline, False), []).append((0, paint.quote_close(q)))
    spans = [m for m in inline if start <= m.start and m.end <= end]
    pieces, pos = [], start
    points = sorted(set(inserts) | {m.start for m in spans})
    by_start = {m.start: m for m in spans}
    for point in points:
        if point < pos:
            continue
        pieces.append(text[pos:point])
        pos = point
        pieces += [s for _, s in sorted(inserts.get(point, []), key=lambda o: o[0])]
        mark = by_start.get(point)
        if mark:
            pieces.append(paint.inline(text[mark.start:mark.end], mark))
            pos = mark.end  # no insert lies inside a mark (see _outside)
    pieces.append(text[pos:end])
    return "".join(pieces)


def render_article(db: sqlite3.Connection, article_id: str, colour: bool = True) -> str:
    a = get_article(db, article_id)
    text = a["text"]
    inline, quotes = _inline_marks(db, a["id"]), _quote_marks(db, a["id"])
    paint = _Painter(colour)
    paragraphs = list(db.execute('SELECT start, "end", role FROM paragraphs WHERE article_id = ? ORDER BY idx',
                                 (a["id"],)))
    title = a["title"] or "(untitled)"
    if paragraphs and paragraphs[0]["role"] == "heading" and \
            text[paragraphs[0]["start"]:paragraphs[0]["end"]].strip() == (a["title"] or "").strip():
        # The text opens with the title: print it once, as the header, with its marks.
        first = paragraphs.pop(0)
        title = _paragraph(text, first["start"], first["end"], inline, quotes, paint)
    header = [click.style(title, bold=True) if colour else title,
              f"{a['outlet'] or 'unknown outlet'} · {a['published'] or 'date unknown'} · id {a['id']}",
              ""]
    lines = []
    for p in paragraphs:
        if p["role"] not in ("body", "heading"):
            plain = text[p["start"]:p["end"]]
            lines.append(click.style(f"({p['role']}) ", dim=True) + click.style(plain, dim=True)
                         if colour else f"({p['role']}) {plain}")
            continue
        body = _paragraph(text, p["start"], p["end"], inline, quotes, paint)
        if p["role"] == "heading":
            body = click.style(body, bold=True, underline=True) if colour else f"## {body}"
        lines.append(body)
    return "\n".join(header + lines) + "\n"
