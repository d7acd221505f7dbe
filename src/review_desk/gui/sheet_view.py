"""A workbook in context: its cells in a lazy table (a 160,000-row sheet is a million cells, far
beyond what a text page can lay out), each cell coloured by the decisions on its findings, the
current finding's cell selected. A cell is marked as a finding as a whole."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QContextMenuEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView, QWidget

from review_desk.core.findings import FindingType
from review_desk.core.review import Decision, RecordedFinding, Review
from review_desk.gui.findings_model import decision_of
from review_desk.gui.labels import DECISION_COLOURS, UNDECIDED_COLOUR, type_label
from review_desk.gui.loaded import FindingIndex, LoadedDocument
from review_desk.gui.page import kind_label
from review_desk.gui.redact_adapter import preview_blocks, redacted_spans

_Index = QModelIndex | QPersistentModelIndex
#: Which colour a cell with several findings shows: the one that most needs the reviewer.
_RANK = {None: 0, Decision.REDACT: 1, Decision.EDIT_MASK: 2, Decision.KEEP: 3}
_FINDING_ROLES = (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole)


def column_name(column: int) -> str:
    """A, B, … Z, AA, AB: the column as the spreadsheet names it."""
    name = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


class SheetModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.loaded: LoadedDocument | None = None
        self.review: Review | None = None
        self._index: FindingIndex = ({}, 0)
        self.preview = False
        self._masked: dict[str, str] = {}

    def set_document(self, loaded: LoadedDocument, review: Review, index: FindingIndex) -> None:
        self.beginResetModel()
        self.loaded, self.review, self._index = loaded, review, index
        self._masked = {}
        self.endResetModel()

    def refresh(self, review: Review) -> None:
        self.review = review
        self._masked = {}
        if self.rowCount():
            last = self.index(self.rowCount() - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def block_at(self, index: _Index) -> int:
        grid = self.loaded.grid if self.loaded is not None else None
        if grid is None or not index.isValid():
            return -1
        return grid.rows[index.row()][index.column()]

    def cell_of(self, block: int) -> tuple[int, int]:
        assert self.loaded is not None and self.loaded.grid is not None
        row = self.loaded.grid.row_of[block]
        is_cell = bool(self.loaded.grid.labels[row])
        return row, (self.loaded.document.blocks[block].column or 0) if is_cell else 0

    def findings_in(self, block_id: str) -> list[RecordedFinding]:
        assert self.review is not None
        by_block, covered = self._index
        found = [self.review.findings[i] for i in by_block.get(block_id, ())]
        found.extend(f for f in self.review.findings[covered:] if f.block == block_id)
        return found

    # --- Qt's model interface -------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        grid = self.loaded.grid if self.loaded is not None else None
        return 0 if parent.isValid() or grid is None else len(grid.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        grid = self.loaded.grid if self.loaded is not None else None
        return 0 if parent.isValid() or grid is None else grid.columns

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        grid = self.loaded.grid if self.loaded is not None else None
        if role != Qt.ItemDataRole.DisplayRole or grid is None or self.loaded is None:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return column_name(section)
        if grid.labels[section]:
            return grid.labels[section]
        block = self.loaded.document.blocks[grid.rows[section][0]]
        return kind_label(block).strip("【】") or block.kind.value

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        at = self.block_at(index)
        if at < 0 or self.loaded is None or self.review is None:
            return None
        block = self.loaded.document.blocks[at]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._masked_text(block.id) if self.preview else block.text
        findings = self.findings_in(block.id) if role in _FINDING_ROLES else []
        if not findings:
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            decision = min((decision_of(self.review, f) for f in findings), key=_RANK.__getitem__)
            colour = UNDECIDED_COLOUR if decision is None else DECISION_COLOURS[decision]
            return QBrush(QColor(colour))
        return "、".join(type_label(f.type) for f in findings)

    def _masked_text(self, block_id: str) -> str:
        assert self.loaded is not None and self.review is not None
        masked = self._masked.get(block_id)
        if masked is None:
            spans = redacted_spans(self.review, self.findings_in(block_id))
            texts, _ = preview_blocks(self.loaded.document, spans)
            masked = texts.get(block_id, self.loaded.document.block(block_id).text)
            self._masked[block_id] = masked
        return masked


class SheetView(QTableView):
    """The table counterpart of DocumentView, with the same interface for the review pane."""

    add_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sheet = SheetModel()
        self.setModel(self.sheet)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.horizontalHeader().setDefaultSectionSize(140)

    @property
    def preview(self) -> bool:
        return self.sheet.preview

    def show_document(
        self,
        loaded: LoadedDocument | None,
        review: Review | None,
        index: FindingIndex | None = None,
    ) -> None:
        if loaded is not None and review is not None:
            self.sheet.set_document(loaded, review, index or ({}, 0))

    def set_preview(self, on: bool) -> None:
        self.sheet.preview = on
        if self.sheet.review is not None:
            self.sheet.refresh(self.sheet.review)

    def recolour(self, review: Review) -> None:
        self.sheet.refresh(review)

    def show_finding(self, finding: RecordedFinding | None) -> None:
        loaded = self.sheet.loaded
        block = loaded.block_order.get(finding.block) if finding and loaded else None
        if block is None:
            return
        index = self.sheet.index(*self.sheet.cell_of(block))
        self.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)

    def selected_span(self) -> tuple[str, int, int, str] | None:
        at = self.sheet.block_at(self.currentIndex())
        if at < 0 or self.preview or self.sheet.loaded is None:
            return None
        block = self.sheet.loaded.document.blocks[at]
        return block.id, 0, len(block.text), block.text

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # Qt's name
        index = self.indexAt(event.pos())
        if self.sheet.block_at(index) < 0:
            return
        self.setCurrentIndex(index)
        menu = QMenu(self)
        add = menu.addMenu(self.tr("将此单元格添加为发现"))
        for kind in FindingType:
            action = add.addAction(type_label(kind))
            action.triggered.connect(lambda _=False, k=kind: self.add_requested.emit(k))
        menu.exec(self.mapToGlobal(QPoint(event.pos())))
