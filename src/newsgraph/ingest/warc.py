"""WARC reader (.warc, .warc.gz): HTML ``response`` records, via warcio.

Gzip is decompressed by our own stream so a truncated archive yields every record
before the damage and then an IngestError (warcio alone stops silently).
"""

from __future__ import annotations

import logging
from typing import BinaryIO, Iterator

from newsgraph.ingest.base import MAX_MARKUP_BYTES, IngestError, RawDocument, register_reader, too_large
from newsgraph.ingest.gz import GZIP_MAGIC, GunzipStream

log = logging.getLogger(__name__)


_TRUNCATED = object()  # a record cut short by the end of the file


def looks_like_warc(head: bytes) -> bool:
    return head.startswith(b"WARC/")


@register_reader("warc", extensions=(".warc", ".warc.gz", ".arc.gz"), sniff=looks_like_warc)
def read_warc(stream: BinaryIO, source: str) -> Iterator[RawDocument | IngestError]:
    from warcio.archiveiterator import ArchiveIterator

    head = stream.peek(2)[:2] if hasattr(stream, "peek") else b""
    if head == GZIP_MAGIC:
        stream = GunzipStream(stream)
    try:
        for record in ArchiveIterator(stream):
            item = _record_document(record, source)
            if item is _TRUNCATED:
                if getattr(stream, "error", None):
                    break  # the gzip error below reports this damage
                item = IngestError(source, "truncated WARC record")
            if item is not None:
                yield item
    except Exception as exc:  # warcio raises ArchiveLoadFailed and friends on damage
        log.debug("reading WARC %s failed", source, exc_info=True)
        yield IngestError(source, f"damaged WARC: {exc}".splitlines()[0])
    if getattr(stream, "error", None):
        yield IngestError(source, stream.error)


def _record_document(record, source: str) -> RawDocument | IngestError | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    status = record.http_headers.get_statuscode() or ""
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    if not status.startswith("2") or "html" not in content_type:
        return None
    record_id = (record.rec_headers.get_header("WARC-Record-ID") or "").strip("<>")
    where = f"{source}#{record_id}" if record_id else source
    payload = record.content_stream().read(MAX_MARKUP_BYTES + 1)
    if len(payload) > MAX_MARKUP_BYTES:
        return IngestError(where, too_large(None, MAX_MARKUP_BYTES))
    if record.raw_stream.limit:  # the record ends before its declared length
        return _TRUNCATED
    hints = {"format": "html", "url": record.rec_headers.get_header("WARC-Target-URI"),
             "source_id": record_id or None}
    warc_date = record.rec_headers.get_header("WARC-Date")
    if warc_date:
        hints.update(published=warc_date, published_source="warc")
    return RawDocument(where, payload, hints)
