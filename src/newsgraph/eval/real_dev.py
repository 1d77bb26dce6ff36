"""Score the hand-annotated real articles of ``<shared>/cases/real-dev``, pooled.

Every case is read as ``newsgraph ingest --published <gold published>`` reads
it (:func:`newsgraph.eval.seed.run_case`) and analysed ONCE by the full
pipeline; entities, quotes, events and time expressions are all scored on that
one analysis. Counts are summed over the articles before any ratio is taken
(pooled, not a mean of per-article figures). Gold entries marked ``optional``
count neither way. Names are compared by :func:`normalize_name`, after
dropping a leading honorific ("Mr Dodd" ~ "Dodd").

Entities (non-optional gold entities)
    ``found``: some predicted entity's name or alias normalises like the gold
    name or one of its aliases (of several, the one holding the most gold
    aliases, then the most mentions); ``grouped``: found with every gold alias
    among that entity's names; ``country`` / ``sector`` (report only): that
    entity has the gold value, over gold entities that carry one (the gold's
    media sector MED is PLOVER's JRN: :func:`sector_agrees`);
    ``distinct``: ``distinct_entities`` pairs matched to two different
    entities; ``false_entities``: how many ``not_entities`` strings are a
    predicted entity's name or a mention's text.
Quotes (non-optional gold quotes)
    A prediction agrees with a gold quote when it starts on the gold line and
    holds at least 60% of the gold content's words (``CONTENT_AGREEMENT``, as
    the seed scorer). ``found``: some prediction agrees; ``speaker``: of the
    found, the best-agreeing prediction's speaker name is the gold speaker or
    an alias of the gold entity of that name (a gold speaker that is no gold
    entity, "foreign firms": its words run inside the predicted name, "Many
    foreign firms"); ``precision``: predictions that
    agree with a required gold quote, over predictions less those agreeing only
    with optional ones (and less "according to" records of a source the gold
    keeps in ``according_to``, as the seed scorer).
Events (realised predictions: negated and hypothetical ones are left out, as
    default queries and the seed scorer leave them out)
    Three cumulative levels: ``type`` (a gold type on the gold line),
    ``countries`` (+ the predicted actor countries include the gold actor
    codes when the gold lists any, same for recipients), ``names`` (+ every
    gold actor name is a predicted actor's name, or an alias of its entity, or
    — for gold names that are no gold entity, such as "pro-hunt supporters" —
    its words run inside the participant's text or name; same for
    recipients). Recall over non-optional gold; precision over predictions
    less those matching only optional gold; predictions on
    ``not_event_lines`` are always false.
Time expressions
    A prediction is found for a gold expression on its line when the spans
    overlap (or, failing to locate the gold text, one text contains the
    other); one to one. ``found`` and ``value`` (found with the gold value):
    recall over non-optional gold; ``precision``: matched predictions over
    predictions less those matched to optional gold.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from newsgraph.errors import NewsgraphError
from newsgraph.eval.entities import _keys as entity_keys
from newsgraph.eval.matching import pick_one_to_one
from newsgraph.eval.plover_seed import _countries, _types
from newsgraph.eval.quotes import content_agrees, content_share
from newsgraph.eval.seed import CaseRun, run_case
from newsgraph.model import Entity, Event, Quote, Timex
from newsgraph.names import normalize_name

#: Dropped from the front of a name before comparing ("Mr Dodd" ~ "Dodd"). A fixed
#: list, so the measure does not move when the system's own honorifics change.
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "prof", "professor"})
COMPONENTS = ("entities", "quotes", "events", "timex")

#: Pooled ratios and what each is over: name -> (numerator count, denominator count).
RATIOS = {
    "entities.found": ("entities.found", "entities.gold"),
    "entities.grouped": ("entities.grouped", "entities.gold"),
    "entities.country": ("entities.country_ok", "entities.with_country"),
    "entities.sector": ("entities.sector_ok", "entities.with_sector"),
    "entities.distinct": ("entities.distinct_ok", "entities.distinct_pairs"),
    "quotes.found": ("quotes.found", "quotes.gold"),
    "quotes.speaker": ("quotes.speaker_ok", "quotes.found"),
    "quotes.precision": ("quotes.pred_correct", "quotes.pred_counted"),
    "events.type.recall": ("events.type.found", "events.gold"),
    "events.type.precision": ("events.type.pred_correct", "events.type.pred_counted"),
    "events.countries.recall": ("events.countries.found", "events.gold"),
    "events.countries.precision": ("events.countries.pred_correct", "events.countries.pred_counted"),
    "events.names.recall": ("events.names.found", "events.gold"),
    "events.names.precision": ("events.names.pred_correct", "events.names.pred_counted"),
    "timex.found": ("timex.found", "timex.gold"),
    "timex.value": ("timex.value_ok", "timex.gold"),
    "timex.precision": ("timex.pred_correct", "timex.pred_counted"),
}


# ------------------------------------------------------------------ names

def name_key(text: str | None) -> str:
    """normalize_name without a leading honorific ("Mr. Dodd" -> "dodd")."""
    key = normalize_name(text or "")
    words = key.split()
    while len(words) > 1 and words[0] in HONORIFICS:
        words = words[1:]
    return " ".join(words)


def keys_of(names) -> set[str]:
    return {k for n in names for k in (normalize_name(n or ""), name_key(n)) if k}


def pred_entity_keys(entity: Entity) -> set[str]:
    return entity_keys(entity) | {name_key(a) for a in [entity.name, *entity.aliases]}


class GoldNames:
    """Gold entity names and aliases: a name written anywhere in the gold -> all its keys."""

    def __init__(self, entities: list[dict]):
        self._by_key: dict[str, set[str]] = {}
        for g in entities:
            keys = keys_of([g["name"], *g.get("aliases", [])])
            for k in keys:
                self._by_key.setdefault(k, set()).update(keys)

    def keys(self, name: str) -> set[str] | None:
        """All keys of the gold entity ``name`` names, or None when it names no gold entity."""
        for k in keys_of([name]):
            if k in self._by_key:
                return self._by_key[k]
        return None

    def agrees(self, gold_name: str, pred_names) -> bool:
        """A predicted name is the gold name or an alias of the same gold entity; for a gold
        name that is no entity ("foreign firms"), its words run inside a predicted name."""
        wanted = self.keys(gold_name)
        if wanted is None:
            return any(phrase_agrees(gold_name, n) for n in pred_names)
        return bool(keys_of(pred_names) & wanted)


def _words_within(small: list[str], big: list[str]) -> bool:
    n = len(small)
    return bool(n) and any(big[i:i + n] == small for i in range(len(big) - n + 1))


def phrase_agrees(gold_name: str, pred_text: str | None) -> bool:
    """A gold participant that is no entity ("pro-hunt supporters"): its words run inside the prediction's."""
    gold, pred = normalize_name(gold_name).split(), normalize_name(pred_text or "").split()
    return _words_within(gold, pred)


