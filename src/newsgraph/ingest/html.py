"""HTML reader and main-text extraction.

Whole pages go through trafilatura (main text and metadata; htmldate when it finds no
date). Its XML body keeps the structure we need: ``<head>`` elements become heading
paragraphs, paragraphs that are nothing but a link become ``related``. Feed items and
JSONL ``html`` fields are snippets, not pages: they are split on block elements.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import BinaryIO, Iterator

from newsgraph.ingest.base import (MAX_MARKUP_BYTES, IngestError, RawDocument, read_limited,
                                   register_reader, too_large)

log = logging.getLogger(__name__)

#: A paragraph whose text is at least this share link text is a link to another story.
LINK_SHARE_RELATED = 0.8
#: ... provided it has at most this many words (long linked paragraphs are body).
LINKED_MAX_WORDS = 30

_HTML_HEAD = re.compile(rb"<!doctype html|<html|<head|<body|<meta|<title|<div|<p[ >]|<article", re.I)
_BLOCK_TAGS = ("p", "div", "li", "blockquote", "pre", "tr", "dd", "dt", "section", "article",
               "figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "br", "table", "ul", "ol", "header",
               "footer", "aside")
_SPACE = re.compile(r"\s+")
_LINE_BREAK = "\u2029"  # stands for <lb/> until lines are split
_LINK_OPEN, _LINK_CLOSE = "\ue000", "\ue001"  # bracket link text while measuring link share
_LINKED = re.compile("\ue000([^\ue001]*)\ue001")


@dataclass
class HtmlExtract:
    lines: list[str] = field(default_factory=list)
    roles: dict[int, str] = field(default_factory=dict)  # line index -> role hint
    meta: dict = field(default_factory=dict)  # title, outlet, url, published, published_source


def looks_like_html(head: bytes) -> bool:
    return bool(_HTML_HEAD.search(head[:2048]))


@register_reader("html", extensions=(".html", ".htm", ".xhtml", ".shtml"), sniff=looks_like_html)
def read_html(stream: BinaryIO, source: str) -> Iterator[RawDocument | IngestError]:
    data = read_limited(stream, MAX_MARKUP_BYTES)
    if data is None:
        yield IngestError(source, too_large(None, MAX_MARKUP_BYTES))
        return
    yield RawDocument(source, data, {"format": "html"})


def extract_html(content: bytes | str, fragment: bool = False) -> HtmlExtract:
    """Paragraph lines, role hints and metadata of an HTML page (or snippet)."""
    if fragment:
        return _fragment_lines(content)
    import trafilatura  # slow import, only needed for HTML

    doc = trafilatura.bare_extraction(content, with_metadata=True, include_links=True,
                                      include_comments=False)
    out = HtmlExtract()
    if doc is not None and doc.body is not None:
        for element in doc.body:
            _add_element(out, element)
        out.meta = {"title": doc.title, "outlet": doc.sitename, "url": doc.url}
        if doc.date:
            out.meta.update(published=doc.date, published_source="meta")
    if not out.meta.get("published"):
        found = _htmldate(content)
        if found:
            out.meta.update(published=found, published_source="htmldate")
    return out


def _htmldate(content: bytes | str) -> str | None:
    from htmldate import find_date

    try:
        return find_date(content, extensive_search=False)
    except Exception:  # htmldate must never sink an article: a missing date is fine
        log.debug("htmldate failed; the article has no date from it", exc_info=True)
        return None


def _text_of(element) -> str:
    """Text of a trafilatura element; <lb/> becomes a line mark, link text is bracketed by marks."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == "lb":
            parts.append(_LINE_BREAK)
        elif child.tag == "ref":
            parts.append(_LINK_OPEN + _text_of(child).replace(_LINE_BREAK, " ") + _LINK_CLOSE)
        else:
            parts.append(_text_of(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _add_line(out: HtmlExtract, text: str, role: str | None) -> None:
    """Add each <lb/>-separated line of ``text``; a line that is mostly link text is ``related``."""
    for piece in text.split(_LINE_BREAK):
        linked = sum(len(m) for m in _LINKED.findall(piece))
        piece = _SPACE.sub(" ", piece.replace(_LINK_OPEN, "").replace(_LINK_CLOSE, "")).strip()
        if not piece:
            continue
        line_role = role
        if role in (None, "body") and len(piece.split()) <= LINKED_MAX_WORDS:
            if linked >= LINK_SHARE_RELATED * len(piece):
                line_role = "related"
        out.roles[len(out.lines)] = line_role or "body"
        out.lines.append(piece)


def _add_element(out: HtmlExtract, element) -> None:
    tag = element.tag
    if tag == "head":
        _add_line(out, _text_of(element), "heading")
    elif tag == "list":
        for item in element.iter("item"):
            _add_line(out, _text_of(item), "body")
    elif tag == "table":
        for row in element.iter("row"):
            cells = [_SPACE.sub(" ", "".join(cell.itertext())).strip() for cell in row.iter("cell")]
            _add_line(out, " | ".join(c for c in cells if c), "body")
    elif tag == "quote" and len(element):
        if element.text and element.text.strip():
            _add_line(out, element.text, None)
        for child in element:
            _add_element(out, child)
    elif tag == "graphic":
        _add_line(out, element.get("title") or element.get("alt") or "", "caption")
    else:
        _add_line(out, _text_of(element), None)


def _fragment_lines(content: bytes | str) -> HtmlExtract:
    import lxml.html

    out = HtmlExtract()
    if isinstance(content, bytes):
        content = content.decode("utf-8", errors="replace")
    if not content.strip():
        return out
    try:
        root = lxml.html.fragment_fromstring(content, create_parent="div")
    except Exception:  # lxml raises several types on junk; treat it as text
        log.debug("an HTML fragment did not parse; read as text", exc_info=True)
        _add_line(out, content, None)
        return out
    for bad in root.iter("script", "style", "noscript"):
        bad.drop_tree()
    roles_by_text = {}
    for element in root.iter("h1", "h2", "h3", "h4", "h5", "h6", "figcaption"):
        role = "caption" if element.tag == "figcaption" else "heading"
        roles_by_text[_SPACE.sub(" ", element.text_content()).strip()] = role
    for link in root.iter("a"):
        link.text = _LINK_OPEN + (link.text or "")
        if len(link):
            link[-1].tail = (link[-1].tail or "") + _LINK_CLOSE
        else:
            link.text += _LINK_CLOSE
    for element in root.iter(*_BLOCK_TAGS):
        element.tail = _LINE_BREAK + (element.tail or "")
        if element.tag != "br":
            element.text = _LINE_BREAK + (element.text or "")
    for line in root.text_content().split(_LINE_BREAK):
        plain = _SPACE.sub(" ", line.replace(_LINK_OPEN, "").replace(_LINK_CLOSE, "")).strip()
        if plain:
            _add_line(out, line, roles_by_text.get(plain))
    return out
