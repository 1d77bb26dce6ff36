"""The web UI against hostile data and hostile requests (issue 14).

A fixture database is extended with articles and an entity whose every
metadata field is hostile: markup and script in titles, outlets, sources,
entity names, types, aliases, quote cues and event triggers, and article URLs
with ``javascript:``, ``data:`` and disguised schemes. Then:

* links rendered from data use only http(s) (or same-site paths we build);
* every plugin response carries a Content-Security-Policy without inline script;
* full-text syntax errors and invalid filters answer 400 with a message;
* a crawl of every page and its ``.json`` twin with hostile query strings gets
  no response >= 500 and no unescaped payload (``test_hostile_crawl``).

All in-process through Datasette's test client: no network, no server.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import html as htmllib
import json
import re
import sqlite3
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from web_fixture import ARTICLES, build_fixture_db, insert_article  # noqa: E402

from newsgraph.web.serve import make_datasette  # noqa: E402

XSS = [
    '<script>alert("ng-xss")</script>',
    '"><img src=x onerror=alert(7)>',
    "'><svg/onload=alert(8)>",
    "</textarea></script><script>alert(9)</script>",
    "javascript:alert(10)",
]
BAD_URLS = {
    "js": "javascript:alert(3)",
    "data": "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "case": "  JaVaScRiPt:alert(4)",
    "tab": "java\tscript:alert(5)",
    "vb": "vbscript:msgbox(6)",
    "proto": "//evil.example/steal",
    "rel": "/-/newsgraph/../../etc/passwd",
}
GOOD_URL = "https://example.org/story?a=1&b=2"
HOSTILE_ENTITY_ID = 'ent-"<x>?#/odd'
HOSTILE_NAME = XSS[0] + " Corp"


def _add_hostile_rows(path: Path) -> None:
    db = sqlite3.connect(path)
    db.execute("INSERT INTO entities (id, name, type, country, sector, kb_id, aliases_json, roles_json)"
               " VALUES (?,?,?,?,?,?,?,?)",
               (HOSTILE_ENTITY_ID, HOSTILE_NAME, XSS[1], XSS[2], XSS[3], XSS[4],
                json.dumps(XSS), json.dumps(XSS[:2])))
    for i, (key, url) in enumerate([*BAD_URLS.items(), ("good", GOOD_URL)]):
        aid = f"art-grain-{key}"
        insert_article(db, ARTICLES[0], suffix=f"-{key}", published=f"2024-05-{10 + i:02d}")
        db.execute("UPDATE articles SET url = ?, title = ?, outlet = ?, source = ?, published_source = ?,"
                   " cluster_id = ? WHERE id = ?",
                   (url, XSS[i % 4] + f" title {key}", XSS[(i + 1) % 4], XSS[(i + 2) % 4],
                    XSS[(i + 3) % 4], XSS[1], aid))
        db.execute("UPDATE quotes SET speaker_entity_id = ?, speaker_name = ?, cue = ?, according_to = ?,"
                   " type = ? WHERE article_id = ?", (HOSTILE_ENTITY_ID, HOSTILE_NAME, XSS[1], XSS[2],
                                                      XSS[3], aid))
        db.execute("UPDATE participants SET entity_id = ?, name = ?, text = ?, country = ?"
                   " WHERE role = 'actor' AND event_id LIKE ?", (HOSTILE_ENTITY_ID, HOSTILE_NAME, XSS[2],
                                                                 XSS[3], aid + "-e%"))
        db.execute("UPDATE events SET trigger_text = ? WHERE article_id = ?", (XSS[0], aid))
        db.execute("UPDATE mentions SET entity_id = ?, label = ? WHERE article_id = ? AND text = 'Spain'",
                   (HOSTILE_ENTITY_ID, XSS[1], aid))
        db.execute("UPDATE timexes SET type = ?, value = ? WHERE article_id = ?", (XSS[2], XSS[3], aid))
    db.execute("UPDATE events SET type = ? WHERE id = 'art-grain-js-e2'", (XSS[1],))
    db.commit()
    db.close()


@pytest.fixture(scope="module")
def ds(tmp_path_factory):
    path = build_fixture_db(tmp_path_factory.mktemp("hostile") / "news.db")
    _add_hostile_rows(path)
    return make_datasette(path)


@pytest.fixture(scope="module")
def get(ds):
    def fetch(path):
        return asyncio.run(ds.client.get(path))
    return fetch


ACTOR = "/-/newsgraph/actor/" + quote(HOSTILE_ENTITY_ID, safe="")
PAGES = ["/-/newsgraph", "/-/newsgraph/timeline", "/-/newsgraph/network", "/-/newsgraph/quotes",
         ACTOR, "/-/newsgraph/actor/ent-ruiz"] + [
         f"/-/newsgraph/article/art-grain-{key}" for key in [*BAD_URLS, "good"]]


class Tags(HTMLParser):
    """Every start tag with its attributes (entity references already decoded)."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[tuple[dict, str]] = []
        self._script: dict | None = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = {k: (v or "") for k, v in attrs}
        self.tags.append((tag, attrs))
        if tag == "script":
            self._script, self._body = attrs, ""

    def handle_data(self, data):
        if self._script is not None:
            self._body += data

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, self._body))
            self._script = None


