"""Train the Chinese NER pipeline.

    python -m review_desk.ner.training.train --output models/zh_ner_review_desk --max-minutes 60

Reads the corpora in ``../shared/ner`` (``REVIEW_DESK_NER_DATA`` overrides), adds synthetic
government-domain sentences (:mod:`review_desk.ner.training.synth`), trains the pipeline described by
``configs/zh_ner.cfg`` with a fixed seed, evaluates on ``msra/dev`` every N sentences and keeps
the best checkpoint (by ``0.6*PER + 0.2*LOC + 0.2*ORG`` F1).  ``--init-model`` fine-tunes an
existing model instead of starting from scratch (used by ``review_desk.ner.training.retrain``).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from review_desk.ner import features as _features  # noqa: F401  (registers the architecture)
from review_desk.ner.model import LABELS
from review_desk.ner.training.data import (
    Record,
    Scores,
    corpora_dir,
    read_jsonl,
    score_predictions,
    to_examples,
)
from review_desk.ner.training.synth import generate, generate_extra

CONFIG_PATH = Path(__file__).with_name("configs") / "zh_ner.cfg"
TRAIN_FILES = {
    "msra": "msra/train.jsonl",
    "cluener": "cluener/train.jsonl",
    "resume": "resume/train.jsonl",
    "weibo": "weibo/train.jsonl",
}


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def predict_spans(
    nlp: Any, texts: Sequence[str], batch_size: int = 256
) -> list[list[tuple[int, int, str]]]:
    return [
        [(e.start_char, e.end_char, e.label_) for e in doc.ents]
        for doc in nlp.pipe(texts, batch_size=batch_size)
    ]


def evaluate(nlp: Any, records: Sequence[Record]) -> Scores:
    return score_predictions(records, predict_spans(nlp, [r["text"] for r in records]))


def selection_score(sc: Scores) -> float:
    d = sc.as_dict()
    return 0.6 * d["PER"]["f"] + 0.2 * d["LOC"]["f"] + 0.2 * d["ORG"]["f"]


def batches(
    items: list[Any], start: float, stop: float, compound: float, size: list[float]
) -> Iterator[list[Any]]:
    i = 0
    while i < len(items):
        n = max(1, int(size[0]))
        yield items[i : i + n]
        i += n
        size[0] = min(stop, size[0] * compound)


def harvest_names(records: Sequence[Record]) -> list[str]:
    """Distinct PER strings of Chinese (or ·-joined transliterated) names, sorted."""
    names: set[str] = set()
    for rec in records:
        for start, end, label in rec["spans"]:
            if label != "PER":
                continue
            name = rec["text"][int(start) : int(end)]
            if 2 <= len(name) <= 10 and all("\u4e00" <= ch <= "\u9fff" or ch == "·" for ch in name):
                names.add(name)
    return sorted(names)


def gather_training(
    data_dir: Path,
    mix: dict[str, float],
    n_synthetic: int,
    seed: int,
    limit: int | None,
    n_extra: int = 0,
) -> list[tuple[str, Record]]:
    rng = random.Random(seed)
    out: list[tuple[str, Record]] = []
    pool_src: list[Record] = []
    for name, rel in TRAIN_FILES.items():
        w = float(mix.get(name, 1.0))
        path = data_dir / rel
        if w <= 0 or not path.exists():
            continue
        recs = read_jsonl(path, limit=limit)
        if name in ("msra", "resume", "cluener"):
            pool_src += recs
        whole, frac = int(w), w - int(w)
        chosen = recs * whole + rng.sample(recs, int(frac * len(recs)))
        out += [(name, r) for r in chosen]
        log(f"train data {name}: {len(recs)} sentences x{w}")
    if n_synthetic > 0 and mix.get("synthetic", 1.0) > 0:
        syn = generate(n_synthetic, seed=seed + 1)
        out += [("synthetic", r) for r in syn]
        log(f"train data synthetic: {len(syn)} sentences")
    if n_extra > 0 and mix.get("synthetic_extra", 1.0) > 0:
        pool = harvest_names(pool_src)
        ext = generate_extra(n_extra, seed=seed + 2, name_pool=pool)
        out += [("synthetic_extra", r) for r in ext]
        log(f"train data synthetic_extra: {len(ext)} sentences ({len(pool)} corpus names)")
    return out


def train(
    output: Path,
    *,
    config_path: Path = CONFIG_PATH,
    data_dir: Path | None = None,
    extra_train: Sequence[Record] = (),
    dev: Sequence[Record] | None = None,
    init_model: Path | None = None,
    max_minutes: float | None = None,
    max_epochs: int | None = None,
    n_synthetic: int | None = None,
    limit: int | None = None,
    learn_rate: float | None = None,
    eval_every: int | None = None,
    include_corpora: bool = True,
    n_synthetic_extra: int | None = None,
    mix_overrides: dict[str, float] | None = None,
    watch: Sequence[str] = (),
) -> dict[str, Any]:
    """Train (or fine-tune) and write the best model to ``output``.  Returns a summary."""
    import spacy
    from spacy.util import load_config, load_model_from_config
    from thinc.api import fix_random_seed, registry

    cfg = load_config(config_path, interpolate=True)
    tcfg = cfg["training"]
    seed = int(tcfg["seed"])
    fix_random_seed(seed)
    data_dir = data_dir or corpora_dir()
    if init_model is not None:
        nlp = spacy.load(init_model)
    else:
        nlp = load_model_from_config(cfg, auto_fill=True, validate=True)

    mix = {**dict(tcfg["mix"]), **(mix_overrides or {})}
    n_syn = int(tcfg["n_synthetic"] if n_synthetic is None else n_synthetic)
    n_ext = int(
        tcfg.get("n_synthetic_extra", 0) if n_synthetic_extra is None else n_synthetic_extra
    )
    records: list[tuple[str, Record]] = []
    if include_corpora:
        records = gather_training(data_dir, mix, n_syn, seed, limit, n_ext)
    records += [("extra", r) for r in extra_train]
    if dev is None:
        dev = read_jsonl(data_dir / "msra" / "dev.jsonl", limit=limit)
    watched = {name: read_jsonl(data_dir / f"{name}.jsonl") for name in watch}
    log(f"training sentences: {len(records)}; dev sentences: {len(dev)}")
    examples = list(to_examples(nlp, [r for _, r in records]))

    opt_cfg = dict(cfg["training"]["optimizer"])
    peak_lr = float(learn_rate if learn_rate is not None else opt_cfg["learn_rate"])
    optimizer = registry.resolve({"o": opt_cfg})["o"]
    if init_model is None:
        nlp.initialize(lambda: examples, sgd=optimizer)
    else:
        optimizer = nlp.resume_training(sgd=optimizer)
    minutes = float(tcfg["max_minutes"] if max_minutes is None else max_minutes)
    epochs = int(tcfg["max_epochs"] if max_epochs is None else max_epochs)
    every = int(tcfg["eval_every_sentences"] if eval_every is None else eval_every)
    dropout = float(tcfg["dropout"])
    bsize = [float(tcfg["batch_start"])]
    warmup = int(tcfg["warmup_steps"])
    if init_model is not None:  # fresh Adam moments on trained weights: short warm-up
        warmup = min(100, int(epochs * len(examples) / float(tcfg["batch_stop"]) / 10))

    work = output.with_name(output.name + ".best-tmp")
    t0 = time.time()
    budget = minutes * 60.0
    best = -1.0
    best_scores: Scores | None = None
    history: list[dict[str, Any]] = []
    step = 0
    seen = 0
    since_eval = 0
    rng = random.Random(seed)
    total_sent = epochs * len(examples)
    losses: dict[str, float] = {}

    def do_eval(epoch: int) -> None:
        nonlocal best, best_scores
        with nlp.use_params(optimizer.averages):
            sc = evaluate(nlp, dev)
            s = selection_score(sc)
            d = sc.as_dict()
            rec = {
                "epoch": epoch,
                "sentences": seen,
                "minutes": round((time.time() - t0) / 60, 1),
                "loss": round(losses.get("ner", 0.0), 1),
                **{f"{lab}_f": round(d[lab]["f"], 2) for lab in (*LABELS, "ALL")},
            }
            history.append(rec)
            flag = ""
            if s > best:
                best, best_scores = s, sc
                if work.exists():
                    shutil.rmtree(work)
                nlp.to_disk(work)
                flag = " *best*"
            log(
                f"eval ep {epoch} sent {seen} loss {rec['loss']} "
                + " ".join(f"{lab} {d[lab]['f']:.2f}" for lab in (*LABELS, "ALL"))
                + flag
            )
            for name, recs in watched.items():  # logged only; selection stays on `dev`
                w = evaluate(nlp, recs).as_dict()
                rec[f"{name} PER_f"] = round(w["PER"]["f"], 2)
                log(f"  watch {name}: PER {w['PER']['f']:.2f} ALL {w['ALL']['f']:.2f}")
        losses.clear()

    stop = False
    epoch = 0
    for epoch in range(1, epochs + 1):
        rng.shuffle(examples)
        for batch in batches(
            examples, bsize[0], float(tcfg["batch_stop"]), float(tcfg["batch_compound"]), bsize
        ):
            # Linear decay over the epoch budget (deterministic); the wall-clock budget is
            # only a safety stop.
            frac = seen / max(1, total_sent)
            lr = peak_lr * max(0.1, 1.0 - frac)
            if step < warmup:
                lr *= (step + 1) / warmup
            optimizer.learn_rate = lr
            nlp.update(batch, drop=dropout, sgd=optimizer, losses=losses)
            step += 1
            seen += len(batch)
            since_eval += len(batch)
            if since_eval >= every:
                since_eval = 0
                do_eval(epoch)
            if time.time() - t0 > budget:
                stop = True
                break
        if stop:
            break
    if since_eval > 0 or best < 0:
        do_eval(epoch)

    best_nlp = spacy.load(work)
    meta = best_nlp.meta
    meta["name"] = "ner_review_desk"
    meta["version"] = "1.0.0"
    meta["description"] = "review_desk Chinese NER (PER/LOC/ORG), character-based CNN"
    summary = {
        "seed": seed,
        "train_sentences": len(examples),
        "epochs_started": epoch,
        "updates": step,
        "minutes": round((time.time() - t0) / 60, 1),
        "dev_best": best_scores.as_dict() if best_scores else {},
        "history": history,
    }
    meta["review_desk_training"] = summary
    best_nlp.meta.update(meta)
    if output.exists():
        shutil.rmtree(output)
    best_nlp.to_disk(output)
    shutil.rmtree(work, ignore_errors=True)
    log(f"saved best model to {output}")
    return summary


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m review_desk.ner.training.train", description=__doc__
    )
    ap.add_argument("--output", type=Path, required=True)
    ap.add_argument("--config", type=Path, default=CONFIG_PATH)
    ap.add_argument("--data-dir", type=Path, default=None, help="default ../shared/ner")
    ap.add_argument("--max-minutes", type=float, default=None)
    ap.add_argument("--max-epochs", type=int, default=None)
    ap.add_argument("--n-synthetic", type=int, default=None)
    ap.add_argument("--limit", type=int, default=None, help="sentences per corpus (smoke runs)")
    ap.add_argument("--eval-every", type=int, default=None)
    ap.add_argument("--init-model", type=Path, default=None, help="continue from this model")
    ap.add_argument("--learn-rate", type=float, default=None, help="peak learning rate")
    ap.add_argument("--n-synthetic-extra", type=int, default=None)
    ap.add_argument("--mix", nargs="*", default=[], metavar="CORPUS=WEIGHT", help="e.g. weibo=4")
    ap.add_argument(
        "--watch", nargs="*", default=[], metavar="SET", help="also log PER F1 on, e.g. weibo/dev"
    )
    args = ap.parse_args(argv)
    mix = {k: float(v) for k, v in (m.split("=", 1) for m in args.mix)}
    summary = train(
        args.output,
        config_path=args.config,
        data_dir=args.data_dir,
        max_minutes=args.max_minutes,
        max_epochs=args.max_epochs,
        n_synthetic=args.n_synthetic,
        limit=args.limit,
        eval_every=args.eval_every,
        init_model=args.init_model,
        learn_rate=args.learn_rate,
        n_synthetic_extra=args.n_synthetic_extra,
        mix_overrides=mix,
        watch=args.watch,
    )
    json.dump({k: v for k, v in summary.items() if k != "history"}, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
