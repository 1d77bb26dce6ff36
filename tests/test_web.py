"""The web UI (Datasette plugin), exercised in-process on a fixture database."""

from __future__ import annotations

import asyncio
import re
import sqlite3
import sys
from pathlib import Path

import pytest
from datasette.app import Datasette

sys.path.insert(0, str(Path(__file__).parent))
from web_fixture import HOSTILE_ENTITY, HOSTILE_SCRIPT, build_fixture_db  # noqa: E402

from newsgraph.store.migrations import migrate  # noqa: E402
from newsgraph.web import spans  # noqa: E402
from newsgraph.web.serve import make_datasette  # noqa: E402

WEB = Path(__file__).parent.parent / "src" / "newsgraph" / "web"
PAGES = ["/-/newsgraph", "/-/newsgraph/timeline", "/-/newsgraph/network", "/-/newsgraph/quotes",
         "/-/newsgraph/actor/ent-ruiz", "/-/newsgraph/actor/ent-hostile",
         "/-/newsgraph/article/art-grain", "/-/newsgraph/article/art-hostile"]


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    return build_fixture_db(tmp_path_factory.mktemp("web") / "news.db")


@pytest.fixture(scope="module")
def get(db_path):
    ds = make_datasette(db_path)

    def fetch(path):
        return asyncio.run(ds.client.get(path))
    return fetch


@pytest.mark.parametrize("path", PAGES)
def test_page_and_json_twin(get, path):
    html = get(path)
    assert html.status_code == 200, html.text[:500]
    assert "text/html" in html.headers["content-type"]
    twin = get(path + ".json")
    assert twin.status_code == 200
    assert isinstance(twin.json(), dict)


@pytest.mark.parametrize("path", PAGES + ["/-/newsgraph/quotes?q=nothing", "/news/entities"])
def test_hostile_text_is_escaped(get, path):
    html = get(path).text
    assert HOSTILE_SCRIPT not in html
    assert 'onmouseover="alert' not in html
    assert "<img src=x" not in html


def test_hostile_article_shows_the_markup_as_text(get):
    html = get("/-/newsgraph/article/art-hostile").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&#34;&gt;&lt;img src=x onerror=alert(3)&gt;" in html


def test_timeline_shows_realised_events_by_default(get):
    data = get("/-/newsgraph/timeline.json").json()
    types = {e["type"] for e in data["events"]}
    assert types == {"AGREE", "ACCUSE", "PROTEST", "CONSULT"}
    every = get("/-/newsgraph/timeline.json?hypothetical=1&future=1&negated=1").json()
    assert {"THREATEN", "COOPERATE", "SANCTION"} <= {e["type"] for e in every["events"]}
    assert all(e["url"].startswith("/-/newsgraph/article/") and "#c" in e["url"] for e in data["events"])


@pytest.mark.parametrize("query, expected", [
    ("actor=ent-idrissi", {"ACCUSE", "CONSULT"}),
    ("actor=karim%20IDRISSI", {"ACCUSE", "CONSULT"}),
    ("recipient=ent-morocco", {"AGREE"}),
    ("country=MAR", {"AGREE", "ACCUSE", "CONSULT"}),
    ("type=verbal_conflict", {"ACCUSE"}),
    ("type=protest", {"PROTEST"}),
    ("start=2024-04&end=2024-04", {"PROTEST"}),
    ("start=2024-06-20", {"CONSULT"}),
])
def test_timeline_filters(get, query, expected):
    data = get("/-/newsgraph/timeline.json?" + query).json()
    assert {e["type"] for e in data["events"]} == expected


def test_timeline_quotes_follow_the_actor(get):
    data = get("/-/newsgraph/timeline.json?actor=ent-idrissi").json()
    assert {q["speaker"] for q in data["quotes"]} == {"Karim Idrissi"}
    assert get("/-/newsgraph/timeline.json?noquotes=1").json()["quotes"] == []


