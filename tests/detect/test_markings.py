"""Document-level findings: secrecy marking vs mention (POLICY §6), work secret, internal
marking, process information and disclosure notes."""

from __future__ import annotations

import pytest

from review_desk.core.document import Block, BlockKind, Document
from review_desk.core.findings import Action, Finding, FindingType
from review_desk.detect.engine import Detector
from review_desk.policy import default_policy
from tests.detect.conftest import paragraphs

BODY = "为进一步做好全省民政政务公开工作，根据有关规定，结合工作实际，现就有关事项通知如下。"


def marks(detector: Detector, document: Document, kind: FindingType) -> list[Finding]:
    return [f for f in detector.detect(document) if f.type is kind]


@pytest.mark.parametrize(
    ("lines", "text", "detector_name"),
    [
        # real markings: head of the first page, alone or with 特急/加急, after a 份号
        (["机密★1年", "关于某事项的通知", BODY], "机密★1年", "secrecy_marking"),
        (["000001", "秘密★6个月 特急", BODY], "秘密★6个月", "secrecy_marking"),
        (["绝密★30年", BODY], "绝密★30年", "secrecy_marking"),
        (["秘密★长期", BODY], "秘密★长期", "secrecy_marking"),
        (["机密★", BODY], "机密★", "secrecy_marking"),
        (["秘密", "关于某事项的通知", BODY], "秘密", "secrecy_marking"),
        (["機密★１ 年", BODY], "機密★１ 年", "secrecy_marking"),
        (["秘密☆1年", BODY], "秘密☆1年", "secrecy_marking"),
        (
            ["份号：000012", "机密★2025年12月31日解密", BODY],
            "机密★2025年12月31日解密",
            "secrecy_marking",
        ),
        # mentions: in a sentence, a quotation or further down
        ([BODY, "培训中以“秘密★1年”为例讲解密级标注。"], "秘密★1年", "secrecy_mention"),
        (["标题", "正文", "说明", "机密★1年"], "机密★1年", "secrecy_mention"),
        (["文件标注“机密★1年”的，按规定管理", BODY], "机密★1年", "secrecy_mention"),
    ],
)
def test_secrecy(detector: Detector, lines: list[str], text: str, detector_name: str) -> None:
    [finding] = marks(detector, paragraphs(*lines), FindingType.SECRECY_MARK)
    assert (finding.text, finding.detector, finding.action) == (text, detector_name, Action.REVIEW)


def test_marking_in_page_header(detector: Detector) -> None:
    blocks = [
        Block("h0", BlockKind.HEADER, "秘密★1年"),
        *[Block(f"p{i}", BlockKind.PARAGRAPH, BODY) for i in range(5)],
    ]
    document = Document("t.docx", "0", "docx", blocks)
    [finding] = marks(detector, document, FindingType.SECRECY_MARK)
    assert finding.detector == "secrecy_marking"
    assert finding.block == "h0"


@pytest.mark.parametrize(
    "lines",
    [
        [BODY, "严格保守国家秘密，任何单位不得泄露秘密。"],
        ["二是强化保密审查制度，坚持做好信息公开内容保密审查，防止泄露国家秘密。"],
        ["秘密文件管理办法", BODY],  # a title that starts with 秘密 but is no marking
    ],
)
def test_no_secrecy_finding(detector: Detector, lines: list[str]) -> None:
    assert marks(detector, paragraphs(*lines), FindingType.SECRECY_MARK) == []


@pytest.mark.parametrize(
    ("lines", "kind", "text"),
    [
        (["（此件属工作秘密）", BODY], FindingType.WORK_SECRET, "工作秘密"),
        ([BODY, "此件属工作秘密，注意保管"], FindingType.WORK_SECRET, "工作秘密"),
        (["内部资料 注意保存", BODY], FindingType.INTERNAL_MARK, "内部资料 注意保存"),
        (["内部文件", "关于某事项的通知", BODY], FindingType.INTERNAL_MARK, "内部文件"),
        (["关于某事项的通知（讨论稿）", BODY], FindingType.PROCESS_INFO, "讨论稿"),
        (["征求意见稿", "某某办法", BODY], FindingType.PROCESS_INFO, "征求意见稿"),
        (["关于拨付救助资金的请示", BODY], FindingType.PROCESS_INFO, "关于拨付救助资金的请示"),
    ],
)
def test_note_markings(detector: Detector, lines: list[str], kind: FindingType, text: str) -> None:
    [finding] = marks(detector, paragraphs(*lines), kind)
    assert finding.text == text


@pytest.mark.parametrize(
    "lines",
    [
        [BODY, "要严格保守国家秘密和工作秘密，对涉及内部文件的信息要严格审查把关，不得随意公开。"],
        ["全年办理内部审批事项36件，优化内部工作流程，提高内部审批效率和服务水平。"],
        ["某某办法（征求意见稿）", "现向社会公开征求意见，欢迎社会各界提出意见建议。"],
        ["各地要及时请示报告重大事项，确保工作有序推进，各项任务按期完成。"],
        # headings and titles that contain the words are no notes
        ["二、内部文件管理", BODY],
        ["内部资料管理办法", BODY],
        [BODY, "（三）征求意见稿的起草", BODY],
        [BODY, "关于加强内部工作秘密管理的意见"],
    ],
)
def test_no_note_marking(detector: Detector, lines: list[str]) -> None:
    kinds = {FindingType.WORK_SECRET, FindingType.INTERNAL_MARK, FindingType.PROCESS_INFO}
    found = [f for f in detector.detect(paragraphs(*lines)) if f.type in kinds]
    assert found == []


