"""``ingest``: sources → articles → pipeline → SQLite, batch by batch.

Articles already in the database (same normalised text, same id) are skipped
before any NLP runs, so reruns are cheap and never duplicate. Each bad input
item is recorded in ``ingest_errors`` and reported; the rest go on.
"""

from __future__ import annotations

import logging
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, TextIO

from newsgraph.config import RunConfig
from newsgraph.corpus import finalize
from newsgraph.ingest import IngestError, iter_articles
from newsgraph.ingest.sources import input_limits, input_sizes
from newsgraph.model import Article
from newsgraph.nlp.pipeline import check_config
from newsgraph.runners import run
from newsgraph.store.db import connect
from newsgraph.store.writer import known_article_ids, record_error, write_batch

log = logging.getLogger(__name__)


@dataclass
class IngestSummary:
    new: int = 0
    already_present: int = 0
    duplicates_in_input: int = 0
    not_english: int = 0  # new articles stored without analysis (see newsgraph.ingest.language)
    errors: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0

    def as_dict(self) -> dict:
        return {
            "new": self.new,
            "already_present": self.already_present,
            "duplicates_in_input": self.duplicates_in_input,
            "not_english": self.not_english,
            "errors": len(self.errors),
            "seconds": round(self.seconds, 2),
        }


class Progress:
    """Progress on stderr; silent when ``quiet``.

    On a terminal, a ``rich`` bar over the bytes of the input files, with
    percentage, elapsed time and ETA (a file counts as read when the next one
    starts, so one big JSONL or WARC file fills the bar at its end); reading
    standard input there is no total, only the counts. Elsewhere (a log file, CI) a plain
    line every few seconds. Errors are printed above the bar.
    """

    def __init__(self, stream: TextIO | None = None, quiet: bool = False):
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.start_time = time.monotonic()
        self.last = self.start_time
        self.sizes: dict[str, int] = {}
        self.current: str | None = None
        self.bar = None
        self.task = None

    def start(self, sizes: dict[str, int] | None) -> None:
        """Begin a run over input files of these sizes (None: standard input, size unknown)."""
        self.sizes = sizes or {}
        if self.quiet or not self.tty:
            return
        from rich.console import Console
        from rich.progress import (BarColumn, Progress as Bar, TaskProgressColumn, TextColumn, TimeElapsedColumn,
                                   TimeRemainingColumn)

        self.bar = Bar(TextColumn("ingesting"), BarColumn(), TaskProgressColumn(), TimeElapsedColumn(),
                       TextColumn("ETA"), TimeRemainingColumn(), TextColumn("{task.fields[counts]}"),
                       console=Console(file=self.stream), transient=False)
        total = sum(self.sizes.values()) if sizes is not None else None
        self.task = self.bar.add_task("ingest", total=total or None, counts="")
        self.bar.start()

    def reading(self, source: str) -> None:
        """An item of ``source`` (``path`` or ``path#item``) arrived: the files before it are read."""
        path = source if source in self.sizes else source.rpartition("#")[0]
        if path not in self.sizes or path == self.current:
            return
        if self.current is not None and self.bar is not None:
            self.bar.advance(self.task, self.sizes[self.current])
        self.current = path

    def update(self, summary: IngestSummary, final: bool = False) -> None:
        if self.quiet:
            return
        now = time.monotonic()
        if not final and now - self.last < (0.2 if self.tty else 5.0):
            return
        self.last = now
        rate = summary.new / max(now - self.start_time, 1e-9)
        counts = (f"{summary.new} new, {summary.already_present} already present, "
                  + (f"{summary.duplicates_in_input} duplicates in the input, " if summary.duplicates_in_input else "")
                  + f"{len(summary.errors)} errors ({rate:.1f} articles/s)")
        if self.bar is not None:
            done = self.bar.tasks[0].total if final and self.bar.tasks[0].total else None
            self.bar.update(self.task, counts=counts, **({"completed": done} if done else {}))
            if final:
                self.bar.stop()
            return
        line = "ingested " + counts
        if self.tty:
            self.stream.write("\r" + line + ("\n" if final else ""))
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def error(self, source: str, reason: str) -> None:
        if self.bar is not None:
            self.bar.console.print(f"error: {source}: {reason}", markup=False, highlight=False)
            return
        if self.tty and not self.quiet:
            self.stream.write("\r\x1b[K")
        self.stream.write(f"error: {source}: {reason}\n")
        self.stream.flush()


def _batches(items: Iterable[Article | IngestError], size: int,
             on_error: Callable[[IngestError], None], on_item: Callable[[str], None]) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for item in items:
        on_item(item.source or "")
        if isinstance(item, IngestError):
            on_error(item)
            continue
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def ingest(db_path: str | Path, sources: list[str], *, config: RunConfig = RunConfig(),
           published: str | None = None, outlet: str | None = None,
           stdin=None, progress: Progress | None = None, language: str | None = None,
           max_bytes: int | None = None) -> IngestSummary:
    """Ingest ``sources`` into the database at ``db_path``; return what happened.

    ``max_bytes`` raises (or lowers) the size limit of one input file (default 8 MB).
    """
    progress = progress or Progress(quiet=True)
    check_config(config.pipeline)
    db = connect(db_path)
    summary = IngestSummary()
    started = time.monotonic()
    seen: set[str] = set()

    def on_error(err: IngestError) -> None:
        summary.errors.append((err.source, err.reason))
        progress.error(err.source, err.reason)
        with db:
            record_error(db, err.source, err.reason)

    def refused(source: str, reason: str) -> None:
        """An article the store refused: ``write_batch`` recorded it already."""
        summary.errors.append((source, reason))
        progress.error(source, reason)

    def fresh(batches: Iterator[list[Article]]) -> Iterator[list[Article]]:
        """Drop articles stored already or repeated in the input, before NLP."""
        for batch in batches:
            known = known_article_ids(db, [a.id for a in batch])
            keep = []
            for a in batch:  # a repeat within the input is that, even once its first copy is stored
                if a.id in seen:
                    summary.duplicates_in_input += 1
                elif a.id in known:
                    summary.already_present += 1
                else:
                    keep.append(a)
                seen.add(a.id)
            progress.update(summary)
            if keep:
                yield keep

    limits = input_limits(max_bytes)
    limits.__enter__()
    try:
        articles = iter_articles(sources, published=published, outlet=outlet, stdin=stdin, language=language)
        progress.start(input_sizes(sources))
        log.info("ingesting %d sources into %s (runner %s, batches of %d)", len(sources), db_path,
                 config.runner, config.effective_batch_size)
        batches = fresh(_batches(articles, config.effective_batch_size, on_error, progress.reading))
        for records in run(batches, runner=config.runner, workers=config.workers,
                           config=config.pipeline):
            for failed in (r for r in records if r.error):
                on_error(IngestError(failed.article.source or failed.article.id, failed.error))
            summary.new += write_batch(db, [r for r in records if not r.error], on_failure=refused)
            summary.not_english += sum(1 for r in records if not r.error and r.article.language != "en")
            log.debug("stored a batch of %d articles", len(records))
            progress.update(summary)
        log.info("corpus pass: stories and repeated events")
        # Also after a run that added nothing: a previous run killed before its
        # corpus pass left articles unclustered, and this catches them up.
        finalize(db)
    finally:
        limits.__exit__(None, None, None)
        summary.seconds = time.monotonic() - started
        progress.update(summary, final=True)
        db.close()
    return summary
