"""A normalised view of a text for matching, with a map back to the original offsets.

Matching runs on the normalised text (NFKC, full-width digits and Ｘ folded, dash variants
unified, spaces inside digit runs dropped, traditional characters simplified) so that
``１３８－１２３４　５６７８`` and ``機密★１年`` are found; findings are always reported at the
offsets of the original text, which is what the GUI highlights and the exporter masks.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from opencc import OpenCC

_DASHES = dict.fromkeys("－—–‐‑‒―−﹣", "-")
_DIGIT_GAP = re.compile(r"(?<=[0-9])[ \u00a0\u2002\u2009\u3000]+(?=[0-9])")
_T2S = OpenCC("t2s")


@lru_cache(maxsize=65536)
def _fold_char(char: str) -> str:
    folded = unicodedata.normalize("NFKC", char)
    if folded in _DASHES:
        return _DASHES[folded]
    if len(folded) == 1 and ord(folded) >= 0x3400:
        return str(_T2S.convert(folded))
    return folded


@dataclass(frozen=True)
class NormalizedText:
    """``text`` is the normalised string; ``starts[i]``/``ends[i]`` give the original span of its
    i-th character (several normalised characters may share one original character)."""

    original: str
    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the normalised text to the span of the original text it came from."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span {start}:{end} outside normalised text of {len(self.text)}")
        if start == end:
            point = self.starts[start] if start < len(self.text) else len(self.original)
            return point, point
        return self.starts[start], self.ends[end - 1]


def normalize(original: str) -> NormalizedText:
    pieces = [_fold_char(c) for c in original]
    joined = "".join(pieces)
    starts: list[int]
    if len(joined) == len(original) and "" not in pieces:
        # No character folds to none, so none folds to several (almost every text): the i-th
        # character comes from the i-th.
        if _DIGIT_GAP.search(joined) is None:
            count = len(original)
            return NormalizedText(original, joined, tuple(range(count)), tuple(range(1, count + 1)))
        starts = list(range(len(original)))
    else:
        starts = []
        for index, piece in enumerate(pieces):
            starts.extend([index] * len(piece))
    kept = _positions_outside_digit_gaps(joined)
    if kept is not None:
        joined = "".join(joined[i] for i in kept)
        starts = [starts[i] for i in kept]
    return NormalizedText(original, joined, tuple(starts), tuple(s + 1 for s in starts))


def _positions_outside_digit_gaps(text: str) -> list[int] | None:
    gaps = [m.span() for m in _DIGIT_GAP.finditer(text)]
    if not gaps:
        return None
    kept: list[int] = []
    previous_end = 0
    for gap_start, gap_end in gaps:
        kept.extend(range(previous_end, gap_start))
        previous_end = gap_end
    kept.extend(range(previous_end, len(text)))
    return kept
