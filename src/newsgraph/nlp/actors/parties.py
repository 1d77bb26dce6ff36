"""Government or opposition: the sector of a political party on a date.

In a parliamentary system the party (or coalition) that forms the government is
GOV and every other party OPP; PLOVER codes them so ("the Labour government",
"the Tory opposition"). ``data/gazetteer/governing_parties.yaml`` lists, for the
countries where that holds, which parties governed when. Elsewhere (a presidential
system, or a country not listed) a party keeps the sector PTY.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from newsgraph.nlp.actors.names import normalize_name

DATA = Path(__file__).resolve().parents[2] / "data" / "gazetteer" / "governing_parties.yaml"


@dataclass(frozen=True)
class Party:
    names: frozenset[str]
    governed: tuple[tuple[str, str | None], ...]

    def governs_on(self, date: str) -> bool:
        day = date[:10]
        return any(start <= day and (end is None or day < end) for start, end in self.governed)


@dataclass(frozen=True)
class PartyTable:
    by_country: dict[str, tuple[Party, ...]]
    prefixes: frozenset[str]

    def key(self, name: str) -> str:
        """A party name as the table writes it: no "party", no regional prefix."""
        words = [w for w in normalize_name(name).split() if w not in ("party", "the")]
        while words and words[0] in self.prefixes:
            words = words[1:]
        return " ".join(words)

    def party(self, country: str | None, name: str) -> Party | None:
        key = self.key(name)
        return next((p for p in self.by_country.get(country or "", ()) if key in p.names), None)


@lru_cache(maxsize=1)
def load_parties() -> PartyTable:
    raw = yaml.safe_load(DATA.read_text("utf-8"))
    by_country = {}
    for country, parties in (raw.get("countries") or {}).items():
        by_country[country] = tuple(
            Party(frozenset(normalize_name(n) for n in p["names"]),
                  tuple((str(a), str(b) if b else None) for a, b in p["governed"]))
            for p in parties)
    return PartyTable(by_country, frozenset(raw.get("regional_prefixes") or []))


def party_sector(country: str | None, names: list[str], date: str | None) -> str | None:
    """GOV or OPP for a party of ``country`` called by one of ``names`` on ``date``; None
    when the country is not in the table or the date is unknown. A party the table does
    not know in a listed country is in opposition (it never governed in those years)."""
    table = load_parties()
    if not date or country not in table.by_country:
        return None
    found = next((p for n in names if (p := table.party(country, n)) is not None), None)
    return "GOV" if found is not None and found.governs_on(date) else "OPP"


def known_party(country: str | None, name: str) -> bool:
    """Whether ``name`` is a party the table lists for ``country`` ("Tory", "Labour")."""
    return load_parties().party(country, name) is not None


def party_in_role(role: str, country: str | None) -> str | None:
    """The party a role names, if any: "Tory leader" -> "Tory", "The Scottish National
    Party's Holyrood leader" -> "Scottish National Party"; a run of words the table lists
    for ``country``, or a capitalised name ending in "Party"."""
    words = [w[:-2] if w.endswith(("'s", "\u2019s")) else w for w in role.split()]
    for size in (4, 3, 2, 1):
        for i in range(len(words) - size + 1):
            phrase = " ".join(words[i:i + size])
            if not phrase[:1].isupper():
                continue
            if words[i + size - 1] == "Party" or known_party(country, phrase):
                return phrase
    return None
