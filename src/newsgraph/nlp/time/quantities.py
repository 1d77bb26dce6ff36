"""Resolvers for quantities of time: durations, frequencies (SETs) and reference words.

"four months" -> P4M, "nearly a quarter of a century" -> P25Y, "years" -> PXY,
"every week" / "weekly" / "$3 billion a year" -> SET P1W / P1W / P1Y,
"two years ago" -> a DATE, "now" -> PRESENT_REF.
"""

from __future__ import annotations

import re

from newsgraph.nlp.time import filters
from newsgraph.nlp.time.context import Context, Resolution, _norm, _unknown, anaphor_base
from newsgraph.nlp.time.grammar import Candidate, Lexicon
from newsgraph.nlp.time.numbers import spelled_number
from newsgraph.nlp.time.values import duration_value, shift_by_unit, value_at_unit


def _amount(lex: Lexicon, g: dict) -> float | None:
    if "vague" in g:
        return None
    word = _norm(g["num"])
    value = lex.numbers.get(word)
    if value is None:
        try:
            value = float(word)
        except ValueError:
            spelled = spelled_number(lex.numbers, word)
            return float(spelled) if spelled else None
    return value


#: Written fractions after a number: "5 1/2 hours", "1½ years".
_FRACTIONS = {"1/2": 0.5, "½": 0.5, "1/4": 0.25, "¼": 0.25, "3/4": 0.75, "¾": 0.75}

_FRACTION_OF = re.compile(r"\s+of\s+(?:the|a|an|all|its|his|her|their|those|these|them|us|our|\d)\b",
                          re.IGNORECASE)


def duration(c: Candidate, ctx: Context, lex: Lexicon) -> Resolution | None:
    g = c.groups
    if "old" in g or filters.is_age(ctx.text, c.end, c.start):
        return None  # "a 6-year-old", "44 years old", "aged 16 years"
    if filters.is_title(ctx.text, c.start, c.end):
        return None  # CBS's "60 Minutes"
    unit_word = g["unit"].lower() if "unit" in g else lex.unit_plurals[g["irregular"].lower()]
    spec = lex.units[unit_word]
    code, is_time = spec["code"], bool(spec.get("time"))
    amount = _amount(lex, g)
    span = ctx.text[c.start:c.end].lower()
    if amount is not None:
        amount *= spec.get("factor", 1)
        if "and a half" in span and "and a half" not in g.get("num", "").lower():
            amount += 0.5
        amount += _FRACTIONS.get(g.get("frac", "").strip(" \t\n-"), 0) * spec.get("factor", 1)
    article = _norm(g.get("num", "")) in ("a", "an")
    if unit_word == "second" and (article or amount == 2 and not g.get("plural")):
        return None  # "a second term", "second-quarter"
    if unit_word == "quarter" and (article or _FRACTION_OF.match(ctx.text, c.end)):
        return None  # "a quarter of the vote", "three quarters of them"
    if article and not ({"qmod", "span_rel", "dir"} & g.keys()) and filters.is_rate(ctx.text, c.start):
        return Resolution("SET", duration_value(1, code, is_time))
    direction = (g.get("dir") or "").lower()
    if direction in ("before", "after", "prior") and filters.has_complement(ctx.text, c.end):
        trimmed = c.start + span.rfind(direction)
        end = trimmed
        while end > c.start and ctx.text[end - 1].isspace():
            end -= 1
        return Resolution("DURATION", duration_value(amount, code, is_time), end=end)
    if direction and not is_time and code != "WE":
        return _shifted(ctx, direction, amount, code) or \
            Resolution("DURATION", duration_value(amount, code, is_time))
    return Resolution("DURATION", duration_value(amount, code, is_time))


