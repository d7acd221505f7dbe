"""Findings made from what detection found, all in one place: a Presidio result becomes a
candidate; a decided candidate or a marking hit becomes a Finding at its block's original
offsets."""

from __future__ import annotations

import sys

from presidio_analyzer import RecognizerResult

from review_desk.core.document import Block
from review_desk.core.findings import Action, Finding, FindingType
from review_desk.detect.actions import Candidate
from review_desk.detect.recognizers.base import VALID_RESULT_KEY
from review_desk.detect.recognizers.lines import MarkHit
from review_desk.detect.views import BlockView

#: Types by their names (a recognizer's entity, a deny-list category).
TYPES = {str(t): t for t in FindingType}

#: One float object per distinct score: a big sheet's ~640,000 findings share a dozen scores,
#: and a float of its own costs each 24 bytes.
_SCORES: dict[float, float] = {}

#: A candidate with its action and the reason for it.
Decided = tuple[Candidate, Action, str]


def candidate_of(result: RecognizerResult) -> Candidate:
    explanation = result.analysis_explanation
    metadata = result.recognition_metadata or {}
    notes = []
    context_word = None
    if explanation is not None:
        notes = [explanation.textual_explanation, f"pattern {explanation.pattern_name}"]
        context_word = explanation.supportive_context_word or None
        if context_word:
            notes.append(f"context {context_word}")
    return Candidate(
        type=TYPES[result.entity_type],
        start=result.start,
        end=result.end,
        score=float(result.score),
        detector=str(metadata.get(RecognizerResult.RECOGNIZER_NAME_KEY, "")),
        kind=explanation.pattern_name if explanation is not None else "",
        valid=metadata.get(VALID_RESULT_KEY) == "valid",
        notes=notes,
        context_word=context_word,
    )


def finding_of(block: Block, view: BlockView, decided: Decided) -> Finding:
    c, action, why = decided
    # Most views of a sheet are the block's own text: no call to map the offsets back.
    start, end = (c.start, c.end) if view.norm is None else view.norm.to_original(c.start, c.end)
    # Interned: the same few explanations recur on every row of a big table.
    notes = sys.intern("; ".join([*c.notes, why]))
    return Finding(
        type=c.type,
        block=block.id,
        start=start,
        end=end,
        text=block.text[start:end],
        score=_shared(round(c.score, 4)),
        action=action,
        detector=c.detector,
        explanation=notes,
    )


def mark_finding(hit: MarkHit) -> Finding:
    start, end = hit.block.normalized.to_original(hit.start, hit.end)
    return Finding(
        type=hit.type,
        block=hit.block.id,
        start=start,
        end=end,
        text=hit.block.text[start:end],
        score=hit.score,
        action=hit.action,
        detector=hit.detector,
        explanation=hit.explanation,
    )


def _shared(score: float) -> float:
    # Only positive floats: 1 and 1.0, 0.0 and -0.0 are one key but are written differently.
    return _SCORES.setdefault(score, score) if type(score) is float and score > 0 else score
