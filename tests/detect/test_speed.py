"""Issue 3 §9: all rule detectors on 1 MB of Chinese prose within 3 s (bench/bench_detect.py
prints the full figures with their baselines)."""

from __future__ import annotations

import importlib.util
import time

import pytest

from review_desk.core.document import Block, BlockKind, Document
from review_desk.detect.engine import Detector
from review_desk.paths import repo_root


@pytest.mark.slow
def test_one_megabyte_of_prose_within_three_seconds() -> None:
    spec = importlib.util.spec_from_file_location(
        "bench_detect", repo_root() / "bench/bench_detect.py"
    )
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    blocks = [Block(f"p{i}", BlockKind.PARAGRAPH, p) for i, p in enumerate(bench.prose(1.0))]
    detector = Detector()
    start = time.process_time()
    detector.detect(Document("bench.txt", "0", "text", blocks))
    assert time.process_time() - start <= 3.0
