"""The shared shape of the identifier recognizers: regex candidates, then tri-state validation.

Presidio's PatternRecognizer drops a candidate whose validation fails. POLICY.md §5 wants the
opposite for identifiers ("an ID that fails its check digit is still an ID"), so each candidate
gets a :class:`Check` with one of three verdicts and a note that goes into the explanation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from typing import ClassVar

from presidio_analyzer import AnalysisExplanation, LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from review_desk.core.findings import FindingType
from review_desk.detect.config import RecognizerRule, Window

#: Digits and Latin letters: Python's ``\b`` never fires between a digit and a Chinese character.
NOT_ALNUM_BEFORE = r"(?<![0-9A-Za-z])"
NOT_ALNUM_AFTER = r"(?![0-9A-Za-z])"


class Verdict(Enum):
    VALID = "valid"
    DOUBTFUL = "doubtful"
    REJECT = "reject"


@dataclass(frozen=True)
class Check:
    verdict: Verdict
    note: str
    #: Lets one recognizer report several types (e.g. masked values of any identifier).
    entity: FindingType | None = None
    #: What the check found the value to be, when that is more than the pattern's name (an
    #: address that names land, not a home); the action rules read it, never the note.
    kind: str | None = None


VALID_RESULT_KEY = "verdict"
#: Joins the blocks of a batch analysed in one Presidio call (``analyzer.analyze_many``): a
#: paragraph separator, which no pattern matches and at which context windows stop.
BLOCK_EDGE = "\u2029"


class RegexRecognizer(LocalRecognizer):
    """Runs ``PATTERNS`` over a block's normalised text and asks :meth:`check` about each match."""

    NAME: ClassVar[str]
    ENTITY: ClassVar[FindingType]
    #: (pattern name, regex); compiled once per class.
    PATTERNS: ClassVar[tuple[tuple[str, str], ...]]
    FLAGS: ClassVar[int] = 0
    #: A cheap test that lets a block without any candidate skip the regexes.
    NEEDS: ClassVar[re.Pattern[str] | None] = None

    def __init__(
        self, rule: RecognizerRule, window: Window, extra: tuple[tuple[str, str], ...] = ()
    ) -> None:
        self.rule = rule
        #: Where a label of the value is looked for (``context_window`` of identifiers.yaml).
        self.window = window
        self._compiled = tuple(
            (name, re.compile(rx, self.FLAGS)) for name, rx in self.PATTERNS + extra
        )
        super().__init__(
            supported_entities=list(self.entities()),
            name=self.NAME,
            supported_language="zh",
            context=list(rule.context),
        )

    @classmethod
    def entities(cls) -> tuple[str, ...]:
        return (str(cls.ENTITY),)

    @property
    def patterns(self) -> tuple[re.Pattern[str], ...]:
        """The compiled patterns: a text none of them matches yields no result."""
        return tuple(pattern for _, pattern in self._compiled)

    def load(self) -> None:
        """Patterns are compiled in ``__init__``; Presidio calls this hook before that."""

    def check(self, text: str, start: int, end: int, kind: str) -> Check:
        """Validate ``text[start:end]``, found by the pattern named ``kind``; the whole text is
        there so that a check can look at the neighbourhood."""
        raise NotImplementedError

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if not self.might_match(text):
            return []
        results: list[RecognizerResult] = []
        seen: set[tuple[int, int]] = set()
        for pattern_name, pattern in self._compiled:
            for match in pattern.finditer(text):
                span = match.span()
                if span in seen or span[0] == span[1]:
                    continue
                seen.add(span)
                result = self._result(text, span, pattern_name, pattern.pattern)
                if result is not None:
                    results.append(result)
        return results

    def might_match(self, text: str) -> bool:
        return self.NEEDS is None or self.NEEDS.search(text) is not None

    def context_word_near(
        self, text: str, start: int, end: int, window: Window | None = None
    ) -> str | None:
        """A context word of this recognizer just before or after the span (within ``window``,
        else the recognizer's), for checks that accept a weak candidate (local phone number,
        account without Luhn) only when labelled."""
        reach = window or self.window
        # The window stops at the edge of the block when blocks are analysed in a batch.
        around = (
            text[max(0, start - reach.before) : start].rsplit(BLOCK_EDGE, 1)[-1]
            + " "
            + text[end : end + reach.after].split(BLOCK_EDGE, 1)[0]
        )
        present = [word for word in self.context if word in around]
        return max(present, key=len) if present else None

    def _result(
        self, text: str, span: tuple[int, int], pattern_name: str, regex: str
    ) -> RecognizerResult | None:
        check = self.check(text, span[0], span[1], pattern_name)
        if check.verdict is Verdict.REJECT:
            return None
        valid = check.verdict is Verdict.VALID
        score = self.rule.score if valid else self.rule.doubtful_score
        explanation = AnalysisExplanation(
            recognizer=self.NAME,
            original_score=score,
            pattern_name=check.kind or pattern_name,
            pattern=regex,
            validation_result=valid,
            textual_explanation=check.note,
        )
        return RecognizerResult(
            entity_type=str(check.entity or self.ENTITY),
            start=span[0],
            end=span[1],
            score=score,
            analysis_explanation=explanation,
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: self.NAME,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                VALID_RESULT_KEY: check.verdict.value,
            },
        )
