import datetime
import gc
from pathlib import Path

import pytest

from review_desk.core.document import BlockKind, Document
from review_desk.loaders import load
from review_desk.loaders.grid import HEADER_SEARCH_ROWS
from review_desk.loaders.sheets import cell_text
from tests.loaders import fixtures


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (13800001111.0, "13800001111"),
        (3.0, "3"),
        (1234.5, "1234.5"),
        (1.5e-07, "0.00000015"),
        (1.101051940010101e17, "110105194001010000"),
        (0.1 + 0.2, "0.3"),
        (float("nan"), "nan"),
        (1e21, "1000000000000000000000"),
        (-2.0, "-2"),
        (True, "TRUE"),
        (7, "7"),
        ("110105194001010009", "110105194001010009"),
        (datetime.datetime(2024, 3, 1), "2024-03-01"),
        (datetime.datetime(2024, 3, 1, 8, 30), "2024-03-01 08:30:00"),
        (datetime.date(2024, 3, 1), "2024-03-01"),
    ],
)
def test_cell_values_read_as_a_person_would_see_them(value: object, expected: str) -> None:
    assert cell_text(value) == expected  # type: ignore[arg-type]


def test_recipient_sheet_header_found_below_merged_title(recipients_xlsx: Document) -> None:
    cell = recipients_xlsx.block("s0:r3:c2")
    assert (cell.kind, cell.sheet, cell.row, cell.column) == (
        BlockKind.SHEET_CELL,
        "低保名单",
        3,
        2,
    )
    assert cell.text == fixtures.resident_id(0)
    assert cell.header == "身份证号"
    assert recipients_xlsx.block("s0:r3:c4").text == "13800000000"
    assert recipients_xlsx.block("s0:r3:c4").header == "联系电话"
    assert [recipients_xlsx.block(f"s0:r{r}:c0").header for r in range(3)] == [None] * 3
    assert recipients_xlsx.columns("s0:") == dict(enumerate(fixtures.RECIPIENT_HEADER))


def test_every_sheet_is_read_and_hidden_ones_are_noticed(recipients_xlsx: Document) -> None:
    note = recipients_xlsx.block("s1:r4:c2")
    assert (note.text, note.sheet, note.header) == ("经办人：郑十一", "说明", None)
    assert "hidden_sheet" in {n.key for n in recipients_xlsx.notices}


def test_hidden_rows_and_columns_are_noticed(recipients_xlsx: Document) -> None:
    notices = [n.message for n in recipients_xlsx.notices if n.key == "hidden_rows_columns"]
    assert len(notices) == 1 and "低保名单" in notices[0]


@pytest.mark.parametrize(
    ("block_id", "kind", "origin", "text"),
    [
        ("s0:r2:c2:comment", BlockKind.COMMENT, "comment", "身份证号已与户籍核对：王伟"),
        ("s0:r2:c2:comment_author", BlockKind.PROPERTY, "property", "审核员钱七"),
        ("prop:core:creator", BlockKind.PROPERTY, "property", "孙八"),
        ("prop:app:Company", BlockKind.PROPERTY, "property", "某某区民政局"),
        ("prop:custom:经办人", BlockKind.PROPERTY, "property", "吴十"),
    ],
)
def test_cell_notes_and_properties_are_read(
    recipients_xlsx: Document, block_id: str, kind: BlockKind, origin: str, text: str
) -> None:
    block = recipients_xlsx.block(block_id)
    assert (block.kind, block.origin, block.text) == (kind, origin, text)


def test_note_carries_its_cell_position() -> None:
    from review_desk.loaders.xlsx_parts import cell_position

    assert [cell_position(r) for r in ("A1", "C3", "$AA$10", "zz")] == [
        (0, 0),
        (2, 2),
        (9, 26),
        (0, 0),
    ]


def test_ids_stored_as_numbers_keep_their_digits_and_are_flagged(tmp_path: Path) -> None:
    path = fixtures.write_recipient_xlsx(tmp_path / "n.xlsx", 3, id_as_number=True)
    document = load(path)
    text = document.block("s0:r3:c2").text
    assert text.isdigit() and len(text) == 18
    assert "lossy_number" in {n.key for n in document.notices}


def test_ods_sheet_with_spanned_title(tmp_path: Path) -> None:
    rows = [["低保名单"], ["姓名", "身份证号"], ["张三", fixtures.resident_id(5)]]
    document = load(fixtures.write_ods(tmp_path / "list.ods", rows))
    assert document.format == "ods"
    cell = document.block("s0:r2:c1")
    assert (cell.text, cell.header) == (fixtures.resident_id(5), "身份证号")


def test_merged_header_cells_and_a_table_not_starting_at_a1(tmp_path: Path) -> None:
    import xlsxwriter

    path = tmp_path / "offset.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet()
    sheet.merge_range(2, 1, 2, 4, "公示名单")
    sheet.write_row(3, 1, ["姓名", "身份证号"])
    sheet.merge_range(3, 3, 3, 4, "联系方式")
    sheet.write_row(4, 1, ["张三", fixtures.resident_id(9), "13800001111", "北京市"])
    workbook.close()
    document = load(path)
    assert document.block("s0:r2:c1").header is None
    assert [document.block(f"s0:r4:c{c}").header for c in range(1, 5)] == [
        "姓名",
        "身份证号",
        "联系方式",
        "联系方式",
    ]


def test_a_big_sheet_s_cells_leave_the_collector_nothing_to_walk(tmp_path: Path) -> None:
    """A sheet's cells are texts and arrays, which the cyclic collector does not track: a
    collection walks no object per cell, however big the sheet."""
    path = fixtures.write_recipient_xlsx(tmp_path / "big.xlsx", 30_000)
    gc.collect()
    before = len(gc.get_objects())
    document = load(path)
    gc.collect()
    assert len(document.blocks) > 200_000
    assert len(gc.get_objects()) - before < 1_000


def test_a_column_s_repeated_texts_are_kept_once(tmp_path: Path) -> None:
    """Names and amounts repeat down a recipient list: each text is one object, however many
    cells hold it (a third of a big list's memory); texts that all differ are not pooled."""
    path = fixtures.write_recipient_xlsx(tmp_path / "list.xlsx", 6_000)
    document = load(path)
    names = [b.text for b in document.blocks if b.header == "姓名"]
    ids = [b.text for b in document.blocks if b.header == "身份证号"]
    assert len(names) == len(ids) == 6_000
    # The rows read while looking for the header are pooled apart.
    assert (
        len(set(names)) <= len({id(text) for text in names}) <= len(set(names)) + HEADER_SEARCH_ROWS
    )
    assert len(set(names)) == 100
    assert len(set(ids)) == 6_000
