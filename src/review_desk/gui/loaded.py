"""A scanned document as the window shows it: its text, and each recorded finding matched to the
scan's finding by (type, block, start, end) for its value and its explanation. The record holds
neither (POLICY.md §9), so a document resumed from the store is scanned again to show them.

Built off the UI thread (``prepare``): on a 160,000-row sheet the indexes take a second.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass

from review_desk.core.document import BlockKind, Document
from review_desk.core.findings import Finding, FindingType, Proposal
from review_desk.core.heap import paused_collector
from review_desk.core.review import RecordedFinding, Review
from review_desk.gui.summary import DocSummary
from review_desk.gui.tasks import Scanned

#: New objects that make a document big enough to keep out of the collector's walks.
_BIG = 10_000

FindingKey = tuple[FindingType, str, int, int]
#: Block id → indices of the review's findings in it, and how many findings it covers (a
#: finding added later is looked up by itself).
FindingIndex = tuple[dict[str, list[int]], int]

#: Why a finding was flagged when the scan has no such finding (the reviewer marked it).
ADDED_BY_HAND = "审查人手工添加"


@dataclass(frozen=True)
class SheetGrid:
    """A workbook's cells as one grid for a lazy table view: each sheet's rows one after the
    other, and the blocks that are not cells (properties, comments) as rows of their own."""

    rows: list[tuple[int, ...]]
    #: The vertical header of each grid row: "sheet row" or the kind of a block that is no cell.
    labels: list[str]
    columns: int
    #: Grid row of each block (by its index in the document).
    row_of: list[int]

    @classmethod
    def of(cls, document: Document) -> SheetGrid | None:
        if not any(b.kind == BlockKind.SHEET_CELL for b in document.blocks[:1000]):
            return None
        columns = 1 + max(
            (b.column or 0) for b in document.blocks if b.kind == BlockKind.SHEET_CELL
        )
        grid_row: dict[tuple[str, int], int] = {}
        rows: list[list[int]] = []
        labels: list[str] = []
        row_of = [0] * len(document.blocks)
        for index, block in enumerate(document.blocks):
            if block.kind == BlockKind.SHEET_CELL and block.column is not None:
                key = (block.id.rsplit(":r", 1)[0], block.row or 0)
                at = grid_row.get(key)
                if at is None:
                    at = grid_row[key] = len(rows)
                    rows.append([-1] * columns)
                    labels.append(f"{block.sheet or key[0]} {key[1] + 1}")
                rows[at][block.column] = index
            else:
                at = len(rows)
                rows.append([index] + [-1] * (columns - 1))
                labels.append("")  # the view names the kind of block, translated
            row_of[index] = at
        return cls([tuple(r) for r in rows], labels, columns, row_of)


@dataclass(frozen=True)
class LoadedDocument:
    doc_id: str
    path: str
    document: Document
    findings: dict[FindingKey, Finding]
    block_order: dict[str, int]
    proposal: Proposal
    grid: SheetGrid | None = None

    @classmethod
    def of(
        cls, doc_id: str, path: str, document: Document, findings: list[Finding], proposal: Proposal
    ) -> LoadedDocument:
        keyed = {(f.type, f.block, f.start, f.end): f for f in findings}
        order = {block.id: i for i, block in enumerate(document.blocks)}
        if document.blocks:
            document.block(document.blocks[0].id)  # builds the document's own id index now
        return cls(doc_id, path, document, keyed, order, proposal, SheetGrid.of(document))

    def text_of(self, finding: RecordedFinding) -> str:
        index = self.block_order.get(finding.block)
        if index is None:
            return ""
        return self.document.blocks[index].text[finding.start : finding.end]

    def explanation(self, finding: RecordedFinding) -> str:
        if finding.detector == "reviewer":
            return ADDED_BY_HAND
        found = self.findings.get((finding.type, finding.block, finding.start, finding.end))
        return found.explanation if found is not None else ""


@dataclass(frozen=True)
class Ready:
    """A scan, prepared for the window."""

    path: str
    doc_id: str
    loaded: LoadedDocument
    summary: DocSummary


def index_findings(review: Review) -> FindingIndex:
    by_block: dict[str, list[int]] = {}
    for finding in review.findings:
        by_block.setdefault(finding.block, []).append(finding.index)
    return by_block, len(review.findings)


def prepare(message: object) -> object:
    """Runs on the worker's thread: a scan becomes a :class:`Ready`, other messages pass."""
    if not isinstance(message, Scanned):
        return message
    outcome = message.outcome
    loaded = LoadedDocument.of(
        message.doc_id, message.path, outcome.document, outcome.findings, outcome.proposal
    )
    return Ready(message.path, message.doc_id, loaded, message.summary)


def quiet_heap() -> AbstractContextManager[None]:
    """No cyclic collection while a document is received and indexed, and a big one frozen
    afterwards. A full collection walks every object in the process while holding the
    interpreter lock: with the 1.1 million blocks of the big sheet loaded, each one would stall
    the window for a second or more, during the receiving and at every later full collection.
    A document holds no cycles; reference counting still frees it when it is dropped."""
    return paused_collector(_BIG)
