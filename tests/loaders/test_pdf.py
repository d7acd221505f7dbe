from review_desk.core.document import BlockKind, Document
from tests.loaders import fixtures


def test_chinese_lines_with_one_box_per_character(chinese_pdf: Document) -> None:
    lines = [b for b in chinese_pdf.blocks if b.kind is BlockKind.PDF_LINE]
    assert len(lines) == 6
    assert [b.id for b in lines[:3]] == ["pg1:l0", "pg1:l1", "pg1:l2"]
    line = chinese_pdf.block("pg1:l1")
    assert line.text == f"申请人张三 身份证号 {fixtures.resident_id(0)}"
    assert line.page == 1
    assert line.char_boxes is not None and len(line.char_boxes) == len(line.text)
    x0, top, x1, bottom = line.char_boxes[0]
    assert x0 < x1 and top < bottom
    assert all(len(b.char_boxes or ()) == len(b.text) for b in lines)


def test_page_without_text_layer_is_reported_as_needing_ocr(chinese_pdf: Document) -> None:
    assert [n.key for n in chinese_pdf.notices] == ["needs_ocr"]
    assert "第 3 页" in chinese_pdf.notices[0].message
    assert not any(b.page == 3 for b in chinese_pdf.blocks)


def test_pdf_metadata_becomes_properties(chinese_pdf: Document) -> None:
    author = chinese_pdf.block("prop:pdf:Author")
    assert (author.text, author.origin) == ("经办人孙八", "property")


def test_annotations_are_read_as_comments_and_link_targets(chinese_pdf: Document) -> None:
    hidden = {
        (b.kind, b.origin, b.text, b.page) for b in chinese_pdf.blocks if b.id.startswith("pg1:a")
    }
    assert hidden == {
        (BlockKind.LINK_TARGET, "link_target", "https://example.org/case?id=110105", 1),
        (BlockKind.COMMENT, "comment", "批注：请核实张三的地址", 1),
    }
