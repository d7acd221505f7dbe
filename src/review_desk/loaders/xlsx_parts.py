"""What calamine does not read from an XLSX: cell comments (notes) and package properties.

A note on a cell ("身份证号已核对：…") is published with the file and shown on hover; it is read
as a COMMENT block ``s{sheet}:r{row}:c{col}:comment`` (its author ``…:comment_author``).
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from lxml import etree

from review_desk.core.document import Block, BlockKind
from review_desk.loaders._xml import parse_xml
from review_desk.loaders._zip import SafeZip
from review_desk.loaders.properties import package_properties

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_CELL_REF = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")


def sheet_parts(package: SafeZip, path: Path) -> list[tuple[str, str]]:
    """(part name, sheet name) in workbook order, which is calamine's sheet order."""
    targets = _relationships(package, "xl/workbook.xml", path)
    if not package.has("xl/workbook.xml"):
        return []
    workbook = parse_xml(package.read("xl/workbook.xml"), "xl/workbook.xml", path)
    return [
        (targets.get(sheet.get(_REL_ID, ""), ""), sheet.get("name", ""))
        for sheet in workbook.iter(_MAIN + "sheet")
    ]


def workbook_extras(package: SafeZip, path: Path) -> list[Block]:
    blocks: list[Block] = []
    for index, (part, name) in enumerate(sheet_parts(package, path)):
        rels = _relationships(package, part, path)
        for target in rels.values():
            if posixpath.basename(target).startswith("comments") and package.has(target):
                blocks.extend(_comments(package, target, index, name, path))
    return blocks + package_properties(package, path)


def _comments(package: SafeZip, part: str, index: int, sheet: str, path: Path) -> list[Block]:
    root = parse_xml(package.read(part), part, path)
    authors = [_text(author) for author in root.iter(_MAIN + "author")]
    blocks = []
    for comment in root.iter(_MAIN + "comment"):
        row, column = cell_position(comment.get("ref", ""))
        prefix = f"s{index}:r{row}:c{column}:comment"
        text = "".join(_text(t) for t in comment.iter(_MAIN + "t"))
        author_id = int(comment.get("authorId", "-1") or -1)
        author = authors[author_id] if 0 <= author_id < len(authors) else ""
        for block_id, kind, value, origin in (
            (prefix, BlockKind.COMMENT, text, "comment"),
            (f"{prefix}_author", BlockKind.PROPERTY, author, "property"),
        ):
            if value.strip():
                blocks.append(Block(block_id, kind, value, row, column, None, None, sheet, origin))
    return blocks


def cell_position(ref: str) -> tuple[int, int]:
    """``"B3"`` → (2, 1), both 0-based."""
    match = _CELL_REF.fullmatch(ref.replace("$", "").upper())
    if match is None:
        return 0, 0
    column = 0
    for letter in match.group(1):
        column = column * 26 + ord(letter) - ord("A") + 1
    return int(match.group(2)) - 1, column - 1


def _relationships(package: SafeZip, part: str, path: Path) -> dict[str, str]:
    """Relationship id → target part name, resolved against the part's folder."""
    folder, name = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", f"{name}.rels")
    if not part or not package.has(rels_name):
        return {}
    root = parse_xml(package.read(rels_name), rels_name, path)
    return {
        rel.get("Id", ""): _resolve(folder, rel.get("Target", ""))
        for rel in root.iter(_REL)
        if rel.get("TargetMode") != "External"
    }


def _resolve(folder: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(folder, target))


def _text(element: etree._Element) -> str:
    return element.text or ""
