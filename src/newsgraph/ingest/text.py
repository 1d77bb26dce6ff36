"""Plain-text reader (.txt, .text, .md and anything that sniffs as text).

The title is the first non-empty line (it stays in the text as a heading paragraph);
the outlet comes from a syndication footer ("This article originally appeared on
OUTLET: ...", see ``roles.syndication_outlet``). Hard-wrapped text (paragraphs split
over short lines, blank lines between paragraphs) is re-joined into paragraphs.
"""

from __future__ import annotations

import os
import re
from typing import BinaryIO, Iterator

from newsgraph.ingest.base import (MAX_TEXT_BYTES, IngestError, RawDocument, read_limited,
                                   register_reader, too_large)
from newsgraph.ingest.decode import binary_kind

_MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_ENDS_SENTENCE = re.compile(r"[.!?:;\"'”’)]\s*$")
#: Lines at most this long may be the product of hard wrapping.
WRAP_MAX_LINE = 100


def looks_like_text(head: bytes) -> bool:
    return binary_kind(head) is None


@register_reader("text", extensions=(".txt", ".text", ".md", ".markdown"), sniff=looks_like_text,
                 fallback=True)
def read_text(stream: BinaryIO, source: str) -> Iterator[RawDocument | IngestError]:
    data = read_limited(stream, MAX_TEXT_BYTES)
    if data is None:
        yield IngestError(source, too_large(stream_size(stream), MAX_TEXT_BYTES))
        return
    hints = {"format": "text"}
    if source.lower().endswith((".md", ".markdown")):
        hints["markup"] = "markdown"
    yield RawDocument(source, data, hints)


def stream_size(stream) -> int | None:
    try:
        return os.fstat(stream.fileno()).st_size
    except (AttributeError, OSError, ValueError):
        return None


def split_text_paragraphs(text: str, markdown: bool = False) -> tuple[list[str], dict[int, str], list[str]]:
    """(paragraph lines, role hints by index, repairs) of decoded plain text.

    One paragraph per line, blank lines dropped; when the text is hard-wrapped,
    the lines of each blank-line-separated block are joined with spaces.
    """
    blocks = [b.split("\n") for b in re.split(r"\n[ \t]*\n", text)]
    repairs = []
    if _is_hard_wrapped(blocks):
        lines = [" ".join(line.strip() for line in block if line.strip()) for block in blocks]
        repairs.append("hard-wrapped lines joined into paragraphs")
    else:
        lines = [line for block in blocks for line in block]
    lines = [line for line in lines if line.strip()]
    hints: dict[int, str] = {}
    if markdown:
        for i, line in enumerate(lines):
            m = _MARKDOWN_HEADING.match(line)
            if m:
                lines[i] = line[m.end():]
                hints[i] = "heading"
    return lines, hints, repairs


def _is_hard_wrapped(blocks: list[list[str]]) -> bool:
    multi = [b for b in blocks if len([x for x in b if x.strip()]) > 1]
    if len(blocks) < 2 or not multi:
        return False
    inner = [line for b in multi for line in b[:-1] if line.strip()]
    if any(len(line) > WRAP_MAX_LINE for b in multi for line in b):
        return False
    open_ended = sum(1 for line in inner if not _ENDS_SENTENCE.search(line))
    return len(multi) >= len(blocks) / 2 and open_ended >= 0.6 * len(inner)


def title_index(paragraphs: list[str]) -> int | None:
    """Index of the first non-empty paragraph: a text file's title line."""
    for i, text in enumerate(paragraphs):
        if text.strip():
            return i
    return None
