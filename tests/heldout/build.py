"""Render the held-out documents (``docs/*.yaml``: data and gold) into real files.

    .venv/bin/python tests/heldout/build.py OUT_DIR [NAME ...] [--docs DIR]

``--docs`` picks the folder of YAML files: ``docs/`` (the first set, the default), ``fresh/``
(set B, written after the first one was spent) or ``set_c/`` (set C, written after set B was spent).

Each YAML file holds ``documents:``, a list of documents with ``name``, ``format`` (txt, docx,
pdf, xlsx, csv, doc), ``kind``, ``classes`` (the failure classes of tests/heldout/README.md),
the gold ``attribute`` and the content:

- txt/docx/pdf/doc: ``body`` (a string is a paragraph; ``{table: rows, merge: [[r0, c0, r1,
  c1]]}`` is a table), ``header`` and ``footer`` (page header/footer lines; a txt file has none);
- xlsx: ``sheets`` (``name``, ``rows``, ``merge``); csv: ``rows`` and ``encoding``.

Gold: ``redact`` (values a redact or review finding must cover), ``review`` (identifiers with a
bad check digit: must be covered by redact or review), ``keep`` (values no redact finding may
cover), each a mapping type → list of strings. Rendering is deterministic: fixed timestamps in
the zip containers, reportlab's invariant mode.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import docx
import xlsxwriter
import yaml
from docx.shared import Pt
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

DOCS = Path(__file__).resolve().with_name("docs")
#: Set B (issue 10 follow-up): written by hand before any scan, after the first set was spent.
FRESH = Path(__file__).resolve().with_name("fresh")
#: Set C: written by hand before any scan, after set B was spent.
SET_C = Path(__file__).resolve().with_name("set_c")
#: The held-out sets by name: the folders ``--docs`` may name.
SETS = {"docs": DOCS, "fresh": FRESH, "set_c": SET_C}
FORMATS = ("txt", "docx", "pdf", "xlsx", "csv", "doc")
EXPECTS = ("redact", "review", "keep")
ATTRIBUTES = ("proactive", "redacted", "on_request", "withheld")
FONT = "WenQuanYiMicroHei"
FONT_FILE = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
#: The date the set was written; every container carries it, so builds are byte-identical.
WRITTEN = datetime(2026, 12, 2, 9, 0, 0)

Cell = str | int | float | None
Merge = tuple[int, int, int, int]


@dataclass(frozen=True)
class Table:
    rows: list[list[Cell]]
    merge: list[Merge]


Part = str | Table


@dataclass(frozen=True)
class Sheet:
    name: str
    rows: list[list[Cell]]
    merge: list[Merge]


@dataclass(frozen=True)
class Item:
    """One gold value: ``expect`` is redact, review (bad check digit) or keep; ``where`` is
    ``prose`` when the value stands in a paragraph, header or footer, else ``table``."""

    type: str
    text: str
    expect: str
    where: str


@dataclass(frozen=True)
class HeldoutDoc:
    name: str
    format: str
    kind: str
    classes: tuple[int, ...]
    attribute: str
    about: str
    body: list[Part]
    header: list[str]
    footer: list[str]
    sheets: list[Sheet]
    encoding: str
    separator: str
    landscape: bool
    conflict: bool
    items: list[Item]
    source: str

    @property
    def file(self) -> str:
        return f"{self.name}.{self.format}"

    def paragraphs(self) -> list[str]:
        return [p for p in self.body if isinstance(p, str)] + self.header + self.footer

    def cells(self) -> list[str]:
        rows = [row for t in self.body if isinstance(t, Table) for row in t.rows]
        rows += [row for s in self.sheets for row in s.rows]
        return [cell_text(c) for row in rows for c in row if c is not None]


def cell_text(cell: Cell) -> str:
    return "" if cell is None else str(cell)


# --- reading the YAML ------------------------------------------------------------------------


def load_documents(folder: Path = DOCS) -> list[HeldoutDoc]:
    documents: list[HeldoutDoc] = []
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        documents += [_document(raw, path.name) for raw in data["documents"]]
    names = [d.name for d in documents]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ValueError(f"duplicate document names: {duplicates}")
    return documents


def _document(raw: dict[str, object], source: str) -> HeldoutDoc:
    fmt = str(raw["format"])
    attribute = str(raw["attribute"])
    if fmt not in FORMATS or attribute not in ATTRIBUTES:
        raise ValueError(f"{raw['name']}: bad format {fmt} or attribute {attribute}")
    sheets = [_sheet(s) for s in _list(raw.get("sheets"))]
    if fmt == "csv":
        sheets = [Sheet("csv", _rows(raw["rows"]), [])]
    body = [_part(p) for p in _list(raw.get("body"))]
    paragraph_text = "\n".join(
        [p for p in body if isinstance(p, str)]
        + [str(x) for x in _list(raw.get("header"))]
        + [str(x) for x in _list(raw.get("footer"))]
    )
    items = [
        Item(kind, str(text), expect, "prose" if str(text) in paragraph_text else "table")
        for expect in EXPECTS
        for kind, values in _mapping(raw.get(expect)).items()
        for text in _list(values)
    ]
    return HeldoutDoc(
        name=str(raw["name"]),
        format=fmt,
        kind=str(raw["kind"]),
        classes=tuple(int(str(c)) for c in _list(raw.get("classes"))),
        attribute=attribute,
        about=str(raw.get("about", "")),
        body=body,
        header=[str(x) for x in _list(raw.get("header"))],
        footer=[str(x) for x in _list(raw.get("footer"))],
        sheets=sheets,
        encoding=str(raw.get("encoding", "utf-8")),
        separator=str(raw.get("separator", "\t")),
        landscape=bool(raw.get("landscape", False)),
        conflict=bool(raw.get("conflict", False)),
        items=_unique(items),
        source=source,
    )


def _unique(items: list[Item]) -> list[Item]:
    seen: set[tuple[str, str, str]] = set()
    found: list[Item] = []
    for item in items:
        key = (item.type, item.text, item.expect)
        if key not in seen:
            seen.add(key)
            found.append(item)
    return found


def _list(value: object) -> list[object]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValueError(f"expected a list, got {value!r}")
    return value


def _mapping(value: object) -> dict[str, object]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ValueError(f"expected a mapping, got {value!r}")
    return {str(k): v for k, v in value.items()}


def _rows(value: object) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    for row in _list(value):
        cells = _list(row)
        for cell in cells:
            if cell is not None and not isinstance(cell, str | int | float):
                raise ValueError(f"bad cell {cell!r}")
        rows.append([c if c is None or isinstance(c, int | float) else str(c) for c in cells])
    return rows


def _merges(value: object) -> list[Merge]:
    merges: list[Merge] = []
    for m in _list(value):
        r0, c0, r1, c1 = (int(str(x)) for x in _list(m))
        merges.append((r0, c0, r1, c1))
    return merges


def _part(value: object) -> Part:
    if isinstance(value, str):
        return value
    spec = _mapping(value)
    return Table(_rows(spec["table"]), _merges(spec.get("merge")))


def _sheet(value: object) -> Sheet:
    spec = _mapping(value)
    return Sheet(str(spec["name"]), _rows(spec["rows"]), _merges(spec.get("merge")))


# --- writers ---------------------------------------------------------------------------------


def write_txt(doc: HeldoutDoc, path: Path) -> None:
    lines: list[str] = []
    for part in doc.body:
        if isinstance(part, Table):
            lines += [doc.separator.join(cell_text(c) for c in row) for row in part.rows]
        else:
            lines.append(part)
    path.write_bytes(
        ("\r\n" if doc.encoding == "gb18030" else "\n").join(lines).encode(doc.encoding)
    )


def write_docx(doc: HeldoutDoc, path: Path) -> None:
    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = "宋体"
    style.font.size = Pt(12)
    for part in doc.body:
        if isinstance(part, Table):
            _docx_table(document, part)
        else:
            document.add_paragraph(part)
    section = document.sections[0]
    _docx_lines(section.header, doc.header)
    _docx_lines(section.footer, doc.footer)
    props = document.core_properties
    props.author = ""
    props.last_modified_by = ""
    props.title = doc.name
    props.created = props.modified = WRITTEN
    props.revision = 1
    document.save(str(path))
    _fix_zip_times(path)


def _docx_lines(part: object, lines: Sequence[str]) -> None:
    if not lines:
        return
    paragraphs = part.paragraphs  # type: ignore[attr-defined]
    paragraphs[0].text = lines[0]
    for line in lines[1:]:
        part.add_paragraph(line)  # type: ignore[attr-defined]


def _docx_table(document: object, table: Table) -> None:
    width = max(len(row) for row in table.rows)
    grid = document.add_table(rows=len(table.rows), cols=width)  # type: ignore[attr-defined]
    grid.style = "Table Grid"
    covered: set[tuple[int, int]] = set()
    for r0, c0, r1, c1 in table.merge:
        grid.cell(r0, c0).merge(grid.cell(r1, c1))
        covered |= {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)} - {(r0, c0)}
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row):
            if (r, c) not in covered and cell is not None:
                grid.cell(r, c).text = cell_text(cell)


def write_pdf(doc: HeldoutDoc, path: Path) -> None:
    _register_font()
    size = landscape(A4) if doc.landscape else A4
    PdfWriter(doc, path, size).write()


def _register_font() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(FONT_FILE), subfontIndex=0))


class PdfWriter:
    """Text lines wrapped to the page (never inside a gold value), tables as aligned rows,
    header and footer lines on every page."""

    MARGIN = 56.0
    LEADING = 1.65

    def __init__(self, doc: HeldoutDoc, path: Path, size: tuple[float, float]) -> None:
        self.doc = doc
        self.width, self.height = size
        self.canvas = Canvas(str(path), pagesize=size, invariant=1)
        self.canvas.setTitle(doc.name)
        self.canvas.setAuthor("")
        self.canvas.setCreator("")
        self.canvas.setProducer("")
        self.protected = sorted({i.text for i in doc.items}, key=len, reverse=True)
        self.y = 0.0
        self.page = 0

    def write(self) -> None:
        self._new_page()
        for part in self.doc.body:
            if isinstance(part, Table):
                self._table(part)
            else:
                self._paragraph(part)
        self.canvas.showPage()
        self.canvas.save()

    def _new_page(self) -> None:
        if self.page:
            self.canvas.showPage()
        self.page += 1
        self.canvas.setFont(FONT, 9)
        for n, line in enumerate(self.doc.header):
            self.canvas.drawString(self.MARGIN, self.height - 30 - 12 * n, line)
        for n, line in enumerate(self.doc.footer):
            self.canvas.drawString(self.MARGIN, 34 + 12 * (len(self.doc.footer) - 1 - n), line)
        self.y = self.height - self.MARGIN - 12 * len(self.doc.header)

    def _advance(self, size: float) -> None:
        self.y -= size * self.LEADING
        if self.y < self.MARGIN + 12 * len(self.doc.footer):
            self._new_page()
            self.y -= size * self.LEADING

    def _paragraph(self, text: str, size: float = 11) -> None:
        usable = self.width - 2 * self.MARGIN
        for line in self._wrap(text or " ", size, usable - 2 * size):
            self._advance(size)
            self.canvas.setFont(FONT, size)
            self.canvas.drawString(self.MARGIN, self.y, line)

    def _wrap(self, text: str, size: float, usable: float) -> list[str]:
        blocked = self._blocked(text)
        lines: list[str] = []
        start = 0
        while start < len(text):
            end = start
            while (
                end < len(text)
                and pdfmetrics.stringWidth(text[start : end + 1], FONT, size) <= usable
            ):
                end += 1
            if end < len(text):
                cut = end
                while cut > start + 1 and cut in blocked:
                    cut -= 1
                end = cut
            lines.append(text[start:end])
            start = end
        return lines

    def _blocked(self, text: str) -> set[int]:
        """Positions where a line may not break: inside a gold value or a run of digits."""
        blocked: set[int] = set()
        for value in self.protected:
            for m in re.finditer(re.escape(value), text):
                blocked |= set(range(m.start() + 1, m.end()))
        for m in re.finditer(r"[0-9A-Za-z*＊Xx\-—－()（）@._]+", text):
            blocked |= set(range(m.start() + 1, m.end()))
        return blocked

    def _table(self, table: Table) -> None:
        usable = self.width - 2 * self.MARGIN
        width = max(len(row) for row in table.rows)
        size = 9.0
        while True:
            widths = [
                max(
                    (
                        pdfmetrics.stringWidth(cell_text(row[c]), FONT, size)
                        for row in table.rows
                        if c < len(row) and not _spans(table, row, c)
                    ),
                    default=0.0,
                )
                + 1.4 * size
                for c in range(width)
            ]
            if sum(widths) <= usable or size <= 5:
                break
            size -= 0.5
        starts = [self.MARGIN + sum(widths[:c]) for c in range(width)]
        for row in table.rows:
            self._advance(size)
            self.canvas.setFont(FONT, size)
            for c, cell in enumerate(row):
                if cell is not None and cell_text(cell):
                    self.canvas.drawString(starts[c], self.y, cell_text(cell))


def _spans(table: Table, row: list[Cell], c: int) -> bool:
    """A cell that starts a merge over several columns does not set its column's width."""
    r = table.rows.index(row)
    return any(r0 <= r <= r1 and c == c0 and c1 > c0 for r0, c0, r1, c1 in table.merge)


