"""Read-only queries behind the web pages.

Each function takes a Datasette ``Database`` and validated filters and returns
plain dicts and lists (the JSON twin of a page is exactly that data). All SQL
is parameterised; results are bounded by LIMIT or aggregated with GROUP BY so
a page stays fast however large the corpus. A database opened immutable (the
default of ``newsgraph serve``) cannot change, so page data computed from it is
kept in a small LRU cache: repeated views and concurrent clients cost no SQL.
"""

from __future__ import annotations

import copy
import functools
import threading
from collections import OrderedDict

CACHE_SIZE = 128
_cache: OrderedDict = OrderedDict()
_lock = threading.Lock()


def cached(fn):
    """Cache ``fn(db, ...)`` per immutable database and arguments; callers get a copy."""
    @functools.wraps(fn)
    async def wrapper(db, *args, **kwargs):
        if db.is_mutable or db.is_memory:
            return await fn(db, *args, **kwargs)
        key = (fn.__module__, fn.__qualname__, db.name, str(db.path), repr(args),
               repr(sorted(kwargs.items())))
        with _lock:
            if key in _cache:
                _cache.move_to_end(key)
                return copy.deepcopy(_cache[key])
        result = await fn(db, *args, **kwargs)
        with _lock:
            _cache[key] = result
            while len(_cache) > CACHE_SIZE:
                _cache.popitem(last=False)
        return copy.deepcopy(result)
    return wrapper


async def rows(db, sql: str, params: dict | None = None) -> list[dict]:
    result = await db.execute(sql, params or {})
    return [dict(r) for r in result.rows]


async def one(db, sql: str, params: dict | None = None) -> dict:
    found = await rows(db, sql, params)
    return found[0] if found else {}
