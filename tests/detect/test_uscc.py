from __future__ import annotations

import pytest

from review_desk.core.findings import Action, FindingType
from review_desk.detect.recognizers.uscc import is_valid_uscc
from tests.detect.conftest import Find

USCC, ID = FindingType.CN_USCC, FindingType.CN_RESIDENT_ID


@pytest.mark.parametrize(
    "text",
    [
        "统一社会信用代码：91350100M000100Y43",
        "索引号：11530000015120005C/2018-00012",
        "信用代码 91350100M000100Y43。",
        # Validates as a USCC (both checks) and as an ID; unlabelled, the code wins (POLICY §5).
        "索引号110101199003110079-2019",
    ],
)
def test_codes_are_kept_and_never_ids(find: Find, text: str) -> None:
    [code] = find(text, USCC)
    assert code.action is Action.KEEP
    assert find(text, ID) == []


def test_an_id_labelled_as_such_stays_an_id(find: Find) -> None:
    [finding] = find("身份证号：110101199003110079", ID)
    assert finding.action is Action.REDACT


@pytest.mark.parametrize(
    ("code", "valid"),
    [
        ("91350100M000100Y43", True),
        ("11530000015120005C", True),
        ("A1530000015120005C", False),  # letters allowed in positions 1–2, but check differs
        ("91350100M000100Y44", False),
        ("91350100M000100I43", False),  # I is not in the alphabet
        ("9135010", False),
    ],
)
def test_validator(code: str, valid: bool) -> None:
    assert is_valid_uscc(code) is valid


def test_letters_in_first_positions_validate() -> None:
    from review_desk.detect.recognizers.uscc import uscc_check_char

    body = "N2530000MJ0000000"
    assert is_valid_uscc(body + uscc_check_char(body))
