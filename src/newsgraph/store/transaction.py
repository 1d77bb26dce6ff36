"""The one way newsgraph writes: an explicit transaction, and savepoints inside it.

Connections are opened with ``isolation_level=None`` (no implicit
transactions), so every write names its own. ``BEGIN IMMEDIATE`` takes the
write lock up front: two processes writing one file queue on the busy timeout
instead of both reading, then failing to upgrade their lock.
"""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def transaction(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """``BEGIN IMMEDIATE`` … ``COMMIT``; ``ROLLBACK`` on any exception, Ctrl-C included,
    so a write interrupted at any point leaves nothing of itself behind."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:  # a failed COMMIT may already have ended it
            db.execute("ROLLBACK")
        raise


@contextmanager
def savepoint(db: sqlite3.Connection, name: str = "item") -> Iterator[sqlite3.Connection]:
    """A nested unit inside :func:`transaction`: on an exception only its own
    writes are undone, and the exception goes on to the caller."""
    db.execute(f"SAVEPOINT {name}")
    try:
        yield db
    except BaseException:
        db.execute(f"ROLLBACK TO {name}")
        db.execute(f"RELEASE {name}")
        raise
    db.execute(f"RELEASE {name}")
