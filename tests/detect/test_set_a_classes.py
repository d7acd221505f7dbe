"""The last failure classes of held-out set A (issue 10), each with its neighbours on both sides:
a villager named after their town and village, a family member's cell that holds more than the
name, an illness told with how bad it is, the people's own things after a private cue (群众利益),
a draft's note on who may read it, and the cells of a blank form that are field names."""

from __future__ import annotations

from pathlib import Path

import pytest

from review_desk.core.findings import Action, Finding, FindingType
from review_desk.detect.engine import Detector
from tests.detect import files
from tests.detect.conftest import Find, paragraphs
from tests.detect.test_people import FakeNames

T = FindingType


def _names(found: list[Finding]) -> list[tuple[str, Action]]:
    return [(f.text, f.action) for f in found if f.type is T.PERSON]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("4. 路家村镇路家村王二小，因交通意外致左腿骨折，救助2500元；", "王二小"),
        ("1. 秀水镇东关村武二平，因突发疾病住院，救助3000元；", "武二平"),
        ("6. 梁家寨乡梁家寨村李拴柱，患尿毒症需长期透析，救助3100元。", "李拴柱"),
        ("城关街道东门社区张桂兰，独居，救助1500元；", "张桂兰"),
    ],
)
def test_a_villager_named_after_town_and_village(find: Find, text: str, name: str) -> None:
    assert (name, Action.REDACT) in [(f.text, f.action) for f in find(text, T.PERSON)]


@pytest.mark.parametrize(
    "text",
    [
        "秀水镇东关村召开村民代表大会。",  # no name after the village
        "全镇各村党支部书记参加培训。",  # a post, not a name
        "统筹城镇和农村居民，同步提高保障标准。",  # 农村 is no village of a town
        "秀水镇东关村卫生室开展义诊。",  # a clinic
    ],
)
def test_a_village_without_a_villager(find: Find, text: str) -> None:
    assert find(text, T.PERSON) == []


def test_an_official_of_the_village_stays() -> None:
    found = Detector(names=FakeNames("王建国")).detect(
        paragraphs("秀水镇东关村王建国书记介绍了村里的做法。")
    )
    assert _names(found) == [("王建国", Action.KEEP)]


@pytest.mark.parametrize(
    ("member", "name"),
    [
        ("党改娥（妻），身份证号610525195304038185", "党改娥"),
        ("屈小军（子），在外务工", "屈小军"),
        ("王桂花（配偶）", "王桂花"),
    ],
)
def test_a_member_cell_with_more_than_the_name(tmp_path: Path, member: str, name: str) -> None:
    rows = [
        ["户主姓名", "屈安民", "身份证号", "610525195103266911"],
        ["家庭成员", member, "", ""],
    ]
    found = Detector().detect(files.word_table(tmp_path, rows, title="农村危房改造申请表"))
    assert (name, Action.REDACT) in _names(found)


def test_a_member_cell_of_a_name_alone_is_still_the_name(tmp_path: Path) -> None:
    rows = [["户主姓名", "屈安民", "身份证号", "610525195103266911"], ["家庭成员", "党改娥"]]
    found = Detector().detect(files.word_table(tmp_path, rows, title="农村危房改造申请表"))
    assert ("党改娥", Action.REDACT) in _names(found)


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("你于10月21日来我局反映：你患有严重的类风湿性关节炎，丧失劳动能力。", "类风湿性关节炎"),
        ("信访人称其患有多年的糖尿病，无力务工。", "糖尿病"),
        ("他患有较严重的腰椎间盘突出，干不了重活。", "腰椎间盘突出"),
    ],
)
def test_an_illness_told_with_how_bad_it_is(find: Find, text: str, term: str) -> None:
    assert (term, Action.REDACT) in [(f.text, f.action) for f in find(text, T.HEALTH_INFO)]


