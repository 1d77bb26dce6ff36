"""Shared shapes of the ingest layer: what readers yield, the reader registry, size limits.

Readers turn a byte stream into ``RawDocument``s and never do NLP; a problem with one
item is an ``IngestError`` value (not an exception) so a run reports it and goes on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import BinaryIO, Callable, Iterator

#: Normalised article text above this many characters is refused ("too large").
MAX_ARTICLE_CHARS = 2_000_000
#: A plain-text item (file, stdin, JSONL line) above this many bytes is refused unread.
MAX_TEXT_BYTES = 8_000_000
#: One HTML page, feed or WARC record payload above this many bytes is refused.
MAX_MARKUP_BYTES = 32_000_000
#: How many bytes of a file are looked at to sniff its format.
SNIFF_BYTES = 4096


@dataclass
class RawDocument:
    source: str  # path, "path#L12" (jsonl line), "path#<record-id>" (warc/feed item), "-" (stdin)
    content: bytes | str  # raw bytes for files; text when the reader already decoded it
    hints: dict = field(default_factory=dict)
    # hints (all optional): format ("text"|"html"), title, outlet, published, published_source,
    # url, source_id, html_fragment (bool: a feed/JSONL HTML snippet, not a whole page),
    # first_line_title (bool, default True: plain text without a title takes its first
    # line for one; False: an item with no title, such as a JSONL line, is all body)


@dataclass
class IngestError:
    source: str
    reason: str  # one line, human readable


#: A reader takes an open binary stream and the source name, and yields items.
ReaderFn = Callable[[BinaryIO, str], Iterator["RawDocument | IngestError"]]


@dataclass
class Reader:
    name: str
    read: ReaderFn
    extensions: tuple[str, ...] = ()
    sniff: Callable[[bytes], bool] | None = None
    fallback: bool = False


#: Registered readers, in registration order (which is also the sniffing order).
READERS: dict[str, Reader] = {}


def register_reader(name: str, extensions=(), sniff: Callable[[bytes], bool] | None = None,
                    fallback: bool = False):
    """Decorator registering ``fn(stream, source)`` as the reader ``name``.

    ``extensions`` are matched case-insensitively against the end of the file name
    (".warc.gz" beats ".gz"); ``sniff(head)`` decides from the first bytes when no
    extension matches. Readers registered earlier are sniffed first; a ``fallback``
    reader (plain text) is sniffed only after all the others.
    """

    def decorate(fn: ReaderFn) -> ReaderFn:
        READERS[name] = Reader(name, fn, tuple(e.lower() for e in extensions), sniff, fallback)
        return fn

    return decorate


def reader_for_name(filename: str) -> Reader | None:
    """The reader whose longest registered extension ends ``filename``."""
    lower = filename.lower()
    best, best_len = None, 0
    for reader in READERS.values():
        for ext in reader.extensions:
            if lower.endswith(ext) and len(ext) > best_len:
                best, best_len = reader, len(ext)
    return best


def reader_for_head(head: bytes) -> Reader | None:
    ordered = sorted(READERS.values(), key=lambda r: r.fallback)  # stable: keeps registration order
    for reader in ordered:
        if reader.sniff is not None and reader.sniff(head):
            return reader
    return None


def read_limited(stream: BinaryIO, limit: int) -> bytes | None:
    """All of ``stream`` if it holds at most ``limit`` bytes, else None (never reads more)."""
    data = stream.read(limit + 1)
    return None if len(data) > limit else data


def too_large(size: int | None, limit: int) -> str:
    shown = f"{size / 1e6:.1f} MB" if size is not None else f"more than {limit / 1e6:.1f} MB"
    return f"too large: {shown} > {limit / 1e6:.1f} MB limit"
