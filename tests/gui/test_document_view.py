from pytestqt.qtbot import QtBot

from review_desk.core.document import Block, BlockKind, Document
from review_desk.core.findings import Action, Finding, FindingType
from review_desk.gui.document_view import MAX_BLOCKS_SHOWN, DocumentView


def _cell(row: int, column: int, text: str) -> Block:
    return Block(f"s0:r{row}:c{column}", BlockKind.SHEET_CELL, text, row=row, column=column)


def test_sheet_cells_are_laid_out_as_a_grid(qtbot: QtBot) -> None:
    view = DocumentView()
    qtbot.addWidget(view)
    blocks = [
        _cell(0, 0, "姓名"),
        _cell(0, 1, "电话"),
        _cell(1, 0, "张三"),
        _cell(1, 1, "13800138000"),
    ]
    redact = Finding(FindingType.PERSON, "s0:r1:c0", 0, 2, "张三", 0.9, Action.REDACT, "names", "")
    view.show_document(Document("a.xlsx", "0" * 64, "xlsx", blocks), [redact])
    html = view.toHtml()
    assert html.count("<td") == 4
    assert "#f8c9c4" in html  # the redacted name is highlighted in the redact colour


def test_long_documents_are_cut_with_a_note(qtbot: QtBot) -> None:
    view = DocumentView()
    qtbot.addWidget(view)
    blocks = [Block(f"p{i}", BlockKind.PARAGRAPH, f"第{i}段") for i in range(MAX_BLOCKS_SHOWN + 5)]
    view.show_document(Document("a.txt", "0" * 64, "txt", blocks), [])
    assert f"共 {MAX_BLOCKS_SHOWN + 5} 个" in view.toPlainText()
