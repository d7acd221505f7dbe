"""The window's one door to ``review_desk.redact`` (redacted copies and their masks), imported on
use: the package may be missing in a build, and a missing piece must give the reviewer a clear
message, not a window that cannot start. Qt-free: it runs inside an export task.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Any

from review_desk.audit.store import Store
from review_desk.core.document import Document
from review_desk.core.errors import ReviewDeskError
from review_desk.core.findings import FindingType
from review_desk.core.review import Decision, RecordedFinding, Review


class RedactUnavailableError(ReviewDeskError):
    key = "redact_unavailable"
    summary = "删减后副本的导出功能尚未安装或尚未完成"


@dataclass(frozen=True)
class Span:
    """A span to mask, as the window knows it (``review_desk.redact.Redaction`` once loaded)."""

    block: str
    start: int
    end: int
    type: FindingType
    keep_start: int | None = None
    keep_end: int | None = None


def redact_module() -> ModuleType:
    try:
        import review_desk.redact as redact
    except ImportError as exc:
        raise RedactUnavailableError(str(exc)) from exc
    missing = [name for name in ("redact_file", "Redaction", "Masker") if not hasattr(redact, name)]
    if missing:
        raise RedactUnavailableError(f"缺少 {', '.join(missing)}")
    return redact


def redacted_spans(review: Review, findings: Sequence[RecordedFinding] | None = None) -> list[Span]:
    """Every finding (of ``findings``, default all) whose decision in force removes it (a
    ``review`` finding nobody decided counts as redacted: the leak-safe side, as in the core)."""
    spans = []
    for finding in review.findings if findings is None else findings:
        decision = review.effective_decision(finding)
        if decision == Decision.KEEP:
            continue
        span = Span(finding.block, finding.start, finding.end, finding.type)
        decided = review.decisions.get(finding.index)
        if decision == Decision.EDIT_MASK and decided is not None:
            span = replace(span, keep_start=decided.keep_start, keep_end=decided.keep_end)
        spans.append(span)
    return spans


def masked_texts(document: Document, spans: Sequence[Span]) -> dict[str, str]:
    """The new text of every block a span touches, with the export's own masks."""
    redact = redact_module()
    from review_desk.redact.plan import plan_edits

    redactions = [redact.Redaction(**vars(span)) for span in spans]
    plan = plan_edits(document, redactions, _masker())
    return {block: edit.text for block, edit in plan.edits.items()}


@lru_cache(maxsize=1)
def _masker() -> Any:
    """One masker per process: it reads rules/masking.yaml and caches each masked value."""
    return redact_module().Masker.from_rules()


def export_redacted_copy(store: Store, doc_id: str, out_dir: Path, actor: str) -> tuple[Path, str]:
    """Write the redacted copy of an approved document, record the export, and return the
    copy's path and the chain head it carries."""
    redact = redact_module()
    from review_desk.loaders import load

    record = store.record(doc_id)
    review = record.review
    review.export(actor, {})  # raises NotApprovedError before any file is written
    source = Path(str(record.events[0].event.payload["path"]))
    document = load(source)
    redactions = [redact.Redaction(**vars(span)) for span in redacted_spans(review)]
    head = store.head()
    withheld = frozenset(review.withheld_pages)
    result = redact.redact_file(
        source, document, redactions, out_dir, chain_head=head, withheld_pages=withheld
    )
    payload = {
        "outputs": [{"name": result.output.name, "sha256": result.sha256}],
        "chain_head": head,
        "redactions": result.redactions,
        "verified": result.verified,
        "withheld_pages": sorted(withheld),
    }
    store.transact(doc_id, lambda r: [r.export(actor, payload)])
    return Path(result.output), head


def preview_value(kind: FindingType, value: str) -> str:
    """The value as the findings list shows it: masked, never raw (530***********0020, 王*兰).
    A display mask of its own: the export's masks load presidio-anonymizer, an import of a
    second or more that the first list shown must not wait for."""
    if kind == FindingType.PERSON and len(value) >= 3:
        return value[0] + "*" * (len(value) - 2) + value[-1]
    if len(value) >= 11:
        return value[:3] + "*" * (len(value) - 7) + value[-4:]
    return fallback_mask(value)


def preview_blocks(document: Document, spans: Sequence[Span]) -> tuple[dict[str, str], bool]:
    """The masked text of the blocks the spans touch, and whether it is the export's own
    masking (False: a simple stand-in, which the window labels as such)."""
    try:
        return masked_texts(document, spans), True
    except RedactUnavailableError:
        texts: dict[str, str] = {}
        for span in sorted(spans, key=lambda s: (s.block, -s.start)):
            text = texts.get(span.block, document.block(span.block).text)
            masked = fallback_mask(text[span.start : span.end])
            texts[span.block] = text[: span.start] + masked + text[span.end :]
        return texts, False


def fallback_mask(value: str) -> str:
    """First and last character kept (one only when the value is short), the rest starred."""
    if len(value) <= 2:
        return value[:1] + "*" * (len(value) - 1) if len(value) > 1 else "*"
    return value[0] + "*" * (len(value) - 2) + value[-1]
