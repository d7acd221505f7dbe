"""The NER pipeline's character encoder as one ONNX Runtime graph with 8-bit matrix products.

What it computes is the model's own ``tok2vec`` followed by the parser's precomputed lower
layer (``PrecomputableAffine``), the part of the pipeline that spends most of its time in
float32 matrix products (1.1 million multiply-adds per character)::

    hashed embeddings (thinc, as trained) ++ LAC features
      -> maxout + layer norm (the mix)
      -> depth x residual(window of +-w characters -> maxout + layer norm), documents padded
         apart as thinc's ``with_array(pad=...)`` pads them
      -> linear -> lower layer (the two folded into one product)

Each product runs as ``MatMulInteger`` on unsigned 8-bit activations and signed 8-bit weights
(AVX-512 VNNI on this machine: 2.7 times the float32 product of the same shape). The weights
are scaled per output column; the activations per row, from the row's own range, so that a
character's values never depend on the other documents of its batch: a text gets the same
entities alone and in any batch, with one worker or two. Against spaCy's float32 loop the
shipped model's scores on the NER corpora move by at most 0.4 points (see MODEL_CARD.md).
``exact=True`` builds the same graph with float32 products; tests compare it with thinc.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from thinc.api import NumpyOps

from review_desk.ner.features import features_of
from review_desk.ner.onnx_graph import GraphBuilder, Input, element_type
from review_desk.ner.tokens import CharTokens

#: The graph's inputs: per token, the hashed embeddings then the LAC features; the padded
#: layout of the encoder (for each padded row, the token it copies, or the zero row) and the
#: place of each token in that layout.
_FEATURES, _SPREAD, _BACK, _OUTPUT = "features", "spread", "back", "precomputed"
#: thinc's ``LayerNorm`` adds this to the variance.
_LAYER_NORM_EPSILON = 1e-8


class UnsupportedEncoder(ValueError):
    """The model's tok2vec is not the architecture this graph reproduces."""


class _Maxout:
    """A thinc ``Maxout`` with its ``LayerNorm`` (``normalize=True``)."""

    def __init__(self, maxout: Any, norm: Any) -> None:
        weights = np.asarray(maxout.get_param("W"), dtype="float32")
        self.outputs, self.pieces, self.inputs = weights.shape
        self.weights = weights.reshape(self.outputs * self.pieces, self.inputs).T
        self.bias = np.asarray(maxout.get_param("b"), dtype="float32").reshape(-1)
        self.gain = np.asarray(norm.get_param("G"), dtype="float32")
        self.shift = np.asarray(norm.get_param("b"), dtype="float32")


#: Each row's largest and smallest value, zero included: two (rows, 1) tensors.
_Range = tuple[str, str]


def _row_range(graph: GraphBuilder, rows: str) -> _Range:
    zero = graph.constant(np.float32(0))
    high = graph.op("Max", graph.op("ReduceMax", rows, axes=[1], keepdims=1), zero)
    low = graph.op("Min", graph.op("ReduceMin", rows, axes=[1], keepdims=1), zero)
    return high, low


def _product(
    graph: GraphBuilder,
    rows: str,
    weights: np.ndarray,
    exact: bool,
    row_range: _Range | None = None,
) -> str:
    """``rows @ weights`` (float32 in, float32 out). Quantised: each row of ``rows`` mapped
    onto 0..255 by its own minimum and maximum (zero included; ``row_range`` when the caller
    knows them), each column of ``weights`` onto -127..127 by its largest magnitude; the
    integer product, less the row's zero point times the column's sum, scaled back."""
    if exact:
        return graph.op("MatMul", rows, graph.constant(weights.astype("float32")))
    scale = np.abs(weights).max(axis=0) / 127
    scale[scale == 0] = 1
    quantized = np.round(weights / scale).astype(np.int8)
    flat = graph.constant(np.array([-1], dtype=np.int64))
    high, low = row_range or _row_range(graph, rows)
    span = graph.op("Max", graph.op("Sub", high, low), graph.constant(np.float32(1e-30)))
    step = graph.op("Div", span, graph.constant(np.float32(255)))
    zero_point = graph.op("Round", graph.op("Neg", graph.op("Div", low, step)))
    as_bytes = graph.op(
        "QuantizeLinear",
        rows,
        graph.op("Reshape", step, flat),
        graph.op("Cast", graph.op("Reshape", zero_point, flat), to=element_type(np.uint8)),
        axis=0,
    )
    product = graph.op("MatMulInteger", as_bytes, graph.constant(quantized))
    column_sums = quantized.astype(np.int32).sum(axis=0, dtype=np.int32)[None, :]
    offset = graph.op(
        "Mul", graph.op("Cast", zero_point, to=element_type(np.int32)), graph.constant(column_sums)
    )
    exact_ints = graph.op("Cast", graph.op("Sub", product, offset), to=element_type(np.float32))
    scaled = graph.op("Mul", exact_ints, step)
    return graph.op("Mul", scaled, graph.constant(scale.astype("float32")))


