"""The country an article is about, and the actors it codes by default.

News names foreign actors as foreign ("Russian President Vladimir Putin",
"the Iraqi oil ministry") and leaves its own country implicit: a BBC story on
a hunting ban names "Mr Dodd", "the High Court" and "Northumbria Police"
without ever saying "British". A reader codes them by the country the story
is set in. This module measures that country from the evidence the article
gives (places, people and organisations already coded by the gazetteer, the
knowledge base or their own words, and demonyms) and fills it in for the
people and organisations that nothing else codes, only when one country
clearly dominates the evidence.

Such an entity's ``country_source`` is "context", so a user (and the store,
which lets a fact from another article win) can tell a default from a fact.
"""

from __future__ import annotations

from collections import Counter

from newsgraph.model import COUNTRY_FROM_CONTEXT, Entity

#: PLOVER's codes for actors that are not states: never an article's home.
NON_STATE = frozenset({"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"})
#: The top country must hold more than this share of the evidence ...
MIN_SHARE = 0.5
#: ... and at least this much of it (so one passing mention decides nothing).
MIN_EVIDENCE = 2.0
#: Evidence per mention by entity type: a place says where the story is more
#: than a person's nationality does; a demonym ("Russian") least.
_WEIGHT = {"GPE": 1.0, "LOC": 1.0, "FAC": 1.0, "PERSON": 1.0, "ORG": 0.75, "NORP": 0.5}
#: Only actors get the default: places and groups code themselves or stay open.
_DEFAULT_TYPES = frozenset({"PERSON", "ORG"})


def home_country(coded: list[tuple[str | None, str, int, str | None]]) -> str | None:
    """The dominant country among ``(country, type, mentions, source)`` of the
    article's coded entities, else None."""
    votes: Counter = Counter()
    for country, etype, mentions, source in coded:
        if not country or country in NON_STATE or source == COUNTRY_FROM_CONTEXT:
            continue
        votes[country] += _WEIGHT.get(etype, 0.5) * max(1, mentions)
    if not votes:
        return None
    total = sum(votes.values())
    country, top = max(sorted(votes.items()), key=lambda kv: kv[1])
    if top < MIN_EVIDENCE or top / total <= MIN_SHARE:
        return None
    return country


def apply_home_country(entities: list[Entity], home: str | None) -> None:
    """Give ``home`` to the people and organisations nothing else coded."""
    if not home:
        return
    for ent in entities:
        if (ent.type in _DEFAULT_TYPES or _group_of_people(ent)) and not ent.country:
            ent.country = home
            ent.country_source = COUNTRY_FROM_CONTEXT


def _group_of_people(ent: Entity) -> bool:
    """A group the text names by its members ("the Communists", "Islamists"), not a word
    describing something else ("the Catholic archbishop", "Communist parties")."""
    return ent.type == "NORP" and bool(ent.mentions) and all(m.text.endswith("s") for m in ent.mentions)
