"""The settings a reviewer changes: the display name the record shows, the language, the store."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from review_desk.audit.store import default_url
from review_desk.gui.settings import LANGUAGES, DeskSettings


class SettingsDialog(QDialog):
    def __init__(self, settings: DeskSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self.setWindowTitle(self.tr("设置"))
        self.user = QLineEdit(settings.user)
        self.language = QComboBox()
        for code, name in zip(LANGUAGES, (self.tr("中文"), "English"), strict=True):
            self.language.addItem(name, code)
        self.language.setCurrentIndex(LANGUAGES.index(settings.language))
        self.store = QLineEdit(settings.store_url)
        self.store.setPlaceholderText(default_url())
        self.store.setMinimumWidth(420)
        note = QLabel(
            self.tr(
                "记录库留空即使用本机默认的 SQLite 文件；团队共用时填写 postgresql://用户@主机/库名。"
                "语言在下次启动时生效。"
            )
        )
        note.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("当前用户（显示名）"), self.user)
        form.addRow(self.tr("界面语言"), self.language)
        form.addRow(self.tr("审查记录库"), self.store)
        form.addRow(note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def chosen(self) -> DeskSettings:
        return replace(
            self._settings,
            user=self.user.text().strip() or self._settings.user,
            language=str(self.language.currentData()),
            store_url=self.store.text().strip(),
        )
