"""newsgraph_timex: extraction, TIMEX3 values and event dating, on sentences written for these tests."""

from __future__ import annotations

import pytest

import newsgraph.nlp.timex  # noqa: F401  (registers the component)
from newsgraph.model import Article, Paragraph
from newsgraph.nlp.pipeline import build_nlp, make_doc
from newsgraph.nlp.time.dating import date_for_span
from newsgraph.nlp.time.values import duration_value, precision_of, weekday_date

# 2024-06-19 is a Wednesday.
DCT = "2024-06-19"


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(components=["newsgraph_timex"])


def run(nlp, text, published=DCT, roles=None):
    paragraphs, pos = [], 0
    for i, line in enumerate(text.split("\n")):
        paragraphs.append(Paragraph(i, pos, pos + len(line), (roles or {}).get(i, "body")))
        pos += len(line) + 1
    return nlp(make_doc(nlp, Article(text, paragraphs, published=published)))


def found(nlp, text, published=DCT):
    return [(t.text, t.type, t.value) for t in run(nlp, text, published)._.ng_timexes]


@pytest.mark.parametrize("text, expected", [
    ("The ministers signed the accord Wednesday.", [("Wednesday", "DATE", "2024-06-19")]),
    ("The ministers met on Monday in Oslo.", [("Monday", "DATE", "2024-06-17")]),
    ("The ministers will meet on Friday.", [("Friday", "DATE", "2024-06-21")]),
    ("The envoy is expected to fly home on Thursday.", [("Thursday", "DATE", "2024-06-20")]),
    ("The envoy was expected to fly home on Wednesday night.",
     [("Wednesday night", "TIME", "2024-06-19TNI")]),
    ("The court ruled last Wednesday.", [("last Wednesday", "DATE", "2024-06-12")]),
    ("Talks resume next Monday.", [("next Monday", "DATE", "2024-06-24")]),
    # a planning verb's for-phrase is when the plan is for; told in the past, the nearest
    ("The unions have called a strike for Monday.", [("Monday", "DATE", "2024-06-24")]),
    ("The vote is set for Tuesday.", [("Tuesday", "DATE", "2024-06-25")]),
    ("A rally planned for Thursday was cancelled.", [("Thursday", "DATE", "2024-06-20")]),
    ("A rally planned for Monday was cancelled.", [("Monday", "DATE", "2024-06-17")]),
    ("Students planned a march in the capital on Friday.", [("Friday", "DATE", "2024-06-21")]),
    # a modal's possibility lies ahead; "could not" is the past of "can"
    ("A deal could be signed on Monday.", [("Monday", "DATE", "2024-06-24")]),
    ("The minister could not be reached on Monday.", [("Monday", "DATE", "2024-06-17")]),
    ("The talks may have ended on Monday.", [("Monday", "DATE", "2024-06-17")]),
    ("They had talked about the slated visit of the trade secretary in July.",
     [("July", "DATE", "2024-07")]),  # a planned event lies after the talk about it
    ("Police are still investigating the March bombing.", [("March", "DATE", "2024-03")]),
    ("Police are still investigating the November bombing.", [("November", "DATE", "2023-11")]),
    ("The pilot will leave at 4 in the morning (4 a.m. GMT Friday).",
     [("4 in the morning", "TIME", "2024-06-21T04:00"), ("4 a.m. GMT Friday", "TIME", "2024-06-21T04:00Z")]),
    # a participle modifying a noun has the time of the clause around it
    ("The statement, following a meeting on Thursday, calmed the markets.",
     [("Thursday", "DATE", "2024-06-13")]),
])
def test_weekdays_follow_tense(nlp, text, expected):
    assert found(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The mayor resigned in September last year.", [("September last year", "DATE", "2023-09")]),
    ("The dam opened last June.", [("last June", "DATE", "2023-06")]),
    ("The vote is due in November.", [("November", "DATE", "2024-11")]),
    ("The strike began in March.", [("March", "DATE", "2024-03")]),
    ("The port reopened in July 2000.", [("July 2000", "DATE", "2000-07")]),
    ("The treaty dates from March 3, 1999.", [("March 3, 1999", "DATE", "1999-03-03")]),
    ("Prices peaked in the 1990s.", [("the 1990s", "DATE", "199")]),
    ("The abbey was built in the 12th century.", [("the 12th century", "DATE", "11")]),
    ("Sales rose last summer.", [("last summer", "DATE", "2023-SU")]),
    ("Profit fell in the first quarter.", [("the first quarter", "DATE", "2024-Q1")]),
    ("Rates went up last year and will fall next year.",
     [("last year", "DATE", "2023"), ("next year", "DATE", "2025")]),
    ("The report came out this week.", [("this week", "DATE", "2024-W25")]),
    ("The firm reported its results yesterday.", [("yesterday", "DATE", "2024-06-18")]),
    ("Voters are angry now.", [("now", "DATE", "PRESENT_REF")]),
    ("Unrest has grown recently.", [("recently", "DATE", "PAST_REF")]),
    ("The club was founded two years ago.", [("two years ago", "DATE", "2022")]),
])
def test_dates(nlp, text, expected):
    assert found(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The siege lasted four months.", [("four months", "DURATION", "P4M")]),
    ("It was his first visit in nearly a quarter of a century.",
     [("nearly a quarter of a century", "DURATION", "P25Y")]),
    ("Years of drought have ruined the valley.", [("Years", "DURATION", "PXY")]),
    ("The flight took three hours.", [("three hours", "DURATION", "PT3H")]),
    ("The pilots held out for two days.", [("two days", "DURATION", "P2D")]),
    ("The fair is held every week.", [("every week", "SET", "P1W")]),
    ("The paper is published weekly.", [("weekly", "SET", "P1W")]),
])
def test_durations_and_sets(nlp, text, expected):
    assert found(nlp, text) == expected


