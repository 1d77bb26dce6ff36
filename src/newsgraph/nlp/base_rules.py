"""The base model's two rule-based pipes, applied by table lookup.

English spaCy models map each fine-grained tag to its coarse part of speech
and morphology with an ``AttributeRuler``: some 180 Matcher patterns run over
every token and every match is applied through a ``Span``. That costs about
an eighth of the base model's time, as much as the parser. Nearly all of its
patterns test one token's tag, lower-case form, dependency label or
whitespace-ness, so what they assign depends only on those few values: we
work it out once per combination of values and look it up afterwards. The
rule lemmatizer likewise gives a token's lemma from its form, part of speech
and morphology alone, but walks every token in Python; we keep its answers.

The results are the pipes' own, token for token: the ruler's rules are
applied in its order (a later rule overrides an earlier one), every match is
found on the values before any rule changes them (as the Matcher does), a
pattern the table cannot read (several tokens, an operator, an extension
attribute) stays with a Matcher made of those patterns alone, and a lemma
not seen before is asked of the model's lemmatizer. ``tests/test_base_rules.py``
compares them on text.
"""

from __future__ import annotations

import re
from typing import Any, Callable

from spacy.attrs import IDS, LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

#: Token attributes a pattern may test for the table to handle it, in array order.
TABLE_ATTRS = ("TAG", "LOWER", "DEP", "IS_SPACE")
_ARRAY_IDS = [IDS[attr] for attr in TABLE_ATTRS]
_OTHER = -1  # a value no pattern names


class AttributeTable:
    """A drop-in for an ``AttributeRuler``: same rules, same output, looked up per token."""

    def __init__(self, ruler: AttributeRuler):
        self.vocab = ruler.vocab
        self.ruler = ruler
        self.tests: list[tuple[int, list[Callable[[tuple], bool]]]] = []  # rule -> alternatives
        self.named: list[set[int]] = [set() for _ in TABLE_ATTRS]  # values the patterns name
        self.regexes: list[list[re.Pattern]] = [[] for _ in TABLE_ATTRS]
        self.rest = Matcher(self.vocab, validate=False)  # the patterns the table cannot read
        self.rest_rules: dict[int, int] = {}
        self.rest_starts: list[Callable[[tuple], bool]] = []
        self.always_match = False
        for rule, spec in enumerate(ruler.patterns):
            self._add_rule(rule, spec)
        self.columns: list[dict[int, tuple]] = [{} for _ in TABLE_ATTRS]  # value -> what rules see
        self.plans: dict[tuple, tuple[dict, list, bool]] = {}  # key -> (merged, steps, starts)

    def _add_rule(self, rule: int, spec: dict) -> None:
        tests = [self._single_token_test(pattern) for pattern in spec["patterns"]]
        if spec["index"] in (0, -1) and all(test is not None for test in tests):
            self.tests.append((rule, tests))
            return
        key = f"newsgraph_attribute_rule_{rule}"
        self.rest.add(key, spec["patterns"])
        self.rest_rules[self.vocab.strings[key]] = rule
        for pattern in spec["patterns"]:  # the Matcher runs only where one of them can start
            first = pattern[0] if pattern else {"OP": "?"}
            test = self._single_token_test([first]) if "OP" not in first else None
            if test is None:
                self.always_match = True
            else:
                self.rest_starts.append(test)

    def _single_token_test(self, pattern: list) -> Callable[[tuple], bool] | None:
        """A test on a token's key for a one-token pattern, or None if the table cannot read it."""
        if len(pattern) != 1:
            return None
        checks = []
        for attr, value in pattern[0].items():
            if attr not in TABLE_ATTRS:
                return None
            check = self._value_check(TABLE_ATTRS.index(attr), value)
            if check is None:
                return None
            checks.append(check)
        return lambda key: all(check(key) for check in checks)

    def _value_check(self, col: int, value: Any) -> Callable[[tuple], bool] | None:
        if TABLE_ATTRS[col] == "IS_SPACE":
            return (lambda key: bool(key[col][0]) == value) if isinstance(value, bool) else None
        if isinstance(value, str):
            wanted = self._name(col, value)
            return lambda key: key[col][0] == wanted
        if not isinstance(value, dict) or len(value) != 1:
            return None
        (op, arg), = value.items()
        if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(a, str) for a in arg):
            names = {self._name(col, a) for a in arg}
            return (lambda key: key[col][0] in names) if op == "IN" else (lambda key: key[col][0] not in names)
        if op == "REGEX" and isinstance(arg, str):
            n = len(self.regexes[col])
            self.regexes[col].append(re.compile(arg))
            return lambda key: key[col][1][n]
        return None

    def _name(self, col: int, value: str) -> int:
        h = self.vocab.strings.add(value) if value else 0
        self.named[col].add(h)
        return h

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) and not (doc.has_annotation("TAG") and doc.has_annotation("DEP")):
            return self.ruler(doc)  # the Matcher's rules for missing values apply
        columns = self.columns
        plans = [self._plan(tuple(columns[col].get(h) or self._column(col, h) for col, h in enumerate(row)))
                 for row in doc.to_array(_ARRAY_IDS).tolist()]
        may_start = self.always_match or any(plan[2] for plan in plans)
        extra = self._rest_matches(doc) if self.rest_rules and may_start else {}
        for i, (merged, steps, _) in enumerate(plans):
            if i in extra:
                token = doc[i]
                for _, attrs in sorted(steps + extra[i], key=lambda step: step[0]):
                    set_token_attrs(token, attrs)
            elif merged:
                set_token_attrs(doc[i], merged)
        return doc

    def _rest_matches(self, doc: Doc) -> dict[int, list[tuple[int, dict]]]:
        """Token -> (rule, attributes) of the Matcher's rules, by the token each one sets."""
        extra: dict[int, list[tuple[int, dict]]] = {}
        for match_id, start, end in self.rest(doc, allow_missing=True):
            rule = self.rest_rules[match_id]
            i = range(start, end)[self.ruler.indices[rule]]
            extra.setdefault(i, []).append((rule, self.ruler.attrs[rule]))
        return extra

    def _column(self, col: int, h: int) -> tuple[int, tuple]:
        """A value in one column as the rules see it: itself if a pattern names it
        (else one stand-in for all others), and which regexes it matches."""
        named = h if h in self.named[col] or TABLE_ATTRS[col] == "IS_SPACE" else _OTHER
        text = self.vocab.strings[h] if self.regexes[col] else ""
        value = self.columns[col][h] = (named, tuple(bool(r.search(text)) for r in self.regexes[col]))
        return value

    def _plan(self, key: tuple) -> tuple[dict, list[tuple[int, dict]], bool]:
        """What the rules set on a token with this key: merged (a later rule's value
        wins), and step by step in rule order, to interleave with the Matcher's rules;
        and whether a pattern left to the Matcher can start at it."""
        plan = self.plans.get(key)
        if plan is None:
            steps = [(rule, self.ruler.attrs[rule]) for rule, tests in self.tests
                     if any(test(key) for test in tests)]
            merged: dict = {}
            for _, attrs in steps:
                merged.update(attrs)
            starts = any(test(key) for test in self.rest_starts)
            plan = self.plans[key] = (merged, steps, starts)
        return plan


