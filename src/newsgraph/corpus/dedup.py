"""Events reported many times become one event with several reports.

Within a story cluster (copies and rewrites of one report), events of the
same type, on the same date, between the same actor and recipient countries
are one real-world event: every report keeps its own row (and its sentence),
and ``merged_event_id`` points all of them to the earliest report. Queries
that count events count distinct ``coalesce(merged_event_id, id)``.
"""

from __future__ import annotations

import sqlite3

from newsgraph.store.transaction import transaction


def event_key_sql(clusters: int) -> str:
    marks = ",".join("?" * clusters)
    return f"""
    SELECT e.id, a.cluster_id, e.type, coalesce(e.mode, ''), coalesce(e.date, ''),
           e.negated, e.hypothetical, e.future,
           coalesce((SELECT group_concat(c, ',') FROM (SELECT DISTINCT coalesce(p.country, p.name) AS c
                     FROM participants p WHERE p.event_id = e.id AND p.role = 'actor' ORDER BY c)), ''),
           coalesce((SELECT group_concat(c, ',') FROM (SELECT DISTINCT coalesce(p.country, p.name) AS c
                     FROM participants p WHERE p.event_id = e.id AND p.role = 'recipient' ORDER BY c)), '')
    FROM events e JOIN articles a ON a.id = e.article_id
    WHERE a.cluster_id IN ({marks})
    ORDER BY a.rowid, e.trigger_start
    """


def merge_duplicate_events(db: sqlite3.Connection, clusters: set[str]) -> int:
    """Set ``merged_event_id`` on repeated reports within ``clusters`` (the stories that
    changed); return how many of their events point elsewhere."""
    clusters = sorted(c for c in clusters if c)
    if not clusters:
        return 0
    first: dict[tuple, str] = {}
    updates: list[tuple[str, str]] = []
    for row in db.execute(event_key_sql(len(clusters)), clusters):
        event_id, key = row[0], tuple(row[1:])
        date = row[4]
        if not date:  # undated events are not merged: too easy to conflate
            continue
        if key in first:
            updates.append((first[key], event_id))
        else:
            first[key] = event_id
    with transaction(db):
        db.execute("UPDATE events SET merged_event_id = NULL WHERE article_id IN "
                   f"(SELECT id FROM articles WHERE cluster_id IN ({','.join('?' * len(clusters))}))", clusters)
        db.executemany("UPDATE events SET merged_event_id = ? WHERE id = ?", updates)
    return len(updates)
