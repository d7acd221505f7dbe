"""An identifier with a character OCR was unsure of goes to the reviewer, never away."""

from __future__ import annotations

import pytest

from review_desk.core.document import BlockKind, Document, OcrBlock, ScannedPage
from review_desk.core.findings import Action, Finding, FindingType
from review_desk.ocr.confidence import with_unsure_readings

ID = "110105194912310021"


def _document(scores: tuple[float, ...]) -> Document:
    block = OcrBlock(
        "pg1:t0:r1:c2",
        BlockKind.TABLE_CELL,
        ID,
        row=1,
        column=2,
        header="身份证号",
        page=1,
        char_boxes=((0.0, 0.0, 1.0, 1.0),) * len(ID),
        char_confidences=scores,
    )
    page = ScannedPage(1, 200, 595, 842, 0.95)
    return Document("scan.pdf", "0" * 64, "pdf", [block], scanned_pages={1: page})


def _finding(kind: FindingType = FindingType.CN_RESIDENT_ID) -> Finding:
    return Finding(kind, "pg1:t0:r1:c2", 0, 18, ID, 1.0, Action.REDACT, "cn_resident_id", "valid")


@pytest.mark.parametrize(
    ("lowest", "action"), [(0.99, Action.REDACT), (0.84, Action.REVIEW), (0.2, Action.REVIEW)]
)
def test_a_low_confidence_character_makes_the_identifier_review(
    lowest: float, action: Action
) -> None:
    scores = (0.99,) * 10 + (lowest,) + (0.99,) * 7
    [finding] = with_unsure_readings([_finding()], _document(scores), 0.85)
    assert finding.action is action
    assert (finding.explanation != "valid") is (action is Action.REVIEW)
    assert finding.text == ID and (finding.start, finding.end) == (0, 18)


def test_names_are_left_to_the_detector() -> None:
    [finding] = with_unsure_readings([_finding(FindingType.PERSON)], _document((0.1,) * 18), 0.85)
    assert finding.action is Action.REDACT
