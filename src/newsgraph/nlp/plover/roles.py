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
from newsgraph.nlp.plover.syntax import infinitive, modal_complements, participle_of_patient, passive_still_acts

DEFAULT_RECIPIENT_PREPS = ("to", "against", "on", "with", "at", "toward", "towards")
NOUN_RECIPIENT_PREPS = ("of", "to", "against", "on", "with", "into", "toward", "towards")
VISIT_PREPS = ("to", "in")
#: Verbs that carry a nominal event: their subject is its actor.
LIGHT_VERBS = {"make", "pay", "hold", "conduct", "carry", "launch", "impose", "stage", "give", "offer",
               "provide", "extend", "express", "voice", "begin", "start", "continue", "issue", "lodge",
               "file", "deliver", "level", "send", "take", "mount", "unleash", "wage", "order",
               "slap", "step", "intensify", "resume", "have", "organize", "organise", "lead", "call", "open",
               "table", "submit", "present", "raise", "renew", "sweeten", "put", "repeat", "reiterate"}
# "announced the visit" reports an event; its subject is not the actor.
#: Verbs whose subject is the recipient of the nominal event ("received aid").
RECEIVING_VERBS = {"receive", "get", "accept", "face", "suffer", "welcome", "host", "undergo", "endure"}
#: Verbs whose subject is the one a thing was offered or given to, when the thing is their object.
TAKING_VERBS = RECEIVING_VERBS | {"need", "want", "take", "reject", "refuse", "decline", "spurn", "turn", "use"}
#: Nouns that carry an event noun modifying them ("an aid package for Indonesia", "peace
#: talks with the rebels"): the phrase's prepositions and possessors are the event's.
CARRIER_NOUNS = {"package", "programme", "program", "plan", "scheme", "deal", "convoy", "flight",
                 "shipment", "mission", "campaign", "operation", "process", "bid"}
#: Verbs of a visit's purpose that name whom the visitor meets.
MEETING_VERBS = {"meet", "see", "visit", "confer", "consult"}
#: Prepositions of a thing-object that name whom the thing is aimed at.
OBJECT_TARGET_PREPS = {"for", "to", "against"}
#: Verbs by which a party answers an act aimed at it ("responded to Fox's attacks",
#: "dismissed the criticism"): the one answering is the act's recipient.
RESPONDING_VERBS = {"respond", "reply", "react", "answer", "retort", "rebut", "dismiss", "deny", "shrug",
                    "brush", "hit", "fire", "strike", "counter"}
#: Verbs whose object is what a nominal event hit ("sanctions devastated X's economy").
EFFECT_TYPES = {"SANCTION", "ASSAULT", "COERCE"}
#: Participles that state the subject's stance, not an act done to it ("is committed
#: to", "is opposed to", "is prepared to"): without a "by" agent the subject acts.
STATIVE_PASSIVES = {"commit", "oppose", "prepare", "determine", "resolve", "dedicate", "devote", "pledge"}
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
        if node.dep_ in {"xcomp", "conj", "advcl", "acomp", "advmod"} and node.head.i != node.i:
            # "before X released ..., Y charged" keeps its own subject; "went so far as to
            # say", "flew to Paris to meet": an infinitive's subject is the main clause's.
            if node.dep_ == "advcl" and any(c.dep_ == "mark" for c in node.children) and not infinitive(node):
                break
            if node.dep_ == "advmod" and node.pos_ not in {"ADV"}:
                break
            if node.dep_ == "acomp" and node.i == token.i:
                break  # the trigger itself is the adjective: its subject is read by the caller
            node = node.head  # "is willing to withdraw": the subject of "is"
            continue
        if node.dep_ == "relcl":  # "the country that attacked" -> antecedent
            return [node.head], False
        if node.dep_ == "pcomp" and node.tag_ == "VBG" and node.head.dep_ == "prep" \
                and node.head.head.pos_ in {"VERB", "AUX"}:
            node = node.head.head  # "put it up for sale after hitting the company with a bill"
            continue
        if node.dep_ == "acl" and node.i == token.i and node.tag_ in {"VBD", "VBN"} and node.head.pos_ in {"NOUN", "PROPN"}:
            if participle_of_patient(node):
                return _agent(node), True  # "the deal, struck at the summit": the noun is the patient
            return [node.head], False  # "a newspaper called on Arabs ...": a clause the parser hung on its subject
        break
    return [], False


