"""The document in context: every block where it stands (paragraphs, tables and sheets as grids,
headers, footers, comments and properties labelled as such), each finding highlighted by its
decision (background) and its kind of type (underline), the current one picked out.

The text is built with a QTextCursor, not as HTML, so that each block's place in the view is
known: a mouse selection maps back to (block, start, end) in the block's original text, and a
decision re-colours one span instead of rebuilding the page. A big sheet is shown as a window
of blocks around the current finding.
"""

from __future__ import annotations

import bisect
from collections import Counter
from itertools import groupby

from PySide6.QtCore import QCoreApplication, QPoint, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrameFormat,
    QTextTableFormat,
)
from PySide6.QtWidgets import QMenu, QTextBrowser, QTextEdit, QWidget

from review_desk.core.document import Block, BlockKind
from review_desk.core.findings import FindingType
from review_desk.core.review import RecordedFinding, Review
from review_desk.gui.findings_model import decision_of
from review_desk.gui.labels import (
    DECISION_COLOURS,
    UNDECIDED_COLOUR,
    type_label,
)
from review_desk.gui.loaded import FindingIndex, LoadedDocument
from review_desk.gui.page import (
    findings_on_page,
    kind_label,
    label_format,
    masked_format,
    table_of,
    underline,
)
from review_desk.gui.redact_adapter import preview_blocks, redacted_spans

#: Blocks rendered at once; a sheet of a million cells is shown as a window around the finding.
MAX_BLOCKS_SHOWN = 3000
_CURRENT = "#64b5f6"


