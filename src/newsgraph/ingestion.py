"""``ingest``: sources → articles → pipeline → SQLite, batch by batch.

Articles already in the database (same normalised text, same id) are skipped
before any NLP runs, so reruns are cheap and never duplicate. Each bad input
item is recorded in ``ingest_errors`` and reported; the rest go on.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, TextIO

from newsgraph.config import RunConfig
from newsgraph.corpus import finalize
from newsgraph.ingest import IngestError, iter_articles
from newsgraph.ingest.sources import input_limits
from newsgraph.model import Article
from newsgraph.nlp.pipeline import check_config
from newsgraph.runners import run
from newsgraph.store.db import connect
from newsgraph.store.writer import known_article_ids, record_error, write_batch


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
    """A one-line progress display on stderr; silent when ``quiet``."""

    def __init__(self, stream: TextIO | None = None, quiet: bool = False):
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.start = time.monotonic()
        self.last = self.start

    def update(self, summary: IngestSummary, final: bool = False) -> None:
        if self.quiet:
            return
        now = time.monotonic()
        if not final and now - self.last < (0.2 if self.tty else 5.0):
            return
        self.last = now
        rate = summary.new / max(now - self.start, 1e-9)
        line = (f"ingested {summary.new} new, {summary.already_present} already present, "
                f"{len(summary.errors)} errors ({rate:.1f} articles/s)")
        if self.tty:
            self.stream.write("\r" + line + ("\n" if final else ""))
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def error(self, source: str, reason: str) -> None:
        if self.tty and not self.quiet:
            self.stream.write("\r\x1b[K")
        self.stream.write(f"error: {source}: {reason}\n")
        self.stream.flush()


def _batches(items: Iterable[Article | IngestError], size: int,
             on_error: Callable[[IngestError], None]) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for item in items:
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

    def fresh(batches: Iterator[list[Article]]) -> Iterator[list[Article]]:
        """Drop articles stored already or repeated in the input, before NLP."""
        for batch in batches:
            known = known_article_ids(db, [a.id for a in batch])
            keep = []
            for a in batch:
                if a.id in known:
                    summary.already_present += 1
                elif a.id in seen:
                    summary.duplicates_in_input += 1
                else:
                    seen.add(a.id)
                    keep.append(a)
            progress.update(summary)
            if keep:
                yield keep

    limits = input_limits(max_bytes)
    limits.__enter__()
    try:
        articles = iter_articles(sources, published=published, outlet=outlet, stdin=stdin, language=language)
        batches = fresh(_batches(articles, config.effective_batch_size, on_error))
        for records in run(batches, runner=config.runner, workers=config.workers,
                           config=config.pipeline):
            for failed in (r for r in records if r.error):
                on_error(IngestError(failed.article.source or failed.article.id, failed.error))
            summary.new += write_batch(db, [r for r in records if not r.error])
            summary.not_english += sum(1 for r in records if not r.error and r.article.language != "en")
            progress.update(summary)
        # Also after a run that added nothing: a previous run killed before its
        # corpus pass left articles unclustered, and this catches them up.
        finalize(db)
    finally:
        limits.__exit__(None, None, None)
        summary.seconds = time.monotonic() - started
        progress.update(summary, final=True)
        db.close()
    return summary
