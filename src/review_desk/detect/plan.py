"""The whole-document pass that comes before any block is detected: the blocks with text, the
layout of the tables (roles from headers, title and footer rows, forms), rows of tables written
as text, and whether the document publishes people by name (POLICY.md §5, 公示 by purpose)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from review_desk.core.cells import loose_blocks, texts_of, with_text
from review_desk.core.document import Block, BlockKind, Document
from review_desk.detect.actions import ASSISTANCE, COMMENDATION, SEEKING, ActionRules, Purpose
from review_desk.detect.cell_memo import CellMemo
from review_desk.detect.cell_shapes import AddressClasses
from review_desk.detect.tables import Cell, ColumnRoles, Place, RowInfo, TableInfo, table_of
from review_desk.detect.text_tables import TextTables
from review_desk.detect.views import TEXT_EDGE, block_view, has_cjk, is_plain

#: Blocks detected together: the per-block work of a chunk dies before the next chunk starts, so
#: memory stays flat on a sheet of a million cells (the findings are what remains). A chunk also
#: ends at ``CHUNK_CHARS`` characters of text, so that a long document of prose (whose names
#: the model reads) is several chunks too, for as many processes as a scan has workers; a sheet's
#: chunks of short cells end at their block count as before.
CHUNK_BLOCKS = 20_000
CHUNK_CHARS = 25_000
#: Blocks that may hold a table written as text, one row per block.
_ROW_KINDS = frozenset({BlockKind.PARAGRAPH, BlockKind.PDF_LINE})
#: Blocks that may be a document's title: a heading, a line, a table's (sheet's) title row.
_TITLE_KINDS = frozenset(
    {
        BlockKind.PARAGRAPH,
        BlockKind.PDF_LINE,
        BlockKind.TEXT_BOX,
        BlockKind.TABLE_CELL,
        BlockKind.SHEET_CELL,
    }
)


@dataclass(frozen=True, slots=True)
class DetectionPlan:
    """What is decided over the whole document before any block is detected. Any range of
    blocks is then detected on its own, with the same findings as when the whole document is
    detected at once."""

    blocks: Sequence[Block]
    tables: dict[str, TableInfo]
    text_rows: dict[str, RowInfo]
    #: What the document is for: it honours people by name, seeks a person's family, or lists
    #: assistance (the heads of the organisations it lists receive it).
    purpose: Purpose
    #: Rows of table cells by (table, role, text length): a million cells share a few dozen.
    _cell_rows: dict[tuple[str, str | None, int], RowInfo] = field(default_factory=dict)
    #: Findings of the cells detected so far, by row and text.
    memo: CellMemo = field(default_factory=CellMemo)

    def chunks(self) -> list[tuple[int, int]]:
        """Ranges of ``blocks`` to detect one at a time: at most ``CHUNK_BLOCKS`` blocks, and
        ended after the block that reaches ``CHUNK_CHARS`` characters."""
        ranges: list[tuple[int, int]] = []
        start = chars = 0
        for index, text in enumerate(texts_of(self.blocks)):
            chars += len(text)
            if index + 1 - start == CHUNK_BLOCKS or chars >= CHUNK_CHARS:
                ranges.append((start, index + 1))
                start, chars = index + 1, 0
        if start < len(self.blocks):
            ranges.append((start, len(self.blocks)))
        return ranges

    def row(self, block: Block, text: str) -> RowInfo | None:
        """The block's cells and column roles, if it is (in) a table row."""
        found = self.text_rows.get(block.id)
        if found is not None or block.column is None:
            return found
        table = table_of(block)
        if table is None:
            return None
        return self.cell_row(table, block.row or 0, block.column, block.text, text)

    def record_rows(self, table: str) -> tuple[int, frozenset[int], dict[int, str]] | None:
        """Where the records of a table start, which rows among them are notes or footers, and
        the column headers; None for a form, or no table: there a cell's row is not its
        column's alone."""
        info = self.tables.get(table)
        if info is None or info.form is not None:
            return None
        return info.body_start, info.prose_rows, info.headers

    def cell_row(
        self, table: str, at_row: int, column: int, original: str, text: str
    ) -> RowInfo | None:
        """The row of the cell of ``table`` at (at_row, column), by its original and matching
        text."""
        info = self.tables.get(table)
        if info is None:
            return None
        layout = info.layout_at(at_row, column, original)
        if layout.place is Place.PROSE:
            # A title, note or footer: read like a paragraph, with its own context.
            return None
        if layout.place is Place.LABEL:
            return RowInfo((), info.private, info.roster, label=True, quiet=layout.quiet)
        key = (table, layout.role, len(text))
        row = self._cell_rows.get(key)
        if row is None:
            cells = (Cell(0, len(text), layout.role),)
            row = self._cell_rows[key] = RowInfo(cells, info.private, info.roster)
        return row


