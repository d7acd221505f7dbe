"""One line of the document queue, folded from a document's record (Qt-free: a scan in a child
process sends it back with the scan, so the window never replays a big record to show a row)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from review_desk.audit.records import DocumentRecord
from review_desk.core.findings import Attribute, FindingType
from review_desk.core.review import EventKind, ReviewState


@dataclass(frozen=True)
class DocSummary:
    doc_id: str
    file_name: str
    path: str
    state: ReviewState
    proposed: Attribute | None
    decided: Attribute | None
    counts: tuple[tuple[FindingType, int], ...]
    undecided: int
    reviewer: str
    approver: str
    #: The approver's note when the document came back (shown until it is decided again).
    returned_note: str = ""
    returned_by: str = ""


def summarise(record: DocumentRecord) -> DocSummary:
    review = record.review
    counts = Counter(f.type for f in review.findings)
    registered = record.events[0].event.payload if record.events else {}
    decision = review.document_decision
    note, by = _returned(record)
    return DocSummary(
        doc_id=review.doc_id,
        file_name=review.file_name,
        path=str(registered.get("path", "")),
        state=review.state,
        proposed=review.proposal.attribute if review.proposal is not None else None,
        decided=decision.attribute if decision is not None else None,
        counts=tuple(sorted(counts.items(), key=lambda item: -item[1])),
        undecided=len(review.undecided),
        reviewer=review.reviewer or "",
        approver=review.approver or "",
        returned_note=note,
        returned_by=by,
    )


def _returned(record: DocumentRecord) -> tuple[str, str]:
    """The last return's note while its round is open (no document decision since)."""
    verdict, decided = record.verdict, record.decided
    if verdict is None or verdict.event.kind != EventKind.RETURNED:
        return "", ""
    if decided is not None and decided.seq > verdict.seq:
        return "", ""
    return str(verdict.event.payload.get("note", "")), verdict.event.actor
