"""The PETRARCH2 dictionary compiler (tools/build_actor_kb.py) and the shipped actor KB (nlp/actors/kb.py)."""

from __future__ import annotations

import gzip
import importlib.util
import json
import sys
from pathlib import Path

import pytest
import yaml

from newsgraph.nlp.actors.kb import KB_PATH, ActorKB, KBActor, KBRole, load_kb

ROOT = Path(__file__).resolve().parent.parent
GAZ = ROOT / "src" / "newsgraph" / "data" / "gazetteer"


def _load_builder():
    spec = importlib.util.spec_from_file_location("build_actor_kb", ROOT / "tools" / "build_actor_kb.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_actor_kb"] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


bak = _load_builder()
SPEC = yaml.safe_load((GAZ / "cameo_sectors.yaml").read_text(encoding="utf-8"))
COUNTRIES_CSV = (GAZ / "countries.csv").read_text(encoding="utf-8")

# Invented entries in the dictionaries' format (not taken from PETRARCH).
COUNTRY_DICT = """\
# a comment line
FREEDONIA_  [FRE]
+FREEDONIAN_
+FREEDONIA_CITY_   # its capital
+FREDONIA_

ZELDA_QUUX_  # CountryInfo.txt
+PRIME_MINISTER_ZELDA_QUUX_
\t[FREELI 560101-970502]
\t[FREGOV 970502-070627]
\t[FREELI]
ARNO_PLANK_  ; CountryInfo.txt
\t[FREGOVHLH >140301]
\t[FREGOV 19990101-19991231]
\t[FREMED <850101]
\t[FREGOV 2004017-20061201]
\t[FREGOV >201005011]
\t[FREGOV 19820101]
\t[FREGOV 100101-090101]
\t[---]
BORIS_VOLT_
PRESIDENT_VOLT_
VOLT_
\t[FREGOV >20120219]
LONELY_NAME_

  # CountryInfo.txt
\t[FREGOV 990101-000101]
FREEDONIAN_GUARDS_CORPS [FREMIL]
"""

INTERNATIONAL_DICT = """\
UNITED_FEDERATION_ [IGOUNO]
+UF_
UNITED_FEDERATION_ [IGOUNO]
TILDA_SWANK_\t[IGOUNO 900101-991231] [ELI]# rulers list
ACME_WIDGETS_INC_\t[MNCUSA]
SAVE_THE_OTTERS_\t[NGOENV]
"""

AGENTS_DICT = """\
!PERSON! = MAN, WOMAN, PEOPLE
!MINIST! = MINISTER, MINISTRY

CONSTABLE [~COP]
POLICE {} [~COP]
PARTY {} [~PTY]
ATTORNEY [~JUD]
BOSS [~BUS]
MOUSE {MICE} [~CVL]
THE_POOR {} [~CVL]
MINISTRY_  [~GOV]
FIRE!PERSON! {} [~GOV]
HEALTH_!MINIST! [~GOVHLH]
NEWS!PERSON! [~MED]
NURSE [~HLH]
MONITOR [IGO~]
AID_AGENCY [~NGO]
FIGHTER [~REBMUS]
CLERIC [~MUS]
HEALTH_MINISTER [~HLH]
NOCODE_NOUN
"""


def _records(text, source="Countries"):
    problems = bak.Problems()
    return bak.read_actor_records(text, source, problems), problems


def _compile():
    return bak.compile_kb({"Countries": COUNTRY_DICT, "International": INTERNATIONAL_DICT},
                          AGENTS_DICT, "+TIDDLYWINKS CUP\nSPACE OPERA   # films\n", SPEC, COUNTRIES_CSV)


# ---------------------------------------------------------------- dates and restrictions

@pytest.mark.parametrize("text, iso", [
    ("970502", "1997-05-02"), ("000101", "2000-01-01"), ("140301", "2014-03-01"),
    ("200101", "2020-01-01"), ("210101", "1921-01-01"), ("310101", "1931-01-01"),
    ("19270101", "1927-01-01"), ("20121115", "2012-11-15"),
    ("970230", None), ("2004017", None), ("201005011", None), ("1920030320", None), ("", None), ("97O502", None),
])
def test_parse_date_two_digit_pivot_and_bad_dates(text, iso):
    assert bak.parse_date(text) == iso


