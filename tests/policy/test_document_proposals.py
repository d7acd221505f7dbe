"""Whole documents of the kinds an office publishes, detected (baseline name source) and proposed:
the attribute follows from what the detector decided per finding (POLICY.md §3, §5)."""

from __future__ import annotations

from pathlib import Path

import pytest

from review_desk.core.document import Document
from review_desk.core.findings import Attribute
from review_desk.detect.engine import Detector
from review_desk.policy import default_policy
from tests.detect import files
from tests.detect.conftest import paragraphs
from tests.detect.ids import disability_cert, resident_id


def _attribute(document: Document) -> Attribute:
    return default_policy().propose(Detector().detect(document)).attribute


@pytest.mark.parametrize(
    ("lines", "attribute"),
    [
        # a reply to a private applicant names them: redacted
        (
            ("政府信息公开申请答复书", "芦秋生：", "你于2025年3月2日提出的申请收悉，现答复如下。"),
            Attribute.REDACTED,
        ),
        # a 临时救助 list in prose
        (
            ("2025年3月临时救助情况公示", "临时救助对象：盛大勇、王二小、钮春生，共计4500元。"),
            Attribute.REDACTED,
        ),
        # a relief story about a named wanderer helped home
        (
            ("救助站帮助流浪老人寻亲回家", "老人自称叫蔺长顺，经多方查找，其弟弟前来接回。"),
            Attribute.REDACTED,
        ),
        # policy prose naming diseases and categories, no person: published as is
        (
            (
                "关于提高困难残疾人生活补贴标准的通知",
                "对一级、二级肢体残疾人和患尿毒症等大病的困难群众给予补助。",
            ),
            Attribute.PROACTIVE,
        ),
        # a land notice: groups and routes are places
        (
            ("关于城关街道新民村3组至友好村1组沿线道路改造的公告", "施工范围为新民村3组、4组。"),
            Attribute.PROACTIVE,
        ),
    ],
)
def test_prose_documents(lines: tuple[str, ...], attribute: Attribute) -> None:
    assert _attribute(paragraphs(*lines)) is attribute


def test_a_list_of_certificate_holders_is_redacted(tmp_path: Path) -> None:
    cert = disability_cert(resident_id("622421", "19610427", "317"), 4, 2)
    rows = [["序号", "姓名", "残疾证号", "残疾类别及等级"], ["1", "芦秋生", cert, "肢体二级"]]
    document = files.sheet(tmp_path, rows, title="困难残疾人生活补贴发放名单")
    assert _attribute(document) is Attribute.REDACTED


def test_a_masked_list_is_published_as_is(tmp_path: Path) -> None:
    """Every name masked: the causes of need in the list are nobody's identified health."""
    rows = [
        ["序号", "姓名", "身份证号", "家庭住址", "救助原因"],
        ["1", "芦*生", "6224211961****3171", "某县某街道某社区", "因病"],
        ["2", "甘*珍", "45**************64", "某镇某村", "患尿毒症长期透析"],
    ]
    document = files.sheet(tmp_path, rows, title="2025年3月临时救助对象公示")
    assert _attribute(document) is Attribute.PROACTIVE


def test_a_blank_disability_form_is_published_as_is(tmp_path: Path) -> None:
    rows = [
        ["申请人姓名", "", "性别", ""],
        ["残疾人证号", "", "残疾类别及等级", ""],
        ["残疾类型", "", "是否患有重大疾病", ""],
    ]
    document = files.word_table(tmp_path, rows, title="困难残疾人生活补贴申请表", inside=True)
    assert _attribute(document) is Attribute.PROACTIVE


def test_a_page_header_marked_internal(tmp_path: Path) -> None:
    document = files.word_document(
        tmp_path, ["县政府常务会议纪要", "会议研究了有关事项。"], header="内部资料 注意保存"
    )
    assert _attribute(document) is Attribute.ON_REQUEST
