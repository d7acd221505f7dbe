from __future__ import annotations

from pathlib import Path

import pytest

from review_desk.core.findings import Action, FindingType
from review_desk.detect.engine import Detector
from tests.detect import files
from tests.detect.conftest import Find


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("身份证号35*************123", FindingType.CN_RESIDENT_ID, "35*************123"),
        ("身份证号3501**********123X", FindingType.CN_RESIDENT_ID, "3501**********123X"),
        ("手机138****1234", FindingType.PHONE_NUMBER, "138****1234"),
        ("手机１３８＊＊＊＊１２３４", FindingType.PHONE_NUMBER, "１３８＊＊＊＊１２３４"),
        ("卡号6222***********0128", FindingType.BANK_CARD, "6222***********0128"),
    ],
)
def test_masked_values_are_kept(find: Find, text: str, kind: FindingType, value: str) -> None:
    findings = find(text, kind)
    assert [(f.text, f.action) for f in findings] == [(value, Action.KEEP)]
    assert "already masked" in findings[0].explanation


@pytest.mark.parametrize(
    "text",
    ["35**123", "第1*2页", "11010519491231002X"],
)
def test_not_masked(find: Find, text: str) -> None:
    assert all(
        "already masked" not in f.explanation for kind in FindingType for f in find(text, kind)
    )


#: Masks in the middle, keeping the region and the birth year ("10 digits, 4 masks, 4 digits"),
#: as a court's 失信 list or a masked recipient list publishes them.
MIDDLE_MASKED = ["6523011958****4417", "3707021983******2X", "62242119****0736", "1590***6213"]


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("身份证号码6523011958****4417，", FindingType.CN_RESIDENT_ID, "6523011958****4417"),
        ("公民身份号码：3707021983******2X", FindingType.CN_RESIDENT_ID, "3707021983******2X"),
        ("残疾证号4508031988****063763", FindingType.CN_RESIDENT_ID, "4508031988****063763"),
        ("联系电话1590***6213", FindingType.PHONE_NUMBER, "1590***6213"),
    ],
)
def test_masked_in_the_middle(find: Find, text: str, kind: FindingType, value: str) -> None:
    findings = find(text, kind)
    assert [(f.text, f.action) for f in findings] == [(value, Action.KEEP)]


@pytest.mark.parametrize("value", [*MIDDLE_MASKED, "**", "4401*", "X" * 18, "110105194912310*2X"])
def test_validators_never_raise_on_a_masked_or_odd_value(value: str) -> None:
    from review_desk.detect.recognizers.disability_cert import is_valid_disability_cert
    from review_desk.detect.recognizers.resident_id import is_valid_resident_id
    from review_desk.detect.tables import id_cell_note

    assert is_valid_resident_id(value) is False
    assert is_valid_disability_cert(value) is False
    assert id_cell_note(value) != "valid ID"


@pytest.mark.parametrize("shape", ["docx", "xlsx"])
def test_a_masked_id_column_is_compliant_and_does_not_crash(tmp_path: Path, shape: str) -> None:
    rows = [
        ["序号", "被执行人", "身份证号码", "住址"],
        ["1", "韩某", "6523011958****4417", "某县某街道某社区"],
        ["2", "骆某某", "3707021983******2X", "某镇某村"],
    ]
    make = files.word_table if shape == "docx" else files.sheet
    found = Detector().detect(make(tmp_path, rows, title="失信被执行人名单"))
    ids = [f for f in found if f.type is FindingType.CN_RESIDENT_ID]
    assert [(f.text, f.action) for f in ids] == [
        ("6523011958****4417", Action.KEEP),
        ("3707021983******2X", Action.KEEP),
    ]
    assert [f for f in found if f.action is Action.REDACT] == []
