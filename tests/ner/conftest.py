from __future__ import annotations

from pathlib import Path

import pytest

from review_desk.ner.training.data import write_jsonl
from review_desk.ner.training.synth import generate


@pytest.fixture(scope="session")
def tiny_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A corpus folder shaped like ../shared/ner, built from synthetic sentences only."""
    root = tmp_path_factory.mktemp("ner_corpus")
    recs = generate(260, seed=99)
    write_jsonl(root / "msra" / "train.jsonl", recs[:160])
    write_jsonl(root / "msra" / "dev.jsonl", recs[160:200])
    write_jsonl(root / "msra" / "test.jsonl", recs[200:230])
    write_jsonl(root / "weibo" / "train.jsonl", recs[230:245])
    write_jsonl(root / "resume" / "train.jsonl", recs[245:260])
    return root
