"""Office-holders with tenures in the bundled people.yaml: a title resolves to
the person holding that office in that country on the article's date."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest

from newsgraph.nlp.actors.gazetteer import load_gazetteer
from newsgraph.nlp.actors.names import normalize_name

SINGLE_HOLDER = ("head_of_state", "head_of_government", "foreign_minister", "defense_minister",
                 "finance_minister", "justice_minister")
# Holders that genuinely overlap in one country's office: the Soviet Union is
# filed under RUS, so in 1991 the USSR's and the RSFSR's presidents both count.
ALLOWED_OVERLAPS = {("RUS", "head_of_state", frozenset({"Mikhail Gorbachev", "Boris Yeltsin"}))}


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


@pytest.mark.parametrize(("country", "office", "date", "name"), [
    ("GBR", "head_of_government", "2005-02-01", "Tony Blair"),
    ("GBR", "finance_minister", "2005-02-01", "Gordon Brown"),
    ("GBR", "head_of_government", "2008-02-01", "Gordon Brown"),
    ("GBR", "finance_minister", "2008-02-01", "Alistair Darling"),
    ("GBR", "foreign_minister", "2005-02-01", "Jack Straw"),
    ("GBR", "interior_minister", "2005-02-01", "Charles Clarke"),
    ("GBR", "deputy_head_of_government", "2005-02-01", "John Prescott"),
    ("GBR", "head_of_government", "1995-06-01", "John Major"),
    ("GBR", "justice_minister", "2004-12-15", "Charles Falconer"),
    ("GBR", "justice_minister", "2008-02-01", "Jack Straw"),
    ("USA", "justice_minister", "2019-03-25", "William Barr"),
    ("USA", "justice_minister", "1992-06-01", "William Barr"),
    ("USA", "justice_minister", "2010-06-01", "Eric Holder"),
    ("USA", "head_of_state", "2005-02-01", "George W. Bush"),
    ("USA", "head_of_state", "1995-06-01", "Bill Clinton"),
    ("USA", "vice_president", "2005-02-01", "Dick Cheney"),
    ("USA", "foreign_minister", "2005-02-01", "Condoleezza Rice"),
    ("USA", "finance_minister", "2010-06-01", "Timothy Geithner"),
    ("USA", "defense_minister", "2003-03-20", "Donald Rumsfeld"),
    ("FRA", "head_of_state", "2005-02-01", "Jacques Chirac"),
    ("FRA", "head_of_government", "2005-02-01", "Jean-Pierre Raffarin"),
    ("DEU", "head_of_government", "2005-02-01", "Gerhard Schröder"),
    ("DEU", "head_of_government", "2010-06-01", "Angela Merkel"),
    ("DEU", "finance_minister", "2012-06-01", "Wolfgang Schäuble"),
    ("DEU", "head_of_state", "2005-02-01", "Horst Köhler"),
    ("JPN", "head_of_government", "2005-02-01", "Junichiro Koizumi"),
    ("JPN", "head_of_state", "2005-02-01", "Akihito"),
    ("IND", "head_of_government", "2005-06-01", "Manmohan Singh"),
    ("IND", "finance_minister", "1992-06-01", "Manmohan Singh"),
    ("CHN", "head_of_state", "1999-06-01", "Jiang Zemin"),
    ("CHN", "head_of_government", "2005-02-01", "Wen Jiabao"),
    ("RUS", "head_of_state", "1995-06-01", "Boris Yeltsin"),
    ("RUS", "head_of_state", "2005-02-01", "Vladimir Putin"),
    ("RUS", "head_of_state", "2025-06-01", "Vladimir Putin"),
    ("RUS", "foreign_minister", "2000-06-01", "Igor Ivanov"),
    ("ISR", "head_of_government", "2005-02-01", "Ariel Sharon"),
    ("ITA", "head_of_government", "2005-02-01", "Silvio Berlusconi"),
    ("ESP", "head_of_government", "2005-02-01", "José Luis Rodríguez Zapatero"),
    ("CAN", "head_of_government", "2005-02-01", "Paul Martin"),
    ("CAN", "head_of_state", "2005-02-01", "Elizabeth II"),
    ("AUS", "head_of_government", "2005-02-01", "John Howard"),
    ("AUS", "finance_minister", "2005-02-01", "Peter Costello"),
    ("BRA", "head_of_state", "2005-02-01", "Luiz Inácio Lula da Silva"),
    ("ZAF", "head_of_state", "1996-06-01", "Nelson Mandela"),
    ("IRN", "head_of_government", "2007-06-01", "Mahmoud Ahmadinejad"),
    ("IRQ", "head_of_government", "2010-06-01", "Nouri al-Maliki"),
    ("TUR", "head_of_government", "2005-02-01", "Recep Tayyip Erdoğan"),
    ("NLD", "head_of_government", "2015-06-01", "Mark Rutte"),
    ("ESP", "foreign_minister", "2019-01-01", "Josep Borrell"),
])
def test_holder_on_date(gaz, country, office, date, name):
    entry, dated = gaz.holder(country, [office], date)
    assert dated and entry is not None, (country, office, date)
    assert entry.name == name


def test_handover_day_goes_to_the_successor(gaz):
    assert gaz.holder("GBR", ["head_of_government"], "2007-06-26")[0].name == "Tony Blair"
    assert gaz.holder("GBR", ["head_of_government"], "2007-06-27")[0].name == "Gordon Brown"
    assert gaz.holder("USA", ["head_of_state"], "2009-01-20")[0].name == "Barack Obama"


def test_people_with_several_offices_are_one_entry(gaz):
    brown = [e for e in gaz.lookup("Gordon Brown") if e.type == "PERSON"]
    assert len(brown) == 1
    offices = [(p.office, p.start, p.end) for p in brown[0].positions]
    assert ("finance_minister", "1997-05-02", "2007-06-27") in offices
    assert ("head_of_government", "2007-06-27", "2010-05-11") in offices
    # a position held for another country than the entry's own
    assert gaz.holder("DEU", ["defense_minister"], "2015-01-01")[0].name == "Ursula von der Leyen"
    assert gaz.lookup("George W Bush")[0].name == "George W. Bush"


def _bundled_people(gaz):
    return [e for e in gaz.entries if e.type == "PERSON" and not e.user]


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text if len(text) == 10 else text[:7] + "-01")


def test_people_are_unique_and_tenures_well_formed(gaz):
    people = _bundled_people(gaz)
    seen: dict[str, str] = {}
    for e in people:
        key = normalize_name(e.name)
        assert key not in seen, f"{e.name!r} duplicates {seen[key]!r}"
        seen[key] = e.name
        assert e.gender in ("m", "f"), e.name
        for p in e.positions:
            if p.start and p.end:
                assert _day(p.start) < _day(p.end), (e.name, p)


def test_single_holder_offices_do_not_overlap(gaz):
    tenures = defaultdict(list)
    for e in _bundled_people(gaz):
        for p in e.positions:
            country = p.country or e.country
            if p.office in SINGLE_HOLDER and country:
                start = _day(p.start) if p.start else dt.date.min
                end = _day(p.end) if p.end else dt.date.max
                tenures[(country, p.office)].append((start, end, e.name))
    problems = []
    for (country, office), spans in tenures.items():
        spans.sort()
        for i, (s1, e1, n1) in enumerate(spans):
            for s2, e2, n2 in spans[i + 1:]:
                if s2 >= e1:
                    break
                days = (min(e1, e2) - s2).days
                if days > 31 and (country, office, frozenset({n1, n2})) not in ALLOWED_OVERLAPS:
                    problems.append(f"{country} {office}: {n1} and {n2} overlap by {days} days")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("country", "USA GBR FRA DEU ITA ESP CAN AUS JPN CHN IND RUS BRA MEX KOR TUR ISR IRN IRQ "
                                    "SAU EGY PAK NGA ZAF IDN UKR POL NLD IRL".split())
def test_every_covered_country_has_its_main_offices(gaz, country):
    leader = "head_of_government" if country == "IRN" else "head_of_state"
    for office in (leader, "foreign_minister", "defense_minister", "finance_minister"):
        entry, _ = gaz.holder(country, [office], None)
        assert entry is not None, (country, office)


def test_an_opposition_leader_is_the_opposition_while_leading_it():
    """Dated facts in people.yaml: Michael Howard led the Conservatives in opposition
    (2003-2005) after a government office (1993-1997)."""
    from newsgraph.nlp.actors.gazetteer import load_gazetteer

    howard = next(e for e in load_gazetteer().lookup("Michael Howard") if e.type == "PERSON")
    assert howard.sector_on("2005-02-01") == "OPP"
    assert howard.sector_on("1995-01-01") == "GOV"
    assert howard.sector_on("2010-01-01") is None  # out of both: the text's role decides
