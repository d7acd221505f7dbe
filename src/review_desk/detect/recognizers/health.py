"""Health and disability information (POLICY.md §4 HEALTH_INFO): terms of disease, disability
and mental health from ``rules/health.yaml``, with the disability categories and grades of
GB/T 26341-2010 (残疾人残疾分类和分级). 个人信息保护法第二十八条 makes them sensitive personal
information, but only when tied to a person: the engine keeps a term only next to a name, a
private-person cue or in a row of a person table; policy prose about 残疾人补贴 is no finding.
"""

from __future__ import annotations

from review_desk.detect.config import HealthRules
from review_desk.detect.terms import TermHit, TermMatcher


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

    def tied(self, hit: TermHit, people: list[tuple[int, int]]) -> tuple[int, int] | None:
        """The person span within reach of the term, if any."""
        for start, end in people:
            if 0 <= hit.start - end <= self.person_distance:
                return start, end
            if 0 <= start - hit.end <= self.person_distance:
                return start, end
        return None
