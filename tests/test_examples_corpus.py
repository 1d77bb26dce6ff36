"""The example corpus is the demo and a fixture for every stage: keep it well formed.

These tests check the files themselves (not newsgraph's readers): every format parses
with its reference library, the WARC is reproducible from its script, and every fact
listed in examples/expectations.json can actually be found in the article it names.
"""

from __future__ import annotations

import html
import importlib.util
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
CORPUS = EXAMPLES / "corpus"
EXPECTATIONS = json.loads((EXAMPLES / "expectations.json").read_text(encoding="utf-8"))


class _TextOnly(HTMLParser):
    """Visible text of an HTML fragment, ignoring script/style contents."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in ("p", "h1", "h2", "h3", "li", "figcaption", "div", "br"):
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def html_text(markup: str) -> str:
    parser = _TextOnly()
    parser.feed(markup)
    return re.sub(r"[ \t]+", " ", "".join(parser.parts))


def jsonl_records() -> list[dict]:
    lines = (CORPUS / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def feed_entries():
    feedparser = pytest.importorskip("feedparser")
    return feedparser.parse(str(CORPUS / "feed.xml"))


def warc_html_pages() -> dict[str, str]:
    archive = pytest.importorskip("warcio.archiveiterator")
    pages = {}
    with open(CORPUS / "warc" / "pages.warc.gz", "rb") as stream:
        for record in archive.ArchiveIterator(stream):
            if record.rec_type != "response":
                continue
            content_type = record.http_headers.get_header("Content-Type") or ""
            body = record.content_stream().read()
            if content_type.startswith("text/html"):
                pages[record.rec_headers.get_header("WARC-Target-URI")] = body.decode("utf-8")
    return pages


def document_text(doc: dict) -> str:
    """The article text a reader should recover for one expectations entry."""
    path = doc["file"]
    if path.startswith("txt/"):
        return (CORPUS / path).read_text(encoding="utf-8")
    if path.startswith("html/"):
        return html_text((CORPUS / path).read_text(encoding="utf-8"))
    if path == "articles.jsonl":
        record = next(r for r in jsonl_records() if r["id"] == doc["source_id"])
        return record.get("text") or html_text(record["html"])
    if path == "feed.xml":
        entry = next(e for e in feed_entries().entries if e.id == doc["source_id"])
        return html_text(entry.content[0].value)
    if path.startswith("warc/"):
        return html_text(warc_html_pages()[doc["url"]])
    raise AssertionError(f"unknown file kind {path}")


def test_jsonl_records_follow_the_reader_contract():
    records = jsonl_records()
    assert len(records) == 6
    assert len({r["id"] for r in records}) == len(records)
    for record in records:
        assert {"id", "title", "published", "url", "outlet"} <= set(record), record["id"]
        assert ("text" in record) != ("html" in record), record["id"]
        assert re.fullmatch(r"2024-\d\d-\d\d", record["published"]), record["id"]
    assert sum("html" in r for r in records) == 1


def test_feed_has_three_full_text_items():
    parsed = feed_entries()
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.feed.title == "Harbour Line Daily"
    assert len(parsed.entries) == 3
    for entry in parsed.entries:
        assert entry.id and entry.published_parsed
        assert len(html_text(entry.content[0].value).split()) >= 150, entry.id


def test_warc_reads_back_and_is_reproducible():
    pages = warc_html_pages()
    assert len(pages) == 3
    spec = importlib.util.spec_from_file_location("build_warc", EXAMPLES / "build_warc.py")
    build_warc = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build_warc)
    assert build_warc.build() == (CORPUS / "warc" / "pages.warc.gz").read_bytes(), (
        "stale WARC: run python examples/build_warc.py"
    )
    sources = {name for name, _, _ in build_warc.PAGES}
    assert not sources & {p.name for p in (CORPUS / "html").glob("*.html")}, "WARC pages must not repeat html/"


def test_txt_files_start_with_a_title_line():
    for path in sorted((CORPUS / "txt").glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        assert lines[0].strip() and not lines[0].startswith(" "), path.name
        assert 150 <= len(" ".join(lines[1:]).split()) <= 460, path.name


def test_every_article_is_listed_once_in_documents():
    documents = EXPECTATIONS["documents"]
    keys = [(d["file"], d["source_id"], d["url"]) for d in documents]
    assert len(set(keys)) == len(keys)
    files = {d["file"] for d in documents}
    on_disk = {f"txt/{p.name}" for p in (CORPUS / "txt").glob("*.txt")}
    on_disk |= {f"html/{p.name}" for p in (CORPUS / "html").glob("*.html")}
    assert on_disk <= files
    assert sum(d["file"] == "articles.jsonl" for d in documents) == len(jsonl_records())


def _find_document(article: dict) -> dict:
    for doc in EXPECTATIONS["documents"]:
        if doc["file"] != article["file"]:
            continue
        if article.get("source_id") not in (None, doc["source_id"]):
            continue
        if article.get("url") not in (None, doc["url"]):
            continue
        return doc
    raise AssertionError(f"no document for {article['file']}")


def _strings_to_find(article: dict):
    for quote in article.get("quotes", []):
        contains = quote["content_contains"]
        yield from [contains] if isinstance(contains, str) else contains
    for timex in article.get("timexes", []):
        yield timex["text"]
        if "context" in timex:
            yield timex["context"]
    for event in article.get("events", []):
        yield event["sentence_contains"]
    for role in article.get("paragraph_roles", []):
        yield role["starts_with"]
    yield from article.get("not_timexes", [])
    yield from article.get("not_quotes", [])
    yield from article.get("must_contain_literally", [])


@pytest.mark.parametrize("article", EXPECTATIONS["articles"], ids=lambda a: a.get("source_id") or a.get("url") or a["file"])
def test_expected_facts_are_in_the_article(article):
    doc = _find_document(article)
    assert article["published"] == doc["published"]
    text = document_text(doc)
    flat = html.unescape(re.sub(r"\s+", " ", text))
    for needle in _strings_to_find(article):
        assert needle in flat, f"{needle!r} not in {article['file']}"
    for entity in article.get("entities", []):
        names = [entity["name"], *entity.get("aliases", [])]
        assert any(name in flat for name in names), entity["name"]


def test_story_members_exist():
    known = {d["file"] for d in EXPECTATIONS["documents"]}
    known |= {f"{d['file']}#{d['source_id']}" for d in EXPECTATIONS["documents"] if d["source_id"]}
    for story in EXPECTATIONS["stories"]:
        assert set(story["members"]) <= known, story["story"]
