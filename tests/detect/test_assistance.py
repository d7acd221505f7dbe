"""Private persons in an assistance context (POLICY.md §5): recipients in relief stories, 低保
news and 临时救助 lists are redacted, officials keep their names only where their post title
stands next to them, and a reply to an applicant redacts the applicant's name."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from review_desk.core.findings import Action, FindingType
from review_desk.detect.engine import Detector
from review_desk.detect.names import BaselineNameSource, UnionNameSource
from tests.detect import files
from tests.detect.conftest import Find, paragraphs

PERSON = FindingType.PERSON


class FakeNames:
    """A stand-in for the NER model: every occurrence of the given names."""

    def __init__(self, *names: str) -> None:
        self.names = names

    def persons(self, texts: Sequence[str]) -> list[list[tuple[int, int]]]:
        found = []
        for text in texts:
            spans = []
            for name in self.names:
                start = text.find(name)
                while start >= 0:
                    spans.append((start, start + len(name)))
                    start = text.find(name, start + 1)
            found.append(spans)
        return found


def _actions(names: Sequence[str], *lines: str) -> dict[str, set[Action]]:
    found: dict[str, set[Action]] = {}
    for f in Detector(names=FakeNames(*names)).detect(paragraphs(*lines)):
        if f.type is PERSON:
            found.setdefault(f.text, set()).add(f.action)
    return found


COMMENDATION_TITLE = "关于表彰2024年度见义勇为先进个人的决定"


@pytest.mark.parametrize(
    ("lines", "name"),
    [
        # a naming cue or a relation marks a private person, even where names are published
        ((COMMENDATION_TITLE, "被救男孩的父亲名叫芦建业，当天赶到现场。"), "芦建业"),
        ((COMMENDATION_TITLE, "落水者的哥哥甘德胜随后赶来致谢。"), "甘德胜"),
        (("救助站帮助流浪老人寻亲回家", "老人自称叫蔺长顺，今年71岁。"), "蔺长顺"),
        (("救助站帮助流浪老人寻亲回家", "经多方查找，其弟弟蔺长福前来接回。"), "蔺长福"),
    ],
)
def test_introduced_names_are_private_whatever_the_document_is_for(
    lines: tuple[str, ...], name: str
) -> None:
    assert _actions([name], *lines)[name] == {Action.REDACT}


def test_the_commended_person_keeps_the_name() -> None:
    found = _actions(["覃卫东"], COMMENDATION_TITLE, "覃卫东同志勇救落水儿童，事迹感人。")
    assert found["覃卫东"] == {Action.KEEP}


@pytest.mark.parametrize(
    ("text", "name", "actions"),
    [
        # the title of the person next to it, not of a name in the next clause
        ("救助站站长介绍，覃明达被送回老家。", "覃明达", {Action.REVIEW}),
        ("覃明达找到站长求助。", "覃明达", {Action.REVIEW}),
        ("主任说，芦秀云的低保已经办好。", "芦秀云", {Action.REVIEW}),
        # titles that do stand next to their names
        ("救助站站长甘志平介绍了情况。", "甘志平", {Action.KEEP}),
        ("甘志平站长介绍了情况。", "甘志平", {Action.KEEP}),
        ("副县长陈晓燕、蔺建国出席会议。", "蔺建国", {Action.KEEP}),
        ("蔺建国、陈晓燕同志出席会议。", "蔺建国", {Action.KEEP}),
        ("蔺建国（县民政局局长）出席会议。", "蔺建国", {Action.KEEP}),
        ("由蔺建国任组长。", "蔺建国", {Action.KEEP}),
        ("联系人：甘志平，电话：0871-64512345", "甘志平", {Action.KEEP}),
    ],
)
def test_a_post_title_applies_to_the_name_beside_it(
    text: str, name: str, actions: set[Action]
) -> None:
    assert _actions([name], text)[name] == actions


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # described as a private person in a list item or a case story
        ("1. 许二妹，女，63岁，因病临时救助1500元。", "许二妹"),
        ("芦德顺（男，58岁）家中房屋受损。", "芦德顺"),
        ("甘秋莲一家四口挤在两间土坯房里。", "甘秋莲"),
        ("蔺发旺现年72岁，独自生活。", "蔺发旺"),
        # labelled by a cue after a list of names
        ("区领导看望慰问了甘秋莲、芦德顺等困难群众。", "甘秋莲"),
        ("区领导看望慰问了甘秋莲、芦德顺等困难群众。", "芦德顺"),
        ("为受助人员蔺发旺办理了返乡手续。", "蔺发旺"),
    ],
)
def test_recipients_in_assistance_prose_are_redacted(text: str, name: str) -> None:
    assert _actions([name], text)[name] == {Action.REDACT}


def test_a_described_person_in_a_commendation_keeps_the_name() -> None:
    found = _actions(["覃卫东"], COMMENDATION_TITLE, "覃卫东，男，45岁，勇救落水儿童。")
    assert found["覃卫东"] == {Action.KEEP}


@pytest.mark.parametrize(
    "lines",
    [
        ("政府信息公开申请答复书", "芦秋生：", "你于2024年4月2日提出的政府信息公开申请收悉。"),
        ("不予公开告知书", "芦秋生先生：", "经审查，你申请的信息属于不予公开范围。"),
        ("政府信息公开申请答复书", "申请人：芦秋生", "经审查，现答复如下。"),
    ],
)
def test_the_applicant_of_a_reply_is_private(lines: tuple[str, ...]) -> None:
    found = [f for f in Detector().detect(paragraphs(*lines)) if f.type is PERSON]
    assert [(f.text, f.action) for f in found] == [("芦秋生", Action.REDACT)]


def test_an_office_as_addressee_is_no_person() -> None:
    document = paragraphs("某某县民政局：", "你局报来的材料收悉。")
    assert [f for f in Detector().detect(document) if f.type is PERSON] == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a village and its group before the name
        ("石门村七组曾德华家中房屋受损。", ["曾德华"]),
        ("马塘村三组先明富因病住院。", ["先明富"]),
        # rare surnames, numerals that open a given name, a surname that also leads names
        ("临时救助对象：盛大勇、王二小、李三妹。", ["盛大勇", "王二小", "李三妹"]),
        ("低保户党改娥、先德华、钮春生等3户享受保障。", ["党改娥", "先德华", "钮春生"]),
        ("村民向春花，女，因病致贫。", ["向春花"]),
    ],
)
def test_private_names_the_baseline_finds(find: Find, text: str, names: list[str]) -> None:
    found = {f.text: f.action for f in find(text, PERSON)}
    assert found == dict.fromkeys(names, Action.REDACT)


@pytest.mark.parametrize(
    "text",
    ["村民向记者反映情况。", "低保户王一家搬进了新房。", "村民王五组织了互助队。"],
)
def test_words_that_look_like_such_names(find: Find, text: str) -> None:
    assert find(text, PERSON) == []


def test_a_list_of_names_the_model_partly_found() -> None:
    baseline = Detector().names
    assert isinstance(baseline, BaselineNameSource)
    union = UnionNameSource(FakeNames("盛大勇"), baseline)
    text = "本月临时救助：盛大勇、王二小、钮春生，共计4500元。"
    assert [text[s:e] for s, e in union.persons([text])[0]] == ["盛大勇", "王二小", "钮春生"]


def test_names_in_a_pdf_table_headed_only_by_household_head(tmp_path: Path) -> None:
    rows = [
        ["序号", "户主", "家庭人口", "月保障金额", "所在社区"],
        ["1", "先启航", "3", "1260", "东风社区"],
        ["2", "钮桂珍", "1", "", "南街社区"],
        ["3", "党福生", "2", "860", "北门社区"],
    ]
    document = files.pdf(tmp_path, ["2024年10月城市低保对象名单", rows, "监督电话：0571-86001234"])
    found = {(f.type, f.text): f.action for f in Detector().detect(document)}
    for name in ("先启航", "钮桂珍", "党福生"):
        assert found[(PERSON, name)] is Action.REDACT
    assert found[(FindingType.PHONE_NUMBER, "0571-86001234")] is Action.KEEP


def test_a_text_table_footer_is_no_record(tmp_path: Path) -> None:
    rows = [
        ["序号", "户主", "家庭人口", "月保障金额", "所在社区"],
        ["1", "先启航", "3", "1260", "东风社区"],
        ["制表人", "甘志平", "审核人", "蔺建国"],
    ]
    document = files.pdf(tmp_path, ["2024年10月城市低保对象名单", rows])
    found = {(f.type, f.text): f.action for f in Detector().detect(document)}
    assert found[(PERSON, "先启航")] is Action.REDACT
    assert found.get((PERSON, "甘志平")) is not Action.REDACT
    assert found.get((PERSON, "蔺建国")) is not Action.REDACT


def test_names_in_other_cells_of_a_recipient_table(tmp_path: Path) -> None:
    rows = [
        ["序号", "姓名", "保障金额", "备注", "经办人"],
        ["1", "芦秋生", "860", "与其子芦小军共同生活", "甘志平"],
    ]
    detector = Detector(names=FakeNames("芦小军", "甘志平"))
    found = {(f.type, f.text): f.action for f in detector.detect(files.sheet(tmp_path, rows))}
    assert found[(PERSON, "芦秋生")] is Action.REDACT
    assert found[(PERSON, "芦小军")] is Action.REDACT
    assert found[(PERSON, "甘志平")] is Action.KEEP


def test_a_reply_with_the_applicants_fields_and_the_offices_contact() -> None:
    document = paragraphs(
        "政府信息公开申请答复书",
        "申请人：芦秋生",
        "联系电话：13977410926",
        "你于2025年3月2日提出的政府信息公开申请收悉。",
        "经审查，你申请公开的信息属于本机关公开职责权限范围。",
        "现将有关材料提供给你，请查收。",
        "联系电话：0571-86001234（县民政局办公室）",
    )
    found = {(f.type, f.text): f.action for f in Detector().detect(document)}
    assert found[(PERSON, "芦秋生")] is Action.REDACT
    assert found[(FindingType.PHONE_NUMBER, "13977410926")] is Action.REDACT
    assert found[(FindingType.PHONE_NUMBER, "0571-86001234")] is Action.KEEP


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # described right after the name: a list item without a cue
        ("3. 许二妹，女，63岁，因病临时救助1500元。", ["许二妹"]),
        ("芦德顺（男，58岁）家中房屋受损。", ["芦德顺"]),
        ("党秀娥 女 1956.03 户主", ["党秀娥"]),
        # a list whose names carry asides
        (
            "救助对象：盛大勇（1000元）、王二小（800元）、钮春生（600元）。",
            ["盛大勇", "王二小", "钮春生"],
        ),
    ],
)
def test_names_the_baseline_finds_without_a_cue_before(
    find: Find, text: str, names: list[str]
) -> None:
    found = {f.text: f.action for f in find(text, PERSON)}
    assert found == dict.fromkeys(names, Action.REDACT)


@pytest.mark.parametrize(
    "text",
    [
        "城关镇居民张女士表示，补贴已经到账。",
        "家住东关的李大爷说，今年冬天不冷了。",
        "市民王先生拨打热线咨询。",
    ],
)
def test_a_surname_with_a_form_of_address_is_no_name(find: Find, text: str) -> None:
    assert [f.action for f in find(text, PERSON)] == [Action.KEEP]


def test_a_pdf_list_whose_header_holds_unlisted_labels(tmp_path: Path) -> None:
    rows = [
        ["序号", "户主", "保障人口数", "月保障金（元）", "备注"],
        ["1", "先启航", "3", "1260", ""],
        ["2", "钮桂珍", "1", "580", "独居"],
    ]
    found = {(f.type, f.text): f.action for f in Detector().detect(files.pdf(tmp_path, [rows]))}
    assert found[(PERSON, "先启航")] is Action.REDACT
    assert found[(PERSON, "钮桂珍")] is Action.REDACT


def test_a_line_of_fields_is_no_table_header(tmp_path: Path) -> None:
    """ "申请人 某某某 性别 女" holds as many values as labels: a form's line, not a header."""
    rows = [["申请人", "钮德兵", "性别", "男", "民族", "汉族"], ["家庭住址", "城关镇东仰村3组"]]
    document = files.pdf(tmp_path, ["城乡居民最低生活保障申请表", rows])
    found = {(f.type, f.text): f.action for f in Detector().detect(document)}
    assert found[(PERSON, "钮德兵")] is Action.REDACT