# ------------------------------------------------------------------ scoring one case

@dataclass
class CaseScore:
    counts: Counter
    problems: dict[str, list[str]]


#: PLOVER's codes for the UN and the EU, which it separates from other
#: intergovernmental organisations (PLOVER manual, "international non-state
#: entities"); the guidelines code every international organisation IGO.
_IGO_PARTS = frozenset({"IGO", "UNO", "EUR"})


def country_agrees(gold: str, predicted: str | None) -> bool:
    return predicted == gold or (gold == "IGO" and predicted in _IGO_PARTS)


def sector_agrees(gold: str, predicted: str | None) -> bool:
    """The guidelines' sector list is CAMEO's, where MED is the media (every outlet and
    journalist in the gold is MED); PLOVER 2.0, which newsgraph codes, calls the media
    JRN and gives MED to health (PLOVER manual, "Sector code notes" 4)."""
    return predicted == gold or (gold == "MED" and predicted == "JRN")


def _codes(participants) -> set[str]:
    codes = set(_countries(participants))
    return codes | {"IGO"} if codes & _IGO_PARTS else codes


def _fmt(names) -> str:
    return "[" + ", ".join(str(n) for n in names) + "]"


def score_entities(gold: dict, entities: list[Entity], counts: Counter, problem: Callable[[str], None]) -> None:
    match: dict[str, Entity] = {}
    for g in gold.get("entities", []):
        gold_keys = keys_of([g["name"], *g.get("aliases", [])])
        aliases = g.get("aliases", []) or [g["name"]]
        cands = [e for e in entities if pred_entity_keys(e) & gold_keys]
        optional = bool(g.get("optional"))
        if not optional:
            counts["entities.gold"] += 1
            counts["entities.with_country"] += bool(g.get("country"))
            counts["entities.with_sector"] += bool(g.get("sector"))
        if not cands:
            if not optional:
                problem(f"{g['name']}: missing (no predicted entity named {_fmt(g.get('aliases', []))})")
            continue
        ent = max(cands, key=lambda e: (sum(bool(keys_of([a]) & pred_entity_keys(e)) for a in aliases),
                                        len(e.mentions)))
        match[g["name"]] = ent
        if optional:
            continue
        counts["entities.found"] += 1
        keys = pred_entity_keys(ent)
        missing = [a for a in aliases if not keys_of([a]) & keys]
        if missing:
            elsewhere = sorted({e.name for e in entities if e is not ent
                                for a in missing if keys_of([a]) & pred_entity_keys(e)})
            where = f"; in {_fmt(elsewhere)}" if elsewhere else ""
            problem(f"{g['name']}: aliases not grouped {_fmt(missing)} (entity {ent.name!r} has "
                    f"{_fmt(ent.aliases)}{where})")
        else:
            counts["entities.grouped"] += 1
        if g.get("country"):
            if country_agrees(g["country"], ent.country):
                counts["entities.country_ok"] += 1
            else:
                problem(f"{g['name']}: country {ent.country} != {g['country']}")
        if g.get("sector"):
            if sector_agrees(g["sector"], ent.sector):
                counts["entities.sector_ok"] += 1
            else:
                problem(f"{g['name']}: sector {ent.sector} != {g['sector']}")
    for pair in gold.get("distinct_entities", []):
        counts["entities.distinct_pairs"] += 1
        ids = [match[n].id for n in pair if n in match]
        if len(ids) == len(pair) and len(set(ids)) == len(ids):
            counts["entities.distinct_ok"] += 1
        else:
            problem(f"not kept apart: {_fmt(pair)}")
    predicted = {normalize_name(e.name) for e in entities} | {normalize_name(m.text) for e in entities
                                                               for m in e.mentions}
    for name in gold.get("not_entities", []):
        if normalize_name(name) in predicted:
            counts["entities.false_entities"] += 1
            problem(f"false entity: {name}")


