"""Passport numbers of the People's Republic of China (《中华人民共和国护照法》; the document
number of the machine-readable passport, ICAO Doc 9303 Part 4, as issued by 公安部): E + 8 digits,
E + a letter (not I or O) + 7 digits for electronic passports issued since 2017, and the older
G + 8 digits. The shape alone is common in other codes, so an unlabelled match is doubtful.
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


class PassportRecognizer(RegexRecognizer):
    NAME = "passport"
    ENTITY = FindingType.PASSPORT
    PATTERNS = (
        ("passport", rf"{NOT_ALNUM_BEFORE}(?:[EG]\d{{8}}|E[A-HJ-NP-Z]\d{{7}}){NOT_ALNUM_AFTER}"),
    )
    NEEDS = re.compile(r"[EG]")

    def check(self, text: str, start: int, end: int, kind: str) -> Check:
        word = self.context_word_near(text, start, end)
        if word is None:
            return Check(Verdict.DOUBTFUL, "passport number shape; no label")
        return Check(Verdict.VALID, f"passport number; labelled {word}")