def test_anchored_duration_keeps_only_the_quantity(nlp):
    got = found(nlp, "He resigned in July 2000, four months after he was elected.")
    assert got == [("July 2000", "DATE", "2000-07"), ("four months", "DURATION", "P4M")]


def test_the_day_before_is_anchored_on_the_previous_date(nlp):
    doc = run(nlp, "The rebels struck on May 4, 2021. Police had been warned the day before.")
    last = doc._.ng_timexes[-1]
    assert (last.text, last.value) == ("the day before", "2021-05-03")
    assert last.anchor == f"timex:{doc._.ng_timexes[0].start}"


@pytest.mark.parametrize("text", [
    "Around 60% of the population is poor, some 15 million people.",
    "The temperature reached 123° at noon-ish, said No. 2019 of the list.",
    "He lives at 1600 Pennsylvania Avenue.",
    "The team won 3-1 and finished first.",
    "The mine employs 2019 workers.",
    "The firm paid $2,019 to settle.",
    "Theresa May spoke to the press.",
    "Markets may fall further.",
    "The fall of the regime surprised everyone.",
])
def test_not_time_expressions(nlp, text):
    assert [t for t in found(nlp, text) if t[0] not in ("noon",)] == []


def test_bare_year_in_context(nlp):
    assert found(nlp, "The two leaders held talks in 2019.") == [("2019", "DATE", "2019")]


def test_unknown_dct_keeps_unknown_parts(nlp):
    got = found(nlp, "The envoy arrived Wednesday and left in September.", published=None)
    assert got == [("Wednesday", "DATE", "XXXX-WXX-3"), ("September", "DATE", "XXXX-09")]


def test_nothing_from_related_or_footer_paragraphs(nlp):
    text = "The accord was signed Monday.\nRead more: talks planned for Friday\nFirst published 2019"
    doc = run(nlp, text, roles={1: "related", 2: "footer"})
    assert [t.text for t in doc._.ng_timexes] == ["Monday"]


def test_offsets_are_character_offsets_sorted(nlp):
    text = "On Tuesday the panel met; by Friday, March 1, 2024 it had reported."
    doc = run(nlp, text)
    starts = [t.start for t in doc._.ng_timexes]
    assert starts == sorted(starts)
    for t in doc._.ng_timexes:
        assert text[t.start:t.end] == t.text


