"""Queries over extracted records: quotes, events and the timeline that merges them."""

from __future__ import annotations

import sqlite3

from newsgraph.errors import NewsgraphError
from newsgraph.store.queries import find_entities, rows


def _entity_ids(db: sqlite3.Connection, name: str) -> list[str]:
    ids = [e["id"] for e in find_entities(db, name)]
    if not ids:
        raise NewsgraphError(f"no entity matches {name!r}")
    return ids


def _in(ids: list[str]) -> str:
    return ",".join("?" * len(ids))


def list_quotes(db: sqlite3.Connection, *, speaker: str | None = None, about: str | None = None,
                since: str | None = None, until: str | None = None, search: str | None = None,
                speaker_ids: list[str] | None = None, limit: int | None = None) -> list[dict]:
    """Who said what: filter by speaker (entity, or the words as written), entity mentioned
    in the content, date, text; ``speaker_ids`` keeps resolved speakers with those ids only."""
    sql = ("SELECT q.id, q.date, coalesce(q.speaker_name, q.speaker_text) AS speaker, q.speaker_entity_id, "
           "q.cue, q.type, q.content, q.according_to, q.medium, q.addressee_text AS addressee, "
           "q.article_id, a.title, a.outlet, q.start, q.\"end\" "
           "FROM quotes q JOIN articles a ON a.id = q.article_id")
    where: list[str] = []
    params: list = []
    if speaker:
        ids = _entity_ids(db, speaker)
        where.append(f"(q.speaker_entity_id IN ({_in(ids)}) OR lower(q.speaker_text) = lower(?))")
        params += ids + [speaker]
    if speaker_ids is not None:
        where.append(f"q.speaker_entity_id IN ({_in(speaker_ids)})")
        params += speaker_ids
    if about:
        ids = _entity_ids(db, about)
        where.append(
            "EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = q.article_id "
            f"AND m.entity_id IN ({_in(ids)}) AND m.start >= q.start AND m.\"end\" <= q.\"end\")")
        params += ids
    if since:
        where.append("q.date >= ?")
        params.append(since)
    if until:
        where.append("substr(q.date, 1, length(?)) <= ?")
        params += [until, until]
    if search:
        where.append("q.rowid IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
        params.append(search)
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY q.date IS NULL, q.date, q.article_id, q.start"
    if limit:
        sql += " LIMIT ?"
        params.append(limit)
    try:
        return rows(db.execute(sql, params))
    except sqlite3.OperationalError as exc:
        raise NewsgraphError(f"bad search {search!r}: {exc}") from None


def list_events(db: sqlite3.Connection, *, type: str | None = None, actor: str | None = None,
                recipient: str | None = None, country: str | None = None, since: str | None = None,
                until: str | None = None, include_hypothetical: bool = False,
                min_confidence: float | None = None, involving: list[str] | None = None,
                limit: int | None = None) -> list[dict]:
    """Events with their participants; realised events only unless ``include_hypothetical``;
    ``involving`` keeps events with a participant among those entity ids, in any role."""
    sql = ("SELECT e.id, e.date, e.date_precision, e.type, e.mode, e.trigger_text AS trigger, "
           "(SELECT group_concat(coalesce(p.name, p.text), '; ') FROM participants p "
           " WHERE p.event_id = e.id AND p.role = 'actor') AS actor, "
           "(SELECT group_concat(coalesce(p.name, p.text), '; ') FROM participants p "
           " WHERE p.event_id = e.id AND p.role = 'recipient') AS recipient, "
           "e.location, e.negated, e.hypothetical, e.future, e.historical, e.confidence, "
           "e.article_id, a.title, "
           "substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence "
           "FROM events e JOIN articles a ON a.id = e.article_id")
    where: list[str] = []
    params: list = []
    if type:
        where.append("upper(e.type) = upper(?)")
        params.append(type)
    for role, name in (("actor", actor), ("recipient", recipient)):
        if name:
            ids = _entity_ids(db, name)
            where.append(f"EXISTS (SELECT 1 FROM participants p WHERE p.event_id = e.id AND p.role = ? "
                         f"AND p.entity_id IN ({_in(ids)}))")
            params += [role] + ids
    if involving is not None:
        where.append(f"EXISTS (SELECT 1 FROM participants p WHERE p.event_id = e.id "
                     f"AND p.entity_id IN ({_in(involving)}))")
        params += involving
    if country:
        where.append("EXISTS (SELECT 1 FROM participants p WHERE p.event_id = e.id AND upper(p.country) = upper(?))")
        params.append(country)
    if since:
        where.append("e.date >= ?")
        params.append(since)
    if until:
        where.append("substr(e.date, 1, length(?)) <= ?")
        params += [until, until]
    if not include_hypothetical:
        where.append("e.negated = 0 AND e.hypothetical = 0 AND e.future = 0")
    if min_confidence is not None:
        where.append("e.confidence >= ?")
        params.append(min_confidence)
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY e.date IS NULL, e.date, e.article_id, e.trigger_start"
    if limit:
        sql += " LIMIT ?"
        params.append(limit)
    return rows(db.execute(sql, params))


def timeline(db: sqlite3.Connection, *, entity: str | None = None, since: str | None = None,
             until: str | None = None, include_hypothetical: bool = False,
             min_confidence: float | None = None, limit: int | None = None) -> list[dict]:
    """Dated events and quotes in date order (an entity filter matches actor, recipient or speaker)."""
    items = []
    ids = _entity_ids(db, entity) if entity else None
    events = list_events(db, since=since, until=until, include_hypothetical=include_hypothetical,
                         min_confidence=min_confidence, involving=ids)
    quotes = list_quotes(db, since=since, until=until, speaker_ids=ids)
    for e in events:
        if e["date"]:
            who = e["actor"] or "?"
            whom = f" → {e['recipient']}" if e["recipient"] else ""
            items.append({"date": e["date"], "kind": "event", "what": f"{e['type']}"
                          f"{'/' + e['mode'] if e['mode'] else ''}: {who}{whom} ({e['trigger']})",
                          "article_id": e["article_id"], "id": e["id"]})
    for q in quotes:
        if q["date"]:
            items.append({"date": q["date"], "kind": "quote",
                          "what": f"{q['speaker'] or '?'} {q['cue'] or 'said'}: {q['content']}",
                          "article_id": q["article_id"], "id": q["id"]})
    items.sort(key=lambda i: (i["date"], i["kind"], i["id"]))
    return items[:limit] if limit else items
