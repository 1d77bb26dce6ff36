#!/usr/bin/env python3
"""Compile PETRARCH2's actor, agent and discard dictionaries into newsgraph's actor KB.

    python tools/build_actor_kb.py --shared ../shared        # or: make gazetteer

Reads ``SHARED/data/petrarch2/dictionaries/`` (MIT licence, Open Event Data
Alliance; format in its dictionaries.rst) and writes two files next to the
bundled gazetteer, so nothing under ../shared is needed at run time:

* ``actor_kb.json.gz``: one JSON document (sorted keys, gzip mtime 0, so a
  rebuild from the same input gives identical bytes), read by
  :mod:`newsgraph.nlp.actors.kb`. Each actor is one tab-separated line and
  the alias index is precomputed with :func:`normalize_name`, so loading is
  one ``json.loads`` (rebuild if ``normalize_name`` changes);
* ``PETRARCH2-LICENSE.txt``: the licence notice of the compiled facts.

CAMEO codes are turned into PLOVER (country, sector) pairs with
``cameo_sectors.yaml``. Dates: YYMMDD or YYYYMMDD; two-digit years 00-20 are
20xx, 21-99 are 19xx (the dictionaries date from 2014; their two-digit years
are 00-14 and 31-99). Bounds are inclusive, as dictionaries.rst says. Lines
that cannot be read (bad dates, typos, names lost to a stray comment) are
skipped and counted in the summary printed at the end and stored under
``build`` in the output.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gzip
import io
import itertools
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from newsgraph.nlp.actors.names import normalize_name  # noqa: E402

DATA_DIR = ROOT / "src" / "newsgraph" / "data" / "gazetteer"
DICT_SUBDIR = Path("data") / "petrarch2" / "dictionaries"
ACTOR_FILES = {"Countries": "Phoenix.Countries.actors.txt",
               "International": "Phoenix.International.actors.txt",
               "MilNonState": "Phoenix.MilNonState.actors.txt"}
AGENT_FILE = "Phoenix.agents.txt"
DISCARD_FILE = "Phoenix.discards.txt"
FORMAT = 1
PIVOT = 20  # two-digit years 00..PIVOT are 20xx, the rest 19xx

_BRACKET = re.compile(r"\[([^\]]*)\]")
_CODE = re.compile(r"^(?:[A-Z]{3})+$")
_PAREN = re.compile(r"\(([^()]*)\)?")
_ROMAN = re.compile(r"^(?:I{2,3}|IV|VI{0,3}|IX|XI{0,3})$")
_VOWEL = re.compile(r"[AEIOUY]")


class Problems(Counter):
    """Counts of skipped or odd input, with a few examples of each."""

    def __init__(self):
        super().__init__()
        self.examples: dict[str, list[str]] = {}

    def add(self, kind: str, example: str = "") -> None:
        self[kind] += 1
        if example and len(self.examples.setdefault(kind, [])) < 40:
            self.examples[kind].append(example)


# ------------------------------------------------------------------ dates

def parse_date(text: str) -> str | None:
    """YYMMDD or YYYYMMDD -> ISO date; None if it is not a real date."""
    if not text.isdigit() or len(text) not in (6, 8):
        return None
    if len(text) == 6:
        yy = int(text[:2])
        year = (2000 if yy <= PIVOT else 1900) + yy
        month, day = int(text[2:4]), int(text[4:6])
    else:
        year, month, day = int(text[:4]), int(text[4:6]), int(text[6:8])
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


@dataclass
class CodeRule:
    """One bracketed code: ``[CODE]`` (the default) or ``[CODE dates]``."""

    code: str
    start: str | None = None
    end: str | None = None
    dated: bool = False


def parse_restriction(body: str) -> CodeRule | str:
    """The text inside ``[...]`` -> a CodeRule, or a string naming the problem."""
    parts = body.split(None, 1)
    if not parts:
        return "empty code"
    code = parts[0].strip()
    if code == "---":
        return "null code"
    if not _CODE.match(code) and _CODE.match(re.sub(r"\d+", "", code)):
        code = re.sub(r"\d+", "", code)  # "NGOCHRPRO214": a stray number inside the code
    if not _CODE.match(code):
        return "bad code"
    if len(parts) == 1:
        return CodeRule(code)
    rest = re.sub(r"\s+", "", parts[1])
    if rest[:1] in "<>":
        day = parse_date(rest[1:])
        if not day:
            return "bad date"
        return CodeRule(code, None, day, True) if rest[0] == "<" else CodeRule(code, day, None, True)
    if rest.count("-") == 1:
        a, b = (parse_date(x) for x in rest.split("-"))
        if not a or not b:
            return "bad date"
        if b < a:
            return "end before start"
        return CodeRule(code, a, b, True)
    return "bad date"  # a bare date ("[USAGOV 19820101]") says neither before nor after


# ------------------------------------------------------------------ actor dictionaries

@dataclass
class Record:
    """One dictionary entry: a primary phrase, its synonyms and its codes."""

    phrases: list[str]
    comment: str = ""
    rules: list[CodeRule] = field(default_factory=list)
    line: int = 0
    source: str = ""


def _split_comment(line: str) -> tuple[str, str]:
    body, _, comment = line.partition("#")
    if ";" in body:  # old-style "; CountryInfo.txt" comments
        body, _, more = body.partition(";")
        comment = more + comment
    return body, comment.strip()


def _phrase(text: str) -> str:
    """Dictionary phrase -> words separated by single spaces ("TONY_BLAIR_" -> "TONY BLAIR")."""
    return " ".join(text.replace("_", " ").replace("`", "'").split())


def read_actor_records(text: str, source: str, problems: Problems) -> list[Record]:
    """Parse a TABARI/PETRARCH actor dictionary into records.

    A line at column 0 starts a record (its codes may follow in brackets,
    dated or not); ``+`` lines add synonyms; tab-indented ``[CODE dates]``
    lines add date restrictions. Code-less primaries directly followed (no
    blank line) by another primary share that record's codes, as in
    PETRARCH ("IVO_JOSIPOVIC_" / "JOSIPOVIC_" / dates). A comment-only line
    indented with spaces is a record whose name was lost: the lines under it
    are dropped, not attached to the record before.
    """
    records: list[Record] = []
    lost = Record([])  # stands for a record whose name was lost
    current: Record | None = None
    blank_since = False

    def close(record: Record | None) -> None:
        if record is None or record is lost:
            return
        if record.rules:
            records.append(record)
        else:
            problems.add("record without a code", f"{source}:{record.line} {record.phrases[0]}")

    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            blank_since = True
            continue
        stripped = line.lstrip(" ")
        if stripped.startswith("#"):
            if line.startswith(" "):  # "  # CountryInfo.txt": the name before the comment is gone
                close(current)
                current = lost
                problems.add("record without a name", f"{source}:{number}")
            continue
        body, comment = _split_comment(stripped)
        head = body.strip()
        if stripped.startswith("+") or (stripped.startswith("\t") and (not head or head.startswith("["))):
            if current is None or current is lost:
                problems.add("line outside a record", f"{source}:{number}")
            else:
                if head.startswith("+"):
                    phrase = _phrase(head[1:].split("[")[0])
                    if phrase:
                        current.phrases.append(phrase)
                _add_rules(current, head, source, number, problems)
            blank_since = False
            continue
        # a primary phrase (possibly indented by mistake)
        phrase = _phrase(head.split("[")[0])
        carry: list[str] = []
        if current is not None and current is not lost and not current.rules and not blank_since:
            carry = current.phrases
        else:
            close(current)
        blank_since = False
        if not phrase:
            problems.add("record without a name", f"{source}:{number}")
            current = lost
            continue
        current = Record([*carry, phrase], comment=comment, line=number, source=source)
        _add_rules(current, head, source, number, problems)
    close(current)
    return records


def _add_rules(record: Record, text: str, source: str, number: int, problems: Problems) -> None:
    for body in _BRACKET.findall(text):
        rule = parse_restriction(body)
        if isinstance(rule, str):
            problems.add(rule, f"{source}:{number} [{body}]")
        else:
            record.rules.append(rule)


# ------------------------------------------------------------------ codes

class CodeMap:
    """CAMEO code -> PLOVER (country, sector), driven by cameo_sectors.yaml."""

    def __init__(self, spec: dict, countries: set[str]):
        self.sectors: dict[str, str] = spec["sectors"]
        self.religions = frozenset(spec["religions"])
        self.nonstate: dict[str, dict] = spec["nonstate"]
        self.igo_members: dict[str, str] = spec["igo_members"]
        self.federations = frozenset(spec["federations"])
        self.renames: dict[str, str | None] = spec["countries"]
        self.regions = frozenset(spec["regions"])
        self.exclude = frozenset(spec.get("exclude", []))
        self.countries = countries
        self.unknown: Counter = Counter()

    def pieces(self, code: str) -> list[str]:
        return [code[i:i + 3] for i in range(0, len(code), 3)]

    def country(self, code: str) -> str | None:
        first, *rest = self.pieces(code)
        if first in self.nonstate:
            if first == "IGO":
                for piece in rest:
                    if piece in self.igo_members:
                        return self.igo_members[piece]
            return first
        if first in self.renames:
            return self.renames[first]
        if first in self.federations and rest and self._is_country(rest[0]):
            return self.renames.get(rest[0], rest[0])
        if first in self.regions or first in self.sectors or first in self.religions:
            return None
        if first not in self.countries:
            self.unknown[first] += 1
        return first

    def _is_country(self, piece: str) -> bool:
        return piece in self.countries or piece in self.renames

    def sector(self, code: str) -> str | None:
        pieces = self.pieces(code)
        first = pieces[0]
        agent_pieces = pieces if (first in self.sectors or first in self.religions) else pieces[1:]
        for piece in agent_pieces:
            if piece in self.sectors:
                return self.sectors[piece]
        religion = any(p in self.religions for p in agent_pieces)
        default = self.nonstate.get(first, {})
        if religion and not default.get("over_religion"):
            return "REL"
        return default.get("sector")


# ------------------------------------------------------------------ names

class Namer:
    """Display names from dictionary phrases ("TONY BLAIR" -> "Tony Blair")."""

    PARTICLES = frozenset("al el bin ibn bint ben de da das do dos du des del della der den di "
                          "van von la le y e ul ud ur".split())
    SMALL = frozenset("of the and for in on at to a an".split())  # lower-case inside organisation names

    def __init__(self, acronyms: list[str]):
        self.acronyms = frozenset(acronyms)

    def word(self, word: str, first: bool, org: bool, place: bool = False) -> str:
        if (org or place) and not first and word.lower() in self.SMALL:
            return word.lower()
        if org and (word in self.acronyms or all(len(x) >= 2 and (x.isdigit() or not _VOWEL.search(x))
                                                  for x in word.split("-"))):
            return word  # "HRW", "MS-13", "PFLP-GC"
        if "." in word and re.fullmatch(r"(?:[A-Z]\.)+[A-Z]?", word):
            return word  # initials: "U.N.", "J.R."
        if not first and _ROMAN.match(word):
            return word
        if word in ("JR", "JR.", "SR", "SR."):
            return word.capitalize().rstrip(".") + "."
        parts = word.split("-")
        out = []
        for i, part in enumerate(parts):
            low = part.lower()
            if low in self.PARTICLES and not (first and i == 0):
                out.append(low)
            else:
                out.append(self._cap(part))
        return "-".join(out)

    @staticmethod
    def _cap(part: str) -> str:
        if not part:
            return part
        if "'" in part:
            head, _, tail = part.partition("'")
            if len(head) == 1 and tail:  # O'NEILL, D'ESTAING
                return head.upper() + "'" + tail[:1].upper() + tail[1:].lower()
            return head[:1].upper() + head[1:].lower() + "'" + tail.lower()
        if part.startswith("MC") and len(part) > 3 and part.isalpha():
            return "Mc" + part[2].upper() + part[3:].lower()
        if part.startswith('"') and len(part) > 1:
            return '"' + Namer._cap(part[1:])
        return part[:1].upper() + part[1:].lower()

    def display(self, phrase: str, kind: str = "PERSON") -> str:
        """Title case; organisations keep acronyms, organisations and places lower-case "of", "the"..."""
        org, place = kind == "ORG", kind == "GPE"
        words = phrase.split()
        if org and len(words) == 1 and len(words[0]) <= 4 and words[0].isalpha():
            return words[0]
        return " ".join(self.word(w, i == 0, org, place) for i, w in enumerate(words))


def split_phrase(phrase: str) -> tuple[str, list[str]]:
    """"ANIMAL LIBERATION FRONT (ALF)" -> ("ANIMAL LIBERATION FRONT", ["ALF"]); "X (ACTING" -> ("X", [])."""
    extra = []
    for m in _PAREN.finditer(phrase):
        inner = m.group(1).strip()
        if m.group(0).endswith(")") and inner and " " not in inner and inner.replace(".", "").isalpha():
            extra.append(inner)
    base = " ".join(_PAREN.sub(" ", phrase).split())
    return base or phrase, extra


# ------------------------------------------------------------------ compiling actors

@dataclass
class Actor:
    name: str
    type: str
    country: str | None
    sector: str | None
    code: str | None
    source: str
    aliases: list[str]
    roles: list[list]

    def row(self) -> str:
        """One line: tab-separated fields, aliases joined by "|", roles by ";", role fields by ","."""
        for text in [self.name, *self.aliases]:
            if any(ch in text for ch in "\t\n|"):
                raise ValueError(f"separator inside a name: {text!r}")
        roles = ";".join(",".join(x or "" for x in r) for r in self.roles)
        return "\t".join([self.name, self.type, self.country or "", self.sector or "", self.code or "",
                          self.source, "|".join(self.aliases), roles])


class Compiler:
    def __init__(self, spec: dict, countries_csv: str):
        rows = list(csv.DictReader(countries_csv.splitlines()))
        iso = {r["iso3"] for r in rows}
        self.demonyms = {normalize_name(d) for r in rows for d in r["demonyms"].split("|") if d}
        self.capitals = {normalize_name(c) for r in rows for c in r["capitals"].split("|") if c}
        self.country_names = {normalize_name(n) for r in rows
                              for n in [r["name"], *r["aliases"].split("|")] if n}
        self.codes = CodeMap(spec, iso)
        self.namer = Namer(spec.get("acronyms", []))
        self.org_words = frozenset(spec.get("org_words", []))
        self.given_names: frozenset[str] = frozenset()
        self.problems = Problems()

    # -- classification
    def learn_given_names(self, records: list[Record]) -> None:
        """First words of the names the country file marks as people (CountryInfo entries)."""
        counts = Counter()
        for r in records:
            if "CountryInfo" in r.comment:
                words = split_phrase(r.phrases[0])[0].split()
                if len(words) >= 2:
                    counts[words[0]] += 1
        self.given_names = frozenset(w for w in counts if w not in self.org_words
                                     and w.lower() not in Namer.PARTICLES)

    def person_like(self, phrase: str, dated: bool, code: str | None) -> bool:
        """A name that looks like a person's: no organisation word, and a dated
        role, a given name seen in the country file, or an ELI (elite) code."""
        words = split_phrase(phrase)[0].split()
        if not words or len(words) > 6 or any(w.strip("'(),.") in self.org_words for w in words):
            return False
        if any(ch.isdigit() for ch in phrase):
            return False
        if code and code.startswith("MNC") and not dated:  # companies with people-like names
            return False
        eli = bool(code) and self.codes.sector(code) == "ELI"
        return dated or ((eli or words[0] in self.given_names) and len(words) >= 2)

    def excluded(self, record: Record) -> bool:
        return any(r.code[:3] in self.codes.exclude for r in record.rules)

    def is_place(self, record: Record) -> bool:
        if record.source != "Countries" or "CountryInfo" in record.comment:
            return False
        return all(self.codes.sector(r.code) in (None, "PRE") and self.codes.country(r.code)
                   for r in record.rules)

    # -- actors
    def actor(self, record: Record) -> Actor | None:
        rules = record.rules
        dated = [r for r in rules if r.dated]
        undated = [r for r in rules if not r.dated]
        default = undated[-1].code if undated else None
        roles = []
        for r in dated:
            roles.append([self.codes.country(r.code), self.codes.sector(r.code), r.start, r.end, r.code])
        roles.sort(key=lambda x: (x[2] or "", x[3] or "9999", x[4]))
        if "CountryInfo" in record.comment or self.person_like(record.phrases[0], bool(dated), default):
            kind = "PERSON"
        else:
            kind = "ORG"
        country = self.codes.country(default) if default else None
        if country is None:
            country = self._role_country(roles)
        if default:
            sector = self.codes.sector(default)
        else:
            sector = self._latest(roles)[1] if roles else None
        names, seen = [], set()
        for phrase in record.phrases:
            if "\ufffd" in phrase:
                self.problems.add("phrase with an undecodable character", f"{record.source}:{record.line}")
                continue
            base, extra = split_phrase(phrase)
            for p, is_acronym in [(base, False), *[(e, True) for e in extra]]:
                shown = p if is_acronym else self.namer.display(p, kind)
                key = normalize_name(shown)
                if key and key not in seen:
                    seen.add(key)
                    names.append(shown)
        if not names:
            return None
        return Actor(names[0], kind, country, sector, default, record.source, names[1:], roles)

    @staticmethod
    def _latest(roles: list[list]) -> list:
        return max(roles, key=lambda r: (r[3] or "9999-12-31", r[2] or ""))

    def _role_country(self, roles: list[list]) -> str | None:
        """Most frequent country among the roles; ties go to the latest role's."""
        counts = Counter(r[0] for r in roles if r[0])
        if not counts:
            return None
        best = max(counts.values())
        for r in sorted(roles, key=lambda r: (r[3] or "9999-12-31", r[2] or ""), reverse=True):
            if r[0] and counts[r[0]] == best:
                return r[0]
        return None

    # -- places
    def place_rows(self, record: Record) -> tuple[str | None, list[tuple[str, str, str, int]]]:
        undated = [r for r in record.rules if not r.dated]
        if undated:
            iso = self.codes.country(undated[-1].code)
        else:
            latest = max(record.rules, key=lambda r: (r.end or "9999-12-31", r.start or ""))
            iso = self.codes.country(latest.code)
        name = self.namer.display(split_phrase(record.phrases[0])[0], "GPE")
        rows = []  # (key, kind, name, rank): rank 2 = the entry's own name, 1 = a known name, 0 = other
        for i, phrase in enumerate(record.phrases):
            if "\ufffd" in phrase:
                self.problems.add("phrase with an undecodable character", f"{record.source}:{record.line}")
                continue
            key = normalize_name(split_phrase(phrase)[0])
            if not key:
                continue
            if i == 0 or key in self.country_names:
                kind = "country"
            elif key in self.demonyms:
                kind = "demonym"
            elif key in self.capitals:
                kind = "capital"
            else:
                kind = "other"
            rows.append((key, kind, name, 2 if i == 0 else int(kind != "other")))
        return iso, rows


