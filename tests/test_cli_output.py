"""The CLI as a person meets it: -t tables that fit, newest first, summary's hidden counts,
show's marks, quote types, --verbose. On the web fixture database (no pipeline needed)."""

from __future__ import annotations

import io
import json
import logging
import sqlite3

import pytest
from click.testing import CliRunner

from newsgraph.cli import cli
from newsgraph.output import fit_widths, write_rows
from web_fixture import build_fixture_db


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli_output") / "fixture.db"
    build_fixture_db(path)
    conn = sqlite3.connect(path)
    text = conn.execute("SELECT text FROM articles WHERE id = 'art-grain'").fetchone()[0]
    start = text.index("the deal collapsed")
    with conn:  # one attributed view: not reported speech, hidden by default
        conn.execute(
            "INSERT INTO quotes (id, article_id, start, \"end\", content, type, cue, speaker_name, speaker_text, date) "
            "VALUES ('art-grain-q9', 'art-grain', ?, ?, 'the deal is fragile', 'attribution', 'believes', "
            "'Ana Ruiz', 'Ruiz', '2024-03-06')", (start, start + len("the deal collapsed")))
    conn.close()
    return str(path)


def run(*args, env=None):
    result = CliRunner().invoke(cli, list(args), env=env or {})
    assert result.exit_code == 0, result.output
    return result.output


# -t ---------------------------------------------------------------------------------------------

ROWS = [{"id": f"row{i}", "date": "2024-06-19", "sentence": "A long sentence that goes on and on. " * 6}
        for i in range(3)]


def test_table_fits_the_width_and_cuts_the_longest_column():
    out = io.StringIO()
    write_rows(ROWS, out, "table", width=60)
    lines = out.getvalue().splitlines()
    assert all(len(line) <= 60 for line in lines)
    assert lines[0].split() == ["id", "date", "sentence"]
    body = lines[2:]
    assert len(body) == 3
    for i, line in enumerate(body):
        assert line.startswith(f"row{i}  2024-06-19  A long sentence")  # short columns whole
        assert line.endswith("…")  # the long one cut, with an ellipsis


def test_wide_table_keeps_everything():
    out = io.StringIO()
    write_rows(ROWS, out, "table", width=60, wide=True)
    body = out.getvalue().splitlines()[2:]
    assert all(ROWS[0]["sentence"].strip() in line for line in body)
    assert not any("…" in line for line in body)


def test_table_streams_past_the_sample_and_stays_aligned():
    rows = ({"n": i, "word": "x" * (i % 7)} for i in range(450))  # a generator: more than one chunk
    out = io.StringIO()
    write_rows(rows, out, "table", width=40)
    lines = out.getvalue().splitlines()
    assert len(lines) == 2 + 450
    assert {line.index("x") for line in lines[2:] if "x" in line} == {5}


def test_fit_widths():
    assert fit_widths([5, 10, 80], 200) == [5, 10, 80]
    widths = fit_widths([5, 10, 80, 60], 100)
    assert sum(widths) == 100 and widths[:2] == [5, 10]  # short columns whole, long ones share the rest
    assert abs(widths[2] - widths[3]) <= 1
    assert sum(fit_widths([30] * 10, 20)) >= 10  # never below one cell a column


def test_cli_table_fits_columns_env(db):
    narrow = run("events", db, "-t", env={"COLUMNS": "100"})
    assert max(len(line) for line in narrow.splitlines()) <= 100
    assert "…" in narrow
    wide = run("events", db, "-t", "--wide", env={"COLUMNS": "100"})
    assert max(len(line) for line in wide.splitlines()) > 100
    assert "Trade ministers from Spain and Morocco signed a grain agreement" in wide


def test_json_output_is_unchanged_by_streaming(db):
    rows = json.loads(run("articles", db))
    assert len(rows) == 4
    assert run("articles", db) == json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


# order ------------------------------------------------------------------------------------------

