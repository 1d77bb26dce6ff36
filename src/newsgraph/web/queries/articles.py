"""One article with everything extracted from it, and the spans to highlight."""

from __future__ import annotations

import json

from .. import plover
from . import cached, one, rows


@cached
async def article(db, article_id: str) -> dict | None:
    art = await one(db, """
        SELECT id, source_id, url, outlet, title, published, published_source, language, text,
               source, repairs_json, cluster_id, ingested_at
        FROM articles WHERE id = :id""", {"id": article_id})
    if not art:
        return None
    params = {"id": article_id}
    paragraphs = await rows(db, 'SELECT idx, start, "end", role FROM paragraphs '
                                "WHERE article_id = :id ORDER BY idx", params)
    mentions = await rows(db, """
        SELECT m.start, m."end", m.text, m.label, m.entity_id, en.name AS entity_name,
               en.type AS entity_type, en.country, en.sector
        FROM mentions m LEFT JOIN entities en ON en.id = m.entity_id
        WHERE m.article_id = :id ORDER BY m.start""", params)
    timexes = await rows(db, 'SELECT id, start, "end", text, type, value, anchor FROM timexes '
                             "WHERE article_id = :id ORDER BY start", params)
    quotes = await rows(db, """
        SELECT id, start, "end", content, type, cue, cue_start, cue_end, speaker_entity_id,
               coalesce(speaker_name, speaker_text) AS speaker, speaker_start, speaker_end,
               addressee_text, according_to, medium, date, date_precision
        FROM quotes WHERE article_id = :id ORDER BY start""", params)
    events = await rows(db, """
        SELECT id, type, mode, trigger_start, trigger_end, trigger_text, sentence_start,
               sentence_end, date, date_precision, location, negated, hypothetical, future,
               historical, confidence, contexts_json
        FROM events WHERE article_id = :id ORDER BY trigger_start""", params)
    parts = await rows(db, """
        SELECT p.event_id, p.role, p.idx, p.entity_id, coalesce(p.name, p.text) AS name,
               p.country, p.sector
        FROM participants p JOIN events e ON e.id = p.event_id
        WHERE e.article_id = :id ORDER BY p.event_id, p.role, p.idx""", params)
    by_event: dict[str, dict] = {}
    for p in parts:
        by_event.setdefault(p["event_id"], {"actor": [], "recipient": []}).setdefault(
            p["role"], []).append(p)
    for e in events:
        e["quad"] = plover.quad_of(e["type"])
        e["actor"] = by_event.get(e["id"], {}).get("actor", [])
        e["recipient"] = by_event.get(e["id"], {}).get("recipient", [])
        try:
            e["contexts"] = json.loads(e.pop("contexts_json") or "[]")
        except ValueError:
            e["contexts"] = []
    try:
        art["repairs"] = json.loads(art.pop("repairs_json") or "[]")
    except ValueError:
        art["repairs"] = []
    entities: dict[str, dict] = {}
    for m in mentions:
        if m["entity_id"] and m["entity_id"] not in entities:
            entities[m["entity_id"]] = {"id": m["entity_id"], "name": m["entity_name"] or m["text"],
                                        "type": m["entity_type"] or m["label"],
                                        "country": m["country"], "sector": m["sector"]}
    return {"article": art, "paragraphs": paragraphs, "entities": list(entities.values()),
            "mentions": mentions, "timexes": timexes,
            "quotes": quotes, "events": events,
            "spans": spans_for(mentions, timexes, quotes, events)}


def spans_for(mentions, timexes, quotes, events) -> list[dict]:
    """The ``{start, end, label, kind, id}`` list the renderer (and API users) consume."""
    spans = []
    for m in mentions:
        spans.append({"start": m["start"], "end": m["end"], "kind": "entity",
                      "label": m["entity_type"] or m["label"] or "ENT",
                      "id": f"ent:{m['entity_id']}" if m["entity_id"] else None})
    for t in timexes:
        spans.append({"start": t["start"], "end": t["end"], "kind": "timex",
                      "label": t["value"] or t["type"], "id": f"tx:{t['id']}"})
    for q in quotes:
        spans.append({"start": q["start"], "end": q["end"], "kind": "quote",
                      "label": f"QUOTE {q['type']}", "id": f"q:{q['id']}"})
        if q["cue_start"] is not None and q["cue_end"] is not None:
            spans.append({"start": q["cue_start"], "end": q["cue_end"], "kind": "cue",
                          "label": "CUE", "id": f"q:{q['id']}"})
    for e in events:
        spans.append({"start": e["trigger_start"], "end": e["trigger_end"], "kind": "event",
                      "label": e["type"], "id": f"ev:{e['id']}"})
    return spans


def anchors_for(data: dict) -> set[int]:
    """Offsets that get an ``id="c<offset>"`` so links can jump to a sentence or quote."""
    points = {p["start"] for p in data["paragraphs"]}
    points.update(q["start"] for q in data["quotes"])
    points.update(e["sentence_start"] for e in data["events"])
    points.update(t["start"] for t in data["timexes"])
    return points
