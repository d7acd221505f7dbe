"""Every kind of bad input ends in a typed LoadError that names the file — never a crash."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import msoffcrypto.format.ooxml
import pytest

from review_desk.core.errors import (
    CorruptFileError,
    EmptyFileError,
    EncryptedFileError,
    FileTooLargeError,
    FileVanishedError,
    LoadError,
    UnsafeContentError,
    UnsupportedFormatError,
    WrongExtensionError,
)
from review_desk.loaders import _io, _zip, load
from tests.loaders import fixtures


def _docx() -> bytes:
    return fixtures.docx_bytes(fixtures.hiding_places_body(), fixtures.hiding_places_parts())


def _encrypted_docx() -> bytes:
    out = io.BytesIO()
    msoffcrypto.format.ooxml.OOXMLFile(io.BytesIO(_docx())).encrypt("secret", out)
    return out.getvalue()


def _strict_docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "word/document.xml",
            '<w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main">'
            "<w:body><w:p><w:r><w:t>张三</w:t></w:r></w:p></w:body></w:document>",
        )
    return buffer.getvalue()


def _encrypted_xlsx(tmp: Path) -> bytes:
    plain = fixtures.write_recipient_xlsx(tmp / "plain.xlsx", 3).read_bytes()
    out = io.BytesIO()
    msoffcrypto.format.ooxml.OOXMLFile(io.BytesIO(plain)).encrypt("secret", out)
    return out.getvalue()


def _encrypted_pdf(tmp: Path) -> bytes:
    return fixtures.write_chinese_pdf(tmp / "e.pdf", password="secret").read_bytes()


def _xlsx_with(part: str, xml: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr(part, xml)
    return buffer.getvalue()


CASES: list[tuple[str, str, Callable[[Path], bytes], type[LoadError], str]] = [
    ("empty", "a.docx", lambda _: b"", EmptyFileError, "empty_file"),
    ("truncated-docx", "a.docx", lambda _: _docx()[:700], CorruptFileError, "corrupt_file"),
    (
        "zip-not-docx",
        "a.docx",
        lambda _: b"PK\x03\x04" + b"junk" * 9,
        CorruptFileError,
        "corrupt_file",
    ),
    (
        "broken-xml",
        "a.docx",
        lambda _: fixtures.docx_bytes("<w:p><w:r>"),
        CorruptFileError,
        "corrupt_file",
    ),
    (
        "corrupt-pdf",
        "a.pdf",
        lambda _: b"%PDF-1.7\n1 0 obj << /Type /Catalog" + b"\x00" * 99,
        CorruptFileError,
        "corrupt_file",
    ),
    (
        "corrupt-xlsx",
        "a.xlsx",
        lambda _: _xlsx_with("xl/worksheets/sheet1.xml", "<x"),
        CorruptFileError,
        "corrupt_file",
    ),
    ("encrypted-docx", "a.docx", lambda _: _encrypted_docx(), EncryptedFileError, "encrypted_file"),
    ("encrypted-xlsx", "a.xlsx", _encrypted_xlsx, EncryptedFileError, "encrypted_file"),
    ("encrypted-pdf", "a.pdf", _encrypted_pdf, EncryptedFileError, "encrypted_file"),
    (
        "zip-bomb",
        "a.docx",
        lambda _: fixtures.zip_bomb_docx(64),
        FileTooLargeError,
        "file_too_large",
    ),
    (
        "lying-zip-bomb-docx",
        "a.docx",
        lambda _: fixtures.lying_zip_bomb(),
        CorruptFileError,
        "corrupt_file",
    ),
    (
        "lying-zip-bomb-xlsx",
        "a.xlsx",
        lambda _: fixtures.lying_zip_bomb("xl/worksheets/sheet1.xml"),
        CorruptFileError,
        "corrupt_file",
    ),
    (
        "xxe-docx",
        "a.docx",
        lambda _: fixtures.docx_bytes(
            "<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>", prolog=fixtures.XXE_PROLOG
        ),
        UnsafeContentError,
        "unsafe_content",
    ),
    (
        "billion-laughs-docx",
        "a.docx",
        lambda _: fixtures.docx_bytes(
            "<w:p><w:r><w:t>&c;</w:t></w:r></w:p>", prolog=fixtures.LAUGHS_PROLOG
        ),
        UnsafeContentError,
        "unsafe_content",
    ),
    (
        "xxe-xlsx",
        "a.xlsx",
        lambda _: _xlsx_with(
            "xl/worksheets/sheet1.xml", fixtures.XXE_PROLOG + "<worksheet>&xxe;</worksheet>"
        ),
        UnsafeContentError,
        "unsafe_content",
    ),
    ("docx-named-pdf", "a.pdf", lambda _: _docx(), WrongExtensionError, "wrong_extension"),
    (
        "pdf-named-docx",
        "a.docx",
        lambda t: fixtures.write_chinese_pdf(t / "p.pdf").read_bytes(),
        WrongExtensionError,
        "wrong_extension",
    ),
    (
        "text-named-xlsx",
        "a.xlsx",
        lambda _: "姓名,电话\n".encode(),
        WrongExtensionError,
        "wrong_extension",
    ),
    ("docx-named-doc", "a.doc", lambda _: _docx(), WrongExtensionError, "wrong_extension"),
    (
        "strict-ooxml",
        "a.docx",
        lambda _: _strict_docx(),
        UnsupportedFormatError,
        "unsupported_format",
    ),
    ("unknown-suffix", "a.pptx", lambda _: b"hello", UnsupportedFormatError, "unsupported_format"),
    (
        "binary-junk",
        "a.txt",
        lambda _: bytes(range(256)) * 4,
        UnsupportedFormatError,
        "unsupported_format",
    ),
    (
        "ole-powerpoint",
        "a.doc",
        lambda _: fixtures.compound_file("PowerPoint Document"),
        UnsupportedFormatError,
        "unsupported_format",
    ),
]


@pytest.mark.parametrize(
    ("name", "make", "error", "key"),
    [(f"{c[0]}/{c[1]}", c[2], c[3], c[4]) for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_bad_input_gets_a_typed_error_naming_the_file(
    tmp_path: Path, name: str, make: Callable[[Path], bytes], error: type[LoadError], key: str
) -> None:
    path = tmp_path / name.split("/")[1]
    path.write_bytes(make(tmp_path))
    with pytest.raises(error) as raised:
        load(path)
    assert raised.value.key == key
    assert path.name in raised.value.message
    assert f"[{key}]" in raised.value.message


def test_a_file_that_vanishes_before_reading(tmp_path: Path) -> None:
    with pytest.raises(FileVanishedError):
        load(tmp_path / "gone.docx")


def test_a_file_truncated_while_being_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "list.csv"
    fixtures.write_recipient_csv(path, 50)
    original = _io._read_chunks

    def truncate_then_read(descriptor: int, size: int) -> bytes:
        path.write_bytes(b"")  # another program replaces the file as we read it
        return original(descriptor, size)

    monkeypatch.setattr(_io, "_read_chunks", truncate_then_read)
    with pytest.raises(FileVanishedError, match="file_vanished"):
        load(path)


def test_the_expansion_budget_holds_while_inflating(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Declared sizes pass the check on opening only because the budget is lowered after it.
    path = tmp_path / "big.docx"
    path.write_bytes(fixtures.docx_bytes("<w:p><w:r><w:t>" + "申" * 400_000 + "</w:t></w:r></w:p>"))
    real_init = _zip.SafeZip.__init__

    def init_then_shrink(self: _zip.SafeZip, data: bytes, where: Path) -> None:
        real_init(self, data, where)
        self._budget.unpacked_left = 1024 * 1024

    monkeypatch.setattr(_zip.SafeZip, "__init__", init_then_shrink)
    with pytest.raises(FileTooLargeError):
        load(path)


def test_a_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "looks_like.docx"
    folder.mkdir()
    with pytest.raises(LoadError, match="文件夹") as raised:
        load(folder)
    assert raised.value.key == "is_folder"


def test_an_unexpected_library_error_is_wrapped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from review_desk.loaders import text

    def explode(data: bytes, path: Path) -> list[object]:
        raise ValueError("library bug")

    monkeypatch.setattr(text, "load_text", explode)
    path = tmp_path / "a.txt"
    path.write_text("正文", encoding="utf-8")
    with pytest.raises(LoadError, match="library bug"):
        load(path)
