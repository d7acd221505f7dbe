"""Workbooks (XLSX, XLS, ODS) through python-calamine: every sheet, hidden ones included.

calamine reads a 160,000-row sheet about ten times faster than openpyxl, but hands back whole
numbers as floats; ``sheets.cell_text`` turns them back into the digits a reviewer saw.
"""

from __future__ import annotations

import io
from pathlib import Path

import python_calamine as calamine

from review_desk.core.document import Block, Notice
from review_desk.core.errors import CorruptFileError, EncryptedFileError
from review_desk.loaders._zip import SafeZip
from review_desk.loaders.sheets import Merge, SheetReader


def load_workbook(data: bytes, path: Path, zipped: bool) -> tuple[list[Block], list[Notice]]:
    if zipped:
        # calamine inflates parts itself, unbounded: bound them here first, and refuse DOCTYPEs.
        SafeZip(data, path).verify()
    try:
        return _read(data)
    except calamine.PasswordError as error:
        raise EncryptedFileError(path=path) from error
    except Exception as error:  # calamine raises its own and plain ValueError/OSError on junk
        raise CorruptFileError(f"表格无法解析：{_reason(error)}", path) from error


def _read(data: bytes) -> tuple[list[Block], list[Notice]]:
    blocks: list[Block] = []
    notices: list[Notice] = []
    with calamine.CalamineWorkbook.from_filelike(io.BytesIO(data)) as workbook:
        for index, meta in enumerate(workbook.sheets_metadata):
            sheet = workbook.get_sheet_by_index(index)
            reader = SheetReader(index, meta.name, _merges(sheet))
            first_column = sheet.start[1] if sheet.start else 0
            reader.read_into(blocks, sheet.iter_rows(), first_column)
            notices.extend(reader.notices)
            if meta.visible != calamine.SheetVisibleEnum.Visible:
                notices.append(
                    Notice("hidden_sheet", f"工作表“{meta.name}”是隐藏的，其内容同样已审查")
                )
    return blocks, notices


def _merges(sheet: calamine.CalamineSheet) -> list[Merge]:
    ranges = sheet.merged_cell_ranges or []
    return [(start[0], start[1], end[0], end[1]) for start, end in ranges]


def _reason(error: Exception) -> str:
    text = str(error).strip().splitlines()
    return text[0][:200] if text else type(error).__name__