def _quote_lines(q: Quote, line: Callable[[int], int]) -> set[int]:
    first, last = line(q.start), line(max(q.start, q.end - 1))
    return set(range(first, last + 1)) if 0 < first <= last else {first}


def score_quotes(gold: dict, quotes: list[Quote], line: Callable[[int], int], counts: Counter,
                 problem: Callable[[str], None], entities: list[Entity] = ()) -> None:
    names = GoldNames(gold.get("entities", []))
    by_id = {e.id: e for e in entities}

    def speaker_names(sp) -> list[str]:
        """The speaker's name and every alias of its entity: "P. Chidambaram" is
        "Palaniappan Chidambaram" when the text names him so."""
        ent = by_id.get(sp.entity_id) if sp.entity_id else None
        return [sp.name, *(ent.aliases if ent else [])]

    gquotes = gold.get("quotes", [])
    lines = [_quote_lines(q, line) for q in quotes]

    def agree(g, pi) -> bool:
        return g["line"] in lines[pi] and content_agrees(g["content"], quotes[pi].content)

    for g in gquotes:
        if g.get("optional"):
            continue
        counts["quotes.gold"] += 1
        hits = [pi for pi in range(len(quotes)) if agree(g, pi)]
        if not hits:
            problem(f"line {g['line']}: missed quote ({g['speaker']}, {g.get('cue')}) {g['content'][:70]!r}")
            continue
        counts["quotes.found"] += 1
        best = max(hits, key=lambda pi: (content_share(g["content"], quotes[pi].content),
                                         -len(quotes[pi].content)))
        sp = quotes[best].speaker
        if sp is not None and sp.name and names.agrees(g["speaker"], speaker_names(sp)):
            counts["quotes.speaker_ok"] += 1
        else:
            problem(f"line {g['line']}: speaker {sp.name if sp else None!r} != {g['speaker']!r} "
                    f"({g.get('cue')}) {g['content'][:50]!r}")
    for pi, q in enumerate(quotes):
        matching = [g for g in gquotes if agree(g, pi)]
        if any(not g.get("optional") for g in matching):
            counts["quotes.pred_correct"] += 1
            counts["quotes.pred_counted"] += 1
        elif matching:
            continue  # agrees with an optional quote only: neither way
        elif (q.cue or "").lower() == "according to" and q.speaker is not None and any(
                g.get("according_to") and g["line"] in lines[pi]
                and names.agrees(g["according_to"], [q.speaker.name]) and content_agrees(g["content"], q.content)
                for g in gquotes):
            continue  # the "according to" record of an attribution the gold keeps as according_to
        else:
            counts["quotes.pred_counted"] += 1
            problem(f"line {min(lines[pi])}: false quote ({q.speaker.name if q.speaker else None}, {q.cue}) "
                    f"{q.content[:70]!r}")


