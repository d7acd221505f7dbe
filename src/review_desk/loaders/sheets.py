"""Sheet cells to blocks: one SHEET_CELL block per non-empty cell, labelled with its header,
kept as columns of a ``CellStore`` (``core/cells.py``).

Shared by the workbook reader (XLSX, XLS, ODS via calamine) and the CSV reader. A recipient list
has a million cells, so the per-cell path is kept flat and allocation-light.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable, Sequence
from decimal import Decimal
from itertools import islice

from review_desk.core.cells import CellStore
from review_desk.core.document import Notice
from review_desk.core.heap import paused_collector
from review_desk.loaders.grid import HEADER_SEARCH_ROWS, Span, find_header_row, header_texts

CellValue = (
    str
    | int
    | float
    | bool
    | datetime.date
    | datetime.datetime
    | datetime.time
    | datetime.timedelta
)
#: (first row, first column, last row, last column) of a merged range, 0-based.
Merge = tuple[int, int, int, int]
#: Doubles hold 15 significant digits safely: longer whole numbers may have lost their tail.
_SAFE_DIGITS = 15
_SAFE = float(10**_SAFE_DIGITS)
#: Objects made while reading a sheet past which they are frozen (a sheet of ~15,000 rows).
_FREEZE_AFTER = 100_000


def cell_text(value: CellValue) -> str:
    """The value as a spreadsheet shows it: whole numbers without ".0", never "1.1E+17"."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return _float_text(value)
    if isinstance(value, datetime.datetime):
        midnight = value.time() == datetime.time()
        return value.date().isoformat() if midnight else value.isoformat(sep=" ")
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value)


def _float_text(value: float) -> str:
    if not math.isfinite(value):
        return str(value)
    if value.is_integer() and abs(value) < 10**_SAFE_DIGITS:
        return str(int(value))
    # The shortest text that reads back as the value (765.5) is what Excel shows when it has no
    # exponent and at most 15 significant digits: a double lies far closer to it than half a
    # step of the 15th digit, so rounding to 15 digits lands on it. Most amounts of a sheet.
    shortest = repr(value)
    digits = shortest.replace("-", "").replace(".", "").lstrip("0")
    if "e" not in shortest and len(digits) <= _SAFE_DIGITS:
        return shortest
    # Excel shows 15 significant digits (0.1+0.2 as 0.3); written out positionally, not 1E+17.
    text = format(Decimal(format(value, f".{_SAFE_DIGITS}g")), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def is_lossy_number(value: CellValue) -> bool:
    """A number with more digits than a double keeps: an ID stored as a number, tail lost."""
    return isinstance(value, float) and value.is_integer() and abs(value) >= 10**_SAFE_DIGITS


#: Rows between two looks at whether a column's texts repeat enough to be kept once each.
_POOL_ROWS = 2048
#: The pool of a column whose texts mostly differ: never written to.
_DROPPED: dict[str, str] = {}


def _drop_unrepeated(pools: dict[int, dict[str, str]], rows: int) -> None:
    """Stops pooling the columns with more distinct texts than half the rows read so far."""
    for column, pool in pools.items():
        if len(pool) * 2 > rows:
            pools[column] = _DROPPED


class SheetReader:
    """Turns one sheet's rows into blocks; ``rows`` yields cell values from ``first_column``."""

    def __init__(self, index: int, name: str, merges: Sequence[Merge] = ()) -> None:
        self.index = index
        self.name = name
        self.merges = merges
        self.notices: list[Notice] = []
        self._lossy_columns: set[int] = set()

    def read_into(
        self, out: CellStore, rows: Iterable[Sequence[CellValue]], first_column: int = 0
    ) -> None:
        """Append the cells of ``rows`` to ``out``, as runs of the sheet."""
        iterator = iter(rows)
        top = list(islice(iterator, HEADER_SEARCH_ROWS))
        header_row, labels = self._header(top, first_column)
        body_start = 0 if header_row is None else header_row + 1
        # Calamine's row lists would set off collections that walk the whole heap (the
        # detector's objects too) and find nothing.
        with paused_collector(_FREEZE_AFTER):
            self._read_rows(out, top[:body_start], 0, first_column, {})
            self._read_rows(out, top[body_start:], body_start, first_column, labels)
            self._read_rows(out, iterator, len(top), first_column, labels)
        self._note_lossy_columns()

    def _header(
        self, top: list[Sequence[CellValue]], first_column: int
    ) -> tuple[int | None, dict[int, str]]:
        spans = [self._spans(index, row, first_column) for index, row in enumerate(top)]
        header_row = find_header_row(spans)
        return header_row, {} if header_row is None else header_texts(spans[header_row])

    def _spans(self, row_index: int, row: Sequence[CellValue], first_column: int) -> list[Span]:
        widths = {
            first_col: last_col
            for first_row, first_col, last_row, last_col in self.merges
            if first_row == row_index
        }
        spans = []
        for offset, value in enumerate(row):
            text = cell_text(value)
            if text.strip():
                column = first_column + offset
                spans.append(Span(column, widths.get(column, column), text))
        return spans

    def _read_rows(
        self,
        out: CellStore,
        rows: Iterable[Sequence[CellValue]],
        start: int,
        first_column: int,
        labels: dict[int, str],
    ) -> None:
        """The per-cell path of a million cells: three appends to the run's columns, lookups
        hoisted (the block is made when detection asks for it). A column's texts are kept once
        each while they repeat (names, counts, amounts: a third of a recipient list's memory);
        every ``_POOL_ROWS`` rows a column whose texts mostly differ (IDs, addresses) stops."""
        run = out.run(self.index, self.name, labels)
        add_text, add_row, add_column = run.texts.append, run.rows.append, run.columns.append
        lossy = self._lossy_columns
        pools: dict[int, dict[str, str]] = {}
        check_at = start + _POOL_ROWS
        for row_index, row in enumerate(rows, start):
            if row_index == check_at:
                _drop_unrepeated(pools, row_index - start)
                check_at += _POOL_ROWS
            for column, value in enumerate(row, first_column):
                if value.__class__ is str:
                    if not value or value.isspace():
                        continue
                    text: str = value
                elif value.__class__ is float and value.is_integer() and -_SAFE < value < _SAFE:
                    text = str(int(value))  # cell_text's answer, without its checks (most cells)
                else:
                    text = cell_text(value)
                    if is_lossy_number(value):
                        lossy.add(column)
                pool = pools.get(column)
                if pool is None:
                    pool = pools[column] = {}
                if pool is not _DROPPED:
                    text = pool.setdefault(text, text)
                add_text(text)
                add_row(row_index)
                add_column(column)

    def _note_lossy_columns(self) -> None:
        for column in sorted(self._lossy_columns):
            self.notices.append(
                Notice(
                    "lossy_number",
                    f"工作表“{self.name}”第 {column + 1} 列有超过 {_SAFE_DIGITS} 位的数字以数值"
                    "格式保存，末尾几位可能已在原文件中丢失（如身份证号），请核对原件",
                )
            )