@pytest.mark.parametrize("text, expected", [
    ("The summit will be held on July 24 and 25.",
     [("July 24", "DATE", "2024-07-24"), ("25", "DATE", "2024-07-25")]),
    ("Talks ran from May 3 to 5, 2001.",
     [("May 3", "DATE", "2001-05-03"), ("5, 2001", "DATE", "2001-05-05")]),
    ("On July 24 and 25 people were hurt.", [("July 24", "DATE", "2023-07-24")]),
    ("The battle was fought between 4 and 9 June 1862.",
     [("4", "DATE", "1862-06-04"), ("9 June 1862", "DATE", "1862-06-09")]),
    ("He paid $5 and 9 June was the day.", [("9 June", "DATE", "2024-06-09")]),
    ("He left on March 3, 1999 and 25 years later came back.",
     [("March 3, 1999", "DATE", "1999-03-03"), ("25 years later", "DATE", "2024")]),
])
def test_the_second_day_of_a_pair(nlp, text, expected):
    assert found(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The plane will leave at 4 in the morning.", [("4 in the morning", "TIME", "2024-06-19T04:00")]),
    ("They met at ten o'clock at night.", [("ten o'clock at night", "TIME", "2024-06-19T22:00")]),
    ("He was one of two in the morning shift.", []),
    ("She waited 5 1/2 hours.", [("5 1/2 hours", "DURATION", "PT5H30M")]),
    ("He served 2½ years.", [("2½ years", "DURATION", "P2.5Y")]),
    ("After their third day-long meeting, the years-long feud ended.",
     [("day-long", "DURATION", "P1D"), ("years-long", "DURATION", "PXY")]),
    ("The post-1959 government fell.", [("post-1959", "DATE", "1959")]),
    ("He told CBS's ''60 Minutes'' that he had waited 60 minutes.", [("60 minutes", "DURATION", "PT60M")]),
    ("For the town, high noon comes today.", [("today", "DATE", "2024-06-19")]),
    ("During the day Friday, the boy played outside.", [("Friday", "DATE", "2024-06-14")]),
])
def test_spoken_clock_times_and_fractions(nlp, text, expected):
    assert found(nlp, text) == expected


def test_clock_time_joins_its_day(nlp):
    got = found(nlp, "The polls will close at 8 p.m. Friday.")
    assert got == [("8 p.m. Friday", "TIME", "2024-06-21T20:00")]


def test_bad_published_value_does_not_crash(nlp):
    assert found(nlp, "The vote was held on Monday.", published="not a date") == \
        [("Monday", "DATE", "XXXX-WXX-1")]


# --- values ------------------------------------------------------------------


def test_value_helpers():
    from datetime import date

    assert precision_of("2024-06-19") == "day"
    assert precision_of("2023-09") == "month"
    assert precision_of("2019") == "year"
    assert precision_of("199") == "decade"
    assert precision_of("2024-W25") == "week"
    assert precision_of("P4M") is None
    assert duration_value(None, "Y") == "PXY"
    assert duration_value(0.5, "H", True) == "PT30M"
    assert duration_value(1.25, "H", True) == "PT1H15M"
    assert duration_value(1.5, "Y") == "P1.5Y"
    assert duration_value(1, "DE") == "P10Y"
    wed = date(2024, 6, 19)
    assert weekday_date(wed, 3, "past") == wed
    assert weekday_date(wed, 1, "future") == date(2024, 6, 24)
    assert weekday_date(wed, 5, "nearest") == date(2024, 6, 21)


# --- dating events and quotes ------------------------------------------------


def span_of(doc, word, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(word, start + 1)
    return start, start + len(word)


def test_date_for_span_uses_the_clause_timex(nlp):
    doc = run(nlp, "The rebels visited Kabul in September last year, officials said.")
    assert date_for_span(doc, *span_of(doc, "visited")) == ("2023-09", "month", False)


def test_date_for_span_falls_back_to_the_dct(nlp):
    doc = run(nlp, "The rebels visited Kabul, officials said.")
    assert date_for_span(doc, *span_of(doc, "visited")) == ("2024-06-19", "day", True)


def test_durations_never_date_an_event(nlp):
    doc = run(nlp, "The rebels held the town for four months.")
    assert date_for_span(doc, *span_of(doc, "held")) == ("2024-06-19", "day", True)


def test_time_values_date_to_their_day(nlp):
    doc = run(nlp, "Troops crossed the river on Monday night.")
    assert date_for_span(doc, *span_of(doc, "crossed")) == ("2024-06-17", "day", False)


def test_date_for_span_without_dct(nlp):
    doc = run(nlp, "The rebels visited Kabul.", published=None)
    assert date_for_span(doc, *span_of(doc, "visited")) == (None, None, True)