# ------------------------------------------------------------------ agents and discards

def plural(phrase: str) -> str | None:
    """Regular English plural of the last word, as dictionaries.rst describes it.

    One deliberate refinement: a vowel before a final Y gives -YS
    ("attorney" -> "attorneys"), where the rst's rule would give "attornies".
    """
    if not phrase or not phrase[-1].isalpha():
        return None
    low = phrase.lower()
    if low.endswith("y") and len(low) > 1 and low[-2] not in "aeiou":
        return phrase[:-1] + "IES"
    if low.endswith(("s", "x", "z", "ch", "sh")):
        return phrase + "ES"
    return phrase + "S"


_MARKER_DEF = re.compile(r"^!(\w+)!\s*=\s*(.+)$")
_MARKER = re.compile(r"!(\w+)!")


def read_agents(text: str, codes: CodeMap, problems: Problems) -> dict[str, list]:
    """Agent dictionary -> {normalised noun phrase: [sector, country]}.

    ``WORD {PLURAL}`` gives the plural, ``{}`` none; otherwise a regular
    plural is made unless the phrase ends with ``_``. ``!SET!`` markers are
    expanded with every member of the set (no further plurals). ``~CODE``
    adds agent pieces; ``CODE~`` (``IGO~``) names the actor's country.
    """
    sets: dict[str, list[str]] = {}
    agents: dict[str, tuple[list, str]] = {}  # key -> (value, code it came from)
    for number, raw in enumerate(text.splitlines(), 1):
        body = raw.split("#", 1)[0].strip()
        if not body:
            continue
        m = _MARKER_DEF.match(body)
        if m:
            sets[m.group(1)] = [x.strip() for x in m.group(2).split(",") if x.strip()]
            continue
        code_match = re.search(r"\[\s*([^\]\}]*)[\]\}]", body)
        if not code_match:
            problems.add("agent without a code", f"{AGENT_FILE}:{number} {body}")
            continue
        code = code_match.group(1).replace(" ", "")
        phrase_text = body[:code_match.start()].strip()
        explicit = None
        if "{" in phrase_text:
            head, _, tail = phrase_text.partition("{")
            if "}" not in tail:
                problems.add("agent with an unclosed {", f"{AGENT_FILE}:{number}")
                continue
            explicit = tail.split("}")[0].strip()
            phrase_text = head.strip()
        value = _agent_value(code, codes)
        if value is None:
            problems.add("agent code without a sector or country", f"{AGENT_FILE}:{number} [{code}]")
            continue
        if not phrase_text.isascii():
            problems.add("agent phrase with mojibake", f"{AGENT_FILE}:{number}")
            continue
        forms: list[str] = []
        if _MARKER.search(phrase_text):
            missing = [m for m in _MARKER.findall(phrase_text) if m not in sets]
            if missing:
                problems.add("agent with an undefined !SET!", f"{AGENT_FILE}:{number} !{missing[0]}!")
                continue
            forms.extend(_expand(phrase_text, sets))
        else:
            forms.append(phrase_text)
            if explicit is not None:
                if explicit:
                    forms.append(explicit)
            elif not phrase_text.endswith("_"):
                p = plural(phrase_text)
                if p:
                    forms.append(p)
        for form in forms:
            key = normalize_name(_phrase(form))
            if not key:
                continue
            if key in agents and agents[key][0] != value:
                kept, kept_code = agents[key]
                if len(_pieces(code)) > len(_pieces(kept_code)):  # ~GOVENV beats ~ENV
                    kept, kept_code = value, code
                problems.add("agent listed twice with different codes", f"{key}: {kept_code} kept")
                agents[key] = (kept, kept_code)
                continue
            agents.setdefault(key, (value, code))
    return {k: v for k, (v, _code) in agents.items()}


