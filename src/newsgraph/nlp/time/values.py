"""Calendar arithmetic and TIMEX3 value strings.

Kept apart from the resolvers so the conventions (ISO weeks, seasons, how a
duration is written) are in one place and testable on their own.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from newsgraph.nlp.extensions import published_day

#: Value shapes and the precision each one has, most specific first.
_PRECISION = (
    (re.compile(r"^[\dX]{4}-[\dX]{2}-[\dX]{2}T"), "time"),
    (re.compile(r"^[\dX]{4}-[\dX]{2}-[\dX]{2}$"), "day"),
    (re.compile(r"^[\dX]{4}-W[\dX]{2}-\d"), "day"),
    (re.compile(r"^[\dX]{4}-W[\dX]{2}(-WE)?$"), "week"),
    (re.compile(r"^[\dX]{4}-[\dX]{2}$"), "month"),
    (re.compile(r"^[\dX]{4}-(SP|SU|FA|WI)$"), "season"),
    (re.compile(r"^[\dX]{4}-Q[\dX]$"), "quarter"),
    (re.compile(r"^[\dX]{4}-H[\dX]$"), "half"),
    (re.compile(r"^FY[\dX]{4}$"), "year"),
    (re.compile(r"^BC\d{4}$"), "year"),
    (re.compile(r"^[\dX]{4}$"), "year"),
    (re.compile(r"^[\dX]{3}$"), "decade"),
    (re.compile(r"^[\dX]{2}$"), "century"),
)


def precision_of(value: str) -> str | None:
    """How precise a DATE/TIME value is: day, week, month, quarter, year, decade, ..."""
    for regex, name in _PRECISION:
        if regex.match(value):
            return name
    return None


def parse_dct(published: str | None) -> date | None:
    """The document creation time as a date (:func:`newsgraph.nlp.extensions.published_day`)."""
    return published_day(published)


def day_value(d: date) -> str:
    return d.isoformat()


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def week_value(d: date) -> str:
    iso_year, week, _ = d.isocalendar()
    return f"{iso_year:04d}-W{week:02d}"


def shift_months(year: int, month: int, k: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + k
    return index // 12, index % 12 + 1


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def add_months(d: date, k: int) -> date:
    year, month = shift_months(d.year, d.month, k)
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(d.day, last))


def quarter_of(d: date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3 + 1


def shift_quarter(year: int, quarter: int, k: int) -> tuple[int, int]:
    index = year * 4 + quarter - 1 + k
    return index // 4, index % 4 + 1


#: Seasons in calendar order; a winter is named by the year its December is in.
SEASON_ORDER = ("SP", "SU", "FA", "WI")


def season_of(d: date) -> tuple[int, int]:
    """(season-year, index into SEASON_ORDER) of the meteorological season of ``d``."""
    m = d.month
    if m in (1, 2):
        return d.year - 1, 3
    if m == 12:
        return d.year, 3
    return d.year, (m - 3) // 3


def shift_by_unit(d: date, unit: str, k: float) -> date | None:
    """``d`` moved by ``k`` units (D, W, M, Q, Y, DE, CE); None when not whole."""
    if k != int(k):
        return None
    k = int(k)
    try:
        if unit == "D":
            return d + timedelta(days=k)
        if unit in ("W", "WE"):
            return d + timedelta(weeks=k)
        if unit == "M":
            return add_months(d, k)
        if unit == "Q":
            return add_months(d, 3 * k)
        if unit == "Y":
            return add_months(d, 12 * k)
        if unit == "DE":
            return add_months(d, 120 * k)
        if unit == "CE":
            return add_months(d, 1200 * k)
    except (OverflowError, ValueError):
        return None
    return None


def value_at_unit(d: date, unit: str) -> str:
    """``d`` written at the precision of ``unit`` (a year ago -> "2012")."""
    if unit == "D":
        return day_value(d)
    if unit in ("W", "WE"):
        return week_value(d) + ("-WE" if unit == "WE" else "")
    if unit == "M":
        return month_value(d.year, d.month)
    if unit == "Q":
        year, q = quarter_of(d)
        return f"{year:04d}-Q{q}"
    if unit == "DE":
        return f"{d.year // 10:03d}"
    if unit == "CE":
        return f"{d.year // 100:02d}"
    return f"{d.year:04d}"


def format_number(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


def duration_value(amount: float | None, code: str, time_unit: bool = False) -> str:
    """A TIMEX3 duration: P4M, PT3H, PXY (amount None), P6M for half a year, P2.5Y, PT5H30M."""
    if amount is None:
        return f"PTX{code}" if time_unit else f"PX{code}"
    smaller = {"Y": (12, "M", False), "D": (24, "H", True), "H": (60, "M", True)}
    if amount != int(amount) and code in smaller:
        factor, code2, time2 = smaller[code]
        rest = duration_value((amount - int(amount)) * factor, code2, time2 or time_unit)
        if amount < 1:
            return rest  # half a year: P6M
        if code == "H":
            return f"PT{int(amount)}H{rest[2:]}"  # hours and minutes, as a clock says them: PT5H30M
    if code == "DE" and amount is not None:
        return f"P{format_number(amount * 10)}Y"
    if code == "CE" and amount is not None:
        return f"P{format_number(amount * 100)}Y"
    prefix = "PT" if time_unit else "P"
    return f"{prefix}{format_number(amount)}{code}"


def weekday_date(dct: date, weekday: int, direction: str, same_day_ok: bool = True) -> date:
    """The date of ``weekday`` (ISO, Monday = 1) relative to ``dct``.

    ``direction`` is "past" (most recent), "future" (next) or "nearest" (the
    DCT's own week, within three days either side). News convention: the DCT
    weekday itself is the DCT day unless the text says "last"/"next".
    """
    diff = weekday - dct.isoweekday()
    if diff == 0 and same_day_ok:
        return dct
    if direction == "past":
        back = (dct.isoweekday() - weekday) % 7 or 7
        return dct - timedelta(days=back)
    if direction == "future":
        ahead = (weekday - dct.isoweekday()) % 7 or 7
        return dct + timedelta(days=ahead)
    if diff > 3:
        diff -= 7
    elif diff < -3:
        diff += 7
    return dct + timedelta(days=diff)
