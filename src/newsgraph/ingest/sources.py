"""Source expansion: paths, directories, globs and "-" to reader calls.

Every failure becomes an IngestError naming the path; nothing here raises for bad
input. Gzipped files (other than WARC, which handles its own gzip) are decompressed
and read by the reader of the inner name (``page.html.gz`` -> html).
"""

from __future__ import annotations

import glob
import io
import logging
import os
import sys
from contextlib import contextmanager
from typing import BinaryIO, Iterable, Iterator

from newsgraph.ingest.base import SNIFF_BYTES, IngestError, RawDocument, reader_for_head, reader_for_name
from newsgraph.ingest.decode import binary_kind
from newsgraph.ingest.gz import GZIP_MAGIC, GunzipStream

_GLOB_CHARS = set("*?[")
#: Readers that yield many items from one file: a truncated gzip keeps the items before the damage.
STREAMING_READERS = frozenset({"jsonl", "warc"})
log = logging.getLogger(__name__)


def read_sources(sources: Iterable[str], stdin: BinaryIO | None = None) -> Iterator[RawDocument | IngestError]:
    """Yield a RawDocument or IngestError for every item of every source, in a stable order."""
    for source in sources:
        for path in _paths(os.fspath(source)):
            if isinstance(path, IngestError):
                yield path
            elif path == "-":
                stream = stdin if stdin is not None else sys.stdin.buffer
                yield from _read_stream(io.BufferedReader(_Unclosable(stream)), "-", None)
            else:
                yield from _read_file(path)


def _paths(source: str) -> Iterator[str | IngestError]:
    """The files one source names ("-" for stdin), or an IngestError saying why there are none."""
    if source == "-":
        yield "-"
    elif os.path.isdir(source):
        yield from _walk(source)
    elif os.path.exists(source):
        yield source
    elif _GLOB_CHARS & set(source):
        matches = sorted(glob.glob(source, recursive=True))
        if not matches:
            yield IngestError(source, "no file matches this pattern")
        for match in matches:
            if os.path.isdir(match):
                yield from _walk(match)
            elif not _hidden(match):
                yield match
    else:
        yield IngestError(source, "no such file or directory")


def input_sizes(sources: Iterable[str]) -> dict[str, int] | None:
    """Bytes of every input file, for a progress bar with a total; None when reading stdin."""
    sizes: dict[str, int] = {}
    for source in sources:
        for path in _paths(os.fspath(source)):
            if path == "-":
                return None
            if isinstance(path, str):
                try:
                    sizes[path] = os.path.getsize(path)
                except OSError:
                    sizes[path] = 0
    return sizes


#: The size limit of one input file (plain text); markup and article limits keep their ratio to it.
DEFAULT_MAX_BYTES = 8_000_000


@contextmanager
def input_limits(max_bytes: int | None):
    """Within the block, read inputs of up to ``max_bytes`` (``ingest --max-bytes``).

    The readers keep their limits as module constants (the defaults): this sets
    them for one run and restores them after. Text files may hold ``max_bytes``;
    HTML, feeds, JSONL lines and WARC records four times that; an article's text
    a quarter of it in characters, the ratios of the 8 MB default.
    """
    if not max_bytes or max_bytes == DEFAULT_MAX_BYTES:
        yield
        return
    import importlib

    feed, html, jsonl, normalize, text, warc = (importlib.import_module(f"newsgraph.ingest.{name}") for name in
                                                ("feed", "html", "jsonl", "normalize", "text", "warc"))
    settings = [(text, "MAX_TEXT_BYTES", max_bytes), (normalize, "MAX_ARTICLE_CHARS", max(1, max_bytes // 4))]
    settings += [(module, "MAX_MARKUP_BYTES", max_bytes * 4) for module in (feed, html, jsonl, warc)]
    saved = [(module, name, getattr(module, name)) for module, name, _ in settings]
    try:
        for module, name, value in settings:
            setattr(module, name, value)
        yield
    finally:
        for module, name, value in saved:
            setattr(module, name, value)


def _hidden(path: str) -> bool:
    return os.path.basename(path).startswith(".")


def _walk(directory: str) -> Iterator[str]:
    """Files under ``directory``, recursively, sorted, hidden files and folders skipped."""
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield os.path.join(root, name)


def _read_file(path: str) -> Iterator[RawDocument | IngestError]:
    try:
        handle = open(path, "rb")
    except OSError as exc:
        log.debug("cannot open %s", path, exc_info=True)
        yield IngestError(path, f"cannot open: {exc.strerror or exc}")
        return
    with handle:
        yield from _read_stream(handle, path, path)


def _read_stream(stream: BinaryIO, source: str, name: str | None) -> Iterator[RawDocument | IngestError]:
    reader = reader_for_name(name) if name else None
    gunzip = None
    head = stream.peek(SNIFF_BYTES)[:SNIFF_BYTES]
    if not head:
        yield IngestError(source, "empty file")
        return
    if head.startswith(GZIP_MAGIC) and (reader is None or reader.name != "warc"):
        gunzip = GunzipStream(stream)
        stream = io.BufferedReader(gunzip)
        inner = name[:-3] if name and name.lower().endswith(".gz") else None
        reader = reader_for_name(inner) if inner else None
        head = stream.peek(SNIFF_BYTES)[:SNIFF_BYTES]
        if not head:
            yield IngestError(source, gunzip.error or "empty file (empty gzip)")
            return
    if reader is None:
        reader = reader_for_head(head)
    if reader is None:
        yield IngestError(source, f"not a text file ({binary_kind(head) or 'binary content'})")
        return
    items = _guarded(reader, stream, source)
    if gunzip is not None and reader.name not in STREAMING_READERS:
        items = list(items)  # one document: do not pass on a truncated one
        if gunzip.error:
            items = []
    yield from items
    if gunzip is not None and gunzip.error:
        yield IngestError(source, gunzip.error)


def _guarded(reader, stream: BinaryIO, source: str) -> Iterator[RawDocument | IngestError]:
    try:
        yield from reader.read(stream, source)
    except Exception as exc:  # a reader bug or an odd file must not end the run
        log.debug("the %s reader failed on %s", reader.name, source, exc_info=True)
        yield IngestError(source, f"unreadable {reader.name} input: {type(exc).__name__}: {exc}".splitlines()[0])


class _Unclosable(io.RawIOBase):
    """Lets us buffer stdin for sniffing without closing the caller's stream."""

    def __init__(self, stream: BinaryIO):
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:  # noqa: D401 - deliberately leaves the wrapped stream open
        pass
