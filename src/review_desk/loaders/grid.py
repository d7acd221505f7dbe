"""Rows and columns shared by sheets and DOCX tables: header row discovery and cell blocks.

Recipient lists usually open with a title row (often merged across the table), sometimes a line
such as "填报单位：…", and only then the header. The header is the first row that fills most of
the table's width with labels rather than numbers.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

#: Only the top of a table is searched: headers below this are not headers.
HEADER_SEARCH_ROWS = 30
_NUMERIC = re.compile(r"^[\s\d.,，:：/%+\-年月日号元]*$")
_MAX_LABEL_LENGTH = 40


@dataclass(frozen=True)
class Span:
    """A non-empty cell covering grid columns ``first``..``last`` (merged cells cover several)."""

    first: int
    last: int
    text: str


def find_header_row(rows: Sequence[Sequence[Span]]) -> int | None:
    """Index in ``rows`` of the header row, or None when the top of the table has none."""
    top = rows[:HEADER_SEARCH_ROWS]
    width = max((len(row) for row in top), default=0)
    needed = max(2, math.ceil(width / 2))
    for index, row in enumerate(top):
        if len(row) >= needed and _mostly_labels(row):
            return index
    return None


def _mostly_labels(row: Sequence[Span]) -> bool:
    labels = sum(1 for span in row if _is_label(span.text))
    return labels >= math.ceil(len(row) * 0.8)


def _is_label(text: str) -> bool:
    stripped = text.strip()
    return 0 < len(stripped) <= _MAX_LABEL_LENGTH and not _NUMERIC.match(stripped)


def header_texts(row: Sequence[Span]) -> dict[int, str]:
    """Column → header label; a merged header cell labels every column it covers."""
    labels: dict[int, str] = {}
    for span in row:
        label = " ".join(span.text.split())
        for column in range(span.first, span.last + 1):
            labels[column] = label
    return labels
