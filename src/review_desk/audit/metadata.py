"""What the review log says about a document besides its findings (POLICY.md §9): its title,
文号 and 索引号, read from the first lines the way a reviewer would read them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from review_desk.core.document import BlockKind, Document
from review_desk.core.findings import PERSONAL_TYPES, Finding

#: A 发文字号 such as 鲁民〔2011〕1号 or 国办发[2019]15号 (GB/T 9704-2012 §7.2.4).
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,10}[〔\[［(（]\d{4}[〕\]］)）]\s*\d{1,5}\s*号")
_INDEX_NUMBER = re.compile(r"索\s*引\s*号\s*[:：]\s*([0-9A-Za-z/\-_.]{6,60})")
#: Lines read for the title and numbers: the head of a document, not its body.
_HEAD_BLOCKS = 12
_TITLE_MAX = 80
_TITLE_KINDS = frozenset({BlockKind.PARAGRAPH, BlockKind.PDF_LINE, BlockKind.SHEET_CELL})


def document_meta(document: Document, findings: Sequence[Finding]) -> dict[str, str]:
    """``findings``: a line holding a personal finding is never a title (the record holds no
    values, and "关于王秀兰的低保公示" would be one)."""
    personal = {f.block for f in findings if f.type in PERSONAL_TYPES}
    head = [
        b
        for b in document.blocks[: _HEAD_BLOCKS * 4]
        if b.kind in _TITLE_KINDS and not b.hidden and b.text.strip()
    ][:_HEAD_BLOCKS]
    head = [b for b in head if b.id not in personal]
    meta: dict[str, str] = {"format": document.format}
    title = _title(b.text.strip() for b in head)
    if title:
        meta["title"] = title
    for block in document.blocks[:200]:
        if "doc_number" not in meta and (found := _DOC_NUMBER.search(block.text)):
            meta["doc_number"] = found.group(0)
        if "index_number" not in meta and (found_index := _INDEX_NUMBER.search(block.text)):
            meta["index_number"] = found_index.group(1)
    return meta


def _title(lines: Iterable[str]) -> str:
    """The first line that reads as a title: not a number, a marking line or a date."""
    for text in lines:
        if len(text) > _TITLE_MAX or _DOC_NUMBER.fullmatch(text) or text.isdigit():
            continue
        if "★" in text or text.startswith(("索引号", "发布日期", "来源")):
            continue
        return text
    return ""
