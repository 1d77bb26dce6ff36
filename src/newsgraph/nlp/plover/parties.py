"""Small judgements about event participants, shared by the event coders.

A :class:`newsgraph.model.Participant` is "coded" when it names or places a
party (entity, country, sector or a name); two participant lists are compared
by who takes part (the entity, else its country).
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc

from newsgraph.model import Participant
from newsgraph.nlp.extensions import paragraphs


def coded(p: Participant) -> bool:
    """A named or sector-coded party (a bare common noun never becomes a participant)."""
    return bool(p.country or p.sector or p.entity_id or p.name)


def party(p: Participant) -> bool:
    """An identified party: an entity or a country."""
    return bool(p.entity_id or p.country)


def dedupe(participants: list[Participant]) -> list[Participant]:
    """``participants`` without repeats of the same entity (or name) and country."""
    seen, out = set(), []
    for p in participants:
        key = (p.entity_id or p.name, p.country)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def who(participants) -> frozenset:
    """Who takes part, as precisely as known: the entity, else its country. In a
    domestic story every actor is American; that alone makes no two acts one."""
    return frozenset(p.entity_id or p.country for p in participants if p.entity_id or p.country)


def party_in(p: Participant, others: list[Participant]) -> bool:
    """``p`` is among ``others``: the same entity or, failing that, the same country."""
    if p.entity_id and any(o.entity_id == p.entity_id for o in others):
        return True
    return bool(p.country) and any(o.country == p.country for o in others)


def addressed_authority(doc: Doc, actors: list[Participant], at: int) -> list[Participant]:
    """The party a demand with no addressee is made of: the government of the story's
    country ("Democrats demanded the report be released", "Buttigieg called for the
    report to be released" ask the authorities for it), unless that government is
    itself the one demanding (a mayor or senator is a person in office, not that
    government). That is the member of the home government the story last named
    before ``at`` (the trigger's offset), within this and the previous two paragraphs
    ("Barr is expected to release more of the report, but Democrats are demanding
    the full report"); failing one, the country and sector with no name."""
    home = doc._.ng_home_country
    if not home or not any(coded(p) for p in actors):
        return []
    people = {e.id for e in doc._.ng_entities or [] if e.type == "PERSON"}
    if any(p.country == home and p.sector == "GOV" and p.entity_id not in people for p in actors):
        return []
    named = _government_in_focus(doc, home, at, {p.entity_id for p in actors if p.entity_id})
    return [named or Participant("recipient", None, None, None, home, "GOV")]


def _government_in_focus(doc: Doc, home: str, at: int, actors: set[str]) -> Participant | None:
    starts = [p.start for p in paragraphs(doc)]
    here = bisect_right(starts, at) - 1
    floor = starts[max(0, here - 2)] if starts else 0
    last = None
    for ent in doc._.ng_entities or []:
        if ent.country != home or ent.sector != "GOV" or ent.type not in ("PERSON", "ORG") or ent.id in actors:
            continue
        for m in ent.mentions:
            if floor <= m.start < at and (last is None or m.start > last[1].start):
                last = (ent, m)
    if last is None:
        return None
    ent, m = last
    return Participant("recipient", ent.name, ent.id, m.text, home, "GOV", m.start, m.end)
