"""Resolvers for expressions whose value is another expression's: "that day", "later that year",
"490 BC", "nineteen ninety-seven", "the day before last Tuesday".

"that ..." takes the most recent date of the discourse precise enough for its
unit (:func:`newsgraph.nlp.time.context.anaphor_base`); with none, its value is
left unknown at that precision (``XXXX-XX-XX``) rather than guessed from the DCT.
"""

from __future__ import annotations

from newsgraph.nlp.time import filters
from newsgraph.nlp.time.context import Context, Resolution, _unknown, anaphor_base
from newsgraph.nlp.time.discourse import value_of
from newsgraph.nlp.time.grammar import Candidate, Lexicon
from newsgraph.nlp.time.numbers import spelled_year as parse_spelled_year
from newsgraph.nlp.time.values import value_at_unit

_UNITS = {"day": "D", "week": "W", "weekend": "WE", "month": "M", "year": "Y", "decade": "DE"}
_BC = frozenset({"BC", "BCE"})


def anaphoric(c: Candidate, ctx: Context, lex: Lexicon) -> Resolution | None:
    word = c.groups["unit"].lower()
    pod = lex.parts_of_day.get(word) if word not in _UNITS else None
    unit = "D" if pod else _UNITS[word]
    kind, suffix = ("TIME", f"T{pod}") if pod else ("DATE", "")
    if unit == "D" and ctx.recent is not None and not ctx.recent.at_least("day"):
        # "last October ... that same day": a day of the last time named, which is not known.
        month = f"{ctx.recent.day.month:02d}" if ctx.recent.at_least("month") else "XX"
        return Resolution(kind, f"{ctx.recent.year:04d}-{month}-XX" + suffix, ctx.recent.ref)
    found = anaphor_base(ctx, unit)
    if found is None:
        return Resolution(kind, _unknown(unit) + suffix)
    base, ref = found
    return Resolution(kind, value_at_unit(base, unit) + suffix, ref)


def that_time(c: Candidate, ctx: Context, lex: Lexicon) -> Resolution | None:
    """"during that time", "by this time" in a story: the time the text last named, as precisely."""
    if ctx.recent is None or c.groups["this"].lower() == "this" and ctx.tense not in ("past", "prospective"):
        return None  # "at this time" in the present is no date the text named
    return Resolution("DATE", value_of(ctx.recent), ctx.recent.ref)


def era_year(c: Candidate, ctx: Context, lex: Lexicon) -> Resolution | None:
    """"490 BC" -> BC0490 (the TIMEX convention for years before the era), "AD 800" -> 0800."""
    g = c.groups
    year = int(g.get("year") or g.get("year2"))
    era = (g.get("era") or g.get("era_pre")).upper().replace(".", "")
    if year == 0:
        return None
    if era in _BC:
        return Resolution("DATE", f"BC{year:04d}")
    if ctx.dct and year > ctx.dct.year + 50:
        return None
    return Resolution("DATE", f"{year:04d}")


def spelled_year(c: Candidate, ctx: Context, lex: Lexicon) -> Resolution | None:
    year = parse_spelled_year(lex.numbers, c.groups["spelled"])
    if year is None or (ctx.dct and year > ctx.dct.year + 50):
        return None
    if not filters.is_year_in_context(lex, ctx.text, c.start, c.end):
        return None
    return Resolution("DATE", f"{year:04d}")


def unit_before_date(c: Candidate, ctx: Context, lex: Lexicon) -> Resolution | None:
    """"the day before last Tuesday": one unit, to be joined with the date that follows
    (:func:`newsgraph.nlp.timex._merge_offset`); its extent stops before "before"."""
    g = c.groups
    end = c.start + ctx.text[c.start:c.end].lower().rfind(g["dir"].lower())
    while end > c.start and ctx.text[end - 1].isspace():
        end -= 1
    return Resolution("DURATION", f"P1{_UNITS[g['unit'].lower()]}", end=end)
