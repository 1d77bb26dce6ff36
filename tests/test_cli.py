"""The command line end to end on small fixtures written for the project."""

import json
import shutil
from pathlib import Path

import pytest

from newsgraph.cli import cli

FIXTURES = Path(__file__).parent / "fixtures" / "cli"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    from click.testing import CliRunner

    tmp = tmp_path_factory.mktemp("cli")
    db = tmp / "cli.db"
    result = CliRunner().invoke(cli, ["ingest", str(db), str(FIXTURES), "--published", "2024-05-08", "-q"])
    assert result.exit_code == 0, result.output
    return db, json.loads(result.output.strip().splitlines()[-1])


def test_ingest_reports_what_it_did(ingested):
    _, summary = ingested
    assert summary["new"] == 2 and summary["errors"] == 0


def test_reingest_is_a_no_op(ingested, runner):
    db, _ = ingested
    result = runner.invoke(cli, ["ingest", str(db), str(FIXTURES), "-q"])
    assert result.exit_code == 0
    assert json.loads(result.output)["already_present"] == 2
    assert json.loads(result.output)["new"] == 0


def test_articles_json_and_csv(ingested, runner):
    db, _ = ingested
    rows = json.loads(runner.invoke(cli, ["articles", str(db)]).output)
    titles = {r["title"] for r in rows}
    assert "Harbour talks end with a pledge on fishing quotas" in titles
    outlets = {r["outlet"] for r in rows}
    assert "Nordic Wire Service" in outlets
    csv_out = runner.invoke(cli, ["articles", str(db), "--csv"]).output
    assert csv_out.splitlines()[0].startswith("id,title,outlet")


def test_export_follows_the_contract(ingested, runner):
    db, _ = ingested
    result = runner.invoke(cli, ["export", str(db), "--format", "jsonl"])
    docs = [json.loads(line) for line in result.output.splitlines()]
    assert len(docs) == 2
    required = {"id", "source_id", "title", "outlet", "published", "url", "source", "text",
                "paragraphs", "entities", "timexes", "quotes", "events"}
    for doc in docs:
        assert required <= set(doc)
        for p in doc["paragraphs"]:
            assert set(p) >= {"start", "end", "role"}
        for e in doc["entities"]:
            assert {"id", "name", "type", "country", "sector", "mentions"} <= set(e)
            for m in e["mentions"]:
                assert doc["text"][m["start"]:m["end"]] == m["text"]
        for t in doc["timexes"]:
            assert doc["text"][t["start"]:t["end"]] == t["text"]
    harbour = next(d for d in docs if d["title"].startswith("Harbour"))
    assert harbour["paragraphs"][-1]["role"] == "footer"
    assert harbour["published"] == "2024-05-08"


def test_export_csv_events_and_parquet(ingested, runner, tmp_path):
    db, _ = ingested
    result = runner.invoke(cli, ["export", str(db), "--format", "csv", "--table", "events"])
    header = result.output.splitlines()[0].split(",")
    assert {"event_id", "type", "actor_countries", "recipient_countries", "source_url", "sentence"} <= set(header)
    out = tmp_path / "articles.parquet"
    result = runner.invoke(cli, ["export", str(db), "--format", "parquet", "--table", "articles", "-o", str(out)])
    assert result.exit_code == 0, result.output
    import pyarrow.parquet as pq

    assert pq.read_table(out).num_rows == 2


def test_entities_and_show(ingested, runner):
    db, _ = ingested
    rows = json.loads(runner.invoke(cli, ["entities", str(db)]).output)
    assert rows, "some entities are found"
    article_id = json.loads(runner.invoke(cli, ["articles", str(db)]).output)[0]["id"]
    shown = runner.invoke(cli, ["show", str(db), article_id[:8], "--no-color"])
    assert shown.exit_code == 0
    assert "|" in shown.output  # spans are marked


def test_errors_are_one_line_without_traceback(runner, tmp_path):
    result = runner.invoke(cli, ["articles", str(tmp_path / "missing.db")])
    assert result.exit_code == 1
    assert "no such database" in result.output and "Traceback" not in result.output
    result = runner.invoke(cli, ["show", str(tmp_path / "missing.db"), "abc"])
    assert result.exit_code == 1


