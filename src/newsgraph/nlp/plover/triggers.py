"""Find event triggers: tokens whose lemma, part of speech and phrase fit a pattern.

The index (lemma -> patterns) is built once per pipeline, so matching costs a
dictionary lookup per token; constraints are checked only for candidates.
"""

from __future__ import annotations

from collections import defaultdict

from spacy.tokens import Span, Token

from newsgraph.nlp.plover.patterns import Pattern

#: Children that start another clause: their words are not the trigger's phrase.
CLAUSAL_DEPS = {"advcl", "relcl", "parataxis", "conj", "csubj", "acl", "ccomp", "xcomp", "mark", "cc"}
#: Event types whose complement is the content of the act, not a second event
#: ("agreed to cooperate", "refused to release", "accused X of shelling").
SPEECH_TYPES = {"AGREE", "REQUEST", "REJECT", "THREATEN", "ACCUSE", "CONCEDE"}
#: Dependency links from an embedded trigger up to the trigger that governs it.
EMBEDDING_DEPS = {"xcomp", "ccomp", "dobj", "pobj", "pcomp", "prep", "acl", "attr", "oprd",
                  "compound", "amod", "npadvmod", "advcl", "nsubjpass", "dative", "conj", "appos"}


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
    for child in token.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            out.extend(child.subtree)
        if child.dep_ == "xcomp":  # "vowed to fight": the complement verb counts
            out.append(child)
    if token.pos_ in {"NOUN", "PROPN"}:
        head = token.head
        while head.dep_ in {"prep", "pobj", "dobj"} and head.head.i != head.i and head.pos_ != "VERB":
            head = head.head
        if head.i != token.i:
            out.append(head)
            for child in head.children:
                if child.dep_ in {"nsubj", "nsubjpass", "prt"}:
                    out.extend(child.subtree)
    return out


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

    def __init__(self, patterns: list[Pattern]):
        self.patterns = patterns
        self.by_lemma: dict[str, list[Pattern]] = defaultdict(list)
        for pattern in patterns:
            for lemma in pattern.lemmas:
                self.by_lemma[lemma].append(pattern)

    def match_token(self, token: Token) -> Pattern | None:
        candidates = self.by_lemma.get(token.lemma_.lower()) or self.by_lemma.get(token.lower_)
        if not candidates:
            return None
        best: Pattern | None = None
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
            if pattern.prep and not any(
                    c.dep_ in {"prep", "prt", "agent", "dative", "advmod"} and c.lower_ in pattern.prep
                    for c in token.children):
                continue
            if best is None or pattern.specificity >= best.specificity:
                best = pattern
        return best

    def match_sentence(self, sent: Span) -> list[tuple[Token, Pattern]]:
        found = [(tok, p) for tok in sent if (p := self.match_token(tok)) is not None]
        return drop_embedded(found)


def drop_embedded(found: list[tuple[Token, Pattern]]) -> list[tuple[Token, Pattern]]:
    """Keep the act, not its content: drop triggers governed by a speech-act
    trigger, or by a trigger of the same type ("held talks", "signed the signing")."""
    by_index = {tok.i: p for tok, p in found}
    kept = []
    for tok, pattern in found:
        node, governed = tok, False
        for _ in range(6):
            if node.dep_ not in EMBEDDING_DEPS or node.head.i == node.i:
                break
            node = node.head
            outer = by_index.get(node.i)
            if outer is not None:
                if outer.type in SPEECH_TYPES or outer.type == pattern.type:
                    governed = True
                break
        if not governed:
            kept.append((tok, pattern))
    return kept
