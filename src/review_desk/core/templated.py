"""The findings of a range of cells, most of them still the cell memo's templates.

A big sheet's cells repeat a few findings: each ID cell one CN_RESIDENT_ID over its whole text,
each name cell one PERSON. The cell memo (``detect/cell_memo.py``) keeps them as templates, a
finding without its block and text. Made into ``Finding`` objects and then taken apart again by
the report's encoder and the proposal's tally, a million rows' findings cost more than their
detection; kept as (templates, block id, text) per cell, the encoder and the tally read them
there, and a Finding is made only for whoever iterates.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import overload

from review_desk.core.findings import Action, Finding, FindingType

#: A finding without its block: type, start, end, score, action, detector, explanation.
Template = tuple[FindingType, int, int, float, Action, str, str]
#: A cell's findings as the templates it repeats, with its block id and its original text.
Recalled = tuple[tuple[Template, ...], str, str]
#: A cell's findings: detected (a list), or recalled.
CellFindings = list[Finding] | Recalled


def findings_of(recalled: Recalled) -> list[Finding]:
    """The Findings of a recalled cell: the templates at the cell's block and original text."""
    templates, block_id, text = recalled
    return [
        Finding(kind, block_id, start, end, text[start:end], score, action, detector, why)
        for kind, start, end, score, action, detector, why in templates
    ]


class TemplatedFindings(Sequence[Finding]):
    """Findings in block order, per cell detected or recalled (``cells``)."""

    __slots__ = ("_cells", "_list")

    def __init__(self, cells: list[CellFindings]) -> None:
        self._cells = cells
        self._list: list[Finding] | None = None

    @property
    def cells(self) -> list[CellFindings]:
        return self._cells

    def __iter__(self) -> Iterator[Finding]:
        if self._list is not None:
            yield from self._list
            return
        for cell in self._cells:
            yield from (cell if isinstance(cell, list) else findings_of(cell))

    def __len__(self) -> int:
        return sum(len(cell if isinstance(cell, list) else cell[0]) for cell in self._cells)

    @overload
    def __getitem__(self, index: int) -> Finding: ...
    @overload
    def __getitem__(self, index: slice) -> list[Finding]: ...
    def __getitem__(self, index: int | slice) -> Finding | list[Finding]:
        if self._list is None:
            self._list = list(self)
        return self._list[index]


__all__ = ["CellFindings", "Recalled", "Template", "TemplatedFindings", "findings_of"]
