"""Exact-span precision / recall / F1 per label on the held-out corpora.

python -m review_desk.ner.training.evaluate [--model models/zh_ner_review_desk] [--sets msra/test ...]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from review_desk.ner.model import NerModel
from review_desk.ner.training.data import Scores, corpora_dir, read_jsonl, score_predictions

DEFAULT_SETS = ("msra/test", "weibo/dev", "resume/dev")


def evaluate_model(
    model: NerModel, data_dir: Path, sets: Sequence[str], limit: int | None = None
) -> dict[str, Scores]:
    out: dict[str, Scores] = {}
    for name in sets:
        recs = read_jsonl(data_dir / f"{name}.jsonl", limit=limit)
        pred = model.entities([r["text"] for r in recs])
        out[name] = score_predictions(
            recs, [[(e.start, e.end, e.label) for e in spans] for spans in pred]
        )
    return out


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m review_desk.ner.training.evaluate", description=__doc__
    )
    ap.add_argument("--model", type=Path, default=None, help="default: the shipped model")
    ap.add_argument("--data-dir", type=Path, default=None, help="default ../shared/ner")
    ap.add_argument("--sets", nargs="+", default=list(DEFAULT_SETS))
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--json", action="store_true", help="print JSON instead of tables")
    args = ap.parse_args(argv)
    t = time.perf_counter()
    model = NerModel.load(args.model)
    load_s = time.perf_counter() - t
    results = evaluate_model(model, args.data_dir or corpora_dir(), args.sets, args.limit)
    if args.json:
        json.dump({k: v.as_dict() for k, v in results.items()}, sys.stdout, indent=1)
        print()
    else:
        print(f"model: {model.path}  (loaded in {load_s:.2f} s)")
        for name, sc in results.items():
            print(sc.table(name))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
