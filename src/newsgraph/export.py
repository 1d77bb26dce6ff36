"""Export: one JSON object per article (the contract of DESIGN.md), CSV and Parquet tables.

The JSONL keys are a contract other tools rely on: add keys freely, never
rename or drop one without a migration note in the changelog.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path
from typing import Iterator, TextIO

from newsgraph.errors import NewsgraphError
from newsgraph.store.queries import article_ids

TABLES = ("articles", "entities", "mentions", "timexes", "quotes", "events", "participants", "paragraphs")


def _person(name, entity_id, start, end, text) -> dict | None:
    if name is None and entity_id is None and text is None:
        return None
    return {"name": name, "entity_id": entity_id, "start": start, "end": end, "text": text}


def article_document(db: sqlite3.Connection, article_id: str) -> dict:
    """The export-contract object for one article."""
    a = db.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
    if a is None:
        raise NewsgraphError(f"no article with id {article_id!r}")
    doc = {
        "id": a["id"], "source_id": a["source_id"], "title": a["title"], "outlet": a["outlet"],
        "published": a["published"], "url": a["url"], "source": a["source"], "text": a["text"],
        "published_source": a["published_source"],
        "notes": json.loads(a["notes_json"] or "[]"),
        "paragraphs": [dict(r) for r in db.execute(
            'SELECT start, "end", role FROM paragraphs WHERE article_id = ? ORDER BY idx', (article_id,))],
    }
    entities: dict[str, dict] = {}
    for m in db.execute(
        'SELECT m.start, m."end", m.text, e.id, e.name, e.type, e.country, e.country_source, e.sector, e.kb_id '
        "FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE m.article_id = ? "
        "ORDER BY m.start", (article_id,)):
        ent = entities.setdefault(m["id"], {
            "id": m["id"], "name": m["name"], "type": m["type"], "country": m["country"],
            "country_source": m["country_source"], "sector": m["sector"], "kb_id": m["kb_id"], "mentions": []})
        ent["mentions"].append({"start": m["start"], "end": m["end"], "text": m["text"]})
    doc["entities"] = list(entities.values())
    doc["timexes"] = [dict(r) for r in db.execute(
        'SELECT start, "end", text, type, value, anchor FROM timexes WHERE article_id = ? ORDER BY start',
        (article_id,))]
    doc["quotes"] = [{
        "start": q["start"], "end": q["end"], "content": q["content"], "type": q["type"], "cue": q["cue"],
        "speaker": _person(q["speaker_name"], q["speaker_entity_id"], q["speaker_start"],
                           q["speaker_end"], q["speaker_text"]),
        "addressee": _person(q["addressee_name"], q["addressee_entity_id"], None, None, q["addressee_text"]),
        "according_to": q["according_to"], "medium": q["medium"], "date": q["date"],
        "date_precision": q["date_precision"],
    } for q in db.execute(
        "SELECT q.*, ae.name AS addressee_name FROM quotes q "
        "LEFT JOIN entities ae ON ae.id = q.addressee_entity_id "
        "WHERE q.article_id = ? ORDER BY q.start", (article_id,))]
    doc["events"] = [_event_document(db, e) for e in db.execute(
        "SELECT * FROM events WHERE article_id = ? ORDER BY trigger_start", (article_id,))]
    return doc


def _event_document(db: sqlite3.Connection, e: sqlite3.Row) -> dict:
    parts: dict[str, list] = {"actor": [], "recipient": []}
    for p in db.execute("SELECT * FROM participants WHERE event_id = ? ORDER BY role, idx", (e["id"],)):
        parts.setdefault(p["role"], []).append({
            "name": p["name"], "entity_id": p["entity_id"], "country": p["country"], "sector": p["sector"],
            "text": p["text"], "start": p["start"], "end": p["end"]})
    return {
        "id": e["id"], "type": e["type"], "mode": e["mode"],
        "contexts": json.loads(e["contexts_json"] or "[]"),
        "actor": parts["actor"], "recipient": parts["recipient"],
        "trigger": {"start": e["trigger_start"], "end": e["trigger_end"], "text": e["trigger_text"]},
        "sentence": {"start": e["sentence_start"], "end": e["sentence_end"]},
        "date": e["date"], "date_precision": e["date_precision"],
        "location": e["location"],
        "modality": {"negated": bool(e["negated"]), "hypothetical": bool(e["hypothetical"]),
                     "future": bool(e["future"]), "historical": bool(e["historical"])},
        "confidence": e["confidence"],
        "in_title": bool(e["in_title"]),
    }


def iter_documents(db: sqlite3.Connection) -> Iterator[dict]:
    for aid in article_ids(db):
        yield article_document(db, aid)


def write_jsonl(db: sqlite3.Connection, out: TextIO) -> int:
    n = 0
    for doc in iter_documents(db):
        out.write(json.dumps(doc, ensure_ascii=False) + "\n")
        n += 1
    return n


def table_rows(db: sqlite3.Connection, table: str) -> tuple[list[str], Iterator[tuple]]:
    """Column names and rows of a table; ``events`` is the flat GDELT-like layout."""
    if table == "events":
        return flat_events(db)
    if table not in TABLES:
        raise NewsgraphError(f"unknown table {table!r} (choose from {', '.join(TABLES)})")
    cur = db.execute(f"SELECT * FROM {table}")
    columns = [d[0] for d in cur.description]
    return columns, (tuple(r) for r in cur)


def flat_events(db: sqlite3.Connection) -> tuple[list[str], Iterator[tuple]]:
    """One row per event: actor and recipient names/countries/sectors joined with ';'."""
    sql = """
    SELECT e.id AS event_id, e.date, e.date_precision, e.type, e.mode, e.contexts_json AS contexts,
           (SELECT group_concat(coalesce(p.name, p.text), ';') FROM participants p
             WHERE p.event_id = e.id AND p.role = 'actor') AS actor_names,
           (SELECT group_concat(coalesce(p.country, ''), ';') FROM participants p
             WHERE p.event_id = e.id AND p.role = 'actor') AS actor_countries,
           (SELECT group_concat(coalesce(p.sector, ''), ';') FROM participants p
             WHERE p.event_id = e.id AND p.role = 'actor') AS actor_sectors,
           (SELECT group_concat(coalesce(p.name, p.text), ';') FROM participants p
             WHERE p.event_id = e.id AND p.role = 'recipient') AS recipient_names,
           (SELECT group_concat(coalesce(p.country, ''), ';') FROM participants p
             WHERE p.event_id = e.id AND p.role = 'recipient') AS recipient_countries,
           (SELECT group_concat(coalesce(p.sector, ''), ';') FROM participants p
             WHERE p.event_id = e.id AND p.role = 'recipient') AS recipient_sectors,
           e.location, e.negated, e.hypothetical, e.future, e.historical, e.confidence,
           e.trigger_text, a.id AS article_id, a.published, a.outlet, a.url AS source_url,
           a.source, substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence,
           e.merged_event_id, e.in_title
    FROM events e JOIN articles a ON a.id = e.article_id
    ORDER BY e.date IS NULL, e.date, a.id, e.trigger_start
    """
    cur = db.execute(sql)
    columns = [d[0] for d in cur.description]
    return columns, (tuple(r) for r in cur)


def write_csv(db: sqlite3.Connection, table: str, out: TextIO) -> int:
    columns, data = table_rows(db, table)
    writer = csv.writer(out)
    writer.writerow(columns)
    n = 0
    for row in data:
        writer.writerow(row)
        n += 1
    return n


def write_parquet(db: sqlite3.Connection, table: str, path: str | Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns, data = table_rows(db, table)
    rows = list(data)
    arrays = {c: [r[i] for r in rows] for i, c in enumerate(columns)}
    pq.write_table(pa.table(arrays), str(path))
    return len(rows)
