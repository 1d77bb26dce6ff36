"""A database written by an older newsgraph opens with the current code: the
pending migrations run, every row survives, and the schema is today's."""

from __future__ import annotations

import sqlite3

import pytest

from newsgraph.corpus import finalize
from newsgraph.store.db import connect, pending_migrations
from newsgraph.store.migrations import MIGRATIONS, statements
from newsgraph.store.writer import write_batch

from test_store import make_records

TEXT = "Minister Ana Lind met port officials in Gdansk on Friday. She said the talks were useful."


def old_database(path, version: int) -> None:
    """A database as newsgraph left it when only the first ``version`` migrations existed,
    holding one analysed article written with that schema's columns."""
    db = sqlite3.connect(str(path), isolation_level=None)
    db.execute("CREATE TABLE _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    for fn in MIGRATIONS[:version]:
        for statement in statements(fn()):
            db.execute(statement)
        db.execute("INSERT INTO _migrations VALUES (?, '2024-01-01T00:00:00+00:00')", (fn.__name__,))
    db.execute("INSERT INTO articles (id, title, text, source, ingested_at, published) "
               "VALUES ('old1', 'Lind in Gdansk', ?, 'old.txt', '2024-01-01', '2024-03-08')", (TEXT,))
    db.execute("INSERT INTO paragraphs VALUES ('old1', 0, 0, ?, 'body')", (len(TEXT),))
    db.execute("INSERT INTO entities (id, name, type, country, sector, aliases_json, roles_json) "
               "VALUES ('ent-lind', 'Ana Lind', 'PERSON', 'SWE', 'GOV', '[\"Ana Lind\"]', '[]')")
    db.execute("INSERT INTO mentions VALUES ('old1', 9, 17, 'Ana Lind', 'PERSON', 'ent-lind')")
    db.execute("INSERT INTO quotes (id, article_id, start, \"end\", content, type, cue, speaker_entity_id, "
               "speaker_name) VALUES ('q1', 'old1', 67, 88, 'the talks were useful', 'indirect', 'said', "
               "'ent-lind', 'Ana Lind')")
    db.execute("INSERT INTO events (id, article_id, sentence_start, sentence_end, trigger_start, trigger_end, "
               "trigger_text, type, date) VALUES ('e1', 'old1', 0, 57, 18, 21, 'met', 'CONSULT', '2024-03-08')")
    db.execute("INSERT INTO participants (event_id, role, idx, entity_id, name, country) "
               "VALUES ('e1', 'actor', 0, 'ent-lind', 'Ana Lind', 'SWE')")
    db.close()


def shape(db) -> dict:
    """Every table's and index's columns: what the code reads, whatever the CREATE text."""
    out = {}
    for kind, name in db.execute("SELECT type, name FROM sqlite_master WHERE type IN ('table', 'index', "
                                 "'trigger') AND name NOT LIKE 'sqlite_%' AND sql IS NOT NULL"):
        if kind == "table":
            out[name] = [(r[1], r[2], r[3], r[5]) for r in db.execute(f'PRAGMA table_info("{name}")')]
        elif kind == "index":
            out[name] = [r[2] for r in db.execute(f'PRAGMA index_info("{name}")')]
        else:
            out[name] = "trigger"
    return out


@pytest.mark.parametrize("version", range(1, len(MIGRATIONS)))
def test_an_older_database_is_upgraded_with_its_data(tmp_path, version):
    path = tmp_path / "old.db"
    old_database(path, version)
    raw = sqlite3.connect(str(path))
    assert len(pending_migrations(raw)) == len(MIGRATIONS) - version
    raw.close()

    db = connect(path)  # what `newsgraph ingest` does first
    assert pending_migrations(db) == []
    assert [r[0] for r in db.execute("SELECT name FROM _migrations ORDER BY rowid")] == \
        [fn.__name__ for fn in MIGRATIONS]
    fresh = connect(tmp_path / "fresh.db")
    assert shape(db) == shape(fresh)

    # the old rows are all there, new columns at their defaults
    article = db.execute("SELECT title, text, notes_json FROM articles WHERE id = 'old1'").fetchone()
    assert (article["title"], article["text"], article["notes_json"]) == ("Lind in Gdansk", TEXT, None)
    assert db.execute("SELECT name, country, country_source FROM entities").fetchall()[0][:] == \
        ("Ana Lind", "SWE", None)
    assert db.execute("SELECT type, in_title FROM events WHERE id = 'e1'").fetchone()[:] == ("CONSULT", 0)
    assert db.execute("SELECT count(*) FROM participants").fetchone()[0] == 1
    assert db.execute("SELECT count(*) FROM mentions").fetchone()[0] == 1
    # full-text search still finds the old article and quote
    assert db.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'Gdansk'").fetchall()
    assert db.execute("SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH 'useful'").fetchall()

    # and the current code writes to it and runs the corpus pass over old and new articles
    assert write_batch(db, [make_records()]) == 1
    assert finalize(db)["articles_clustered"] == 2
    assert db.execute("SELECT count(*) FROM article_signatures").fetchone()[0] == 2
    db.close()

    # the query commands open the upgraded file read-only without complaint
    readonly = connect(path, readonly=True)
    assert readonly.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
