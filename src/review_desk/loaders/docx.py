"""DOCX read part by part with lxml: every place text can hide, each block marked with its origin.

python-docx sees body paragraphs and tables only (and mixes hidden text into paragraph text), so
the parts are walked directly. Block ids, which a writer uses to find text again:

- body: ``p{n}`` (n counts every body paragraph, empty ones too), tables ``t{n}:r{r}:c{c}``
  with grid columns (merged cells counted by span), nested tables ``t0:r1:c2:t0:r0:c0``;
- headers/footers ``h{n}:…``/``f{n}:…`` after the part name (header2.xml → ``h2``), footnotes
  ``fn{id}:…``, endnotes ``en{id}:…``, comments ``c{id}:…`` (author ``c{id}:author``);
- inside a paragraph ``P``: hidden runs ``P:hidden``, tracked deletions ``P:del``, hyperlink
  targets ``P:link{k}``, text boxes ``P:tb{k}:p{m}``, picture titles/descriptions ``P:alt{k}``;
  a table cell joins its paragraphs with "\\n" and uses ``{cell}:p{m}`` for their hidden places;
- altChunk parts (HTML and the like that Word shows as body text) ``ac{k}:p{m}``, embedded
  documents ``emb{k}:…`` (see ``embedded``);
- properties ``prop:core:creator``, ``prop:app:Company``, ``prop:custom:{name}``,
  ``prop:docvar:{name}``, revision authors ``prop:revision_author:{k}``.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from lxml import etree

from review_desk.core.document import Block, BlockKind, Notice
from review_desk.core.errors import UnsupportedFormatError
from review_desk.loaders._xml import parse_xml
from review_desk.loaders._zip import SafeZip
from review_desk.loaders.altchunk import read_alt_chunk
from review_desk.loaders.embedded import package_embeddings, part_label
from review_desk.loaders.grid import Span, find_header_row, header_texts
from review_desk.loaders.notices import unread_parts
from review_desk.loaders.properties import children, package_properties, property_block

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"

_P, _TBL, _TR, _TC, _R = (_W + name for name in ("p", "tbl", "tr", "tc", "r"))
_TXBX = _W + "txbxContent"
_ALT_CHUNK = _W + "altChunk"
_FALLBACK = _MC + "Fallback"
_DOC_PROPERTIES = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
_CHOICE = _MC + "Choice"
_ALTERNATE = _MC + "AlternateContent"
#: Wrappers whose children are still ordinary content of the level they sit in.
TRANSPARENT = frozenset(
    _W + name
    for name in (
        "ins",
        "moveTo",
        "smartTag",
        "fldSimple",
        "sdt",
        "sdtContent",
        "customXml",
        "bdo",
        "dir",
    )
)
DELETED = frozenset({_W + "del", _W + "moveFrom"})
CHAR_TEXT = {_W + "tab": "\t", _W + "br": "\n", _W + "cr": "\n", _W + "noBreakHyphen": "-"}
HYPERLINK_FIELD = re.compile(r'HYPERLINK\s+"([^"]+)"')
SKIPPED_NOTES = frozenset({"separator", "continuationSeparator", "continuationNotice"})


@dataclass
class _Runs:
    """The text of one paragraph, sorted by where a reader would (not) see it."""

    visible: list[str] = field(default_factory=list)
    hidden: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    boxes: list[etree._Element] = field(default_factory=list)
    alt_texts: list[str] = field(default_factory=list)
    instructions: list[str] = field(default_factory=list)


def load_docx(data: bytes, path: Path) -> tuple[list[Block], list[Notice]]:
    package = SafeZip(data, path)
    reader = _DocxReader(package, path)
    reader.read_all()
    return reader.blocks, reader.notices


class _DocxReader:
    def __init__(self, package: SafeZip, path: Path) -> None:
        self.package = package
        self.path = path
        self.blocks: list[Block] = []
        self.notices: list[Notice] = []
        self._links: dict[str, str] = {}
        self._targets: dict[str, str] = {}
        self._alt_chunks = 0

    def read_all(self) -> None:
        body = self._part("word/document.xml")
        if body.tag != _W + "document":
            # Strict Open XML uses other namespaces; reading it as empty would pass it unreviewed.
            raise UnsupportedFormatError(
                "Strict Open XML 格式，请在 Word 中另存为标准 .docx", self.path
            )
        self._read_container(body.find(_W + "body"), "", BlockKind.PARAGRAPH, None)
        self._read_numbered_parts("header", "h", BlockKind.HEADER)
        self._read_numbered_parts("footer", "f", BlockKind.FOOTER)
        self._read_notes("word/footnotes.xml", "footnote", "fn")
        self._read_notes("word/endnotes.xml", "endnote", "en")
        self._read_comments()
        self._read_revision_authors(body)
        self._read_properties()
        self._read_embeddings()
        self.notices.extend(unread_parts(self.package.names(), "word/"))

    # -- parts -------------------------------------------------------------------------------

    def _part(self, name: str) -> etree._Element:
        """Parse a part and make its relationships (links, altChunk parts) current."""
        self._links, self._targets = self._relationships(name)
        return parse_xml(self.package.read(name), name, self.path)

    def _relationships(self, name: str) -> tuple[dict[str, str], dict[str, str]]:
        """External targets (hyperlinks) and internal ones (part names), by relationship id."""
        part = PurePosixPath(name)
        rels_name = str(part.parent / "_rels" / f"{part.name}.rels")
        if not self.package.has(rels_name):
            return {}, {}
        root = parse_xml(self.package.read(rels_name), rels_name, self.path)
        external: dict[str, str] = {}
        internal: dict[str, str] = {}
        for rel in root.iter(_REL):
            target = rel.get("Target", "")
            if rel.get("TargetMode") == "External":
                external[rel.get("Id", "")] = target
            else:
                internal[rel.get("Id", "")] = _resolve(str(part.parent), target)
        return external, internal

    def _read_embeddings(self) -> None:
        blocks, notices = package_embeddings(self.package, "word/", self.path)
        self.blocks.extend(blocks)
        self.notices.extend(notices)

    def _read_alt_chunk(self, element: etree._Element) -> None:
        prefix = f"ac{self._alt_chunks}"
        self._alt_chunks += 1
        part = self._targets.get(element.get(_R_ID, ""), "")
        if not self.package.has(part):
            self.notices.append(
                Notice("embedded_unread", "altChunk 指向的部件不存在，其内容未能读取", prefix)
            )
            return
        blocks, notices = read_alt_chunk(
            self.package.read(part), part_label(part), prefix, self.path
        )
        self.blocks.extend(blocks)
        self.notices.extend(notices)

    def _read_numbered_parts(self, stem: str, prefix: str, kind: BlockKind) -> None:
        pattern = re.compile(rf"word/{stem}(\d*)\.xml")
        names = sorted(n for n in self.package.names() if pattern.fullmatch(n))
        for index, name in enumerate(names):
            match = pattern.fullmatch(name)
            number = match.group(1) if match and match.group(1) else str(index)
            self._read_container(self._part(name), f"{prefix}{number}:", kind, None)

    def _read_notes(self, name: str, tag: str, prefix: str) -> None:
        if not self.package.has(name):
            return
        for note in self._part(name).iter(_W + tag):
            if note.get(_W + "type") not in SKIPPED_NOTES:
                ident = note.get(_W + "id", "")
                self._read_container(note, f"{prefix}{ident}:", BlockKind.FOOTNOTE, None)

    def _read_comments(self) -> None:
        name = "word/comments.xml"
        if not self.package.has(name):
            return
        for comment in self._part(name).iter(_W + "comment"):
            ident = comment.get(_W + "id", "")
            self._read_container(comment, f"c{ident}:", BlockKind.COMMENT, "comment")
            author = comment.get(_W + "author", "").strip()
            if author:
                self._add(f"c{ident}:author", BlockKind.PROPERTY, author, "property", "批注作者")

    def _read_revision_authors(self, body: etree._Element) -> None:
        authors = {
            author
            for element in body.iter(_W + "ins", _W + "del", _W + "moveFrom", _W + "moveTo")
            if (author := element.get(_W + "author", "").strip())
        }
        for index, author in enumerate(sorted(authors)):
            self._add(
                f"prop:revision_author:{index}", BlockKind.PROPERTY, author, "property", "修订作者"
            )

    def _read_properties(self) -> None:
        self.blocks.extend(package_properties(self.package, self.path))
        for element in children(self.package, "word/settings.xml", self.path):
            if element.tag == _W + "docVars":
                for var in element:
                    name = var.get(_W + "name", "")
                    block = property_block(f"docvar:{name}", name, var.get(_W + "val"))
                    if block is not None:
                        self.blocks.append(block)

    # -- content -----------------------------------------------------------------------------

    def _read_container(
        self, element: etree._Element | None, prefix: str, kind: BlockKind, origin: str | None
    ) -> None:
        if element is None:
            return
        paragraphs = tables = 0
        for child in _content(element):
            if child.tag == _P:
                block_id = f"{prefix}p{paragraphs}"
                runs = self._runs_of(child)
                self._add(block_id, kind, "".join(runs.visible), origin)
                self._add_hidden_places(block_id, runs, origin)
                paragraphs += 1
            elif child.tag == _ALT_CHUNK:
                self._read_alt_chunk(child)
            else:
                self._read_table(child, f"{prefix}t{tables}", origin)
                tables += 1

    def _read_table(self, table: etree._Element, table_id: str, origin: str | None) -> None:
        cells = list(_grid_cells(table))
        spans = [[Span(c.column, c.last, text) for c, text in row if text.strip()] for row in cells]
        header_row = find_header_row(spans)
        labels = header_texts(spans[header_row]) if header_row is not None else {}
        for row_index, row in enumerate(cells):
            for cell, _ in row:
                cell_id = f"{table_id}:r{row_index}:c{cell.column}"
                above = header_row is None or row_index <= header_row
                header = None if above else labels.get(cell.column)
                self._read_cell(cell, cell_id, row_index, header, origin)

    def _read_cell(
        self, cell: _GridCell, cell_id: str, row: int, header: str | None, origin: str | None
    ) -> None:
        texts: list[str] = []
        tables = 0
        for child in _content(cell.element):
            if child.tag == _P:
                runs = self._runs_of(child)
                self._add_hidden_places(f"{cell_id}:p{len(texts)}", runs, origin)
                texts.append("".join(runs.visible))
            elif child.tag == _ALT_CHUNK:
                self._read_alt_chunk(child)
            else:
                self._read_table(child, f"{cell_id}:t{tables}", origin)
                tables += 1
        text = "\n".join(texts)
        if text.strip():
            self.blocks.append(
                Block(
                    cell_id,
                    BlockKind.TABLE_CELL,
                    text,
                    row=row,
                    column=cell.column,
                    header=header,
                    origin=origin,
                )
            )

    def _add_hidden_places(self, block_id: str, runs: _Runs, origin: str | None) -> None:
        self._add(f"{block_id}:hidden", BlockKind.PARAGRAPH, "".join(runs.hidden), "hidden_text")
        self._add(f"{block_id}:del", BlockKind.PARAGRAPH, "".join(runs.deleted), "tracked_deletion")
        links = runs.links + _field_links(runs.instructions)
        for index, target in enumerate(links):
            self._add(f"{block_id}:link{index}", BlockKind.LINK_TARGET, target, "link_target")
        for index, box in enumerate(runs.boxes):
            self._read_container(box, f"{block_id}:tb{index}:", BlockKind.TEXT_BOX, origin)
        for index, alt in enumerate(runs.alt_texts):
            self._add(f"{block_id}:alt{index}", BlockKind.PROPERTY, alt, "property", "图片说明")

    def _add(
        self,
        block_id: str,
        kind: BlockKind,
        text: str,
        origin: str | None,
        header: str | None = None,
    ) -> None:
        if text.strip():
            self.blocks.append(Block(block_id, kind, text, header=header, origin=origin))

    def _runs_of(self, paragraph: etree._Element) -> _Runs:
        runs = _Runs()
        self._walk_inline(paragraph, runs, deleted=False)
        return runs

    def _walk_inline(self, element: etree._Element, runs: _Runs, deleted: bool) -> None:
        for child in element:
            tag = child.tag
            if tag == _R:
                _read_run(child, runs, deleted)
            elif tag in DELETED:
                self._walk_inline(child, runs, deleted=True)
            elif tag == _W + "hyperlink":
                target = self._links.get(child.get(_R_ID, ""))
                if target:
                    runs.links.append(target)
                self._walk_inline(child, runs, deleted)
            elif tag == _ALTERNATE:
                self._walk_inline(_choice(child), runs, deleted)
            elif tag in TRANSPARENT:
                if tag == _W + "fldSimple":
                    runs.instructions.append(child.get(_W + "instr", ""))
                self._walk_inline(child, runs, deleted)


@dataclass(frozen=True)
class _GridCell:
    element: etree._Element
    column: int
    last: int


def _grid_cells(table: etree._Element) -> Iterator[list[tuple[_GridCell, str]]]:
    """Rows of (cell, plain text); a vertically merged continuation is left out of its row."""
    for row in _rows(table):
        column = _grid_before(row)
        cells: list[tuple[_GridCell, str]] = []
        for cell in _cells(row):
            span = _int_val(cell, "tcPr/w:gridSpan", 1)
            if not _continues_vertical_merge(cell):
                cells.append((_GridCell(cell, column, column + span - 1), _plain_text(cell)))
            column += span
        yield cells


def _rows(table: etree._Element) -> Iterator[etree._Element]:
    yield from _flatten(table, _TR)


def _cells(row: etree._Element) -> Iterator[etree._Element]:
    yield from _flatten(row, _TC)


def _flatten(element: etree._Element, wanted: str) -> Iterator[etree._Element]:
    """Children with tag ``wanted``, looking through content controls and custom XML."""
    for child in element:
        if child.tag == wanted:
            yield child
        elif child.tag in TRANSPARENT:
            yield from _flatten(child, wanted)
        elif child.tag == _ALTERNATE:
            yield from _flatten(_choice(child), wanted)


def _content(element: etree._Element) -> Iterator[etree._Element]:
    """Paragraphs, tables and altChunks of a container, in order, looking through wrappers."""
    for child in element:
        if child.tag in (_P, _TBL, _ALT_CHUNK):
            yield child
        elif child.tag in TRANSPARENT or child.tag in DELETED:
            yield from _content(child)
        elif child.tag == _ALTERNATE:
            yield from _content(_choice(child))


def _choice(alternate: etree._Element) -> etree._Element:
    """The first choice of an mc:AlternateContent; its fallback repeats the same content."""
    choice = alternate.find(_CHOICE)
    return choice if choice is not None else alternate


def _grid_before(row: etree._Element) -> int:
    return _int_val(row, "trPr/w:gridBefore", 0)


def _int_val(element: etree._Element, path: str, default: int) -> int:
    found = element.find(f"w:{path}", namespaces={"w": _W[1:-1]})
    value = found.get(_W + "val") if found is not None else None
    try:
        return max(int(value), 1) if value is not None else default
    except ValueError:
        return default


def _continues_vertical_merge(cell: etree._Element) -> bool:
    merge = cell.find(f"{_W}tcPr/{_W}vMerge")
    return merge is not None and merge.get(_W + "val", "continue") == "continue"


def _plain_text(cell: etree._Element) -> str:
    """Visible text of a cell for header detection (not for blocks)."""
    runs = _Runs()
    for child in _content(cell):
        if child.tag == _P:
            for run in child.iter(_R):
                _read_run(run, runs, deleted=False)
    return "".join(runs.visible)


def _read_run(run: etree._Element, runs: _Runs, deleted: bool) -> None:
    target = runs.deleted if deleted else runs.hidden if _is_hidden(run) else runs.visible
    for child in run:
        tag = child.tag
        if tag == _W + "t":
            target.append(child.text or "")
        elif tag == _W + "delText":
            runs.deleted.append(child.text or "")
        elif tag in CHAR_TEXT:
            target.append(CHAR_TEXT[tag])
        elif tag == _W + "instrText":
            runs.instructions.append(child.text or "")
        elif tag in (_W + "drawing", _W + "pict", _ALTERNATE, _W + "object"):
            runs.boxes.extend(_outer_text_boxes(child))
            runs.alt_texts.extend(_alt_texts(child))


def _alt_texts(element: etree._Element) -> list[str]:
    """A picture's title and description: Word used to fill these with the file name
    ("张三身份证.jpg"), and they are published though never shown on the page."""
    texts = []
    for properties in element.iter(_DOC_PROPERTIES):
        if _FALLBACK in {a.tag for a in properties.iterancestors()}:
            continue
        texts += [value for key in ("title", "descr") if (value := properties.get(key, "").strip())]
    return texts


def _is_hidden(run: etree._Element) -> bool:
    properties = run.find(_W + "rPr")
    if properties is None:
        return False
    for tag in (_W + "vanish", _W + "specVanish", _W + "webHidden"):
        mark = properties.find(tag)
        if mark is not None and mark.get(_W + "val", "true") not in ("0", "false", "off"):
            return True
    return False


def _outer_text_boxes(element: etree._Element) -> list[etree._Element]:
    """Text boxes under ``element`` that are not fallback copies and not inside another box."""
    boxes = []
    for box in element.iter(_TXBX):
        between = []
        for ancestor in box.iterancestors():
            if ancestor is element:
                break
            between.append(ancestor.tag)
        if _FALLBACK not in between and _TXBX not in between:
            boxes.append(box)
    return boxes


def _field_links(instructions: list[str]) -> list[str]:
    return HYPERLINK_FIELD.findall("".join(instructions))


def _resolve(folder: str, target: str) -> str:
    """A relationship target as a part name: absolute ("/word/x.htm") or relative to the part."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(folder, target))
