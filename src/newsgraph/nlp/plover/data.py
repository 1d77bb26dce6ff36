"""The PLOVER data files the coder modules share: where they live, the ontology
(types, modes, contexts) and the sector nouns of sectors.yaml."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).resolve().parents[2] / "data" / "plover"


@dataclass
class Ontology:
    types: dict[str, set[str]]  # type -> allowed modes
    contexts: set[str] = field(default_factory=set)


@lru_cache(maxsize=1)
def ontology() -> Ontology:
    raw = yaml.safe_load((DATA_DIR / "ontology.yaml").read_text("utf-8"))
    types = {name: set(modes or []) for name, modes in raw["modes"].items()}
    return Ontology(types, set(raw.get("contexts") or []))


@lru_cache(maxsize=1)
def sector_lexicon() -> dict:
    raw = yaml.safe_load((DATA_DIR / "sectors.yaml").read_text("utf-8"))
    nouns = {word.lower(): sector for sector, words in raw["sector_nouns"].items() for word in words}
    return {"nouns": nouns,
            "pair_heads": frozenset(raw["pair_heads"]), "country_anaphors": frozenset(raw["country_anaphors"]),
            "quantity_heads": frozenset(raw.get("quantity_heads") or []),
            "leader_bodies": frozenset(raw.get("leader_bodies") or []),
            "needs_modifier": frozenset(raw.get("needs_modifier") or []),
            "home_sectors": frozenset(raw.get("home_sectors") or []),
            "policy_nouns": frozenset(raw.get("policy_nouns") or []),
            "policy_judged_types": frozenset(raw.get("policy_judged_types") or []),
            "continuing_target_types": frozenset(raw.get("continuing_target_types") or []),
            "continuing_target_paragraphs": int(raw.get("continuing_target_paragraphs") or 0)}
