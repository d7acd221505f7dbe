"""A bounded look at what a PDF's streams inflate to, before PDFium inflates them for real.

PDFium decodes a content stream whole, in memory: a 2 MB file whose FlateDecode stream inflates
to gigabytes would take the memory with it. Every stream is inflated here once, chunk by chunk
and discarded, and the file is refused when one stream or all of them together pass their caps.
Streams are found by their keyword in the raw bytes, so a broken cross-reference table hides
none; a second Flate layer (a bomb inside a bomb) is inflated too.

Encrypted streams cannot be inflated without the key: those are left to the worker's memory
limit (``scan``), which ends the file as ``too_large`` instead of the batch.
"""

from __future__ import annotations

import re
import zlib
from pathlib import Path

from review_desk.core.errors import FileTooLargeError
from review_desk.loaders import budget
from review_desk.loaders.limits import limits

_STREAM_START = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")
_IN_CHUNK = 256 * 1024
_OUT_CHUNK = 1024 * 1024


def check_streams(data: bytes, path: Path) -> None:
    """Refuse the PDF if a stream inflates past ``max_stream_bytes`` or the file's budget."""
    cap = limits().reading.max_stream_bytes
    spent = budget.current()
    view = memoryview(data)
    for match in _STREAM_START.finditer(data):
        size = _inflated_size(view, match.end(), cap)
        if size > cap:
            raise FileTooLargeError(
                f"PDF 数据流（偏移 {match.start()}）解压后超过 {cap} 字节", path
            )
        spent.spend(size, "PDF 数据流", path)


def _inflated_size(view: memoryview, start: int, cap: int) -> int:
    """Bytes the zlib stream at ``start`` inflates to (its nested stream's too, if it holds
    one), counted up to just past ``cap``; 0 when no zlib stream starts there."""
    outer = zlib.decompressobj()
    inner: _Layer | None = None
    total = 0
    position = start
    while total <= cap and not outer.eof:
        pending: bytes | memoryview = outer.unconsumed_tail
        if not pending:
            if position >= len(view):
                break
            pending = view[position : position + _IN_CHUNK]
            position += len(pending)
        try:
            out = outer.decompress(pending, _OUT_CHUNK)
        except zlib.error:  # not a zlib stream (images, other filters) or a damaged one
            break
        if total == 0 and _starts_zlib(out):
            inner = _Layer()
        total += len(out)
        if inner is not None:
            total += inner.feed(out, cap - total)
    return total


class _Layer:
    """A second Flate layer inside the first ([/FlateDecode /FlateDecode])."""

    def __init__(self) -> None:
        self._stream = zlib.decompressobj()
        self._broken = False

    def feed(self, data: bytes, room: int) -> int:
        """Inflate ``data``, counting the output up to just past ``room``."""
        size = 0
        pending = data
        try:
            while pending and size <= room and not self._broken and not self._stream.eof:
                size += len(self._stream.decompress(pending, _OUT_CHUNK))
                pending = self._stream.unconsumed_tail
        except zlib.error:  # the first layer's output only looked like zlib
            self._broken = True
        return size


def _starts_zlib(out: bytes) -> bool:
    return len(out) >= 2 and out[0] & 0x0F == 8 and (out[0] << 8 | out[1]) % 31 == 0
