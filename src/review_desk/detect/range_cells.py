"""The blocks of one range of a plan as detection reads them: ids, original and matching texts,
rows and memo keys. Where the range holds a store's sheet cells (``core/cells.py``) they are read
from its columns, and a block is made only for a cell that is detected, not for the many the
cell memo answers (``cell_memo.py``): the same values as when every block is made."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from review_desk.core.cells import CellRun, CellStore, Part
from review_desk.core.document import Block, BlockKind
from review_desk.detect.cell_memo import Key
from review_desk.detect.plan import DetectionPlan
from review_desk.detect.tables import RowInfo
from review_desk.detect.views import TEXT_EDGE, BlockView, is_plain, matching_texts

_SHEET_CELL = BlockKind.SHEET_CELL


@dataclass(frozen=True, slots=True)
class RangeCells:
    """Per block of the range, in order: what detection reads of it."""

    ids: list[str]
    originals: list[str]
    #: What detection matches on; the originals themselves when ``views`` is None.
    texts: list[str]
    views: list[BlockView] | None
    rows: list[RowInfo | None]
    keys: list[Key | None]
    #: Where each part's share starts in the range, the part, and where it starts in the part.
    _starts: list[int]
    _parts: list[tuple[Part, int]]

    def view(self, index: int) -> BlockView:
        return BlockView(self.texts[index], None) if self.views is None else self.views[index]

    def block(self, index: int) -> Block:
        at = bisect_right(self._starts, index) - 1
        part, first = self._parts[at]
        offset = first + index - self._starts[at]
        return part.block(offset) if isinstance(part, CellRun) else part[offset]


def range_cells(plan: DetectionPlan, start: int, stop: int) -> RangeCells:
    """The blocks [start, stop) of the plan. A store's range is read from its columns when all
    of its texts are their own matching view (most chunks of a sheet); otherwise, or for a
    document's list of blocks, from its blocks."""
    blocks = plan.blocks
    if isinstance(blocks, CellStore):
        texts = blocks.texts(start, stop)
        if is_plain(TEXT_EDGE.join(texts)):
            return _from_columns(plan, blocks.spans(start, stop), texts)
    return _from_blocks(plan, list(blocks[start:stop]))


def _from_blocks(plan: DetectionPlan, blocks: list[Block]) -> RangeCells:
    texts, views = matching_texts(blocks)
    rows, keys = _rows_and_keys(plan, blocks, texts)
    originals = texts if views is None else [b.text for b in blocks]
    ids = [b.id for b in blocks]
    return RangeCells(ids, originals, texts, views, rows, keys, [0], [(blocks, 0)])


def _rows_and_keys(
    plan: DetectionPlan, blocks: list[Block], texts: list[str]
) -> tuple[list[RowInfo | None], list[Key | None]]:
    """The rows and memo keys of blocks by their matching texts."""
    rows = [plan.row(b, t) for b, t in zip(blocks, texts, strict=True)]
    keys = [plan.memo.key(b, r, t) for b, t, r in zip(blocks, texts, rows, strict=True)]
    return rows, keys


def _from_columns(
    plan: DetectionPlan, spans: list[tuple[Part, int, int]], texts: list[str]
) -> RangeCells:
    ids: list[str] = []
    rows: list[RowInfo | None] = []
    keys: list[Key | None] = []
    starts: list[int] = []
    parts: list[tuple[Part, int]] = []
    for part, first, last in spans:
        starts.append(len(ids))
        parts.append((part, first))
        if isinstance(part, CellRun):
            ids += part.ids(first, last)
            _read_run(plan, part, first, last, (rows, keys))
        else:
            blocks = part[first:last]
            ids += [b.id for b in blocks]
            found, found_keys = _rows_and_keys(plan, blocks, [b.text for b in blocks])
            rows += found
            keys += found_keys
    return RangeCells(ids, texts, texts, None, rows, keys, starts, parts)


def _read_run(
    plan: DetectionPlan,
    run: CellRun,
    first: int,
    last: int,
    into: tuple[list[RowInfo | None], list[Key | None]],
) -> None:
    """The rows and keys of a run's cells [first, last): the per-cell path of a million
    cells, lookups hoisted. A record's cell (below the header, in no note or footer row, in a
    table that is no form) has the row and key its column and text give it: they are looked
    up by text in a column where texts repeat (names, counts, amounts)."""
    rows, keys = into
    table = run.table
    cell_row, cell_key = plan.cell_row, plan.memo.cell_key
    add_row, add_key = rows.append, keys.append
    records = plan.record_rows(table)
    body_start, notes, headers = records if records is not None else (_NEVER, frozenset(), {})
    columns: dict[int, _ColumnCells] = {}
    for text, at_row, column in zip(
        run.texts[first:last], run.rows[first:last], run.columns[first:last], strict=True
    ):
        seen = None
        if at_row >= body_start and at_row not in notes:
            seen = columns.get(column)
            if seen is None:
                seen = columns[column] = _ColumnCells(headers.get(column))
            hit = seen.cells.get(text)
            if hit is not None:
                seen.hits += 1
                add_row(hit[0])
                add_key(hit[1])
                continue
            # A record's value (no repeat of the column's label) has the row of its length.
            if seen.label is None or text.strip() != seen.label:
                row = seen.rows.get(len(text), _UNSEEN)
                if row is _UNSEEN:
                    row = seen.rows[len(text)] = cell_row(table, at_row, column, text, text)
            else:
                row = cell_row(table, at_row, column, text, text)
        else:
            row = cell_row(table, at_row, column, text, text)
        key = None if row is None else cell_key(_SHEET_CELL, row, text, text)
        add_row(row)
        add_key(key)
        if seen is not None and seen.worth_it():
            seen.cells[text] = (row, key)


_UNSEEN: Any = object()
#: A row no sheet reaches: a table without records (a form, or no table at all).
_NEVER = 1 << 40
#: A column's texts are no longer remembered once this many were looked up in vain and fewer
#: than one in ``_MIN_HIT_SHARE`` of its cells found theirs (a column of IDs or addresses).
_TRIAL_MISSES = 256
_MIN_HIT_SHARE = 4


class _ColumnCells:
    """The rows and keys of one column's texts, while they repeat."""

    __slots__ = ("cells", "hits", "label", "rows")

    def __init__(self, header: str | None) -> None:
        self.cells: dict[str, tuple[RowInfo | None, Key | None]] = {}
        self.hits = 0
        #: A cell with the header's text is a label (``TableInfo.is_label``), not a value.
        self.label = header.strip() if header is not None else None
        #: The rows of its values by their length (``DetectionPlan.cell_row``).
        self.rows: dict[int, RowInfo | None] = {}

    def worth_it(self) -> bool:
        misses = len(self.cells)
        return misses < _TRIAL_MISSES or self.hits * _MIN_HIT_SHARE >= misses
