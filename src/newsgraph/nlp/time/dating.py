"""Date an event or a quote: the time expression that governs it, else the DCT.

Used by the quotes and events components. A time expression governs a span
when it hangs off the same clause (the verb the span's clause is built on, or a
clause above it); failing that, the nearest one in the same sentence. Durations,
sets and reference words other than "now" never date anything. With none, the
article's date is used and the result says it was inferred.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from newsgraph.model import Timex
from newsgraph.nlp.extensions import paragraphs
from newsgraph.nlp.time.tense import clause_verb, tense_at
from newsgraph.nlp.time.values import parse_dct, precision_of


def _datable(timex: Timex) -> bool:
    if timex.type not in ("DATE", "TIME"):
        return False
    if timex.value == "PRESENT_REF":
        return True
    return precision_of(timex.value) is not None


def _as_date(timex: Timex, dct: str | None) -> tuple[str, str]:
    """(value, precision) for a governing timex; times keep their day."""
    if timex.value == "PRESENT_REF":
        day = parse_dct(dct)
        return (day.isoformat(), "day") if day else ("PRESENT_REF", "day")
    precision = precision_of(timex.value)
    if precision == "time":
        return timex.value.split("T", 1)[0], "day"
    if timex.value.count("-") == 2 and "-W" in timex.value:
        return timex.value, "day"
    return timex.value, precision


def _span(doc: Doc, start: int, end: int) -> Span | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span


def _ancestors(token: Token) -> list[Token]:
    chain, current = [], token
    for _ in range(60):
        chain.append(current)
        if current.head.i == current.i:  # the root is its own head
            break
        current = current.head
    return chain


def governing_timex(doc: Doc, start_char: int, end_char: int) -> Timex | None:
    """The datable timex of the sentence that governs [start_char, end_char), if any."""
    target = _span(doc, start_char, end_char)
    if target is None:
        return None
    sent = target.sent
    timexes = [t for t in (doc._.ng_timexes or [])
               if sent.start_char <= t.start < sent.end_char and _datable(t)]
    if not timexes:
        return None
    has_parse = doc.has_annotation("DEP")
    verb = clause_verb(target.root) if has_parse else None
    verb_chain = _ancestors(verb) if verb is not None else []
    best, best_rank = None, None
    for timex in timexes:
        tspan = _span(doc, timex.start, timex.end)
        if tspan is None:
            continue
        rank = 2
        if has_parse:
            tverb = clause_verb(tspan.root)
            if tverb == verb:
                rank = 0
            elif tverb in verb_chain:
                rank = 1
        distance = min(abs(timex.start - start_char), abs(timex.end - end_char))
        key = (rank, distance)
        if best_rank is None or key < best_rank:
            best, best_rank = timex, key
    return best


def _narrative_timex(doc: Doc, start_char: int, end_char: int) -> Timex | None:
    """A past-tense sentence with no date of its own continues the story of the
    previous sentence of its paragraph ("in July 2000 ... He met Kim's father")."""
    target = _span(doc, start_char, end_char)
    if target is None or not doc.has_annotation("DEP") or tense_at(target.root) != "past":
        return None
    sent = target.sent
    if sent.start == 0:
        return None
    prev = doc[sent.start - 1].sent
    between = "".join(t.whitespace_ if t.i == prev.end - 1 else t.text_with_ws
                      for t in doc[prev.end - 1:sent.start])
    if "\n" in between or \
            any(p.start > prev.start_char and p.start <= sent.start_char for p in paragraphs(doc)):
        return None
    timexes = [t for t in (doc._.ng_timexes or [])
               if prev.start_char <= t.start < prev.end_char and _datable(t) and t.anchor is None]
    return timexes[-1] if timexes else None


def date_for_span(doc: Doc, start_char: int, end_char: int) -> tuple[str | None, str | None, bool]:
    """``(value, precision, inferred)`` for the event or quote at the given characters.

    ``value`` is a TIMEX3 date value ("2024-06-19", "2023-09", "2019", "XXXX-WXX-3"),
    ``precision`` "day" | "week" | "month" | "quarter" | "season" | "year" | "decade" |
    "century", and ``inferred`` is True when no expression of the span's own sentence
    states it: the article's date, or an absolute date carried over from the previous
    sentence of the same paragraph when the story simply goes on in the past tense.
    """
    timex = governing_timex(doc, start_char, end_char)
    if timex is not None:
        value, precision = _as_date(timex, doc._.ng_published)
        return value, precision, False
    carried = _narrative_timex(doc, start_char, end_char)
    if carried is not None:
        value, precision = _as_date(carried, doc._.ng_published)
        return value, precision, True
    day = parse_dct(doc._.ng_published)
    if day is None:
        return None, None, True
    return day.isoformat(), "day", True
