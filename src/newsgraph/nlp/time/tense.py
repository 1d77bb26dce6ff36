"""Which way a clause points in time, read from spaCy's tags and dependencies.

Bare weekdays and months are resolved by it: "signed Wednesday" (past) is the
most recent Wednesday, "will meet Friday" the next one, and a present-tense
headline ("Kim gives Putin support on Wednesday") the one in the DCT's week.
"""

from __future__ import annotations

from spacy.tokens import Token

#: Auxiliaries of the future ("will go"); the event coder's modality reads these too.
WILL_AUX = frozenset({"will", "'ll", "’ll", "shall", "wo"})
#: ... and of the future in the past ("said it would go"), which dates like a future.
FUTURE_AUX = WILL_AUX | {"would", "'d"}
#: Verbs whose "to"-complement lies ahead: "is expected to travel on Friday".
FUTURE_GOVERNORS = frozenset({
    "expect", "plan", "schedule", "set", "due", "intend", "hope", "aim", "go", "prepare",
    "vow", "promise", "pledge", "seek", "want", "agree", "threaten", "propose", "decide",
    "likely", "poised", "slate", "scheduled", "slated", "going", "about", "ready",
})
PAST_AUX_TAGS = frozenset({"VBD"})
#: Modals whose possibility or duty lies ahead: "talks may resume in March".
MODAL_AUX = frozenset({"may", "might", "can", "could", "should", "must", "ought"})


_NEGATORS = frozenset({"not", "n't", "never", "neither", "nor", "nobody", "no"})


def _negated(verb: Token) -> bool:
    """Whether a clause is negated: "could not be reached", "neither he nor she could be located"."""
    return any(c.dep_ == "neg" or c.lower_ in _NEGATORS for c in verb.children) or \
        any(t.lower_ in _NEGATORS for t in verb.subtree if t.i < verb.i and t.dep_ in ("preconj", "det", "cc"))


def clause_verb(token: Token) -> Token:
    """The verb (or auxiliary root) heading the clause ``token`` belongs to."""
    current = token
    for _ in range(40):
        if current.pos_ == "VERB" or current.pos_ == "AUX" and (
                current.dep_ == "ROOT" or any(c.dep_ in ("nsubj", "expl") for c in current.children)):
            return current  # a verb, or a copula heading its own clause ("results are due Friday")
        if current.head is current:
            return current
        current = current.head
    return current


