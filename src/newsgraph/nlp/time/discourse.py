"""The reference time of a story: which date an underspecified expression hangs on.

News is told from its creation time (DCT), but a paragraph of background ("In
2000, Putin visited Pyongyang. On 19 July he met Kim Jong Il") or a history
moves its own clock: while a clause narrates the past, "On 19 July", "In April",
"Four years later" and "that day" are read against the most recent explicit
date of the discourse, not against the DCT. :class:`Discourse` keeps that
date as the text is read; each resolution records what it was anchored to. A
date read from the DCT ("last week", "on Tuesday") brings the text back to the
present, and a story not carried on by a paragraph ends with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from newsgraph.nlp.time.values import safe_date, value_at_unit

#: Precisions a reference time can have, coarse to fine.
PRECISIONS = ("year", "half", "quarter", "season", "month", "day")
_VALUE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-Q([1-4])|-H([12])|-(SP|SU|FA|WI))?(?:T.*)?$")
_SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_PRECISION_UNIT = {"year": "Y", "quarter": "Q", "month": "M", "day": "D"}


@dataclass(frozen=True)
class RefTime:
    """A date the discourse has reached: its first day, how precise it is, where it was said."""

    day: date
    precision: str
    ref: str  # "timex:<start offset>" of the expression that set it, or "dct"

    @property
    def year(self) -> int:
        return self.day.year

    def at_least(self, precision: str) -> bool:
        """As precise as ``precision`` (a day reference serves "that year" too)."""
        return PRECISIONS.index(self.precision) >= PRECISIONS.index(precision)


def ref_from_value(value: str, ref: str) -> RefTime | None:
    """The reference a DATE/TIME value sets ("1917", "1917-10", "1917-10-24", "2013-Q3")."""
    match = _VALUE.match(value or "")
    if not match:
        return None
    year, month, day, quarter, half, season = match.groups()
    y = int(year)
    if day:
        start, precision = safe_date(y, int(month), int(day)), "day"
    elif month:
        start, precision = safe_date(y, int(month), 1), "month"
    elif quarter:
        start, precision = date(y, 3 * int(quarter) - 2, 1), "quarter"
    elif half:
        start, precision = date(y, 6 * int(half) - 5, 1), "half"
    elif season:
        start, precision = date(y, _SEASON_MONTH[season], 1), "season"
    else:
        start, precision = date(y, 1, 1), "year"
    return RefTime(start, precision, ref) if start else None


def value_of(ref: RefTime) -> str:
    """The TIMEX3 value of a reference time at its own precision ("1917", "1917-10-24", "1944-SP")."""
    y, m = ref.day.year, ref.day.month
    if ref.precision == "season":
        return f"{y:04d}-{next(k for k, v in _SEASON_MONTH.items() if v == m)}"
    if ref.precision == "half":
        return f"{y:04d}-H{1 if m < 7 else 2}"
    return value_at_unit(ref.day, _PRECISION_UNIT[ref.precision])


@dataclass
class Discourse:
    """What the text has said about time so far, updated after every expression.

    ``story``: the most recent explicit date that frames a narration (a year, a
    month, a day said with its year, or one resolved against an earlier story
    date); cleared when the text comes back to the present (an expression read
    from the DCT) and at the end of a paragraph that did not use it. ``recent``: the most recent
    date of any kind, for anaphora ("that year", "the following month").
    """

    dct: date | None
    story: RefTime | None = None
    recent: RefTime | None = None
    #: Whether the current paragraph told the story on (resolved something against it).
    used: bool = False
    #: A history rather than news (:func:`is_history`): its story never ends at a paragraph.
    history: bool = False

    def new_paragraph(self, quoted: bool = False) -> None:
        """A story goes on into the next paragraph only if this one carried it on, or in a
        history ("The war began in August 1914. ... / In September, the armies clashed");
        not into a paragraph that opens with a quotation (``quoted``), told from a speaker's present."""
        if (not self.used or quoted) and not self.history:
            self.story = None
        self.used = False

    def narrative(self, tense: str) -> RefTime | None:
        """The story date when a clause in ``tense`` narrates a past before the DCT's year."""
        if self.story is None or tense not in ("past", "prospective"):
            return None
        if self.dct is not None and self.story.year >= self.dct.year:
            return None
        return self.story

    def update(self, value: str, anchor: str | None, start: int, framing: bool) -> None:
        """Take in one resolved DATE/TIME (``anchor``: what it was resolved against)."""
        ref = ref_from_value(value, f"timex:{start}")
        if ref is None:
            return
        self.recent = ref
        if anchor == "dct":
            self.story = None  # back in the present of the article
            return
        if self.story is not None and anchor == self.story.ref:
            self.used = True
        if framing or (anchor or "").startswith("timex:"):
            self.story = ref


#: Rules whose expressions speak from the text's own present ("yesterday", "on Tuesday").
_DEICTIC_RULES = frozenset({"deictic_day", "deictic_part", "weekday"})
_PRESENT_RELATIVE = re.compile(r"^(?:last|next|this|earlier\s+this|later\s+this|the\s+current)\b", re.IGNORECASE)


def is_history(candidates: list, dct: date | None) -> bool:
    """Whether a text tells a history rather than news, read from all its time expressions
    before any is resolved: at least three explicit years, all before the year before the DCT,
    and nothing said from the text's present ("yesterday", "on Tuesday", "last week", "two
    years ago"). News that recalls a past year still dates itself; a history does not."""
    years = set()
    for cand in candidates:
        groups = cand.groups
        if cand.rule in _DEICTIC_RULES or (groups.get("dir") or "").lower() == "ago" or \
                _PRESENT_RELATIVE.match(groups.get("rel") or ""):
            return False
        if (groups.get("year") or "").isdigit():
            years.add(int(groups["year"]))
    return len(years) >= 3 and (dct is None or max(years) < dct.year - 1)
