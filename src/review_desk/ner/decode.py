"""The NER pipeline's greedy decoding, vectorised over a batch: the same entities as spaCy's
``Parser.pipe``, several times faster.

spaCy's parser decodes one state at a time in C: per state and step it sums three precomputed
feature vectors through BLIS (a library call per vector), asks each of the 14 moves whether it
is valid, and multiplies the state's hidden vector by the output layer with a BLIS call sized
for the whole batch. On our one-character tokens that loop took as long as the encoder. Every
NER move consumes exactly one token, so at step ``t`` every unfinished state stands on its token
``t``: a step is a handful of numpy operations over all unfinished states at once.

The results are those of spaCy's loop bit for bit, not merely close:

* the batches are spaCy's (``minibatch`` of ``batch_size``, each sorted by length, cut into
  quarters), so the encoder and the precomputed features see the same rows;
* a state's hidden vector adds the same float32 vectors in the same order (zeros, then the three
  features, then the bias), takes the maxout piece the same way (ties to the later piece, as
  thinc's ``Vec.arg_max`` does for two pieces), and the scores come from the same BLIS ``sgemm``
  call with the same shapes, the bias added after;
* the move is the first best valid one, as ``arg_max_if_valid`` picks it, with the validity
  rules of ``BiluoPushDown`` for documents without preset entities or sentence starts.

Documents that step outside that (preset entities, sentence boundaries inside a text, non-finite
scores, another transition system or model shape) are decoded by spaCy itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

import numpy as np

#: Move kinds, as ``BiluoPushDown`` numbers them.
_BEGIN, _IN, _LAST, _UNIT, _OUT = 1, 2, 3, 4, 5
_KINDS = {"B": _BEGIN, "I": _IN, "L": _LAST, "U": _UNIT, "O": _OUT}

#: An entity of one document: (first token, token after the last, label id).
TokenEntity = tuple[int, int, int]


class UnsupportedModel(ValueError):
    """The pipeline is not one this decoder reproduces; use spaCy's own loop."""


