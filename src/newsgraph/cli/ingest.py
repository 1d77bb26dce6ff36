"""``newsgraph ingest``."""

from __future__ import annotations

import json
import sys

import click

from newsgraph.cli.common import CONTEXT, friendly_errors
from newsgraph.cli.main import cli


@cli.command(context_settings=CONTEXT)
@click.argument("db", type=click.Path(dir_okay=False))
@click.argument("sources", nargs=-1, required=True)
@click.option("--published", help="Publication date (YYYY-MM-DD) for inputs that lack one.")
@click.option("--outlet", help="Outlet name for inputs that lack one.")
@click.option("--language", help="Language of every input (ISO 639 code, e.g. en, fr) instead of detecting it; "
                                 "only English is analysed, other languages are stored with a note.")
@click.option("-w", "--workers", type=click.IntRange(min=1), help="Pipeline processes (each loads the model once).")
@click.option("--runner", type=click.Choice(["local", "dask"]), help="Where batches run (default local).")
@click.option("--batch-size", type=click.IntRange(min=1), help="Articles per batch and per transaction.")
@click.option("--components",
              help="Our components to run, comma-separated (entities,timex,quotes,events; default all; "
                   "none for the base model only).")
@click.option("--model", help="spaCy pipeline to use (default en_core_web_sm; env NEWSGRAPH_MODEL).")
@click.option("--actors", type=click.Path(exists=True, dir_okay=False), help="Extra actors (YAML or CSV).")
@click.option("--patterns", type=click.Path(exists=True, dir_okay=False), help="Extra event patterns (YAML).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Config file (TOML).")
@click.option("--max-bytes", type=click.IntRange(min=1), default=8_000_000, show_default=True,
              help="Largest input file to read, in bytes (HTML, feeds and WARC records may be 4 times larger).")
@click.option("-q", "--quiet", is_flag=True, help="No progress on stderr (errors are still reported).")
@friendly_errors
def ingest(db, sources, published, outlet, language, workers, runner, batch_size, components, model, actors, patterns,
           config_file, max_bytes, quiet):
    """Read SOURCES (files, directories, globs, - for stdin) into DB.

    Re-ingesting an article is a no-op; bad items are reported and skipped,
    and the exit status is 1 when any item failed.

    \b
    Example:
        newsgraph ingest news.db articles/ feed.xml --published 2024-06-19
    """
    from newsgraph.config import load_config
    from newsgraph.ingestion import Progress, ingest as run_ingest

    config = load_config(config_file, workers=workers, runner=runner, batch_size=batch_size, components=components,
                         model=model, actors=actors, patterns=patterns)
    summary = run_ingest(db, list(sources), config=config, published=published, outlet=outlet,
                         stdin=sys.stdin.buffer, progress=Progress(quiet=quiet or _quiet_cli()), language=language,
                         max_bytes=max_bytes)
    click.echo(json.dumps(summary.as_dict()))
    if summary.errors:
        sys.exit(1)




def _quiet_cli() -> bool:
    """``newsgraph --quiet ingest ...`` hushes progress as ``ingest -q`` does."""
    return bool(click.get_current_context().find_root().params.get("quiet"))
