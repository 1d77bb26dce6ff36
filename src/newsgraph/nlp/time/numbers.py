"""Numbers and years written in words: "twenty-five", "nineteen ninety-seven", "two thousand and three".

The words and their values come from ``numbers`` in ``data/timex/lexicon.yaml``
(passed in as a word -> value map); this module only knows how English puts them together.
"""

from __future__ import annotations

import re

_SPLIT = re.compile(r"[\s-]+")


def _words_with(numbers: dict, low: int, high: int, step: int = 1) -> list[str]:
    """Single words of the lexicon whose value is in [low, high] (on ``step``): "one".."nine"."""
    return sorted(w for w, v in numbers.items()
                  if " " not in w and w not in ("a", "an") and low <= v <= high and v % step == 0)


def number_words(numbers: dict) -> dict[str, list[str]]:
    """The word classes numbers are built from: units (1-9), teens (10-19), tens (20-90)."""
    return {"units": _words_with(numbers, 1, 9), "teens": _words_with(numbers, 10, 19),
            "tens": _words_with(numbers, 20, 90, 10)}


def _alt(words: list[str]) -> str:
    return "(?:" + "|".join(sorted(words, key=len, reverse=True)) + ")"


def compound_pattern(numbers: dict) -> str:
    """"twenty-five", "ninety nine": a tens word and a units word."""
    w = number_words(numbers)
    return rf"{_alt(w['tens'])}[\s-]{_alt(w['units'])}"


def spelled_year_pattern(numbers: dict) -> str:
    """"nineteen ninety-seven", "eighteen hundred", "nineteen oh five", "two thousand and three"."""
    w = number_words(numbers)
    below_100 = rf"(?:{compound_pattern(numbers)}|{_alt(w['tens'])}|{_alt(w['teens'])})"
    century = _alt([x for x in w["teens"] if numbers[x] >= 11] + ["twenty"])
    tail = rf"(?:hundred|{below_100}|(?:oh|o)[\s-]+{_alt(w['units'])})"
    millennium = rf"two\s+thousand(?:\s+and)?[\s-]+(?:{below_100}|{_alt(w['units'])})"
    return rf"(?:{century}[\s-]+{tail}(?![\s-]+(?:hundred|thousand|million))|{millennium})"


def spelled_number(numbers: dict, text: str) -> int | None:
    """The value of a number below 100 in words ("twenty-five" -> 25), else None."""
    total = 0
    for word in _SPLIT.split(text.strip().lower()):
        value = numbers.get(word)
        if value is None or value != int(value) or value >= 100:
            return None
        total += int(value)
    return total or None


def spelled_year(numbers: dict, text: str) -> int | None:
    """The year a spelled-out year names: "nineteen ninety-seven" -> 1997."""
    words = [w for w in _SPLIT.split(text.strip().lower()) if w != "and"]
    if words[:2] == ["two", "thousand"]:
        rest = spelled_number(numbers, " ".join(words[2:]))
        return 2000 + rest if rest else None
    century = numbers.get(words[0])
    if century is None:
        return None
    tail = words[1:]
    if tail == ["hundred"]:
        return int(century) * 100
    if tail and tail[0] in ("oh", "o"):
        tail = tail[1:]
    rest = spelled_number(numbers, " ".join(tail))
    return int(century) * 100 + rest if rest is not None else None
