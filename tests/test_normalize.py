"""Normalisation: decoding, repairs, paragraph roles, dates, offsets, and the seed case."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest

from newsgraph.errors import BadInput
from newsgraph.eval.extraction import shingle_match
from newsgraph.ingest import RawDocument, normalize
from newsgraph.ingest.dates import dateline_date, parse_date
from newsgraph.ingest.repair import repair_paragraph
from newsgraph.ingest.roles import classify_paragraphs, syndication_outlet

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
SEED = Path(__file__).resolve().parents[1].parent / "shared" / "cases" / "seed"


def text_article(text: str, **hints):
    return normalize(RawDocument("t.txt", text.encode("utf-8"), {"format": "text", **hints}))


@pytest.mark.parametrize("before, after", [
    ("The envoys ? both veterans of the talks ? met again.", "The envoys \u2014 both veterans of the talks \u2014 met again."),
    ("The ministers ? Lavrov and Blinken ? met on Friday.", "The ministers \u2014 Lavrov and Blinken \u2014 met on Friday."),
    ("He wanted one thing ? Ukraine's defeat.", "He wanted one thing \u2014 Ukraine's defeat."),
    ("Prices rose ? 5% in a month.", "Prices rose \u2014 5% in a month."),
    ("Is the deal dead ? Nobody knows.", "Is the deal dead ? Nobody knows."),  # a real question, oddly spaced
    ("Who will pay? The state.", "Who will pay? The state."),
    ("Will they talk about trade ?", "Will they talk about trade ?"),
])
def test_dash_repair(before, after):
    assert repair_paragraph(before).text == after


def test_repairs_are_recorded_with_offsets():
    article = text_article("Title line\nThe envoys ? both veterans ? met.")
    dash_at = [int(r.rsplit(" ", 1)[1]) for r in article.repairs if r.startswith("dash restored")]
    assert [article.text[i] for i in dash_at] == ["\u2014", "\u2014"]


def test_apostrophe_mojibake_quotes_and_spaces():
    assert repair_paragraph("The mayor?s office didn?t reply.").text == "The mayor's office didn't reply."
    fixed = repair_paragraph("The caf\u00c3\u00a9 owner said \u00e2\u20ac\u0153never\u00e2\u20ac\u009d.")
    assert fixed.text == 'The caf\u00e9 owner said "never".'
    assert any("mojibake" in what for _, what in fixed.changes)
    assert repair_paragraph("  two\u00a0\u00a0spaces\tand\u200b tabs  ").text == "two spaces and tabs"


def test_roles_fixture():
    article = normalize(RawDocument("r.txt", (FIXTURES / "roles_article.txt").read_bytes(), {"format": "text"}))
    roles = [p.role for p in article.paragraphs]
    assert roles == ["heading", "byline", "body", "body", "related", "heading", "body", "body",
                     "caption", "related", "heading", "body", "footer"]


def test_offsets_index_the_text():
    article = text_article("Title\n\nFirst  body line.\r\nSecond line.\n")
    assert article.text == "Title\nFirst body line.\nSecond line."
    assert [article.text[p.start:p.end] for p in article.paragraphs] == ["Title", "First body line.", "Second line."]
    assert [p.idx for p in article.paragraphs] == [0, 1, 2]


def test_hard_wrapped_text_is_rejoined():
    article = normalize(RawDocument("w.txt", (FIXTURES / "wrapped.txt").read_bytes(), {"format": "text"}))
    assert len(article.paragraphs) == 4
    assert "first time on Sunday night, two days earlier" in article.text


@pytest.mark.parametrize("lines, expected", [
    (["A long body sentence that ends with a full stop and carries news.", "Background"], ["body", "heading"]),
    (["Body text here.", "Markets: Shares tumble as the central bank raises rates again"], ["body", "related"]),
    (["Body text here.", "What did the minister promise?"], ["body", "heading"]),
    (["Body text here.", "\"Why now?\" she asked the committee on Monday."], ["body", "body"]),
    (["Body text here.", "Read more: Parliament passes the budget"], ["body", "related"]),
    (["Body text here.", "Copyright 2025 Example Media. All rights reserved."], ["body", "footer"]),
    (["Body text here.", "Image: Protesters outside the ministry (Reuters/Jane Doe)"], ["body", "caption"]),
])
def test_role_rules(lines, expected):
    assert classify_paragraphs(lines) == expected


@pytest.mark.parametrize("footer, outlet", [
    ("This article originally appeared on The Valley Post: Bridge reopens", "The Valley Post"),
    ("Originally published by Harbour Radio.", "Harbour Radio"),
    ("This story was first published by Mountain Weekly on June 3, 2024.", "Mountain Weekly"),
    ("A normal closing paragraph about the bridge.", None),
])
def test_syndication_outlet(footer, outlet):
    assert syndication_outlet(footer) == outlet


def test_dates():
    assert parse_date("2024-06-19") == "2024-06-19"
    assert parse_date("2024-06-19T08:30:00Z") == "2024-06-19T08:30:00+00:00"
    assert parse_date("Wed, 19 Jun 2024 08:00:00 GMT") == "2024-06-19T08:00:00+00:00"
    assert parse_date("June 19, 2024") == "2024-06-19"
    assert parse_date("2024-02-30") is None and parse_date("soon") is None
    paragraphs = ["Title", "OSLO, June 19 (Wire) - Talks resumed.", "More text."]
    assert dateline_date(paragraphs, ["heading", "body", "body"]) is None  # no year: no guess
    paragraphs[1] = "OSLO, June 19, 2024 (Wire) - Talks resumed."
    assert dateline_date(paragraphs, ["heading", "body", "body"]) == "2024-06-19"


def test_dateline_date_only_when_nothing_else():
    article = text_article("Title\nOSLO, June 19, 2024 (Wire) - Talks resumed on Wednesday.")
    assert (article.published, article.published_source) == ("2024-06-19", "dateline")
    article = normalize(RawDocument("t.txt", b"Title\nOSLO, June 19, 2024 (Wire) - Talks resumed.", {"format": "text"}),
                        published="2024-06-20")
    assert (article.published, article.published_source) == ("2024-06-20", "flag")


def test_title_from_metadata_is_first_paragraph():
    article = normalize(RawDocument("j#L1", "Body sentence one.", {"format": "text", "title": "Meta title"}))
    assert article.text.startswith("Meta title\nBody sentence one.")
    assert article.paragraphs[0].role == "heading" and article.title == "Meta title"


def test_no_usable_text_and_too_large(monkeypatch):
    with pytest.raises(BadInput, match="binary"):
        normalize(RawDocument("x.txt", b"\x00\x01\x02" * 100, {"format": "text"}))
    with pytest.raises(BadInput, match="no text"):
        normalize(RawDocument("x.txt", "   \n\n", {"format": "text"}))
    module = importlib.import_module("newsgraph.ingest.normalize")  # the package re-exports the function
    monkeypatch.setattr(module, "MAX_ARTICLE_CHARS", 100)
    with pytest.raises(BadInput, match="too large: 1,1"):
        normalize(RawDocument("x.txt", "word " * 220, {"format": "text"}))


def test_shingle_scorer():
    assert shingle_match("a b c d e", "a b c d e") == (1.0, 0.0, 0.0)
    tp, fp, fn = shingle_match("one two three four five six", "one two three four")
    assert (round(tp, 3), fp, round(fn, 3)) == (0.333, 0.0, 0.667)


@pytest.mark.skipif(not (SEED / "article.txt").exists(), reason="seed case not available")
def test_seed_document_facts():
    gold = json.loads((SEED / "gold.json").read_text("utf-8"))["document"]
    raw = RawDocument(str(SEED / "article.txt"), (SEED / "article.txt").read_bytes(), {"format": "text"})
    article = normalize(raw, published="2024-06-19")
    assert article.title == gold["title"] and article.outlet == gold["outlet"]
    lines = {p.idx + 1: (p.role, article.text[p.start:p.end]) for p in article.paragraphs}
    assert sorted(n for n, (role, _) in lines.items() if role not in ("body", "heading")) == gold["not_body_lines"]
    assert sorted(n for n, (role, _) in lines.items() if role == "heading" and n != 1) == gold["heading_lines"]
    for number, text in gold["repaired_lines"].items():
        assert lines[int(number)][1] == text
    assert article.published == "2024-06-19" and article.published_source == "flag"


@pytest.mark.shared
@pytest.mark.skipif(not (SEED.parents[1] / "data" / "article-extraction").exists(), reason="shared data not available")
def test_extraction_benchmark_floor():
    from newsgraph.eval.extraction import score_extraction

    scores = score_extraction(SEED.parents[1] / "data" / "article-extraction")
    assert scores["n"] == 181 and scores["f1"] >= 0.95
