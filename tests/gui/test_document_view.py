"""The document view: blocks in context, findings coloured by their decision, a mouse selection
mapped back to (block, start, end), and a window of blocks on a big sheet."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from review_desk.core.document import Block, BlockKind, Document
from review_desk.core.findings import Action, Attribute, Finding, FindingType, Proposal
from review_desk.core.review import Decision, FindingDecision, RecordedFinding, Review
from review_desk.gui.document_view import MAX_BLOCKS_SHOWN, DocumentView
from review_desk.gui.labels import DECISION_COLOURS, UNDECIDED_COLOUR
from review_desk.gui.loaded import LoadedDocument


def _loaded(blocks: list[Block], findings: list[Finding]) -> LoadedDocument:
    document = Document("a.docx", "0" * 64, "docx", blocks)
    return LoadedDocument.of("d1", "a.docx", document, findings, Proposal(Attribute.REDACTED))


def _review(findings: list[Finding]) -> Review:
    review = Review("d1")
    review.findings = [
        RecordedFinding(i, f.type, f.block, f.start, f.end, f.action, f"h{i}")
        for i, f in enumerate(findings)
    ]
    return review


def _cell(row: int, column: int, text: str) -> Block:
    return Block(
        f"s0:r{row}:c{column}", BlockKind.SHEET_CELL, text, row=row, column=column, sheet="名单"
    )


def _colour_at(view: DocumentView, position: int) -> str:
    cursor = view.textCursor()
    cursor.setPosition(position + 1)
    return cursor.charFormat().background().color().name()


def test_blocks_in_context(qtbot: QtBot) -> None:
    blocks = [
        Block("h0:p0", BlockKind.HEADER, "某县民政局"),
        Block("p0", BlockKind.PARAGRAPH, "低保对象张三。"),
        _cell(0, 0, "姓名"),
        _cell(0, 1, "电话"),
        _cell(1, 0, "李四"),
        _cell(1, 1, "13800138000"),
        Block("c0:p0", BlockKind.COMMENT, "请核对", origin="comment"),
        Block("prop:core:creator", BlockKind.PROPERTY, "王五", header="creator", origin="property"),
    ]
    name = Finding(FindingType.PERSON, "s0:r1:c0", 0, 2, "李四", 0.9, Action.REDACT, "names", "")
    view = DocumentView()
    qtbot.addWidget(view)
    view.show_document(_loaded(blocks, [name]), _review([name]))
    text = view.toPlainText()
    for label in ("【页眉】", "【批注】", "【文件属性·creator】", "【工作表 名单】"):
        assert label in text
    assert view.document().toHtml().count("<td") == 4
    assert _colour_at(view, text.index("李四")) == DECISION_COLOURS[Decision.REDACT]


def test_a_selection_maps_to_the_block(qtbot: QtBot) -> None:
    blocks = [
        Block("p0", BlockKind.PARAGRAPH, "标题"),
        _cell(0, 0, "低保对象"),
        _cell(0, 1, "王秀兰"),
    ]
    view = DocumentView()
    qtbot.addWidget(view)
    view.show_document(_loaded(blocks, []), _review([]))
    at = view.toPlainText().index("秀兰")
    cursor = view.textCursor()
    cursor.setPosition(at)
    cursor.setPosition(at + 2, cursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    assert view.selected_span() == ("s0:r0:c1", 1, 3, "秀兰")
    cursor.setPosition(view.toPlainText().index("对象"))
    cursor.setPosition(at + 1, cursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    assert view.selected_span() is None  # across two cells


def test_a_decision_recolours_its_span(qtbot: QtBot) -> None:
    blocks = [Block("p0", BlockKind.PARAGRAPH, "经办人赵明。")]
    official = Finding(FindingType.PERSON, "p0", 3, 5, "赵明", 0.5, Action.REVIEW, "names", "")
    review = _review([official])
    view = DocumentView()
    qtbot.addWidget(view)
    view.show_document(_loaded(blocks, [official]), review)
    assert _colour_at(view, 3) == UNDECIDED_COLOUR
    review.decisions[0] = FindingDecision(0, Decision.KEEP, "张三")
    view.recolour(review)
    assert _colour_at(view, 3) == DECISION_COLOURS[Decision.KEEP]


def test_a_big_sheet_is_shown_around_the_finding(qtbot: QtBot) -> None:
    rows = MAX_BLOCKS_SHOWN * 2
    blocks = [_cell(r, 0, f"第{r}行") for r in range(rows)]
    last = Finding(
        FindingType.PERSON, f"s0:r{rows - 1}:c0", 0, 1, "第", 0.9, Action.REDACT, "names", ""
    )
    review = _review([last])
    view = DocumentView()
    qtbot.addWidget(view)
    view.show_document(_loaded(blocks, [last]), review)
    assert "未显示" in view.toPlainText() and f"第{rows - 1}行" not in view.toPlainText()
    view.show_finding(review.findings[0])
    assert f"第{rows - 1}行" in view.toPlainText()
    assert len(view.shown_blocks) <= MAX_BLOCKS_SHOWN


def test_a_workbook_is_shown_as_a_lazy_grid(qtbot: QtBot, tmp_path: Path) -> None:
    from review_desk.audit.store import Store
    from review_desk.gui.prompts import Prompts
    from review_desk.gui.review_pane import ReviewPane
    from review_desk.gui.session import DeskSession

    blocks = [_cell(r, c, f"{r}-{c}") for r in range(3) for c in range(2)]
    blocks.append(
        Block("prop:core:creator", BlockKind.PROPERTY, "王五", header="creator", origin="property")
    )
    name = Finding(FindingType.PERSON, "s0:r2:c1", 0, 3, "2-1", 0.9, Action.REDACT, "names", "")
    review = _review([name])
    loaded = _loaded(blocks, [name])
    session = DeskSession(Store.open(f"sqlite:///{tmp_path}/s.db"), "张三", True)
    pane = ReviewPane(session, Prompts())
    qtbot.addWidget(pane)
    pane.show_document("d1", review, loaded)
    assert pane.view is pane.sheet_view
    sheet = pane.sheet_view.sheet
    assert (sheet.rowCount(), sheet.columnCount()) == (4, 2)
    assert sheet.headerData(0, Qt.Orientation.Vertical) == "名单 1"
    assert sheet.headerData(3, Qt.Orientation.Vertical) == "文件属性·creator"
    cell = sheet.index(2, 1)
    assert sheet.data(cell) == "2-1"
    assert (
        sheet.data(cell, Qt.ItemDataRole.BackgroundRole).color().name()
        == DECISION_COLOURS[Decision.REDACT]
    )
    assert pane.sheet_view.currentIndex() == cell  # the current finding's cell
    assert pane.view.selected_span() == ("s0:r2:c1", 0, 3, "2-1")
    pane.toggle_preview()
    assert sheet.data(cell) != "2-1" and "*" in sheet.data(cell)
    session.close()
