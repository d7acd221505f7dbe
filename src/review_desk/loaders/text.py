"""Plain text: UTF-8, GB18030/GBK or UTF-16, one block per non-blank line.

Government plain-text files are mostly written one paragraph per line by Windows tools in GBK,
or by newer tools in UTF-8; UTF-16 comes from "Unicode" in Notepad's save dialog.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from review_desk.core.document import Block, BlockKind
from review_desk.core.errors import CorruptFileError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_LINE_BREAK = re.compile(r"\r\n|[\n\r\u2028\u2029\x0b\x0c\x85]")


def decode_text(data: bytes, path: Path) -> tuple[str, str]:
    """The text and the name of the encoding it was read with."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data, encoding, path), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates = [(text, name) for name in _FALLBACKS if (text := _try(data, name)) is not None]
    if not candidates:
        raise CorruptFileError("无法识别文本编码（不是 UTF-8、GB18030 或 UTF-16）", path)
    # GB18030 accepts most byte strings, so plausibility of the result decides, not success.
    return max(candidates, key=lambda candidate: _plausibility(candidate[0]))


_FALLBACKS = ("gb18030", "utf-16-le", "utf-16-be")
_SAMPLE_CHARS = 65536


def _try(data: bytes, encoding: str) -> str | None:
    if encoding.startswith("utf-16") and len(data) % 2:
        return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _strict(data: bytes, encoding: str, path: Path) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise CorruptFileError(f"文本声明为 {encoding} 但含有无效字节", path) from error


def _plausibility(text: str) -> float:
    """Share of characters that ordinary Chinese or English documents are made of (judged on a
    sample: a 100 MB file needs no full pass in Python to tell GBK from UTF-16)."""
    sample = text[:_SAMPLE_CHARS]
    if not sample:
        return 0.0
    return sum(1 for char in sample if _is_common(char)) / len(sample)


def _is_common(char: str) -> bool:
    code = ord(char)
    return (
        0x20 <= code < 0x7F
        or char in "\t\n\r"
        or 0x4E00 <= code <= 0x9FFF
        or 0x3000 <= code <= 0x303F
        or 0xFF00 <= code <= 0xFFEF
    )


def split_lines(text: str) -> list[str]:
    return _LINE_BREAK.split(text)


def load_text(data: bytes, path: Path) -> list[Block]:
    text, _ = decode_text(data, path)
    # Ids count every line, blank ones too, so a writer can find line N again by splitting alone.
    return [
        Block(f"p{index}", BlockKind.PARAGRAPH, line)
        for index, line in enumerate(split_lines(text))
        if line.strip()
    ]
