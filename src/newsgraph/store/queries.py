"""Read-side queries shared by the CLI, the export and the web UI."""

from __future__ import annotations

import json
import sqlite3
from typing import Iterator

from newsgraph.errors import NewsgraphError


def rows(cursor) -> list[dict]:
    return [dict(r) for r in cursor]


def list_articles(db: sqlite3.Connection, *, limit: int | None = None, search: str | None = None) -> list[dict]:
    sql = ("SELECT a.id, a.title, a.outlet, a.published, a.url, a.source, a.source_id, "
           "length(a.text) AS chars, "
           "(SELECT count(*) FROM mentions m WHERE m.article_id = a.id) AS mentions, "
           "(SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS quotes, "
           "(SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events "
           "FROM articles a")
    params: list = []
    if search:
        sql += " WHERE a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
        params.append(search)
    sql += " ORDER BY a.published IS NULL, a.published, a.title"
    if limit:
        sql += " LIMIT ?"
        params.append(limit)
    try:
        return rows(db.execute(sql, params))
    except sqlite3.OperationalError as exc:
        raise NewsgraphError(f"bad search query {search!r}: {exc}") from None


def list_entities(db: sqlite3.Connection, *, type: str | None = None, country: str | None = None,
                  sector: str | None = None, limit: int | None = None) -> list[dict]:
    sql = ("SELECT e.id, e.name, e.type, e.country, e.sector, e.kb_id, "
           "count(m.start) AS mentions, count(DISTINCT m.article_id) AS articles "
           "FROM entities e LEFT JOIN mentions m ON m.entity_id = e.id")
    where, params = [], []
    for column, value in (("type", type), ("country", country), ("sector", sector)):
        if value:
            where.append(f"upper(e.{column}) = upper(?)")
            params.append(value)
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " GROUP BY e.id ORDER BY mentions DESC, e.name"
    if limit:
        sql += " LIMIT ?"
        params.append(limit)
    return rows(db.execute(sql, params))


def find_entities(db: sqlite3.Connection, name: str) -> list[dict]:
    """Entities whose name or an alias equals ``name`` (case-insensitive), else contains it."""
    exact = rows(db.execute(
        "SELECT * FROM entities WHERE lower(name) = lower(?) OR id = ? OR kb_id = ? "
        "OR EXISTS (SELECT 1 FROM json_each(aliases_json) WHERE lower(value) = lower(?))",
        (name, name, name, name)))
    if exact:
        return exact
    return rows(db.execute("SELECT * FROM entities WHERE name LIKE ? ORDER BY name",
                           (f"%{name}%",)))


def entity_detail(db: sqlite3.Connection, name: str) -> dict:
    found = find_entities(db, name)
    if not found:
        raise NewsgraphError(f"no entity matches {name!r}")
    e = found[0]
    detail = {k: e[k] for k in ("id", "name", "type", "country", "sector", "kb_id")}
    detail["aliases"] = json.loads(e["aliases_json"] or "[]")
    detail["roles"] = json.loads(e["roles_json"] or "[]")
    detail["articles"] = rows(db.execute(
        "SELECT a.id, a.title, a.published, count(*) AS mentions FROM mentions m "
        "JOIN articles a ON a.id = m.article_id WHERE m.entity_id = ? "
        "GROUP BY a.id ORDER BY a.published", (e["id"],)))
    if len(found) > 1:
        detail["other_matches"] = [{"id": f["id"], "name": f["name"], "type": f["type"]} for f in found[1:]]
    return detail


def get_article(db: sqlite3.Connection, article_id: str) -> dict:
    row = db.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        prefix = article_id.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        matches = db.execute("SELECT * FROM articles WHERE id LIKE ? ESCAPE '\\' ORDER BY id LIMIT 6",
                             (prefix + "%",)).fetchall() if article_id else []
        if not matches:
            raise NewsgraphError(f"no article with id {article_id!r}")
        if len(matches) > 1:
            total = db.execute("SELECT count(*) FROM articles WHERE id LIKE ? ESCAPE '\\'",
                               (prefix + "%",)).fetchone()[0]
            shown = ", ".join(m["id"] for m in matches[:5])
            more = f" and {total - 5} more" if total > 5 else ""
            raise NewsgraphError(f"article id prefix {article_id!r} is ambiguous: {total} articles match "
                                 f"({shown}{more}); give more of the id")
        row = matches[0]
    return dict(row)


