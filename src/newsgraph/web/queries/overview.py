"""The overview page: corpus size, date range, top actors, event types over time."""

from __future__ import annotations

from .. import plover
from . import cached, one, rows
from newsgraph.store.dates import sql_start_day


@cached
async def overview(db, top: int = 15, latest: int = 10) -> dict:
    counts = await one(db, """
        SELECT (SELECT count(*) FROM articles) AS articles,
               (SELECT count(*) FROM events) AS events,
               (SELECT count(*) FROM events WHERE merged_event_id IS NOT NULL) AS repeated_reports,
               (SELECT count(*) FROM quotes) AS quotes,
               (SELECT count(*) FROM entities) AS entities,
               (SELECT count(*) FROM timexes) AS timexes,
               (SELECT count(*) FROM ingest_errors) AS ingest_errors,
               (SELECT min(published) FROM articles WHERE published IS NOT NULL) AS first_published,
               (SELECT max(published) FROM articles) AS last_published,
               (SELECT min(date) FROM events WHERE date IS NOT NULL) AS first_event,
               (SELECT max(date) FROM events) AS last_event
    """)
    top_actors = await rows(db, """
        SELECT t.entity_id, en.name, en.type, en.country, t.as_actor, t.as_recipient,
               t.as_actor + t.as_recipient AS events
        FROM (SELECT entity_id,
                     sum(role = 'actor') AS as_actor, sum(role = 'recipient') AS as_recipient
              FROM participants WHERE entity_id IS NOT NULL
              GROUP BY entity_id ORDER BY count(*) DESC LIMIT :top) t
        LEFT JOIN entities en ON en.id = t.entity_id
        ORDER BY events DESC
    """, {"top": top})
    top_speakers = await rows(db, """
        SELECT t.speaker_entity_id AS entity_id, coalesce(en.name, t.speaker_name) AS name, t.quotes
        FROM (SELECT speaker_entity_id, max(speaker_name) AS speaker_name, count(*) AS quotes
              FROM quotes WHERE speaker_entity_id IS NOT NULL
              GROUP BY speaker_entity_id ORDER BY quotes DESC LIMIT :top) t
        LEFT JOIN entities en ON en.id = t.speaker_entity_id
        ORDER BY t.quotes DESC
    """, {"top": top})
    latest_articles = await rows(db, """
        SELECT id, title, outlet, published,
               (SELECT count(*) FROM events WHERE article_id = articles.id) AS events,
               (SELECT count(*) FROM quotes WHERE article_id = articles.id) AS quotes
        FROM articles ORDER BY published DESC, rowid DESC LIMIT :latest
    """, {"latest": latest})
    return {
        "counts": counts,
        "top_actors": top_actors,
        "top_speakers": top_speakers,
        "latest_articles": latest_articles,
        "event_types_over_time": await types_over_time(db, counts),
    }


async def types_over_time(db, counts: dict) -> dict:
    """Realised events per period and quad, over the years the articles were
    published (plus one each side: backstory from 1965 would flatten the chart);
    months, or years when the articles span more than eight years."""
    first = (counts.get("first_published") or counts.get("first_event") or "")[:4]
    last = (counts.get("last_published") or counts.get("last_event") or "")[:4]
    lo = f"{int(first) - 1:04d}" if first.isdigit() else "0000"
    hi = f"{int(last) + 1:04d}\uffff" if last.isdigit() else "9999\uffff"
    span_years = int(last) - int(first) if first.isdigit() and last.isdigit() else 0
    width = 4 if span_years > 8 else 7
    found = await rows(db, f"""
        SELECT substr({sql_start_day("date")}, 1, {width}) AS period, type, count(*) AS n
        FROM events WHERE date >= :lo AND date <= :hi AND length(date) >= {width}
          AND negated = 0 AND hypothetical = 0 AND future = 0
        GROUP BY period, type ORDER BY period
    """, {"lo": lo, "hi": hi})
    periods: dict[str, dict[str, int]] = {}
    for r in found:
        slot = periods.setdefault(r["period"], {q["key"]: 0 for q in plover.quads()})
        slot[plover.quad_of(r["type"])] += r["n"]
    by_type: dict[str, int] = {}
    for r in found:
        by_type[r["type"]] = by_type.get(r["type"], 0) + r["n"]
    return {
        "granularity": "year" if width == 4 else "month",
        "from": lo, "to": hi[:4],
        "quads": [{k: q[k] for k in ("key", "label", "color")} for q in plover.quads()],
        "periods": [{"period": p, **c} for p, c in periods.items()],
        "by_type": sorted(({"type": t, "quad": plover.quad_of(t), "n": n} for t, n in by_type.items()),
                          key=lambda x: -x["n"]),
    }


@cached
async def actor_choices(db, limit: int = 200) -> list[dict]:
    """Most active named actors, offered in the filter boxes."""
    return await rows(db, """
        SELECT en.id, en.name FROM (
            SELECT entity_id, count(*) AS n FROM participants WHERE entity_id IS NOT NULL
            GROUP BY entity_id ORDER BY n DESC LIMIT :limit) t
        JOIN entities en ON en.id = t.entity_id ORDER BY en.name""", {"limit": limit})
