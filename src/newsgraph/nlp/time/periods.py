"""Reporting periods of business news: "the quarter", "the latest quarter", "the year-ago quarter",
"year-ago".

"the quarter" is the quarter the text is reporting on: the last one mentioned,
else the last one completed before the DCT (an earnings story is published after
its quarter ends) or, in a clause about the future, the current one.
"year-ago" is that period a year before.
"""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta

from newsgraph.nlp.time.context import Context, Resolution, _direction, _norm
from newsgraph.nlp.time.grammar import Candidate, Lexicon

_MONTHS = {"Q": 3, "H": 6}


def _period_start(d: date, part: str) -> date:
    size = _MONTHS[part]
    return date(d.year, (d.month - 1) // size * size + 1, 1)


def _label(d: date, part: str) -> str:
    return f"{d.year:04d}-{part}{(d.month - 1) // _MONTHS[part] + 1}"


def _reported(ctx: Context, part: str) -> tuple[date, str] | None:
    """The period being reported on: the last one mentioned, else the one the DCT implies."""
    precision = "quarter" if part == "Q" else "half"
    if ctx.recent is not None and ctx.recent.precision == precision:
        return ctx.recent.day, ctx.recent.ref
    if ctx.dct is None:
        return None
    current = _period_start(ctx.dct, part)
    if _direction(ctx) == "future":
        return current, "dct"
    return current - relativedelta(months=_MONTHS[part]), "dct"


def the_quarter(c: Candidate, ctx: Context, lex: Lexicon) -> Resolution | None:
    g = c.groups
    part = "H" if g.get("part", "quarter").lower() == "half" else "Q"
    if "yago" in g:
        return _year_ago(ctx)
    found = _reported(ctx, part)
    if found is None:
        return Resolution("DATE", f"XXXX-{part}X")
    start, anchor = found
    if _norm(g.get("qrel", "")).replace("-", " ") in ("year ago", "prior year", "comparable"):
        start -= relativedelta(years=1)
    return Resolution("DATE", _label(start, part), anchor)


def _year_ago(ctx: Context) -> Resolution | None:
    """"year-ago": the period last mentioned, a year before; else the DCT's year before."""
    recent = ctx.recent
    if recent is not None and recent.precision in ("quarter", "half"):
        part = "Q" if recent.precision == "quarter" else "H"
        return Resolution("DATE", _label(recent.day - relativedelta(years=1), part), recent.ref)
    if ctx.dct is None:
        return Resolution("DATE", "XXXX")
    return Resolution("DATE", f"{ctx.dct.year - 1:04d}", "dct")
