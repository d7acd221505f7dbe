"""残疾人证号 (the ID and two digits of category and grade, GB/T 26341-2010) and disability
category/grade values: a certificate number is the person's ID (redact; review when its check
character fails), a category with its grade is their health information, and the labels that
name these fields (残疾证号, 残疾类别及等级) are labels, not values (POLICY.md §5)."""

from __future__ import annotations

from pathlib import Path

import pytest

from review_desk.core.findings import Action, FindingType
from review_desk.detect.engine import Detector
from review_desk.detect.recognizers.disability_cert import is_valid_disability_cert
from tests.detect import files
from tests.detect.conftest import Find, paragraphs
from tests.detect.ids import bad_check, disability_cert, resident_id

ID = FindingType.CN_RESIDENT_ID
HEALTH = FindingType.HEALTH_INFO

HOLDER_A = resident_id("622421", "19610427", "317")
HOLDER_B = resident_id("450803", "19880913", "064")
HOLDER_C = resident_id("130628", "19470102", "852")
CERT_A = disability_cert(HOLDER_A, 4, 2)  # 肢体 二级
CERT_B = disability_cert(HOLDER_B, 6, 3)  # 精神 三级
CERT_C = disability_cert(HOLDER_C, 1, 1)  # 视力 一级


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        (CERT_A, True),
        (CERT_B, True),
        (CERT_C, True),
        (disability_cert(HOLDER_A, 7, 4), True),  # 多重 四级
        (disability_cert(HOLDER_A, 8, 2), False),  # no category 8
        (disability_cert(HOLDER_A, 4, 5), False),  # no grade 5
        (disability_cert(bad_check(HOLDER_A), 4, 2), False),
        (HOLDER_A, False),  # an ID alone is no certificate number
        ("4203231957****165342", False),  # masked: no number to validate, no error either
    ],
)
def test_validator(number: str, valid: bool) -> None:
    assert is_valid_disability_cert(number) is valid


@pytest.mark.parametrize(
    ("text", "value", "action"),
    [
        (f"残疾人证号：{CERT_A}", CERT_A, Action.REDACT),
        (f"持证人张某，残疾证号{CERT_B}，", CERT_B, Action.REDACT),
        (f"证号 {CERT_C} 已换发", CERT_C, Action.REDACT),
        # a typo in the ID part: still a certificate, for the reviewer
        (
            f"残疾证号：{disability_cert(bad_check(HOLDER_B), 6, 3)}",
            disability_cert(bad_check(HOLDER_B), 6, 3),
            Action.REVIEW,
        ),
        # labelled, but its tail is no category and grade: for the reviewer
        (
            f"残疾证号：{disability_cert(HOLDER_C, 9, 9)}",
            disability_cert(HOLDER_C, 9, 9),
            Action.REVIEW,
        ),
    ],
)
def test_certificate_numbers_are_ids(find: Find, text: str, value: str, action: Action) -> None:
    [finding] = find(text, ID)
    assert (finding.text, finding.action) == (value, action), finding.explanation


@pytest.mark.parametrize(
    "text",
    [
        f"订单号{disability_cert(HOLDER_C, 9, 9)}",  # unlabelled, no category: an order number
        f"流水号{CERT_A}5",  # 21 digits
    ],
)
def test_twenty_digits_that_are_no_certificate(find: Find, text: str) -> None:
    assert find(text, ID) == []


LIST_HEADER = ["序号", "姓名", "残疾证号", "残疾类别及等级", "联系电话"]
LIST_ROWS = [
    ["1", "芦秋生", CERT_A, "肢体二级", "13907315528"],
    ["2", "甘玉珍", CERT_B, "精神三级", "13977410926"],
    ["3", "蔺德旺", CERT_C, "一级视力残疾", "15034418803"],
]


@pytest.mark.parametrize("shape", ["xlsx", "docx"])
def test_a_list_of_certificate_holders(tmp_path: Path, shape: str) -> None:
    rows = [LIST_HEADER, *LIST_ROWS]
    title = "2024年第三季度困难残疾人生活补贴发放名单"
    make = files.sheet if shape == "xlsx" else files.word_table
    found = Detector().detect(make(tmp_path, rows, title=title))
    redacted = {(f.type, f.text) for f in found if f.action is Action.REDACT}
    for _, name, cert, level, _phone in LIST_ROWS:
        assert (FindingType.PERSON, name) in redacted
        assert (ID, cert) in redacted
        assert (HEALTH, level) in redacted
    # the header cells name the fields: no finding on them
    labels = set(LIST_HEADER)
    assert [f for f in found if f.text in labels or f.text == "残疾"] == []


