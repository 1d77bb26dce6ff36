"""``Doc._`` extensions through which newsgraph components talk to each other.

Set before the pipeline runs (by :func:`newsgraph.nlp.pipeline.make_doc`):

- ``doc._.ng_published``: the document creation time as an ISO date or None.
- ``doc._.ng_paragraphs``: list of :class:`newsgraph.model.Paragraph`.

Set by components, as lists of :mod:`newsgraph.model` records with character
offsets into ``doc.text``:

- ``doc._.ng_home_country`` (newsgraph_entities): the ISO code of the country
  the article is set in, when one dominates its evidence, else None; titles
  without a country ("the prime minister") resolve in it.
- ``doc._.ng_entities`` (newsgraph_entities), ``doc._.ng_timexes``
  (newsgraph_timex), ``doc._.ng_quotes`` (newsgraph_quotes), ``doc._.ng_events``
  (newsgraph_events).

A spaCy user who adds one of our components to their own pipeline without
setting paragraphs gets the whole text treated as body.

Shared readings, one place each: :func:`article_day` (the article's date, for
every component that resolves or bounds a date), :func:`paragraphs`,
:func:`sentences` and the paragraph role of a character. Components cache
per-Doc work in ``doc.user_data`` under ``ng_`` keys that hold no reference to
the Doc itself (``ng_text``: the text, ``ng_paragraph_index``, ``ng_sentence_bounds``,
``ng_quoted_spans``: the quotation pairs of ``attribution.marks``,
``ng_entity_index`` and ``ng_entity_gender`` of the entities component).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date

from spacy.tokens import Doc, Span, Token

from newsgraph.model import EXTRACTABLE_ROLES, Paragraph

DOC_EXTENSIONS = {
    "ng_published": None,
    "ng_paragraphs": None,
    "ng_entities": None,
    "ng_home_country": None,
    "ng_timexes": None,
    "ng_quotes": None,
    "ng_events": None,
    "ng_meta": None,
}


_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


def published_day(published) -> date | None:
    """An ISO date or datetime string as a date; anything unparseable is unknown."""
    if not published or not isinstance(published, str):
        return None
    match = _ISO_DAY.match(published)
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def article_day(doc: Doc) -> date | None:
    """The article's date (``doc._.ng_published``), the one reading every component uses."""
    return published_day(doc._.ng_published)


def article_iso(doc: Doc) -> str | None:
    """:func:`article_day` as ``YYYY-MM-DD``."""
    day = article_day(doc)
    return day.isoformat() if day else None


def register_extensions() -> None:
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


register_extensions()


def doc_text(doc: Doc) -> str:
    """``doc.text``, which spaCy rebuilds by joining every token on each access, read once per
    Doc (``make_doc`` stores the article's text, which the tokenizer keeps character for
    character). The cache is checked against the Doc's length, so a Doc edited since is reread."""
    cached = doc.user_data.get("ng_text")
    if cached is not None and cached[0] == len(doc):
        return cached[1]
    text = doc.text
    doc.user_data["ng_text"] = (len(doc), text)
    return text


def remember_text(doc: Doc, text: str) -> None:
    """Store the text ``doc`` was tokenised from, for :func:`doc_text`."""
    doc.user_data["ng_text"] = (len(doc), text)


def paragraphs(doc: Doc) -> list[Paragraph]:
    paras = doc._.ng_paragraphs
    if not paras:
        # The doc's length without building doc.text, which joins every token.
        end = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
        return [Paragraph(0, 0, end, "body")]
    return paras


def sentences(doc: Doc) -> list[Span]:
    """``list(doc.sents)``, whose boundaries are found once per Doc: iterating
    ``doc.sents`` walks every token each time. Only the token offsets are cached
    (``doc.user_data["ng_sentence_bounds"]``), so the cache holds no reference to the Doc."""
    cached = doc.user_data.get("ng_sentence_bounds")
    if cached is None or cached[0] != len(doc):
        cached = (len(doc), [(s.start, s.end) for s in doc.sents])
        doc.user_data["ng_sentence_bounds"] = cached
    return [doc[a:b] for a, b in cached[1]]


def _index(doc: Doc) -> tuple[list[int], list[int], list[str]] | None:
    """Paragraph starts, ends and roles, built once per Doc (None: all body)."""
    cached = doc.user_data.get("ng_paragraph_index")
    paras = doc._.ng_paragraphs
    if cached is not None and cached[0] is paras:
        return cached[1]
    index = None
    if paras:
        index = ([p.start for p in paras], [p.end for p in paras], [p.role for p in paras])
    doc.user_data["ng_paragraph_index"] = (paras, index)
    return index


def role_at(doc: Doc, char: int) -> str:
    """Paragraph role of the character offset ``char``."""
    index = _index(doc)
    if index is None:
        return "body"
    starts, ends, roles = index
    i = bisect_right(starts, char) - 1
    if i < 0:
        return "body"
    return roles[i] if starts[i] <= char < max(ends[i], starts[i] + 1) else "body"


def extractable(doc: Doc, obj: Span | Token | int) -> bool:
    """True when nothing forbids extracting from this span, token or offset.

    Related-story links, syndication footers, bylines and captions stay in the
    text but are never a source of entities, quotes, timexes or events.
    """
    if isinstance(obj, int):
        char = obj
    elif isinstance(obj, Token):
        char = obj.idx
    else:
        char = obj.start_char
    return role_at(doc, char) in EXTRACTABLE_ROLES


def extractable_sents(doc: Doc):
    """Sentences that lie in body or heading paragraphs."""
    for sent in doc.sents:
        if extractable(doc, sent):
            yield sent
