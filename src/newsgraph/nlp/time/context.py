"""What a resolver sees (the Context) and gives back (a Resolution), plus small shared helpers."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from newsgraph.nlp.time.discourse import RefTime


@dataclass
class Context:
    """What a resolver may look at besides the match itself."""

    text: str
    dct: date | None
    tense: str = "present"  # past | present | future
    anchor: date | None = None  # last day-precise date mentioned before this one
    anchor_ref: str | None = None
    sentence_day: date | None = None  # a day-precise date in the same sentence
    #: The date the story is at, when this clause narrates a past before the DCT's year.
    story: RefTime | None = None
    #: The most recent date mentioned, of any precision (for "that year", "four years later").
    recent: RefTime | None = None


@dataclass
class Resolution:
    type: str
    value: str
    anchor: str | None = None
    end: int | None = None  # a shorter extent than the match, when trimmed


def _norm(word: str) -> str:
    return re.sub(r"\s+", " ", word.strip().lower().rstrip("."))


def _direction(ctx: Context) -> str:
    return {"past": "past", "future": "future"}.get(ctx.tense, "nearest")


def _unknown(shape: str) -> str:
    return {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "WE": "XXXX-WXX-WE", "M": "XXXX-XX", "Q": "XXXX-QX",
            "Y": "XXXX", "DE": "XXX", "CE": "XX"}.get(shape, "XXXX")


#: How precise a reference must be to count from it in a unit ("two days later" needs a day;
#: "two months later" counts from a season or quarter, from its first month).
UNIT_PRECISION = {"D": "day", "W": "day", "WE": "day", "M": "quarter", "Q": "quarter", "Y": "year",
                  "DE": "year", "CE": "year"}


def anaphor_base(ctx: Context, unit: str) -> tuple[date, str] | None:
    """The date "later", "the following ..." and "that ..." count from, with its reference.

    The most recent date mentioned when it is precise enough for ``unit`` ("In
    1995 ... four years later"), else the most recent day; None: only the DCT is left.
    """
    need = UNIT_PRECISION.get(unit, "year")
    if ctx.recent is not None and ctx.recent.at_least(need):
        return ctx.recent.day, ctx.recent.ref
    if ctx.anchor is not None:
        return ctx.anchor, ctx.anchor_ref
    return None


def story_year(ctx: Context) -> tuple[int, str] | None:
    """The year the story is in, with its reference, when the clause narrates the past."""
    return (ctx.story.year, ctx.story.ref) if ctx.story else None


#: "the following March", "the previous spring": which way they count.
_THE_RELATIVE = {"the following": "next", "the next": "next", "the previous": "last", "the preceding": "last"}


def counted_from(ctx: Context, rel: str) -> tuple[Context, str, str]:
    """For "the following March" / "the previous spring": the context to count in, the plain
    relative word ("next"/"last") and the anchor. In a story told in the past they count from
    the time the text last named ("In October 1917 ... the following March" is 1918-03),
    otherwise from the DCT, like "next March"."""
    plain = _THE_RELATIVE.get(rel, rel)
    if rel in _THE_RELATIVE and ctx.recent is not None and ctx.tense in ("past", "prospective"):
        return replace(ctx, dct=ctx.recent.day), plain, ctx.recent.ref
    return ctx, plain, "dct"
