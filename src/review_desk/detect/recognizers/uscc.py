"""统一社会信用代码 (unified social credit code of an organisation), GB 32100-2015.

18 characters from 0-9 A-H J-N P-R T U W-Y (no I, O, S, V, Z): registration authority (1),
organisation type (1), region (6 digits, GB/T 2260), organisation code (9, GB 11714-1997 with
its own check character at position 17) and the check character at position 18:
(31 − Σ vᵢwᵢ mod 31) mod 31 with weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28.
Positions 1–2 may be letters (A1, N2, Y1): a validator that requires digits there is wrong.

An organisation code is not personal data: the finding is kept. A code that passes both checks
outranks a resident-ID reading of the same 18 characters (POLICY.md §5).
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

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_VALUE = {c: i for i, c in enumerate(ALPHABET)}
_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_ORG_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def uscc_check_char(first17: str) -> str:
    total = sum(_VALUE[c] * w for c, w in zip(first17, _WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def org_code_valid(code: str) -> bool:
    """GB 11714-1997: 8 body characters and a check character (0-9 or X)."""
    total = sum(_ORG_ALPHABET.index(c) * w for c, w in zip(code[:8], _ORG_WEIGHTS, strict=True))
    value = 11 - total % 11
    expected = "X" if value == 10 else "0" if value == 11 else str(value)
    return code[8] == expected


def is_valid_uscc(code: str) -> bool:
    code = code.upper()
    return len(code) == 18 and set(code) <= _VALUE.keys() and uscc_check_char(code[:17]) == code[17]


class UsccRecognizer(RegexRecognizer):
    NAME = "cn_uscc"
    ENTITY = FindingType.CN_USCC
    PATTERNS = (
        (
            "uscc",
            rf"{NOT_ALNUM_BEFORE}[0-9A-HJ-NPQRTUWXY]{{2}}\d{{6}}[0-9A-HJ-NPQRTUWXY]{{10}}"
            rf"{NOT_ALNUM_AFTER}",
        ),
    )
    NEEDS = re.compile(r"\d{6}")

    def check(self, text: str, start: int, end: int, kind: str) -> Check:
        code = text[start:end]
        if not is_valid_uscc(code):
            if self.context_word_near(text, start, end):
                return Check(Verdict.DOUBTFUL, "check character invalid; labelled as USCC")
            return Check(Verdict.REJECT, "not a USCC")
        if org_code_valid(code[8:17]):
            return Check(Verdict.VALID, "check character valid (GB 32100); organisation code valid")
        return Check(Verdict.DOUBTFUL, "check character valid (GB 32100); organisation code fails")
