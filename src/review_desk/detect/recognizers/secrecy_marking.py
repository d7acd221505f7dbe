"""国家秘密标志 (state-secret markings): 《保守国家秘密法》 and GB/T 9704-2012 §7.2.2.

A marking is `密级★保密期限` (机密★1年, 秘密★6个月, 绝密★30年, 秘密★长期), `密级★解密时间`,
`密级★解密条件`, a bare `机密★`, or a bare 绝密/机密/秘密 alone on its line; it stands at the
top-left of the first page (lines 1–3, possibly after a 6-digit 份号, possibly followed by
特急/加急) or in a page header/footer. Full-width ★/☆, spaces and traditional characters (機密)
are folded by normalisation.

Anything else with the star form (a sentence, a quotation, a training text, a statistics label)
is a mention (POLICY.md §6): reported as SECRECY_MARK with detector ``secrecy_mention`` and action
``review``, never as a marking. The real marking has detector ``secrecy_marking``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from review_desk.core.findings import Action, FindingType
from review_desk.detect.config import SecrecyRules
from review_desk.detect.recognizers.lines import COPY_NUMBER, Line, MarkHit, alternation, mark

MARKING, MENTION = "secrecy_marking", "secrecy_mention"


class SecrecyMarkingRecognizer:
    def __init__(self, rules: SecrecyRules) -> None:
        levels = alternation(rules.levels)
        periods = alternation(rules.periods)
        urgency = alternation(rules.urgency)
        # A declassification date first: "2025年12月31日解密" must not stop at "2025年".
        period = (
            r"\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?(?:\s*解密)?"
            rf"|(?:\d+|[一二三四五六七八九十]+)\s*(?:年|个月|月)|{periods}"
        )
        self._starred = re.compile(rf"(?P<level>{levels})\s*[★☆]\s*(?:{period})?")
        self._bare = re.compile(rf"(?P<level>{levels})")
        self._tail = re.compile(rf"\s*(?:(?:{urgency})\s*)*$")

    def find(self, lines: Iterable[Line]) -> list[MarkHit]:
        hits: list[MarkHit] = []
        for line in lines:
            if line.cell:
                continue
            for match in self._starred.finditer(line.text):
                hits.append(self._judge(line, match))
            if line.head or line.margin:
                bare = self._bare_marking(line)
                if bare is not None:
                    hits.append(bare)
        return hits

    def _placed(self, line: Line, match: re.Match[str]) -> bool:
        """At the start of a head or margin line (after any 份号), with only 特急/加急 after it."""
        if not (line.head or line.margin):
            return False
        start = _line_start(line)
        return match.start() == start and self._tail.match(line.text, match.end()) is not None

    def _judge(self, line: Line, match: re.Match[str]) -> MarkHit:
        level = match.group("level")
        if self._placed(line, match):
            return _marking(line, match, match.group(0).strip())
        return mark(
            line,
            match.span(),
            FindingType.SECRECY_MARK,
            MENTION,
            Action.REVIEW,
            f"mention={level}; form={match.group(0).strip()}; position=in text, not a marking",
            score=0.5,
        )

    def _bare_marking(self, line: Line) -> MarkHit | None:
        match = self._bare.match(line.text, _line_start(line))
        if match is None or self._tail.match(line.text, match.end()) is None:
            return None
        return _marking(line, match, "bare level alone on its line")


def _line_start(line: Line) -> int:
    """Where a marking must begin: after a 份号 if there is one, else at the first non-blank."""
    lead = COPY_NUMBER.match(line.text)
    return lead.end() if lead else len(line.text) - len(line.text.lstrip())


def _marking(line: Line, match: re.Match[str], form: str) -> MarkHit:
    where = "page header/footer" if line.margin else "head of the first page"
    return mark(
        line,
        match.span(),
        FindingType.SECRECY_MARK,
        MARKING,
        Action.REVIEW,
        f"marking={match.group('level')}; form={form}; position={where}",
    )
