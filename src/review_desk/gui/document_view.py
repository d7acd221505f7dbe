"""Read-only view of a document's blocks with each finding highlighted in its action's colour."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QTextBrowser, QWidget

from review_desk.core.document import Block, Document
from review_desk.core.findings import Finding
from review_desk.gui.findings_model import ACTION_COLOURS

# Showing a 160,000-row sheet as HTML would freeze the window; the table view lists every
# finding anyway, so the text view stops here and says so.
MAX_BLOCKS_SHOWN = 3000


class DocumentView(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)

    def show_document(self, document: Document, findings: list[Finding]) -> None:
        by_block: dict[str, list[Finding]] = {}
        for finding in findings:
            by_block.setdefault(finding.block, []).append(finding)
        shown = document.blocks[:MAX_BLOCKS_SHOWN]
        rows = [_block_html(b, by_block.get(b.id, [])) for b in shown]
        if len(document.blocks) > len(shown):
            rows.append(
                f"<p><i>……仅显示前 {len(shown)} 个文本块，共 {len(document.blocks)} 个。</i></p>"
            )
        self.setHtml("".join(rows))

    def scroll_to_block(self, block_id: str) -> None:
        self.scrollToAnchor(block_id)


def _block_html(block: Block, findings: list[Finding]) -> str:
    label = "" if block.kind == "paragraph" else f'<span style="color:#888">[{block.id}]</span> '
    return (
        f'<p><a name="{html.escape(block.id)}"></a>{label}{_highlighted(block.text, findings)}</p>'
    )


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
