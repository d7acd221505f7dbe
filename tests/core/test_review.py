"""The review state machine (core/review.py): legal paths, illegal steps with typed errors."""

from collections.abc import Callable

import pytest

from review_desk.core.findings import Action, Attribute, FindingType, Ground
from review_desk.core.review import (
    Decision,
    Event,
    IllegalTransitionError,
    InvalidSpanError,
    NotApprovedError,
    ProposalRecord,
    ReasonRequiredError,
    RecordedFinding,
    Review,
    ReviewError,
    ReviewState,
    SelfApprovalError,
    UndecidedFindingsError,
    UnknownFindingError,
    UnreadPagesError,
)

REVIEWER, APPROVER = "alice", "bob"


def _findings() -> list[RecordedFinding]:
    return [
        RecordedFinding(0, FindingType.CN_RESIDENT_ID, "p1", 5, 23, Action.REDACT, "h0"),
        RecordedFinding(1, FindingType.PERSON, "p1", 0, 3, Action.REVIEW, "h1"),
        RecordedFinding(2, FindingType.PERSON, "p2", 0, 3, Action.KEEP, "h2"),
    ]


def _step(review: Review, event: Event | list[Event]) -> Review:
    for each in event if isinstance(event, list) else [event]:
        review.apply(each)
    return review


def _scanned() -> Review:
    review = Review("d1")
    _step(review, review.register("ab" * 32, "a.docx", "/in/a.docx", {}))
    return _step(
        review, review.record_scan("tool", ProposalRecord(Attribute.REDACTED), _findings())
    )


def _in_review() -> Review:
    review = _scanned()
    return _step(review, review.start(REVIEWER))


def _decided(decide_review_finding: bool = True) -> Review:
    review = _in_review()
    if decide_review_finding:
        _step(review, review.decide_finding(1, Decision.REDACT, REVIEWER, "低保对象"))
    grounds = [Ground.PERSONAL_PRIVACY]
    return _step(
        review, review.decide_document(Attribute.REDACTED, grounds, ["第十五条"], "", REVIEWER)
    )


def _approved() -> Review:
    review = _decided()
    return _step(review, review.approve(APPROVER))


def test_the_whole_path_reaches_exported() -> None:
    review = _approved()
    _step(review, review.export(APPROVER, {"kind": "redacted_copy", "outputs": []}))
    assert review.state == ReviewState.EXPORTED
    assert (review.reviewer, review.approver) == (REVIEWER, APPROVER)


def test_a_returned_document_goes_back_to_review_with_the_note() -> None:
    review = _decided()
    _step(review, review.return_(APPROVER, "第3行姓名应保留"))
    assert review.state == ReviewState.RETURNED
    assert review.verdicts[-1].note == "第3行姓名应保留"
    _step(review, review.start(REVIEWER))
    assert review.state == ReviewState.IN_REVIEW


def test_a_change_after_the_document_decision_reopens_it() -> None:
    review = _decided()
    _step(review, review.decide_finding(2, Decision.REDACT, REVIEWER))
    assert review.state == ReviewState.IN_REVIEW


def test_accepting_proposals_decides_review_findings_as_redact() -> None:
    review = _in_review()
    event = review.accept_proposals(REVIEWER)
    _step(review, event)
    assert event.payload == {"decided": 3, "review_as_redact": 1}
    assert [review.decisions[i].decision for i in range(3)] == [
        Decision.REDACT,
        Decision.REDACT,
        Decision.KEEP,
    ]


def test_an_undecided_review_finding_is_redacted_by_default() -> None:
    review = _in_review()
    assert review.effective_decision(review.findings[1]) == Decision.REDACT
    assert review.effective_decision(review.findings[2]) == Decision.KEEP


