"""Read-only view of a document's blocks with each finding highlighted in its action's colour.

Table and sheet cells are laid out as a grid again, as the reviewer saw them in the file.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from itertools import groupby

from PySide6.QtWidgets import QTextBrowser, QWidget

from review_desk.core.document import Block, BlockKind, Document
from review_desk.core.findings import Finding
from review_desk.gui.findings_model import ACTION_COLOURS

# Showing a 160,000-row sheet as HTML would freeze the window; the table view lists every
# finding anyway, so the text view stops here and says so.
MAX_BLOCKS_SHOWN = 3000
_GRID_KINDS = frozenset({BlockKind.TABLE_CELL, BlockKind.SHEET_CELL})
_TABLE_STYLE = 'border="1" cellspacing="0" cellpadding="3" style="border-color:#bbb"'


class DocumentView(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)

    def show_document(self, document: Document, findings: list[Finding]) -> None:
        by_block: dict[str, list[Finding]] = {}
        for finding in findings:
            by_block.setdefault(finding.block, []).append(finding)
        shown = document.blocks[:MAX_BLOCKS_SHOWN]
        parts = list(_blocks_html(shown, by_block))
        if len(document.blocks) > len(shown):
            parts.append(
                f"<p><i>……仅显示前 {len(shown)} 个文本块，共 {len(document.blocks)} 个。</i></p>"
            )
        self.setHtml("".join(parts))

    def scroll_to_block(self, block_id: str) -> None:
        self.scrollToAnchor(block_id)


def _table_of(block: Block) -> str | None:
    """Cells of one table share the id before their row part (``t0:r3:c2`` → ``t0``)."""
    if block.kind not in _GRID_KINDS or block.row is None or block.column is None:
        return None
    return block.id.rsplit(":r", 1)[0]


def _blocks_html(blocks: list[Block], by_block: dict[str, list[Finding]]) -> Iterator[str]:
    for table, group in groupby(blocks, key=_table_of):
        cells = list(group)
        if table is None:
            yield from (_paragraph_html(b, by_block.get(b.id, [])) for b in cells)
        else:
            yield _grid_html(cells, by_block)


def _paragraph_html(block: Block, findings: list[Finding]) -> str:
    label = (
        ""
        if block.kind == BlockKind.PARAGRAPH
        else f'<span style="color:#888">[{block.id}]</span> '
    )
    return (
        f'<p><a name="{html.escape(block.id)}"></a>{label}{_highlighted(block.text, findings)}</p>'
    )


def _grid_html(cells: list[Block], by_block: dict[str, list[Finding]]) -> str:
    width = max(c.column or 0 for c in cells) + 1
    rows: list[str] = []
    for _, row_cells in groupby(cells, key=lambda c: c.row):
        slots = ["<td></td>"] * width
        for cell in row_cells:
            anchor = f'<a name="{html.escape(cell.id)}"></a>'
            slots[cell.column or 0] = (
                f"<td>{anchor}{_highlighted(cell.text, by_block.get(cell.id, []))}</td>"
            )
        rows.append(f"<tr>{''.join(slots)}</tr>")
    return f"<table {_TABLE_STYLE}>{''.join(rows)}</table>"


def _highlighted(text: str, findings: list[Finding]) -> str:
    parts: list[str] = []
    cursor = 0
    for finding in sorted(findings, key=lambda f: (f.start, -f.end)):
        if finding.start < cursor:
            continue
        colour = ACTION_COLOURS[finding.action]
        parts.append(html.escape(text[cursor : finding.start]))
        marked = html.escape(text[finding.start : finding.end])
        parts.append(f'<span style="background-color:{colour}">{marked}</span>')
        cursor = finding.end
    parts.append(html.escape(text[cursor:]))
    return "".join(parts)
