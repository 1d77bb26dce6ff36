"""Dates of every precision as day ranges, in Python and in SQL.

Stored dates are TIMEX3-like values of varying precision: ``2024-06-19``,
``2024-06``, ``2024``, ``2024-W02`` (ISO week), ``2024-Q1``, ``2024-H2``,
``2024-SU`` (season). Compared as strings they sort wrongly (``2024-W02`` is
after ``2024-06-01``), so every date filter compares the first and last day
of the value instead: a value is kept by ``since S`` when its last day is on
or after S's first day, and by ``until U`` when its first day is on or before
U's last day (the ranges overlap). The CLI and the web both use these.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

#: Dates a user may type in a filter: a year, a month, a day or an ISO week.
FILTER_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-W(\d{1,2}))?$")
_VALUE_RE = re.compile(r"^(\d{4})(?:-(?:(\d{2})(?:-(\d{2}))?|W(\d{1,2})\b.*|Q([1-4])|H([12])|(SP|SU|FA|WI))"
                       r"(?:T.*)?)?$")
_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
FILTER_FORMATS = "YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Www"


def _month_end(year: int, month: int) -> date:
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    first_next = date(year + (month == 12), month % 12 + 1, 1)
    return first_next - timedelta(days=1)


def _week_start(year: int, week: int) -> date:
    return date.fromisocalendar(year, week, 1)


def day_range(value: str | None) -> tuple[str, str] | None:
    """First and last day (ISO strings) of a stored date value; None if it has no calendar range."""
    m = _VALUE_RE.match((value or "").strip())
    if not m:
        return None
    year, month, day, week, quarter, half, season = m.groups()
    y = int(year)
    try:
        if day:
            start = end = date(y, int(month), int(day))
        elif month:
            start, end = date(y, int(month), 1), _month_end(y, int(month))
        elif week:
            start = _week_start(y, int(week))
            end = start + timedelta(days=6)
        elif quarter:
            first = (int(quarter) - 1) * 3 + 1
            start, end = date(y, first, 1), _month_end(y, first + 2)
        elif half:
            first = 1 if half == "1" else 7
            start, end = date(y, first, 1), _month_end(y, first + 5)
        elif season:
            first, last = _SEASONS[season]
            start, end = date(y, first, 1), _month_end(y, last)
        else:
            start, end = date(y, 1, 1), date(y, 12, 31)
    except ValueError:
        return None
    return start.isoformat(), end.isoformat()


def filter_range(value: str) -> tuple[str, str]:
    """Day range of a date typed in a filter; ValueError saying what is wrong otherwise."""
    text = (value or "").strip()
    if not FILTER_DATE_RE.match(text):
        raise ValueError(f"{value!r} is not a date: expected {FILTER_FORMATS}")
    bounds = day_range(text)
    if bounds is None:
        raise ValueError(f"{value!r} is not a real date (month 01-12, a day that month has, week 01-53)")
    return bounds


def period_key(value: str | None) -> tuple:
    """Sort key putting values of any precision in calendar order (undated last)."""
    bounds = day_range(value)
    return (0, bounds[0], bounds[1], value) if bounds else (1, "", "", value or "")


def sql_start_day(col: str) -> str:
    """SQL expression: the first day (``YYYY-MM-DD``) of the date value in ``col``, else NULL."""
    y = f"substr({col}, 1, 4)"
    return (
        "(CASE"
        f" WHEN {col} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' THEN substr({col}, 1, 10)"
        f" WHEN {col} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' THEN {col} || '-01'"
        f" WHEN {col} GLOB '[0-9][0-9][0-9][0-9]' THEN {col} || '-01-01'"
        f" WHEN {col} GLOB '[0-9][0-9][0-9][0-9]-W[0-9]*' THEN date({y} || '-01-04', 'weekday 0', '-6 days',"
        f" '+' || ((CAST(substr({col}, 7, 2) AS INTEGER) - 1) * 7) || ' days')"
        f" WHEN {col} GLOB '[0-9][0-9][0-9][0-9]-Q[1-4]' THEN"
        f" date({y} || '-01-01', '+' || ((CAST(substr({col}, 7, 1) AS INTEGER) - 1) * 3) || ' months')"
        f" WHEN {col} GLOB '[0-9][0-9][0-9][0-9]-H[12]' THEN"
        f" date({y} || '-01-01', '+' || ((CAST(substr({col}, 7, 1) AS INTEGER) - 1) * 6) || ' months')"
        f" WHEN {col} GLOB '[0-9][0-9][0-9][0-9]-SP' THEN {y} || '-03-01'"
        f" WHEN {col} GLOB '[0-9][0-9][0-9][0-9]-SU' THEN {y} || '-06-01'"
        f" WHEN {col} GLOB '[0-9][0-9][0-9][0-9]-FA' THEN {y} || '-09-01'"
        f" WHEN {col} GLOB '[0-9][0-9][0-9][0-9]-WI' THEN {y} || '-12-01'"
        " END)"
    )


def sql_end_day(col: str) -> str:
    """SQL expression: the last day (``YYYY-MM-DD``) of the date value in ``col``, else NULL."""
    start = sql_start_day(col)
    return (
        "(CASE"
        f" WHEN {col} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' THEN substr({col}, 1, 10)"
        f" WHEN {col} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' THEN date({col} || '-01', '+1 month', '-1 day')"
        f" WHEN {col} GLOB '[0-9][0-9][0-9][0-9]' THEN {col} || '-12-31'"
        f" WHEN {col} GLOB '[0-9][0-9][0-9][0-9]-W[0-9]*' THEN date({start}, '+6 days')"
        f" WHEN {col} GLOB '[0-9][0-9][0-9][0-9]-Q[1-4]' THEN date({start}, '+3 months', '-1 day')"
        f" WHEN {col} GLOB '[0-9][0-9][0-9][0-9]-H[12]' THEN date({start}, '+6 months', '-1 day')"
        f" WHEN {col} GLOB '[0-9][0-9][0-9][0-9]-[SFW][PUAI]' THEN date({start}, '+3 months', '-1 day')"
        " END)"
    )


def sql_date_conditions(col: str, since: str | None, until: str | None, prefix: str = "") -> tuple[list[str], dict]:
    """Conditions (named parameters) keeping values of ``col`` whose day range overlaps [since, until].

    ``since``/``until`` are filter dates (see :func:`filter_range`; ValueError if invalid).
    A coarse string range on the raw column comes first so an index on it still narrows the scan.
    """
    where, params = [], {}
    if since:
        first, _ = filter_range(since)
        where.append(f"{col} >= :{prefix}since_year AND {sql_end_day(col)} >= :{prefix}since")
        params[f"{prefix}since_year"] = str(int(first[:4]) - 1)
        params[f"{prefix}since"] = first
    if until:
        _, last = filter_range(until)
        where.append(f"{col} < :{prefix}until_year AND {sql_start_day(col)} <= :{prefix}until")
        params[f"{prefix}until_year"] = str(int(last[:4]) + 2)
        params[f"{prefix}until"] = last
    return where, params
