"""Internal and draft notes wherever an office puts them (POLICY.md §3 row 4): 内部资料 in a page
header beside the issuing office or an issue number, alone in a sheet cell, and 讨论稿 after a
title or alone at the head; a 征求意见稿 published for public comment stays public."""

from __future__ import annotations

from pathlib import Path

import pytest

from review_desk.core.document import Document
from review_desk.core.findings import Attribute, FindingType
from review_desk.detect.engine import Detector
from review_desk.policy import default_policy
from tests.detect import files
from tests.detect.conftest import paragraphs

MINUTES = ["县政府第十五次常务会议纪要", "会议听取了县民政局关于冬春救助工作的汇报。"]
INTERNAL, PROCESS = FindingType.INTERNAL_MARK, FindingType.PROCESS_INFO


def _proposal(document: Document) -> tuple[set[FindingType], Attribute]:
    found = Detector().detect(document)
    marks = {f.type for f in found if f.type in (INTERNAL, PROCESS)}
    return marks, default_policy().propose(found).attribute


@pytest.mark.parametrize(
    "header",
    [
        "内部资料",
        "内部资料 注意保存",
        "内部资料　不得外传",
        "仅供内部参考",
        "内部资料·注意保存",
        "某县人民政府办公室　内部资料",
        "内部资料（2025年第2期）",
        "内部资料 第7期",
        "县政府办公室编印｜内部资料",
    ],
)
def test_internal_in_a_page_header(tmp_path: Path, header: str) -> None:
    document = files.word_document(tmp_path, MINUTES, header=header)
    assert _proposal(document) == ({INTERNAL}, Attribute.ON_REQUEST)


@pytest.mark.parametrize("header", ["某县人民政府办公室", "内部资料室开放时间：工作日", "第3页"])
def test_a_page_header_without_a_note(tmp_path: Path, header: str) -> None:
    document = files.word_document(tmp_path, MINUTES, header=header)
    assert _proposal(document) == (set(), Attribute.PROACTIVE)


@pytest.mark.parametrize(
    ("rows", "title"),
    [
        ([["内部资料"], ["项目", "户数"], ["城市低保", "412"]], ""),
        ([["项目", "户数"], ["城市低保", "412"], ["内部资料 注意保存"]], "2025年一季度救助统计"),
        ([["项目", "户数", "备注"], ["城市低保", "412", "仅供内部参考"]], "2025年一季度救助统计"),
    ],
)
def test_internal_alone_in_a_sheet_cell(tmp_path: Path, rows: list[list[str]], title: str) -> None:
    document = files.sheet(tmp_path, rows, title=title)
    assert _proposal(document) == ({INTERNAL}, Attribute.ON_REQUEST)


def test_a_catalogue_cell_saying_not_disclosed_is_no_note(tmp_path: Path) -> None:
    rows = [["文件名称", "公开属性"], ["关于救助标准的通知", "不予公开"], ["年度报告", "主动公开"]]
    found = Detector().detect(files.sheet(tmp_path, rows, title="政府信息公开目录"))
    assert [f for f in found if f.type is FindingType.DISCLOSURE_NOTE] == []


@pytest.mark.parametrize(
    "lines",
    [
        ["关于进一步规范临时救助工作的实施意见（讨论稿）", "各乡镇人民政府："],
        ["讨论稿", "关于进一步规范临时救助工作的实施意见", "各乡镇人民政府："],
        ["讨  论  稿", "关于进一步规范临时救助工作的实施意见"],
        ["关于进一步规范临时救助工作的实施意见", "（2025年3月讨论稿）"],
        ["关于进一步规范临时救助工作的实施意见（第二次讨论稿）"],
        ["关于进一步规范临时救助工作的实施意见（讨论稿，仅供参考）"],
    ],
)
def test_a_discussion_draft(lines: list[str]) -> None:
    assert _proposal(paragraphs(*lines)) == ({PROCESS}, Attribute.ON_REQUEST)


def test_a_discussion_draft_in_a_docx_title_table(tmp_path: Path) -> None:
    rows = [["关于进一步规范临时救助工作的实施意见（讨论稿）"], ["起草单位", "县民政局"]]
    assert _proposal(files.word_table(tmp_path, rows)) == ({PROCESS}, Attribute.ON_REQUEST)


def test_a_draft_published_for_comment_stays_public() -> None:
    document = paragraphs(
        "关于进一步规范临时救助工作的实施意见（征求意见稿）",
        "为广泛听取意见，现向社会公开征求意见，截止日期为2025年4月30日。",
    )
    assert _proposal(document) == (set(), Attribute.PROACTIVE)


@pytest.mark.parametrize(
    "text",
    [
        "本单位加强内部资料管理，规范内部资料印发流程。",
        "各地要认真组织讨论稿件的修改完善工作，广泛听取意见。",
    ],
)
def test_words_in_a_sentence_are_no_note(text: str) -> None:
    assert _proposal(paragraphs("关于加强档案管理的通知", text)) == (set(), Attribute.PROACTIVE)


@pytest.mark.parametrize(
    "lines",
    [
        ["关于进一步规范临时救助工作的实施方案讨论稿", "各乡镇人民政府："],
        ["关于进一步规范临时救助工作的实施方案（讨论修改稿）"],
        ["关于进一步规范临时救助工作的实施方案", "（讨论稿·仅供内部讨论）"],
    ],
)
def test_a_discussion_draft_in_other_words(lines: list[str]) -> None:
    assert _proposal(paragraphs(*lines)) == ({PROCESS}, Attribute.ON_REQUEST)


def test_a_title_ending_with_a_public_draft_stays_public() -> None:
    document = paragraphs(
        "关于进一步规范临时救助工作的实施方案征求意见稿",
        "现向社会公开征求意见。",
    )
    assert _proposal(document) == (set(), Attribute.PROACTIVE)
