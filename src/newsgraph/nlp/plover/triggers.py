"""Find event triggers: tokens whose lemma, part of speech and phrase fit a pattern.

The index (lemma -> patterns) is built once per pipeline; a Doc's tokens are
screened against it in one pass over spaCy's attribute arrays (word hashes, no
Token objects), so only the few tokens that can be triggers are looked at, and
constraints are checked only for those.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from spacy.attrs import LEMMA, LOWER
from spacy.strings import hash_string
from spacy.tokens import Doc, Span, Token

from newsgraph.nlp.plover.frames import check_frame, idiom_at
from newsgraph.nlp.plover.patterns import FUTURE_TYPE, Pattern
from newsgraph.nlp.plover.roles import DEFAULT_RECIPIENT_PREPS, JUDGING_TYPES, raw_role_heads
from newsgraph.nlp.plover.syntax import local_tokens, modal_complements


def frame_met(token: Token, pattern: Pattern) -> bool:
    """The phrase fills the pattern's frame (frames.yaml)."""
    return check_frame(token, pattern, raw_role_heads(token, pattern)).ok


_RECODED: dict[tuple[str, str, str], Pattern] = {}


def apply_idioms(token: Token, pattern: Pattern) -> Pattern | None:
    """``pattern``, or what an idiom of frames.yaml makes of it: None (talk or a figure
    of speech, not this act) or the pattern recoded ("hit X with a tax bill": SANCTION)."""
    idiom = idiom_at(token, pattern)
    if idiom is None:
        return pattern
    if idiom.drop:
        return None
    key = (pattern.source, pattern.id, idiom.id)
    recoded = _RECODED.get(key)
    if recoded is None:
        preps = tuple(p for p in (pattern.recipient_preps or DEFAULT_RECIPIENT_PREPS) if p != "with")  # the words, not the target
        recoded = replace(pattern, id=f"{pattern.id}+{idiom.id}", type=idiom.type, mode=idiom.mode, contexts=(),
                          future_type=FUTURE_TYPE.get(idiom.type), frame=None, recipient_preps=preps)
        _RECODED[key] = recoded
    return recoded

#: Event types whose complement is the content of the act, not a second event
#: ("agreed to cooperate", "refused to release", "accused X of shelling").
SPEECH_TYPES = {"AGREE", "REQUEST", "REJECT", "THREATEN", "ACCUSE", "CONCEDE"}
#: Subordinators of adverbial clauses that report acts of their own.
ADVERBIAL_MARKS = {"as", "while", "when", "after", "before", "because", "since", "although", "though", "whereas"}
#: Dependency links from an embedded trigger up to the trigger that governs it.
EMBEDDING_DEPS = {"xcomp", "ccomp", "dobj", "pobj", "pcomp", "prep", "acl", "attr", "oprd",
                  "compound", "amod", "npadvmod", "advcl", "nsubjpass", "dative", "conj", "appos"}


def _pos_ok(token: Token, pattern: Pattern) -> bool:
    pos = token.pos_
    if pos in pattern.pos:
        return True
    if "ADJ" in pattern.pos and token.tag_ == "VBN" and (
            token.dep_ in {"acomp", "amod"} or any(c.dep_ == "auxpass" for c in token.children)):
        return True
    if "NOUN" in pattern.pos and pos == "PROPN" and token.tag_ in {"NN", "NNS"}:
        return True
    if "VERB" in pattern.pos and pos == "NOUN" and token.tag_.startswith("VB"):
        return True
    return False


