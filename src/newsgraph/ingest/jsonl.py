"""JSONL reader: one article object per line (id, title, text | html, published, url, outlet).

A malformed line is an IngestError naming ``path#L<n>``; the other lines still yield.
Lines are streamed, so a file of any length is read in constant memory.

An item without a ``title`` has none: its whole text is body (its first line is
not taken for a title, as a plain-text file's is), so one-sentence items
("id, text", sentence-per-line data) are analysed like any body text.
"""

from __future__ import annotations

import json
from typing import BinaryIO, Iterator

from newsgraph.ingest.base import MAX_MARKUP_BYTES, IngestError, RawDocument, register_reader, too_large

_FIELDS = ("title", "url", "outlet")


def looks_like_jsonl(head: bytes) -> bool:
    first = head.lstrip(b"\xef\xbb\xbf \t\r\n").split(b"\n", 1)[0].strip()
    return first.startswith(b"{") and (first.endswith(b"}") or b'"text"' in first or b'"html"' in first)


@register_reader("jsonl", extensions=(".jsonl", ".ndjson", ".jsonlines"), sniff=looks_like_jsonl)
def read_jsonl(stream: BinaryIO, source: str) -> Iterator[RawDocument | IngestError]:
    number = 0
    while True:
        line = stream.readline(MAX_MARKUP_BYTES + 1)
        if not line:
            return
        number += 1
        where = f"{source}#L{number}"
        if len(line) > MAX_MARKUP_BYTES and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):  # skip the rest of the oversized line
                line = stream.readline(1 << 20)
            yield IngestError(where, f"line {number}: {too_large(None, MAX_MARKUP_BYTES)}")
            continue
        if not line.strip():
            continue
        yield _document(line, number, where)


def _document(line: bytes, number: int, where: str) -> RawDocument | IngestError:
    try:
        obj = json.loads(line.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        return IngestError(where, f"line {number}: not UTF-8 ({exc.reason} at byte {exc.start})")
    except json.JSONDecodeError as exc:
        return IngestError(where, f"line {number}: invalid JSON: {exc.msg} (column {exc.colno})")
    if not isinstance(obj, dict):
        return IngestError(where, f"line {number}: expected a JSON object, got {type(obj).__name__}")
    body, fmt = obj.get("text"), "text"
    if not (isinstance(body, str) and body.strip()):
        body, fmt = obj.get("html"), "html"
    if not (isinstance(body, str) and body.strip()):
        return IngestError(where, f"line {number}: no \"text\" or \"html\" field with content")
    hints = {"format": fmt}
    if fmt == "html" and "<html" not in body[:2000].lower():
        hints["html_fragment"] = True
    for key in _FIELDS:
        if isinstance(obj.get(key), str) and obj[key].strip():
            hints[key] = obj[key].strip()
    if "title" not in hints:
        hints["first_line_title"] = False  # no title given: the whole text is body
    if obj.get("published") not in (None, ""):
        hints["published"] = str(obj["published"])
        hints["published_source"] = "jsonl"
    if obj.get("id") not in (None, ""):
        hints["source_id"] = str(obj["id"])
    return RawDocument(where, body, hints)
