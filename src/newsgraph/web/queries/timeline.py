"""Events and quotes on a time axis.

The page never receives more than ``limit`` items: counts per period come from
a GROUP BY over everything that matches, and when more items match than fit,
each period keeps its most confident events (a window function), so zooming
out shows the shape and zooming in (a narrower date range) shows every item.
"""

from __future__ import annotations

from .. import plover
from ..context import EventFilters, date_upper
from . import one, rows

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


async def date_extent(db, filters: EventFilters) -> tuple[str | None, str | None]:
    where, params = filters.event_where()
    where.append("e.date IS NOT NULL")
    found = await one(db, f"SELECT min(e.date) AS lo, max(e.date) AS hi FROM events e "
                          f"WHERE {' AND '.join(where)}", params)
    return found.get("lo"), found.get("hi")


async def timeline(db, filters: EventFilters, limit: int = 400) -> dict:
    lo, hi = await date_extent(db, filters)
    start, end = filters.start or lo, filters.end or hi
    width = bucket_width(start, end)
    where, params = filters.event_where()
    where.append("e.date IS NOT NULL")
    where_sql = " AND ".join(where)
    bins = await rows(db, f"""
        SELECT substr(e.date, 1, {width}) AS period, e.type, count(*) AS n
        FROM events e WHERE {where_sql} GROUP BY period, e.type ORDER BY period
    """, params)
    total = sum(b["n"] for b in bins)
    periods = len({b["period"] for b in bins}) or 1
    if total <= limit:
        events = await rows(db, f"SELECT {EVENT_COLUMNS} FROM events e WHERE {where_sql} "
                                f"ORDER BY e.date LIMIT :limit", dict(params, limit=limit))
    else:
        per_period = max(1, limit // periods)
        events = await rows(db, f"""
            SELECT {EVENT_COLUMNS} FROM (
                SELECT e.id, row_number() OVER (
                    PARTITION BY substr(e.date, 1, {width})
                    ORDER BY e.confidence DESC, e.rowid) AS rank_in_period
                FROM events e WHERE {where_sql}) ranked
            JOIN events e ON e.id = ranked.id
            WHERE ranked.rank_in_period <= :per_period
            ORDER BY e.date LIMIT :limit
        """, dict(params, per_period=per_period, limit=limit))
    for e in events:
        e["quad"] = plover.quad_of(e["type"])
    quotes = await timeline_quotes(db, filters, limit // 2) if filters.quotes else {"items": [], "total": 0}
    bin_rows: dict[str, dict] = {}
    for b in bins:
        slot = bin_rows.setdefault(b["period"], {"period": b["period"], "total": 0})
        quad = plover.quad_of(b["type"])
        slot[quad] = slot.get(quad, 0) + b["n"]
        slot["total"] += b["n"]
    return {
        "start": start, "end": end,
        "granularity": {4: "year", 7: "month", 10: "day"}[width],
        "events_total": total,
        "events_shown": len(events),
        "events_sampled": total > len(events),
        "bins": list(bin_rows.values()),
        "events": events,
        "quotes_total": quotes["total"],
        "quotes": quotes["items"],
    }


async def timeline_quotes(db, filters: EventFilters, limit: int) -> dict:
    """Dated quotes by the actor (as speaker) and to the recipient (as addressee)."""
    where, params = ["q.date IS NOT NULL"], {}
    if filters.start:
        where.append("q.date >= :start")
        params["start"] = filters.start
    if filters.end:
        where.append("q.date <= :end")
        params["end"] = date_upper(filters.end)
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
