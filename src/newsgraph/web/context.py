"""What every page needs: which database to read, parsed filters, links.

Filters arrive as query-string text from anyone who can reach the server, so
each one is validated here and reaches SQL only as a bound parameter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from urllib.parse import urlencode

from newsgraph.store.dates import filter_range
from newsgraph.store.filters import EventFilter

from . import plover

REQUIRED_TABLES = {"articles", "paragraphs", "entities", "mentions", "timexes",
                   "quotes", "events", "participants"}
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class NotNewsgraph(Exception):
    """The selected database lacks the newsgraph tables."""

    def __init__(self, database: str | None, missing: set[str]):
        self.database = database
        self.missing = missing
        super().__init__(f"{database or 'no database'} is not a newsgraph database")


async def newsgraph_databases(datasette) -> list[str]:
    names = []
    for name, db in datasette.databases.items():
        if name == "_internal":
            continue
        tables = set(await db.table_names())
        if REQUIRED_TABLES <= tables:
            names.append(name)
    return names


async def pick_database(datasette, request):
    """The database named by ``?db=``, else the first newsgraph database."""
    wanted = request.args.get("db")
    if wanted:
        if wanted not in datasette.databases:
            raise NotNewsgraph(wanted, REQUIRED_TABLES)
        db = datasette.databases[wanted]
        missing = REQUIRED_TABLES - set(await db.table_names())
        if missing:
            raise NotNewsgraph(wanted, missing)
        return db
    names = await newsgraph_databases(datasette)
    if not names:
        first = next((n for n in datasette.databases if n != "_internal"), None)
        raise NotNewsgraph(first, REQUIRED_TABLES)
    return datasette.databases[names[0]]


def clean_date(value: str | None) -> str | None:
    """A valid YYYY[-MM[-DD]] date, else None (``2024-13-45`` is not one)."""
    value = (value or "").strip()
    if not DATE_RE.match(value):
        return None
    try:
        filter_range(value)
    except ValueError:
        return None
    return value


@dataclass
class EventFilters(EventFilter):
    """The store's event filter (:class:`newsgraph.store.filters.EventFilter`, the one
    ``newsgraph events`` uses) read from a page's query string, with what only the pages
    have: the quotes toggle, the full date range, and warnings about ignored values.
    ``start``/``end`` are the query-string names of ``since``/``until``."""
    quotes: bool = True
    all_dates: bool = False
    warnings: list[str] = field(default_factory=list)

    start = property(lambda self: self.since, lambda self, value: setattr(self, "since", value))
    end = property(lambda self: self.until, lambda self, value: setattr(self, "until", value))

    @classmethod
    def from_request(cls, request) -> "EventFilters":
        args = request.args
        f = cls(
            actor=(args.get("actor") or "").strip()[:200],
            recipient=(args.get("recipient") or "").strip()[:200],
            country=(args.get("country") or "").strip().upper()[:8],
            type=(args.get("type") or "").strip()[:40],
            hypothetical=args.get("hypothetical") == "1",
            future=args.get("future") == "1",
            negated=args.get("negated") == "1",
            quotes=args.get("noquotes") != "1",
            all_dates=args.get("all_dates") == "1",
        )
        for key in ("start", "end"):
            raw = args.get(key)
            value = clean_date(raw)
            if raw and not value:
                f.warnings.append(f"Ignored {key}={raw!r}: expected YYYY, YYYY-MM or YYYY-MM-DD.")
            setattr(f, key, value)
        if f.type and not plover.types_for(f.type):
            f.warnings.append(f"Ignored unknown event type {f.type!r}.")
            f.type = ""
        return f

    def store_filter(self) -> EventFilter:
        """The shared filter (:mod:`newsgraph.store.filters`) these page filters stand for."""
        return EventFilter(**{f.name: getattr(self, f.name) for f in fields(EventFilter)})

    def event_where(self, alias: str = "e") -> tuple[list[str], dict]:
        """SQL conditions and parameters selecting events by these filters: the same
        builder as ``newsgraph events`` (names match aliases and ids too)."""
        return self.where(alias)

    def query_args(self, **override) -> dict:
        args = {
            "actor": self.actor, "recipient": self.recipient, "country": self.country,
            "type": self.type, "start": self.start or "", "end": self.end or "",
            "hypothetical": "1" if self.hypothetical else "",
            "future": "1" if self.future else "", "negated": "1" if self.negated else "",
            "noquotes": "" if self.quotes else "1",
            "all_dates": "1" if self.all_dates else "",
        }
        args.update(override)
        return {k: v for k, v in args.items() if v}

    def as_dict(self) -> dict:
        return {"actor": self.actor, "recipient": self.recipient, "country": self.country, "type": self.type,
                "start": self.start, "end": self.end, "hypothetical": self.hypothetical,
                "future": self.future, "negated": self.negated, "quotes": self.quotes,
                "all_dates": self.all_dates}


def page_url(base: str, args: dict) -> str:
    args = {k: v for k, v in args.items() if v not in (None, "")}
    return base + ("?" + urlencode(args) if args else "")


def article_url(prefix: str, article_id: str, start: int | None = None,
                end: int | None = None, db: str | None = None) -> str:
    """Link to an article, focused on a character span, scrolled to its anchor."""
    args = {}
    if db:
        args["db"] = db
    if start is not None and end is not None:
        args["focus"] = f"{int(start)}-{int(end)}"
    url = page_url(f"{prefix}/article/{article_id}", args)
    return url + (f"#c{int(start)}" if start is not None else "")
