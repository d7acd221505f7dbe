"""Lines of a document with their place on the page, for the document-level recognizers.

Where a marking stands decides what it is (GB/T 9704-2012 §7.2.2, POLICY.md §6): 密级 at the
top-left of the first page or in a page header/footer is a marking; the same words in a sentence
are a mention. A line is a line of a block's normalised text; its offset maps back to the block.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from review_desk.core.document import Block, BlockKind, Document
from review_desk.core.findings import Action, FindingType

_MARGINS = frozenset({BlockKind.HEADER, BlockKind.FOOTER})
_BODY = frozenset({BlockKind.PARAGRAPH, BlockKind.PDF_LINE, BlockKind.TEXT_BOX})
#: 份号: a 6-digit copy number above the marking (GB/T 9704-2012 §7.2.1).
COPY_NUMBER = re.compile(r"^\s*(?:份号[:]?)?\s*\d{6}\s*")


@dataclass(frozen=True)
class Line:
    block: Block
    text: str
    #: Offset of the line in the block's normalised text.
    offset: int
    head: bool
    margin: bool


@dataclass(frozen=True)
class MarkHit:
    """A document-level finding in normalised offsets of its block."""

    type: FindingType
    block: Block
    start: int
    end: int
    detector: str
    action: Action
    score: float
    explanation: str


def document_lines(document: Document, head_lines: int) -> Iterator[Line]:
    body_seen = 0
    for block in document.blocks:
        margin = block.kind in _MARGINS
        if not margin and block.kind not in _BODY:
            continue
        offset = 0
        for raw in block.normalized.text.split("\n"):
            text = raw
            if text.strip():
                head = False
                if not margin and not COPY_NUMBER.fullmatch(text):
                    body_seen += 1
                    head = body_seen <= head_lines
                yield Line(block, text, offset, head, margin)
            offset += len(raw) + 1


#: Brackets, punctuation and blanks around a note: "（此件属工作秘密）", "内部资料 注意保存。".
_DECORATION = re.compile(r"[\s()\[\]【】〔〕<>《》.。:;；,，、]+")


class NoteShape:
    """Whether words stand as a note, not inside a sentence or a heading: the rest of their line,
    or of their bracketed aside, holds only filler (此件, 属, 注意保存 …, from rules)."""

    def __init__(self, fillers: Sequence[str]) -> None:
        self._filler = re.compile(rf"(?:{alternation(fillers)}|\d{{6}})*")

    def is_note(self, line: Line, start: int, end: int) -> bool:
        text = line.text
        if self._only_filler(text[:start] + text[end:]):
            return True
        opening = max(text.rfind(b, 0, start) for b in "(【〔[")
        closing = min((i for b in ")】〕]" if (i := text.find(b, end)) >= 0), default=-1)
        if opening < 0 or closing < 0 or any(b in text[opening:start] for b in ")】〕]"):
            return False
        return self._only_filler(text[opening + 1 : start] + text[end:closing])

    def _only_filler(self, rest: str) -> bool:
        return self._filler.fullmatch(_DECORATION.sub("", rest)) is not None


def mark(
    line: Line,
    span: tuple[int, int],
    kind: FindingType,
    detector: str,
    action: Action,
    explanation: str,
    score: float = 1.0,
) -> MarkHit:
    start, end = span
    return MarkHit(
        kind,
        line.block,
        line.offset + start,
        line.offset + end,
        detector,
        action,
        score,
        explanation,
    )


def alternation(words: Sequence[str]) -> str:
    """A regex alternation, longest first so that 内部资料注意保存 wins over 内部资料."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
