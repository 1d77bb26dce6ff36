"""``newsgraph_timex``: find time expressions and give them TIMEX3 values.

A rule grammar (``data/timex/patterns.yaml``, compiled once) proposes spans over
the text; each is resolved against the document creation time
(``doc._.ng_published``) using the tense of its clause from the parse, or
against the date the story has reached when the clause narrates the past
(``nlp/time/discourse.py``); each records what it was anchored to. The
result, ``doc._.ng_timexes``, is a list of :class:`newsgraph.model.Timex` with
character offsets into ``doc.text``, only from extractable paragraphs (the test
of :func:`newsgraph.nlp.extensions.extractable`, done once per document here
because it runs for every candidate).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.model import Timex
from newsgraph.nlp.extensions import article_day, doc_text, paragraphs, published_day
from newsgraph.nlp.registry import versioned
from newsgraph.nlp.time.discourse import Discourse, is_history, ref_from_value
from newsgraph.nlp.time.context import UNIT_PRECISION
from newsgraph.nlp.time.event_anchors import EventDates
from newsgraph.nlp.time.filters import in_quotation, is_framing
from newsgraph.nlp.time.grammar import Grammar, load_grammar
from newsgraph.nlp.time.resolve import Context, Resolution, resolve
from newsgraph.nlp.time.tense import tense_at
from newsgraph.nlp.time.values import precision_of, safe_date, shift_by_unit, value_at_unit

#: Marks that open a quotation: a paragraph opening with one is a speaker's, not the story's.
_OPENING_MARKS = frozenset({'"', "“", "'", "‘", "`"})
#: Resolvers that cannot decide without the discourse so far ("during that time").
_NEEDS_DISCOURSE = frozenset({"that_time"})
#: What may separate a clock time from the day it is on: "8 p.m. Friday", "Friday at 8 p.m.".
_TIME_DATE_GLUE = re.compile(r"^[ \t]*(?:on|at)?[ \t]*$", re.IGNORECASE)


def _day_of(value: str) -> date | None:
    """The day a TIMEX3 value starts with ("2024-06-18", "2024-06-18T14:00"), else None."""
    return published_day(value)


def _parsed(doc: Doc) -> bool:
    """``doc.has_annotation("DEP")``, answered from the first tokens when they have a
    dependency (the full test makes a Token object for every token of the document)."""
    return any(t.dep for t in doc[:8]) or doc.has_annotation("DEP")


class TimexTagger:
    """The component: ``doc -> doc`` with ``doc._.ng_timexes`` set."""

    def __init__(self, grammar: Grammar):
        self.grammar = grammar

    def __call__(self, doc: Doc) -> Doc:
        doc._.ng_timexes = find_timexes(doc, self.grammar)
        return doc


@versioned(1)
@Language.factory("newsgraph_timex", assigns=["doc._.ng_timexes"])
def make_timex_tagger(nlp, name):
    return TimexTagger(load_grammar())


def find_timexes(doc: Doc, grammar: Grammar | None = None) -> list[Timex]:
    """Time expressions of ``doc`` with values relative to its creation time.

    Each is resolved in the context of its clause (tense) and of the discourse
    so far (:class:`~newsgraph.nlp.time.discourse.Discourse`): a bare date in a
    clause narrating the past takes the year the story is in.
    """
    return _Scan(doc, grammar or load_grammar()).run()


class _Scan:
    """One pass over a document: candidates in text order, each resolved in context."""

    def __init__(self, doc: Doc, grammar: Grammar):
        self.doc, self.grammar, self.text = doc, grammar, doc_text(doc)
        self.dct = article_day(doc)
        paras = paragraphs(doc)
        self.blocked = [(p.start, max(p.end, p.start + 1)) for p in paras if not p.extractable]
        self.para_starts = [p.start for p in paras]
        self.para = 0
        self.has_parse = _parsed(doc)
        self.has_sents = self.has_parse or doc.has_annotation("SENT_START")
        self.found: list[tuple[Timex, int]] = []
        self.anchor: date | None = None
        self.anchor_ref: str | None = None
        self.discourse = Discourse(self.dct)
        self.skip_to = 0
        self.events = EventDates(grammar.lexicon.event_families)
        self.loose_clocks: list[Timex] = []

    def accept(self, cand) -> bool:
        if any(a <= cand.start < b for a, b in self.blocked):
            return False  # related links, footers, bylines: never extracted from
        if cand.resolver in _NEEDS_DISCOURSE:
            return True  # decided in step(), where the discourse is known
        return resolve(cand, Context(self.text, self.dct), self.grammar.lexicon) is not None

    def run(self) -> list[Timex]:
        candidates = self.grammar.candidates(self.text, self.accept)
        self.discourse.history = is_history(candidates, self.dct)
        for cand in candidates:
            self.step(cand)
        return [t for t, _ in self.found]

    def context(self, cand) -> tuple[Context, int]:
        span = self.doc.char_span(cand.start, cand.end, alignment_mode="expand")
        token = span[0] if span is not None and len(span) else None
        sent = token.sent.start if token is not None and self.has_sents else 0
        tense = tense_at(token, self.grammar.lexicon.forward_verbs, self.grammar.lexicon.planning_verbs) \
            if token is not None and self.has_parse else "present"
        if tense == "present" and token is not None and self.has_parse and self.names_past_event(token):
            tense = "past"  # "the October slaying", "Monday's attack": reported once it happened
        sentence_day = next((_day_of(t.value) for t, s in reversed(self.found)
                             if s == sent and _day_of(t.value)), None)
        # Direct speech is told from the speaker's present, not from the story's.
        quoted = in_quotation(self.text, self.para_starts[self.para - 1] if self.para else 0, cand.start)
        story = None if quoted else self.discourse.narrative(tense)
        return Context(self.text, self.dct, tense, self.anchor, self.anchor_ref, sentence_day,
                       story, self.discourse.recent), sent

    def names_past_event(self, token) -> bool:
        """Whether a date modifies a noun of an event reported only once it has happened."""
        head = token.head
        while head.i != head.head.i and head.pos_ == "PROPN" and head.i < head.head.i:
            head = head.head  # "the Oct. 23 slaying": up from "Oct." through "23"
        lex = self.grammar.lexicon
        return head.i != token.i and head.pos_ == "NOUN" and token.i < head.i and \
            bool(lex.event_families.get(head.lower_, frozenset()) & lex.completed_events)

    def counts_something(self, timex: Timex) -> bool:
        """Whether the number at ``timex`` counts a noun after it ("April 24 and 25 people")."""
        if not self.has_parse:
            return False
        span = self.doc.char_span(timex.start, timex.start + len(timex.text.split(",")[0]),
                                  alignment_mode="expand")
        token = span[-1] if span is not None and len(span) else None
        return token is not None and token.i + 1 < len(self.doc) and \
            self.doc[token.i + 1].is_alpha and (token.dep_ == "nummod" and token.head.i > token.i
                                                or self.doc[token.i + 1].pos_ in ("NOUN", "PROPN"))

    def date_loose_clocks(self, day: Timex) -> None:
        """"at 6 a.m. ... ten days before the murder": a clock time said before the day
        of its own clause takes that day, not the DCT's."""
        if not self.loose_clocks:
            return
        verb = self.verb_at(day.start)
        for clock in self.loose_clocks:
            if clock is not day and verb is not None and self.verb_at(clock.start) == verb:
                clock.value = f"{day.value[:10]}T{clock.value.split('T', 1)[1]}"
                clock.anchor = f"timex:{day.start}"
        self.loose_clocks = []

    def date_by_event(self, clock: Timex) -> None:
        """"was shot to death at 10 p.m." after "was shot on Oct. 23": the event's day."""
        found = self.events.day_of_clause(self.doc, clock)
        if found is not None:
            clock.value = f"{found[0].isoformat()}T{clock.value.split('T', 1)[1]}"
            clock.anchor = found[1]

    def verb_at(self, start: int) -> int | None:
        """The nearest verb or auxiliary above the token at ``start`` (its index)."""
        span = self.doc.char_span(start, start + 1, alignment_mode="expand")
        token = span[0] if span is not None and len(span) else None
        for _ in range(40):
            if token is None or token.pos_ in ("VERB", "AUX"):
                break
            token = token.head if token.head.i != token.i else None
        return token.i if token is not None else None

    def step(self, cand) -> None:
        if cand.start < self.skip_to:
            return  # inside the second member of a range already taken
        para = bisect_right(self.para_starts, cand.start)
        if para != self.para:
            self.para = para
            start = self.para_starts[para - 1] if para else 0
            self.discourse.new_paragraph(quoted=self.text[start:start + 3].lstrip()[:1] in _OPENING_MARKS)
        ctx, sent = self.context(cand)
        res = resolve(cand, ctx, self.grammar.lexicon)
        if res is None:
            return
        end = res.end if res.end is not None else cand.end
        timex = Timex(cand.start, end, self.text[cand.start:end], res.type, res.value, res.anchor)
        if self.has_parse:
            self.events.offset(self.doc, timex, self.text)  # "ten days before the shooting"
        first = _range_start(timex, self.text)
        if first is not None and not (self.found and self.found[-1][0].end > first.start):
            self.found.append((first, sent))
        if self.found and _merge_clock_and_day(self.found[-1][0], timex, self.text):
            merged = self.found[-1][0]  # "4 a.m. EDT Thursday": dated by its own day now
            self.loose_clocks = [c for c in self.loose_clocks if c is not merged]
            if self.has_parse:
                self.date_loose_clocks(merged)
            return
        if cand.resolver == "clock":
            self.loose_clocks.append(timex)  # dated by the DCT or the story, not by a day of its own
            if ctx.tense == "past" and res.anchor == "dct" and self.has_parse:
                self.date_by_event(timex)
        if self.found and _merge_offset(self.found[-1][0], timex, self.text):
            timex = self.found.pop()[0]
        self.found.append((timex, sent))
        if timex.type in ("DATE", "TIME"):
            framing = is_framing(self.grammar.lexicon, self.text, timex.start)
            self.discourse.update(timex.value, timex.anchor, timex.start, framing)
            if self.has_parse:
                self.events.note(self.doc, timex)
            if _day_of(timex.value):
                self.anchor, self.anchor_ref = _day_of(timex.value), f"timex:{timex.start}"
                if self.has_parse and not any(timex is c for c in self.loose_clocks):
                    self.date_loose_clocks(timex)  # a day of its own, not a clock dated by default
        second = _range_end(timex, self.text)
        if second is not None and not self.counts_something(second):
            self.found.append((second, sent))
            self.skip_to = second.end


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


