"""XLSX: masked cells written into the sheet XML in place; everything else byte for byte.

openpyxl rewrites a 160,000-row sheet in ~37 s and drops what it does not model; editing the
parts directly keeps sheet names, hidden sheets/rows/columns, widths, styles and number formats
as they were, in a few seconds. A masked cell becomes an inline string with the cell's own style
(an ID stays text, never a float); a shared string no cell uses any more is blanked, because the
shared-string table would otherwise still publish it. Notes (comments, threaded comments, their
authors), embedded objects and the document properties are removed.

Cell ``s{sheet}:r{row}:c{col}`` is the loader's (calamine's) sheet order and 0-based position.
Rows are found by one regular-expression pass; inside a row with edits, each target cell is
found by its reference (``<c r="C12"``), so the 90 % of cells that stay are never parsed.
"""

from __future__ import annotations

import html
import re
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from review_desk.loaders.sheets import cell_text
from review_desk.loaders.xlsx_parts import cell_position
from review_desk.redact.ooxml import Package
from review_desk.redact.plan import EditPlan, Edits, WriteJob, check_found

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_NOTE_RELS = frozenset({"comments", "vmlDrawing", "threadedComment"})
_REF = re.compile(rb'\br="\$?([A-Z]{1,3})\$?([0-9]{1,7})"')
_ROW_NUMBER = re.compile(rb'\br="([0-9]{1,7})"')
_KIND = re.compile(rb'\st="([^"]*)"')
_DROPPED_ATTRIBUTES = re.compile(rb'\s(?:t|cm|vm)="[^"]*"')
_XML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_PHONETIC = re.compile(rb"<(?:\w+:)?rPh\b.*?</(?:\w+:)?rPh>", re.S)
_TEXT = re.compile(rb"<(?:\w+:)?t(?:\s[^>]*)?>(.*?)</(?:\w+:)?t>", re.S)
_PLAIN_ITEM = re.compile(
    rb'<(?:\w+:)?(?:is|si)><(?:\w+:)?t(?: xml:space="preserve")?>([^<]*)</(?:\w+:)?t></(?:\w+:)?(?:is|si)>'
)
_LEGACY_DRAWING = re.compile(rb"<(?:\w+:)?legacyDrawing\b[^>]*/>")
_OLE_OBJECTS = re.compile(rb"<(?:\w+:)?oleObjects\b.*?</(?:\w+:)?oleObjects>", re.S)

#: Row → the columns with an edit. Rows of a recipient list share their tuple of columns: an
#: index of 640,000 (row, column) entries would cost more memory than the sheet XML itself.
Rows = dict[int, tuple[int, ...]]


def write_xlsx(job: WriteJob, out: Path) -> None:
    package = Package(job.data, job.source)
    strings = SharedStrings.read(package)
    sheets = _sheet_parts(package)
    for index, rows in _rows_by_sheet(job.plan).items():
        rewriter = _SheetRewriter(index, rows, job.plan.edits, strings, job.source)
        package.set_raw(sheets[index], rewriter.rewrite(package.raw(sheets[index])))
        strings.released |= rewriter.released
    if strings.released:
        used = set().union(*(set(_shared_refs(package.raw(part))) for part in sheets if part))
        strings.blank(package, strings.released - used)
    _remove_notes(package, sheets)
    _remove_embedded(package, sheets)
    package.replace_properties(job.chain_head)
    package.save(out)


def _sheet_parts(package: Package) -> list[str]:
    """Worksheet parts in workbook order (calamine's sheet index)."""
    targets = {rel.get("Id"): target for rel, target in package.relationships("xl/workbook.xml")}
    sheets = package.xml("xl/workbook.xml").iter(f"{{{_MAIN}}}sheet")
    return [targets.get(sheet.get(_R_ID)) or "" for sheet in sheets]


def _rows_by_sheet(plan: EditPlan) -> dict[int, Rows]:
    columns: dict[int, dict[int, list[int]]] = {}
    for block_id in plan.edits:
        parts = block_id.split(":")
        # Notes and properties (``…:comment``, ``prop:…``) are removed as a whole instead.
        if len(parts) == 3 and parts[0][:1] == "s" and parts[1][:1] == "r":
            sheet, row = columns.setdefault(int(parts[0][1:]), {}), int(parts[1][1:])
            sheet.setdefault(row, []).append(int(parts[2][1:]))
    shared: dict[tuple[int, ...], tuple[int, ...]] = {}
    return {
        sheet: {
            row: shared.setdefault(key := tuple(sorted(cols)), key) for row, cols in rows.items()
        }
        for sheet, rows in columns.items()
    }


