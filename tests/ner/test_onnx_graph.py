"""The hand-written ONNX models: what the ``onnx`` package reads, checks and ORT runs."""

from __future__ import annotations

import numpy as np
import onnxruntime as ort
import pytest

from review_desk.ner.onnx_graph import OPSET, GraphBuilder, Input, element_type, varint


def _small_model() -> bytes:
    graph = GraphBuilder()
    table = graph.constant(np.arange(12, dtype=np.float32).reshape(4, 3))
    rows = graph.op("Gather", table, "index", axis=0)
    best = graph.op("ReduceMax", rows, axes=[1], keepdims=1)
    scaled = graph.op("Mul", rows, graph.constant(np.float32(-0.5)))
    as_int = graph.op("Cast", graph.op("Add", scaled, best), to=element_type(np.int32))
    graph.op("Cast", as_int, to=element_type(np.float32), output="out")
    return graph.model([Input("index", np.int64, 1)], "out")


@pytest.mark.parametrize(
    ("value", "encoded"),
    [(0, b"\x00"), (1, b"\x01"), (127, b"\x7f"), (128, b"\x80\x01"), (300, b"\xac\x02")],
)
def test_varint_is_protobufs(value: int, encoded: bytes) -> None:
    assert varint(value) == encoded


def test_a_negative_varint_is_its_64_bit_twos_complement() -> None:
    assert varint(-1) == b"\xff" * 9 + b"\x01"


def test_the_onnx_package_reads_and_checks_what_is_written() -> None:
    onnx = pytest.importorskip("onnx")
    model = onnx.load_from_string(_small_model())
    onnx.checker.check_model(model, full_check=True)
    assert model.ir_version == 8
    assert [(o.domain, o.version) for o in model.opset_import] == [("", OPSET)]
    assert [n.op_type for n in model.graph.node] == [
        "Gather",
        "ReduceMax",
        "Mul",
        "Add",
        "Cast",
        "Cast",
    ]
    reduce_max = model.graph.node[1]
    assert {a.name: onnx.helper.get_attribute_value(a) for a in reduce_max.attribute} == {
        "axes": [1],
        "keepdims": 1,
    }
    table = onnx.numpy_helper.to_array(model.graph.initializer[0])
    assert table.dtype == np.float32
    assert table.tolist() == np.arange(12).reshape(4, 3).tolist()
    assert [i.name for i in model.graph.input] == ["index"]
    assert model.graph.input[0].type.tensor_type.elem_type == onnx.TensorProto.INT64
    assert [o.name for o in model.graph.output] == ["out"]


def test_onnx_runtime_runs_what_is_written() -> None:
    session = ort.InferenceSession(_small_model(), providers=["CPUExecutionProvider"])
    (out,) = session.run(["out"], {"index": np.array([3, 0], dtype=np.int64)})
    rows = np.arange(12, dtype=np.float32).reshape(4, 3)[[3, 0]]
    expected = (rows * -0.5 + rows.max(axis=1, keepdims=True)).astype(np.int32)
    assert out.dtype == np.float32
    assert out.tolist() == expected.astype(np.float32).tolist()


def test_an_element_type_onnx_lacks_is_refused() -> None:
    with pytest.raises(ValueError, match="complex64"):
        element_type(np.complex64)
