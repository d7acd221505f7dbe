"""Motor-vehicle plates, GA 36-2018: a province abbreviation, an issuing-authority letter (no I
or O), then 5 characters (letters without I/O, digits; the last may be 挂/学/警/港/澳/领/试/超),
or 6 for new-energy vehicles (D/F first or last). A middle dot or space after the letter is
common in print. Plates with a masked middle (云A·***45) are left to the masked-value recognizer.
"""

from __future__ import annotations

import re

from review_desk.core.findings import FindingType
from review_desk.detect.recognizers.base import NOT_ALNUM_AFTER, Check, RegexRecognizer, Verdict

PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_BODY = "[A-HJ-NP-Z0-9]"


class LicensePlateRecognizer(RegexRecognizer):
    NAME = "license_plate"
    ENTITY = FindingType.LICENSE_PLATE
    PATTERNS = (
        (
            "plate",
            rf"[{PROVINCES}][A-HJ-NP-Z][·・. ]?(?:[DF]{_BODY}{{5}}|{_BODY}{{5}}[DF]|"
            rf"{_BODY}{{4}}[0-9A-HJ-NP-Z挂学警港澳领试超])"
            rf"{NOT_ALNUM_AFTER}",
        ),
    )
    NEEDS = re.compile(rf"[{PROVINCES}][A-HJ-NP-Z]")

    def check(self, text: str, start: int, end: int, kind: str) -> Check:
        body = re.sub(r"[·・. ]", "", text[start + 2 : end])
        if not any(c.isdigit() for c in body):
            # "粤ABCDE" is a word in Latin letters next to a province name, not a plate.
            return Check(Verdict.REJECT, "no digit in the plate body")
        return Check(Verdict.VALID, "plate format valid (GA 36-2018)")
