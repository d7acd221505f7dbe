from __future__ import annotations

from pathlib import Path

import pytest

from review_desk.core.findings import Action, FindingType
from review_desk.detect.engine import Detector
from tests.detect import files
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


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # routes and areas across several village groups: places, nobody's home
        ("管线经过城关街道新民村3组至友好村1组沿线。", "友好村1组"),
        ("施工影响范围为龙潭镇新桥村5组、6组。", "龙潭镇新桥村5组"),
        ("道路从黄泥乡沙坝村3组至石门村贯通。", "黄泥乡沙坝村3组"),
        ("临江镇柳湾村1社一带的农田已完成复垦。", "临江镇柳湾村1社"),
        ("大塘街道石门村2社片区的改造方案已公示。", "大塘街道石门村2社"),
    ],
)
def test_routes_and_areas_are_places(find: Find, text: str, place: str) -> None:
    [finding] = find(text, ADDRESS)
    assert (finding.text, finding.action) == (place, Action.KEEP), finding.explanation


@pytest.mark.parametrize(
    ("text", "place", "action"),
    [
        # a village group alone, tied to no one: a place as much as a home
        ("大塘街道石门村2社召开了群众会。", "大塘街道石门村2社", Action.REVIEW),
        # tied to a private person: a home
        ("村民芦秋生，家住大塘街道石门村2社。", "大塘街道石门村2社", Action.REDACT),
        ("户主甘德胜，男，大塘街道石门村2社，因病致贫。", "大塘街道石门村2社", Action.REDACT),
        # a hamlet between the village and the house number
        ("当事人韩某，住惠阳县城南镇南门村后坑38号。", "惠阳县城南镇南门村后坑38号", Action.REDACT),
    ],
)
def test_village_groups_and_hamlets(find: Find, text: str, place: str, action: Action) -> None:
    [finding] = find(text, ADDRESS)
    assert (finding.text, finding.action) == (place, action), finding.explanation


PARCELS = [
    ["序号", "被征收土地位置", "面积（亩）", "四至"],
    ["1", "华阳街道新城村3组、4组", "12.6", "东至新城村5组，西至华阳大道"],
    ["2", "华阳街道新城村7组", "8.1", "东至河道，西至新城村8组"],
]


@pytest.mark.parametrize("shape", ["xlsx", "docx"])
def test_a_land_parcel_table_holds_places(tmp_path: Path, shape: str) -> None:
    make = files.sheet if shape == "xlsx" else files.word_table
    found = Detector().detect(make(tmp_path, PARCELS, title="征收土地位置及面积"))
    assert [f for f in found if f.action is Action.REDACT] == []


@pytest.mark.parametrize(
    ("value", "action"),
    [
        # already masked with 某 placeholders or cut at the village level: compliant
        ("某县某街道某社区", Action.KEEP),
        ("某镇某村", Action.KEEP),
        ("阜阳县城关街道某社区", Action.KEEP),
        ("XX县XX镇XX村", Action.KEEP),
        ("城关镇东仰村", Action.KEEP),
        # a house number or a group left in the clear is an address
        ("某县某街道某社区3栋2单元", Action.REDACT),
        ("城关镇东仰村3组", Action.REDACT),
    ],
)
def test_masked_addresses_in_an_address_column(tmp_path: Path, value: str, action: Action) -> None:
    rows = [["序号", "姓名", "家庭住址"], ["1", "张*明", value]]
    found = Detector().detect(files.sheet(tmp_path, rows, title="临时救助对象名单"))
    [address] = [f for f in found if f.type is ADDRESS]
    assert (address.text, address.action) == (value, action), address.explanation


@pytest.mark.parametrize("neighbour", ["至友好村1组", "、4组5号", "\n至友好村1组"])
def test_an_address_is_judged_without_the_block_batched_after_it(neighbour: str) -> None:
    """Short blocks are analysed in batches; what follows an address is read only up to the end
    of its own block ("新城村3组" then a cell "至友好村1组" is no route)."""
    analyzer = Detector().analyzer

    def explained(texts: list[str]) -> list[str]:
        results = analyzer.analyze_many(texts)[0]
        return [str(r.analysis_explanation.textual_explanation) for r in results]

    alone = explained(["富民县新城村3组"])
    assert alone == ["detailed address down to 组"]
    assert explained(["富民县新城村3组", neighbour]) == alone
