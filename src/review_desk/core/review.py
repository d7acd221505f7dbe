"""The review of one document: a state machine folded from its recorded events.

ARCHITECTURE.md "Review and audit": ``scanned → in_review → decided → approved | returned →
exported``, a returned document going back to ``in_review``. Every change is an :class:`Event`;
the audit store appends it to the hash chain and rebuilds a :class:`Review` by replaying them, so
the state a window or a command sees is never a copy of its own. The events hold positions,
types, counts and keyed hashes of values, never a value (POLICY.md §9).

Illegal steps raise :class:`ReviewError` subclasses with a Chinese message and an English key.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from review_desk.core.errors import ReviewDeskError
from review_desk.core.findings import Action, Attribute, FindingType, Ground
from review_desk.core.withheld import allows_withheld_pages


class ReviewState(StrEnum):
    SCANNED = "scanned"
    IN_REVIEW = "in_review"
    DECIDED = "decided"
    APPROVED = "approved"
    RETURNED = "returned"
    EXPORTED = "exported"


STATE_LABELS: dict[ReviewState, str] = {
    ReviewState.SCANNED: "已扫描",
    ReviewState.IN_REVIEW: "审查中",
    ReviewState.DECIDED: "待审核",
    ReviewState.APPROVED: "已审核",
    ReviewState.RETURNED: "已退回",
    ReviewState.EXPORTED: "已导出",
}


class Decision(StrEnum):
    """What the reviewer does with one finding."""

    KEEP = "keep"
    REDACT = "redact"
    EDIT_MASK = "edit"


DECISION_LABELS: dict[Decision, str] = {
    Decision.KEEP: "保留",
    Decision.REDACT: "删除/遮盖",
    Decision.EDIT_MASK: "自定义遮盖",
}


class EventKind(StrEnum):
    DOCUMENT_REGISTERED = "document_registered"
    SCAN_RECORDED = "scan_recorded"
    #: The rest of a scan's findings, after the first chunk in its scan_recorded event.
    FINDINGS_RECORDED = "findings_recorded"
    REVIEW_STARTED = "review_started"
    FINDING_DECIDED = "finding_decided"
    FINDING_ADDED = "finding_added"
    PROPOSALS_ACCEPTED = "proposals_accepted"
    DOCUMENT_DECIDED = "document_decided"
    APPROVED = "approved"
    RETURNED = "returned"
    EXPORTED = "exported"
    #: Not of a document: a review log, 审查单 or statistics export, a store setting changed.
    LOG_EXPORTED = "log_exported"
    STORE_CONFIGURED = "store_configured"
    #: A redacted copy whose self-check found a value: deleted, recorded, no transition.
    EXPORT_REFUSED = "export_refused"
    #: A reviewer looked at a page whose text could not be read (a scan OCR could not read);
    #: ``withhold: true`` in its payload withholds the whole page (core/withheld.py).
    PAGE_CONFIRMED = "page_confirmed"


#: Grounds that turn a privacy ground back into disclosure: only with a written reason (§2).
REASON_REQUIRED = frozenset({Ground.PUBLIC_INTEREST_OVERRIDE, Ground.THIRD_PARTY_CONSENT})


class ReviewError(ReviewDeskError):
    key = "review_error"
    summary = "审查操作不允许"


class IllegalTransitionError(ReviewError):
    key = "illegal_transition"
    summary = "当前状态下不能进行此操作"


class UndecidedFindingsError(ReviewError):
    key = "undecided_findings"
    summary = "仍有待人工判断的发现未作决定，不能审核通过"


class SelfApprovalError(ReviewError):
    key = "self_approval"
    summary = "审核人不能审核自己作出的决定（双人审核）"


class NotApprovedError(ReviewError):
    key = "not_approved"
    summary = "文件尚未审核通过，不能导出"


class UnreadPagesError(ReviewError):
    key = "unread_pages"
    summary = "有未能识别文字的页面尚未经人工确认，不能审核通过"


class WithheldPageAttributeError(ReviewError):
    key = "withheld_page_proactive"
    summary = "有整页不公开的页面，公开属性须为删减后公开（或依申请公开、不予公开），不能主动公开"


class ReasonRequiredError(ReviewError):
    key = "reason_required"
    summary = "以公共利益或第三方同意为由公开，必须写明理由"


class UnknownFindingError(ReviewError):
    key = "unknown_finding"
    summary = "没有这条发现"


class InvalidSpanError(ReviewError):
    key = "invalid_span"
    summary = "手工添加的发现位置无效"


@dataclass(frozen=True, slots=True)
class Event:
    """One recorded step of a document's review; ``payload`` is JSON-ready and value-free."""

    kind: EventKind
    doc_id: str
    actor: str
    payload: Mapping[str, Any]


