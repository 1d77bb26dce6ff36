"""The actor network for network tools: GraphML (networkx, Gephi, igraph, yEd) and GEXF (Gephi).

Nodes are actors: an entity (its id, name, kind and country) or, for a
participant never resolved to one, the words as written (id ``name:...``).
A directed edge runs from an event's actor to its recipient and counts the
events between them, in all (``events``, the attribute networkx reads as
``weight`` too), per PLOVER quad class (verbal/material × cooperation/conflict)
and per event type. Events several reports describe (``merged_event_id``) count
once; ``reports`` counts every report. Realised events only, as the event
listings show them, unless the filter includes the others.
"""

from __future__ import annotations

import json
import re
import sqlite3
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import TextIO

from newsgraph.store.filters import EventFilter
from newsgraph import quads

FORMATS = ("graphml", "gexf")
QUAD_KEYS = tuple(q["key"] for q in quads.quads())  # the four quads, then "other"
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
GEXF_NS = "http://gexf.net/1.3"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml(value) -> str:
    """Text XML 1.0 can hold: control characters (never meaningful in a name) are dropped."""
    return _NOT_XML.sub("", "" if value is None else str(value))


@dataclass
class Node:
    id: str
    name: str
    kind: str = ""
    country: str = ""
    entity_id: str = ""


@dataclass
class Edge:
    source: str
    target: str
    events: int = 0
    reports: int = 0
    quads: dict[str, int] = field(default_factory=dict)
    types: dict[str, int] = field(default_factory=dict)
    first_date: str = ""
    last_date: str = ""


@dataclass
class Network:
    nodes: dict[str, Node]
    edges: list[Edge]

    @property
    def types(self) -> list[str]:
        return sorted({t for e in self.edges for t in e.types})


def actor_network(db: sqlite3.Connection, filt: EventFilter | None = None) -> Network:
    """Actors and the events between them, aggregated in SQL per (actor, recipient, type)."""
    where, params = (filt or EventFilter()).where("e")
    found = db.execute(f"""
        SELECT coalesce(a.entity_id, 'name:' || lower(coalesce(a.name, a.text))) AS src,
               coalesce(r.entity_id, 'name:' || lower(coalesce(r.name, r.text))) AS dst,
               min(coalesce(a.name, a.text)) AS src_name, min(a.country) AS src_country,
               min(coalesce(r.name, r.text)) AS dst_name, min(r.country) AS dst_country,
               e.type, count(DISTINCT coalesce(e.merged_event_id, e.id)) AS events,
               count(DISTINCT e.id) AS reports, min(e.date) AS first_date, max(e.date) AS last_date
        FROM events e
        JOIN participants a ON a.event_id = e.id AND a.role = 'actor'
        JOIN participants r ON r.event_id = e.id AND r.role = 'recipient'
        WHERE {' AND '.join(where) or '1'} AND coalesce(a.name, a.text) IS NOT NULL
              AND coalesce(r.name, r.text) IS NOT NULL
        GROUP BY src, dst, e.type
        ORDER BY src, dst, e.type""", params).fetchall()
    nodes: dict[str, Node] = {}
    edges: dict[tuple[str, str], Edge] = {}
    for row in found:
        if row["src"] == row["dst"]:
            continue
        for side in ("src", "dst"):
            key = row[side]
            if key not in nodes:
                nodes[key] = Node(id=key, name=row[f"{side}_name"] or "", country=row[f"{side}_country"] or "",
                                  entity_id="" if key.startswith("name:") else key)
        edge = edges.setdefault((row["src"], row["dst"]), Edge(row["src"], row["dst"]))
        _add(edge, row)
    _describe(db, nodes)
    return Network(nodes=nodes, edges=list(edges.values()))


def _add(edge: Edge, row: sqlite3.Row) -> None:
    quad = quads.quad_of(row["type"])
    edge.events += row["events"]
    edge.reports += row["reports"]
    edge.quads[quad] = edge.quads.get(quad, 0) + row["events"]
    edge.types[row["type"]] = edge.types.get(row["type"], 0) + row["events"]
    if row["first_date"] and (not edge.first_date or row["first_date"] < edge.first_date):
        edge.first_date = row["first_date"]
    if row["last_date"] and row["last_date"] > edge.last_date:
        edge.last_date = row["last_date"]


def _describe(db: sqlite3.Connection, nodes: dict[str, Node]) -> None:
    """Canonical name, kind and country of the nodes that are entities."""
    for row in db.execute("SELECT id, name, type, country FROM entities WHERE id IN "
                          "(SELECT value FROM json_each(?))",
                          (json.dumps([n.entity_id for n in nodes.values() if n.entity_id]),)):
        node = nodes[row["id"]]
        node.name = row["name"] or node.name
        node.kind = row["type"] or ""
        node.country = row["country"] or node.country


