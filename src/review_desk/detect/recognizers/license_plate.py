"""Motor-vehicle plates, GA 36-2018: a province abbreviation, an issuing-authority letter (no I
or O), then 5 characters (letters without I/O, digits; the last may be 挂/学/警/港/澳/领/试/超),
or 6 for new-energy vehicles (D/F first or last). A middle dot or space after the letter is
common in print. Plates with a masked middle (云A·***45) are left to the masked-value recognizer.
The province abbreviations and the last characters are those of rules/identifiers.yaml.
"""

from __future__ import annotations

import re

from review_desk.core.findings import FindingType
from review_desk.detect.config import LicensePlateRule, Window
from review_desk.detect.recognizers.base import NOT_ALNUM_AFTER, Check, RegexRecognizer, Verdict

_BODY = "[A-HJ-NP-Z0-9]"


class LicensePlateRecognizer(RegexRecognizer):
    NAME = "license_plate"
    ENTITY = FindingType.LICENSE_PLATE
    #: Built from the rules' provinces and last characters at construction.
    PATTERNS = ()

    def __init__(self, rule: LicensePlateRule, window: Window) -> None:
        provinces = re.escape(rule.provinces)
        last = re.escape(rule.last_chars)
        plate = (
            rf"[{provinces}][A-HJ-NP-Z][·・. ]?(?:[DF]{_BODY}{{5}}|{_BODY}{{5}}[DF]|"
            rf"{_BODY}{{4}}[0-9A-HJ-NP-Z{last}])"
            rf"{NOT_ALNUM_AFTER}"
        )
        super().__init__(rule, window, (("plate", plate),))
        self._needs = re.compile(rf"[{provinces}][A-HJ-NP-Z]")

    def might_match(self, text: str) -> bool:
        return self._needs.search(text) is not None

    def check(self, text: str, start: int, end: int, kind: str) -> Check:
        body = re.sub(r"[·・. ]", "", text[start + 2 : end])
        if not any(c.isdigit() for c in body):
            # "粤ABCDE" is a word in Latin letters next to a province name, not a plate.
            return Check(Verdict.REJECT, "no digit in the plate body")
        return Check(Verdict.VALID, "plate format valid (GA 36-2018)")
