"""The corpus pass: cross-document work after each ingest (story clusters, repeated events)."""

from __future__ import annotations

import sqlite3

from newsgraph.corpus.dedup import merge_duplicate_events
from newsgraph.corpus.stories import update_story_clusters


def finalize(db: sqlite3.Connection) -> dict:
    """Bring corpus-level tables up to date; safe to run any number of times."""
    placed = update_story_clusters(db)
    merged = merge_duplicate_events(db, set(placed.values())) if placed else None
    return {"articles_clustered": len(placed), "events_merged": merged}