def _link_ok(value: str) -> bool:
    """Same-site path, fragment, query or http(s) URL; no other scheme."""
    if re.search(r"[\x00-\x20\x7f\\]", value):
        return False
    if value == "" or value[0] in "#?":
        return True
    if value.startswith("/"):
        return not value.startswith("//")
    return re.match(r"^https?://[^/?#]", value, re.IGNORECASE) is not None


def check_html(text: str, csp: str) -> list[str]:
    """Problems in one HTML response: unsafe links, event-handler attributes,
    script the CSP would not allow."""
    problems = []
    parsed = Tags(text)
    for tag, attrs in parsed.tags:
        for name, value in attrs.items():
            if name.startswith("on"):
                problems.append(f"<{tag} {name}=...>")
            if name in ("href", "src", "action", "formaction", "xlink:href") and not _link_ok(value):
                problems.append(f"<{tag} {name}={value!r}>")
    allowed = set(re.findall(r"'sha256-([^']+)'", csp))
    for attrs, body in parsed.scripts:
        if "src" in attrs or attrs.get("type") == "application/json":
            continue
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        if digest not in allowed:
            problems.append(f"inline script not allowed by the CSP: {body[:60]!r}")
    for marker in ("<script>alert", "<img src=x", "<svg/onload"):
        if marker in text:
            problems.append(f"unescaped {marker!r}")
    return problems


def check_csp(resp) -> list[str]:
    csp = resp.headers.get("content-security-policy")
    if not csp:
        return ["no Content-Security-Policy header"]
    directives = dict((d.strip().split(" ", 1) + [""])[:2] for d in csp.split(";") if d.strip())
    script = directives.get("script-src", directives.get("default-src", ""))
    problems = []
    if "'unsafe-inline'" in script or "'unsafe-eval'" in script or "*" in script.split():
        problems.append(f"script-src allows inline or eval: {script}")
    if directives.get("object-src") != "'none'":
        problems.append("object-src is not 'none'")
    return problems


# --- 1. links from data, CSP ----------------------------------------------------

@pytest.mark.parametrize("key", list(BAD_URLS))
def test_non_http_article_url_is_text_not_a_link(get, key):
    resp = get(f"/-/newsgraph/article/art-grain-{key}")
    assert resp.status_code == 200
    hrefs = [a.get("href", "") for tag, a in Tags(resp.text).tags if tag == "a"]
    assert not [h for h in hrefs if not _link_ok(h)], hrefs
    bad = BAD_URLS[key].strip()
    assert not any(h.strip() == bad for h in hrefs)
    assert "ng-unlinked-url" in resp.text            # shown, as text
    assert htmllib.escape(bad[:8]) in resp.text


def test_http_article_url_is_a_link(get):
    text = get("/-/newsgraph/article/art-grain-good").text
    assert '<a href="https://example.org/story?a=1&amp;b=2" rel="noreferrer nofollow noopener">original</a>' in text


@pytest.mark.parametrize("path", PAGES)
def test_pages_escape_data_and_send_a_csp(get, path):
    resp = get(path)
    assert resp.status_code == 200, resp.text[:300]
    assert check_csp(resp) == []
    assert check_html(resp.text, resp.headers["content-security-policy"]) == []
    twin = get(path + ".json")
    assert twin.status_code == 200 and check_csp(twin) == []
    assert twin.headers["x-content-type-options"] == "nosniff"


