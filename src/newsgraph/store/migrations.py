"""Numbered schema migrations, recorded in ``_migrations``.

Each migration is a function ``mNNN_name()`` returning an SQL script;
:func:`migrate` applies the ones not yet recorded, in order, all inside one
transaction together with their ``_migrations`` rows, so a run killed mid-way
leaves either all of them or none. Never edit a migration that
has shipped: add the next one.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from typing import Callable

from newsgraph.store.transaction import transaction

MIGRATIONS: list[Callable[[], str]] = []


def migration(fn: Callable[[], str]) -> Callable:
    MIGRATIONS.append(fn)
    return fn


@migration
def m001_initial() -> str:
    return """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            source_id TEXT,
            url TEXT,
            outlet TEXT,
            title TEXT,
            published TEXT,
            published_source TEXT,
            language TEXT,
            text TEXT NOT NULL,
            source TEXT,
            repairs_json TEXT,
            cluster_id TEXT,
            ingested_at TEXT NOT NULL
        );
        CREATE INDEX idx_articles_published ON articles(published);
        CREATE INDEX idx_articles_cluster ON articles(cluster_id);

        CREATE TABLE paragraphs (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            role TEXT NOT NULL,
            PRIMARY KEY (article_id, idx)
        );

        CREATE TABLE entities (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            type TEXT NOT NULL,
            country TEXT,
            sector TEXT,
            kb_id TEXT,
            aliases_json TEXT,
            roles_json TEXT
        );
        CREATE INDEX idx_entities_name ON entities(name);
        CREATE INDEX idx_entities_country ON entities(country);

        CREATE TABLE mentions (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            label TEXT,
            entity_id TEXT REFERENCES entities(id),
            PRIMARY KEY (article_id, start, "end")
        );
        CREATE INDEX idx_mentions_entity ON mentions(entity_id);

        CREATE TABLE timexes (
            id TEXT PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            type TEXT NOT NULL,
            value TEXT,
            anchor TEXT
        );
        CREATE INDEX idx_timexes_article ON timexes(article_id);

        CREATE TABLE quotes (
            id TEXT PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            content TEXT NOT NULL,
            type TEXT NOT NULL,
            cue TEXT,
            cue_start INTEGER,
            cue_end INTEGER,
            speaker_entity_id TEXT REFERENCES entities(id),
            speaker_name TEXT,
            speaker_start INTEGER,
            speaker_end INTEGER,
            speaker_text TEXT,
            addressee_entity_id TEXT REFERENCES entities(id),
            addressee_text TEXT,
            according_to TEXT,
            medium TEXT,
            date TEXT,
            date_precision TEXT,
            date_inferred INTEGER
        );
        CREATE INDEX idx_quotes_article ON quotes(article_id);
        CREATE INDEX idx_quotes_speaker ON quotes(speaker_entity_id);
        CREATE INDEX idx_quotes_date ON quotes(date);

        CREATE TABLE events (
            id TEXT PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            sentence_start INTEGER NOT NULL,
            sentence_end INTEGER NOT NULL,
            trigger_start INTEGER NOT NULL,
            trigger_end INTEGER NOT NULL,
            trigger_text TEXT,
            type TEXT NOT NULL,
            mode TEXT,
            contexts_json TEXT,
            date TEXT,
            date_precision TEXT,
            date_inferred INTEGER,
            location_entity_id TEXT REFERENCES entities(id),
            location TEXT,
            negated INTEGER NOT NULL DEFAULT 0,
            hypothetical INTEGER NOT NULL DEFAULT 0,
            future INTEGER NOT NULL DEFAULT 0,
            historical INTEGER NOT NULL DEFAULT 0,
            confidence REAL,
            merged_event_id TEXT
        );
        CREATE INDEX idx_events_article ON events(article_id);
        CREATE INDEX idx_events_type_date ON events(type, date);

        CREATE TABLE participants (
            event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            role TEXT NOT NULL,
            idx INTEGER NOT NULL,
            entity_id TEXT REFERENCES entities(id),
            name TEXT,
            text TEXT,
            country TEXT,
            sector TEXT,
            start INTEGER,
            "end" INTEGER,
            PRIMARY KEY (event_id, role, idx)
        );
        CREATE INDEX idx_participants_entity ON participants(entity_id);
        CREATE INDEX idx_participants_country ON participants(country);

        CREATE TABLE ingest_errors (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL,
            reason TEXT NOT NULL,
            at TEXT NOT NULL,
            UNIQUE (source, reason)
        );

        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, text, content='articles', content_rowid='rowid'
        );
        CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;
        CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
        END;
        CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;

        CREATE VIRTUAL TABLE quotes_fts USING fts5(
            content, speaker_name, content='quotes', content_rowid='rowid'
        );
        CREATE TRIGGER quotes_ai AFTER INSERT ON quotes BEGIN
            INSERT INTO quotes_fts(rowid, content, speaker_name)
            VALUES (new.rowid, new.content, new.speaker_name);
        END;
        CREATE TRIGGER quotes_ad AFTER DELETE ON quotes BEGIN
            INSERT INTO quotes_fts(quotes_fts, rowid, content, speaker_name)
            VALUES ('delete', old.rowid, old.content, old.speaker_name);
        END;
        CREATE TRIGGER quotes_au AFTER UPDATE ON quotes BEGIN
            INSERT INTO quotes_fts(quotes_fts, rowid, content, speaker_name)
            VALUES ('delete', old.rowid, old.content, old.speaker_name);
            INSERT INTO quotes_fts(rowid, content, speaker_name)
            VALUES (new.rowid, new.content, new.speaker_name);
        END;
        """


@migration
def m002_story_signatures() -> str:
    """MinHash signatures and LSH bands for story clustering (newsgraph.corpus.stories)."""
    return """
        CREATE TABLE article_signatures (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            signature BLOB NOT NULL
        );
        CREATE TABLE article_bands (
            band INTEGER NOT NULL,
            hash INTEGER NOT NULL,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE
        );
        CREATE INDEX idx_article_bands ON article_bands(band, hash);
        CREATE INDEX idx_events_merged ON events(merged_event_id);
        """


@migration
def m003_web_indexes() -> str:
    """Covering indexes for the web UI's aggregates (newsgraph.web): top actors,
    the actor network join and events over time read only these indexes."""
    return """
        CREATE INDEX idx_participants_entity_role ON participants(entity_id, role);
        CREATE INDEX idx_participants_event_cover ON participants(event_id, role, entity_id, name, country);
        CREATE INDEX idx_events_date_cover
            ON events(date, type, negated, hypothetical, future, confidence, id);
        """


@migration
def m004_article_notes() -> str:
    """What the pipeline wants a reader of an article to know (unknown date, unreadable date...)."""
    return "ALTER TABLE articles ADD COLUMN notes_json TEXT;"


@migration
def m005_entity_country_source() -> str:
    """Where an entity's country came from, so a context default never overrides a fact."""
    return "ALTER TABLE entities ADD COLUMN country_source TEXT;"


