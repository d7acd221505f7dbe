import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from review_desk.core.findings import FindingType as T
from review_desk.loaders import load
from review_desk.redact import ExportResult, Redaction, redact_file
from review_desk.redact.ooxml import CHAIN_HEAD_PROPERTY
from tests.loaders.fixtures import resident_id
from tests.redact.fixtures import package_texts, redactions_for, residues

_ID_LIKE = re.compile(r"(?<![0-9])(?:[1-9][0-9]{16}[0-9Xx]|1[3-9][0-9]{9})(?![0-9])")
NAMES = ("王秀英", "李建国", "赵六")


def write_recipients(path: Path) -> dict[str, T]:
    """A workbook with shared strings (XlsxWriter's default), formats, a hidden row, a hidden
    sheet, a note and an author."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("低保名单")
    header = book.add_format({"bold": True, "font_color": "#FF0000"})
    as_text = book.add_format({"num_format": "@"})
    money = book.add_format({"num_format": "#,##0.00"})
    sheet.write_row(0, 0, ["序号", "姓名", "身份证号", "联系电话", "金额"], header)
    planted: dict[str, T] = {}
    for index, name in enumerate(NAMES):
        number, phone = resident_id(100 + index), 13800000000 + index
        sheet.write_number(index + 1, 0, index + 1)
        sheet.write_string(index + 1, 1, name)
        sheet.write_string(index + 1, 2, number, as_text)
        sheet.write_number(index + 1, 3, phone)
        sheet.write_number(index + 1, 4, 500.5, money)
        planted |= {name: T.PERSON, number: T.CN_RESIDENT_ID, str(phone): T.PHONE_NUMBER}
    sheet.write_string(5, 1, NAMES[2])  # the same shared string in a cell the reviewer keeps
    sheet.set_column(2, 2, 24)
    sheet.set_row(2, None, None, {"hidden": True})
    sheet.write_comment(1, 1, f"已核实 {resident_id(100)}", {"author": "审核员钱七"})
    hidden = book.add_worksheet("内部")
    hidden.write_string(1, 1, f"经办：{NAMES[0]} 电话 13800000000")
    hidden.hide()
    book.set_properties({"author": "孙八"})
    book.close()
    return planted


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ExportResult, dict[str, T]]:
    folder = tmp_path_factory.mktemp("xlsx")
    source = folder / "名单.xlsx"
    planted = write_recipients(source)
    document = load(source)
    redactions = [r for r in redactions_for(document, planted) if r.block != "s0:r5:c1"]
    result = redact_file(source, document, redactions, folder, chain_head="c0ffee")
    return source, result, planted


def test_no_value_and_no_id_like_string_is_left(
    exported: tuple[Path, ExportResult, dict[str, T]],
) -> None:
    _, result, planted = exported
    planted = {value: kind for value, kind in planted.items() if value != NAMES[2]}
    assert residues(package_texts(result.output), planted) == []
    leftovers = [text for _, text in package_texts(result.output) if _ID_LIKE.search(text)]
    assert leftovers == []
    assert not any(_ID_LIKE.search(b.text) for b in load(result.output).blocks)


def test_masked_cells_stay_text_and_keep_their_style(
    exported: tuple[Path, ExportResult, dict[str, T]],
) -> None:
    source, result, _ = exported
    before, after = openpyxl.load_workbook(source), openpyxl.load_workbook(result.output)
    assert after.sheetnames == before.sheetnames == ["低保名单", "内部"]
    sheet = after["低保名单"]
    number = resident_id(100)
    assert sheet["C2"].value == number[:2] + "*" * 13 + number[-3:] and sheet["C2"].data_type == "s"
    assert sheet["C2"].number_format == "@"
    assert sheet["D2"].value == "138****0000"
    assert sheet["B2"].value == "王*英" and sheet["B4"].value == "赵*"
    assert sheet["E2"].value == 500.5 and sheet["E2"].number_format == "#,##0.00"
    assert sheet["A1"].font.bold and sheet["A1"].font.color.rgb == "FFFF0000"
    assert (
        sheet.column_dimensions["C"].width == before["低保名单"].column_dimensions["C"].width > 20
    )
    assert sheet.row_dimensions[3].hidden
    assert after["内部"].sheet_state == "hidden"
    assert after["内部"]["B2"].value == "经办：王*英 电话 138****0000"


def test_notes_and_properties_are_removed(
    exported: tuple[Path, ExportResult, dict[str, T]],
) -> None:
    _, result, _ = exported
    book = openpyxl.load_workbook(result.output)
    assert book["低保名单"]["B2"].comment is None
    texts = dict(package_texts(result.output))
    assert "孙八" not in texts["docProps/core.xml"] and "docProps/app.xml" not in texts
    assert [
        b.text for b in load(result.output).blocks if b.id == f"prop:custom:{CHAIN_HEAD_PROPERTY}"
    ] == ["c0ffee"]


def test_shared_strings_still_used_stay_and_the_others_go(
    exported: tuple[Path, ExportResult, dict[str, T]],
) -> None:
    """赵六 is redacted in B4 but B6, which the reviewer kept, shares its string: it stays
    (a two-character name is checked only where it was redacted); 王秀英's string is blanked."""
    _, result, _ = exported
    shared = [text for name, text in package_texts(result.output) if name == "xl/sharedStrings.xml"]
    assert NAMES[0] not in shared[0] and NAMES[2] in shared[0]
    assert openpyxl.load_workbook(result.output)["低保名单"]["B6"].value == NAMES[2]


def test_recipient_sheet_with_inline_strings(tmp_path: Path) -> None:
    from tests.loaders import fixtures

    source = fixtures.write_recipient_xlsx(tmp_path / "r.xlsx", 30, id_as_number=True)
    document = load(source)
    columns = {
        "姓名": T.PERSON,
        "身份证号": T.CN_RESIDENT_ID,
        "联系电话": T.PHONE_NUMBER,
        "家庭住址": T.ADDRESS,
    }
    redactions = [
        Redaction(b.id, 0, len(b.text), columns[b.header])
        for b in document.blocks
        if b.header in columns
    ]
    result = redact_file(source, document, redactions, tmp_path, chain_head="h")
    cells = {b.id: b.text for b in load(result.output).blocks}
    assert re.fullmatch(r"11\*{13}[0-9]{3}", cells["s0:r3:c2"])  # stored as a number, now text
    assert re.fullmatch(r"北京市朝阳区幸福街道\*+", cells["s0:r3:c3"])
    assert "s0:r2:c2:comment" not in cells and "prop:core:creator" not in cells


def test_an_embedded_document_is_removed(tmp_path: Path) -> None:
    from tests.loaders import fixtures as loader_fixtures
    from tests.redact.fixtures import rewrite_zip

    number = resident_id(9)
    inner = loader_fixtures.docx_bytes(f"<w:p><w:r><w:t>名单 {number}</w:t></w:r></w:p>")
    plain = tmp_path / "plain.xlsx"
    write_recipients(plain)
    source = tmp_path / "with_object.xlsx"
    source.write_bytes(rewrite_zip(plain.read_bytes(), {}, {"xl/embeddings/Doc1.docx": inner}))
    document = load(source)
    assert any(b.id.startswith("emb") and number in b.text for b in document.blocks)
    result = redact_file(
        source,
        document,
        redactions_for(document, {number: T.CN_RESIDENT_ID}),
        tmp_path,
        chain_head="h",
    )
    assert not [name for name in zipfile.ZipFile(result.output).namelist() if "embeddings" in name]