def _edge_values(edge: Edge, types: list[str]) -> list[tuple[str, str, int | str]]:
    """(key, type, value) of every edge attribute, in declaration order."""
    values: list[tuple[str, str, int | str]] = [("events", "int", edge.events), ("reports", "int", edge.reports)]
    values += [(q, "int", edge.quads.get(q, 0)) for q in QUAD_KEYS]
    values += [(f"type_{t}", "int", edge.types.get(t, 0)) for t in types]
    values += [("first_date", "string", edge.first_date), ("last_date", "string", edge.last_date)]
    return values


NODE_ATTRIBUTES = ("name", "kind", "country", "entity_id")


def graphml(network: Network) -> ET.ElementTree:
    ET.register_namespace("", GRAPHML_NS)
    root = ET.Element(f"{{{GRAPHML_NS}}}graphml")
    q = lambda tag: f"{{{GRAPHML_NS}}}{tag}"  # noqa: E731
    for name in NODE_ATTRIBUTES:
        ET.SubElement(root, q("key"), id=name, **{"for": "node", "attr.name": name, "attr.type": "string"})
    types = network.types
    sample = _edge_values(Edge("", ""), types)
    for key, kind, _ in sample:
        ET.SubElement(root, q("key"), id=key, **{"for": "edge", "attr.name": key, "attr.type": kind})
    ET.SubElement(root, q("key"), id="weight", **{"for": "edge", "attr.name": "weight", "attr.type": "int"})
    graph = ET.SubElement(root, q("graph"), id="actors", edgedefault="directed")
    for node in network.nodes.values():
        el = ET.SubElement(graph, q("node"), id=_xml(node.id))
        for name in NODE_ATTRIBUTES:
            ET.SubElement(el, q("data"), key=name).text = _xml(getattr(node, name))
    for i, edge in enumerate(network.edges):
        el = ET.SubElement(graph, q("edge"), id=f"e{i}", source=_xml(edge.source), target=_xml(edge.target))
        for key, _, value in _edge_values(edge, types):
            ET.SubElement(el, q("data"), key=key).text = _xml(value)
        ET.SubElement(el, q("data"), key="weight").text = str(edge.events)
    return ET.ElementTree(root)


def gexf(network: Network) -> ET.ElementTree:
    ET.register_namespace("", GEXF_NS)
    q = lambda tag: f"{{{GEXF_NS}}}{tag}"  # noqa: E731
    root = ET.Element(q("gexf"), version="1.3")
    meta = ET.SubElement(root, q("meta"))
    ET.SubElement(meta, q("creator")).text = "newsgraph"
    graph = ET.SubElement(root, q("graph"), defaultedgetype="directed", mode="static")
    node_attrs = ET.SubElement(graph, q("attributes"), **{"class": "node"})
    for name in NODE_ATTRIBUTES[1:]:
        ET.SubElement(node_attrs, q("attribute"), id=name, title=name, type="string")
    types = network.types
    edge_attrs = ET.SubElement(graph, q("attributes"), **{"class": "edge"})
    for key, kind, _ in _edge_values(Edge("", ""), types):
        ET.SubElement(edge_attrs, q("attribute"), id=key, title=key, type="integer" if kind == "int" else kind)
    nodes = ET.SubElement(graph, q("nodes"))
    for node in network.nodes.values():
        el = ET.SubElement(nodes, q("node"), id=_xml(node.id), label=_xml(node.name))
        values = ET.SubElement(el, q("attvalues"))
        for name in NODE_ATTRIBUTES[1:]:
            ET.SubElement(values, q("attvalue"), **{"for": name, "value": _xml(getattr(node, name))})
    edges = ET.SubElement(graph, q("edges"))
    for i, edge in enumerate(network.edges):
        el = ET.SubElement(edges, q("edge"), id=f"e{i}", source=_xml(edge.source), target=_xml(edge.target),
                           weight=str(edge.events))
        values = ET.SubElement(el, q("attvalues"))
        for key, _, value in _edge_values(edge, types):
            ET.SubElement(values, q("attvalue"), **{"for": key, "value": _xml(value)})
    return ET.ElementTree(root)


def write_network(db: sqlite3.Connection, out: TextIO, fmt: str = "graphml",
                  filt: EventFilter | None = None) -> tuple[int, int]:
    """Write the actor network as ``graphml`` or ``gexf``; return (nodes, edges)."""
    if fmt not in FORMATS:
        raise ValueError(f"network format must be one of {', '.join(FORMATS)}")
    network = actor_network(db, filt)
    tree = graphml(network) if fmt == "graphml" else gexf(network)
    ET.indent(tree)
    tree.write(out, encoding="unicode", xml_declaration=True)
    out.write("\n")
    return len(network.nodes), len(network.edges)