def write_xlsx(doc: HeldoutDoc, path: Path) -> None:
    with xlsxwriter.Workbook(str(path)) as book:
        book.set_properties({"title": doc.name, "author": "", "created": WRITTEN})
        title = book.add_format({"bold": True, "align": "center", "valign": "vcenter"})
        for spec in doc.sheets:
            sheet = book.add_worksheet(spec.name)
            width = max((len(r) for r in spec.rows), default=1)
            sheet.set_column(0, width - 1, 14)
            covered: set[tuple[int, int]] = set()
            for r0, c0, r1, c1 in spec.merge:
                value = spec.rows[r0][c0] if c0 < len(spec.rows[r0]) else None
                if r0 == r1 and c0 == c1:
                    continue
                sheet.merge_range(r0, c0, r1, c1, "", title)
                _xlsx_write(sheet, r0, c0, value, title)
                covered |= {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
            for r, row in enumerate(spec.rows):
                for c, cell in enumerate(row):
                    if (r, c) not in covered:
                        _xlsx_write(sheet, r, c, cell, None)
    _fix_zip_times(path)


def _xlsx_write(sheet: object, r: int, c: int, cell: Cell, fmt: object) -> None:
    if cell is None:
        return
    if isinstance(cell, int | float):
        sheet.write_number(r, c, cell, fmt)  # type: ignore[attr-defined]
    else:
        sheet.write_string(r, c, cell, fmt)  # type: ignore[attr-defined]


def write_csv(doc: HeldoutDoc, path: Path) -> None:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    for spec in doc.sheets:
        writer.writerows([cell_text(c) for c in row] for row in spec.rows)
    path.write_bytes(buffer.getvalue().encode(doc.encoding))


def write_docs(documents: Sequence[HeldoutDoc], folder: Path) -> None:
    """Legacy Word: each rendered as DOCX, then one LibreOffice call converts them all."""
    if not documents:
        return
    soffice = shutil.which("soffice")
    if soffice is None:
        raise RuntimeError("LibreOffice (soffice) is needed to build the .doc documents")
    with tempfile.TemporaryDirectory(prefix="heldout-doc-") as work:
        sources = []
        for doc in documents:
            source = Path(work) / f"{doc.name}.docx"
            write_docx(doc, source)
            sources.append(str(source))
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{work}/profile",
                "--headless",
                "--convert-to",
                "doc",
                "--outdir",
                str(folder),
                *sources,
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
    missing = [d.file for d in documents if not (folder / d.file).exists()]
    if missing:
        raise RuntimeError(f"LibreOffice did not write {missing}")


def legacy_available() -> bool:
    return shutil.which("soffice") is not None


def _fix_zip_times(path: Path) -> None:
    """Rewrite a zip container with one fixed timestamp per member, in the same order."""
    with zipfile.ZipFile(path) as source:
        members = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in members:
            fixed = zipfile.ZipInfo(info.filename, date_time=WRITTEN.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            target.writestr(fixed, data)


WRITERS = {
    "txt": write_txt,
    "docx": write_docx,
    "pdf": write_pdf,
    "xlsx": write_xlsx,
    "csv": write_csv,
}


def build(folder: Path, names: Iterable[str] | None = None, docs: Path = DOCS) -> list[HeldoutDoc]:
    """Write the documents of the set in ``docs`` (all, or those named) into ``folder``; returns
    them with their gold."""
    folder.mkdir(parents=True, exist_ok=True)
    wanted = set(names) if names is not None else None
    documents = [d for d in load_documents(docs) if wanted is None or d.name in wanted]
    for doc in documents:
        if doc.format != "doc":
            WRITERS[doc.format](doc, folder / doc.file)
    write_docs([d for d in documents if d.format == "doc"], folder)
    return documents


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args:
        print(__doc__)
        return 2
    parser = argparse.ArgumentParser(description="Render the held-out documents into files")
    parser.add_argument("out", type=Path, help="the folder to write the files into")
    parser.add_argument("names", nargs="*", help="only these documents (default: all)")
    parser.add_argument(
        "--docs", type=Path, default=DOCS, help="the set's YAML folder (default: docs/)"
    )
    options = parser.parse_intermixed_args(args)
    documents = build(options.out, options.names or None, options.docs)
    print(f"{len(documents)} documents written to {options.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
