"""Dating events and quotes by their own clause (newsgraph.nlp.time.dating), on sentences
written for these tests. 2024-06-19, the article date, is a Wednesday."""

from __future__ import annotations

import pytest

import newsgraph.nlp.timex  # noqa: F401  (registers the component)
from newsgraph.model import Article, Paragraph
from newsgraph.nlp.pipeline import build_nlp, make_doc
from newsgraph.nlp.time.dating import date_for_span, words

DCT = "2024-06-19"
ARTICLE_DATE = (DCT, "day", True)
NO_DATE = (None, None, True)


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(components=["newsgraph_timex"])


def run(nlp, text, published=DCT):
    paragraphs, pos = [], 0
    for i, line in enumerate(text.split("\n")):
        paragraphs.append(Paragraph(i, pos, pos + len(line), "body"))
        pos += len(line) + 1
    return nlp(make_doc(nlp, Article(text, paragraphs, published=published)))


def date_at(nlp, text, word, nth=0):
    doc = run(nlp, text)
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(word, start + 1)
    return date_for_span(doc, start, start + len(word))


# --- the event's own clause -----------------------------------------------------


@pytest.mark.parametrize("text, word, expected", [
    # an appositive participle describes the group, not the meeting
    ("The group, founded in 1984, met officials on Tuesday.", "met", ("2024-06-18", "day", False)),
    # "since 1984" starts a period; the coordinated clause has its own time
    ("Relations have been frosty since 1984, and the two sides met on Monday.", "met",
     ("2024-06-17", "day", False)),
    # a relative clause about a participant dates its own verb, not the main one
    ("The envoy, who visited Kabul in 2019, met the president on Monday.", "met",
     ("2024-06-17", "day", False)),
    ("The envoy, who visited Kabul in 2019, met the president on Monday.", "visited", ("2019", "year", False)),
    ("The ministers met in Oslo last week.", "met", ("2024-W24", "week", False)),
    ("The minister will visit Moscow on Friday.", "visit", ("2024-06-21", "day", False)),
    # a noun phrase's modifier dates only an event noun it modifies
    ("The minister cited a 2019 report on Tuesday.", "cited", ("2024-06-18", "day", False)),
    ("The summit in March was cancelled.", "summit", ("2024-03", "month", False)),
    # a light verb's time is its noun's
    ("The two leaders held talks in 2019.", "talks", ("2019", "year", False)),
    # a present participle shares its clause's time; a deadline is not the demand's date
    ("Schiff on Monday signed a letter demanding the report by April 2.", "demanding",
     ("2024-06-17", "day", False)),
    # ... but dates what is still to happen
    ("The smoking ban will be introduced by the spring of 2025.", "introduced", ("2025-SP", "season", False)),
    # frames and clauses of time around the predicate
    ("The senator defended himself during Thursday's hearing.", "defended", ("2024-06-13", "day", False)),
    ("In a letter published on Tuesday, the minister accused the army of abuses.", "accused",
     ("2024-06-18", "day", False)),
    ("When the talks resumed in March, the rebels released two hostages.", "released",
     ("2024-03", "month", False)),
    ("A decision is due in December, when the ministers gather in Oslo.", "gather", ("2024-12", "month", False)),
    ("Sanders, campaigning in Iowa on Sunday, told the crowd that he would win.", "told",
     ("2024-06-16", "day", False)),
    ("An annual survey released on Friday said growth would slow.", "said", ("2024-06-14", "day", False)),
])
def test_dated_by_its_own_clause(nlp, text, word, expected):
    assert date_at(nlp, text, word) == expected


@pytest.mark.parametrize("text, word", [
    ("The army has occupied the town since 1984.", "occupied"),
    ("Protesters burned copies of the 1776 Declaration.", "burned"),
    ("The minister cited a 2019 report.", "cited"),
    ("The envoy, who was born in 1960, met the president.", "met"),
    ("Vicente Fox, Mexico's president from 2000 to 2006, criticised the visit.", "criticised"),
    ("The troops withdrew after the talks on Monday.", "withdrew"),
    ("The rebels seized the town ahead of Tuesday's vote.", "seized"),
    ("MacGyver is returning to CBS three decades after his 1985 debut.", "returning"),
    # "went on to" is what happened next, not a plan
    ("He then went on to demand the minister's resignation.", "demand"),
])
def test_no_date_of_its_own_gives_the_article_date(nlp, text, word):
    assert date_at(nlp, text, word) == ARTICLE_DATE


