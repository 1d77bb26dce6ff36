"""Reliability: a corpus of bad inputs, property-based tests of normalisation and the
readers, and kill -9 at random points during an ingest.

Figures and the command are in BENCHMARKS.md ("Reliability").
"""

from __future__ import annotations

import gzip
import io
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.ingest import IngestError, RawDocument, normalize
from newsgraph.ingest.base import MAX_TEXT_BYTES, READERS
from newsgraph.errors import BadInput

BAD_INPUTS = Path(__file__).parent / "fixtures" / "bad_inputs"

GOOD_TEXT = ("{title}\n\nOfficials in {place} said on Monday that talks on the new water agreement "
             "would resume next week, after both delegations asked for more time to consult experts.\n")
GOOD_PLACES = ["Lisbon", "Warsaw", "Nairobi", "Lima", "Hanoi"]


def _warc(pages: list[tuple[str, bytes]]) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for url, body in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.0")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                      http_headers=headers))
    return out.getvalue()


def _page(title: str, body: str) -> bytes:
    paras = "".join(f"<p>{body} Paragraph {i} adds detail on what was agreed and what was not.</p>" for i in range(3))
    return f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{paras}</article></body></html>".encode()


def build_corpus(root: Path) -> Path:
    """The bad-input corpus (fixtures + generated) and the good items, in one directory."""
    root.mkdir(parents=True, exist_ok=True)
    for f in BAD_INPUTS.iterdir():
        if f.name != "README.md":
            shutil.copy(f, root / f.name)
    rng = random.Random(14)
    # good items: plain text files
    for i, place in enumerate(GOOD_PLACES):
        (root / f"good_{i}.txt").write_text(GOOD_TEXT.format(title=f"Water talks in {place} resume", place=place))
    # generated bad inputs
    (root / "empty.txt").write_bytes(b"")
    (root / "binary.bin").write_bytes(bytes(rng.randrange(256) for _ in range(4096)))
    (root / "zeros.txt").write_bytes(b"\x00" * 2048)
    page = _page("Harbour cranes replaced", "Port authorities replaced four cranes this week.")
    whole = gzip.compress(page * 40)
    (root / "truncated.html.gz").write_bytes(whole[: len(whole) // 2])
    (root / "not_really.gz").write_bytes(b"\x1f\x8b\x08\x00garbage after a gzip magic")
    warc = _warc([("https://example.org/a", _page("Rail line reopens in the north", "The rail line reopened.")),
                  ("https://example.org/b", _page("Second record is cut short", "This record is cut."))])
    first_end = len(_warc([("https://example.org/a", _page("Rail line reopens in the north",
                                                            "The rail line reopened."))]))
    (root / "truncated.warc.gz").write_bytes(warc[: first_end + (len(warc) - first_end) // 2])
    (root / "junk.warc").write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 999999\r\n\r\nshort")
    (root / "huge.txt").write_bytes(b"A line of filler text for a huge file.\n" * (MAX_TEXT_BYTES // 39 + 10))
    nested = "<div>" * 3000 + "<p>" + "Deeply nested words about a harbour strike. " * 20 + "</p>" + "</div>" * 3000
    (root / "deep.html").write_text(f"<html><head><title>Deep</title></head><body>{nested}</body></html>")
    (root / "utf16_no_bom.txt").write_bytes(GOOD_TEXT.format(title="Utf sixteen without a mark",
                                                             place="Quito").encode("utf-16-le"))
    (root / "cp1252_claims_utf8.html").write_bytes(
        b'<html><head><meta charset="utf-8"><title>Caf\xe9 prices rise</title></head><body><article>'
        + b"<p>Prices in caf\xe9s rose by a tenth \x96 the statistics office said on Monday, citing higher "
        b"costs for coffee, milk and rent across the country.</p>" * 3 + b"</article></body></html>")
    return root


#: Outcome expected for each input file (or JSONL line / WARC record): stored articles by
#: source_id or title, and error sources (path suffix) with a reason pattern.
EXPECTED_STORED_TITLES = {f"Water talks in {p} resume" for p in GOOD_PLACES} | {
    "Port workers end strike after pay deal", "Council approves new budget for schools",
    "Flooding closes roads in the valley", "Airport reopens after storm",
    "Rail line reopens in the north",
}
EXPECTED_ERRORS = {
    "empty.txt": r"empty",
    "binary.bin": r"binary|not text|not a",
    "zeros.txt": r"binary|not text|empty|no text",
    "truncated.html.gz": r"truncated|gzip|damaged|corrupt",
    "not_really.gz": r"gzip|damaged|corrupt|truncated|not",
    "truncated.warc.gz": r"truncated|damaged",
    "junk.warc": r"truncated|damaged|WARC",
    "huge.txt": r"too large",
    "nav_only.html": r"no article text",
    "report.html": r"not an HTML file|pdf|PDF",
    "malformed.jsonl#L2": r"invalid JSON",
    "malformed.jsonl#L3": r"expected a JSON object",
    "malformed.jsonl#L4": r"no \"text\"",
    "malformed.jsonl#L5": r"no \"text\"",
    "malformed.jsonl#L6": r"no \"text\"",
    "malformed.jsonl#L7": r"invalid JSON",
    "latin1_line.jsonl#L1": r"not UTF-8",
    "truncated.rss#item1": r"no text",
    "utf16_no_bom.txt": r"binary|not a text",
    # a text file with NUL bytes is taken for binary; control_chars.jsonl has the same
    # characters escaped in JSON, and is stored without them
    "control_chars.txt": r"binary|not a text",
    # lxml gives up on 3000 nested elements: refused with a reason, not a crash
    "deep.html": r"no article text|too deep|nested",
}


# --- (a) the bad-input corpus, in one run of the CLI ------------------------------------

C0 = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@pytest.mark.slow
def test_bad_input_corpus_in_one_run(tmp_path):
    from click.testing import CliRunner

    from newsgraph.cli import cli

    corpus = build_corpus(tmp_path / "in")
    db = tmp_path / "bad.db"
    started = time.monotonic()
    result = CliRunner().invoke(cli, ["ingest", str(db), str(corpus), "-q", "--published", "2024-03-01"])
    seconds = time.monotonic() - started
    # 0 crashes: the run ends with the "some items failed" status, not a traceback
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
    summary = json.loads(result.output.strip().splitlines()[-1])

    con = sqlite3.connect(db)
    articles = con.execute("SELECT source, title, text, language, url FROM articles").fetchall()
    errors = con.execute("SELECT source, reason FROM ingest_errors").fetchall()
    assert summary["new"] == len(articles) and summary["errors"] == len(errors)
    # 8 good items + 8 odd but good (hostile metadata, French, Latin-1, control characters); 21 bad
    assert (len(articles), len(errors), summary["not_english"]) == (16, 21, 1)

    # every good item stored
    titles = {title for _, title, _, _, _ in articles}
    assert EXPECTED_STORED_TITLES <= titles
    # every bad one a one-line error with its path and reason
    for source, reason in errors:
        assert source.startswith(str(corpus) + os.sep), source
        assert reason.strip() and "\n" not in reason and "Traceback" not in reason, reason
    by_name = {os.path.relpath(source, corpus): reason for source, reason in errors}
    for name, pattern in EXPECTED_ERRORS.items():
        assert name in by_name, f"{name}: no error recorded (errors: {sorted(by_name)})"
        assert re.search(pattern, by_name[name]), (name, by_name[name])
    # every input file ends as an article or an error: nothing is dropped silently
    accounted = {os.path.relpath(s, corpus).split("#")[0] for s, *_ in articles} | {
        n.split("#")[0] for n in by_name}
    assert accounted == {f.name for f in corpus.iterdir()}

    # the oddities that are still good articles
    rows = {title: (source, text, language, url) for source, title, text, language, url in articles}
    assert rows["Flooding closes roads in the valley"][3] == "javascript:alert(3)"  # kept as data ...
    from newsgraph.web.validate import http_url

    assert http_url("javascript:alert(3)") is None  # ... and never made a link by the web UI
    assert http_url(rows["Airport reopens after storm"][3]) is None
    assert "<script>alert(1)</script><b>Minister</b> resigns" in titles  # stored verbatim, escaped on output
    french = [r for r in rows.values() if r[0].endswith("french.txt")]
    assert french and french[0][2] == "fr"
    for source, _, text, _, _ in articles:
        assert not C0.search(text), source  # control characters never reach the stored text
    assert any("Café owners" in t for t in titles)  # latin-1 decoded
    assert seconds < 60


# --- (b) property-based: normalisation and the readers ----------------------------------

def _check_article(article, raw_text_kind: str) -> None:
    text = article.text
    assert article.paragraphs, raw_text_kind
    assert "\n".join(text[p.start:p.end] for p in article.paragraphs) == text
    previous_end = -1
    for i, p in enumerate(article.paragraphs):
        assert p.idx == i
        assert 0 <= p.start <= p.end <= len(text)
        assert p.start == previous_end + 1  # contiguous, one "\n" apart
        assert "\n" not in text[p.start:p.end] and text[p.start:p.end].strip()
        previous_end = p.end
    assert previous_end == len(text)
    assert not C0.search(text)


#: Text with the characters that break parsers: line and paragraph separators, controls,
#: markup, combining marks, surrogates-free astral characters.
_TRICKY = st.sampled_from(["\n", "\r\n", "\r", "\u2028", "\u2029", "\x85", "\x00", "\x0c", "\t", " ", "  ",
                           "<p>", "</p>", "&amp;", "&#0;", "\ufeff", "\u200b", "e\u0301", "ﬁ", "𝔘", "—", "\"", "«"])
_WORDS = st.sampled_from(["The", "minister", "said", "on", "Monday", "talks", "would", "resume", ".", ",",
                          "Café", "Москва", "#", "*", "-", "1.", "Reuters", "(AP)", "LONDON", "—"])
TEXTS = st.lists(st.one_of(_WORDS, _TRICKY, st.text(max_size=8)), max_size=60).map(" ".join)
FAST = settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)


@FAST
@given(text=TEXTS, titled=st.booleans(), markdown=st.booleans())
def test_normalise_text_offsets_index_the_stored_text(text, titled, markdown):
    hints = {"format": "text"}
    if not titled:
        hints["first_line_title"] = False
    if markdown:
        hints["markup"] = "markdown"
    try:
        article = normalize(RawDocument("prop.txt", text, hints))
    except BadInput:
        return
    _check_article(article, "text")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)
@given(parts=st.lists(st.tuples(st.sampled_from(["p", "div", "h1", "li", "figcaption", "footer", "script", "nav"]),
                                TEXTS), max_size=12), fragment=st.booleans())
def test_normalise_html_offsets_index_the_stored_text(parts, fragment):
    from html import escape

    body = "".join(f"<{tag}>{escape(text)}</{tag}>" for tag, text in parts)
    html = body if fragment else f"<html><head><title>T</title></head><body><article>{body}</article></body></html>"
    try:
        article = normalize(RawDocument("prop.html", html, {"format": "html", "html_fragment": fragment}))
    except BadInput:
        return
    _check_article(article, "html")


def _seeds():
    """Beginnings of valid inputs of every format, for the byte-level fuzzing to mutate."""
    warc = _warc([("https://example.org/x", _page("A page", "Some words here."))])
    return [b"", b"{\"text\": \"x\"}\n", b"<?xml version=\"1.0\"?><rss><channel><item>", b"<html><body><p>",
            warc[:200], gzip.compress(b"hello"), b"WARC/1.0\r\n", b"\xef\xbb\xbfplain"]


BYTES = st.one_of(st.binary(max_size=2000),
                  st.tuples(st.sampled_from(_seeds()), st.binary(max_size=400)).map(lambda t: t[0] + t[1]))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)
@given(data=BYTES, reader=st.sampled_from(sorted(READERS)))
def test_no_exception_escapes_a_reader(data, reader):
    items = list(READERS[reader].read(io.BufferedReader(io.BytesIO(data)), "fuzz"))
    for item in items:
        assert isinstance(item, (RawDocument, IngestError))
        if isinstance(item, IngestError):
            assert item.reason and "\n" not in item.reason


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)
@given(data=BYTES, name=st.sampled_from(["x.txt", "x.html", "x.jsonl", "x.warc.gz", "x.rss", "x.gz", "x.md", "x"]))
def test_no_exception_escapes_sources_and_normalisation(tmp_path_factory, data, name):
    from newsgraph.ingest import iter_articles

    folder = tmp_path_factory.mktemp("fuzz")
    (folder / name).write_bytes(data)
    for item in iter_articles([str(folder / name)]):
        if isinstance(item, IngestError):
            assert item.reason and "\n" not in item.reason
        else:
            _check_article(item, name)


# --- (c) kill -9 at random points during an ingest -------------------------------------

KILL_TRIALS = 10
KILL_SEED = 14


def _kill_corpus(path: Path, n: int) -> set[str]:
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            place = GOOD_PLACES[i % len(GOOD_PLACES)]
            out.write(json.dumps({
                "id": f"doc-{i}", "title": f"Envoys from {place} meet in round {i}", "outlet": "Test Wire",
                "published": f"2024-04-{1 + i % 28:02d}",
                "text": (f"Envoys from {place} met trade officials on Monday for round {i}, the ministry said. "
                         f"\"We will return in {2020 + i % 5},\" said envoy Ana Ruiz of {place}.")}) + "\n")
    return {f"doc-{i}" for i in range(n)}


def _check_database(db: Path) -> set[str]:
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        n = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        assert con.execute("SELECT count(*) FROM articles_fts_docsize").fetchone()[0] == n
        con.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
        ids = [r[0] for r in con.execute("SELECT source_id FROM articles")]
        assert len(ids) == len(set(ids)) == n  # nothing twice
        orphans = con.execute("SELECT count(*) FROM articles a WHERE NOT EXISTS "
                              "(SELECT 1 FROM paragraphs p WHERE p.article_id = a.id)").fetchone()[0]
        assert orphans == 0  # nothing half-written
        return set(ids)
    finally:
        con.close()


def _stored(db: Path) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.1)  # never creates the file
        try:
            return con.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


@pytest.mark.slow
def test_kill_9_at_random_points_then_rerun(tmp_path):
    """Each trial is a rerun of the run the previous trial killed; it is killed in turn,
    after a random number of newly stored articles (0: during start-up, schema creation
    or the first batch). After every kill the database is checked; a last rerun must
    then store exactly the input's article set."""
    rng = random.Random(KILL_SEED)
    n = 150
    corpus = tmp_path / "kill.jsonl"
    expected = _kill_corpus(corpus, n)
    db = tmp_path / "kill.db"
    cmd = [sys.executable, "-m", "newsgraph", "ingest", str(db), str(corpus), "-q", "--batch-size", "2"]
    killed_at = []
    for trial in range(KILL_TRIALS):
        before = _stored(db)
        target = before + rng.choice([0, rng.randint(1, 12)])
        delay = rng.uniform(0.0, 4.0)
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        if target == before:
            time.sleep(delay)  # a random moment of start-up or the first writes
        else:
            while proc.poll() is None and _stored(db) < target and time.monotonic() < deadline:
                time.sleep(0.01)
        assert proc.poll() is None, f"trial {trial}: the run ended before it was killed"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        killed_at.append(_stored(db) - before)
        if db.exists():
            assert _check_database(db) <= expected
    assert _stored(db) < n, "every trial should kill an unfinished run"
    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    summary = json.loads(rerun.stdout)
    assert summary["new"] + summary["already_present"] == n
    assert _check_database(db) == expected
    print(f"kill -9 trials: {KILL_TRIALS}, new articles stored before each kill: {killed_at}")


# --- disk full ------------------------------------------------------------------------

@pytest.mark.slow
def test_disk_full_gives_a_clear_error_and_a_usable_database(tmp_path, monkeypatch):
    """SQLite's ``max_page_count`` stands in for a full disk: the run stops with one
    line naming the cause, the database stays consistent, and a rerun with room finishes."""
    from click.testing import CliRunner

    import newsgraph.ingestion
    from newsgraph.cli import cli
    from newsgraph.store.db import connect

    n = 60
    corpus = tmp_path / "full.jsonl"
    expected = _kill_corpus(corpus, n)
    db = tmp_path / "full.db"
    connect(db).close()  # the schema, before the limit
    pages = sqlite3.connect(db).execute("PRAGMA page_count").fetchone()[0]

    def small_disk(path, *args, **kwargs):
        con = connect(path, *args, **kwargs)
        con.execute(f"PRAGMA max_page_count = {pages + 12}")
        return con

    monkeypatch.setattr(newsgraph.ingestion, "connect", small_disk)
    result = CliRunner().invoke(cli, ["ingest", str(db), str(corpus), "-q", "--batch-size", "4"])
    assert result.exit_code != 0
    message = result.output.strip().splitlines()[-1]
    assert re.search(r"disk is full|database or disk is full", message), message
    assert "Traceback" not in result.output
    partial = _check_database(db)
    assert partial < expected
    print(f"disk full: {len(partial)} of {n} articles stored before the limit; {message}")

    monkeypatch.setattr(newsgraph.ingestion, "connect", connect)
    result = CliRunner().invoke(cli, ["ingest", str(db), str(corpus), "-q", "--batch-size", "4"])
    assert result.exit_code == 0, result.output
    assert _check_database(db) == expected


# --- concurrent ingests ---------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("existing", [False, True], ids=["new-db", "existing-db"])
def test_four_concurrent_ingests_store_every_article_once(tmp_path, existing):
    """Four ingests of overlapping halves of one corpus at once, into a new database
    (they race on creating the schema) or an existing one: every article exactly once."""
    n = 40
    corpus = tmp_path / "all.jsonl"
    expected = _kill_corpus(corpus, n)
    lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)
    parts = []
    for i in range(4):  # each run gets half the corpus, so every article comes from two runs
        part = tmp_path / f"part{i}.jsonl"
        part.write_text("".join((lines + lines)[i * n // 4: i * n // 4 + n // 2]), encoding="utf-8")
        parts.append(part)
    db = tmp_path / "race.db"
    if existing:
        from newsgraph.store.db import connect

        connect(db).close()
    procs = [subprocess.Popen([sys.executable, "-m", "newsgraph", "ingest", str(db), str(p), "-q",
                               "--components", "none", "--batch-size", "5"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for p in parts]
    outs = [p.communicate(timeout=180) for p in procs]
    for p, (out, err) in zip(procs, outs):
        assert p.returncode == 0, err
    summaries = [json.loads(out) for out, _ in outs]
    assert sum(s["new"] for s in summaries) == n
    # (an article another run stored between this run's check and its write is counted
    # neither new nor already present: the summaries' totals fall short of 2 * n)
    assert _check_database(db) == expected
