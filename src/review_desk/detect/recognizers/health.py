"""Health and disability information (POLICY.md §4 HEALTH_INFO): terms of disease, disability
and mental health from ``rules/health.yaml``, with the disability categories and grades of
GB/T 26341-2010 (残疾人残疾分类和分级). 个人信息保护法第二十八条 makes them sensitive personal
information, but only when tied to a person: the engine keeps a term only next to a name, a
private-person cue or in a row of a person table; policy prose about 残疾人补贴 is no finding.
"""

from __future__ import annotations

import re

from review_desk.detect.config import HealthRules
from review_desk.detect.terms import TermHit, TermMatcher

_SENTENCE_END = re.compile(r"[。！？；;!?\n]")


class HealthTermRecognizer:
    NAME = "health_info"

    def __init__(self, rules: HealthRules) -> None:
        self.person_distance = rules.person_distance
        self._matcher = TermMatcher({"health": rules.terms})

    def terms(self, text: str) -> list[TermHit]:
        """Longest non-overlapping terms (精神分裂症 rather than 精神分裂 inside it)."""
        kept: list[TermHit] = []
        for hit in sorted(self._matcher.find(text), key=lambda h: (h.start, -(h.end - h.start))):
            if kept and hit.start < kept[-1].end:
                continue
            kept.append(hit)
        return kept

    def tied(
        self, hit: TermHit, people: list[tuple[int, int]], text: str
    ) -> tuple[int, int] | None:
        """The person span within reach of the term in the same sentence, if any."""
        for start, end in people:
            gap = (end, hit.start) if end <= hit.start else (hit.end, start)
            if 0 <= gap[1] - gap[0] <= self.person_distance and not _SENTENCE_END.search(
                text, *gap
            ):
                return start, end
        return None
