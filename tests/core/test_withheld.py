"""Unread pages withheld whole (core/withheld.py, ``confirm_page(withhold=True)``): the fold,
older confirmations, the attribute a withheld page needs, and the illegal steps."""

import pytest

from review_desk.core.findings import Attribute, Ground
from review_desk.core.review import (
    Event,
    EventKind,
    IllegalTransitionError,
    ProposalRecord,
    Review,
    ReviewState,
    WithheldPageAttributeError,
)
from review_desk.core.withheld import settled_attribute

REVIEWER, APPROVER = "alice", "bob"


def _step(review: Review, *events: Event) -> Review:
    for event in events:
        review.apply(event)
    return review


def _in_review(unread: tuple[int, ...] = (2,)) -> Review:
    review = Review("d3")
    _step(review, review.register("ef" * 32, "scan.pdf", "/in/scan.pdf", {}))
    proposal = ProposalRecord(Attribute.PROACTIVE, unread_pages=unread)
    _step(review, *review.record_scan("tool", proposal, []))
    return _step(review, review.start(REVIEWER))


def test_a_withheld_page_is_confirmed_and_withheld() -> None:
    review = _in_review()
    event = review.confirm_page(2, REVIEWER, "页上有申请人身份证复印件", withhold=True)
    assert event.kind is EventKind.PAGE_CONFIRMED and event.payload["withhold"] is True
    _step(review, event)
    assert review.confirmed_pages == {2} and review.withheld_pages == {2}
    assert review.unconfirmed_pages == []


def test_a_plain_confirmation_records_no_withhold_key_and_undoes_a_withholding() -> None:
    review = _in_review()
    plain = review.confirm_page(2, REVIEWER)
    assert "withhold" not in plain.payload  # the payload older stores hold
    _step(review, review.confirm_page(2, REVIEWER, withhold=True), plain)
    assert review.confirmed_pages == {2} and review.withheld_pages == set()


def test_an_older_confirmation_without_the_key_folds_as_not_withheld() -> None:
    review = _in_review()
    old = Event(EventKind.PAGE_CONFIRMED, "d3", REVIEWER, {"page": 2, "note": ""})
    _step(review, old)
    assert review.confirmed_pages == {2} and review.withheld_pages == set()


def test_a_rescan_forgets_the_withheld_pages() -> None:
    review = _in_review()
    _step(review, review.confirm_page(2, REVIEWER, withhold=True))
    proposal = ProposalRecord(Attribute.PROACTIVE, unread_pages=(2,))
    _step(review, *review.record_scan("tool", proposal, []))
    assert review.withheld_pages == set() and review.unconfirmed_pages == [2]


def test_only_an_unread_page_of_a_review_in_progress_can_be_withheld() -> None:
    review = _in_review()
    with pytest.raises(IllegalTransitionError, match="第 1 页不是未能识别的页面"):
        review.confirm_page(1, REVIEWER, withhold=True)
    scanned = Review("d4")
    with pytest.raises(IllegalTransitionError):
        scanned.confirm_page(2, REVIEWER, withhold=True)


def test_a_withheld_page_refuses_proactive_disclosure() -> None:
    review = _in_review()
    _step(review, review.confirm_page(2, REVIEWER, withhold=True))
    with pytest.raises(WithheldPageAttributeError, match="第 2 页整页不公开") as raised:
        review.decide_document(Attribute.PROACTIVE, [], ["第十三条"], "", REVIEWER)
    assert raised.value.key == "withheld_page_proactive" and "删减后公开" in raised.value.message
    grounds = [Ground.PERSONAL_PRIVACY]
    _step(review, review.decide_document(Attribute.REDACTED, grounds, ["第十五条"], "", REVIEWER))
    _step(review, review.approve(APPROVER))
    assert review.state is ReviewState.APPROVED


def test_withholding_after_a_proactive_decision_reopens_and_the_approval_refuses_it() -> None:
    review = _in_review()
    _step(review, review.decide_document(Attribute.PROACTIVE, [], ["第十三条"], "", REVIEWER))
    _step(review, review.confirm_page(2, REVIEWER, withhold=True))
    assert review.state is ReviewState.IN_REVIEW
    review.state = ReviewState.DECIDED  # as a store written in another order would have it
    with pytest.raises(WithheldPageAttributeError):
        review.approve(APPROVER)


@pytest.mark.parametrize(
    ("attribute", "withheld", "expected"),
    [
        (Attribute.PROACTIVE, {2}, (Attribute.REDACTED, (Ground.PERSONAL_PRIVACY,), ("§15",))),
        (Attribute.PROACTIVE, set(), (Attribute.PROACTIVE, (), ("§13",))),
        (Attribute.WITHHELD, {2}, (Attribute.WITHHELD, (Ground.STATE_SECRET,), ("§13",))),
    ],
    ids=["proactive becomes redacted", "nothing withheld", "withheld stays withheld"],
)
def test_the_attribute_a_withheld_page_settles(
    attribute: Attribute, withheld: set[int], expected: tuple[object, ...]
) -> None:
    grounds = [Ground.STATE_SECRET] if attribute is Attribute.WITHHELD else []
    assert settled_attribute(attribute, grounds, ["§13"], withheld, ["§15"]) == expected
