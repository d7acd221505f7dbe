"""What the two workbooks share: the 说明 sheet (what it holds, when, the chain head) and\nwriting the file out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from xlsxwriter.exceptions import FileCreateError

NOTES_SHEET = "说明"
TEXT_WIDTH = 72  # character units of the text column
LINE_HEIGHT = 15  # points per line at the default 11-point font


def notes_sheet(workbook: Any, title: str, lines: Sequence[tuple[str, str]]) -> Any:
    """A titled sheet of label/text rows, printed on one A4 page width."""
    sheet = workbook.add_worksheet(NOTES_SHEET)
    title_format = workbook.add_format({"bold": True, "font_size": 14})
    label_format = workbook.add_format({"bold": True, "valign": "top"})
    text_format = workbook.add_format({"text_wrap": True, "valign": "top"})
    sheet.set_column(0, 0, 14)
    sheet.set_column(1, 1, TEXT_WIDTH)
    sheet.write_string(0, 0, title, title_format)
    for row, (label, text) in enumerate(lines, start=2):
        # Spreadsheets do not grow a row for wrapped text written by a program: size it here.
        sheet.set_row(row, LINE_HEIGHT * (text_width(text) // (TEXT_WIDTH - 2) + 1))
        sheet.write_string(row, 0, label, label_format)
        sheet.write_string(row, 1, text, text_format)
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    return sheet


def text_width(text: str) -> int:
    """Width in spreadsheet character units: a Chinese character is two units wide."""
    return sum(2 if ord(char) >= 0x2E80 else 1 for char in text)


def close_workbook(workbook: Any) -> None:
    """Write the workbook out. XlsxWriter wraps a failed write (disk full) in its own error;
    raising the original OSError lets atomic_output report it against the target's name."""
    try:
        workbook.close()
    except FileCreateError as error:
        raise error.args[0] from error