def test_a_named_person_ill_with_how_bad_it_is() -> None:
    found = Detector(names=FakeNames("雷振华")).detect(
        paragraphs("今年61岁的雷振华患有严重的腰椎间盘突出，干不了重活。")
    )
    assert [(f.text, f.action) for f in found if f.type is T.HEALTH_INFO] == [
        ("腰椎间盘突出", Action.REDACT)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "各地要重视患有严重的慢性病的困难群众。",  # a rule for anyone
        "如其患有严重的精神障碍的，可申请医疗救助。",  # a condition
    ],
)
def test_a_degree_in_policy_prose_ties_no_one(find: Find, text: str) -> None:
    assert [f for f in find(text, T.HEALTH_INFO) if f.action is Action.REDACT] == []


@pytest.mark.parametrize(
    "text",
    [
        "为严肃财经纪律，切实维护困难群众利益，现将典型案例通报如下。",
        "要切实保障低保对象权益，做到应保尽保。",
        "时刻把村民冷暖放在心上。",
    ],
)
def test_what_belongs_to_the_people_is_no_name(find: Find, text: str) -> None:
    assert find(text, T.PERSON) == []


def test_a_person_after_the_same_cue_is_still_found(find: Find) -> None:
    found = find("慰问困难群众利明华，送去慰问金500元。", T.PERSON)
    assert [(f.text, f.action) for f in found] == [("利明华", Action.REDACT)]


@pytest.mark.parametrize(
    ("first", "kind"),
    [
        ("（讨论稿，仅供会议讨论，请勿外传）", T.PROCESS_INFO),
        ("（征求意见稿，仅供参阅，请勿扩散）", T.PROCESS_INFO),
        ("（送审稿，会后收回）", T.PROCESS_INFO),
    ],
)
def test_a_drafts_note_on_who_may_read_it(first: str, kind: FindingType) -> None:
    lines = [first, "资源县社会救助领域集中整治工作方案", "一、整治重点：优亲厚友等问题。"]
    assert kind in {f.type for f in Detector().detect(paragraphs(*lines))}


def test_a_heading_about_discussing_drafts_is_no_note() -> None:
    lines = ["会议纪要", "二、会议讨论了讨论稿的修改意见，仅供会议讨论的材料会后收回。"]
    assert T.PROCESS_INFO not in {f.type for f in Detector().detect(paragraphs(*lines))}


def _redacted(found: list[Finding]) -> list[str]:
    return [f.text for f in found if f.action is Action.REDACT and not f.block.startswith("prop:")]


@pytest.mark.parametrize(
    "rows",
    [
        # a blank value, then the next field's name: 就诊医院 is no 患病名称
        [
            ["申请人姓名", "", "性别", "", "年龄", ""],
            ["身份证号", "", "", "", "联系电话", ""],
            ["患病名称", "", "就诊医院", "", "", ""],
        ],
        # the header of the members' table, one of its names unknown
        [
            ["申请人姓名", "", "性别", "", "出生年月", ""],
            ["健康状况", "", "劳动能力", "", "户籍类型", ""],
            ["家庭成员姓名", "与申请人关系", "年龄", "健康状况", "工作单位或就读学校", "月收入"],
        ],
    ],
)
def test_a_blank_form_has_no_values(tmp_path: Path, rows: list[list[str]]) -> None:
    found = Detector().detect(files.word_table(tmp_path, rows, title="医疗救助申请表"))
    assert _redacted(found) == []


@pytest.mark.parametrize(
    ("rows", "value"),
    [
        # a filled form's value right after its label still goes
        (
            [
                ["申请人姓名", "付春梅", "性别", "女"],
                ["身份证号", "360733196603152797", "联系电话", "18179771435"],
                ["患病名称", "尿毒症", "就诊医院", "县人民医院"],
            ],
            "尿毒症",
        ),
        (
            [
                ["申请人姓名", "付春梅", "性别", "女"],
                ["健康状况", "肢体残疾二级", "劳动能力", "无"],
            ],
            "肢体残疾二级",
        ),
    ],
)
def test_a_filled_forms_value_beside_its_label(
    tmp_path: Path, rows: list[list[str]], value: str
) -> None:
    found = Detector().detect(files.word_table(tmp_path, rows, title="医疗救助申请表"))
    assert value in _redacted(found)
    assert "县人民医院" not in _redacted(found)
