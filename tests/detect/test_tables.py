"""Column-aware detection: the header of a column decides what its cells are (issue 3 §5)."""

from __future__ import annotations

from pathlib import Path

import pytest

from review_desk.core.cells import CellStore
from review_desk.core.document import Block, BlockKind, Document
from review_desk.core.findings import Action, Finding, FindingType
from review_desk.detect.config import load_detect_rules
from review_desk.detect.engine import Detector
from review_desk.detect.tables import ColumnRoles, table_of
from review_desk.loaders import load
from tests.detect import files
from tests.loaders import fixtures


def table(headers: list[str], rows: list[list[str]]) -> Document:
    blocks = [
        Block(f"t0:r{r}:c{c}", BlockKind.TABLE_CELL, text, row=r, column=c, header=headers[c])
        for r, row in enumerate([headers, *rows])
        for c, text in enumerate(row)
    ]
    return Document("t.docx", "0", "docx", blocks)


def by_cell(findings: list[Finding]) -> dict[str, tuple[FindingType, Action]]:
    return {f.block: (f.type, f.action) for f in findings}


RELIEF = table(
    ["序号", "户主姓名", "身份证号", "联系电话", "家庭住址", "致贫原因"],
    [
        ["1", "张伟", "11010519491231002X", "13812345678", "东仰村3组", "因病"],
        ["2", "欧阳小红", "110101199003071234", "6512345", "大兴镇", "无"],
        ["3", "李*明", "35*************123", "138****1234", "", "残疾"],
        ["4", "王芳", "530111197501224725", "", "", ""],
    ],
)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("t0:r1:c1", (FindingType.PERSON, Action.REDACT)),
        ("t0:r1:c2", (FindingType.CN_RESIDENT_ID, Action.REDACT)),
        ("t0:r1:c3", (FindingType.PHONE_NUMBER, Action.REDACT)),
        ("t0:r1:c4", (FindingType.ADDRESS, Action.REDACT)),
        ("t0:r1:c5", (FindingType.HEALTH_INFO, Action.REDACT)),
        ("t0:r2:c1", (FindingType.PERSON, Action.REDACT)),
        ("t0:r2:c2", (FindingType.CN_RESIDENT_ID, Action.REVIEW)),  # check digit fails
        ("t0:r2:c3", (FindingType.PHONE_NUMBER, Action.REDACT)),  # local number, by column
        ("t0:r3:c1", (FindingType.PERSON, Action.KEEP)),  # already masked
        ("t0:r3:c2", (FindingType.CN_RESIDENT_ID, Action.KEEP)),
        ("t0:r3:c3", (FindingType.PHONE_NUMBER, Action.KEEP)),
        ("t0:r3:c5", (FindingType.HEALTH_INFO, Action.REDACT)),
        # fails its check digit but passes Luhn: in an ID column it is an ID for review
        ("t0:r4:c2", (FindingType.CN_RESIDENT_ID, Action.REVIEW)),
    ],
)
def test_relief_list(detector: Detector, cell: str, expected: tuple[FindingType, Action]) -> None:
    assert by_cell(detector.detect(RELIEF))[cell] == expected


@pytest.mark.parametrize("cell", ["t0:r0:c1", "t0:r0:c2", "t0:r0:c5", "t0:r1:c0", "t0:r2:c5"])
def test_headers_numbers_and_empty_values_are_no_findings(detector: Detector, cell: str) -> None:
    assert cell not in by_cell(detector.detect(RELIEF))


def test_blank_form_has_no_personal_data(detector: Detector) -> None:
    form = table(["姓名", "身份证号", "健康状况", "家庭住址"], [["", "", "", ""]])
    assert detector.detect(form) == []


def test_roster_of_officials_is_kept(detector: Detector) -> None:
    roster = table(["姓名", "职务"], [["段丽元", "厅长"], ["张良玉", "副厅长"]])
    people = [f for f in detector.detect(roster) if f.type is FindingType.PERSON]
    assert [(f.text, f.action) for f in people] == [
        ("段丽元", Action.KEEP),
        ("张良玉", Action.KEEP),
    ]


def test_header_row_without_header_attribute_is_a_label(detector: Detector) -> None:
    """Loaders give the header row's own cells no header: they are still labels."""
    blocks = [
        Block(f"s0:r0:c{c}", BlockKind.SHEET_CELL, h, row=0, column=c)
        for c, h in enumerate(["姓名", "身份证号", "联系电话"])
    ]
    assert detector.detect(Document("t.xlsx", "0", "xlsx", blocks)) == []


TEXT_TABLES = {
    "tabs": [
        "2024年特困人员救助供养金发放名单",
        "序号\t救助对象\t身份证号码\t银行卡号\t联系电话\t金额",
        "1\t韩国富\t51010419840320943X\t6217882817410861193\t6512345\t1904",
    ],
    "pdf_lines": [
        "2024年特困人员救助供养金发放名单",
        "序号 救助对象 身份证号码 银行卡号 联系电话 金额",
        "1 韩国富 51010419840320943X 6217882817410861193 6512345 1904",
    ],
}


@pytest.mark.parametrize("shape", sorted(TEXT_TABLES))
def test_tables_written_as_text(detector: Detector, shape: str) -> None:
    lines = TEXT_TABLES[shape]
    kind = BlockKind.PARAGRAPH if shape == "tabs" else BlockKind.PDF_LINE
    blocks = [Block(f"l{i}", kind, line) for i, line in enumerate(lines)]
    found = {(f.type, f.text, f.action) for f in detector.detect(Document("t", "0", "t", blocks))}
    assert found == {
        (FindingType.PERSON, "韩国富", Action.REDACT),
        (FindingType.CN_RESIDENT_ID, "51010419840320943X", Action.REDACT),
        (FindingType.BANK_CARD, "6217882817410861193", Action.REDACT),
        (FindingType.PHONE_NUMBER, "6512345", Action.REDACT),
    }


