"""An article the store refuses is reported by the run, not only recorded in the database."""

from __future__ import annotations

import newsgraph.store.writer as writer
from newsgraph.ingestion import ingest


def test_an_article_the_store_refuses_is_an_error_of_the_run(tmp_path, monkeypatch):
    for name, text in (("good.txt", "Ministers from Norway met in Oslo on Monday."),
                       ("bad.txt", "Officials from Peru met in Lima on Tuesday.")):
        (tmp_path / name).write_text(text, encoding="utf-8")
    original = writer._write_records

    def refuse_bad(db, records):
        if (records.article.source or "").endswith("bad.txt"):
            raise ValueError("a value the store cannot take")
        return original(db, records)

    monkeypatch.setattr(writer, "_write_records", refuse_bad)
    db_path = tmp_path / "run.db"
    summary = ingest(db_path, [str(tmp_path / "good.txt"), str(tmp_path / "bad.txt")])
    assert summary.new == 1
    assert [source for source, _ in summary.errors] == [str(tmp_path / "bad.txt")]
    assert "a value the store cannot take" in summary.errors[0][1]
