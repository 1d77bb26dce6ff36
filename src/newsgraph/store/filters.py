"""One event filter for the CLI and the web UI.

:class:`EventFilter` turns actor/recipient (name, alias, id or knowledge-base
id), country, type or PLOVER quad, a date range, the three modality flags and
a confidence floor into SQL conditions with named parameters, and nothing
else: values only ever reach SQL as bound parameters. ``newsgraph events``
(:mod:`newsgraph.store.records_queries`) and the web pages
(:mod:`newsgraph.web.context`) both build their ``WHERE`` from it, so a filter
means the same thing in both.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsgraph import quads
from newsgraph.store.dates import sql_date_conditions


def event_types_for(selector: str) -> list[str]:
    """PLOVER event types named by a type or a quad key (case-insensitive); empty if unknown."""
    return quads.types_for(selector)


def entity_match_sql(param: str) -> str:
    """SQL selecting ids of entities that ``:param`` names, as :func:`store.queries.find_entities` does:
    exact name, alias, id or kb id (case-insensitive); when none matches exactly, names containing it."""
    exact = (f"lower(name) = lower(:{param}) OR id = :{param} OR kb_id = :{param} "
             f"OR EXISTS (SELECT 1 FROM json_each(aliases_json) WHERE lower(value) = lower(:{param}))")
    return (f"SELECT id FROM entities WHERE {exact} "
            f"UNION SELECT id FROM entities WHERE NOT EXISTS (SELECT 1 FROM entities WHERE {exact}) "
            f"AND name LIKE '%' || :{param} || '%'")


@dataclass
class EventFilter:
    actor: str = ""
    recipient: str = ""
    country: str = ""
    type: str = ""
    since: str | None = None
    until: str | None = None
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    min_confidence: float | None = None

    def validate(self) -> list[str]:
        """What is wrong with these values, one message each (empty when all is well)."""
        from newsgraph.store.dates import filter_range

        problems = []
        if self.type and not event_types_for(self.type):
            keys = ", ".join(q["key"] for q in quads.ontology()["quads"])
            problems.append(f"unknown event type {self.type!r}: use a PLOVER type (e.g. CONSULT) "
                            f"or a quad ({keys})")
        for key in ("since", "until"):
            value = getattr(self, key)
            if value:
                try:
                    filter_range(value)
                except ValueError as exc:
                    problems.append(f"{key}: {exc}")
        return problems

    def where(self, alias: str = "e") -> tuple[list[str], dict]:
        """SQL conditions on the events table (as ``alias``) and their named parameters."""
        where: list[str] = []
        params: dict = {}
        for flag in ("negated", "hypothetical", "future"):
            if not getattr(self, flag):
                where.append(f"{alias}.{flag} = 0")
        dates, date_params = sql_date_conditions(f"{alias}.date", self.since, self.until, prefix="f_")
        where += dates
        params.update(date_params)
        if self.type:
            types = event_types_for(self.type) or [self.type.upper()]
            names = []
            for i, t in enumerate(types):
                params[f"f_type{i}"] = t
                names.append(f":f_type{i}")
            where.append(f"{alias}.type IN ({', '.join(names)})")
        # Non-correlated IN subqueries: SQLite builds each set once per query.
        for role, value in (("actor", self.actor), ("recipient", self.recipient)):
            if value:
                where.append(
                    f"{alias}.id IN (SELECT event_id FROM participants WHERE role = '{role}'"
                    f" AND (entity_id IN ({entity_match_sql('f_' + role)})"
                    f" OR name = :f_{role} COLLATE NOCASE))")
                params[f"f_{role}"] = value
        if self.country:
            where.append(f"{alias}.id IN (SELECT event_id FROM participants WHERE country = :f_country)")
            params["f_country"] = self.country.upper()
        if self.min_confidence is not None:
            where.append(f"{alias}.confidence >= :f_min_confidence")
            params["f_min_confidence"] = self.min_confidence
        return where, params
