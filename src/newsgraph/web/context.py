"""What every page needs: which database to read, parsed filters, links.

Filters arrive as query-string text from anyone who can reach the server, so
each one is validated here and reaches SQL only as a bound parameter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

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
    value = (value or "").strip()
    return value if DATE_RE.match(value) else None


def date_upper(value: str | None) -> str | None:
    """Inclusive upper bound for prefix dates: '2024-06' covers all of June."""
    return value + "\uffff" if value else None


@dataclass
class EventFilters:
    actor: str = ""
    recipient: str = ""
    country: str = ""
    type: str = ""
    start: str | None = None
    end: str | None = None
    hypothetical: bool = False
    future: bool = False
    negated: bool = False
    quotes: bool = True
    all_dates: bool = False
    warnings: list[str] = field(default_factory=list)

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

    def event_where(self, alias: str = "e") -> tuple[list[str], dict]:
        """SQL conditions and parameters selecting events by these filters."""
        where, params = [], {}
        if not self.negated:
            where.append(f"{alias}.negated = 0")
        if not self.hypothetical:
            where.append(f"{alias}.hypothetical = 0")
        if not self.future:
            where.append(f"{alias}.future = 0")
        if self.start:
            where.append(f"{alias}.date >= :start")
            params["start"] = self.start
        if self.end:
            where.append(f"{alias}.date <= :end")
            params["end"] = date_upper(self.end)
        types = plover.types_for(self.type) if self.type else []
        if types:
            names = []
            for i, t in enumerate(types):
                params[f"type{i}"] = t
                names.append(f":type{i}")
            where.append(f"{alias}.type IN ({', '.join(names)})")
        # Non-correlated IN subqueries: SQLite builds each set once per query.
        for role, value in (("actor", self.actor), ("recipient", self.recipient)):
            if value:
                where.append(
                    f"{alias}.id IN (SELECT event_id FROM participants WHERE role = '{role}'"
                    f" AND (entity_id = :{role} OR name = :{role} COLLATE NOCASE OR entity_id IN"
                    f" (SELECT id FROM entities WHERE name = :{role} COLLATE NOCASE)))"
                )
                params[role] = value
        if self.country:
            where.append(f"{alias}.id IN (SELECT event_id FROM participants WHERE country = :country)")
            params["country"] = self.country
        return where, params

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
        return {k: v for k, v in self.__dict__.items() if k != "warnings"}


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
