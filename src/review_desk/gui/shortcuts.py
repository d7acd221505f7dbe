"""The keyboard overlay (F1 or ?): every action of the window with its keys, as the actions
themselves say, so the overlay cannot drift from what the keys do."""

from __future__ import annotations

import html
from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QDialog, QLabel, QScrollArea, QVBoxLayout, QWidget


class ShortcutOverlay(QDialog):
    def __init__(
        self, groups: Iterable[tuple[str, Iterable[QAction]]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("键盘操作"))
        self.setModal(True)
        label = QLabel(self._html(groups))
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setMargin(12)
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea()
        scroll.setWidget(label)
        scroll.setWidgetResizable(True)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        hint = QLabel(self.tr("按任意键关闭"))
        hint.setStyleSheet("color:#777")
        layout.addWidget(hint)
        self.resize(640, 760)

    def _html(self, groups: Iterable[tuple[str, Iterable[QAction]]]) -> str:
        parts = []
        for title, actions in groups:
            rows = "".join(
                f"<tr><td style='padding:2px 16px 2px 0'><b>{html.escape(_keys(a))}</b></td>"
                f"<td>{html.escape(a.text().replace('&', ''))}</td></tr>"
                for a in actions
                if a.shortcuts()
            )
            parts.append(f"<h3>{html.escape(title)}</h3><table>{rows}</table>")
        return "".join(parts)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt's name
        self.accept()


def _keys(action: QAction) -> str:
    return " / ".join(
        key.toString(QKeySequence.SequenceFormat.NativeText) for key in action.shortcuts()
    )