def article_ids(db: sqlite3.Connection) -> Iterator[str]:
    for (aid,) in db.execute("SELECT id FROM articles ORDER BY published IS NULL, published, id"):
        yield aid


def corpus_summary(db: sqlite3.Connection, top: int = 5) -> dict:
    """Counts and leaders of a database: what ``newsgraph summary`` and the demo print."""
    one = lambda sql, *p: db.execute(sql, p).fetchone()[0]  # noqa: E731
    summary = {
        "articles": one("SELECT count(*) FROM articles"),
        "first_published": one("SELECT min(published) FROM articles"),
        "last_published": one("SELECT max(published) FROM articles"),
        "outlets": one("SELECT count(DISTINCT outlet) FROM articles"),
        "paragraph_roles": {r[0]: r[1] for r in db.execute(
            "SELECT role, count(*) FROM paragraphs GROUP BY role ORDER BY 2 DESC")},
        "entities": one("SELECT count(*) FROM entities"),
        "entity_types": {r[0]: r[1] for r in db.execute(
            "SELECT type, count(*) FROM entities GROUP BY type ORDER BY 2 DESC")},
        "mentions": one("SELECT count(*) FROM mentions"),
        "timexes": one("SELECT count(*) FROM timexes"),
        "quotes": one("SELECT count(*) FROM quotes"),
        "events": one("SELECT count(*) FROM events"),
        "event_types": {r[0]: r[1] for r in db.execute(
            "SELECT type, count(*) FROM events GROUP BY type ORDER BY 2 DESC")},
        "ingest_errors": one("SELECT count(*) FROM ingest_errors"),
    }
    summary["top_entities"] = [
        {"name": r["name"], "type": r["type"], "country": r["country"], "mentions": r["mentions"]}
        for r in list_entities(db, limit=top)]
    # Resolved speakers only: an unresolved "I" or "you" is not somebody to list.
    summary["top_speakers"] = rows(db.execute(
        "SELECT coalesce(e.name, max(q.speaker_name)) AS speaker, count(*) AS quotes FROM quotes q "
        "LEFT JOIN entities e ON e.id = q.speaker_entity_id WHERE q.speaker_entity_id IS NOT NULL "
        "GROUP BY q.speaker_entity_id ORDER BY 2 DESC LIMIT ?", (top,)))
    return summary


def format_summary(summary: dict, db_name: str) -> str:
    s = summary
    lines = [
        f"{db_name}: {s['articles']} articles from {s['outlets']} outlets, "
        f"published {s['first_published'] or '?'} to {s['last_published'] or '?'}",
        "  paragraphs by role: " + ", ".join(f"{k} {v}" for k, v in s["paragraph_roles"].items()),
        f"  {s['entities']} entities ({', '.join(f'{k} {v}' for k, v in s['entity_types'].items())}), "
        f"{s['mentions']} mentions",
        f"  {s['timexes']} time expressions, {s['quotes']} quotes, {s['events']} events"
        + (" (" + ", ".join(f"{k} {v}" for k, v in s["event_types"].items()) + ")" if s["event_types"] else ""),
    ]
    if s["top_entities"]:
        lines.append("  most mentioned: " + ", ".join(
            f"{e['name']} ({e['mentions']})" for e in s["top_entities"]))
    if s["top_speakers"]:
        lines.append("  most quoted: " + ", ".join(f"{q['speaker']} ({q['quotes']})" for q in s["top_speakers"]))
    if s["ingest_errors"]:
        lines.append(f"  {s['ingest_errors']} inputs could not be read: see the ingest_errors table")
    lines += [
        "",
        "Explore it:",
        f"  newsgraph articles {db_name} -t",
        f"  newsgraph entities {db_name} --type PERSON -t",
        f"  newsgraph show {db_name} ARTICLE_ID",
        f"  newsgraph export {db_name} --format jsonl",
        f"  newsgraph serve {db_name}        (browser UI, Datasette)",
    ]
    return "\n".join(lines) + "\n"