@pytest.mark.parametrize(
    ("line", "note"),
    [
        ("（此件主动公开）", "proactive"),
        ("(此件公开发布)", "proactive"),
        ("公开方式：主动公开", "proactive"),
        (
            "索引号：11530000015120005C/2018-00012 公开方式：主动公开 发布日期：2018-03-21",
            "proactive",
        ),
        ("信息公开选项：依申请公开", "on_request"),
        ("（此件不予公开）", "withheld"),
        ("（此件不公开）", "withheld"),
        ("（此件免予公开）", "withheld"),
        ("（此件删减后公开）", "redacted"),
        ("（此件依申请公开）", "on_request"),
        ("（此件主動公開）", "proactive"),
    ],
)
def test_disclosure_notes(detector: Detector, line: str, note: str) -> None:
    [finding] = marks(detector, paragraphs(BODY, line), FindingType.DISCLOSURE_NOTE)
    assert finding.explanation.startswith(f"note={note};")
    assert finding.action is Action.KEEP
    assert line[finding.start : finding.end] == finding.text


@pytest.mark.parametrize(
    "line",
    [
        "二、主动公开政府信息情况。全年主动公开政府信息1200条，依申请公开30件，不予公开2件。",
        "进一步规范公开方式等内容，明确主动公开、依申请公开和不予公开的范围。",
    ],
)
def test_no_disclosure_note(detector: Detector, line: str) -> None:
    assert marks(detector, paragraphs(line), FindingType.DISCLOSURE_NOTE) == []


@pytest.mark.parametrize(
    ("lines", "kind", "attribute"),
    [
        # the document speaking of itself: a note whatever the rest of its sentence says
        (
            [BODY, "此件属工作秘密，严禁通过互联网或其他渠道对外发布。"],
            FindingType.WORK_SECRET,
            "withheld",
        ),
        ([BODY, "附注：本文件属于工作秘密，未经批准不得复制"], FindingType.WORK_SECRET, "withheld"),
        (["（本件系工作秘密，仅限系统内部传阅）", BODY], FindingType.WORK_SECRET, "withheld"),
        ([BODY, "经审核，此件属工作秘密，不宜上网"], FindingType.WORK_SECRET, "withheld"),
        (
            [BODY, "注：本材料属内部资料，请勿在政府网站刊登"],
            FindingType.INTERNAL_MARK,
            "on_request",
        ),
        # a 请示: the title after the issuing organ, or its closing formula
        (
            ["富宁县民政局", "富宁县民政局关于申请追加城乡低保资金的请示", "县人民政府：", BODY],
            FindingType.PROCESS_INFO,
            "on_request",
        ),
        (["县人民政府：", BODY, "妥否，请批示。"], FindingType.PROCESS_INFO, "on_request"),
        (
            ["县人民政府：", BODY, "以上请示当否，请批复。", "富宁县民政局"],
            FindingType.PROCESS_INFO,
            "on_request",
        ),
        (["市财政局：", BODY, "特此请示。"], FindingType.PROCESS_INFO, "on_request"),
        (["县人民政府：", BODY + "妥否，请批示"], FindingType.PROCESS_INFO, "on_request"),
    ],
)
def test_notes_in_other_words(
    detector: Detector, lines: list[str], kind: FindingType, attribute: str
) -> None:
    found = detector.detect(paragraphs(*lines))
    assert [f.type for f in found if f.type is kind] == [kind]
    assert str(default_policy().propose(found).attribute) == attribute


@pytest.mark.parametrize(
    "lines",
    [
        # a sentence about these things is no note and no request
        [BODY, "各单位要增强保密意识，此件涉及的工作秘密事项须另行报批。"],
        [BODY, "对重大事项，要及时向上级请示，妥善处理群众诉求。"],
        [BODY, "会议要求，凡属请示事项，须写明妥否请批示等用语。"],
        ["关于请示报告制度执行情况的通报", BODY],
    ],
)
def test_prose_about_notes_and_requests(detector: Detector, lines: list[str]) -> None:
    kinds = {FindingType.WORK_SECRET, FindingType.INTERNAL_MARK, FindingType.PROCESS_INFO}
    assert [f for f in detector.detect(paragraphs(*lines)) if f.type in kinds] == []


@pytest.mark.parametrize(
    "texts",
    [
        [],
        ["王秀英", "110101199003074477", "北京市"],
        ["内部资料", "内蒙古自治区呼和浩特市新城区某街道某社区某小区3号楼内", "讨论稿"],
        ["稿", "", "内", "x" * 80 + "内", "内" * 81, "內部", "稿件内容"],
        ["甲", "乙内", "", "", "丙稿丁内", "内"],
    ],
)
def test_the_cells_that_may_hold_a_note_are_found_in_their_joined_text(
    texts: list[str],
) -> None:
    from review_desk.detect.recognizers.lines import _may_be_note, _note_cells

    assert list(_note_cells(texts)) == [i for i, text in enumerate(texts) if _may_be_note(text)]
