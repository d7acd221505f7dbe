"""Values already de-identified in the source: 35*************123, 138****1234, 6222********5678.

POLICY.md §5 (and GB/T 35273-2020 §3.15, 去标识化): a masked value is compliant, not a leak.
It is reported with action ``keep`` and the explanation "already masked", so the reviewer sees it
was considered and the policy does not propose redaction for it. The type is read from the
shape: 15/18 characters (20: a 残疾人证号) with an ID-like head → CN_RESIDENT_ID, 11 with a
mobile head → PHONE_NUMBER, 13–19 otherwise → BANK_CARD. The mask may stand anywhere inside the value: the first
six (region), the first ten (region and birth year, "5301021939****8380") or the first fourteen
digits kept all occur in published lists. The mask characters, the length of the mask and how
many digits are kept around it are rules (rules/identifiers.yaml).
"""

from __future__ import annotations

import re

from review_desk.core.findings import FindingType
from review_desk.detect.config import MaskedValueRule, Window
from review_desk.detect.recognizers.base import (
    NOT_ALNUM_AFTER,
    NOT_ALNUM_BEFORE,
    Check,
    RegexRecognizer,
    Verdict,
)


class MaskedValueRecognizer(RegexRecognizer):
    NAME = "masked_value"
    ENTITY = FindingType.CN_RESIDENT_ID
    #: Built from the rules' mask characters and run lengths at construction.
    PATTERNS = ()

    def __init__(self, rule: MaskedValueRule, window: Window) -> None:
        mask = f"[{re.escape(rule.mask_chars)}]"
        masked = (
            rf"{NOT_ALNUM_BEFORE}\d{{1,{rule.max_kept_before}}}"
            rf"{mask}{{{rule.min_masked},{rule.max_masked}}}"
            rf"\d{{0,{rule.max_kept_after}}}[0-9Xx]?{NOT_ALNUM_AFTER}"
        )
        super().__init__(rule, window, (("masked", masked),))
        self._mask_chars = rule.mask_chars
        self._min_masked = rule.min_masked
        self._needs = re.compile(rf"\d{mask}|{mask}\d")

    def might_match(self, text: str) -> bool:
        return self._needs.search(text) is not None

    @classmethod
    def entities(cls) -> tuple[str, ...]:
        return tuple(
            str(t)
            for t in (FindingType.CN_RESIDENT_ID, FindingType.PHONE_NUMBER, FindingType.BANK_CARD)
        )

    def check(self, text: str, start: int, end: int, kind: str) -> Check:
        value = text[start:end]
        # A trailing X is an ID check character, not a mask.
        body = value[:-1] if value[-1] in "Xx" else value
        if sum(1 for c in body if c in self._mask_chars) < self._min_masked:
            return Check(Verdict.REJECT, "too little masked")
        # 20: a 残疾人证号, the ID and two digits of category and grade.
        if len(value) in (15, 18, 20) and value[0] in "123456789":
            return Check(Verdict.VALID, "already masked", FindingType.CN_RESIDENT_ID)
        if len(value) == 11 and value[0] == "1":
            return Check(Verdict.VALID, "already masked", FindingType.PHONE_NUMBER)
        if 13 <= len(value) <= 19:
            return Check(Verdict.VALID, "already masked", FindingType.BANK_CARD)
        return Check(Verdict.REJECT, "masked run of unknown kind")
