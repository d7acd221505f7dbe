"""Building reviewed documents in a store for the audit tests, from generated scans."""

from __future__ import annotations

import hashlib
from pathlib import Path

from review_desk.audit import workflow
from review_desk.audit.store import Store
from review_desk.core.document import Block, BlockKind, Document
from review_desk.core.findings import Action, Attribute, Finding, FindingType, Ground, Proposal
from review_desk.core.review import Decision
from review_desk.scan import ScanOutcome

REVIEWER, APPROVER = "审查员甲", "审核员乙"


def outcome(name: str, values: dict[FindingType, str], content: str = "") -> ScanOutcome:
    """A scan of a one-paragraph document holding ``values``, one finding each (redact)."""
    text = content + "".join(values.values())
    sha = hashlib.sha256(f"{name}\n{text}".encode()).hexdigest()
    document = Document(name, sha, "txt", [Block("p1", BlockKind.PARAGRAPH, text)])
    findings, at = [], len(content)
    for type_, value in values.items():
        findings.append(
            Finding(
                type_,
                "p1",
                at,
                at + len(value),
                value,
                1.0,
                Action.REDACT,
                "test",
                f"上下文：{value}",
            )
        )
        at += len(value)
    proposal = Proposal(Attribute.REDACTED, (Ground.PERSONAL_PRIVACY,), ("第十五条",), ("测试",))
    return ScanOutcome(document, findings, proposal)


def reviewed(store: Store, name: str, values: dict[FindingType, str], approve: bool = True) -> str:
    """Register, scan, decide every finding one by one, decide the document, approve."""
    scan = outcome(name, values)
    doc_id = workflow.record_scan(store, scan, REVIEWER)
    store.transact(doc_id, lambda r: [r.start(REVIEWER)])
    for index in range(len(values)):
        store.transact(
            doc_id, lambda r, i=index: [r.decide_finding(i, Decision.REDACT, REVIEWER, "个人信息")]
        )
    store.transact(
        doc_id,
        lambda r: [
            r.decide_document(
                Attribute.REDACTED, [Ground.PERSONAL_PRIVACY], ["第十五条"], "", REVIEWER
            )
        ],
    )
    if approve:
        workflow.approve(store, doc_id, APPROVER, "同意")
    return doc_id


def populated(url: str, documents: int = 3) -> Store:
    store = Store.open(url)
    for n in range(documents):
        reviewed(store, f"/in/doc{n}.txt", {FindingType.PHONE_NUMBER: f"1380013{n:04d}"})
    return store


def folder_of(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///")).parent