def test_bad_filters_are_reported_not_fatal(get):
    resp = get("/-/newsgraph/timeline.json?start=yesterday&type=DANCE")
    assert resp.status_code == 400
    body = resp.json()
    assert body["ok"] is False and len(body["errors"]) == 2
    assert "start='yesterday'" in body["error"] and "type='DANCE'" in body["error"]
    page = get("/-/newsgraph/timeline?start=yesterday&type=DANCE")
    assert page.status_code == 400 and "not a valid date" in page.text


def test_network_edges_are_coloured_by_quad(get):
    data = get("/-/newsgraph/network.json").json()
    edge = next(e for e in data["edges"] if e["source"] == "ent-spain" and e["target"] == "ent-morocco")
    assert edge["quad"] == "verbal_cooperation"
    node = next(n for n in data["nodes"] if n["id"] == "ent-spain")
    assert node["url"] == "/-/newsgraph/actor/ent-spain"
    narrowed = get("/-/newsgraph/network.json?type=material_conflict&negated=1").json()
    assert {(e["source"], e["target"]) for e in narrowed["edges"]} == {
        ("ent-spain", "ent-morocco"), ("name:farmers", "ent-spain")}


def test_actor_page_lists_deeds_and_words(get):
    data = get("/-/newsgraph/actor/ent-ruiz.json").json()
    assert data["entity"]["aliases"] == ["Ruiz", "Ana Ruiz"]
    assert data["entity"]["roles"] == ["trade minister"]
    assert {e["type"] for e in data["as_actor"]} == {"THREATEN", "CONSULT"}
    assert {e["type"] for e in data["as_recipient"]} == {"CONSULT"}
    assert data["counts"]["said"] == 3
    morocco = get("/-/newsgraph/actor/ent-morocco.json").json()
    assert any("punish Morocco" in q["content"] for q in morocco["about"])
    assert get("/-/newsgraph/actor/ent-nobody").status_code == 404


def test_quotes_search(get):
    data = get("/-/newsgraph/quotes.json?q=ships").json()
    assert [q["speaker"] for q in data["quotes"]] == ["Ana Ruiz"]
    assert get("/-/newsgraph/quotes.json?speaker=ent-idrissi").json()["total"] == 2
    weird = get('/-/newsgraph/quotes.json?q=%22unbalanced%20(%20OR%20*')
    assert weird.status_code == 200
    assert get("/-/newsgraph/quotes.json?start=2024-04-01").json()["total"] == 2


def test_article_spans_point_at_their_text(get):
    data = get("/-/newsgraph/article/art-grain.json").json()
    text = data["article"]["text"]
    quote = next(s for s in data["spans"] if s["kind"] == "quote")
    assert text[quote["start"]:quote["end"]] == "This deal keeps the ships moving,"
    html = get("/-/newsgraph/article/art-grain?focus=0-10").text
    assert 'data-role="related"' in html and 'data-role="footer"' in html
    assert re.search(r'class="ng-seg ng-focus[^"]*"', html)
    assert 'data-ids="q:art-grain-q0"' in html


def test_missing_article_is_404(get):
    assert get("/-/newsgraph/article/nope").status_code == 404
    assert get("/-/newsgraph/article/nope.json").json()["ok"] is False


def test_links_reach_datasette_pages(get):
    html = get("/-/newsgraph").text
    assert "/news/events?_facet=type" in html
    assert "/news?sql=" in html
    assert "/news/articles.csv" in html
    assert get("/news/events?_facet=type").status_code == 200
    assert get("/news/quotes.csv").status_code == 200
    assert get("/news/articles?_search=grain").status_code == 200


def test_not_a_newsgraph_database(tmp_path):
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    ds = Datasette([str(other)])
    resp = asyncio.run(ds.client.get("/-/newsgraph"))
    assert resp.status_code == 404 and "not a newsgraph database" in resp.text
    assert asyncio.run(ds.client.get("/-/newsgraph/timeline.json")).json()["ok"] is False
    assert asyncio.run(ds.client.get("/")).status_code == 200


@pytest.mark.parametrize("path", [p for p in PAGES if "/actor/" not in p and "/article/" not in p])
def test_empty_newsgraph_database(tmp_path, path):
    empty = tmp_path / "empty.db"
    conn = sqlite3.connect(empty)
    migrate(conn)
    conn.close()
    ds = Datasette([str(empty)])
    assert asyncio.run(ds.client.get(path)).status_code == 200
    assert asyncio.run(ds.client.get(path + ".json")).status_code == 200