@pytest.mark.parametrize("body, expect", [
    ("GBRGOV", ("GBRGOV", None, None, False)),
    ("GBRGOV 970502-070627", ("GBRGOV", "1997-05-02", "2007-06-27", True)),
    ("GBRGOV >050501", ("GBRGOV", "2005-05-01", None, True)),
    ("GBRGOV > 050501", ("GBRGOV", "2005-05-01", None, True)),
    ("GBRGOV <061231", ("GBRGOV", None, "2006-12-31", True)),
    ("IGOUNO  >070201", ("IGOUNO", "2007-02-01", None, True)),
    ("AFGELI 19270101-730717", ("AFGELI", "1927-01-01", "1973-07-17", True)),
    ("NGOCHRPRO214", ("NGOCHRPRO", None, None, False)),
    ("---", "null code"), ("USAGOV 19820101", "bad date"), ("EGYGOV 20121207-20120802", "end before start"),
    ("NGOEEURENV", "bad code"),
])
def test_parse_restriction(body, expect):
    rule = bak.parse_restriction(body)
    if isinstance(expect, str):
        assert rule == expect
    else:
        assert (rule.code, rule.start, rule.end, rule.dated) == expect


# ---------------------------------------------------------------- actor records

def test_records_synonyms_comments_and_restrictions():
    records, problems = _records(COUNTRY_DICT)
    by_name = {r.phrases[0]: r for r in records}
    assert by_name["FREEDONIA"].phrases == ["FREEDONIA", "FREEDONIAN", "FREEDONIA CITY", "FREDONIA"]
    assert [(r.code, r.dated) for r in by_name["FREEDONIA"].rules] == [("FRE", False)]
    quux = by_name["ZELDA QUUX"]
    assert quux.phrases == ["ZELDA QUUX", "PRIME MINISTER ZELDA QUUX"]
    assert "CountryInfo" in quux.comment
    assert [(r.code, r.start, r.end) for r in quux.rules] == [
        ("FREELI", "1956-01-01", "1997-05-02"), ("FREGOV", "1997-05-02", "2007-06-27"), ("FREELI", None, None)]
    plank = by_name["ARNO PLANK"]  # ";" comment; three readable restrictions of nine
    assert "CountryInfo" in plank.comment
    assert [(r.code, r.start, r.end) for r in plank.rules] == [
        ("FREGOVHLH", "2014-03-01", None), ("FREGOV", "1999-01-01", "1999-12-31"), ("FREMED", None, "1985-01-01")]
    assert problems["bad date"] == 3 and problems["end before start"] == 1 and problems["null code"] == 1


def test_codeless_primaries_share_the_next_codes_and_lost_names_drop_their_lines():
    records, problems = _records(COUNTRY_DICT)
    volt = next(r for r in records if "VOLT" in r.phrases)
    assert volt.phrases == ["BORIS VOLT", "PRESIDENT VOLT", "VOLT"]
    assert [(r.code, r.start) for r in volt.rules] == [("FREGOV", "2012-02-19")]
    assert not any("LONELY NAME" in r.phrases for r in records)
    assert problems["record without a code"] == 1
    assert problems["record without a name"] == 1 and problems["line outside a record"] == 1
    assert not any(r.start == "1999-01-01" and r.end == "2000-01-01" for rec in records for r in rec.rules)


def test_indented_primary_and_inline_dated_codes():
    records, _ = _records("FIRST_ONE_ [FREGOV]\n\tSECOND_ONE_\t[IGOUNO 900101-991231] [ELI]# list\n")
    assert [r.phrases for r in records] == [["FIRST ONE"], ["SECOND ONE"]]
    assert [(r.code, r.dated) for r in records[1].rules] == [("IGOUNO", True), ("ELI", False)]


# ---------------------------------------------------------------- CAMEO -> PLOVER

