"""Bank card and account numbers: 13–19 digits with the ISO/IEC 7812-1 Luhn check digit
(UnionPay cards mostly start 62; the first digit is the ISO/IEC 7812-1 major industry
identifier). Account numbers that are not cards carry no Luhn digit; they
are accepted only when a context word labels them (账号, 卡号, 开户行; POLICY.md §8).
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

#: ISO/IEC 7812-1 major industry identifiers of payment cards in use in China (3 JCB/Amex, 4 Visa,
#: 5 Mastercard, 6 UnionPay, 9 older domestic cards such as 9558): an unlabelled Luhn-valid
#: number starting otherwise is a serial or file number that passed the check by chance (1 in 10).
CARD_MAJOR_INDUSTRY = frozenset("34569")


def luhn_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


class BankCardRecognizer(RegexRecognizer):
    NAME = "bank_card"
    ENTITY = FindingType.BANK_CARD
    PATTERNS = (
        ("digits", rf"{NOT_ALNUM_BEFORE}\d{{13,19}}{NOT_ALNUM_AFTER}"),
        (
            "grouped",
            rf"{NOT_ALNUM_BEFORE}\d{{4}}(?:-\d{{4}}){{2,3}}(?:-\d{{1,3}})?{NOT_ALNUM_AFTER}",
        ),
    )
    NEEDS = re.compile(r"\d{4}")

    def check(self, text: str, start: int, end: int, kind: str) -> Check:
        digits = text[start:end].replace("-", "")
        if not 13 <= len(digits) <= 19 or len(set(digits)) == 1:
            return Check(Verdict.REJECT, "not a card number")
        word = self.context_word_near(text, start, end)
        if luhn_valid(digits) and (word is not None or digits[0] in CARD_MAJOR_INDUSTRY):
            return Check(Verdict.VALID, "Luhn check valid")
        if word is not None:
            return Check(Verdict.DOUBTFUL, f"account number without Luhn digit; labelled {word}")
        return Check(Verdict.REJECT, "Luhn check fails and no account label")
