"""The bundled gazetteer plus a user's actors file, loaded once per process.

Bundled data lives in ``newsgraph/data/gazetteer/`` (countries.csv,
organizations.yaml, people.yaml, roles.yaml). A user's actors file (YAML list
or CSV) is validated completely before anything from it is used, so a bad line
raises :class:`NewsgraphError` naming the file and line and nothing is half
loaded. User entries win over bundled ones with the same name or alias.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from newsgraph.errors import NewsgraphError
from newsgraph.nlp.actors.names import normalize_name

ENTITY_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
NONSTATE_CODES = frozenset({"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"})
SECTORS = frozenset("COP GOV JUD LEG MIL PRM PTY REB SPY UAF UNK AGR BUS CRM CVL EDU ELI JRN LAB MED REF OPP PRE REL SOC".split())
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_QID = re.compile(r"^Q[1-9]\d*$")
DATA_DIR = Path(__file__).resolve().parents[2] / "data" / "gazetteer"
#: libyaml's parser when PyYAML was built with it (7x faster on people.yaml), else the pure-Python one.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Position:
    office: str
    start: str | None = None
    end: str | None = None
    sector: str | None = None
    country: str | None = None

    def holds_on(self, date: str) -> bool:
        """Inclusive start, exclusive end; partial dates compare by prefix order."""
        day = date[:10]
        if self.start and day < self.start:
            return False
        return not (self.end and day >= self.end)


@dataclass
class GazEntry:
    uid: str
    name: str
    type: str
    country: str | None = None
    sector: str | None = None
    kb_id: str | None = None
    aliases: list[str] = field(default_factory=list)
    gender: str | None = None
    positions: list[Position] = field(default_factory=list)
    metonym: bool = False  # a seat of government standing for the government
    capital_of: str | None = None
    region: bool = False
    user: bool = False

    def sector_on(self, date: str | None) -> str | None:
        """The sector on ``date``: a dated position's, else the entry's; None for a person
        whose every office is dated and none held that day (Marco Rubio in 2016 is a
        senator, not the secretary of state he became: the text's roles tell)."""
        if date:
            for pos in self.positions:
                if pos.holds_on(date):
                    return pos.sector or self.sector
            if self.type == "PERSON" and self.positions and all(p.start for p in self.positions):
                return None
        return self.sector


@dataclass
class Country:
    iso3: str
    name: str
    leader_office: str | None
    kb_id: str | None


class Gazetteer:
    """Lookups by normalised alias, demonym, surname and office."""

    def __init__(self, entries: list[GazEntry], countries: dict[str, Country],
                 demonyms: dict[str, str], roles: dict):
        self.entries = entries
        self.countries = countries
        self.demonyms = demonyms  # normalised demonym -> ISO code
        self._read_roles(roles)
        self.by_alias: dict[str, list[GazEntry]] = {}
        self.by_name_word: dict[str, list[GazEntry]] = {}
        self.by_office: dict[tuple[str, str], list[tuple[Position, GazEntry]]] = {}
        self.country_words: dict[str, str] = {}
        self.country_entries: dict[str, GazEntry] = {}
        self.party_countries: dict[str, str] = {}  # "tory", "republican" -> the party's country
        for entry in sorted(entries, key=lambda e: not e.user):  # user entries first
            self._index_entry(entry)
        self.title_words = frozenset(w for t in self.titles for w in t.replace("-", " ").split())
        self.demonym_words = frozenset(w for d in self.demonyms for w in d.split())
        self.country_name_words = frozenset(w for c in self.country_words for w in c.split())

    def _read_roles(self, roles: dict) -> None:
        """Titles, organisation keywords, honorifics and other word lists from the roles data."""
        self.titles: dict[str, dict] = {k.lower(): v or {} for k, v in roles.get("titles", {}).items()}
        self.org_keywords: dict[str, str] = {k.lower(): v for k, v in roles.get("org_keywords", {}).items()}
        self.legislative_committee_words = frozenset(roles.get("legislative_committee_words", []))
        self.honorifics = frozenset(roles.get("honorifics", []))
        self.female_honorifics = frozenset(roles.get("female_honorifics", []))
        self.male_honorifics = frozenset(roles.get("male_honorifics", []))
        self.role_modifiers = frozenset(roles.get("role_modifiers", []))
        self.former_markers = frozenset(roles.get("former_markers", []))
        self.epithets = frozenset(roles.get("epithets", []))
        self.org_anaphors = frozenset(roles.get("org_anaphors", []))
        self.business_nouns = frozenset(roles.get("business_nouns", []))
        self.org_name_endings = frozenset(roles.get("org_name_endings", []))
        self.market_professions = frozenset(roles.get("market_professions", []))
        self.entourage_nouns = frozenset(roles.get("entourage_nouns", []))
        self.geographic_features = frozenset(roles.get("geographic_features", []))
        self.local_institution_words = frozenset(roles.get("local_institution_words", []))
        self.abbreviations: dict[str, str] = {k.lower(): v for k, v in (roles.get("abbreviations") or {}).items()}

    def _index_entry(self, entry: GazEntry) -> None:
        """Add one entry to the alias, name-word, office, party and country indexes."""
        for alias in [entry.name, *entry.aliases]:
            key = normalize_name(alias)
            if key:
                self.by_alias.setdefault(key, []).append(entry)
        if entry.type == "PERSON":
            words = normalize_name(entry.name).split()
            for w in {words[0], words[-1]} if len(words) > 1 else set():
                self.by_name_word.setdefault(w, []).append(entry)
            for pos in entry.positions:
                country = pos.country or entry.country
                if country:
                    self.by_office.setdefault((country, pos.office), []).append((pos, entry))
        if entry.type == "ORG" and entry.sector == "PTY" and entry.country:
            for alias in [entry.name, *entry.aliases]:
                self.party_countries.setdefault(normalize_name(alias), entry.country)
        if entry.type == "GPE" and entry.country and not entry.capital_of:
            self.country_entries.setdefault(entry.country, entry)
            for alias in [entry.name, *entry.aliases]:
                self.country_words[normalize_name(alias)] = entry.country

    def lookup(self, text: str) -> list[GazEntry]:
        """Entries whose name or alias normalises like ``text`` (user entries first)."""
        return self.by_alias.get(normalize_name(text), [])

    def demonym_country(self, text: str) -> str | None:
        key = normalize_name(text)
        return self.demonyms.get(key) or self.country_words.get(key)

    def offices_for(self, title_info: dict, country: str) -> list[str]:
        """The offices a title names in ``country``: "chancellor" is the head of
        government in Germany and the finance minister in the United Kingdom."""
        by_country = title_info.get("office_by_country") or {}
        return list(by_country.get(country) or title_info.get("office") or [])

    def holder(self, country: str, offices: list[str], date: str | None) -> tuple[GazEntry | None, bool]:
        """Who held the first of ``offices`` in ``country`` on ``date``.

        Returns (entry, dated). Without a date the latest holder (still in
        office, else most recently started) is returned and dated is False.
        """
        for office in offices:
            if office == "leader":
                c = self.countries.get(country)
                office = c.leader_office if c and c.leader_office else "head_of_state"
            holders = self.by_office.get((country, office), [])
            if not holders:
                continue
            if date:
                for pos, entry in sorted(holders, key=lambda h: h[0].start or "", reverse=True):
                    if pos.holds_on(date):
                        return entry, True
                continue
            current = [h for h in holders if not h[0].end]
            pool = current or holders
            pos, entry = max(pool, key=lambda h: h[0].start or "")
            return entry, False
        return None, bool(date)


# ---------------------------------------------------------------- loading

def _split(value) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [v.strip() for v in str(value).split("|") if v.strip()]


def _date(value, where: str) -> str | None:
    if value is None or value == "":
        return None
    text = str(value).strip()
    if not _DATE.match(text):
        raise NewsgraphError(f"{where}: bad date {text!r} (use YYYY-MM-DD or YYYY-MM)")
    return text


def _entry_from_mapping(item, where: str, user: bool) -> GazEntry:
    if not isinstance(item, dict):
        raise NewsgraphError(f"{where}: expected a mapping with at least 'name', got {type(item).__name__}")
    name = str(item.get("name") or "").strip()
    if not name:
        raise NewsgraphError(f"{where}: missing 'name'")
    etype = str(item.get("type") or "PERSON").strip().upper()
    if etype not in ENTITY_TYPES:
        raise NewsgraphError(f"{where}: type {etype!r} is not one of {', '.join(sorted(ENTITY_TYPES))}")
    country = str(item.get("country") or "").strip().upper() or None
    if country and not re.fullmatch(r"[A-Z]{3}", country):
        raise NewsgraphError(f"{where}: country {country!r} is not an ISO alpha-3 or PLOVER code")
    sector = str(item.get("sector") or "").strip().upper() or None
    if sector and sector not in SECTORS:
        raise NewsgraphError(f"{where}: sector {sector!r} is not a PLOVER sector code")
    kb_id = str(item.get("kb_id") or item.get("wikidata") or "").strip() or None
    if kb_id and not _QID.match(kb_id):
        raise NewsgraphError(f"{where}: kb_id {kb_id!r} is not a Wikidata id like Q123")
    positions = []
    raw_positions = item.get("positions") or []
    if item.get("office"):
        raw_positions = [*raw_positions, {"office": item["office"], "start": item.get("start"), "end": item.get("end")}]
    if not isinstance(raw_positions, list):
        raise NewsgraphError(f"{where}: 'positions' must be a list")
    for p in raw_positions:
        if not isinstance(p, dict) or not p.get("office"):
            raise NewsgraphError(f"{where}: each position needs an 'office'")
        psector = str(p.get("sector") or "").strip().upper() or None
        if psector and psector not in SECTORS:
            raise NewsgraphError(f"{where}: sector {psector!r} is not a PLOVER sector code")
        positions.append(Position(str(p["office"]).strip(), _date(p.get("start"), where),
                                  _date(p.get("end"), where), psector,
                                  (str(p.get("country")).upper() if p.get("country") else None)))
    gender = str(item.get("gender") or "").strip().lower()[:1] or None
    prefix = "user" if user else "gaz"
    return GazEntry(uid=f"{prefix}:{etype}:{normalize_name(name)}", name=name, type=etype, country=country,
                    sector=sector, kb_id=kb_id, aliases=_split(item.get("aliases")), gender=gender,
                    positions=positions, metonym=bool(item.get("metonym")), region=bool(item.get("region")),
                    user=user)


def _yaml_items(text: str, source: str) -> list[tuple[int, object]]:
    """Top-level list items with their 1-based line numbers."""
    loader = _SafeLoader(text)  # one pass: the node tree gives line numbers and the data
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise NewsgraphError(f"{source}{line}: not valid YAML ({getattr(exc, 'problem', exc)})") from None
    if data is None:
        return []
    if not isinstance(data, list) or not isinstance(node, yaml.SequenceNode):
        raise NewsgraphError(f"{source}:1: expected a list of actors")
    return [(n.start_mark.line + 1, item) for n, item in zip(node.value, data)]


def parse_actors(text: str, source: str, fmt: str, user: bool = True) -> list[GazEntry]:
    """Parse a whole actors file; raise on the first bad line, before returning anything."""
    entries = []
    if fmt == "csv":
        reader = csv.DictReader(text.splitlines())
        if not reader.fieldnames or "name" not in [f.strip() for f in reader.fieldnames]:
            raise NewsgraphError(f"{source}:1: a CSV actors file needs a header with a 'name' column")
        for row in reader:
            if None in row:
                raise NewsgraphError(f"{source}:{reader.line_num}: more fields than the header has")
            row = {k.strip(): (v or "").strip() for k, v in row.items()}
            entries.append(_entry_from_mapping(row, f"{source}:{reader.line_num}", user))
    else:
        for line, item in _yaml_items(text, source):
            entries.append(_entry_from_mapping(item, f"{source}:{line}", user))
    return entries


def load_actors_file(path: str | Path) -> list[GazEntry]:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise NewsgraphError(f"{p}: cannot read actors file ({exc})") from None
    fmt = "csv" if p.suffix.lower() in (".csv", ".tsv") else "yaml"
    return parse_actors(text, str(p), fmt)


def _data(name: str) -> str:
    return (DATA_DIR / name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _bundled() -> tuple[list[GazEntry], dict[str, Country], dict[str, str], dict]:
    entries: list[GazEntry] = []
    countries: dict[str, Country] = {}
    demonyms: dict[str, str] = {}
    for row in csv.DictReader(_data("countries.csv").splitlines()):
        iso, name = row["iso3"], row["name"]
        kb = row["wikidata"] or None
        countries.setdefault(iso, Country(iso, name, row["leader_office"] or None, kb))
        entries.append(GazEntry(uid=f"gaz:GPE:{normalize_name(name)}", name=name, type="GPE", country=iso,
                                kb_id=kb, aliases=_split(row["aliases"])))
        for dem in _split(row["demonyms"]):
            demonyms.setdefault(normalize_name(dem), iso)
        for cap in _split(row["capitals"]):
            entries.append(GazEntry(uid=f"gaz:GPE:{normalize_name(cap)}", name=cap, type="GPE",
                                    country=iso, capital_of=iso))
    for fname in ("organizations.yaml", "people.yaml"):
        for line, item in _yaml_items(_data(fname), fname):
            entries.append(_entry_from_mapping(item, f"{fname}:{line}", user=False))
    roles = yaml.safe_load(_data("roles.yaml"))
    return entries, countries, demonyms, roles


@lru_cache(maxsize=8)
def _load(actors_file: str | None, mtime: float | None) -> Gazetteer:
    entries, countries, demonyms, roles = _bundled()
    user = load_actors_file(actors_file) if actors_file else []
    overridden = {normalize_name(a) for e in user for a in [e.name, *e.aliases]}
    kept = [e for e in entries if normalize_name(e.name) not in overridden]
    return Gazetteer(user + kept, countries, demonyms, roles)


def load_gazetteer(actors_file: str | Path | None = None) -> Gazetteer:
    """The gazetteer for this process (cached; reloaded if the actors file changes)."""
    if not actors_file:
        return _load(None, None)
    p = Path(actors_file)
    try:
        mtime = p.stat().st_mtime
    except OSError as exc:
        raise NewsgraphError(f"{p}: cannot read actors file ({exc.strerror or exc})") from None
    return _load(str(p.resolve()), mtime)
