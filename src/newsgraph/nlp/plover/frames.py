"""Event frames: a trigger word codes an event only when its roles are filled.

The data is ``src/newsgraph/data/plover/frames.yaml``: per PLOVER type, whether
an actor and a recipient are needed, which kinds of filler each may have
(person, organisation, state, place, group noun with a sector, ...), what a
direct object may be, and whether a counterpart (a plural actor) or the act
demanded or threatened stands in for the recipient. A pattern overrides any
key with its own ``frame:`` mapping. The speech-act and idiom filters of the
same file (``speech:``, ``idioms:``) say when a phrase is talk or a figure of
speech, not the act its words name. Reading and checking that file, and the
kinds of a filler, are :mod:`newsgraph.nlp.plover.frame_spec`'s; the check is here.

Everything here reads the parse and the entities component's mentions; it
codes no participant (that is :mod:`newsgraph.nlp.plover.actors`' job).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from newsgraph.nlp.plover.frame_spec import (
    AGENT_KINDS, Frame, Idiom, filler_kinds, head_kinds, known_kinds, lexicon, parse_frame)
from newsgraph.nlp.plover.patterns import Pattern
from newsgraph.nlp.plover.syntax import local_tokens, participle_of_patient

#: Auxiliaries of an act announced in a complement clause ("warned that police will ...").
MODAL_AUX = {"will", "would", "shall", "could", "may", "might", "'ll", "wo", "must"}
#: Objects that say nothing of what they stand for.
UNKNOWN_OBJECTS = {"it", "this", "that", "which", "what", "these", "those", "something", "anything", "one"}
#: Prepositions whose object may name the act ("warned of reprisals", "called for talks").
ACT_PREPS = {"of", "for", "with", "about", "over"}


_FRAMES: dict[tuple[str, str, str], Frame] = {}


def frame_for(pattern: Pattern) -> Frame:
    """The pattern's frame: its type's, with the pattern's own ``frame:`` keys on top."""
    key = (pattern.source, pattern.id, pattern.type)
    found = _FRAMES.get(key)
    if found is None:
        base = lexicon().frames.get(pattern.type, Frame())
        found = base if not pattern.frame else parse_frame(
            dict(pattern.frame), f"{pattern.source}: pattern {pattern.id} frame", known_kinds(), base)
        _FRAMES[key] = found
    return found


def _is_agent(kinds: set[str], allowed: frozenset[str]) -> bool:
    return bool(kinds & allowed) or ("owned" in kinds and bool(allowed & AGENT_KINDS))


def _fills(tok: Token, allowed: frozenset[str], strict: bool = False) -> bool:
    """A filler of an allowed kind, or (unless ``strict``) a noun or name of no known kind;
    a relative pronoun fills as the noun its clause describes ("Indonesia, which accepted")."""
    if tok.lower_ in {"which", "who", "that"} and tok.head.dep_ == "relcl" and tok.head.head.i != tok.i:
        tok = tok.head.head
    kinds = filler_kinds(tok)
    if _is_agent(kinds, allowed):
        return True
    return not strict and not (kinds - {"owned"}) and tok.pos_ in {"NOUN", "PROPN"}


# ---------------------------------------------------------------- the check

def direct_objects(token: Token) -> list[Token]:
    """What the act is done to: the direct object, a passive subject with no
    object left, the noun a participle modifies ("the deal struck"), a noun's
    "of" phrase."""
    if token.pos_ in {"NOUN", "PROPN"}:
        return [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                for g in c.children if g.dep_ == "pobj"]
    objs = [c for c in token.children if c.dep_ == "dobj"]
    if not objs:
        objs = [c for c in token.children if c.dep_ == "nsubjpass"]
    if not objs and participle_of_patient(token):
        objs = [token.head]
    return [o for o in objs if o.lower_ not in UNKNOWN_OBJECTS]


def _infinitive(token: Token) -> bool:
    """An act clause "to ..." under the trigger, directly or after its object
    or a "for" phrase ("urged Mali to hold", "called for the report to be released")."""
    frontier = [token]
    for c in token.children:
        if c.dep_ in {"dobj", "prep", "dative"}:
            frontier.append(c)
            frontier.extend(g for g in c.children if g.dep_ in {"pobj", "pcomp"})
    for node in frontier:
        for c in node.children:
            if c.dep_ in {"xcomp", "acl", "ccomp", "advcl", "pcomp", "relcl"} and c.pos_ in {"VERB", "AUX"} and \
                    any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
                return True
            if node is token and c.dep_ == "xcomp" and c.pos_ in {"VERB", "AUX"}:
                return True
    return False