@dataclass
class SharedStrings:
    """The shared-string table as byte spans of its ``<si>`` items, parsed only where needed."""

    part: str | None
    data: bytes = b""
    spans: array[int] = field(default_factory=lambda: array("q"))
    released: set[int] = field(default_factory=set)

    @classmethod
    def read(cls, package: Package) -> SharedStrings:
        part = next(
            (
                target
                for rel, target in package.relationships("xl/workbook.xml")
                if target and rel.get("Type", "").endswith("/sharedStrings")
            ),
            None,
        )
        if part is None or not package.has(part):
            return cls(None)
        data = package.raw(part)
        p = _prefix(data, b"sst")
        spans = array("q")
        for item in re.finditer(rb"<%ssi\b(?:[^>]*/>|.*?</%ssi>)" % (p, p), data, re.S):
            spans.extend(item.span())
        return cls(part, data, spans)

    def item(self, index: int) -> bytes:
        return self.data[self.spans[2 * index] : self.spans[2 * index + 1]]

    def blank(self, package: Package, indices: set[int]) -> None:
        """Empty the items no cell refers to any more (the others' indices must not move)."""
        if self.part is None or not indices:
            return
        p = _prefix(self.data, b"sst")
        empty = b"<%ssi><%st/></%ssi>" % (p, p, p)
        pieces, position = [], 0
        for index in sorted(indices):
            pieces += [self.data[position : self.spans[2 * index]], empty]
            position = self.spans[2 * index + 1]
        pieces.append(self.data[position:])
        package.set_raw(self.part, b"".join(pieces))


def inline_text(item: bytes) -> str:
    """The text of an ``<si>``/``<is>`` item as Excel shows it (phonetic guides left out)."""
    texts = _TEXT.findall(_PHONETIC.sub(b"", item))
    text = html.unescape(b"".join(texts).decode("utf-8"))
    return _XML_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


class _Cell(NamedTuple):
    """A cell's span in its row's XML (a tuple: 640,000 of them, and a frozen dataclass is
    several times slower to create)."""

    start: int
    end: int
    attributes: bytes
    body: bytes


class _SheetRewriter:
    """One pass over a sheet's rows, rewriting the cells that have an edit."""

    def __init__(
        self,
        sheet: int,
        rows: Rows,
        edits: Edits,
        strings: SharedStrings,
        source: Path,
    ) -> None:
        self.sheet = sheet
        self.rows = rows
        self.edits = edits
        self.strings = strings
        self.source = source
        self.released: set[int] = set()
        self._row = -1
        self._p = b""
        self._value = re.compile(rb"<v>(.*?)</v>", re.S)

    def rewrite(self, data: bytes) -> bytes:
        p = self._p = _prefix(data, b"worksheet")
        self._value = re.compile(rb"<%sv>(.*?)</%sv>" % (p, p), re.S)
        row = re.compile(rb"<%srow\b[^>]*?/>|<%srow\b[^>]*>.*?</%srow>" % (p, p, p), re.S)
        return row.sub(self._rewrite_row, data)

    def _rewrite_row(self, match: re.Match[bytes]) -> bytes:
        xml = match.group(0)
        number = _ROW_NUMBER.search(xml, 0, xml.find(b">"))
        self._row = int(number.group(1)) - 1 if number else self._row + 1
        columns = self.rows.get(self._row)
        if not columns:
            return xml
        prefix = f"s{self.sheet}:r{self._row}:c"
        targets = {column: prefix + str(column) for column in columns}
        pieces, position = [], 0
        for column, cell in sorted(self._cells(xml, targets).items()):
            block_id = targets[column]
            original, text = self.edits.texts(block_id)
            if not self._holds(cell, original):
                check_found(self._text(cell), original, block_id, self.source)
            pieces += [xml[position : cell.start], self._masked(cell.attributes, text)]
            position = cell.end
        return b"".join([*pieces, xml[position:]])

    def _cells(self, xml: bytes, targets: dict[int, str]) -> dict[int, _Cell]:
        found = {column: self._find(xml, column) for column in targets}
        complete = {column: cell for column, cell in found.items() if cell is not None}
        return complete if len(complete) == len(targets) else self._scan(xml, targets)

    def _find(self, xml: bytes, column: int) -> _Cell | None:
        """The cell by its reference, when (as every writer does) ``r`` is its first attribute."""
        opening = b'<%sc r="%s%d"' % (self._p, column_letters(column), self._row + 1)
        start = xml.find(opening)
        after = xml[start + len(opening) : start + len(opening) + 1]
        if start < 0 or after not in (b" ", b">", b"/"):
            return None
        tag_end = xml.find(b">", start)
        attributes = xml[start + 2 + len(self._p) : tag_end]
        if attributes.endswith(b"/"):
            return _Cell(start, tag_end + 1, attributes[:-1], b"")
        close = b"</%sc>" % self._p
        end = xml.find(close, tag_end)
        return _Cell(start, end + len(close), attributes, xml[tag_end + 1 : end])

    def _scan(self, xml: bytes, targets: dict[int, str]) -> dict[int, _Cell]:
        """Every cell of the row in order, for rows whose cells are written another way."""
        p = self._p
        token = re.compile(rb"<%sc\b([^>]*?)/>|<%sc\b([^>]*(?<!/))>(.*?)</%sc>" % (p, p, p), re.S)
        cells: dict[int, _Cell] = {}
        column = -1
        for match in token.finditer(xml):
            attributes = match.group(1) if match.group(1) is not None else match.group(2)
            ref = _REF.search(attributes)
            column = cell_position((ref.group(1) + ref.group(2)).decode())[1] if ref else column + 1
            if column in targets:
                cells[column] = _Cell(match.start(), match.end(), attributes, match.group(3) or b"")
        for column in sorted(set(targets) - set(cells)):
            check_found("", self.edits.texts(targets[column])[0], targets[column], self.source)
        return cells

    def _holds(self, cell: _Cell, original: str) -> bool:
        """The quick check: an inline string or shared string written plainly as ``original``
        (Excel, XlsxWriter and openpyxl write nearly every text cell this way)."""
        kind = _KIND.search(cell.attributes)
        name = kind.group(1) if kind else b"n"
        if name == b"inlineStr":
            item = cell.body
        elif name == b"s":
            value = self._value.search(cell.body)
            if value is None:
                return False
            self.released.add(int(value.group(1)))
            item = self.strings.item(int(value.group(1)))
        else:
            return False
        return _plain_text(item) == _escaped(original)

    def _text(self, cell: _Cell) -> str:
        kind = _KIND.search(cell.attributes)
        name = kind.group(1) if kind else b"n"
        value = self._value.search(cell.body)
        raw = html.unescape(value.group(1).decode()) if value else ""
        if name == b"s":
            self.released.add(int(raw))
            return inline_text(self.strings.item(int(raw)))
        if name == b"inlineStr":
            return inline_text(cell.body)
        if name == b"b":
            return "TRUE" if raw == "1" else "FALSE"
        if name == b"n" and raw:
            return cell_text(float(raw))
        return raw

    def _masked(self, attributes: bytes, text: str) -> bytes:
        p = self._p
        kept = _DROPPED_ATTRIBUTES.sub(b"", attributes)
        return b'<%sc%s t="inlineStr"><%sis><%st xml:space="preserve">%s</%st></%sis></%sc>' % (
            p, kept, p, p, _escaped(text), p, p, p,
        )  # fmt: skip