def test_hostile_entity_id_links_round_trip(get):
    data = get("/-/newsgraph/network.json").json()
    node = next(n for n in data["nodes"] if n["id"] == HOSTILE_ENTITY_ID)
    assert node["url"] == ACTOR
    assert get(node["url"] + ".json").json()["entity"]["name"] == HOSTILE_NAME


def test_csp_covers_static_files_and_errors(get):
    for path in ("/-/newsgraph/static/newsgraph/common.js", "/-/newsgraph/article/none",
                 "/-/newsgraph/actor/none.json", "/-/newsgraph/quotes?q=%22"):
        assert check_csp(get(path)) == [], path


def test_templates_hold_no_inline_script_or_handlers():
    web = Path(__file__).parent.parent / "src" / "newsgraph" / "web" / "templates"
    for path in web.glob("*.html"):
        text = path.read_text()
        for m in re.finditer(r"<script([^>]*)>", text):
            assert "src=" in m[1] or 'type="application/json"' in m[1], (path.name, m[0])
        assert not re.search(r"\son[a-z]+\s*=", text), path.name
        assert "javascript:" not in text.lower(), path.name


# --- 2. full-text syntax ------------------------------------------------------

@pytest.mark.parametrize("q", ['"', '""', '"""', "'", "*", "NEAR(", "(", ")", "AND", "a OR", '"a" "'])
def test_fts_syntax_never_fails(get, q):
    page = get("/-/newsgraph/quotes?" + urlencode({"q": q}))
    assert page.status_code in (200, 400), page.text[:300]
    twin = get("/-/newsgraph/quotes.json?" + urlencode({"q": q}))
    assert twin.status_code == page.status_code
    if twin.status_code == 400:
        assert twin.json()["ok"] is False and "not a valid search" in twin.json()["error"]
        assert "not a valid search" in page.text and "Traceback" not in page.text
        assert 'name="q"' in page.text               # the form, to fix the search


@pytest.mark.parametrize("q", ['"', '""'])
def test_fts_quote_only_query_says_it_is_not_valid(get, q):
    page = get("/-/newsgraph/quotes?" + urlencode({"q": q}))
    assert page.status_code == 400
    assert "is not a valid search" in page.text
    assert get("/-/newsgraph/quotes.json?" + urlencode({"q": q})).json()["errors"]


# --- 3. invalid filters -------------------------------------------------------

@pytest.mark.parametrize("path, query, says", [
    ("timeline", "type=BOGUS", "type='BOGUS' is not a PLOVER event type"),
    ("network", "type=BOGUS", "type='BOGUS' is not a PLOVER event type"),
    ("timeline", "start=2024-13-45", "start='2024-13-45' is not a valid date"),
    ("timeline", "end=2023-02-29", "end='2023-02-29' is not a valid date"),
    ("network", "start=2024-06-31", "start='2024-06-31' is not a valid date"),
    ("timeline", "start=2024-07&end=2024-06", "is after end"),
    ("timeline", "start=yesterday", "not a valid date"),
    ("timeline", "country=%3Cb%3E", "not a country code"),
    ("timeline", "hypothetical=yes", "must be 1 (on) or 0 (off)"),
    ("timeline", "actor=" + "x" * 5000, "the limit is 200"),
    ("quotes", "start=2024-13-45", "not a valid date"),
    ("quotes", "page=-1", "page='-1' must be a whole number"),
    ("quotes", "page=0", "must be a whole number"),
    ("quotes", "page=99999999999999999999", "must be a whole number"),
    ("quotes", "page=2.5", "must be a whole number"),
    ("quotes", "q=" + "x" * 400, "the limit is 300"),
    ("quotes", "q=a%00b", "control characters"),
    ("article/art-grain", "focus=-5-3", "focus="),
    ("article/art-grain", "focus=9-2", "START < END"),
])
def test_invalid_values_say_what_is_wrong(get, path, query, says):
    twin = get(f"/-/newsgraph/{path}.json?{query}")
    assert twin.status_code == 400
    body = twin.json()
    assert body["ok"] is False and any(says in e for e in body["errors"]), body
    page = get(f"/-/newsgraph/{path}?{query}")
    assert page.status_code == 400
    assert says.replace("<", "&lt;").replace("'", "&#39;") in page.text
    assert check_csp(page) == []


