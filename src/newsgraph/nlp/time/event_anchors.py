"""Dates that hang on an event the text has dated: "ten days before the shooting".

A history or a follow-up story dates its central event once ("Slepian was shot
on Oct. 23") and then counts from it ("a jogger saw the car ten days before the
shooting", "two weeks after the attack"). :class:`EventDates` remembers, for
each day-precise date, the words of the event it dates (its clause's verb, and
the noun it modifies in "the Oct. 23 slaying"); an amount of time followed by
"before/after the <event>" then becomes that event's date moved by the amount,
when the event is one the text dated. Nouns and verbs of one kind of event
("shooting", "shot", "murder", "killed") are grouped in ``event_families``
(``data/timex/lexicon.yaml``), so "the murder" finds "was shot to death".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Token

from newsgraph.model import Timex
from newsgraph.nlp.time.tense import clause_verb
from newsgraph.nlp.time.context import UNIT_PRECISION
from newsgraph.nlp.time.discourse import RefTime, ref_from_value
from newsgraph.nlp.time.values import shift_by_unit, value_at_unit

#: "ten days | before the | shooting": the relation and the event noun after an amount.
_AFTER_AMOUNT = re.compile(
    r"[ \t]+(before|after|prior[ \t]+to|following|ahead[ \t]+of)[ \t]+(?:the|his|her|their|its|that)[ \t]+"
    r"(?:[\w-]+[ \t]+)?([A-Za-z-]+)\b", re.IGNORECASE)
_AMOUNT = re.compile(r"^P(\d+)([DWMY])$")
#: Words before an amount that make it a length of time, not a date.
_WORD_BEFORE = re.compile(r"\b(?:for|within|over|during|spent|spend|lasted|lasting|took|than|in)[ \t]+$",
                          re.IGNORECASE)
#: Dependents of a dated verb that name its event: "the election was held on March 3".
_EVENT_ARGS = frozenset({"nsubj", "nsubjpass", "dobj"})


@dataclass
class EventDates:
    """The dated events of one document, most recent last."""

    families: dict[str, frozenset]  # word -> the kinds of event it can name
    dated: list[tuple[frozenset, RefTime]] = field(default_factory=list)

    def family(self, token: Token) -> frozenset:
        return self.families.get(token.lower_) or self.families.get(token.lemma_.lower(), frozenset())

    def note(self, doc: Doc, timex: Timex) -> None:
        """Remember the event ``timex`` dates ("was born in 1769", "seized power on 9 November 1799")."""
        ref = ref_from_value(timex.value, f"timex:{timex.start}")
        span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
        if ref is None or span is None or not len(span):
            return
        root = span.root
        kinds = self.kinds(clause_verb(root))
        if root.head.i != root.i and root.head.pos_ == "NOUN":
            kinds |= self.family(root.head)  # "the Oct. 23 slaying"
        if kinds:
            self.dated.append((kinds, ref))

    def kinds(self, verb: Token) -> frozenset:
        """The event kinds a clause names: "was shot", "the election was held"."""
        return self.family(verb).union(*(self.family(c) for c in verb.children if c.dep_ in _EVENT_ARGS))

    def day_of_clause(self, doc: Doc, timex: Timex) -> tuple[date, str] | None:
        """The date the text gave the event of ``timex``'s clause ("was shot to death at 10 p.m."
        after "was shot on Oct. 23"), if it gave one."""
        span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
        if span is None or not len(span) or not self.dated:
            return None
        kinds = self.kinds(clause_verb(span.root))
        return next(((ref.day, ref.ref) for dated, ref in reversed(self.dated)
                     if dated & kinds and ref.at_least("day")), None)

    def offset(self, doc: Doc, timex: Timex, text: str) -> bool:
        """Turn "ten days" (before the shooting) into the shooting's date minus ten days."""
        amount = _AMOUNT.match(timex.value) if timex.type == "DURATION" else None
        if amount and _WORD_BEFORE.search(text, max(0, timex.start - 16), timex.start):
            return False  # "for ten days before the shooting" is how long
        glue = _AFTER_AMOUNT.match(text, timex.end) if amount else None
        if glue is None:
            return False
        noun = doc.char_span(glue.start(2), glue.end(2), alignment_mode="expand")
        kinds = self.family(noun[0]) if noun is not None and len(noun) else frozenset()
        unit = amount[2]
        event = next((ref for dated, ref in reversed(self.dated) if kinds & dated), None) if kinds else None
        if event is None or not event.at_least(UNIT_PRECISION[unit]):
            return False  # "two days after the vote" of a vote dated only by its year
        sign = 1 if glue[1].lower() in ("after", "following") else -1
        shifted = shift_by_unit(event.day, unit, sign * int(amount[1]))
        if shifted is None:
            return False
        timex.type, timex.anchor = "DATE", event.ref
        timex.value = value_at_unit(shifted, "D" if unit in ("D", "W") else unit)
        return True
