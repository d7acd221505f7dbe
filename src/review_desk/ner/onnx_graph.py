"""Writes small ONNX models for ONNX Runtime without the ``onnx`` package.

The ``onnx`` package takes 0.6 s to import, more than loading our NER model; the graphs built
at load time (``review_desk.ner.quantized``) need only a few protobuf messages, so they are
serialised here by hand, after ``onnx.proto3`` (ONNX IR version 8, operator set 17)::

    graph = GraphBuilder()
    total = graph.op("Add", "x", graph.constant(np.ones(3, dtype="float32")))
    model = graph.model([Input("x", np.float32, 1)], total)   # bytes for InferenceSession

A test reads what this writes back with the ``onnx`` package and runs its checker.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

IR_VERSION = 8
OPSET = 17

#: TensorProto.DataType of the element types the graphs use.
_ELEMENT_TYPES = {
    np.dtype("float32"): 1,
    np.dtype("uint8"): 2,
    np.dtype("int8"): 3,
    np.dtype("int32"): 6,
    np.dtype("int64"): 7,
}
#: AttributeProto.AttributeType.
_FLOAT, _INT, _INTS = 1, 2, 7


def varint(value: int) -> bytes:
    """Protobuf's base-128 varint; a negative number as its 64-bit two's complement."""
    value &= (1 << 64) - 1
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def _key(field: int, wire: int) -> bytes:
    return varint(field << 3 | wire)


def _int_field(field: int, value: int) -> bytes:
    return _key(field, 0) + varint(value)


def _bytes_field(field: int, data: bytes) -> bytes:
    return _key(field, 2) + varint(len(data)) + data


def _text_field(field: int, text: str) -> bytes:
    return _bytes_field(field, text.encode("utf-8"))


def element_type(dtype: np.dtype | type[np.generic]) -> int:
    """TensorProto.DataType of a numpy element type (what ``Cast`` takes as ``to``)."""
    try:
        return _ELEMENT_TYPES[np.dtype(dtype)]
    except KeyError:
        raise ValueError(f"no ONNX element type for {dtype}") from None


def _tensor(name: str, array: np.ndarray) -> bytes:
    """TensorProto: dims (1), data_type (2), name (8), raw_data (9, little-endian)."""
    dims = b"".join(_int_field(1, size) for size in array.shape)
    data = np.ascontiguousarray(array, dtype=array.dtype.newbyteorder("<")).tobytes()
    return (
        dims
        + _int_field(2, element_type(array.dtype))
        + _text_field(8, name)
        + _bytes_field(9, data)
    )


def _attribute(name: str, value: int | float | Sequence[int]) -> bytes:
    """AttributeProto: name (1), f (2), i (3), ints (8), type (20)."""
    if isinstance(value, bool | int):
        body, kind = _int_field(3, int(value)), _INT
    elif isinstance(value, float):
        body, kind = _key(2, 5) + struct.pack("<f", value), _FLOAT
    else:
        body, kind = b"".join(_int_field(8, int(v)) for v in value), _INTS
    return _text_field(1, name) + body + _int_field(20, kind)


@dataclass(frozen=True)
class Input:
    """A graph input: its name, element type and rank (every dimension left free)."""

    name: str
    dtype: type[np.generic]
    rank: int

    def encoded(self) -> bytes:
        """ValueInfoProto: name (1), type (2) = TypeProto.tensor_type (1) = elem_type (1),
        shape (2) of ``rank`` dimensions named by dim_param (2)."""
        dims = b"".join(
            _bytes_field(1, _text_field(2, f"{self.name}_{axis}")) for axis in range(self.rank)
        )
        tensor = _int_field(1, element_type(np.dtype(self.dtype))) + _bytes_field(2, dims)
        return _text_field(1, self.name) + _bytes_field(2, _bytes_field(1, tensor))


class GraphBuilder:
    """Nodes and constants of one graph, in the order they are added (ONNX wants the nodes
    sorted so that each one's inputs come before it: adding them as they are computed does
    that)."""

    def __init__(self) -> None:
        self._nodes: list[bytes] = []
        self._constants: list[bytes] = []
        self._names = 0

    def _name(self, stem: str) -> str:
        self._names += 1
        return f"{stem}_{self._names}"

    def constant(self, array: np.ndarray | np.generic) -> str:
        """A constant tensor (an initializer); its name."""
        name = self._name("const")
        self._constants.append(_tensor(name, np.asarray(array)))
        return name

    def op(
        self,
        op_type: str,
        *inputs: str,
        output: str | None = None,
        **attributes: int | float | Sequence[int],
    ) -> str:
        """A node of the default domain; the name of its one output."""
        out = output or self._name(op_type.lower())
        node = (
            b"".join(_text_field(1, name) for name in inputs)
            + _text_field(2, out)
            + _text_field(4, op_type)
            + b"".join(_bytes_field(5, _attribute(k, v)) for k, v in attributes.items())
        )
        self._nodes.append(node)
        return out

    def model(self, inputs: Sequence[Input], output: str) -> bytes:
        """ModelProto: ir_version (1), graph (7), opset_import (8); the graph's only output
        is ``output`` (a float tensor of rank 2)."""
        graph = (
            b"".join(_bytes_field(1, node) for node in self._nodes)
            + _text_field(2, "review_desk")
            + b"".join(_bytes_field(5, constant) for constant in self._constants)
            + b"".join(_bytes_field(11, given.encoded()) for given in inputs)
            + _bytes_field(12, Input(output, np.float32, 2).encoded())
        )
        opset = _text_field(1, "") + _int_field(2, OPSET)
        return _int_field(1, IR_VERSION) + _bytes_field(7, graph) + _bytes_field(8, opset)


__all__ = ["OPSET", "GraphBuilder", "Input", "element_type", "varint"]
