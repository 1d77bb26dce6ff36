"""Actor and recipient noun phrases of a trigger, read from the dependency tree.

PLOVER conventions: the visitor is the actor and the host the recipient
(CONSULT visit); reciprocal events (meetings without a host, signings, joint
exercises, clashes) list every party as actor; in the passive the agent ("by
X") is the actor and the subject the recipient. Nominal triggers take their
actor from a possessor or demonym ("Macron's visit", "European sanctions") or
from the subject of a light verb ("made a trip", "imposed sanctions").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from newsgraph.nlp.plover.patterns import Pattern

DEFAULT_RECIPIENT_PREPS = ("to", "against", "on", "with", "at", "toward", "towards")
NOUN_RECIPIENT_PREPS = ("of", "to", "against", "on", "with", "into", "toward", "towards")
VISIT_PREPS = ("to", "in")
#: Verbs that carry a nominal event: their subject is its actor.
LIGHT_VERBS = {"make", "pay", "hold", "conduct", "carry", "launch", "impose", "stage", "give", "offer",
               "provide", "extend", "express", "voice", "begin", "start", "continue", "issue", "lodge",
               "file", "deliver", "level", "send", "take", "mount", "unleash", "wage", "order",
               "slap", "step", "intensify", "resume", "have", "organize", "organise", "lead", "call", "open"}
# "announced the visit" reports an event; its subject is not the actor.
#: Verbs whose subject is the recipient of the nominal event ("received aid").
RECEIVING_VERBS = {"receive", "get", "accept", "face", "suffer", "welcome", "host", "undergo", "endure"}
#: Verbs whose object is what a nominal event hit ("sanctions devastated X's economy").
EFFECT_TYPES = {"SANCTION", "ASSAULT", "COERCE"}
SUBJECTS = {"nsubj"}
PASSIVE_SUBJECTS = {"nsubjpass"}
OBJECTS = {"dobj", "dative", "iobj"}


@dataclass
class RoleHeads:
    actors: list[Token] = field(default_factory=list)
    recipients: list[Token] = field(default_factory=list)
    location: Token | None = None
    #: Used when no recipient above could be coded ("vowed support to Russia").
    fallback_recipients: list[Token] = field(default_factory=list)


def _pobjs(token: Token, preps: tuple[str, ...]) -> list[Token]:
    out = []
    for child in token.children:
        if child.dep_ in {"prep", "dative"} and child.lower_ in preps:
            out.extend(g for g in child.children if g.dep_ == "pobj")
    return out


def _agent(token: Token) -> list[Token]:
    return [g for c in token.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]


def clause_subject(token: Token) -> tuple[list[Token], bool]:
    """Subject of the trigger's clause, climbing through xcomp/conj chains.

    Returns (subjects, passive)."""
    node = token
    for _ in range(5):
        subs = [c for c in node.children if c.dep_ in SUBJECTS]
        if subs:
            return subs, False
        passive = [c for c in node.children if c.dep_ in PASSIVE_SUBJECTS]
        if passive:
            agents = _agent(node)
            if node.i == token.i:
                return agents, True
            # "X was expected to travel": the raised subject is the actor.
            return passive, False
        if node.dep_ in {"xcomp", "conj", "advcl"} and node.head.i != node.i:
            if node.dep_ == "advcl" and any(c.dep_ == "mark" for c in node.children):
                break
            node = node.head
            continue
        if node.dep_ == "relcl":  # "the country that attacked" -> antecedent
            return [node.head], False
        break
    return [], False


def verbal_roles(token: Token, pattern: Pattern) -> RoleHeads:
    heads = RoleHeads()
    subjects, passive = clause_subject(token)
    preps = pattern.recipient_preps if pattern.recipient_preps is not None else DEFAULT_RECIPIENT_PREPS
    objects = [c for c in token.children if c.dep_ in OBJECTS]
    stranded: list[Token] = []
    if pattern.pos == ("ADJ",) and passive:  # "Japan is concerned": parsed as a passive verb
        subjects, passive = [c for c in token.children if c.dep_ in PASSIVE_SUBJECTS], False
        objects += _pobjs(token, preps)
    if token.dep_ == "acomp" or token.pos_ == "ADJ":  # "X is concerned about Y"
        subjects = [c for c in token.head.children if c.dep_ in SUBJECTS] or subjects
        if token.head.dep_ == "relcl" and not _pobjs(token.head, preps) and not _pobjs(token, preps):
            stranded = _relcl_antecedent(token.head)
        objects += _pobjs(token.head, preps) + stranded
    if passive:
        heads.actors = subjects
        heads.recipients = [c for c in token.children if c.dep_ in PASSIVE_SUBJECTS]
    elif pattern.roles == "host":
        heads.recipients = subjects
        heads.actors = objects
    else:
        heads.actors = subjects
        heads.recipients = objects
    if pattern.roles == "visit":
        places = [t for t in _pobjs(token, VISIT_PREPS) if t.ent_type_ in {"GPE", "LOC", "FAC", "ORG"}
                  or t.pos_ == "PROPN" or t.lower_ in {"country", "capital", "city"}]
        if not heads.recipients:
            heads.recipients = places
        heads.location = (places or heads.recipients or [None])[0]
    recipients_from_preps = _pobjs(token, preps)
    if pattern.roles == "reciprocal":
        heads.actors = heads.actors + _pobjs(token, ("with",))
        recipients_from_preps = [t for t in recipients_from_preps if t.head.lower_ != "with"]
    if not heads.recipients:
        heads.recipients = recipients_from_preps
    else:
        heads.fallback_recipients = [t for t in recipients_from_preps if t not in heads.recipients]
    return heads


def _relcl_antecedent(relcl: Token) -> list[Token]:
    """"X is something the ministry is worried about" -> X."""
    antecedent = relcl.head
    if antecedent.lower_ in {"something", "what", "one", "thing"} and antecedent.dep_ == "attr":
        return [c for c in antecedent.head.children if c.dep_ in SUBJECTS]
    return [antecedent]


def nominal_roles(token: Token, pattern: Pattern) -> RoleHeads:
    heads = RoleHeads()
    preps = pattern.recipient_preps if pattern.recipient_preps is not None else NOUN_RECIPIENT_PREPS
    owner = [c for c in token.children if c.dep_ in {"poss", "amod", "compound", "nmod"} and c.i < token.i
             and (c.dep_ == "poss" or c.ent_type_ in {"NORP", "GPE", "ORG", "PERSON"} or c.pos_ == "PROPN")]
    actor_preps = [g for g in _pobjs(token, ("by", "from"))]
    recipients = _pobjs(token, preps)
    governor = token.head
    if token.dep_ == "pobj" and governor.dep_ == "prep":
        if governor.lower_ in {"on", "in"} and pattern.type == "PROTEST":  # "went on strike"
            governor = governor.head
        elif governor.lower_ == "for":  # "built for X's visit" stays nominal
            governor = None
    if pattern.possessor == "recipient":
        heads.recipients = owner + recipients
        heads.actors = actor_preps
    else:
        heads.actors = owner + actor_preps
        heads.recipients = recipients
    if governor is not None and token.dep_ in {"dobj", "pobj", "attr"} and governor.pos_ in {"VERB", "AUX"}:
        lemma = governor.lemma_.lower()
        subjects, passive = clause_subject(governor)
        if lemma in RECEIVING_VERBS and not heads.recipients:
            heads.recipients = subjects
        elif (lemma in LIGHT_VERBS or pattern.type == "PROTEST") and not heads.actors and not passive:
            heads.actors = subjects
        if lemma in LIGHT_VERBS and not heads.recipients:
            verb_preps = VISIT_PREPS if pattern.roles == "visit" else preps
            heads.recipients = _pobjs(governor, verb_preps) + [c for c in governor.children if c.dep_ == "dative"]
    subject = token
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.dep_ == "nsubj":
        subject = token.head.head  # "years of sanctions have devastated X"
    if subject.dep_ == "nsubj" and pattern.type in EFFECT_TYPES and not heads.recipients:
        heads.recipients = [c for c in subject.head.children if c.dep_ == "dobj"]
    if pattern.roles == "reciprocal":
        heads.actors = heads.actors + _pobjs(token, ("with", "between"))
        heads.recipients = [t for t in heads.recipients if t.head.lower_ not in {"with", "between"}]
    if pattern.roles == "visit":
        places = _pobjs(token, VISIT_PREPS) or (heads.recipients[:1] if heads.recipients else [])
        heads.location = places[0] if places else None
    return heads


NOT_PARTICIPANTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}


def _keep(tokens: list[Token]) -> list[Token]:
    return [t for t in tokens if t.ent_type_ not in NOT_PARTICIPANTS and t.pos_ != "NUM"]


def role_heads(token: Token, pattern: Pattern) -> RoleHeads:
    if token.pos_ in {"NOUN", "PROPN"} and "NOUN" in pattern.pos:
        heads = nominal_roles(token, pattern)
    else:
        heads = verbal_roles(token, pattern)
    heads.actors, heads.recipients = _keep(heads.actors), _keep(heads.recipients)
    heads.fallback_recipients = _keep(heads.fallback_recipients)
    if heads.location is not None and not _keep([heads.location]):
        heads.location = None
    return heads
