"""A text's tokens as the NER pipeline's tokenizer makes them, as arrays and without spaCy docs.

The pipeline's tokenizer (``spacy.zh``, segmenter ``char``) splits a text into characters and
aligns them with the text (``spacy.util.get_words_and_spaces``, which searches the rest of the
text for each character: quadratic in a block's length), then builds a ``Doc``. Building the
docs and reading them back (keys, offsets, flags) took a fifth of NER time on short
paragraphs. The tokens follow a simple rule, which one regular expression applies: every
character that is not whitespace is a token; one plain space right after such a token is that
token's trailing space; any other run of whitespace is one token.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from spacy.strings import hash_string  # type: ignore[attr-defined]  # untyped in its stub
from spacy.tokens import Doc

from review_desk.ner.features import lex_class

#: A token and the one space it may own, or a run of whitespace (``\\s`` is ``str.isspace``).
_TOKEN = re.compile(r"(\S)( ?)|(\s+)")
_SPACE = re.compile(r"\s")


@dataclass(frozen=True)
class CharTokens:
    """One text's tokens: where each starts and ends in the text, its vocabulary key (spaCy's
    ``ORTH``), its lexical class (``features.lex_class``), the code point of its first
    character, and whether it is whitespace."""

    text: str
    starts: np.ndarray
    ends: np.ndarray
    orth: np.ndarray
    classes: np.ndarray
    firsts: np.ndarray
    space: np.ndarray

    def __len__(self) -> int:
        return len(self.starts)


class _Memo(dict[str, int]):
    """A token text's value, computed the first time it is asked for."""

    def __init__(self, compute: Callable[[str], int]) -> None:
        super().__init__()
        self._compute = compute

    def __missing__(self, word: str) -> int:
        value = self[word] = self._compute(word)
        return value


class Tokenizer:
    """``CharTokens`` of texts; the key and class of each token text are computed once."""

    def __init__(self) -> None:
        self._keys = _Memo(hash_string)
        self._classes = _Memo(lex_class)

    def __call__(self, text: str) -> CharTokens:
        words = _words(text)
        if words is None:  # no whitespace: a token per character
            starts = np.arange(len(text), dtype=np.int64)
            ends = starts + 1
            tokens: Sequence[str] = text
            space = np.zeros(len(text), dtype=bool)
        else:
            tokens = [word for _, word in words]
            starts = np.fromiter((start for start, _ in words), np.int64, len(words))
            ends = starts + np.fromiter(map(len, tokens), np.int64, len(words))
            space = np.fromiter(map(str.isspace, tokens), bool, len(words))
        points = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        return CharTokens(
            text=text,
            starts=starts,
            ends=ends,
            orth=np.fromiter(map(self._keys.__getitem__, tokens), np.uint64, len(tokens)),
            classes=np.fromiter(map(self._classes.__getitem__, tokens), np.uint64, len(tokens)),
            firsts=points[starts].astype(np.int64),
            space=space,
        )


def _words(text: str) -> list[tuple[int, str]] | None:
    """Each token's start and text, or None when the text holds no whitespace."""
    if not _SPACE.search(text):
        return None
    return [(m.start(), m.group(1) or m.group(3)) for m in _TOKEN.finditer(text)]


def char_doc(vocab: Any, text: str) -> Doc:
    """The doc the pipeline's tokenizer makes of ``text``."""
    words = _words(text)
    if words is None:
        return Doc(vocab, words=list(text), spaces=[False] * len(text))
    spaced = [m.group(2) == " " for m in _TOKEN.finditer(text)]
    return Doc(vocab, words=[word for _, word in words], spaces=spaced)


__all__ = ["CharTokens", "Tokenizer", "char_doc"]
