"""The shared logic of note-style markings: a phrase counts only where it stands as a note."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from review_desk.core.findings import Action, FindingType
from review_desk.detect.recognizers.lines import Line, MarkHit, NoteShape, alternation, mark


class PhraseNoteRecognizer:
    """Finds ``phrases`` that stand as a note (alone, bracketed, or opening a head line)."""

    TYPE: FindingType
    NAME: str
    LABEL: str

    def __init__(self, phrases: Sequence[str], shape: NoteShape) -> None:
        self._pattern = re.compile(alternation(phrases))
        self._shape = shape

    def find(self, lines: Iterable[Line]) -> list[MarkHit]:
        hits: list[MarkHit] = []
        for line in lines:
            for span in self._merged_spans(line.text):
                if self._shape.is_note(line, *span):
                    hits.append(self._hit(line, span))
        return hits

    def _merged_spans(self, text: str) -> list[tuple[int, int]]:
        """Phrases separated only by blanks are one marking: "内部资料 注意保存"."""
        spans: list[tuple[int, int]] = []
        for match in self._pattern.finditer(text):
            start, end = match.span()
            if spans and not text[spans[-1][1] : start].strip():
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
        return spans

    def _hit(self, line: Line, span: tuple[int, int]) -> MarkHit:
        where = "page header/footer" if line.margin else "head" if line.head else "note line"
        return mark(
            line,
            span,
            self.TYPE,
            self.NAME,
            Action.REVIEW,
            f"{self.LABEL}={line.text[span[0] : span[1]]}; position={where}",
        )
