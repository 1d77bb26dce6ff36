"""The working form of a quote while the finders and resolvers fill it in."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from newsgraph.nlp.extensions import doc_text

_EDGE_PUNCT = ",;:-\u2013\u2014 \n\t"


@dataclass
class QuoteCandidate:
    start: int  # content, characters
    end: int
    how: str  # clause | infinitive | object | preposition | noun | according | marks | floating
    cue: Token | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    speaker_head: Token | None = None
    addressee_head: Token | None = None
    according_span: tuple[int, int] | None = None  # source of an "according to" qualifying this
    according_text: str | None = None
    medium: str | None = None
    date_tokens: list[Token] = field(default_factory=list)
    passive: bool = False  # cue is passive with no agent ("it was reported that")
    inherited_speaker: object | None = None  # a Speaker carried from an earlier quote
    reliability: float = 1.0

    def overlap(self, start: int, end: int) -> int:
        return max(0, min(self.end, end) - max(self.start, start))


def trimmed(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Strip spaces and dangling clause punctuation from a content span."""
    text = doc_text(doc)
    while start < end and text[start] in _EDGE_PUNCT:
        start += 1
    while end > start and text[end - 1] in _EDGE_PUNCT:
        end -= 1
    return start, end


def token_range(doc: Doc, first: int, last: int) -> tuple[int, int]:
    """Characters of tokens ``first..last`` inclusive, trimmed."""
    return trimmed(doc, doc[first].idx, doc[last].idx + len(doc[last].text))
