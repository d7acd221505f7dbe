"""What the document page is made of: the labels of blocks that are not body text, the formats
of highlights and notes, and which findings fall on the page (DocumentView builds with these)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QTextCharFormat

from review_desk.core.document import Block, BlockKind
from review_desk.core.findings import PERSONAL_TYPES, FindingType
from review_desk.core.review import RecordedFinding, Review
from review_desk.gui.labels import DOCUMENT_UNDERLINE, OTHER_UNDERLINE, PERSONAL_UNDERLINE
from review_desk.gui.loaded import FindingIndex

GRID_KINDS = frozenset({BlockKind.TABLE_CELL, BlockKind.SHEET_CELL})
_DOCUMENT_TYPES = frozenset(
    {
        FindingType.SECRECY_MARK,
        FindingType.WORK_SECRET,
        FindingType.INTERNAL_MARK,
        FindingType.PROCESS_INFO,
        FindingType.DISCLOSURE_NOTE,
    }
)


def kind_label(block: Block) -> str:
    """The mark before a block the reader of the published file would not see as body text."""
    labels = {
        BlockKind.HEADER: QCoreApplication.translate("DocumentView", "页眉"),
        BlockKind.FOOTER: QCoreApplication.translate("DocumentView", "页脚"),
        BlockKind.FOOTNOTE: QCoreApplication.translate("DocumentView", "脚注"),
        BlockKind.COMMENT: QCoreApplication.translate("DocumentView", "批注"),
        BlockKind.TEXT_BOX: QCoreApplication.translate("DocumentView", "文本框"),
        BlockKind.PROPERTY: QCoreApplication.translate("DocumentView", "文件属性"),
        BlockKind.LINK_TARGET: QCoreApplication.translate("DocumentView", "链接地址"),
    }
    label = labels.get(block.kind, "")
    if block.kind == BlockKind.PROPERTY and block.header:
        label = f"{label}·{block.header}"
    if block.hidden and block.kind not in (
        BlockKind.COMMENT,
        BlockKind.PROPERTY,
        BlockKind.LINK_TARGET,
    ):
        hidden = QCoreApplication.translate("DocumentView", "隐藏内容")
        label = f"{label}·{hidden}" if label else hidden
    return f"【{label}】" if label else ""


def table_of(block: Block) -> str | None:
    """Cells of one table share the id before their row part (``t0:r3:c2`` → ``t0``)."""
    if block.kind not in GRID_KINDS or block.row is None or block.column is None:
        return None
    return block.id.rsplit(":r", 1)[0]


def findings_on_page(
    review: Review, shown: set[str], index: FindingIndex
) -> dict[str, list[RecordedFinding]]:
    """The findings of the blocks on the page: from the index made when the document was
    opened, and the findings added since by themselves."""
    by_block, covered = index
    found: dict[str, list[RecordedFinding]] = {}
    for block in shown:
        indices = by_block.get(block)
        if indices:
            found[block] = [review.findings[i] for i in indices]
    for finding in review.findings[covered:]:
        if finding.block in shown:
            found.setdefault(finding.block, []).append(finding)
    return found


def underline(kind: FindingType) -> str:
    if kind in PERSONAL_TYPES:
        return PERSONAL_UNDERLINE
    return DOCUMENT_UNDERLINE if kind in _DOCUMENT_TYPES else OTHER_UNDERLINE


def label_format() -> QTextCharFormat:
    text_format = QTextCharFormat()
    text_format.setForeground(QColor("#777777"))
    return text_format


def masked_format() -> QTextCharFormat:
    text_format = QTextCharFormat()
    text_format.setBackground(QColor("#eeeeee"))
    return text_format
