"""Read MEANTIME CAT XML (token-based standoff) into plain dataclasses.

General on purpose: every markable (ENTITY_MENTION, EVENT_MENTION, TIMEX3,
VALUE, SIGNAL, and token-less instances such as ENTITY/EVENT with their
``external_ref``) and every relation (REFERS_TO, HAS_PARTICIPANT, TLINK,
CROSS_DOC_* ...) is kept with its attributes, so entity, event and time
evaluations can all build on it. The text is rebuilt from the tokens, one
sentence per line, and each token gets character offsets into it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.errors import BadInput
from newsgraph.eval.timeml import GoldTimex

_NO_SPACE_BEFORE = frozenset({",", ".", ":", ";", "!", "?", "%", ")", "]", "}", "'s", "’s", "n't",
                              "'re", "'ve", "'ll", "'d", "'m", "''"})
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "``", "US$", "£", "€"})


@dataclass
class Token:
    t_id: str
    sentence: int
    number: int
    text: str
    start: int = 0
    end: int = 0


@dataclass
class Markable:
    """A CAT markable: its tag, id, attributes and the tokens it covers (maybe none)."""

    tag: str
    m_id: str
    attrs: dict
    token_ids: list[str] = field(default_factory=list)


@dataclass
class Relation:
    tag: str
    r_id: str
    attrs: dict
    sources: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)


@dataclass
class CatDocument:
    name: str
    path: str
    text: str
    tokens: list[Token]
    markables: dict[str, Markable]
    relations: list[Relation]
    dct: str | None = None
    token_index: dict[str, Token] = field(default_factory=dict)

    def span(self, markable: Markable) -> tuple[int, int] | None:
        """Character extent of a markable (first to last token), None if it has no tokens."""
        toks = [self.token_index[t] for t in markable.token_ids if t in self.token_index]
        if not toks:
            return None
        return min(t.start for t in toks), max(t.end for t in toks)

    def text_of(self, markable: Markable) -> str:
        extent = self.span(markable)
        return self.text[extent[0]:extent[1]] if extent else ""

    def markables_of(self, *tags: str) -> list[Markable]:
        return [m for m in self.markables.values() if m.tag in tags]

    def relations_of(self, *tags: str) -> list[Relation]:
        return [r for r in self.relations if r.tag in tags]

    def sentence_spans(self) -> list[tuple[int, int, int]]:
        """(sentence number, start, end) for each rebuilt line."""
        spans: dict[int, list[int]] = {}
        for tok in self.tokens:
            s = spans.setdefault(tok.sentence, [tok.start, tok.end])
            s[0], s[1] = min(s[0], tok.start), max(s[1], tok.end)
        return [(n, a, b) for n, (a, b) in sorted(spans.items())]

    def annotated_end(self) -> int:
        """End of the last sentence holding any markable: MEANTIME annotates only the
        first sentences of each article, so text after this offset has no gold."""
        last = -1
        for m in self.markables.values():
            for t in m.token_ids:
                if t in self.token_index:
                    last = max(last, self.token_index[t].sentence)
        ends = [end for n, _, end in self.sentence_spans() if n <= last]
        return max(ends) if ends else 0

    def creation_time_sentences(self) -> set[int]:
        """Sentences holding the document creation time (the dateline)."""
        out = set()
        for m in self.markables_of("TIMEX3"):
            if m.attrs.get("functionInDocument") == "CREATION_TIME":
                out |= {self.token_index[t].sentence for t in m.token_ids if t in self.token_index}
        return out

    def gold_timexes(self) -> list[GoldTimex]:
        """TIMEX3 markables with tokens, minus the creation time, sorted by start."""
        out = []
        for m in self.markables_of("TIMEX3"):
            if m.attrs.get("functionInDocument") == "CREATION_TIME":
                continue
            extent = self.span(m)
            if extent is None:
                continue
            out.append(GoldTimex(extent[0], extent[1], self.text[extent[0]:extent[1]],
                                 m.attrs.get("type", ""), m.attrs.get("value", ""), m.m_id,
                                 m.attrs.get("mod") or None, m.attrs.get("anchorTimeID") or None))
        return sorted(out, key=lambda t: t.start)


def _rebuild_text(tokens: list[Token]) -> str:
    parts: list[str] = []
    pos = 0
    prev: Token | None = None
    for tok in tokens:
        if prev is not None:
            if tok.sentence != prev.sentence:
                sep = "\n"
            elif tok.text in _NO_SPACE_BEFORE or prev.text in _NO_SPACE_AFTER:
                sep = ""
            else:
                sep = " "
            parts.append(sep)
            pos += len(sep)
        tok.start, tok.end = pos, pos + len(tok.text)
        parts.append(tok.text)
        pos = tok.end
        prev = tok
    return "".join(parts)


def read_cat(path: str | Path) -> CatDocument:
    """One CAT XML file; raises BadInput naming the file when it cannot be read."""
    path = Path(path)
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise BadInput(str(path), f"not a readable CAT XML file: {exc}") from None
    tokens = []
    for el in root.iter("token"):
        try:
            tokens.append(Token(el.get("t_id", ""), int(el.get("sentence", 0)),
                                int(el.get("number", 0)), el.text or ""))
        except ValueError:
            raise BadInput(str(path), f"token {el.get('t_id')!r} has a non-numeric position") from None
    text = _rebuild_text(tokens)
    markables: dict[str, Markable] = {}
    section = root.find("Markables")
    for el in (section if section is not None else []):
        attrs = {k: v for k, v in el.attrib.items() if k != "m_id"}
        ids = [a.get("t_id") for a in el.iter("token_anchor")]
        markables[el.get("m_id", "")] = Markable(el.tag, el.get("m_id", ""), attrs, ids)
    relations = []
    section = root.find("Relations")
    for el in (section if section is not None else []):
        attrs = {k: v for k, v in el.attrib.items() if k != "r_id"}
        relations.append(Relation(el.tag, el.get("r_id", ""), attrs,
                                  [s.get("m_id") for s in el.findall("source")],
                                  [t.get("m_id") for t in el.findall("target")]))
    dct = next((m.attrs.get("value") for m in markables.values()
                if m.tag == "TIMEX3" and m.attrs.get("functionInDocument") == "CREATION_TIME"), None)
    doc = CatDocument(root.get("doc_name", path.stem), str(path), text, tokens, markables,
                      relations, dct or None)
    doc.token_index = {t.t_id: t for t in tokens}
    if not doc.dct or not re.match(r"^\d{4}-\d{2}-\d{2}", doc.dct):
        doc.dct = _dateline_date(text) or doc.dct  # some creation times are malformed
    return doc


_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]
_MONTH_NAMES = "|".join(m.title() for m in _MONTHS)
_DATELINE = re.compile(rf"^({_MONTH_NAMES})\s+(\d{{1,2}}),\s+(\d{{4}})\s*$", re.MULTILINE)


def _dateline_date(text: str) -> str | None:
    """Wikinews articles carry their date on a line of its own ("May 07, 2009")."""
    head = "\n".join(text.split("\n")[:3])
    match = _DATELINE.search(head)
    if not match:
        return None
    month = _MONTHS.index(match[1].lower()) + 1
    return f"{int(match[3]):04d}-{month:02d}-{int(match[2]):02d}"


def read_cat_dir(directory: str | Path) -> list[CatDocument]:
    """Every CAT ``*.xml`` file under ``directory`` (recursively), sorted by path."""
    directory = Path(directory)
    if not directory.is_dir():
        raise BadInput(str(directory), "MEANTIME directory not found")
    return [read_cat(p) for p in sorted(directory.rglob("*.xml"))]
