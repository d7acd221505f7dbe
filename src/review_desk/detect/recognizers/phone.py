"""Telephone numbers after 《电信网编号计划（2017年版）》 (the MIIT numbering plan): mobile (11
digits, 1[3-9]…), landline (0 + 2–3-digit area code + 7–8-digit subscriber number,
optional extension), local numbers without area code, 400/800 service numbers and public service
short codes (12345, 96128, …). POLICY.md §8: +86/0086 prefixes, spaces, hyphens, full-width
digits and "(0577)" are accepted; matching runs on the normalised text, so full-width digits,
dash variants and spaces inside digit runs are already folded.

Presidio's stock PhoneRecognizer (libphonenumber) is deliberately not used: it is the slowest
recognizer by far and does not know the Chinese writing conventions above.
"""

from __future__ import annotations

import re

from review_desk.core.findings import FindingType
from review_desk.detect.config import PhoneRule, Window
from review_desk.detect.recognizers.base import (
    NOT_ALNUM_AFTER,
    NOT_ALNUM_BEFORE,
    Check,
    RegexRecognizer,
    Verdict,
)

_SEP = r"[- ]?"
_PREFIX = r"(?:(?:[+]|00)86[- ]?)?"
_AREA = r"(?:\(0\d{2,3}\)|0\d{2,3})"
#: Pattern names say which kind of number was found; the action rules read them.
MOBILE, LANDLINE, LOCAL, SERVICE, HOTLINE = "mobile", "landline", "local", "service", "hotline"


class PhoneRecognizer(RegexRecognizer):
    NAME = "phone"
    ENTITY = FindingType.PHONE_NUMBER
    PATTERNS = (
        (
            MOBILE,
            rf"(?<![0-9A-Za-z+]){_PREFIX}1[3-9]\d{_SEP}\d{{4}}{_SEP}\d{{4}}"
            rf"{NOT_ALNUM_AFTER}",
        ),
        (
            LANDLINE,
            rf"(?<![0-9A-Za-z+]){_PREFIX}{_AREA}{_SEP}[2-9]\d{{2,3}}{_SEP}\d{{4}}"
            rf"(?:(?:-|转)\d{{1,5}})?{NOT_ALNUM_AFTER}",
        ),
        (LOCAL, r"(?<![0-9A-Za-z)+-])[2-9]\d{2,3}-?\d{4}(?![0-9A-Za-z-])"),
    )
    NEEDS = re.compile(r"\d{3}")

    def __init__(
        self, rule: PhoneRule, window: Window, hotlines: list[str], service_prefixes: list[str]
    ) -> None:
        self._label = rule.label_window
        self._hotline_label = rule.hotline_label_window
        extra: list[tuple[str, str]] = []
        prefixes = _alternation(service_prefixes)
        if prefixes:
            number = rf"(?:{prefixes}){_SEP}\d{{3}}{_SEP}\d{{4}}"
            extra.append((SERVICE, rf"{NOT_ALNUM_BEFORE}{number}{NOT_ALNUM_AFTER}"))
        codes = _alternation(hotlines)
        if codes:
            extra.append((HOTLINE, rf"{NOT_ALNUM_BEFORE}(?:{codes}){NOT_ALNUM_AFTER}"))
        super().__init__(rule, window, tuple(extra))

    def check(self, text: str, start: int, end: int, kind: str) -> Check:
        if kind == MOBILE:
            return Check(Verdict.VALID, "mobile number")
        if kind == LANDLINE:
            return Check(Verdict.VALID, "landline with area code")
        if kind == SERVICE:
            return Check(Verdict.VALID, "400/800 service number")
        # Bare 3–8-digit numbers are counts, amounts and codes unless a phone word labels them;
        # a short code is labelled right around it ("服务热线12345", "12345热线"), not by a
        # phone word further on ("第110户，户主手机…").
        window = self._hotline_label if kind == HOTLINE else self._label
        word = self.context_word_near(text, start, end, window)
        if word is None:
            return Check(Verdict.REJECT, "digits without a phone label")
        if kind == HOTLINE:
            return Check(Verdict.VALID, f"public service hotline; labelled {word}")
        return Check(Verdict.DOUBTFUL, f"local number without area code; labelled {word}")


def _alternation(numbers: list[str]) -> str:
    """Numbers from the rules as one alternation, longest first (12345 before 123)."""
    return "|".join(sorted(map(re.escape, numbers), key=len, reverse=True))