@migration
def m006_event_in_title() -> str:
    """Events coded from the title or a heading line (``Event.in_title``)."""
    return "ALTER TABLE events ADD COLUMN in_title INTEGER NOT NULL DEFAULT 0;"


def applied(db: sqlite3.Connection) -> set[str]:
    """Names of the migrations recorded in ``db`` (none when it has no ``_migrations`` table)."""
    try:
        return {row[0] for row in db.execute("SELECT name FROM _migrations")}
    except sqlite3.OperationalError:
        return set()


def statements(script: str) -> list[str]:
    """Split an SQL script into complete statements (trigger bodies stay whole)."""
    out, buffer = [], ""
    for piece in script.split(";"):
        buffer += piece + ";"
        if sqlite3.complete_statement(buffer):
            if buffer.strip(" \t\n;"):
                out.append(buffer.strip())
            buffer = ""
    if buffer.strip(" \t\n;"):
        out.append(buffer.strip())
    return out


def migrate(db: sqlite3.Connection) -> list[str]:
    """Apply pending migrations; return the names applied now.

    Safe for several processes opening one new database at once: the check
    and the migrations run inside one ``BEGIN IMMEDIATE`` transaction (so
    one process at a time, the others waiting on the busy timeout), and the
    applied set is read again once the lock is held. A run killed mid-way
    leaves all the pending migrations or none.
    """
    if not [fn for fn in MIGRATIONS if fn.__name__ not in applied(db)]:
        return []
    if db.in_transaction:
        db.commit()
    now_applied = []
    with transaction(db):
        db.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        done = applied(db)
        for fn in MIGRATIONS:
            if fn.__name__ in done:
                continue
            for statement in statements(fn()):
                db.execute(statement)
            stamp = datetime.now(timezone.utc).isoformat(timespec="seconds")
            db.execute("INSERT INTO _migrations (name, applied_at) VALUES (?, ?)", (fn.__name__, stamp))
            now_applied.append(fn.__name__)
    return now_applied
