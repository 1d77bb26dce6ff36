"""PLOVER actor coding: country and sector from names, demonyms, titles and context.

Country codes are ISO 3166 alpha-3 or PLOVER's IGO/UNO/EUR/NGO/... codes;
sectors are PLOVER sector codes. Everything comes from the gazetteer's data
files, so a user can extend it without touching code.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsgraph.nlp.actors.gazetteer import Gazetteer
from newsgraph.nlp.actors.names import fold, normalize_name

#: Verbs whose subject is not acting on anyone ("Pyongyang is the capital").
_STATIVE = frozenset({"be", "have", "lie", "sit", "remain", "seem", "become", "locate"})
_AGENT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
_SPEECH_NOUNS = frozenset({"statement", "announcement", "accusation", "demand", "warning", "response",
                           "decision", "move", "claim", "call", "proposal", "offer", "threat", "refusal"})


def word_key(token_text: str) -> str:
    return normalize_name(token_text)


def country_in_words(gaz: Gazetteer, words: list[str]) -> str | None:
    """First demonym or country name among normalised ``words`` (two-word names first)."""
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            phrase = " ".join(words[i:i + size])
            code = gaz.demonyms.get(phrase) or gaz.country_words.get(phrase)
            if code:
                return code
    return None


def title_in_words(gaz: Gazetteer, words: list[str]) -> tuple[str, dict] | None:
    """Longest title phrase in lower-cased ``words``, preferring the rightmost (the head)."""
    best = None
    for size in (4, 3, 2, 1):
        for i in range(len(words) - size, -1, -1):
            phrase = " ".join(words[i:i + size])
            info = gaz.titles.get(phrase)
            if info is not None:
                if best is None or (i + size) > best[0]:
                    best = (i + size, phrase, info)
        if best:
            return best[1], best[2]
    return None


def title_words(text: str) -> list[str]:
    return [w for w in fold(text).replace("’", "'").split() if w]


def org_sector(gaz: Gazetteer, name: str) -> str | None:
    """Sector from words in an organisation's own name ("Defense Ministry" -> MIL); a
    legislature's committee is LEG whatever its subject ("House Intelligence Committee")."""
    words = fold(name).replace(",", " ").split()
    if legislative_committee(gaz, words):
        return "LEG"
    for size in (3, 2, 1):
        for i in range(len(words) - size, -1, -1):
            sector = gaz.org_keywords.get(" ".join(words[i:i + size]))
            if sector:
                return sector
    return None


def legislative_committee(gaz: Gazetteer, words: list[str]) -> bool:
    return bool(words) and words[-1] in ("committee", "subcommittee") and \
        any(w in gaz.legislative_committee_words for w in words)


def code_phrase(gaz: Gazetteer, text: str) -> tuple[str | None, str | None]:
    """(country, sector) for a free noun phrase: "Russian state media" -> (RUS, JRN).

    For actors that are not named entities: "North Korean troops", "protesters",
    "South Korean state media".
    """
    words = normalize_name(text).split()
    country = country_in_words(gaz, words)
    found = title_in_words(gaz, title_words(text))
    sector = found[1].get("sector") if found else None
    if sector and any(w in gaz.former_markers for w in words):
        sector = "ELI" if sector in {"GOV", "MIL", "LEG", "JUD"} else sector
    return country, sector


def acts_as_agent(span: Span | Token) -> bool:
    """True when the span is the doer in its clause: subject of an action,
    agent of a passive, source of "according to", owner of a statement."""
    root = span.root if isinstance(span, Span) else span
    head = root.head
    if root.dep_ in _AGENT_DEPS and head.lemma_ not in _STATIVE and head.pos_ in ("VERB", "AUX"):
        return head.pos_ == "VERB"
    if root.dep_ == "pobj" and head.lower_ == "by" and head.head.tag_ == "VBN":
        return True
    if root.dep_ == "pobj" and head.lower_ == "to" and head.i > 0 and head.doc[head.i - 1].lower_ == "according":
        return True
    if root.dep_ == "poss" and head.lemma_ in _SPEECH_NOUNS:
        return True
    return False


def country_of_phrase(gaz: Gazetteer, text: str) -> str | None:
    """ISO code of a phrase that stands for a country, else None.

    A country's name or short form ("the US"), a demonym ("Russian"), its
    capital or a seat of government used as a metonym ("Kremlin"). For the
    events component's modifiers and anaphora ("Western sanctions", "the
    country"); organisations such as NATO are entities, not countries.
    """
    key = normalize_name(text)
    if not key:
        return None
    code = gaz.demonyms.get(key) or gaz.country_words.get(key)
    if code:
        return code
    for entry in gaz.by_alias.get(key, ()):
        if entry.capital_of:
            return entry.capital_of
        if entry.metonym and entry.country:
            return entry.country
    return None
