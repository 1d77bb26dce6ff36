"""Read-only queries behind the web pages.

Each function takes a Datasette ``Database`` and validated filters and returns
plain dicts and lists (the JSON twin of a page is exactly that data). All SQL
is parameterised; results are bounded by LIMIT or aggregated with GROUP BY so
a page stays fast however large the corpus.
"""

from __future__ import annotations


async def rows(db, sql: str, params: dict | None = None) -> list[dict]:
    result = await db.execute(sql, params or {})
    return [dict(r) for r in result.rows]


async def one(db, sql: str, params: dict | None = None) -> dict:
    found = await rows(db, sql, params)
    return found[0] if found else {}