@pytest.mark.parametrize("code, country, sector", [
    ("GBRGOV", "GBR", "GOV"), ("RUSGOVHLH", "RUS", "GOV"), ("FRAMED", "FRA", "JRN"), ("USAHLH", "USA", "MED"),
    ("CHNELI", "CHN", "ELI"), ("IGOUNOKID", "UNO", "GOV"), ("IGOEUREEC", "EUR", "GOV"),
    ("IGOUNOHLHWHO", "UNO", "MED"), ("MNCUSA", "MNC", "BUS"), ("NGOCHRPRO", "NGO", "REL"),
    ("NGOHRIAMN", "NGO", "SOC"), ("IMGMUSALQ", "IMG", "REB"), ("SYRREBMUS", "SYR", "REB"),
    ("USRARM", "ARM", None), ("KSVGOV", "KOS", "GOV"), ("KRJUNR", "HRV", "PRE"), ("MEAREB", None, "REB"),
    ("ELI", None, "ELI"), ("HINRAD", None, "REL"), ("INTREB", "IMG", "REB"), ("ABWGOV", "NLD", "GOV"),
])
def test_cameo_codes_map_to_plover(code, country, sector):
    codes = bak.CodeMap(SPEC, {"GBR", "RUS", "FRA", "USA", "CHN", "SYR", "ARM", "NLD"})
    assert (codes.country(code), codes.sector(code)) == (country, sector)


# ---------------------------------------------------------------- names

@pytest.mark.parametrize("phrase, kind, shown", [
    ("TONY BLAIR", "PERSON", "Tony Blair"), ("ABD AL-AZIZ BIN SAUD", "PERSON", "Abd al-Aziz bin Saud"),
    ("AL-MALIKI", "PERSON", "Al-Maliki"), ("JOHN MCCLOY", "PERSON", "John McCloy"),
    ("MARTIN LUTHER KING JR.", "PERSON", "Martin Luther King Jr."), ("JOHN PAUL II", "PERSON", "John Paul II"),
    ("K. ANNAN", "PERSON", "K. Annan"), ("SEAN O'NEILL", "PERSON", "Sean O'Neill"),
    ("COUNCIL OF THE UN", "ORG", "Council of the UN"), ("HRW", "ORG", "HRW"), ("IAEA", "ORG", "IAEA"),
    ("ANTIGUA AND BARBUDA", "GPE", "Antigua and Barbuda"),
])
def test_display_names(phrase, kind, shown):
    assert bak.Namer(SPEC["acronyms"]).display(phrase, kind) == shown


def test_parenthesised_acronyms_and_notes():
    assert bak.split_phrase("ANIMAL RIGHTS FRONT (ARF)") == ("ANIMAL RIGHTS FRONT", ["ARF"])
    assert bak.split_phrase("STANKO TODOROV (ACTING") == ("STANKO TODOROV", [])


# ---------------------------------------------------------------- agents and discards

def test_agents_plurals_substitutions_and_codes():
    problems = bak.Problems()
    agents = bak.read_agents(AGENTS_DICT, bak.CodeMap(SPEC, set()), problems)
    assert agents["constable"] == ["COP", None] and agents["constables"] == ["COP", None]
    assert agents["police"] == ["COP", None] and "polices" not in agents
    assert "party" in agents and "parties" not in agents  # {} : no plural
    assert agents["attorneys"] == ["JUD", None]  # vowel + y
    assert agents["bosses"] == ["BUS", None]
    assert agents["mice"] == ["CVL", None] and "mouses" not in agents
    assert agents["poor"] == ["CVL", None]  # "the poor", leading "the" dropped like every key
    assert "ministry" in agents and "ministrys" not in agents and "ministries" not in agents  # trailing _
    assert {k for k in agents if k.startswith("fire")} == {"fireman", "firewoman", "firepeople"}
    assert agents["health minister"] == ["GOV", None] and agents["health ministry"] == ["GOV", None]
    assert agents["newsman"] == ["JRN", None] and agents["nurses"] == ["MED", None]
    assert agents["monitor"] == ["GOV", "IGO"] and agents["aid agency"] == ["SOC", "NGO"]
    assert agents["fighters"] == ["REB", None] and agents["cleric"] == ["REL", None]
    assert problems["agent without a code"] == 1
    assert problems["agent listed twice with different codes"] == 1  # health minister: ~GOVHLH beats ~HLH


def test_discards():
    assert bak.read_discards("+TIDDLYWINKS CUP\nSPACE OPERA   # films\n\n") == {"tiddlywinks cup": 1, "space opera": 0}


# ---------------------------------------------------------------- the compiled document

@pytest.fixture(scope="module")
def fixture_kb():
    doc, problems = _compile()
    return ActorKB(json.loads(json.dumps(doc))), doc, problems


