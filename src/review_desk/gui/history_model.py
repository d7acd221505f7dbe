"""Who did what and when on the open document: its recorded events, newest first."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from review_desk.audit.records import StoredEvent
from review_desk.core.findings import Attribute, Ground
from review_desk.core.review import Decision, EventKind
from review_desk.gui.labels import attribute_label, decision_label, event_label, ground_label

_Index = QModelIndex | QPersistentModelIndex


class HistoryModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._events: list[StoredEvent] = []

    def set_events(self, events: Sequence[StoredEvent]) -> None:
        self.beginResetModel()
        self._events = list(reversed(events))
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._events)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("时间"), self.tr("人员"), self.tr("操作"), self.tr("说明"))[section]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        stored = self._events[index.row()]
        column = index.column()
        if column == 0:
            return stored.created_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        if column == 1:
            return stored.event.actor or "—"
        if column == 2:
            return event_label(stored.event.kind)
        return detail(stored)


def detail(stored: StoredEvent) -> str:
    """One line on what the event did: positions, counts and notes, never a value."""
    kind, payload = stored.event.kind, stored.event.payload
    if kind == EventKind.SCAN_RECORDED:
        total = payload.get("total", len(payload.get("findings", ())))
        return QCoreApplication.translate("HistoryModel", "%1 处发现").replace("%1", str(total))
    if kind == EventKind.FINDING_DECIDED:
        text = QCoreApplication.translate("HistoryModel", "第 %1 条 → %2").replace(
            "%1", str(int(payload["index"]) + 1)
        )
        text = text.replace("%2", decision_label(Decision(payload["decision"])))
        reason = str(payload.get("reason", ""))
        return f"{text}（{reason}）" if reason else text
    if kind == EventKind.FINDING_ADDED:
        return f"{payload.get('type', '')} {payload.get('block', '')} [{payload.get('start')}:{payload.get('end')}]"
    if kind == EventKind.PROPOSALS_ACCEPTED:
        return QCoreApplication.translate("HistoryModel", "%1 条").replace(
            "%1", str(payload.get("decided", 0))
        )
    if kind == EventKind.DOCUMENT_DECIDED:
        grounds = "、".join(ground_label(Ground(g)) for g in payload.get("grounds", ()))
        text = attribute_label(Attribute(payload["attribute"]))
        return f"{text}（{grounds}）" if grounds else text
    if kind in (EventKind.APPROVED, EventKind.RETURNED):
        return str(payload.get("note", ""))
    if kind in (EventKind.EXPORTED, EventKind.LOG_EXPORTED):
        names = [str(o.get("name", "")) for o in payload.get("outputs", ())]
        return "、".join(names)
    return ""
