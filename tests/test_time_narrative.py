"""Time in narrative: a reference time that moves with the story, and the coverage and
precision rules that go with it (issue 13). Sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

import newsgraph.nlp.timex  # noqa: F401  (registers the component)
from newsgraph.model import Article, Paragraph
from newsgraph.nlp.pipeline import build_nlp, make_doc
from newsgraph.nlp.time.discourse import Discourse, ref_from_value
from newsgraph.nlp.time.grammar import load_grammar
from newsgraph.nlp.time.holidays import holiday_date
from newsgraph.nlp.time.numbers import spelled_number, spelled_year

DCT = "2024-06-19"  # a Wednesday

HISTORY = ("In 1917, the republic's army was exhausted. On 24 October, enemy troops broke through "
           "at the river. Four years later, the new government signed a treaty. In April, the last "
           "garrison surrendered. On 3 May, the king left the capital. That same day, his ministers "
           "resigned.")


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(components=["newsgraph_timex"])


def timexes(nlp, text, published=DCT):
    paragraphs, pos = [], 0
    for i, line in enumerate(text.split("\n")):
        paragraphs.append(Paragraph(i, pos, pos + len(line), "body"))
        pos += len(line) + 1
    return nlp(make_doc(nlp, Article(text, paragraphs, published=published)))._.ng_timexes


def values(nlp, text, published=DCT):
    return [(t.text, t.value) for t in timexes(nlp, text, published)]


def test_history_paragraph_follows_its_own_clock(nlp):
    assert values(nlp, HISTORY) == [
        ("1917", "1917"), ("24 October", "1917-10-24"), ("Four years later", "1921"),
        ("April", "1921-04"), ("3 May", "1921-05-03"), ("That same day", "1921-05-03")]


def test_each_timex_records_its_anchor(nlp):
    found = {t.text: t for t in timexes(nlp, HISTORY)}
    assert found["1917"].anchor is None  # explicit: anchored to nothing
    assert found["24 October"].anchor == f"timex:{HISTORY.index('1917')}"
    assert found["Four years later"].anchor == f"timex:{HISTORY.index('24 October')}"
    assert found["That same day"].anchor == f"timex:{HISTORY.index('3 May')}"


def test_background_paragraph_in_news(nlp):
    text = ("Putin met Kim on Wednesday. In 2000, Putin visited Pyongyang. On 19 July he met "
            "Kim Jong Il. The two leaders will meet again in September.")
    assert values(nlp, text) == [("Wednesday", "2024-06-19"), ("2000", "2000"),
                                 ("19 July", "2000-07-19"), ("September", "2024-09")]


def test_bbc_style_years_later(nlp):
    assert values(nlp, "The party was founded in 1995. Four years later it won power.") == [
        ("1995", "1995"), ("Four years later", "1999")]


def test_the_present_ends_the_story(nlp):
    text = "In 1995, he was elected. On Tuesday, he said he had resigned in March."
    assert values(nlp, text) == [("1995", "1995"), ("Tuesday", "2024-06-18"), ("March", "2024-03")]


def test_a_story_not_carried_on_ends_with_its_paragraph(nlp):
    text = "In 2011, officials pushed back against the rules.\n\nOn Feb. 28, a bank released a note."
    assert values(nlp, text) == [("2011", "2011"), ("Feb. 28", "2024-02-28")]


def test_a_story_carried_on_crosses_paragraphs(nlp):
    text = "In 1917, the army rebelled. On 2 March, the tsar abdicated.\n\nIn July, the offensive failed."
    assert values(nlp, text)[-1] == ("July", "1917-07")


def test_a_history_keeps_its_story_across_paragraphs(nlp):
    text = ("The revolt began in May 1848. In 1849 the army returned.\n\n"
            "In September, the rebels gave up the capital.\n\n"
            "The following spring, the leaders fled abroad. By 1851 the last of them was in exile.")
    assert values(nlp, text) == [("May 1848", "1848-05"), ("1849", "1849"), ("September", "1849-09"),
                                 ("The following spring", "1850-SP"), ("1851", "1851")]


def test_an_older_history(nlp):
    text = ("The town was sacked in 480 BC and rebuilt in the 3rd century BC. For the next two "
            "centuries it prospered. The king reigned from 1422 to 1461. In the summer of 1952, "
            "a team arrived; that autumn it found the temple. He sent 1200 troops to 1400 towns.")
    assert values(nlp, text) == [
        ("480 BC", "BC0480"), ("the 3rd century BC", "BC02"), ("the next two centuries", "P200Y"),
        ("1422", "1422"), ("1461", "1461"), ("summer of 1952", "1952-SU"), ("autumn", "1952-FA")]


def test_news_that_recalls_past_years_is_not_a_history(nlp):
    text = ("Rates rose on Tuesday. In 2001, 2008 and 2011 they fell.\n\n"
            "In September, the bank will meet again.")
    assert values(nlp, text)[-1] == ("September", "2024-09")


def test_a_paragraph_opening_with_a_quotation_is_told_from_the_present(nlp):
    text = ("In 2011, the singer fled to Spain and returned in May.\n\n"
            "\u201cShe was forced to go,\u201d to make the March trip, her lawyer said on Monday.")
    assert values(nlp, text)[-2:] == [("March", "2024-03"), ("Monday", "2024-06-17")]


def test_a_bound_does_not_set_the_story(nlp):
    assert values(nlp, "He has led the party since 1995. He said in March that he was tired.") == [
        ("1995", "1995"), ("March", "2024-03")]


def test_the_present_tense_stays_with_the_dct(nlp):
    assert values(nlp, "In 1917, the army rebelled. Historians now argue about October.")[-1] \
        == ("October", "2024-10")  # the nearest October, not 1917


@pytest.mark.parametrize("text, published, expected", [
    ("In January the company cut jobs.", "2024-12-10", "2024-01"),
    ("In January the company will cut jobs.", "2024-12-10", "2025-01"),
    ("The summit set for April will decide.", "2024-03-12", "2024-04"),
    ("The plan announced in January failed.", "2024-08-19", "2024-01"),
])
def test_bare_months_follow_tense(nlp, text, published, expected):
    assert [v for _, v in values(nlp, text, published)] == [expected]


@pytest.mark.parametrize("text, expected", [
    ("The Athenians won at Marathon in 490 BC.", [("490 BC", "BC0490")]),
    ("Charlemagne was crowned in AD 800.", [("AD 800", "0800")]),
    ("The song was written in nineteen ninety-seven.", [("nineteen ninety-seven", "1997")]),
    ("The law dates from two thousand and three.", [("two thousand and three", "2003")]),
    ("The feud lasted twenty-five years.", [("twenty-five years", "P25Y")]),
    ("They met two days before Christmas.", [("two days before Christmas", "2023-12-23")]),
    ("The rally is planned for Thanksgiving Day.", [("Thanksgiving Day", "2024-11-28")]),
    ("Crowds gathered last Easter.", [("last Easter", "2024-03-31")]),
    ("Voters go to the polls on Election Day.", [("Election Day", "2024-11-05")]),
])
def test_coverage(nlp, text, expected):
    assert values(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Profit rose in the quarter, beating the year-ago quarter.",
     [("the quarter", "2024-Q1"), ("the year-ago quarter", "2023-Q1")]),
    ("Sales in the latest quarter beat year-ago levels.",
     [("the latest quarter", "2024-Q1"), ("year-ago", "2023-Q1")]),
    ("Net income in the second quarter was up from a year ago.",
     [("the second quarter", "2024-Q2"), ("a year ago", "2023-Q2")]),
    ("Revenue for this year's third quarter will fall.", [("this year's third quarter", "2024-Q3")]),
    ("Growth slowed in the last three months of 2022.", [("the last three months of 2022", "2022-Q4")]),
    ("Exports fell in the first six months of last year.", [("the first six months of last year", "2023-H1")]),
    ("He spent the last three months of his life abroad.", [("the last three months", "P3M")]),
])
def test_quarters(nlp, text, expected):
    assert values(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The 6-year-old boy and a man 44 years old spoke.", []),
    ("A six-year-old girl was rescued.", []),
    ("Nearly half of 16 year olds had heard of him.", []),
    ("Pupils aged 11 to 16 years took part.", []),
    ("Thousands joined the March for Life in Washington.", []),
    ("He sang at the March of the Iron Will.", []),
    ("The actor, in his early 30s, was cast.", []),
    ("Later that year the treaty collapsed.", [("Later that year", "XXXX")]),
])
def test_precision(nlp, text, expected):
    assert values(nlp, text) == expected


def test_anaphora_counts_from_the_last_date(nlp):
    text = "The plant closed on March 3, 2010. Earlier that day, workers had walked out."
    assert values(nlp, text) == [("March 3, 2010", "2010-03-03"), ("Earlier that day", "2010-03-03")]


def test_an_amount_before_a_dated_event_is_a_date(nlp):
    text = ("The judge was shot dead on May 4, 2011. A neighbour saw the van at 5 a.m. near the "
            "house nine days before the murder. Three weeks after the killing, police found it. "
            "He had lived there for two years before the shooting. The trial opened two days "
            "after the hearing.")
    found = {t.text: t for t in timexes(nlp, text)}
    assert (found["nine days"].type, found["nine days"].value) == ("DATE", "2011-04-25")
    assert found["nine days"].anchor == f"timex:{text.index('May 4')}"
    assert found["5 a.m."].value == "2011-04-25T05:00"  # the day of its own clause
    assert found["Three weeks"].value == "2011-05-25"
    assert (found["two years"].type, found["two years"].value) == ("DURATION", "P2Y")  # how long
    assert (found["two days"].type, found["two days"].value) == ("DURATION", "P2D")  # no hearing dated


def test_that_time_is_the_time_last_named(nlp):
    text = ("The army landed in the spring of 1944. By that time the enemy had fled. "
            "We have no comment at this time.")
    assert [(t.text, t.value, t.anchor) for t in timexes(nlp, text)] == [
        ("spring of 1944", "1944-SP", None), ("that time", "1944-SP", f"timex:{text.index('spring')}")]


def test_an_amount_after_an_event_dated_by_its_year(nlp):
    text = ("The poet was born in 1821. Ten years after his birth, the family moved. On 2 March "
            "1848 rebels seized power. Five years after the coup, he left. Two days after his birth, "
            "he was baptised.")
    assert values(nlp, text) == [("1821", "1821"), ("Ten years", "1831"), ("2 March 1848", "1848-03-02"),
                                 ("Five years", "1853"), ("Two days", "P2D")]  # a birth known to the year


def test_a_clock_time_of_a_dated_event_takes_its_day(nlp):
    text = "The judge was shot on May 4, 2011. Police said. He was shot twice at 10 p.m. in his garden."
    assert values(nlp, text)[-1] == ("10 p.m.", "2011-05-04T22:00")


def test_a_clock_time_keeps_its_day_when_the_date_is_in_another_clause(nlp):
    text = "At 6 a.m. the polls opened, and results are due Friday."
    assert values(nlp, text) == [("6 a.m.", "2024-06-19T06:00"), ("Friday", "2024-06-21")]


def test_that_day_of_a_month_is_a_day_not_known(nlp):
    text = "The doctor was shot last October. His name was crossed out that same day."
    assert values(nlp, text) == [("last October", "2023-10"), ("that same day", "2023-10-XX")]


@pytest.mark.parametrize("name, year, expected", [
    ("thanksgiving", 1999, date(1999, 11, 25)), ("election day", 1998, date(1998, 11, 3)),
    ("memorial day", 2024, date(2024, 5, 27)), ("easter", 2000, date(2000, 4, 23)),
    ("good friday", 2024, date(2024, 3, 29)), ("christmas", 2024, date(2024, 12, 25)),
])
def test_holiday_dates(name, year, expected):
    assert holiday_date(load_grammar().lexicon.holidays[name], year) == expected


def test_spelled_numbers():
    lex = load_grammar().lexicon
    assert spelled_number(lex.numbers, "twenty-five") == 25
    assert spelled_year(lex.numbers, "nineteen oh five") == 1905
    assert spelled_year(lex.numbers, "eighteen hundred") == 1800


def test_discourse_story_needs_the_past_and_an_earlier_year():
    d = Discourse(date(2024, 6, 19))
    d.update("1917", None, 3, framing=True)
    assert d.narrative("past").year == 1917
    assert d.narrative("present") is None
    d.update("2024-06-18", "dct", 40, framing=True)
    assert d.narrative("past") is None
    assert ref_from_value("2013-Q3", "x").precision == "quarter"