@pytest.mark.parametrize(
    ("line", "values"),
    [
        # cells glued by normalisation would hide all three values
        (
            "3 吴晓平 110105194805266705 19657076795 2 489",
            ["110105194805266705", "19657076795"],
        ),
        ("110105196703063623 6217989652425349500", ["110105196703063623", "6217989652425349500"]),
        # a spaced number is still one number
        ("身份证 110105 19491231 002X", ["110105 19491231 002X"]),
    ],
)
def test_digit_gaps_between_cells_are_kept(
    detector: Detector, line: str, values: list[str]
) -> None:
    document = Document("t", "0", "pdf", [Block("l0", BlockKind.PDF_LINE, line)])
    found = [f.text for f in detector.detect(document) if f.type is not FindingType.PERSON]
    assert found == values


CUT = table(
    ["序号", "户主姓名", "家庭住址"],
    [
        ["1", "黎光荣", "古零镇小都百村"],
        ["2", "蓝翠英", "南宁市青秀区津头街道"],
        ["3", "潘文举", "古零乡"],
        ["4", "莫秋菊", "里当村***"],
        ["5", "卢永康", "古零镇小都百村4组"],
        ["6", "黄月娥", "津头街道民族大道88号"],
    ],
)


@pytest.mark.parametrize(
    ("cell", "action"),
    [
        # cut after the 乡/镇/街道/村 level, as the masking publishes it (POLICY.md §7)
        ("t0:r1:c2", Action.KEEP),
        ("t0:r2:c2", Action.KEEP),
        ("t0:r3:c2", Action.KEEP),
        ("t0:r4:c2", Action.KEEP),
        # more detailed than that: a village group, a street number
        ("t0:r5:c2", Action.REDACT),
        ("t0:r6:c2", Action.REDACT),
    ],
)
def test_an_address_already_cut_is_compliant(detector: Detector, cell: str, action: Action) -> None:
    [finding] = [f for f in detector.detect(CUT) if f.block == cell]
    assert (finding.type, finding.action) == (FindingType.ADDRESS, action)
    assert ("already masked" in finding.explanation) is (action is Action.KEEP)


@pytest.mark.parametrize(
    ("block", "table"),
    [
        (Block("s1:r5:c2", BlockKind.SHEET_CELL, "x", 5, 2), "s1"),
        (Block("t0:r1:c2:t0:r0:c1", BlockKind.TABLE_CELL, "x", 0, 1), "t0:r1:c2:t0"),
        (Block("t3:r10:c0", BlockKind.TABLE_CELL, "x", 10, 0), "t3"),
        (Block("s1:r5:c2", BlockKind.COMMENT, "x", 5, 2), None),  # a comment on a cell
        (Block("p4", BlockKind.PARAGRAPH, "x"), None),
        (Block("odd", BlockKind.SHEET_CELL, "x", 0, 0), None),
    ],
)
def test_the_table_of_a_cell_is_its_id_up_to_the_row(block: Block, table: str | None) -> None:
    assert table_of(block) == table


@pytest.mark.parametrize("max_cells", [10, 57, 600])
def test_a_sheet_s_records_scanned_in_bulk_give_the_tables_of_its_cells_one_by_one(
    tmp_path: Path, max_cells: int
) -> None:
    """``ColumnRoles.tables`` of a store (one by one until a table has too many cells to be a
    form, then row by row) against the same cells as a list of blocks (one by one)."""
    rules = load_detect_rules().tables
    forms = rules.forms.model_copy(update={"max_cells": max_cells})
    columns = ColumnRoles(rules.model_copy(update={"forms": forms}))
    header = ["序号", "户主姓名", "身份证号", "家庭住址", "备注"]
    records = [[str(i), "王*明" if i % 3 else "李芳", fixtures.resident_id(i), "某村", ""]
               for i in range(60)]  # fmt: skip
    records[7] = ["户主姓名", "户主姓名", "", "", ""]  # the header's text again, in a record
    records[9] = ["以上情况如有异议，请于公示之日起七日内反映。", "", "", "", ""]
    records[40] = ["备注：", "经办人：王伟", "", "", ""]  # every cell reads as prose
    records[41] = ["41", "经办人：王伟", "", "", ""]  # its first cell does not
    # Masked names first, then not: only a count of them all says the list is not masked.
    masked = [[str(i), "王*明" if i < 30 else "李芳", fixtures.resident_id(i)] for i in range(60)]
    two_rows = [["", "户主信息", "", "其他"], ["序号", "姓名", "身份证号码", "备注"]]
    sheets = [
        files.sheet(tmp_path, [header, *records], title="低保对象名单公示", footer=["监督电话"]),
        files.sheet(tmp_path, [*two_rows, *(r[:4] for r in records)], name="two"),
        files.sheet(tmp_path, records, name="headless"),
        files.sheet(tmp_path, [["序号", "姓名", "身份证号"], *masked], name="masked"),
        load(fixtures.write_recipient_xlsx(tmp_path / "list.xlsx", 40)),
        load(fixtures.write_recipient_csv(tmp_path / "list.csv", 40)),
    ]
    for document in sheets:
        assert isinstance(document.blocks, CellStore)
        assert columns.tables(document.blocks) == columns.tables(list(document.blocks))
