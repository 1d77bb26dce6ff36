"""Shared pieces of the command line: error handling, output options, database opening."""

from __future__ import annotations

import functools
import logging
import os
import sys

import click

from newsgraph.errors import NewsgraphError

CONTEXT = {"help_option_names": ["-h", "--help"]}
log = logging.getLogger(__name__)
#: The handler ``configure_logging`` installed, replaced on each call (tests invoke the CLI many times).
_handler: logging.Handler | None = None


def configure_logging(verbose: int = 0, quiet: bool = False) -> None:
    """Send newsgraph's log records to stderr: warnings by default, ``-v`` info, ``-vv`` debug
    (with the tracebacks of items that failed), ``--quiet`` errors only."""
    global _handler
    if quiet:
        level = logging.ERROR
    else:
        level = {0: logging.WARNING, 1: logging.INFO}.get(verbose, logging.DEBUG)
    logger = logging.getLogger("newsgraph")
    if _handler is not None:
        logger.removeHandler(_handler)
    _handler = logging.StreamHandler(sys.stderr)
    _handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    logger.addHandler(_handler)
    logger.setLevel(level)


def friendly_errors(fn):
    """Turn our errors into one line on stderr and exit status 1, never a traceback."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except NewsgraphError as exc:
            raise click.ClickException(str(exc)) from None
        except BrokenPipeError:
            sys.stderr.close()
            sys.exit(0)
        except (click.ClickException, click.exceptions.Exit, click.Abort, KeyboardInterrupt):
            raise
        except Exception as exc:  # a bug: still one line, with the way to the traceback
            if os.environ.get("NEWSGRAPH_DEBUG"):
                raise
            log.debug("unexpected error in %s", fn.__name__, exc_info=True)
            raise click.ClickException(
                f"unexpected error: {type(exc).__name__}: {exc} (-vv or NEWSGRAPH_DEBUG=1 shows the traceback)"
            ) from None

    return wrapper


def output_options(fn):
    fn = click.option("--csv", "fmt", flag_value="csv", help="Output CSV.")(fn)
    fn = click.option("--nl", "fmt", flag_value="nl", help="Output newline-delimited JSON.")(fn)
    fn = click.option("-t", "--table", "fmt", flag_value="table", help="Output a text table.")(fn)
    fn = click.option("--json", "fmt", flag_value="json", default=True, help="Output a JSON array (default).")(fn)
    fn = click.option("--wide", is_flag=True,
                      help="With -t: every column in full (default: fit the terminal, cutting long columns with …).")(fn)
    return fn


def emit(rows, fmt: str, wide: bool = False) -> None:
    from newsgraph.output import write_rows

    write_rows(rows, sys.stdout, fmt or "json", wide=wide)


def open_db(path: str):
    """Open DB for a query command: read-only (``mode=ro``), never created or migrated."""
    from newsgraph.store.db import connect

    return connect(path, create=False, readonly=True)


