"""One actor: who they are, what they did, what was done to them, what they said."""

from __future__ import annotations

import json

from .. import plover
from . import cached, one, rows

ACTOR_EVENTS = """
    SELECT e.id, e.article_id, e.type, e.date, e.trigger_text, e.sentence_start, e.sentence_end,
           e.negated, e.hypothetical, e.future, a.title AS article_title,
           (SELECT group_concat(coalesce(o.name, o.text), '; ') FROM participants o
             WHERE o.event_id = e.id AND o.role = :other) AS others
    FROM participants p JOIN events e ON e.id = p.event_id
    JOIN articles a ON a.id = e.article_id
    WHERE p.entity_id = :id AND p.role = :role
    ORDER BY e.date DESC, e.rowid DESC LIMIT :limit
"""

QUOTE_COLUMNS = """
    q.id, q.article_id, q.start, q.end, substr(q.content, 1, 400) AS content, q.type, q.cue,
    coalesce(q.speaker_name, q.speaker_text) AS speaker, q.speaker_entity_id,
    q.according_to, q.date, a.title AS article_title
"""


def _json_list(text: str | None) -> list:
    try:
        value = json.loads(text) if text else []
    except ValueError:
        return [text]
    return value if isinstance(value, list) else [value]


@cached
async def actor(db, entity_id: str, limit: int = 50) -> dict | None:
    entity = await one(db, "SELECT * FROM entities WHERE id = :id", {"id": entity_id})
    if not entity:
        return None
    entity["aliases"] = _json_list(entity.pop("aliases_json", None))
    entity["roles"] = _json_list(entity.pop("roles_json", None))
    params = {"id": entity_id, "limit": limit}
    counts = await one(db, """
        SELECT (SELECT count(*) FROM participants WHERE entity_id = :id AND role = 'actor') AS as_actor,
               (SELECT count(*) FROM participants WHERE entity_id = :id AND role = 'recipient') AS as_recipient,
               (SELECT count(*) FROM quotes WHERE speaker_entity_id = :id) AS said,
               (SELECT count(DISTINCT article_id) FROM mentions WHERE entity_id = :id) AS articles
    """, params)
    as_actor = await rows(db, ACTOR_EVENTS, dict(params, role="actor", other="recipient"))
    as_recipient = await rows(db, ACTOR_EVENTS, dict(params, role="recipient", other="actor"))
    for e in as_actor + as_recipient:
        e["quad"] = plover.quad_of(e["type"])
    said = await rows(db, f"""
        SELECT {QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.id = q.article_id
        WHERE q.speaker_entity_id = :id ORDER BY q.date DESC, q.rowid DESC LIMIT :limit
    """, params)
    about = await rows(db, f"""
        SELECT DISTINCT {QUOTE_COLUMNS}
        FROM mentions m
        CROSS JOIN quotes q ON q.article_id = m.article_id AND m.start >= q.start AND m."end" <= q."end"
        JOIN articles a ON a.id = q.article_id
        WHERE m.entity_id = :id AND coalesce(q.speaker_entity_id, '') != :id
        ORDER BY q.date DESC LIMIT :limit
    """, params)
    type_counts = await rows(db, """
        SELECT e.type, p.role, count(*) AS n FROM participants p JOIN events e ON e.id = p.event_id
        WHERE p.entity_id = :id GROUP BY e.type, p.role ORDER BY n DESC
    """, params)
    partners = await rows(db, """
        SELECT o.entity_id, coalesce(en.name, o.name, o.text) AS name, count(*) AS n
        FROM participants p JOIN participants o ON o.event_id = p.event_id AND o.role != p.role
        LEFT JOIN entities en ON en.id = o.entity_id
        WHERE p.entity_id = :id GROUP BY o.entity_id, 2 ORDER BY n DESC LIMIT 12
    """, params)
    return {"entity": entity, "counts": counts, "as_actor": as_actor, "as_recipient": as_recipient,
            "said": said, "about": about, "type_counts": type_counts, "partners": partners}


async def find_actors(db, name: str, limit: int = 20) -> list[dict]:
    """Entities whose name starts with or contains ``name`` (for the search box)."""
    return await rows(db, """
        SELECT id, name, type, country FROM entities
        WHERE name LIKE :prefix ESCAPE '\\' OR name LIKE :inner ESCAPE '\\'
        ORDER BY name LIKE :prefix ESCAPE '\\' DESC, length(name) LIMIT :limit
    """, {"prefix": _like(name) + "%", "inner": "%" + _like(name) + "%", "limit": limit})


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