def test_bad_items_exit_1_and_keep_the_good(runner, tmp_path):
    src = tmp_path / "mixed"
    src.mkdir()
    shutil.copy(FIXTURES / "grain.txt", src / "grain.txt")
    (src / "empty.txt").write_bytes(b"")
    (src / "blob.bin").write_bytes(bytes(range(256)) * 20)
    db = tmp_path / "mixed.db"
    result = runner.invoke(cli, ["ingest", str(db), str(src), "-q"])
    assert result.exit_code == 1
    summary = json.loads(result.output.strip().splitlines()[-1])
    assert summary["new"] == 1 and summary["errors"] == 2
    import sqlite3

    errors = sqlite3.connect(db).execute("SELECT source FROM ingest_errors").fetchall()
    assert {Path(s).name for (s,) in errors} == {"empty.txt", "blob.bin"}


def test_published_flag_is_validated(runner, tmp_path):
    result = runner.invoke(cli, ["ingest", str(tmp_path / "x.db"), str(FIXTURES), "--published", "next week"])
    assert result.exit_code != 0
    assert "Traceback" not in result.output


def test_every_command_documents_itself_with_an_example(runner):
    import click

    def walk(group, prefix=()):
        for name, command in group.commands.items():
            if isinstance(command, click.Group):
                yield from walk(command, prefix + (name,))
            else:
                yield prefix + (name,), command

    for path, command in walk(cli):
        help_text = runner.invoke(cli, [*path, "-h"]).output
        assert "Example" in help_text, path
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.help, f"{' '.join(path)} {param.opts[0]} has no help"


def test_quotes_search_and_filters(ingested, runner):
    db, _ = ingested
    rows = json.loads(runner.invoke(cli, ["quotes", str(db), "--search", "agreed"]).output)
    assert len(rows) == 1 and rows[0]["cue"] == "told" and rows[0]["type"] == "direct"
    assert "Næss" in rows[0]["speaker"]
    assert rows[0]["addressee"] == "reporters"
    later = json.loads(runner.invoke(cli, ["quotes", str(db), "--since", "2024-05-08"]).output)
    assert later and all(r["date"] >= "2024-05-08" for r in later)
    bad = runner.invoke(cli, ["quotes", str(db), "--speaker", "Nobody Atall"])
    assert bad.exit_code == 1 and "no entity matches" in bad.output


def test_events_and_timeline(ingested, runner):
    db, _ = ingested
    events = json.loads(runner.invoke(cli, ["events", str(db), "--type", "consult"]).output)
    assert any(e["trigger"] == "met" and "Iceland" in (e["recipient"] or "") for e in events)
    flat = runner.invoke(cli, ["events", str(db), "--country", "ISL", "--csv"]).output
    assert flat.splitlines()[0].startswith("id,date")
    items = json.loads(runner.invoke(cli, ["timeline", str(db)]).output)
    dates = [i["date"] for i in items]
    assert dates == sorted(dates) and {"event", "quote"} <= {i["kind"] for i in items}


def test_undated_article_says_so(runner, tmp_path):
    src = tmp_path / "undated.txt"
    src.write_text("Port strike enters second week\nDock workers in Antwerp stayed out on Monday, "
                   "the union said.\n", encoding="utf-8")
    db = tmp_path / "undated.db"
    assert runner.invoke(cli, ["ingest", str(db), str(src), "-q"]).exit_code == 0
    doc = json.loads(runner.invoke(cli, ["export", str(db)]).output.splitlines()[0])
    assert doc["published"] is None
    assert any("publication date unknown" in n for n in doc["notes"])
    monday = [t for t in doc["timexes"] if t["text"] == "Monday"]
    assert monday and monday[0]["value"].startswith("XXXX")


def test_bad_actors_or_patterns_file_stops_before_anything_is_stored(runner, tmp_path):
    actors = tmp_path / "actors.yaml"
    actors.write_text("- name: Port Authority\n  sector: GOVT\n", encoding="utf-8")
    patterns = tmp_path / "patterns.yaml"
    patterns.write_text("patterns:\n  - id: p1\n    type: HUG\n    lemmas: [hug]\n    example: A hugged B.\n",
                        encoding="utf-8")
    for flag, path, message in (("--actors", actors, "actors.yaml:1"), ("--patterns", patterns, "HUG")):
        db = tmp_path / f"{flag.strip('-')}.db"
        result = runner.invoke(cli, ["ingest", str(db), str(FIXTURES), flag, str(path), "-q", "--workers", "2"])
        assert result.exit_code == 1, result.output
        assert message in result.output and "Traceback" not in result.output
        assert not db.exists() or sqlite3_count(db) == 0


def sqlite3_count(db) -> int:
    import sqlite3

    return sqlite3.connect(db).execute("SELECT count(*) FROM articles").fetchone()[0]
