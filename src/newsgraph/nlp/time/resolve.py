"""Turn a grammar match into a TIMEX3 type and value, relative to the DCT.

One function per resolver name in ``patterns.yaml``. News conventions: a bare
weekday or month in a past-tense clause is the most recent one, in a future
clause the next one, otherwise the one nearest the document creation time.
With no creation time, the unknown parts stay unknown (``XXXX-WXX-3``).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from newsgraph.nlp.time import filters
from newsgraph.nlp.time.anaphora import anaphoric, era_year, spelled_year, that_time, unit_before_date
from newsgraph.nlp.time.context import (
    Context,
    Resolution,
    _direction,
    _norm,
    _unknown,
    anaphor_base,
    counted_from,
    story_year,
)
from newsgraph.nlp.time.grammar import Candidate, Lexicon
from newsgraph.nlp.time.quantities import (
    bare_units,
    duration,
    fixed_duration,
    reference,
    set_every,
    set_word,
)
from newsgraph.nlp.time.holidays import holiday
from newsgraph.nlp.time.periods import the_quarter
from newsgraph.nlp.time.values import (
    SEASON_ORDER,
    day_value,
    duration_value,
    month_value,
    quarter_of,
    safe_date,
    season_of,
    shift_by_unit,
    value_at_unit,
    week_value,
    weekday_date,
)


def _two_digit_year(text: str, dct: date | None) -> int:
    n = int(text.strip("'’"))
    pivot = (dct.year % 100 + 10) if dct else 30
    return 2000 + n if n <= pivot else 1900 + n


def _year_for_month(ctx: Context, month: int) -> int | None:
    if not ctx.dct:
        return None
    diff = month - ctx.dct.month
    direction = _direction(ctx)
    if direction == "past":
        return ctx.dct.year - 1 if diff > 0 else ctx.dct.year
    if direction == "future":
        return ctx.dct.year + 1 if diff < 0 else ctx.dct.year
    if diff > 6:
        return ctx.dct.year - 1
    if diff < -6:
        return ctx.dct.year + 1
    return ctx.dct.year


def _year_for_day(ctx: Context, month: int, day: int) -> int | None:
    if not ctx.dct:
        return None
    year = ctx.dct.year
    cand = safe_date(year, month, day) or safe_date(year, month, 28)
    delta = (cand - ctx.dct).days
    direction = _direction(ctx)
    if direction == "past" and delta > 30:
        return year - 1
    if direction == "future" and delta < -30:
        return year + 1
    if delta > 183:
        return year - 1
    if delta < -183:
        return year + 1
    return year


def _year_for_relative_day(dct: date, month: int, day: int, rel: str) -> int:
    """"last Oct. 23": the most recent one before the DCT; "next March 3": the coming one."""
    this_year = (month, day)
    if rel == "last":
        return dct.year if this_year < (dct.month, dct.day) else dct.year - 1
    return dct.year if this_year > (dct.month, dct.day) else dct.year + 1


def _month_number(lex: Lexicon, word: str) -> int:
    return int(lex.months[_norm(word)])


def _day_number(word: str) -> int:
    return int(re.match(r"\d+", word).group())


# --- resolvers -------------------------------------------------------------


def explicit_date(c: Candidate, ctx: Context, lex: Lexicon) -> Resolution | None:
    g = c.groups
    month = int(g["month_num"]) if "month_num" in g else _month_number(lex, g["month"])
    if "year" in g:
        year = int(g["year"]) if len(g["year"].strip("'’")) == 4 else _two_digit_year(g["year"], ctx.dct)
    else:
        year = None
    if "day" not in g:  # month + year
        return Resolution("DATE", month_value(year, month))
    day, anchor = _day_number(g["day"]), None
    if year is None and "rel" in g and ctx.dct:
        year, anchor = _year_for_relative_day(ctx.dct, month, day, _norm(g["rel"])), "dct"
    elif year is None:
        year, anchor = story_year(ctx) or (_year_for_day(ctx, month, day), "dct")
        if year is None:
            return Resolution("DATE", f"XXXX-{month:02d}-{day:02d}", None)
    found = safe_date(year, month, day)
    if found is None:
        return None
    # "the week of March 6": the ISO week that day is in.
    return Resolution("DATE", week_value(found) if "week_of" in g else day_value(found), anchor)


def month(c: Candidate, ctx: Context, lex: Lexicon) -> Resolution | None:
    g = c.groups
    m = _month_number(lex, g["month"])
    bare = not any(k in g for k in ("rel", "rel_year", "rel_year2")) and not g.get("modp")
    if bare and not filters.is_month_in_context(lex, ctx.text, c.start, c.end, g["month"]):
        return None
    rel = _norm(g.get("rel", ""))
    story = story_year(ctx) if not rel and not ({"rel_year", "rel_year2"} & g.keys()) else None
    if story:
        return Resolution("DATE", month_value(story[0], m), story[1])
    ctx, rel, anchor = counted_from(ctx, rel)
    if not ctx.dct:
        return Resolution("DATE", f"XXXX-{m:02d}")
    year = ctx.dct.year
    if "rel_year" in g:
        year += lex.relative_words[_norm(g["rel_year"])]
    elif "rel_year2" in g:
        year -= 1
    elif rel in ("last", "past", "this past"):
        year = year if m < ctx.dct.month else year - 1
    elif rel in ("next", "coming", "this coming"):
        year = year if m > ctx.dct.month else year + 1
    elif rel != "this":
        year = _year_for_month(ctx, m)
    return Resolution("DATE", month_value(year, m), anchor)


def year(c: Candidate, ctx: Context, lex: Lexicon) -> Resolution | None:
    g = c.groups
    if "short_year" in g:
        return Resolution("DATE", f"{_two_digit_year(g['short_year'], ctx.dct):04d}")
    y = int(g["year"])
    if not g.get("modp") and not g.get("prepost") and \
            not filters.is_year_in_context(lex, ctx.text, c.start, c.end):  # "post-1959" is a year
        return None
    if y < 1600 and not g.get("modp") and not filters.is_early_year_in_context(ctx.text, c.start, c.end):
        return None  # "1200 troops"; a year of the Middle Ages comes after "in", "from", "until"
    if ctx.dct and y > ctx.dct.year + 50:
        return None
    return Resolution("DATE", f"{y:04d}")


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                 "seventies": 7, "eighties": 8, "nineties": 9}


def decade(c: Candidate, ctx: Context, lex: Lexicon) -> Resolution | None:
    g = c.groups
    if "century_digits" in g:
        return Resolution("DATE", f"{g['century_digits']}{g['decade_digit']}")
    if "decade_word" in g:
        if not ctx.text[c.start:c.end].lower().startswith("the"):
            return None  # "in his forties" is an age
        digit = _DECADE_WORDS[g["decade_word"].lower()]
        return Resolution("DATE", f"19{digit}")
    digit = int(g["short_decade"])
    if filters.is_age_decade(lex, ctx.text, c.start):
        return None  # "in his 30s"
    current = (ctx.dct.year - 2000) // 10 if ctx.dct else 2
    return Resolution("DATE", f"20{digit}" if digit <= current else f"19{digit}")


def century(c: Candidate, ctx: Context, lex: Lexicon) -> Resolution | None:
    word = _norm(c.groups["ordinal"])
    n = int(re.match(r"\d+", word).group()) if word[0].isdigit() else lex.ordinals.get(word, 0)
    if n <= 0 or n > 21:
        return None
    bc = c.groups.get("era", "").upper().startswith("B")
    return Resolution("DATE", f"{'BC' if bc else ''}{n - 1:02d}")  # "the 3rd century BC": BC02


def season(c: Candidate, ctx: Context, lex: Lexicon) -> Resolution | None:
    g = c.groups
    code = lex.seasons[_norm(g["season"])]
    if "year" in g:
        return Resolution("DATE", f"{int(g['year']):04d}-{code}")
    rel = _norm(g.get("rel", ""))
    bare = not rel and "rel_year" not in g and not g.get("modp")
    if (bare or not rel and _norm(g["season"]) == "fall") and \
            not filters.is_season_in_context(ctx.text, c.start, c.end, g["season"]):
        return None
    story = story_year(ctx) if not rel and "rel_year" not in g else None
    if story:
        return Resolution("DATE", f"{story[0]:04d}-{code}", story[1])
    ctx, rel, anchor = counted_from(ctx, rel)
    if not ctx.dct:
        return Resolution("DATE", f"XXXX-{code}")
    if "rel_year" in g:
        return Resolution("DATE", f"{ctx.dct.year + lex.relative_words[_norm(g['rel_year'])]:04d}-{code}",
                          "dct")
    cur_year, cur_idx = season_of(ctx.dct)
    idx = SEASON_ORDER.index(code)
    if rel in ("last", "past", "the past", "this past"):
        y = cur_year if idx < cur_idx else cur_year - 1
    elif rel in ("next", "coming", "the coming", "this coming"):
        y = cur_year if idx > cur_idx else cur_year + 1
    elif rel == "this":
        y = cur_year
    elif _direction(ctx) == "past":
        y = cur_year if idx <= cur_idx else cur_year - 1
    elif _direction(ctx) == "future":
        y = cur_year if idx >= cur_idx else cur_year + 1
    else:
        y = cur_year
    return Resolution("DATE", f"{y:04d}-{code}", anchor)


_QUARTER_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
                     "fourth": 4, "4th": 4, "final": 4, "last": 4}


def quarter(c: Candidate, ctx: Context, lex: Lexicon) -> Resolution | None:
    g = c.groups
    if "hnum" in g or "hnum2" in g:
        part, n = "H", int(g.get("hnum") or g.get("hnum2"))
    elif "qnum" in g:
        part, n = "Q", int(g["qnum"])
    else:
        if "months" in g:  # "the last three months of 2004": a quarter; six months: a half
            part = "Q" if g["months"].lower() in ("three", "3") else "H"
        else:
            part = "H" if g["part"].lower() == "half" else "Q"
        n = _QUARTER_ORDINALS[_norm(g["ordinal"])]
        if part == "H":
            n = 2 if n >= 2 else 1
    if "year" in g:
        return Resolution("DATE", f"{int(g['year']):04d}-{part}{n}")
    if not ctx.dct:
        return Resolution("DATE", f"XXXX-{part}{n}")
    y, q = quarter_of(ctx.dct)
    current = q if part == "Q" else (1 if q <= 2 else 2)
    if "rel" in g or "rel_pre" in g:
        y += lex.relative_words.get(_norm(g.get("rel") or g["rel_pre"]).replace("the ", ""), 0)
    elif "this_year" not in g:
        if _direction(ctx) == "future":
            y = y + 1 if n < current else y
        else:
            y = y - 1 if n > current else y
    return Resolution("DATE", f"{y:04d}-{part}{n}", "dct")


def fiscal(c: Candidate, ctx: Context, lex: Lexicon) -> Resolution | None:
    g = c.groups
    if "year" in g:
        y = g["year"].strip("'’")
        y = int(y) if len(y) == 4 else _two_digit_year(y, ctx.dct)
        return Resolution("DATE", f"FY{y:04d}")
    if "rel" not in g or "year" not in ctx.text[c.start:c.end].lower():
        return None
    if not ctx.dct:
        return Resolution("DATE", "XXXX")
    offset = lex.relative_words.get(_norm(g["rel"]).replace("the ", ""), 0)
    return Resolution("DATE", f"{ctx.dct.year + offset:04d}", "dct")


_UNIT_CODES = {"week": "W", "weekend": "WE", "month": "M", "year": "Y", "decade": "DE",
               "century": "CE", "quarter": "Q", "day": "D"}


#: Relative words that count from the last date mentioned, not from today.
_ANAPHORIC_REL = {"the same": 0, "the following": 1, "the preceding": -1, "the previous": -1,
                  "the next": 1}


def relative_unit(c: Candidate, ctx: Context, lex: Lexicon) -> Resolution | None:
    g = c.groups
    unit = _UNIT_CODES[g["unit"].lower()]
    rel = _norm(g["rel"])
    if rel in ("the past",) and not g.get("modw") and not g.get("modp"):
        return Resolution("DURATION", duration_value(1, unit if unit != "WE" else "WE"))
    base = ctx.dct
    anchor = "dct"
    anaphoric = _ANAPHORIC_REL.get(rel)
    if rel == "the next" and not ctx.story:
        anaphoric = None  # "the next year" in news counts from today
    found = anaphor_base(ctx, unit) if anaphoric is not None else None
    if found:
        (base, anchor), offset = found, anaphoric
    elif rel == "the same":
        offset = 0
    elif rel == "this coming":
        offset = 1 if unit in ("W", "WE") else 0
    elif rel == "the":
        offset = 0
    else:
        offset = lex.relative_words.get(rel.replace("the ", "").replace("this ", ""), 0)
        if rel.startswith(("earlier", "later")):
            offset = 0
    if unit == "WE" and offset == 0 and base is not None and rel == "the" \
            and _direction(ctx) == "past" and base.isoweekday() < 6:
        offset = -1  # "spent the weekend" said on a weekday: the one just gone
    if base is None:
        return Resolution("DATE", _unknown(unit))
    shifted = shift_by_unit(base, unit, offset)
    if shifted is None:
        return None
    return Resolution("DATE", value_at_unit(shifted, unit), anchor)


def anchored_day(c: Candidate, ctx: Context, lex: Lexicon) -> Resolution | None:
    g = c.groups
    word = (g.get("unit") or g.get("unit2")).lower()
    pod = lex.parts_of_day.get(word) if word in ("morning", "evening", "night") else None
    unit = "D" if pod else _UNIT_CODES[word]
    if "rel" in g:
        rel = g["rel"].lower()
        offset = {"next": 1, "following": 1, "same": 0}.get(rel, -1)
    else:
        offset = 1 if g["dir"].lower() in ("after", "later") else -1
    base, anchor = anaphor_base(ctx, unit) or (ctx.dct, "dct")
    if base is None:
        return Resolution("TIME" if pod else "DATE", _unknown(unit) + (f"T{pod}" if pod else ""))
    shifted = shift_by_unit(base, unit, offset)
    if shifted is None:
        return None
    value = value_at_unit(shifted, unit)
    return Resolution("TIME", f"{value}T{pod}", anchor) if pod else Resolution("DATE", value, anchor)


def deictic(c: Candidate, ctx: Context, lex: Lexicon) -> Resolution | None:
    g = c.groups
    word = (g.get("deictic") or g.get("rel") or "").lower()
    offset = {"yesterday": -1, "tomorrow": 1, "last": -1}.get(word, 0)
    pod = lex.parts_of_day.get(g["pod"].lower()) if "pod" in g else None
    if word == "tonight":
        pod = "NI"
    if word == "last" and pod != "NI":
        return None  # "last morning" is not an expression; "last evening" rare
    day = day_value(ctx.dct + timedelta(days=offset)) if ctx.dct else "XXXX-XX-XX"
    anchor = "dct" if ctx.dct else None
    if pod:
        return Resolution("TIME", f"{day}T{pod}", anchor)
    return Resolution("DATE", day, anchor)


def weekday(c: Candidate, ctx: Context, lex: Lexicon) -> Resolution | None:
    g = c.groups
    wd = lex.weekdays[g["weekday"].lower()]
    if not filters.is_weekday_in_context(lex, ctx.text, c.start, c.end):
        return None
    pod = lex.parts_of_day.get(g["pod"].lower()) if "pod" in g else None
    suffix = f"T{pod}" if pod else ""
    kind = "TIME" if pod else "DATE"
    if not ctx.dct:
        return Resolution(kind, f"XXXX-WXX-{wd}{suffix}")
    rel = _norm(g.get("rel", ""))
    if rel in ("last", "past", "this past"):
        d = weekday_date(ctx.dct, wd, "past", same_day_ok=False)
    elif rel in ("next", "coming", "this coming"):
        d = weekday_date(ctx.dct, wd, "future", same_day_ok=False)
    elif rel == "this":
        d = weekday_date(ctx.dct, wd, "nearest")
    else:
        d = weekday_date(ctx.dct, wd, _direction(ctx))
    return Resolution(kind, day_value(d) + suffix, "dct")


def clock(c: Candidate, ctx: Context, lex: Lexicon) -> Resolution | None:
    g = c.groups
    if "clock_word" in g:
        if filters.word_before(ctx.text, c.start).lower() == "high":
            return None  # "high noon", the film "High Noon"
        hour, minute = (24, 0) if g["clock_word"].lower() == "midnight" else (12, 0)
    elif "hour_word" in g:
        # "4 in the morning", "five o'clock", "ten at night"
        hour, minute = int(lex.numbers.get(g["hour_word"].lower()) or g["hour_word"]), 0
        part = (g.get("pod_word") or g.get("pod_said") or "").lower()
        if hour < 12 and ("afternoon" in part or "evening" in part or "night" in part and hour >= 6):
            hour += 12
        elif hour == 12 and "morning" in part:
            hour = 0
    else:
        hour = int(g.get("hour") or g.get("hour4"))
        minute = int(g.get("minute") or g.get("minute4") or 0)
        ampm = g.get("ampm", "").lower()
        if ampm.startswith("p") and hour < 12:
            hour += 12
        elif ampm.startswith("a") and hour == 12:
            hour = 0
    zone = "Z" if g.get("tz") in ("UTC", "GMT") else ""
    story_day = ctx.story.day if ctx.story and ctx.story.precision == "day" else None
    day = ctx.sentence_day or story_day or ctx.dct
    prefix = day_value(day) if day else "XXXX-XX-XX"
    anchor = ctx.story.ref if day and day is story_day and day is not ctx.sentence_day else "dct" if day else None
    return Resolution("TIME", f"{prefix}T{hour:02d}:{minute:02d}{zone}", anchor)


_THE_DAY_BEFORE = frozenset(["for", "ended", "end", "ends", "ending", "closed", "close", "closes", "closing", "finished", "finish", "started", "start", "opened", "open", "during", "throughout", "over"])


def the_day(c: Candidate, ctx: Context, lex: Lexicon) -> Resolution | None:
    """"ended the day down 3%", "late in the day": the day being reported on."""
    prev = filters.word_before(ctx.text, c.start).lower()
    nxt = filters.word_after(ctx.text, c.end).lower()
    modified = c.groups.get("modp") or c.groups.get("modw")
    if not modified and prev not in _THE_DAY_BEFORE:
        return None
    if not modified and nxt in ("of", "before", "after", "when", "that", "he", "she", "they", "it"):
        return None
    if nxt in lex.weekdays or nxt in lex.months:
        return None  # "during the day Friday": the date that follows names the day
    day = ctx.sentence_day or ctx.anchor or ctx.dct
    if day is None:
        return Resolution("DATE", "XXXX-XX-XX")
    return Resolution("DATE", day_value(day), "dct" if day == ctx.dct else ctx.anchor_ref)


RESOLVERS = {
    fn.__name__: fn
    for fn in (explicit_date, month, holiday, year, decade, century, season, quarter, fiscal,
               relative_unit, anchored_day, the_day, deictic, weekday, clock, duration, fixed_duration,
               bare_units, set_every, set_word, reference, anaphoric, era_year, spelled_year,
               the_quarter, unit_before_date, that_time)
}


def resolve(candidate: Candidate, ctx: Context, lex: Lexicon) -> Resolution | None:
    """The TIMEX3 reading of one match, or None when context says it is not one."""
    return RESOLVERS[candidate.resolver](candidate, ctx, lex)