class Planner:
    """Makes the plan of a document: cheap, and nothing of it is kept per block."""

    def __init__(
        self,
        columns: ColumnRoles,
        text_tables: TextTables,
        actions: ActionRules,
        title_blocks: int,
        addresses: AddressClasses,
    ) -> None:
        self.columns = columns
        self.text_tables = text_tables
        self.actions = actions
        self.title_blocks = title_blocks
        self.addresses = addresses

    def plan(self, document: Document) -> DetectionPlan:
        blocks = with_text(document.blocks)
        # A sheet's cells are no lines.
        lines = [(b.id, block_view(b).text) for b in loose_blocks(blocks) if b.kind in _ROW_KINDS]
        tables = self.columns.tables(blocks)
        text_rows = self.text_tables.rows(lines)
        purpose = self._purpose(blocks, tables, text_rows, dict(lines))
        return DetectionPlan(blocks, tables, text_rows, purpose, memo=CellMemo(self.addresses))

    def _purpose(
        self,
        blocks: Sequence[Block],
        tables: dict[str, TableInfo],
        text_rows: dict[str, RowInfo],
        line_texts: dict[str, str],
    ) -> Purpose:
        """What the document is for (POLICY.md §5, 公示 by purpose). Its title says it, an
        assistance cue before a commendation cue (a sheet's title row as much as a DOCX
        heading); a document whose title says neither is a commendation only when a
        commendation cue occurs in it and no assistance cue does, and a list of assistance when
        an assistance cue does. The cues of the whole text are looked for once, if at all."""
        titled = next(
            (
                found
                for title in self._titles(blocks, tables, text_rows)
                if (found := self.actions.purposes(title))
            ),
            None,
        )
        everywhere: frozenset[str] | None = None

        def anywhere() -> frozenset[str]:
            nonlocal everywhere
            if everywhere is None:
                everywhere = self._purposes(blocks, line_texts)
            return everywhere

        if titled is not None:
            commends = ASSISTANCE not in titled
            assists = ASSISTANCE in titled
        else:
            commends = anywhere() - {SEEKING} == {COMMENDATION}
            assists = ASSISTANCE in anywhere()
        seeking = commends and SEEKING in anywhere()
        return Purpose(commends, seeking, assists and not commends)

    def _titles(
        self, blocks: Sequence[Block], tables: dict[str, TableInfo], text_rows: dict[str, RowInfo]
    ) -> list[str]:
        """The first lines of text before any record: headings, a table's title rows."""
        titles: list[str] = []
        for block in blocks:
            place = _place(block, tables, text_rows)
            if place is Place.VALUE:
                break
            text = block_view(block).text if place is Place.PROSE else ""
            if has_cjk(text):
                titles.append(text)
                if len(titles) == self.title_blocks:
                    break
        return titles

    def _purposes(self, blocks: Sequence[Block], line_texts: dict[str, str]) -> frozenset[str]:
        """The purpose cues anywhere in the document: in one pass over all texts when none of
        them needs normalising (a sheet of digits and simplified characters), else block by
        block (the matching texts of lines known already: ``line_texts``)."""
        # No cue holds the separator, so no cue is found across two blocks.
        joined = TEXT_EDGE.join(texts_of(blocks))
        if is_plain(joined):
            return self.actions.purposes(joined)
        found: set[str] = set()
        for block in blocks:
            known = line_texts.get(block.id)
            found |= self.actions.purposes(block_view(block).text if known is None else known)
        return frozenset(found)


def _place(
    block: Block, tables: dict[str, TableInfo], text_rows: dict[str, RowInfo]
) -> Place | None:
    """Whether a block is prose, a label or a record's value; None for a block that cannot be
    a title (a page header, a comment, a property)."""
    if block.kind not in _TITLE_KINDS:
        return None
    row = text_rows.get(block.id)
    if row is not None:
        return Place.LABEL if row.label else Place.VALUE
    table = table_of(block)
    info = tables.get(table) if table is not None else None
    return Place.PROSE if info is None else info.layout(block).place
