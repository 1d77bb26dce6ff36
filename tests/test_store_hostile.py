"""Store and command-line defects found by hostile testing (issue 14): read-only opens,
foreign databases, concurrent first ingests, WAL left by a killed ingest, date and
alias filters shared by the CLI and the web, and the smaller CLI errors."""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli import cli
from newsgraph.errors import NewsgraphError
from newsgraph.store.db import connect

sys.path.insert(0, str(Path(__file__).parent))
from web_fixture import build_fixture_db  # noqa: E402

PYTHON = sys.executable
READ_COMMANDS = [
    ["summary"], ["articles"], ["entities"], ["events"], ["quotes"], ["timeline"], ["export"],
    ["entity", "Ana Ruiz"],
]


def _state(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


def _run_cli(*args, user: str | None = None, cwd=None) -> subprocess.CompletedProcess:
    cmd = [PYTHON, "-m", "newsgraph", *map(str, args)]
    if user == "nobody":
        cmd = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *cmd]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300, cwd=cwd)


# 1. Read-only commands open the database read-only ---------------------------------------------

@pytest.fixture
def readonly_dir():
    """A directory the test's commands cannot write (as root: run them as nobody)."""
    if os.geteuid() == 0 and not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: cannot make a directory read-only")
    base = Path(tempfile.mkdtemp(prefix="ng-ro-"))
    os.chmod(base, 0o755)
    yield base
    os.chmod(base, 0o755)
    shutil.rmtree(base, ignore_errors=True)


@pytest.mark.parametrize("wal", [False, True], ids=["rollback-journal", "wal"])
def test_query_commands_work_in_a_read_only_directory(readonly_dir, wal):
    db = build_fixture_db(readonly_dir / "news.db")
    if wal:
        connect(db).close()  # an ingest leaves the file in WAL mode
        check = sqlite3.connect(db)
        assert check.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        check.close()
        assert not Path(f"{db}-wal").exists()
    os.chmod(db, 0o644)
    os.chmod(readonly_dir, 0o555)
    before = _state(db)
    user = "nobody" if os.geteuid() == 0 else None
    for command in READ_COMMANDS:
        result = _run_cli(command[0], db, *command[1:], user=user)
        assert result.returncode == 0, (command, result.stderr)
        assert result.stdout.strip()
    assert sorted(os.listdir(readonly_dir)) == ["news.db"]
    assert _state(db) == before


def test_query_commands_use_a_read_only_uri(tmp_path, monkeypatch):
    db = build_fixture_db(tmp_path / "news.db")
    first_id = sqlite3.connect(db).execute("SELECT id FROM articles LIMIT 1").fetchone()[0]
    opened = []
    real = sqlite3.connect

    def spy(target, *args, **kwargs):
        opened.append(str(target))
        return real(target, *args, **kwargs)

    monkeypatch.setattr("newsgraph.store.db.sqlite3.connect", spy)
    runner = CliRunner()
    for command in READ_COMMANDS + [["show", "--no-color"]]:
        args = [command[0], str(db), *command[1:]]
        if command[0] == "show":
            args.insert(2, first_id)
        result = runner.invoke(cli, args)
        assert result.exit_code == 0, (command, result.output)
    assert opened and all("mode=ro" in target for target in opened), opened


def test_query_commands_never_migrate(tmp_path):
    db = build_fixture_db(tmp_path / "news.db")
    old = sqlite3.connect(db)
    old.execute("DELETE FROM _migrations WHERE name = 'm006_event_in_title'")
    old.commit()
    old.close()
    before = _state(db)
    result = CliRunner().invoke(cli, ["summary", str(db)])
    assert result.exit_code != 0 and "older newsgraph" in result.output
    assert _state(db) == before


# 2. Foreign SQLite databases are refused, untouched ---------------------------------------------

@pytest.fixture
def foreign_db(tmp_path):
    path = tmp_path / "inventory.sqlite"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE parts (id INTEGER PRIMARY KEY, name TEXT)")
    db.execute("INSERT INTO parts (name) VALUES ('bolt')")
    db.commit()
    db.close()
    return path


