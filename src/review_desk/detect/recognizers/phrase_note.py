"""The shared logic of note-style markings: a phrase counts only where it stands as a note."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import ClassVar

from review_desk.core.findings import Action, FindingType
from review_desk.detect.recognizers.lines import Line, MarkHit, NoteShape, mark

#: What may join two phrases of one marking.
_JOINERS = " \t\u3000·•・"


class PhraseNoteRecognizer:
    """Finds ``phrases`` that stand as a note (alone, bracketed, or opening a head line)."""

    TYPE: FindingType
    NAME: str
    LABEL: str
    #: Whether the note counts alone in a table or sheet cell (内部资料 does, 工作秘密 is a
    #: note of the document's text).
    IN_CELLS: ClassVar[bool] = False

    def __init__(self, phrases: Sequence[str], shape: NoteShape) -> None:
        # A short heading is often spaced out ("讨  论  稿").
        self._pattern = re.compile(
            "|".join(
                r"\s*".join(map(re.escape, phrase))
                for phrase in sorted(phrases, key=len, reverse=True)
            )
        )
        self._shape = shape

    def find(self, lines: Iterable[Line]) -> list[MarkHit]:
        hits: list[MarkHit] = []
        for line in lines:
            if line.cell and not self.IN_CELLS:
                continue
            for span in self._merged_spans(line.text):
                if self._shape.is_note(line, *span):
                    hits.append(self._hit(line, span))
        return hits

    def _merged_spans(self, text: str) -> list[tuple[int, int]]:
        """Phrases separated only by blanks or a dot are one marking: "内部资料 注意保存",
        "内部资料·不得外传"."""
        spans: list[tuple[int, int]] = []
        for match in self._pattern.finditer(text):
            start, end = match.span()
            if spans and not text[spans[-1][1] : start].strip(_JOINERS):
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
        return spans

    def _hit(self, line: Line, span: tuple[int, int]) -> MarkHit:
        where = (
            "page header/footer"
            if line.margin
            else "cell"
            if line.cell
            else "head"
            if line.head
            else "note line"
        )
        return mark(
            line,
            span,
            self.TYPE,
            self.NAME,
            Action.REVIEW,
            f"{self.LABEL}={line.text[span[0] : span[1]]}; position={where}",
        )
