"""What a file really is, judged by its bytes, and whether its name agrees.

Reviewers receive files renamed by hand (a .doc that is really .docx, a .xls that is a CSV): the
content decides how a file is read, and a name that disagrees is reported instead of guessed
around, so the reviewer knows which file was actually examined.
"""

from __future__ import annotations

import io
import zipfile
from enum import StrEnum
from pathlib import Path

import olefile  # type: ignore[import-untyped]

from review_desk.core.errors import (
    CorruptFileError,
    EncryptedFileError,
    UnsupportedFormatError,
    WrongExtensionError,
)

_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"


class Kind(StrEnum):
    """A content family; several suffixes may share one (.doc and .wps are both Word binaries)."""

    TEXT = "text"
    PDF = "pdf"
    DOCX = "docx"
    XLSX = "xlsx"
    ODS = "ods"
    WORD_BINARY = "word_binary"
    EXCEL_BINARY = "excel_binary"
    JPEG = "jpeg"
    PNG = "png"
    TIFF = "tiff"
    BMP = "bmp"


#: Suffix → the content it must have. ET and WPS are Kingsoft's names for OLE Excel/Word files.
EXPECTED_KIND: dict[str, Kind] = {
    ".txt": Kind.TEXT,
    ".csv": Kind.TEXT,
    ".pdf": Kind.PDF,
    ".docx": Kind.DOCX,
    ".xlsx": Kind.XLSX,
    ".ods": Kind.ODS,
    ".xls": Kind.EXCEL_BINARY,
    ".et": Kind.EXCEL_BINARY,
    ".doc": Kind.WORD_BINARY,
    ".wps": Kind.WORD_BINARY,
    ".jpg": Kind.JPEG,
    ".jpeg": Kind.JPEG,
    ".png": Kind.PNG,
    ".tif": Kind.TIFF,
    ".tiff": Kind.TIFF,
    ".bmp": Kind.BMP,
}

IMAGE_KINDS = frozenset({Kind.JPEG, Kind.PNG, Kind.TIFF, Kind.BMP})
#: Images: what their files start with.
_IMAGE_MAGICS = (
    (b"\xff\xd8\xff", Kind.JPEG),
    (b"\x89PNG\r\n\x1a\n", Kind.PNG),
    (b"II*\x00", Kind.TIFF),
    (b"MM\x00*", Kind.TIFF),
)
#: The sizes of the BMP info headers that exist (a text starting with "BM" has none of them).
_BMP_HEADER_SIZES = frozenset({12, 16, 40, 52, 56, 64, 108, 124})

_KIND_NAMES = {
    Kind.TEXT: "纯文本",
    Kind.PDF: "PDF",
    Kind.DOCX: "Word（DOCX）",
    Kind.XLSX: "Excel（XLSX）",
    Kind.ODS: "OpenDocument 表格（ODS）",
    Kind.WORD_BINARY: "旧版 Word（DOC/WPS）",
    Kind.EXCEL_BINARY: "旧版 Excel（XLS/ET）",
    Kind.JPEG: "JPEG 图像",
    Kind.PNG: "PNG 图像",
    Kind.TIFF: "TIFF 图像",
    Kind.BMP: "BMP 图像",
}


def sniff(data: bytes, path: Path) -> Kind:
    """The content family of ``data``; raises for encrypted, unknown or broken containers."""
    if data.startswith(_CFB_MAGIC):
        return _sniff_compound(data, path)
    if data.startswith(_ZIP_MAGICS):
        return _sniff_zip(data, path)
    if b"%PDF-" in data[:1024]:
        return Kind.PDF
    image = _sniff_image(data)
    if image is not None:
        return image
    if _looks_like_text(data[:65536]):
        return Kind.TEXT
    raise UnsupportedFormatError("无法识别的二进制内容", path)


def check_extension(kind: Kind, path: Path) -> None:
    suffix = path.suffix.lower()
    expected = EXPECTED_KIND.get(suffix)
    if expected is None:
        raise UnsupportedFormatError(f"扩展名 {suffix or '（无）'}", path)
    if expected is not kind:
        detail = f"扩展名为 {suffix}，内容实为{_KIND_NAMES[kind]}"
        raise WrongExtensionError(detail, path)


def _sniff_image(data: bytes) -> Kind | None:
    for magic, kind in _IMAGE_MAGICS:
        if data.startswith(magic):
            return kind
    header = int.from_bytes(data[14:18], "little")
    if data.startswith(b"BM") and len(data) >= 18 and header in _BMP_HEADER_SIZES:
        return Kind.BMP
    return None


def _sniff_zip(data: bytes, path: Path) -> Kind:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as error:
        raise CorruptFileError("ZIP 结构损坏", path) from error
    except (RuntimeError, NotImplementedError) as error:
        raise CorruptFileError("ZIP 成员无法读取", path) from error
    if "word/document.xml" in names:
        return Kind.DOCX
    if "xl/workbook.xml" in names:
        return Kind.XLSX
    if mimetype.startswith(_ODS_MIME):
        return Kind.ODS
    if "[Content_Types].xml" in names:
        raise UnsupportedFormatError("不是 Word/Excel 文档的 Office 文件（如 PPTX）", path)
    raise UnsupportedFormatError("ZIP 压缩包不是可审查的文档", path)


def _sniff_compound(data: bytes, path: Path) -> Kind:
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            streams = {"/".join(entry).lower() for entry in ole.listdir(streams=True)}
    except Exception as error:  # olefile raises bare OSError/IndexError/struct errors on junk
        raise CorruptFileError("OLE 复合文档结构损坏", path) from error
    if "encryptioninfo" in streams or "encryptedpackage" in streams:
        raise EncryptedFileError(path=path)
    if "worddocument" in streams:
        _refuse_encrypted_binary(data, path)
        return Kind.WORD_BINARY
    if "workbook" in streams or "book" in streams:
        _refuse_encrypted_binary(data, path)
        return Kind.EXCEL_BINARY
    raise UnsupportedFormatError("不是 Word/Excel 的 OLE 复合文档（如 PPT）", path)


def _refuse_encrypted_binary(data: bytes, path: Path) -> None:
    """Legacy DOC/XLS with a password: LibreOffice would stall on it, calamine would fail late."""
    import msoffcrypto

    try:
        encrypted = bool(msoffcrypto.OfficeFile(io.BytesIO(data)).is_encrypted())
    except Exception:  # msoffcrypto cannot judge every variant; the reader will then tell
        return
    if encrypted:
        raise EncryptedFileError(path=path)


def _looks_like_text(head: bytes) -> bool:
    if head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return True
    if b"\x00" in head:
        return _looks_like_utf16(head)
    control = sum(1 for byte in head if byte < 0x20 and byte not in b"\t\n\r\f\x1a")
    return control <= len(head) // 100


def _looks_like_utf16(head: bytes) -> bool:
    return utf16_byte_order(head) is not None


def utf16_byte_order(head: bytes) -> str | None:
    """``"utf-16-le"`` or ``"utf-16-be"`` for UTF-16 without a BOM, else None: ASCII characters
    (digits, line breaks) leave a NUL in every other byte, and GB18030 or UTF-8 text has none."""
    even = head[0::2].count(0)
    odd = head[1::2].count(0)
    half = max(len(head) // 2, 1)
    if max(even, odd) < max(half // 4, 1) or min(even, odd) > half // 50:
        return None
    return "utf-16-le" if odd > even else "utf-16-be"
