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


def test_one_failing_article_does_not_sink_its_batch(db_path):
    """An article the store refuses is undone alone and recorded; the rest of the batch is stored."""
    db = connect(db_path)
    good, later = make_records(), make_records(TEXT + " Later.")
    bad = make_records(TEXT + " More.")
    bad.article.source = "bad.txt"
    bad.timexes.append(None)  # the writer fails half way through this article
    failures = []
    assert write_batch(db, [good, bad, later], on_failure=lambda *f: failures.append(f)) == 2
    stored = {r[0] for r in db.execute("SELECT id FROM articles")}
    assert stored == {good.article.id, later.article.id}
    # nothing of the bad article is left half written
    for table in ("paragraphs", "mentions", "timexes", "quotes", "events"):
        assert not db.execute(f"SELECT 1 FROM {table} WHERE article_id = ?", (bad.article.id,)).fetchone()
    assert db.execute("SELECT count(*) FROM mentions").fetchone()[0] == 4
    error = db.execute("SELECT source, reason FROM ingest_errors").fetchone()
    assert error["source"] == "bad.txt" and error["reason"].startswith("not stored: AttributeError")
    assert failures == [tuple(error)]
    assert not db.in_transaction
    # the refused article is not known, so a rerun tries it again
    assert known_article_ids(db, [bad.article.id]) == set()


def test_a_database_failure_rolls_the_whole_batch_back(db_path):
    """Disk full (``max_page_count``) is not an article's fault: the batch leaves nothing."""
    db = connect(db_path)
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages + 1}")
    batch = [make_records(TEXT + " x" * 2000 * i) for i in range(1, 4)]
    with pytest.raises(sqlite3.OperationalError, match="full"):
        write_batch(db, batch)
    assert not db.in_transaction
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM entities").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM ingest_errors").fetchone()[0] == 0


def test_interrupted_batch_leaves_nothing(db_path, monkeypatch):
    """Ctrl-C in the middle of a batch: every article of it is rolled back."""
    import newsgraph.store.writer as writer

    db = connect(db_path)
    real = writer._insert_event

    def interrupted(db, article_id, e, ref):
        if article_id == second.article.id:
            raise KeyboardInterrupt
        real(db, article_id, e, ref)

    first, second = make_records(), make_records(TEXT + " More.")
    monkeypatch.setattr(writer, "_insert_event", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_batch(db, [first, second])
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
    assert not db.in_transaction


def test_insert_statements_come_from_the_column_names():
    from newsgraph.store.writer import insert_sql

    assert insert_sql("timexes", ("id", "start", "end")) == (
        'INSERT OR IGNORE INTO timexes ("id", "start", "end") VALUES (:id, :start, :end)')


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
