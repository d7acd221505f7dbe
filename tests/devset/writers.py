"""Render a dev-set document (paragraphs and tables) as TXT, DOCX, PDF, XLSX, CSV or DOC."""

from __future__ import annotations

import csv
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

import docx
import xlsxwriter
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

from tests.devset.scenarios import Part, Table

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))


#: How plain-text exports separate table columns: tabs, runs of spaces, ideographic spaces.
TXT_SEPARATORS = ("\t", "  ", "\u3000", " ")


def write_txt(parts: Sequence[Part], path: Path, separator: str = "\t") -> None:
    lines: list[str] = []
    for part in parts:
        if isinstance(part, Table):
            lines += [separator.join(row) for row in (part.header, *part.rows)]
        else:
            lines.append(part)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_docx(parts: Sequence[Part], path: Path) -> None:
    document = docx.Document()
    for part in parts:
        if isinstance(part, Table):
            table = document.add_table(rows=0, cols=len(part.header))
            for row in (part.header, *part.rows):
                for cell, text in zip(table.add_row().cells, row, strict=True):
                    cell.text = text
        else:
            document.add_paragraph(part)
    document.save(str(path))


def write_pdf(parts: Sequence[Part], path: Path) -> None:
    """One line per paragraph (short enough not to wrap) and per table row, columns aligned."""
    width, height = landscape(A4)
    canvas = Canvas(str(path), pagesize=(width, height))
    y = height - 50
    for line in _pdf_lines(parts):
        if y < 50:
            canvas.showPage()
            y = height - 50
        for x, text, size in line:
            canvas.setFont(FONT, size)
            canvas.drawString(x, y, text)
        y -= 18
    canvas.save()


def _pdf_lines(parts: Sequence[Part]) -> list[list[tuple[float, str, int]]]:
    lines: list[list[tuple[float, str, int]]] = []
    for part in parts:
        if not isinstance(part, Table):
            lines.append([(40, part, 11)])
            continue
        rows = (part.header, *part.rows)
        widths = [
            max(pdfmetrics.stringWidth(r[c], FONT, 9) for r in rows) + 14
            for c in range(len(part.header))
        ]
        starts = [40 + sum(widths[:c]) for c in range(len(widths))]
        lines += [[(x, text, 9) for x, text in zip(starts, row, strict=True)] for row in rows]
    return lines


def write_xlsx(parts: Sequence[Part], path: Path) -> None:
    """Mobile numbers and amounts are stored as numbers, as offices do; IDs as text."""
    with xlsxwriter.Workbook(str(path)) as book:
        sheet = book.add_worksheet("公示名单")
        for table in _tables(parts):
            for r, row in enumerate((table.header, *table.rows)):
                for c, text in enumerate(row):
                    _write_cell(sheet, r, c, text, numeric=r > 0 and _looks_numeric(text))


def _looks_numeric(text: str) -> bool:
    return text.isdigit() and (len(text) <= 6 or (len(text) == 11 and text.startswith("1")))


def _write_cell(
    sheet: xlsxwriter.worksheet.Worksheet, r: int, c: int, text: str, numeric: bool
) -> None:
    if numeric:
        sheet.write_number(r, c, int(text))
    else:
        sheet.write_string(r, c, text)


def write_csv(parts: Sequence[Part], path: Path, encoding: str = "utf-8-sig") -> None:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        for table in _tables(parts):
            writer.writerows((table.header, *table.rows))


def write_csv_gbk(parts: Sequence[Part], path: Path) -> None:
    write_csv(parts, path, encoding="gbk")


def write_doc(parts: Sequence[Part], path: Path) -> None:
    """Legacy Word via LibreOffice; a private profile so parallel runs do not collide."""
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / f"{path.stem}.docx"
        write_docx(parts, source)
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{work}/profile",
                "--headless",
                "--convert-to",
                "doc",
                "--outdir",
                str(path.parent),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )


def legacy_available() -> bool:
    return shutil.which("soffice") is not None


def _tables(parts: Sequence[Part]) -> list[Table]:
    return [part for part in parts if isinstance(part, Table)]


Writer = Callable[[Sequence[Part], Path], None]

#: suffix → writer; tabular formats only carry the tables of a document.
WRITERS: dict[str, Writer] = {
    "txt": write_txt,
    "docx": write_docx,
    "pdf": write_pdf,
    "xlsx": write_xlsx,
    "csv": write_csv,
    "doc": write_doc,
}
TABULAR_FORMATS = frozenset({"xlsx", "csv"})