def _verbal_arguments(token: Token, preps: tuple[str, ...], pattern: Pattern
                      ) -> tuple[list[Token], bool, list[Token]]:
    """The clause's subjects, whether it is passive, and its objects, adjusted for
    adjectival and stative readings ("Japan is concerned", "Israel is opposed to")."""
    subjects, passive = clause_subject(token)
    objects = [c for c in token.children if c.dep_ in OBJECTS]
    stranded: list[Token] = []
    if pattern.pos == ("ADJ",) and passive:  # "Japan is concerned": parsed as a passive verb
        subjects, passive = [c for c in token.children if c.dep_ in PASSIVE_SUBJECTS], False
        objects += _pobjs(token, preps)
    elif passive and not subjects and token.lemma_.lower() in STATIVE_PASSIVES:
        # "Vietnam is committed to opening", "Israel is opposed to": a state of the subject
        subjects, passive = [c for c in token.children if c.dep_ in PASSIVE_SUBJECTS], False
        objects += [g for c in token.children if c.dep_ == "prep" and c.lower_ == "to"
                    for g in c.children if g.dep_ == "pobj"]
    if token.dep_ == "acomp" or token.pos_ == "ADJ":  # "X is concerned about Y"
        subjects = [c for c in token.head.children if c.dep_ in SUBJECTS] or subjects
        if token.head.dep_ == "relcl" and not _pobjs(token.head, preps) and not _pobjs(token, preps):
            stranded = _relcl_antecedent(token.head)
        objects += _pobjs(token.head, preps) + stranded
    return subjects, passive, objects


def _assign_verbal(heads: RoleHeads, token: Token, pattern: Pattern, subjects: list[Token], passive: bool,
                   objects: list[Token]) -> None:
    """Actors and recipients from subjects and objects, by voice and role convention."""
    if passive:
        heads.actors = subjects
        heads.recipients = [c for c in token.children if c.dep_ in PASSIVE_SUBJECTS]
        if not heads.recipients and token.dep_ == "acl":
            heads.recipients = [token.head]
            heads.fallback_recipients = _taker_of(token.head)
    elif pattern.roles == "host":
        heads.recipients = subjects
        heads.actors = objects
    else:
        heads.actors = subjects
        heads.recipients = objects


def _visit_roles(heads: RoleHeads, token: Token) -> None:
    """A visit's place is its recipient when none is named, and its location."""
    places = [t for t in _pobjs(token, VISIT_PREPS) if t.ent_type_ in {"GPE", "LOC", "FAC", "ORG"}
              or t.pos_ == "PROPN" or t.lower_ in {"country", "capital", "city"}]
    if not heads.recipients:
        heads.recipients = places
    heads.location = (places or heads.recipients or [None])[0]
    heads.recipients = heads.recipients + _hosts_met(token)


def _hosts_met(token: Token) -> list[Token]:
    """"heading to Mexico to meet with President Peña Nieto": whom the visitor goes
    to meet is visited too."""
    return [g for v in token.children if v.dep_ in {"xcomp", "advcl"} and v.lemma_.lower() in MEETING_VERBS
            for g in [c for c in v.children if c.dep_ == "dobj"] + _pobjs(v, ("with",))]


def _prep_recipients(heads: RoleHeads, token: Token, pattern: Pattern, preps: tuple[str, ...]) -> None:
    """Recipients (or fallbacks) from prepositional objects; "with" partners are actors if reciprocal.
    In a light verb's phrase ("expressed concern over X", "voiced displeasure at X") the noun
    is part of the predicate, not a party, and its prepositional object names the target."""
    predicate_nouns = [c for c in token.children if c.dep_ == "dobj" and pattern.roles != "reciprocal"
                       and (c.lower_ in pattern.with_any or c.lemma_.lower() in pattern.with_any)]
    recipients_from_preps = _pobjs(token, preps) + [g for n in predicate_nouns for g in _pobjs(n, preps)]
    heads.recipients = [t for t in heads.recipients if t not in predicate_nouns]
    if pattern.roles == "reciprocal":
        heads.actors = heads.actors + _pobjs(token, ("with",))
        recipients_from_preps = [t for t in recipients_from_preps if t.head.lower_ != "with"]
    goals = [t for t in recipients_from_preps if t.head.lower_ == "to"]
    if not heads.recipients:
        heads.recipients = recipients_from_preps
    elif goals and not any(_names_party(t) for t in heads.recipients):
        # "sent tanks to Ukraine", "awarded a contract to a Turkish firm": the object is the
        # thing that goes; whom it goes to is the recipient.
        heads.fallback_recipients += heads.recipients
        heads.recipients = recipients_from_preps
    else:
        heads.fallback_recipients += [t for t in recipients_from_preps if t not in heads.recipients]


def _names_party(tok: Token) -> bool:
    """A name or pronoun: an object that is somebody, not something."""
    return tok.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"} or tok.pos_ in {"PROPN", "PRON"}


