"""Key–value forms (申请表, 审批表, 登记表): a label in one cell, its value or a blank beside it.
A label is never a value; a value is judged by the label on its left; a small table inside the
form has its own header row; a blank form has no personal data."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from review_desk.core.document import Document
from review_desk.core.findings import Action, FindingType
from review_desk.detect.engine import Detector
from tests.detect import files

T = FindingType

FORM = (
    ("特困人员救助供养申请审批表",),
    ("申请人姓名", "岑永福", "性别", "男", "民族", "壮族"),
    ("公民身份号码", "452122196805170012", "联系电话", "15977120034"),
    ("户籍所在地", "马山县古零镇小都百村4组", "健康状况", "视力残疾二级"),
    ("家庭成员姓名", "与申请人关系", "年龄", "残疾类型"),
    ("岑永福", "本人", "56", "视力残疾"),
    ("韦桂香", "配偶", "53", "无"),
    ("申请救助事由", "因病丧失劳动能力，无生活来源。"),
    ("乡（镇）人民政府审核意见", "经入户调查，情况属实。"),
)

Shape = Callable[[Path, Sequence[Sequence[str]]], Document]
SHAPES: dict[str, Shape] = {
    "xlsx": lambda folder, rows: files.sheet(folder, rows[1:], title=rows[0][0]),
    "docx": lambda folder, rows: files.word_table(folder, rows[1:], title=rows[0][0], inside=True),
}


BLANK = (
    ("特困人员救助供养申请审批表",),
    ("申请人姓名", "", "性别", "", "民族", ""),
    ("公民身份号码", "", "联系电话", ""),
    ("户籍所在地", "", "健康状况", ""),
    ("家庭成员姓名", "与申请人关系", "年龄", "残疾类型"),
    ("", "", "", ""),
    ("申请救助事由", ""),
    ("乡（镇）人民政府审核意见", ""),
)


def _found(detector: Detector, document: Document) -> dict[str, tuple[FindingType, Action]]:
    return {
        f.text: (f.type, f.action)
        for f in detector.detect(document)
        if not f.block.startswith("prop:")
    }


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_a_blank_form_has_no_personal_data(detector: Detector, tmp_path: Path, shape: str) -> None:
    assert _found(detector, SHAPES[shape](tmp_path, BLANK)) == {}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("岑永福", (T.PERSON, Action.REDACT)),
        ("452122196805170012", (T.CN_RESIDENT_ID, Action.REDACT)),
        ("15977120034", (T.PHONE_NUMBER, Action.REDACT)),
        ("马山县古零镇小都百村4组", (T.ADDRESS, Action.REDACT)),
        ("视力残疾二级", (T.HEALTH_INFO, Action.REDACT)),
        ("韦桂香", (T.PERSON, Action.REDACT)),
        ("视力残疾", (T.HEALTH_INFO, Action.REDACT)),
    ],
)
@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_a_value_is_judged_by_its_label(
    detector: Detector,
    tmp_path: Path,
    shape: str,
    value: str,
    expected: tuple[FindingType, Action],
) -> None:
    assert _found(detector, SHAPES[shape](tmp_path, FORM)).get(value) == expected


@pytest.mark.parametrize(
    "label",
    [
        "申请人姓名",
        "公民身份号码",
        "户籍所在地",
        "健康状况",
        "家庭成员姓名",
        "与申请人关系",
        "残疾类型",
        "申请救助事由",
        "乡（镇）人民政府审核意见",
        "本人",
        "配偶",
        "壮族",
    ],
)
@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_labels_and_plain_values_are_no_findings(
    detector: Detector, tmp_path: Path, shape: str, label: str
) -> None:
    assert label not in _found(detector, SHAPES[shape](tmp_path, FORM))
