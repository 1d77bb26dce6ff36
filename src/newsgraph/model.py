"""Records: plain dataclasses with character offsets into ``Article.text``.

Every stage after normalisation speaks in these. spaCy components put them on
``Doc._`` (see :mod:`newsgraph.nlp.extensions`); workers return them, never Docs,
so they cross process boundaries cheaply and are trivially serialisable.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any

PARAGRAPH_ROLES = ("body", "heading", "related", "footer", "byline", "caption")
#: Roles whose text is analysed. Other paragraphs stay in ``text`` but no
#: entity, quote, time expression or event is extracted from them.
EXTRACTABLE_ROLES = frozenset({"body", "heading"})


def text_id(text: str) -> str:
    """Article id: a hash of the normalised text, so re-ingesting is a no-op."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def stable_id(*parts: str) -> str:
    """Short deterministic id for records derived from an article."""
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


@dataclass
class Paragraph:
    idx: int
    start: int
    end: int
    role: str = "body"

    @property
    def extractable(self) -> bool:
        return self.role in EXTRACTABLE_ROLES


@dataclass
class Article:
    """A normalised article: what the pipeline analyses and every offset indexes."""

    text: str
    paragraphs: list[Paragraph]
    title: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) or datetime
    published_source: str | None = None  # where the date came from: flag, meta, htmldate, dateline, feed, warc
    url: str | None = None
    source: str | None = None  # path, "path#line", "path#record", "-" for stdin
    source_id: str | None = None  # the input's own id (JSONL id, feed guid, WARC record id)
    language: str = "en"  # ISO 639 code, detected in normalisation (or --language); only "en" is analysed
    repairs: list[str] = field(default_factory=list)  # what normalisation changed, for audit
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            self.id = text_id(self.text)


@dataclass
class Mention:
    start: int
    end: int
    text: str
    label: str


@dataclass
class Entity:
    """An entity within one article; ``id`` is the corpus-level identity."""

    id: str
    name: str
    type: str  # PERSON, ORG, GPE, NORP, LOC, FAC, ...
    mentions: list[Mention] = field(default_factory=list)
    country: str | None = None
    sector: str | None = None
    kb_id: str | None = None  # e.g. a Wikidata id from the gazetteer
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)  # titles captured from the text
    #: where the country came from: gazetteer, kb (actor dictionaries), role (a title
    #: or demonym in the text), name (words of the name), place, context (the
    #: country the article is about, for actors nothing else codes)
    country_source: str | None = None


#: ``Entity.country_source`` of a country only the article's setting gave (a default,
#: which a fact from any other article replaces in the corpus table).
COUNTRY_FROM_CONTEXT = "context"


@dataclass
class Timex:
    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION, SET
    value: str
    anchor: str | None = None  # what the value was computed from: "dct", "timex:<start>", ...
    id: str = ""


@dataclass
class Speaker:
    name: str | None
    entity_id: str | None
    start: int | None
    end: int | None
    text: str | None


@dataclass
class Quote:
    start: int
    end: int
    content: str
    type: str  # direct, indirect, mixed
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    speaker: Speaker | None = None
    addressee: Speaker | None = None
    according_to: str | None = None
    medium: str | None = None
    date: str | None = None
    date_precision: str | None = None
    date_inferred: bool = True
    id: str = ""


@dataclass
class Participant:
    role: str  # actor | recipient
    name: str | None
    entity_id: str | None
    text: str | None
    country: str | None = None
    sector: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass
class Event:
    type: str
    trigger_start: int
    trigger_end: int
    trigger_text: str
    sentence_start: int
    sentence_end: int
    mode: str | None = None
    contexts: list[str] = field(default_factory=list)
    actor: list[Participant] = field(default_factory=list)
    recipient: list[Participant] = field(default_factory=list)
    date: str | None = None
    date_precision: str | None = None
    date_inferred: bool = True
    location_entity_id: str | None = None
    location: str | None = None
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    historical: bool = False
    confidence: float = 0.5
    id: str = ""
    #: coded from the title or a heading line, not from the body (a headline event the
    #: body also reports is not kept twice: the body's report stands for it)
    in_title: bool = False


@dataclass
class Records:
    """Everything extracted from one article."""

    article: Article
    entities: list[Entity] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    error: str | None = None  # set when the pipeline failed on this article
    notes: list[str] = field(default_factory=list)  # caveats a reader should see (stored, exported)


def to_dict(record: Any) -> dict:
    return asdict(record)
