"""Actors as nodes, events between them as edges, aggregated in SQL.

Edges are counted per (actor, recipient, type) with GROUP BY; Python then keeps
the most connected ``max_nodes`` actors and the heaviest edges among them, so
the browser lays out at most a few hundred elements whatever the corpus size.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from .. import plover
from ..context import EventFilters
from . import cached, rows


@cached
async def network(db, filters: EventFilters, max_nodes: int = 80, max_edges: int = 300) -> dict:
    where, params = filters.event_where()
    # CROSS JOIN fixes the join order: scan the (filtered) events once, then
    # look up their two participants through the covering index.
    # CROSS JOIN fixes the join order: scan the (filtered) events once, then
    # look up their two participants through the covering index. Only edges
    # between the ``max_nodes`` busiest actors leave SQLite.
    found = await rows(db, f"""
        WITH g AS MATERIALIZED (
            SELECT coalesce(a.entity_id, 'name:' || lower(a.name)) AS src, min(a.name) AS src_name,
                   min(a.country) AS src_country,
                   coalesce(r.entity_id, 'name:' || lower(r.name)) AS dst, min(r.name) AS dst_name,
                   min(r.country) AS dst_country,
                   e.type, count(*) AS n, max(e.date) AS last_date
            FROM events e
            CROSS JOIN participants a ON a.event_id = e.id AND a.role = 'actor'
            CROSS JOIN participants r ON r.event_id = e.id AND r.role = 'recipient'
            WHERE {' AND '.join(where) or '1'}
            GROUP BY src, dst, e.type),
        k AS (SELECT key, sum(n) AS w FROM (SELECT src AS key, n FROM g WHERE src != dst
                                            UNION ALL SELECT dst, n FROM g WHERE src != dst)
              GROUP BY key),
        top AS (SELECT key FROM k ORDER BY w DESC LIMIT :max_nodes)
        SELECT g.*, ks.w AS src_w, kd.w AS dst_w,
               (SELECT count(*) FROM k) AS nodes_total,
               (SELECT count(*) FROM (SELECT DISTINCT src, dst FROM g WHERE src != dst)) AS edges_total
        FROM g JOIN k ks ON ks.key = g.src JOIN k kd ON kd.key = g.dst
        WHERE g.src IN top AND g.dst IN top AND g.src != g.dst
    """, dict(params, max_nodes=max_nodes))
    nodes: dict[str, dict] = {}
    edges: dict[tuple[str, str], dict] = {}
    weight: Counter = Counter()
    for r in found:
        src, dst = r["src"], r["dst"]
        if src is None or dst is None or src == dst:
            continue
        for key, side in ((src, "src"), (dst, "dst")):
            if key not in nodes:
                nodes[key] = {"id": key, "entity_id": None if key.startswith("name:") else key,
                              "name": r[f"{side}_name"], "country": r[f"{side}_country"], "type": None}
            weight[key] = r[f"{side}_w"]
        edge = edges.get((src, dst))
        if edge is None:
            edge = edges[(src, dst)] = {"source": src, "target": dst, "count": 0, "quads": defaultdict(int),
                                        "types": defaultdict(int), "last_date": None}
        edge["count"] += r["n"]
        edge["quads"][plover.quad_of(r["type"])] += r["n"]
        edge["types"][r["type"]] += r["n"]
        if r["last_date"] and (edge["last_date"] is None or r["last_date"] > edge["last_date"]):
            edge["last_date"] = r["last_date"]
    kept_edges = sorted(edges.values(), key=lambda e: -e["count"])[:max_edges]
    for e in kept_edges:
        e["quad"] = max(e["quads"].items(), key=lambda kv: kv[1])[0]
        e["quads"], e["types"] = dict(e["quads"]), dict(e["types"])
    linked = {e["source"] for e in kept_edges} | {e["target"] for e in kept_edges}
    kept_nodes = [dict(nodes[k], weight=weight[k]) for k in linked]
    await _describe(db, kept_nodes)
    kept_nodes.sort(key=lambda n: -n["weight"])
    return {
        "nodes": kept_nodes,
        "edges": kept_edges,
        "nodes_total": found[0]["nodes_total"] if found else 0,
        "edges_total": found[0]["edges_total"] if found else 0,
        "truncated": bool(found) and (len(kept_nodes) < found[0]["nodes_total"]
                                      or len(kept_edges) < found[0]["edges_total"]),
        "quads": [{k: q[k] for k in ("key", "label", "color")} for q in plover.quads()],
    }


async def _describe(db, nodes: list[dict]) -> None:
    """Canonical name, type and country for the nodes that are entities."""
    ids = [n["entity_id"] for n in nodes if n["entity_id"]]
    if not ids:
        return
    params = {f"id{i}": v for i, v in enumerate(ids)}
    found = await rows(db, f"SELECT id, name, type, country FROM entities WHERE id IN "
                           f"({', '.join(':' + k for k in params)})", params)
    by_id = {r["id"]: r for r in found}
    for n in nodes:
        entity = by_id.get(n["entity_id"])
        if entity:
            n["name"] = entity["name"] or n["name"]
            n["type"] = entity["type"]
            n["country"] = entity["country"] or n["country"]
