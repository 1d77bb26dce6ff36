"""Render a stored article for the terminal, with entities and time expressions marked."""

from __future__ import annotations

import sqlite3

import click

from newsgraph.store.queries import get_article

ENTITY_COLOURS = {"PERSON": "cyan", "ORG": "magenta", "GPE": "green", "NORP": "yellow",
                  "LOC": "green", "FAC": "blue"}


def _spans(db: sqlite3.Connection, article_id: str) -> list[tuple[int, int, str, str]]:
    spans = [(r["start"], r["end"], ENTITY_COLOURS.get(r["label"], "white"), r["label"])
             for r in db.execute('SELECT start, "end", label FROM mentions WHERE article_id = ?', (article_id,))]
    spans += [(r["start"], r["end"], "red", r["value"] or r["type"])
              for r in db.execute('SELECT start, "end", type, value FROM timexes WHERE article_id = ?',
                                  (article_id,))]
    spans.sort(key=lambda s: (s[0], -s[1]))
    kept, last_end = [], -1
    for span in spans:  # the terminal cannot stack overlaps: keep the outermost
        if span[0] >= last_end:
            kept.append(span)
            last_end = span[1]
    return kept


def render_article(db: sqlite3.Connection, article_id: str, colour: bool = True) -> str:
    a = get_article(db, article_id)
    text = a["text"]
    spans = _spans(db, a["id"])
    paragraphs = list(db.execute('SELECT start, "end", role FROM paragraphs WHERE article_id = ? ORDER BY idx',
                                 (a["id"],)))
    header = [f"{a['title'] or '(untitled)'}",
              f"{a['outlet'] or 'unknown outlet'} · {a['published'] or 'date unknown'} · id {a['id']}",
              ""]
    lines = []
    for p in paragraphs:
        pieces, pos = [], p["start"]
        for start, end, fg, label in spans:
            if start < p["start"] or end > p["end"]:
                continue
            pieces.append(text[pos:start])
            piece = text[start:end]
            pieces.append(click.style(piece, fg=fg, bold=True) + click.style(f"[{label}]", dim=True)
                          if colour else f"[{piece}|{label}]")
            pos = end
        pieces.append(text[pos:p["end"]])
        body = "".join(pieces)
        if p["role"] not in ("body", "heading"):
            body = click.style(f"({p['role']}) ", dim=True) + click.style(text[p["start"]:p["end"]], dim=True) \
                if colour else f"({p['role']}) {text[p['start']:p['end']]}"
        elif p["role"] == "heading":
            body = click.style(body, bold=True, underline=True) if colour else f"## {body}"
        lines.append(body)
    return "\n".join(header + lines) + "\n"
