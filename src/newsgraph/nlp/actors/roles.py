"""Titles and roles from premodifiers and appositions.

"Russian President Vladimir Putin", "press secretary Karine Jean-Pierre",
"its new defense minister, Andrey Belousov", "Victor Cha, a former U.S.
national security official ...". A role gives a sector, often a country, and
for single-holder offices the office used for tenure resolution.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from newsgraph.nlp.actors.coding import country_in_words, title_in_words
from newsgraph.nlp.actors.gazetteer import Gazetteer
from newsgraph.nlp.actors.names import fold, normalize_name

_EDGE_DROP = frozenset({"the", "a", "an", "and", "of", "for", "'s", "’s", ",", "-"})
_POSSESSIVE_PRONOUNS = frozenset({"its", "their"})
_POSSESSIVE_MARKS = frozenset({"'s", "’s", "'", "’"})
_PORTFOLIO_ENT_TYPES = frozenset({"", "ORG", "NORP"})  # spaCy often tags "Digital" in "Digital Affairs" ORG
_PORTFOLIO_JOINERS = frozenset({"and", "&", "-", "affairs"})
_MAX_PORTFOLIO_WORDS = 3
_APPOS_STOP_POS = frozenset({"VERB", "AUX", "ADP", "SCONJ", "CCONJ", "PRON", "ADV", "PUNCT", "NUM"})


@dataclass
class RoleInfo:
    text: str
    sector: str | None = None
    offices: list[str] = field(default_factory=list)
    country: str | None = None
    former: bool = False
    needs_possessor: bool = False  # "its new defense minister": country of the nearest GPE before
    start_char: int = 0


def _role_word(gaz: Gazetteer, tok: Token) -> bool:
    low = fold(tok.text)
    if tok.text in _POSSESSIVE_MARKS or tok.text == "-":
        return True
    if tok.tag_ in _PLURAL_TAGS and _singular(low) in gaz.title_words:
        return True  # "Justices Elena Kagan and Clarence Thomas"
    parts = [p for p in low.replace("-", " ").split() if p]
    if parts and all(p in gaz.title_words or p in gaz.role_modifiers for p in parts):
        return True
    key = normalize_name(tok.text)
    return bool(key) and (key in gaz.demonym_words or key in gaz.country_name_words
                          or (tok.text[:1].isupper() and key in gaz.party_countries))


def _make_role(gaz: Gazetteer, toks: list[Token]) -> RoleInfo | None:
    while toks and fold(toks[0].text) in _EDGE_DROP:
        toks = toks[1:]
    while toks and fold(toks[-1].text) in _EDGE_DROP:
        toks = toks[:-1]
    if not toks:
        return None
    low = [w for t in toks for w in fold(t.text).replace("-", " - ").split()]
    found = title_in_words(gaz, [w for w in low if w != "-"]) or title_in_words(gaz, [fold(t.text) for t in toks]) \
        or title_in_words(gaz, [_singular(fold(t.text)) if t.tag_ in _PLURAL_TAGS else fold(t.text) for t in toks])
    if not found:
        return None
    _, info = found
    words = [w for t in toks for w in normalize_name(t.text).split()]
    country = country_in_words(gaz, words) or _party_country(gaz, words)  # "Tory leader"
    former = any(fold(t.text).rstrip("-") in gaz.former_markers or fold(t.text) in gaz.former_markers for t in toks)
    sector = info.get("sector")
    if former and sector in {"GOV", "MIL", "LEG", "JUD"}:
        sector = "ELI"
    text = "".join(t.text_with_ws for t in toks).strip()
    needs_possessor = any(fold(t.text) in _POSSESSIVE_PRONOUNS for t in toks) or (
        "country" in low and any(t.text in _POSSESSIVE_MARKS for t in toks))
    if any(fold(t.text) in _POSSESSIVE_PRONOUNS for t in toks[:1]):
        text = "".join(t.text_with_ws for t in toks[1:]).strip() if len(toks) > 1 else text
    return RoleInfo(text=text, sector=sector, offices=list(info.get("office") or []), country=country,
                    former=former, needs_possessor=needs_possessor and not country, start_char=toks[0].idx)


def _party_country(gaz: Gazetteer, words: list[str]) -> str | None:
    """The country of a party the role words name, longest name first ("Liberal Democrat
    leader" is British, though "Democrat" alone is American)."""
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            country = gaz.party_countries.get(" ".join(words[i:i + size]))
            if country:
                return country
    return None


def _with_party_name(gaz: Gazetteer, doc: Doc, toks: list[Token], sent_start: int) -> list[Token]:
    """"Liberal Democrat leader": the first words of a party's name of several words
    belong to the role, though "Liberal" alone is no role word."""
    first = toks[0].i
    for k in (2, 1):
        if first - k >= sent_start:
            span = doc[first - k:first + 1]
            if all(t.text[:1].isupper() for t in span) and normalize_name(span.text) in gaz.party_countries:
                return list(span[:-1]) + toks
    return toks


def _portfolio_word(tok: Token) -> bool:
    """A noun naming a minister's portfolio ("Fisheries", "Economy", "finance"): any
    portfolio, not a list, so long as it is a plain noun and not someone's name."""
    if not tok.is_alpha or tok.ent_type_ not in _PORTFOLIO_ENT_TYPES:
        return False
    if tok.pos_ == "PROPN" or (tok.pos_ == "ADJ" and tok.is_title):
        return tok.is_title or tok.is_upper and len(tok.text) > 1
    return tok.pos_ == "NOUN" and tok.dep_ == "compound"


#: Tags of a plural noun: a plural title before names is each one's ("Senators A and B").
_PLURAL_TAGS = frozenset({"NNS", "NNPS"})


def _singular(word: str) -> str:
    """"justices" -> "justice", "secretaries" -> "secretary": enough for titles."""
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def premodifier_role(gaz: Gazetteer, doc: Doc, start: int) -> RoleInfo | None:
    """Role words right before the name at token ``start``: "Russian President",
    "Norwegian Fisheries Minister" (portfolio words allowed right before a title); for
    the later names after a plural title, that title ("Justices Kagan and Thomas")."""
    return _own_premodifier_role(gaz, doc, start) or _shared_plural_role(gaz, doc, start)


def _shared_plural_role(gaz: Gazetteer, doc: Doc, start: int) -> RoleInfo | None:
    """"Justices Elena Kagan and Clarence Thomas": the name before "and" or "," has a
    plural title, which Thomas shares."""
    i = start - 1
    sent_start = doc[start].sent.start
    if i <= sent_start or doc[i].lower_ not in ("and", ","):
        return None
    i -= 1
    while i > sent_start and doc[i].pos_ == "PROPN" and doc[i].ent_type_ == "PERSON":
        i -= 1
    first = i + 1
    if first >= start - 1 or doc[i].tag_ not in _PLURAL_TAGS:
        return None
    return _own_premodifier_role(gaz, doc, first)


def _own_premodifier_role(gaz: Gazetteer, doc: Doc, start: int) -> RoleInfo | None:
    toks: list[Token] = []
    i = start - 1
    sent_start = doc[start].sent.start
    in_portfolio = False  # the tokens after this one are a title head or its portfolio words
    portfolio_run = 0
    while i >= sent_start:
        tok = doc[i]
        low = fold(tok.text)
        if low in _POSSESSIVE_PRONOUNS:
            toks.insert(0, tok)
            break
        if _role_word(gaz, tok):
            is_title_head = low in gaz.title_words and low not in gaz.role_modifiers
            in_portfolio = is_title_head or (in_portfolio and low in _PORTFOLIO_JOINERS)
            portfolio_run = 0
        elif in_portfolio and portfolio_run < _MAX_PORTFOLIO_WORDS and _portfolio_word(tok):
            portfolio_run += 1
        else:
            break
        toks.insert(0, tok)
        i -= 1
    return _make_role(gaz, _with_party_name(gaz, doc, toks, sent_start)) if toks else None


def following_appositive_role(gaz: Gazetteer, doc: Doc, end: int) -> RoleInfo | None:
    """", a former U.S. national security official" after the name ending at token ``end``."""
    if end >= len(doc) or doc[end].text != ",":
        return None
    toks: list[Token] = []
    i = end + 1
    sent_end = doc[end].sent.end
    while i < sent_end:
        tok = doc[i]
        if tok.text in _POSSESSIVE_MARKS or tok.text == "-":
            toks.append(tok)
        elif tok.pos_ in _APPOS_STOP_POS and not _role_word(gaz, tok) and fold(tok.text) not in ("a", "an", "the"):
            break
        elif tok.is_punct:
            break
        else:
            toks.append(tok)
        i += 1
        if len(toks) > 10:
            return None
    if not toks or doc[toks[0].i].ent_type_ == "PERSON":
        return None
    return _make_role(gaz, toks)


def preceding_appositive_role(gaz: Gazetteer, doc: Doc, start: int) -> RoleInfo | None:
    """"its new defense minister, Andrey Belousov": the role ends right before ", NAME"."""
    if start < 2 or doc[start - 1].text != ",":
        return None
    head = doc[start - 2]
    if fold(head.text) not in gaz.title_words or head.ent_type_:
        return None
    role = premodifier_role(gaz, doc, start - 1)
    return role
