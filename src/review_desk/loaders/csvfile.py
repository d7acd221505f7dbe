"""CSV: every field read as text, so "110105199003071234" and "007" keep every digit."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from review_desk.core.document import Block, Notice
from review_desk.core.errors import CorruptFileError
from review_desk.loaders.sheets import SheetReader
from review_desk.loaders.text import decode_text

_DELIMITERS = ",\t;|"
_SNIFF_BYTES = 16384


def load_csv(data: bytes, path: Path) -> tuple[list[Block], list[Notice]]:
    text, _ = decode_text(data, path)
    reader = SheetReader(0, path.stem)
    blocks: list[Block] = []
    try:
        rows = csv.reader(io.StringIO(text, newline=""), _dialect(text))
        reader.read_into(blocks, rows)
    except csv.Error as error:
        raise CorruptFileError(f"CSV 格式错误：{error}", path) from error
    return blocks, reader.notices


def _dialect(text: str) -> type[csv.Dialect]:
    try:
        return csv.Sniffer().sniff(text[:_SNIFF_BYTES], delimiters=_DELIMITERS)
    except csv.Error:  # one column, or too little text to tell: plain commas
        return csv.excel
