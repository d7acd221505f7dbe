"""The failure classes of held-out set B (issue 10), each with its neighbours on both sides:
house numbering by rows and named village groups, an address label's value in a form, the
addressee of a letter, longer disease names, names before a count, places that are not homes
(an organisation's premises, the site of an act), staff who sign a form, relation words, an
agency's own line, a 寻亲公告's name, a person whose illness the text tells."""

from __future__ import annotations

from pathlib import Path

import pytest

from review_desk.core.findings import Action, Finding, FindingType
from review_desk.detect.engine import Detector
from tests.detect import files
from tests.detect.conftest import Find, paragraphs
from tests.detect.test_people import FakeNames

T = FindingType


@pytest.mark.parametrize(
    ("text", "value", "action"),
    [
        # rows of village houses (排) and named village groups (新屋下组) before the house number
        ("家庭住址：曲阳县恒州镇北养马庄村5排18号", "曲阳县恒州镇北养马庄村5排18号", Action.REDACT),
        ("现住址：会昌县庄口镇洞头村新屋下组9号", "会昌县庄口镇洞头村新屋下组9号", Action.REDACT),
        ("户主家住宁化县城南镇高坑村3巷12号", "宁化县城南镇高坑村3巷12号", Action.REDACT),
        ("村民李某某住庄口镇洞头村上屋队6号", "庄口镇洞头村上屋队6号", Action.REDACT),
    ],
)
def test_house_numbering_of_villages(find: Find, text: str, value: str, action: Action) -> None:
    [finding] = find(text, T.ADDRESS)
    assert (finding.text, finding.action) == (value, action), finding.explanation


@pytest.mark.parametrize(
    "text",
    [
        "按照村3排座位依次入场",  # a row without a house number is no address
        "洞头村新屋下组召开了群众会",  # no number at all
        "县扶贫开发领导小组3号文件",  # a working group's document
    ],
)
def test_rows_and_groups_without_a_house(find: Find, text: str) -> None:
    assert [f for f in find(text, T.ADDRESS) if f.action is Action.REDACT] == []


def _by_text(found: list[Finding]) -> dict[str, tuple[FindingType, Action]]:
    return {f.text: (f.type, f.action) for f in found if not f.block.startswith("prop:")}


@pytest.mark.parametrize(
    ("label", "value", "action"),
    [
        ("现居住地", "曲阳县恒州镇北养马庄村5排18号", Action.REDACT),
        ("房屋地址", "会昌县庄口镇洞头村新屋下组9号", Action.REDACT),
        ("申请人现居住地", "柘城县远襄镇娄庄村3组27号", Action.REDACT),
        # an organisation's own address beside the private person's: a workplace
        ("单位地址", "会昌县文武坝镇工业园区文昌路8号", Action.KEEP),
        ("公司地址", "会昌县文武坝镇建设路18号", Action.KEEP),
    ],
)
def test_an_address_label_types_its_value(
    tmp_path: Path, label: str, value: str, action: Action
) -> None:
    rows = [
        ["户主姓名", "赖建华", "身份证号码", "360733196603152797"],
        [label, value, "联系电话", "18179771435"],
        ["鉴定人", "易永红（鉴定员证书编号GX2026017）", "鉴定日期", "2026年6月18日"],
    ]
    found = _by_text(Detector().detect(files.word_table(tmp_path, rows, title="住房安全性鉴定表")))
    assert found[value] == (T.ADDRESS, action)
    # the assessor signs for the office
    assert found.get("易永红", (T.PERSON, Action.KEEP))[1] is Action.KEEP


@pytest.mark.parametrize(
    ("header", "rows", "kept"),
    [
        (
            ["学校", "地址", "咨询电话"],
            [["兴宁市第一小学", "兴宁市兴田街道东风路12号", "0753-3332106"]],
            ["兴宁市兴田街道东风路12号", "0753-3332106"],
        ),
        (
            ["定点医院", "地址", "联系电话"],
            [["兴宁市人民医院", "兴宁市宁新街道文峰西路88号", "0753-3332571"]],
            ["兴宁市宁新街道文峰西路88号", "0753-3332571"],
        ),
    ],
)
def test_a_table_of_organisations_lists_premises(
    tmp_path: Path, header: list[str], rows: list[list[str]], kept: list[str]
) -> None:
    document = files.word_table(tmp_path, [header, *rows], title="招生学校及地址")
    found = _by_text(Detector().detect(document))
    for value in kept:
        assert found[value][1] is Action.KEEP, value


