"""Dependency-tree helpers the trigger, role and frame readers share: the
trigger's own phrase, modal that-clauses, participles of a patient."""

from __future__ import annotations

from spacy.tokens import Token

from newsgraph.nlp.plover.frame_spec import head_kinds

#: Children that start another clause: their words are not the trigger's phrase.
CLAUSAL_DEPS = {"advcl", "relcl", "parataxis", "conj", "csubj", "acl", "ccomp", "xcomp", "mark", "cc"}


def participle_of_patient(token: Token) -> bool:
    """A participle after a noun that says what was done to the noun ("the deal struck
    at the summit", "aid sent by Japan"), not what the noun did."""
    if token.dep_ != "acl" or token.tag_ not in {"VBD", "VBN"}:
        return False
    if any(c.dep_ in {"dobj", "nsubj", "agent"} for c in token.children):
        return any(c.dep_ == "agent" for c in token.children)
    if token.tag_ == "VBN":
        return True
    return "thing" in head_kinds(token.head)


def local_tokens(token: Token) -> list[Token]:
    """The trigger's own phrase: its dependents minus other clauses, plus the subject.

    A free relative object ("signed what they called a pact") counts as phrase.
    """
    out: list[Token] = []
    stack = [token]
    while stack:
        tok = stack.pop()
        out.append(tok)
        for child in tok.children:
            if child.dep_ in CLAUSAL_DEPS and not (
                    child.dep_ == "ccomp" and any(c.tag_ in {"WP", "WDT"} for c in child.children)):
                continue
            stack.append(child)
    if participle_of_patient(token):  # "the deal struck at the summit"
        out.append(token.head)
    for child in token.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            out.extend(child.subtree)
        if child.dep_ == "xcomp":  # "vowed to fight": the complement verb counts
            out.append(child)
    if token.pos_ in {"NOUN", "PROPN"}:
        if token.dep_ == "pobj":  # "under pressure": the preposition is part of the phrase
            out.append(token.head)
        head = token.head
        while head.dep_ in {"prep", "pobj", "dobj"} and head.head.i != head.i and head.pos_ != "VERB":
            head = head.head
        if head.i != token.i:
            out.append(head)
            for child in head.children:
                if child.dep_ in {"nsubj", "nsubjpass", "prt"}:
                    out.extend(child.subtree)
    return out


#: Pronouns that make "X said he should ..." a stance of the speaker's side, not a demand.
SELF_PRONOUNS = {"i", "we", "he", "she", "it", "they", "you", "one"}
#: Subjects that make "X said the country needs to ..." an opinion about everyone, not a
#: demand addressed to someone.
COLLECTIVES = {"country", "nation", "world", "society", "everyone", "everybody", "people", "public"}
#: Modals that are verbs: "needs to go", "has to go" (never the perfect's "has gone").
SEMI_MODALS = {"need", "have"}


def modal_complements(token: Token, modals: tuple[str, ...]) -> list[Token]:
    """That-clauses of ``token`` whose verb carries one of ``modals`` ("should", "must")
    or is "need"/"have" + to, or (with "subjunctive" among ``modals``) is a bare verb
    ("demanded that Schiff step down"), and whose subject is no pronoun: "said Obama
    should step down". A clause coordinated with one of them that has its own subject
    and modal is one too ("... and Clinton should get out of this race")."""
    out = []
    for c in token.children:
        if c.dep_ != "ccomp":
            continue
        for clause in [c] + [x for x in c.conjuncts if x.i > c.i]:
            if _modal_clause(clause, modals):
                out.append(clause)
    return out


def _modal_clause(c: Token, modals: tuple[str, ...]) -> bool:
    if c.pos_ not in {"VERB", "AUX"}:
        return False
    auxes = {a.lower_ for a in c.children if a.dep_ in {"aux", "auxpass"}} - SEMI_MODALS  # "have attacked"
    needs = c.lemma_.lower() in modals and c.lemma_.lower() in SEMI_MODALS and any(
        x.dep_ == "xcomp" and infinitive(x) for x in c.children)
    # mandative subjunctive: "demanded that Schiff step down" (a bare verb, no auxiliary)
    subjunctive = "subjunctive" in modals and c.tag_ in {"VB", "VBP"} and c.lower_ == c.lemma_.lower() \
        and not auxes
    if not (auxes & set(modals) or needs or subjunctive):
        return False
    subjects = [g for g in c.children if g.dep_ in {"nsubj", "nsubjpass"}]
    return bool(subjects) and not any(g.lower_ in SELF_PRONOUNS or g.lemma_.lower() in COLLECTIVES for g in subjects)


def infinitive(verb: Token) -> bool:
    """The verb has its own "to" ("to meet", "so far as to say")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def passive_still_acts(verb: Token) -> bool:
    """"Schiff should be forced to resign": a passive whose subject is still the one to act."""
    return any(x.dep_ == "xcomp" for x in verb.children)
