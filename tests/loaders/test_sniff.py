from collections.abc import Callable
from pathlib import Path

import pytest

from review_desk.loaders import SUPPORTED_SUFFIXES
from review_desk.loaders.sniff import Kind, sniff
from tests.loaders import fixtures


@pytest.mark.parametrize(
    ("make", "kind"),
    [
        (lambda: "正文".encode("gbk"), Kind.TEXT),
        (lambda: "正文\n".encode("utf-16"), Kind.TEXT),
        (lambda: "abc\n".encode("utf-16-le"), Kind.TEXT),
        (lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", Kind.PDF),
        (lambda: b"\n\n%PDF-1.4 after junk", Kind.PDF),
        (lambda: fixtures.docx_bytes("<w:p/>"), Kind.DOCX),
        (lambda: fixtures.compound_file("WordDocument"), Kind.WORD_BINARY),
        (lambda: fixtures.compound_file("Workbook"), Kind.EXCEL_BINARY),
        (lambda: fixtures.compound_file("Book"), Kind.EXCEL_BINARY),
    ],
    ids=[
        "gbk",
        "utf16-bom",
        "utf16-no-bom",
        "pdf",
        "pdf-late-header",
        "docx",
        "doc",
        "xls",
        "xls5",
    ],
)
def test_content_decides_the_kind(make: Callable[[], bytes], kind: Kind) -> None:
    assert sniff(make(), Path("x")) is kind


def test_zip_kinds(tmp_path: Path) -> None:
    xlsx = fixtures.write_recipient_xlsx(tmp_path / "a.xlsx", 1).read_bytes()
    ods = fixtures.write_ods(tmp_path / "a.ods", [["a", "b"]]).read_bytes()
    assert (sniff(xlsx, tmp_path), sniff(ods, tmp_path)) == (Kind.XLSX, Kind.ODS)


def test_supported_suffixes() -> None:
    documents = {".txt", ".csv", ".pdf", ".docx", ".xlsx", ".xls", ".ods", ".doc", ".wps", ".et"}
    images = {".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp"}
    assert documents | images == SUPPORTED_SUFFIXES