def _pieces(code: str) -> list[str]:
    body = code.strip("~")
    return [body[i:i + 3] for i in range(0, len(body), 3)]


def _expand(phrase: str, sets: dict[str, list[str]]) -> list[str]:
    parts = _MARKER.split(phrase)  # literal, name, literal, name, ...
    choices = [[p] if i % 2 == 0 else sets[p] for i, p in enumerate(parts)]
    return ["".join(c) for c in itertools.product(*choices)]


def _agent_value(code: str, codes: CodeMap) -> list | None:
    if code.endswith("~"):  # IGO~: the code names the actor's country
        body = code.rstrip("~")
        if not _CODE.match(body):
            return None
        return [codes.sector(body), codes.country(body)]
    body = code.lstrip("~")
    if not _CODE.match(body):
        return None
    first = body[:3]
    if first in codes.nonstate:  # ~NGO, ~IMG
        return [codes.sector(body), codes.country(body)]
    sector = codes.sector(body)
    return None if sector is None else [sector, None]


def read_discards(text: str) -> dict[str, int]:
    """Discard list -> {normalised phrase: 1 if the whole story is discarded else 0}."""
    out: dict[str, int] = {}
    for raw in text.splitlines():
        body = raw.split("#", 1)[0].strip()
        if not body:
            continue
        story = body.startswith("+")
        key = normalize_name(_phrase(body.lstrip("+")))
        if key:
            out[key] = max(out.get(key, 0), int(story))
    return out


