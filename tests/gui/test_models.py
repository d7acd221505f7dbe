"""The queue and the history, as the window lists them."""

from __future__ import annotations

from datetime import UTC, datetime

from review_desk.audit.records import StoredEvent
from review_desk.core.findings import Attribute, FindingType
from review_desk.core.review import Event, EventKind, ReviewState
from review_desk.gui.history_model import HistoryModel, detail
from review_desk.gui.queue_model import ATTRIBUTE, BADGE_ROLE, FINDINGS, HOLDER, QueueModel
from review_desk.gui.summary import DocSummary


def _summary(state: ReviewState, decided: Attribute | None = None, **extra: str) -> DocSummary:
    counts = ((FindingType.PERSON, 9), (FindingType.CN_RESIDENT_ID, 8), (FindingType.ADDRESS, 1))
    values = {"reviewer": "张三", "approver": "", "returned_note": "", "returned_by": ""} | extra
    return DocSummary(
        "d1",
        "名单.xlsx",
        "/收件/名单.xlsx",
        state,
        Attribute.REDACTED,
        decided,
        counts,
        0,
        **values,
    )


def test_queue_row_shows_badge_counts_and_holder(qapp: object) -> None:
    model = QueueModel()
    model.add_scanning("/收件/名单.xlsx")
    assert model.data(model.index(0, 1)) == "扫描中…"
    model.put(_summary(ReviewState.IN_REVIEW), "/收件/名单.xlsx")
    assert model.rowCount() == 1
    assert model.data(model.index(0, ATTRIBUTE), BADGE_ROLE) == (Attribute.REDACTED, True)
    assert model.data(model.index(0, ATTRIBUTE)) == "建议：删减后公开"
    assert model.data(model.index(0, FINDINGS)) == "自然人姓名 9 · 公民身份号码 8…"
    assert model.data(model.index(0, HOLDER)) == "张三"
    model.put(_summary(ReviewState.DECIDED, Attribute.REDACTED))
    assert model.data(model.index(0, ATTRIBUTE), BADGE_ROLE) == (Attribute.REDACTED, False)
    assert model.data(model.index(0, HOLDER)) == "张三 → 待审核"
    model.put(_summary(ReviewState.RETURNED, returned_by="李四", returned_note="重审"))
    assert model.data(model.index(0, HOLDER)) == "张三（李四 退回）"


def test_history_says_who_did_what_without_values(qapp: object) -> None:
    when = datetime(2026, 3, 1, 2, 0, tzinfo=UTC)
    events = [
        Event(EventKind.REVIEW_STARTED, "d1", "张三", {}),
        Event(
            EventKind.FINDING_DECIDED,
            "d1",
            "张三",
            {"index": 2, "decision": "keep", "reason": "撤销"},
        ),
        Event(
            EventKind.DOCUMENT_DECIDED,
            "d1",
            "张三",
            {"attribute": "redacted", "grounds": ["PERSONAL_PRIVACY"], "basis": []},
        ),
        Event(EventKind.RETURNED, "d1", "李四", {"note": "第3行应保留"}),
    ]
    stored = [StoredEvent(i + 1, when, "0", "0", e) for i, e in enumerate(events)]
    model = HistoryModel()
    model.set_events(stored)
    assert model.data(model.index(0, 1)) == "李四"
    assert model.data(model.index(0, 3)) == "第3行应保留"
    assert detail(stored[1]) == "第 3 条 → 保留（撤销）"
    assert detail(stored[2]) == "删减后公开（个人隐私）"


def test_findings_list_never_shows_the_raw_value(qapp: object) -> None:
    from review_desk.core.document import Block, BlockKind, Document
    from review_desk.core.findings import Action, Finding, Proposal
    from review_desk.core.review import RecordedFinding, Review
    from review_desk.gui import findings_model as fm
    from review_desk.gui.loaded import LoadedDocument

    text = "王秀兰因病致困，身份证号530102199001010020。"
    found = [
        Finding(
            FindingType.PERSON, "p0", 0, 3, "王秀兰", 0.9, Action.REDACT, "names", "private cue"
        ),
        Finding(
            FindingType.HEALTH_INFO, "p0", 3, 5, "因病", 0.7, Action.REDACT, "health", "term 因病"
        ),
        Finding(
            FindingType.CN_RESIDENT_ID, "p0", 12, 30, text[12:30], 1.0, Action.REDACT, "id", "ok"
        ),
    ]
    document = Document("a.txt", "0" * 64, "txt", [Block("p0", BlockKind.PARAGRAPH, text)])
    loaded = LoadedDocument.of("d", "a.txt", document, found, Proposal(Attribute.REDACTED))
    review = Review("d")
    review.findings = [
        RecordedFinding(i, f.type, f.block, f.start, f.end, f.action, "h")
        for i, f in enumerate(found)
    ]
    model = fm.FindingsModel()
    model.set_document(review, loaded)
    shown = [
        str(model.data(model.index(row, column)))
        for row in range(3)
        for column in range(model.columnCount())
    ]
    for value in ("王秀兰", "因病", "530102199001010020"):
        assert not any(value in cell for cell in shown)
    assert model.data(model.index(0, fm.VALUE)) == "王*兰"
    assert model.data(model.index(2, fm.VALUE)) == "530***********0020"
    assert model.data(model.index(1, fm.WHY)) == "term 因*"
