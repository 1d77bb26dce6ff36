"""PLOVER auxiliary modes: negated, hypothetical, future, historical.

Read from the trigger's clause: negation and modal auxiliaries on the trigger
or on the verbs that govern it ("did not agree to sign"), raising verbs that
put an act in the future ("is expected to travel"), conditional clauses,
non-specific determiners on nominal events ("any collaboration"), questions,
and the event date against the publication date for historical events.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from newsgraph.nlp.time.tense import WILL_AUX

NEGATORS = {"not", "n't", "never", "no", "neither", "nor", "without"}
HYPOTHETICAL_AUX = {"could", "would", "might", "may", "should", "can", "must", "ought"}
FUTURE_AUX = WILL_AUX  # "would" is hypothetical here, unless reporting (see _aux_modes)
FUTURE_RAISERS = {"expect", "plan", "schedule", "set", "due", "intend", "prepare", "hope", "aim",
                  "seek", "want", "wish", "propose", "try", "going", "go", "poise", "likely", "scheduled",
                  "expected", "planned", "slated", "slate", "willing", "ready", "prepared"}
HYPOTHETICAL_RAISERS = {"able", "unable", "possible", "could", "consider", "threaten", "likely", "may", "might",
                        "need", "ought",  # obligations: "needed to ease" is an opinion, not an act
                        "call", "proposal"}  # demands: "his calls to ban immigration" ban nothing yet
FUTURE_MODIFIERS = {"upcoming", "planned", "proposed", "expected", "future", "forthcoming",
                    "scheduled", "next", "possible", "potential", "prospective", "planning"}
HYPOTHETICAL_DETERMINERS = {"any", "possible", "potential", "hypothetical", "eventual"}
HISTORICAL_ADVERBS = {"previously", "formerly", "once", "earlier", "last", "ago", "then"}
CONDITIONAL_MARKS = {"if", "unless", "whether", "lest"}
#: An event dated this many days before publication is "historical".
HISTORICAL_DAYS = 30


@dataclass
class Modality:
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    historical: bool = False


def _governors(token: Token, limit: int = 4) -> list[Token]:
    """The trigger and the verbs it is complement of ("refused to", "expected to")."""
    chain = [token]
    node = token
    for _ in range(limit):
        if node.dep_ in {"xcomp", "ccomp", "dobj", "pobj", "prep", "acomp", "attr", "pcomp"} and node.head.i != node.i:
            node = node.head
            chain.append(node)
        elif node.dep_ == "acl" and node.head.lemma_.lower() in HYPOTHETICAL_RAISERS | FUTURE_RAISERS:
            chain.append(node.head)  # "his calls to ban", "a plan to attack": the noun raises; stop there
            break
        else:
            noun = _noun_before_infinitive(node)
            if noun is not None:
                chain.append(noun)
            break
    return chain


def _noun_before_infinitive(verb: Token) -> Token | None:
    """"for his calls to temporarily ban": a raising noun right before the infinitive,
    when the parser hung the infinitive elsewhere."""
    to = next((c for c in verb.children if c.dep_ == "aux" and c.lower_ == "to"), None)
    if to is None or to.i == 0:
        return None
    before = verb.doc[to.i - 1]
    if before.pos_ == "NOUN" and before.lemma_.lower() in HYPOTHETICAL_RAISERS | FUTURE_RAISERS:
        return before
    return None


def _aux_modes(m: Modality, node: Token, child: Token, reporting_verbs: frozenset[str]) -> None:
    """Future or hypothetical mode from an auxiliary ``child`` of ``node``."""
    low = child.lower_
    if low in FUTURE_AUX:
        m.future = True
    elif low in HYPOTHETICAL_AUX:
        # "said X would provide": future-in-the-past of a report.
        reported = node.dep_ == "ccomp" and node.head.lemma_ in reporting_verbs and low == "would"
        if reported:
            m.future = True
        else:
            m.hypothetical = True
    elif low == "going" or (child.lemma_ == "be" and node.lemma_ == "go" and node.tag_ == "VBG"):
        m.future = True


def _child_modes(m: Modality, token: Token, node: Token, child: Token, reporting_verbs: frozenset[str]) -> None:
    """Modes marked by one dependent ``child`` of ``node`` (a link of the trigger's governor chain)."""
    low = child.lower_
    if child.dep_ == "neg" or (child.dep_ == "det" and low == "no" and node.i == token.i):
        m.negated = True
    if node.i == token.i and child.dep_ == "dobj" and any(g.dep_ == "det" and g.lower_ == "no" for g in child.children):
        m.negated = True
    if child.dep_ in {"aux", "auxpass"}:
        _aux_modes(m, node, child, reporting_verbs)
    if child.dep_ == "mark" and low in CONDITIONAL_MARKS:
        m.hypothetical = True
    if node.i == token.i and child.dep_ in {"amod", "det", "compound"}:
        if low in FUTURE_MODIFIERS and low not in HYPOTHETICAL_DETERMINERS:
            m.future = True
        if low in HYPOTHETICAL_DETERMINERS:
            m.hypothetical = True
    if child.dep_ in {"advmod", "npadvmod"} and low in HISTORICAL_ADVERBS and node.tag_ in {"VBD", "VBN"}:
        m.historical = True


def _raiser_modes(m: Modality, node: Token) -> None:
    """A governing raising verb puts the act in the future or makes it hypothetical."""
    lemma = node.lemma_.lower()
    if lemma in FUTURE_RAISERS or node.lower_ in FUTURE_RAISERS:
        m.future = True
    if lemma in HYPOTHETICAL_RAISERS or node.lower_ in HYPOTHETICAL_RAISERS:
        m.hypothetical = True


def _under_conditional(verb_head: Token) -> bool:
    """A conditional clause anywhere above ("if X attacks, ...")."""
    found = False
    node = verb_head
    for _ in range(4):
        if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in node.children):
            found = True
        if node.head.i == node.i:
            break
        node = node.head
    return found


