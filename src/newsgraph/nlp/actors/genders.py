"""The gender a given name marks, for pronoun agreement ("Dmitry Bam ... she" is not Bam).

Data: ``data/gazetteer/given_names.tsv.gz``, compiled by ``tools/build_given_names.py``
from the US census first-name lists and a short list of international names; a
name that both genders bear often ("Jordan", "Jean") is in neither.
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "data" / "gazetteer" / "given_names.tsv.gz"


@lru_cache(maxsize=1)
def given_names() -> dict[str, str]:
    """lowercased given name -> "m" | "f"."""
    with gzip.open(DATA, "rt", encoding="utf-8") as handle:
        return dict(line.rstrip("\n").split("\t", 1) for line in handle if "\t" in line)


def gender_of_name(words: list[str]) -> str | None:
    """"m" | "f" | None for a person's name words (normalised, honorifics removed):
    the first word decides when the name has a given name and a surname."""
    if len(words) < 2:
        return None
    return given_names().get(words[0].lower())
