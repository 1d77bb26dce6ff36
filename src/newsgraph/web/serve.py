"""``newsgraph serve``: Datasette with the newsgraph plugin, read-only, on loopback."""

from __future__ import annotations

from pathlib import Path

from ..errors import NewsgraphError


def make_datasette(db_path: str | Path, immutable: bool = True):
    """A Datasette instance over one database file, opened read-only.

    ``immutable`` (the default) opens the file with SQLite's ``immutable=1``:
    fastest, but only for a file nothing else writes while serving; pass False
    (``mode=ro``) to serve a database an ingest is still writing to.
    """
    from datasette.app import Datasette

    path = Path(db_path)
    if not path.is_file():
        raise NewsgraphError(f"{db_path}: no such database file")
    kwargs = {"immutables": [str(path)]} if immutable else {"files": [str(path)]}
    return Datasette(settings={"sql_time_limit_ms": 3000, "num_sql_threads": 3},
                     **kwargs)


def serve(db_path: str | Path, host: str = "127.0.0.1", port: int = 8001,
          immutable: bool = True) -> None:
    """Serve ``db_path`` until interrupted; the pages start at ``/-/newsgraph``."""
    import asyncio

    import uvicorn

    ds = make_datasette(db_path, immutable=immutable)
    if immutable:
        asyncio.run(prewarm(ds))
    print(f"newsgraph: serving {db_path} at http://{host}:{port}/-/newsgraph", flush=True)
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning")


DEFAULT_PAGES = ("/-/newsgraph", "/-/newsgraph/timeline", "/-/newsgraph/network", "/-/newsgraph/quotes")


async def prewarm(ds) -> None:
    """Render the unfiltered pages once so their aggregates are cached before
    the first visitor arrives (an immutable database never invalidates them)."""
    for path in DEFAULT_PAGES:
        await ds.client.get(path)
