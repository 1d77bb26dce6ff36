"""Context checks that keep numbers and names from passing as time expressions.

A rule says "this looks like a year / month / weekday"; these checks look at
the words around it to say whether it is one: "2019 talks" yes, "2019 people",
"No. 2019", "1600 Pennsylvania Avenue" no; "in May" yes, "Theresa May" no.
"""

from __future__ import annotations

import re

from newsgraph.nlp.time.grammar import Lexicon

_WORD_BEFORE = re.compile(r"([\w$€£¥#.'’]+)[^\w\n]{0,2}$")
_WORD_AFTER = re.compile(r"^[^\w\n]{0,2}([\w.'’]+)")
_TWO_AFTER = re.compile(r"^\s+([\w.'’]+)\s+([\w.'’]+)")

#: Words before a bare month/season that make it a time expression.
TIME_PREPOSITIONS = frozenset(
    ["in", "since", "until", "till", "by", "early", "late", "mid", "last", "next", "this", "of", "during", "through", "from", "to", "before", "after", "on", "that", "each", "every", "between", "and", "or", "throughout", "around", "about", "until", "end", "beginning", "start", "middle"]
)


#: Words before a bare season that make it a time expression ("in spring", "by winter").
SEASON_PREPOSITIONS = frozenset(
    ["in", "this", "last", "next", "early", "late", "mid", "during", "by", "until", "till", "since", "through", "throughout", "that", "each", "every", "for", "over"]
)


def word_before(text: str, start: int) -> str:
    match = _WORD_BEFORE.search(text[max(0, start - 40):start])
    return match.group(1) if match else ""


def word_after(text: str, end: int) -> str:
    match = _WORD_AFTER.match(text[end:end + 40])
    return match.group(1).rstrip(".") if match else ""


def char_after(text: str, end: int) -> str:
    rest = text[end:end + 3].lstrip(" ")
    return rest[:1]


def sentence_initial(text: str, start: int) -> bool:
    before = text[max(0, start - 4):start].rstrip(" \t\"'“‘(")
    return not before or before[-1] in ".!?\n:"


_OPENING_QUOTES = ("''", "``", '"', "“", "‘")


def is_title(text: str, start: int, end: int) -> bool:
    """A capitalised amount of time inside a sentence names something: CBS's ''60 Minutes'',
    "the 48 Hours team" (a headline in title case is left alone)."""
    unit = text[start:end].split()[-1] if text[start:end].split() else ""
    if not unit[:1].isupper() or sentence_initial(text, start):
        return False
    if text[max(0, start - 2):start].endswith(_OPENING_QUOTES):
        return True
    before, after = word_before(text, start), word_after(text, end)
    return before[:1].islower() and after[:1].islower()


def is_year_in_context(lex: Lexicon, text: str, start: int, end: int) -> bool:
    """A bare four-digit number that reads as a year, not a count or a code."""
    prev = word_before(text, start).lower()
    if prev in lex.number_prefixes or prev.rstrip(".") in lex.number_prefixes:
        return False
    if text[max(0, start - 1):start] in ("$", "#", "£", "€"):
        return False
    nxt = word_after(text, end)
    if nxt.lower() in lex.count_nouns or nxt.lower().rstrip(".") in lex.street_words:
        return False
    following = _TWO_AFTER.match(text[end:end + 60])
    if following and following.group(1)[:1].isupper() and \
            following.group(2).lower().rstrip(".") in lex.street_words:
        return False
    # "1,000 to 2019" style ranges of counts and "2019-20" scores/seasons are rare;
    # a number followed by a unit of measure or "by <number>" (1920 by 1080) is not a year.
    return not re.match(r"^\s*(?:x|×|by\s+\d|-?(?:mm|cm|m|kg|km|lbs?|ft|ml|l)\b)", text[end:end + 9])


#: Words after which a number from 1000 to 1599 is a year ("reigned from 1422 to 1461").
_EARLY_YEAR_BEFORE = frozenset({"in", "from", "to", "until", "till", "since", "by", "during", "before",
                                "after", "around", "circa", "c", "c.", "between", "and", "year"})


#: Words that may follow such a year ("in 1455 the war began"), where a count takes a noun.
_EARLY_YEAR_AFTER = frozenset({"", "the", "a", "an", "and", "or", "to", "until", "he", "she", "it", "they",
                               "we", "his", "her", "their", "its", "when", "as", "after", "before", "with",
                               "by", "in", "on", "at", "for", "but", "was", "were", "had", "is"})


def is_early_year_in_context(text: str, start: int, end: int) -> bool:
    """A number from 1000 to 1599 read as a year: after "in", "from", "until"..., and not before a noun it counts."""
    after = word_after(text, end)
    return word_before(text, start).lower() in _EARLY_YEAR_BEFORE and \
        (after[:1].isupper() or after.lower() in _EARLY_YEAR_AFTER)


_NAME_LINK = re.compile(r"^[ \t]+(?:for|of|on|to|against)[ \t]+(?:the[ \t]+)?([A-Z][\w'’]*)")


def is_name_with_month(lex: Lexicon, text: str, end: int) -> bool:
    """"March for Life", "March of the Iron Will", "March on Washington": a title, not a date."""
    match = _NAME_LINK.match(text[end:end + 60])
    return bool(match) and match.group(1).lower() not in lex.months \
        and match.group(1).lower() not in lex.weekdays and not match.group(1).isdigit()


