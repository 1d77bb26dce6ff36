"""Bytes to text: BOMs, UTF-8, the common Western legacy encoding, then detection.

Binary content (NUL bytes, images, archives) is refused with a reason naming what
it looks like, so the user sees "PNG image" rather than a wall of mojibake.
"""

from __future__ import annotations

import codecs
import re

from newsgraph.errors import BadInput

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

#: Magic numbers of formats users drop into a news folder by mistake.
_MAGIC = (
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"%PDF", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or office document)"),
    (b"\x7fELF", "executable"),
    (b"RIFF", "RIFF media file"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\x1f\x8b", "gzip data that could not be opened"),
)

# Characters a cp1252 reading of Western European text legitimately contains.
_WESTERN = re.compile(r"[^\x00-\x7f\u00a0-\u00ff\u2013\u2014\u2018\u2019\u201a\u201c\u201d\u201e"
                      r"\u2020\u2021\u2022\u2026\u2030\u2039\u203a\u20ac\u2122\u0152\u0153\u0160"
                      r"\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc]")
# Three accented letters in a row: what Cyrillic/Greek text looks like read as cp1252.
_ACCENT_RUN = re.compile(r"[\u00c0-\u00ff]{3,}")


def binary_kind(head: bytes) -> str | None:
    """What ``head`` looks like if it is not text, else None."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return None
    if b"\x00" in head:
        return "binary content"
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    if head and controls / len(head) > 0.05:
        return "binary content"
    return None


def decode_bytes(data: bytes, source: str = "") -> tuple[str, str]:
    """Return (text, encoding name); raise BadInput for binary content."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise BadInput(source, f"undecodable {encoding} text: {exc.reason}") from None
    kind = binary_kind(data[:8192])
    if kind:
        raise BadInput(source, f"not a text file ({kind})")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
        if not _WESTERN.search(text) and len(_ACCENT_RUN.findall(text)) <= 2:
            return text, "cp1252"
    except UnicodeDecodeError:
        pass
    return _detect(data, source)


def _detect(data: bytes, source: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes  # imported lazily: slow to import

    best = from_bytes(data).best()
    if best is None:
        raise BadInput(source, "not a text file (no text encoding fits the bytes)")
    return str(best), best.encoding
