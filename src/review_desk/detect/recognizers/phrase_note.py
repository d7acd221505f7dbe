"""The shared logic of note-style markings: a phrase counts only where it stands as a note."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from review_desk.core.findings import Action, FindingType
from review_desk.detect.recognizers.lines import Line, MarkHit, alternation, is_note, mark


class PhraseNoteRecognizer:
    """Finds ``phrases`` that stand as a note (alone, bracketed, or opening a head line)."""

    TYPE: FindingType
    NAME: str
    LABEL: str

    def __init__(self, phrases: Sequence[str]) -> None:
        self._pattern = re.compile(alternation(phrases))

    def find(self, lines: Iterable[Line]) -> list[MarkHit]:
        hits: list[MarkHit] = []
        for line in lines:
            for match in self._pattern.finditer(line.text):
                if is_note(line, *match.span()):
                    hits.append(self._hit(line, match))
        return hits

    def _hit(self, line: Line, match: re.Match[str]) -> MarkHit:
        where = "page header/footer" if line.margin else "head" if line.head else "note line"
        return mark(
            line,
            match.span(),
            self.TYPE,
            self.NAME,
            Action.REVIEW,
            f"{self.LABEL}={match.group(0)}; position={where}",
        )
