from pathlib import Path

import pytest

from review_desk.core.document import BlockKind, Document
from review_desk.loaders import load
from tests.loaders import fixtures


@pytest.mark.parametrize(
    ("block_id", "kind", "origin", "text"),
    [
        ("p0", BlockKind.PARAGRAPH, None, "正文段落：申请人王五插入文字乙"),
        ("p0:hidden", BlockKind.PARAGRAPH, "hidden_text", "隐藏文字甲"),
        ("p0:del", BlockKind.PARAGRAPH, "tracked_deletion", "删除文字丙"),
        ("p1", BlockKind.PARAGRAPH, None, "链接文字丁域链接文字"),
        ("p1:link0", BlockKind.LINK_TARGET, "link_target", "https://example.org/case?id=110105"),
        ("p1:link1", BlockKind.LINK_TARGET, "link_target", "https://example.org/field"),
        ("p2:tb0:p0", BlockKind.TEXT_BOX, None, "文本框戊：联系人孙七"),
        ("p2:alt0", BlockKind.PROPERTY, "property", "张三身份证.jpg"),
        ("p5", BlockKind.PARAGRAPH, None, "内容控件里的文字"),
        ("h1:p0", BlockKind.HEADER, None, "页眉：某某区民政局"),
        ("f1:p0", BlockKind.FOOTER, None, "页脚：联系人李四"),
        ("fn1:p0", BlockKind.FOOTNOTE, None, "脚注：王五"),
        ("en1:p0", BlockKind.FOOTNOTE, None, "尾注：赵六"),
        ("c0:p0", BlockKind.COMMENT, "comment", "批注：请核实身份证号"),
        ("c0:author", BlockKind.PROPERTY, "property", "审核员钱七"),
        ("prop:core:creator", BlockKind.PROPERTY, "property", "孙八"),
        ("prop:core:lastModifiedBy", BlockKind.PROPERTY, "property", "周九"),
        ("prop:app:Company", BlockKind.PROPERTY, "property", "某某区民政局"),
        ("prop:custom:经办人", BlockKind.PROPERTY, "property", "吴十"),
        ("prop:docvar:承办人", BlockKind.PROPERTY, "property", "郑十一"),
    ],
)
def test_text_in_every_hiding_place_is_found(
    hiding_docx: Document, block_id: str, kind: BlockKind, origin: str | None, text: str
) -> None:
    block = hiding_docx.block(block_id)
    assert (block.kind, block.origin, block.text) == (kind, origin, text)


def test_hidden_and_deleted_text_stays_out_of_the_visible_paragraph(hiding_docx: Document) -> None:
    visible = hiding_docx.block("p0").text
    assert "隐藏文字甲" not in visible and "删除文字丙" not in visible


def test_text_box_is_read_once_despite_its_fallback_copy(hiding_docx: Document) -> None:
    assert sum("文本框戊" in b.text for b in hiding_docx.blocks) == 1


def test_revision_authors_are_properties(hiding_docx: Document) -> None:
    authors = {b.text for b in hiding_docx.blocks if b.id.startswith("prop:revision_author")}
    assert authors == {"修订人甲", "修订人乙"}


@pytest.mark.parametrize(
    ("block_id", "text", "row", "column", "header"),
    [
        ("t0:r0:c0", "低保对象名单", 0, 0, None),
        ("t0:r1:c1", "身份证号", 1, 1, None),
        ("t0:r2:c0", "张三", 2, 0, "姓名"),
        ("t0:r2:c2", "北京市朝阳区幸福街道1号", 2, 2, "家庭住址"),
        ("t0:r3:c1", "110105194203030025", 3, 1, "身份证号"),
        ("t0:r4:c1", "备注合并", 4, 1, "身份证号"),
        ("t0:r4:c0:t0:r1:c1", "500", 1, 1, "金额"),
        ("t0:r4:c0:t0:r0:c0", "项目", 0, 0, None),
    ],
)
def test_table_cells_with_merges_and_nesting(
    hiding_docx: Document, block_id: str, text: str, row: int, column: int, header: str | None
) -> None:
    block = hiding_docx.block(block_id)
    assert block.kind is BlockKind.TABLE_CELL
    assert (block.text, block.row, block.column, block.header) == (text, row, column, header)


def test_vertical_merge_continuation_makes_no_block(hiding_docx: Document) -> None:
    ids = {b.id for b in hiding_docx.blocks}
    assert "t0:r3:c2" not in ids
    assert len(ids) == len(hiding_docx.blocks)  # ids are unique


def test_pictures_and_embedded_objects_are_noticed_not_skipped_silently(tmp_path: Path) -> None:
    parts = {"word/media/image1.png": "png", "word/embeddings/oleObject1.bin": "ole"}
    path = tmp_path / "scan.docx"
    path.write_bytes(fixtures.docx_bytes("<w:p/>", parts))
    document = load(path)
    assert document.blocks == []
    assert [(n.key, n.block) for n in document.notices] == [
        ("embedded_unread", "emb0"),
        ("images", None),
    ]
    assert "oleObject1.bin" in document.notices[0].message
