"""What ``newsgraph events`` and ``quotes`` list by default, and what they leave out.

The store's queries return records oldest first; a person reading a listing
wants the newest first (and the worst-dated, undated items last either way).
By default events are realised ones only (not negated, hypothetical or future)
and quotes are reported speech only: a quote of type ``attribution`` ("X's
view is that...", verbs of thinking or showing) is not somebody speaking.
:func:`hidden_counts` says how much each default leaves out, for ``summary``.
"""

from __future__ import annotations

import sqlite3

from newsgraph.store.dates import period_key
from newsgraph.store.queries import corpus_summary, format_summary
from newsgraph.store.records_queries import list_events, list_quotes

ORDERS = ("newest", "oldest")
#: Quote types, and the ones the default listings (CLI and web) leave out.
QUOTE_TYPES = ("direct", "indirect", "mixed", "attribution")
HIDDEN_QUOTE_TYPES = frozenset({"attribution"})
#: Event flags the default listings leave out (``--include-hypothetical`` shows them).
HIDDEN_EVENT_FLAGS = ("negated", "hypothetical", "future")


def ordered(rows: list[dict], order: str = "newest", limit: int | None = None) -> list[dict]:
    """``rows`` (oldest first, undated last) newest first or oldest first, undated last, cut to ``limit``.

    Items of the same date keep their order (article, then position in the text).
    """
    if order not in ORDERS:
        raise ValueError(f"order must be one of {', '.join(ORDERS)}, not {order!r}")
    keyed = [(period_key(r.get("date")), r) for r in rows]
    dated = [(k, r) for k, r in keyed if k[0] == 0]
    undated = [r for k, r in keyed if k[0] != 0]
    dated.sort(key=lambda kr: kr[0][1:3], reverse=(order == "newest"))  # stable: ties keep text order
    result = [r for _, r in dated] + undated
    return result[:limit] if limit else result


def events(db: sqlite3.Connection, *, order: str = "newest", limit: int | None = None, **filters) -> list[dict]:
    """:func:`~newsgraph.store.records_queries.list_events` in the chosen order."""
    return ordered(list_events(db, **filters), order, limit)


def quotes(db: sqlite3.Connection, *, order: str = "newest", types: list[str] | tuple[str, ...] | None = None,
           limit: int | None = None, **filters) -> list[dict]:
    """:func:`~newsgraph.store.records_queries.list_quotes` in the chosen order, reported speech only
    unless ``types`` names the quote types to show."""
    found = list_quotes(db, **filters)
    if types:
        wanted = set(types)
        found = [q for q in found if q["type"] in wanted]
    else:
        found = [q for q in found if q["type"] not in HIDDEN_QUOTE_TYPES]
    return ordered(found, order, limit)


def hidden_counts(db: sqlite3.Connection) -> dict:
    """How many events and quotes the default listings leave out, and why."""
    flags = HIDDEN_EVENT_FLAGS
    row = db.execute(
        "SELECT " + ", ".join(f"coalesce(sum({f} != 0), 0)" for f in flags)
        + ", coalesce(sum(" + " OR ".join(f"{f} != 0" for f in flags) + "), 0), count(*) FROM events").fetchone()
    by_flag = dict(zip(flags, row[:len(flags)]))
    quote_types = {t: n for t, n in db.execute("SELECT type, count(*) FROM quotes GROUP BY type")}
    hidden_quotes = {t: quote_types.get(t, 0) for t in sorted(HIDDEN_QUOTE_TYPES)}
    return {
        "events": {"total": row[-1], "hidden": row[-2], "by_flag": by_flag},
        "quotes": {"total": sum(quote_types.values()), "hidden": sum(hidden_quotes.values()),
                   "by_type": hidden_quotes},
    }


def format_hidden(hidden: dict) -> list[str]:
    """Lines for ``summary``: what ``events`` and ``quotes`` show by default, and how to see the rest."""
    ev, qu = hidden["events"], hidden["quotes"]
    lines = []
    if ev["hidden"]:
        why = ", ".join(f"{flag} {n}" for flag, n in ev["by_flag"].items() if n)
        lines.append(f"  `events` lists {ev['total'] - ev['hidden']} of {ev['total']} events: {ev['hidden']} "
                     f"not realised are hidden ({why}; an event may be several); --include-hypothetical shows them")
    if qu["hidden"]:
        lines.append(f"  `quotes` lists {qu['total'] - qu['hidden']} of {qu['total']} quotes: {qu['hidden']} of type "
                     "attribution (not reported speech) are hidden; --type attribution shows them")
    return lines


def summary_with_hidden(db: sqlite3.Connection) -> dict:
    """:func:`~newsgraph.store.queries.corpus_summary` plus ``hidden``: what the default listings leave out."""
    return {**corpus_summary(db), "hidden": hidden_counts(db)}


def summary_text(summary: dict, db_name: str) -> str:
    """The text of ``newsgraph summary``: the store's summary with the hidden counts before "Explore it"."""
    text = format_summary(summary, db_name)
    extra = format_hidden(summary["hidden"])
    if not extra:
        return text
    head, sep, tail = text.partition("\n\nExplore it:")
    return head + "\n" + "\n".join(extra) + sep + tail
