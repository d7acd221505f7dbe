"""Where each DOCX block's characters live in the XML, walked as ``loaders.docx`` walks it.

The loader gives a block id and its text; the writer must find every character of that text
again, in the ``w:t`` (or ``w:delText``, ``w:instrText``, attribute) that holds it, so that a
mask lands inside the run that carried the character and keeps its formatting, also when a
value is split across runs. This walker follows the loader rule for rule (see its docstring for
the ids); the writer refuses a block whose text here differs from the loaded text, so a drift
between the two can never mask the wrong characters silently.

Comments, properties and revision authors are not mapped: the writer removes them whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

# The loader's own vocabulary: the map must walk the XML exactly as the loader numbered it.
from review_desk.loaders.docx import (
    CHAR_TEXT,
    DELETED,
    HYPERLINK_FIELD,
    SKIPPED_NOTES,
    TRANSPARENT,
)
from review_desk.redact.ooxml import Package

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_DOC_PROPERTIES = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
_P, _TBL, _TR, _TC, _R = (_W + name for name in ("p", "tbl", "tr", "tc", "r"))
_TXBX = _W + "txbxContent"
_ALT_CHUNK = _W + "altChunk"
_CHOICE, _FALLBACK, _ALTERNATE = _MC + "Choice", _MC + "Fallback", _MC + "AlternateContent"
_HIDDEN_MARKS = (_W + "vanish", _W + "specVanish", _W + "webHidden")


@dataclass(frozen=True)
class Segment:
    """Characters ``base:base+length`` of an element's text (``attribute`` None) or attribute."""

    element: etree._Element
    attribute: str | None
    base: int
    length: int

    @property
    def full(self) -> str:
        if self.attribute is None:
            return self.element.text or ""
        return self.element.get(self.attribute, "")

    @property
    def text(self) -> str:
        return self.full[self.base : self.base + self.length]


#: A piece of a block's text: a segment that can be rewritten, or a fixed character such as
#: the tab of ``w:tab`` or the "\n" between a table cell's paragraphs.
Part = Segment | str


def part_text(part: Part) -> str:
    return part if isinstance(part, str) else part.text


def slice_parts(parts: list[Part], start: int, end: int) -> list[Part]:
    """The parts covering characters ``start:end`` of their joined text."""
    sliced: list[Part] = []
    offset = 0
    for part in parts:
        length = len(part_text(part))
        low, high = max(start, offset), min(end, offset + length)
        if low < high:
            if isinstance(part, str):
                sliced.append(part[low - offset : high - offset])
            else:
                sliced.append(
                    Segment(part.element, part.attribute, part.base + low - offset, high - low)
                )
        offset += length
    return sliced


@dataclass
class _Runs:
    visible: list[Part] = field(default_factory=list)
    hidden: list[Part] = field(default_factory=list)
    deleted: list[Part] = field(default_factory=list)
    links: list[list[Part]] = field(default_factory=list)
    boxes: list[etree._Element] = field(default_factory=list)
    alt_texts: list[list[Part]] = field(default_factory=list)
    instructions: list[Part] = field(default_factory=list)


