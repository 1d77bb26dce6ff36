"""Write records to SQLite: one transaction per batch, idempotent per article.

An article row and everything extracted from it commit together, so a run
killed at any point leaves each article either wholly stored or absent, and a
rerun stores the absent ones exactly once (their id is a hash of their text).
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone
from typing import Iterable

from newsgraph.model import COUNTRY_FROM_CONTEXT, Entity, Event, Quote, Records, Timex, stable_id


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


def write_batch(db: sqlite3.Connection, batch: list[Records]) -> int:
    """Store a batch in one transaction; return how many articles were new."""
    new = 0
    db.execute("BEGIN IMMEDIATE")
    try:
        for records in batch:
            new += _write_records(db, records)
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    return new


def _write_records(db: sqlite3.Connection, rec: Records) -> int:
    a = rec.article
    cur = db.execute(
        "INSERT OR IGNORE INTO articles (id, source_id, url, outlet, title, published, "
        "published_source, language, text, source, repairs_json, notes_json, ingested_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (a.id, a.source_id, a.url, a.outlet, a.title, a.published, a.published_source,
         a.language, a.text, a.source, json.dumps(a.repairs), json.dumps(rec.notes), now()),
    )
    if cur.rowcount == 0:
        return 0  # already stored: re-ingest is a no-op
    db.executemany(
        'INSERT INTO paragraphs (article_id, idx, start, "end", role) VALUES (?, ?, ?, ?, ?)',
        [(a.id, p.idx, p.start, p.end, p.role) for p in a.paragraphs],
    )
    for entity in rec.entities:
        _upsert_entity(db, entity)
        db.executemany(
            'INSERT OR IGNORE INTO mentions (article_id, start, "end", text, label, entity_id) '
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(a.id, m.start, m.end, m.text, m.label, entity.id) for m in entity.mentions],
        )
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
        db.execute(
            "INSERT INTO entities (id, name, type, country, country_source, sector, kb_id, aliases_json, roles_json) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (e.id, e.name, e.type, e.country, e.country_source if e.country else None, e.sector, e.kb_id,
             json.dumps(aliases), json.dumps(roles)),
        )
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
    db.execute(
        'INSERT OR IGNORE INTO timexes (id, article_id, start, "end", text, type, value, anchor) '
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (tid, article_id, t.start, t.end, t.text, t.type, t.value, t.anchor),
    )


def _insert_quote(db: sqlite3.Connection, article_id: str, q: Quote, ref) -> None:
    qid = q.id or stable_id(article_id, "quote", str(q.start), str(q.end), q.cue or "")
    s, ad = q.speaker, q.addressee
    db.execute(
        'INSERT OR IGNORE INTO quotes (id, article_id, start, "end", content, type, cue, cue_start, '
        "cue_end, speaker_entity_id, speaker_name, speaker_start, speaker_end, speaker_text, "
        "addressee_entity_id, addressee_text, according_to, medium, date, date_precision, date_inferred) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (qid, article_id, q.start, q.end, q.content, q.type, q.cue, q.cue_start, q.cue_end,
         ref(s.entity_id) if s else None, s.name if s else None, s.start if s else None,
         s.end if s else None, s.text if s else None,
         ref(ad.entity_id) if ad else None, ad.text if ad else None,
         q.according_to, q.medium, q.date, q.date_precision, int(q.date_inferred)),
    )


def _insert_event(db: sqlite3.Connection, article_id: str, e: Event, ref) -> None:
    eid = e.id or stable_id(article_id, "event", str(e.trigger_start), str(e.trigger_end), e.type)
    cur = db.execute(
        "INSERT OR IGNORE INTO events (id, article_id, sentence_start, sentence_end, trigger_start, "
        "trigger_end, trigger_text, type, mode, contexts_json, date, date_precision, date_inferred, "
        "location_entity_id, location, negated, hypothetical, future, historical, confidence, in_title) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (eid, article_id, e.sentence_start, e.sentence_end, e.trigger_start, e.trigger_end,
         e.trigger_text, e.type, e.mode, json.dumps(e.contexts), e.date, e.date_precision,
         int(e.date_inferred), ref(e.location_entity_id), e.location, int(e.negated),
         int(e.hypothetical), int(e.future), int(e.historical), e.confidence, int(e.in_title)),
    )
    if cur.rowcount == 0:
        return
    rows = []
    for role, people in (("actor", e.actor), ("recipient", e.recipient)):
        for idx, p in enumerate(people):
            rows.append((eid, role, idx, ref(p.entity_id), p.name, p.text, p.country, p.sector, p.start, p.end))
    db.executemany(
        "INSERT OR IGNORE INTO participants (event_id, role, idx, entity_id, name, text, country, "
        'sector, start, "end") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        rows,
    )
