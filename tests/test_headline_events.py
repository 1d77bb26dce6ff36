"""Untitled items keep their text; headlines are analysed, flagged ``in_title`` and merged
with the body's report of the same event (issue 11, item 5). Fixtures are written here."""

from __future__ import annotations

import csv
import io
import json
import sqlite3

import pytest

from newsgraph.eval.plover import record_article, run
from newsgraph.export import article_document, write_csv
from newsgraph.ingest import IngestError, iter_articles
from newsgraph.ingest.base import RawDocument
from newsgraph.ingest.feed import _item_document
from newsgraph.ingest.normalize import normalize
from newsgraph.model import Article, Event, Paragraph, Participant, Records
from newsgraph.nlp.events import headline_stands_alone, merge_headline_events
from newsgraph.store.db import connect
from newsgraph.store.migrations import MIGRATIONS, migrate
from newsgraph.store.writer import write_batch

SENTENCE = "Police arrested five protesters in Delhi on Monday."


def read_jsonl(tmp_path, *objects) -> list[Article]:
    path = tmp_path / "items.jsonl"
    path.write_text("".join(json.dumps(o) + "\n" for o in objects), encoding="utf-8")
    items = list(iter_articles([str(path)]))
    assert not [i for i in items if isinstance(i, IngestError)], items
    return items


def roles(article: Article) -> list[tuple[str, str]]:
    return [(p.role, article.text[p.start:p.end]) for p in article.paragraphs]


# ------------------------------------------------------------------ 1: untitled items keep their text

def test_untitled_jsonl_sentence_is_body_not_a_heading(tmp_path):
    [article] = read_jsonl(tmp_path, {"id": "r1", "text": SENTENCE})
    assert article.title is None
    assert roles(article) == [("body", SENTENCE)]
    assert article.source_id == "r1"


def test_untitled_jsonl_sentence_without_final_stop_is_body(tmp_path):
    """Headline-shaped text is still the item's body when it is all the item has."""
    [article] = read_jsonl(tmp_path, {"id": "r2", "text": "Police arrest five protesters in Delhi"})
    assert article.title is None
    assert roles(article) == [("body", "Police arrest five protesters in Delhi")]


def test_untitled_jsonl_first_line_is_not_taken_for_a_title(tmp_path):
    text = "Two ministers met in Oslo on Monday.\nThey agreed to meet again in May."
    [article] = read_jsonl(tmp_path, {"id": "r3", "text": text})
    assert article.title is None
    assert article.text == text
    assert roles(article) == [("body", "Two ministers met in Oslo on Monday."),
                              ("body", "They agreed to meet again in May.")]


def test_titled_jsonl_item_is_unchanged(tmp_path):
    [article] = read_jsonl(tmp_path, {"id": "r4", "title": "Ministers meet in Oslo",
                                      "text": "Two ministers met in Oslo on Monday."})
    assert article.title == "Ministers meet in Oslo"
    assert roles(article) == [("heading", "Ministers meet in Oslo"), ("body", "Two ministers met in Oslo on Monday.")]


