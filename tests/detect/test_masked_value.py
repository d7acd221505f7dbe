from __future__ import annotations

import pytest

from review_desk.core.findings import Action, FindingType
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