class GreedyNer:
    """Runs an ``ner`` component (TransitionBasedParser with an upper layer, greedy search) over
    spaCy docs: entities per doc as token ranges and label ids."""

    def __init__(self, nlp: Any) -> None:
        from spacy.pipeline._parser_internals.ner import BiluoPushDown

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
        self._tok2vec = model.get_ref("tok2vec")
        self._lower = model.get_ref("lower")
        upper = model.get_ref("upper")
        if self._lower.get_dim("nF") != 3:
            raise UnsupportedModel("state features other than (B0, E0, B0-1)")
        self._pieces = int(self._lower.get_dim("nP"))
        self._width = int(self._lower.get_dim("nO")) * self._pieces
        self._bias = np.ascontiguousarray(self._lower.get_param("b"), dtype="float32").ravel()
        self._upper_w = np.ascontiguousarray(upper.get_param("W"), dtype="float32")
        self._upper_b = np.ascontiguousarray(upper.get_param("b"), dtype="float32")
        moves = ner.moves
        n_classes = int(upper.get_dim("nO"))
        if moves.n_moves != n_classes:
            raise UnsupportedModel(f"{moves.n_moves} moves, {n_classes} classes")
        kinds, labels = [], []
        for index in range(moves.n_moves):
            name = moves.get_class_name(index)
            kind, _, label = name.partition("-")
            if kind not in _KINDS:
                raise UnsupportedModel(f"move {name!r}")
            kinds.append(_KINDS[kind])
            labels.append(int(nlp.vocab.strings.add(label)) if label else 0)
        self._kind = np.asarray(kinds, dtype=np.int8)
        self._label = np.asarray(labels, dtype=np.uint64)
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
        self,
        docs: Sequence[Any],
        batch_size: int = 256,
        prepare: Callable[[list[int]], None] | None = None,
        prepare_chars: int = 32_768,
    ) -> list[list[TokenEntity]]:
        """Entities per doc, in order; the batches are those of ``Parser.pipe(batch_size)``.
        ``prepare`` is called with the indices of runs of whole batches of up to
        ``prepare_chars`` characters (a batch alone when it is longer) before they are
        decoded."""
        out: list[list[TokenEntity]] = [[] for _ in docs]
        batches = _chunks(list(range(len(docs))), batch_size)
        windows = list(_windows(batches, [len(doc) for doc in docs], prepare_chars))

        def prepared(window: list[list[int]]) -> None:
            if prepare is not None:
                prepare([i for batch in window for i in batch])

        def decode(window: list[list[int]]) -> None:
            for batch in window:
                by_length = sorted(batch, key=lambda i: len(docs[i]))
                for sub in _chunks(by_length, max(batch_size // 4, 2)):
                    found = self._subbatch([docs[i] for i in sub])
                    for i, ents in zip(sub, found, strict=True):
                        out[i] = ents

        for window in windows:
            prepared(window)
            decode(window)
        return out

    def _subbatch(self, docs: list[Any]) -> list[list[TokenEntity]]:
        if not any(len(doc) for doc in docs):
            return [[] for _ in docs]
        flags = [_doc_flags(doc) for doc in docs]
        if any(f is None for f in flags):
            return self._by_spacy(docs)
        tokvecs = self._tok2vec.predict(docs)
        cached = self._lower.predict(tokvecs)  # (tokens + 1, 3, nO, nP); row 0 is the padding
        cached = np.ascontiguousarray(cached, dtype="float32").reshape(
            cached.shape[0], 3, self._width
        )
        spaces = np.concatenate([f for f in flags if f is not None])
        found = self._decode(docs, cached, spaces)
        if found is None:
            return self._by_spacy(docs)
        return found

    def _by_spacy(self, docs: list[Any]) -> list[list[TokenEntity]]:
        states = self._ner.predict(docs)
        self._ner.set_annotations(docs, states)
        return [[(e.start, e.end, int(e.label)) for e in doc.ents] for doc in docs]

    def _decode(
        self, docs: list[Any], cached: np.ndarray, spaces: np.ndarray
    ) -> list[list[TokenEntity]] | None:
        import blis.py  # type: ignore[import-untyped]

        lengths = np.asarray([len(doc) for doc in docs], dtype=np.int64)
        offsets = np.zeros(len(docs), dtype=np.int64)
        np.cumsum(lengths[:-1], out=offsets[1:])
        pad = cached[0]
        # spaCy keeps the unfinished states in their order; at step t they are those longer
        # than t, and each stands on its token t.
        alive = np.flatnonzero(lengths > 0)
        open_ = np.zeros(len(docs), dtype=bool)
        start = np.zeros(len(docs), dtype=np.int64)
        label = np.zeros(len(docs), dtype=np.uint64)
        ents: list[list[TokenEntity]] = [[] for _ in docs]
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
                    ents[state].append((step, step + 1, int(lab)))
                else:
                    ents[state].append((int(start[state]), step + 1, int(label[state])))
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


def _doc_flags(doc: Any) -> np.ndarray | None:
    """The doc's IS_SPACE flags, or None when it has preset entities or sentence starts past
    its first token (which the vectorised rules leave out)."""
    from spacy.attrs import ENT_IOB, IS_SPACE, SENT_START

    if not len(doc):
        return np.zeros(0, dtype=np.uint64)
    array = doc.to_array([IS_SPACE, ENT_IOB, SENT_START])
    if array[:, 1].any() or (array[1:, 2] == 1).any():
        return None
    return np.ascontiguousarray(array[:, 0])


def iter_entities(doc: Any, ents: list[TokenEntity]) -> Iterator[tuple[int, int, str]]:
    """Character offsets and label text of a doc's token entities."""
    strings = doc.vocab.strings
    for start, end, label in ents:
        span = doc[start:end]
        yield span.start_char, span.end_char, strings[label]


__all__ = ["GreedyNer", "TokenEntity", "UnsupportedModel", "iter_entities"]
