"""Who said what: full-text search over quotes (``quotes_fts``).

Reported speech by default, as ``newsgraph quotes`` lists it: quotes of type
``attribution`` (views and findings ascribed to somebody) only with ``quote_type``
"attribution" or "all".
"""

from __future__ import annotations

from datasette.utils import escape_fts

from newsgraph.listings import HIDDEN_QUOTE_TYPES
from newsgraph.store.dates import sql_date_conditions

from . import cached, one, rows


@cached
async def search_quotes(db, q: str = "", speaker: str = "", start: str | None = None,
                        end: str | None = None, page: int = 1, per_page: int = 50,
                        quote_type: str = "") -> dict:
    joins, where, params = [], [], {}
    if quote_type == "":
        hidden = sorted(HIDDEN_QUOTE_TYPES)
        where.append(f"coalesce(q.type, '') NOT IN ({', '.join(f':hide{i}' for i in range(len(hidden)))})")
        params.update({f"hide{i}": t for i, t in enumerate(hidden)})
    elif quote_type != "all":
        where.append("q.type = :quote_type")
        params["quote_type"] = quote_type
    order = "coalesce(q.date, a.published) DESC, q.rowid DESC"
    if q:
        joins.append("JOIN quotes_fts f ON f.rowid = q.rowid")
        where.append("quotes_fts MATCH :match")
        params["match"] = escape_fts(q)
        order = "f.rank"
    if speaker:
        where.append("(q.speaker_entity_id = :speaker OR q.speaker_name = :speaker COLLATE NOCASE"
                     " OR q.speaker_text = :speaker COLLATE NOCASE)")
        params["speaker"] = speaker
    if start or end:  # by day ranges: "2024-W02" is in January, "2024" all year
        conds, dated = sql_date_conditions("coalesce(q.date, a.published)", start, end, prefix="q_")
        where += conds
        params.update(dated)
    from_sql = f"FROM quotes q JOIN articles a ON a.id = q.article_id {' '.join(joins)}"
    where_sql = ("WHERE " + " AND ".join(where)) if where else ""
    total = (await one(db, f"SELECT count(*) AS n {from_sql} {where_sql}", params))["n"]
    items = await rows(db, f"""
        SELECT q.id, q.article_id, q.start, q."end", q.content, q.type, q.cue,
               coalesce(q.speaker_name, q.speaker_text) AS speaker, q.speaker_entity_id,
               q.addressee_text, q.according_to, q.medium, q.date,
               a.title AS article_title, a.outlet, a.published
        {from_sql} {where_sql} ORDER BY {order} LIMIT :limit OFFSET :offset
    """, dict(params, limit=per_page, offset=(page - 1) * per_page))
    return {"q": q, "speaker": speaker, "start": start, "end": end, "type": quote_type, "page": page,
            "per_page": per_page, "total": total, "quotes": items,
            "fts_query": params.get("match")}
