"""Tests on the shipped model in models/ (fail, not skip, when it is missing or broken).

Those that load it are marked slow; bench/bench_ner.py measures its load time and speed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from review_desk.core.errors import ReviewDeskError
from review_desk.ner.model import EntitySpan, NerModel, NerModelMissingError, default_model
from review_desk.ner.training.data import corpora_dir, read_jsonl, score_predictions

# Measured on the shipped model (2.0.0: PER 99.2, all labels 92.4); the floors leave a margin
# for platform noise only.
MSRA500_PER_F1_FLOOR = 94.0
MSRA500_ALL_F1_FLOOR = 90.0


@pytest.mark.slow
def test_shipped_model_loads() -> None:
    assert NerModel.load().meta["lang"] == "zh"


def test_missing_model_raises_typed_error(tmp_path: Path) -> None:
    with pytest.raises(NerModelMissingError) as err:
        NerModel.load(tmp_path / "nope")
    assert isinstance(err.value, ReviewDeskError)
    assert err.value.key == "ner_model_missing"
    assert "模型" in err.value.message


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("市委书记王建国、市长李秀英出席会议并讲话。", ["王建国", "李秀英"]),
        ("申请人张伟于2023年5月提出政府信息公开申请。", ["张伟"]),
        ("（记者 刘洋 通讯员 陈静）", ["刘洋", "陈静"]),
        ("参会人员：赵敏、孙志强、周婷婷、吴刚", ["赵敏", "孙志强", "周婷婷", "吴刚"]),
        ("江泽民主席会见了来访的外宾。", ["江泽民"]),
    ],
)
def test_known_sentences_give_known_names(text: str, names: list[str]) -> None:
    [spans] = default_model().entities([text])
    found = [text[s.start : s.end] for s in spans if s.label == "PER"]
    assert found == names


@pytest.mark.slow
def test_entities_shape_and_offsets() -> None:
    texts = ["", "  ", "北京市人民政府", "张伟\n李娜"]
    out = default_model().entities(texts, batch_size=2)
    assert len(out) == len(texts)
    assert out[0] == [] and out[1] == []
    for text, spans in zip(texts, out, strict=True):
        for s in spans:
            assert isinstance(s, EntitySpan)
            assert 0 <= s.start < s.end <= len(text)
            assert s.label in {"PER", "LOC", "ORG"}


@pytest.mark.slow
def test_score_floor_on_fixed_msra_test_slice() -> None:
    recs = read_jsonl(corpora_dir() / "msra" / "test.jsonl", limit=500)
    assert len(recs) == 500
    pred = default_model().entities([r["text"] for r in recs])
    sc = score_predictions(recs, [[(e.start, e.end, e.label) for e in p] for p in pred]).as_dict()
    assert sc["PER"]["f"] >= MSRA500_PER_F1_FLOOR, sc
    assert sc["ALL"]["f"] >= MSRA500_ALL_F1_FLOOR, sc