def _act_met(token: Token, frame: Frame, objects: list[Token]) -> bool:
    forms = frame.act
    if not forms:
        return False
    if "infinitive" in forms and _infinitive(token):
        return True
    if "clause" in forms and any(c.dep_ in {"ccomp", "xcomp"} for c in token.children):
        return True
    if "agent_clause" in forms:
        for c in token.children:
            if c.dep_ == "ccomp" and any(a.dep_ == "aux" and a.lower_ in MODAL_AUX for a in c.children):
                subj = [g for g in c.children if g.dep_ in {"nsubj", "nsubjpass"}]
                if any(filler_kinds(g) & AGENT_KINDS for g in subj):
                    return True  # "warned that police will no longer tolerate rallies"
    if "object" in forms and objects:
        return True
    if "for" in forms and any(c.dep_ == "prep" and c.lower_ == "for" and any(g.dep_ in {"pobj", "pcomp"} for g in c.children)
                              for c in token.children):
        return True  # "pushed for reform", "called for the report to be released"
    if "noun" in forms:
        nouns = list(objects) + [g for c in token.children if c.dep_ == "prep" and c.lower_ in ACT_PREPS
                                 for g in c.children if g.dep_ == "pobj"]
        if token.pos_ in {"NOUN", "PROPN"} and any(c.dep_ == "acl" for c in token.children):
            return True  # "the threat to close the strait"
        if any("act" in head_kinds(n) for n in nouns):
            return True
    return False


def _reference(token: Token) -> bool:
    """An event noun without actor that only dates or explains something else: "after the
    attack", "in the wake of the Orlando attack", "since the invasion"."""
    refs = lexicon().references
    if token.dep_ == "dobj" and token.head.lower_ in refs["preps"]:
        return True  # "details surrounding the attack": a participle used as a preposition
    if token.dep_ != "pobj":
        return False
    prep = token.head
    if prep.lower_ in refs["preps"]:
        return True
    return prep.lower_ == "of" and prep.head.lemma_.lower() in refs["nouns"]


@dataclass
class FrameCheck:
    ok: bool
    reason: str = ""


def check_frame(token: Token, pattern: Pattern, heads) -> FrameCheck:
    """Does the phrase at ``token`` fill ``pattern``'s frame? ``heads``: its role heads."""
    frame = frame_for(pattern)
    if token.pos_ in {"NOUN", "PROPN"} and not heads.actors and _reference(token):
        return FrameCheck(False, "a reference to an event told elsewhere")
    objects = direct_objects(token)
    if frame.object_kinds is not None:
        for obj in objects:
            if obj.lower_ in pattern.with_any or obj.lemma_.lower() in pattern.with_any:
                continue  # the event noun of a light verb ("held talks", "shared intelligence")
            kinds = filler_kinds(obj, owners=False)
            if kinds and not kinds & frame.object_kinds:  # a word of unknown kind passes
                return FrameCheck(False, f"object {obj.text!r} is {sorted(kinds)}")
    actors = [t for t in heads.actors if _fills(t, frame.actor_kinds)]
    if frame.actor == "required" and not actors:
        nominal = token.pos_ in {"NOUN", "PROPN"}
        # An event noun often leaves its actor to the clause ("resorted to stones during
        # demonstrations against X", "the withdrawal of forces"): any party will do.
        if not (nominal and any(_fills(t, AGENT_KINDS) for t in [*heads.recipients, *objects])):
            return FrameCheck(False, "no actor")
    if frame.actor == "optional" and heads.actors and not actors and frame.actor_kinds != AGENT_KINDS:
        return FrameCheck(False, f"actor is no {sorted(frame.actor_kinds)}")
    if frame.recipient == "required":
        preps = {"to", "for"} | set(pattern.recipient_preps or ())
        candidates = list(heads.recipients) + list(heads.fallback_recipients) + [
            g for obj in objects for c in obj.children if c.dep_ == "prep" and c.lower_ in preps
            for g in c.children if g.dep_ == "pobj"]  # "granted asylum to five officers", "shared data with X"
        fillers = [t for t in candidates if _fills(t, frame.recipient_kinds, frame.strict)]
        if fillers:
            return FrameCheck(True)
        if frame.counterpart and _plural(heads.actors):
            return FrameCheck(True)
        if _act_met(token, frame, objects):
            return FrameCheck(True)
        return FrameCheck(False, "no recipient")
    return FrameCheck(True)


def _plural(actors: list[Token]) -> bool:
    if len(actors) >= 2:
        return True
    for t in actors:
        if any(c.dep_ == "conj" for c in t.children) or t.tag_ in {"NNS", "NNPS"} or t.lower_ in {"they", "we"}:
            return True
        if any(c.lower_ in {"both", "two"} for c in t.children):
            return True
    return False


# ---------------------------------------------------------------- idioms

