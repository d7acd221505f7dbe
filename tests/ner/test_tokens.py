"""Tokens without docs: exactly what the pipeline's tokenizer makes of a text."""

from __future__ import annotations

import random

import numpy as np
import pytest
from spacy.attrs import IS_SPACE, ORTH
from tests.ner.test_decode import EDGE_TEXTS

from review_desk.ner.features import lex_class
from review_desk.ner.model import default_model
from review_desk.ner.tokens import Tokenizer, char_doc

#: Every whitespace character, and characters beside them that are not.
_WHITESPACE = [chr(c) for c in range(0x110000) if chr(c).isspace()]
_ALPHABET = [*_WHITESPACE, *"张伟ab,。𠀀\u200b", *" " * 10]


def _random_texts(count: int) -> list[str]:
    rng = random.Random(20261204)
    return ["".join(rng.choices(_ALPHABET, k=rng.randint(0, 14))) for _ in range(count)]


TEXTS = [*EDGE_TEXTS, "  a  b \n", "a \u3000 b", "\t", "a ", " a", *_random_texts(3000)]


@pytest.fixture(scope="module")
def tokenize() -> Tokenizer:
    return Tokenizer()


def test_the_tokens_are_the_tokenizers(tokenize: Tokenizer) -> None:
    nlp = default_model()._nlp
    for text in TEXTS:
        doc = nlp.make_doc(text)
        tokens = tokenize(text)
        assert [text[s:e] for s, e in zip(tokens.starts, tokens.ends, strict=True)] == [
            t.text for t in doc
        ], repr(text)
        assert tokens.starts.tolist() == [t.idx for t in doc]
        assert tokens.orth.tolist() == doc.to_array([ORTH]).reshape(-1).tolist()
        assert tokens.space.tolist() == doc.to_array([IS_SPACE]).reshape(-1).astype(bool).tolist()
        assert tokens.classes.tolist() == [lex_class(t.text) for t in doc]
        assert tokens.firsts.tolist() == [ord(t.text[0]) for t in doc]


def test_char_doc_is_the_tokenizers_doc() -> None:
    nlp = default_model()._nlp
    for text in TEXTS:
        expected = [(t.text, t.whitespace_) for t in nlp.make_doc(text)]
        assert [(t.text, t.whitespace_) for t in char_doc(nlp.vocab, text)] == expected, text


def test_empty_text_has_no_tokens(tokenize: Tokenizer) -> None:
    tokens = tokenize("")
    assert len(tokens) == 0
    assert tokens.orth.dtype == np.uint64
