"""The document model: a Document is a list of Blocks, each with its original text.

Every finding points at (block id, start, end) in a block's original text, so one finding can be
highlighted, masked and counted in the log without re-reading the file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property, lru_cache

from review_desk.core.normalize import NormalizedText, normalize
from review_desk.core.slots import quick_init


class BlockKind(StrEnum):
    PARAGRAPH = "paragraph"
    TABLE_CELL = "table_cell"
    HEADER = "header"
    FOOTER = "footer"
    FOOTNOTE = "footnote"
    COMMENT = "comment"
    TEXT_BOX = "text_box"
    SHEET_CELL = "sheet_cell"
    PDF_LINE = "pdf_line"
    PROPERTY = "property"
    LINK_TARGET = "link_target"
    FORM_FIELD = "form_field"


#: Where a block sits when the reader of the published document would not see it directly.
HIDDEN_ORIGINS = frozenset(
    {"tracked_deletion", "hidden_text", "comment", "property", "link_target"}
)

CharBox = tuple[float, float, float, float]


@lru_cache(maxsize=4096)
def _normalized(text: str) -> NormalizedText:
    return normalize(text)


# Slots: a 160,000-row sheet makes over a million blocks, and a __dict__ each costs ~70 MB more.
@quick_init
@dataclass(frozen=True, slots=True)
class Block:
    """One unit of text with a stable id, e.g. ``p12``, ``t0:r3:c2``, ``s1:r5:c2``, ``pg3:l12``."""

    id: str
    kind: BlockKind
    text: str
    row: int | None = None
    column: int | None = None
    header: str | None = None
    page: int | None = None
    sheet: str | None = None
    origin: str | None = None
    char_boxes: tuple[CharBox, ...] | None = None

    @property
    def normalized(self) -> NormalizedText:
        return _normalized(self.text)

    @property
    def hidden(self) -> bool:
        return self.origin in HIDDEN_ORIGINS


# A subclass, not a field of Block: a slot costs every block of a million-cell sheet 8 bytes.
@dataclass(frozen=True, slots=True)
class OcrBlock(Block):
    """A line or table cell read by OCR, with how sure the engine is of each character (0–1),
    aligned with the text."""

    char_confidences: tuple[float, ...] = ()

    @property
    def confidence(self) -> float | None:
        """The mean confidence of the line or cell."""
        scores = self.char_confidences
        return sum(scores) / len(scores) if scores else None


@dataclass(frozen=True)
class Notice:
    """Something the reviewer must know about a loaded file that is not an error: above all,
    what was read only in part or not at all (a page without text, an embedded object).

    ``block`` names where it applies when that is one place (``pg3``, ``emb0``, ``p12``).
    """

    key: str
    message: str
    block: str | None = None

    def to_json(self) -> dict[str, object]:
        return {"key": self.key, "message": self.message, "block": self.block}


@dataclass(frozen=True)
class ScannedPage:
    """A page (or image frame) whose text was read by OCR: its blocks' boxes are in points
    from the page's top left, and the page was read at ``dpi`` (pixels = points × dpi / 72).
    ``rotation`` is how far the page image had to be turned (clockwise) to stand upright."""

    number: int
    dpi: float
    width: float
    height: float
    confidence: float
    rotation: int = 0


@dataclass
class Document:
    path: str
    sha256: str
    format: str
    #: A list, or a ``CellStore`` of a workbook's cells (``core/cells.py``).
    blocks: Sequence[Block] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    #: Pages read by OCR, by page number (a text PDF has none).
    scanned_pages: dict[int, ScannedPage] = field(default_factory=dict)

    def block(self, block_id: str) -> Block:
        return self._by_id[block_id]

    @cached_property
    def _by_id(self) -> dict[str, Block]:
        return {b.id: b for b in self.blocks}

    def columns(self, table_prefix: str) -> dict[int, str]:
        """Header text of each column of one table or sheet (block ids starting with the prefix)."""
        found: dict[int, str] = {}
        for b in self.blocks:
            if b.id.startswith(table_prefix) and b.column is not None and b.header:
                found.setdefault(b.column, b.header)
        return found
