"""``newsgraph serve``: Datasette with the newsgraph plugin, read-only, on loopback."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import NewsgraphError


def _wal_pending(path: Path) -> bool:
    wal = Path(f"{path}-wal")
    return wal.exists() and wal.stat().st_size > 0


def open_mode(db_path: str | Path, immutable: bool = True) -> tuple[bool, str | None]:
    """Decide how to open ``db_path``: ``(immutable, note)``.

    An immutable open reads the main file only, so rows committed to a ``-wal``
    file (an ingest killed or still running) would be invisible. When a
    non-empty ``-wal`` exists, fold it into the main file first (a brief
    read-write ``wal_checkpoint(TRUNCATE)``, when the file and its directory are
    writable); if that is impossible or incomplete, serve with ``mode=ro``
    instead, which reads the WAL, and say so in ``note``.
    """
    import sqlite3

    path = Path(db_path)
    if not immutable or not _wal_pending(path):
        return immutable, None
    if os.access(path, os.W_OK) and os.access(path.parent, os.W_OK):
        try:
            db = sqlite3.connect(str(path), timeout=2.0)
            try:
                busy, _, _ = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            finally:
                db.close()
            if not busy and not _wal_pending(path):
                return True, None
        except sqlite3.Error:
            pass
    return False, (f"{db_path} has recent writes in its -wal file that could not be checkpointed "
                   "(an ingest still running, or a read-only directory): serving it mode=ro, uncached")


def check_database(path: Path) -> None:
    """One clear error for a file that is not a newsgraph database."""
    from newsgraph.store.db import connect

    connect(path, create=False, readonly=True).close()


def make_datasette(db_path: str | Path, immutable: bool = True, *, on_note=None):
    """A Datasette instance over one database file, opened read-only.

    ``immutable`` (the default) opens the file with SQLite's ``immutable=1``:
    fastest, but only for a file nothing else writes while serving; pass False
    (``mode=ro``) to serve a database an ingest is still writing to. Rows still
    in a ``-wal`` file are checkpointed first, or the open falls back to
    ``mode=ro`` (see :func:`open_mode`); ``on_note`` receives the reason.
    """
    from datasette.app import Datasette

    path = Path(db_path)
    if not path.is_file():
        raise NewsgraphError(f"{db_path}: no such database file")
    immutable, note = open_mode(path, immutable)
    if note and on_note:
        on_note(note)
    kwargs = {"immutables": [str(path)]} if immutable else {"files": [str(path)]}
    ds = Datasette(settings={"sql_time_limit_ms": 3000, "num_sql_threads": 3}, **kwargs)
    ds.newsgraph_immutable = immutable
    return ds


def bind(host: str, port: int):
    """A listening socket on ``host:port``, or one clear error if it is taken."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise NewsgraphError(f"cannot serve on {host}:{port}: {exc.strerror or exc}") from None
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    try:
        if os.name != "nt":
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError as exc:
        sock.close()
        reason = "the port is already in use" if exc.errno in (48, 98, 10048) else (exc.strerror or str(exc))
        raise NewsgraphError(f"cannot serve on {host}:{port}: {reason} (choose another with --port)") from None
    sock.set_inheritable(True)
    return sock


def serve(db_path: str | Path, host: str = "127.0.0.1", port: int = 8001,
          immutable: bool = True) -> None:
    """Serve ``db_path`` until interrupted; the pages start at ``/-/newsgraph``.

    Every problem found before serving (missing file, not a newsgraph
    database, port taken) is one :class:`NewsgraphError`, raised before the
    "serving at" line is printed.
    """
    import asyncio
    import sys

    import uvicorn

    path = Path(db_path)
    if not path.is_file():
        raise NewsgraphError(f"{db_path}: no such database file")
    check_database(path)
    sock = bind(host, port)
    try:
        ds = make_datasette(db_path, immutable=immutable,
                            on_note=lambda note: print(f"newsgraph: note: {note}", file=sys.stderr, flush=True))
        if ds.newsgraph_immutable:
            asyncio.run(prewarm(ds))
        else:  # start Datasette before the first (possibly concurrent) requests arrive
            asyncio.run(ds.invoke_startup())
        print(f"newsgraph: serving {db_path} at http://{host}:{port}/-/newsgraph", flush=True)
        server = uvicorn.Server(uvicorn.Config(ds.app(), log_level="warning"))
        server.run(sockets=[sock])
    finally:
        sock.close()


DEFAULT_PAGES = ("/-/newsgraph", "/-/newsgraph/timeline", "/-/newsgraph/network", "/-/newsgraph/quotes")


async def prewarm(ds) -> None:
    """Render the unfiltered pages once so their aggregates are cached before
    the first visitor arrives (an immutable database never invalidates them)."""
    for path in DEFAULT_PAGES:
        await ds.client.get(path)