def test_valid_values_still_work(get):
    for path in ("timeline.json?type=AGREE&start=2024&end=2024-12-31&hypothetical=0&country=ESP",
                 "network.json?type=verbal_conflict&start=2024-02-29",
                 "quotes.json?page=1&start=2024-03&end=2024-06", "quotes.json?q=ships",
                 "article/art-grain.json?focus=0-10"):
        assert get("/-/newsgraph/" + path).status_code == 200, path


# --- 5. the crawl ---------------------------------------------------------------

PAYLOADS = XSS + [
    "' OR 1=1 --", "1; DROP TABLE articles; --", "\" UNION SELECT sql FROM sqlite_master --",
    "x" * 3000, "-1", "0", "99999999999999999999", "1e9",
    "2024-13-45", "2024-02-30", "0000-00-00", "2024-W02",
    '"', '""', "NEAR(a b)", "(", "AND OR NOT",
    "\u202e\u0000", "../../etc/passwd", "{{7*7}}",
]
KEYS = {
    "/-/newsgraph": ["db", "x"],
    "/-/newsgraph/timeline": ["actor", "recipient", "country", "type", "start", "end", "hypothetical",
                              "all_dates", "db"],
    "/-/newsgraph/network": ["actor", "recipient", "country", "type", "start", "end", "negated", "db"],
    "/-/newsgraph/quotes": ["q", "speaker", "start", "end", "page", "db"],
    ACTOR: ["db"],
    "/-/newsgraph/article/art-grain-js": ["focus", "db"],
}
# Payloads that would change the markup if they appeared as they are (the bare
# quote marks alone occur in any page, so they are checked by the parser instead).
JSON_BLOCK_RE = re.compile(r'<script type="application/json"[^>]*>.*?</script>', re.DOTALL)
UNESCAPED = [p for p in PAYLOADS if len(p) > 2 and re.search(r"[<>\"']", p)]


def _crawl_urls() -> list[str]:
    urls = []
    for path, keys in KEYS.items():
        for payload in PAYLOADS:
            for key in keys:
                urls.append(path + "?" + urlencode({key: payload}))
            urls.append(path + "?" + urlencode({k: payload for k in keys if k != "db"}))
    for payload in PAYLOADS:                       # hostile path segments
        segment = quote(payload[:300], safe="")
        urls += [f"/-/newsgraph/actor/{segment}", f"/-/newsgraph/article/{segment}"]
    return urls


def test_hostile_crawl(ds):
    """Every page and its JSON twin with hostile query strings: nothing >= 500,
    nothing unescaped, the CSP on every response. Prints the figures that
    BENCHMARKS.md records."""
    urls = _crawl_urls()
    failures, statuses = [], {}

    async def one(target):
        resp = await ds.client.get(target)
        statuses[resp.status_code] = statuses.get(resp.status_code, 0) + 1
        problems = check_csp(resp)
        if resp.status_code >= 500:
            problems.append(f"status {resp.status_code}")
        if target.endswith(".json") or ".json?" in target:
            try:
                json.loads(resp.text)
            except ValueError:
                problems.append("JSON twin is not JSON")
        else:
            problems += check_html(resp.text, resp.headers.get("content-security-policy", ""))
            # JSON data blocks hold payloads JSON-escaped ("\\\"", "\\u003c"): inert, and
            # check_html already fails on any raw markup in them.
            markup = JSON_BLOCK_RE.sub("", resp.text)
            problems += [f"payload {p[:30]!r} unescaped" for p in UNESCAPED if p in markup]
        if problems:
            failures.append((target[:120], problems[:3]))

    async def crawl():
        # A real server runs Datasette's startup once before taking requests; the
        # test client runs it on the first request, so concurrent first requests
        # would race it (Datasette's "render_template() called before startup").
        await ds.invoke_startup()
        targets = []
        for url in urls:
            path, _, query = url.partition("?")
            targets += [url, path + ".json" + ("?" + query if query else "")]
        for i in range(0, len(targets), 8):          # a few at a time, as browsers do
            await asyncio.gather(*(one(t) for t in targets[i:i + 8]))

    began = time.perf_counter()
    asyncio.run(crawl())
    took = time.perf_counter() - began
    total = sum(statuses.values())
    print(f"\nhostile crawl: {total} requests in {took:.1f} s, statuses {dict(sorted(statuses.items()))},"
          f" {len(failures)} failures")
    assert total >= 1000
    assert failures == [], failures[:10]
