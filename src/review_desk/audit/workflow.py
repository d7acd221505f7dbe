"""The review steps the CLI and the GUI share: each one a state-machine command run inside the
store's append transaction (see :meth:`Store.transact`)."""

from __future__ import annotations

import getpass
import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from review_desk.audit.keys import value_hmac
from review_desk.audit.metadata import document_meta
from review_desk.audit.records import StoredEvent
from review_desk.audit.store import Store
from review_desk.core.document import Notice
from review_desk.core.findings import Finding, Proposal
from review_desk.core.review import (
    Event,
    EventKind,
    ProposalRecord,
    RecordedFinding,
    Review,
    ReviewState,
)
from review_desk.core.withheld import WITHHELD_GROUND, settled_attribute
from review_desk.scan import ScanOutcome

USER_ENV = "REVIEW_DESK_USER"


def current_user() -> str:
    """Who is working: ``REVIEW_DESK_USER`` (a display name from settings), else the OS user."""
    named = os.environ.get(USER_ENV, "").strip()
    if named:
        return named
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def doc_id_of(sha256: str) -> str:
    """A document is its content: the same file registered twice is one document."""
    return sha256[:16]


def record_scan(store: Store, outcome: ScanOutcome, actor: str) -> str:
    """Register the document (once) and record this scan's proposal and findings, value-free.
    A document already decided or approved keeps its record; the scan is not recorded again."""
    document = outcome.document
    doc_id = doc_id_of(document.sha256)
    findings = recorded_findings(outcome.findings)
    proposal = proposal_record(outcome.proposal, outcome.notices)
    path = str(Path(document.path).resolve())

    def command(review: Review) -> Sequence[Event]:
        new: list[Event] = []
        if not review.sha256:
            meta = document_meta(document, outcome.findings)
            new.append(review.register(document.sha256, Path(path).name, path, meta))
            new.extend(review.record_scan(actor, proposal, findings))
        elif review.state in (ReviewState.SCANNED, ReviewState.RETURNED):
            new.extend(review.record_scan(actor, proposal, findings))
        return new

    store.transact(doc_id, command)
    return doc_id


def recorded_findings(findings: Sequence[Finding]) -> list[RecordedFinding]:
    return [
        RecordedFinding(
            i, f.type, f.block, f.start, f.end, f.action, value_hmac(f.text), f.score, f.detector
        )
        for i, f in enumerate(findings)
    ]


def proposal_record(proposal: Proposal, notices: Sequence[Notice] = ()) -> ProposalRecord:
    """The proposal as recorded, with the pages a reviewer must confirm by hand (``needs_ocr``
    notices of the file itself; an embedded document's pages are not the file's)."""
    unread = tuple(
        int(notice.block.removeprefix("pg"))
        for notice in notices
        if notice.key == "needs_ocr" and notice.block and notice.block[2:].isdigit()
    )
    return ProposalRecord(
        proposal.attribute,
        proposal.grounds,
        proposal.basis,
        proposal.reasons,
        proposal.conflicts,
        unread,
    )


def confirm_pages(
    store: Store,
    doc_id: str,
    pages: Sequence[int],
    actor: str,
    note: str = "",
    withhold: Sequence[int] = (),
) -> None:
    """``actor`` has reviewed unread pages by hand, and withholds the pages in ``withhold``
    whole: all of them or none (one transaction). As in the window, the first change to a
    scanned or returned document starts its review."""

    def command(review: Review) -> Sequence[Event]:
        new = [review.start(actor)] if review.state in _STARTABLE else []
        if new:
            review.apply(new[0])  # confirming needs the state the start leads to
        confirmed = [review.confirm_page(page, actor, note) for page in pages]
        withheld = [review.confirm_page(page, actor, note, withhold=True) for page in withhold]
        return [*new, *confirmed, *withheld]

    try:
        store.transact(doc_id, command)
    finally:
        store.forget(doc_id)  # the command advanced the cached review by hand


_STARTABLE = frozenset({ReviewState.SCANNED, ReviewState.RETURNED})


def _privacy_basis() -> tuple[str, ...]:
    from review_desk.policy.rules import load_policy_rules

    return load_policy_rules().grounds[WITHHELD_GROUND]


@dataclass(frozen=True)
class BatchDecision:
    doc_id: str
    decided: int
    review_as_redact: int


def accept_proposals(store: Store, doc_id: str, actor: str) -> BatchDecision:
    """Batch review: ``actor`` starts the review, accepts every proposal (``review`` findings as
    redact) and the proposed attribute — 删减后公开 where a page is withheld whole and the
    proposal was 主动公开 (core/withheld.py) — in one transaction."""
    counts: dict[str, int] = {}

    def command(review: Review) -> Sequence[Event]:
        new = [review.start(actor)] if review.state != ReviewState.IN_REVIEW else []
        if new:
            review.apply(new[0])  # the next commands check the state this one leads to
        accepted = review.accept_proposals(actor)
        counts.update(accepted.payload)
        proposal = review.proposal
        assert proposal is not None, "a started review has a scan"
        settled = settled_attribute(
            proposal.attribute,
            proposal.grounds,
            proposal.basis,
            review.withheld_pages,
            _privacy_basis() if review.withheld_pages else (),
        )
        decided = review.decide_document(*settled, "接受工具建议", actor)
        return [*new, accepted, decided]

    try:
        store.transact(doc_id, command)
    finally:
        store.forget(doc_id)  # the command advanced the cached review by hand
    return BatchDecision(doc_id, counts["decided"], counts["review_as_redact"])


def approve(
    store: Store, doc_id: str, approver: str, note: str = "", four_eyes: bool = True
) -> None:
    store.transact(doc_id, lambda review: [review.approve(approver, note, four_eyes)])


def return_for_rework(
    store: Store, doc_id: str, approver: str, note: str, four_eyes: bool = True
) -> None:
    store.transact(doc_id, lambda review: [review.return_(approver, note, four_eyes)])


def record_log_export(
    store: Store, kind: str, outputs: Sequence[Path], chain_head: str, actor: str, doc_id: str = ""
) -> StoredEvent:
    """An export of the log, a 审查单 or statistics: which files, their SHA-256, and the chain
    head they carry."""
    payload = {"kind": kind, "outputs": file_hashes(outputs), "chain_head": chain_head}
    return store.append([Event(EventKind.LOG_EXPORTED, doc_id, actor, payload)])[0]


def file_hashes(paths: Sequence[Path]) -> list[dict[str, str]]:
    hashes = []
    for path in paths:
        with path.open("rb") as handle:
            digest = hashlib.file_digest(handle, "sha256").hexdigest()
        hashes.append({"name": path.name, "sha256": digest})
    return hashes
