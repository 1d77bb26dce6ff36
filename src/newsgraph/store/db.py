"""Open a newsgraph SQLite database: pragmas, migrations, clear errors.

Two ways in:

* read-write (``ingest``): creates the file and the schema when the path is
  missing or an empty file, applies pending migrations, and refuses a SQLite
  file that holds somebody else's tables, before changing a byte of it;
* read-only (every query command): SQLite's ``mode=ro`` URI, so it works in a
  read-only directory and never creates, migrates or writes anything.
"""

from __future__ import annotations

import os
import random
import sqlite3
import time
from pathlib import Path
from urllib.parse import quote

from newsgraph.errors import NewsgraphError
from newsgraph.store.migrations import MIGRATIONS, migrate

#: How long a connection waits for another process's write lock (seconds).
BUSY_TIMEOUT = 60.0


def _retry_locked(step, timeout: float = BUSY_TIMEOUT):
    """Run ``step``, retrying while another process holds a lock SQLite will not wait for.

    The busy timeout covers most waits, but SQLite returns "database is locked"
    at once where waiting could deadlock (switching a new file to WAL while
    another process does, or upgrading a read lock to a write lock); ``step``
    must be safe to repeat (a failed migration rolls back).
    """
    deadline = time.monotonic() + timeout
    while True:
        try:
            return step()
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02 + random.random() * 0.1)


def _user_tables(db: sqlite3.Connection) -> set[str]:
    return {r[0] for r in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")}


def check_newsgraph(db: sqlite3.Connection, path: str | Path, *, allow_empty: bool) -> None:
    """Refuse a database that is not ours (without writing to it).

    A database with no tables at all is accepted when ``allow_empty`` (ingest
    creates the schema there); one with tables but without our ``_migrations``
    record and ``articles`` table is somebody else's.
    """
    tables = _user_tables(db)
    if not tables - {"_migrations"}:
        if allow_empty:
            return
        raise NewsgraphError(f"{path}: not a newsgraph database (it holds no newsgraph tables)")
    if "_migrations" not in tables or "articles" not in tables:
        raise NewsgraphError(f"{path}: not a newsgraph database (it holds other tables); "
                             "refusing to change it")


def pending_migrations(db: sqlite3.Connection) -> list[str]:
    try:
        done = {r[0] for r in db.execute("SELECT name FROM _migrations")}
    except sqlite3.OperationalError:
        done = set()
    return [fn.__name__ for fn in MIGRATIONS if fn.__name__ not in done]


def _ro_uri(path: Path, *, immutable: bool = False) -> str:
    uri = "file:" + quote(str(path.absolute())) + "?mode=ro"
    return uri + ("&immutable=1" if immutable else "")


def _open_readonly(path: Path) -> sqlite3.Connection:
    try:
        db = sqlite3.connect(_ro_uri(path), uri=True, isolation_level=None, timeout=BUSY_TIMEOUT)
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return db
    except sqlite3.OperationalError:
        # A WAL database in a directory we cannot write: SQLite cannot create
        # the -shm file for a plain read-only open. With no -wal file there is
        # nothing outside the main file, so an immutable open reads it all.
        if os.path.exists(f"{path}-wal") and os.path.getsize(f"{path}-wal") > 0:
            raise
        db = sqlite3.connect(_ro_uri(path, immutable=True), uri=True, isolation_level=None)
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return db


def connect(path: str | Path, *, create: bool = True, readonly: bool = False) -> sqlite3.Connection:
    """A connection with the schema up to date (read-write), or a read-only one.

    ``create=False`` refuses to make a new file (query commands on a typo'd
    path should say so, not create an empty database).
    """
    memory = str(path) == ":memory:"
    path = Path(path)
    if not memory and not path.exists() and (not create or readonly):
        raise NewsgraphError(f"{path}: no such database")
    if not memory and path.is_dir():
        raise NewsgraphError(f"{path}: is a directory, not a database")
    try:
        if readonly:
            db = _open_readonly(path)
            db.row_factory = sqlite3.Row
            check_newsgraph(db, path, allow_empty=False)
            if pending_migrations(db):
                raise NewsgraphError(f"{path}: written by an older newsgraph; run `newsgraph ingest` "
                                     "on it once to upgrade its schema")
            return db
        db = sqlite3.connect(str(path), isolation_level=None, timeout=BUSY_TIMEOUT)
        db.row_factory = sqlite3.Row
        check_newsgraph(db, path, allow_empty=True)
        db.execute("PRAGMA foreign_keys = ON")
        _retry_locked(lambda: db.execute("PRAGMA journal_mode = WAL").fetchone())
        db.execute("PRAGMA synchronous = NORMAL")
        _retry_locked(lambda: migrate(db))
    except sqlite3.DatabaseError as exc:
        raise NewsgraphError(f"{path}: cannot open as SQLite database: {exc}") from None
    return db