def _maxout(
    graph: GraphBuilder,
    rows: str,
    layer: _Maxout,
    exact: bool,
    row_range: _Range | None = None,
) -> str:
    product = _product(graph, rows, layer.weights, exact, row_range)
    summed = graph.op("Add", product, graph.constant(layer.bias))
    shape = np.array([-1, layer.outputs, layer.pieces], dtype=np.int64)
    pieces = graph.op("Reshape", summed, graph.constant(shape))
    best = graph.op("ReduceMax", pieces, axes=[2], keepdims=0)
    return graph.op(
        "LayerNormalization",
        best,
        graph.constant(layer.gain),
        graph.constant(layer.shift),
        axis=-1,
        epsilon=_LAYER_NORM_EPSILON,
    )


def _shifted(graph: GraphBuilder, rows: str, size: int) -> list[str]:
    """``rows`` moved down by ``size`` .. up by ``size`` rows, zeros coming in at the ends."""
    padded = graph.op("Pad", rows, graph.constant(np.array([size, 0, size, 0], dtype=np.int64)))
    axis = graph.constant(np.array([0], dtype=np.int64))
    return [
        graph.op(
            "Slice",
            padded,
            graph.constant(np.array([offset], dtype=np.int64)),
            graph.constant(np.array([offset - 2 * size or np.iinfo(np.int64).max], np.int64)),
            axis,
        )
        for offset in range(2 * size + 1)
    ]


def _window(graph: GraphBuilder, rows: str, size: int) -> tuple[str, _Range]:
    """thinc's ``expand_window``: each row with the ``size`` rows before and after it (zeros
    beyond the ends), left to right; and the range of each such row, from the ranges of the
    rows it is made of (five times fewer values to compare)."""
    high, low = _row_range(graph, rows)
    window = graph.op("Concat", *_shifted(graph, rows, size), axis=1)
    return window, (
        graph.op("Max", *_shifted(graph, high, size)),
        graph.op("Min", *_shifted(graph, low, size)),
    )


class QuantizedEncoder:
    """The precomputed lower-layer features of a batch of texts: ``(tokens, nF * nO * nP)``
    float32, what ``lower.predict(tok2vec.predict(docs))`` gives after its first row (the
    lower layer's padding: ``padding``)."""

    def __init__(self, ner_model: Any, *, exact: bool = False) -> None:
        import onnxruntime as ort

        parts = _Parts(ner_model)
        self._embeddings = parts.embeddings
        self._mix_inputs = parts.mix.inputs
        self._pad = parts.pad
        self.padding = parts.lower_pad
        graph = _build(parts, exact)
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1  # a scan runs a process per core
        options.inter_op_num_threads = 1
        self._session = ort.InferenceSession(graph, options, providers=["CPUExecutionProvider"])

    def __call__(self, texts: Sequence[CharTokens], lac: Sequence[np.ndarray]) -> np.ndarray:
        """``lac``: each text's LAC features (``LacEncoder.encode_ids``)."""
        lengths = np.array([len(tokens) for tokens in texts], dtype=np.int64)
        spread, back = _padded_layout(lengths[lengths > 0], self._pad)
        keys = features_of(
            np.concatenate([t.orth for t in texts]),
            np.concatenate([t.classes for t in texts]),
            lengths,
        )
        # The mix's input, written in place: the hashed embeddings, then the LAC features.
        mixed = np.empty((len(keys), self._mix_inputs), dtype="float32")
        at = 0
        for embedding in self._embeddings:
            rows = embedding(keys)
            mixed[:, at : at + rows.shape[1]] = rows
            at += rows.shape[1]
        np.concatenate(lac, out=mixed[:, at:])
        feeds = {_FEATURES: mixed, _SPREAD: spread, _BACK: back}
        result: np.ndarray = self._session.run([_OUTPUT], feeds)[0]
        return result


class _HashEmbedding:
    """A thinc ``HashEmbed`` of one feature column, computed as thinc computes it."""

    _ops = NumpyOps()

    def __init__(self, layer: Any) -> None:
        self.column = int(layer.attrs["column"])
        self.seed = int(layer.attrs["seed"])
        self.table = layer.get_param("E")

    def __call__(self, features: np.ndarray) -> np.ndarray:
        ids = self._ops.as_contig(features[:, self.column], dtype="uint64")
        keys = self._ops.hash(ids, self.seed) % self.table.shape[0]
        rows: np.ndarray = self._ops.gather_add(self.table, keys)
        return rows


