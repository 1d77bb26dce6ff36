"""Gzip decompression that keeps every byte before a damaged or truncated end.

``gzip.GzipFile`` raises on truncation and loses the partly decompressed block, and
warcio silently stops; this stream hands out all recoverable bytes, then reports EOF
and remembers why in ``error`` so the caller can yield an IngestError after the
good items.
"""

from __future__ import annotations

import io
import zlib
from typing import BinaryIO

GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 64 * 1024


class GunzipStream(io.RawIOBase):
    def __init__(self, raw: BinaryIO):
        self._raw = raw
        self._decomp = zlib.decompressobj(wbits=31)
        self._pending = b""
        self._pos = 0
        self._member_started = False
        self._done = False
        self.error: str | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while self._pos >= len(self._pending) and not self._done:
            self._pending, self._pos = b"", 0
            self._fill()
        n = min(len(buffer), len(self._pending) - self._pos)
        buffer[:n] = self._pending[self._pos:self._pos + n]
        self._pos += n
        return n

    def _fill(self) -> None:
        chunk = self._raw.read(_CHUNK)
        if not chunk:
            self._done = True
            if self._member_started and not self._decomp.eof:
                self.error = "truncated gzip: compressed data ends before the end-of-stream marker"
            return
        data = chunk
        while data:
            if self._decomp.eof:  # a new gzip member follows (concatenated gzip, e.g. WARC)
                self._decomp = zlib.decompressobj(wbits=31)
                if not data.strip(b"\x00"):  # trailing padding, not a member
                    return
            self._member_started = True
            try:
                self._pending += self._decomp.decompress(data)
            except zlib.error as exc:
                self.error = f"corrupt gzip: {exc}"
                self._done = True
                return
            data = self._decomp.unused_data if self._decomp.eof else b""
