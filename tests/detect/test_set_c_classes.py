"""The failure classes of held-out set C's first, blind run (issue 10), each with its neighbours:
an ID with a typo that passes a USCC check character by chance, 工作秘密 notes that say what the
material holds, numbered and passive labels of forms (授权人三, 被评估人), phone and card labels
that end so (本人联系电话, 社会保障卡号) but not two fields in one (照料人及电话), staff named by
their post's suffix (嘎查协办员) and the office that handles a form (经办机构), an office's line
after its seal, a letter's addressee named inside the sentence, and the heads of organisations a
list of assistance pays."""

from __future__ import annotations

import pytest

from review_desk.core.document import Block, BlockKind, Document
from review_desk.core.findings import Action, Finding, FindingType
from review_desk.detect.engine import Detector
from tests.detect.conftest import Find, paragraphs
from tests.detect.test_people import FakeNames

T = FindingType
#: The names of these tables, as the model finds them (the baseline knows no 敖 or 皇甫 name).
_NAMES = FakeNames(
    "包乌云",
    "敖日格乐",
    "阿拉坦其其格",
    "鲍凤琴",
    "后小军",
    "锁德明",
    "皇甫志刚",
    "夏侯春燕",
    "上官丽",
    "尉迟红",
)


def _found(found: list[Finding]) -> dict[str, tuple[FindingType, Action]]:
    return {f.text: (f.type, f.action) for f in found if not f.block.startswith("prop:")}


def _sheet(header: tuple[str, ...], rows: list[tuple[str, ...]], title: str = "") -> Document:
    """A sheet of ``rows`` under ``header``, below a title row when there is one."""
    above = [(title,)] if title else []
    top = len(above)
    blocks = [
        Block(f"s0:r{r}:c{c}", BlockKind.SHEET_CELL, text, r, c, header[c] if r > top else None)
        for r, row in enumerate([*above, header, *rows])
        for c, text in enumerate(row)
    ]
    return Document("t.xlsx", "0", "xlsx", blocks)


@pytest.mark.parametrize(
    ("text", "value", "kind", "action"),
    [
        # a labelled ID whose check character is wrong, whose 18 digits also pass the USCC check
        # character while their own organisation code fails: an ID to review
        (
            "授权人二：苟玉花　公民身份号码：621126197509202620",
            "621126197509202620",
            T.CN_RESIDENT_ID,
            Action.REVIEW,
        ),
        ("身份证号码621126197509202620", "621126197509202620", T.CN_RESIDENT_ID, Action.REVIEW),
        # a code that passes both of its checks stays an organisation's code, labelled or not
        ("统一社会信用代码：91230229794615233N", "91230229794615233N", T.CN_USCC, Action.KEEP),
        ("索引号：11511922009178363X/2026-00012", "11511922009178363X", T.CN_USCC, Action.KEEP),
    ],
)
def test_an_id_with_a_typo_is_no_organisation_code(
    detector: Detector, text: str, value: str, kind: FindingType, action: Action
) -> None:
    assert _found(detector.detect(paragraphs(text)))[value] == (kind, action)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("（本材料涉及工作秘密，未经批准不得对外提供或在互联网上公开）", True),
        ("（此件内容含有工作秘密，严禁对外发布）", True),
        ("本文件涉及工作秘密", True),
        # the concept in a sentence or a heading is no note
        ("二、涉及工作秘密的文件管理", False),
        ("本报告涉及的工作秘密管理制度如下：", False),
    ],
)
def test_a_work_secret_note_says_what_the_material_holds(
    find: Find, text: str, found: bool
) -> None:
    assert bool(find(text, T.WORK_SECRET)) is found


def _form(rows: list[tuple[str, ...]], kind: BlockKind = BlockKind.SHEET_CELL) -> Document:
    """A key–value form as a sheet (or a DOCX table): cells by row and column, blanks left out."""
    prefix = "s0" if kind is BlockKind.SHEET_CELL else "t0"
    blocks = [
        Block(f"{prefix}:r{r}:c{c}", kind, text, r, c)
        for r, row in enumerate(rows)
        for c, text in enumerate(row)
        if text
    ]
    return Document("t.xlsx", "0", "xlsx", blocks)


def test_a_blank_form_with_phone_and_card_labels_holds_no_personal_data(detector: Detector) -> None:
    form = _form(
        [
            ("逊克县高龄老人津贴申领登记表",),
            ("姓名", "", "性别", ""),
            ("户籍所在地", "", "现居住地址", ""),
            ("本人联系电话", "", "社会保障卡号", ""),
            ("代领人姓名", "", "代领人联系电话", ""),
        ]
    )
    assert detector.detect(form) == []