ILLEGAL: list[
    tuple[str, Callable[[], Review], Callable[[Review], Event | list[Event]], type[ReviewError]]
] = [
    ("approve before deciding", _in_review, lambda r: r.approve(APPROVER), IllegalTransitionError),
    (
        "approve with an undecided review finding",
        lambda: _decided(decide_review_finding=False),
        lambda r: r.approve(APPROVER),
        UndecidedFindingsError,
    ),
    ("approve one's own decision", _decided, lambda r: r.approve(REVIEWER), SelfApprovalError),
    ("return one's own decision", _decided, lambda r: r.return_(REVIEWER, "x"), SelfApprovalError),
    ("export before approval", _decided, lambda r: r.export(APPROVER, {}), NotApprovedError),
    (
        "decide before starting",
        _scanned,
        lambda r: r.decide_finding(0, Decision.KEEP, REVIEWER),
        IllegalTransitionError,
    ),
    (
        "decide after approval",
        _approved,
        lambda r: r.decide_finding(0, Decision.KEEP, REVIEWER),
        IllegalTransitionError,
    ),
    (
        "decide an unknown finding",
        _in_review,
        lambda r: r.decide_finding(9, Decision.KEEP, REVIEWER),
        UnknownFindingError,
    ),
    (
        "an edit mask that masks nothing",
        _in_review,
        lambda r: r.decide_finding(0, Decision.EDIT_MASK, REVIEWER, keep=(9, 9)),
        InvalidSpanError,
    ),
    (
        "public interest without a reason",
        _in_review,
        lambda r: r.decide_document(
            Attribute.PROACTIVE, [Ground.PUBLIC_INTEREST_OVERRIDE], [], " ", REVIEWER
        ),
        ReasonRequiredError,
    ),
    (
        "third-party consent without a reason",
        _in_review,
        lambda r: r.decide_document(
            Attribute.PROACTIVE, [Ground.THIRD_PARTY_CONSENT], [], "", REVIEWER
        ),
        ReasonRequiredError,
    ),
    (
        "a hand-added span that is empty",
        _in_review,
        lambda r: r.add_finding(FindingType.PERSON, "p1", (3, 3), "h", REVIEWER),
        InvalidSpanError,
    ),
    ("start twice", _in_review, lambda r: r.start(REVIEWER), IllegalTransitionError),
    (
        "start before a scan",
        lambda: Review("d9"),
        lambda r: r.start(REVIEWER),
        IllegalTransitionError,
    ),
    (
        "rescan a decided document",
        _decided,
        lambda r: r.record_scan("t", ProposalRecord(Attribute.PROACTIVE), []),
        IllegalTransitionError,
    ),
]


@pytest.mark.parametrize(
    ("make", "step", "error"), [c[1:] for c in ILLEGAL], ids=[c[0] for c in ILLEGAL]
)
def test_an_illegal_step_raises_a_typed_error_in_chinese(
    make: Callable[[], Review],
    step: Callable[[Review], Event | list[Event]],
    error: type[ReviewError],
) -> None:
    review = make()
    with pytest.raises(error) as raised:
        step(review)
    assert raised.value.key in raised.value.message
    assert any("\u4e00" <= ch <= "\u9fff" for ch in raised.value.message)


def test_four_eyes_can_be_turned_off() -> None:
    review = _decided()
    _step(review, review.approve(REVIEWER, four_eyes=False))
    assert review.state == ReviewState.APPROVED


def test_a_hand_added_finding_must_be_decided_before_approval() -> None:
    review = _in_review()
    _step(review, review.add_finding(FindingType.ADDRESS, "p2", (0, 6), "h9", REVIEWER, 10))
    _step(review, review.decide_finding(1, Decision.REDACT, REVIEWER))
    _step(
        review,
        review.decide_document(Attribute.REDACTED, [Ground.PERSONAL_PRIVACY], [], "", REVIEWER),
    )
    with pytest.raises(UndecidedFindingsError):
        review.approve(APPROVER)
    assert review.findings[-1].detector == "reviewer"


