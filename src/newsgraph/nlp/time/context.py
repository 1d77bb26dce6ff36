"""What a resolver sees (the Context) and gives back (a Resolution), plus small shared helpers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date


@dataclass
class Context:
    """What a resolver may look at besides the match itself."""

    text: str
    dct: date | None
    tense: str = "present"  # past | present | future
    anchor: date | None = None  # last day-precise date mentioned before this one
    anchor_ref: str | None = None
    sentence_day: date | None = None  # a day-precise date in the same sentence


@dataclass
class Resolution:
    type: str
    value: str
    anchor: str | None = None
    end: int | None = None  # a shorter extent than the match, when trimmed


def _norm(word: str) -> str:
    return re.sub(r"\s+", " ", word.strip().lower().rstrip("."))


def _direction(ctx: Context) -> str:
    return {"past": "past", "future": "future"}.get(ctx.tense, "nearest")


def _unknown(shape: str) -> str:
    return {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "WE": "XXXX-WXX-WE", "M": "XXXX-XX", "Q": "XXXX-QX",
            "Y": "XXXX", "DE": "XXX", "CE": "XX"}.get(shape, "XXXX")