def test_events_newest_first_by_default(db):
    dates = [e["date"] for e in json.loads(run("events", db, "--include-hypothetical"))]
    assert dates[0] == "2024-06-20" and dates[-1] == "2023-11-01"
    oldest = [e["date"] for e in json.loads(run("events", db, "--include-hypothetical", "--order", "oldest"))]
    assert oldest[0] == "2023-11-01" and oldest[-1] == "2024-06-20"
    # the same day keeps the text's order either way; --limit takes the newest
    same_day = [e["trigger"] for e in json.loads(run("events", db)) if e["date"] == "2024-03-05"]
    assert same_day == ["signed", "accused"]
    assert [e["date"] for e in json.loads(run("events", db, "--limit", "1"))] == ["2024-06-20"]


def test_quotes_newest_first_and_attribution_hidden(db):
    quotes = json.loads(run("quotes", db))
    assert [q["date"] for q in quotes] == sorted((q["date"] for q in quotes), reverse=True)
    assert all(q["type"] != "attribution" for q in quotes)
    shown = json.loads(run("quotes", db, "--type", "attribution"))
    assert [q["content"] for q in shown] == ["the deal is fragile"]
    both = json.loads(run("quotes", db, "--type", "direct", "--type", "attribution", "--order", "oldest"))
    assert {q["type"] for q in both} == {"direct", "attribution"}
    assert both[0]["date"] == "2024-03-05"


def test_undated_items_come_last_in_both_orders():
    from newsgraph.listings import ordered

    rows = [{"date": "2024-01-02"}, {"date": "2024-03"}, {"date": None}, {"date": "XXXX-05"}]
    assert [r["date"] for r in ordered(rows, "newest")] == ["2024-03", "2024-01-02", None, "XXXX-05"]
    assert [r["date"] for r in ordered(rows, "oldest")] == ["2024-01-02", "2024-03", None, "XXXX-05"]


# summary ----------------------------------------------------------------------------------------

def test_summary_states_what_the_listings_hide(db):
    text = run("summary", db)
    assert "`events` lists 5 of 8 events: 3 not realised are hidden" in text
    assert "negated 1, hypothetical 1, future 1" in text
    assert "`quotes` lists 5 of 6 quotes: 1 of type attribution (not reported speech) are hidden" in text
    assert text.index("are hidden") < text.index("Explore it:")
    data = json.loads(run("summary", db, "--json"))
    assert data["hidden"]["events"] == {"total": 8, "hidden": 3,
                                        "by_flag": {"negated": 1, "hypothetical": 1, "future": 1}}
    assert data["hidden"]["quotes"] == {"total": 6, "hidden": 1, "by_type": {"attribution": 1}}
    assert len(json.loads(run("events", db))) == 8 - 3


# show -------------------------------------------------------------------------------------------

def test_show_marks_quotes_cues_and_triggers_and_prints_the_title_once(db):
    text = run("show", db, "art-grain", "--no-color")
    assert text.count("Port talks end with a grain deal") == 1
    assert '"«This deal keeps the ships moving,»[QUOTE direct]" [said|CUE]' in text
    assert "[signed|EVENT AGREE]" in text
    assert "[accused|CUE · EVENT ACCUSE]" in text  # one span, two roles
    assert "[Tuesday|2024-03-05]" in text and "[Spain|GPE]" in text
    assert "(related) Related: Harbour strike" in text


# --verbose --------------------------------------------------------------------------------------

def test_verbose_and_quiet_set_the_log_level(db):
    logger = logging.getLogger("newsgraph")
    run("-v", "articles", db)
    assert logger.level == logging.INFO
    run("-vv", "articles", db)
    assert logger.level == logging.DEBUG
    run("--quiet", "articles", db)
    assert logger.level == logging.ERROR
    run("articles", db)
    assert logger.level == logging.WARNING


def test_verbose_debug_shows_the_traceback_of_an_unexpected_error(db, monkeypatch):
    import newsgraph.store.queries as queries

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(queries, "list_articles", broken)
    quiet = CliRunner().invoke(cli, ["articles", db])
    assert quiet.exit_code == 1 and "unexpected error: RuntimeError: boom" in quiet.output
    assert "Traceback" not in quiet.output
    loud = CliRunner().invoke(cli, ["-vv", "articles", db])
    assert loud.exit_code == 1 and "Traceback" in loud.output and "boom" in loud.output
