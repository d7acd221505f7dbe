from __future__ import annotations

import random

import pytest

from review_desk.core.findings import Action, FindingType
from review_desk.detect.recognizers.resident_id import check_char, is_valid_resident_id
from tests.detect.conftest import Find

ID = FindingType.CN_RESIDENT_ID


@pytest.mark.parametrize(
    ("text", "value", "action"),
    [
        # valid: GB 11643 check digit and birth date
        ("身份证号：11010519491231002X。", "11010519491231002X", Action.REDACT),
        ("公民身份号码110101199003071233", "110101199003071233", Action.REDACT),
        ("其身份证号码为530102198506154321，", "530102198506154321", Action.REDACT),
        ("港澳台居住证810000199001010019", "810000199001010019", Action.REDACT),
        ("永久居留身份证910000199501010019", "910000199501010019", Action.REDACT),
        ("lower-case x: 11010519491231002x", "11010519491231002x", Action.REDACT),
        ("身份证号：530102850615432", "530102850615432", Action.REDACT),
        # invalid check digit or date: still an ID, for the reviewer
        ("身份证号：110101199003071234", "110101199003071234", Action.REVIEW),
        ("身份证号：110101199002301233", "110101199002301233", Action.REVIEW),
        ("530102850615432", "530102850615432", Action.REVIEW),
        # check digit fails but Luhn passes by chance: labelled, it is still an ID, not a card
        ("身份证号：530111197501224725", "530111197501224725", Action.REVIEW),
        # edge: full-width digits and spaces inside the number, adjacent Chinese characters
        (
            "身份证１１０１０５１９４９１２３１００２Ｘ号",
            "１１０１０５１９４９１２３１００２Ｘ",
            Action.REDACT,
        ),
        ("身份证 110105 19491231 002X 号", "110105 19491231 002X", Action.REDACT),
    ],
)
def test_ids_are_found_with_their_action(find: Find, text: str, value: str, action: Action) -> None:
    [finding] = find(text, ID)
    assert (finding.text, finding.action) == (value, action)
    assert text[finding.start : finding.end] == value


@pytest.mark.parametrize(
    "text",
    [
        "订单号123456789012345678901",  # too long
        "7101011990030712331",  # 19 digits
        "0101011990030712",  # 16 digits
        "流水号991399999999999999",  # neither check nor date, no label
        "编号11010519491231002X5",  # glued to a further digit
    ],
)
def test_non_ids_are_not_found(find: Find, text: str) -> None:
    assert find(text, ID) == []


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("11010519491231002X", True),
        ("110101199003071233", True),
        ("110101199003071234", False),
        ("110101209912311233", False),  # birth in the future
        ("530102850615432", True),
        ("530102851315432", False),  # month 13
    ],
)
def test_validator(number: str, valid: bool) -> None:
    assert is_valid_resident_id(number) is valid


def _standard_check_char(first17: str) -> str:
    """GB 11643-1999 as the standard writes it: weights 2^(17-i) mod 11, table 10X98765432."""
    total = sum(int(d) * (2 ** (17 - i) % 11) for i, d in enumerate(first17))
    return "10X98765432"[total % 11]


@pytest.mark.parametrize("seed", range(3))
def test_the_check_character_is_the_standard_s(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(2_000):
        first17 = "".join(rng.choice("0123456789") for _ in range(17))
        assert check_char(first17) == _standard_check_char(first17), first17


def test_digits_of_other_scripts_give_the_check_character_of_their_values() -> None:
    arabic_indic = "".join(chr(0x0660 + int(d)) for d in "11010519491231002")
    assert check_char(arabic_indic) == check_char("11010519491231002") == "X"
    with pytest.raises(ValueError):
        check_char("1101051949123100")
