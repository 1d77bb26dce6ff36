"""Readers, source expansion and bad input: every bad item is an IngestError, good items still come."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest

from newsgraph.errors import NewsgraphError
from newsgraph.ingest import IngestError, RawDocument, iter_articles, read_sources, register_reader
from newsgraph.ingest.base import READERS, reader_for_name

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
PAGE = (FIXTURES / "page.html").read_bytes()


def articles_and_errors(sources, **kwargs):
    items = list(iter_articles([str(s) for s in sources], **kwargs))
    return [i for i in items if not isinstance(i, IngestError)], [i for i in items if isinstance(i, IngestError)]


def make_warc(path: Path, pages: list[tuple[str, bytes, str]], gz: bool = True) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gz)
        for url, body, ctype in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))


def test_text_file_gives_title_and_outlet():
    [article], errors = articles_and_errors([FIXTURES / "roles_article.txt"])
    assert not errors
    assert article.title == "Harbour towns brace for a second winter of ferry cuts"
    assert article.outlet == "The Harbour Ledger"
    assert article.source.endswith("roles_article.txt")


def test_html_page_metadata_and_headings():
    [article], _ = articles_and_errors([FIXTURES / "page.html"])
    assert article.title == "Regional grid operator delays wind farm link"
    assert article.outlet == "Northern Ledger"
    assert article.published == "2025-02-11" and article.published_source == "meta"
    assert article.url == "https://ledger.example.org/energy/grid-delay"
    roles = {article.text[p.start:p.end]: p.role for p in article.paragraphs}
    assert roles["Why is the cable late?"] == "heading"
    assert roles["Cable factory expansion stalls as orders pile up across Europe"] == "related"
    assert roles["Reporting by Ines Carvalho; Editing by Tom Avery"] == "footer"
    assert not any("Politics" in t for t in roles)  # navigation is not article text


def test_jsonl_good_lines_yield_and_bad_lines_are_errors():
    arts, errors = articles_and_errors([FIXTURES / "articles.jsonl"])
    assert [a.source_id for a in arts] == ["wire-001", "wire-002", "wire-004"]
    assert arts[0].source.endswith("articles.jsonl#L1")
    assert arts[0].published == "2025-05-07" and arts[0].published_source == "jsonl"
    assert arts[0].outlet == "Example Wire" and arts[0].url == "https://wire.example.com/001"
    assert arts[2].text.startswith("The city council approved")  # html field
    [error] = errors
    assert error.source.endswith("articles.jsonl#L3") and "line 3: invalid JSON" in error.reason


def test_jsonl_other_malformed_lines(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b'[1, 2]\n{"id": 5}\n\n{"text": "caf\xe9 bytes that are not UTF-8."}\n'
                     b'{"id": 9, "text": "A fine line about a harbour."}\n')
    arts, errors = articles_and_errors([path])
    assert [a.source_id for a in arts] == ["9"]
    reasons = {e.source.rsplit("#", 1)[1]: e.reason for e in errors}
    assert "expected a JSON object" in reasons["L1"]
    assert "no \"text\" or \"html\"" in reasons["L2"]
    assert "not UTF-8" in reasons["L4"]


def test_feed_items():
    arts, errors = articles_and_errors([FIXTURES / "feed.rss"])
    assert not errors
    first, second = arts
    assert first.outlet == "Valley Courier"
    assert first.source_id == "courier-2025-0412" and first.source.endswith("feed.rss#courier-2025-0412")
    assert first.published.startswith("2025-04-12") and first.published_source == "feed"
    assert "retaining wall" in first.text  # full content, not the one-line summary
    roles = {first.text[p.start:p.end]: p.role for p in first.paragraphs}
    assert roles["What changed"] == "heading"
    assert roles["Landslide closes valley rail line for months"] == "related"
    assert "nine on Thursday evenings" in second.text  # summary used when there is no content


def test_warc_records(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    make_warc(path, [("https://ledger.example.org/a", PAGE, "text/html; charset=utf-8"),
                     ("https://ledger.example.org/logo.png", b"\x89PNG\r\n\x1a\n....", "image/png"),
                     ("https://ledger.example.org/b", PAGE.replace(b"eighteen", b"twenty"), "text/html")])
    arts, errors = articles_and_errors([path])
    assert not errors and len(arts) == 2
    assert arts[0].url == "https://ledger.example.org/a"
    assert arts[0].source_id.startswith("urn:uuid:") and arts[0].source == f"{path}#{arts[0].source_id}"
    assert arts[0].published_source == "meta"  # the page's own date beats the capture date


def test_warc_date_used_when_page_has_none(tmp_path):
    body = "".join(f"<p>Paragraph {w} of a page that carries no date at all, only plain words about ferries.</p>"
                   for w in ("one", "two", "three", "four", "five"))
    page = f"<html><head><title>Undated page</title></head><body><article>{body}</article></body></html>".encode()
    path = tmp_path / "plain.warc"
    make_warc(path, [("https://ledger.example.org/a", page, "text/html")], gz=False)
    [article], _ = articles_and_errors([path])
    assert article.published_source == "warc"
    assert article.published.startswith("20")


def test_truncated_warc_gz_yields_records_before_damage(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    pages = [(f"https://ledger.example.org/{i}", PAGE.replace(b"Tuesday", f"day {i}".encode()), "text/html")
             for i in range(3)]
    make_warc(path, pages)
    data = path.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: len(data) - 200])
    arts, errors = articles_and_errors([cut])
    assert len(arts) == 2
    assert len(errors) == 1 and errors[0].source == str(cut) and "truncated gzip" in errors[0].reason


def test_gzipped_html_and_truncated_gzip_text(tmp_path):
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(PAGE))
    good = gzip.compress(b"Title line\nA body sentence about the harbour.\n" * 200)
    (tmp_path / "cut.txt.gz").write_bytes(good[: len(good) // 2])
    arts, errors = articles_and_errors([tmp_path])
    assert [a.title for a in arts] == ["Regional grid operator delays wind farm link"]
    assert len(errors) == 1 and errors[0].source.endswith("cut.txt.gz")
    assert errors[0].reason.startswith("truncated gzip")


def test_bad_files_each_reported(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"  \n\n \t\n")
    (tmp_path / "nul.txt").write_bytes(b"abc\x00\x00\x01\x02def" * 50)
    (tmp_path / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (tmp_path / "nav.html").write_bytes(b"<html><body><nav><a href='/'>Home</a> <a href='/x'>World</a></nav></body></html>")
    (tmp_path / "notes.txt").write_bytes("Caf\u00e9 owners protest \u2014 again\nThe owners said prices rose.\n".encode("cp1252"))
    arts, errors = articles_and_errors([tmp_path])
    reasons = {Path(e.source).name: e.reason for e in errors}
    assert reasons["empty.txt"] == "empty file"
    assert "no text" in reasons["blank.txt"]
    assert "binary content" in reasons["nul.txt"]
    assert "PNG image" in reasons["picture.png"]
    assert reasons["nav.html"].startswith("no article text found")
    [article] = arts
    assert article.title == "Caf\u00e9 owners protest \u2014 again"  # cp1252 decoded, not rejected


def test_latin1_and_utf16_text(tmp_path):
    (tmp_path / "a.txt").write_bytes("Minister Jos\u00e9 P\u00e9rez visits M\u00fcnchen\nHe arrived on Monday.".encode("latin-1"))
    (tmp_path / "b.txt").write_bytes("Utf sixteen title\nA short body line.".encode("utf-16"))
    arts, errors = articles_and_errors([tmp_path])
    assert not errors
    assert [a.title for a in arts] == ["Minister Jos\u00e9 P\u00e9rez visits M\u00fcnchen", "Utf sixteen title"]


def test_huge_text_file_is_refused_without_reading_it_all(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as out:
        chunk = b"The council met again and talked for a long time. " * 20000
        while out.tell() < 50_000_000:
            out.write(chunk)
    arts, errors = articles_and_errors([path])
    assert not arts
    [error] = errors
    assert error.reason.startswith("too large: 5") and "MB limit" in error.reason


def test_missing_paths_and_globs(tmp_path):
    (tmp_path / "one.txt").write_text("First story\nBody of the first story.", encoding="utf-8")
    (tmp_path / "two.txt").write_text("Second story\nBody of the second story.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Hidden\nShould not be read.", encoding="utf-8")
    items = list(read_sources([str(tmp_path / "nope.txt"), str(tmp_path / "*.txt"), str(tmp_path / "*.xyz")]))
    assert isinstance(items[0], IngestError) and items[0].reason == "no such file or directory"
    assert [Path(i.source).name for i in items[1:3]] == ["one.txt", "two.txt"]
    assert isinstance(items[3], IngestError) and "no file matches" in items[3].reason
    assert [Path(i.source).name for i in read_sources([str(tmp_path)])] == ["one.txt", "two.txt"]


def test_directory_is_recursive_and_sorted(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text("A\nText a.", encoding="utf-8")
    (tmp_path / "b" / "c.txt").write_text("C\nText c.", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("X\nText x.", encoding="utf-8")
    assert [Path(i.source).name for i in read_sources([str(tmp_path)])] == ["a.txt", "c.txt"]


def test_stdin_is_sniffed():
    stdin = io.BytesIO(b'{"id": "s1", "text": "Read from standard input today."}\n')
    arts, errors = articles_and_errors(["-"], stdin=stdin)
    assert not errors and arts[0].source == "-#L1" and arts[0].source_id == "s1"
    arts, _ = articles_and_errors(["-"], stdin=io.BytesIO(b"Plain title\nPlain body sentence."))
    assert arts[0].source == "-" and arts[0].title == "Plain title"
    arts, _ = articles_and_errors(["-"], stdin=io.BytesIO(PAGE))
    assert arts[0].outlet == "Northern Ledger"


def test_flags_fill_only_what_is_missing():
    [article], _ = articles_and_errors([FIXTURES / "wrapped.txt"], published="2025-01-20", outlet="Flag Outlet")
    assert (article.published, article.published_source, article.outlet) == ("2025-01-20", "flag", "Flag Outlet")
    [page], _ = articles_and_errors([FIXTURES / "page.html"], published="2025-01-20", outlet="Flag Outlet")
    assert (page.published, page.outlet) == ("2025-02-11", "Northern Ledger")


def test_bad_published_flag_is_a_clear_error():
    with pytest.raises(NewsgraphError, match="--published 'next week' is not a date"):
        iter_articles([str(FIXTURES)], published="next week")


def test_register_reader_by_extension_and_sniff(tmp_path):
    @register_reader("upper-test", extensions=(".shout",), sniff=lambda head: head.startswith(b"SHOUT:"))
    def read_upper(stream, source):
        yield RawDocument(source, stream.read().upper(), {"format": "text"})

    try:
        (tmp_path / "x.shout").write_bytes(b"loud title\nloud body.")
        (tmp_path / "y.dat").write_bytes(b"SHOUT: quiet title\nquiet body.")
        assert reader_for_name("x.shout").name == "upper-test"
        docs = list(read_sources([str(tmp_path)]))
        assert [d.content for d in docs] == [b"LOUD TITLE\nLOUD BODY.", b"SHOUT: QUIET TITLE\nQUIET BODY."]
    finally:
        READERS.pop("upper-test")