def test_text_file_still_takes_its_first_line_for_the_title(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Ministers meet in Oslo\nTwo ministers met in Oslo on Monday.\n", encoding="utf-8")
    [article] = list(iter_articles([str(path)]))
    assert article.title == "Ministers meet in Oslo"
    assert roles(article)[0] == ("heading", "Ministers meet in Oslo")


def test_untitled_plain_text_feed_item_keeps_its_text():
    entry = {"id": "urn:item:1", "content": [{"value": SENTENCE, "type": "text/plain"}]}
    raw = _item_document(entry, 1, "feed.xml", "Wire")
    article = normalize(raw)
    assert article.title is None
    assert roles(article) == [("body", SENTENCE)]


def test_raw_text_without_the_hint_keeps_the_first_line_title():
    """Readers that say nothing (stdin, plugins) keep the plain-text convention."""
    article = normalize(RawDocument("x.txt", "A title line\nA body sentence.", {"format": "text"}))
    assert article.title == "A title line"


def test_evaluation_records_are_fed_as_untitled_jsonl_lines():
    article = record_article("gsr-1", SENTENCE)
    assert article.title is None and article.source_id == "gsr-1"
    assert roles(article) == [("body", SENTENCE)]


# ------------------------------------------------------------------ 2: merging headline events (no model)

def party(role, name, entity_id, country):
    return Participant(role, name, entity_id, name, country)


def event(type_, start, actor=(), recipient=(), in_title=False) -> Event:
    return Event(type=type_, trigger_start=start, trigger_end=start + 5, trigger_text="x",
                 sentence_start=start, sentence_end=start + 20, actor=list(actor), recipient=list(recipient),
                 in_title=in_title)


RUS = party("actor", "Russia", "ent-rus", "RUS")
PUTIN = party("actor", "Vladimir Putin", "ent-putin", "RUS")
POL = party("recipient", "Poland", "ent-pol", "POL")
DEU = party("recipient", "Germany", "ent-deu", "DEU")


def test_headline_event_reported_by_the_body_is_kept_once_as_the_body_event():
    head = event("SANCTION", 0, [RUS], [POL], in_title=True)
    body = event("SANCTION", 40, [RUS], [POL])
    assert merge_headline_events([head, body]) == [body]


def test_same_participants_by_country_when_the_entities_differ():
    head = event("SANCTION", 0, [RUS], [POL], in_title=True)
    body = event("SANCTION", 40, [PUTIN], [POL])
    assert merge_headline_events([head, body]) == [body]


def test_a_body_event_may_name_more_parties_than_its_headline():
    head = event("SANCTION", 0, [RUS], [POL], in_title=True)
    body = event("SANCTION", 40, [RUS, PUTIN], [POL, DEU])
    assert merge_headline_events([head, body]) == [body]


@pytest.mark.parametrize("body", [
    event("ACCUSE", 40, [RUS], [POL]),         # another type
    event("SANCTION", 40, [RUS], [DEU]),       # another recipient
    event("SANCTION", 40, [party("actor", "Poland", "ent-pol", "POL")], [party("recipient", "Russia", "ent-rus", "RUS")]),
])
def test_other_events_leave_the_headline_event_standing(body):
    head = event("SANCTION", 0, [RUS], [POL], in_title=True)
    assert merge_headline_events([head, body]) == [head, body]


def test_one_sided_headline_events_do_not_stand_alone():
    declines = event("REJECT", 0, [party("actor", "Indonesia", "ent-idn", "IDN")], in_title=True)
    protest = event("PROTEST", 0, [party("actor", "French farmers", None, "FRA")], in_title=True)
    assert not headline_stands_alone(declines)
    assert headline_stands_alone(protest)
    body = event("CONSULT", 40, [RUS], [POL])
    assert merge_headline_events([declines, body]) == [body]
    assert merge_headline_events([protest, body]) == [protest, body]


def test_body_events_are_never_dropped():
    a, b = event("SANCTION", 0, [RUS], [POL]), event("SANCTION", 40, [RUS], [POL])
    assert merge_headline_events([a, b]) == [a, b]


# ------------------------------------------------------------------ 2: store and export carry in_title

def titled_records() -> Records:
    text = "France accuses Germany of spying\nOfficials in Berlin did not comment."
    article = Article(text=text, paragraphs=[Paragraph(0, 0, 32, "heading"), Paragraph(1, 33, len(text), "body")],
                      title="France accuses Germany of spying", published="2024-03-14")
    accuse = Event(type="ACCUSE", mode="allege", trigger_start=7, trigger_end=14, trigger_text="accuses",
                   sentence_start=0, sentence_end=32,
                   actor=[Participant("actor", "France", None, "France", "FRA")],
                   recipient=[Participant("recipient", "Germany", None, "Germany", "DEU")], in_title=True)
    return Records(article, events=[accuse])


def test_writer_and_export_carry_in_title(db_path):
    db = connect(db_path)
    records = titled_records()
    write_batch(db, [records])
    assert db.execute("SELECT in_title FROM events").fetchone()[0] == 1
    [exported] = article_document(db, records.article.id)["events"]
    assert exported["in_title"] is True
    out = io.StringIO()
    write_csv(db, "events", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert rows[0]["in_title"] == "1" and "merged_event_id" in rows[0]


def test_m006_adds_in_title_defaulting_to_false(tmp_path):
    old = sqlite3.connect(str(tmp_path / "old.db"), isolation_level=None)
    old.execute("CREATE TABLE _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    order = [fn.__name__ for fn in MIGRATIONS]
    for fn in MIGRATIONS[:order.index("m006_event_in_title")]:
        old.executescript(f"BEGIN;\n{fn()}\nINSERT INTO _migrations VALUES ('{fn.__name__}', 'then');\nCOMMIT;")
    old.execute("INSERT INTO articles (id, text, ingested_at) VALUES ('a1', 'x', 'then')")
    old.execute("INSERT INTO events (id, article_id, sentence_start, sentence_end, trigger_start, trigger_end, type) "
                "VALUES ('e1', 'a1', 0, 1, 0, 1, 'CONSULT')")
    assert "m006_event_in_title" in migrate(old)
    assert old.execute("SELECT in_title FROM events WHERE id = 'e1'").fetchone()[0] == 0


# ------------------------------------------------------------------ the pipeline, end to end

@pytest.fixture(scope="module")
def events_nlp():
    from newsgraph.nlp.pipeline import available_components, build_nlp

    wanted = [c for c in ("newsgraph_entities", "newsgraph_timex", "newsgraph_events") if c in available_components()]
    return build_nlp(components=wanted)


@pytest.mark.slow
def test_untitled_one_sentence_item_gives_its_event(tmp_path, events_nlp):
    [article] = read_jsonl(tmp_path, {"id": "s1", "text": "Russia expelled three Polish diplomats on Monday.",
                                      "published": "2024-03-14"})
    events = run(events_nlp, article)._.ng_events
    assert [(e.type, e.in_title) for e in events] == [("SANCTION", False)]


@pytest.mark.slow
def test_headline_repeating_the_body_is_not_stored_twice(tmp_path, events_nlp):
    [article] = read_jsonl(tmp_path, {
        "id": "h1", "title": "Russia expels Polish diplomats", "published": "2024-03-14",
        "text": "Russia expelled three Polish diplomats on Monday, the Russian foreign ministry said."})
    events = run(events_nlp, article)._.ng_events
    sanctions = [e for e in events if e.type == "SANCTION"]
    assert len(sanctions) == 1
    assert sanctions[0].trigger_text == "expelled" and not sanctions[0].in_title


@pytest.mark.slow
def test_event_only_the_headline_states_is_flagged(tmp_path, events_nlp):
    [article] = read_jsonl(tmp_path, {
        "id": "h2", "title": "France accuses Germany of spying", "published": "2024-03-14",
        "text": "The two governments have long disagreed about defence spending."})
    events = run(events_nlp, article)._.ng_events
    accuse = [e for e in events if e.type == "ACCUSE"]
    assert len(accuse) == 1 and accuse[0].in_title
    assert accuse[0].trigger_start < len("France accuses Germany of spying")
    assert {p.country for p in accuse[0].actor} == {"FRA"} and {p.country for p in accuse[0].recipient} == {"DEU"}


@pytest.mark.slow
def test_headings_can_be_left_out(tmp_path, events_nlp):
    from newsgraph.nlp.events import code_events

    [article] = read_jsonl(tmp_path, {
        "id": "h3", "title": "France accuses Germany of spying", "published": "2024-03-14",
        "text": "The two governments have long disagreed about defence spending."})
    doc = run(events_nlp, article)
    assert events_nlp.get_pipe("newsgraph_events").include_headings  # the default
    assert not [e for e in code_events(doc, events_nlp.get_pipe("newsgraph_events").index, False) if e.in_title]
