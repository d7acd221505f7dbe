"""Editing the office's lists (review_desk.office): the roster of its officials and the terms it
always redacts, saved as validated YAML in the user's config folder and applied on the next
scan."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from review_desk.core.errors import ReviewDeskError
from review_desk.core.findings import FindingType
from review_desk.gui.labels import type_label
from review_desk.office import (
    OfficeLists,
    Official,
    RedactTerm,
    load_office_lists,
    office_path,
    save_office_lists,
)


class OfficeListsDialog(QDialog):
    def __init__(self, path: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path or office_path()
        self.setWindowTitle(self.tr("本单位名单"))
        self.resize(620, 480)
        self.officials = self._table((self.tr("姓名"), self.tr("职务（备注）")))
        self.terms = self._table((self.tr("始终删除的词"), self.tr("发现类型")))
        tabs = QTabWidget()
        tabs.addTab(
            self._page(
                self.officials,
                self.tr("名册上的姓名作为依法履职的公职人员，在每次扫描中始终保留。"),
            ),
            self.tr("公职人员名册"),
        )
        tabs.addTab(
            self._page(
                self.terms, self.tr("这些词在每一处出现的位置都会被删除，不论检测结果如何。")
            ),
            self.tr("始终删除"),
        )
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color:#b00020")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(
            QLabel(self.tr("保存位置：%1（下次扫描时生效）").replace("%1", str(self.path)))
        )
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._load()

    def _table(self, headers: tuple[str, str]) -> QTableWidget:
        table = QTableWidget(0, 2)
        table.setHorizontalHeaderLabels(list(headers))
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        return table

    def _page(self, table: QTableWidget, hint: str) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        note = QLabel(hint)
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addWidget(table)
        row = QHBoxLayout()
        add, remove = QPushButton(self.tr("添加一行")), QPushButton(self.tr("删除所选行"))
        add.clicked.connect(lambda: self.add_row(table))
        remove.clicked.connect(lambda: table.removeRow(table.currentRow()))
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        layout.addLayout(row)
        return page

    def add_row(self, table: QTableWidget, first: str = "", second: str | FindingType = "") -> None:
        row = table.rowCount()
        table.insertRow(row)
        table.setItem(row, 0, QTableWidgetItem(first))
        if table is self.terms:
            combo = QComboBox()
            for kind in FindingType:
                combo.addItem(type_label(kind), kind)
            combo.setCurrentIndex(
                list(FindingType).index(FindingType(second or FindingType.PERSON))
            )
            table.setCellWidget(row, 1, combo)
        else:
            table.setItem(row, 1, QTableWidgetItem(str(second)))

    def _load(self) -> None:
        try:
            lists = load_office_lists(self.path)
        except ReviewDeskError as exc:
            self.error.setText(exc.message + self.tr("（保存将覆盖该文件）"))
            lists = OfficeLists()
        for official in lists.officials:
            self.add_row(self.officials, official.name, official.post)
        for term in lists.always_redact:
            self.add_row(self.terms, term.term, term.type)

    def lists(self) -> OfficeLists:
        """What the tables hold, validated (empty rows are left out)."""
        officials = [
            Official(name=name, post=self._cell(self.officials, row, 1))
            for row in range(self.officials.rowCount())
            if (name := self._cell(self.officials, row, 0))
        ]
        terms = []
        for row in range(self.terms.rowCount()):
            term = self._cell(self.terms, row, 0)
            combo = self.terms.cellWidget(row, 1)
            kind = combo.currentData() if isinstance(combo, QComboBox) else FindingType.PERSON
            if term:
                terms.append(RedactTerm(term=term, type=kind))
        return OfficeLists(officials=officials, always_redact=terms)

    def save(self) -> None:
        try:
            save_office_lists(self.lists(), self.path)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            self.error.setText(
                self.tr("名单有误：%1").replace("%1", f"{where} {first['msg']}".strip())
            )
            return
        except (ReviewDeskError, OSError) as exc:
            self.error.setText(str(exc))
            return
        self.accept()

    @staticmethod
    def _cell(table: QTableWidget, row: int, column: int) -> str:
        item = table.item(row, column)
        return item.text().strip() if item is not None else ""
