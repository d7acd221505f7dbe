"""Load the shipped Chinese NER model and run it.

    from review_desk.ner.model import default_model
    spans = default_model().entities(["市长张伟出席会议。"])   # [[EntitySpan(2, 4, "PER")]]

The model is a spaCy pipeline directory: ``zh_ner_review_desk`` in
:func:`review_desk.paths.models_dir` by default, the ``REVIEW_DESK_NER_MODEL`` environment
variable overrides.  Loading reads only that directory: nothing is downloaded.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

from review_desk.core.errors import ReviewDeskError
from review_desk.paths import models_dir

LABELS: tuple[str, ...] = ("PER", "LOC", "ORG")
MODEL_DIR_NAME = "zh_ner_review_desk"


def default_model_path() -> Path:
    env = os.environ.get("REVIEW_DESK_NER_MODEL")
    if env:
        return Path(env)
    return models_dir() / MODEL_DIR_NAME


@functools.cache
def _t2s_table() -> dict[int, int]:
    """Unambiguous traditional -> simplified character map (OpenCC's TSCharacters).

    The model was trained on simplified text.  Only one-to-one, unambiguous characters are
    mapped (乾 / 於 and the like are left alone), so offsets and names stay intact.
    """
    try:
        from importlib.resources import files

        data = (files("opencc") / "dictionary" / "TSCharacters.txt").read_text(encoding="utf-8")
    except (ImportError, OSError, ModuleNotFoundError):
        return {}
    table: dict[int, int] = {}
    for line in data.splitlines():
        parts = line.split("\t")
        if len(parts) != 2:
            continue
        src, cands = parts[0], parts[1].split()
        if len(src) == 1 and len(cands) == 1 and len(cands[0]) == 1 and cands[0] != src:
            table[ord(src)] = ord(cands[0])
    return table


def simplify(text: str) -> str:
    """Map traditional characters to simplified ones, one for one (same length, same offsets)."""
    return text.translate(_t2s_table())


class NerModelMissingError(ReviewDeskError):
    key = "ner_model_missing"
    summary = "找不到中文命名实体识别模型，无法识别人名、地名和机构名"


class EntitySpan(NamedTuple):
    """An entity's offsets in its text and its label (a tuple: a million are made quickly)."""

    start: int
    end: int
    label: str  # "PER" | "LOC" | "ORG"


class NerModel:
    """A loaded NER pipeline.  ``entities`` is safe to call from several threads."""

    def __init__(self, nlp: Any, path: Path) -> None:
        from review_desk.ner.decode import GreedyNer, UnsupportedModel
        from review_desk.ner.tokens import Tokenizer

        self._nlp = nlp
        self.path = path
        self._lock = threading.Lock()
        self._tokenizer = Tokenizer()
        try:
            self._decoder: GreedyNer | None = GreedyNer(nlp)
        except UnsupportedModel:
            self._decoder = None  # spaCy's own loop

    @classmethod
    def load(cls, path: Path | None = None) -> NerModel:
        model_path = Path(path) if path is not None else default_model_path()
        if not (model_path / "config.cfg").is_file() or not (model_path / "ner").is_dir():
            raise NerModelMissingError(f"模型目录不存在或不完整：{model_path}", model_path)
        import spacy

        from review_desk.ner import features as _features  # noqa: F401  (registers layers)
        from review_desk.ner.lac import LacUnavailableError, shared_encoder

        try:
            nlp = spacy.load(model_path, exclude=[])
            _use_numpy_matmul(nlp)
            shared_encoder()  # every model reads LAC features: fail at load, not at a document
        except (OSError, ValueError, KeyError, LacUnavailableError) as exc:
            raise NerModelMissingError(f"模型无法加载：{exc}", model_path) from exc
        return cls(nlp, model_path)

    @property
    def meta(self) -> dict[str, Any]:
        meta: dict[str, Any] = self._nlp.meta
        return meta

    def entities(self, texts: Sequence[str], batch_size: int = 256) -> list[list[EntitySpan]]:
        """Entity spans per text; offsets index into the given strings.

        Traditional characters are mapped to simplified ones first (one for one, so the offsets
        are those of the given text).
        """
        with self._lock:
            norm = [simplify(t) for t in texts]
            if self._decoder is None:
                return [_spans(doc.ents) for doc in self._nlp.pipe(norm, batch_size=batch_size)]
            tokens = [self._tokenizer(t) for t in norm]
            found = self._decoder(tokens, batch_size)
            return [
                [
                    EntitySpan(int(t.starts[start]), int(t.ends[end - 1]), label)
                    for start, end, label in ents
                    if label in LABELS
                ]
                for t, ents in zip(tokens, found, strict=True)
            ]


def _spans(ents: Any) -> list[EntitySpan]:
    return [EntitySpan(e.start_char, e.end_char, e.label_) for e in ents if e.label_ in LABELS]


def _use_numpy_matmul(nlp: Any) -> None:
    """Runs the pipeline's own matrix products through numpy (OpenBLAS) instead of thinc's
    bundled BLIS: the same float32 products, measured 2.5× faster on one core here (90 against
    36 GFLOPS on the encoder's shapes). They serve spaCy's own loop (a model the decoder does
    not support, a text it hands back); ``entities`` runs the encoder graph of
    ``review_desk.ner.quantized`` instead."""
    from thinc.api import NumpyOps
    from threadpoolctl import threadpool_limits

    # One thread: a scan already runs a process per core, and OpenBLAS's second thread spins
    # against them (2,000 paragraphs: 2.9 s with two threads, 1.9 s with one, on a busy machine).
    threadpool_limits(1, user_api="blas")
    ops = NumpyOps(use_blis=False)
    for _name, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None:
            for node in model.walk():
                node.ops = ops


@functools.cache
def default_model() -> NerModel:
    """The shipped model, loaded once per process."""
    return NerModel.load()


__all__ = ["EntitySpan", "NerModel", "NerModelMissingError", "default_model", "simplify"]
