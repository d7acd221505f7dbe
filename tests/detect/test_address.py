from __future__ import annotations

import pytest

from review_desk.core.findings import Action, FindingType
from tests.detect.conftest import Find

ADDRESS = FindingType.ADDRESS


@pytest.mark.parametrize(
    ("text", "value", "action"),
    [
        (
            "户主张伟，家住昆明市五华区护国路12号3栋2单元501室。",
            "昆明市五华区护国路12号3栋2单元501室",
            Action.REDACT,
        ),
        ("现住址：绿春县大兴镇东仰村3组", "绿春县大兴镇东仰村3组", Action.REDACT),
        ("住址为哈尔滨市道里区友谊路一百号", "哈尔滨市道里区友谊路一百号", Action.REDACT),
        ("办公地址：昆明市西山区前兴路686号", "昆明市西山区前兴路686号", Action.KEEP),
        ("在临沧市临翔区南塘街88号", "临沧市临翔区南塘街88号", Action.REVIEW),
        ("地址：昆明市盘龙区北京路１２号５栋", "昆明市盘龙区北京路１２号５栋", Action.KEEP),
    ],
)
def test_addresses(find: Find, text: str, value: str, action: Action) -> None:
    [finding] = find(text, ADDRESS)
    assert (finding.text, finding.action) == (value, action), finding.explanation


@pytest.mark.parametrize(
    "text",
    [
        "落实省委1号文件精神",
        "红政办函〔2018〕31号",
        "国务院令第711号",
        "全省民政系统精简取消证明材料共2条",
        "昆明市五华区护国路",  # no number: not detailed
    ],
)
def test_non_addresses(find: Find, text: str) -> None:
    assert find(text, ADDRESS) == []
