"""The web query cache, the quotes page's default (reported speech), the plugin's registration."""

from __future__ import annotations

import asyncio
import sqlite3

import pytest

from newsgraph.web import queries
from newsgraph.web.serve import make_datasette
from web_fixture import build_fixture_db


@pytest.fixture
def db_path(tmp_path):
    path = build_fixture_db(tmp_path / "news.db")
    conn = sqlite3.connect(path)
    text = conn.execute("SELECT text FROM articles WHERE id = 'art-grain'").fetchone()[0]
    start = text.index("the deal collapsed")
    with conn:
        conn.execute(
            "INSERT INTO quotes (id, article_id, start, \"end\", content, type, cue, speaker_name, speaker_text, date) "
            "VALUES ('art-grain-q9', 'art-grain', ?, ?, 'the deal collapsed', 'attribution', 'believes', "
            "'Ana Ruiz', 'Ruiz', '2024-03-06')", (start, start + len("the deal collapsed")))
    conn.close()
    queries._cache.clear()
    yield path
    queries._cache.clear()


class FakeDb:
    def __init__(self, name="news", mutable=False):
        self.name, self.path, self.is_mutable, self.is_memory = name, f"/tmp/{name}.db", mutable, False


def counting():
    calls = []

    @queries.cached
    async def page(db, arg, key=None):
        calls.append((arg, key))
        return {"rows": [{"arg": arg}]}

    return page, calls


def test_cache_serves_repeats_from_memory_and_hands_out_copies():
    queries._cache.clear()
    page, calls = counting()
    db = FakeDb()
    first = asyncio.run(page(db, 1, key="a"))
    first["rows"][0]["url"] = "/changed"  # the views add links to what they get
    second = asyncio.run(page(db, 1, key="a"))
    assert calls == [(1, "a")]
    assert second == {"rows": [{"arg": 1}]}
    asyncio.run(page(db, 2, key="a"))
    asyncio.run(page(FakeDb("other"), 1, key="a"))
    assert len(calls) == 3  # other arguments, other database: computed
    queries._cache.clear()


def test_cache_skips_mutable_databases():
    page, calls = counting()
    db = FakeDb(mutable=True)
    asyncio.run(page(db, 1))
    asyncio.run(page(db, 1))
    assert len(calls) == 2


def test_cache_keeps_the_most_recent_entries(monkeypatch):
    from cachetools import LRUCache

    monkeypatch.setattr(queries, "_cache", LRUCache(maxsize=2))
    page, calls = counting()
    db = FakeDb()
    for arg in (1, 2, 1, 3):  # 1 used again after 2, so 2 is the one evicted
        asyncio.run(page(db, arg))
    asyncio.run(page(db, 1))
    assert [c[0] for c in calls] == [1, 2, 3]
    asyncio.run(page(db, 2))
    assert [c[0] for c in calls] == [1, 2, 3, 2]


def test_cached_none_is_a_hit():
    queries._cache.clear()
    calls = []

    @queries.cached
    async def missing(db, key):
        calls.append(key)
        return None

    assert asyncio.run(missing(FakeDb(), "x")) is None
    assert asyncio.run(missing(FakeDb(), "x")) is None
    assert calls == ["x"]
    queries._cache.clear()


def test_served_pages_are_cached(db_path):
    ds = make_datasette(db_path)
    assert asyncio.run(ds.client.get("/-/newsgraph.json")).status_code == 200
    size = len(queries._cache)
    assert size >= 1
    assert asyncio.run(ds.client.get("/-/newsgraph.json")).status_code == 200
    assert len(queries._cache) == size


def test_quotes_page_hides_attribution_by_default(db_path):
    ds = make_datasette(db_path)

    def contents(path):
        response = asyncio.run(ds.client.get(path))
        assert response.status_code == 200, response.text[:300]
        return {q["content"] for q in response.json()["quotes"]}

    assert "the deal collapsed" not in contents("/-/newsgraph/quotes.json")
    assert contents("/-/newsgraph/quotes.json?type=attribution") == {"the deal collapsed"}
    assert "the deal collapsed" in contents("/-/newsgraph/quotes.json?type=all")
    assert len(contents("/-/newsgraph/quotes.json?type=all")) == len(contents("/-/newsgraph/quotes.json")) + 1
    bad = asyncio.run(ds.client.get("/-/newsgraph/quotes.json?type=nonsense"))
    assert bad.status_code == 400 and "type=" in bad.json()["error"]
    html = asyncio.run(ds.client.get("/-/newsgraph/quotes?type=attribution")).text
    assert '<option value="attribution" selected>' in html


def test_plugin_is_the_web_package_and_datasette_finds_its_templates():
    from datasette.plugins import get_plugins

    ours = next(p for p in get_plugins() if p["name"] == "newsgraph")
    assert ours["templates_path"] and ours["templates_path"].endswith("newsgraph/web/templates")
    assert {"register_routes", "menu_links", "asgi_wrapper"} <= set(ours["hooks"])
