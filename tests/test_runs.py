"""Runners give identical results; a run killed with SIGKILL and rerun stores every article once."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsgraph.config import RunConfig
from newsgraph.export import iter_documents
from newsgraph.ingestion import ingest
from newsgraph.store.db import connect

pytestmark = pytest.mark.slow

PLACES = ["Lisbon", "Warsaw", "Nairobi", "Lima", "Hanoi", "Oslo", "Accra", "Quito"]


def write_corpus(path: Path, n: int) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            place = PLACES[i % len(PLACES)]
            text = (f"Delegates from {place} met trade officials on Monday, the ministry said. "
                    f"\"We will return in {2020 + i % 5},\" said envoy Ana Ruiz number {i}.")
            out.write(json.dumps({"id": f"doc-{i}", "title": f"Talks in {place} ({i})", "text": text,
                                  "published": "2024-04-1" + str(i % 9), "outlet": "Test Wire"}) + "\n")
    return path


def documents(db_path):
    db = connect(db_path)
    return sorted((json.dumps(d, sort_keys=True) for d in iter_documents(db)))


def test_two_workers_give_identical_results(tmp_path):
    corpus = write_corpus(tmp_path / "c.jsonl", 12)
    one = ingest(tmp_path / "one.db", [str(corpus)], config=RunConfig(workers=1, batch_size=4))
    two = ingest(tmp_path / "two.db", [str(corpus)], config=RunConfig(workers=2, batch_size=4))
    assert one.new == two.new == 12
    assert documents(tmp_path / "one.db") == documents(tmp_path / "two.db")


def test_dask_runner_gives_identical_results(tmp_path):
    pytest.importorskip("dask.distributed")
    corpus = write_corpus(tmp_path / "c.jsonl", 6)
    ingest(tmp_path / "local.db", [str(corpus)], config=RunConfig(batch_size=3))
    ingest(tmp_path / "dask.db", [str(corpus)], config=RunConfig(runner="dask", workers=1, batch_size=3))
    assert documents(tmp_path / "local.db") == documents(tmp_path / "dask.db")


def test_sigkill_then_rerun_stores_each_article_exactly_once(tmp_path):
    n = 120
    corpus = write_corpus(tmp_path / "big.jsonl", n)
    db = tmp_path / "kill.db"
    cmd = [sys.executable, "-m", "newsgraph", "ingest", str(db), str(corpus), "-q", "--batch-size", "4"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stored = 0
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
        try:
            stored = sqlite3.connect(db).execute("SELECT count(*) FROM articles").fetchone()[0]
        except sqlite3.Error:
            continue
        if stored >= 8:
            break
    assert proc.poll() is None, "the run finished before it could be killed; make the corpus bigger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = sqlite3.connect(db).execute("SELECT count(*) FROM articles").fetchone()[0]
    assert 0 < partial < n
    rerun = subprocess.run(cmd, capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    summary = json.loads(rerun.stdout)
    assert summary["already_present"] == partial and summary["new"] == n - partial
    check = sqlite3.connect(db)
    assert check.execute("SELECT count(*) FROM articles").fetchone()[0] == n
    assert check.execute("SELECT count(DISTINCT source_id) FROM articles").fetchone()[0] == n
    # every stored article has its paragraphs: nothing was half-written
    orphans = check.execute(
        "SELECT count(*) FROM articles a WHERE NOT EXISTS "
        "(SELECT 1 FROM paragraphs p WHERE p.article_id = a.id)").fetchone()[0]
    assert orphans == 0


def test_components_option_selects_and_orders_with_dependencies():
    from newsgraph.config import load_config
    from newsgraph.errors import NewsgraphError

    config = load_config(None, components="events")
    assert config.pipeline.components == ("newsgraph_entities", "newsgraph_timex", "newsgraph_events")
    assert load_config(None, components="none").pipeline.components == ()
    assert load_config(None, components="timex,entities").pipeline.components == (
        "newsgraph_entities", "newsgraph_timex")
    with pytest.raises(NewsgraphError, match="unknown component"):
        load_config(None, components="sentiment")


def test_base_model_only_run_stores_articles_without_records(tmp_path):
    from newsgraph.config import load_config

    corpus = write_corpus(tmp_path / "c.jsonl", 3)
    config = load_config(None, components="none")
    assert ingest(tmp_path / "bare.db", [str(corpus)], config=config).new == 3
    db = connect(tmp_path / "bare.db")
    assert db.execute("SELECT count(*) FROM mentions").fetchone()[0] == 0


def test_batch_size_follows_workers():
    assert RunConfig(workers=1).effective_batch_size > RunConfig(workers=2).effective_batch_size
    assert RunConfig(workers=2, batch_size=50).effective_batch_size == 50
