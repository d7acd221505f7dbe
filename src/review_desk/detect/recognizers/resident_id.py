"""居民身份证号码 (citizen identity number), GB 11643-1999.

18 characters: 6-digit administrative region (GB/T 2260), 8-digit birth date, 3-digit sequence,
and a check character computed with ISO 7064 MOD 11-2 (weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4
2, table "10X98765432"). The legacy 15-digit number (before 1999) has a 6-digit date YYMMDD and
no check character. First digit 1–6 (mainland), 8 (港澳台居住证 810000/820000/830000) or 9 (2023
foreigner permanent-residence card). 社会保障号码 is the same number (POLICY.md §8).

A number whose check character or date fails is still reported (typos and OCR errors are common),
with a lower score and action ``review`` (POLICY.md §5).
"""

from __future__ import annotations

import re
from datetime import date
from operator import mul

from review_desk.core.findings import FindingType
from review_desk.detect.recognizers.base import (
    NOT_ALNUM_AFTER,
    NOT_ALNUM_BEFORE,
    Check,
    RegexRecognizer,
    Verdict,
)

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"
#: The shapes a validator may read digit by digit: anything else (a masked "5301021939****8380",
#: a cell with a stray letter) is no valid number, never an error.
_SHAPE_18 = re.compile(r"[1-689]\d{16}[\dX]")
_SHAPE_15 = re.compile(r"[1-689]\d{14}")


#: Read in base 13, seventeen ASCII digits are the sum of digit × 13^(16-i); as 13 ≡ 2 (mod 11)
#: that is the sum of digit × 2^(16-i), half of the standard's weighted sum (its weights are
#: 2^(17-i) mod 11), modulo 11. ``int`` does it in C, five times as fast as summing the products.
_BASE = 13
_EARLIEST_BIRTH = date(1880, 1, 1)


def check_char(first17: str) -> str:
    if len(first17) != len(_WEIGHTS):
        raise ValueError(f"check_char needs {len(_WEIGHTS)} digits, got {len(first17)}")
    # This runs for every ID cell of a big sheet. isdigit() first: int() would also take a
    # sign, blanks and underscores.
    if first17.isascii() and first17.isdigit():
        return _CHECK_CHARS[2 * int(first17, _BASE) % 11]
    return _CHECK_CHARS[sum(map(mul, map(int, first17), _WEIGHTS)) % 11]


def birth_date(number: str) -> date | None:
    """The birth date encoded in an 18- or 15-digit number, or None if it does not exist."""
    if len(number) == 18:
        year, month, day = int(number[6:10]), int(number[10:12]), int(number[12:14])
    else:
        year, month, day = 1900 + int(number[6:8]), int(number[8:10]), int(number[10:12])
    try:
        born = date(year, month, day)
    except ValueError:
        return None
    return born if _EARLIEST_BIRTH <= born <= date.today() else None


def is_valid_resident_id(number: str) -> bool:
    """Whether a value is a valid 18- or 15-digit number; False for any other shape."""
    number = number.upper()
    if _SHAPE_18.fullmatch(number):
        return check_char(number[:17]) == number[17] and birth_date(number) is not None
    return _SHAPE_15.fullmatch(number) is not None and birth_date(number) is not None


#: The verdict of almost every ID of a list: one object, not one per cell.
_VALID = Check(Verdict.VALID, "check digit valid; birth date valid")


class ResidentIdRecognizer(RegexRecognizer):
    NAME = "cn_resident_id"
    ENTITY = FindingType.CN_RESIDENT_ID
    PATTERNS = (
        ("id18", rf"{NOT_ALNUM_BEFORE}[1-689]\d{{16}}[0-9Xx]{NOT_ALNUM_AFTER}"),
        ("id15", rf"{NOT_ALNUM_BEFORE}[1-689]\d{{14}}{NOT_ALNUM_AFTER}"),
    )
    NEEDS = re.compile(r"\d{15}")

    def check(self, text: str, start: int, end: int, kind: str) -> Check:
        number = text[start:end].upper()
        if len(number) == 15:
            return self._check_legacy(text, start, end, number)
        check_ok = check_char(number[:17]) == number[17]
        date_ok = birth_date(number) is not None
        if check_ok and date_ok:
            return _VALID
        if check_ok or date_ok:
            failed = "birth date does not exist" if check_ok else "check digit invalid"
            return Check(Verdict.DOUBTFUL, f"{failed}; kept as a possible ID (typo or OCR)")
        if self.context_word_near(text, start, end):
            return Check(Verdict.DOUBTFUL, "check digit and birth date invalid; labelled as ID")
        return Check(Verdict.REJECT, "not an ID")

    def _check_legacy(self, text: str, start: int, end: int, number: str) -> Check:
        if birth_date(number) is None:
            return Check(Verdict.REJECT, "15 digits without a valid birth date")
        if self.context_word_near(text, start, end):
            return Check(Verdict.VALID, "legacy 15-digit ID; birth date valid; labelled as ID")
        return Check(Verdict.DOUBTFUL, "legacy 15-digit ID shape; birth date valid; no label")
