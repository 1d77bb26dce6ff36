"""Read-only queries behind the web pages.

Each function takes a Datasette ``Database`` and validated filters and returns
plain dicts and lists (the JSON twin of a page is exactly that data). All SQL
is parameterised; results are bounded by LIMIT or aggregated with GROUP BY so
a page stays fast however large the corpus. A database opened immutable (the
default of ``newsgraph serve``) cannot change, so page data computed from it is
kept in a small LRU cache (``cachetools.LRUCache``): repeated views and
concurrent clients cost no SQL.

The decorator is ours because what it needs is not what the libraries' async
decorators (``async-lru``, ``cachetools``' own) offer: the key is the
database's name and path plus the ``repr`` of the arguments (filter objects are
not hashable), a mutable database is never cached, and every caller gets its
own deep copy, since the views add links to the rows they receive.
"""

from __future__ import annotations

import copy
import functools
import threading

from cachetools import LRUCache

CACHE_SIZE = 128
_cache: LRUCache = LRUCache(maxsize=CACHE_SIZE)
_MISSING = object()
_lock = threading.Lock()  # LRUCache is not thread-safe; a prewarm or a test may run another loop


def cached(fn):
    """Cache ``fn(db, ...)`` per immutable database and arguments; callers get a copy."""
    @functools.wraps(fn)
    async def wrapper(db, *args, **kwargs):
        if db.is_mutable or db.is_memory:
            return await fn(db, *args, **kwargs)
        key = (fn.__module__, fn.__qualname__, db.name, str(db.path), repr(args),
               repr(sorted(kwargs.items())))
        with _lock:
            hit = _cache.get(key, _MISSING)  # a hit also marks the entry as recently used
        if hit is not _MISSING:
            return copy.deepcopy(hit)
        result = await fn(db, *args, **kwargs)
        with _lock:
            _cache[key] = result
        return copy.deepcopy(result)
    return wrapper


async def rows(db, sql: str, params: dict | None = None) -> list[dict]:
    result = await db.execute(sql, params or {})
    return [dict(r) for r in result.rows]


async def one(db, sql: str, params: dict | None = None) -> dict:
    found = await rows(db, sql, params)
    return found[0] if found else {}
