"""Column-aware detection: the header of a column decides what its cells are (issue 3 §5)."""

from __future__ import annotations

import pytest

from review_desk.core.document import Block, BlockKind, Document
from review_desk.core.findings import Action, Finding, FindingType
from review_desk.detect.engine import Detector


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
