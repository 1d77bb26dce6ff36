"""The SQLite store: migrations, idempotent and atomic batches, foreign keys, FTS."""

import sqlite3

import pytest

from newsgraph.errors import NewsgraphError
from newsgraph.model import Article, Entity, Event, Mention, Paragraph, Participant, Quote, Records, Speaker, Timex
from newsgraph.store.db import connect
from newsgraph.store.migrations import MIGRATIONS, migrate
from newsgraph.store.writer import known_article_ids, record_error, write_batch

TEXT = "Minister Ana Lind visited Oslo on Monday.\nShe said the talks were useful."


def make_records(text=TEXT) -> Records:
    article = Article(text=text, paragraphs=[Paragraph(0, 0, 41, "body"), Paragraph(1, 42, len(text), "body")],
                      title="Lind in Oslo", outlet="Test Wire", published="2024-03-06")
    lind = Entity(id="ent-lind", name="Ana Lind", type="PERSON", mentions=[Mention(9, 17, "Ana Lind", "PERSON")],
                  country="SWE", sector="GOV")
    oslo = Entity(id="ent-oslo", name="Oslo", type="GPE", mentions=[Mention(26, 30, "Oslo", "GPE")], country="NOR")
    quote = Quote(start=51, end=len(text) - 1, content=text[51:-1], type="indirect", cue="said",
                  speaker=Speaker("Ana Lind", "ent-lind", 42, 45, "She"))
    event = Event(type="CONSULT", mode="visit", trigger_start=18, trigger_end=25, trigger_text="visited",
                  sentence_start=0, sentence_end=41,
                  actor=[Participant("actor", "Ana Lind", "ent-lind", "Ana Lind", "SWE", "GOV")],
                  recipient=[Participant("recipient", "Oslo", "ent-unknown", "Oslo", "NOR", None)])
    timex = Timex(start=34, end=40, text="Monday", type="DATE", value="2024-03-04")
    return Records(article, [lind, oslo], [timex], [quote], [event])


def test_migrations_are_recorded_once(db_path):
    db = connect(db_path)
    names = [r[0] for r in db.execute("SELECT name FROM _migrations")]
    assert names == [fn.__name__ for fn in MIGRATIONS]
    assert migrate(db) == []  # nothing pending the second time


def test_write_batch_is_idempotent(db_path):
    db = connect(db_path)
    assert write_batch(db, [make_records()]) == 1
    assert write_batch(db, [make_records()]) == 0
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    assert db.execute("SELECT count(*) FROM mentions").fetchone()[0] == 2
    assert db.execute("SELECT count(*) FROM participants").fetchone()[0] == 2


def test_unknown_entity_reference_is_dropped_not_fatal(db_path):
    db = connect(db_path)
    write_batch(db, [make_records()])
    row = db.execute("SELECT entity_id, name FROM participants WHERE role = 'recipient'").fetchone()
    assert row["entity_id"] is None and row["name"] == "Oslo"


def test_failed_batch_leaves_nothing(db_path):
    db = connect(db_path)
    good = make_records()
    bad = make_records(TEXT + " More.")
    bad.timexes.append(None)  # makes the writer fail half way through the batch
    with pytest.raises(Exception):
        write_batch(db, [good, bad])
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM entities").fetchone()[0] == 0


def test_known_ids_and_errors(db_path):
    db = connect(db_path)
    rec = make_records()
    write_batch(db, [rec])
    assert known_article_ids(db, [rec.article.id, "nope"]) == {rec.article.id}
    record_error(db, "a.txt", "binary content")
    record_error(db, "a.txt", "binary content")
    assert db.execute("SELECT count(*) FROM ingest_errors").fetchone()[0] == 1


def test_full_text_search_over_articles_and_quotes(db_path):
    db = connect(db_path)
    write_batch(db, [make_records()])
    hit = db.execute("SELECT title FROM articles_fts WHERE articles_fts MATCH 'oslo'").fetchall()
    assert [r[0] for r in hit] == ["Lind in Oslo"]
    hit = db.execute("SELECT content FROM quotes_fts WHERE quotes_fts MATCH 'useful'").fetchall()
    assert len(hit) == 1


def test_entities_merge_aliases_across_articles(db_path):
    db = connect(db_path)
    first = make_records()
    second = make_records("Lind flew home.")
    second.article.paragraphs = [Paragraph(0, 0, 15, "body")]
    second.entities = [Entity(id="ent-lind", name="Ana Lind", type="PERSON",
                              mentions=[Mention(0, 4, "Lind", "PERSON")], roles=["minister"])]
    second.quotes, second.events, second.timexes = [], [], []
    write_batch(db, [first, second])
    aliases = db.execute("SELECT aliases_json, roles_json FROM entities WHERE id = 'ent-lind'").fetchone()
    assert "Lind" in aliases[0] and "minister" in aliases[1]


def test_query_commands_refuse_missing_database(tmp_path):
    with pytest.raises(NewsgraphError, match="no such database"):
        connect(tmp_path / "missing.db", create=False)


def test_not_a_database(tmp_path):
    path = tmp_path / "junk.db"
    path.write_bytes(b"\x00garbage" * 200)
    with pytest.raises(NewsgraphError, match="cannot open"):
        connect(path)


def test_opens_read_only_like_datasette(db_path):
    connect(db_path).close()
    ro = connect(db_path, readonly=True)
    with pytest.raises(sqlite3.OperationalError):
        ro.execute("DELETE FROM articles")
