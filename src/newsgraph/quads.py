"""PLOVER quad classes and their colours, read from ``web/static/newsgraph/plover.json``.

The same file is fetched by the browser scripts, so a colour or a type moved
between quads changes in one place. It sits low in the package: the store's
event filter (``--type`` takes a quad), the web pages and exports all read it.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

PLOVER_FILE = Path(__file__).parent / "web" / "static" / "newsgraph" / "plover.json"


@lru_cache(maxsize=1)
def ontology() -> dict:
    return json.loads(PLOVER_FILE.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def type_to_quad() -> dict[str, str]:
    return {t: q["key"] for q in ontology()["quads"] for t in q["types"]}


def quad_of(event_type: str | None) -> str:
    return type_to_quad().get((event_type or "").upper(), "other")


def quads() -> list[dict]:
    """Quads plus the catch-all 'other', in display order."""
    return ontology()["quads"] + [dict(ontology()["other"], types=[])]


def all_types() -> list[str]:
    return [t for q in ontology()["quads"] for t in q["types"]]


def types_for(selector: str) -> list[str]:
    """Event types selected by a type name or a quad key; empty if unknown."""
    selector = (selector or "").strip()
    for q in ontology()["quads"]:
        if selector == q["key"]:
            return list(q["types"])
    return [selector.upper()] if selector.upper() in type_to_quad() else []