class DocxMap:
    """Block id → the parts holding its text, for the parts a redacted copy keeps."""

    def __init__(self, package: Package) -> None:
        self.package = package
        self.places: dict[str, list[Part]] = {}
        #: altChunk elements in the loader's order (its ``ac{k}:…`` blocks): imported HTML
        #: or RTF, not mapped character by character.
        self.alt_chunks: list[etree._Element] = []
        self._links: dict[str, etree._Element] = {}
        body = self._part("word/document.xml")
        self._container(body.find(_W + "body"), "")
        self._numbered("header", "h")
        self._numbered("footer", "f")
        self._notes("word/footnotes.xml", "footnote", "fn")
        self._notes("word/endnotes.xml", "endnote", "en")

    def _part(self, name: str) -> etree._Element:
        """The parsed part, with its external relationships (hyperlink targets) made current."""
        self._links = {
            rel.get("Id", ""): rel
            for rel, target in self.package.relationships(name)
            if target is None
        }
        return self.package.xml(name)

    def _numbered(self, stem: str, prefix: str) -> None:
        pattern = re.compile(rf"word/{stem}(\d*)\.xml")
        names = sorted(n for n in self.package.names() if pattern.fullmatch(n))
        for index, name in enumerate(names):
            match = pattern.fullmatch(name)
            number = match.group(1) if match and match.group(1) else str(index)
            self._container(self._part(name), f"{prefix}{number}:")

    def _notes(self, name: str, tag: str, prefix: str) -> None:
        if not self.package.has(name):
            return
        for note in self._part(name).iter(_W + tag):
            if note.get(_W + "type") not in SKIPPED_NOTES:
                self._container(note, f"{prefix}{note.get(_W + 'id', '')}:")

    # -- containers, tables, cells ---------------------------------------------------------------

    def _container(self, element: etree._Element | None, prefix: str) -> None:
        if element is None:
            return
        paragraphs = tables = 0
        for child in content(element):
            if child.tag == _P:
                block_id = f"{prefix}p{paragraphs}"
                runs = self._runs_of(child)
                self.places[block_id] = runs.visible
                self._hidden_places(block_id, runs)
                paragraphs += 1
            elif child.tag == _ALT_CHUNK:
                self.alt_chunks.append(child)
            else:
                self._table(child, f"{prefix}t{tables}")
                tables += 1

    def _table(self, table: etree._Element, table_id: str) -> None:
        for row_index, row in enumerate(_flatten(table, _TR)):
            column = _int_val(row, "trPr/w:gridBefore", 0)
            for cell in _flatten(row, _TC):
                span = _int_val(cell, "tcPr/w:gridSpan", 1)
                if not _continues_vertical_merge(cell):
                    self._cell(cell, f"{table_id}:r{row_index}:c{column}")
                column += span

    def _cell(self, cell: etree._Element, cell_id: str) -> None:
        parts: list[Part] = []
        paragraphs = tables = 0
        for child in content(cell):
            if child.tag == _P:
                runs = self._runs_of(child)
                self._hidden_places(f"{cell_id}:p{paragraphs}", runs)
                parts += (["\n"] if paragraphs else []) + runs.visible
                paragraphs += 1
            elif child.tag == _ALT_CHUNK:
                self.alt_chunks.append(child)
            else:
                self._table(child, f"{cell_id}:t{tables}")
                tables += 1
        self.places[cell_id] = parts

    def _hidden_places(self, block_id: str, runs: _Runs) -> None:
        self.places[f"{block_id}:hidden"] = runs.hidden
        self.places[f"{block_id}:del"] = runs.deleted
        for index, target in enumerate(runs.links + _field_links(runs.instructions)):
            self.places[f"{block_id}:link{index}"] = target
        for index, box in enumerate(runs.boxes):
            self._container(box, f"{block_id}:tb{index}:")
        for index, alt in enumerate(runs.alt_texts):
            self.places[f"{block_id}:alt{index}"] = alt

    # -- inside a paragraph ----------------------------------------------------------------------

    def _runs_of(self, paragraph: etree._Element) -> _Runs:
        runs = _Runs()
        self._inline(paragraph, runs, deleted=False)
        return runs

    def _inline(self, element: etree._Element, runs: _Runs, deleted: bool) -> None:
        for child in element:
            tag = child.tag
            if tag == _R:
                _run(child, runs, deleted)
            elif tag in DELETED:
                self._inline(child, runs, deleted=True)
            elif tag == _W + "hyperlink":
                rel = self._links.get(child.get(_R_ID) or "")
                target = rel.get("Target") if rel is not None else None
                if rel is not None and target:
                    runs.links.append([Segment(rel, "Target", 0, len(target))])
                self._inline(child, runs, deleted)
            elif tag == _ALTERNATE:
                self._inline(choice(child), runs, deleted)
            elif tag in TRANSPARENT:
                if tag == _W + "fldSimple":
                    instruction = child.get(_W + "instr", "")
                    runs.instructions.append(Segment(child, _W + "instr", 0, len(instruction)))
                self._inline(child, runs, deleted)


def _run(run: etree._Element, runs: _Runs, deleted: bool) -> None:
    target = runs.deleted if deleted else runs.hidden if is_hidden(run) else runs.visible
    for child in run:
        tag = child.tag
        if tag == _W + "t":
            target.append(_text_segment(child))
        elif tag == _W + "delText":
            runs.deleted.append(_text_segment(child))
        elif tag in CHAR_TEXT:
            target.append(CHAR_TEXT[tag])
        elif tag == _W + "instrText":
            runs.instructions.append(_text_segment(child))
        elif tag in (_W + "drawing", _W + "pict", _ALTERNATE, _W + "object"):
            runs.boxes.extend(_outer_text_boxes(child))
            runs.alt_texts.extend(_alt_texts(child))


def _text_segment(element: etree._Element) -> Segment:
    return Segment(element, None, 0, len(element.text or ""))


def _alt_texts(element: etree._Element) -> list[list[Part]]:
    texts: list[list[Part]] = []
    for properties in element.iter(_DOC_PROPERTIES):
        if _FALLBACK in {a.tag for a in properties.iterancestors()}:
            continue
        for key in ("title", "descr"):
            value = properties.get(key, "")
            if value.strip():
                lead = len(value) - len(value.lstrip())
                texts.append([Segment(properties, key, lead, len(value.strip()))])
    return texts


def _field_links(instructions: list[Part]) -> list[list[Part]]:
    joined = "".join(part_text(part) for part in instructions)
    return [slice_parts(instructions, *m.span(1)) for m in HYPERLINK_FIELD.finditer(joined)]


def is_hidden(run: etree._Element) -> bool:
    properties = run.find(_W + "rPr")
    if properties is None:
        return False
    for tag in _HIDDEN_MARKS:
        mark = properties.find(tag)
        if mark is not None and mark.get(_W + "val", "true") not in ("0", "false", "off"):
            return True
    return False


def _outer_text_boxes(element: etree._Element) -> list[etree._Element]:
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


def content(element: etree._Element) -> Iterator[etree._Element]:
    """Paragraphs, tables and altChunks of a container, in order, looking through wrappers."""
    for child in element:
        if child.tag in (_P, _TBL, _ALT_CHUNK):
            yield child
        elif child.tag in TRANSPARENT or child.tag in DELETED:
            yield from content(child)
        elif child.tag == _ALTERNATE:
            yield from content(choice(child))


def _flatten(element: etree._Element, wanted: str) -> Iterator[etree._Element]:
    for child in element:
        if child.tag == wanted:
            yield child
        elif child.tag in TRANSPARENT:
            yield from _flatten(child, wanted)
        elif child.tag == _ALTERNATE:
            yield from _flatten(choice(child), wanted)


def choice(alternate: etree._Element) -> etree._Element:
    found = alternate.find(_CHOICE)
    return found if found is not None else alternate


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