class LemmaTable:
    """A drop-in for a rule ``Lemmatizer`` that does not overwrite: its lemmas, remembered."""

    def __init__(self, lemmatizer: Lemmatizer):
        self.lemmatizer = lemmatizer
        self.vocab = lemmatizer.vocab
        self.lemmas: dict[tuple[int, int, int], int] = {}  # (form, pos, morphology) -> lemma
        self.checked = False
        # The rules ask "is this form a known word?" of lists of up to 57,000 words, one
        # by one; sets answer the same. (Only membership and emptiness are asked of them.)
        index = lemmatizer.lookups.get_table("lemma_index", None)
        for key, words in list(index.items()) if index is not None else []:
            if isinstance(words, list):
                index[key] = frozenset(words)

    def __call__(self, doc: Doc) -> Doc:
        if not self.checked or not len(doc):  # the lemmatizer checks its tables on its first doc
            self.checked = True
            return self.lemmatizer(doc)
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = rows[:, 3].copy()
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma == 0:
                found = self.lemmas.get((orth, pos, morph))
                if found is None:
                    found = self.lemmas[(orth, pos, morph)] = self._lemma(doc[i])
                lemmas[i] = found
        doc.from_array([LEMMA], lemmas)
        return doc

    def _lemma(self, token) -> int:
        return self.vocab.strings.add(self.lemmatizer.lemmatize(token)[0])


@Language.factory("newsgraph_attribute_table")
def make_attribute_table(nlp: Language, name: str) -> AttributeTable:
    return AttributeTable(nlp.get_pipe("attribute_ruler"))


@Language.factory("newsgraph_lemma_table")
def make_lemma_table(nlp: Language, name: str) -> LemmaTable:
    return LemmaTable(nlp.get_pipe("lemmatizer"))


def use_rule_tables(nlp: Language) -> None:
    """Swap the model's attribute ruler and rule lemmatizer for their tables (same
    names, same output); pipes of another kind or set up otherwise are left alone."""
    ruler = nlp.get_pipe("attribute_ruler") if "attribute_ruler" in nlp.pipe_names else None
    if isinstance(ruler, AttributeRuler):
        _swap(nlp, "attribute_ruler", "newsgraph_attribute_table")
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    if isinstance(lemmatizer, Lemmatizer) and lemmatizer.mode == "rule" and not lemmatizer.overwrite:
        _swap(nlp, "lemmatizer", "newsgraph_lemma_table")


def _swap(nlp: Language, name: str, factory: str) -> None:
    nlp.add_pipe(factory, name=f"{name}_table", after=name)
    nlp.remove_pipe(name)
    nlp.rename_pipe(f"{name}_table", name)