#: Findings per event of a recorded scan (about 1 MB of JSON, parsed in ~10 ms).
SCAN_CHUNK = 10_000

#: The columns of :meth:`RecordedFinding.to_row`, written once into each scan event.
FINDING_ROW_FIELDS = (
    "type",
    "block",
    "start",
    "end",
    "proposed",
    "value_hmac",
    "score",
    "detector",
)


@dataclass(frozen=True, slots=True)
class RecordedFinding:
    """A finding as the record keeps it: where, what type, the proposal, a keyed hash of the
    value (for de-duplication across documents), never the value."""

    index: int
    type: FindingType
    block: str
    start: int
    end: int
    proposed: Action | None
    value_hmac: str
    score: float = 1.0
    detector: str = ""

    @property
    def length(self) -> int:
        return self.end - self.start

    def to_payload(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "type": str(self.type),
            "block": self.block,
            "start": self.start,
            "end": self.end,
            "length": self.length,
            "proposed": str(self.proposed) if self.proposed is not None else None,
            "value_hmac": self.value_hmac,
            "score": round(self.score, 4),
            "detector": self.detector,
        }

    def to_row(self) -> list[Any]:
        """The compact form of a scan's findings (a 160,000-row sheet has ~640,000)."""
        proposed = str(self.proposed) if self.proposed is not None else None
        row: list[Any] = [str(self.type), self.block, self.start, self.end, proposed]
        return [*row, self.value_hmac, round(self.score, 4), self.detector]

    @classmethod
    def from_row(cls, index: int, row: Sequence[Any]) -> RecordedFinding:
        type_, block, start, end, proposed, value_hmac, score, detector = row
        action = Action(proposed) if proposed is not None else None
        return cls(
            index, FindingType(type_), block, start, end, action, value_hmac, score, detector
        )

    @classmethod
    def from_payload(cls, data: Mapping[str, Any]) -> RecordedFinding:
        proposed = data.get("proposed")
        return cls(
            index=int(data["index"]),
            type=FindingType(data["type"]),
            block=str(data["block"]),
            start=int(data["start"]),
            end=int(data["end"]),
            proposed=Action(proposed) if proposed is not None else None,
            value_hmac=str(data["value_hmac"]),
            score=float(data.get("score", 1.0)),
            detector=str(data.get("detector", "")),
        )


@dataclass(frozen=True, slots=True)
class FindingDecision:
    """The reviewer's decision on one finding; an edit mask keeps the first ``keep_start`` and
    the last ``keep_end`` characters and masks the rest (counts, so no value is recorded)."""

    index: int
    decision: Decision
    actor: str
    reason: str = ""
    keep_start: int = 0
    keep_end: int = 0


@dataclass(frozen=True, slots=True)
class DocumentDecision:
    attribute: Attribute
    grounds: tuple[Ground, ...]
    basis: tuple[str, ...]
    reason: str
    actor: str


