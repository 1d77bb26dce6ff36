"""The newsgraph web UI: a Datasette plugin, registered as this package.

The ``datasette`` entry point names ``newsgraph.web`` (a package, not a module)
so that Datasette itself finds ``templates/`` beside this file and adds it to
its template loader; the hooks live in :mod:`newsgraph.web.plugin`.
"""

from newsgraph.web.plugin import asgi_wrapper, menu_links, prepare_jinja2_environment, register_routes

__all__ = ["asgi_wrapper", "menu_links", "prepare_jinja2_environment", "register_routes"]
