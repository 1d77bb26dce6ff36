"""``Doc._`` extensions through which newsgraph components talk to each other.

Set before the pipeline runs (by :func:`newsgraph.nlp.pipeline.make_doc`):

- ``doc._.ng_published``: the document creation time as an ISO date or None.
- ``doc._.ng_paragraphs``: list of :class:`newsgraph.model.Paragraph`.

Set by components, as lists of :mod:`newsgraph.model` records with character
offsets into ``doc.text``:

- ``doc._.ng_entities`` (newsgraph_entities), ``doc._.ng_timexes``
  (newsgraph_timex), ``doc._.ng_quotes`` (newsgraph_quotes), ``doc._.ng_events``
  (newsgraph_events).

A spaCy user who adds one of our components to their own pipeline without
setting paragraphs gets the whole text treated as body.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span, Token

from newsgraph.model import EXTRACTABLE_ROLES, Paragraph

DOC_EXTENSIONS = {
    "ng_published": None,
    "ng_paragraphs": None,
    "ng_entities": None,
    "ng_timexes": None,
    "ng_quotes": None,
    "ng_events": None,
    "ng_meta": None,
}


def register_extensions() -> None:
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


register_extensions()


def paragraphs(doc: Doc) -> list[Paragraph]:
    paras = doc._.ng_paragraphs
    if not paras:
        return [Paragraph(0, 0, len(doc.text), "body")]
    return paras


def role_at(doc: Doc, char: int) -> str:
    """Paragraph role of the character offset ``char``."""
    paras = paragraphs(doc)
    starts = [p.start for p in paras]
    i = bisect_right(starts, char) - 1
    if i < 0:
        return "body"
    p = paras[i]
    return p.role if p.start <= char < max(p.end, p.start + 1) else "body"


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
