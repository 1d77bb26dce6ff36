"""Events made by speech that judges someone: ACCUSE and SUPPORT from reported evaluations.

Much of what political news reports is one party judging another in words:
"O'Rourke said Trump was a racist", "Blackman wrote that Ginsburg's comments are
'beyond the pale'", "McCain said Bush had done an outstanding job". No trigger
verb says "accuse" or "praise"; the evaluation is in the content and the act is
the saying. An evaluation (``data/plover/stance.yaml``) found in the content of a
quote codes an event from the quote's speaker to the party it judges, on the
evaluation's own words, when:

- the quote is reported speech (not an ``attribution`` of thought or seeming)
  and its speaker is a named party;
- the phrase is not negated ("is not a racist");
- the party judged can be found in the phrase's own clause: its subject, the
  owner of that subject ("Ginsburg's comments are ..."), the object of a verb of
  naming ("called Trump a racist") or the owner of the phrase itself
  ("Ginsburg's indiscretions"); pronouns resolve as for any participant. A
  judgement of nobody in particular ("this is ridiculous") codes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from newsgraph.model import Participant, Quote
from newsgraph.nlp.plover.modality import modality_of
from newsgraph.nlp.plover.syntax import passive_still_acts

DATA = Path(__file__).resolve().parents[2] / "data" / "plover" / "stance.yaml"

#: Clause heads: the judged party is looked for under the nearest of these.
_CLAUSE_DEPS = {"ROOT", "ccomp", "xcomp", "advcl", "relcl", "conj", "parataxis", "acl"}
#: Verbs of naming: "called Trump a racist", "branded him a liar".
_NAMING = {"call", "brand", "label", "dub", "deem", "consider", "name", "describe"}
#: Words that stand for a thing or a situation, never for the party judged ("it would be a mistake").
_NOT_PARTIES = {"it", "this", "that", "which", "what", "there"}
#: Quote kinds that are reported speech (an ``attribution`` is thought or seeming).
_SPEECH = {"direct", "indirect", "mixed", "according_to"}


@dataclass(frozen=True)
class Stance:
    """One evaluation found: its words, the event type and mode it makes, the quote.
    ``addressed`` is False for a demand that names no one to meet it ("we want the
    whole report"): it goes to the authorities, not to the clause's subject."""
    span: Span
    type: str
    mode: str | None
    quote: Quote
    addressed: bool = True


@lru_cache(maxsize=1)
def stance_lexicon() -> dict[str, tuple[str | None, tuple[str, ...]]]:
    """type -> (mode, phrases), from ``data/plover/stance.yaml``."""
    raw = yaml.safe_load(DATA.read_text("utf-8"))
    return {t: (spec.get("mode"), tuple(spec["phrases"])) for t, spec in raw["types"].items()}


class StanceFinder:
    """Matches the lexicon's phrases; build once per pipeline (the matcher is compiled here)."""

    def __init__(self, nlp):
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.kinds: dict[int, tuple[str, str | None]] = {}
        for event_type, (mode, phrases) in stance_lexicon().items():
            key = nlp.vocab.strings.add(f"stance-{event_type}")
            self.kinds[key] = (event_type, mode)
            self.matcher.add(f"stance-{event_type}", [nlp.make_doc(p) for p in phrases])

    def find(self, doc: Doc, quotes: list[Quote]) -> list[Stance]:
        """Evaluations and demands inside the content of ``quotes`` that have a named
        speaker, in text order."""
        speaking = [q for q in quotes if q.type in _SPEECH and q.speaker is not None and q.speaker.entity_id]
        if not speaking:
            return []
        found = _demands(doc, speaking)
        for key, start, end in self.matcher(doc):
            span = doc[start:end]
            quote = next((q for q in speaking if q.start <= span.start_char and span.end_char <= q.end), None)
            if quote is not None and not _negated(span) and not _supposed(span):
                event_type, mode = self.kinds[key]
                found.append(Stance(span, event_type, mode, quote))
        return _longest(found)


#: Modal auxiliaries of obligation: "Obama should step down", "the report must be made public".
OBLIGATION = {"should", "must", "ought"}
#: Verbs that are modals with "to": "needs to be made public", "has to go".
SEMI_MODALS = {"need", "have"}


def _demands(doc: Doc, quotes: list[Quote]) -> list[Stance]:
    """"X said Obama should step down", "'The report needs to be made public,' X wrote":
    a clause of the quoted content that obliges a party, or asks for something to be
    done (a passive), is a demand by the speaker: PLOVER REQUEST."""
    out = []
    for quote in quotes:
        content = doc.char_span(quote.start, quote.end, alignment_mode="expand")
        for tok in content if content is not None else []:
            if _obliges(tok):
                out.append(Stance(doc[tok.i:tok.i + 1], "REQUEST", None, quote))
            elif _claims(tok):
                out.append(Stance(doc[tok.i:tok.i + 1], "REQUEST", None, quote, addressed=False))
    return out


#: Verbs of claiming what one is owed: "I want the whole report", "the public deserves answers".
CLAIMING = {"want", "deserve", "demand"}
#: Who may claim so without naming anyone to meet the claim.
CLAIMANTS = {"i", "we", "public", "people", "americans", "voters", "taxpayers", "citizens", "country", "nation"}


def _claims(verb: Token) -> bool:
    """"I want the whole damn report", "The American people deserve to see the full
    report": the speaker's side (or the public) claims a definite thing, or to see,
    know or hear it, unnegated: a demand on whoever holds it."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in CLAIMING or any(c.dep_ == "neg" for c in verb.children):
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lemma_.lower() not in CLAIMANTS or _supposed_clause(verb):
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    objects += [g for x in verb.children if x.dep_ == "xcomp" for g in x.children if g.dep_ == "dobj"]
    return any(o.pos_ == "NOUN" and (o.tag_ == "NNS" or any(
        d.lower_ in ("the", "this", "that", "all") or d.dep_ == "poss" for d in o.children)) for o in objects)


def _obliges(verb: Token) -> bool:
    if verb.pos_ not in {"VERB", "AUX"} or any(c.dep_ == "neg" for c in verb.children):
        return False
    auxes = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
    done = verb
    if verb.lemma_.lower() in SEMI_MODALS:
        done = next((x for x in verb.children if x.dep_ == "xcomp"
                     and any(a.dep_ == "aux" and a.lower_ == "to" for a in x.children)), None)
        if done is None:
            return False
    elif not auxes & OBLIGATION:
        return False
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None or subject.pos_ == "PRON" or _supposed_clause(verb):
        return False  # "we must", "he should": the speaker's side, or nobody sure
    passive = any(c.dep_ in {"auxpass", "nsubjpass"} for c in done.children) or subject.dep_ == "nsubjpass"
    return passive or subject.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"} or subject.pos_ == "PROPN"


def _supposed_clause(verb: Token) -> bool:
    """"if they should ...", "whether he must ...": no demand in a condition or question."""
    return any(c.dep_ == "mark" and c.lower_ in {"if", "whether", "unless"} for c in verb.children) \
        or verb.doc[verb.sent.end - 1].text == "?"


def _longest(found: list[Stance]) -> list[Stance]:
    """One evaluation per stretch of words: overlapping matches keep the longest."""
    out: list[Stance] = []
    for s in sorted(found, key=lambda s: (s.span.start, -len(s.span))):
        if out and s.span.start < out[-1].span.end:
            continue
        out.append(s)
    return out


def _negated(span: Span) -> bool:
    """"is not a racist", "never lied": a negation on the phrase's head or on the verb it
    hangs from; a negation inside the phrase ("never be trusted") is part of its sense."""
    inside = {t.i for t in span}
    head = span.root
    for node in (head, head.head):
        if any(c.dep_ == "neg" and c.i not in inside for c in node.children):
            return True
        if node.dep_ in _CLAUSE_DEPS:
            break
    return False


def _supposed(span: Span) -> bool:
    """"it would be a mistake", "if he lied": a judgement of what might be. "He should
    never be trusted" judges what is: obligation is not supposition here."""
    if any(c.dep_ == "aux" and c.lower_ in {"should", "must", "ought"} for c in span.root.children):
        return False
    return modality_of(span.root).hypothetical


def judged_heads(span: Span) -> list[Token]:
    """Candidate head words of the party ``span`` judges, most specific first."""
    root = span.root
    out: list[Token] = []
    for clause in (c for c in root.children if c.dep_ == "ccomp"):  # "pleased (that) the administration ..."
        out += [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if root.pos_ == "ADJ":  # the parser often makes that subject the adjective's object
        out += [c for c in root.children if c.dep_ == "dobj"]
    owner = _owner(root)
    if owner is not None:
        out.append(owner)  # "Ginsburg's indiscretions"
    clause = root
    while clause.dep_ not in _CLAUSE_DEPS and clause.head.i != clause.i:
        clause = clause.head
    if clause.lemma_ in _NAMING:  # "called Trump a racist"
        out += [c for c in clause.children if c.dep_ in {"dobj", "nsubjpass"}]
    subject = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is not None and clause.lemma_ not in _NAMING:
        subject_owner = _owner(subject)
        out += [subject_owner] if subject_owner is not None else []
        out.append(subject)
    return out


def _owner(token: Token) -> Token | None:
    return next((c for c in token.children if c.dep_ == "poss"), None)


def judged_party(stance: Stance, code) -> list[Participant]:
    """The coded parties ``stance`` judges or obliges (``code(token) -> participants``),
    never its speaker."""
    speaker = stance.quote.speaker.entity_id
    # A demand obliges its subject ("Obama should step down"); a passive one ("the report
    # must be made public") asks for a thing and names no one to do it.
    if not stance.addressed:
        return []
    root = stance.span.root
    heads = judged_heads(stance.span) if stance.type != "REQUEST" else \
        [c for c in root.children if c.dep_ == "nsubj" or (c.dep_ == "nsubjpass" and passive_still_acts(root))]
    for head in heads:
        if head.lower_ in _NOT_PARTIES:
            return []
        parties = [p for p in code(head) if (p.entity_id or p.country) and p.entity_id != speaker]
        if parties:
            return parties
    return []
