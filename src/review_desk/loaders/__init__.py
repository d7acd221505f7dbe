"""Loaders: a file in, a Document of blocks out, or a typed LoadError — nothing in between.

``load`` reads the file once, decides what it is from its bytes, checks the name agrees, and
hands the bytes to the reader for that format, within one budget for everything the file
inflates to (``budget``). Readers import their libraries lazily, so a batch of PDFs never pays
for calamine and the GUI starts fast. Whatever a reader could not read is a notice of the
document, and text that came out garbled is one too (``extraction``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from review_desk.core.document import Block, Document, Notice
from review_desk.core.errors import LoadError, ResourceLimitError
from review_desk.loaders._io import read_file
from review_desk.loaders.budget import file_budget
from review_desk.loaders.extraction import garbled_notices
from review_desk.loaders.ocr_pages import recording
from review_desk.loaders.sniff import (
    EXPECTED_KIND,
    IMAGE_KINDS,
    Kind,
    check_extension,
    sniff,
)

__all__ = ["SUPPORTED_SUFFIXES", "load", "reader_for"]

SUPPORTED_SUFFIXES: frozenset[str] = frozenset(EXPECTED_KIND)

Loaded = tuple[Sequence[Block], list[Notice]]
Reader = Callable[[bytes, Path], Loaded]


def load(path: Path) -> Document:
    """Read ``path`` into a Document; raises only LoadError subclasses for bad input."""
    path = Path(path)
    raw = read_file(path)
    try:
        with recording() as scanned:
            blocks, notices = _parse(raw.data, path)
    except LoadError as error:
        error.sha256 = raw.sha256  # the report still names the bytes that were refused
        raise
    notices += garbled_notices(blocks, notices)
    kind = path.suffix.lower().lstrip(".")
    return Document(str(path), raw.sha256, kind, blocks, notices, scanned_pages=scanned)


def _parse(data: bytes, path: Path) -> Loaded:
    kind = sniff(data, path)
    check_extension(kind, path)
    try:
        with file_budget():
            return reader_for(path.suffix.lower())(data, path)
    except LoadError:
        raise
    except RecursionError as error:
        raise LoadError("文档嵌套层次过深", path) from error
    except MemoryError as error:
        raise ResourceLimitError("内存不足", path) from error
    except Exception as error:  # a library bug must become a report, never a crash of the batch
        raise LoadError(f"读取时发生意外错误：{type(error).__name__}: {error}", path) from error


def reader_for(suffix: str) -> Reader:
    """The reader of files with ``suffix`` (one of SUPPORTED_SUFFIXES)."""
    kind = EXPECTED_KIND[suffix]
    if suffix == ".csv":
        from review_desk.loaders.csvfile import load_csv

        return load_csv
    if kind is Kind.TEXT:
        from review_desk.loaders.text import load_text

        return load_text
    if kind is Kind.PDF:
        from review_desk.loaders.pdf import load_pdf

        return load_pdf
    if kind is Kind.DOCX:
        from review_desk.loaders.docx import load_docx

        return load_docx
    if kind in IMAGE_KINDS:
        from review_desk.loaders.image import load_image

        return load_image
    return _spreadsheet_or_legacy(suffix, kind)


def _spreadsheet_or_legacy(suffix: str, kind: Kind) -> Reader:
    from review_desk.loaders.workbook import load_workbook

    if kind in (Kind.XLSX, Kind.ODS):
        return lambda data, path: load_workbook(data, path, zipped=True)
    if suffix == ".xls":
        return lambda data, path: load_workbook(data, path, zipped=False)
    from review_desk.loaders.legacy import load_legacy

    return load_legacy
