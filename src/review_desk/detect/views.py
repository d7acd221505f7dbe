"""The text detection matches on: a block's normalised text, with some digit gaps put back.

Normalisation drops every blank between two digits, so that "138 1234 5678" and "110105 19491231
002X" are found. In a table row written as text ("1 曹淑华 530102195706048087 …号 19657076795 2
489", one PDF line per row) the same rule glues neighbouring cells into one long number, and the
ID, the phone and the amount all vanish. Digit groups of a written number are short (3–4 for
phones and cards, 6-8-4 for an ID); a group longer than 8 digits is a whole value, so the blanks
around it are cell separators and are kept.

Most blocks of a big sheet (digits, simplified characters) normalise to themselves: for those the
view is the block's own text, without building a normalised copy and its offset maps.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from review_desk.core.document import Block
from review_desk.core.normalize import NormalizedText, normalize

_DIGIT_RUN = re.compile(r"\d+")
#: Any blank between two digits in the original text; most blocks have none.
_ANY_GAP = re.compile(r"\d\s+\d")
_CJK = re.compile(r"[\u4e00-\u9fff]")
#: Every character that ``\s`` matches: none lies above U+3000, the ideographic space.
SPACE_CHARS = frozenset(re.findall(r"\s", "".join(map(chr, range(0x3001)))))
#: The longest digit group in a written-out number (the 8-digit birth date of an ID).
MAX_GROUP = 8


@dataclass(frozen=True, slots=True)
class BlockView:
    """A block's matching text; ``norm`` is None when that text is the block's own text."""

    text: str
    norm: NormalizedText | None

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        return (start, end) if self.norm is None else self.norm.to_original(start, end)


class _CharFolding:
    """Which characters normalisation leaves as they are, learnt one character at a time from
    ``normalize`` itself (which folds character by character), so the two cannot disagree."""

    def __init__(self) -> None:
        self._kept: set[str] = set()
        self._folded: set[str] = set()

    def keeps(self, chars: set[str]) -> bool:
        """Whether normalisation leaves every one of ``chars`` as it is."""
        if chars <= self._kept:
            return True
        for char in chars - self._kept:
            if char in self._folded:
                return False
            (self._kept if normalize(char).text == char else self._folded).add(char)
        return chars <= self._kept


_FOLDING = _CharFolding()


def is_plain(text: str) -> bool:
    """Whether the text is its own matching view: without a blank between digits nothing is
    dropped, so it is when no character folds either. The gap is looked for only in a text
    that has a blank at all (most of a sheet's millions of characters have none)."""
    chars = set(text)
    if not SPACE_CHARS.isdisjoint(chars) and _ANY_GAP.search(text) is not None:
        return False
    return _FOLDING.keeps(chars)


def has_cjk(text: str) -> bool:
    """Whether the text holds a Chinese character (a title, a name needs one)."""
    return _CJK.search(text) is not None


def block_view(block: Block) -> BlockView:
    text = block.text
    if is_plain(text):
        return BlockView(text, None)
    view = matching_view(block.normalized)
    return BlockView(view.text, view)


#: Joins block texts for one look over many: neither a digit, a blank, a letter nor a character
#: that normalisation folds, so it adds no match and no gap and is its own view.
TEXT_EDGE = "\x00"


def matching_texts(blocks: Sequence[Block]) -> tuple[list[str], list[BlockView] | None]:
    """The matching text of each block, and their views; no views when each text is its own
    (most chunks of a sheet), found in one test over all their texts: a gap or a folded
    character in one text is one in the joined text, and the joint adds neither."""
    texts = [block.text for block in blocks]
    if is_plain(TEXT_EDGE.join(texts)):
        return texts, None
    views = [block_view(block) for block in blocks]
    return [view.text for view in views], views


def matching_view(norm: NormalizedText) -> NormalizedText:
    if _ANY_GAP.search(norm.original) is None:
        return norm
    text = norm.text
    gaps = [
        i
        for i in range(1, len(text))
        if norm.starts[i] > norm.ends[i - 1] and text[i - 1].isdigit() and text[i].isdigit()
    ]
    if not gaps:
        return norm
    kept: set[int] = set()
    for run in _DIGIT_RUN.finditer(text):
        cuts = [i for i in gaps if run.start() < i < run.end()]
        bounds = [run.start(), *cuts, run.end()]
        if cuts and max(b - a for a, b in itertools.pairwise(bounds)) > MAX_GROUP:
            kept.update(cuts)
    if not kept:
        return norm
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for i, char in enumerate(text):
        if i in kept:
            # The blank stands for the whole original gap between the two digits.
            chars.append(" ")
            starts.append(norm.ends[i - 1])
            ends.append(norm.starts[i])
        chars.append(char)
        starts.append(norm.starts[i])
        ends.append(norm.ends[i])
    return NormalizedText(norm.original, "".join(chars), tuple(starts), tuple(ends))