@pytest.mark.parametrize(
    ("value", "kept"),
    [
        ("肢体二级", "肢体二级"),
        ("精神残疾二级", "精神残疾二级"),
        ("二级肢体", "二级肢体"),
        ("一级视力残疾", "一级视力残疾"),
        ("智力 三级", "智力 三级"),
        ("听力4级", "听力4级"),
        ("言语四级", "言语四级"),
        ("多重一级", "多重一级"),
    ],
)
def test_category_and_grade_of_a_person(value: str, kept: str) -> None:
    """Written as a recipient's value in a list item, in either order."""
    document = paragraphs(f"低保户解宝林，女，{value}，月领取补贴200元。")
    found = Detector().detect(document)
    assert (HEALTH, kept, Action.REDACT) in {(f.type, f.text, f.action) for f in found}


@pytest.mark.parametrize(
    "header",
    ["残疾类别", "残疾类别及等级", "残疾类型", "残疾类型及等级", "残疾等级", "残疾情况"],
)
def test_a_category_alone_under_a_disability_column(tmp_path: Path, header: str) -> None:
    rows = [["序号", "姓名", header], ["1", "芦秋生", "肢体"], ["2", "甘玉珍", "精神"]]
    found = Detector().detect(files.sheet(tmp_path, rows, title="残疾人名单"))
    health = {f.text: f.action for f in found if f.type is HEALTH}
    assert health == {"肢体": Action.REDACT, "精神": Action.REDACT}


FILLED_FORM = (
    ("困难残疾人生活补贴申请表",),
    ("申请人姓名", "庞彩凤", "性别", "女"),
    ("公民身份号码", HOLDER_B, "残疾人证号", CERT_B),
    ("残疾类别", "精神", "残疾等级", "三级"),
    ("患病情况", "慢性阻塞性肺病"),
)
BLANK_FORM = (
    ("困难残疾人生活补贴申请表",),
    ("申请人姓名", "", "性别", ""),
    ("公民身份号码", "", "残疾人证号", ""),
    ("残疾类别及等级", "", "残疾类型", ""),
    ("是否患有重大疾病", "", "患病情况", ""),
)


@pytest.mark.parametrize("shape", ["xlsx", "docx"])
def test_a_filled_form(tmp_path: Path, shape: str) -> None:
    rows = FILLED_FORM
    document = (
        files.sheet(tmp_path, rows[1:], title=rows[0][0])
        if shape == "xlsx"
        else files.word_table(tmp_path, rows[1:], title=rows[0][0], inside=True)
    )
    found = {(f.type, f.text): f.action for f in Detector().detect(document)}
    assert found[(ID, CERT_B)] is Action.REDACT
    assert found[(HEALTH, "精神")] is Action.REDACT
    assert found[(HEALTH, "慢性阻塞性肺病")] is Action.REDACT
    assert not any(text in {"残疾人证号", "残疾类别", "残疾"} for _, text in found)


@pytest.mark.parametrize("shape", ["xlsx", "docx"])
def test_a_blank_form_has_no_health_information(tmp_path: Path, shape: str) -> None:
    rows = BLANK_FORM
    document = (
        files.sheet(tmp_path, rows[1:], title=rows[0][0])
        if shape == "xlsx"
        else files.word_table(tmp_path, rows[1:], title=rows[0][0], inside=True)
    )
    assert Detector().detect(document) == []


@pytest.mark.parametrize(
    "text",
    [
        # field names in prose, a printed form line: labels
        "残疾证号：          残疾类别及等级：",
        "请填写残疾人证号、残疾类别和等级。",
        # policy prose about categories, no person
        "对一级、二级肢体残疾人和精神残疾人给予护理补贴。",
    ],
)
def test_labels_and_policy_prose_are_no_health_information(text: str) -> None:
    assert [f for f in Detector().detect(paragraphs(text)) if f.type is HEALTH] == []


def test_a_form_written_as_pdf_lines(tmp_path: Path) -> None:
    """A PDF form is lines of fields ("label value"): the lines of one person's form."""
    rows = [
        ["姓名", "庞彩凤", "性别", "女", "年龄", "37"],
        ["公民身份号码", HOLDER_B, "联系电话", "13977410926"],
        ["残疾人证号", CERT_B],
        ["残疾类别", "肢体", "残疾等级", "二级"],
        ["患病情况", "类风湿性关节炎"],
    ]
    document = files.pdf(tmp_path, ["困难残疾人生活补贴申请表", rows, "经办人：甘志平"])
    found = {(f.type, f.text): f.action for f in Detector().detect(document)}
    assert found[(FindingType.PERSON, "庞彩凤")] is Action.REDACT
    assert found[(ID, CERT_B)] is Action.REDACT
    assert found[(FindingType.PHONE_NUMBER, "13977410926")] is Action.REDACT
    assert found[(HEALTH, "肢体")] is Action.REDACT
    assert found[(HEALTH, "类风湿性关节炎")] is Action.REDACT
    assert found.get((FindingType.PERSON, "甘志平")) is not Action.REDACT


def test_a_blank_form_written_as_pdf_lines(tmp_path: Path) -> None:
    rows = [["姓名", "", "性别", ""], ["残疾人证号", ""], ["残疾类别及等级", "", "残疾类型", ""]]
    document = files.pdf(tmp_path, ["困难残疾人生活补贴申请表", rows])
    assert Detector().detect(document) == []
