"""RawDocument -> Article: decode, extract, repair, split paragraphs, give roles, fill metadata.

``Article.text`` is the paragraphs joined by "\\n"; every later offset indexes it.
The title: the input's own (JSONL/feed field, page metadata), else, for plain
text, the first line; an item that says it has none (``first_line_title=False``:
a JSONL line or feed item without a title) keeps ``title`` None and all its text
as body, and a single paragraph of it is body whatever its shape.
Metadata precedence for the date: the input's own fields (JSONL, feed item) and the
page's metadata (trafilatura, htmldate) first, then the WARC capture date, then the
``--published`` flag, then a dated dateline in the text. The outlet: input fields,
page metadata, a syndication footer, then the ``--outlet`` flag.
"""

from __future__ import annotations

import re

from newsgraph.errors import BadInput
from newsgraph.ingest.base import MAX_ARTICLE_CHARS, RawDocument
from newsgraph.ingest.dates import dateline_date, parse_date
from newsgraph.ingest.decode import binary_kind, decode_bytes
from newsgraph.ingest.html import extract_html
from newsgraph.ingest.language import detect_language
from newsgraph.ingest.repair import LINE_BREAKS, repair_paragraph
from newsgraph.ingest.roles import classify_paragraphs, syndication_outlet
from newsgraph.ingest.text import split_text_paragraphs
from newsgraph.model import EXTRACTABLE_ROLES, Article, Paragraph

#: A whole HTML page whose body paragraphs hold fewer words than this has no article
#: (what is left is navigation or a cookie notice).
MIN_PAGE_WORDS = 15
#: Characters no XML/HTML parser accepts in a string (found by tests/test_reliability.py).
_XML_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
#: Where a date came from, strongest first; "warc" is a capture time, weaker than the page's own.
_WEAK_DATE_SOURCES = ("warc",)


def normalize(raw: RawDocument, *, published: str | None = None, outlet: str | None = None,
              language: str | None = None) -> Article:
    """Build the Article for ``raw``; raise BadInput when it holds no usable text.

    ``published`` / ``outlet`` (already validated, e.g. from --published) fill only
    what the input lacks. ``language`` (from --language) replaces detection
    (:mod:`newsgraph.ingest.language`).
    """
    hints = dict(raw.hints)
    repairs: list[str] = []
    if _format(raw) == "html":
        lines, line_hints, meta = _html_lines(raw)
        _merge_meta(hints, meta)
        title_from_first_line = False
    else:
        text = raw.content if isinstance(raw.content, str) else decode_bytes(raw.content, raw.source)[0]
        _check_size(raw.source, len(text))
        text = LINE_BREAKS.sub("\n", text)
        lines, line_hints, split_repairs = split_text_paragraphs(text, hints.get("markup") == "markdown")
        repairs += split_repairs
        title_from_first_line = not hints.get("title") and hints.get("first_line_title", True)

    paragraphs, para_hints, changes = [], {}, []
    for i, line in enumerate(lines):
        fixed = repair_paragraph(line)
        if fixed.text:
            if i in line_hints:
                para_hints[len(paragraphs)] = line_hints[i]
            changes.append((len(paragraphs), fixed.changes))
            paragraphs.append(fixed.text)
    if not paragraphs:
        raise BadInput(raw.source, "no article text found" if _format(raw) == "html" else "no text (empty after cleaning)")

    title, title_idx = _place_title(hints.get("title"), paragraphs, para_hints, changes, title_from_first_line)
    roles = classify_paragraphs(paragraphs, para_hints, title_idx)
    if title_idx is None and len(paragraphs) == 1 and hints.get("first_line_title") is False:
        roles = ["body"]  # an untitled one-paragraph item (a JSONL sentence) is its own body
    if not any(role in EXTRACTABLE_ROLES for i, role in enumerate(roles) if i != title_idx or len(roles) == 1):
        raise BadInput(raw.source, "no article text found (only links, captions or footers)")

    if _format(raw) == "html" and not raw.hints.get("html_fragment") and _body_words(paragraphs, roles) < MIN_PAGE_WORDS:
        raise BadInput(raw.source, "no article text found")
    text = "\n".join(paragraphs)
    _check_size(raw.source, len(text))
    starts = _starts(paragraphs)
    for idx, found in changes:
        for pos, what in found:
            repairs.append(f"{what} at {starts[idx] + pos}" if pos is not None else f"{what} in paragraph {idx + 1}")

    date, date_source = _published(hints, published, paragraphs, roles, repairs)
    return Article(
        text=text,
        paragraphs=[Paragraph(i, s, s + len(p), roles[i]) for i, (s, p) in enumerate(zip(starts, paragraphs))],
        title=title,
        outlet=_outlet(hints, paragraphs, roles, outlet),
        published=date,
        published_source=date_source,
        url=hints.get("url") or None,
        source=raw.source,
        source_id=hints.get("source_id") or None,
        language=language or detect_language(text).language,
        repairs=repairs,
    )