#: The bare second member of a range or pair after a date: "April 24 and 25", "May 3-5",
#: "May 3 to 5, 2001" (the year then belongs to both).
_RANGE_DAY = re.compile(
    r"[ \t]*(?:and|or|&|to|through|thru|until|till|-|–|—)[ \t]*(\d{1,2})(?![\d:]|[.,]\d|[ \t]*%)"
    r"(?:,?[ \t]+((?:1[6-9]|20)\d\d)(?!\d))?", re.IGNORECASE)


#: The bare first member of a pair before a day-month date: "between 4 and 9 June 1862".
_RANGE_START = re.compile(r"(?<![\d,.$£€])(\d{1,2})[ \t]*(?:and|or|to|-|–|—)[ \t]*$", re.IGNORECASE)


def _range_start(day: Timex, text: str) -> Timex | None:
    """The first date of "4 and 9 June 1862", valued in the second one's month."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", day.value) or not day.text[:1].isdigit():
        return None
    match = _RANGE_START.search(text, max(0, day.start - 12), day.start)
    if not match or not 0 < int(match[1]) < int(day.value[8:]):
        return None
    return Timex(match.start(1), match.end(1), match[1], "DATE",
                 f"{day.value[:8]}{int(match[1]):02d}", day.anchor)


def _range_end(prev: Timex, text: str) -> Timex | None:
    """The second date of "April 24 and 25", valued in the first one's month."""
    if not (re.fullmatch(r"\d{4}-\d{2}-\d{2}", prev.value)
            and re.search(rf"(?<!\d)0?{int(prev.value[8:])}$", prev.text)):
        return None
    match = _RANGE_DAY.match(text, prev.end, prev.end + 60)
    year = match[2] if match and match[2] else prev.value[:4]
    if not match or not int(prev.value[8:]) < int(match[1]) <= 31 or \
            safe_date(int(year), int(prev.value[5:7]), int(match[1])) is None:
        return None
    if match[2]:
        prev.value, prev.anchor = f"{year}{prev.value[4:]}", None
    start, end = match.start(1), match.end()
    return Timex(start, end, text[start:end], "DATE", f"{year}{prev.value[4:8]}{int(match[1]):02d}", prev.anchor)