def _padded_layout(lengths: np.ndarray, pad: int) -> tuple[np.ndarray, np.ndarray]:
    """thinc's ``flatten(pad=pad)`` of non-empty sequences as indices: ``pad`` zero rows
    before each sequence and after the last. ``spread``: for each padded row, the token it
    holds (the total, one past the last token, for a zero row); ``back``: each token's row."""
    tokens = int(lengths.sum())
    sequence = np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)
    back = np.arange(tokens, dtype=np.int64) + pad * (sequence + 1)
    spread = np.full(tokens + pad * (len(lengths) + 1), tokens, dtype=np.int64)
    spread[back] = np.arange(tokens, dtype=np.int64)
    return spread, back


class _Parts:
    """The layers of the shipped architecture, found in the model and checked: the hashed
    embeddings, the mix, the encoder's residual layers, their
    window and padding, the linear layer after the encoder and the lower layer."""

    def __init__(self, ner_model: Any) -> None:
        tok2vec = ner_model.get_ref("tok2vec")
        lower = ner_model.get_ref("lower")
        nodes = list(tok2vec.walk(order="dfs_pre"))
        joined = [n for n in nodes if [c.name for c in n.layers][-1:] == ["lac_features"]]
        maxouts = [n for n in nodes if n.name == "maxout"]
        norms = [n for n in nodes if n.name == "layernorm"]
        windows = [n for n in nodes if n.name == "expand_window"]
        linears = [n for n in nodes if n.name == "linear"]
        padded = [n for n in nodes if n.name.startswith("with_array") and n.attrs.get("pad")]
        if (
            len(joined) != 1
            or len(joined[0].layers) != 2
            or len(maxouts) < 2  # the mix and at least one window layer
            or len(maxouts) != len(norms)
            or len(windows) != len(maxouts) - 1
            or len(linears) != 1
            or len(padded) != 1
            or len({n.attrs["window_size"] for n in windows}) != 1
            or lower.get_dim("nI") != linears[0].get_dim("nO")
        ):
            raise UnsupportedEncoder(f"tok2vec {tok2vec.name}")
        per_char = joined[0].layers[0]
        self.embeddings = [
            _HashEmbedding(n) for n in per_char.walk(order="dfs_pre") if n.name == "hashembed"
        ]
        if sum(e.table.shape[1] for e in self.embeddings) != per_char.get_dim("nO"):
            raise UnsupportedEncoder(f"embeddings {per_char.name}")
        layers = [_Maxout(m, n) for m, n in zip(maxouts, norms, strict=True)]
        self.mix, self.residual = layers[0], layers[1:]
        self.window = int(windows[0].attrs["window_size"])
        self.pad = int(padded[0].attrs["pad"])
        linear = linears[0]
        nF, nO, nP, nI = (int(lower.get_dim(d)) for d in ("nF", "nO", "nP", "nI"))
        lower_weights = np.asarray(lower.get_param("W"), dtype="float32").reshape(-1, nI)
        # No activation between the linear layer and the lower one: one product does both.
        self.lower_weights = (lower_weights @ np.asarray(linear.get_param("W"))).T
        self.lower_bias = lower_weights @ np.asarray(linear.get_param("b"), dtype="float32")
        self.lower_pad = np.asarray(lower.get_param("pad"), dtype="float32").reshape(1, -1)
        if self.lower_pad.shape[1] != nF * nO * nP:
            raise UnsupportedEncoder(f"lower layer {lower.name}")


def _build(parts: _Parts, exact: bool) -> bytes:
    graph = GraphBuilder()
    width = parts.mix.outputs
    mixed = _maxout(graph, _FEATURES, parts.mix, exact)
    with_zero = graph.op("Concat", mixed, graph.constant(np.zeros((1, width), "float32")), axis=0)
    rows = graph.op("Gather", with_zero, _SPREAD, axis=0)
    *inner, last = parts.residual
    for layer in inner:
        window, window_range = _window(graph, rows, parts.window)
        rows = graph.op("Add", rows, _maxout(graph, window, layer, exact, window_range))
    # Only the tokens' rows of the last layer are read: its padding rows are left out (a
    # fifth of its rows for paragraphs of 25 characters).
    window, (high, low) = _window(graph, rows, parts.window)
    window, high, low, rows = (
        graph.op("Gather", t, _BACK, axis=0) for t in (window, high, low, rows)
    )
    tokens = graph.op("Add", rows, _maxout(graph, window, last, exact, (high, low)))
    lower = _product(graph, tokens, parts.lower_weights, exact)
    graph.op("Add", lower, graph.constant(parts.lower_bias.astype("float32")), output=_OUTPUT)
    inputs = [
        Input(_FEATURES, np.float32, 2),
        Input(_SPREAD, np.int64, 1),
        Input(_BACK, np.int64, 1),
    ]
    return graph.model(inputs, _OUTPUT)


__all__ = ["QuantizedEncoder", "UnsupportedEncoder"]
