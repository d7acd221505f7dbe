"""Qt table model over one document's findings."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from review_desk.core.findings import ACTION_LABELS, TYPE_LABELS, Action, Finding

ACTION_COLOURS: dict[Action, str] = {
    Action.REDACT: "#f8c9c4",
    Action.REVIEW: "#fbe7a6",
    Action.KEEP: "#d5ecd4",
}

_HEADERS = ("类型", "内容", "位置", "建议处理", "说明")
_Index = QModelIndex | QPersistentModelIndex


class FindingsModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._findings: list[Finding] = []

    def set_findings(self, findings: list[Finding]) -> None:
        self.beginResetModel()
        self._findings = list(findings)
        self.endResetModel()

    def finding(self, row: int) -> Finding:
        return self._findings[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 — Qt names it so
        return 0 if parent.isValid() else len(self._findings)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        finding = self._findings[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return _cell_text(finding, index.column())
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(ACTION_COLOURS[finding.action]))
        if role == Qt.ItemDataRole.ToolTipRole:
            return finding.explanation
        return None


def _cell_text(finding: Finding, column: int) -> str:
    cells = (
        TYPE_LABELS[finding.type],
        finding.text,
        f"{finding.block} [{finding.start}:{finding.end}]",
        ACTION_LABELS[finding.action],
        finding.explanation,
    )
    return cells[column]