def test_a_row_with_a_blank_inside_a_value(tmp_path: Path) -> None:
    lines = [
        "序号\t户主\t家庭人口\t月保障金额\t致贫原因",
        "1\t先启航\t3\t1260\t因病",
        "2 钮桂珍 1 580 脑梗 后遗症",
    ]
    found = {(f.type, f.text): f.action for f in Detector().detect(paragraphs(*lines))}
    assert found[(PERSON, "先启航")] is Action.REDACT
    assert found[(PERSON, "钮桂珍")] is Action.REDACT


@pytest.mark.parametrize("header", ["产权人", "房屋所有人", "被征收人", "受益对象"])
def test_owners_and_beneficiaries_head_person_columns(tmp_path: Path, header: str) -> None:
    rows = [["序号", header, "补助金额"], ["1", "党改英", "20000"]]
    found = {(f.type, f.text): f.action for f in Detector().detect(files.sheet(tmp_path, rows))}
    assert found[(PERSON, "党改英")] is Action.REDACT


@pytest.mark.parametrize(
    ("text", "name", "action"),
    [
        ("户主签名：党改英", "党改英", Action.REDACT),
        ("申请人签字：党改英", "党改英", Action.REDACT),
        ("审核人：甘志平", "甘志平", Action.KEEP),
    ],
)
def test_signature_lines(find: Find, text: str, name: str, action: Action) -> None:
    assert {f.text: f.action for f in find(text, PERSON)} == {name: action}


@pytest.mark.parametrize("name", ["王□□", "李■", "张●明"])
def test_names_masked_with_boxes_and_dots(find: Find, name: str) -> None:
    found = find(f"低保对象{name}，因病致贫。", PERSON)
    assert [(f.text, f.action) for f in found] == [(name, Action.KEEP)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("受助老人化名甘秋生，今年76岁。", "甘秋生"),
        ("芦晓东（化名）今年35岁，因病失业。", "芦晓东"),
    ],
)
def test_a_pseudonym_is_no_ones_name(text: str, name: str) -> None:
    assert _actions([name], text)[name] == {Action.KEEP}


def test_the_real_name_beside_a_pseudonym_is_private() -> None:
    text = "救助站收留了一位化名阿强的流浪人员，其真名叫蔺德富。"
    assert _actions(["蔺德富"], text)["蔺德富"] == {Action.REDACT}


def test_a_name_found_once_is_found_where_it_recurs() -> None:
    text = "临时救助对象：蔺二小，男，因病致贫。经入户调查，蔺二小家中仅有一间土房。"
    found = [f.start for f in Detector().detect(paragraphs(text)) if f.type is PERSON]
    assert found == [text.index("蔺二小"), text.rindex("蔺二小")]