def _participants_agree(gold_names: list[str], pred, entities: dict[str, Entity], names: GoldNames) -> bool:
    for gold_name in gold_names:
        wanted = names.keys(gold_name)
        ok = False
        for p in pred:
            if wanted is not None:
                said = keys_of([p.name])
                if p.entity_id in entities:
                    said |= pred_entity_keys(entities[p.entity_id])
                ok = bool(said & wanted)
            else:
                ok = phrase_agrees(gold_name, p.text) or phrase_agrees(gold_name, p.name)
            if ok:
                break
        if not ok:
            return False
    return True


def event_level(event: Event, line: int, entry: dict, entities: dict[str, Entity], names: GoldNames) -> int:
    """0: no match; 1: type and line; 2: + countries; 3: + names."""
    if line != entry["line"] or event.type not in _types(entry):
        return 0
    if not (set(entry.get("actor") or []) <= _codes(event.actor)
            and set(entry.get("recipient") or []) <= _codes(event.recipient)):
        return 1
    if not (_participants_agree(entry.get("actor_names") or [], event.actor, entities, names)
            and _participants_agree(entry.get("recipient_names") or [], event.recipient, entities, names)):
        return 2
    return 3


LEVELS = ("type", "countries", "names")


def _describe(event: Event) -> str:
    def side(ps):
        return ", ".join(f"{p.name or p.text}/{p.country or '-'}" for p in ps) or "-"
    return f"{event.type} {event.trigger_text!r} ({side(event.actor)} -> {side(event.recipient)})"


