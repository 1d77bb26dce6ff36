"""Write records to SQLite: one transaction per batch, idempotent per article.

An article row and everything extracted from it commit together, so a run
killed at any point leaves each article either wholly stored or absent, and a
rerun stores the absent ones exactly once (their id is a hash of their text).
Statements are generated from column names (:func:`insert_sql`) and values
bound by name.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone
from functools import lru_cache
from typing import Callable, Iterable

from newsgraph.model import COUNTRY_FROM_CONTEXT, Entity, Event, Quote, Records, Timex, stable_id
from newsgraph.store.transaction import savepoint, transaction


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def known_article_ids(db: sqlite3.Connection, ids: Iterable[str]) -> set[str]:
    ids = list(ids)
    found: set[str] = set()
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        marks = ",".join("?" * len(chunk))
        found.update(r[0] for r in db.execute(f"SELECT id FROM articles WHERE id IN ({marks})", chunk))
    return found


def record_error(db: sqlite3.Connection, source: str, reason: str) -> None:
    db.execute(
        "INSERT INTO ingest_errors (source, reason, at) VALUES (?, ?, ?) "
        "ON CONFLICT(source, reason) DO UPDATE SET at = excluded.at",
        (source, reason, now()),
    )


#: Why an article is not stored although its analysis finished: something in its records.
NOT_STORED = "not stored"


def write_batch(db: sqlite3.Connection, batch: list[Records],
                on_failure: Callable[[str, str], None] | None = None) -> int:
    """Store a batch in one transaction; return how many articles were new.

    An article whose records the store refuses (a bad value, a broken
    constraint) does not sink its batch: the batch is written again with each
    article under a savepoint, the refused one is undone alone, recorded in
    ``ingest_errors`` and passed to ``on_failure(source, reason)`` (which must
    not write), and the rest is stored. A failure of the database itself
    (locked, disk full, I/O) is not an article's fault: it rolls the whole
    batch back and propagates, so a rerun stores every article once.
    """
    try:
        with transaction(db):
            return sum(_write_records(db, records) for records in batch)
    except sqlite3.OperationalError:
        raise
    except Exception:
        pass  # the rare path below finds the culprit; savepoints cost, so only then
    new = 0
    with transaction(db):
        for records in batch:
            try:
                with savepoint(db, "article"):
                    new += _write_records(db, records)
            except sqlite3.OperationalError:
                raise
            except Exception as exc:
                source = records.article.source or records.article.id
                reason = f"{NOT_STORED}: {type(exc).__name__}: {exc}"
                record_error(db, source, reason)
                if on_failure:
                    on_failure(source, reason)
    return new


@lru_cache(maxsize=None)
def insert_sql(table: str, columns: tuple[str, ...], verb: str = "INSERT OR IGNORE") -> str:
    """``INSERT INTO table ("a", "b") VALUES (:a, :b)`` from the column names:
    values are bound by name, so a column and its value cannot drift apart."""
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join(f":{c}" for c in columns)
    return f"{verb} INTO {table} ({names}) VALUES ({marks})"


def insert(db: sqlite3.Connection, table: str, row: dict, verb: str = "INSERT OR IGNORE") -> sqlite3.Cursor:
    return db.execute(insert_sql(table, tuple(row), verb), row)


def insert_many(db: sqlite3.Connection, table: str, rows: list[dict], verb: str = "INSERT OR IGNORE") -> None:
    if rows:
        db.executemany(insert_sql(table, tuple(rows[0]), verb), rows)


def _write_records(db: sqlite3.Connection, rec: Records) -> int:
    a = rec.article
    cur = insert(db, "articles", dict(
        id=a.id, source_id=a.source_id, url=a.url, outlet=a.outlet, title=a.title, published=a.published,
        published_source=a.published_source, language=a.language, text=a.text, source=a.source,
        repairs_json=json.dumps(a.repairs), notes_json=json.dumps(rec.notes), ingested_at=now()))
    if cur.rowcount == 0:
        return 0  # already stored: re-ingest is a no-op
    insert_many(db, "paragraphs", [dict(article_id=a.id, idx=p.idx, start=p.start, end=p.end, role=p.role)
                                   for p in a.paragraphs], verb="INSERT")
    for entity in rec.entities:
        _upsert_entity(db, entity)
        insert_many(db, "mentions", [dict(article_id=a.id, start=m.start, end=m.end, text=m.text, label=m.label,
                                          entity_id=entity.id) for m in entity.mentions])
    for t in rec.timexes:
        _insert_timex(db, a.id, t)
    known = {e.id for e in rec.entities}

    def ref(entity_id: str | None) -> str | None:
        """An entity id only if the entity is stored, so foreign keys hold."""
        if entity_id is None or entity_id in known:
            return entity_id
        found = db.execute("SELECT 1 FROM entities WHERE id = ?", (entity_id,)).fetchone()
        return entity_id if found else None

    for q in rec.quotes:
        _insert_quote(db, a.id, q, ref)
    for e in rec.events:
        _insert_event(db, a.id, e, ref)
    return 1


def _upsert_entity(db: sqlite3.Connection, e: Entity) -> None:
    row = db.execute(
        "SELECT aliases_json, roles_json, country, country_source, sector, kb_id FROM entities WHERE id = ?",
        (e.id,)
    ).fetchone()
    aliases = sorted(set(e.aliases) | {m.text for m in e.mentions} | {e.name})
    roles = list(dict.fromkeys(e.roles))
    if row is None:
        insert(db, "entities", dict(
            id=e.id, name=e.name, type=e.type, country=e.country,
            country_source=e.country_source if e.country else None, sector=e.sector, kb_id=e.kb_id,
            aliases_json=json.dumps(aliases), roles_json=json.dumps(roles)), verb="INSERT")
        return
    merged_aliases = sorted(set(json.loads(row["aliases_json"] or "[]")) | set(aliases))
    merged_roles = list(dict.fromkeys(json.loads(row["roles_json"] or "[]") + roles))
    country, source = row["country"], row["country_source"]
    if e.country and (country is None or (source == COUNTRY_FROM_CONTEXT and e.country_source != COUNTRY_FROM_CONTEXT)):
        country, source = e.country, e.country_source  # a fact from any article beats a context default
    db.execute(
        "UPDATE entities SET aliases_json = ?, roles_json = ?, country = ?, country_source = ?, "
        "sector = COALESCE(sector, ?), kb_id = COALESCE(kb_id, ?) WHERE id = ?",
        (json.dumps(merged_aliases), json.dumps(merged_roles), country, source, e.sector, e.kb_id, e.id),
    )


def _insert_timex(db: sqlite3.Connection, article_id: str, t: Timex) -> None:
    tid = t.id or stable_id(article_id, "timex", str(t.start), str(t.end))
    insert(db, "timexes", dict(id=tid, article_id=article_id, start=t.start, end=t.end, text=t.text,
                               type=t.type, value=t.value, anchor=t.anchor))


def _insert_quote(db: sqlite3.Connection, article_id: str, q: Quote, ref) -> None:
    qid = q.id or stable_id(article_id, "quote", str(q.start), str(q.end), q.cue or "")
    s, ad = q.speaker, q.addressee
    insert(db, "quotes", dict(
        id=qid, article_id=article_id, start=q.start, end=q.end, content=q.content, type=q.type, cue=q.cue,
        cue_start=q.cue_start, cue_end=q.cue_end,
        speaker_entity_id=ref(s.entity_id) if s else None, speaker_name=s.name if s else None,
        speaker_start=s.start if s else None, speaker_end=s.end if s else None,
        speaker_text=s.text if s else None,
        addressee_entity_id=ref(ad.entity_id) if ad else None, addressee_text=ad.text if ad else None,
        according_to=q.according_to, medium=q.medium, date=q.date, date_precision=q.date_precision,
        date_inferred=int(q.date_inferred)))


def _insert_event(db: sqlite3.Connection, article_id: str, e: Event, ref) -> None:
    eid = e.id or stable_id(article_id, "event", str(e.trigger_start), str(e.trigger_end), e.type)
    cur = insert(db, "events", dict(
        id=eid, article_id=article_id, sentence_start=e.sentence_start, sentence_end=e.sentence_end,
        trigger_start=e.trigger_start, trigger_end=e.trigger_end, trigger_text=e.trigger_text, type=e.type,
        mode=e.mode, contexts_json=json.dumps(e.contexts), date=e.date, date_precision=e.date_precision,
        date_inferred=int(e.date_inferred), location_entity_id=ref(e.location_entity_id), location=e.location,
        negated=int(e.negated), hypothetical=int(e.hypothetical), future=int(e.future),
        historical=int(e.historical), confidence=e.confidence, in_title=int(e.in_title)))
    if cur.rowcount == 0:
        return
    insert_many(db, "participants", [
        dict(event_id=eid, role=role, idx=idx, entity_id=ref(p.entity_id), name=p.name, text=p.text,
             country=p.country, sector=p.sector, start=p.start, end=p.end)
        for role, people in (("actor", e.actor), ("recipient", e.recipient))
        for idx, p in enumerate(people)])
