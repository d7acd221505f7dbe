"""Findings of table cells remembered by what decides them, so that a cell repeated down a column
(a name, a village, a count, an amount) is detected once.

A cell's findings are a function of its text, its row (cells and column roles, whether the table
is private or a roster) and the plan's purpose flags, as long as the name source does not read it
(a typed cell, a label): nothing else of the document or of other blocks enters. Cells whose
findings may depend on more are never remembered: prose, cells the name source reads (the model's
names and the source's detector id), blocks of other kinds, OCR blocks. A finding is remembered
at the cell's original offsets, without the block: the same text gives the same spans.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from review_desk.core.document import Block, BlockKind
from review_desk.core.findings import Finding
from review_desk.core.templated import CellFindings, Recalled, Template
from review_desk.detect.cell_shapes import AddressClass, AddressClasses, Shape, cell_shape
from review_desk.detect.tables import RowInfo
from review_desk.detect.work import kind_wants_names

_CELL_KINDS = frozenset({BlockKind.SHEET_CELL, BlockKind.TABLE_CELL})
#: A row class whose texts rarely repeat (IDs, phone numbers) is no longer remembered once this
#: many of its cells were detected and fewer than one in ``_MIN_HIT_SHARE`` of them repeated a
#: text: a dictionary of a million unique cells would cost memory in every worker, and save
#: nothing. Checked at the start of a range, when the repeats within the last one are counted.
_TRIAL_CELLS = 2_000
_MIN_HIT_SHARE = 10

#: The row by its id (hashing a row hashes each of its cells) and the block's text, or the class
#: of a text in its column's shape or of an address (``cell_shapes.py``).
Key = tuple[int, str | Shape | AddressClass]


@dataclass(slots=True)
class _RowClass:
    #: Held so that its id, which keys the templates, is never another row's.
    row: RowInfo
    detected: int = 0
    hits: int = 0

    @property
    def worth_it(self) -> bool:
        return self.detected < _TRIAL_CELLS or self.hits * _MIN_HIT_SHARE >= self.detected


@dataclass(slots=True)
class CellMemo:
    """Templates of cells' findings by (row, text), for one plan's blocks; ``addresses`` class
    the address cells made of house numbers alone (none are, without it)."""

    addresses: AddressClasses | None = None
    _templates: dict[Key, tuple[Template, ...]] = field(default_factory=dict)
    _classes: dict[int, _RowClass] = field(default_factory=dict)

    def __len__(self) -> int:
        """How many texts are remembered."""
        return len(self._templates)

    def key(self, block: Block, row: RowInfo | None, text: str) -> Key | None:
        """The key of a block whose findings depend on its row and text alone: the class of a
        value in its column's shape, else the class of its address or its text, if its row
        class is still worth remembering by text."""
        if row is None or block.kind not in _CELL_KINDS or type(block) is not Block:
            return None
        return self.cell_key(block.kind, row, block.text, text)

    def cell_key(self, kind: BlockKind, row: RowInfo, original: str, text: str) -> Key | None:
        """``key`` of a plain cell (no OCR) of this kind, by its original and matching text."""
        # The shape is read on the block's own text: a view that differs maps offsets back. A
        # text in a shape holds no Chinese character or sits in a typed column: no name source
        # reads it, so the shape comes first (most cells of a big sheet have one).
        plain = text is original
        shape = cell_shape(row, text) if plain else None
        if shape is None and kind_wants_names(kind, row, text):
            return None
        row_class = self._classes.get(id(row))
        if row_class is None:
            row_class = self._classes[id(row)] = _RowClass(row)
        if shape is not None:
            return (id(row), shape)
        if not row_class.worth_it:
            return None
        address = self.addresses.of(row, text) if plain and self.addresses else None
        return (id(row), address or original)

    def recall(self, key: Key, block_id: str, text: str) -> Recalled | None:
        """The findings remembered for ``key``, in the block of that id and original text."""
        templates = self._templates.get(key)
        if templates is None:
            return None
        self._classes[key[0]].hits += 1
        return templates, block_id, text

    def recall_all(
        self, keys: Sequence[Key | None], ids: Sequence[str], texts: Sequence[str]
    ) -> list[CellFindings | None]:
        """``recall`` of each cell (None for one without a key): the per-cell path of a
        million cells, its hits added per row class at the end (only ``key`` reads them, for
        the next range)."""
        templates_of = self._templates.get
        hit_rows: list[int] = []
        hit = hit_rows.append
        found: list[CellFindings | None] = []
        add = found.append
        for key, block_id, text in zip(keys, ids, texts, strict=True):
            templates = None if key is None else templates_of(key)
            if templates is None:
                add(None)
            else:
                hit(key[0])  # type: ignore[index]  # a template was found: there is a key
                add((templates, block_id, text))
        for row, hits in Counter(hit_rows).items():
            self._classes[row].hits += hits
        return found

    def remember(self, key: Key, findings: list[Finding]) -> None:
        self._classes[key[0]].detected += 1
        self._templates[key] = tuple(
            (f.type, f.start, f.end, f.score, f.action, f.detector, f.explanation) for f in findings
        )
