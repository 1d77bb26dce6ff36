"""Holidays: the date of one in a given year, from its entry in ``data/timex/holidays.yaml``,
and the resolver for "Thanksgiving Day", "last Easter", "Easter week", "Christmas 2019".
"""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta, weekday

from newsgraph.nlp.time.context import Context, Resolution, _direction, _norm, story_year
from newsgraph.nlp.time.grammar import Candidate, Lexicon
from newsgraph.nlp.time.values import day_value, week_value

#: relativedelta's weekday objects, by ISO number (Monday = 1).
_WEEKDAYS = {n: weekday(n - 1) for n in range(1, 8)}


def holiday_date(spec: dict, year: int) -> date:
    """Fixed ({date: "12-25"}), nth weekday ({month, weekday, nth[, from_day]}) or Easter-based."""
    if "date" in spec:
        month, day = (int(x) for x in str(spec["date"]).split("-"))
        return date(year, month, day)
    if "easter" in spec:
        return easter(year) + timedelta(days=int(spec["easter"]))
    nth = int(spec["nth"])
    wd = _WEEKDAYS[int(spec["weekday"])]
    if nth < 0:
        return date(year, int(spec["month"]), 1) + relativedelta(day=31, weekday=wd(nth))
    start = date(year, int(spec["month"]), int(spec.get("from_day", 1)))
    return start + relativedelta(weekday=wd(nth))


def holiday(c: Candidate, ctx: Context, lex: Lexicon) -> Resolution | None:
    g = c.groups
    spec = lex.holidays.get(_norm(g["holiday"]).replace("’", "'"))
    if spec is None:
        return None
    story = story_year(ctx) if not ({"rel", "year"} & g.keys()) else None
    if "year" in g:
        day, anchor = holiday_date(spec, int(g["year"])), None
    elif story:
        day, anchor = holiday_date(spec, story[0]), story[1]
    elif ctx.dct:
        day, anchor = _holiday_near(ctx, spec, _norm(g.get("rel", ""))), "dct"
    else:
        return Resolution("DATE", "XXXX-WXX" if "hweek" in g else "XXXX-XX-XX")
    return Resolution("DATE", week_value(day) if "hweek" in g else day_value(day), anchor)


def _holiday_near(ctx: Context, spec: dict, rel: str) -> date:
    """The holiday's date nearest the DCT, in the direction the clause (or "last"/"next") points.

    A month's grace either way: "protesters prayed as Easter week began" is this Easter.
    """
    years = [holiday_date(spec, ctx.dct.year + k) for k in (-1, 0, 1)]
    direction = {"last": "past", "next": "future", "this": "nearest"}.get(rel) or _direction(ctx)
    grace = timedelta(days=0 if rel else 30)
    if direction == "past":
        return max(d for d in years if d <= ctx.dct + grace)
    if direction == "future":
        return min(d for d in years if d >= ctx.dct - grace)
    return min(years, key=lambda d: abs((d - ctx.dct).days))
