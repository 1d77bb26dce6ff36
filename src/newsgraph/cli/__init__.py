"""Command-line interface. Callbacks parse options and call one library function."""

from newsgraph.cli.main import cli
from newsgraph.cli import evaluate, ingest, query  # noqa: F401,E402  (register commands)

__all__ = ["cli"]
