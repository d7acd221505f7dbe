"""The findings of the open document, from its review in the store: type, the value masked
(never the raw value: the list is what a person looking over the reviewer's shoulder sees),
the decision in force, the proposal, the score and why it was flagged.

Rows are computed when Qt asks for them: a 160,000-row sheet has ~640,000 findings.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from review_desk.core.findings import Action
from review_desk.core.review import Decision, RecordedFinding, Review
from review_desk.gui.labels import (
    DECISION_COLOURS,
    UNDECIDED_COLOUR,
    action_label,
    decision_label,
    type_label,
    undecided_label,
)
from review_desk.gui.loaded import LoadedDocument
from review_desk.gui.redact_adapter import preview_value

_Index = QModelIndex | QPersistentModelIndex
TYPE, VALUE, DECISION, SCORE, WHY, PROPOSED, WHERE = range(7)
_COLUMNS = 7


class FindingsModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._review: Review | None = None
        self._loaded: LoadedDocument | None = None
        self._masked: dict[int, str] = {}

    def set_document(self, review: Review | None, loaded: LoadedDocument | None) -> None:
        self.beginResetModel()
        self._review, self._loaded = review, loaded
        self._masked = {}
        self.endResetModel()

    def refresh(self, review: Review) -> None:
        """The review changed (a decision, a hand-added finding): re-read it."""
        before = self.rowCount()
        self._review = review
        after = len(review.findings)
        if after > before:
            self.beginInsertRows(QModelIndex(), before, after - 1)
            self.endInsertRows()
        if before:
            self.dataChanged.emit(self.index(0, 0), self.index(before - 1, _COLUMNS - 1))

    def finding(self, row: int) -> RecordedFinding:
        assert self._review is not None
        return self._review.findings[row]

    def decision(self, row: int) -> Decision | None:
        assert self._review is not None
        return decision_of(self._review, self.finding(row))

    # --- Qt's model interface -------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self._review is None:
            return 0
        return len(self._review.findings)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else _COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        headers = (
            self.tr("类型"),
            self.tr("内容（已遮盖）"),
            self.tr("处理"),
            self.tr("得分"),
            self.tr("为何标出"),
            self.tr("建议"),
            self.tr("位置"),
        )
        return headers[section]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or self._review is None:
            return None
        row = index.row()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, index.column())
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(self._colour(row)))
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._why(self.finding(row))
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == SCORE:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def _text(self, row: int, column: int) -> str:
        finding = self.finding(row)
        if column == TYPE:
            return type_label(finding.type)
        if column == VALUE:
            return self._masked_value(row, finding)
        if column == DECISION:
            decision = self.decision(row)
            return undecided_label() if decision is None else decision_label(decision)
        if column == PROPOSED:
            return action_label(finding.proposed)
        if column == SCORE:
            return f"{finding.score:.2f}"
        if column == WHY:
            return self._why(finding)
        return f"{finding.block} [{finding.start}:{finding.end}]"

    def _colour(self, row: int) -> str:
        decision = self.decision(row)
        return UNDECIDED_COLOUR if decision is None else DECISION_COLOURS[decision]

    def _masked_value(self, row: int, finding: RecordedFinding) -> str:
        masked = self._masked.get(row)
        if masked is None:
            value = self._loaded.text_of(finding) if self._loaded is not None else ""
            masked = preview_value(finding.type, value) if value else "—"
            self._masked[row] = masked
        return masked

    def _why(self, finding: RecordedFinding) -> str:
        """The detector's explanation, with the value masked where it quotes it ("term 因病")."""
        if self._loaded is None:
            return ""
        why = self._loaded.explanation(finding)
        value = self._loaded.text_of(finding)
        return why.replace(value, self._masked_value(finding.index, finding)) if value else why


def decision_of(review: Review, finding: RecordedFinding) -> Decision | None:
    """The decision in force, or None while a ``review`` finding waits for the reviewer."""
    if finding.index not in review.decisions and finding.proposed in (Action.REVIEW, None):
        return None
    return review.effective_decision(finding)
