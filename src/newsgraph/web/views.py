"""Request handlers: pick the database, validate filters, query, then render
HTML or, for a ``.json`` URL, return the same data as JSON."""

from __future__ import annotations

import sqlite3
from types import SimpleNamespace
from urllib.parse import quote, unquote, urlencode

from datasette.database import QueryInterrupted
from datasette.utils import escape_fts
from datasette.utils.asgi import Response

from . import plover, spans, validate
from .context import EventFilters, NotNewsgraph, article_url, page_url, pick_database
from .queries import actors as actor_queries
from .queries import articles as article_queries
from .queries import network as network_queries
from .queries import overview as overview_queries
from .queries import quotes as quote_queries
from .queries import timeline as timeline_queries

PREFIX = "/-/newsgraph"
STATIC = PREFIX + "/static"


class Page:
    """Links shared by every page, built once per request."""

    def __init__(self, datasette, request, db):
        self.ds, self.request, self.db = datasette, request, db
        self.db_name = db.name
        self.prefix = datasette.urls.path(PREFIX)
        self.static = datasette.urls.path(STATIC)
        self.db_arg = {"db": request.args["db"]} if request.args.get("db") else {}

    def url(self, subpath: str = "", **args) -> str:
        return page_url(self.prefix + subpath, {**self.db_arg, **args})

    def article(self, article_id, start=None, end=None) -> str:
        return article_url(self.prefix, quote(str(article_id), safe=""), start, end,
                           self.db_arg.get("db"))

    def actor(self, entity_id) -> str:
        return self.url("/actor/" + quote(str(entity_id), safe=""))

    def table(self, table: str, **args) -> str:
        return page_url(self.ds.urls.table(self.db_name, table), args)

    def table_csv(self, table: str, **args) -> str:
        return page_url(self.ds.urls.table(self.db_name, table, format="csv"), args)

    def sql(self, sql: str, fmt: str | None = None, **params) -> str:
        base = self.ds.urls.database(self.db_name, format=fmt)
        return base + "?" + urlencode({"sql": " ".join(sql.split()), **{
            k: v for k, v in params.items() if v not in (None, "")}})

    def reset_url(self) -> str:
        """This page without its query string (keeping the database choice)."""
        return page_url(self.request.path, self.db_arg)

    def json_url(self) -> str:
        path = self.request.path
        query = self.request.query_string
        return path + ".json" + ("?" + query if query else "")


async def _respond(datasette, request, template: str, data: dict, page: Page, fmt, status=200,
                   **extra):
    if fmt:
        return Response.json(data, status=status, default=str)
    context = {"data": data, "page": page, "plover": plover.ontology(),
               "quad_of": plover.quad_of, "alternate_url_json": page.json_url(), **extra}
    html = await datasette.render_template(template, context, request=request)
    return Response.html(html, status=status)


async def _invalid(datasette, request, page: Page, fmt, errors: list[str], form: str | None,
                   **extra):
    """400: the page, or its JSON twin, saying which values are wrong and why."""
    data = {"ok": False, "status": 400, "error": " ".join(errors), "errors": errors}
    if fmt:
        return Response.json(data, status=400)
    args = request.args
    raw = SimpleNamespace(**{k: (args.get(k) or "") for k in (
        "actor", "recipient", "country", "type", "start", "end", "q", "speaker")})
    for flag in validate.FLAGS:
        setattr(raw, flag, args.get(flag) == "1")
    raw.quotes = not raw.noquotes
    return await _respond(datasette, request, "newsgraph_invalid.html", data, page, None,
                          status=400, form=form, filters=raw, raw=raw, **extra)


async def _database(datasette, request, fmt):
    """The newsgraph database, or a response saying why there is none."""
    try:
        return await pick_database(datasette, request), None
    except NotNewsgraph as err:
        data = {"ok": False, "error": str(err), "database": err.database,
                "missing_tables": sorted(err.missing)}
        if fmt:
            return None, Response.json(data, status=404)
        html = await datasette.render_template(
            "newsgraph_missing.html", {"data": data, "static": datasette.urls.path(STATIC)},
            request=request)
        return None, Response.html(html, status=404)


def newsgraph_view(handler):
    """The opening every page shares: the format (HTML, or JSON for ``.json``), the newsgraph
    database (or the response saying there is none) and the page's links.

    Datasette calls a route with the arguments its signature names, so the view
    keeps ``(datasette, request)`` and no ``__wrapped__`` (which ``inspect`` would follow).
    """
    async def view(datasette, request):
        fmt = request.url_vars.get("format")
        db, error = await _database(datasette, request, fmt)
        if error:
            return error
        return await handler(datasette, request, Page(datasette, request, db), fmt)
    view.__name__, view.__qualname__, view.__doc__ = handler.__name__, handler.__qualname__, handler.__doc__
    return view


@newsgraph_view
async def overview_view(datasette, request, page: Page, fmt: str | None):
    db = page.db
    data = await overview_queries.overview(db)
    return await _respond(datasette, request, "newsgraph_overview.html", data, page, fmt)


async def _filtered(datasette, request, page: Page, fmt: str | None, query, show_quotes_toggle: bool):
    """(filters, data) of an event page: ``query(db, filters)`` run on the page's filters,
    with the filters and their warnings in the data; or (the 400 page, None) when the
    filters are malformed."""
    errors = validate.event_args(request.args)
    if errors:
        return await _invalid(datasette, request, page, fmt, errors, "filters", show_quotes_toggle=show_quotes_toggle,
                              actor_choices=await _actor_choices(page.db)), None
    filters = EventFilters.from_request(request)
    data = await query(page.db, filters)
    data["filters"] = filters.as_dict()
    data["warnings"] = filters.warnings
    return filters, data