def _body_words(paragraphs: list[str], roles: list[str]) -> int:
    return sum(len(p.split()) for p, role in zip(paragraphs, roles) if role == "body")


def _format(raw: RawDocument) -> str:
    return raw.hints.get("format") or "text"


def _check_size(source: str, chars: int) -> None:
    if chars > MAX_ARTICLE_CHARS:
        raise BadInput(source, f"too large: {chars:,} characters > {MAX_ARTICLE_CHARS:,} limit")


def _html_lines(raw: RawDocument):
    content = raw.content
    if isinstance(content, bytes):
        kind = binary_kind(content[:8192])
        if kind:
            raise BadInput(raw.source, f"not an HTML file ({kind})")
    if isinstance(content, str):  # lxml refuses strings with C0 controls (a JSONL "html" field can hold them)
        content = _XML_CONTROLS.sub("", content)
    extract = extract_html(content, fragment=bool(raw.hints.get("html_fragment")))
    if not extract.lines:
        raise BadInput(raw.source, "no article text found")
    return extract.lines, extract.roles, extract.meta


def _merge_meta(hints: dict, meta: dict) -> None:
    """Page metadata fills what the container did not say; it beats a WARC capture date."""
    weak_date = hints.get("published_source") in _WEAK_DATE_SOURCES
    for key in ("title", "outlet", "url"):
        if not hints.get(key) and meta.get(key):
            hints[key] = meta[key]
    if meta.get("published") and (weak_date or not hints.get("published")):
        hints["published"], hints["published_source"] = meta["published"], meta["published_source"]


def _place_title(title, paragraphs, para_hints, changes, from_first_line):
    """Title text and its paragraph index; a title from metadata is put first if absent."""
    if from_first_line:
        return paragraphs[0], 0
    if not title or not title.strip():
        return None, None
    title = repair_paragraph(" ".join(title.split())).text
    if paragraphs[0].casefold() == title.casefold():
        return paragraphs[0], 0
    paragraphs.insert(0, title)
    shifted = {i + 1: role for i, role in para_hints.items()}
    para_hints.clear()
    para_hints.update(shifted)
    changes[:] = [(idx + 1, found) for idx, found in changes]
    return title, 0


def _starts(paragraphs: list[str]) -> list[int]:
    starts, pos = [], 0
    for p in paragraphs:
        starts.append(pos)
        pos += len(p) + 1
    return starts


def _published(hints, flag, paragraphs, roles, repairs):
    given = hints.get("published")
    if given:
        parsed = parse_date(given)
        if parsed:
            return parsed, hints.get("published_source") or "meta"
        repairs.append(f"unparseable published value ignored: {str(given)[:40]!r}")
    if flag:
        return flag, "flag"
    found = dateline_date(paragraphs, roles)
    return (found, "dateline") if found else (None, None)


def _outlet(hints, paragraphs, roles, flag):
    if hints.get("outlet"):
        return hints["outlet"]
    for text, role in zip(reversed(paragraphs), reversed(roles)):
        if role == "footer":
            found = syndication_outlet(text)
            if found:
                return found
    return flag or None