# ------------------------------------------------------------------ the whole build

def compile_kb(texts: dict[str, str], agents_text: str, discards_text: str, spec: dict,
               countries_csv: str, congress_csv: str = "") -> tuple[dict, Problems]:
    """Dictionary texts -> the JSON document that kb.py reads, plus what was skipped."""
    comp = Compiler(spec, countries_csv)
    records: list[Record] = []
    for source, text in texts.items():
        records.extend(read_actor_records(text, source, comp.problems))
    comp.learn_given_names(records)

    actors: list[Actor] = []
    places: dict[str, list] = {}
    ranks: dict[str, int] = {}
    ambiguous: set[str] = set()
    for record in records:
        if comp.excluded(record):
            comp.problems.add("entry of an excluded (fictional) country", record.phrases[0])
            continue
        if comp.is_place(record):
            iso, rows = comp.place_rows(record)
            for key, kind, name, rank in rows:
                if key in places and places[key][0] != iso:
                    # "Korea", "Congo": the entry's own name wins over a synonym, else nobody
                    if rank > ranks[key]:
                        places[key], ranks[key] = [iso, kind, name], rank
                        ambiguous.discard(key)
                    elif rank == ranks[key]:
                        ambiguous.add(key)
                    continue
                if key not in places:
                    places[key], ranks[key] = [iso, kind, name], rank
            continue
        actor = comp.actor(record)
        if actor:
            actors.append(actor)

    for key in sorted(ambiguous):
        comp.problems.add("place name of two countries (dropped)", key)
        del places[key]

    actors = merge_duplicates(actors, comp.problems)
    if congress_csv:
        actors = add_congress(actors, congress_csv, comp.problems)
    index: dict[str, list[int]] = {}
    for i, a in enumerate(actors):
        for alias in [a.name, *a.aliases]:
            key = normalize_name(alias)
            if key and i not in index.setdefault(key, []):
                index[key].append(i)

    agents = read_agents(agents_text, comp.codes, comp.problems)
    discards = read_discards(discards_text)
    for code, n in comp.codes.unknown.items():
        comp.problems.add("country code not in countries.csv (kept as is)", f"{code} x{n}")

    types = Counter(a.type for a in actors)
    doc = {
        "format": FORMAT,
        "source": "PETRARCH2 Phoenix dictionaries (c) 2014 Open Event Data Alliance, MIT licence: "
                  "see PETRARCH2-LICENSE.txt; members of the US Congress from us_congress.csv "
                  "(unitedstates/congress-legislators, public domain)",
        "pivot": f"two-digit years 00-{PIVOT:02d} are 20xx, later ones 19xx",
        "columns": {"actors": "one line per actor, tab-separated: name, type, country, sector, code, "
                              "source, aliases (|-separated), roles (;-separated, each "
                              "country,sector,start,end,code); empty = none",
                    "places": ["country", "kind", "name"],
                    "agents": ["sector", "country"]},
        # one string, split into rows at load and into fields on lookup: parsing
        # 26,000 nested lists would triple the load time
        "actors": "\n".join(a.row() for a in actors),
        "index": index,
        "places": places,
        "agents": agents,
        "discards": discards,
        "build": {"counts": {"people": types["PERSON"], "orgs": types["ORG"], "aliases": len(index),
                             "places": len(places), "agents": len(agents), "discards": len(discards),
                             "roles": sum(len(a.roles) for a in actors)},
                  "skipped": dict(sorted(comp.problems.items()))},
    }
    return doc, comp.problems


