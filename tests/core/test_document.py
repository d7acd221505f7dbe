from review_desk.core.document import Block, BlockKind, Document


def _sheet() -> Document:
    blocks = [
        Block("s0:r0:c0", BlockKind.SHEET_CELL, "2024年低保公示", row=0, column=0),
        Block("s0:r1:c0", BlockKind.SHEET_CELL, "姓名", row=1, column=0),
        Block("s0:r1:c1", BlockKind.SHEET_CELL, "身份证号", row=1, column=1),
        Block("s0:r2:c0", BlockKind.SHEET_CELL, "张三", row=2, column=0, header="姓名"),
        Block("s0:r2:c1", BlockKind.SHEET_CELL, "1", row=2, column=1, header="身份证号"),
        Block("s1:r2:c0", BlockKind.SHEET_CELL, "x", row=2, column=0, header="备注"),
    ]
    return Document(path="a.xlsx", sha256="0" * 64, format="xlsx", blocks=blocks)


def test_block_lookup_by_id() -> None:
    assert _sheet().block("s0:r2:c0").text == "张三"


def test_columns_of_one_sheet() -> None:
    assert _sheet().columns("s0:") == {0: "姓名", 1: "身份证号"}


def test_hidden_places_are_flagged() -> None:
    visible = Block("p0", BlockKind.PARAGRAPH, "a")
    deleted = Block("del0", BlockKind.PARAGRAPH, "a", origin="tracked_deletion")
    assert not visible.hidden
    assert deleted.hidden


def test_block_normalized_view_is_cached() -> None:
    block = Block("p0", BlockKind.PARAGRAPH, "１２３")
    assert block.normalized is block.normalized
    assert block.normalized.text == "123"
