"""Rows of a table that are no records: the title above the header, notes and footers below the
rows. They are prose with their own context (an office's 监督电话 is kept), while the records of
the same table stay private."""

from __future__ import annotations

from pathlib import Path

import pytest

from review_desk.core.document import Block, BlockKind, Document
from review_desk.core.findings import Action, Finding, FindingType
from review_desk.detect.engine import Detector
from tests.detect import files

HEADER = ("序号", "户主姓名", "联系电话", "保障人数")
RECORDS = (("1", "苗长顺", "13907731122", "2"), ("2", "覃美兰", "0773-5812266", "1"))
TITLE = "桂山乡2025年4月农村最低生活保障对象名册"


def _phones(found: list[Finding]) -> dict[str, Action]:
    return {f.text: f.action for f in found if f.type is FindingType.PHONE_NUMBER}


@pytest.mark.parametrize(
    ("footer", "phone", "action"),
    [
        ("监督电话：0773-5810001", "0773-5810001", Action.KEEP),
        (
            "如有异议，请于公示期内向乡民政办反映，联系电话：0773-5810002。",
            "0773-5810002",
            Action.KEEP,
        ),
        ("咨询电话 0773 5810003（乡社会事务办）", "0773 5810003", Action.KEEP),
        ("举报电话12345", "12345", Action.KEEP),
    ],
)
@pytest.mark.parametrize("shape", ["xlsx", "docx rows", "docx paragraphs"])
def test_a_footer_is_read_as_prose(
    detector: Detector, tmp_path: Path, shape: str, footer: str, phone: str, action: Action
) -> None:
    rows = [HEADER, *RECORDS]
    if shape == "xlsx":
        document = files.sheet(tmp_path, rows, title=TITLE, footer=[footer])
    else:
        inside = shape == "docx rows"
        document = files.word_table(tmp_path, rows, title=TITLE, footer=[footer], inside=inside)
    phones = _phones(detector.detect(document))
    assert phones[phone] is action
    # the records of the same table are still a private person's
    assert phones["13907731122"] is phones["0773-5812266"] is Action.REDACT


def _cells(rows: list[tuple[str, ...]]) -> Document:
    """A sheet as a loader gives it: the header row has no header, the rows below do."""
    header = rows[1]
    blocks = [
        Block(f"s0:r{r}:c{c}", BlockKind.SHEET_CELL, text, r, c, header[c] if r > 1 else None)
        for r, row in enumerate(rows)
        for c, text in enumerate(row)
        if text
    ]
    return Document("t.xlsx", "0", "xlsx", blocks)


@pytest.mark.parametrize(
    ("row", "value", "private"),
    [
        # note rows under the records: the people who made the table, an office's number
        (("制表人：甘志强", "审核人：韦丽", "日期：2025年4月30日", ""), "韦丽", False),
        (("填表人：甘志强", "", "", ""), "甘志强", False),
        (("注：本表由桂山乡人民政府填报，电话0773-5810009", "", "", ""), "0773-5810009", False),
        # one cell in a column of values is still a record: a family member under 户主姓名
        (("", "苗小燕", "", ""), "苗小燕", True),
        # a record is a record, colon or not
        (("3", "蒙德旺", "手机:13907731188", "1"), "13907731188", True),
    ],
)
def test_note_rows_and_records(
    detector: Detector, row: tuple[str, ...], value: str, private: bool
) -> None:
    document = _cells([(TITLE, "", "", ""), HEADER, *RECORDS, row])
    found = {f.text: f.action for f in detector.detect(document)}
    assert (found.get(value) is Action.REDACT) is private, found


def test_a_title_row_is_no_record(detector: Detector) -> None:
    title = ("桂山乡低保对象名册（咨询电话：0773-5810001）", "", "", "")
    assert _phones(detector.detect(_cells([title, HEADER, *RECORDS])))["0773-5810001"] is (
        Action.KEEP
    )
