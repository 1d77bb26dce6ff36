"""The web UI in a real browser: headless Chromium driven by Playwright against
a ``newsgraph serve`` server in a subprocess.

Needs Debian's Chromium (``apt-get install chromium``) and the ``playwright``
Python package; never ``playwright install`` (no browser downloads). Each page
is saved as a screenshot under the test's tmp folder; set
``NEWSGRAPH_SCREENSHOTS=docs/screenshots`` to also copy them there.
"""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from web_fixture import HOSTILE_SCRIPT, build_fixture_db  # noqa: E402

CHROMIUM = os.environ.get("NEWSGRAPH_CHROMIUM", "/usr/bin/chromium")
ROOT = Path(__file__).parent.parent
pytestmark = pytest.mark.browser

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    sync_playwright = None

if sync_playwright is None:
    pytest.skip("playwright is not installed (pip install playwright)", allow_module_level=True)
if not Path(CHROMIUM).exists():
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_server(db: Path):
    port = _free_port()
    code = "import sys; from newsgraph.web.serve import serve; serve(sys.argv[1], port=int(sys.argv[2]))"
    proc = subprocess.Popen([sys.executable, "-c", code, str(db), str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/-/versions.json", timeout=1)
            return proc, base
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(proc.stdout.read().decode())
            time.sleep(0.1)
    proc.terminate()
    raise RuntimeError("server did not start")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = build_fixture_db(tmp_path_factory.mktemp("browser") / "news.db")
    proc, base = _start_server(db)
    yield base
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


class Watched:
    """A page that records console errors, uncaught exceptions and dialogs."""

    def __init__(self, browser):
        self.context = browser.new_context(viewport={"width": 1360, "height": 900})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def goto(self, url):
        resp = self.page.goto(url, wait_until="networkidle")
        assert resp.status == 200, url
        return self.page


@pytest.fixture
def watched(browser):
    w = Watched(browser)
    yield w
    w.context.close()


def _shot(page, tmp_path, name):
    path = tmp_path / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    dest = os.environ.get("NEWSGRAPH_SCREENSHOTS")
    if dest:
        Path(dest).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(dest) / path.name)
    return path


PAGES = {
    "overview": "/-/newsgraph",
    "timeline": "/-/newsgraph/timeline",
    "network": "/-/newsgraph/network",
    "actor": "/-/newsgraph/actor/ent-ruiz",
    "quotes": "/-/newsgraph/quotes?q=deal OR punish OR ships",
    "article": "/-/newsgraph/article/art-grain?focus=87-120#c87",
}


@pytest.mark.parametrize("name", list(PAGES))
def test_page_loads_without_console_errors(server, watched, tmp_path, name):
    page = watched.goto(server + PAGES[name])
    page.wait_for_timeout(200)
    assert _shot(page, tmp_path, name).stat().st_size > 10_000
    assert watched.errors == []
    assert watched.dialogs == []


def test_timeline_shows_events_and_zooms(server, watched):
    page = watched.goto(server + PAGES["timeline"])
    assert page.locator("#ng-timeline circle.ng-dot[data-kind=event]").count() == 5
    assert page.locator("#ng-timeline circle.ng-dot[data-kind=quote]").count() == 5
    with page.expect_response(lambda r: "/timeline.json" in r.url) as resp:
        page.mouse.move(700, page.locator("#ng-timeline svg").bounding_box()["y"] + 100)
        page.mouse.wheel(0, -600)
    assert resp.value.status == 200
    page.wait_for_timeout(300)
    assert watched.errors == []


def test_clicking_an_actor_opens_its_page(server, watched):
    page = watched.goto(server + PAGES["network"])
    page.locator('g.ng-node[data-name="Spain"] circle').click()
    page.wait_for_url("**/actor/ent-spain")
    assert page.locator("h1.ng-actor-name").inner_text().startswith("Spain")
    page = watched.goto(server + PAGES["overview"])
    page.locator("a.ng-actor-link", has_text="Karim Idrissi").click()
    page.wait_for_url("**/actor/ent-idrissi")
    assert watched.errors == []


def test_timeline_item_opens_the_sentence(server, watched):
    page = watched.goto(server + PAGES["timeline"] + "?type=AGREE&noquotes=1")
    page.locator("#ng-timeline circle.ng-dot").first.click()
    page.wait_for_url("**/article/art-grain?focus=*")
    assert page.locator(".ng-seg.ng-focus").first.inner_text().startswith("Trade ministers")


def test_article_highlights_a_known_quote(server, watched):
    page = watched.goto(server + PAGES["article"])
    quote = page.locator('.ng-seg[data-ids~="q:art-grain-q0"]', has_text="keeps the ships").first
    assert "This deal keeps the ships moving," in quote.inner_text()
    shadow = quote.evaluate("el => getComputedStyle(el).boxShadow")
    assert "none" not in shadow and "109, 91, 208" in shadow  # the quote colour, #6d5bd0
    page.locator('.ng-rec[data-ids="q:art-grain-q0"]').hover()
    assert "ng-hover" in quote.get_attribute("class")
    greyed = page.locator('.ng-para[data-role="footer"]')
    assert greyed.evaluate("el => getComputedStyle(el).color") != page.locator(
        '.ng-para[data-role="body"]').first.evaluate("el => getComputedStyle(el).color")


def test_hostile_article_renders_as_text(server, watched, tmp_path):
    page = watched.goto(server + "/-/newsgraph/article/art-hostile")
    text = page.locator("#ng-text").inner_text()
    assert HOSTILE_SCRIPT in text
    assert 'onmouseover="alert(2)' in text
    page.locator(".ng-seg", has_text="Nothing to see").first.hover()
    page.locator("h1").hover()
    assert page.locator("#ng-text script, #ng-text img").count() == 0
    assert HOSTILE_SCRIPT in page.locator("h1").inner_text()
    _shot(page, tmp_path, "hostile")
    for path in ("/-/newsgraph/actor/ent-hostile", "/-/newsgraph/network", "/-/newsgraph/timeline"):
        watched.goto(server + path)
        page.locator("body").hover()
    assert watched.dialogs == []
    assert watched.errors == []


# --- the example corpus, ingested by the real pipeline --------------------------------

@pytest.fixture(scope="module")
def example(tmp_path_factory):
    """``newsgraph ingest`` of examples/corpus/ served by ``newsgraph serve``'s function."""
    corpus = ROOT / "examples" / "corpus"
    if not corpus.is_dir() or not any(corpus.iterdir()):
        pytest.skip("examples/corpus/ is empty")
    db = tmp_path_factory.mktemp("example") / "example.db"
    cli = Path(sys.executable).with_name("newsgraph")
    run = subprocess.run([str(cli), "ingest", str(db), str(corpus), "--published", "2024-06-19"],
                         capture_output=True, text=True, timeout=600)
    if not db.exists():
        pytest.skip(f"newsgraph ingest failed: {run.stderr[-500:]}")
    conn = sqlite3.connect(db)
    facts = {
        "hostile": conn.execute("SELECT id FROM articles WHERE title LIKE '%<script>%'"
                                " OR text LIKE '%<script>%' LIMIT 1").fetchone(),
        "quote": conn.execute("SELECT id, article_id, start, content FROM quotes WHERE speaker_entity_id IS NOT NULL"
                              " AND length(content) > 30 ORDER BY rowid LIMIT 1").fetchone(),
        "actor": conn.execute("SELECT entity_id FROM participants WHERE entity_id IS NOT NULL AND role = 'actor'"
                              " GROUP BY entity_id ORDER BY count(*) DESC LIMIT 1").fetchone(),
    }
    conn.close()
    proc, base = _start_server(db)
    yield base, facts
    proc.terminate()
    proc.wait(timeout=10)


def test_example_pages(example, watched, tmp_path):
    base, facts = example
    paths = {"example-overview": "/-/newsgraph", "example-timeline": "/-/newsgraph/timeline",
             "example-network": "/-/newsgraph/network", "example-quotes": "/-/newsgraph/quotes?q=ceasefire"}
    if facts["actor"]:
        paths["example-actor"] = f"/-/newsgraph/actor/{facts['actor'][0]}"
    if facts["quote"]:
        q = facts["quote"]
        paths["example-article"] = f"/-/newsgraph/article/{q[1]}#c{q[2]}"
    for name, path in paths.items():
        page = watched.goto(base + path)
        page.wait_for_timeout(200)
        _shot(page, tmp_path, name)
    assert watched.errors == []
    assert watched.dialogs == []


def test_example_timeline_shows_events(example, watched):
    base, _ = example
    page = watched.goto(base + "/-/newsgraph/timeline")
    assert page.locator("#ng-timeline circle.ng-dot[data-kind=event]").count() > 0
    assert page.locator("#ng-items tr.ng-item-event").count() > 0


def test_example_network_click_opens_actor(example, watched):
    base, _ = example
    page = watched.goto(base + "/-/newsgraph/network")
    node = page.locator("g.ng-node").first
    name = node.get_attribute("data-name")
    node.locator("circle").click()
    page.wait_for_url("**/-/newsgraph/**")
    assert "/actor/" in page.url or "/timeline" in page.url
    assert name.split()[0] in page.locator("body").inner_text()


def test_example_article_highlights_a_quote(example, watched):
    base, facts = example
    if not facts["quote"]:
        pytest.skip("no attributed quote in the example corpus")
    qid, article_id, start, content = facts["quote"]
    page = watched.goto(base + f"/-/newsgraph/article/{article_id}")
    segs = page.locator(f'.ng-seg.ng-in-quote[data-ids~="q:{qid}"]')
    assert segs.count() > 0
    assert content[:20] in page.locator("#ng-text").inner_text()
    shadow = segs.first.evaluate("el => getComputedStyle(el).boxShadow")
    assert "109, 91, 208" in shadow


def test_example_hostile_article_renders_as_text(example, watched):
    base, facts = example
    if not facts["hostile"]:
        pytest.skip("no article with markup in the example corpus")
    page = watched.goto(base + f"/-/newsgraph/article/{facts['hostile'][0]}")
    assert "<script>" in page.locator("body").inner_text()
    assert page.locator("#ng-text script").count() == 0
    assert watched.dialogs == []
    assert watched.errors == []
