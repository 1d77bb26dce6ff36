"""RSS/Atom reader (feedparser): one document per full-text item.

The item's content (content:encoded / Atom content) is preferred over its summary;
guid -> source_id, item date -> published ("feed"), feed title -> outlet.
"""

from __future__ import annotations

import re
from typing import BinaryIO, Iterator

from newsgraph.ingest.base import MAX_MARKUP_BYTES, IngestError, RawDocument, read_limited, register_reader, too_large
from newsgraph.ingest.dates import parse_date

_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.I)


def looks_like_feed(head: bytes) -> bool:
    return bool(_FEED_ROOT.search(head[:2048]))


@register_reader("feed", extensions=(".rss", ".atom"), sniff=looks_like_feed)
def read_feed(stream: BinaryIO, source: str) -> Iterator[RawDocument | IngestError]:
    import feedparser

    data = read_limited(stream, MAX_MARKUP_BYTES)
    if data is None:
        yield IngestError(source, too_large(None, MAX_MARKUP_BYTES))
        return
    parsed = feedparser.parse(data)
    if not parsed.entries:
        problem = parsed.get("bozo_exception")
        reason = f"not a readable feed: {problem}" if problem else "feed has no items"
        yield IngestError(source, reason.splitlines()[0])
        return
    outlet = (parsed.feed.get("title") or "").strip() or None
    for number, entry in enumerate(parsed.entries, start=1):
        yield _item_document(entry, number, source, outlet)


def _item_document(entry, number: int, source: str, outlet: str | None) -> RawDocument | IngestError:
    guid = (entry.get("id") or entry.get("link") or "").strip()
    where = f"{source}#{guid or f'item{number}'}"
    body, body_type = _best_content(entry)
    if not body.strip():
        return IngestError(where, "feed item has no text")
    hints = {"format": "text" if body_type == "text/plain" else "html", "html_fragment": True,
             "title": (entry.get("title") or "").strip() or None, "url": _web_link(entry.get("link")),
             "outlet": outlet, "source_id": guid or None}
    if not hints["title"]:
        hints["first_line_title"] = False  # an untitled item's text is all body
    published = parse_date(entry.get("published_parsed") or entry.get("updated_parsed"))
    if published:
        hints.update(published=published, published_source="feed")
    return RawDocument(where, body, hints)


def _web_link(link: str | None) -> str | None:
    return link if link and link.startswith(("http://", "https://")) else None


def _best_content(entry) -> tuple[str, str]:
    contents = [c for c in entry.get("content", []) if (c.get("value") or "").strip()]
    if contents:
        best = max(contents, key=lambda c: len(c["value"]))
        return best["value"], best.get("type", "text/html")
    detail = entry.get("summary_detail") or {}
    return entry.get("summary") or "", detail.get("type", "text/html")