def test_replay_rebuilds_the_same_state() -> None:
    events: list[Event] = []
    review = Review("d1")
    for make in (
        lambda: review.register("ab" * 32, "a.docx", "/in/a.docx", {"title": "公示"}),
        lambda: review.record_scan("tool", ProposalRecord(Attribute.REDACTED), _findings()),
        lambda: review.start(REVIEWER),
        lambda: review.decide_finding(1, Decision.EDIT_MASK, REVIEWER, keep=(1, 1)),
    ):
        made = make()
        for event in made if isinstance(made, list) else [made]:
            events.append(event)
            review.apply(event)
    again = Review.replay("d1", events)
    assert (again.state, again.decisions, again.meta) == (
        review.state,
        review.decisions,
        review.meta,
    )


def test_an_unapproved_batch_export_is_marked_as_such() -> None:
    review = _decided()
    event = review.export_unapproved(REVIEWER, {"kind": "redacted_copy"})
    _step(review, event)
    assert (review.state, event.payload["unapproved_batch"]) == (ReviewState.EXPORTED, True)
    with pytest.raises(IllegalTransitionError):
        _in_review().export_unapproved(REVIEWER, {})


def test_a_big_scan_is_recorded_in_chunks_and_replayed_whole() -> None:
    from review_desk.core.review import SCAN_CHUNK

    many = [
        RecordedFinding(i, FindingType.PHONE_NUMBER, f"s0:r{i}:c3", 0, 11, Action.REDACT, f"{i}")
        for i in range(2 * SCAN_CHUNK + 5)
    ]
    review = Review("d1")
    _step(review, review.register("ab" * 32, "a.xlsx", "/in/a.xlsx", {}))
    events = review.record_scan("tool", ProposalRecord(Attribute.REDACTED), many)
    assert [len(e.payload["findings"]) for e in events] == [SCAN_CHUNK, SCAN_CHUNK, 5]
    _step(review, events)
    assert review.findings == many


def _with_unread_page() -> Review:
    review = Review("d2")
    _step(review, review.register("cd" * 32, "scan.pdf", "/in/scan.pdf", {}))
    conflict = "第 2 页未能识别文字，须人工审查"
    proposal = ProposalRecord(Attribute.PROACTIVE, conflicts=(conflict,), unread_pages=(2,))
    _step(review, review.record_scan("tool", proposal, []))
    _step(review, review.start(REVIEWER))
    return _step(
        review, review.decide_document(Attribute.PROACTIVE, [], ["第十三条"], "", REVIEWER)
    )


def test_an_unread_page_holds_the_approval_until_a_reviewer_confirms_it() -> None:
    review = _with_unread_page()
    assert review.unconfirmed_pages == [2]
    with pytest.raises(UnreadPagesError, match="第 2 页"):
        review.approve(APPROVER)
    with pytest.raises(IllegalTransitionError):
        review.confirm_page(1, REVIEWER)
    _step(review, review.confirm_page(2, REVIEWER, "已对照扫描件人工核对，无个人信息"))
    assert review.state is ReviewState.IN_REVIEW and review.unconfirmed_pages == []
    _step(review, review.decide_document(Attribute.PROACTIVE, [], ["第十三条"], "", REVIEWER))
    _step(review, review.approve(APPROVER))
    assert review.state is ReviewState.APPROVED


def test_accepting_proposals_confirms_no_page() -> None:
    review = _with_unread_page()
    _step(review, review.accept_proposals(REVIEWER))
    assert review.unconfirmed_pages == [2]


def test_a_rescan_asks_for_the_pages_to_be_confirmed_again() -> None:
    review = _with_unread_page()
    _step(review, review.confirm_page(2, REVIEWER))
    assert review.confirmed_pages == {2}
    proposal = ProposalRecord(Attribute.PROACTIVE, unread_pages=(2,))
    _step(review, review.record_scan("tool", proposal, []))
    assert review.unconfirmed_pages == [2]