def test_compiled_people_orgs_places(fixture_kb):
    kb, doc, _ = fixture_kb
    [quux] = kb.lookup("Prime Minister Zelda Quux")
    assert quux.name == "Zelda Quux" and quux.type == "PERSON" and quux.source == "Countries"
    assert quux.code_on("2001-03-04") == ("FRE", "GOV")
    assert quux.code_on("2012-01-01") == ("FRE", "ELI")  # the default code after tenure
    assert quux.code_on(None) == ("FRE", "ELI")
    assert quux.code_on("2001") == quux.code_on("2001-06") == ("FRE", "GOV")  # partial dates: their first day
    assert quux.roles[0] == KBRole("FRE", "ELI", "1956-01-01", "1997-05-02", "FREELI")
    [plank] = kb.lookup("ARNO PLANK")
    assert plank.code is None and plank.code_on("2016-05-05") == ("FRE", "GOV")
    assert plank.code_on("1999-06-01") == ("FRE", "GOV") and plank.code_on("1980-06-01") == ("FRE", "JRN")
    assert plank.code_on("2005-01-01") == ("FRE", None)  # no role that day, no default: country only
    assert plank.code_on(None) == ("FRE", "GOV")  # the most recent role
    [volt] = kb.lookup("Volt")
    assert volt.type == "PERSON" and volt.aliases == ("President Volt", "Volt")
    [guards] = kb.lookup("freedonian guards corps")
    assert (guards.type, guards.country, guards.sector) == ("ORG", "FRE", "MIL")
    [uf] = kb.lookup("the United Federation")  # two identical records merged
    assert (uf.country, uf.sector) == ("UNO", "GOV") and kb.lookup("UF") == [uf]
    [swank] = kb.lookup("Tilda Swank")
    assert swank.type == "PERSON" and swank.code_on("1995-01-01") == ("UNO", "GOV")
    assert swank.code_on("2005-01-01") == ("UNO", "ELI")
    [acme] = kb.lookup("Acme Widgets Inc")
    assert (acme.type, acme.country, acme.sector, acme.code) == ("ORG", "MNC", "BUS", "MNCUSA")
    assert kb.place("Freedonian") == "FRE" and kb.place_info("Freedonia City").kind == "other"
    assert kb.place_info("freedonia").name == "Freedonia" and kb.lookup("Freedonia") == []
    assert kb.is_discard("Tiddlywinks Cup") and not kb.is_discard("Tiddlywinks")
    assert kb.agent("Constables").sector == "COP" and kb.agent("Freedonian police").sector == "COP"
    assert kb.agent("ferrets") is None


def test_build_output_is_deterministic(tmp_path):
    doc, _ = _compile()
    a = bak.write_gz(doc, tmp_path / "a.json.gz")
    doc2, _ = _compile()
    b = bak.write_gz(doc2, tmp_path / "b.json.gz")
    assert a == b and gzip.decompress(a).startswith(b'{"actors":')


# ---------------------------------------------------------------- the shipped file

@pytest.fixture(scope="module")
def kb():
    return load_kb()


def test_shipped_file_and_licence_are_present():
    assert KB_PATH.exists() and KB_PATH.stat().st_size < 2_000_000
    assert "MIT License" in (GAZ / "PETRARCH2-LICENSE.txt").read_text(encoding="utf-8")


def test_shipped_tony_blair(kb):
    [blair] = kb.lookup("Tony Blair")
    assert isinstance(blair, KBActor) and blair.type == "PERSON"
    assert blair.code_on("2005-02-01") == ("GBR", "GOV")
    assert blair.code_on("2010-06-01")[0] == "GBR"
    assert kb.lookup("TONY BLAIR") == [blair]


def test_shipped_people_keep_their_country(kb):
    [clinton] = kb.lookup("Hillary Clinton")
    assert clinton.country == "USA" and clinton.code_on("2010-01-01") == ("USA", "GOV")
    assert kb.lookup("Hillary Rodham Clinton") == [clinton]
    people = [a for a in kb.lookup("Yuriy Trutnev") if a.type == "PERSON"]  # one role, from 2004, no default
    assert people and all(a.code_on("1995-01-01")[0] == "RUS" for a in people)


def test_shipped_agents_places_orgs(kb):
    assert kb.agent("police").sector == "COP"
    assert kb.agent("rebels").sector == "REB" and kb.agent("Rebel").sector == "REB"
    assert kb.agent("soldiers").sector == "MIL"
    assert kb.place("Kabul") == "AFG" and kb.place("Afghan") == "AFG"
    assert kb.place_info("Kabul").kind == "capital"
    assert kb.place("Korea") is None  # both Koreas claim it
    assert {(a.country, a.sector) for a in kb.lookup("Taliban")} == {("AFG", "REB")}
    assert {a.country for a in kb.lookup("United Nations")} == {"UNO"}