def _plain_text(item: bytes) -> bytes | None:
    """The escaped text of ``<is><t>…</t></is>`` (or ``<si>``) with no runs, else None."""
    found = _PLAIN_ITEM.fullmatch(item)
    return found.group(1) if found else None


def _escaped(text: str) -> bytes:
    if "&" in text or "<" in text or ">" in text:
        text = html.escape(text, quote=False)
    return text.encode()


@lru_cache(maxsize=1024)
def column_letters(column: int) -> bytes:
    """0 → ``A``, 27 → ``AB``."""
    letters = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters.encode()


def _shared_refs(data: bytes) -> Iterator[int]:
    p = _prefix(data, b"worksheet")
    pattern = rb'<%sc\b[^>]*?\st="s"[^>]*>\s*<%sv>([0-9]+)<' % (p, p)
    for found in re.finditer(pattern, data):
        yield int(found.group(1))


def _prefix(data: bytes, root: bytes) -> bytes:
    """``b"x:"`` when the part's root element is written ``<x:root``, else ``b""``."""
    found = re.search(rb"<(\w+:)?%s\b" % root, data[:4096])
    return (found.group(1) or b"") if found else b""


def _remove_notes(package: Package, sheets: list[str]) -> None:
    """Cell notes, threaded comments and their authors go; so do the notes' VML shapes."""
    doomed: set[str] = set()
    for part in filter(None, sheets):
        notes = {
            target
            for rel, target in package.relationships(part)
            if target and rel.get("Type", "").rsplit("/", 1)[-1] in _NOTE_RELS
        }
        if notes:
            # The sheet's pointer to the VML shapes of its notes would dangle.
            package.set_raw(part, _LEGACY_DRAWING.sub(b"", package.raw(part)))
        doomed |= notes
    package.remove(
        lambda name: (
            name in doomed
            or name.startswith(("xl/persons/", "xl/threadedComments/"))
            or re.fullmatch(r"xl/comments\d*\.xml", name) is not None
        )
    )


def _remove_embedded(package: Package, sheets: list[str]) -> None:
    """Embedded documents and workbooks go whole (the loader reviewed them, but their bytes are
    not rewritten here); their previews stay as pictures."""
    if not any(name.startswith("xl/embeddings/") for name in package.names()):
        return
    for part in filter(None, sheets):
        package.set_raw(part, _OLE_OBJECTS.sub(b"", package.raw(part)))
    package.remove(lambda name: name.startswith("xl/embeddings/"))