def verbal_roles(token: Token, pattern: Pattern) -> RoleHeads:
    heads = RoleHeads()
    preps = pattern.recipient_preps if pattern.recipient_preps is not None else DEFAULT_RECIPIENT_PREPS
    subjects, passive, objects = _verbal_arguments(token, preps, pattern)
    _assign_verbal(heads, token, pattern, subjects, passive, objects)
    if pattern.type in JUDGING_TYPES and not passive:
        heads.recipients = [_doer_of(o) for o in heads.recipients]
    if pattern.roles == "demand":  # "X said Y should Z": X asks Y
        heads.recipients = [g for c in modal_complements(token, pattern.complement_modal) for g in c.children
                            if g.dep_ == "nsubj" or (g.dep_ == "nsubjpass" and passive_still_acts(c))]
        return heads
    if pattern.roles == "visit":
        _visit_roles(heads, token)
    _prep_recipients(heads, token, pattern, preps)
    if pattern.type == "ACCUSE" and not heads.recipients:
        heads.fallback_recipients += _accused_in_clause(token)
    heads.fallback_recipients += _objects_targets(token)
    return heads


#: Speech acts that judge an act already done ("criticised Obama's talks with Iran"): the
#: act judged is an event of its own (triggers.py), and its doer is the one judged.
JUDGING_TYPES = frozenset({"ACCUSE", "REJECT"})


