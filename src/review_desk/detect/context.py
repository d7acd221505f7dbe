"""A context enhancer that reads the raw text around a hit inside its block.

Presidio's LemmaContextAwareEnhancer compares context words with token lemmas, which a Chinese
pipeline without a tagger does not have (so it never boosts), and it rescans the whole token list
for every hit (quadratic on long blocks). Here each hit looks at a fixed window of characters
before and after it, so the cost is constant per hit and Chinese context words match as written.
"""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer
from presidio_analyzer.nlp_engine import NlpArtifacts

from review_desk.detect.config import IdentifierRules
from review_desk.detect.recognizers.base import BLOCK_EDGE


class WindowContextEnhancer(ContextAwareEnhancer):
    def __init__(self, rules: IdentifierRules) -> None:
        super().__init__(
            context_similarity_factor=rules.context_boost,
            min_score_with_context_similarity=0.0,
            context_prefix_count=rules.context_window.before,
            context_suffix_count=rules.context_window.after,
        )

    def enhance_using_context(
        self,
        text: str,
        raw_results: list[RecognizerResult],
        nlp_artifacts: NlpArtifacts | None,
        recognizers: list[EntityRecognizer],
        context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        words_by_recognizer = {r.id: r.context for r in recognizers if r.context}
        for result in raw_results:
            recognizer_id = (result.recognition_metadata or {}).get(
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY
            )
            words = words_by_recognizer.get(recognizer_id)
            if not words:
                continue
            word = self.context_word(text, result.start, result.end, words)
            if word is None:
                continue
            result.score = min(self.MAX_SCORE, result.score + self.context_similarity_factor)
            if result.analysis_explanation is not None:
                result.analysis_explanation.set_supportive_context_word(word)
                result.analysis_explanation.set_improved_score(result.score)
        return raw_results

    def context_word(self, text: str, start: int, end: int, words: list[str]) -> str | None:
        """The longest context word in the window around [start, end), or None."""
        # The window stops at the edge of the block when blocks are analysed in a batch.
        before = text[max(0, start - self.context_prefix_count) : start].rsplit(BLOCK_EDGE, 1)[-1]
        after = text[end : end + self.context_suffix_count].split(BLOCK_EDGE, 1)[0]
        present = [w for w in words if w in before or w in after]
        return max(present, key=len) if present else None