def _shifted(ctx: Context, direction: str, amount: float | None, code: str) -> Resolution | None:
    """"two years ago" (from the DCT), "four years later" (from the story's last date)."""
    sign = 1 if direction in ("later", "after", "from now", "hence") else -1
    precision = code
    if direction in ("ago", "from now", "hence"):
        base, anchor = ctx.dct, "dct"
        if direction == "ago" and code == "Y" and ctx.recent and ctx.recent.precision == "quarter":
            base, anchor, precision = ctx.recent.day, ctx.recent.ref, "Q"  # "from a year ago": that quarter
    else:
        base, anchor = anaphor_base(ctx, code) or (ctx.dct, "dct")
    if amount is None:
        return Resolution("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", anchor)
    if base is None:
        return Resolution("DATE", _unknown(code))
    shifted = shift_by_unit(base, code, sign * amount)
    return Resolution("DATE", value_at_unit(shifted, precision), anchor) if shifted else None


def fixed_duration(c: Candidate, ctx: Context, lex: Lexicon) -> Resolution | None:
    return Resolution("DURATION", lex.fixed_durations[_norm(c.groups["fixed"])])


_BARE_OK_BEFORE = frozenset(["for", "of", "in", "over", "within", "after", "take", "took", "taking", "spent", "spend", "lasting", "lasted", "than", "and", "or", "across", "just", "only", "mere"])
_BARE_BAD_BEFORE = frozenset(["the", "these", "those", "his", "her", "their", "its", "our", "my", "your", "early", "final", "last", "few", "next", "first"])


def bare_units(c: Candidate, ctx: Context, lex: Lexicon) -> Resolution | None:
    g = c.groups
    if "one" in g:  # "a day-long meeting"
        spec = lex.units[g["one"].lower()]
        return Resolution("DURATION", duration_value(1, spec["code"], bool(spec.get("time"))))
    singular = {"centuries": "century"}.get(g["unit"].lower(), g["unit"].lower()[:-1])
    spec = lex.units[singular]
    value = duration_value(None, spec["code"], bool(spec.get("time")))
    if "pre" in g or "long" in g:  # "in recent years", "a years-long feud"
        return Resolution("DURATION", value)
    prev = filters.word_before(ctx.text, c.start).lower()
    nxt = filters.word_after(ctx.text, c.end).lower()
    if nxt == "ago":
        return None
    if prev in _BARE_BAD_BEFORE or nxt in ("old", "before", "after"):
        return None
    if prev in _BARE_OK_BEFORE or nxt in ("of", "later", "earlier") or \
            filters.sentence_initial(ctx.text, c.start):
        return Resolution("DURATION", value)
    return None


def set_every(c: Candidate, ctx: Context, lex: Lexicon) -> Resolution | None:
    g = c.groups
    if "weekday" in g:
        return Resolution("SET", f"XXXX-WXX-{lex.weekdays[g['weekday'].lower()]}")
    if "season" in g:
        return Resolution("SET", f"XXXX-{lex.seasons[g['season'].lower()]}")
    if "pod" in g:
        return Resolution("SET", f"XXXX-XX-XXT{lex.parts_of_day[g['pod'].lower()]}")
    word = g["unit"].lower()
    spec = lex.units.get(word) or lex.units.get(word[:-1])
    if spec is None:
        return None
    num = _norm(g.get("num", "one"))
    amount = 2.0 if num == "other" else lex.numbers.get(num) or (float(num) if num.isdigit() else 1.0)
    return Resolution("SET", duration_value(amount * spec.get("factor", 1), spec["code"],
                                            bool(spec.get("time"))))


def set_word(c: Candidate, ctx: Context, lex: Lexicon) -> Resolution | None:
    word = c.groups["setword"]
    if word[:1].isupper() and filters.word_after(ctx.text, c.end)[:1].isupper():
        return None  # "the Daily Mail"
    return Resolution("SET", lex.set_words[word.lower()])


def reference(c: Candidate, ctx: Context, lex: Lexicon) -> Resolution | None:
    return Resolution("DATE", lex.references[_norm(c.groups["ref"])])
