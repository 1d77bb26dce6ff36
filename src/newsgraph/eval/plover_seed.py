"""Score event coding on the seed case (``../shared/cases/seed``).

An event matches a gold entry when its type is accepted, it is on the same
line, and the countries of all its participants equal the gold's; roles are
scored separately (actor / recipient country agreement) and so are dates,
on the matching event with the gold trigger word when there is one (two
events of one type on a line are told apart by their trigger).
Negated and hypothetical events are left out, as default queries leave them
out. Predictions that match only an optional entry count neither way.
"""

from __future__ import annotations


from newsgraph.eval.paths import shared_dir
from newsgraph.eval.seed import analyse, line_of, load_gold, load_case_article


def _types(entry) -> set[str]:
    value = entry["type"]
    return set(value) if isinstance(value, list) else {value}


def _gold_countries(entry) -> frozenset:
    return frozenset((entry.get("actor") or []) + (entry.get("recipient") or []))


def _countries(participants) -> frozenset:
    return frozenset(p.country for p in participants if p.country)


def _matches(event, line: int, entry) -> bool:
    return (event.type in _types(entry) and line == entry["line"]
            and _countries(event.actor) | _countries(event.recipient) == _gold_countries(entry))


def _same_trigger(event, entry) -> bool:
    return event.trigger_text.lower() in (entry.get("trigger") or "").lower().split()


def evaluate_seed(nlp, data: str | None = None) -> dict:
    case_dir = shared_dir(data) / "cases" / "seed"
    article, gold = load_case_article(case_dir), load_gold(case_dir)
    doc = analyse(nlp, article)
    line_at = line_of(article, case_dir)
    predicted = [(e, line_at(e.trigger_start)) for e in doc._.ng_events
                 if not e.negated and not e.hypothetical]
    required = [g for g in gold["events"] if not g.get("optional")]
    optional = [g for g in gold["events"] if g.get("optional")]
    tp = fp = 0
    false_positives = []
    for event, line in predicted:
        if any(_matches(event, line, g) for g in required):
            tp += 1
        elif not any(_matches(event, line, g) for g in optional):
            fp += 1
            false_positives.append(f"line {line} {event.type} {event.trigger_text}")
    found, actor_ok, recipient_ok, dated, date_ok, missed = 0, 0, 0, 0, 0, []
    for entry in required:
        candidates = [e for e, line in predicted if _matches(e, line, entry)]
        match = next((e for e in candidates if _same_trigger(e, entry)), candidates[0] if candidates else None)
        if match is None:
            missed.append(f"line {entry['line']} {entry['type']} {entry.get('trigger')}")
            continue
        found += 1
        actor_ok += _countries(match.actor) == frozenset(entry.get("actor") or [])
        recipient_ok += _countries(match.recipient) == frozenset(entry.get("recipient") or [])
        if entry.get("date"):
            dated += 1
            date_ok += (match.date or "") == entry["date"]
    banned = set(gold.get("not_event_lines", []))
    return {
        "recall": round(found / len(required), 3), "precision": round(tp / (tp + fp), 3) if tp + fp else 0.0,
        "required": len(required), "found": found, "predicted": len(predicted),
        "actor_country_agreement": round(actor_ok / found, 3) if found else 0.0,
        "recipient_country_agreement": round(recipient_ok / found, 3) if found else 0.0,
        "date_agreement": round(date_ok / dated, 3) if dated else 0.0,
        "events_from_banned_lines": sum(1 for e in doc._.ng_events if line_at(e.trigger_start) in banned),
        "missed": missed, "false_positives": false_positives,
    }
