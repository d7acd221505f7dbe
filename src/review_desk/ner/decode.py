"""The NER pipeline's greedy decoding, vectorised over a batch: spaCy's ``Parser.pipe`` moves,
several times faster.

spaCy's parser decodes one state at a time in C: per state and step it sums three precomputed
feature vectors through BLIS (a library call per vector), asks each of the 14 moves whether it
is valid, and multiplies the state's hidden vector by the output layer with a BLIS call sized
for the whole batch. On our one-character tokens that loop took as long as the encoder. Every
NER move consumes exactly one token, so at step ``t`` every unfinished state stands on its token
``t``: a step is a handful of numpy operations over all unfinished states at once.

The encoder and the precomputed lower layer run as one ONNX Runtime graph with 8-bit products
(``review_desk.ner.quantized``; a character's values do not depend on its batch). Given the same
precomputed features, the moves are those of spaCy's loop:

* a state's hidden vector adds the same float32 vectors in the same order (zeros, then the three
  features, then the bias), takes the maxout piece the same way (ties to the later piece, as
  thinc's ``Vec.arg_max`` does for two pieces), and the scores come from the same BLIS ``sgemm``
  call, the bias added after;
* the move is the first best valid one, as ``arg_max_if_valid`` picks it, with the validity
  rules of ``BiluoPushDown`` for documents without preset entities or sentence starts.

Texts are tokens (``review_desk.ner.tokens``), never with preset entities or sentence starts.
Texts whose scores are not finite are decoded by spaCy itself; a model of another transition
system or shape is refused (``UnsupportedModel``) and runs through spaCy's own loop.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

from review_desk.ner.tokens import CharTokens, char_doc

#: Move kinds, as ``BiluoPushDown`` numbers them.
_BEGIN, _IN, _LAST, _UNIT, _OUT = 1, 2, 3, 4, 5
_KINDS = {"B": _BEGIN, "I": _IN, "L": _LAST, "U": _UNIT, "O": _OUT}

#: An entity of one text: (first token, token after the last, label).
TokenEntity = tuple[int, int, str]


class UnsupportedModel(ValueError):
    """The pipeline is not one this decoder reproduces; use spaCy's own loop."""


