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
        # a bare 地址 label with no agency in sight could be anyone's
        ("地址：昆明市盘龙区北京路１２号５栋", "昆明市盘龙区北京路１２号５栋", Action.REVIEW),
        ("市民政局地址：昆明市盘龙区北京路１２号５栋", "昆明市盘龙区北京路１２号５栋", Action.KEEP),
        (
            "联系地址：杭州市西湖区文三路90号5幢302室",
            "杭州市西湖区文三路90号5幢302室",
            Action.REVIEW,
        ),
        # a room in an office building or a shop is nobody's home
        (
            "在北京市海淀区北四环西路58号理想国际大厦8层",
            "北京市海淀区北四环西路58号理想国际大厦8层",
            Action.REVIEW,
        ),
        (
            "在沈阳市和平区三好街63号诚大科技大厦3178室",
            "沈阳市和平区三好街63号诚大科技大厦3178室",
            Action.REVIEW,
        ),
        # 社区 is no village group
        (
            "在深圳市龙岗区龙岗街道南联社区龙城大道25号",
            "深圳市龙岗区龙岗街道南联社区龙城大道25号",
            Action.REVIEW,
        ),
        ("寄至北京市朝阳区和平里东土城路8号", "北京市朝阳区和平里东土城路8号", Action.REVIEW),
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
        "在海淀区知春路一栋并不起眼的办公楼里",  # "一栋" is "a building"
    ],
)
def test_non_addresses(find: Find, text: str) -> None:
    assert find(text, ADDRESS) == []


@pytest.mark.parametrize(
    ("text", "place", "action"),
    [
        # land and sites named after their village group: no one's home
        ("同意征收大塘街道石门村2社所征土地用于学校建设。", "大塘街道石门村2社", Action.KEEP),
        ("项目选址位于龙潭镇新桥村5组地块，用地面积30亩。", "龙潭镇新桥村5组", Action.KEEP),
        ("对黄泥乡沙坝村3组的集体土地予以征收。", "黄泥乡沙坝村3组", Action.KEEP),
        ("临江镇柳湾村1社范围内的河道整治工程已完工。", "临江镇柳湾村1社", Action.KEEP),
        # the same kind of place as where someone lives
        ("村民覃德明家住龙潭镇新桥村5组，房屋受损。", "龙潭镇新桥村5组", Action.REDACT),
        ("居住于黄泥乡沙坝村3组的贫困户已全部脱贫。", "黄泥乡沙坝村3组", Action.REDACT),
    ],
)
def test_land_and_sites_are_not_homes(find: Find, text: str, place: str, action: Action) -> None:
    [finding] = find(text, ADDRESS)
    assert (finding.text, finding.action) == (place, action), finding.explanation