def _doer_of(thing: Token) -> Token:
    """"opposed the Obama administration's negotiations with Iran": a criticised act's doer,
    its possessor, is the one criticised; anything else stays as it is."""
    if thing.pos_ != "NOUN" or _names_party(thing):
        return thing
    owner = next((c for c in thing.children if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN")), None)
    return owner if owner is not None else thing


def _taker_of(thing: Token) -> list[Token]:
    """"Indonesia no longer needs the debt freeze offered by the Paris Club": whoever
    needs, takes or turns down what was offered is the one it was offered to."""
    verb = thing.head
    if thing.dep_ != "dobj" or verb.pos_ not in {"VERB", "AUX"} or verb.lemma_.lower() not in TAKING_VERBS:
        return []
    return clause_subject(verb)[0]


def _objects_targets(token: Token) -> list[Token]:
    """"withdrew its offer for UFJ", "dropped the charges against him": when the object
    is a thing, whom that thing was aimed at, or who made it ("rejected the plan put
    forward by France")."""
    things = [o for o in token.children if o.dep_ == "dobj" and o.pos_ == "NOUN"]
    aimed = [g for o in things for p in o.children if p.dep_ == "prep" and p.lower_ in OBJECT_TARGET_PREPS
             for g in p.children if g.dep_ == "pobj"]
    # "accepted the loans offered by Japan": whoever made the thing is dealt with too
    makers = [a for o in things for c in o.children if c.dep_ == "acl" and c.tag_ == "VBN" for a in _agent(c)]
    return aimed + makers


def _accused_in_clause(token: Token) -> list[Token]:
    """"Firms protested that the SEC was imposing an unfair burden": the subject of what
    the complaint says is the party complained of."""
    return [g for c in token.children if c.dep_ == "ccomp" for g in c.children if g.dep_ in SUBJECTS]


def _relcl_antecedent(relcl: Token) -> list[Token]:
    """"X is something the ministry is worried about" -> X."""
    antecedent = relcl.head
    if antecedent.lower_ in {"something", "what", "one", "thing"} and antecedent.dep_ == "attr":
        return [c for c in antecedent.head.children if c.dep_ in SUBJECTS]
    return [antecedent]


def _town(tok: Token) -> bool:
    """A place name that is no country, demonym or capital: "Orlando", "Aleppo"."""
    if tok.ent_type_ not in {"GPE", "LOC", "FAC"}:
        return False
    from newsgraph.nlp.actors.coding import country_of_phrase
    from newsgraph.nlp.actors.gazetteer import load_gazetteer
    span = [t for t in tok.subtree if t.ent_type_ == tok.ent_type_] or [tok]
    text = tok.doc[span[0].i:span[-1].i + 1].text
    return country_of_phrase(load_gazetteer(), text) is None and country_of_phrase(load_gazetteer(), tok.text) is None


def _owner_and_towns(token: Token) -> tuple[list[Token], list[Token]]:
    """Possessors and name premodifiers of a nominal event, and the towns among them."""
    owner = [c for c in token.children if c.dep_ in {"poss", "amod", "compound", "nmod"} and c.i < token.i
             and (c.dep_ == "poss" or c.ent_type_ in {"NORP", "GPE", "ORG", "PERSON"} or c.pos_ == "PROPN")]
    # "the Orlando attack": a town names where it happened, not who did it (a country,
    # demonym or capital does: "the Russian invasion", "Moscow's offensive").
    towns = [c for c in owner if c.dep_ in {"compound", "nmod"} and _town(c)]
    owner = [c for c in owner if c not in towns]
    return owner, towns


def _nominal_governor(token: Token, pattern: Pattern) -> Token | None:
    """The word governing the event noun, through a preposition; None when it stays nominal."""
    governor = token.head
    if token.dep_ == "pobj" and governor.dep_ == "prep":
        if governor.lower_ in {"on", "in"} and pattern.type == "PROTEST":  # "went on strike"
            governor = governor.head
        elif governor.lower_ == "for":  # "built for X's visit" stays nominal
            governor = None
    return governor


def _governor_roles(heads: RoleHeads, token: Token, governor: Token | None, pattern: Pattern,
                    preps: tuple[str, ...]) -> None:
    """Roles from a governing receiving or light verb ("received aid", "held talks with")."""
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


def _nominal_conventions(heads: RoleHeads, token: Token, pattern: Pattern) -> None:
    """Effect subjects' objects as recipients, then the reciprocal and visit conventions."""
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


def nominal_roles(token: Token, pattern: Pattern) -> RoleHeads:
    heads = RoleHeads()
    if token.dep_ == "compound" and token.head.pos_ == "NOUN" and token.head.lemma_.lower() in CARRIER_NOUNS:
        token = token.head  # "an aid package for Indonesia": the package's for-phrase
    preps = pattern.recipient_preps if pattern.recipient_preps is not None else NOUN_RECIPIENT_PREPS
    owner, towns = _owner_and_towns(token)
    if towns:
        heads.location = towns[0]
    actor_preps = [g for g in _pobjs(token, ("by", "from"))]
    recipients = _pobjs(token, preps)
    governor = _nominal_governor(token, pattern)
    if pattern.roles == "receive":
        _received_roles(heads, token, owner)
        return heads
    if pattern.possessor == "recipient":
        heads.recipients = owner + recipients
        heads.actors = actor_preps
    else:
        heads.actors = owner + actor_preps
        heads.recipients = recipients
    _governor_roles(heads, token, governor, pattern, preps)
    _respondent(heads, token)
    _nominal_conventions(heads, token, pattern)
    return heads


def _received_roles(heads: RoleHeads, token: Token, owner: list[Token]) -> None:
    """"The plan won broad support from opposition parties", "the minister is under pressure
    from the unions", "won the backing of the unions": what the subject receives comes from
    the from-, by- or of-phrase (of the noun or of the verb) or the possessor."""
    verb = token.head
    while verb.dep_ in {"prep", "pobj", "dobj"} and verb.head.i != verb.i and verb.pos_ not in {"VERB", "AUX"}:
        verb = verb.head
    if verb.pos_ not in {"VERB", "AUX"}:
        return
    subjects, passive = clause_subject(verb)
    if passive:
        return
    heads.recipients = subjects
    heads.actors = owner + _pobjs(token, ("from", "by", "of")) + _pobjs(verb, ("from", "by"))


def _respondent(heads: RoleHeads, token: Token) -> None:
    """"Trump responded to Fox's attacks": an act the subject answers was aimed at it."""
    if heads.recipients or not heads.actors:
        return
    verb = token.head.head if token.dep_ == "pobj" and token.head.lower_ in {"to", "at"} else \
        token.head if token.dep_ == "dobj" else None
    if verb is not None and verb.pos_ == "VERB" and verb.lemma_.lower() in RESPONDING_VERBS:
        subjects, passive = clause_subject(verb)
        if not passive:
            heads.recipients = [s for s in subjects if s.i not in {a.i for a in heads.actors}]


NOT_PARTICIPANTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}


def _keep(tokens: list[Token]) -> list[Token]:
    return [t for t in tokens if t.ent_type_ not in NOT_PARTICIPANTS and t.pos_ != "NUM"]


def raw_role_heads(token: Token, pattern: Pattern) -> RoleHeads:
    """Role heads as the parse gives them, quantities included ("thousands of people")."""
    if token.pos_ in {"NOUN", "PROPN"} and "NOUN" in pattern.pos:
        return nominal_roles(token, pattern)
    return verbal_roles(token, pattern)


def _antecedent(tok: Token) -> Token:
    """"Indonesia, which accepted ...": a relative pronoun stands for the noun its clause describes."""
    if tok.lower_ in {"who", "which", "that"} and tok.head.dep_ == "relcl" and tok.head.head.i != tok.i:
        return tok.head.head
    return tok


def role_heads(token: Token, pattern: Pattern) -> RoleHeads:
    heads = raw_role_heads(token, pattern)
    heads.actors = [_antecedent(t) for t in heads.actors]
    heads.recipients = [_antecedent(t) for t in heads.recipients]
    heads.actors, heads.recipients = _keep(heads.actors), _keep(heads.recipients)
    heads.fallback_recipients = _keep(heads.fallback_recipients)
    if heads.location is not None and not _keep([heads.location]):
        heads.location = None
    return heads