def add_congress(actors: list[Actor], congress_csv: str, problems: Problems) -> list[Actor]:
    """Members of the US Congress (``us_congress.csv``, see tools/build_us_congress.py) as LEG roles.

    A member whose name the dictionaries give to an American (or to a person of no
    country) whose roles reach into the member's years is that person: the terms are
    added to their roles. Anyone else (including a namesake of another era: Senator
    John Kennedy of Louisiana is not the president) is a new actor.
    """
    by_name: dict[str, list[Actor]] = {}
    for a in actors:
        if a.type == "PERSON" and a.country in ("USA", None):
            for alias in [a.name, *a.aliases]:
                by_name.setdefault(normalize_name(alias), []).append(a)
    added = []
    for row in csv.DictReader(congress_csv.splitlines()):
        names = [row["name"], *[x for x in row["aliases"].split("|") if x]]
        terms = [r.split(",") for r in row["roles"].split(";") if r]
        first, last = min(t[1] for t in terms), max(t[2] for t in terms)
        same = {id(a): a for n in names for a in by_name.get(normalize_name(n), [])
                if _overlaps(a.roles, first, last)}
        roles = [["USA", sector, start, end, "USALEG"] for sector, start, end in terms]
        if len(same) == 1:
            actor = next(iter(same.values()))
            actor.country = actor.country or "USA"
            actor.roles = sorted(actor.roles + roles, key=lambda r: (r[2] or "", r[3] or ""))
            known = {normalize_name(x) for x in [actor.name, *actor.aliases]}
            actor.aliases += [n for n in names if normalize_name(n) not in known]
            problems.add("congress member merged with a dictionary entry", row["name"])
        else:
            added.append(Actor(row["name"], "PERSON", "USA", "LEG", None, "USCongress", names[1:], roles))
    return sorted(actors + added, key=_actor_order)