def test_a_table_of_people_with_addresses_still_redacts(tmp_path: Path) -> None:
    rows = [["姓名", "地址", "联系电话"], ["韦德福", "兴宁市兴田街道东风路12号", "0753-3332106"]]
    found = _by_text(Detector().detect(files.word_table(tmp_path, rows, title="名单")))
    assert found["兴宁市兴田街道东风路12号"] == (T.ADDRESS, Action.REDACT)


@pytest.mark.parametrize(
    ("text", "value", "action"),
    [
        # the addressee of a reply letter: their mailing address goes
        (
            "你于2026年11月3日向本机关提交的政府信息公开申请（邮寄地址：杭州市拱墅区湖墅南路368号"
            "5幢1203室）收悉。",
            "杭州市拱墅区湖墅南路368号5幢1203室",
            Action.REDACT,
        ),
        (
            "您于10月8日寄来的信件（通讯地址：泰顺县罗阳镇建设路16号2单元301室）收悉。",
            "泰顺县罗阳镇建设路16号2单元301室",
            Action.REDACT,
        ),
        # an organisation addressed so, and the office's own hall, stay
        (
            "你单位报送的材料（地址：泰顺县罗阳镇建设路16号）收悉，本局已审查。",
            "泰顺县罗阳镇建设路16号",
            Action.KEEP,
        ),
        (
            "您可到县政务服务中心办事大厅（地址：泰顺县罗阳镇建设路16号）办理。",
            "泰顺县罗阳镇建设路16号",
            Action.KEEP,
        ),
    ],
)
def test_the_addressee_of_a_letter(find: Find, text: str, value: str, action: Action) -> None:
    [finding] = find(text, T.ADDRESS)
    assert (finding.text, finding.action) == (value, action), finding.explanation


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("村民吕春芳2026年4月被确诊为急性髓系白血病。", "急性髓系白血病"),
        ("村民王建国患慢性粒细胞白血病多年。", "慢性粒细胞白血病"),
        ("村民张建国，患2型糖尿病并发症多年。", "2型糖尿病并发症"),
        ("户主李国强患肺癌晚期，无劳动能力。", "肺癌晚期"),
        ("村民母春燕因车祸致颅脑损伤。", "颅脑损伤"),
    ],
)
def test_a_disease_with_its_modifiers_is_one_term(find: Find, text: str, term: str) -> None:
    assert [f.text for f in find(text, T.HEALTH_INFO)][:1] == [term]


def test_a_modifier_of_something_else_is_not_taken(find: Find) -> None:
    found = [f.text for f in find("村民王建国患有慢性病，后又患肺癌。", T.HEALTH_INFO)]
    assert "肺癌" in found and not any(len(t) > 3 and t.endswith("肺癌") for t in found)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("同意三组罗德旺、七组罗建国三户上报镇人民政府审核。", "罗建国"),
        ("经评议，五组谭金花、六组肖国平两户纳入低保。", "肖国平"),
    ],
)
def test_a_name_before_a_count(find: Find, text: str, name: str) -> None:
    assert (name, Action.REDACT) in [(f.text, f.action) for f in find(text, T.PERSON)]


@pytest.mark.parametrize(
    ("text", "action"),
    [
        # the site of an act, in a decision against a company: a place
        ("经查，当事人于2026年3月至6月，在隆回县桃洪镇新华村五组擅自开采砂石。", Action.REVIEW),
        # the same village group where a private person lives
        ("当事人李某某，家住隆回县桃洪镇新华村五组。", Action.REDACT),
        ("村民罗德旺，隆回县桃洪镇新华村五组，因病致贫。", Action.REDACT),
    ],
)
def test_a_village_group_is_a_home_only_when_tied_to_a_resident(
    find: Find, text: str, action: Action
) -> None:
    [finding] = find(text, T.ADDRESS)
    assert finding.action is action, finding.explanation


