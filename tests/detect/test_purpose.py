"""POLICY.md §5, 公示 by purpose: a list published for its names (任前公示, 拟录用, 表彰, 见义勇为,
a court's 失信 notice) keeps them; a 公示 of assistance or benefits protects them. The word 公示
alone decides nothing, and a sheet's title row decides as a DOCX heading does."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from review_desk.core.document import Block, BlockKind, Document
from review_desk.core.findings import Action, FindingType
from review_desk.detect.engine import Detector
from tests.detect import files

HEADER = ("序号", "姓名", "所在村组", "备注")
ROWS = (("1", "曾繁荣", "青石村", ""), ("2", "龙秀梅", "白沙村", ""))
NAMES = {"曾繁荣", "龙秀梅"}

Shape = Callable[[Path, str], Document]

SHAPES: dict[str, Shape] = {
    "xlsx title row": lambda folder, title: files.sheet(folder, [HEADER, *ROWS], title=title),
    "docx heading": lambda folder, title: files.word_table(folder, [HEADER, *ROWS], title=title),
    "docx title row": lambda folder, title: files.word_table(
        folder, [HEADER, *ROWS], title=title, inside=True
    ),
}


@pytest.mark.parametrize(
    ("title", "action"),
    [
        # assistance and benefits: the names are protected, 公示 or 名单 in the title or not
        ("青石镇2025年第一季度城乡低保对象公示名单", Action.REDACT),
        ("关于拟纳入特困人员救助供养对象的公示", Action.REDACT),
        ("2025年3月临时救助审批结果公示", Action.REDACT),
        ("困难群众医疗救助资金发放情况公示", Action.REDACT),
        ("青石镇耕地地力保护补贴发放名单公示", Action.REDACT),
        ("2025年农村危房改造补助对象公示", Action.REDACT),
        ("优秀学子助学金发放名单公示", Action.REDACT),
        # the purpose is the name
        ("县管干部任前公示", Action.KEEP),
        ("2025年青石镇事业单位公开招聘拟录用人员名单公示", Action.KEEP),
        ("关于表彰2024年度优秀村（社区）党组织书记的公示", Action.KEEP),
        ("见义勇为先进个人评选结果公示", Action.KEEP),
        ("青石县人民法院失信被执行人名单", Action.KEEP),
    ],
)
@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_the_purpose_of_a_list_decides_its_names(
    detector: Detector, tmp_path: Path, shape: str, title: str, action: Action
) -> None:
    document = SHAPES[shape](tmp_path, title)
    found = {f.text: f.action for f in detector.detect(document) if f.type is FindingType.PERSON}
    assert {found.get(name) for name in NAMES} == {action}, found


#: Three opening lines that say nothing of the purpose: the body decides then.
UNTITLED = ["通知", "现将有关名单公布如下：", "一、名单"]


def _paragraphs(*texts: str) -> Document:
    blocks = [Block(f"p{i}", BlockKind.PARAGRAPH, text) for i, text in enumerate(texts)]
    return Document("t.txt", "0", "text", blocks)


@pytest.mark.parametrize(
    ("lines", "commendation"),
    [
        # the title decides, whatever the body mentions
        (["关于授予曾繁荣同志见义勇为称号的决定", "其家属已获医疗救助。"], True),
        (["城乡低保动态管理情况通报", "对表现优秀的村干部予以表彰。"], False),
        # no title says it: the body must name a purpose of the name, and no assistance
        ([*UNTITLED, "曾繁荣，见义勇为，奖励5000元。"], True),
        ([*UNTITLED, "曾繁荣，见义勇为，家中享受低保。"], False),
        ([*UNTITLED, "公示名单：曾繁荣、龙秀梅"], False),
    ],
)
def test_title_first_then_the_whole_text(
    detector: Detector, lines: list[str], commendation: bool
) -> None:
    assert detector.plan(_paragraphs(*lines)).purpose.commendation is commendation


def test_an_honour_list_publishes_its_names(tmp_path: Path) -> None:
    """最美家庭 and similar honour lists are 评选 results: names by design (POLICY.md §5)."""
    rows = [
        ["序号", "家庭户主", "所在乡镇", "主要事迹"],
        ["1", "芦德明", "建平镇", "悉心照顾瘫痪父亲，帮扶困难家庭"],
        ["2", "甘丽华", "梅渚镇", "孝老爱亲，邻里和睦"],
    ]
    found = Detector().detect(files.sheet(tmp_path, rows, title="2025年度“最美家庭”名单"))
    people = {f.text: f.action for f in found if f.type is FindingType.PERSON}
    assert people == {"芦德明": Action.KEEP, "甘丽华": Action.KEEP}