class DocumentView(QTextBrowser):
    """``add_requested(type)`` asks the window to add the selected text as a finding."""

    add_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self._loaded: LoadedDocument | None = None
        self._review: Review | None = None
        self._window = range(0)
        # Where each shown block's text lies on the page: sorted starts (for a selection) and
        # block id → (start, end) (for a finding).
        self._starts: list[int] = []
        self._ids: list[str] = []
        self._spans: dict[str, tuple[int, int]] = {}
        self._on_page: list[int] = []
        self._index: FindingIndex = ({}, 0)
        self._preview = False

    # --- what is shown --------------------------------------------------------------------

    @property
    def preview(self) -> bool:
        return self._preview

    @property
    def shown_blocks(self) -> list[str]:
        return list(self._ids)

    def show_document(
        self,
        loaded: LoadedDocument | None,
        review: Review | None,
        index: FindingIndex | None = None,
    ) -> None:
        self._loaded, self._review = loaded, review
        self._index = index or ({}, 0)
        self._window = range(0)
        if loaded is None or review is None:
            self.clear()
            self._starts, self._ids, self._spans, self._on_page = [], [], {}, []
            return
        self._render(0)

    def set_preview(self, on: bool) -> None:
        self._preview = on
        if self._loaded is not None and self._review is not None:
            self._render(self._window.start)

    def recolour(self, review: Review) -> None:
        """Repaint the findings on the page after decisions (positions hold: the text itself
        never changes outside the preview)."""
        self._review = review
        if self._preview:
            self._render(self._window.start)
            return
        for index in self._on_page:
            finding = review.findings[index]
            cursor = self._cursor_over(finding)
            if cursor is not None:
                cursor.setCharFormat(self._format(review, finding))

    def show_finding(self, finding: RecordedFinding | None) -> None:
        """Pick out the current finding and scroll it into view."""
        if finding is None or self._loaded is None:
            self.setExtraSelections([])
            return
        index = self._loaded.block_order.get(finding.block)
        if index is not None and index not in self._window:
            self._render(max(0, index - MAX_BLOCKS_SHOWN // 2))
        cursor = self._cursor_over(finding)
        if cursor is None:
            self.setExtraSelections([])
            return
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        current = QTextCharFormat()
        current.setBackground(QColor(_CURRENT))
        current.setProperty(QTextFormat.Property.FullWidthSelection, False)
        selection.format = current
        self.setExtraSelections([selection])
        self._scroll_to(cursor)

    def selected_span(self) -> tuple[str, int, int, str] | None:
        """The mouse selection as (block id, start, end, text), if it lies within one block."""
        cursor = self.textCursor()
        if self._preview or not cursor.hasSelection() or self._loaded is None:
            return None
        first, last = cursor.selectionStart(), cursor.selectionEnd()
        at = bisect.bisect_right(self._starts, first) - 1
        if at < 0:
            return None
        block = self._loaded.document.block(self._ids[at])
        start, end = first - self._starts[at], last - self._starts[at]
        if end > len(block.text):
            return None
        return block.id, start, end, block.text[start:end]

    # --- building the page ----------------------------------------------------------------

    def _render(self, first: int) -> None:
        assert self._loaded is not None and self._review is not None
        blocks = self._loaded.document.blocks
        self._window = range(first, min(len(blocks), first + MAX_BLOCKS_SHOWN))
        shown = blocks[self._window.start : self._window.stop]
        by_block = findings_on_page(self._review, {b.id for b in shown}, self._index)
        self._on_page = [f.index for found in by_block.values() for f in found]
        masked: dict[str, str] = {}
        exact = True
        if self._preview:
            spans = [s for s in redacted_spans(self._review) if s.block in by_block]
            masked, exact = preview_blocks(self._loaded.document, spans)
        page = QTextDocument(self)
        page.setDefaultFont(self.font())
        cursor = QTextCursor(page)
        self._starts, self._ids, self._spans = [], [], {}
        if self._preview:
            self._note(cursor, self._preview_note(exact))
        if first > 0:
            self._note(cursor, self._cut_note(first, len(blocks)))
        for table, group in groupby(shown, key=table_of):
            cells = list(group)
            if table is None:
                for block in cells:
                    self._paragraph(cursor, block, by_block.get(block.id, []), masked)
            else:
                self._grid(cursor, cells, by_block, masked)
        if self._window.stop < len(blocks):
            self._note(cursor, self._cut_note(self._window.stop, len(blocks)))
        self.setDocument(page)

    def _new_block(self, cursor: QTextCursor) -> None:
        """A paragraph of its own, with a little space below (blocks are separate units)."""
        spaced = QTextBlockFormat()
        spaced.setBottomMargin(4)
        if cursor.position() > 0:
            cursor.insertBlock(spaced)
        else:
            cursor.setBlockFormat(spaced)

    def _paragraph(
        self,
        cursor: QTextCursor,
        block: Block,
        findings: list[RecordedFinding],
        masked: dict[str, str],
    ) -> None:
        self._new_block(cursor)
        label = kind_label(block)
        if block.kind == BlockKind.PDF_LINE and block.page is not None and block.id.endswith(":l0"):
            label = (
                QCoreApplication.translate("DocumentView", "【第 %1 页】").replace(
                    "%1", str(block.page)
                )
                + label
            )
        if label:
            cursor.insertText(label + " ", label_format())
        self._text(cursor, block, findings, masked)

    def _grid(
        self,
        cursor: QTextCursor,
        cells: list[Block],
        by_block: dict[str, list[RecordedFinding]],
        masked: dict[str, str],
    ) -> None:
        if cells[0].sheet:
            self._note(
                cursor,
                QCoreApplication.translate("DocumentView", "【工作表 %1】").replace(
                    "%1", cells[0].sheet
                ),
            )
        rows = sorted({c.row or 0 for c in cells})
        columns = max(c.column or 0 for c in cells) + 1
        if cursor.position() > 0:
            cursor.insertBlock()
        table_format = QTextTableFormat()
        table_format.setCellPadding(3)
        table_format.setCellSpacing(0)
        table_format.setBorder(1)
        table_format.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
        table_format.setBorderBrush(QColor("#c8c8c8"))
        table_format.setBorderCollapse(True)
        table = cursor.insertTable(len(rows), columns, table_format)
        row_of = {row: i for i, row in enumerate(rows)}
        # A row with one cell is a title or a note over the table: it spans the table, merged
        # before any text goes in (a merge moves the text of the cells after it).
        per_row = Counter(c.row or 0 for c in cells)
        for row, count in per_row.items():
            lone = next(c for c in cells if (c.row or 0) == row)
            if count == 1 and columns > 1 and (lone.column or 0) == 0:
                table.mergeCells(row_of[row], 0, 1, columns)
        # Filled in reading order, each at the end of its cell: text inserted later never
        # moves the recorded place of a cell filled before.
        for cell in sorted(cells, key=lambda c: (c.row or 0, c.column or 0)):
            cell_cursor = table.cellAt(row_of[cell.row or 0], cell.column or 0).lastCursorPosition()
            if cell_cursor.block().length() > 1:
                cell_cursor.insertText(" ")
            self._text(cell_cursor, cell, by_block.get(cell.id, []), masked)
        cursor.movePosition(QTextCursor.MoveOperation.End)

    def _text(
        self,
        cursor: QTextCursor,
        block: Block,
        findings: list[RecordedFinding],
        masked: dict[str, str],
    ) -> None:
        assert self._review is not None
        start = cursor.position()
        self._starts.append(start)
        self._ids.append(block.id)
        if block.id in masked:
            cursor.insertText(masked[block.id], masked_format())
        else:
            self._highlighted(cursor, block, findings)
        self._spans[block.id] = (start, cursor.position())

    def _highlighted(
        self, cursor: QTextCursor, block: Block, findings: list[RecordedFinding]
    ) -> None:
        assert self._review is not None
        plain = QTextCharFormat()
        done = 0
        for finding in sorted(findings, key=lambda f: (f.start, -f.end)):
            if finding.start < done:
                continue  # overlapping spans: the first one shows
            cursor.insertText(block.text[done : finding.start], plain)
            cursor.insertText(
                block.text[finding.start : finding.end], self._format(self._review, finding)
            )
            done = finding.end
        cursor.insertText(block.text[done:], plain)

    def _note(self, cursor: QTextCursor, text: str) -> None:
        self._new_block(cursor)
        cursor.insertText(text, label_format())

    def _cut_note(self, at: int, total: int) -> str:
        return (
            self.tr("……此处起（第 %1 个文本块）未显示，共 %2 个；选中后面的发现即可跳转")
            .replace("%1", str(at + 1))
            .replace("%2", str(total))
        )

    def _preview_note(self, exact: bool) -> str:
        if exact:
            return self.tr("【预览：删减后副本的文字，遮盖方式同导出（rules/masking.yaml）】")
        return self.tr("【预览（简易遮盖，仅供参考：删减模块尚未就绪，导出效果可能不同）】")

    def _format(self, review: Review, finding: RecordedFinding) -> QTextCharFormat:
        decision = decision_of(review, finding)
        text_format = QTextCharFormat()
        text_format.setBackground(
            QColor(UNDECIDED_COLOUR if decision is None else DECISION_COLOURS[decision])
        )
        text_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        text_format.setUnderlineColor(QColor(underline(finding.type)))
        text_format.setToolTip(type_label(finding.type))
        return text_format

    # --- positions ------------------------------------------------------------------------

    def _cursor_over(self, finding: RecordedFinding) -> QTextCursor | None:
        """The finding's span on the page; in the preview, where masks may change lengths, the
        whole block it is in."""
        span = self._spans.get(finding.block)
        if span is None:
            return None
        first, last = span
        if not self._preview:
            first, last = first + finding.start, first + finding.end
        cursor = QTextCursor(self.document())
        cursor.setPosition(first)
        cursor.setPosition(last, QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def _scroll_to(self, cursor: QTextCursor) -> None:
        rect = self.cursorRect(cursor)
        height = self.viewport().height()
        bar = self.verticalScrollBar()
        if rect.top() < 0 or rect.bottom() > height:
            bar.setValue(bar.value() + rect.top() - height // 3)
        width = self.viewport().width()
        across = self.horizontalScrollBar()
        if rect.left() < 0 or rect.right() > width:
            across.setValue(across.value() + rect.left() - width // 3)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # Qt's name
        menu = self.createStandardContextMenu(event.pos())
        if self.selected_span() is not None:
            menu.addSeparator()
            add = QMenu(self.tr("将选中文字添加为发现"), menu)
            for kind in FindingType:
                action = add.addAction(type_label(kind))
                action.triggered.connect(lambda _=False, k=kind: self.add_requested.emit(k))
            menu.addMenu(add)
        menu.exec(self.mapToGlobal(QPoint(event.pos())))
