"""The ``newsgraph`` command group."""

from __future__ import annotations

import click

from newsgraph import __version__
from newsgraph.cli.common import CONTEXT


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, prog_name="newsgraph")
def cli():
    """newsgraph: who did what to whom, who said what, and when, from your own news corpus.

    \b
    Example:
        newsgraph ingest news.db examples/corpus/
        newsgraph entities news.db -t
    """


