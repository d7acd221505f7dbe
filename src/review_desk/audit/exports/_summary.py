"""What a record says, as the short Chinese text every export prints (POLICY.md §9).

Positions, types, counts and hashes only: the records hold no value, and nothing here makes one.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone

from review_desk.audit.records import DocumentRecord, StoredEvent
from review_desk.core.findings import (
    ATTRIBUTE_LABELS,
    GROUND_LABELS,
    TYPE_LABELS,
    Action,
    Attribute,
    FindingType,
    Ground,
)
from review_desk.core.review import DECISION_LABELS, Decision, RecordedFinding, Review

# China has kept UTC+8 without daylight saving since 1991, so a fixed offset is exact and needs
# no tz database (absent on Windows without the tzdata package).
BEIJING = timezone(timedelta(hours=8), "北京时间")
ZONE_NOTE = "时间均为北京时间（UTC+8）"


#: Detector of a real 国家秘密标志, as opposed to a mention of one (POLICY.md §6).
SECRECY_MARKING_DETECTOR = "secrecy_marking"

VERIFY_NOTE = (
    "链头为“事件序号:哈希值”。用 review-desk log verify 重算审计链，该序号事件的哈希值应与此"
    "一致，否则导出后记录已被改写。"
)

SEP = "；"
LIST_SEP = "、"


def local(moment: datetime) -> datetime:
    """The Beijing wall-clock time of a stored UTC time (a naive one is taken as UTC)."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone(BEIJING)


def time_text(moment: datetime | None) -> str:
    return local(moment).strftime("%Y-%m-%d %H:%M:%S") if moment is not None else ""


def reference(meta: Mapping[str, str]) -> str:
    """文号 and 索引号, whichever the document has."""
    return " / ".join(v for v in (meta.get("doc_number", ""), meta.get("index_number", "")) if v)


def attribute_text(attribute: Attribute | None) -> str:
    return ATTRIBUTE_LABELS[attribute] if attribute is not None else ""


def grounds_text(grounds: Iterable[Ground]) -> str:
    return SEP.join(GROUND_LABELS[g] for g in grounds)


def position(finding: RecordedFinding) -> str:
    """Where a finding is: block id and character span (start inclusive, end exclusive)."""
    return f"{finding.block}:{finding.start}-{finding.end}"


def listed(items: Sequence[str], limit: int) -> str:
    """The first ``limit`` items; a longer list ends with "等 N 处" (N: how many in all)."""
    if len(items) <= limit:
        return LIST_SEP.join(items)
    return f"{LIST_SEP.join(items[:limit])} 等 {len(items)} 处"


def type_counts(findings: Iterable[RecordedFinding]) -> dict[FindingType, int]:
    """Findings per type, in the fixed order of the vocabulary (the same in every row)."""
    counts = Counter(f.type for f in findings)
    return {t: counts[t] for t in FindingType if counts[t]}


def counts_text(counts: Mapping[FindingType, int]) -> str:
    return SEP.join(f"{TYPE_LABELS[t]} {n}" for t, n in counts.items())


