"""Passports, travel permits and plates (one table each)."""

from __future__ import annotations

import pytest

from review_desk.core.findings import Action, FindingType
from tests.detect.conftest import Find


@pytest.mark.parametrize(
    ("text", "kind", "value", "action"),
    [
        ("护照号码：E12345678", FindingType.PASSPORT, "E12345678", Action.REDACT),
        ("护照EA1234567", FindingType.PASSPORT, "EA1234567", Action.REDACT),
        ("护照号G12345678。", FindingType.PASSPORT, "G12345678", Action.REDACT),
        ("编号E12345678", FindingType.PASSPORT, "E12345678", Action.REVIEW),
        ("往来港澳通行证C12345678", FindingType.TRAVEL_PERMIT, "C12345678", Action.REDACT),
        ("港澳通行证号CA1234567", FindingType.TRAVEL_PERMIT, "CA1234567", Action.REDACT),
        ("台湾通行证L12345678", FindingType.TRAVEL_PERMIT, "L12345678", Action.REDACT),
        ("回乡证H1234567801", FindingType.TRAVEL_PERMIT, "H1234567801", Action.REDACT),
        ("台胞证号码12345678", FindingType.TRAVEL_PERMIT, "12345678", Action.REDACT),
        ("车牌号云A12345的车辆", FindingType.LICENSE_PLATE, "云A12345", Action.REDACT),
        ("粤B·D12345", FindingType.LICENSE_PLATE, "粤B·D12345", Action.REDACT),
        ("京AD12345", FindingType.LICENSE_PLATE, "京AD12345", Action.REDACT),
        ("川A1234学", FindingType.LICENSE_PLATE, "川A1234学", Action.REDACT),
    ],
)
def test_found(find: Find, text: str, kind: FindingType, value: str, action: Action) -> None:
    [finding] = find(text, kind)
    assert (finding.text, finding.action) == (value, action), finding.explanation


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("E123456789", FindingType.PASSPORT),  # 9 digits
        ("EI1234567", FindingType.PASSPORT),  # I is never used
        ("共12345678元", FindingType.TRAVEL_PERMIT),  # 8 digits without a label
        ("粤ABCDE", FindingType.LICENSE_PLATE),  # no digit
        ("云A1234", FindingType.LICENSE_PLATE),  # too short
        ("云A123456789", FindingType.LICENSE_PLATE),  # too long
    ],
)
def test_not_found(find: Find, text: str, kind: FindingType) -> None:
    assert find(text, kind) == []
