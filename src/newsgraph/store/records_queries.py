"""Queries over extracted records: quotes, events and the timeline that merges them."""

from __future__ import annotations

import sqlite3

from newsgraph.errors import NewsgraphError
from newsgraph.store.dates import period_key, sql_date_conditions, sql_end_day, sql_start_day
from newsgraph.store.filters import EventFilter
from newsgraph.store.queries import find_entities, rows


def _entity_ids(db: sqlite3.Connection, name: str) -> list[str]:
    ids = [e["id"] for e in find_entities(db, name)]
    if not ids:
        raise NewsgraphError(f"no entity matches {name!r}")
    return ids


def _named(params: dict, prefix: str, values: list) -> str:
    """Add ``values`` to ``params`` as :prefix0, :prefix1...; return the placeholders."""
    names = []
    for i, value in enumerate(values):
        params[f"{prefix}{i}"] = value
        names.append(f":{prefix}{i}")
    return ", ".join(names) or "NULL"


def _dates(col: str, since: str | None, until: str | None) -> tuple[list[str], dict]:
    try:
        return sql_date_conditions(col, since, until)
    except ValueError as exc:
        raise NewsgraphError(str(exc)) from None


def _calendar(col: str) -> str:
    """ORDER BY terms: calendar order whatever the precision (``2024-W02`` before ``2024-06``)."""
    start = sql_start_day(col)
    return f"{start} IS NULL, {start}, {sql_end_day(col)}, {col}"


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
    params: dict = {}
    if speaker:
        ids = _entity_ids(db, speaker)
        where.append(f"(q.speaker_entity_id IN ({_named(params, 'spk', ids)}) OR lower(q.speaker_text) = lower(:speaker))")
        params["speaker"] = speaker
    if speaker_ids is not None:
        where.append(f"q.speaker_entity_id IN ({_named(params, 'sid', speaker_ids)})")
    if about:
        ids = _entity_ids(db, about)
        where.append(
            "EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = q.article_id "
            f"AND m.entity_id IN ({_named(params, 'about', ids)}) AND m.start >= q.start AND m.\"end\" <= q.\"end\")")
    dates, date_params = _dates("q.date", since, until)
    where += dates
    params.update(date_params)
    if search:
        where.append("q.rowid IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH :search)")
        params["search"] = search
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += f" ORDER BY q.date IS NULL, {_calendar('q.date')}, q.article_id, q.start"
    if limit:
        sql += " LIMIT :limit"
        params["limit"] = limit
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
    filt = EventFilter(actor=actor or "", recipient=recipient or "", country=country or "", type=type or "",
                       since=since, until=until, negated=include_hypothetical,
                       hypothetical=include_hypothetical, future=include_hypothetical,
                       min_confidence=min_confidence)
    problems = filt.validate()
    if problems:
        raise NewsgraphError("; ".join(problems))
    for name in (actor, recipient):
        if name:
            _entity_ids(db, name)  # a name that matches nobody is an error, not an empty list
    where, params = filt.where("e")
    if involving is not None:
        where.append(f"EXISTS (SELECT 1 FROM participants p WHERE p.event_id = e.id "
                     f"AND p.entity_id IN ({_named(params, 'inv', involving)}))")
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += f" ORDER BY e.date IS NULL, {_calendar('e.date')}, e.article_id, e.trigger_start"
    if limit:
        sql += " LIMIT :limit"
        params["limit"] = limit
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
    items.sort(key=lambda i: (period_key(i["date"]), i["kind"], i["id"]))
    return items[:limit] if limit else items