@newsgraph_view
async def timeline_view(datasette, request, page: Page, fmt: str | None):
    db = page.db
    filters, data = await _filtered(datasette, request, page, fmt, timeline_queries.timeline, True)
    if data is None:
        return filters  # the 400 page
    for e in data["events"]:
        e["url"] = page.article(e["article_id"], e["sentence_start"], e["sentence_end"])
    for q in data["quotes"]:
        q["url"] = page.article(q["article_id"], q["start"], q["end"])
    where, params = filters.event_where()
    sql = ("select e.* from events e" + (" where " + " and ".join(where) if where else "")
           + " order by e.date")
    return await _respond(datasette, request, "newsgraph_timeline.html", data, page, fmt,
                          filters=filters, sql_url=page.sql(sql, **params),
                          csv_url=page.sql(sql, fmt="csv", **params),
                          actor_choices=await _actor_choices(db))


@newsgraph_view
async def network_view(datasette, request, page: Page, fmt: str | None):
    filters, data = await _filtered(datasette, request, page, fmt, network_queries.network, False)
    if data is None:
        return filters  # the 400 page
    for n in data["nodes"]:
        n["url"] = page.actor(n["entity_id"]) if n["entity_id"] else page.url(
            "/timeline", actor=n["name"])
    return await _respond(datasette, request, "newsgraph_network.html", data, page, fmt,
                          filters=filters, actor_choices=await _actor_choices(page.db))


@newsgraph_view
async def actor_view(datasette, request, page: Page, fmt: str | None):
    db = page.db
    data = await actor_queries.actor(db, unquote(request.url_vars["entity_id"]))
    if data is None:
        return await _respond(datasette, request, "newsgraph_notfound.html",
                              {"ok": False, "error": "No such actor"}, page, fmt, status=404,
                              what="actor")
    for e in data["as_actor"] + data["as_recipient"]:
        e["url"] = page.article(e["article_id"], e["sentence_start"], e["sentence_end"])
    for q in data["said"] + data["about"]:
        q["url"] = page.article(q["article_id"], q["start"], q["end"])
    return await _respond(datasette, request, "newsgraph_actor.html", data, page, fmt)


@newsgraph_view
async def quotes_view(datasette, request, page: Page, fmt: str | None):
    db = page.db
    errors = validate.quote_args(request.args)
    q = (request.args.get("q") or "").strip()
    problem = validate.fts_problem(q, escape_fts(q)) if q and not errors else None
    if errors or problem:
        return await _invalid(datasette, request, page, fmt, errors or [problem], "quotes")
    number = validate.page_number(request.args.get("page"))
    try:
        data = await quote_queries.search_quotes(
            db, q=q, speaker=(request.args.get("speaker") or "").strip(),
            start=validate.check_date("start", request.args.get("start"), []),
            end=validate.check_date("end", request.args.get("end"), []), page=number,
            quote_type=validate.quote_type(request.args.get("type")))
    except sqlite3.OperationalError as err:
        if not q:
            raise
        return await _invalid(datasette, request, page, fmt, [
            f"q={validate.show(q)} is not a valid search ({err}). Use plain words; quotes,"
            " brackets and operators are not needed."], "quotes")
    except QueryInterrupted:
        return await _invalid(datasette, request, page, fmt, [
            "The search took too long; use more specific words or a narrower date range."],
            "quotes")
    for q in data["quotes"]:
        q["url"] = page.article(q["article_id"], q["start"], q["end"])
    args = {k: data[k] for k in ("q", "speaker", "start", "end", "type") if data[k]}
    data["next_url"] = (page.url("/quotes", **args, page=number + 1)
                        if number * data["per_page"] < data["total"] and number < validate.MAX_PAGE
                        else None)
    data["prev_url"] = page.url("/quotes", **args, page=number - 1) if number > 1 else None
    table_args = {"_search": data["q"]} if data["q"] else {}
    return await _respond(datasette, request, "newsgraph_quotes.html", data, page, fmt,
                          table_url=page.table("quotes", **table_args),
                          csv_url=page.table_csv("quotes", **table_args))


@newsgraph_view
async def article_view(datasette, request, page: Page, fmt: str | None):
    db = page.db
    data = await article_queries.article(db, unquote(request.url_vars["article_id"]))
    if data is None:
        return await _respond(datasette, request, "newsgraph_notfound.html",
                              {"ok": False, "error": "No such article"}, page, fmt, status=404,
                              what="article")
    errors = validate.article_args(request.args)
    if errors:
        return await _invalid(datasette, request, page, fmt, errors, None)
    focus = _focus(request.args.get("focus"))
    data["focus"] = list(focus) if focus else None
    if fmt:
        return Response.json(data, default=str)
    text = data["article"]["text"]
    rendered = spans.render(text, data["spans"], data["paragraphs"],
                            article_queries.anchors_for(data), focus)
    return await _respond(datasette, request, "newsgraph_article.html", data, page, fmt,
                          rendered=rendered, kind_colors=spans.KIND_COLORS)


def _focus(value: str | None) -> tuple[int, int] | None:
    try:
        start, end = (int(x) for x in (value or "").split("-", 1))
    except ValueError:
        return None
    return (start, end) if 0 <= start < end else None


async def _actor_choices(db) -> list[dict]:
    return await overview_queries.actor_choices(db)
