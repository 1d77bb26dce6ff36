"""The newsgraph Datasette plugin, loaded through the ``datasette`` entry point.

It adds pages under ``/-/newsgraph`` and a menu link; it never writes. When the
database is not a newsgraph database (or Datasette serves several), the pages
say so instead of failing, so plain ``datasette any.db`` keeps working.
"""

from __future__ import annotations

from pathlib import Path

from datasette import hookimpl
from datasette.utils.asgi import asgi_static
from jinja2 import ChoiceLoader, FileSystemLoader

from . import views

HERE = Path(__file__).parent
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
    """Make our templates findable. Datasette only discovers a plugin's
    ``templates/`` folder when the plugin is a package, and ours is a module."""
    ours = FileSystemLoader(str(HERE / "templates"))
    if not isinstance(env.loader, ChoiceLoader) or ours.searchpath[0] not in _paths(env.loader):
        env.loader = ChoiceLoader([env.loader, ours])


def _paths(loader) -> list[str]:
    return [p for sub in getattr(loader, "loaders", []) for p in getattr(sub, "searchpath", [])]


@hookimpl
def menu_links(datasette, actor, request):
    prefix = datasette.urls.path(views.PREFIX)
    return [
        {"href": prefix, "label": "newsgraph: overview"},
        {"href": prefix + "/timeline", "label": "newsgraph: timeline"},
        {"href": prefix + "/network", "label": "newsgraph: actor network"},
        {"href": prefix + "/quotes", "label": "newsgraph: quotes"},
    ]
