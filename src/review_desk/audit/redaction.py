"""The audited redacted export (ARCHITECTURE.md "Export"): the recorded decisions of a document
become the redactions of its copy, and the copy's hash, its self-check and the chain head it
carries are recorded in the trail.

A copy is made only of the file that was reviewed (same SHA-256), and only after approval,
unless the office allows the batch mode that records the tool's proposals as the decisions of
the user running it and marks the export as unapproved. Pages withheld whole (core/withheld.py)
are blank pages with their note in the copy.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from review_desk.audit import workflow
from review_desk.audit.errors import StoreError, UnknownDocumentError
from review_desk.audit.store import Store
from review_desk.core.document import Document
from review_desk.core.errors import ReviewDeskError
from review_desk.core.review import Decision, Review, ReviewState
from review_desk.redact import Redaction, ResidueError, redact_file


class BatchExportForbiddenError(ReviewDeskError):
    key = "batch_export_forbidden"
    summary = "本单位规则（rules/policy.yaml 的 review.batch_export）不允许未经审核的批量导出"


class NotReviewedError(StoreError):
    key = "not_reviewed"
    summary = "该文件尚未在审查记录库中审查"


class ChangedSinceReviewError(StoreError):
    key = "changed_since_review"
    summary = "文件在审查后被改动（SHA-256 与审查时不同），请重新审查"


@dataclass(frozen=True)
class ExportedCopy:
    doc_id: str
    output: Path
    sha256: str
    redactions: int
    chain_head: str
    review_as_redact: int = 0


def redactions_of(review: Review) -> list[Redaction]:
    """The spans the copy removes: every finding whose decision in force is redact or an edit
    mask (a ``review`` finding nobody decided is redacted: the leak-safe side)."""
    spans: list[Redaction] = []
    for finding in review.findings:
        decision = review.effective_decision(finding)
        if decision == Decision.KEEP:
            continue
        keep = review.decisions.get(finding.index)
        edited = decision == Decision.EDIT_MASK and keep is not None
        spans.append(
            Redaction(
                finding.block,
                finding.start,
                finding.end,
                finding.type,
                keep.keep_start if edited and keep else None,
                keep.keep_end if edited and keep else None,
            )
        )
    return spans


def export_approved(
    store: Store, path: Path, document: Document, out_dir: Path, actor: str
) -> ExportedCopy:
    doc_id = _reviewed_doc(store, path, document)
    review = store.review(doc_id)
    if review.state not in (ReviewState.APPROVED, ReviewState.EXPORTED):
        review.export(actor, {})  # raises NotApprovedError naming the state
    return _export(store, doc_id, path, document, out_dir, actor, unapproved=False)


def export_batch(
    store: Store, path: Path, out_dir: Path, actor: str, allowed: bool
) -> ExportedCopy:
    """Scan, record the proposals as ``actor``'s decisions, export marked as unapproved."""
    if not allowed:
        raise BatchExportForbiddenError("", path)
    from review_desk.scan import scan_document

    outcome = scan_document(path)
    doc_id = workflow.record_scan(store, outcome, actor)
    review_as_redact = 0
    if store.review(doc_id).state in (
        ReviewState.SCANNED,
        ReviewState.IN_REVIEW,
        ReviewState.RETURNED,
    ):
        review_as_redact = workflow.accept_proposals(store, doc_id, actor).review_as_redact
    copy = _export(store, doc_id, path, outcome.document, out_dir, actor, unapproved=True)
    return ExportedCopy(
        copy.doc_id, copy.output, copy.sha256, copy.redactions, copy.chain_head, review_as_redact
    )


def _reviewed_doc(store: Store, path: Path, document: Document) -> str:
    doc_id = workflow.doc_id_of(document.sha256)
    try:
        store.review(doc_id)
        return doc_id
    except UnknownDocumentError:
        pass
    try:
        store.find(str(path))
    except UnknownDocumentError:
        raise NotReviewedError("", path) from None
    raise ChangedSinceReviewError("", path)


def _export(
    store: Store,
    doc_id: str,
    path: Path,
    document: Document,
    out_dir: Path,
    actor: str,
    unapproved: bool,
) -> ExportedCopy:
    review = store.review(doc_id)
    spans = redactions_of(review)
    head = store.head()
    withheld = frozenset(review.withheld_pages)
    try:
        result = redact_file(
            path, document, spans, out_dir, chain_head=head, withheld_pages=withheld
        )
    except ResidueError as exc:
        residues = len(exc.places)
        store.transact(doc_id, lambda r: [r.refuse_export(actor, residues)])
        raise
    payload = {
        "kind": "redacted_copy",
        "outputs": [{"name": result.output.name, "sha256": result.sha256}],
        "chain_head": head,
        "verified": result.verified,
        "redactions": result.redactions,
        "withheld_pages": sorted(withheld),
    }
    command = (
        (lambda r: [r.export_unapproved(actor, payload)])
        if unapproved
        else (lambda r: [r.export(actor, payload)])
    )
    store.transact(doc_id, command)
    return ExportedCopy(doc_id, result.output, result.sha256, result.redactions, head)
