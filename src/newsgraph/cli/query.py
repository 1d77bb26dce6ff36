"""Query and export commands: articles, entities, quotes, events, timeline, show, export, summary, serve."""

from __future__ import annotations

import json
import sys

import click

from newsgraph.cli.common import CONTEXT, emit, friendly_errors, open_db, output_options
from newsgraph.cli.main import cli
from newsgraph.listings import ORDERS, QUOTE_TYPES


def order_option(fn):
    return click.option("--order", type=click.Choice(ORDERS), default="newest", show_default=True,
                        help="Dated items newest first or oldest first; undated ones come last either way.")(fn)


def _date_arg(ctx, param, value):
    """--since/--until: a real date (YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Www), else a usage error."""
    if value is None:
        return None
    from newsgraph.store.dates import filter_range

    try:
        filter_range(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
    return value.strip()


def _event_type_arg(ctx, param, value):
    """--type: a PLOVER event type or quad, else a usage error listing what is allowed."""
    if value is None:
        return None
    from newsgraph.store.filters import EventFilter

    problems = EventFilter(type=value).validate()
    if problems:
        raise click.BadParameter(problems[0])
    return value.strip()


@cli.command(context_settings=CONTEXT)
@click.argument("db", type=click.Path(dir_okay=False))
@click.option("--search", help="Full-text search (FTS5 syntax) over title and text.")
@click.option("--limit", type=int, help="At most this many rows.")
@output_options
@friendly_errors
def articles(db, search, limit, fmt, wide):
    """List the articles in DB.

    \b
    Example:
        newsgraph articles news.db --search "sanctions" -t
    """
    from newsgraph.store.queries import list_articles

    emit(list_articles(open_db(db), search=search, limit=limit), fmt, wide)


@cli.command(context_settings=CONTEXT)
@click.argument("db", type=click.Path(dir_okay=False))
@click.option("--type", "type_", help="Entity type: PERSON, ORG, GPE, NORP, ...")
@click.option("--country", help="Country code (ISO 3166 alpha-3 or PLOVER code).")
@click.option("--sector", help="PLOVER sector code: GOV, MIL, MED, ...")
@click.option("--limit", type=int, help="At most this many rows.")
@output_options
@friendly_errors
def entities(db, type_, country, sector, limit, fmt, wide):
    """List entities with mention and article counts.

    \b
    Example:
        newsgraph entities news.db --type PERSON --country RUS -t
    """
    from newsgraph.store.queries import list_entities

    emit(list_entities(open_db(db), type=type_, country=country, sector=sector, limit=limit), fmt, wide)


@cli.command(context_settings=CONTEXT)
@click.argument("db", type=click.Path(dir_okay=False))
@click.argument("name")
@friendly_errors
def entity(db, name):
    """Show one entity (by name, alias or id) with its aliases, roles and articles.

    \b
    Example:
        newsgraph entity news.db "Vladimir Putin"
    """
    from newsgraph.store.queries import entity_detail

    click.echo(json.dumps(entity_detail(open_db(db), name), ensure_ascii=False, indent=2))


@cli.command(context_settings=CONTEXT)
@click.argument("db", type=click.Path(dir_okay=False))
@click.argument("article_id")
@click.option("--no-color", is_flag=True, help="Mark spans with [brackets] instead of colour.")
@friendly_errors
def show(db, article_id, no_color):
    """Print an article (id or unique id prefix) with entities, dates, quotes, cues and event triggers marked.

    \b
    Example:
        newsgraph show news.db 3f2a9c
    """
    from newsgraph.terminal import render_article

    colour = not no_color and sys.stdout.isatty()
    click.echo(render_article(open_db(db), article_id, colour=colour), nl=False, color=colour)


@cli.command(context_settings=CONTEXT)
@click.argument("db", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet", "graphml", "gexf"]), default="jsonl",
              show_default=True, help="jsonl: one object per article (the export contract); csv/parquet: one table; "
                                      "graphml/gexf: the actor network (realised events) for Gephi, networkx, igraph.")
@click.option("--table", default=None,
              help="Table for csv/parquet (articles, entities, mentions, timexes, quotes, events, "
                   "participants, paragraphs); events is a flat GDELT-like layout.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Output file (required for parquet).")
@friendly_errors
def export(db, fmt, table, output):
    """Export DB. JSONL gives one object per article in the documented contract.

    \b
    Example:
        newsgraph export news.db --format jsonl > news.jsonl
        newsgraph export news.db --format csv --table events -o events.csv
        newsgraph export news.db --format graphml -o actors.graphml
    """
    from newsgraph import export as ex

    conn = open_db(db)
    if fmt in ("graphml", "gexf") and table is not None:
        raise click.UsageError(f"--format {fmt} exports the actor network; use csv or parquet for --table")
    if fmt == "parquet":
        if not output:
            raise click.UsageError("--format parquet needs -o FILE")
        ex.write_parquet(conn, table or "articles", output)
        return
    out = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        if fmt == "jsonl":
            if table not in (None, "articles"):
                raise click.UsageError("--format jsonl exports articles; use csv or parquet for --table")
            ex.write_jsonl(conn, out)
        elif fmt in ("graphml", "gexf"):
            from newsgraph.export_network import write_network

            write_network(conn, out, fmt)
        else:
            ex.write_csv(conn, table or "articles", out)
    finally:
        if output:
            out.close()


@cli.command(context_settings=CONTEXT)
@click.argument("db", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Output JSON instead of text.")
@friendly_errors
def summary(db, as_json):
    """Say what DB holds: counts, date range, leading actors and speakers, what the default
    listings hide, how to explore.

    \b
    Example:
        newsgraph summary news.db
    """
    from newsgraph.listings import summary_text, summary_with_hidden

    result = summary_with_hidden(open_db(db))
    click.echo(json.dumps(result, indent=2, ensure_ascii=False) if as_json else summary_text(result, db),
               nl=as_json)


@cli.command(context_settings=CONTEXT)
@click.argument("db", type=click.Path(dir_okay=False))
@click.option("--speaker", help="Quotes by this entity (name, alias or id).")
@click.option("--about", help="Quotes whose content mentions this entity.")
@click.option("--since", callback=_date_arg,
              help="On or after this date (YYYY[-MM[-DD]] or YYYY-Www); an item counts when its date range reaches it.")
@click.option("--until", callback=_date_arg,
              help="On or before this date (YYYY[-MM[-DD]] or YYYY-Www), inclusive of the whole period.")
@click.option("--search", help="Full-text search over quote content (FTS5 syntax).")
@click.option("--type", "types", multiple=True, type=click.Choice(QUOTE_TYPES),
              help="Only quotes of this type (repeatable). Default: reported speech, i.e. every type "
                   "but attribution (views, thoughts and findings ascribed to somebody).")
@order_option
@click.option("--limit", type=int, help="At most this many rows.")
@output_options
@friendly_errors
def quotes(db, speaker, about, since, until, search, types, order, limit, fmt, wide):
    """Who said what: quotes with speaker, cue, date and source, newest first.

    \b
    Example:
        newsgraph quotes news.db --speaker "Vladimir Putin" --since 2024-06-01 -t
        newsgraph quotes news.db --type attribution --order oldest
    """
    from newsgraph.listings import quotes as list_quotes

    emit(list_quotes(open_db(db), speaker=speaker, about=about, since=since, until=until,
                     search=search, types=types, order=order, limit=limit), fmt, wide)


@cli.command(context_settings=CONTEXT)
@click.argument("db", type=click.Path(dir_okay=False))
@click.option("--type", "type_", callback=_event_type_arg,
              help="PLOVER event type, e.g. CONSULT, SANCTION, or a quad, e.g. verbal_conflict.")
@click.option("--actor", help="Events with this entity as actor.")
@click.option("--recipient", help="Events with this entity as recipient.")
@click.option("--country", help="Events with a participant of this country code.")
@click.option("--since", callback=_date_arg,
              help="On or after this date (YYYY[-MM[-DD]] or YYYY-Www); an item counts when its date range reaches it.")
@click.option("--until", callback=_date_arg,
              help="On or before this date (YYYY[-MM[-DD]] or YYYY-Www), inclusive of the whole period.")
@click.option("--include-hypothetical", is_flag=True,
              help="Also negated, hypothetical and future events (hidden by default).")
@click.option("--min-confidence", type=click.FloatRange(0, 1),
              help="Only events coded with at least this confidence (0-1); not yet calibrated: see docs/confidence.md.")
@order_option
@click.option("--limit", type=int, help="At most this many rows.")
@output_options
@friendly_errors
def events(db, type_, actor, recipient, country, since, until, include_hypothetical, min_confidence, order, limit,
           fmt, wide):
    """PLOVER events: who did what to whom, when, with the sentence it came from, newest first.

    \b
    Example:
        newsgraph events news.db --type CONSULT --country PRK -t
        newsgraph events news.db --since 2024 --order oldest
    """
    from newsgraph.listings import events as list_events

    emit(list_events(open_db(db), type=type_, actor=actor, recipient=recipient, country=country,
                     since=since, until=until, include_hypothetical=include_hypothetical,
                     min_confidence=min_confidence, order=order, limit=limit), fmt, wide)


@cli.command(context_settings=CONTEXT)
@click.argument("db", type=click.Path(dir_okay=False))
@click.option("--entity", help="Only events and quotes involving this entity.")
@click.option("--since", callback=_date_arg,
              help="On or after this date (YYYY[-MM[-DD]] or YYYY-Www); an item counts when its date range reaches it.")
@click.option("--until", callback=_date_arg,
              help="On or before this date (YYYY[-MM[-DD]] or YYYY-Www), inclusive of the whole period.")
@click.option("--include-hypothetical", is_flag=True, help="Also negated, hypothetical and future events.")
@click.option("--min-confidence", type=click.FloatRange(0, 1),
              help="Only events coded with at least this confidence (0-1); not yet calibrated: see docs/confidence.md.")
@click.option("--limit", type=int, help="At most this many rows.")
@output_options
@friendly_errors
def timeline(db, entity, since, until, include_hypothetical, min_confidence, limit, fmt, wide):
    """Dated events and quotes in date order.

    \b
    Example:
        newsgraph timeline news.db --entity "Kim Jong Un" -t
    """
    from newsgraph.store.records_queries import timeline as build_timeline

    emit(build_timeline(open_db(db), entity=entity, since=since, until=until,
                        include_hypothetical=include_hypothetical, min_confidence=min_confidence,
                        limit=limit), fmt, wide)


@cli.command(context_settings=CONTEXT)
@click.argument("db", type=click.Path(exists=True, dir_okay=False))
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind.")
@click.option("-p", "--port", default=8001, show_default=True, type=int, help="Port to listen on.")
@click.option("--live", is_flag=True,
              help="The database is still being written: open it mode=ro and cache nothing "
                   "(default: immutable, with the main pages cached).")
@friendly_errors
def serve(db, host, port, live):
    """Explore DB in a browser: Datasette with the newsgraph pages, read-only.

    \b
    Example:
        newsgraph serve news.db --port 8001
    """
    from newsgraph.web.serve import serve as run_server

    run_server(db, host=host, port=port, immutable=not live)


