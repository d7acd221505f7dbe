"""Sheets and Word tables written by code for the detection tests, read back by the real loaders:
the same rows as an XLSX (title and footer in merged rows of the sheet) and as a DOCX (title and
footer as paragraphs, or as rows of the table). Every value is synthetic."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import docx
import xlsxwriter

from review_desk.core.document import Document
from review_desk.loaders import load

Rows = Sequence[Sequence[str]]


def sheet(
    folder: Path, rows: Rows, *, title: str = "", footer: Sequence[str] = (), name: str = "t"
) -> Document:
    """An XLSX: a merged title row, ``rows`` (header first), merged footer rows."""
    path = folder / f"{name}.xlsx"
    width = max(len(row) for row in rows)
    with xlsxwriter.Workbook(str(path)) as book:
        page = book.add_worksheet("Sheet1")
        lines = [*([[title]] if title else []), *rows, *([line] for line in footer)]
        for r, row in enumerate(lines):
            merged = (title and r == 0) or r >= len(lines) - len(footer)
            if merged and len(row) == 1 and width > 1:
                page.merge_range(r, 0, r, width - 1, row[0])
                continue
            for c, text in enumerate(row):
                if text:
                    page.write_string(r, c, text)
    return load(path)


def word_table(
    folder: Path,
    rows: Rows,
    *,
    title: str = "",
    footer: Sequence[str] = (),
    inside: bool = False,
    name: str = "t",
) -> Document:
    """A DOCX: the title and footer as paragraphs around the table, or (``inside``) as merged
    rows of the table itself."""
    path = folder / f"{name}.docx"
    width = max(len(row) for row in rows)
    document = docx.Document()
    if title and not inside:
        document.add_paragraph(title)
    table = document.add_table(rows=0, cols=width)
    lines = [*([[title]] if title and inside else []), *rows]
    lines += [[line] for line in footer] if inside else []
    for row in lines:
        cells = table.add_row().cells
        if len(row) == 1 and width > 1:
            cells[0].merge(cells[-1])
        for cell, text in zip(cells, row, strict=False):
            cell.text = text
    if not inside:
        for line in footer:
            document.add_paragraph(line)
    document.save(str(path))
    return load(path)


#: A CJK font with a Unicode cmap, so that PDFium reads the text back.
_FONT_FILE = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
_FONT = "WenQuanYiMicroHei"


def pdf(folder: Path, parts: Sequence[str | Rows], *, name: str = "t") -> Document:
    """A text PDF: a string is a line of prose, a list of rows a table drawn as aligned columns
    (empty cells drawn as nothing, as a PDF table is), read back by the PDF loader."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    if _FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(_FONT, str(_FONT_FILE), subfontIndex=0))
    path = folder / f"{name}.pdf"
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    y = A4[1] - 60
    for part in parts:
        rows = [[part]] if isinstance(part, str) else part
        width = max(len(row) for row in rows)
        widths = [
            max(pdfmetrics.stringWidth(r[c], _FONT, 9) for r in rows if c < len(r)) + 14
            for c in range(width)
        ]
        for row in rows:
            canvas.setFont(_FONT, 9)
            for c, text in enumerate(row):
                if text:
                    canvas.drawString(50 + sum(widths[:c]), y, text)
            y -= 15
    canvas.showPage()
    canvas.save()
    return load(path)


def word_document(
    folder: Path, lines: Sequence[str], *, header: str = "", footer: str = "", name: str = "t"
) -> Document:
    """A DOCX of paragraphs, with a page header and footer."""
    path = folder / f"{name}.docx"
    document = docx.Document()
    section = document.sections[0]
    if header:
        section.header.paragraphs[0].text = header
    if footer:
        section.footer.paragraphs[0].text = footer
    for line in lines:
        document.add_paragraph(line)
    document.save(str(path))
    return load(path)
