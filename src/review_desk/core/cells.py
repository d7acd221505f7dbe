"""A sheet's cells kept as columns of plain values; a Block is made only when one is asked for.

A recipient list of a million rows has seven million cells. As Block objects (a slotted object,
an id string and a list entry: ~255 bytes each, text aside) they fill 1.8 GB before anything is
detected; kept as one list of texts and two arrays of positions per run of rows (~75 bytes a
cell with its text), the same sheet takes a third of that. The passes that read every cell (the
plan's table pass, the markings, the chunking) read the columns directly; detection makes the
blocks of one chunk at a time, and they die with it. A block made on demand has exactly the id
and fields the sheet reader used to give it.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import accumulate, chain
from typing import Any, overload

from review_desk.core.document import Block, BlockKind

_SHEET_CELL = BlockKind.SHEET_CELL
#: Blocks made at a time by a walk over a store.
_BATCH = 1024


class CellRun:
    """Consecutive non-empty cells of one sheet read under one set of column headers (a sheet's
    title rows have none, its records have the header row's), in reading order."""

    __slots__ = ("columns", "headers", "rows", "sheet", "sheet_index", "texts")

    def __init__(self, sheet_index: int, sheet: str, headers: dict[int, str]) -> None:
        self.sheet_index = sheet_index
        self.sheet = sheet
        self.headers = headers
        self.texts: list[str] = []
        self.rows = array("i")
        self.columns = array("i")

    def __len__(self) -> int:
        return len(self.texts)

    @property
    def table(self) -> str:
        """The table id of its cells (what ``table_of`` reads from a block id)."""
        return f"s{self.sheet_index}"

    def ids(self, start: int, stop: int) -> list[str]:
        """The block ids of cells [start, stop): ``s{sheet}:r{row}:c{column}``."""
        prefix = f"{self.table}:r"
        return [
            f"{prefix}{row}:c{column}"
            for row, column in zip(self.rows[start:stop], self.columns[start:stop], strict=True)
        ]

    def block(self, index: int) -> Block:
        return self.blocks(index, index + 1)[0]

    def blocks(self, start: int, stop: int) -> list[Block]:
        """The blocks of cells [start, stop): the per-cell path of a chunk, lookups hoisted."""
        prefix, sheet, header = f"{self.table}:r", self.sheet, self.headers.get
        return [
            Block(
                f"{prefix}{row}:c{column}",
                _SHEET_CELL,
                text,
                row,
                column,
                header(column),
                None,
                sheet,
            )
            for text, row, column in zip(
                self.texts[start:stop], self.rows[start:stop], self.columns[start:stop], strict=True
            )
        ]


#: A part of a store: a run of cells, or blocks of other kinds (properties, embedded objects).
Part = CellRun | list[Block]
#: What is taken of a part's cells [start, stop).
_Take = Callable[[Part, int, int], Sequence[Any]]


class CellStore(Sequence[Block]):
    """The blocks of a workbook or CSV file: runs of cells, then any other blocks, in order.
    Indexing gives a Block, slicing a list of them; ``parts`` gives the runs themselves."""

    __slots__ = ("_parts",)

    def __init__(self) -> None:
        self._parts: list[Part] = []

    def run(self, sheet_index: int, sheet: str, headers: dict[int, str]) -> CellRun:
        """A new run at the end, for the reader to fill."""
        run = CellRun(sheet_index, sheet, headers)
        self._parts.append(run)
        return run

    def append(self, block: Block) -> None:
        self._loose().append(block)

    def extend(self, blocks: Iterable[Block]) -> None:
        added = list(blocks)
        if added:
            self._loose().extend(added)

    def _loose(self) -> list[Block]:
        last = self._parts[-1] if self._parts else None
        if isinstance(last, list):
            return last
        loose: list[Block] = []
        self._parts.append(loose)
        return loose

    def parts(self) -> list[Part]:
        return list(self._parts)

    def nonempty(self) -> CellStore:
        """The store without its blocks of no text (a run's cells all have text)."""
        store = CellStore()
        for part in self._parts:
            if isinstance(part, CellRun):
                store._parts.append(part)
            else:
                store.extend(block for block in part if block.text)
        return store

    def texts(self, start: int = 0, stop: int | None = None) -> list[str]:
        """The texts of blocks [start, stop), no block made."""
        return list(chain.from_iterable(self._pieces(start, stop, _texts)))

    def block_ids(self, start: int = 0, stop: int | None = None) -> list[str]:
        return list(chain.from_iterable(self._pieces(start, stop, _ids)))

    def __len__(self) -> int:
        return sum(map(len, self._parts))

    @overload
    def __getitem__(self, index: int) -> Block: ...

    @overload
    def __getitem__(self, index: slice) -> list[Block]: ...

    def __getitem__(self, index: int | slice) -> Block | list[Block]:
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            if step != 1:
                return list(self)[index]
            return list(chain.from_iterable(self._pieces(start, stop, _blocks)))
        size = len(self)
        if index < 0:
            index += size
        if not 0 <= index < size:
            raise IndexError("block index out of range")
        ends = list(accumulate(map(len, self._parts)))
        at = bisect_right(ends, index)
        part, offset = self._parts[at], index - (ends[at - 1] if at else 0)
        return part.block(offset) if isinstance(part, CellRun) else part[offset]

    def __iter__(self) -> Iterator[Block]:
        for part in self._parts:
            if isinstance(part, CellRun):
                # A batch at a time: a walk that stops early makes few blocks.
                for start in range(0, len(part), _BATCH):
                    yield from part.blocks(start, start + _BATCH)
            else:
                yield from part

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"CellStore({len(self)} blocks in {len(self._parts)} parts)"

    def spans(self, start: int, stop: int | None = None) -> list[tuple[Part, int, int]]:
        """Each part's share of blocks [start, stop), as (part, first, last) within it."""
        stop = len(self) if stop is None else stop
        found: list[tuple[Part, int, int]] = []
        offset = 0
        for part in self._parts:
            size = len(part)
            first, last = max(start - offset, 0), min(stop - offset, size)
            if first < last:
                found.append((part, first, last))
            offset += size
            if offset >= stop:
                break
        return found

    def _pieces(self, start: int, stop: int | None, take: _Take) -> Iterator[Sequence[Any]]:
        """``take`` of each part's share of [start, stop)."""
        return (take(part, first, last) for part, first, last in self.spans(start, stop))


def _texts(part: Part, start: int, stop: int) -> Sequence[str]:
    if isinstance(part, CellRun):
        return part.texts[start:stop]
    return [block.text for block in part[start:stop]]


def _ids(part: Part, start: int, stop: int) -> Sequence[str]:
    if isinstance(part, CellRun):
        return part.ids(start, stop)
    return [block.id for block in part[start:stop]]


def _blocks(part: Part, start: int, stop: int) -> Sequence[Block]:
    return part.blocks(start, stop) if isinstance(part, CellRun) else part[start:stop]


def texts_of(blocks: Sequence[Block], start: int = 0, stop: int | None = None) -> list[str]:
    """The texts of ``blocks[start:stop]``, without making the blocks of a store."""
    if isinstance(blocks, CellStore):
        return blocks.texts(start, stop)
    return [block.text for block in blocks[start:stop]]


def loose_blocks(blocks: Sequence[Block]) -> Iterator[Block]:
    """The blocks that are not a store's sheet cells (all of a list): properties, embedded
    objects, a document's paragraphs."""
    if not isinstance(blocks, CellStore):
        yield from blocks
        return
    for part in blocks.parts():
        if not isinstance(part, CellRun):
            yield from part


def with_text(blocks: Sequence[Block]) -> Sequence[Block]:
    """The blocks that have text (every cell of a store has)."""
    if isinstance(blocks, CellStore):
        return blocks.nonempty()
    return [block for block in blocks if block.text]


def block_ids_of(blocks: Sequence[Block], start: int = 0, stop: int | None = None) -> list[str]:
    """The ids of ``blocks[start:stop]``, without making the blocks of a store."""
    if isinstance(blocks, CellStore):
        return blocks.block_ids(start, stop)
    return [block.id for block in blocks[start:stop]]
