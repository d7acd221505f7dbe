from __future__ import annotations

import pytest

from review_desk.core.findings import Action, FindingType
from tests.detect.conftest import Find

PHONE = FindingType.PHONE_NUMBER


@pytest.mark.parametrize(
    ("text", "value", "action"),
    [
        # mobiles: private unless an office presents them as its line
        ("户主张伟，手机13812345678。", "13812345678", Action.REDACT),
        ("申请人电话：138-1234-5678", "138-1234-5678", Action.REDACT),
        ("联系方式 138 1234 5678", "138 1234 5678", Action.REDACT),
        ("手机+8613812345678", "+8613812345678", Action.REDACT),
        ("手机0086-138-1234-5678", "0086-138-1234-5678", Action.REDACT),
        ("手机１３８－１２３４－５６７８", "１３８－１２３４－５６７８", Action.REDACT),
        ("本人手机：13912345678", "13912345678", Action.REDACT),
        ("县民政局值班电话：13912345678", "13912345678", Action.KEEP),
        # landlines: office contact data is public
        ("联系电话:045184664407。", "045184664407", Action.KEEP),
        ("举报电话：0883-2143207", "0883-2143207", Action.KEEP),
        ("咨询电话（0577）88889999", "（0577）88889999", Action.KEEP),
        ("传真：010—6609 9999", "010—6609 9999", Action.KEEP),
        ("村民李强家电话0871-65123456", "0871-65123456", Action.REDACT),
        ("见0871-65123456", "0871-65123456", Action.REVIEW),
        # service numbers
        ("服务热线：12345", "12345", Action.KEEP),
        ("可拨打12345热线咨询", "12345", Action.KEEP),
        ("拨打400-800-1234咨询", "400-800-1234", Action.KEEP),
        ("值班电话：6512345", "6512345", Action.KEEP),
    ],
)
def test_phones(find: Find, text: str, value: str, action: Action) -> None:
    [finding] = find(text, PHONE)
    assert (finding.text, finding.action) == (value, action), finding.explanation


@pytest.mark.parametrize(
    "text",
    [
        "共计12345人次",  # a count, not the hotline
        "第110户，户主张伟",  # an ordinal, whatever follows
        "投入资金6512345元",  # 7 digits without a phone word
        "编号123812345678",  # 12 digits starting 1
        "2018-03-21 12:04",  # a date
        "12812345678",  # 1[3-9] required
    ],
)
def test_non_phones(find: Find, text: str) -> None:
    assert find(text, PHONE) == []
