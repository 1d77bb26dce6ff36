"""``newsgraph_timex``: find time expressions and give them TIMEX3 values.

A rule grammar (``data/timex/patterns.yaml``, compiled once) proposes spans over
the text; each is resolved against the document creation time
(``doc._.ng_published``) using the tense of its clause from the parse. The
result, ``doc._.ng_timexes``, is a list of :class:`newsgraph.model.Timex` with
character offsets into ``doc.text``, only from extractable paragraphs (the test
of :func:`newsgraph.nlp.extensions.extractable`, done once per document here
because it runs for every candidate).
"""

from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Doc

from newsgraph.model import Timex
from newsgraph.nlp.extensions import paragraphs
from newsgraph.nlp.registry import component
from newsgraph.nlp.time.grammar import Grammar, load_grammar
from newsgraph.nlp.time.resolve import Context, Resolution, resolve
from newsgraph.nlp.time.tense import tense_at
from newsgraph.nlp.time.values import parse_dct, precision_of

_DAY_VALUE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
#: What may separate a clock time from the day it is on: "8 p.m. Friday", "Friday at 8 p.m.".
_TIME_DATE_GLUE = re.compile(r"^[ \t]*(?:on|at)?[ \t]*$", re.IGNORECASE)


def _day_of(value: str) -> date | None:
    match = _DAY_VALUE.match(value)
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


class TimexTagger:
    """The component: ``doc -> doc`` with ``doc._.ng_timexes`` set."""

    def __init__(self, grammar: Grammar):
        self.grammar = grammar

    def __call__(self, doc: Doc) -> Doc:
        doc._.ng_timexes = find_timexes(doc, self.grammar)
        return doc


@component("newsgraph_timex", 1, assigns=["doc._.ng_timexes"])
def make_timex_tagger(nlp, name):
    return TimexTagger(load_grammar())


def find_timexes(doc: Doc, grammar: Grammar | None = None) -> list[Timex]:
    """Time expressions of ``doc`` with values relative to its creation time."""
    grammar = grammar or load_grammar()
    text = doc.text
    dct = parse_dct(doc._.ng_published)
    blocked = [(p.start, max(p.end, p.start + 1)) for p in paragraphs(doc) if not p.extractable]
    has_parse = doc.has_annotation("DEP")
    has_sents = doc.has_annotation("SENT_START") or has_parse
    found: list[tuple[Timex, int]] = []
    anchor = None
    anchor_ref = None
    probe = Context(text, dct)

    def accept(cand) -> bool:
        if any(a <= cand.start < b for a, b in blocked):
            return False  # related links, footers, bylines: never extracted from
        return resolve(cand, probe, grammar.lexicon) is not None

    for cand in grammar.candidates(text, accept):
        span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
        token = span[0] if span is not None and len(span) else None
        sent = token.sent.start if token is not None and has_sents else 0
        tense = tense_at(token) if token is not None and has_parse else "present"
        sentence_day = next((_day_of(t.value) for t, s in reversed(found)
                             if s == sent and _day_of(t.value)), None)
        ctx = Context(text, dct, tense, anchor, anchor_ref, sentence_day)
        res = resolve(cand, ctx, grammar.lexicon)
        if res is None:
            continue
        end = res.end if res.end is not None else cand.end
        timex = Timex(cand.start, end, text[cand.start:end], res.type, res.value, res.anchor)
        if found and _merge_clock_and_day(found[-1][0], timex, text):
            continue
        found.append((timex, sent))
        if res.type in ("DATE", "TIME") and _day_of(res.value):
            anchor, anchor_ref = _day_of(res.value), f"timex:{cand.start}"
    return [t for t, _ in found]


def _merge_clock_and_day(prev: Timex, cur: Timex, text: str) -> bool:
    """"8 p.m. Friday" / "Friday at 8 p.m." are one TIME: fold ``cur`` into ``prev``."""
    if not _TIME_DATE_GLUE.match(text[prev.end:cur.start]):
        return False
    pair = {prev.type, cur.type}
    clock, day = (prev, cur) if prev.type == "TIME" else (cur, prev)
    if pair != {"TIME", "DATE"} or precision_of(day.value) != "day" or "T" not in clock.value:
        return False
    clock_part = clock.value.split("T", 1)[1]
    if not re.match(r"^\d", clock_part):
        return False
    prev.value = f"{day.value}T{clock_part}"
    prev.type = "TIME"
    prev.end = cur.end
    prev.text = text[prev.start:prev.end]
    prev.anchor = day.anchor
    return True


__all__ = ["Resolution", "TimexTagger", "find_timexes", "make_timex_tagger"]