@pytest.mark.parametrize(
    ("text", "name", "action"),
    [
        ("同意救助8900元。经办人：段志红　审批人：李卫星　2026年9月30日", "李卫星", Action.KEEP),
        ("情况属实。复核人：牛建平", "牛建平", Action.KEEP),
        ("鉴定人：易永红", "易永红", Action.KEEP),
    ],
)
def test_staff_who_sign_a_form(find: Find, text: str, name: str, action: Action) -> None:
    assert (name, action) in [(f.text, f.action) for f in find(text, T.PERSON)]


@pytest.mark.parametrize("relation", ["配偶", "本人", "长子", "岳母", "子女"])
def test_a_relation_in_a_person_column_is_no_name(tmp_path: Path, relation: str) -> None:
    rows = [
        ["家庭成员", "姓名", "与本人关系", "工作单位", "就业状况"],
        ["", "王桂云", relation, "无", "灵活就业"],
    ]
    document = files.pdf(tmp_path, ["就业困难人员认定申请表", rows])
    names = [f.text for f in Detector().detect(document) if f.type is T.PERSON]
    assert relation not in names and "王桂云" in names


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("举报被执行人财产线索，请拨打滑县人民法院执行局电话：0372-8112603", Action.KEEP),
        ("如有异议，请向县民政局社会救助股值班电话0870-6622317反映。", Action.KEEP),
        # a private person's landline stays theirs
        ("被执行人樊某某，住滑县道口镇，电话：0372-8112603", Action.REDACT),
    ],
)
def test_an_agencys_own_line(find: Find, text: str, action: Action) -> None:
    [finding] = find(text, T.PHONE_NUMBER)
    assert finding.action is action, finding.explanation


@pytest.mark.parametrize(
    ("lines", "action"),
    [
        # a 寻亲公告 publishes the name the person gave
        (["寻亲公告", "该老人男性，约70岁，自述名叫“刘宝山”，其余信息无法表述清楚。"], Action.KEEP),
        # a news story's self-told name is private
        (
            ["救助站开展冬季救助", "该老人男性，约70岁，自述名叫“刘宝山”，已护送回家。"],
            Action.REDACT,
        ),
    ],
)
def test_a_notice_seeking_a_family(lines: list[str], action: Action) -> None:
    found = Detector().detect(paragraphs(*lines))
    assert [(f.text, f.action) for f in found if f.type is T.PERSON] == [("刘宝山", action)]


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("今年48岁的付春梅因脑梗死导致右侧肢体偏瘫。", Action.REDACT),
        ("付春梅患有尿毒症，需长期透析。", Action.REDACT),
        # a name without its own illness is left to the reviewer
        ("付春梅介绍了全县大病救助的做法。", Action.REVIEW),
    ],
)
def test_a_person_whose_illness_the_text_tells(text: str, action: Action) -> None:
    found = Detector(names=FakeNames("付春梅")).detect(paragraphs(text))
    assert [f.action for f in found if f.type is T.PERSON] == [action]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("注：本方案属工作秘密，仅供参与核查的单位使用，不得外传。", T.WORK_SECRET),
        ("本规划属内部资料，注意保存。", T.INTERNAL_MARK),
        ("本纪要属工作秘密，严禁通过互联网对外发布。", T.WORK_SECRET),
    ],
)
def test_a_note_naming_the_documents_own_kind(text: str, kind: FindingType) -> None:
    lines = ["滑县2026年城乡低保专项治理工作方案", "一、核查对象：全县在册城乡低保对象。", text]
    assert kind in {f.type for f in Detector().detect(paragraphs(*lines))}


def test_a_mention_of_work_secrets_in_prose_is_no_note() -> None:
    lines = [
        "保密工作培训讲义",
        "工作秘密是指机关在公务活动中产生的、一旦泄露会造成不利影响的事项。",
    ]
    assert T.WORK_SECRET not in {f.type for f in Detector().detect(paragraphs(*lines))}
