"""Read BRAT standoff attribution annotations (the PolNeAR layout).

PolNeAR stores each article as ``<split>/text/NAME.txt`` and one or more
annotations ``<split>/attributions/NAME_ANNOTATOR.ann``. A text-bound line
(``T``) is ``ID<TAB>LABEL START END[;START END...]<TAB>TEXT``; an event line
(``E``) ties an attribution together:
``E1<TAB>Attribution:T4 Content:T3 Cue:T2 Source:T1`` (``Content2`` adds a
second content part; ``Attribution-no-source`` marks one without a source).
Malformed lines are skipped, never fatal: the scorer must not die on a stray
line in one file out of a thousand.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.errors import BadInput

Spans = list[tuple[int, int]]


@dataclass
class TextBound:
    id: str
    label: str
    spans: Spans
    text: str


@dataclass
class Attribution:
    """One annotated attribution: who (source) says (cue) what (content)."""

    id: str
    content: Spans
    cue: Spans = field(default_factory=list)
    source: Spans = field(default_factory=list)

    @property
    def content_start(self) -> int:
        return min(s for s, _ in self.content)

    @property
    def content_end(self) -> int:
        return max(e for _, e in self.content)


@dataclass
class BratDocument:
    name: str
    text: str
    attributions: list[Attribution]
    ann_path: str
    publication_date: str | None = None


def _parse_spans(field_text: str) -> Spans:
    spans = []
    for part in field_text.split(";"):
        start, end = part.split()
        spans.append((int(start), int(end)))
    return spans


def parse_ann(ann_text: str) -> tuple[dict[str, TextBound], list[dict[str, str]]]:
    """Text-bound annotations by id and event role maps, tolerant of junk lines."""
    bounds: dict[str, TextBound] = {}
    events: list[dict[str, str]] = []
    for line in ann_text.splitlines():
        cols = line.split("\t")
        if len(cols) < 2 or not cols[0]:
            continue
        kind = cols[0][0]
        try:
            if kind == "T":
                label, _, offsets = cols[1].partition(" ")
                bounds[cols[0]] = TextBound(cols[0], label, _parse_spans(offsets),
                                            cols[2] if len(cols) > 2 else "")
            elif kind == "E":
                roles = {"_id": cols[0]}
                for arg in cols[1].split():
                    role, _, ref = arg.partition(":")
                    if role and ref:
                        roles.setdefault(role, ref)
                events.append(roles)
        except ValueError:
            continue
    return bounds, events


def attributions_from_ann(ann_text: str) -> list[Attribution]:
    bounds, events = parse_ann(ann_text)
    out = []
    for roles in events:
        content: Spans = []
        for role in ("Content", "Content2"):
            if roles.get(role) in bounds:
                content.extend(bounds[roles[role]].spans)
        if not content:
            continue
        cue = bounds[roles["Cue"]].spans if roles.get("Cue") in bounds else []
        source = bounds[roles["Source"]].spans if roles.get("Source") in bounds else []
        out.append(Attribution(roles["_id"], sorted(content), cue, source))
    return out


def _metadata_dates(data_dir: Path) -> dict[str, str]:
    path = data_dir / "metadata.tsv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as fh:
        return {row["filename"]: row.get("publication_date") or None
                for row in csv.DictReader(fh, delimiter="\t")}


def read_split(data_dir: str | Path, split: str) -> list[BratDocument]:
    """All articles of a PolNeAR split, one annotation file each.

    Articles annotated twice keep the file whose name sorts first (the
    annotator suffix decides), so every run scores against the same gold.
    """
    root = Path(data_dir)
    split_dir = root / split
    text_dir, ann_dir = split_dir / "text", split_dir / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise BadInput(str(split_dir), "expected text/ and attributions/ folders (PolNeAR layout)")
    dates = _metadata_dates(root)
    chosen: dict[str, Path] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        name = ann.stem.rsplit("_", 1)[0]
        chosen.setdefault(name, ann)
    docs = []
    for name, ann in sorted(chosen.items()):
        txt = text_dir / f"{name}.txt"
        if not txt.exists():
            continue
        text = txt.read_text(encoding="utf-8")
        atts = attributions_from_ann(ann.read_text(encoding="utf-8"))
        docs.append(BratDocument(name, text, atts, str(ann), dates.get(name)))
    return docs
