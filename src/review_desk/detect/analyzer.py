"""The Presidio analyzer for Chinese, built entirely from local code and rules.

- No spaCy model: every recognizer here is self-contained, so the NLP step is Presidio's
  NoOpNlpEngine (a blank ``zh`` pipeline would only add tokenisation nobody reads; PERSON comes
  from the pluggable name source, see ``names.py``).
- No stock recognizers: the registry holds only ours (the stock phone recognizer is slow and
  wrong for Chinese; the stock email recognizer needs ``\\b`` and tldextract).
- Context is read from the raw text around each hit (``context.py``).
- ``analyze`` is called per block or per batch of short blocks joined by a separator no
  pattern crosses (a sheet of 160k rows is a million cells; one Presidio call per cell would
  spend most of its time in Presidio's per-call bookkeeping), never on a whole document.
- A text that none of the recognizers' own patterns matches is not sent at all: every result
  starts as a pattern match, so such a text has none (most cells of a sheet: amounts, counts,
  names).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from presidio_analyzer import AnalyzerEngine, RecognizerRegistry, RecognizerResult
from presidio_analyzer.nlp_engine import NoOpNlpEngine

from review_desk.detect.config import IdentifierRules
from review_desk.detect.context import WindowContextEnhancer
from review_desk.detect.recognizers.address import AddressRecognizer
from review_desk.detect.recognizers.bank_card import BankCardRecognizer
from review_desk.detect.recognizers.base import BLOCK_EDGE, RegexRecognizer
from review_desk.detect.recognizers.disability_cert import DisabilityCertRecognizer
from review_desk.detect.recognizers.email import EmailRecognizer
from review_desk.detect.recognizers.license_plate import LicensePlateRecognizer
from review_desk.detect.recognizers.masked_value import MaskedValueRecognizer
from review_desk.detect.recognizers.passport import PassportRecognizer
from review_desk.detect.recognizers.phone import PhoneRecognizer
from review_desk.detect.recognizers.resident_id import ResidentIdRecognizer
from review_desk.detect.recognizers.travel_permit import TravelPermitRecognizer
from review_desk.detect.recognizers.uscc import UsccRecognizer

LANGUAGE = "zh"
#: Blocks are batched up to this many characters.
BATCH_CHARS = 4000


def build_recognizers(rules: IdentifierRules) -> list[RegexRecognizer]:
    found, window = rules.recognizers, rules.context_window
    return [
        ResidentIdRecognizer(found.cn_resident_id, window),
        DisabilityCertRecognizer(found.disability_cert, window),
        UsccRecognizer(found.cn_uscc, window),
        PhoneRecognizer(found.phone, window, rules.hotlines, rules.service_prefixes),
        BankCardRecognizer(found.bank_card, window),
        EmailRecognizer(found.email, window),
        PassportRecognizer(found.passport, window),
        TravelPermitRecognizer(found.travel_permit, window),
        LicensePlateRecognizer(found.license_plate, window),
        AddressRecognizer(found.address, window),
        MaskedValueRecognizer(found.masked_value, window),
    ]


class ChineseAnalyzer:
    """An AnalyzerEngine restricted to ``zh`` and our recognizers, called one block at a time."""

    def __init__(self, rules: IdentifierRules, *, prescreen: bool = True) -> None:
        self.recognizers = build_recognizers(rules)
        self._screens = _alternations(self.recognizers) if prescreen else ()
        registry = RecognizerRegistry(recognizers=self.recognizers, supported_languages=[LANGUAGE])
        self.engine = AnalyzerEngine(
            registry=registry,
            nlp_engine=NoOpNlpEngine(models=[{"lang_code": LANGUAGE, "model_name": "none"}]),
            supported_languages=[LANGUAGE],
            context_aware_enhancer=WindowContextEnhancer(rules),
        )
        # One empty artifact object serves every call: no recognizer here reads tokens.
        self._artifacts = self.engine.nlp_engine.process_text("", LANGUAGE)

    def analyze(self, text: str, unwanted: frozenset[str] = frozenset()) -> list[RecognizerResult]:
        """Results on ``text`` (a block's normalised text), duplicates of one type removed;
        ``unwanted`` types are not asked for (Presidio compares results of one type only)."""
        # Most blocks (a name cell, an amount, prose without digits) can hold only a few types or
        # none: asking Presidio for just those skips its per-recognizer overhead.
        entities = sorted(
            {e for r in self.recognizers if r.might_match(text) for e in r.supported_entities}
            - unwanted
        )
        if not entities:
            return []
        results: list[RecognizerResult] = self.engine.analyze(
            text=text,
            language=LANGUAGE,
            entities=entities,
            nlp_artifacts=self._artifacts,
            return_decision_process=True,
        )
        return results

    def might_find(self, text: str) -> bool:
        """False when no recognizer can find anything in ``text``."""
        if not self._screens:
            return True
        # A loop, not any() over a generator (twice as slow): this runs once per cell of a sheet.
        for screen in self._screens:  # noqa: SIM110
            if screen.search(text) is not None:
                return True
        return False

    def analyze_many(
        self, texts: list[str], unwanted: list[frozenset[str]] | None = None
    ) -> list[list[RecognizerResult]]:
        """Results per text, short texts analysed in batches; offsets are per text. A text's
        ``unwanted`` types may still come back (a masked value of any type, say)."""
        found: list[list[RecognizerResult]] = [[] for _ in texts]
        groups: dict[frozenset[str], list[int]] = {}
        for index, text in enumerate(texts):
            if text and self.might_find(text):
                groups.setdefault(unwanted[index] if unwanted else frozenset(), []).append(index)
        for skip, indices in groups.items():
            batch: list[int] = []
            size = 0
            for index in indices:
                if batch and size + len(texts[index]) > BATCH_CHARS:
                    self._analyze_batch(texts, batch, skip, found)
                    batch, size = [], 0
                batch.append(index)
                size += len(texts[index]) + 1
            if batch:
                self._analyze_batch(texts, batch, skip, found)
        return found

    def _analyze_batch(
        self,
        texts: list[str],
        batch: list[int],
        unwanted: frozenset[str],
        found: list[list[RecognizerResult]],
    ) -> None:
        starts: list[int] = []
        position = 0
        for index in batch:
            starts.append(position)
            position += len(texts[index]) + len(BLOCK_EDGE)
        for result in self.analyze(BLOCK_EDGE.join(texts[i] for i in batch), unwanted):
            slot = bisect_right(starts, result.start) - 1
            result.start -= starts[slot]
            result.end -= starts[slot]
            found[batch[slot]].append(result)


def _alternations(recognizers: list[RegexRecognizer]) -> tuple[re.Pattern[str], ...]:
    """One alternation of all patterns per set of regex flags: it matches wherever one of its
    patterns does."""
    by_flags: dict[int, list[str]] = {}
    for recognizer in recognizers:
        for pattern in recognizer.patterns:
            by_flags.setdefault(pattern.flags, []).append(f"(?:{pattern.pattern})")
    return tuple(re.compile("|".join(parts), flags) for flags, parts in by_flags.items())
