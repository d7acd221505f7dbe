"""Improve the shipped NER model with an office's own reviewed documents.

Reviewer decisions on PERSON findings become training examples in the corpus format
(``{"text": ..., "spans": [[start, end, label], ...]}``), then one command fine-tunes the model
and reports the score before and after on a held-out split of those examples::

    # 1. decisions (one JSON object a line, written by the review GUI) -> examples
    python -m review_desk.ner.training.retrain --from-decisions decisions.jsonl --examples-out ex.jsonl
    # 2. fine-tune on the examples; prints before/after; writes models/zh_ner_review_desk-retrained
    python -m review_desk.ner.training.retrain --examples ex.jsonl [--output DIR] [--epochs 6]

A decision line is ``{"text": <sentence or paragraph>, "start": int, "end": int,
"decision": "confirmed" | "rejected" | "added", "label": "PER"}`` (``label`` defaults to PER).
Confirmed and added spans become entities; rejected spans are taught as "no entity".  When a
model is given to :func:`decisions_to_examples`, its own LOC / ORG findings (and PER findings
nobody rejected) are kept as silver labels for the rest of the text, so fine-tuning on PER
decisions does not teach the model to forget places and organisations.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from review_desk.ner.model import NerModel, default_model_path
from review_desk.ner.training.data import (
    Record,
    Scores,
    clean_spans,
    corpora_dir,
    read_jsonl,
    score_predictions,
    write_jsonl,
)

Decision = Literal["confirmed", "rejected", "added"]


@dataclass(frozen=True)
class ReviewDecision:
    text: str
    start: int
    end: int
    decision: Decision
    label: str = "PER"

    @classmethod
    def from_json(cls, obj: dict[str, object]) -> ReviewDecision:
        dec = str(obj["decision"])
        if dec not in ("confirmed", "rejected", "added"):
            raise ValueError(f"unknown decision {dec!r}")
        start, end = obj["start"], obj["end"]
        if not isinstance(start, int) or not isinstance(end, int):
            raise ValueError("start/end must be integers")
        return cls(
            text=str(obj["text"]),
            start=start,
            end=end,
            decision=dec,  # type: ignore[arg-type]
            label=str(obj.get("label", "PER")),
        )


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def decisions_to_examples(
    decisions: Iterable[ReviewDecision], model: NerModel | None = None
) -> list[Record]:
    """Group decisions by text and turn them into training records (one per distinct text)."""
    by_text: dict[str, list[ReviewDecision]] = {}
    for d in decisions:
        by_text.setdefault(d.text, []).append(d)
    texts = list(by_text)
    silver: list[list[tuple[int, int, str]]] = [[] for _ in texts]
    if model is not None:
        silver = [[(e.start, e.end, e.label) for e in s] for s in model.entities(texts)]
    out: list[Record] = []
    for text, sil in zip(texts, silver, strict=True):
        decs = by_text[text]
        gold = [(d.start, d.end, d.label) for d in decs if d.decision != "rejected"]
        reviewed = [(d.start, d.end) for d in decs]
        spans = list(gold)
        for s in sil:
            if not any(_overlaps((s[0], s[1]), r) for r in reviewed) and not any(
                _overlaps((s[0], s[1]), (g[0], g[1])) for g in spans
            ):
                spans.append(s)
        cleaned = clean_spans(text, spans)
        out.append({"text": text, "spans": [[a, b, lab] for a, b, lab in cleaned]})
    return out


def export_decisions(
    decisions: Iterable[ReviewDecision], model: NerModel | None = None
) -> list[str]:
    """The JSONL lines (without newline) for :func:`decisions_to_examples`."""
    return [json.dumps(r, ensure_ascii=False) for r in decisions_to_examples(decisions, model)]


def split_heldout(
    records: Sequence[Record], fraction: float, seed: int
) -> tuple[list[Record], list[Record]]:
    idx = list(range(len(records)))
    random.Random(seed).shuffle(idx)
    n_held = max(1, round(len(records) * fraction)) if len(records) > 1 else 0
    held = sorted(idx[:n_held])
    rest = sorted(idx[n_held:])
    return [records[i] for i in rest], [records[i] for i in held]


def _score(model: NerModel, recs: Sequence[Record]) -> Scores:
    pred = model.entities([r["text"] for r in recs])
    return score_predictions(recs, [[(e.start, e.end, e.label) for e in p] for p in pred])


def fine_tune(
    examples: Sequence[Record],
    *,
    base: Path | None = None,
    output: Path | None = None,
    epochs: int = 6,
    heldout: float = 0.2,
    rehearsal: int = 2000,
    learn_rate: float = 0.0005,
    seed: int = 13,
    data_dir: Path | None = None,
) -> tuple[dict[str, Scores], dict[str, Scores]]:
    """Fine-tune ``base`` on ``examples``; return (before, after) scores per evaluation set."""
    from review_desk.ner.training.train import train

    base = base or default_model_path()
    output = output or base.with_name(base.name + "-retrained")
    train_recs, held = split_heldout(examples, heldout, seed)
    data_dir = data_dir or corpora_dir()
    reg: list[Record] = []
    msra_dev = data_dir / "msra" / "dev.jsonl"
    if msra_dev.exists():
        reg = read_jsonl(msra_dev, limit=500)
    old: list[Record] = []
    msra_train = data_dir / "msra" / "train.jsonl"
    if rehearsal > 0 and msra_train.exists():
        pool = read_jsonl(msra_train)
        old = random.Random(seed).sample(pool, min(rehearsal, len(pool)))
    sets = {"held-out": held, "msra/dev[:500]": reg}
    before_model = NerModel.load(base)
    before = {k: _score(before_model, v) for k, v in sets.items() if v}
    # Pick the checkpoint on the new training examples plus the regression slice, never on
    # the held-out split (which only measures).
    train(
        output,
        init_model=base,
        extra_train=[*train_recs, *old],
        dev=[*train_recs, *reg],
        include_corpora=False,
        max_epochs=epochs,
        max_minutes=60,
        learn_rate=learn_rate,
        eval_every=max(len(train_recs) + len(old), 1),
        data_dir=data_dir,
    )
    after_model = NerModel.load(output)
    after = {k: _score(after_model, v) for k, v in sets.items() if v}
    return before, after


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m review_desk.ner.training.retrain",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument("--examples", type=Path, help="JSONL training examples {text, spans}")
    ap.add_argument("--from-decisions", type=Path, help="JSONL reviewer decisions to convert")
    ap.add_argument("--examples-out", type=Path, help="where --from-decisions writes examples")
    ap.add_argument("--model", type=Path, default=None, help="base model (default: shipped)")
    ap.add_argument("--output", type=Path, default=None, help="default: <model>-retrained")
    ap.add_argument("--epochs", type=int, default=6)
    ap.add_argument("--heldout", type=float, default=0.2)
    ap.add_argument(
        "--rehearsal",
        type=int,
        default=2000,
        help="msra/train sentences mixed in against forgetting",
    )
    ap.add_argument("--data-dir", type=Path, default=None)
    args = ap.parse_args(argv)
    if args.from_decisions:
        if not args.examples_out:
            ap.error("--from-decisions needs --examples-out")
        decisions = [
            ReviewDecision.from_json(json.loads(line))
            for line in args.from_decisions.read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
        recs = decisions_to_examples(decisions, NerModel.load(args.model))
        n = write_jsonl(args.examples_out, recs)
        print(f"wrote {n} examples to {args.examples_out}")
        if not args.examples:
            return 0
    if not args.examples:
        ap.error("--examples is required")
    examples = read_jsonl(args.examples)
    if len(examples) < 2:
        print("need at least 2 examples", file=sys.stderr)
        return 2
    before, after = fine_tune(
        examples,
        base=args.model,
        output=args.output,
        epochs=args.epochs,
        heldout=args.heldout,
        rehearsal=args.rehearsal,
        data_dir=args.data_dir,
    )
    for name in before:
        print(before[name].table(f"{name} before"))
        print(after[name].table(f"{name} after"))
    out = args.output or (args.model or default_model_path()).with_name(
        (args.model or default_model_path()).name + "-retrained"
    )
    print(
        f"fine-tuned model: {out}  (point REVIEW_DESK_NER_MODEL at it, or copy it over "
        f"{args.model or default_model_path()} after checking the scores)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
