"""Events and quotes on a time axis.

The page never receives more than ``limit`` items: counts per period come from
a GROUP BY over everything that matches, and when more items match than fit,
an even sample of them is sent, so zooming out shows the shape and zooming in
(a narrower date range, fetched by the page) shows every item.
"""

from __future__ import annotations

from newsgraph.store.dates import sql_date_conditions

from .. import plover
from ..context import EventFilters
from . import cached, one, rows

EVENT_COLUMNS = """
    e.id, e.article_id, e.type, e.mode, e.date, e.date_precision, e.trigger_text,
    e.trigger_start, e.trigger_end, e.sentence_start, e.sentence_end,
    e.negated, e.hypothetical, e.future, e.historical, e.confidence,
    (SELECT group_concat(coalesce(p.name, p.text), '; ') FROM participants p
      WHERE p.event_id = e.id AND p.role = 'actor') AS actors,
    (SELECT group_concat(coalesce(p.name, p.text), '; ') FROM participants p
      WHERE p.event_id = e.id AND p.role = 'recipient') AS recipients
"""


def bucket_width(start: str | None, end: str | None) -> int:
    """Characters of the ISO date to group by: day (10), month (7) or year (4)."""
    if not start or not end or not start[:4].isdigit() or not end[:4].isdigit():
        return 7
    first_month = int(start[5:7]) if start[5:7].isdigit() else 1
    last_month = int(end[5:7]) if end[5:7].isdigit() else 12
    months = (int(end[:4]) - int(start[:4])) * 12 + last_month - first_month
    if months >= 96:
        return 4
    return 10 if months <= 3 else 7


async def default_range(db, filters: EventFilters, where: list[str], params: dict):
    """Dates to show when the user gave none: all events, except that the
    oldest and newest 2% (a 1965 backstory, a 2030 plan) do not stretch the axis.
    Returns (first, last, number of events left outside)."""
    where_sql = " AND ".join(where)
    total = (await one(db, f"SELECT count(*) AS n FROM events e WHERE {where_sql}", params))["n"]
    if not total:
        return None, None, 0
    trim = total // 50 if total >= 50 and not filters.all_dates else 0

    async def nth(order: str) -> str | None:
        found = await one(db, f"SELECT e.date FROM events e WHERE {where_sql} ORDER BY e.date {order}"
                              f" LIMIT 1 OFFSET :trim", dict(params, trim=trim))
        return found.get("date")
    lo = None if filters.start else await nth("ASC")
    hi = None if filters.end else await nth("DESC")
    outside = 0
    if trim:
        bounds, bparams = [], dict(params)
        if lo:
            bounds.append("e.date < :lo")
            bparams["lo"] = lo
        if hi:
            bounds.append("e.date > :hi")
            bparams["hi"] = hi
        if bounds:
            outside = (await one(db, f"SELECT count(*) AS n FROM events e WHERE {where_sql}"
                                     f" AND ({' OR '.join(bounds)})", bparams))["n"]
    return lo, hi, outside


@cached
async def timeline(db, filters: EventFilters, limit: int = 300) -> dict:
    where, params = filters.event_where()
    where.append("e.date IS NOT NULL")
    lo, hi, outside = await default_range(db, filters, where, params)
    start, end = filters.start or lo, filters.end or hi
    if not filters.start and lo:
        where.append("e.date >= :auto_start")
        params["auto_start"] = lo
    if not filters.end and hi:
        where.append("e.date <= :auto_end")
        params["auto_end"] = hi
    width = bucket_width(start, end)
    where_sql = " AND ".join(where)
    bins = await rows(db, f"""
        SELECT substr(e.date, 1, {width}) AS period, e.type, count(*) AS n
        FROM events e WHERE {where_sql} GROUP BY period, e.type ORDER BY period
    """, params)
    total = sum(b["n"] for b in bins)
    if total <= limit:
        events = await rows(db, f"SELECT {EVENT_COLUMNS} FROM events e WHERE {where_sql} "
                                f"ORDER BY e.date LIMIT :limit", dict(params, limit=limit))
    else:
        # An even sample: every k-th matching event. Its density over time follows
        # the histogram, and it needs no sort of all the matches.
        step = -(-total // limit)
        events = await rows(db, f"SELECT {EVENT_COLUMNS} FROM events e WHERE {where_sql}"
                                f" AND e.rowid % :step = 0 ORDER BY e.date LIMIT :limit",
                            dict(params, step=step, limit=limit))
    for e in events:
        e["quad"] = plover.quad_of(e["type"])
    quotes = await timeline_quotes(db, filters, limit // 3, start, end) if filters.quotes else {"items": [], "total": 0}
    bin_rows: dict[str, dict] = {}
    for b in bins:
        slot = bin_rows.setdefault(b["period"], {"period": b["period"], "total": 0})
        quad = plover.quad_of(b["type"])
        slot[quad] = slot.get(quad, 0) + b["n"]
        slot["total"] += b["n"]
    return {
        "start": start, "end": end,
        "granularity": {4: "year", 7: "month", 10: "day"}[width],
        "events_outside": outside,
        "events_total": total,
        "events_shown": len(events),
        "events_sampled": total > len(events),
        "bins": list(bin_rows.values()),
        "events": events,
        "quotes_total": quotes["total"],
        "quotes": quotes["items"],
    }


async def timeline_quotes(db, filters: EventFilters, limit: int, start: str | None,
                          end: str | None) -> dict:
    """Dated quotes by the actor (as speaker) and to the recipient (as addressee),
    between ``start`` and ``end`` (the dates the events lanes show)."""
    where, params = ["q.date IS NOT NULL"], {}
    if start or end:  # by day ranges: "2024-W02" is in January, "2024" all year
        conds, dated = sql_date_conditions("q.date", start, end, prefix="q_")
        where += conds
        params.update(dated)
    if filters.actor:
        where.append("(q.speaker_entity_id = :actor OR q.speaker_name = :actor COLLATE NOCASE)")
        params["actor"] = filters.actor
    if filters.recipient:
        where.append("(q.addressee_entity_id = :recipient OR q.addressee_text = :recipient COLLATE NOCASE)")
        params["recipient"] = filters.recipient
    if filters.country:
        where.append("q.speaker_entity_id IN (SELECT id FROM entities WHERE country = :country)")
        params["country"] = filters.country
    if filters.type:
        return {"items": [], "total": 0}
    where_sql = " AND ".join(where)
    total = (await one(db, f"SELECT count(*) AS n FROM quotes q WHERE {where_sql}", params))["n"]
    # Past the limit keep an even sample across the range (every k-th by date).
    step = max(1, -(-total // max(1, limit)))
    items = await rows(db, f"""
        SELECT q.id, q.article_id, q.date, q.type, q.cue, q.start, q.end,
               substr(q.content, 1, 240) AS content, q.speaker_entity_id,
               coalesce(q.speaker_name, q.speaker_text) AS speaker, q.according_to
        FROM (SELECT q.rowid AS rid, row_number() OVER (ORDER BY q.date, q.rowid) AS n
              FROM quotes q WHERE {where_sql}) ranked
        JOIN quotes q ON q.rowid = ranked.rid
        WHERE (ranked.n - 1) % :step = 0
        ORDER BY q.date, q.rowid LIMIT :limit
    """, dict(params, limit=limit, step=step))
    return {"items": items, "total": total}