def _with_objects(token: Token) -> list[Token]:
    """Objects of "with" on the trigger or on its direct object ("hit the firm with a bill")."""
    holders = [token] + [c for c in token.children if c.dep_ in {"dobj", "nsubjpass"}]
    found = [g for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "with"
             for g in c.children if g.dep_ == "pobj"]
    # "with a barrage of requests", "with a flood of letters": what the measure word counts
    return found + [g for f in found for c in f.children if c.dep_ == "prep" and c.lower_ == "of"
                    for g in c.children if g.dep_ == "pobj"]


def _quoted_question(token: Token) -> bool:
    """"McLetchie asked: "Would it not be ironic ...?"": the words asked are a question."""
    doc, i = token.doc, token.i + 1
    while i < len(doc) and doc[i].text in {":", ","}:
        i += 1
    if i >= len(doc) or doc[i].text not in {'"', "“"}:
        return False
    for tok in doc[i + 1:i + 80]:
        if tok.text == "?":
            return True
        if tok.text in {".", "!", '"', "”"}:
            return False
    return False


def _has_complement(token: Token, kind: str) -> bool:
    if kind == "question" and _quoted_question(token):
        return True
    for c in token.children:
        if kind == "oprd":
            if c.dep_ == "oprd" or (c.dep_ == "ccomp" and c.pos_ in {"NOUN", "PROPN", "ADJ"}
                                    and any(g.dep_ == "nsubj" for g in c.children)):
                return True
            continue
        if c.dep_ not in {"ccomp", "advcl", "xcomp"}:
            continue
        first = c.left_edge  # "asked him whether invoking Kennedy might ...": the clause's first word
        question = first.lower_ in {"whether", "if"} or first.tag_ in {"WDT", "WP", "WRB"} or any(
            g.lower_ in {"whether", "if"} or (g.tag_ in {"WDT", "WP", "WRB"} and g.i < c.i) for g in c.children)
        if kind == "question" and question:
            return True
        if kind == "clause" and c.dep_ == "ccomp" and not question:
            return True
        if kind == "negated_clause" and c.dep_ == "ccomp" and not question and any(
                g.dep_ == "neg" for g in c.children):
            return True
    return False


def _any_kind(tokens, kinds: frozenset[str]) -> bool:
    return any(head_kinds(t) & kinds for t in tokens)


def _kinds_hold(token: Token, idiom: Idiom) -> bool:
    """The idiom's conditions on the kinds of the trigger's fillers."""
    if idiom.with_kinds and not _any_kind(_with_objects(token), idiom.with_kinds):
        return False
    objects = direct_objects(token)
    if idiom.object_kinds and not _any_kind(objects, idiom.object_kinds):
        return False
    if idiom.unless_object_kinds and _any_kind(objects + _prep_objects(token), idiom.unless_object_kinds):
        return False
    if idiom.phrase_kinds:
        nouns = [t for t in local_tokens(token) if t.i != token.i and t.pos_ in {"NOUN", "PROPN"}]
        if not _any_kind(nouns, idiom.phrase_kinds):
            return False
    if idiom.unless_sentence_kinds and _any_kind(list(token.sent), idiom.unless_sentence_kinds):
        return False
    subjects = _doers(token)
    if idiom.subject_kinds and not any(filler_kinds(t) & idiom.subject_kinds for t in subjects):
        return False
    return not (idiom.unless_subject_kinds and any(filler_kinds(t) & idiom.unless_subject_kinds for t in subjects))


def _doers(token: Token) -> list[Token]:
    """The subject or "by" agent of the trigger; for a noun, its possessor."""
    return [c for c in token.children if c.dep_ == "nsubj" or (c.dep_ == "poss" and token.pos_ == "NOUN")] + [
        g for c in token.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]


def _prep_objects(token: Token) -> list[Token]:
    return [g for c in token.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]


def idiom_at(token: Token, pattern: Pattern) -> Idiom | None:
    """The first idiom of frames.yaml whose conditions all hold for ``pattern`` at ``token``."""
    entries = lexicon().idioms.get(token.lemma_.lower()) or lexicon().idioms.get(token.lower_)
    if not entries:
        return None
    for idiom in entries:
        if idiom.types and pattern.type not in idiom.types:
            continue
        if idiom.pos and token.pos_ not in idiom.pos:
            continue
        if idiom.prt and not any(c.dep_ in {"prt", "advmod"} and c.lower_ in idiom.prt for c in token.children):
            continue
        if idiom.prep and not any(c.dep_ in {"prep", "dative"} and c.lower_ in idiom.prep for c in token.children):
            continue
        if not _kinds_hold(token, idiom):
            continue
        if idiom.complement and not _has_complement(token, idiom.complement):
            continue
        if idiom.mark and not any(c.dep_ in {"mark", "advmod"} and c.lower_ in idiom.mark for c in token.children):
            continue
        return idiom
    return None
