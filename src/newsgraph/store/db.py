"""Open a newsgraph SQLite database: pragmas, migrations, clear errors."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from newsgraph.errors import NewsgraphError
from newsgraph.store.migrations import migrate


def connect(path: str | Path, *, create: bool = True, readonly: bool = False) -> sqlite3.Connection:
    """A connection with the schema up to date.

    ``create=False`` refuses to make a new file (query commands on a typo'd
    path should say so, not create an empty database).
    """
    path = Path(path)
    if str(path) != ":memory:" and not path.exists() and (not create or readonly):
        raise NewsgraphError(f"{path}: no such database")
    try:
        if readonly:
            db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
        else:
            db = sqlite3.connect(str(path), isolation_level=None)
        db.row_factory = sqlite3.Row
        db.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
            migrate(db)
        else:
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if "articles" not in tables:
                raise NewsgraphError(f"{path}: not a newsgraph database (no articles table)")
    except sqlite3.DatabaseError as exc:
        raise NewsgraphError(f"{path}: cannot open as SQLite database: {exc}") from None
    return db
