"""What detection holds for one block between finding candidates and deciding their actions."""

from __future__ import annotations

import re
from dataclasses import dataclass

from review_desk.core.document import Block, BlockKind
from review_desk.detect.actions import Candidate
from review_desk.detect.tables import PERSON, ROLE_TYPES, Cell, RowInfo
from review_desk.detect.terms import CueIndex, TermHit
from review_desk.detect.views import BlockView, has_cjk

#: Blocks whose text is prose the name source should read (table cells are read by column).
_NAME_KINDS = frozenset(
    {
        BlockKind.PARAGRAPH,
        BlockKind.PDF_LINE,
        BlockKind.TEXT_BOX,
        BlockKind.FOOTNOTE,
        BlockKind.COMMENT,
        BlockKind.HEADER,
        BlockKind.FOOTER,
        BlockKind.TABLE_CELL,
        BlockKind.SHEET_CELL,
    }
)


@dataclass(slots=True)
class BlockWork:
    block: Block
    view: BlockView
    row: RowInfo | None
    candidates: list[Candidate]
    health: list[TermHit]
    #: Masked names, added after the name source's names (the order breaks ties in overlaps).
    masked: list[tuple[int, int]]
    #: The context cues of the block, found on first use.
    cues: CueIndex

    @property
    def text(self) -> str:
        return self.view.text

    @property
    def label(self) -> bool:
        """A header cell or line: labels, never values."""
        return self.row is not None and self.row.label

    @property
    def cells(self) -> tuple[Cell, ...]:
        return () if self.row is None else self.row.cells

    @property
    def wants_names(self) -> bool:
        return wants_names(self.block, self.row, self.text)


def wants_names(block: Block, row: RowInfo | None, text: str) -> bool:
    """Whether the name source should read the block: prose, and table cells of no typed column
    (a 备注 cell may name a family member); a typed cell is read by its column instead, and a
    block without Chinese characters holds no Chinese name."""
    return kind_wants_names(block.kind, row, text)


def kind_wants_names(kind: BlockKind, row: RowInfo | None, text: str) -> bool:
    """``wants_names`` of a block of this kind."""
    if row is not None:
        if row.label:
            return False
        # A loop, not any() over a generator: this runs two or three times per cell of a sheet.
        for cell in row.cells:
            if _typed(cell, text):
                return False
    return kind in _NAME_KINDS and has_cjk(text)


#: A person cell holding more than a name: a relation, an ID, another member
#: ("党某某（妻），身份证号…", "张某（子）、李某（女）").
_MORE_THAN_A_NAME = re.compile(r"[\d，,、；;（(：:]")


def _typed(cell: Cell, text: str) -> bool:
    """Whether the cell is read by its column alone: a person cell that holds more than a name
    is read by the name source too (its column's value would be the whole cell)."""
    if cell.role == PERSON and _MORE_THAN_A_NAME.search(text, cell.start, cell.end):
        return False
    return cell.role in ROLE_TYPES