@pytest.mark.parametrize("command", ["summary", "articles", "events", "ingest"])
def test_foreign_database_is_refused_and_untouched(foreign_db, command, tmp_path):
    source = tmp_path / "a.txt"
    source.write_text("Officials met in Madrid on Monday to discuss the harbour.\n")
    before = _state(foreign_db)
    args = [command, str(foreign_db)] + ([str(source), "-q"] if command == "ingest" else [])
    result = CliRunner().invoke(cli, args)
    assert result.exit_code not in (0, None)
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "not a newsgraph database" in lines[0] and str(foreign_db) in lines[0], lines
    assert _state(foreign_db) == before
    assert sorted(os.listdir(tmp_path)) == sorted(["inventory.sqlite", "a.txt"])


def test_foreign_database_refused_by_connect(foreign_db):
    for readonly in (False, True):
        with pytest.raises(NewsgraphError, match="not a newsgraph database"):
            connect(foreign_db, readonly=readonly)


def test_empty_file_or_missing_path_gets_the_schema(tmp_path):
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    for path in (empty, tmp_path / "new.db"):
        connect(path).close()
        tables = {r[0] for r in sqlite3.connect(path).execute("SELECT name FROM sqlite_master")}
        assert {"articles", "_migrations"} <= tables


# 3. Concurrent first opens and ingests --------------------------------------------------------

def _open_after(barrier, path, errors):
    try:
        barrier.wait()
        connect(path).close()
    except Exception as exc:  # noqa: BLE001 - reported to the parent
        errors.put(f"{type(exc).__name__}: {exc}")


def test_concurrent_first_opens_migrate_once(tmp_path):
    ctx = multiprocessing.get_context("spawn")
    for trial in range(6):
        path = tmp_path / f"race{trial}.db"
        barrier, errors = ctx.Barrier(6), ctx.Queue()
        procs = [ctx.Process(target=_open_after, args=(barrier, path, errors)) for _ in range(6)]
        for p in procs:
            p.start()
        for p in procs:
            p.join(120)
        failures = []
        while not errors.empty():
            failures.append(errors.get())
        assert not failures and all(p.exitcode == 0 for p in procs), failures
        names = [r[0] for r in sqlite3.connect(path).execute("SELECT name FROM _migrations")]
        assert len(names) == len(set(names)) == 6


