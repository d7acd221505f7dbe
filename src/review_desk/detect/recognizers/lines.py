"""Lines of a document with their place on the page, for the document-level recognizers.

Where a marking stands decides what it is (GB/T 9704-2012 §7.2.2, POLICY.md §6): 密级 at the
top-left of the first page or in a page header/footer is a marking; the same words in a sentence
are a mention. A line is a line of a block's normalised text; its offset maps back to the block.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate

from review_desk.core.cells import CellRun, CellStore
from review_desk.core.document import Block, BlockKind, Document
from review_desk.core.findings import Action, FindingType

_MARGINS = frozenset({BlockKind.HEADER, BlockKind.FOOTER})
_BODY = frozenset({BlockKind.PARAGRAPH, BlockKind.PDF_LINE, BlockKind.TEXT_BOX})
_CELLS = frozenset({BlockKind.TABLE_CELL, BlockKind.SHEET_CELL})
#: A cell is read for a note only when it is short and holds 内 or 稿 (内部资料, 仅供内部参考,
#: 讨论稿 alone in a cell): the million cells of a big sheet are not normalised for it. One
#: character: a search of a sheet's texts joined finds in which cells it is (``_note_cells``).
_CELL_NOTE = re.compile(r"[内內稿]")
_CELL_NOTE_CHARS = 80
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
    #: A line of a table or sheet cell: read for internal and draft notes only.
    cell: bool = False


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
    #: The words found (a phrase of the rules, or the whole title or closing): what later
    #: checks read, never the explanation.
    phrase: str = ""


def document_lines(document: Document, head_lines: int) -> Iterator[Line]:
    body_seen = 0
    for block in _possible_lines(document.blocks):
        if block.kind in _CELLS:
            # Tested here, not in a generator per cell: a sheet has a million cells, notes few.
            if _may_be_note(block.text):
                yield from _cell_lines(block)
            continue
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


def _possible_lines(blocks: Sequence[Block]) -> Iterator[Block]:
    """The blocks, but of a store's sheet cells only those that may hold a note, read from its
    columns: the others are never made."""
    if not isinstance(blocks, CellStore):
        yield from blocks
        return
    for part in blocks.parts():
        if isinstance(part, CellRun):
            yield from map(part.block, _note_cells(part.texts))
        else:
            yield from part


def _note_cells(texts: Sequence[str]) -> Iterator[int]:
    """The indexes of the texts that may hold a note (``_may_be_note``), found by searching
    them all joined (most sheets have no 内 or 稿 at all): a match of the one-character pattern
    lies in the text whose end is the first past it."""
    joined = "".join(texts)
    found = _CELL_NOTE.search(joined)
    if found is None:
        return
    ends = list(accumulate(map(len, texts)))
    while found is not None:
        index = bisect_right(ends, found.start())
        if len(texts[index]) <= _CELL_NOTE_CHARS:
            yield index
        found = _CELL_NOTE.search(joined, ends[index])


def _may_be_note(text: str) -> bool:
    """Whether a cell may hold a note: short, with a note's words."""
    return len(text) <= _CELL_NOTE_CHARS and _CELL_NOTE.search(text) is not None


def _cell_lines(block: Block) -> Iterator[Line]:
    offset = 0
    for text in block.normalized.text.split("\n"):
        if text.strip():
            yield Line(block, text, offset, head=False, margin=False, cell=True)
        offset += len(text) + 1


#: Brackets, punctuation and blanks around a note: "（此件属工作秘密）", "内部资料·注意保存。".
_DECORATION = re.compile(r"[\s()\[\]【】〔〕<>《》.。:;；,，、·•・|｜/—-]+")
#: The same but the colon, which ends a note label ("附注：").
_DECORATION_BUT_COLON = re.compile(r"[\s()\[\]【】〔〕<>《》.。;；,，、·•・|｜/—-]+")
#: A date, an issue or an ordinal beside a note: "内部资料（2024年第3期）", "（第二次讨论稿）".
_SERIAL = (
    r"\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?|\d{4}[.\-/]\d{1,2}(?:[.\-/]\d{1,2})?"
    r"|第?[\d一二三四五六七八九十]+(?:次|稿|期|版|号)"
)


#: Where the clause that holds a note's words starts: after a bracket, a comma or a sentence's end.
_CLAUSE_START = re.compile(r".*[(\[【〔。;；!?！？,，]")


class NoteShape:
    """Whether words stand as a note, not inside a sentence or a heading: the rest of their line,
    or of their bracketed aside, holds only filler (此件, 属, 注意保存 …, from rules); or the
    document speaks of itself right before them ("此件属工作秘密，严禁…对外发布", "附注：工作秘密"),
    whatever the rest of the sentence says."""

    def __init__(
        self, fillers: Sequence[str], subjects: Sequence[str], labels: Sequence[str]
    ) -> None:
        filler = alternation(fillers)
        self._filler = re.compile(rf"(?:{filler}|{_SERIAL}|\d{{6}})*")
        self._self_reference = re.compile(
            rf"(?:(?:{alternation(labels)}):)?(?:{alternation(subjects)})?(?:{filler})*"
        )
        self._label = re.compile(rf"(?:{alternation(labels)}):")
        self._subject = re.compile(alternation(subjects))

    def is_note(self, line: Line, start: int, end: int) -> bool:
        text = line.text
        if line.margin and _stands_apart(text, start, end):
            return True
        if self._only_filler(text[:start] + text[end:]) or self._speaks_of_itself(text, start):
            return True
        opening = max(text.rfind(b, 0, start) for b in "(【〔[")
        closing = min((i for b in ")】〕]" if (i := text.find(b, end)) >= 0), default=-1)
        if opening < 0 or closing < 0 or any(b in text[opening:start] for b in ")】〕]"):
            return False
        return self._only_filler(text[opening + 1 : start] + text[end:closing])

    def _only_filler(self, rest: str) -> bool:
        return self._filler.fullmatch(_DECORATION.sub("", rest)) is not None

    def _speaks_of_itself(self, text: str, start: int) -> bool:
        """The clause before the words is a note label or the document's subject and filler."""
        clause = _CLAUSE_START.match(text, 0, start)
        before = _DECORATION_BUT_COLON.sub("", text[clause.end() if clause else 0 : start])
        if not (self._subject.match(before) or self._label.match(before)):
            return False
        return self._self_reference.fullmatch(before) is not None


def _stands_apart(text: str, start: int, end: int) -> bool:
    """Words set apart from the rest of their line, as a page header or footer sets a marking
    beside the issuing office or a page number."""
    before = start == 0 or text[start - 1] in _MARGIN_EDGE_CHARS
    after = end == len(text) or text[end] in _MARGIN_EDGE_CHARS
    return before and after


#: What may stand on either side of a note in a page header or footer, beside other text
#: ("某县人民政府办公室　内部资料"): a blank, a bracket, a separator, the line's edge.
_MARGIN_EDGE_CHARS = frozenset(" \t\u3000()[]【】〔〕<>《》.。:;；,，、·•・|｜/—-")


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
        line.text[start:end],
    )


def alternation(words: Sequence[str]) -> str:
    """A regex alternation, longest first so that 内部资料注意保存 wins over 内部资料."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