class GreedyNer:
    """Runs an ``ner`` component (TransitionBasedParser with an upper layer, greedy search) over
    texts' tokens: entities per text as token ranges and labels."""

    def __init__(self, nlp: Any, *, exact: bool = False) -> None:
        """``exact``: the encoder's products in float32 (tests compare that with spaCy)."""
        from spacy.pipeline._parser_internals.ner import BiluoPushDown

        from review_desk.ner.quantized import QuantizedEncoder, UnsupportedEncoder

        names = [name for name, _ in nlp.pipeline]
        if names != ["ner"]:
            raise UnsupportedModel(f"pipeline {names}")
        ner = nlp.get_pipe("ner")
        if not isinstance(ner.moves, BiluoPushDown) or ner.cfg.get("beam_width", 1) != 1:
            raise UnsupportedModel("not a greedy BILUO parser")
        model = ner.model
        if not model.attrs.get("has_upper"):
            raise UnsupportedModel("no upper layer")
        self._ner = ner
        lower = model.get_ref("lower")
        upper = model.get_ref("upper")
        if lower.get_dim("nF") != 3:
            raise UnsupportedModel("state features other than (B0, E0, B0-1)")
        try:
            self._encoder = QuantizedEncoder(model, exact=exact)
        except UnsupportedEncoder as exc:
            raise UnsupportedModel(str(exc)) from exc
        self._pieces = int(lower.get_dim("nP"))
        self._width = int(lower.get_dim("nO")) * self._pieces
        self._bias = np.ascontiguousarray(lower.get_param("b"), dtype="float32").ravel()
        self._upper_w = np.ascontiguousarray(upper.get_param("W"), dtype="float32")
        self._upper_b = np.ascontiguousarray(upper.get_param("b"), dtype="float32")
        moves = ner.moves
        n_classes = int(upper.get_dim("nO"))
        if moves.n_moves != n_classes:
            raise UnsupportedModel(f"{moves.n_moves} moves, {n_classes} classes")
        kinds, labels = [], []
        #: Label texts by the index the moves carry (0: none).
        self._label_names = [""]
        for index in range(moves.n_moves):
            name = moves.get_class_name(index)
            kind, _, label = name.partition("-")
            if kind not in _KINDS:
                raise UnsupportedModel(f"move {name!r}")
            kinds.append(_KINDS[kind])
            if label and label not in self._label_names:
                self._label_names.append(label)
            labels.append(self._label_names.index(label) if label else 0)
        self._kind = np.asarray(kinds, dtype=np.int8)
        self._label = np.asarray(labels, dtype=np.int64)
        self._unseen = sorted(int(c) for c in model.attrs.get("unseen_classes", ()))
        kind, label = self._kind, self._label
        # Which moves each rule allows (a row per class).
        self._begin = (kind == _BEGIN) & (label != 0)
        self._in = (kind == _IN) & (label != 0)
        self._last = (kind == _LAST) & (label != 0)
        self._unit = (kind == _UNIT) & (label != 0)
        self._out = kind == _OUT
        self._opens = (kind == _BEGIN) | (kind == _UNIT)

    def __call__(
        self, texts: Sequence[CharTokens], batch_size: int = 256, window_chars: int = 32_768
    ) -> list[list[TokenEntity]]:
        """Entities per text, in order. The texts are taken in windows of whole batches of
        ``batch_size`` texts and up to ``window_chars`` characters (a batch alone when it is
        longer): LAC runs over a window's texts at once, the encoder over runs of a quarter
        batch, and the window is decoded at once. A text's entities do not depend on the texts
        beside it, so the grouping only decides the speed."""
        from review_desk.ner.lac import token_features

        out: list[list[TokenEntity]] = [[] for _ in texts]
        batches = _chunks(list(range(len(texts))), batch_size)
        for window in _windows(batches, [len(t) for t in texts], window_chars):
            # Similar lengths run together: the encoder's buffers stay small.
            by_length = sorted((i for batch in window for i in batch), key=lambda i: len(texts[i]))
            chosen = [texts[i] for i in by_length]
            found = self._decoded(chosen, token_features(chosen), max(batch_size // 4, 2))
            for i, ents in zip(by_length, found, strict=True):
                out[i] = ents
        return out

    def _decoded(
        self, texts: list[CharTokens], lac: list[np.ndarray], run: int
    ) -> list[list[TokenEntity]]:
        if not any(len(t) for t in texts):
            return [[] for _ in texts]
        encoded = [
            self._encoder(texts[start : start + run], lac[start : start + run])
            for start in range(0, len(texts), run)
        ]
        cached = np.concatenate([self._encoder.padding, *encoded]).reshape(-1, 3, self._width)
        spaces = np.concatenate([t.space for t in texts])
        found = self._decode(np.array([len(t) for t in texts], dtype=np.int64), cached, spaces)
        if found is None:
            return self._by_spacy(texts)
        return found

    def _by_spacy(self, texts: list[CharTokens]) -> list[list[TokenEntity]]:
        docs = [char_doc(self._ner.vocab, t.text) for t in texts]
        states = self._ner.predict(docs)
        self._ner.set_annotations(docs, states)
        return [[(e.start, e.end, e.label_) for e in doc.ents] for doc in docs]

    def _decode(
        self, lengths: np.ndarray, cached: np.ndarray, spaces: np.ndarray
    ) -> list[list[TokenEntity]] | None:
        """Each text's entities, from its length and the precomputed features and space flags
        of all texts' tokens end to end; None when a score is not finite."""
        import blis.py  # type: ignore[import-untyped]

        names = self._label_names
        offsets = np.zeros(len(lengths), dtype=np.int64)
        np.cumsum(lengths[:-1], out=offsets[1:])
        pad = cached[0]
        # spaCy keeps the unfinished states in their order; at step t they are those longer
        # than t, and each stands on its token t.
        alive = np.flatnonzero(lengths > 0)
        open_ = np.zeros(len(lengths), dtype=bool)
        start = np.zeros(len(lengths), dtype=np.int64)
        label = np.zeros(len(lengths), dtype=np.int64)
        ents: list[list[TokenEntity]] = [[] for _ in lengths]
        step = 0
        while alive.size:
            token = offsets[alive] + step
            is_open = open_[alive]
            summed = np.zeros((alive.size, self._width), dtype="float32")
            summed += cached[token + 1, 0]
            begun = offsets[alive] + start[alive]
            summed += np.where(is_open[:, None], cached[begun + 1, 1], pad[1])
            summed += np.where(is_open[:, None], cached[token, 2], pad[2])  # token - 1, + 1
            summed += self._bias
            pieces = summed.reshape(alive.size, -1, self._pieces)
            hidden = _maxout(pieces)
            scores = blis.py.gemm(hidden, self._upper_w, trans2=True, alpha=1.0, beta=0.0)
            scores += self._upper_b
            if not np.isfinite(scores).all():
                return None
            if self._unseen:
                scores[:, self._unseen] = scores.min()
            valid = self._valid(
                is_open, label[alive], lengths[alive] - step, spaces[token].astype(bool)
            )
            guess = np.argmax(np.where(valid, scores, -np.inf), axis=1)
            kind = self._kind[guess]
            chosen = self._label[guess]
            closing = (kind == _LAST) | (kind == _UNIT)
            for state, k, lab in zip(
                alive[closing].tolist(),
                kind[closing].tolist(),
                chosen[closing].tolist(),
                strict=True,
            ):
                if k == _UNIT:
                    ents[state].append((step, step + 1, names[lab]))
                else:
                    ents[state].append((int(start[state]), step + 1, names[int(label[state])]))
            begins = alive[kind == _BEGIN]
            open_[begins] = True
            start[begins] = step
            label[begins] = chosen[kind == _BEGIN]
            open_[alive[kind == _LAST]] = False
            step += 1
            alive = alive[lengths[alive] > step]
        return ents

    def _valid(
        self, is_open: np.ndarray, label: np.ndarray, left: np.ndarray, space: np.ndarray
    ) -> np.ndarray:
        """Valid moves per state (``BiluoPushDown``'s rules without preset entities or sentence
        starts): B needs no open entity, a token after this one and a non-space token; I an open
        entity of its label and a token after; L an open entity of its label; U no open entity
        and a non-space token; O no open entity."""
        closed = ~is_open[:, None]
        same = label[:, None] == self._label[None, :]
        more = (left >= 2)[:, None]
        word = ~space[:, None]
        valid: np.ndarray = (
            (self._begin & closed & more & word)
            | (self._in & ~closed & same & more)
            | (self._last & ~closed & same)
            | (self._unit & closed & word)
            | (self._out & closed)
        )
        return valid


def _chunks(items: list[int], size: int) -> list[list[int]]:
    """``items`` cut in runs of ``size`` (the last shorter), as ``spacy.util.minibatch``."""
    return [items[start : start + size] for start in range(0, len(items), size)]


def _windows(batches: list[list[int]], lengths: list[int], chars: int) -> Iterator[list[list[int]]]:
    """Consecutive batches, grouped while their documents hold at most ``chars`` tokens."""
    window: list[list[int]] = []
    size = 0
    for batch in batches:
        n = sum(lengths[i] for i in batch)
        if window and size + n > chars:
            yield window
            window, size = [], 0
        window.append(batch)
        size += n
    if window:
        yield window


def _maxout(pieces: np.ndarray) -> np.ndarray:
    """The piece thinc's ``Vec.arg_max`` picks: for two, the first only when strictly larger."""
    if pieces.shape[2] == 2:
        first, second = pieces[:, :, 0], pieces[:, :, 1]
        return np.ascontiguousarray(np.where(first > second, first, second))
    best = pieces[:, :, 0].copy()
    for p in range(1, pieces.shape[2]):
        np.copyto(best, pieces[:, :, p], where=pieces[:, :, p] > best)
    return best


__all__ = ["GreedyNer", "TokenEntity", "UnsupportedModel"]