_OFFSET_GLUE = re.compile(r"^[ \t]+(before|after)[ \t]+$", re.IGNORECASE)
_OFFSET_AMOUNT = re.compile(r"^P(\d+)([DWMY])$")


def _merge_offset(prev: Timex, cur: Timex, text: str) -> bool:
    """"two days before Christmas", "three years after 1995": one DATE, ``prev`` becomes it."""
    glue = _OFFSET_GLUE.match(text[prev.end:cur.start])
    amount = _OFFSET_AMOUNT.match(prev.value) if prev.type == "DURATION" else None
    if not glue or not amount or cur.type != "DATE":
        return False
    base = ref_from_value(cur.value, f"timex:{cur.start}")
    unit = amount[2]
    if base is None or not base.at_least(UNIT_PRECISION[unit]):
        return False
    sign = -1 if glue[1].lower() == "before" else 1
    shifted = shift_by_unit(base.day, unit, sign * int(amount[1]))
    if shifted is None:
        return False
    prev.type, prev.value, prev.anchor = "DATE", value_at_unit(shifted, "D" if unit == "W" else unit), base.ref
    prev.end, prev.text = cur.end, text[prev.start:cur.end]
    return True


__all__ = ["Resolution", "TimexTagger", "find_timexes", "make_timex_tagger"]
