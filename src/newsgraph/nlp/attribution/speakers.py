"""Turn a speaker (or addressee) phrase into a :class:`newsgraph.model.Speaker`.

The entities component owns coreference; this module only asks it. When
``newsgraph.nlp.entities`` offers ``entity_at``/``resolve_person`` they are
used; otherwise the small stand-in in :mod:`.fallback_entities` answers.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from newsgraph.model import Entity, Speaker
from newsgraph.nlp.attribution import fallback_entities as fallback
from newsgraph.nlp.attribution.candidate import doc_text

try:  # the entities component, when installed
    from newsgraph.nlp import entities as _entities_module
except ImportError:  # pragma: no cover - depends on what is installed
    _entities_module = None

PRONOUNS = fallback.PERSON_PRONOUNS | fallback.GROUP_PRONOUNS | {"i", "you", "us", "who", "which", "that"}
#: Dependents that belong to the name of a speaker, not to a description of it.
_NAME_DEPS = {"compound", "det", "amod", "poss", "nmod", "case", "nummod", "quantmod", "punct"}


def doc_entities(doc: Doc) -> list[Entity]:
    """Entities of the doc: the component's if it ran, else the fallback's (cached)."""
    ents = doc._.ng_entities
    if ents:
        return ents
    meta = doc._.ng_meta if isinstance(doc._.ng_meta, dict) else {}
    if "quotes_fallback_entities" not in meta:
        meta["quotes_fallback_entities"] = fallback.fallback_entities(doc)
        doc._.ng_meta = meta
    return meta["quotes_fallback_entities"]


def speaker_span(phrase_head: Token) -> Span:
    """The speaker as written: the head with its name-forming left dependents.

    "White House spokesman Josh Earnest" stays whole; an apposition or relative
    clause after it ("Victor Cha, a former official ...") is left out.
    """
    doc = phrase_head.doc
    start = phrase_head.i
    for child in phrase_head.lefts:
        if child.dep_ in _NAME_DEPS or child.dep_ in ("amod", "compound"):
            start = min(start, child.left_edge.i)
    end = phrase_head.i + 1
    for child in phrase_head.rights:
        if child.dep_ in ("compound", "flat") or (child.dep_ == "prep" and child.lower_ in ("of", "for", "at", "in")
                                                  and child.i == end):
            end = max(end, child.right_edge.i + 1)
        else:
            break
    while start < end - 1 and doc[start].is_punct:
        start += 1
    return doc[start:end]


def _lookup(doc: Doc, span: Span) -> Entity | None:
    if _entities_module is not None and hasattr(_entities_module, "entity_at"):
        try:
            root = span.root
            found = _entities_module.entity_at(doc, root.idx, root.idx + len(root.text))
        except Exception:  # a bug there must not take quotes down
            found = None
        if found is not None:
            return found
    root = span.root
    return fallback.entity_at(doc_entities(doc), root.idx, root.idx + len(root.text))


def _resolve_reference(doc: Doc, token: Token) -> Entity | None:
    if _entities_module is not None and hasattr(_entities_module, "resolve_person"):
        try:
            found = _entities_module.resolve_person(doc, token)
        except Exception:
            found = None
        if found is not None:
            return found
    if token.lower_ in fallback.PERSON_PRONOUNS | fallback.GROUP_PRONOUNS:
        return fallback.resolve_pronoun(doc, token, doc_entities(doc))
    return None


def relative_antecedent(token: Token) -> Token:
    """"who"/"which" in a relative clause stand for the noun the clause modifies."""
    if token.lower_ in ("who", "which", "that") and token.head.dep_ == "relcl":
        return token.head.head
    return token


def make_speaker(doc: Doc, head: Token | None, previous: Speaker | None = None) -> Speaker | None:
    """Speaker record for the phrase headed by ``head``."""
    if head is None:
        return None
    span = speaker_span(head) if head.lower_ not in ("who", "which", "that") else head.doc[head.i:head.i + 1]
    head = relative_antecedent(head)  # "who" is written; the noun it stands for is named
    entity = None
    if head.lower_ not in PRONOUNS:
        entity = _lookup(doc, span)
    if entity is None and (head.lower_ in PRONOUNS or head.pos_ in ("NOUN", "PRON")):
        entity = _resolve_reference(doc, head)
    if isinstance(entity, list):  # "the two leaders": a group speaks
        names = [e.name for e in entity if getattr(e, "name", None)]
        if len(names) == 1:
            entity = entity[0]
        else:
            return Speaker(" and ".join(names) or span.text, None, span.start_char, span.end_char, span.text)
    if entity is None and head.lower_ in fallback.PERSON_PRONOUNS and previous and previous.name:
        return Speaker(previous.name, previous.entity_id, span.start_char, span.end_char, span.text)
    name = entity.name if entity is not None else (None if head.lower_ in PRONOUNS else _plain_name(speaker_span(head)))
    return Speaker(name, entity.id if entity is not None else None,
                   span.start_char, span.end_char, span.text)


def _plain_name(span: Span) -> str:
    text = span.text.strip()
    return text[4:] if text.lower().startswith("the ") else text


def speaker_from_text(doc: Doc, start: int, end: int) -> Speaker:
    """Speaker for a raw character range (e.g. the X of "according to X")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        text = doc_text(doc)[start:end]
        return Speaker(text, None, start, end, text)
    return make_speaker(doc, span.root) or Speaker(span.text, None, start, end, span.text)