def verb_tense(verb: Token, depth: int = 0) -> str:
    """past | present | future for a clause head."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & FUTURE_AUX:
        return "future"
    if "could" in words and _negated(verb):
        return "past"  # "could not be reached Wednesday": the past of "can"
    if words & MODAL_AUX and not words & {"have", "'ve"}:
        return "future"  # "a decision could be reached in December" (not "may have met in May")
    if "to" in words or verb.tag_ == "VB" and any(a.lower_ == "to" for a in auxes):
        governor = verb.head
        if governor is not verb and (governor.lemma_.lower() in FUTURE_GOVERNORS
                                     or governor.lower_ in FUTURE_GOVERNORS):
            return "future"
        if governor is not verb and depth < 2:
            return verb_tense(governor, depth + 1)
        return "present"
    if verb.tag_ == "VBD" or any(a.tag_ in PAST_AUX_TAGS for a in auxes):
        # "would be infused when they opened on Friday": the clause follows its head.
        if verb.dep_ == "advcl" and depth < 2 and verb.head is not verb and \
                verb_tense(verb.head, depth + 1) == "future":
            return "future"
        return "past"
    if verb.tag_ == "VBN":
        if not auxes and verb.dep_ == "acl" and verb.lemma_.lower() in FUTURE_GOVERNORS \
                and depth < 2 and verb.head is not verb:
            # "a summit set for April" (not "the ruling issued Thursday"): the time of the noun's clause.
            return verb_tense(clause_verb(verb.head), depth + 1)
        if "had" in words or not auxes:
            return "past"
        # The present perfect takes no definite past time ("*has decided in March"):
        # a date in its clause is usually ahead or current, so read it from the DCT.
        return "present"
    if verb.tag_ == "VBG" and verb.lower_ == "going":
        return "future"
    if verb.tag_ == "VBG" and not auxes and verb.dep_ in ("prep", "acl", "advcl") and depth < 2 \
            and verb.head.i != verb.i:
        # "the announcement, following a meeting on Wednesday, won support": its clause's time
        return verb_tense(clause_verb(verb.head), depth + 1)
    if verb.tag_ == "VBG" and "been" in words and words & {"has", "have", "'s", "'ve", "had"}:
        return "past"  # "have been searching since the Oct. 23 slaying"
    if verb.tag_ in ("VBZ", "VBP", "VBG", "VB"):
        return "present"
    # No verb found (a nominal headline): nearest to the DCT.
    return "present"


def tense_at(token: Token, forward: frozenset = frozenset(), planning: frozenset = frozenset()) -> str:
    """The tense of the clause containing ``token``: past | present | future, or
    "prospective" for an infinitive under a past verb (read from the DCT as the
    nearest date, but still part of a story told in the past). ``forward`` verbs
    ("scheduled", "postponed") point ahead whatever their tense; so does a
    ``planning`` verb's for-phrase or object ("is planned for early March",
    "planned a rally for Saturday"), or lies after the plan when it is told in the past."""
    verb = clause_verb(token)
    if verb.pos_ not in ("VERB", "AUX"):
        return "present"
    lemma = verb.lemma_.lower()
    if lemma in forward:
        return "future"
    link = _child_towards(verb, token) if lemma in planning else None
    tense = verb_tense(verb)
    if link is not None and (link.dep_ == "prep" and link.lower_ == "for" or link.dep_ == "dobj"
                             or link.dep_ == "prep" and link.lower_ == "on"
                             and any(c.dep_ == "dobj" for c in verb.children)):  # "planned a rally on Saturday"
        # Told in the past, the plan may since have come due ("a service planned for
        # Saturday was cancelled"): the nearest such date, not the last one.
        return "prospective" if tense == "past" else "future"
    if _in_planned_noun(token, verb, forward | planning):
        # "the slated visit of the secretary in September", "the planned rally on Sunday"
        return "prospective" if tense == "past" else "future"
    if tense in ("past", "future") and _infinitive_after_past(verb):
        # "subpoenaed him to testify on Feb. 10", "decided to abdicate on 2 March":
        # after a past event, not necessarily before (or after) now.
        return "prospective"
    return tense


#: Adjectives of a noun whose event lies ahead: "the upcoming visit in May".
FORWARD_ADJECTIVES = frozenset({"upcoming", "forthcoming", "proposed", "expected", "planned", "scheduled",
                                "slated", "intended", "prospective", "impending", "future"})


def _in_planned_noun(token: Token, verb: Token, verbs: frozenset) -> bool:
    """Whether ``token`` sits under a noun said to be planned ("the slated visit ... in September")."""
    current = token
    for _ in range(12):
        if current.i == verb.i or current.head.i == current.i:
            return False
        if current.pos_ == "NOUN" and any(
                c.dep_ in ("amod", "acl") and (c.lower_ in FORWARD_ADJECTIVES or c.lemma_.lower() in verbs)
                and c.i < current.i for c in current.children):
            return True
        current = current.head
    return False


def _child_towards(verb: Token, token: Token) -> Token | None:
    """The child of ``verb`` whose subtree holds ``token`` (None when ``token`` is the verb)."""
    current = token
    for _ in range(40):
        if current.i == verb.i or current.head.i == current.i:
            return None
        if current.head.i == verb.i:
            return current
        current = current.head
    return None


def _infinitive_after_past(verb: Token) -> bool:
    governor = verb.head
    return verb.tag_ == "VB" and governor is not verb and \
        any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) and \
        not ({c.lower_ for c in governor.children if c.dep_ in ("aux", "auxpass")} & FUTURE_AUX) and \
        (governor.tag_ == "VBD" or any(c.tag_ == "VBD" for c in governor.children if c.dep_ in ("aux", "auxpass")))