def score_events(gold: dict, events: list[Event], entities: list[Entity], line: Callable[[int], int],
                 counts: Counter, problem: Callable[[str], None]) -> None:
    names = GoldNames(gold.get("entities", []))
    by_id = {e.id: e for e in entities}
    kept = [(e, line(e.trigger_start)) for e in events if not e.negated and not e.hypothetical]
    counts["events.modal_left_out"] += len(events) - len(kept)
    banned = set(gold.get("not_event_lines", []))
    entries = gold.get("events", [])
    levels = [[event_level(e, n, g, by_id, names) for g in entries] for e, n in kept]
    for gi, g in enumerate(entries):
        if g.get("optional"):
            continue
        counts["events.gold"] += 1
        best = max((row[gi] for row, (_, n) in zip(levels, kept) if n not in banned), default=0)
        for k, level in enumerate(LEVELS, start=1):
            counts[f"events.{level}.found"] += best >= k
        what = f"{'/'.join(sorted(_types(g)))} {g.get('trigger')!r}"
        if best == 0:
            problem(f"line {g['line']}: missed {what} ({_fmt(g.get('actor_names') or [])} -> "
                    f"{_fmt(g.get('recipient_names') or [])})")
        elif best < 3:
            pi = max(range(len(kept)), key=lambda i: (levels[i][gi], _same_trigger(kept[i][0], g)))
            gold_side = (f"{_fmt(g.get('actor_names') or [])}/{_fmt(g.get('actor') or [])} -> "
                         f"{_fmt(g.get('recipient_names') or [])}/{_fmt(g.get('recipient') or [])}")
            problem(f"line {g['line']}: {what}: {LEVELS[best]} wrong: got {_describe(kept[pi][0])}, "
                    f"gold {gold_side}")
    for (event, n), row in zip(kept, levels):
        for k, level in enumerate(LEVELS, start=1):
            if n in banned:
                counts[f"events.{level}.pred_counted"] += 1
                continue
            required = any(lv >= k for lv, g in zip(row, entries) if not g.get("optional"))
            if required:
                counts[f"events.{level}.pred_correct"] += 1
                counts[f"events.{level}.pred_counted"] += 1
            elif not any(lv >= k for lv, g in zip(row, entries) if g.get("optional")):
                counts[f"events.{level}.pred_counted"] += 1
        if n in banned:
            problem(f"line {n}: event on a not_event line: {_describe(event)}")
        elif not any(row):
            problem(f"line {n}: false event {_describe(event)}")


def _same_trigger(event: Event, entry: dict) -> bool:
    return event.trigger_text.lower() in (entry.get("trigger") or "").lower()


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def _timex_overlap(g: dict, t: Timex, line_start: int, line_text: str) -> int:
    """Characters shared by the prediction and an occurrence of the gold text on its line."""
    best = 0
    for m in re.finditer(re.escape(g["text"]), line_text, flags=re.IGNORECASE):
        start, end = line_start + m.start(), line_start + m.end()
        best = max(best, min(end, t.end) - max(start, t.start))
    if best > 0:
        return best
    if line_text.lower().find(g["text"].lower()) < 0:  # gold text not located: compare texts
        a, b = _norm(g["text"]), _norm(t.text)
        if a and b and (a in b or b in a):
            return min(len(a), len(b))
    return 0


def score_timexes(gold: dict, timexes: list[Timex], line: Callable[[int], int],
                  spans: dict[int, tuple[int, int]], text: str, counts: Counter,
                  problem: Callable[[str], None]) -> None:
    entries = gold.get("timexes", [])
    lines = [line(t.start) for t in timexes]
    ranked = []
    for gi, g in enumerate(entries):
        start, end = spans.get(g["line"], (0, 0))
        for pi, t in enumerate(timexes):
            if lines[pi] == g["line"]:
                overlap = _timex_overlap(g, t, start, text[start:end])
                if overlap > 0:
                    ranked.append((-(overlap + (t.value == g.get("value"))), gi, pi))
    ranked.sort()
    pairs = dict(pick_one_to_one(ranked))
    for gi, g in enumerate(entries):
        if g.get("optional"):
            continue
        counts["timex.gold"] += 1
        pi = pairs.get(gi)
        if pi is None:
            problem(f"line {g['line']}: missed timex {g['text']!r} ({g.get('type')} {g.get('value')})")
            continue
        counts["timex.found"] += 1
        t = timexes[pi]
        if t.value == g.get("value"):
            counts["timex.value_ok"] += 1
        else:
            problem(f"line {g['line']}: {g['text']!r} value {t.value} != {g.get('value')} (predicted {t.text!r})")
    matched = {pi: gi for gi, pi in pairs.items()}
    for pi, t in enumerate(timexes):
        gi = matched.get(pi)
        if gi is not None and entries[gi].get("optional"):
            continue
        counts["timex.pred_counted"] += 1
        if gi is not None:
            counts["timex.pred_correct"] += 1
        else:
            problem(f"line {lines[pi]}: extra timex {t.text!r} ({t.type} {t.value})")


