"""The NER encoder graph: the model's own function (float32 products), close to it in 8 bits,
and a text's values independent of the texts beside it."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from tests.ner.test_decode import EDGE_TEXTS
from thinc.api import NumpyOps

from review_desk.ner.lac import token_features
from review_desk.ner.model import default_model
from review_desk.ner.quantized import QuantizedEncoder, UnsupportedEncoder, _padded_layout
from review_desk.ner.tokens import Tokenizer
from review_desk.ner.training.data import corpora_dir, read_jsonl


def _ner_model() -> Any:
    return default_model()._nlp.get_pipe("ner").model


def _docs(texts: list[str]) -> list[Any]:
    nlp = default_model()._nlp
    return [nlp.make_doc(text) for text in texts]


def _encoded(encoder: QuantizedEncoder, texts: list[str]) -> np.ndarray:
    tokens = [Tokenizer()(text) for text in texts]
    return encoder(tokens, token_features(tokens))


def _texts() -> list[str]:
    recs = read_jsonl(corpora_dir() / "msra" / "test.jsonl", limit=120)
    return [*EDGE_TEXTS, *(r["text"] for r in recs)]


def _thinc(texts: list[str]) -> np.ndarray:
    """What spaCy's parser precomputes: lower(tok2vec(docs)), without its padding row."""
    model = _ner_model()
    tokvecs = model.get_ref("tok2vec").predict(_docs(texts))
    lower = np.asarray(model.get_ref("lower").predict(tokvecs))
    return lower.reshape(lower.shape[0], -1)[1:]


@pytest.fixture(scope="module")
def expected() -> np.ndarray:
    return _thinc(_texts())


def test_the_float32_graph_is_the_models_own_function(expected: np.ndarray) -> None:
    got = _encoded(QuantizedEncoder(_ner_model(), exact=True), _texts())
    assert got.shape == expected.shape
    np.testing.assert_allclose(got, expected, atol=1e-4, rtol=0)


def test_the_8_bit_graph_stays_close(expected: np.ndarray) -> None:
    got = _encoded(QuantizedEncoder(_ner_model()), _texts())
    # Measured: largest error 0.6 % of the largest value, root mean square error 0.45 % of
    # the values' root mean square.
    assert np.abs(got - expected).max() < 0.015 * np.abs(expected).max()
    assert np.sqrt(np.mean((got - expected) ** 2) / np.mean(expected**2)) < 0.01


def test_the_padding_row_is_the_lower_layers() -> None:
    pad = _ner_model().get_ref("lower").get_param("pad")
    assert QuantizedEncoder(_ner_model()).padding.tolist() == [pad.reshape(-1).tolist()]


def test_a_texts_values_do_not_depend_on_its_batch() -> None:
    encoder = QuantizedEncoder(_ner_model())
    texts = _texts()[:40]
    together = _encoded(encoder, texts)
    at = 0
    for text in texts:
        if not text:
            continue
        alone = _encoded(encoder, [text])
        assert np.array_equal(alone, together[at : at + len(alone)]), text
        at += len(alone)
    assert at == len(together)


@pytest.mark.parametrize(
    "lengths", [[3], [1, 1], [2, 5, 1], [7, 1, 4, 2]], ids=lambda x: "-".join(map(str, x))
)
@pytest.mark.parametrize("pad", [1, 6])
def test_the_padded_layout_is_thincs_flatten(lengths: list[int], pad: int) -> None:
    rows = [np.arange(n, dtype="float32")[:, None] + 100 * k + 1 for k, n in enumerate(lengths)]
    flat = NumpyOps().flatten(rows, pad=pad)
    tokens = np.concatenate(rows)
    spread, back = _padded_layout(np.array(lengths), pad)
    with_zero = np.concatenate([tokens, np.zeros((1, 1), "float32")])
    assert with_zero[spread].tolist() == flat.tolist()
    assert flat[back].tolist() == tokens.tolist()


def test_another_architecture_is_refused() -> None:
    import spacy

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char"}}})
    ner = nlp.add_pipe("ner")
    ner.add_label("PER")
    nlp.initialize()
    with pytest.raises(UnsupportedEncoder, match="tok2vec"):
        QuantizedEncoder(ner.model)