#: Verbs of saying after which "would" is the future seen from the past ("insisted it would not bow").
REPORTING_VERBS = frozenset({"say", "tell", "announce", "report", "state", "insist", "warn", "vow", "promise",
                             "pledge", "declare", "add", "claim", "stress", "confirm", "predict", "write"})


def modality_of(token: Token, reporting_verbs: frozenset[str] = REPORTING_VERBS,
                question: bool | None = None) -> Modality:
    """Modes of the act at ``token``; ``question``: its sentence ends in "?" (None: look it up)."""
    m = Modality()
    chain = _governors(token)
    verb_head = next((t for t in chain if t.pos_ in {"VERB", "AUX", "ADJ"}), token)
    for i, node in enumerate(chain):
        for child in node.children:
            _child_modes(m, token, node, child, reporting_verbs)
        if i > 0:
            _raiser_modes(m, node)
        if node.dep_ == "advcl" and any(c.lower_ in CONDITIONAL_MARKS for c in node.children):
            m.hypothetical = True
    # A conditional clause anywhere above ("if X attacks, ...").
    if _under_conditional(verb_head):
        m.hypothetical = True
    if question is None:
        question = token.sent.text.rstrip().endswith("?")
    if question:
        m.hypothetical = True
    if verb_head.tag_ == "VBD" and any(c.lower_ == "had" and c.dep_ == "aux" for c in verb_head.children):
        m.historical = True
    return m


#: Auxiliaries of will: negated, they announce a refusal ("will not accept", "won't pay").
VOLITIONAL_AUX = {"will", "would", "wo", "'ll", "shall"}


def stated_refusal(token: Token) -> bool:
    """The act at ``token`` is refused, not merely negated: a negated auxiliary of will on
    the trigger or the verb it depends on ("will not accept", "would never agree to send").
    "Has not committed", "did not meet" state what did not happen: a negated event."""
    for node in _governors(token, 2):
        children = list(node.children)
        if any(c.dep_ == "neg" for c in children) and any(
                c.dep_ == "aux" and c.lower_ in VOLITIONAL_AUX for c in children):
            return True
    return False


def historical_by_date(event_date: str | None, published: str | None, inferred: bool) -> bool:
    """True when an explicitly dated event lies well before publication."""
    if inferred or not event_date or not published:
        return False
    from datetime import date

    def parse(value: str, end: bool) -> date | None:
        parts = value[:10].split("-")
        try:
            year = int(parts[0])
            month = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else (12 if end else 1)
            day = int(parts[2][:2]) if len(parts) > 2 and parts[2][:2].isdigit() else (28 if end else 1)
            return date(year, month, day)
        except (ValueError, IndexError):
            return None

    event_latest = parse(event_date, end=True)
    pub = parse(published, end=False)
    if event_latest is None or pub is None:
        return False
    return (pub - event_latest).days > HISTORICAL_DAYS
