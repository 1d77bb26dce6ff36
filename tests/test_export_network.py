"""``newsgraph export --format graphml|gexf``: the actor network, parsed back with xml.etree."""

from __future__ import annotations

import sqlite3
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from newsgraph.cli import cli
from web_fixture import build_fixture_db

G = "{http://graphml.graphdrawing.org/xmlns}"
X = "{http://gexf.net/1.3}"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("network") / "fixture.db"
    build_fixture_db(path)
    return str(path)


def export(db, fmt, tmp_path) -> ET.Element:
    out = tmp_path / f"actors.{fmt}"
    result = CliRunner().invoke(cli, ["export", db, "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    return ET.parse(out).getroot()


def graphml_graph(root):
    keys = {k.get("id"): (k.get("for"), k.get("attr.type")) for k in root.iter(f"{G}key")}
    graph = root.find(f"{G}graph")
    nodes = {n.get("id"): {d.get("key"): d.text or "" for d in n.iter(f"{G}data")} for n in graph.iter(f"{G}node")}
    edges = {(e.get("source"), e.get("target")): {d.get("key"): d.text or "" for d in e.iter(f"{G}data")}
             for e in graph.iter(f"{G}edge")}
    return graph, keys, nodes, edges


def test_graphml_nodes_are_actors_with_kind_and_country(db, tmp_path):
    graph, keys, nodes, _ = graphml_graph(export(db, "graphml", tmp_path))
    assert graph.get("edgedefault") == "directed"
    assert {k for k, (scope, _) in keys.items() if scope == "node"} == {"name", "kind", "country", "entity_id"}
    assert nodes["ent-spain"] == {"name": "Spain", "kind": "GPE", "country": "ESP", "entity_id": "ent-spain"}
    assert nodes["ent-ruiz"]["kind"] == "PERSON"
    assert nodes["name:grain traders"]["entity_id"] == ""  # an actor never resolved keeps its words


def test_graphml_edges_count_events_per_quad_and_type(db, tmp_path):
    _, keys, _, edges = graphml_graph(export(db, "graphml", tmp_path))
    for key in ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict"):
        assert keys[key] == ("edge", "int")
    agree = edges[("ent-spain", "ent-morocco")]
    assert agree["events"] == agree["weight"] == "1"
    assert agree["verbal_cooperation"] == "1" and agree["material_conflict"] == "0"
    assert agree["type_AGREE"] == "1" and agree["type_CONSULT"] == "0"
    consult = edges[("ent-idrissi", "ent-ruiz")]
    assert consult["type_CONSULT"] == "1" and consult["first_date"] == "2023-11-01"
    accuse = edges[("ent-idrissi", "name:grain traders")]
    assert accuse["verbal_conflict"] == "1"
    # realised events only: the negated sanction and the hypothetical threat are not edges
    assert ("ent-ruiz", "name:traders") not in edges
    assert not any(e.get("type_SANCTION", "0") != "0" for e in edges.values())
    # every edge's quad counts add up to its events
    quads = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict", "other")
    assert all(sum(int(e[q]) for q in quads) == int(e["events"]) for e in edges.values())


def test_merged_reports_count_once(db, tmp_path):
    copy = tmp_path / "merged.db"
    src = sqlite3.connect(db)
    src.backup(dst := sqlite3.connect(copy))
    src.close()
    with dst:  # a second report of the Spain -> Morocco agreement, merged into the first
        _copy_row(dst, "events", "id", {"id": "'art-grain-e0-copy'", "merged_event_id": "'art-grain-e0'"})
        _copy_row(dst, "participants", "event_id", {"event_id": "'art-grain-e0-copy'"})
    dst.close()
    _, _, _, edges = graphml_graph(export(str(copy), "graphml", tmp_path))
    agree = edges[("ent-spain", "ent-morocco")]
    assert agree["events"] == "1" and agree["reports"] == "2"


def _copy_row(db, table, key, replace):
    """Copy the rows of ``table`` whose ``key`` is art-grain-e0, with some columns replaced (SQL literals)."""
    columns = [r[1] for r in db.execute(f"PRAGMA table_info({table})")]
    select = ", ".join(replace.get(c, f'"{c}"') for c in columns)
    db.execute(f"INSERT INTO {table} SELECT {select} FROM {table} WHERE {key} = 'art-grain-e0'")


def test_gexf_has_the_same_network(db, tmp_path):
    root = export(db, "gexf", tmp_path)
    _, _, g_nodes, g_edges = graphml_graph(export(db, "graphml", tmp_path))
    nodes = {n.get("id"): n.get("label") for n in root.iter(f"{X}node")}
    assert nodes == {k: v["name"] for k, v in g_nodes.items()}
    edges = {(e.get("source"), e.get("target")): e for e in root.iter(f"{X}edge")}
    assert set(edges) == set(g_edges)
    agree = edges[("ent-spain", "ent-morocco")]
    values = {v.get("for"): v.get("value") for v in agree.iter(f"{X}attvalue")}
    assert agree.get("weight") == "1" and values["verbal_cooperation"] == "1"


def test_network_formats_refuse_table(db):
    result = CliRunner().invoke(cli, ["export", db, "--format", "graphml", "--table", "events"])
    assert result.exit_code == 2 and "actor network" in result.output