def test_server_refuses_writes(db_path, get):
    resp = get("/news.json?sql=insert+into+ingest_errors+(source,reason,at)+values+('x','y','z')")
    assert resp.status_code == 400
    before = sqlite3.connect(db_path).execute("SELECT count(*) FROM ingest_errors").fetchone()[0]
    assert before == 1
    ds = make_datasette(db_path)
    assert not ds.databases["news"].is_mutable


def test_plugin_loads_through_entry_point():
    from datasette.plugins import get_plugins
    assert any(p["name"] == "newsgraph" for p in get_plugins())


def test_menu_links_and_static_files(get):
    assert "/-/newsgraph/timeline" in get("/").text
    assert get("/-/newsgraph/static/vendor/d3/d3.min.js").status_code == 200
    assert get("/-/newsgraph/static/newsgraph/plover.json").json()["quads"]
    assert (WEB / "static" / "vendor" / "d3" / "LICENSE").is_file()


def test_no_cdn_in_templates_or_scripts():
    for path in list((WEB / "templates").glob("*.html")) + list((WEB / "static" / "newsgraph").glob("*.js")):
        text = path.read_text()
        assert not re.search(r'(src|href)="(https?:)?//', text), path
        assert not re.search(r"\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write", text), path


def test_renderer_stacks_overlapping_spans():
    text = "Ana Ruiz said it."
    out = spans.clean_spans([{"start": 0, "end": 8, "label": "PERSON", "kind": "entity"},
                             {"start": 4, "end": 13, "label": "X", "kind": "quote"},
                             {"start": 0, "end": 3, "label": "Y", "kind": "timex"},
                             {"start": 20, "end": 30, "label": "gone", "kind": "entity"}], len(text))
    assert len(out) == 3
    slots = {s["label"]: s["slot"] for s in out}
    assert slots["PERSON"] != slots["Y"] and slots["PERSON"] != slots["X"]
    html = spans.render(text, out)
    assert html.count("ng-label") == 3
    assert "".join(re.sub(r"<span class=\"ng-label[^>]*>[^<]*</span>", "", html).split("<")[0:1]) == ""


def test_renderer_escapes_text_and_labels():
    text = "<b>bold</b> & \"quoted\""
    html = spans.render(text, [{"start": 0, "end": 3, "label": "<i>", "kind": "entity"}])
    assert "<b>" not in html and "<i>" not in html
    assert "&lt;b&gt;" in html and "&lt;i&gt;" in html and "&amp;" in html
    plain = re.sub(r"<[^>]+>", "", html).replace("&lt;i&gt;", "", 1)
    assert plain.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").replace(
        "&#34;", '"').strip() == text


def test_hostile_entity_name_roundtrips_in_json(get):
    data = get("/-/newsgraph/actor/ent-hostile.json").json()
    assert data["entity"]["name"] == HOSTILE_ENTITY


def test_timeline_default_range_ignores_outlying_dates(tmp_path):
    path = build_fixture_db(tmp_path / "outliers.db")
    conn = sqlite3.connect(path)
    rows = [(f"extra-{i}", "art-grain", 0, 10, 0, 5, "x", "CONSULT", f"2024-05-{1 + i % 28:02d}")
            for i in range(60)] + [("backstory", "art-grain", 0, 10, 0, 5, "x", "ASSAULT", "1965")]
    conn.executemany("INSERT INTO events (id, article_id, sentence_start, sentence_end, trigger_start,"
                     " trigger_end, trigger_text, type, date) VALUES (?,?,?,?,?,?,?,?,?)", rows)
    conn.commit()
    conn.close()
    ds = make_datasette(path)
    data = asyncio.run(ds.client.get("/-/newsgraph/timeline.json")).json()
    assert data["start"] > "1965" and data["events_outside"] >= 1
    assert all(e["id"] != "backstory" for e in data["events"])
    every = asyncio.run(ds.client.get("/-/newsgraph/timeline.json?all_dates=1")).json()
    assert every["start"] == "1965" and every["events_outside"] == 0
