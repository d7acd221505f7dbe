"""Travel permits (出入境证件, 公安部 numbering): 往来港澳通行证 C + 8 digits or C + a letter + 7
digits (2014 electronic permit), 往来台湾通行证 L + 8 digits, 港澳居民来往内地通行证 H/M + 8 or
10 digits, 台湾居民来往大陆通行证 8 digits (labelled only). The shapes are generic, so an
unlabelled match is doubtful and a bare 8-digit number needs its label.
"""

from __future__ import annotations

import re

from review_desk.core.findings import FindingType
from review_desk.detect.recognizers.base import (
    NOT_ALNUM_AFTER,
    NOT_ALNUM_BEFORE,
    Check,
    RegexRecognizer,
    Verdict,
)


class TravelPermitRecognizer(RegexRecognizer):
    NAME = "travel_permit"
    ENTITY = FindingType.TRAVEL_PERMIT
    PATTERNS = (
        (
            "lettered",
            rf"{NOT_ALNUM_BEFORE}(?:C[A-HJ-NP-Z0-9]\d{{7}}|L\d{{8}}|[HM]\d{{8}}(?:\d{{2}})?)"
            rf"{NOT_ALNUM_AFTER}",
        ),
        ("taiwan_resident", rf"{NOT_ALNUM_BEFORE}\d{{8}}{NOT_ALNUM_AFTER}"),
    )
    NEEDS = re.compile(r"\d{7}")

    def check(self, text: str, start: int, end: int, kind: str) -> Check:
        word = self.context_word_near(text, start, end)
        if kind == "taiwan_resident":
            if word is None:
                return Check(Verdict.REJECT, "8 digits without a permit label")
            return Check(Verdict.VALID, f"permit number; labelled {word}")
        if word is None:
            return Check(Verdict.DOUBTFUL, "permit number shape; no label")
        return Check(Verdict.VALID, f"permit number; labelled {word}")