@pytest.mark.parametrize(
    ("label", "value", "kind", "action"),
    [
        ("本人联系电话", "15847512690", T.PHONE_NUMBER, Action.REDACT),
        ("社会保障卡金融账号", "6230618123004127354", T.BANK_CARD, Action.REDACT),
        # the subject of the form, however the label says it
        ("被评估人", "鲍凤琴", T.PERSON, Action.REDACT),
        ("授权人三", "后小军", T.PERSON, Action.REDACT),
        # the office's staff and the office's own line
        ("嘎查协办员", "阿拉坦其其格", T.PERSON, Action.KEEP),
        ("经办机构电话", "0475-5213396", T.PHONE_NUMBER, Action.KEEP),
    ],
)
def test_a_filled_form_judges_each_value_by_its_label(
    label: str, value: str, kind: FindingType, action: Action
) -> None:
    form = _form(
        [
            ("城乡居民基本养老保险参保登记表",),
            ("姓名", "包乌云", "民族", "蒙古族"),
            ("公民身份号码", "150522197008232421", "性别", "女"),
            (label, value, "填表日期", "2026年11月3日"),
            ("经办机构", "科左后旗社会保险事业服务中心", "经办人", "敖日格乐"),
        ]
    )
    found = _found(Detector(names=_NAMES).detect(form))
    assert found[value] == (kind, action)
    assert found["敖日格乐"] == (T.PERSON, Action.KEEP)


def test_a_name_and_a_number_in_one_cell_are_both_read() -> None:
    header = ("序号", "姓名", "身份证号码", "照料人及电话")
    sheet = _sheet(header, [("1", "锁文才", "520526194703224512", "锁德明 13985762031")])
    found = _found(Detector(names=_NAMES).detect(sheet))
    assert found["锁德明"] == (T.PERSON, Action.REDACT)
    assert found["13985762031"] == (T.PHONE_NUMBER, Action.REDACT)


@pytest.mark.parametrize(
    ("approval", "number", "action"),
    [
        ("同意。县民政局（公章）　咨询电话：0855-6418203", "0855-6418203", Action.KEEP),
        ("同意。县民政局（盖章）　电话：0855-6418203", "0855-6418203", Action.KEEP),
        # a mobile is a person's, after a seal or not
        ("同意。县民政局（公章）　电话：13638053127", "13638053127", Action.REDACT),
    ],
)
def test_an_office_signs_a_persons_form_with_its_own_line(
    detector: Detector, approval: str, number: str, action: Action
) -> None:
    form = _form(
        [
            ("申请人姓名", "杨老妹", "性别", "女"),
            ("联系电话", "18285507934", "", ""),
            ("县民政局审批意见", approval, "", ""),
        ],
        BlockKind.TABLE_CELL,
    )
    found = _found(detector.detect(form))
    assert found[number] == (T.PHONE_NUMBER, action)
    assert found["18285507934"] == (T.PHONE_NUMBER, Action.REDACT)


@pytest.mark.parametrize(
    ("text", "value", "action"),
    [
        (
            "本机关于2026年11月12日收到你通过邮寄方式提交的政府信息公开申请（收件地址：民乐县洪水镇"
            "城南社区康宁路47号），你申请公开的信息如下。",
            "民乐县洪水镇城南社区康宁路47号",
            Action.REDACT,
        ),
        # an office's place in a letter to a person, an organisation addressed
        (
            "你可到政务服务中心（地址：民乐县洪水镇康宁路12号）查询。",
            "民乐县洪水镇康宁路12号",
            Action.KEEP,
        ),
        (
            "请你单位到本机关（地址：民乐县洪水镇康宁路12号）领取。",
            "民乐县洪水镇康宁路12号",
            Action.KEEP,
        ),
    ],
)
def test_the_addressee_may_be_named_inside_the_sentence(
    find: Find, text: str, value: str, action: Action
) -> None:
    [address] = [f for f in find(text, T.ADDRESS) if f.text == value]
    assert address.action is action, address.explanation


def _organisations(title: str, head: str, last: str) -> Document:
    rows = [
        ("1", "南江县云顶茶叶专业合作社", "93511922MA6C2K4D0X", "皇甫志刚", "10000"),
        ("2", "巴中市米仓山农旅开发有限公司", "91511922MA7H3QX2NR", "夏侯春燕", "10000"),
    ]
    return _sheet(("序号", "创业实体名称", "统一社会信用代码", head, last), rows, title)


@pytest.mark.parametrize(
    ("title", "head", "last", "action"),
    [
        # a list of assistance pays the heads of the organisations it lists
        ("南江县2026年第三批一次性创业补贴拟发放名单", "负责人", "补贴金额（元）", Action.REDACT),
        ("南江县2026年农机购置补贴资金兑付名单", "法定代表人", "补贴金额（元）", Action.REDACT),
        # a licence's 双公示 publishes the licensee with its legal representative
        ("南江县2026年11月行政许可信息公示", "法定代表人", "许可内容", Action.KEEP),
    ],
)
def test_the_heads_of_listed_organisations(
    title: str, head: str, last: str, action: Action
) -> None:
    found = _found(Detector(names=_NAMES).detect(_organisations(title, head, last)))
    assert found["皇甫志刚"] == (T.PERSON, action)
    assert found["夏侯春燕"] == (T.PERSON, action)
    assert found["93511922MA6C2K4D0X"][1] is Action.KEEP


def test_staff_of_a_list_without_organisations_stay_staff() -> None:
    sheet = _sheet(
        ("序号", "姓名", "身份证号码", "负责人"), [("1", "尉迟红", "511922197705263864", "上官丽")]
    )
    found = _found(Detector(names=_NAMES).detect(sheet))
    assert found["上官丽"] == (T.PERSON, Action.KEEP)
    assert found["尉迟红"] == (T.PERSON, Action.REDACT)
