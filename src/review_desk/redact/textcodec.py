"""Writing text back in the encoding it was read in, byte order mark included.

The loader tells UTF-8 from GB18030 and UTF-16 (``loaders.text.decode_text``); the copy must come
back the same way, or a GBK-only office tool opens the redacted file as mojibake.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from review_desk.loaders.text import decode_text

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True)
class TextCodec:
    """``encode`` gives bytes with the same byte order mark and byte order as the source."""

    name: str
    bom: bytes

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.name)


def decode_source(data: bytes, path: Path) -> tuple[str, TextCodec]:
    """The text as the loader read it (BOM stripped) and the codec to write it back with."""
    text, encoding = decode_text(data, path)
    for bom, name in _BOMS:
        if data.startswith(bom):
            return text, TextCodec(name, bom)
    return text, TextCodec(encoding, b"")