class TriggerIndex:
    """All patterns keyed by lemma, built once and reused for every doc."""

    def __init__(self, patterns: list[Pattern], frames: bool = True):
        self.patterns = patterns
        self.frames = frames
        self.by_lemma: dict[str, list[Pattern]] = defaultdict(list)
        for pattern in patterns:
            for lemma in pattern.lemmas:
                self.by_lemma[lemma].append(pattern)
        self._hashes = frozenset(hash_string(w) for w in self.by_lemma)
        self._lemma_folded: dict[int, bool] = {}  # lemma -> its lower case is a pattern word

    def possible(self, doc: Doc) -> list[bool]:
        """Which tokens may be triggers: those :meth:`candidates` can find a pattern for,
        whose lower-case form or lower-cased lemma is a pattern word (a capitalised
        token, "Talks" in a headline, may keep a capitalised lemma)."""
        words, folded, strings = self._hashes, self._lemma_folded, doc.vocab.strings
        out = []
        for lower, lemma in doc.to_array([LOWER, LEMMA]).tolist():
            if lower in words or lemma in words:
                out.append(True)
                continue
            hit = folded.get(lemma)
            if hit is None:
                hit = folded[lemma] = hash_string(strings[lemma].lower()) in words
            out.append(hit)
        return out

    def candidates(self, token: Token) -> list[Pattern]:
        """Patterns whose words, part of speech and phrase fit ``token``, most specific first
        (a later file first among equals)."""
        # Both the lemma's patterns and the surface form's: "talks" (a noun listed as
        # written) is not to be hidden by the verb patterns of its lemma "talk".
        candidates = self.by_lemma.get(token.lemma_.lower()) or []
        if token.lower_ != token.lemma_.lower():
            candidates = candidates + [p for p in self.by_lemma.get(token.lower_) or [] if p not in candidates]
        if not candidates:
            return []
        fitting: list[Pattern] = []
        words: set[str] | None = None
        for pattern in candidates:
            if not _pos_ok(token, pattern):
                continue
            if pattern.with_any or pattern.without:
                if words is None:
                    words = set()
                    for tok in local_tokens(token):
                        if tok.i != token.i:
                            words.add(tok.lemma_.lower())
                            words.add(tok.lower_)
                if pattern.with_any and not words.intersection(pattern.with_any):
                    continue
                if pattern.without and words.intersection(pattern.without):
                    continue
            if pattern.exclude_deps and any(c.dep_ in pattern.exclude_deps for c in token.children):
                continue
            if pattern.complement_modal and not modal_complements(token, pattern.complement_modal):
                continue
            if pattern.prep and not (any(
                    c.dep_ in {"prep", "prt", "agent", "dative", "advmod"} and c.lower_ in pattern.prep
                    for c in token.children) or any(  # "called for the report to be released"
                    g.dep_ == "mark" and g.lower_ in pattern.prep and g.i < c.i
                    for c in token.children if c.dep_ in {"ccomp", "advcl", "xcomp"} for g in c.children)):
                continue
            fitting.append(pattern)
        order = {id(p): i for i, p in enumerate(fitting)}
        return sorted(fitting, key=lambda p: (-p.specificity, -order[id(p)]))

    def match_token(self, token: Token) -> Pattern | None:
        """The most specific fitting pattern whose frame the phrase fills (frames.yaml)."""
        for pattern in self.candidates(token):
            if self.frames:
                pattern = apply_idioms(token, pattern)
                if pattern is None or not frame_met(token, pattern):
                    continue
            return pattern
        return None

    def match_sentence(self, sent: Span, possible: list[bool] | None = None) -> list[tuple[Token, Pattern]]:
        """Triggers of a sentence; ``possible`` (from :meth:`possible`) skips tokens that cannot be one."""
        doc = sent.doc
        tokens = (doc[i] for i in range(sent.start, sent.end) if possible[i]) if possible is not None else sent
        found = [(tok, p) for tok in tokens if (p := self.match_token(tok)) is not None]
        return drop_embedded(found)


def _adverbial_clause(node: Token) -> bool:
    """"..., as they complained ...", "after he criticised ...": a clause a subordinator
    opens is an act of its own beside the main one, never its content."""
    return node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ADVERBIAL_MARKS for c in node.children)


def _judged_act(tok: Token, outer_type: str) -> bool:
    """An event noun with its own actor ("the administration's talks with Iran") that a
    criticism or rejection is about: it happened, so it is coded too."""
    return outer_type in JUDGING_TYPES and tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "pobj") and \
        any(c.dep_ == "poss" for c in tok.children) and \
        any(c.dep_ == "prep" and c.lower_ in ("with", "between") for c in tok.children)


def drop_embedded(found: list[tuple[Token, Pattern]]) -> list[tuple[Token, Pattern]]:
    """Keep the act, not its content: drop triggers governed by a speech-act
    trigger, or by a trigger of the same type ("held talks", "signed the signing")."""
    by_index = {tok.i: p for tok, p in found}
    kept = []
    for tok, pattern in found:
        node, governed = tok, False
        for _ in range(6):
            if node.dep_ not in EMBEDDING_DEPS or node.head.i == node.i or _adverbial_clause(node):
                break
            node = node.head
            outer = by_index.get(node.i)
            if outer is not None:
                if outer.type == pattern.type or outer.type in SPEECH_TYPES and not _judged_act(tok, outer.type):
                    governed = True
                break
        if not governed:
            kept.append((tok, pattern))
    return kept
