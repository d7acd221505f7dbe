"""The document's decision: the four attributes with the tool's proposal preselected, grounds
with their legal basis, a reason, the proposal's conflicts; then the approver's approve or
return with a note. The panel only asks; the window runs the command and re-reads the review.
A page withheld whole turns a 主动公开 in the form into 删减后公开 on the privacy ground
(core/withheld.py); the reviewer may pick other grounds.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from review_desk.core.findings import Attribute, Ground
from review_desk.core.review import Review, ReviewState
from review_desk.core.withheld import WITHHELD_GROUND, allows_withheld_pages, settled_attribute
from review_desk.gui.labels import attribute_label, ground_label, state_label
from review_desk.gui.summary import DocSummary

_EDITABLE = frozenset(
    {ReviewState.SCANNED, ReviewState.IN_REVIEW, ReviewState.DECIDED, ReviewState.RETURNED}
)


class DecisionPanel(QWidget):
    decide_requested = Signal(object, object, object, str)  # attribute, grounds, basis, reason
    approve_requested = Signal(str)
    return_requested = Signal(str)

    def __init__(
        self, basis_of: dict[Ground, tuple[str, ...]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._basis_of = basis_of
        self._doc_id = ""
        self._decision_seen: object = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.returned = QLabel()
        self.returned.setWordWrap(True)
        self.returned.setStyleSheet("background:#fff3cd;border:1px solid #e0b000;padding:4px")
        self.proposal = QLabel()
        self.proposal.setWordWrap(True)
        self.proposal.setTextFormat(Qt.TextFormat.RichText)
        self.proposal.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for widget in (self.title, self.returned, self.proposal):
            layout.addWidget(widget)
        layout.addWidget(self._attribute_box())
        layout.addWidget(self._approval_box())
        layout.addStretch(1)
        self.show_review(None, None, "")

    # --- building -------------------------------------------------------------------------

    def _attribute_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("公开属性"))
        form = QVBoxLayout(box)
        self.attributes = QButtonGroup(self)
        row = QHBoxLayout()
        for number, attribute in enumerate(Attribute):
            button = QRadioButton(f"&{number + 1} {attribute_label(attribute)}")
            self.attributes.addButton(button, number)
            row.addWidget(button)
        form.addLayout(row)
        self.grounds = QListWidget()
        self.grounds.setMaximumHeight(150)
        for ground in Ground:
            item = QListWidgetItem(ground_label(ground))
            item.setData(Qt.ItemDataRole.UserRole, ground)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setToolTip("；".join(self._basis_of.get(ground, ())))
            self.grounds.addItem(item)
        self.grounds.itemChanged.connect(self._grounds_changed)
        self.basis = QPlainTextEdit()
        self.basis.setMaximumHeight(70)
        self.basis.setPlaceholderText(self.tr("法律依据，一行一条"))
        self.reason = QPlainTextEdit()
        self.reason.setMaximumHeight(60)
        self.reason.setPlaceholderText(self.tr("理由（以公共利益或第三方同意为由公开时必填）"))
        fields = QFormLayout()
        fields.addRow(self.tr("理由依据"), self.grounds)
        fields.addRow(self.tr("法律依据"), self.basis)
        fields.addRow(self.tr("说明"), self.reason)
        form.addLayout(fields)
        self.decide = QPushButton(self.tr("确认公开属性（Ctrl+Enter）"))
        self.decide.clicked.connect(self._decide)
        form.addWidget(self.decide)
        self.decide_action = QAction(self.tr("确认公开属性"), self)
        self.decide_action.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        self.decide_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.decide_action.triggered.connect(self._decide)
        self.addAction(self.decide_action)
        return box

    def _approval_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("审核（须由审查人以外的人进行）"))
        form = QVBoxLayout(box)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("审核意见（退回时必填）"))
        buttons = QHBoxLayout()
        self.approve = QPushButton(self.tr("审核通过"))
        self.give_back = QPushButton(self.tr("退回修改"))
        self.approve.clicked.connect(lambda: self.approve_requested.emit(self.note.text().strip()))
        self.give_back.clicked.connect(self._return)
        buttons.addWidget(self.approve)
        buttons.addWidget(self.give_back)
        self.approval_hint = QLabel()
        self.approval_hint.setWordWrap(True)
        self.approval_hint.setStyleSheet("color:#666")
        form.addWidget(self.note)
        form.addLayout(buttons)
        form.addWidget(self.approval_hint)
        return box

    # --- showing a review -----------------------------------------------------------------

    def show_review(self, review: Review | None, summary: DocSummary | None, user: str) -> None:
        """Show the review as the store has it; the form is reset only when another document or
        a new document decision comes in, so a reviewer's half-typed reason survives the
        decisions made meanwhile."""
        if review is None or summary is None:
            self._doc_id = ""
            self.title.setText(self.tr("请在左侧选择文件，或打开要审查的文件（Ctrl+O）。"))
            self._enable(False)
            self.returned.hide()
            self.proposal.clear()
            return
        self._enable(True)
        seen = (review.document_decision, frozenset(review.withheld_pages))
        if review.doc_id != self._doc_id or seen != self._decision_seen:
            self._doc_id, self._decision_seen = review.doc_id, seen
            self._fill_form(review)
        self._show_heading(review, summary)
        self._show_state(review, user)

    def _fill_form(self, review: Review) -> None:
        decision, proposal = review.document_decision, review.proposal
        if decision is not None:
            attribute, grounds, basis, reason = (
                decision.attribute,
                decision.grounds,
                decision.basis,
                decision.reason,
            )
        elif proposal is not None:
            attribute, grounds, basis, reason = (
                proposal.attribute,
                proposal.grounds,
                proposal.basis,
                "",
            )
        else:
            attribute, grounds, basis, reason = Attribute.PROACTIVE, (), (), ""
        privacy = self._basis_of.get(WITHHELD_GROUND, ())
        attribute, grounds, basis = settled_attribute(
            attribute, grounds, basis, review.withheld_pages, privacy
        )
        self.attributes.button(list(Attribute).index(attribute)).setChecked(True)
        self.grounds.blockSignals(True)
        for row in range(self.grounds.count()):
            item = self.grounds.item(row)
            checked = item.data(Qt.ItemDataRole.UserRole) in grounds
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.grounds.blockSignals(False)
        self.basis.setPlainText("\n".join(basis))
        self.reason.setPlainText(reason)
        self.note.clear()

    def _show_heading(self, review: Review, summary: DocSummary) -> None:
        self.title.setText(
            f"<b>{html.escape(summary.file_name)}</b><br>"
            + self.tr("状态：%1　审查人：%2")
            .replace("%1", state_label(review.state))
            .replace("%2", html.escape(review.reviewer or "—"))
        )
        if summary.returned_note or (summary.returned_by and review.state == ReviewState.RETURNED):
            text = self.tr("%1 退回了本文件：%2").replace("%1", summary.returned_by)
            self.returned.setText(text.replace("%2", summary.returned_note or "—"))
            self.returned.show()
        else:
            self.returned.hide()
        self.proposal.setText(self._proposal_html(review))

    def _show_state(self, review: Review, user: str) -> None:
        editable = review.state in _EDITABLE
        self.decide.setEnabled(editable)
        can_judge = review.state == ReviewState.DECIDED
        # An unread page blocks the approval (core/review.py), not a return for rework.
        self.approve.setEnabled(can_judge and not review.unconfirmed_pages)
        self.give_back.setEnabled(can_judge)
        decision = review.document_decision
        own = user == review.reviewer or (decision is not None and decision.actor == user)
        if review.withheld_pages and decision and not allows_withheld_pages(decision.attribute):
            self.approval_hint.setText(
                self.tr("第 %1 页整页不公开：公开属性须为删减后公开，请重新确认公开属性。").replace(
                    "%1", "、".join(map(str, sorted(review.withheld_pages)))
                )
            )
        elif review.unconfirmed_pages and review.state in _EDITABLE:
            self.approval_hint.setText(
                self.tr("第 %1 页未能识别文字，尚未人工确认，不能审核通过（确认：C）。").replace(
                    "%1", "、".join(map(str, review.unconfirmed_pages))
                )
            )
        elif can_judge and own:
            self.approval_hint.setText(
                self.tr(
                    "您（%1）是本文件的审查人：请由另一位同事审核（菜单“设置 → 切换用户”）。"
                ).replace("%1", user)
            )
        elif review.undecided and can_judge:
            self.approval_hint.setText(
                self.tr("仍有 %1 条待定的发现。").replace("%1", str(len(review.undecided)))
            )
        else:
            self.approval_hint.setText("")

    def _enable(self, on: bool) -> None:
        for widget in (
            self.decide,
            self.approve,
            self.give_back,
            self.grounds,
            self.basis,
            self.reason,
            self.note,
        ):
            widget.setEnabled(on)
        for button in self.attributes.buttons():
            button.setEnabled(on)

    # --- asking ---------------------------------------------------------------------------

    def chosen_grounds(self) -> list[Ground]:
        return [
            self.grounds.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.grounds.count())
            if self.grounds.item(row).checkState() == Qt.CheckState.Checked
        ]

    def _grounds_changed(self) -> None:
        """Ticking a ground puts its legal basis in the basis field (the reviewer may edit it)."""
        basis: list[str] = []
        for ground in self.chosen_grounds():
            basis.extend(b for b in self._basis_of.get(ground, ()) if b not in basis)
        self.basis.setPlainText("\n".join(basis))

    def _decide(self) -> None:
        if not self._doc_id or not self.decide.isEnabled():
            return
        attribute = list(Attribute)[max(0, self.attributes.checkedId())]
        basis = [line.strip() for line in self.basis.toPlainText().splitlines() if line.strip()]
        self.decide_requested.emit(
            attribute, self.chosen_grounds(), basis, self.reason.toPlainText().strip()
        )

    def _proposal_html(self, review: Review) -> str:
        proposal = review.proposal
        if proposal is None:
            return ""
        title = self.tr("工具建议：%1").replace("%1", attribute_label(proposal.attribute))
        lines = [f"<b>{title}</b>", *(html.escape(reason) for reason in proposal.reasons)]
        conflict = self.tr("冲突：")
        lines.extend(
            f'<span style="color:#b00020">{conflict}{html.escape(c)}</span>'
            for c in proposal.conflicts
        )
        confirmed = self.tr("第 %1 页已人工确认")
        withheld = self.tr("第 %1 页整页不公开（删减后副本中以空白页替换）")
        lines.extend(
            f'<span style="color:#424242">{withheld.replace("%1", str(page))}</span>'
            if page in review.withheld_pages
            else f'<span style="color:#1b5e20">{confirmed.replace("%1", str(page))}</span>'
            for page in sorted(review.confirmed_pages)
        )
        return "<br>".join(lines)

    def _return(self) -> None:
        note = self.note.text().strip()
        if not note:
            self.note.setFocus()
            self.approval_hint.setText(self.tr("退回时请写明意见。"))
            return
        self.return_requested.emit(note)
