"""Name variants: one normalised key for every spelling of the same name, and
the corpus-level entity id built from it.

"Kim Jong-un", "Kim Jong Un" and "KIM JONG UN" share a key; so do "Erdoğan"
and "Erdogan", "U.S." and "US". Keys are for comparison only: what users see
keeps the article's spelling.

Plain string functions with no spaCy, at the bottom of the package so that the
pipeline (``nlp/``), the corpus pass, the store and the scorers all reach them
without importing each other.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from newsgraph.model import stable_id

_POSSESSIVE = re.compile(r"(?:['’]s|s['’])$|['’]$")
_DASHES = re.compile(r"[-‐‑‒–—―]")
_DROP = re.compile(r"[.'’`\"“”()]")
_SPACES = re.compile(r"\s+")
_LEADING_THE = re.compile(r"^(?:the)\s+", re.IGNORECASE)

#: Words that join the parts of an organisation's name ("Center for ... and ...").
CONNECTORS = frozenset({"of", "for", "and", "&", "the", "de", "du", "des", "la", "le", "von", "van"})
_STOP_INITIALS = frozenset({"of", "for", "and", "&", "the", "on", "in", "to", "de"})


def strip_possessive(text: str) -> str:
    """"North Korea's" -> "North Korea"; "Jones'" -> "Jones"."""
    text = text.rstrip()
    if text.endswith(("'s", "’s")):
        return text[:-2].rstrip()
    if text.endswith(("'", "’")) and text[:-1].endswith("s"):
        return text[:-1]
    return text


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case ASCII-ish folding: accents dropped, ligatures split."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=65536)
def normalize_name(text: str) -> str:
    """Comparison key: no leading "the", possessive, accents, dots, hyphens or case."""
    text = strip_possessive(unicodedata.normalize("NFKC", text).strip())
    text = _LEADING_THE.sub("", text)
    text = _DASHES.sub(" ", fold(text))
    text = _DROP.sub("", text)
    return _SPACES.sub(" ", text).strip()


def name_words(text: str) -> list[str]:
    return normalize_name(text).split()


def initials(name: str) -> str:
    """"International Atomic Energy Agency" -> "IAEA" (function words skipped)."""
    words = [w for w in re.split(r"[\s\-]+", name) if w]
    return "".join(w[0].upper() for w in words if w.lower() not in _STOP_INITIALS and w[0].isalpha())


def looks_like_acronym(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return 2 <= len(letters) <= 8 and all(c.isupper() for c in letters) and " " not in text.strip()


def is_all_caps(text: str, min_letters: int = 8) -> bool:
    """A shouted headline: almost every letter is a capital."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < min_letters:
        return False
    return sum(c.isupper() for c in letters) / len(letters) >= 0.9


_MINOR_WORDS = frozenset({"a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "by",
                          "with", "from", "as", "is", "vs", "v"})


def is_title_case(text: str, min_words: int = 3, share: float = 0.75) -> bool:
    """A headline in Title Case: most words other than short function words
    start with a capital ("Marco Rubio Lays Out Plan For Cuba")."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", text) if w.lower() not in _MINOR_WORDS]
    if len(words) < min_words:
        return False
    return sum(w[0].isupper() for w in words) / len(words) >= share


_TYPE_CLASS = {"GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE"}


def type_class(entity_type: str) -> str:
    return _TYPE_CLASS.get(entity_type, entity_type)


def entity_identity(name: str, entity_type: str, kb_id: str | None = None) -> str:
    """The corpus-level id: the Wikidata id if known, else hash(normalised name, type class).

    So the same person gets the same id in every article, and transliteration
    variants ("Kim Jong-un") share it, with no second pass over the corpus.
    """
    if kb_id:
        return kb_id
    return stable_id(normalize_name(name), type_class(entity_type))
