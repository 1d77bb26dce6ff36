"""Which way a clause points in time, read from spaCy's tags and dependencies.

Bare weekdays and months are resolved by it: "signed Wednesday" (past) is the
most recent Wednesday, "will meet Friday" the next one, and a present-tense
headline ("Kim gives Putin support on Wednesday") the one in the DCT's week.
"""

from __future__ import annotations

from spacy.tokens import Token

FUTURE_AUX = frozenset({"will", "'ll", "’ll", "shall", "wo", "would", "'d"})
#: Verbs whose "to"-complement lies ahead: "is expected to travel on Friday".
FUTURE_GOVERNORS = frozenset({
    "expect", "plan", "schedule", "set", "due", "intend", "hope", "aim", "go", "prepare",
    "vow", "promise", "pledge", "seek", "want", "agree", "threaten", "propose", "decide",
    "likely", "poised", "slate", "scheduled", "slated", "going", "about", "ready",
})
PAST_AUX_TAGS = frozenset({"VBD"})


def clause_verb(token: Token) -> Token:
    """The verb (or auxiliary root) heading the clause ``token`` belongs to."""
    current = token
    for _ in range(40):
        if current.pos_ == "VERB" or (current.pos_ == "AUX" and current.dep_ == "ROOT"):
            return current
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
        if words & {"has", "have", "'s", "'ve", "had"} or not auxes:
            return "past"
        return "present"
    if verb.tag_ == "VBG" and verb.lower_ == "going":
        return "future"
    if verb.tag_ in ("VBZ", "VBP", "VBG", "VB"):
        return "present"
    # No verb found (a nominal headline): nearest to the DCT.
    return "present"


def tense_at(token: Token) -> str:
    """The tense of the clause containing ``token``."""
    verb = clause_verb(token)
    if verb.pos_ not in ("VERB", "AUX"):
        return "present"
    return verb_tense(verb)
