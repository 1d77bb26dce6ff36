"""Paragraph roles: body, heading, related, footer, byline, caption.

Lexical cues (``data/paragraph_cues.yaml``) decide first; then structure: a short
line without final punctuation is headline-like. A headline-like line that ends
in "?" or is short introduces a section (heading); a longer one, or one in the
"Kicker: headline" / "'Quote': headline" shape, is a link to another story
(related). Reader hints (HTML <h2>, link-only paragraphs) count as evidence too.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml

#: Headline-like lines with at least this many words are taken for links to other stories.
RELATED_MIN_WORDS = 9
#: Lines longer than this are never headings or related links, whatever their punctuation.
HEADLINE_MAX_WORDS = 25
#: How many paragraphs from the end "footer_tail" cues look at.
TAIL_PARAGRAPHS = 4
#: How many paragraphs from the start bylines are looked for.
HEAD_PARAGRAPHS = 6

_TERMINAL = re.compile(r"[.!?…:;,]['\"’”)\]]*$|[.!?…]\s*\[\d+\]$")
_QUESTION_END = re.compile(r"\?['\"’”)]*$")
_KICKER = re.compile(r"^(?:['\"‘“][^'\"’”]{1,80}['\"’”]|[^:.?!]{2,60}):\s+\S")
_INNER_SENTENCE = re.compile(r"[.!?]['\"’”)]*\s+[A-Z\"']")
_WORD = re.compile(r"\w+(?:['’.-]\w+)*")


@lru_cache(maxsize=1)
def cues() -> dict[str, list[re.Pattern]]:
    raw = resources.files("newsgraph.data").joinpath("paragraph_cues.yaml").read_text("utf-8")
    data = yaml.safe_load(raw)
    return {key: [re.compile(p, re.IGNORECASE) for p in patterns] for key, patterns in data.items()}


def _matches(kind: str, text: str) -> re.Match | None:
    for pattern in cues()[kind]:
        m = pattern.search(text)
        if m:
            return m
    return None


def syndication_outlet(text: str) -> str | None:
    """The outlet named by a note like "This article originally appeared on X: ...", if any."""
    m = _matches("syndication", text)
    if not m:
        return None
    rest = text[m.end():]
    rest = re.split(r":\s|\s[-–—|]\s|\.\s|,\s|\.$| on (?:\d|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr"
                    r"|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b)", rest, maxsplit=1)[0]
    outlet = rest.strip(" .:;,'\"")
    return outlet if 0 < len(outlet) <= 80 else None


def classify_paragraphs(paragraphs: list[str], hints: dict[int, str] | None = None,
                        title_idx: int | None = None) -> list[str]:
    """One role per paragraph; ``hints`` maps paragraph index to a reader's role hint."""
    hints = hints or {}
    n = len(paragraphs)
    return [_role(text, i, n, hints.get(i), title_idx) for i, text in enumerate(paragraphs)]


def _role(text: str, i: int, n: int, hint: str | None, title_idx: int | None) -> str:
    words = len(_WORD.findall(text))
    if i == title_idx:
        return "heading"
    if hint in ("related", "footer", "byline", "caption"):
        return hint
    lexical = _lexical_role(text, i, n, words)
    if lexical:
        return lexical
    if hint == "heading":
        return "heading"
    if hint == "body" or words == 0 or words > HEADLINE_MAX_WORDS:
        return "body"
    return _structural_role(text, i, words, title_idx)


def _lexical_role(text: str, i: int, n: int, words: int) -> str | None:
    if words <= 60 and (_matches("syndication", text) or _matches("footer", text)):
        return "footer"
    if i >= n - TAIL_PARAGRAPHS and words <= 40 and _matches("footer_tail", text):
        return "footer"
    if words <= 15 and (i < HEAD_PARAGRAPHS or i >= n - 2) and _matches("byline", text):
        return "byline"
    if words <= 40 and _matches("caption", text):
        return "caption"
    if words <= 30 and _matches("related", text):
        return "related"
    return None


def _structural_role(text: str, i: int, words: int, title_idx: int | None) -> str:
    single_sentence = not _INNER_SENTENCE.search(text)
    if _QUESTION_END.search(text):
        starts_quoted = text[:1] in "\"'“‘"
        return "heading" if single_sentence and words <= 20 and not starts_quoted else "body"
    if _TERMINAL.search(text):
        return "body"
    if title_idx is not None and i == title_idx + 1:
        return "heading"  # a standfirst / subtitle right under the title
    if _KICKER.search(text) and words >= 5:
        return "related"
    return "related" if words >= RELATED_MIN_WORDS else "heading"
