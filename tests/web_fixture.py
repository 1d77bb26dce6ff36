"""A small newsgraph database written for the web tests, with invented content.

Offsets are computed from the texts, so the records always point at the words
they name. One article is hostile: markup and attribute-breaking quotes in its
title, text, a quote and an entity name, to prove every page escapes them.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from newsgraph.store.migrations import migrate

HOSTILE_SCRIPT = "<script>alert(1)</script>"
HOSTILE_ATTR = '" onmouseover="alert(2)'
HOSTILE_ENTITY = '"><img src=x onerror=alert(3)> Hostile Holdings'

ENTITIES = [
    ("ent-ruiz", "Ana Ruiz", "PERSON", "ESP", "GOV", ["Ruiz", "Ana Ruiz"], ["trade minister"]),
    ("ent-idrissi", "Karim Idrissi", "PERSON", "MAR", "GOV", ["Idrissi"], ["agriculture minister"]),
    ("ent-spain", "Spain", "GPE", "ESP", None, ["Madrid"], []),
    ("ent-morocco", "Morocco", "GPE", "MAR", None, ["Rabat"], []),
    ("ent-hostile", HOSTILE_ENTITY, "ORG", "XXX", "BUS", [HOSTILE_ATTR], []),
]

# Each article: id, title, published, paragraphs [(role, text)], mentions, timexes, quotes, events.
# Records name their spans by a substring of the text (first occurrence after an optional hint).
ARTICLES = [
    {
        "id": "art-grain", "title": "Port talks end with a grain deal", "published": "2024-03-05",
        "outlet": "Example Wire",
        "paragraphs": [
            ("body", "Trade ministers from Spain and Morocco signed a grain agreement in Rabat on Tuesday."),
            ("body", '"This deal keeps the ships moving," said Ana Ruiz, the Spanish trade minister.'),
            ("body", "Karim Idrissi accused grain traders of hoarding, according to a ministry statement."),
            ("body", "Ruiz warned that Spain could impose tariffs on traders if the deal collapsed."),
            ("related", "Related: Harbour strike enters its second week"),
            ("footer", "This article originally appeared on Example Wire."),
        ],
        "mentions": [("Spain", "ent-spain"), ("Morocco", "ent-morocco"), ("Rabat", "ent-morocco"),
                     ("Ana Ruiz", "ent-ruiz"), ("Karim Idrissi", "ent-idrissi"), ("Ruiz warned", "ent-ruiz")],
        "timexes": [("Tuesday", "DATE", "2024-03-05")],
        "quotes": [
            {"content": "This deal keeps the ships moving,", "type": "direct", "cue": "said",
             "speaker": ("Ana Ruiz", "ent-ruiz"), "date": "2024-03-05"},
            {"content": "grain traders of hoarding", "type": "indirect", "cue": "accused",
             "speaker": ("Karim Idrissi", "ent-idrissi"), "according_to": "a ministry statement",
             "date": "2024-03-05"},
        ],
        "events": [
            {"type": "AGREE", "trigger": "signed", "date": "2024-03-05",
             "actor": [("Spain", "ent-spain", "ESP")], "recipient": [("Morocco", "ent-morocco", "MAR")]},
            {"type": "ACCUSE", "trigger": "accused", "date": "2024-03-05",
             "actor": [("Karim Idrissi", "ent-idrissi", "MAR")], "recipient": [("grain traders", None, None)]},
            {"type": "THREATEN", "trigger": "impose tariffs", "date": "2024-03-05", "hypothetical": 1,
             "actor": [("Ana Ruiz", "ent-ruiz", "ESP")], "recipient": [("traders", None, None)]},
        ],
    },
    {
        "id": "art-march", "title": "Farmers march on parliament", "published": "2024-04-12",
        "outlet": "Example Daily",
        "paragraphs": [
            ("body", "Thousands of farmers marched to the parliament in Madrid on Friday against cheap imports."),
            ("body", '"We will not punish Morocco for our own failures," Ana Ruiz told reporters.'),
            ("body", "Spain did not sanction Morocco, the ministry said."),
        ],
        "mentions": [("Madrid", "ent-spain"), ("Morocco", "ent-morocco"), ("Ana Ruiz", "ent-ruiz"),
                     ("Spain did", "ent-spain"), ("sanction Morocco", "ent-morocco")],
        "timexes": [("Friday", "DATE", "2024-04-12")],
        "quotes": [
            {"content": "We will not punish Morocco for our own failures,", "type": "direct", "cue": "told",
             "speaker": ("Ana Ruiz", "ent-ruiz"), "date": "2024-04-12"},
        ],
        "events": [
            {"type": "PROTEST", "trigger": "marched", "date": "2024-04-12",
             "actor": [("farmers", None, "ESP")], "recipient": [("Spain", "ent-spain", "ESP")]},
            {"type": "SANCTION", "trigger": "sanction", "date": "2024-04-12", "negated": 1,
             "actor": [("Spain", "ent-spain", "ESP")], "recipient": [("Morocco", "ent-morocco", "MAR")]},
        ],
    },
    {
        "id": "art-visit", "title": "Ministers meet in Madrid", "published": "2023-11-02",
        "outlet": "Example Wire",
        "paragraphs": [
            ("body", "Karim Idrissi met Ana Ruiz in Madrid on Wednesday to discuss fishing quotas."),
            ("body", "Morocco will send inspectors to Spanish ports next month, Idrissi said."),
        ],
        "mentions": [("Karim Idrissi", "ent-idrissi"), ("Ana Ruiz", "ent-ruiz"), ("Madrid", "ent-spain"),
                     ("Morocco", "ent-morocco"), ("Idrissi said", "ent-idrissi")],
        "timexes": [("Wednesday", "DATE", "2023-11-01"), ("next month", "DATE", "2023-12")],
        "quotes": [
            {"content": "Morocco will send inspectors to Spanish ports next month", "type": "indirect",
             "cue": "said", "speaker": ("Idrissi", "ent-idrissi"), "date": "2023-11-01"},
        ],
        "events": [
            {"type": "CONSULT", "trigger": "met", "date": "2023-11-01",
             "actor": [("Karim Idrissi", "ent-idrissi", "MAR")], "recipient": [("Ana Ruiz", "ent-ruiz", "ESP")]},
            {"type": "COOPERATE", "trigger": "send inspectors", "date": "2023-12", "future": 1,
             "actor": [("Morocco", "ent-morocco", "MAR")], "recipient": [("Spain", "ent-spain", "ESP")]},
        ],
    },
    {
        "id": "art-hostile", "title": f"{HOSTILE_SCRIPT} Hostile headline {HOSTILE_ATTR}",
        "published": "2024-06-20", "outlet": f"<b>{HOSTILE_ATTR}</b>",
        "paragraphs": [
            ("body", f"A company called {HOSTILE_ENTITY} wrote {HOSTILE_SCRIPT} in its filing."),
            ("body", f'"Nothing to see {HOSTILE_SCRIPT} here {HOSTILE_ATTR}," said Ana Ruiz on Thursday.'),
            ("body", "Ruiz consulted the company about its filing."),
        ],
        "mentions": [(HOSTILE_ENTITY, "ent-hostile"), ("Ana Ruiz", "ent-ruiz"), ("Ruiz consulted", "ent-ruiz")],
        "timexes": [("Thursday", "DATE", "2024-06-20")],
        "quotes": [
            {"content": f"Nothing to see {HOSTILE_SCRIPT} here {HOSTILE_ATTR},", "type": "direct",
             "cue": "said", "speaker": ("Ana Ruiz", "ent-ruiz"), "date": "2024-06-20"},
        ],
        "events": [
            {"type": "CONSULT", "trigger": "consulted", "date": "2024-06-20",
             "actor": [("Ana Ruiz", "ent-ruiz", "ESP")],
             "recipient": [(HOSTILE_ENTITY, "ent-hostile", "XXX")]},
        ],
    },
]


def _span(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    start = text.index(needle, after)
    return start, start + len(needle)


def _sentence(paragraph_ranges, offset):
    for start, end in paragraph_ranges:
        if start <= offset < end:
            return start, end
    raise ValueError(offset)


def insert_article(db: sqlite3.Connection, spec: dict, suffix: str = "", published: str | None = None) -> None:
    """Insert one article and its records; ``suffix`` makes ids unique when replicating."""
    texts, ranges, pos = [], [], 0
    for role, para in spec["paragraphs"]:
        texts.append(para)
        ranges.append((pos, pos + len(para), role))
        pos += len(para) + 2
    text = "\n\n".join(texts)
    aid = spec["id"] + suffix
    published = published or spec["published"]
    db.execute("INSERT INTO articles (id, url, outlet, title, published, published_source, language, text,"
               " source, repairs_json, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
               (aid, None, spec["outlet"], spec["title"], published, "flag", "en", text,
                f"fixture/{spec['id']}.txt", "[]", "2024-07-01T00:00:00"))
    for idx, (start, end, role) in enumerate(ranges):
        db.execute('INSERT INTO paragraphs VALUES (?,?,?,?,?)', (aid, idx, start, end, role))
    sentences = [(s, e) for s, e, _ in ranges]
    for needle, eid in spec["mentions"]:
        # A needle may carry context ("Ruiz warned"); the mention is the part naming the entity.
        start, _ = _span(text, needle)
        entity = next(e for e in ENTITIES if e[0] == eid)
        word = next((w for w in [entity[1], *entity[5]] if needle.startswith(w)), None)
        if word is None:
            word = next(w for w in [entity[1], *entity[5]] if w in needle)
            start += needle.index(word)
        db.execute("INSERT OR IGNORE INTO mentions VALUES (?,?,?,?,?,?)",
                   (aid, start, start + len(word), word, entity[2], eid))
    for i, (needle, ttype, value) in enumerate(spec["timexes"]):
        start, end = _span(text, needle)
        db.execute("INSERT INTO timexes VALUES (?,?,?,?,?,?,?,?)",
                   (f"{aid}-t{i}", aid, start, end, needle, ttype, value, "dct"))
    for i, q in enumerate(spec["quotes"]):
        start, end = _span(text, q["content"])
        cue_start, cue_end = _span(text, q["cue"], max(0, start - 40))
        sp_start, sp_end = _span(text, q["speaker"][0], max(0, start - 80))
        db.execute("INSERT INTO quotes (id, article_id, start, \"end\", content, type, cue, cue_start, cue_end,"
                   " speaker_entity_id, speaker_name, speaker_start, speaker_end, speaker_text, according_to,"
                   " date, date_precision, date_inferred) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                   (f"{aid}-q{i}", aid, start, end, q["content"], q["type"], q["cue"], cue_start, cue_end,
                    q["speaker"][1], next(e for e in ENTITIES if e[0] == q["speaker"][1])[1], sp_start, sp_end,
                    q["speaker"][0], q.get("according_to"), q["date"], "day", 1))
    for i, ev in enumerate(spec["events"]):
        start, end = _span(text, ev["trigger"])
        s_start, s_end = _sentence(sentences, start)
        eid = f"{aid}-e{i}"
        db.execute("INSERT INTO events (id, article_id, sentence_start, sentence_end, trigger_start, trigger_end,"
                   " trigger_text, type, contexts_json, date, date_precision, date_inferred, negated, hypothetical,"
                   " future, historical, confidence) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                   (eid, aid, s_start, s_end, start, end, ev["trigger"], ev["type"], json.dumps([]),
                    ev["date"], "day" if len(ev["date"]) == 10 else "month", 1, ev.get("negated", 0),
                    ev.get("hypothetical", 0), ev.get("future", 0), 0, 0.6 + 0.1 * (i % 3)))
        for role in ("actor", "recipient"):
            for idx, (name, entity_id, country) in enumerate(ev[role]):
                pstart = text.find(name)
                db.execute("INSERT INTO participants VALUES (?,?,?,?,?,?,?,?,?,?)",
                           (eid, role, idx, entity_id, name, name, country, None,
                            pstart if pstart >= 0 else None, pstart + len(name) if pstart >= 0 else None))


def build_fixture_db(path: str | Path) -> Path:
    path = Path(path)
    db = sqlite3.connect(path)
    migrate(db)
    for e in ENTITIES:
        db.execute("INSERT INTO entities (id, name, type, country, sector, kb_id, aliases_json, roles_json)"
                   " VALUES (?,?,?,?,?,?,?,?)", (e[0], e[1], e[2], e[3], e[4], None, json.dumps(e[5]),
                                                 json.dumps(e[6])))
    for spec in ARTICLES:
        insert_article(db, spec)
    db.execute("INSERT INTO ingest_errors (source, reason, at) VALUES (?,?,?)",
               ("fixture/broken.html", "no article text found", "2024-07-01T00:00:00"))
    db.commit()
    db.close()
    return path