@dataclass(frozen=True, slots=True)
class ProposalRecord:
    """The tool's proposal as recorded with the scan (reasons name types and counts only)."""

    attribute: Attribute
    grounds: tuple[Ground, ...] = ()
    basis: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    conflicts: tuple[str, ...] = ()
    #: Pages whose text could not be read: each must be confirmed by hand before approval.
    unread_pages: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Verdict:
    """An approval or a return, with the approver's note."""

    approved: bool
    actor: str
    note: str


@dataclass
class Review:
    """The state of one document's review, rebuilt from its events by :meth:`apply`."""

    doc_id: str
    state: ReviewState = ReviewState.SCANNED
    sha256: str = ""
    file_name: str = ""
    meta: dict[str, str] = field(default_factory=dict)
    proposal: ProposalRecord | None = None
    findings: list[RecordedFinding] = field(default_factory=list)
    decisions: dict[int, FindingDecision] = field(default_factory=dict)
    reviewer: str | None = None
    document_decision: DocumentDecision | None = None
    verdicts: list[Verdict] = field(default_factory=list)
    exports: list[Mapping[str, Any]] = field(default_factory=list)
    confirmed_pages: set[int] = field(default_factory=set)
    #: Confirmed pages withheld whole: the redacted copy has a blank page in their place.
    withheld_pages: set[int] = field(default_factory=set)

    # --- queries -------------------------------------------------------------------------

    @property
    def undecided(self) -> list[RecordedFinding]:
        """Findings the reviewer must still decide: every ``review`` finding, and any finding
        added by hand, without a decision."""
        return [
            f
            for f in self.findings
            if f.index not in self.decisions and f.proposed in (Action.REVIEW, None)
        ]

    @property
    def unconfirmed_pages(self) -> list[int]:
        """Unread pages (a scan OCR could not read) no reviewer has confirmed by hand yet."""
        unread = self.proposal.unread_pages if self.proposal is not None else ()
        return [page for page in unread if page not in self.confirmed_pages]

    def effective_decision(self, finding: RecordedFinding) -> Decision:
        """The decision that holds for a finding: the reviewer's, else the proposal's (a
        ``review`` finding without a decision is redacted, which is the leak-safe side)."""
        decided = self.decisions.get(finding.index)
        if decided is not None:
            return decided.decision
        return Decision.KEEP if finding.proposed == Action.KEEP else Decision.REDACT

    @property
    def approver(self) -> str | None:
        last = self.verdicts[-1] if self.verdicts else None
        return last.actor if last is not None and last.approved else None

    # --- commands: each checks the machine and returns the event to record --------------

    def register(self, sha256: str, file_name: str, path: str, meta: Mapping[str, str]) -> Event:
        if self.sha256:
            raise IllegalTransitionError("文件已登记")
        payload = {"sha256": sha256, "file_name": file_name, "path": path, "meta": dict(meta)}
        return self._event(EventKind.DOCUMENT_REGISTERED, "", payload)

    def record_scan(
        self, actor: str, proposal: ProposalRecord, findings: Sequence[RecordedFinding]
    ) -> list[Event]:
        """A (re-)scan replaces the findings and clears their decisions: allowed until the
        document is decided. The findings are written in chunks of ``SCAN_CHUNK`` (one event
        each): a 160,000-row sheet's 640,000 would be one 70 MB row, parsed in one call that
        holds the interpreter for seconds (the window freezes)."""
        self._require(
            {ReviewState.SCANNED, ReviewState.IN_REVIEW, ReviewState.RETURNED}, "重新扫描"
        )
        payload = {
            "proposal": {
                "attribute": str(proposal.attribute),
                "grounds": [str(g) for g in proposal.grounds],
                "basis": list(proposal.basis),
                "reasons": list(proposal.reasons),
                "conflicts": list(proposal.conflicts),
                "unread_pages": list(proposal.unread_pages),
            },
            "fields": list(FINDING_ROW_FIELDS),
            "findings": [f.to_row() for f in findings[:SCAN_CHUNK]],
            "total": len(findings),
        }
        head = self._event(EventKind.SCAN_RECORDED, actor, payload)
        chunks = [
            self._event(
                EventKind.FINDINGS_RECORDED,
                actor,
                {"findings": [f.to_row() for f in findings[start : start + SCAN_CHUNK]]},
            )
            for start in range(SCAN_CHUNK, len(findings), SCAN_CHUNK)
        ]
        return [head, *chunks]

    def start(self, actor: str) -> Event:
        if self.proposal is None:
            raise IllegalTransitionError("尚未扫描，不能开始审查")
        self._require({ReviewState.SCANNED, ReviewState.RETURNED}, "开始审查")
        return self._event(EventKind.REVIEW_STARTED, actor, {})

    def decide_finding(
        self,
        index: int,
        decision: Decision,
        actor: str,
        reason: str = "",
        keep: tuple[int, int] = (0, 0),
    ) -> Event:
        self._require_editable()
        finding = self._finding(index)
        if decision == Decision.EDIT_MASK and sum(keep) >= finding.length:
            raise InvalidSpanError("自定义遮盖至少要遮住一个字符")
        payload = {"index": index, "decision": str(decision), "reason": reason}
        if decision == Decision.EDIT_MASK:
            payload |= {"keep_start": keep[0], "keep_end": keep[1]}
        return self._event(EventKind.FINDING_DECIDED, actor, payload)

    def confirm_page(self, page: int, actor: str, note: str = "", withhold: bool = False) -> Event:
        """The reviewer has read an unread page by hand (on the page image) and recorded what
        it holds as findings or decisions, or ``withhold``s it whole; the approval waits for
        every such page. The last confirmation of a page says whether it is withheld."""
        self._require_editable()
        unread = self.proposal.unread_pages if self.proposal is not None else ()
        if page not in unread:
            raise IllegalTransitionError(f"第 {page} 页不是未能识别的页面")
        payload: dict[str, Any] = {"page": page, "note": note}
        if withhold:
            payload["withhold"] = True  # absent, as in older stores: not withheld
        return self._event(EventKind.PAGE_CONFIRMED, actor, payload)

    def accept_proposals(self, actor: str) -> Event:
        """Batch review: every finding not yet decided takes its proposal as ``actor``'s decision,
        ``review`` ones as redact (leak-safe); one event, counts only."""
        self._require_editable()
        undecided = [f for f in self.findings if f.index not in self.decisions]
        payload = {
            "decided": len(undecided),
            "review_as_redact": sum(f.proposed == Action.REVIEW for f in undecided),
        }
        return self._event(EventKind.PROPOSALS_ACCEPTED, actor, payload)

    def add_finding(
        self,
        type_: FindingType,
        block: str,
        span: tuple[int, int],
        value_hmac: str,
        actor: str,
        block_length: int | None = None,
    ) -> Event:
        self._require_editable()
        start, end = span
        if start < 0 or end <= start or (block_length is not None and end > block_length):
            raise InvalidSpanError(f"{block} [{start}, {end})")
        added = RecordedFinding(
            len(self.findings), type_, block, start, end, None, value_hmac, 1.0, "reviewer"
        )
        return self._event(EventKind.FINDING_ADDED, actor, added.to_payload())

    def decide_document(
        self,
        attribute: Attribute,
        grounds: Sequence[Ground],
        basis: Sequence[str],
        reason: str,
        actor: str,
    ) -> Event:
        self._require_editable()
        if REASON_REQUIRED.intersection(grounds) and not reason.strip():
            raise ReasonRequiredError()
        self._check_withheld(attribute)
        payload = {
            "attribute": str(attribute),
            "grounds": [str(g) for g in grounds],
            "basis": list(basis),
            "reason": reason,
        }
        return self._event(EventKind.DOCUMENT_DECIDED, actor, payload)

    def approve(self, actor: str, note: str = "", four_eyes: bool = True) -> Event:
        self._require({ReviewState.DECIDED}, "审核通过")
        if self.undecided:
            raise UndecidedFindingsError(f"{len(self.undecided)} 处")
        if self.unconfirmed_pages:
            pages = "、".join(str(page) for page in self.unconfirmed_pages)
            raise UnreadPagesError(f"第 {pages} 页")
        if self.document_decision is not None:
            self._check_withheld(self.document_decision.attribute)
        if four_eyes and self._decided_by(actor):
            raise SelfApprovalError(actor)
        return self._event(EventKind.APPROVED, actor, {"note": note})

    def return_(self, actor: str, note: str, four_eyes: bool = True) -> Event:
        self._require({ReviewState.DECIDED}, "退回")
        if four_eyes and self._decided_by(actor):
            raise SelfApprovalError(actor)
        return self._event(EventKind.RETURNED, actor, {"note": note})

    def export(self, actor: str, payload: Mapping[str, Any]) -> Event:
        """An export of the redacted copy (a log or a 审查单 is recorded by the store without a
        transition): only after approval."""
        if self.state not in (ReviewState.APPROVED, ReviewState.EXPORTED):
            raise NotApprovedError(STATE_LABELS[self.state])
        return self._event(EventKind.EXPORTED, actor, payload)

    def refuse_export(self, actor: str, residues: int) -> Event:
        return self._event(EventKind.EXPORT_REFUSED, actor, {"residues": residues})

    def export_unapproved(self, actor: str, payload: Mapping[str, Any]) -> Event:
        """Batch mode (``redact --accept-proposals``): an export of a decided, not approved
        document, marked as such in the trail; the office may forbid it in its rules."""
        self._require({ReviewState.DECIDED, ReviewState.APPROVED, ReviewState.EXPORTED}, "导出")
        return self._event(EventKind.EXPORTED, actor, {**payload, "unapproved_batch": True})

    # --- folding -------------------------------------------------------------------------

    def apply(self, event: Event) -> None:
        """Advance by one recorded event (the store replays them in chain order); a log export
        of the document changes nothing."""
        handler = _APPLY.get(event.kind)
        if handler is not None:
            handler(self, event)

    @classmethod
    def replay(cls, doc_id: str, events: Iterable[Event]) -> Review:
        review = cls(doc_id)
        for event in events:
            review.apply(event)
        return review

    def _registered(self, event: Event) -> None:
        self.sha256 = str(event.payload["sha256"])
        self.file_name = str(event.payload.get("file_name", ""))
        self.meta = {str(k): str(v) for k, v in event.payload.get("meta", {}).items()}

    def _scanned(self, event: Event) -> None:
        p = event.payload["proposal"]
        self.proposal = ProposalRecord(
            Attribute(p["attribute"]),
            tuple(Ground(g) for g in p.get("grounds", ())),
            tuple(p.get("basis", ())),
            tuple(p.get("reasons", ())),
            tuple(p.get("conflicts", ())),
            tuple(int(page) for page in p.get("unread_pages", ())),
        )
        rows = event.payload["findings"]
        self.findings = [RecordedFinding.from_row(i, row) for i, row in enumerate(rows)]
        self.decisions = {}
        self.confirmed_pages = set()
        self.withheld_pages = set()
        self.state = ReviewState.SCANNED

    def _findings_recorded(self, event: Event) -> None:
        first = len(self.findings)
        rows = event.payload["findings"]
        self.findings.extend(RecordedFinding.from_row(first + i, row) for i, row in enumerate(rows))

    def _started(self, event: Event) -> None:
        self.reviewer = event.actor
        self.state = ReviewState.IN_REVIEW

    def _finding_decided(self, event: Event) -> None:
        p = event.payload
        index = int(p["index"])
        self.decisions[index] = FindingDecision(
            index,
            Decision(p["decision"]),
            event.actor,
            str(p.get("reason", "")),
            int(p.get("keep_start", 0)),
            int(p.get("keep_end", 0)),
        )
        self._reopen()

    def _proposals_accepted(self, event: Event) -> None:
        for finding in self.findings:
            if finding.index not in self.decisions:
                decision = Decision.KEEP if finding.proposed == Action.KEEP else Decision.REDACT
                self.decisions[finding.index] = FindingDecision(
                    finding.index, decision, event.actor, "批量接受建议"
                )
        self._reopen()

    def _finding_added(self, event: Event) -> None:
        self.findings.append(RecordedFinding.from_payload(event.payload))
        self._reopen()

    def _page_confirmed(self, event: Event) -> None:
        page = int(event.payload["page"])
        self.confirmed_pages.add(page)
        if event.payload.get("withhold", False):
            self.withheld_pages.add(page)
        else:
            self.withheld_pages.discard(page)
        self._reopen()

    def _document_decided(self, event: Event) -> None:
        p = event.payload
        self.document_decision = DocumentDecision(
            Attribute(p["attribute"]),
            tuple(Ground(g) for g in p["grounds"]),
            tuple(p["basis"]),
            str(p.get("reason", "")),
            event.actor,
        )
        self.state = ReviewState.DECIDED

    def _approved(self, event: Event) -> None:
        self.verdicts.append(Verdict(True, event.actor, str(event.payload.get("note", ""))))
        self.state = ReviewState.APPROVED

    def _returned(self, event: Event) -> None:
        self.verdicts.append(Verdict(False, event.actor, str(event.payload.get("note", ""))))
        self.state = ReviewState.RETURNED

    def _exported(self, event: Event) -> None:
        self.exports.append(dict(event.payload))
        self.state = ReviewState.EXPORTED

    # --- helpers -------------------------------------------------------------------------

    def _reopen(self) -> None:
        """A change after the document decision sends it back for a new document decision."""
        if self.state == ReviewState.DECIDED:
            self.state = ReviewState.IN_REVIEW

    def _require(self, allowed: set[ReviewState], what: str) -> None:
        if self.state not in allowed:
            raise IllegalTransitionError(f"{STATE_LABELS[self.state]}，不能{what}")

    def _check_withheld(self, attribute: Attribute) -> None:
        if self.withheld_pages and not allows_withheld_pages(attribute):
            pages = "、".join(str(page) for page in sorted(self.withheld_pages))
            raise WithheldPageAttributeError(f"第 {pages} 页整页不公开")

    def _require_editable(self) -> None:
        self._require({ReviewState.IN_REVIEW, ReviewState.DECIDED}, "修改审查决定")

    def _finding(self, index: int) -> RecordedFinding:
        if not 0 <= index < len(self.findings):
            raise UnknownFindingError(f"第 {index} 条")
        return self.findings[index]

    def _decided_by(self, actor: str) -> bool:
        """Whether ``actor`` reviewed this round: started it or made the document decision."""
        decision = self.document_decision
        return actor == self.reviewer or (decision is not None and decision.actor == actor)

    def _event(self, kind: EventKind, actor: str, payload: Mapping[str, Any]) -> Event:
        return Event(kind, self.doc_id, actor, payload)


_APPLY = {
    EventKind.DOCUMENT_REGISTERED: Review._registered,
    EventKind.SCAN_RECORDED: Review._scanned,
    EventKind.FINDINGS_RECORDED: Review._findings_recorded,
    EventKind.REVIEW_STARTED: Review._started,
    EventKind.FINDING_DECIDED: Review._finding_decided,
    EventKind.FINDING_ADDED: Review._finding_added,
    EventKind.PROPOSALS_ACCEPTED: Review._proposals_accepted,
    EventKind.DOCUMENT_DECIDED: Review._document_decided,
    EventKind.APPROVED: Review._approved,
    EventKind.RETURNED: Review._returned,
    EventKind.EXPORTED: Review._exported,
    EventKind.PAGE_CONFIRMED: Review._page_confirmed,
}