def grouped_positions(groups: Mapping[str, Sequence[RecordedFinding]], limit: int) -> str:
    """Positions as "label：pos、pos 等 N 处；…", at most ``limit`` in all, shared between the
    groups so that a 160,000-row sheet still fits in one spreadsheet cell."""
    each = max(1, limit // max(1, len(groups)))
    return SEP.join(
        f"{label}：{listed([position(f) for f in found], each)}" for label, found in groups.items()
    )


def by_type(findings: Iterable[RecordedFinding]) -> dict[str, list[RecordedFinding]]:
    groups: dict[FindingType, list[RecordedFinding]] = defaultdict(list)
    for finding in findings:
        groups[finding.type].append(finding)
    return {TYPE_LABELS[t]: groups[t] for t in FindingType if t in groups}


def decision_counts(review: Review) -> dict[Decision, int]:
    """Findings per decision in force (the reviewer's, else the leak-safe default)."""
    counts = Counter(review.effective_decision(f) for f in review.findings)
    return {d: counts[d] for d in Decision}


def decisions_text(review: Review) -> str:
    counts = decision_counts(review)
    text = SEP.join(f"{DECISION_LABELS[d]} {n}" for d, n in counts.items())
    undecided = len(review.undecided)
    return f"{text}（其中 {undecided} 处待人工判断，暂按删除计）" if undecided else text


@dataclass(frozen=True, slots=True)
class Handled:
    """One finding with the decision in force, how it is handled, and the reviewer's reason."""

    finding: RecordedFinding
    decision: Decision
    method: str
    reason: str


def handled(review: Review, finding: RecordedFinding) -> Handled:
    decision = review.effective_decision(finding)
    recorded = review.decisions.get(finding.index)
    method = DECISION_LABELS[decision]
    if decision == Decision.EDIT_MASK and recorded is not None:
        method = f"{method}（保留前 {recorded.keep_start} 后 {recorded.keep_end} 字）"
    return Handled(finding, decision, method, recorded.reason if recorded is not None else "")


def redactions(review: Review) -> list[Handled]:
    """The redaction list: every finding that the export removes or masks."""
    every = (handled(review, f) for f in review.findings)
    return [h for h in every if h.decision != Decision.KEEP]


def judgements(review: Review) -> list[Handled]:
    """Findings a person judged: the tool was unsure, or the reviewer overrode its proposal."""
    return [
        handled(review, f)
        for f in review.findings
        if f.index in review.decisions and _judged(f, review.decisions[f.index].decision)
    ]


def _judged(finding: RecordedFinding, decision: Decision) -> bool:
    if finding.proposed in (Action.REVIEW, None):
        return True
    return (decision == Decision.KEEP) != (finding.proposed == Action.KEEP)


def redaction_text(review: Review, limit: int) -> str:
    groups: dict[str, list[RecordedFinding]] = defaultdict(list)
    # In the vocabulary's order, as the other columns: the same type sits at the same place.
    order = {t: n for n, t in enumerate(FindingType)}
    items = sorted(
        redactions(review), key=lambda h: (order[h.finding.type], h.decision != Decision.REDACT)
    )
    for item in items:
        groups[f"{TYPE_LABELS[item.finding.type]}·{DECISION_LABELS[item.decision]}"].append(
            item.finding
        )
    return grouped_positions(groups, limit)


def judgements_text(review: Review, limit: int) -> str:
    items = [
        f"{position(h.finding)} {TYPE_LABELS[h.finding.type]} {h.method}"
        + (f"：{h.reason}" if h.reason else "")
        for h in judgements(review)
    ]
    return listed(items, limit)


def secrecy_text(review: Review) -> str:
    """The secrecy-marking check: real markings apart from mere mentions (POLICY.md §6)."""
    found = [f for f in review.findings if f.type == FindingType.SECRECY_MARK]
    markings = [position(f) for f in found if f.detector == SECRECY_MARKING_DETECTOR]
    mentions = [position(f) for f in found if f.detector != SECRECY_MARKING_DETECTOR]
    parts = []
    if markings:
        parts.append(f"发现密级标志 {len(markings)} 处（{listed(markings, 5)}）")
    if mentions:
        parts.append(f"正文提及密级字样 {len(mentions)} 处，非标志（{listed(mentions, 5)}）")
    return SEP.join(parts) if parts else "未发现密级标志"


def export_outputs(review: Review) -> list[tuple[str, str]]:
    """(file name, SHA-256) of every recorded export of the redacted copy."""
    return [
        (str(output.get("name", "")), str(output.get("sha256", "")))
        for export in review.exports
        for output in export.get("outputs", ())
    ]


def exports_text(review: Review) -> str:
    return SEP.join(f"{name} {digest}" for name, digest in export_outputs(review))


def reviewer(record: DocumentRecord) -> str:
    decision = record.review.document_decision
    return decision.actor if decision is not None else record.review.reviewer or ""


def verdict_in_force(record: DocumentRecord) -> StoredEvent | None:
    """The approval or return of the current round: a verdict older than the decision in force
    judged an earlier decision and says nothing about this one."""
    verdict, decided = record.verdict, record.decided
    if verdict is None or decided is None or verdict.seq < decided.seq:
        return None
    return verdict


def record_date(record: DocumentRecord) -> date:
    """The Beijing calendar day a record counts on: its document decision, else registration."""
    decided = record.decided
    moment = decided.created_at if decided is not None else record.registered_at
    return local(moment).date()


def final_attribute(record: DocumentRecord) -> Attribute | None:
    decision = record.review.document_decision
    return decision.attribute if decision is not None else None
