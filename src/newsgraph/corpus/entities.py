"""One identity per real-world entity across the corpus.

Ids are decided inside each article without a second pass: a gazetteer
Wikidata id when there is one ("Q7747"), else a hash of the normalised name
and its type class. So the same person gets the same id in every article,
transliteration variants ("Kim Jong-un") share it, and a bare surname that an
article could not resolve ("Kim") keeps an id of its own, never merged with a
Kim from another article. The id itself is :func:`newsgraph.names.entity_identity`;
the functions here summarise and query those ids for the store and CLI, and
re-apply the within-article surname rule to entity lists that did not get it
(e.g. imported records).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

from newsgraph.model import Entity
from newsgraph.names import entity_identity, normalize_name, type_class

__all__ = ["CorpusEntity", "entity_identity", "filter_entities", "find_entities", "merge_within_article",
           "summarize", "type_class"]


@dataclass
class CorpusEntity:
    id: str
    name: str
    type: str
    country: str | None = None
    sector: str | None = None
    kb_id: str | None = None
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    mention_count: int = 0
    article_ids: list[str] = field(default_factory=list)

    @property
    def article_count(self) -> int:
        return len(self.article_ids)


def _vote(values: Iterable[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    return max(sorted(counts), key=lambda v: counts[v]) if counts else None


def merge_within_article(entities: list[Entity]) -> list[Entity]:
    """Fold surname-only PERSON entities into the one full name of the same article
    that ends or starts with it ("Putin" -> "Vladimir Putin"). Ambiguous surnames
    (two full names fit) are left alone; nothing crosses article boundaries."""
    full = [e for e in entities if e.type == "PERSON" and len(normalize_name(e.name).split()) > 1]
    out, absorbed = [], {}
    for e in entities:
        words = normalize_name(e.name).split()
        if e.type == "PERSON" and len(words) == 1:
            fits = [f for f in full if normalize_name(f.name).split()[-1:] == words
                    or normalize_name(f.name).split()[:1] == words]
            if len(fits) == 1:
                absorbed.setdefault(id(fits[0]), []).append(e)
                continue
        out.append(e)
    for e in out:
        for short in absorbed.get(id(e), []):
            e.mentions = sorted(e.mentions + short.mentions, key=lambda m: m.start)
            e.aliases = sorted(set(e.aliases) | set(short.aliases) | {short.name})
            e.roles = list(dict.fromkeys(e.roles + short.roles))
            e.country = e.country or short.country
            e.sector = e.sector or short.sector
    return out


def summarize(articles: Iterable[tuple[str, list[Entity]]]) -> list[CorpusEntity]:
    """Corpus view of per-article entities: one row per id with counts."""
    rows: dict[str, CorpusEntity] = {}
    names: dict[str, Counter] = {}
    votes: dict[str, dict[str, list]] = {}
    for article_id, entities in articles:
        for e in entities:
            row = rows.get(e.id)
            if row is None:
                row = rows[e.id] = CorpusEntity(e.id, e.name, e.type, kb_id=e.kb_id)
                names[e.id] = Counter()
                votes[e.id] = {"country": [], "sector": [], "type": []}
            names[e.id][e.name] += len(e.mentions) or 1
            votes[e.id]["country"].append(e.country)
            votes[e.id]["sector"].append(e.sector)
            votes[e.id]["type"].append(e.type)
            row.mention_count += len(e.mentions)
            if article_id not in row.article_ids:
                row.article_ids.append(article_id)
            row.aliases = sorted(set(row.aliases) | set(e.aliases))
            row.roles = list(dict.fromkeys(row.roles + e.roles))
            row.kb_id = row.kb_id or e.kb_id
    for eid, row in rows.items():
        row.name = max(sorted(names[eid]), key=lambda n: names[eid][n])
        row.country = _vote(votes[eid]["country"])
        row.sector = _vote(votes[eid]["sector"])
        row.type = _vote(votes[eid]["type"]) or row.type
    return sorted(rows.values(), key=lambda r: (-r.mention_count, r.name))


def filter_entities(rows: Iterable[CorpusEntity], type: str | None = None, country: str | None = None,
                    sector: str | None = None) -> list[CorpusEntity]:
    """The `newsgraph entities --type --country --sector` filters (case-insensitive)."""
    def ok(value: str | None, wanted: str | None) -> bool:
        return wanted is None or (value or "").upper() == wanted.upper()
    return [r for r in rows if ok(r.type, type) and ok(r.country, country) and ok(r.sector, sector)]


def find_entities(rows: Iterable[CorpusEntity], query: str) -> list[CorpusEntity]:
    """`newsgraph entity DB NAME`: by id, then name or alias (spelling-insensitive)."""
    rows = list(rows)
    exact = [r for r in rows if r.id == query]
    if exact:
        return exact
    key = normalize_name(query)
    by_name = [r for r in rows if normalize_name(r.name) == key]
    by_alias = [r for r in rows if r not in by_name and any(normalize_name(a) == key for a in r.aliases)]
    return sorted(by_name, key=lambda r: -r.mention_count) + sorted(by_alias, key=lambda r: -r.mention_count)