def _overlaps(roles: list[list], first: str, last: str) -> bool:
    """Whether dated roles reach into [first, last] (an undated actor counts as overlapping)."""
    dated = [r for r in roles if r[2] or r[3]]
    return not dated or any((r[2] or "0000") <= last and first <= (r[3] or "9999") for r in dated)


def merge_duplicates(actors: list[Actor], problems: Problems) -> list[Actor]:
    """One actor per real entry: the files repeat entries, and list one
    organisation under several records ("UN_", "U.N._", "THE_UN_", all IGOUNO).

    Records merge when they are identical, or when they are organisations
    from the same file with the same codes and a name or alias in common.
    People are never merged on a shared name: namesakes stay distinct.
    """
    groups: dict[tuple, Actor] = {}
    by_alias: dict[tuple, tuple] = {}
    for a in actors:
        keys = [normalize_name(x) for x in [a.name, *a.aliases]]
        ident = (a.name, a.type, a.country, a.sector, a.code, a.source, json.dumps(a.roles))
        target = ident if ident in groups else None
        if target is None and a.type == "ORG":
            sig = (a.source, a.code, json.dumps(a.roles))
            target = next((by_alias[(sig, k)] for k in keys if (sig, k) in by_alias), None)
        if target is None:
            groups[ident] = a
            target = ident
        else:
            kept = groups[target]
            known = {normalize_name(x) for x in [kept.name, *kept.aliases]}
            for x in [a.name, *a.aliases]:
                if normalize_name(x) not in known:
                    kept.aliases.append(x)
                    known.add(normalize_name(x))
            problems.add("duplicate entry merged", a.name)
        if a.type == "ORG":
            for k in keys:
                by_alias.setdefault(((a.source, a.code, json.dumps(a.roles)), k), target)
    return sorted(groups.values(), key=_actor_order)