def is_month_in_context(lex: Lexicon, text: str, start: int, end: int, month_word: str) -> bool:
    """A month name standing alone: not a person's name, a title, nor the verb/modal."""
    prev = word_before(text, start)
    nxt = word_after(text, end)
    if nxt[:1].isupper() and nxt.lower() not in lex.months and not nxt.isupper() \
            and text[end:end + 1] not in ",;:.!?":
        return False  # "April Ryan", "June Carter"; not "In January, Congress ..."
    if is_name_with_month(lex, text, end):
        return False
    if prev[:1].isupper() and not sentence_initial(text, start) and prev.lower() not in lex.months \
            and prev.lower() not in lex.weekdays and prev.lower() not in TIME_PREPOSITIONS:
        return False  # "Theresa May", "Lady June"; not "In April"
    key = month_word.lower().rstrip(".")
    if key in lex.ambiguous_months:
        return prev.lower() in TIME_PREPOSITIONS
    return True


_THE_BEFORE = re.compile(r"\bthe[ \t]+$", re.IGNORECASE)
_PART_OF_YEAR = re.compile(r"[A-Za-z]+[ \t]+of[ \t]", re.IGNORECASE)


def is_framing(lex: Lexicon, text: str, start: int) -> bool:
    """A date that sets the scene ("In 2000, ...", "during 1917"), not a bound or a modifier."""
    if sentence_initial(text, start):
        return True
    before = text[max(0, start - 3):start].rstrip(" \t")
    if before.endswith((",", ";", "(", "—", "–")):
        return True
    # "in the summer of 1952" (not "in the Dec. 21, 1988, bombing", where the date is a modifier)
    the = _THE_BEFORE.search(text, max(0, start - 6), start) if _PART_OF_YEAR.match(text, start) else None
    return word_before(text, the.start() if the else start).lower() in lex.story_framing


_AGE_AFTER = re.compile(r"^(?:[ \t-]+olds?\b|[ \t]+of[ \t]+age\b)", re.IGNORECASE)
#: "aged 16 years", "pupils aged 11 to 16 years", "aged between 18 and 25 years"
_AGE_BEFORE = re.compile(r"\baged[ \t]+(?:(?:between[ \t]+)?\d+[ \t]+(?:to|and|-)[ \t]+)?$", re.IGNORECASE)


def is_age(text: str, end: int, start: int | None = None) -> bool:
    """"a 6-year-old", "16 year olds", "44 years old", "aged 11 to 16 years": an age, not a duration."""
    if _AGE_AFTER.match(text[end:end + 12]):
        return True
    return start is not None and bool(_AGE_BEFORE.search(text[max(0, start - 30):start]))


_OPEN_QUOTES = ("“", "``")
_CLOSE_QUOTES = ("”", "''")


def in_quotation(text: str, start: int, end: int) -> bool:
    """Whether ``end`` lies inside direct speech opened in ``text[start:end]`` (a paragraph so far)."""
    stretch = text[start:end]
    opened = sum(stretch.count(q) for q in _OPEN_QUOTES)
    closed = sum(stretch.count(q) for q in _CLOSE_QUOTES)
    return opened > closed or stretch.count('"') % 2 == 1


def is_age_decade(lex: Lexicon, text: str, start: int) -> bool:
    """"his 30s", "her early forties": a person's age, not a decade."""
    words = re.findall(r"[\w'’]+", text[max(0, start - 25):start].lower())[-2:]
    return any(w in lex.possessives for w in words)


def is_season_in_context(text: str, start: int, end: int, season_word: str) -> bool:
    """A bare season: "in the fall", "this spring"; not "the fall of Rome", "falls"."""
    prev = word_before(text, start).lower()
    nxt = word_after(text, end).lower()
    if season_word.lower() == "fall" and (nxt in ("of", "in", "to", "from", "was", "is") or prev != "the"
                                          and prev not in SEASON_PREPOSITIONS):
        return False
    return prev in SEASON_PREPOSITIONS or prev == "the"


def is_weekday_in_context(lex: Lexicon, text: str, start: int, end: int) -> bool:
    """Not a newspaper or a show: "the Sunday Times", "the Monday Club"."""
    prev = word_before(text, start).lower()
    nxt = word_after(text, end)
    return not (prev == "the" and nxt[:1].isupper() and nxt.lower() not in lex.months)


_RATE_BEFORE = re.compile(
    r"(?:\d|%|percent|cents?|dollars?|euros?|pounds?|yen|yuan|million|billion|trillion|thousand"
    r"|hundred|times|once|twice|thrice|barrels?|tons?|tonnes?|visitors|people|units|cars)"
    r"[\s,]*$",
    re.IGNORECASE,
)


def is_rate(text: str, start: int) -> bool:
    """"$3 billion a year", "twice a week": the "a year" is a frequency (SET)."""
    return bool(_RATE_BEFORE.search(text[max(0, start - 30):start]))


def has_complement(text: str, end: int) -> bool:
    """True when words follow (e.g. "after he was elected"), not punctuation."""
    rest = text[end:end + 20]
    return bool(re.match(r"^[ \t]+[\w\"“'‘$]", rest))
