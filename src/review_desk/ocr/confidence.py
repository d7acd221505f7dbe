"""OCR confidence in the findings: an identifier read with a character the engine was unsure
of may be misread (8 for 3, 1 for 7), so its finding goes to the reviewer (``review``) whatever
the detector proposed; it is never dropped (POLICY §5: an ID that fails its check digit, as a
misread one often does, is still an ID, and the recognisers already report it as ``review``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from review_desk.core.document import Document, OcrBlock
from review_desk.core.findings import Action, Finding, FindingType

#: Types whose value is a string of characters a misreading changes (names are judged by the
#: reviewer from the page image anyway).
IDENTIFIER_TYPES = frozenset(
    {
        FindingType.CN_RESIDENT_ID,
        FindingType.PHONE_NUMBER,
        FindingType.BANK_CARD,
        FindingType.PASSPORT,
        FindingType.TRAVEL_PERMIT,
        FindingType.LICENSE_PLATE,
        FindingType.EMAIL,
        FindingType.CN_USCC,
    }
)


def with_unsure_readings(
    findings: Sequence[Finding], document: Document, threshold: float
) -> list[Finding]:
    """``findings`` with each identifier that holds a character read below ``threshold``
    turned into ``review``, its explanation saying why."""
    return [_checked(finding, document, threshold) for finding in findings]


def _checked(finding: Finding, document: Document, threshold: float) -> Finding:
    if finding.type not in IDENTIFIER_TYPES or finding.action is Action.REVIEW:
        return finding
    block = document.block(finding.block)
    scores = block.char_confidences if isinstance(block, OcrBlock) else ()
    if not scores:
        return finding
    lowest = min(scores[finding.start : finding.end], default=1.0)
    if lowest >= threshold:
        return finding
    why = f"OCR 识别置信度低（最低 {lowest:.0%}），可能误识，须对照页面图像核对"
    return dataclasses.replace(
        finding, action=Action.REVIEW, explanation=f"{finding.explanation}; {why}"
    )
