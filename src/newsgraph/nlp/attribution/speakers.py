"""Turn a speaker (or addressee) phrase into a :class:`newsgraph.model.Speaker`.

The entities component owns names and coreference; this module only asks it
(:func:`newsgraph.nlp.entities.entity_at` and ``resolve_person`` over
``doc._.ng_entities``), so a speaker and an event actor are the same entity.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from newsgraph.model import Entity, Speaker
from newsgraph.nlp import entities as _entities
from newsgraph.nlp.extensions import doc_text

PERSON_PRONOUNS = {"he", "she", "him", "her"}
GROUP_PRONOUNS = {"it", "they", "them", "we"}
PRONOUNS = PERSON_PRONOUNS | GROUP_PRONOUNS | {"i", "you", "us", "who", "which", "that"}
#: Dependents that belong to the name of a speaker, not to a description of it.
_NAME_DEPS = {"compound", "det", "amod", "poss", "nmod", "case", "nummod", "quantmod", "punct"}


def doc_entities(doc: Doc) -> list[Entity]:
    """Entities of the doc, as the entities component found them."""
    return doc._.ng_entities or []


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
    root = span.root
    return _entities.entity_at(doc, root.idx, root.idx + len(root.text))


def _resolve_reference(doc: Doc, token: Token) -> Entity | list[Entity] | None:
    return _entities.resolve_person(doc, token)


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
    antecedent = relative_antecedent(head)  # "who" is written; the noun it stands for is named
    named = speaker_span(antecedent) if antecedent is not head else span
    head = antecedent
    entity = None
    if head.lower_ not in PRONOUNS:
        entity = _lookup(doc, named)
    if entity is None and (head.lower_ in PRONOUNS or head.pos_ in ("NOUN", "PRON") or _titled(head)):
        entity = _resolve_reference(doc, head)
    if isinstance(entity, list):  # "the two leaders": a group speaks
        names = [e.name for e in entity if getattr(e, "name", None)]
        if len(names) == 1:
            entity = entity[0]
        else:
            return Speaker(" and ".join(names) or span.text, None, span.start_char, span.end_char, span.text)
    if entity is None and head.lower_ not in PRONOUNS:
        entity = _named_in_description(doc, head)
    if entity is None and head.lower_ in PERSON_PRONOUNS and previous and previous.entity_id:
        return Speaker(previous.name, previous.entity_id, span.start_char, span.end_char, span.text)
    name = entity.name if entity is not None else (None if head.lower_ in PRONOUNS else _plain_name(speaker_span(head)))
    return Speaker(name, entity.id if entity is not None else None,
                   span.start_char, span.end_char, span.text)


def _titled(head: Token) -> bool:
    """"The Indonesian Economics Minister": a capitalised title with "the" describes
    someone; it is no name."""
    return head.pos_ == "PROPN" and any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)


#: Nouns for someone who speaks for a body: "a Rosneft spokesman" speaks for Rosneft.
SPOKESPERSONS = {"spokesman", "spokeswoman", "spokesperson", "spokesmen", "spokeswomen", "official",
                 "officials", "source", "sources", "representative", "representatives", "agency",
                 "office", "service", "news"}


def _named_in_description(doc: Doc, head: Token) -> Entity | None:
    """The name a description of a speaker carries: its apposition ("the statistical
    office, INSEE", "the SNP's leader, Nicola Sturgeon") or, for someone speaking for a
    body ("a Rosneft spokesman", "Reuters news agency"), that body."""
    for child in head.children:
        if child.dep_ == "appos":
            ent = _entities.entity_at(doc, child.idx, child.idx + len(child.text))
            if ent is not None and ent.type in ("PERSON", "ORG"):
                return ent
    if head.lower_ in SPOKESPERSONS:
        for child in head.children:
            if child.dep_ in ("compound", "poss", "nmod"):
                ent = _entities.entity_at(doc, child.idx, child.idx + len(child.text))
                if ent is not None and ent.type in ("ORG", "GPE"):
                    return ent
    return None


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
