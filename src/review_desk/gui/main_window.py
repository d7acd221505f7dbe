"""The reviewer's desk: the document queue on the left, the document and its findings in the
middle, the decision, the approval and who did what on the right.

Every view is re-read from the store after each command (``DeskSession.changed``); the window
keeps only what the record must not hold: each document's text, from a scan.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMenu,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from review_desk.core.findings import Attribute, Ground
from review_desk.gui.background import run_in_background
from review_desk.gui.decision_panel import DecisionPanel
from review_desk.gui.export_actions import ExportActions
from review_desk.gui.history_model import HistoryModel
from review_desk.gui.jobs import JobRunner, ProcessRunner
from review_desk.gui.office_dialog import OfficeListsDialog
from review_desk.gui.prompts import Prompts
from review_desk.gui.queue_model import QueueModel
from review_desk.gui.review_pane import ReviewPane
from review_desk.gui.scan_page_view import is_image_file
from review_desk.gui.session import DeskSession
from review_desk.gui.settings import DeskSettings, save_settings
from review_desk.gui.settings_dialog import SettingsDialog
from review_desk.gui.shortcuts import ShortcutOverlay
from review_desk.gui.summary import DocSummary, summarise
from review_desk.gui.tasks import Exported, ScanFunction
from review_desk.gui.views import history_table, queue_table
from review_desk.gui.work import DeskWork, OpenedRecord
from review_desk.office import add_official
from review_desk.paths import resources_dir
from review_desk.policy.rules import load_policy_rules
from review_desk.scan import collect_files

#: Findings from which a document's summary is made off the UI thread.
BIG_DOCUMENT = 20_000


def demo_samples() -> list[Path]:
    return collect_files([resources_dir() / "samples"])


class MainWindow(QMainWindow):
    def __init__(
        self,
        settings: DeskSettings,
        session: DeskSession,
        scan: ScanFunction,
        runner: JobRunner | None = None,
        prompts: Prompts | None = None,
        first_run: list[Path] | None = None,
    ) -> None:
        super().__init__()
        self.settings, self.session = settings, session
        self.prompts = prompts or Prompts()
        self.work = DeskWork(session, runner or ProcessRunner(), scan)
        self._opening = ""
        self._problem_shown = False
        self._first_run = first_run if first_run is not None else demo_samples()
        self.resize(1480, 900)
        self._build()
        self._menus()
        self.setAcceptDrops(True)
        self._title()
        session.changed.connect(self._changed)
        session.failed.connect(self.show_problem)
        self.work.scanned.connect(self._scanned)
        self.work.problem.connect(self._problem)
        self.work.progress.connect(self._progress)
        self.work.page_progress.connect(self._page_progress)
        self.work.record_read.connect(self._record_read)
        self.work.exported.connect(self._exported)
        self.work.idle.connect(lambda: self._busy(False))
        self._load_queue()

    # --- layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.queue = QueueModel()
        self.queue_view = queue_table(self.queue)
        self.queue_view.selectionModel().currentRowChanged.connect(self._queue_selected)
        self.pane = ReviewPane(self.session, self.prompts)
        self.pane.document_step.connect(self.step_document)
        self.pane.roster_add.connect(self.add_to_roster)
        self.panel = DecisionPanel(dict(load_policy_rules().grounds))
        self.panel.decide_requested.connect(self._decide_document)
        self.panel.approve_requested.connect(
            lambda note: self.session.approve(self.pane.doc_id, note)
        )
        self.panel.return_requested.connect(
            lambda note: self.session.return_(self.pane.doc_id, note)
        )
        self.history = HistoryModel()
        self.history_view = history_table(self.history)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.panel)
        right.addWidget(self._titled(self.history_view, self.tr("经办记录（谁在何时做了什么）")))
        right.setSizes([620, 260])
        main = QSplitter()
        main.addWidget(self.queue_view)
        main.addWidget(self.pane)
        main.addWidget(right)
        main.setSizes([470, 640, 370])
        main.setStretchFactor(1, 1)
        self.setCentralWidget(main)
        self.message = QLabel()
        self.message.setStyleSheet("color:#b00020")
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.cancel_button = QPushButton(self.tr("取消（Esc）"))
        self.cancel_button.clicked.connect(self.cancel_work)
        self.user_label = QLabel()
        status = self.statusBar()
        status.addWidget(self.message, 1)
        for widget in (self.progress, self.cancel_button, self.user_label):
            status.addPermanentWidget(widget)
        self._busy(False)

    def _titled(self, widget: QWidget, title: str) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(QLabel(f"<b>{title}</b>"))
        layout.addWidget(widget)
        return box

    def _menus(self) -> None:
        bar = self.menuBar()
        files = bar.addMenu(self.tr("文件(&F)"))
        self._add(files, self.tr("打开文件(&O)…"), self.choose_files, QKeySequence.StandardKey.Open)
        self._add(files, self.tr("打开文件夹(&D)…"), self.choose_folder, "Ctrl+Shift+O")
        self.recent_menu = files.addMenu(self.tr("最近打开(&R)"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self._add(files, self.tr("刷新队列"), self._load_queue, "F5")
        self.cancel_action = self._add(files, self.tr("取消后台任务"), self.cancel_work, "Esc")
        files.addSeparator()
        self._add(files, self.tr("退出(&Q)"), self.close, QKeySequence.StandardKey.Quit)
        review = bar.addMenu(self.tr("审查(&R)"))
        review.addActions(list(self.pane.actions_by_name.values()))
        self.exports = ExportActions(self, self.work, self.prompts, self._current_document)
        bar.addMenu(self.tr("导出(&E)")).addActions(self.exports.actions)
        options = bar.addMenu(self.tr("设置(&S)"))
        self._add(options, self.tr("切换用户…"), self.ask_user, "Ctrl+U")
        self._add(options, self.tr("本单位名单…"), self.edit_office_lists, "Ctrl+L")
        self._add(
            options, self.tr("设置…"), self.edit_settings, QKeySequence.StandardKey.Preferences
        )
        helps = bar.addMenu(self.tr("帮助(&H)"))
        self.help_action = self._add(helps, self.tr("键盘操作"), self.show_shortcuts, "F1")
        self.help_action.setShortcuts([QKeySequence("F1"), QKeySequence("?")])

    def _add(self, menu: QMenu, text: str, slot: object, keys: object = None) -> QAction:
        action = QAction(text, self)
        if keys is not None:
            action.setShortcut(QKeySequence(keys))  # type: ignore[call-overload]
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _title(self) -> None:
        self.setWindowTitle(self.tr("政府信息公开审查台 review_desk"))
        self.user_label.setText(self.tr("当前用户：%1").replace("%1", self.session.user))

    # --- the queue ------------------------------------------------------------------------

    def _load_queue(self) -> None:
        run_in_background(self.session.summaries, self._summaries, self.show_problem)

    def _summaries(self, summaries: list[DocSummary]) -> None:
        self.queue.set_summaries(summaries)
        if not summaries and self._first_run:
            # A newcomer's empty store: the demo documents show the tool at work at once.
            self.scan_paths(self._first_run)
            self._first_run = []
        elif summaries and self._opening == "":
            self.queue_view.selectRow(0)

    def scan_paths(self, paths: list[Path]) -> None:
        files = collect_files(paths)
        for path in files:
            self.queue.add_scanning(str(path))
            self.settings.remember(path)
        if files:
            self._busy(True)
            self.work.scan_files(files)

    def _scanned(self, path: str, summary: DocSummary) -> None:
        row = self.queue.put(summary, path)
        if summary.doc_id == self._opening:
            self.work.read_record(summary.doc_id)
        elif not self._opening:
            self.queue_view.selectRow(row)

    def _problem(self, path: str, message: str, doc_id: str) -> None:
        if path or doc_id:
            self.queue.set_problem(path, message, doc_id)
        if doc_id and doc_id == self._opening:
            self.work.read_record(doc_id)  # show the record without the text
        self.show_problem(message)

    def _queue_selected(self, current: QModelIndex) -> None:
        if not current.isValid():
            return
        row = self.queue.row_at(current.row())
        self._opening = row.doc_id
        if row.summary is None:
            self._show(None)
            self.show_problem(row.problem)
            return
        if row.doc_id in self.work.loaded or row.problem:
            self.work.read_record(row.doc_id)
        elif self.work.reopen(row.doc_id, row.summary.path):
            self.show_status(self.tr("正在重新打开 %1 …").replace("%1", row.summary.file_name))
        else:
            self.show_problem(self.tr("原文件不在登记的位置：%1").replace("%1", row.summary.path))
            self.work.read_record(row.doc_id)

    def step_document(self, step: int) -> None:
        row = self.queue_view.currentIndex().row() + step
        if 0 <= row < self.queue.rowCount():
            self.queue_view.selectRow(row)

    # --- one document ---------------------------------------------------------------------

    def _record_read(self, doc_id: str, opened: OpenedRecord) -> None:
        if doc_id == self._opening:
            if not self._problem_shown:
                self.message.clear()  # "reopening …" is done
            self._show(opened)

    def _show(self, opened: OpenedRecord | None) -> None:
        if opened is None:
            self.pane.show_document("", None, None)
            self.panel.show_review(None, None, self.session.user)
            self.history.set_events([])
            return
        review = opened.record.review
        loaded = self.work.loaded.get(review.doc_id)
        self.pane.show_document(
            review.doc_id, review, loaded, opened.by_block, opened.first_undecided
        )
        self.panel.show_review(review, opened.summary, self.session.user)
        self.history.set_events(opened.record.events)

    def _changed(self, doc_id: str) -> None:
        record = self.session.record(doc_id)
        summary: DocSummary | None
        if len(record.review.findings) < BIG_DOCUMENT:
            summary = summarise(record)
            self.queue.put(summary)
        else:
            # A summary is a pass over every finding: off the UI thread, so keys stay quick.
            run_in_background(lambda: summarise(record), self._summary_ready, self.show_problem)
            row = self.queue.row_of(doc_id)
            summary = self.queue.row_at(row).summary if row is not None else None
        if doc_id == self.pane.doc_id:
            self.pane.refresh(record.review)
            self.panel.show_review(record.review, summary, self.session.user)
            self.history.set_events(record.events)

    def _summary_ready(self, summary: DocSummary) -> None:
        self.queue.put(summary)

    def _decide_document(
        self, attribute: Attribute, grounds: list[Ground], basis: list[str], reason: str
    ) -> None:
        if self.pane.doc_id:
            self.session.decide_document(self.pane.doc_id, attribute, grounds, basis, reason)

    def _current_document(self) -> tuple[str, str]:
        row = self.queue.row_of(self.pane.doc_id) if self.pane.doc_id else None
        summary = self.queue.row_at(row).summary if row is not None else None
        return (summary.doc_id, summary.file_name) if summary is not None else ("", "")

    def _exported(self, exported: Exported) -> None:
        names = "、".join(Path(o).name for o in exported.outputs)
        self.show_status(
            self.tr("已导出：%1（链头 %2）").replace("%1", names).replace("%2", exported.chain_head)
        )
        if self.pane.doc_id:
            self._changed(self.pane.doc_id)

    # --- background work ------------------------------------------------------------------

    def _progress(self, done: int, total: int, name: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        if name and is_image_file(name):
            # OCR of a photo takes seconds a page, and the worker reports files, not pages:
            # a busy bar, and the text says why (a scanned PDF's pages cannot be told ahead).
            self.progress.setRange(0, 0)
            self.progress.setFormat(self.tr("正在识别扫描页… %1").replace("%1", name))
        elif name:
            self.progress.setFormat(f"{done + 1}/{total} {name}")

    def _page_progress(self, name: str, page: int, pages: int) -> None:
        """OCR takes seconds a page: the bar follows the pages of the file being read."""
        self.progress.setRange(0, max(pages, 1))
        self.progress.setValue(page - 1)
        self.progress.setFormat(
            self.tr("正在识别 %1：第 %2/%3 页")
            .replace("%1", name)
            .replace("%2", str(page))
            .replace("%3", str(pages))
        )

    def _busy(self, busy: bool) -> None:
        for widget in (self.progress, self.cancel_button):
            widget.setVisible(busy)

    def cancel_work(self) -> None:
        if self.work.busy:
            self.work.cancel()
            self.queue.drop_scanning()
            self.show_problem(self.tr("已取消后台任务。"))

    # --- settings, people, lists ----------------------------------------------------------

    def switch_user(self, name: str) -> None:
        """Who is at the desk now; four-eyes needs the approver to be someone else."""
        self.session.user = name
        self.settings.user = name
        save_settings(self.settings)
        self._title()
        if self.pane.doc_id:
            self._changed(self.pane.doc_id)

    def ask_user(self) -> None:
        name = self.prompts.text(
            self, self.tr("切换用户"), self.tr("审查记录中显示的姓名："), self.session.user
        )
        if name:
            self.switch_user(name)

    def edit_settings(self) -> None:
        dialog = SettingsDialog(self.settings, self)
        if dialog.exec():
            chosen = dialog.chosen()
            changed_store = chosen.store_url != self.settings.store_url
            self.settings = chosen
            self.switch_user(chosen.user)
            if changed_store:
                self.prompts.inform(
                    self, self.tr("设置"), self.tr("新的审查记录库在下次启动时使用。")
                )

    def edit_office_lists(self) -> None:
        OfficeListsDialog(parent=self).exec()

    def add_to_roster(self, name: str) -> None:
        add_official(name)
        self.show_status(
            self.tr("已把“%1”加入本单位公职人员名册（下次扫描时生效）。").replace("%1", name)
        )

    def shortcut_overlay(self) -> ShortcutOverlay:
        groups = [
            (self.tr("审查"), self.pane.actions_by_name.values()),
            (self.tr("公开属性"), [self.panel.decide_action]),
            (self.tr("文件与窗口"), [a for a in self.findChildren(QAction) if a.parent() is self]),
        ]
        return ShortcutOverlay(groups, self)

    def show_shortcuts(self) -> None:
        self.shortcut_overlay().exec()

    def show_problem(self, message: str) -> None:
        self._problem_shown = True
        self.message.setStyleSheet("color:#b00020")
        self.message.setText(message)

    def show_status(self, message: str) -> None:
        self._problem_shown = False
        self.message.setStyleSheet("color:#1b5e20")
        self.message.setText(message)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for name in self.settings.recent:
            action = self.recent_menu.addAction(name)
            action.triggered.connect(lambda _=False, n=name: self.scan_paths([Path(n)]))

    def choose_files(self) -> None:
        formats = self.tr(
            "公文与表格 (*.docx *.doc *.wps *.pdf *.xlsx *.xls *.et *.ods *.csv *.txt);;扫描件与照片 (*.jpg *.jpeg *.png *.tif *.tiff *.bmp);;所有文件 (*)"
        )
        self.scan_paths(self.prompts.open_files(self, self.tr("选择要审查的文件"), formats))

    def choose_folder(self) -> None:
        folder = self.prompts.folder(self, self.tr("选择要审查的文件夹"))
        if folder is not None:
            self.scan_paths([folder])

    # --- Qt events ------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # Qt's name
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # Qt's name
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        self.scan_paths(paths)
        event.acceptProposedAction()

    def closeEvent(self, event: QCloseEvent) -> None:  # Qt's name
        self.work.runner.shutdown()
        self.settings.geometry = self.saveGeometry()
        save_settings(self.settings)
        super().closeEvent(event)
