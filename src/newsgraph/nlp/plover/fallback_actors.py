"""Stand-in actor coding, used only while ``newsgraph.nlp.entities`` is absent.

The entities component owns actor coding (gazetteer, PLOVER country/sector,
metonyms, pronoun resolution). Until it is installed, events still need
countries on their participants, so this module codes spaCy NER spans with a
small country/demonym/capital table (``data/plover/fallback_countries.tsv``):
a PERSON gets the country of a demonym or country name in front of it
("Brazilian President Lula da Silva") or in an apposition, and later mentions
of the same surname inherit it. Delete this module and the TSV once entities
ships: :mod:`newsgraph.nlp.plover.actors` falls back here only on ImportError.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc

from newsgraph.model import stable_id
from newsgraph.nlp.plover.patterns import DATA_DIR

ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}


@dataclass
class FallbackEntity:
    id: str
    name: str
    type: str
    start: int
    end: int
    country: str | None = None
    sector: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)


@lru_cache(maxsize=1)
def country_table() -> dict[str, str]:
    """Lower-cased name, demonym, capital or metonym -> ISO alpha-3 (or IGO)."""
    table: dict[str, str] = {}
    text = (DATA_DIR / "fallback_countries.tsv").read_text("utf-8")
    rows = csv.reader((line for line in text.splitlines() if line and not line.startswith("#")), delimiter="\t")
    next(rows)  # header
    for row in rows:
        code = row[0]
        for column in row[1:]:
            for name in column.split("|"):
                if name:
                    table.setdefault(name.lower(), code)
                    if name.lower().startswith("the "):
                        table.setdefault(name.lower()[4:], code)
    return table


def country_of_text(text: str) -> str | None:
    key = text.lower().strip()
    table = country_table()
    if key in table:
        return table[key]
    if key.startswith("the "):
        return table.get(key[4:])
    if key.endswith(("'s", "’s")):
        return table.get(key[:-2])
    return None


class FallbackEntities:
    """Entities of one doc coded from spaCy NER plus the country table."""

    def __init__(self, doc: Doc, gov_titles: frozenset[str]):
        self.doc = doc
        self.entities: list[FallbackEntity] = []
        self._by_token: dict[int, FallbackEntity] = {}
        surnames: dict[str, FallbackEntity] = {}
        for ent in doc.ents:
            if ent.label_ not in ENTITY_LABELS:
                continue
            name = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
            country = country_of_text(name)
            sector = None
            if ent.label_ == "PERSON":
                known = surnames.get(ent[-1].text) or surnames.get(ent[0].text)
                ctx_country, ctx_sector = self._person_context(ent, gov_titles)
                if known is not None and country is None:
                    known.country = known.country or ctx_country
                    known.sector = known.sector or ctx_sector
                    if len(name) > len(known.name):
                        known.name = name
                    self._index(known, ent.start, ent.end)
                    continue
                country, sector = country or ctx_country, ctx_sector
            elif ent.label_ in {"ORG", "FAC"} and country is None:
                country = self._contained_country(ent)
                if country is not None and ent.label_ == "ORG":
                    sector = "GOV" if country_of_text(name) else None
            elif ent.label_ in {"GPE"} and country is not None:
                sector = "GOV"
            entity = FallbackEntity(stable_id(ent.label_, name), name, ent.label_, ent.start_char,
                                    ent.end_char, country, sector)
            self.entities.append(entity)
            self._index(entity, ent.start, ent.end)
            if ent.label_ == "PERSON":
                for tok in (ent[-1], ent[0]):
                    surnames.setdefault(tok.text, entity)
        self._surnames = surnames
        # Bare surnames spaCy did not tag ("Lula said ...").
        for tok in doc:
            if tok.i not in self._by_token and tok.pos_ == "PROPN" and tok.text in surnames:
                self._index(surnames[tok.text], tok.i, tok.i + 1)

    def _index(self, entity: FallbackEntity, start: int, end: int) -> None:
        entity.mentions.append((self.doc[start].idx, self.doc[end - 1].idx + len(self.doc[end - 1])))
        for i in range(start, end):
            self._by_token[i] = entity

    def _person_context(self, ent, gov_titles) -> tuple[str | None, str | None]:
        """Country and sector from a title before the name or an apposition after it."""
        doc = self.doc
        country = sector = None
        i = ent.start - 1
        while i >= 0 and i >= ent.start - 5 and doc[i].pos_ in {"ADJ", "PROPN", "NOUN", "PUNCT"} \
                and doc[i].text not in {",", "(", ")"}:
            tok = doc[i]
            if tok.lower_ in gov_titles:
                sector = "GOV"
            found = country_of_text(tok.text)
            if found is None and i > 0:
                found = country_of_text(f"{doc[i - 1].text} {tok.text}")
                if found:
                    i -= 1
            if found is None and tok.ent_type_ in {"NORP", "GPE"}:
                found = country_of_text(doc[tok.i:tok.i + 1].text)
            if found and country is None:
                country = found
            i -= 1
        head = ent.root
        for child in head.children:
            if child.dep_ == "appos":
                for tok in child.subtree:
                    if tok.lower_ in gov_titles:
                        sector = sector or "GOV"
                    found = country_of_text(tok.text) or (
                        tok.ent_type_ and self._span_country(tok))
                    if found and country is None:
                        country = found
        return country, sector

    def _span_country(self, tok) -> str | None:
        for ent in self.doc.ents:
            if ent.start <= tok.i < ent.end:
                return country_of_text(ent.text)
        return None

    def _contained_country(self, ent) -> str | None:
        for i in range(len(ent)):
            for j in range(len(ent), i, -1):
                found = country_of_text(ent[i:j].text)
                if found:
                    return found
        head = ent.root
        for child in head.children:
            if child.dep_ in {"poss", "amod", "compound"}:
                found = self._span_country(child) or country_of_text(child.text)
                if found:
                    return found
        return None

    def at_token(self, i: int) -> FallbackEntity | None:
        return self._by_token.get(i)

    def at_chars(self, start: int, end: int) -> FallbackEntity | None:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return None
        for tok in reversed(span):
            if tok.i in self._by_token:
                return self._by_token[tok.i]
        return None
