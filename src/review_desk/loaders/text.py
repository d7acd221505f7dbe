"""Plain text: UTF-8, GB18030/GBK or UTF-16, one block per non-blank line.

Government plain-text files are mostly written one paragraph per line by Windows tools in GBK,
or by newer tools in UTF-8; UTF-16 comes from "Unicode" in Notepad's save dialog (with a byte
order mark; without one, the NULs of its ASCII characters tell it, see ``sniff``).

The text is decoded and split into lines chunk by chunk, so a 150 MB file costs its lines, not
two more copies of itself. Bytes that do not decode are replaced by U+FFFD and reported as a
notice naming the lines, never passed over in silence and never guessed into another encoding.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path

from review_desk.core.document import Block, BlockKind, Notice
from review_desk.loaders.sniff import utf16_byte_order

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_LINE_BREAK = re.compile(r"\r\n|[\n\r\u2028\u2029\x0b\x0c\x85]")
_CHUNK = 1024 * 1024
_SNIFF_BYTES = 65536
#: Lines named one by one in the notice about undecodable bytes; the rest are counted.
_NAMED_LINES = 10
_ERRORS = "review_desk.count_replace"
_replaced: ContextVar[list[int] | None] = ContextVar("review_desk_replaced", default=None)


def _count_replace(error: UnicodeError) -> tuple[str, int]:
    """A decoding error handler: U+FFFD, as "replace" gives, and the replacement counted."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    counter = _replaced.get()
    if counter is not None:
        counter[0] += 1
    return "\ufffd", error.end


codecs.register_error(_ERRORS, _count_replace)


@dataclass
class DecodedText:
    """Text decoded chunk by chunk; ``replaced`` counts undecodable byte runs seen so far."""

    data: bytes
    encoding: str
    replaced: list[int] = field(default_factory=lambda: [0])

    def chunks(self) -> Iterator[str]:
        decoder = codecs.getincrementaldecoder(self.encoding)(_ERRORS)
        for start in range(0, len(self.data), _CHUNK):
            yield self._decode(decoder, self.data[start : start + _CHUNK], final=False)
        yield self._decode(decoder, b"", final=True)

    def _decode(self, decoder: codecs.IncrementalDecoder, data: bytes, final: bool) -> str:
        # Set around each call, not across a yield: the error handler counts for this text only.
        token = _replaced.set(self.replaced)
        try:
            return decoder.decode(data, final)
        finally:
            _replaced.reset(token)


def open_text(data: bytes) -> DecodedText:
    return DecodedText(data, _encoding_of(data))


def decode_text(data: bytes, path: Path) -> tuple[str, str]:
    """The whole text and the name of the encoding it was read with (for the redact writers,
    which rewrite the file in the same encoding)."""
    decoded = open_text(data)
    return "".join(decoded.chunks()), decoded.encoding


def _encoding_of(data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    # UTF-16 before UTF-8: ASCII in UTF-16 is valid UTF-8 too, with a NUL between letters.
    wide = utf16_byte_order(data[:_SNIFF_BYTES])
    if wide is not None and len(data) % 2 == 0:
        return wide
    if _errors_in(data, "utf-8", stop_at=1) == 0:
        return "utf-8"
    # GB18030 accepts most byte strings: a few invalid bytes in it are likelier than UTF-8
    # with many, and the one with fewer errors is the one the file was written in.
    gb_errors = _errors_in(data, "gb18030", stop_at=1)
    if gb_errors == 0:
        return "gb18030"
    return "utf-8" if _errors_in(data, "utf-8") < _errors_in(data, "gb18030") else "gb18030"


def _errors_in(data: bytes, encoding: str, stop_at: int | None = None) -> int:
    decoded = DecodedText(data, encoding)
    for _ in decoded.chunks():
        if stop_at is not None and decoded.replaced[0] >= stop_at:
            break
    return decoded.replaced[0]


def split_lines(text: str) -> list[str]:
    return _LINE_BREAK.split(text)


def iter_lines(chunks: Iterable[str], pattern: re.Pattern[str] = _LINE_BREAK) -> Iterator[str]:
    """The lines of text given in chunks, as ``pattern.split`` of the whole would give them.

    A line spread over many chunks is joined once, not re-copied per chunk; a chunk ending in
    "\\r" waits for the next, which may begin with the "\\n" of the same break.
    """
    pending: list[str] = []
    held = ""
    for chunk in chunks:
        chunk, held = held + chunk, ""
        if chunk.endswith("\r"):
            chunk, held = chunk[:-1], "\r"
        parts = pattern.split(chunk)
        if len(parts) > 1:
            yield "".join(pending) + parts[0]
            yield from parts[1:-1]
            pending = [parts[-1]]
        else:
            pending.append(parts[0])
    if held:  # the text ended in "\r": one more break
        yield "".join(pending)
        pending = []
    yield "".join(pending)


def load_text(data: bytes, path: Path) -> tuple[list[Block], list[Notice]]:
    decoded = open_text(data)
    # Ids count every line, blank ones too, so a writer can find line N again by splitting alone.
    blocks = [
        Block(f"p{index}", BlockKind.PARAGRAPH, line)
        for index, line in enumerate(iter_lines(decoded.chunks()))
        if line.strip()
    ]
    return blocks, undecodable_notices(decoded, blocks)


def undecodable_notices(decoded: DecodedText, blocks: Sequence[Block]) -> list[Notice]:
    """Which blocks hold bytes that did not decode (replaced by U+FFFD)."""
    if not decoded.replaced[0]:
        return []
    damaged = [block.id for block in blocks if "\ufffd" in block.text]
    notices = [
        Notice(
            "undecodable_text",
            f"此处有无法按 {decoded.encoding} 解码的字节，已显示为 �，其原文未能审查",
            block_id,
        )
        for block_id in damaged[:_NAMED_LINES]
    ]
    if len(damaged) > _NAMED_LINES or not damaged:
        notices.append(
            Notice(
                "undecodable_text",
                f"文件共有 {decoded.replaced[0]} 处无法按 {decoded.encoding} 解码的字节"
                f"（{len(damaged)} 个段落或单元格），其原文未能审查",
            )
        )
    return notices
