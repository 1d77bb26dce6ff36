"""The ``newsgraph`` command group."""

from __future__ import annotations

import click

from newsgraph import __version__
from newsgraph.cli.common import CONTEXT, configure_logging


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, prog_name="newsgraph")
@click.option("-v", "--verbose", count=True,
              help="Say more on stderr: -v what each step does, -vv debugging detail with tracebacks.")
@click.option("-q", "--quiet", is_flag=True, help="Only errors on stderr (no warnings, no progress).")
def cli(verbose, quiet):
    """newsgraph: who did what to whom, who said what, and when, from your own news corpus.

    \b
    Example:
        newsgraph ingest news.db examples/corpus/
        newsgraph entities news.db -t
        newsgraph -v ingest news.db feed.xml
    """
    configure_logging(verbose=verbose, quiet=quiet)


