"""The newsgraph Datasette plugin's hooks, registered through the ``datasette`` entry point
(as the package :mod:`newsgraph.web`, whose ``templates/`` Datasette loads).

It adds pages under ``/-/newsgraph`` and a menu link; it never writes. When the
database is not a newsgraph database (or Datasette serves several), the pages
say so instead of failing, so plain ``datasette any.db`` keeps working.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re
from pathlib import Path

from datasette import hookimpl
from datasette.utils.asgi import asgi_static

from . import validate, views

HERE = Path(__file__).parent
log = logging.getLogger(__name__)
ID = r"(?P<{}>[^/]+?)"
FORMAT = r"(?P<format>\.json)?$"


@hookimpl
def register_routes(datasette):
    p = "^" + views.PREFIX
    return [
        (p + FORMAT, views.overview_view),
        (p + "/timeline" + FORMAT, views.timeline_view),
        (p + "/network" + FORMAT, views.network_view),
        (p + "/quotes" + FORMAT, views.quotes_view),
        (p + "/actor/" + ID.format("entity_id") + FORMAT, views.actor_view),
        (p + "/article/" + ID.format("article_id") + FORMAT, views.article_view),
        (p + "/static/(?P<path>.*)$", asgi_static(HERE / "static")),
    ]


@hookimpl
def prepare_jinja2_environment(env, datasette):
    """Filters our templates use to keep links to http(s) and to this server."""
    env.filters["ng_http_url"] = validate.http_url
    env.filters["ng_local_url"] = validate.local_url


@hookimpl
def menu_links(datasette, actor, request):
    prefix = datasette.urls.path(views.PREFIX)
    return [
        {"href": prefix, "label": "newsgraph: overview"},
        {"href": prefix + "/timeline", "label": "newsgraph: timeline"},
        {"href": prefix + "/network", "label": "newsgraph: actor network"},
        {"href": prefix + "/quotes", "label": "newsgraph: quotes"},
    ]


# Content-Security-Policy of every response under /-/newsgraph: scripts only from
# this server's files (no inline script, no eval), nothing from other sites, no
# plugins or <base> tricks. The one inline script allowed is Datasette's own
# menu-closing snippet in base.html, pinned by its SHA-256 (computed from the
# template, never from a response). Inline styles stay allowed: d3 and the span
# colours use them, and they cannot run code.
CSP_TEMPLATE = ("default-src 'self'; script-src 'self'{hashes}; style-src 'self' 'unsafe-inline'; "
                "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
                "base-uri 'none'; form-action 'self'; frame-ancestors 'self'")
INLINE_SCRIPT_RE = re.compile(r"<script>(.*?)</script>", re.DOTALL)


async def content_security_policy(datasette) -> str:
    cached = getattr(datasette, "_newsgraph_csp", None)
    if cached:
        return cached
    hashes = []
    try:
        template = datasette.jinja_env.get_template("_close_open_menus.html")
        snippet = (await template.render_async() if datasette.jinja_env.is_async
                   else template.render())
    except Exception:  # a Datasette without that template: no inline script to allow
        log.debug("no _close_open_menus.html template; the CSP allows no inline script", exc_info=True)
        snippet = ""
    for body in INLINE_SCRIPT_RE.findall(snippet):
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        hashes.append(f" 'sha256-{digest}'")
    policy = CSP_TEMPLATE.format(hashes="".join(hashes))
    datasette._newsgraph_csp = policy
    return policy


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def add_headers(scope, receive, send):
            if scope.get("type") != "http" or not _ours(datasette, scope):
                return await app(scope, receive, send)

            policy = await content_security_policy(datasette)

            async def send_with_headers(event):
                if event.get("type") == "http.response.start":
                    headers = [(k, v) for k, v in event.get("headers", [])
                               if k.lower() not in (b"content-security-policy",
                                                    b"x-content-type-options")]
                    headers.append((b"content-security-policy",
                                    policy.encode()))
                    headers.append((b"x-content-type-options", b"nosniff"))
                    event = dict(event, headers=headers)
                await send(event)
            return await app(scope, receive, send_with_headers)
        return add_headers
    return wrap


def _ours(datasette, scope) -> bool:
    path = scope.get("path") or ""
    prefix = datasette.urls.path(views.PREFIX)
    return path == prefix or path.startswith(prefix + "/") or path.startswith(prefix + ".")
