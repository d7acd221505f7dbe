"""The reviewer's working area: the document in context above, its findings below, and the keys
that decide them. The keys belong to this area (not the whole window), so typing a reason or a
note in the decision panel never decides a finding.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from review_desk.core.findings import FindingType
from review_desk.core.review import Decision, RecordedFinding, Review
from review_desk.gui import findings_model as fm
from review_desk.gui.document_view import DocumentView
from review_desk.gui.findings_model import FindingsModel
from review_desk.gui.labels import type_label
from review_desk.gui.loaded import FindingIndex, LoadedDocument
from review_desk.gui.prompts import Prompts
from review_desk.gui.scan_page_view import ScanPageView
from review_desk.gui.session import DeskSession
from review_desk.gui.sheet_view import SheetView

# Reasons go into the audit record, which stays in Chinese whatever the window's language.
KEEP_TYPE_REASON = "本文件此类型全部保留"
REDACT_VALUE_REASON = "此值每一处均删除"
KEEP_VALUE_REASON = "此值每一处均保留"
CONFIRM_PAGE_NOTE = "已在审查台对照页面图像人工审查"
WITHHOLD_PAGE_NOTE = "已在审查台对照页面图像人工审查，整页不公开"

_WIDTHS = {
    fm.TYPE: 100,
    fm.VALUE: 150,
    fm.DECISION: 72,
    fm.SCORE: 44,
    fm.WHY: 260,
    fm.PROPOSED: 76,
}


class ReviewPane(QWidget):
    document_step = Signal(int)
    roster_add = Signal(str)

    def __init__(
        self, session: DeskSession, prompts: Prompts, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.prompts = prompts
        self.doc_id = ""
        self._review: Review | None = None
        self._loaded: LoadedDocument | None = None
        self._index: FindingIndex | None = None
        # Text documents on a laid-out page; workbooks in a lazy grid (a million cells).
        self.text_view = DocumentView()
        self.sheet_view = SheetView()
        self.view: DocumentView | SheetView = self.text_view
        self.pages = QStackedWidget()
        for page in (self.text_view, self.sheet_view):
            page.add_requested.connect(self.add_selected)
            self.pages.addWidget(page)
        self.model = FindingsModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in _WIDTHS.items():
            header.resizeSection(column, width)
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        # A scanned page's image above its recognised text (hidden for typed documents).
        self.scan_view = ScanPageView()
        self.scan_view.confirm_requested.connect(self.confirm_page)
        self.scan_view.withhold_requested.connect(self.withhold_page)
        self.scan_view.hide()
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.scan_view)
        splitter.addWidget(self.pages)
        splitter.addWidget(self.table)
        splitter.setSizes([420, 140, 200])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.actions_by_name = self._make_actions()

    # --- the keys -------------------------------------------------------------------------

    def _make_actions(self) -> dict[str, QAction]:
        specs: list[tuple[str, str, tuple[str, ...], Callable[[], object]]] = [
            ("next", self.tr("下一条发现"), ("J",), lambda: self.step(1)),
            ("previous", self.tr("上一条发现"), ("K",), lambda: self.step(-1)),
            ("next_undecided", self.tr("下一条待定的发现"), ("U",), self.next_undecided),
            ("redact", self.tr("删除/遮盖此处"), ("R",), lambda: self.decide(Decision.REDACT)),
            ("keep", self.tr("保留此处"), ("Space",), lambda: self.decide(Decision.KEEP)),
            ("edit", self.tr("自定义遮盖（保留首尾若干字）"), ("E",), self.edit_mask),
            ("undo", self.tr("撤销上一步决定"), ("Ctrl+Z",), self.undo),
            ("redo", self.tr("重做"), ("Ctrl+Shift+Z", "Ctrl+Y"), self.redo),
            ("keep_type", self.tr("本文件中此类型全部保留"), ("T",), self.keep_type),
            ("redact_value", self.tr("此值的每一处都删除"), ("V",), self.redact_value),
            ("keep_value", self.tr("此姓名的每一处都保留（可加入名册）"), ("O",), self.keep_value),
            ("add", self.tr("将选中文字添加为发现"), ("A",), self.add_selected),
            ("accept_all", self.tr("其余发现全部接受建议"), ("Ctrl+Shift+A",), self.accept_all),
            ("preview", self.tr("预览删减后副本"), ("P",), self.toggle_preview),
            ("confirm_page", self.tr("确认此页已人工审查"), ("C",), self.confirm_page),
            ("withhold_page", self.tr("此页整页不公开"), ("W",), self.withhold_page),
            (
                "previous_page",
                self.tr("上一页扫描页"),
                ("[",),
                lambda: self.scan_view.step_page(-1),
            ),
            ("next_page", self.tr("下一页扫描页"), ("]",), lambda: self.scan_view.step_page(1)),
            (
                "next_document",
                self.tr("下一份文件"),
                ("N", "Ctrl+PgDown"),
                lambda: self.document_step.emit(1),
            ),
            (
                "previous_document",
                self.tr("上一份文件"),
                ("Shift+N", "Ctrl+PgUp"),
                lambda: self.document_step.emit(-1),
            ),
        ]
        made = {}
        for name, text, keys, slot in specs:
            action = QAction(text, self)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
            made[name] = action
        return made

    # --- showing --------------------------------------------------------------------------

    def show_document(
        self,
        doc_id: str,
        review: Review | None,
        loaded: LoadedDocument | None,
        index: FindingIndex | None = None,
        first: int = 0,
    ) -> None:
        """Show a document, its findings and the page; ``first`` is the finding to start at
        (the first one still undecided)."""
        self.doc_id, self._review, self._loaded = doc_id, review, loaded
        self._index = index
        self.model.set_document(review, loaded)
        self.view = self.sheet_view if loaded is not None and loaded.grid else self.text_view
        self.pages.setCurrentWidget(self.view)
        self.view.show_document(loaded, review, index)
        self.scan_view.show_document(loaded, review)
        self.scan_view.setVisible(loaded is not None and bool(self.scan_view.pages))
        self.select(first)
        self.table.setFocus()

    def refresh(self, review: Review) -> None:
        """The store's review changed: show it (new findings re-render the page)."""
        grew = self._review is not None and len(review.findings) != len(self._review.findings)
        self._review = review
        self.model.refresh(review)
        if grew:
            self.view.show_document(self._loaded, review, self._index)
        else:
            self.view.recolour(review)
        self.scan_view.refresh(review)
        self.view.show_finding(self.current())

    def current(self) -> RecordedFinding | None:
        row = self.table.currentIndex().row()
        return self.model.finding(row) if self._review is not None and row >= 0 else None

    def select(self, row: int) -> None:
        if not 0 <= row < self.model.rowCount():
            return
        index = self.model.index(row, 0)
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)

    def _current_changed(self, current: QModelIndex) -> None:
        finding = self.model.finding(current.row()) if current.isValid() else None
        self.view.show_finding(finding)
        self.scan_view.show_finding(finding)

    # --- commands -------------------------------------------------------------------------

    def step(self, step: int) -> None:
        row = self.table.currentIndex().row()
        self.select(max(0, min(self.model.rowCount() - 1, row + step)))

    def next_undecided(self) -> None:
        start = self.table.currentIndex().row() + 1
        total = self.model.rowCount()
        for offset in range(total):
            row = (start + offset) % total
            if self.model.decision(row) is None:
                self.select(row)
                return

    def decide(self, decision: Decision, keep: tuple[int, int] = (0, 0)) -> None:
        finding = self.current()
        if finding is None:
            return
        if self.session.decide(self.doc_id, [finding.index], decision, keep=keep):
            self.step(1)

    def edit_mask(self) -> None:
        finding = self.current()
        if finding is None:
            return
        keep = self.prompts.edit_mask(self, finding.length)
        if keep is not None:
            self.decide(Decision.EDIT_MASK, keep)

    def undo(self) -> None:
        if self.doc_id:
            self.session.undo(self.doc_id)

    def redo(self) -> None:
        if self.doc_id:
            self.session.redo(self.doc_id)

    def keep_type(self) -> None:
        finding, review = self.current(), self._review
        if finding is None or review is None:
            return
        same = [f.index for f in review.findings if f.type == finding.type]
        text = self.tr("将本文件中全部 %1 处“%2”标为保留？").replace("%1", str(len(same)))
        if self.prompts.confirm(
            self, self.tr("批量保留"), text.replace("%2", type_label(finding.type))
        ):
            self.session.decide(self.doc_id, same, Decision.KEEP, KEEP_TYPE_REASON)

    def redact_value(self) -> None:
        same = self._same_value()
        if same:
            self.session.decide(self.doc_id, same, Decision.REDACT, REDACT_VALUE_REASON)

    def keep_value(self) -> None:
        finding, same = self.current(), self._same_value()
        if finding is None or not same:
            return
        if not self.session.decide(self.doc_id, same, Decision.KEEP, KEEP_VALUE_REASON):
            return
        name = self._loaded.text_of(finding) if self._loaded is not None else ""
        if finding.type == FindingType.PERSON and name:
            question = self.tr(
                "把“%1”加入本单位公职人员名册？以后的扫描中，此姓名将始终作为公职人员保留。"
            )
            if self.prompts.confirm(self, self.tr("本单位名册"), question.replace("%1", name)):
                self.roster_add.emit(name)

    def _same_value(self) -> list[int]:
        finding, review = self.current(), self._review
        if finding is None or review is None:
            return []
        return [f.index for f in review.findings if f.value_hmac == finding.value_hmac]

    def add_selected(self, kind: FindingType | None = None) -> None:
        span = self.view.selected_span()
        if span is None or not self.doc_id or self._loaded is None:
            return
        block_id, start, end, text = span
        kind = kind if isinstance(kind, FindingType) else self.prompts.finding_type(self)
        if kind is None:
            return
        length = len(self._loaded.document.block(block_id).text)
        index = self.session.add_finding(self.doc_id, kind, block_id, (start, end), text, length)
        if index is not None:
            self.select(index)

    def accept_all(self) -> None:
        if self.doc_id:
            self.session.accept_proposals(self.doc_id)

    def confirm_page(self) -> None:
        """Record that the unread page shown was read by hand; with none shown, turn to the
        first one still waiting (a page is confirmed only after it has been on screen, unless
        its image cannot be shown here at all)."""
        review = self._review
        if review is None or not review.unconfirmed_pages:
            return
        page = self.scan_view.page_to_confirm()
        if page is None and self.scan_view.isVisible():
            self.scan_view.show_page(review.unconfirmed_pages[0])
            return
        page = page or review.unconfirmed_pages[0]
        question = self.tr(
            "确认您已对照页面图像人工审查第 %1 页的全部内容？此页文字未能识别，页上的信息不能在本工具中标记删除：导出的删减后副本中，此页原样保留（页上有个人信息时，请改用“整页不公开（W）”）。"
        ).replace("%1", str(page))
        if self.prompts.confirm(self, self.tr("确认此页已人工审查"), question):
            self.session.confirm_page(self.doc_id, page, CONFIRM_PAGE_NOTE)

    def withhold_page(self) -> None:
        """Withhold the unread page shown whole (after the reviewer says so in a dialog)."""
        page = self.scan_view.page_to_withhold()
        if page is None or not self.doc_id:
            return
        question = self.tr(
            "第 %1 页整页不公开？导出的删减后副本中，此页以同样大小的空白页替换，页上只有“（本页不予公开）”；本文件的公开属性须为删减后公开（默认理由：个人隐私）。"
        ).replace("%1", str(page))
        if self.prompts.confirm(self, self.tr("整页不公开"), question):
            self.session.withhold_page(self.doc_id, page, WITHHOLD_PAGE_NOTE)

    def toggle_preview(self) -> None:
        self.view.set_preview(not self.view.preview)
        self.view.show_finding(self.current())
