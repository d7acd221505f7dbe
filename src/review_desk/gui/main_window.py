"""The reviewer's main window: a file list, the document with highlights, the findings table."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelection, Qt, QThread
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from review_desk.core.findings import ATTRIBUTE_LABELS
from review_desk.gui.document_view import DocumentView
from review_desk.gui.findings_model import FindingsModel
from review_desk.gui.worker import ScanFunction, ScanWorker
from review_desk.scan import ScanOutcome

FILE_FILTER = (
    "公文与表格 (*.docx *.doc *.wps *.pdf *.xlsx *.xls *.et *.ods *.csv *.txt);;所有文件 (*)"
)
PATH_ROLE = Qt.ItemDataRole.UserRole


class MainWindow(QMainWindow):
    def __init__(self, scan: ScanFunction) -> None:
        super().__init__()
        self._scan = scan
        self._results: dict[str, ScanOutcome] = {}
        self._thread: QThread | None = None
        self._worker: ScanWorker | None = None
        self.setWindowTitle("政府信息公开审查台 review_desk")
        self.resize(1280, 800)
        self._build_widgets()
        self._build_actions()

    def _build_widgets(self) -> None:
        self.file_list = QListWidget()
        self.file_list.currentItemChanged.connect(self._show_selected)
        self.proposal_label = QLabel("请打开要审查的文件（Ctrl+O）。")
        self.proposal_label.setWordWrap(True)
        self.proposal_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.document_view = DocumentView()
        self.findings_model = FindingsModel()
        self.findings_table = QTableView()
        self.findings_table.setModel(self.findings_model)
        self.findings_table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.findings_table.horizontalHeader().setStretchLastSection(True)
        self.findings_table.selectionModel().selectionChanged.connect(self._finding_selected)
        centre = QWidget()
        layout = QVBoxLayout(centre)
        layout.addWidget(self.proposal_label)
        layout.addWidget(self.document_view, 1)
        splitter = QSplitter()
        for widget in (self.file_list, centre, self.findings_table):
            splitter.addWidget(widget)
        splitter.setSizes([260, 560, 460])
        self.setCentralWidget(splitter)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.statusBar().addPermanentWidget(self.progress)

    def _build_actions(self) -> None:
        menu = self.menuBar().addMenu("文件(&F)")
        for text, shortcut, slot in (
            ("打开文件(&O)…", QKeySequence.StandardKey.Open, self._choose_files),
            ("打开文件夹(&D)…", QKeySequence("Ctrl+Shift+O"), self._choose_folder),
            ("退出(&Q)", QKeySequence.StandardKey.Quit, self.close),
        ):
            action = QAction(text, self)
            action.setShortcut(shortcut)
            action.triggered.connect(slot)
            menu.addAction(action)

    def _choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, "选择要审查的文件", "", FILE_FILTER)
        self.scan_paths([Path(n) for n in names])

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "选择要审查的文件夹")
        if folder:
            self.scan_paths(sorted(p for p in Path(folder).rglob("*") if p.is_file()))

    def scan_paths(self, paths: list[Path]) -> None:
        if not paths:
            return
        if self._thread is not None:
            QMessageBox.information(self, "请稍候", "上一批文件仍在扫描中。")
            return
        for path in paths:
            item = QListWidgetItem(f"⏳ {path.name}")
            item.setData(PATH_ROLE, str(path))
            item.setToolTip(str(path))
            self.file_list.addItem(item)
        self._start_worker(paths)

    def _start_worker(self, paths: list[Path]) -> None:
        self._thread = QThread(self)
        self._worker = ScanWorker(paths, self._scan)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progress.connect(self._on_progress)
        self._worker.scanned.connect(self._on_scanned)
        self._worker.failed.connect(self._on_failed)
        self._worker.finished.connect(self._on_finished)
        self.progress.setVisible(True)
        self._thread.start()

    def _on_progress(self, done: int, total: int, name: str) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.statusBar().showMessage(
            f"正在扫描 {name}（{done + 1}/{total}）" if name else "扫描完成"
        )

    def _on_scanned(self, path: str, result: ScanOutcome) -> None:
        self._results[path] = result
        label = ATTRIBUTE_LABELS[result.proposal.attribute]
        self._set_item_text(path, f"{Path(path).name} — {label}")
        self._refresh_if_current(path)

    def _on_failed(self, path: str, message: str) -> None:
        self._set_item_text(path, f"⚠ {Path(path).name} — 无法读取")
        item = self._item(path)
        if item is not None:
            item.setToolTip(message)
        self.statusBar().showMessage(message)
        self._refresh_if_current(path)

    def _refresh_if_current(self, path: str) -> None:
        current = self.file_list.currentItem()
        if current is not None and current.data(PATH_ROLE) == path:
            self._show_selected(current)

    def _on_finished(self) -> None:
        self.progress.setVisible(False)
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
        self._thread = None
        self._worker = None
        if self.file_list.currentItem() is None and self.file_list.count():
            self.file_list.setCurrentRow(0)

    def _item(self, path: str) -> QListWidgetItem | None:
        for row in range(self.file_list.count()):
            item = self.file_list.item(row)
            if item.data(PATH_ROLE) == path:
                return item
        return None

    def _set_item_text(self, path: str, text: str) -> None:
        item = self._item(path)
        if item is not None:
            item.setText(text)

    def _show_selected(self, current: QListWidgetItem | None) -> None:
        result = self._results.get(current.data(PATH_ROLE)) if current is not None else None
        if result is None:
            self.findings_model.set_findings([])
            self.document_view.clear()
            self.proposal_label.setText(current.toolTip() if current is not None else "")
            return
        self.findings_model.set_findings(result.findings)
        self.findings_table.resizeColumnsToContents()
        self.document_view.show_document(result.document, result.findings)
        self.proposal_label.setText(_proposal_text(result))

    def _finding_selected(self, selected: QItemSelection) -> None:
        rows = selected.indexes()
        if rows:
            self.document_view.scroll_to_block(self.findings_model.finding(rows[0].row()).block)

    def closeEvent(self, event: object) -> None:  # Qt names it so
        if self._worker is not None and self._thread is not None:
            self._worker.cancel()
            self._thread.quit()
            self._thread.wait()
        super().closeEvent(event)  # type: ignore[arg-type]


def _proposal_text(result: ScanOutcome) -> str:
    proposal = result.proposal
    lines = [f"<b>建议公开属性：{ATTRIBUTE_LABELS[proposal.attribute]}</b>"]
    if proposal.reasons:
        lines.append("理由：" + "；".join(proposal.reasons))
    if proposal.basis:
        lines.append("依据：" + "；".join(proposal.basis))
    lines.extend(f'<span style="color:#b00">冲突：{c}</span>' for c in proposal.conflicts)
    return "<br>".join(lines)
