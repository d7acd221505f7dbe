"""CSV: every field read as text, so "110105199003071234" and "007" keep every digit.

Lines are decoded and fed to the csv module one by one (``text.iter_lines``); a line or a row
beyond the limits of rules/limits.yaml ends the file with ``too_large`` instead of a grid of
millions of cells built in memory.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from review_desk.core.cells import CellStore
from review_desk.core.document import Notice
from review_desk.core.errors import CorruptFileError, ResourceLimitError
from review_desk.loaders.limits import limits
from review_desk.loaders.sheets import SheetReader
from review_desk.loaders.text import DecodedText, iter_lines, open_text, undecodable_notices

_DELIMITERS = ",\t;|"
_SNIFF_CHARS = 16384
#: Where csv's own reader (``io.StringIO(text, newline="")``) ends a line, the break kept.
_CSV_LINE_END = re.compile(r"(?<=\n)|(?<=\r)(?!\n)")


def load_csv(data: bytes, path: Path) -> tuple[CellStore, list[Notice]]:
    decoded = open_text(data)
    reader = SheetReader(0, path.stem)
    blocks = CellStore()
    reading = limits().reading
    # Fields as long as a line may be: over-long blocks are split before detection, not here.
    csv.field_size_limit(reading.max_line_chars)
    try:
        rows = csv.reader(_lines(decoded, path), _dialect(_head(decoded)))
        reader.read_into(blocks, _bounded_rows(rows, reading.max_columns, path))
    except csv.Error as error:
        raise CorruptFileError(f"CSV 格式错误：{error}", path) from error
    return blocks, reader.notices + undecodable_notices(decoded, blocks)


def _head(decoded: DecodedText) -> str:
    """The first characters, for the dialect sniffer (the same the redact writer sniffs)."""
    head: list[str] = []
    size = 0
    # A decoder of its own: the undecodable bytes of the head must not be counted twice.
    for chunk in DecodedText(decoded.data, decoded.encoding).chunks():
        head.append(chunk)
        size += len(chunk)
        if size >= _SNIFF_CHARS:
            break
    return "".join(head)[:_SNIFF_CHARS]


def _lines(decoded: DecodedText, path: Path) -> Iterator[str]:
    longest = limits().reading.max_line_chars
    for number, line in enumerate(iter_lines(decoded.chunks(), _CSV_LINE_END)):
        if len(line) > longest:
            raise ResourceLimitError(f"第 {number + 1} 行长 {len(line)} 字符，超过上限", path)
        if line:
            yield line


def _bounded_rows(rows: Iterable[list[str]], widest: int, path: Path) -> Iterator[list[str]]:
    for number, row in enumerate(rows):
        if len(row) > widest:
            raise ResourceLimitError(f"第 {number + 1} 行有 {len(row)} 列，超过上限", path)
        yield row


def _dialect(text: str) -> type[csv.Dialect]:
    try:
        return csv.Sniffer().sniff(text, delimiters=_DELIMITERS)
    except csv.Error:  # one column, or too little text to tell: plain commas
        return csv.excel
