"""Text repairs on one paragraph: mojibake, lost dashes and apostrophes, quotes, spaces.

Repairs that move characters (ftfy, whitespace) run first; the later ones replace
one character by one, so the positions they report stay valid in the final text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import ftfy
import yaml

EM_DASH = "\u2014"
LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85\x0b\x0c]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_SPACES = re.compile(r" {2,}")
# A lost dash: "?" (or U+FFFD) with a space on each side, between two non-spaces.
_SPACED_MARK = re.compile(r"(?<=\S) ([?\ufffd]) (?=\S)")
_SENTENCE_END = re.compile(r"[.!?]\s+|^")
_FTFY_CONFIG = ftfy.TextFixerConfig(uncurl_quotes=False, fix_line_breaks=False, explain=True)


@dataclass
class Repaired:
    text: str
    changes: list[tuple[int | None, str]] = field(default_factory=list)  # (pos in text, what)


@lru_cache(maxsize=1)
def repair_data() -> dict:
    raw = resources.files("newsgraph.data").joinpath("text_repairs.yaml").read_text("utf-8")
    data = yaml.safe_load(raw)
    endings = "|".join(sorted(data["apostrophe_endings"], key=len, reverse=True))
    data["apostrophe_re"] = re.compile(rf"(?<=[A-Za-z])[?\ufffd](?=(?:{endings})\b)")
    data["quote_table"] = str.maketrans({**{c: '"' for c in data["double_quotes"]},
                                         **{c: "'" for c in data["single_quotes"]}})
    data["space_re"] = re.compile(f"[{data['space_like']}]")
    data["invisible_re"] = re.compile(f"[{data['invisible']}]")
    data["openers"] = frozenset(data["question_openers"])
    return data


def repair_paragraph(text: str) -> Repaired:
    data = repair_data()
    out = Repaired(text)
    if not text.isascii():
        fixed, steps = ftfy.fix_and_explain(text, config=_FTFY_CONFIG)
        if fixed != text and _is_mojibake_fix(steps):
            out.changes.append((None, "mojibake repaired (" + ", ".join(f"{a} {b}" for a, b in steps) + ")"))
        text = fixed
        text = data["invisible_re"].sub("", text)
        text = data["space_re"].sub(" ", text)
    text = _CONTROL.sub("", text)
    text = _SPACES.sub(" ", text).strip()
    chars = list(text)
    for pos in _lost_dashes(text, data["openers"]):
        chars[pos] = EM_DASH
        out.changes.append((pos, "dash restored"))
    for m in data["apostrophe_re"].finditer(text):
        chars[m.start()] = "'"
        out.changes.append((m.start(), "apostrophe restored"))
    text = "".join(chars)
    unified = text.translate(data["quote_table"])
    if unified != text:
        count = sum(1 for a, b in zip(text, unified) if a != b)
        out.changes.append((None, f"quotes unified ({count})"))
    out.text = unified
    return out


def _is_mojibake_fix(steps) -> bool:
    # ftfy's NFC / width / ligature steps are routine; encode/decode pairs are mojibake.
    return any(kind in ("encode", "decode", "transcode") for kind, _ in steps or ())


def _lost_dashes(text: str, openers: frozenset) -> list[int]:
    """Positions of spaced "?" marks that stand for a lost dash.

    A real question mark closes a clause: it is followed by a capital (a new
    sentence) and the clause before it reads as a question. A lost dash is
    followed by a lower-case word or a digit, or it pairs with another lost dash
    around a parenthetical, or the clause before it is not a question.
    """
    marks = list(_SPACED_MARK.finditer(text))
    if not marks:
        return []
    sure, doubtful = [], []
    for m in marks:
        pos = m.start(1)
        nxt = text[m.end()]
        if m.group(1) == "\ufffd" or nxt.islower() or nxt.isdigit():
            sure.append(pos)
        else:
            doubtful.append(pos)
    chars = list(text)
    for pos in sure:
        chars[pos] = EM_DASH
    for pos in doubtful:
        clause = _clause_before("".join(chars), pos)
        closes_pair = clause.count(EM_DASH) % 2 == 1
        if closes_pair or not _reads_as_question(clause, openers):
            sure.append(pos)
            chars[pos] = EM_DASH
    return sorted(sure)


def _clause_before(text: str, pos: int) -> str:
    start = 0
    for m in _SENTENCE_END.finditer(text, 0, pos):
        start = m.end()
    return text[start:pos]


def _reads_as_question(clause: str, openers: frozenset) -> bool:
    words = clause.split()
    return bool(words) and words[0].strip("\"'(").lower() in openers