@pytest.mark.shared
def test_shipped_file_is_up_to_date(shared_data, tmp_path):
    """Rebuilding from ../shared gives the shipped bytes: run `make gazetteer` after changing the data."""
    assert bak.main(["--shared", str(shared_data.parent), "--out", str(tmp_path), "-q"]) == 0
    assert (tmp_path / "actor_kb.json.gz").read_bytes() == KB_PATH.read_bytes()


# ---------------------------------------------------------------- members of the US Congress

# Invented members in the format of tools/build_us_congress.py's output.
CONGRESS_CSV = """\
name,aliases,roles,party
Zelda Quux,Zelda A. Quux,"LEG,1990-01-03,2001-01-03",Independent
Volt Boris,,"LEG,2019-01-03,2027-01-03",Democrat
Hobart Fennel,Hobart J. Fennel,"LEG,2011-01-05,2027-01-03",Republican
"""

US_DICT = COUNTRY_DICT + """\
HOBART_FENNEL_
\t[USAGOV 610101-631231]
WANDA_MILL_
\t[USAGOV 20050101-20090101]
"""


def test_congress_members_join_their_entry_or_become_actors():
    doc, problems = bak.compile_kb({"Countries": US_DICT, "International": INTERNATIONAL_DICT}, AGENTS_DICT, "",
                                   SPEC, COUNTRIES_CSV, CONGRESS_CSV)
    kb = ActorKB(doc)
    quuxes = kb.lookup("Zelda Quux")  # a Freedonian of the same years is not an American legislator
    assert sorted((a.country, a.source) for a in quuxes) == [("FRE", "Countries"), ("USA", "USCongress")]
    fennels = kb.lookup("Hobart Fennel")  # a namesake of another era stays apart
    assert len(fennels) == 2
    member = next(a for a in fennels if a.source == "USCongress")
    assert member.code_on("2016-05-01") == ("USA", "LEG") and member.code_on("2005-05-01") == ("USA", None)
    assert kb.lookup("Hobart J. Fennel") == [member]
    [boris] = kb.lookup("Volt Boris")
    assert boris.roles == (KBRole("USA", "LEG", "2019-01-03", "2027-01-03", "USALEG"),)


def test_congress_rows_join_consecutive_terms_and_name_people_as_news_does():
    spec = importlib.util.spec_from_file_location("build_us_congress", ROOT / "tools" / "build_us_congress.py")
    buc = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(buc)
    person = {"name": {"first": "Bartholomew", "nickname": "Bart", "last": "Quill", "suffix": "Jr.",
                       "official_full": "Bartholomew Quill Jr."},
              "terms": [{"type": "rep", "start": "1961-01-03", "end": "1963-01-03"},
                        {"type": "rep", "start": "2003-01-07", "end": "2005-01-03"},
                        {"type": "rep", "start": "2005-01-04", "end": "2007-01-03"},
                        {"type": "sen", "start": "2007-01-04", "end": "2013-01-03"},
                        {"type": "sen", "start": "2019-01-03", "end": "2025-01-03"}]}
    [row] = buc.rows([person, {"name": {"first": "Old", "last": "Timer"},
                               "terms": [{"type": "rep", "start": "1901-01-01", "end": "1903-01-01"}]}])
    assert row["name"] == "Bart Quill"
    assert row["aliases"].split("|") == ["Bartholomew Quill", "Bartholomew Quill Jr.", "Bart Quill Jr."]
    assert row["roles"] == "LEG,2003-01-07,2013-01-03;LEG,2019-01-03,2025-01-03"  # 1961 is before 1975


def test_shipped_congress_members(kb):
    [sanders] = kb.lookup("Bernie Sanders")
    assert sanders.code_on("2016-06-13") == ("USA", "LEG")
    assert kb.lookup("Bernard Sanders") == [sanders]
    [pelosi] = kb.lookup("Nancy Pelosi")  # the dictionaries' entry, with her terms added
    assert pelosi.code_on("2019-03-01") == ("USA", "LEG") and pelosi.code_on("2008-03-01") == ("USA", "GOV")