def score_run(run: CaseRun) -> CaseScore:
    """All four components of one analysed case: counts and problems (each prefixed with the case)."""
    doc = run.doc
    counts: Counter = Counter()
    problems: dict[str, list[str]] = {c: [] for c in COMPONENTS}

    def reporter(component: str) -> Callable[[str], None]:
        return lambda text: problems[component].append(f"{run.name}: {text}")

    entities = list(doc._.ng_entities or [])
    score_entities(run.gold, entities, counts, reporter("entities"))
    # The guidelines' quotes are reported speech; an attribution that is not speech
    # (Quote.type "attribution": "condemned the attack", "figures showed") is not scored.
    speech = [q for q in doc._.ng_quotes or [] if q.type != "attribution"]
    score_quotes(run.gold, speech, run.line, counts, reporter("quotes"), entities)
    score_events(run.gold, list(doc._.ng_events or []), entities, run.line, counts, reporter("events"))
    score_timexes(run.gold, list(doc._.ng_timexes or []), run.line, run.spans, run.article.text,
                  counts, reporter("timex"))
    return CaseScore(counts, problems)


# ------------------------------------------------------------------ pooling

def summarise(counts: Counter) -> dict[str, float | None]:
    """Pooled ratios (None when there is nothing to count) and the false-entity count."""
    out: dict[str, float | None] = {}
    for name, (num, den) in RATIOS.items():
        out[name] = round(counts[num] / counts[den], 4) if counts[den] else None
    out["entities.false_entities"] = counts["entities.false_entities"]
    return out


def case_dirs(cases_dir: str | Path, case: str | None = None) -> list[Path]:
    cases_dir = Path(cases_dir)
    dirs = sorted(p for p in cases_dir.iterdir() if (p / "gold.json").exists()) if cases_dir.is_dir() else []
    if case is not None:
        dirs = [p for p in dirs if p.name == case]
        if not dirs:
            raise NewsgraphError(f"no case {case!r} in {cases_dir}")
    if not dirs:
        raise NewsgraphError(f"{cases_dir}: no cases (folders with gold.json)")
    return dirs


def evaluate_real_dev(cases_dir: str | Path, nlp=None, case: str | None = None) -> dict:
    """Run the full pipeline once per case and score all components, pooled over the cases."""
    from newsgraph.nlp.pipeline import cached_nlp

    started = time.perf_counter()
    dirs = case_dirs(cases_dir, case)
    nlp = nlp or cached_nlp()
    total: Counter = Counter()
    problems: dict[str, list[str]] = {c: [] for c in COMPONENTS}
    per_case: dict[str, dict[str, str]] = {}
    for d in dirs:
        scored = score_run(run_case(nlp, d))
        total.update(scored.counts)
        for c in COMPONENTS:
            problems[c] += scored.problems[c]
        per_case[d.name] = {name: f"{scored.counts[num]}/{scored.counts[den]}"
                            for name, (num, den) in RATIOS.items()}
    result: dict = dict(summarise(total))
    result["cases"] = len(dirs)
    result["counts"] = {name: f"{total[num]}/{total[den]}" for name, (num, den) in RATIOS.items()}
    result["counts"]["events.modal_left_out"] = str(total["events.modal_left_out"])
    result["seconds"] = round(time.perf_counter() - started, 1)
    result["per_case"] = per_case
    result["problems"] = problems
    return result