@pytest.mark.parametrize("text, word", [
    ("The minister will visit Moscow.", "visit"),
    # the agreement is Monday's; the visit lies ahead of it
    ("The minister agreed on Monday to visit Moscow.", "visit"),
    ("The company said on Friday that it would cut jobs.", "cut"),
])
def test_the_future_without_a_time_has_no_day(nlp, text, word):
    assert date_at(nlp, text, word) == NO_DATE


def test_the_agreement_keeps_its_own_day(nlp):
    assert date_at(nlp, "The minister agreed on Monday to visit Moscow.", "agreed") == ("2024-06-17", "day", False)


# --- quotations -------------------------------------------------------------------


@pytest.mark.parametrize("text, word, expected", [
    ('Smith said on Friday that "the 1960s were different".', "said", ("2024-06-14", "day", False)),
    ('"The 1960s were different," Smith said on Friday.', "said", ("2024-06-14", "day", False)),
    ('"The 1960s were different," Smith said.', "said", ARTICLE_DATE),
    ("The company, founded in 1984, said on Friday that it would cut jobs.", "said", ("2024-06-14", "day", False)),
])
def test_a_quote_is_dated_by_its_cue_not_its_content(nlp, text, word, expected):
    assert date_at(nlp, text, word) == expected


def test_a_cue_dated_through_its_date_words(nlp):
    """The quotes component passes the time expression among the cue's dependents."""
    assert date_at(nlp, 'Smith said on Friday that "the 1960s were different".', "Friday") == \
        ("2024-06-14", "day", False)
    # a time in a relative clause on one of them dates that clause, not the saying
    assert date_at(nlp, "The manager said of the course, which opened in 1971, that it was profitable.",
                   "1971") == ARTICLE_DATE


@pytest.mark.parametrize("text, expected", [
    ('"We attacked the convoy," the commander said on Tuesday.', ("2024-06-18", "day", False)),
    ('"We attacked the convoy on Sunday," the commander said on Tuesday.', ("2024-06-16", "day", False)),
])
def test_an_event_inside_a_quotation_takes_its_report_s_date(nlp, text, expected):
    assert date_at(nlp, text, "attacked") == expected


@pytest.mark.parametrize("text", [
    "Any deal between the rivals is something the government is deeply concerned about, "
    "the spokesman said on Tuesday.",
    'Any deal between the rivals is something the government is "deeply concerned" about, '
    "the spokesman said on Tuesday.",
])
def test_reported_words_take_the_report_s_date_without_a_quote_record(nlp, text):
    assert date_at(nlp, text, "concerned") == ("2024-06-18", "day", False)


def test_the_quotes_component_dates_by_the_cue():
    nlp = build_nlp(components=["newsgraph_entities", "newsgraph_timex", "newsgraph_quotes"])
    doc = run(nlp, 'Senator John Smith said on Friday that "the 1960s were different".')
    assert [(q.date, q.date_precision) for q in doc._.ng_quotes] == [("2024-06-14", "day")]


# --- the story going on -------------------------------------------------------------


def test_a_past_sentence_continues_the_previous_one(nlp):
    assert date_at(nlp, "In July 2000, Putin visited Pyongyang. He met Kim's father.", "met") == \
        ("2000-07", "month", True)


@pytest.mark.parametrize("text, word", [
    # only the main clause's date is carried, never a noun's modifier
    ("Protesters burned copies of the 1776 Declaration. They attacked the embassy.", "attacked"),
    # what someone says now is not part of the story told before
    ("The club opened in 1971. The manager said it was profitable.", "said"),
])
def test_what_is_not_carried_over(nlp, text, word):
    assert date_at(nlp, text, word) == ARTICLE_DATE


def test_the_word_lists_are_data():
    w = words()
    assert "since" in w.bounding_words and "on" in w.clause_prepositions and "of" in w.noun_prepositions
    assert w.clause_prepositions <= w.noun_prepositions
    assert w.unshared_prepositions <= w.unshared_noun_prepositions
