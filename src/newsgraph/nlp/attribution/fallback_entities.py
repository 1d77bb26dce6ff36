"""Stand-in for ``newsgraph_entities`` when it is absent: spaCy NER plus name chains.

Kept deliberately small and separate so it can be deleted once the entities
component exposes ``entity_at`` and ``resolve_person`` everywhere. It links a
surname ("Putin") to the fullest earlier name ending with it ("Vladimir
Putin") and a pronoun to the nearest earlier person (or organisation for
"it"/"they") that was the subject of a clause.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from newsgraph.model import Entity, Mention, stable_id

NAMED_LABELS = ("PERSON", "ORG", "GPE", "NORP")
PERSON_PRONOUNS = {"he", "she", "him", "her"}
GROUP_PRONOUNS = {"it", "they", "them", "we"}


def _canonical(ent: Span, names: list[str]) -> str:
    text = ent.text.strip()
    if ent.label_ != "PERSON":
        return text[4:] if text.lower().startswith("the ") else text
    words = text.split()
    for name in names:
        parts = name.split()
        if len(parts) > len(words) and (parts[-len(words):] == words or parts[:len(words)] == words):
            return name  # "Putin" -> "Vladimir Putin"; "Kim" -> "Kim Jong Un"
    return text


def fallback_entities(doc: Doc) -> list[Entity]:
    """Entities from the base model's NER, one per canonical name."""
    by_name: dict[str, Entity] = {}
    person_names: list[str] = []
    for ent in doc.ents:
        if ent.label_ not in NAMED_LABELS:
            continue
        name = _canonical(ent, person_names)
        if ent.label_ == "PERSON" and name not in person_names:
            person_names.append(name)
        entity = by_name.get(name)
        if entity is None:
            entity = Entity(id=stable_id(ent.label_, name), name=name, type=ent.label_)
            by_name[name] = entity
        entity.mentions.append(Mention(ent.start_char, ent.end_char, ent.text, ent.label_))
    return list(by_name.values())


def entity_at(entities: list[Entity], start: int, end: int) -> Entity | None:
    """The entity with a mention overlapping [start, end), preferring the last one."""
    best = None
    for entity in entities:
        for m in entity.mentions:
            if m.start < end and start < m.end:
                if best is None or m.start >= best[1]:
                    best = (entity, m.start)
    return best[0] if best else None


def resolve_pronoun(doc: Doc, token: Token, entities: list[Entity]) -> Entity | None:
    """Nearest earlier subject-like mention of a compatible kind."""
    word = token.lower_
    wanted = ("PERSON",) if word in PERSON_PRONOUNS else ("ORG", "GPE", "NORP", "PERSON")
    best: tuple[int, int, Entity] | None = None
    for entity in entities:
        if entity.type not in wanted:
            continue
        for m in entity.mentions:
            if m.end > token.idx or token.idx - m.start > 1500:
                continue
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            subject = span is not None and span.root.dep_ in ("nsubj", "nsubjpass", "poss", "appos")
            score = (1 if subject else 0, m.start)
            if best is None or score > best[:2]:
                best = (*score, entity)
    return best[2] if best else None
