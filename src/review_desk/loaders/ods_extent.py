"""The used extent of each table of an ODS spreadsheet, measured while its ``content.xml`` is
inflated, before calamine expands it into a grid.

ODF repeats rows and cells by count (``table:number-rows-repeated``,
``table:number-columns-repeated``): a few bytes can ask for a billion cells, and calamine gives
up on such a file with a misleading "Cannot detect file format". LibreOffice itself writes such
repeats for the empty tail of every sheet, so only repeats up to the last cell that holds
something count. The parser is lxml's pull parser fed chunk by chunk, each row dropped once it
is counted: memory stays flat whatever the size of the part.
"""

from __future__ import annotations

from typing import cast

from lxml import etree

_TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE_NS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_TABLE = f"{{{_TABLE_NS}}}table"
_ROW = f"{{{_TABLE_NS}}}table-row"
_CELLS = frozenset({f"{{{_TABLE_NS}}}table-cell", f"{{{_TABLE_NS}}}covered-table-cell"})
_NAME = f"{{{_TABLE_NS}}}name"
_ROWS_REPEATED = f"{{{_TABLE_NS}}}number-rows-repeated"
_COLUMNS_REPEATED = f"{{{_TABLE_NS}}}number-columns-repeated"
_VALUE_TYPE = f"{{{_OFFICE_NS}}}value-type"
CONTENT_PART = "content.xml"


class OdsExtents:
    """Fed ``(part, chunk)`` as a package is inflated; ``extents`` maps each table's name to
    (rows, columns) up to its last filled cell."""

    def __init__(self) -> None:
        self._parser = etree.XMLPullParser(
            events=("start", "end"), resolve_entities=False, no_network=True, load_dtd=False
        )
        self.extents: dict[str, tuple[int, int]] = {}
        self._name = ""
        self._rows = self._used_rows = self._used_columns = 0
        self._column = self._row_used = 0

    def __call__(self, part: str, chunk: bytes) -> None:
        if part != CONTENT_PART:
            return
        self._parser.feed(chunk)
        for event, item in self._parser.read_events():
            # Only start and end events were asked for: each comes with an element.
            element = cast(etree._Element, item)
            if event == "start":
                if element.tag == _TABLE:
                    self._start_table(element.get(_NAME, ""))
            elif element.tag in _CELLS:
                self._end_cell(element)
            elif element.tag == _ROW:
                self._end_row(element)
            elif element.tag == _TABLE:
                self.extents[self._name] = (self._used_rows, self._used_columns)

    def _start_table(self, name: str) -> None:
        self._name = name
        self._rows = self._used_rows = self._used_columns = 0

    def _end_cell(self, cell: etree._Element) -> None:
        repeat = _count(cell.get(_COLUMNS_REPEATED))
        if cell.get(_VALUE_TYPE) is not None or len(cell):
            self._row_used = self._column + repeat
        self._column += repeat
        cell.clear()

    def _end_row(self, row: etree._Element) -> None:
        repeat = _count(row.get(_ROWS_REPEATED))
        if self._row_used:
            self._used_rows = self._rows + repeat
            self._used_columns = max(self._used_columns, self._row_used)
        self._rows += repeat
        self._column = self._row_used = 0
        row.clear()
        parent = row.getparent()
        while parent is not None and row.getprevious() is not None:
            del parent[0]


def _count(value: str | None) -> int:
    """A repeat count as written; a missing or garbled one counts once."""
    if value is None or not value.isdigit():
        return 1
    return max(int(value), 1)
