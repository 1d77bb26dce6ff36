"""Failures are logged with their tracebacks (debug) while the user still gets one line;
one failing article does not sink its batch; repeats within one input are named as such."""

from __future__ import annotations

import io
import json
import logging
from pathlib import Path

import pytest
import spacy
from click.testing import CliRunner
from spacy.language import Language

from newsgraph.cli import cli
from newsgraph.ingest.normalize import normalize
from newsgraph.ingest.base import RawDocument

FIXTURES = Path(__file__).parent / "fixtures" / "cli"


@Language.component("newsgraph_test_boom")
def _boom(doc):
    if "BOOM" in doc.text:
        raise RuntimeError("the component choked on BOOM")
    return doc


def _article(text: str):
    return normalize(RawDocument(source=f"test:{text[:8]}", content=text.encode(), hints={}))


def test_a_failing_article_is_logged_with_its_traceback_and_spares_its_batch(caplog):
    from newsgraph.process import process

    nlp = spacy.blank("en")
    nlp.add_pipe("newsgraph_test_boom")
    good = _article("Ministers met in Rabat on Tuesday to talk about grain.")
    bad = _article("The parser will go BOOM on this sentence, as planned.")
    with caplog.at_level(logging.DEBUG, logger="newsgraph"):
        records = process([good, bad], nlp=nlp)
    assert [r.error for r in records][0] is None
    assert "RuntimeError: the component choked on BOOM" in records[1].error
    failures = [r for r in caplog.records if r.name == "newsgraph.process" and r.exc_info]
    assert len(failures) == 1 and failures[0].levelno == logging.DEBUG
    assert bad.id in failures[0].getMessage()
    assert "the component choked" in caplog.text and "Traceback" in caplog.text


def test_a_failing_reader_is_logged_and_reported_as_one_line(caplog):
    from newsgraph.ingest.base import IngestError
    from newsgraph.ingest.sources import _guarded

    class Broken:
        name = "broken"

        def read(self, stream, source):
            raise ValueError("bad bytes\nsecond line")

    with caplog.at_level(logging.DEBUG, logger="newsgraph"):
        items = list(_guarded(Broken(), io.BytesIO(b"x"), "odd.bin"))
    assert items == [IngestError("odd.bin", "unreadable broken input: ValueError: bad bytes")]
    assert any(r.exc_info and r.name == "newsgraph.ingest.sources" for r in caplog.records)


@pytest.mark.slow
def test_verbose_ingest_logs_steps_and_duplicates_are_named(tmp_path):
    db = tmp_path / "dups.db"
    args = ["ingest", str(db), str(FIXTURES), str(FIXTURES / "grain.txt"), "--components", "none", "-q"]
    first = CliRunner().invoke(cli, ["-v", *args])
    assert first.exit_code == 0, first.output
    summary = json.loads(first.output.strip().splitlines()[-1])
    assert summary["new"] == 2 and summary["duplicates_in_input"] == 1 and summary["already_present"] == 0
    assert "INFO newsgraph.ingestion: ingesting 2 sources" in first.output
    again = CliRunner().invoke(cli, args)
    summary = json.loads(again.output.strip().splitlines()[-1])
    assert summary["already_present"] == 2 and summary["duplicates_in_input"] == 1 and summary["new"] == 0
    assert "INFO" not in again.output  # not verbose: no step log
