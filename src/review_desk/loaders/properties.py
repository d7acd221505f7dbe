"""OOXML package properties (docProps/core, app, custom) as PROPERTY blocks.

Author, last editor and custom fields such as "经办人" travel with a published file although no
reader sees them on the page. Ids: ``prop:core:creator``, ``prop:app:Company``,
``prop:custom:{name}``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from review_desk.core.document import Block, BlockKind
from review_desk.loaders._xml import parse_xml
from review_desk.loaders._zip import SafeZip

_CUSTOM = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}property"
#: Dates and counters say nothing about people.
_CORE_SKIPPED = frozenset({"created", "modified", "lastPrinted", "revision"})
#: The rest of app.xml is statistics (pages, words) and the producing software.
_APP_KEPT = frozenset({"Company", "Manager", "HyperlinkBase", "Template"})


def property_block(key: str, label: str, value: str | None) -> Block | None:
    if not value or not value.strip():
        return None
    return Block(f"prop:{key}", BlockKind.PROPERTY, value, header=label, origin="property")


def package_properties(package: SafeZip, path: Path) -> list[Block]:
    blocks = (property_block(key, label, value) for key, label, value in _entries(package, path))
    return [block for block in blocks if block is not None]


def _entries(package: SafeZip, path: Path) -> Iterator[tuple[str, str, str | None]]:
    for element in children(package, "docProps/core.xml", path):
        name = etree.QName(element).localname
        if name not in _CORE_SKIPPED:
            yield f"core:{name}", name, element.text
    for element in children(package, "docProps/app.xml", path):
        name = etree.QName(element).localname
        if name in _APP_KEPT:
            yield f"app:{name}", name, element.text
    for element in children(package, "docProps/custom.xml", path):
        if element.tag == _CUSTOM:
            name = element.get("name", "")
            text = etree.tostring(element, method="text", encoding="unicode")
            yield f"custom:{name}", name, str(text)


def children(package: SafeZip, name: str, path: Path) -> list[etree._Element]:
    """Top-level elements of an optional part (none when the part is absent)."""
    if not package.has(name):
        return []
    return list(parse_xml(package.read(name), name, path))
