"""Every question the window asks a person, in one replaceable object: a test gives the window
scripted answers instead of modal dialogs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QInputDialog,
    QMessageBox,
    QSpinBox,
    QWidget,
)

from review_desk.core.findings import FindingType
from review_desk.gui.labels import type_label


class Prompts:
    def confirm(self, parent: QWidget, title: str, text: str) -> bool:
        answer = QMessageBox.question(parent, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def inform(self, parent: QWidget, title: str, text: str) -> None:
        QMessageBox.information(parent, title, text)

    def warn(self, parent: QWidget, title: str, text: str) -> None:
        QMessageBox.warning(parent, title, text)

    def text(self, parent: QWidget, title: str, label: str, value: str = "") -> str | None:
        answer, ok = QInputDialog.getText(parent, title, label, text=value)
        return answer.strip() if ok and answer.strip() else None

    def finding_type(self, parent: QWidget) -> FindingType | None:
        kinds = list(FindingType)
        labels = [type_label(kind) for kind in kinds]
        title = QCoreApplication.translate("Prompts", "添加发现")
        answer, ok = QInputDialog.getItem(
            parent,
            title,
            QCoreApplication.translate("Prompts", "选中文字的类型："),
            labels,
            0,
            False,
        )
        return kinds[labels.index(answer)] if ok else None

    def edit_mask(self, parent: QWidget, length: int) -> tuple[int, int] | None:
        """How many first and last characters an edit mask keeps (at least one is masked)."""
        dialog = QDialog(parent)
        dialog.setWindowTitle(QCoreApplication.translate("Prompts", "自定义遮盖"))
        first, last = QSpinBox(), QSpinBox()
        for box in (first, last):
            box.setRange(0, max(0, length - 1))
        form = QFormLayout(dialog)
        form.addRow(QCoreApplication.translate("Prompts", "保留前几个字符"), first)
        form.addRow(QCoreApplication.translate("Prompts", "保留后几个字符"), last)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        form.addRow(buttons)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return first.value(), last.value()

    def save_file(self, parent: QWidget, title: str, suggested: str, filters: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
        return Path(name) if name else None

    def folder(self, parent: QWidget, title: str) -> Path | None:
        name = QFileDialog.getExistingDirectory(parent, title)
        return Path(name) if name else None

    def open_files(self, parent: QWidget, title: str, filters: str) -> list[Path]:
        names, _ = QFileDialog.getOpenFileNames(parent, title, "", filters)
        return [Path(n) for n in names]
