"""A known health term with its modifiers is one term (rules/health.yaml ``extensions``): the
whole 急性髓系白血病 is the person's diagnosis, and masking only 白血病 in it leaves 急性髓系 in the
published text. A modifier before the term (急性, 慢性, 先天性), perhaps with a short subtype
after it (髓系, 粒细胞), a type number (2型, Ⅱ型), and a stage or a sequel after it (晚期, 并发症)
belong to the term."""

from __future__ import annotations

import re

from review_desk.detect.config import TermExtensions
from review_desk.detect.recognizers.lines import alternation
from review_desk.detect.terms import TermHit


class TermExtender:
    def __init__(self, rules: TermExtensions) -> None:
        parts = []
        if rules.before:
            stops = re.escape(rules.not_between)
            subtype = rf"[^\W\d_{stops}]{{0,{rules.max_between}}}" if rules.max_between else ""
            parts.append(rf"(?:{alternation(rules.before)}){subtype}")
        if rules.type_marks:
            parts.append(rf"[{re.escape(rules.type_marks)}]+型")
        # The modifiers, then perhaps a type: "慢性2型…" is rare but costs nothing.
        self._before = re.compile(rf"(?:{'|'.join(parts)})+$") if parts else None
        self._after = re.compile(f"(?:{alternation(rules.after)})+") if rules.after else None
        self._reach = 12 + rules.max_between

    def extend(self, text: str, hit: TermHit) -> TermHit:
        start, end = hit.start, hit.end
        if self._before is not None:
            match = self._before.search(text, max(0, start - self._reach), start)
            if match is not None:
                start = match.start()
        if self._after is not None:
            match = self._after.match(text, end)
            if match is not None:
                end = match.end()
        if (start, end) == (hit.start, hit.end):
            return hit
        return TermHit(start, end, text[start:end], hit.category)
