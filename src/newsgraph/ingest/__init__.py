"""Ingest: sources -> readers -> RawDocument -> normalize -> Article.

Readers register themselves by extension and by sniffing the first bytes; they
never do NLP. Registration order is sniffing order, so the specific formats come
before plain text.
"""

from __future__ import annotations

import logging
from typing import BinaryIO, Iterable, Iterator

from newsgraph.errors import BadInput, NewsgraphError
from newsgraph.ingest.base import (MAX_ARTICLE_CHARS, MAX_MARKUP_BYTES, MAX_TEXT_BYTES, READERS,
                                   IngestError, RawDocument, register_reader)
from newsgraph.ingest import warc, feed, html, jsonl, text  # noqa: F401,E402  (register readers, in sniff order)
from newsgraph.ingest.dates import validate_flag_date
from newsgraph.ingest.language import validate_language
from newsgraph.ingest.normalize import normalize
from newsgraph.ingest.sources import read_sources
from newsgraph.model import Article

log = logging.getLogger(__name__)

__all__ = ["RawDocument", "IngestError", "register_reader", "read_sources", "iter_articles",
           "normalize", "READERS", "MAX_ARTICLE_CHARS", "MAX_TEXT_BYTES", "MAX_MARKUP_BYTES"]


def iter_articles(sources: Iterable[str], *, published: str | None = None, outlet: str | None = None,
                  stdin: BinaryIO | None = None, language: str | None = None) -> Iterator[Article | IngestError]:
    """Articles (or IngestErrors) for every item of ``sources``.

    ``published`` is validated here, before anything is read: a bad date raises
    NewsgraphError. ``published``/``outlet`` fill only what the input lacks;
    ``language`` (an ISO 639 code) replaces language detection for every item.
    """
    flag_date = validate_flag_date(published)
    flag_outlet = outlet.strip() if outlet and outlet.strip() else None
    try:
        flag_language = validate_language(language)
    except ValueError as exc:
        raise NewsgraphError(str(exc)) from None
    return _articles(sources, flag_date, flag_outlet, stdin, flag_language)


def _articles(sources, published, outlet, stdin, language=None) -> Iterator[Article | IngestError]:
    for item in read_sources(sources, stdin=stdin):
        if isinstance(item, IngestError):
            yield item
            continue
        try:
            yield normalize(item, published=published, outlet=outlet, language=language)
        except BadInput as exc:
            yield IngestError(exc.source or item.source, exc.reason)
        except Exception as exc:  # bad input never crashes the run
            log.debug("normalising %s failed", item.source, exc_info=True)
            yield IngestError(item.source, f"cannot normalise: {type(exc).__name__}: {exc}".splitlines()[0])
