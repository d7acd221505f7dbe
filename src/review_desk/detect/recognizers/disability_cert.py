"""残疾人证号 (disability certificate number), reported as the resident ID it holds.

The second-generation 《中华人民共和国残疾人证》 (中国残疾人联合会, 证号编制规则) numbers a
certificate with its holder's 18-character 居民身份证号码 (GB 11643-1999) followed by two digits:
the disability category and the grade of GB/T 26341-2010 (残疾人残疾分类和分级): category 1 视力,
2 听力, 3 言语, 4 肢体, 5 智力, 6 精神, 7 多重; grade 1–4 (一级 the most severe). 20 characters in
all, e.g. an ID ending …0038 of a person with a grade-two physical disability: …003842.

The number is the person's ID with their health information appended, so it is reported as
``CN_RESIDENT_ID`` (redact): valid when the first 18 characters validate as an ID and the last two
are a category and a grade. An ID part whose check character or birth date fails is still a
certificate number (a typo, an OCR error): reported with the doubtful score, action ``review``
(POLICY.md §5). Twenty digits whose tail is no category and grade are a certificate only when a
context word (残疾证号 …) labels them.
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
from review_desk.detect.recognizers.resident_id import birth_date, check_char

#: GB/T 26341-2010 categories (1 视力 … 7 多重) and grades (1 … 4).
CATEGORIES = "1234567"
GRADES = "1234"


def is_valid_disability_cert(number: str) -> bool:
    """Whether a 20-character value is a valid ID followed by a category and a grade."""
    number = number.upper()
    return (
        re.fullmatch(r"[1-689]\d{16}[\dX]\d\d", number) is not None
        and _id_part_valid(number)
        and _suffix_valid(number)
    )


def _id_part_valid(number: str) -> bool:
    return check_char(number[:17]) == number[17] and birth_date(number[:18]) is not None


def _suffix_valid(number: str) -> bool:
    return number[18] in CATEGORIES and number[19] in GRADES


class DisabilityCertRecognizer(RegexRecognizer):
    NAME = "disability_cert"
    ENTITY = FindingType.CN_RESIDENT_ID
    PATTERNS = (("cert20", rf"{NOT_ALNUM_BEFORE}[1-689]\d{{16}}[0-9Xx]\d{{2}}{NOT_ALNUM_AFTER}"),)
    NEEDS = re.compile(r"\d{17}[0-9Xx]\d\d")

    def check(self, text: str, start: int, end: int, kind: str) -> Check:
        number = text[start:end].upper()
        check_ok = check_char(number[:17]) == number[17]
        date_ok = birth_date(number[:18]) is not None
        suffix_ok = _suffix_valid(number)
        labelled = self.context_word_near(text, start, end) is not None
        if check_ok and date_ok and suffix_ok:
            return Check(Verdict.VALID, "disability certificate: ID valid; category and grade")
        if suffix_ok and (check_ok or date_ok):
            failed = "birth date does not exist" if check_ok else "check digit invalid"
            return Check(Verdict.DOUBTFUL, f"disability certificate: {failed}; kept as an ID")
        if labelled:
            return Check(Verdict.DOUBTFUL, "20 digits labelled as a disability certificate")
        return Check(Verdict.REJECT, "not a disability certificate")
