"""Read TimeML files (TempEval-3 style) into plain text plus gold TIMEX3 spans.

Only the ``<TEXT>`` element is analysed, as in the TempEval-3 evaluation; the
creation time comes from ``<DCT>``. Offsets index the returned ``text``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.errors import BadInput


@dataclass
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str
    tid: str = ""
    mod: str | None = None
    anchor: str | None = None


@dataclass
class TimeMLDocument:
    doc_id: str
    text: str
    dct: str | None
    timexes: list[GoldTimex] = field(default_factory=list)
    title: str | None = None
    source: str = ""


def _walk(element: ET.Element, parts: list[str], timexes: list[GoldTimex], offset: list[int]) -> None:
    """Append the text under ``element`` to ``parts``, recording TIMEX3 spans."""
    start = offset[0]
    if element.text:
        parts.append(element.text)
        offset[0] += len(element.text)
    for child in element:
        _walk(child, parts, timexes, offset)
        if child.tail:
            parts.append(child.tail)
            offset[0] += len(child.tail)
    if element.tag == "TIMEX3":
        # The covered text is filled in by the caller once the whole text is known.
        timexes.append(GoldTimex(start, offset[0], "", element.get("type", ""),
                                 element.get("value", ""), element.get("tid", ""),
                                 element.get("mod"), element.get("anchorTimeID")))


def read_timeml(path: str | Path) -> TimeMLDocument:
    """One TimeML file; raises BadInput naming the file when it cannot be read."""
    path = Path(path)
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise BadInput(str(path), f"not a readable TimeML file: {exc}") from None
    text_el = root.find("TEXT")
    if text_el is None:
        raise BadInput(str(path), "TimeML file has no <TEXT> element")
    parts: list[str] = []
    timexes: list[GoldTimex] = []
    _walk(text_el, parts, timexes, [0])
    text = "".join(parts)
    for t in timexes:
        t.text = text[t.start:t.end]
    dct = None
    dct_el = root.find("DCT")
    if dct_el is not None:
        timex = dct_el.find("TIMEX3")
        dct = timex.get("value") if timex is not None else (dct_el.text or "").strip() or None
    doc_id = (root.findtext("DOCID") or path.stem).strip()
    title = root.findtext("TITLE")
    return TimeMLDocument(doc_id, text, dct, sorted(timexes, key=lambda t: t.start),
                          title.strip() if title else None, str(path))


def read_timeml_dir(directory: str | Path) -> list[TimeMLDocument]:
    """Every ``*.tml`` file under ``directory``, sorted by name."""
    directory = Path(directory)
    if not directory.is_dir():
        raise BadInput(str(directory), "TimeML directory not found")
    return [read_timeml(p) for p in sorted(directory.rglob("*.tml"))]
