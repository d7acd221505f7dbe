from __future__ import annotations

import pytest

from review_desk.core.findings import Action, FindingType
from tests.detect.conftest import Find

EMAIL = FindingType.EMAIL


@pytest.mark.parametrize(
    ("text", "value", "action"),
    [
        ("电子邮箱：ynmz@mca.gov.cn。", "ynmz@mca.gov.cn", Action.KEEP),
        ("县民政局公开邮箱xzmzj@163.com受理", "xzmzj@163.com", Action.KEEP),
        ("申请人张伟邮箱zhangwei1990@qq.com", "zhangwei1990@qq.com", Action.REDACT),
        ("请发送至abc.def@example.com", "abc.def@example.com", Action.REVIEW),
        ("邮箱ａｂｃ＠ｑｑ．ｃｏｍ处", "ａｂｃ＠ｑｑ．ｃｏｍ", Action.REVIEW),
    ],
)
def test_emails(find: Find, text: str, value: str, action: Action) -> None:
    [finding] = find(text, EMAIL)
    assert (finding.text, finding.action) == (value, action), finding.explanation


@pytest.mark.parametrize("text", ["@民政局", "user@localhost", "a@b.c"])
def test_non_emails(find: Find, text: str) -> None:
    assert find(text, EMAIL) == []
