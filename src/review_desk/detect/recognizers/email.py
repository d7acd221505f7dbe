"""E-mail addresses (RFC 5322 addr-spec, the dot-atom form that occurs in documents).

Presidio's EmailRecognizer is not used: its pattern relies on ``\\b``, which does not fire between
an address and an adjacent Chinese character, and it validates the domain with tldextract, which
downloads the public-suffix list on first use. A Latin top-level domain of 2–24 letters is enough
here; whether the mailbox is an office's or a person's is decided by context (POLICY.md §5).
"""

from __future__ import annotations

import re

from review_desk.core.findings import FindingType
from review_desk.detect.recognizers.base import Check, RegexRecognizer, Verdict


class EmailRecognizer(RegexRecognizer):
    NAME = "email"
    ENTITY = FindingType.EMAIL
    PATTERNS = (
        (
            "email",
            r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@"
            r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![A-Za-z0-9])",
        ),
    )
    NEEDS = re.compile("@")

    def check(self, text: str, start: int, end: int, kind: str) -> Check:
        local, _, domain = text[start:end].rpartition("@")
        if ".." in local or local.endswith("."):
            return Check(Verdict.DOUBTFUL, "malformed local part")
        return Check(Verdict.VALID, f"address at {domain.lower()}")
