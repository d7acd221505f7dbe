from __future__ import annotations

import pytest

from review_desk.core.findings import Action, FindingType
from review_desk.detect.recognizers.bank_card import luhn_valid
from tests.detect.conftest import Find

CARD = FindingType.BANK_CARD


@pytest.mark.parametrize(
    ("text", "value", "action"),
    [
        ("银行卡号6222021234567890128", "6222021234567890128", Action.REDACT),
        ("622848001234567894", "622848001234567894", Action.REDACT),
        ("卡号 6222 0212 3456 7890 128", "6222 0212 3456 7890 128", Action.REDACT),
        ("4111-1111-1111-1111", "4111-1111-1111-1111", Action.REDACT),
        ("卡号：2018120312345673", "2018120312345673", Action.REDACT),
        # no Luhn digit, but labelled as an account
        ("开户行：农业银行，账号：12345678901234", "12345678901234", Action.REDACT),
    ],
)
def test_cards(find: Find, text: str, value: str, action: Action) -> None:
    [finding] = find(text, CARD)
    assert (finding.text, finding.action) == (value, action)


@pytest.mark.parametrize(
    "text",
    [
        "编号6222021234567890127",  # Luhn fails, no label
        "0000000000000000",  # one repeated digit
        "622202123456",  # 12 digits
        "资金编号2018120312345673",  # Luhn-valid by chance, but no card starts with 2
    ],
)
def test_non_cards(find: Find, text: str) -> None:
    assert find(text, CARD) == []


@pytest.mark.parametrize(
    ("digits", "valid"),
    [("4111111111111111", True), ("4111111111111112", False), ("6222021234567890128", True)],
)
def test_luhn(digits: str, valid: bool) -> None:
    assert luhn_valid(digits) is valid