def _actor_order(a: Actor) -> tuple:
    """The order of actors in the KB (stable, so a rebuild gives the same bytes)."""
    return a.source, a.type, a.name, a.country or "", a.code or "", json.dumps(a.roles)


def write_gz(doc: dict, path: Path) -> bytes:
    """Deterministic bytes: sorted keys, no whitespace, gzip without a name or time."""
    raw = json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write(raw)
    data = buf.getvalue()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return data


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 epilog="example: python tools/build_actor_kb.py --shared ../shared")
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"), help="the shared data directory")
    ap.add_argument("--out", default=str(DATA_DIR), help="output directory (default: the package's gazetteer)")
    ap.add_argument("-q", "--quiet", action="store_true", help="no summary on stderr")
    args = ap.parse_args(argv)
    src = Path(args.shared) / DICT_SUBDIR
    if not src.is_dir():
        print(f"error: {src}: no PETRARCH2 dictionaries there", file=sys.stderr)
        return 1
    read = lambda name: (src / name).read_text(encoding="utf-8")  # noqa: E731
    spec = yaml.safe_load((DATA_DIR / "cameo_sectors.yaml").read_text(encoding="utf-8"))
    congress = DATA_DIR / "us_congress.csv"
    doc, problems = compile_kb({k: read(v) for k, v in ACTOR_FILES.items()}, read(AGENT_FILE),
                               read(DISCARD_FILE), spec, (DATA_DIR / "countries.csv").read_text(encoding="utf-8"),
                               congress.read_text(encoding="utf-8") if congress.is_file() else "")
    out = Path(args.out)
    data = write_gz(doc, out / "actor_kb.json.gz")
    licence = read("LICENSE").strip()
    (out / "PETRARCH2-LICENSE.txt").write_text(
        "actor_kb.json.gz is compiled from the PETRARCH2 dictionaries (Phoenix.*.actors.txt,\n"
        "Phoenix.agents.txt, Phoenix.discards.txt) by tools/build_actor_kb.py.\n"
        "Source: https://github.com/openeventdata/petrarch2 (petrarch2/data/dictionaries).\n"
        "Their licence:\n\n" + licence + "\n\n"
        "The members of the US Congress merged into it (us_congress.csv, by tools/build_us_congress.py)\n"
        "come from https://github.com/unitedstates/congress-legislators, dedicated to the public domain\n"
        "(CC0 1.0 Universal).\n", encoding="utf-8")
    if not args.quiet:
        counts = doc["build"]["counts"]
        print(f"{out / 'actor_kb.json.gz'}: {len(data):,} bytes; "
              + ", ".join(f"{k} {v:,}" for k, v in counts.items()), file=sys.stderr)
        for kind, n in sorted(problems.items(), key=lambda kv: -kv[1]):
            ex = "; ".join(problems.examples.get(kind, [])[:3])
            print(f"  skipped/odd: {kind}: {n}" + (f" (e.g. {ex})" if ex else ""), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
