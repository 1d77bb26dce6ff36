"""The actor knowledge base compiled from PETRARCH2's dictionaries.

``newsgraph/data/gazetteer/actor_kb.json.gz`` is written by
``tools/build_actor_kb.py`` (``make gazetteer``) from the PETRARCH2 Phoenix
actor, agent and discard dictionaries (MIT licence, notice in
``PETRARCH2-LICENSE.txt`` beside it): about 18,000 people with dated roles,
7,000 organisations and armed groups, 5,000 country names and synonyms, and
5,000 generic nouns ("police", "rebels") with their PLOVER sector.

Everything is keyed by :func:`normalize_name`, so lookups ignore case,
accents, dots, hyphens and a leading "the"; the index is precomputed, so the
file must be rebuilt if ``normalize_name`` changes. Keys are case-folded:
``place("us")`` is the United States, so look up proper-noun spans only.

Loading is one ``json.loads`` and one ``str.split``: each actor is stored as
one tab-separated line and becomes a :class:`KBActor` only when looked up
(nested lists for 26,000 actors would triple the load time).
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from newsgraph.nlp.actors.names import normalize_name

KB_PATH = Path(__file__).resolve().parents[2] / "data" / "gazetteer" / "actor_kb.json.gz"
FORMAT = 1


def _day(date: str) -> str:
    """"2005" -> "2005-01-01", "2005-02" -> "2005-02-01", "2005-02-01T10:00" -> "2005-02-01"."""
    day = date[:10]
    return day + "-01-01"[len(day) - 4:] if len(day) < 10 else day


@dataclass(frozen=True)
class KBRole:
    """A dated role: the (country, sector) an actor has between two dates, both inclusive."""

    country: str | None
    sector: str | None
    start: str | None  # ISO date; None: since ever
    end: str | None    # ISO date; None: still holding (as of the 2014 dictionaries)
    code: str = ""     # the CAMEO code it was compiled from, e.g. "GBRGOV"

    def holds_on(self, date: str) -> bool:
        day = _day(date)
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class KBActor:
    """A person or organisation of the knowledge base.

    ``country`` and ``sector`` are the actor's code without a date: the
    dictionary's default code if it gives one, else the most recent role's
    sector; a person's country is that of their roles, so it stays known
    outside their tenure. ``code`` is the default CAMEO code (None if the
    dictionary gives only dated roles).
    """

    name: str
    type: str  # PERSON or ORG
    country: str | None
    sector: str | None
    roles: tuple[KBRole, ...]
    aliases: tuple[str, ...]
    source: str  # Countries, International or MilNonState
    code: str | None = None

    def code_on(self, date: str | None = None) -> tuple[str | None, str | None]:
        """(country, sector) on an ISO date.

        The role holding that day (the most recently started if several);
        otherwise the default code, with the actor's own country. Without a
        date, the undated code. An actor with dated roles only has no sector
        outside them.
        """
        if not date:
            return self.country, self.sector
        holding = [r for r in self.roles if r.holds_on(date)]
        if holding:
            role = max(holding, key=lambda r: r.start or "")
            return role.country or self.country, role.sector
        return self.country, self.sector if self.code is not None else None


def _role(text: str) -> KBRole:
    country, sector, start, end, code = text.split(",")
    return KBRole(country or None, sector or None, start or None, end or None, code)


@dataclass(frozen=True)
class KBAgent:
    """What a generic noun says about an actor: its sector, and its country if the noun carries one."""

    sector: str | None
    country: str | None = None


@dataclass(frozen=True)
class KBPlace:
    """A country name or synonym. kind: country, demonym, capital or other (city, region, old name)."""

    country: str | None
    kind: str
    name: str  # the country entry's display name


class ActorKB:
    """Lookups in the compiled knowledge base; see :func:`load_kb`."""

    def __init__(self, doc: dict):
        if doc.get("format") != FORMAT:
            raise ValueError(f"actor KB format {doc.get('format')!r}, expected {FORMAT}: run `make gazetteer`")
        self._rows: list[str] = doc["actors"].split("\n") if doc["actors"] else []
        self._index: dict[str, list[int]] = doc["index"]
        self._places: dict[str, list] = doc["places"]
        self._agents: dict[str, list] = doc["agents"]
        self._discards: dict[str, int] = doc["discards"]
        self._actors: dict[int, KBActor] = {}
        self.stats: dict = doc.get("build", {})

    def __len__(self) -> int:
        return len(self._rows)

    def _actor(self, i: int) -> KBActor:
        actor = self._actors.get(i)
        if actor is None:
            name, etype, country, sector, code, source, aliases, roles = self._rows[i].split("\t")
            actor = KBActor(name, etype, country or None, sector or None,
                            tuple(_role(r) for r in roles.split(";") if r),
                            tuple(aliases.split("|")) if aliases else (), source, code or None)
            self._actors[i] = actor
        return actor

    def lookup(self, name: str) -> list[KBActor]:
        """Every actor with this name or alias; namesakes are separate actors."""
        return [self._actor(i) for i in self._index.get(normalize_name(name), [])]

    def agent(self, phrase: str) -> KBAgent | None:
        """The sector of a generic noun phrase ("police", "rebels", "riot police").

        Singular or plural, any case. If the whole phrase is unknown, its
        longest known ending is used ("Afghan police" -> "police").
        """
        words = normalize_name(phrase).split()
        for i in range(len(words)):
            row = self._agents.get(" ".join(words[i:]))
            if row:
                return KBAgent(*row)
        return None

    def is_discard(self, phrase: str) -> bool:
        """True for phrases PETRARCH's discard list marks as not about political actors (sports, films...)."""
        return normalize_name(phrase) in self._discards

    def place(self, name: str) -> str | None:
        """ISO alpha-3 (or PLOVER) code of a country name, demonym, capital or other synonym."""
        row = self._places.get(normalize_name(name))
        return row[0] if row else None

    def place_info(self, name: str) -> KBPlace | None:
        row = self._places.get(normalize_name(name))
        return KBPlace(*row) if row else None


@lru_cache(maxsize=1)
def load_kb(path: str | None = None) -> ActorKB:
    """The knowledge base for this process (loaded once)."""
    with gzip.open(path or KB_PATH, "rb") as fh:
        return ActorKB(json.loads(fh.read()))
