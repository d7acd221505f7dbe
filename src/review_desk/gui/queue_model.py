"""The document queue: one row per document in the store (and per file still being scanned),
with its state, its attribute as a coloured badge, its findings per type and who holds it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    Qt,
)
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from review_desk.core.findings import Attribute
from review_desk.core.review import ReviewState
from review_desk.gui.labels import ATTRIBUTE_COLOURS, attribute_label, state_label, type_label
from review_desk.gui.summary import DocSummary

_Index = QModelIndex | QPersistentModelIndex
#: The attribute column's data for the badge delegate: (attribute, proposed only?).
BADGE_ROLE = Qt.ItemDataRole.UserRole + 1
FILE, STATE, ATTRIBUTE, FINDINGS, HOLDER = range(5)
_TYPES_SHOWN = 2


@dataclass(frozen=True)
class QueueRow:
    path: str
    summary: DocSummary | None = None
    #: Why the row has no summary yet, or why its text cannot be shown (a failed re-open).
    problem: str = ""
    scanning: bool = False

    @property
    def doc_id(self) -> str:
        return self.summary.doc_id if self.summary is not None else ""


class QueueModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._rows: list[QueueRow] = []

    # --- filling ---------------------------------------------------------------------------

    def set_summaries(self, summaries: list[DocSummary]) -> None:
        self.beginResetModel()
        self._rows = [QueueRow(s.path, s) for s in summaries]
        self.endResetModel()

    def add_scanning(self, path: str) -> None:
        if self._find(lambda r: r.path == path and r.scanning) is None:
            self._append(QueueRow(path, scanning=True))

    def put(self, summary: DocSummary, path: str = "") -> int:
        """Show a document's summary; a file scanned under ``path`` takes its place in the row
        that waited for it, or joins the row its document already has."""
        existing = self._find(lambda r: r.doc_id == summary.doc_id)
        waiting = self._find(lambda r: r.scanning and r.path == path) if path else None
        if existing is not None and waiting is not None and waiting != existing:
            self._remove(waiting)
            existing = self._find(lambda r: r.doc_id == summary.doc_id)
        row = existing if existing is not None else waiting
        if row is None:
            return self._append(QueueRow(summary.path, summary))
        self._rows[row] = QueueRow(summary.path or self._rows[row].path, summary)
        self._changed(row)
        return row

    def set_problem(self, path: str, message: str, doc_id: str = "") -> None:
        row = self._find(
            lambda r: (bool(doc_id) and r.doc_id == doc_id) or (r.scanning and r.path == path)
        )
        if row is None:
            self._append(QueueRow(path, problem=message))
            return
        self._rows[row] = replace(self._rows[row], problem=message, scanning=False)
        self._changed(row)

    def drop_scanning(self) -> None:
        """After a cancel: the files never scanned leave the queue."""
        for row in reversed(range(len(self._rows))):
            if self._rows[row].scanning:
                self._remove(row)

    def row_at(self, row: int) -> QueueRow:
        return self._rows[row]

    def row_of(self, doc_id: str) -> int | None:
        return self._find(lambda r: r.doc_id == doc_id)

    # --- Qt's model interface -------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            self.tr("文件"),
            self.tr("状态"),
            self.tr("公开属性"),
            self.tr("发现"),
            self.tr("经办"),
        )[section]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            if index.column() == ATTRIBUTE and row.summary is not None and not row.problem:
                return self.tr("空心：工具建议，尚未决定；实心：审查人已决定")
            return row.problem or row.path
        if role == BADGE_ROLE and index.column() == ATTRIBUTE and row.summary is not None:
            return _badge(row.summary)
        if role == Qt.ItemDataRole.ForegroundRole and row.problem:
            return QColor("#b00020")
        return None

    def _text(self, row: QueueRow, column: int) -> str:
        summary = row.summary
        if column == FILE:
            return summary.file_name if summary is not None else Path(row.path).name
        if summary is None:
            if column != STATE:
                return ""
            return self.tr("扫描中…") if row.scanning else self.tr("无法读取")
        if column == STATE:
            return state_label(summary.state) + (self.tr("（无法显示）") if row.problem else "")
        if column == ATTRIBUTE:
            attribute, proposed = _badge(summary) or (None, False)
            if attribute is None:
                return ""
            label = attribute_label(attribute)
            return self.tr("建议：%1").replace("%1", label) if proposed else label
        if column == FINDINGS:
            return self._counts(summary)
        return self._holder(summary)

    def _counts(self, summary: DocSummary) -> str:
        if not summary.counts:
            return self.tr("无")
        shown = [f"{type_label(kind)} {count}" for kind, count in summary.counts[:_TYPES_SHOWN]]
        more = "…" if len(summary.counts) > _TYPES_SHOWN else ""
        return " · ".join(shown) + more

    def _holder(self, summary: DocSummary) -> str:
        state = summary.state
        if state == ReviewState.DECIDED:
            return self.tr("%1 → 待审核").replace("%1", summary.reviewer)
        if state in (ReviewState.APPROVED, ReviewState.EXPORTED):
            return self.tr("%1（审核）").replace("%1", summary.approver)
        if state == ReviewState.RETURNED:
            return (
                self.tr("%1（%2 退回）")
                .replace("%1", summary.reviewer)
                .replace("%2", summary.returned_by)
            )
        return summary.reviewer or "—"

    # --- helpers --------------------------------------------------------------------------

    def _find(self, wanted: Callable[[QueueRow], bool]) -> int | None:
        return next((i for i, row in enumerate(self._rows) if wanted(row)), None)

    def _append(self, row: QueueRow) -> int:
        at = len(self._rows)
        self.beginInsertRows(QModelIndex(), at, at)
        self._rows.append(row)
        self.endInsertRows()
        return at

    def _remove(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self.endRemoveRows()

    def _changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, 4))


def _badge(summary: DocSummary) -> tuple[Attribute, bool] | None:
    if summary.decided is not None:
        return summary.decided, False
    if summary.proposed is not None:
        return summary.proposed, True
    return None


class BadgeDelegate(QStyledItemDelegate):
    """The attribute as a rounded badge in its colour; an outlined one while it is only the
    tool's proposal, a filled one once the reviewer decided it."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        badge = index.data(BADGE_ROLE)
        if not badge:
            super().paint(painter, option, index)
            return
        attribute, proposed = badge
        style = option.widget.style() if option.widget is not None else None
        if style is not None:
            option_copy = QStyleOptionViewItem(option)
            option_copy.text = ""
            style.drawControl(
                QStyle.ControlElement.CE_ItemViewItem, option_copy, painter, option.widget
            )
        colour = QColor(ATTRIBUTE_COLOURS[attribute])
        text = attribute_label(attribute)  # the outline already says "proposed"
        metrics = option.fontMetrics
        width = metrics.horizontalAdvance(text) + 14
        rect = QRect(option.rect.x() + 4, option.rect.y() + 3, width, option.rect.height() - 6)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(colour)
        painter.setBrush(
            QColor(colour.red(), colour.green(), colour.blue(), 30) if proposed else colour
        )
        painter.drawRoundedRect(rect, 8, 8)
        painter.setPen(colour if proposed else QColor("white"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()
