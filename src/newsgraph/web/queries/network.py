"""Actors as nodes, events between them as edges, aggregated in SQL.

Edges are counted per (actor, recipient, type) with GROUP BY; Python then keeps
the most connected ``max_nodes`` actors and the heaviest edges among them, so
the browser lays out at most a few hundred elements whatever the corpus size.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from .. import plover
from ..context import EventFilters
from . import rows


def node_key(entity_id: str | None, name: str | None) -> str:
    return entity_id or f"name:{(name or '?').strip().lower()}"


async def network(db, filters: EventFilters, max_nodes: int = 80, max_edges: int = 300) -> dict:
    where, params = filters.event_where()
    found = await rows(db, f"""
        SELECT a.entity_id AS src_id, coalesce(ea.name, a.name, a.text) AS src_name,
               coalesce(ea.country, a.country) AS src_country, ea.type AS src_type,
               r.entity_id AS dst_id, coalesce(er.name, r.name, r.text) AS dst_name,
               coalesce(er.country, r.country) AS dst_country, er.type AS dst_type,
               e.type, count(*) AS n, max(e.date) AS last_date
        FROM events e
        JOIN participants a ON a.event_id = e.id AND a.role = 'actor'
        JOIN participants r ON r.event_id = e.id AND r.role = 'recipient'
        LEFT JOIN entities ea ON ea.id = a.entity_id
        LEFT JOIN entities er ON er.id = r.entity_id
        WHERE {' AND '.join(where) or '1'}
        GROUP BY src_id, src_name, dst_id, dst_name, e.type
        ORDER BY n DESC LIMIT 20000
    """, params)
    nodes: dict[str, dict] = {}
    edges: dict[tuple[str, str], dict] = {}
    weight: Counter = Counter()
    for r in found:
        src, dst = node_key(r["src_id"], r["src_name"]), node_key(r["dst_id"], r["dst_name"])
        if src == dst:
            continue
        for key, side in ((src, "src"), (dst, "dst")):
            nodes.setdefault(key, {
                "id": key, "entity_id": r[f"{side}_id"], "name": r[f"{side}_name"],
                "country": r[f"{side}_country"], "type": r[f"{side}_type"]})
            weight[key] += r["n"]
        edge = edges.setdefault((src, dst), {"source": src, "target": dst, "count": 0,
                                             "quads": defaultdict(int), "types": defaultdict(int),
                                             "last_date": None})
        edge["count"] += r["n"]
        edge["quads"][plover.quad_of(r["type"])] += r["n"]
        edge["types"][r["type"]] += r["n"]
        edge["last_date"] = max(filter(None, [edge["last_date"], r["last_date"]]), default=None)
    keep = {k for k, _ in weight.most_common(max_nodes)}
    kept_edges = sorted((e for e in edges.values() if e["source"] in keep and e["target"] in keep),
                        key=lambda e: -e["count"])[:max_edges]
    for e in kept_edges:
        e["quad"] = max(e["quads"].items(), key=lambda kv: kv[1])[0]
        e["quads"], e["types"] = dict(e["quads"]), dict(e["types"])
    linked = {e["source"] for e in kept_edges} | {e["target"] for e in kept_edges}
    kept_nodes = [dict(nodes[k], weight=weight[k]) for k in linked]
    kept_nodes.sort(key=lambda n: -n["weight"])
    return {
        "nodes": kept_nodes,
        "edges": kept_edges,
        "nodes_total": len(nodes),
        "edges_total": len(edges),
        "truncated": len(kept_nodes) < len(nodes) or len(kept_edges) < len(edges),
        "quads": [{k: q[k] for k in ("key", "label", "color")} for q in plover.quads()],
    }
