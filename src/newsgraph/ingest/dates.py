"""Publication dates: parse what inputs carry into ISO 8601, find datelines in text.

A date with a known time keeps it ("2024-06-19T08:00:00+00:00"); otherwise the value
is a plain "YYYY-MM-DD". A dateline without a year ("MOSCOW, June 19 (Reuters) -")
gives no date: guessing the year would put a wrong anchor under every relative time
expression, which is worse than none.

Parsing is the standard library's for ISO 8601 and RFC 2822 (feeds, HTTP and
e-mail dates) and ``dateutil``'s for dates written in words ("Wednesday, June
19, 2024 8:00 AM GMT"), parsed twice against two different default dates so a
missing year, month or day is noticed instead of filled in. Finding a date
inside running text (a dateline) stays a regular expression: a parser cannot
say where in a sentence the date is, and fuzzy parsing would take any number.
"""

from __future__ import annotations

import re
import time
import warnings
from datetime import date, datetime
from email.utils import parsedate_to_datetime

from dateutil import parser as date_parser

from newsgraph.errors import NewsgraphError

_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
_MONTH = r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_MDY = re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b", re.I)
_DMY = re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<year>(?:19|20)\d\d)\b", re.I)
_ISO_IN_TEXT = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b")
# "CITY, Month D, YYYY (AGENCY) -" or "CITY (AGENCY) - ": a place in capitals opening the story.
_DATELINE = re.compile(r"^[A-Z][A-Z .,'’-]{1,60}(?:,\s*[A-Z][A-Za-z.]+)?,?\s+(?P<date>[A-Za-z0-9 .,]{3,30}?)?\s*"
                       r"(?:\([A-Za-z .&/-]{1,30}\)\s*)?[-–—]{1,2}\s")
_STAMP = re.compile(r"^(?:published|updated|posted|last updated|first published)\b", re.I)
_MONTH_NAME = re.compile(rf"\b{_MONTH}", re.I)
#: Two defaults that differ in year, month and day: a part missing from a date parses differently.
_DEFAULTS = (datetime(1901, 1, 1), datetime(1902, 2, 2))
#: Longest metadata value read as a date in words (longer is prose, not a date field).
MAX_WORDS_DATE = 60


def parse_date(value) -> str | None:
    """ISO form of a date given as str, datetime, date or time.struct_time; None if unparseable."""
    if value is None or value == "":
        return None
    if isinstance(value, time.struct_time):
        return datetime(*value[:6]).isoformat() + "+00:00"
    if isinstance(value, datetime):
        return value.date().isoformat() if _is_midnight_naive(value) else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    if not text:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            return None
    try:
        return parse_date(datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:
        pass
    try:
        return parse_date(parsedate_to_datetime(text))
    except (TypeError, ValueError, IndexError):
        pass
    if len(text) <= MAX_WORDS_DATE and _MONTH_NAME.search(text):
        return _date_in_words(text)
    return None


def _date_in_words(text: str) -> str | None:
    """A date written with a month name, with its time if one is given; None if any date part is missing."""
    try:
        with warnings.catch_warnings():  # an unknown zone name ("EDT") leaves the time naive; fine
            warnings.simplefilter("ignore")
            first, second = (date_parser.parse(text, default=d, fuzzy=True) for d in _DEFAULTS)
    except (ValueError, OverflowError):
        return date_in_text(text)
    if first.date() != second.date():
        return None  # no year, month or day in the text: never guess one
    return parse_date(first)


def _is_midnight_naive(value: datetime) -> bool:
    return value.tzinfo is None and (value.hour, value.minute, value.second) == (0, 0, 0)


def date_in_text(text: str) -> str | None:
    """The first full calendar date (with a year) written in ``text``, as YYYY-MM-DD."""
    for pattern in (_ISO_IN_TEXT, _MDY, _DMY):
        m = pattern.search(text)
        if m:
            month = m.group("month")
            month = int(month) if month.isdigit() else _MONTHS[month[:3].lower()]
            try:
                return date(int(m.group("year")), month, int(m.group("day"))).isoformat()
            except ValueError:
                continue
    return None


def validate_flag_date(value: str | None) -> str | None:
    """Check a user's --published value; raise a clear NewsgraphError when it is not a date."""
    if value is None:
        return None
    parsed = parse_date(value)
    if parsed is None:
        raise NewsgraphError(f"--published {value!r} is not a date; use YYYY-MM-DD, e.g. 2024-06-19")
    return parsed


def dateline_date(paragraphs: list[str], roles: list[str], look: int = 4) -> str | None:
    """A dated dateline or "Published ..." stamp in the first paragraphs, if it carries a year."""
    seen = 0
    for text, role in zip(paragraphs, roles):
        if role == "byline" and _STAMP.match(text):
            found = date_in_text(text)
            if found:
                return found
        if role != "body":
            continue
        m = _DATELINE.match(text)
        if m and m.group("date"):
            found = date_in_text(m.group("date"))
            if found:
                return found
        seen += 1
        if seen >= look:
            break
    return None