@pytest.mark.slow
def test_two_ingests_into_a_new_database_both_land(tmp_path):
    db = tmp_path / "new.db"
    files = []
    for side in ("a", "b"):
        path = tmp_path / f"{side}.jsonl"
        path.write_text("".join(json.dumps({
            "id": f"{side}-{i}", "title": f"Report {side} {i}",
            "text": f"Officials in district {side}{i} met on Monday to discuss harbour repairs number {i}.",
            "published": "2024-06-03"}) + "\n" for i in range(5)))
        files.append(path)
    procs = [subprocess.Popen([PYTHON, "-m", "newsgraph", "ingest", str(db), str(f), "-q", "--components", "none"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for f in files]
    outputs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    titles = [r[0] for r in sqlite3.connect(db).execute("SELECT title FROM articles")]
    assert sorted(titles) == sorted(f"Report {s} {i}" for s in "ab" for i in range(5))


# 4. serve sees rows left in the -wal file by a killed ingest ----------------------------------

KILLED_WRITER = """
import os, sqlite3, sys
sys.path.insert(0, {tests!r})
import web_fixture
real = sqlite3.connect
class NoClose(sqlite3.Connection):
    def close(self):                 # a kill -9: nothing is checkpointed or closed
        pass
def wal_connect(*args, **kwargs):
    db = real(*args, factory=NoClose, **kwargs)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA wal_autocheckpoint = 0")
    return db
web_fixture.sqlite3.connect = wal_connect
web_fixture.build_fixture_db({path!r})
os._exit(0)
"""


def _killed_ingest(path: Path) -> None:
    script = KILLED_WRITER.format(tests=str(Path(__file__).parent), path=str(path))
    subprocess.run([PYTHON, "-c", script], check=True, timeout=120)
    assert Path(f"{path}-wal").stat().st_size > 0


def _overview(ds) -> dict:
    import asyncio

    return asyncio.run(ds.client.get("/-/newsgraph.json")).json()


def test_serve_sees_rows_committed_to_the_wal(tmp_path):
    from newsgraph.web.serve import make_datasette, open_mode

    db = tmp_path / "killed.db"
    _killed_ingest(db)
    assert open_mode(db) == (True, None)  # checkpointed, so the immutable open is complete
    assert not Path(f"{db}-wal").exists() or Path(f"{db}-wal").stat().st_size == 0
    data = _overview(make_datasette(db))
    assert data.get("ok", True) is not False, data
    assert "not a newsgraph database" not in json.dumps(data)
    assert sqlite3.connect(db).execute("SELECT count(*) FROM articles").fetchone()[0] >= 1


def test_serve_falls_back_to_mode_ro_when_it_cannot_checkpoint(tmp_path, monkeypatch):
    from newsgraph.web import serve

    db = tmp_path / "killed.db"
    _killed_ingest(db)
    monkeypatch.setattr(serve.os, "access", lambda *a, **k: False)  # as in a read-only directory
    notes = []
    ds = serve.make_datasette(db, on_note=notes.append)
    assert ds.newsgraph_immutable is False and len(notes) == 1 and "mode=ro" in notes[0]
    data = _overview(ds)
    assert "not a newsgraph database" not in json.dumps(data), data


# 7. serve's own errors: one line, before "serving at" ------------------------------------------

def test_serve_port_in_use_is_one_clear_error(tmp_path):
    import socket

    db = build_fixture_db(tmp_path / "news.db")
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen(1)
    port = taken.getsockname()[1]
    try:
        result = _run_cli("serve", db, "--port", port)
    finally:
        taken.close()
    assert result.returncode != 0
    assert "serving" not in result.stdout
    lines = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
    assert len(lines) == 1 and "in use" in lines[0], lines


@pytest.mark.parametrize("content", [b"", b"not sqlite at all" * 100, None], ids=["empty", "junk", "foreign"])
def test_serve_on_a_non_database_is_one_error_line(tmp_path, content):
    path = tmp_path / "other.db"
    if content is None:
        other = sqlite3.connect(path)
        other.execute("CREATE TABLE t (x)")
        other.commit()
        other.close()
    else:
        path.write_bytes(content)
    result = _run_cli("serve", path, "--port", "0")
    assert result.returncode != 0
    lines = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
    assert len(lines) == 1 and str(path) in lines[0], lines


# 5. Week and partial dates compare as day ranges ---------------------------------------------

@pytest.fixture
def dated_db(tmp_path):
    """The web fixture with a week-, a month- and a year-dated event."""
    db = build_fixture_db(tmp_path / "news.db")
    conn = sqlite3.connect(db)
    conn.execute("UPDATE events SET date = '2024-W02', date_precision = 'week' WHERE id = 'art-grain-e0'")
    conn.execute("UPDATE events SET date = '2024-W3', date_precision = 'week' WHERE id = 'art-march-e0'")
    conn.execute("UPDATE events SET date = '2024-06', date_precision = 'month' WHERE id = 'art-grain-e1'")
    conn.commit()
    conn.close()
    return db


def _cli_json(*args) -> list[dict]:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_day_ranges_of_every_precision():
    from newsgraph.store.dates import day_range, period_key

    assert day_range("2024-W02") == ("2024-01-08", "2024-01-14")
    assert day_range("2024-W3") == ("2024-01-15", "2024-01-21")
    assert day_range("2025-W01") == ("2024-12-30", "2025-01-05")
    assert day_range("2024-02") == ("2024-02-01", "2024-02-29")
    assert day_range("2024") == ("2024-01-01", "2024-12-31")
    assert day_range("2024-Q2") == ("2024-04-01", "2024-06-30")
    assert day_range("2024-H2") == ("2024-07-01", "2024-12-31")
    assert day_range("2024-WI") == ("2024-12-01", "2025-02-28")
    assert day_range("2024-06-19T14:00") == ("2024-06-19", "2024-06-19")
    assert day_range("2024-13-45") is None and day_range("PRESENT_REF") is None
    assert sorted(["2024-12", "2024-W3", "2024-06", "2024-W02"], key=period_key) == \
        ["2024-W02", "2024-W3", "2024-06", "2024-12"]


def test_sql_day_ranges_agree_with_python():
    from newsgraph.store.dates import day_range, sql_end_day, sql_start_day

    values = ["2024-W02", "2024-W3", "2025-W01", "2020-W53", "2024-02", "2023-02", "2024", "2024-Q1", "2024-Q4",
              "2024-H1", "2024-H2", "2024-SP", "2024-SU", "2024-FA", "2024-WI", "2024-06-19", "2024-06-19T10:00",
              "2024-W02-WE", "PRESENT_REF", None]
    conn = sqlite3.connect(":memory:")
    for value in values:
        got = conn.execute(f"SELECT {sql_start_day('?1')}, {sql_end_day('?1')}", (value,)).fetchone()
        want = day_range(value) or (None, None)
        assert tuple(got) == tuple(want), value


def test_since_and_until_compare_day_ranges(dated_db):
    dates = lambda rows: sorted(r["date"] for r in rows)  # noqa: E731
    assert dates(_cli_json("events", dated_db, "--since", "2024-06-01")) == ["2024-06", "2024-06-20"]
    assert dates(_cli_json("events", dated_db, "--until", "2024-01-31")) == ["2023-11-01", "2024-W02", "2024-W3"]
    assert dates(_cli_json("events", dated_db, "--since", "2024-W03", "--until", "2024-W03")) == ["2024-W3"]
    assert dates(_cli_json("events", dated_db, "--since", "2024-06-15", "--until", "2024-06-15")) == ["2024-06"]
    ordered = [r["date"] for r in _cli_json("events", dated_db, "--order", "oldest")]
    assert ordered == ["2023-11-01", "2024-W02", "2024-W3", "2024-06", "2024-06-20"]
    newest = [r["date"] for r in _cli_json("events", dated_db)]  # the default since issue 15
    assert newest == ["2024-06-20", "2024-06", "2024-W3", "2024-W02", "2023-11-01"]
    timeline = [r["date"] for r in _cli_json("timeline", dated_db, "--since", "2024-01-10", "--until", "2024-06-30")]
    assert "2024-W02" in timeline and "2024-03-05" in timeline
    from newsgraph.store.dates import period_key

    assert timeline == sorted(timeline, key=period_key)


def test_web_date_filter_matches_the_cli(dated_db):
    import asyncio

    from newsgraph.web.serve import make_datasette

    ds = make_datasette(dated_db)
    for query, cli_args in ((("start", "2024-06-01"),), ["--since", "2024-06-01"]), \
                           ((("end", "2024-01-31"),), ["--until", "2024-01-31"]):
        qs = "&".join(f"{k}={v}" for k, v in query)
        web = asyncio.run(ds.client.get(f"/-/newsgraph/timeline.json?{qs}&noquotes=1&all_dates=1")).json()
        assert sorted(e["id"] for e in web["events"]) == sorted(r["id"] for r in _cli_json("events", dated_db, *cli_args))


# 6. One event filter for the CLI and the web: aliases, ids, flags ------------------------------

@pytest.mark.parametrize("query", [
    {"actor": "Ruiz"}, {"actor": "Madrid"}, {"actor": "ent-idrissi"}, {"recipient": "Rabat"},
    {"actor": "ana ruiz", "hypothetical": True}, {"actor": "Madrid", "negated": True},
    {"country": "mar"}, {"type": "verbal_cooperation"}, {"type": "consult"},
])
def test_cli_and_web_event_filters_agree(query):
    import asyncio
    import tempfile as tf

    from newsgraph.web.serve import make_datasette

    with tf.TemporaryDirectory() as tmp:
        db = build_fixture_db(Path(tmp) / "news.db")
        ds = make_datasette(db)
        qs = "&".join(f"{k}={'1' if v is True else v}" for k, v in query.items())
        web = asyncio.run(ds.client.get(f"/-/newsgraph/timeline.json?{qs}&noquotes=1&all_dates=1")).json()
        web_ids = sorted(e["id"] for e in web["events"])
        assert not web["warnings"]
        args = ["events", str(db)]
        for key in ("actor", "recipient", "country", "type"):
            if key in query:
                args += [f"--{key}", query[key]]
        if query.get("hypothetical") or query.get("negated"):
            # the CLI's one flag shows every modality: compare with the shared builder directly
            from newsgraph.store.filters import EventFilter

            conn = connect(db, readonly=True)
            where, params = EventFilter(**{k: v for k, v in query.items()}).where("e")
            direct = sorted(r[0] for r in conn.execute(f"SELECT e.id FROM events e WHERE {' AND '.join(where)}",
                                                       params))
            assert web_ids == direct and web_ids
            return
        cli_ids = sorted(r["id"] for r in _cli_json(*args))
        assert web_ids == cli_ids and web_ids, (web_ids, cli_ids)


def test_alias_filter_finds_events_on_the_web():
    import asyncio
    import tempfile as tf

    from newsgraph.web.serve import make_datasette

    with tf.TemporaryDirectory() as tmp:
        ds = make_datasette(build_fixture_db(Path(tmp) / "news.db"))
        for path in ("/-/newsgraph/timeline.json?actor=Ruiz&all_dates=1", "/-/newsgraph/network.json?actor=Madrid"):
            text = json.dumps(asyncio.run(ds.client.get(path)).json())
            assert "art-hostile-e0" in text or "art-grain-e0" in text or "Morocco" in text, text[:500]


# 7. Smaller CLI errors -----------------------------------------------------------------------

@pytest.mark.parametrize("args, words", [
    (["events", "--type", "BOGUS"], "unknown event type"),
    (["events", "--since", "2024-13-45"], "not a real date"),
    (["events", "--until", "yesterday"], "not a date"),
    (["quotes", "--since", "2024-02-30"], "not a real date"),
    (["timeline", "--until", "2024-W60"], "not a real date"),
])
def test_bad_filters_are_usage_errors(tmp_path, args, words):
    db = build_fixture_db(tmp_path / "news.db")
    result = CliRunner().invoke(cli, [args[0], str(db), *args[1:]])
    assert result.exit_code == 2 and words in result.output, result.output
    assert "Traceback" not in result.output


def test_show_says_an_id_prefix_is_ambiguous(tmp_path):
    db = build_fixture_db(tmp_path / "news.db")
    result = CliRunner().invoke(cli, ["show", str(db), "art-"])
    assert result.exit_code == 1
    assert "ambiguous" in result.output and "art-grain" in result.output
    result = CliRunner().invoke(cli, ["show", str(db), "zzz"])
    assert result.exit_code == 1 and "no article" in result.output
    result = CliRunner().invoke(cli, ["show", str(db), "art-gr", "--no-color"])
    assert result.exit_code == 0, result.output


def test_max_bytes_raises_and_lowers_the_input_limit(tmp_path):
    from newsgraph.ingest.sources import input_limits, read_sources
    from newsgraph.ingest import IngestError

    big = tmp_path / "big.txt"
    big.write_text(("The harbour authority met on Monday to discuss repairs. " * 9) + "\n" * 1, encoding="utf-8")
    with big.open("a", encoding="utf-8") as out:
        out.write(("Officials said the works would take two years to finish in full.\n\n" * 140_000))
    assert big.stat().st_size > 8_000_000
    assert isinstance(next(iter(read_sources([str(big)]))), IngestError)  # the default: 8 MB
    with input_limits(12_000_000):
        assert not isinstance(next(iter(read_sources([str(big)]))), IngestError)
    assert isinstance(next(iter(read_sources([str(big)]))), IngestError)  # restored after the run

    small = tmp_path / "small.txt"
    small.write_text("Officials in Madrid met on Monday to discuss the harbour repairs. " * 40, encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path / "x.db"), str(small), "-q", "--components", "none",
                                      "--max-bytes", "1000"])
    assert result.exit_code == 1 and "too large" in result.output, result.output
    help_text = CliRunner().invoke(cli, ["ingest", "--help"]).output
    assert "--max-bytes" in help_text and "8000000" in help_text
