from __future__ import annotations

from pathlib import Path

import spacy

from review_desk.ner.features import N_FEATURES, doc_features, lex_class
from review_desk.ner.model import default_model_path
from review_desk.ner.training.data import Scores, clean_spans, corpora_dir, read_jsonl, write_jsonl
from review_desk.ner.training.synth import generate
from review_desk.paths import models_dir, repo_root


def test_paths(monkeypatch: object) -> None:
    assert (repo_root() / "pyproject.toml").is_file()
    assert corpora_dir() == repo_root().parent / "shared" / "ner"
    assert default_model_path() == models_dir() / "zh_ner_review_desk"


def test_env_overrides(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("REVIEW_DESK_NER_DATA", "/x/y")
    monkeypatch.setenv("REVIEW_DESK_NER_MODEL", "/m")
    assert corpora_dir() == Path("/x/y")
    assert default_model_path() == Path("/m")


def test_clean_spans_trims_drops_overlaps_and_unknown_labels() -> None:
    text = " 张伟 在北京"
    spans = [[0, 3, "PER"], [1, 2, "PER"], [4, 6, "LOC"], [4, 6, "MISC"], [5, 99, "ORG"]]
    assert clean_spans(text, spans) == [(1, 3, "PER"), (4, 6, "LOC")]


def test_jsonl_roundtrip(tmp_path: Path) -> None:
    recs = generate(5, seed=1)
    write_jsonl(tmp_path / "a.jsonl", recs)
    assert read_jsonl(tmp_path / "a.jsonl") == recs


def test_scores_exact_span() -> None:
    sc = Scores()
    sc.add([(0, 2, "PER"), (3, 5, "LOC")], [(0, 2, "PER"), (3, 6, "LOC")])
    d = sc.as_dict()
    assert d["PER"]["f"] == 100.0
    assert d["LOC"]["p"] == 0.0 and d["LOC"]["r"] == 0.0
    assert d["ALL"]["f"] == 50.0


def test_synthetic_is_deterministic_and_spans_are_valid() -> None:
    a, b = generate(300, seed=5), generate(300, seed=5)
    assert a == b
    assert generate(20, seed=6) != generate(20, seed=5)
    n_per = 0
    for rec in a:
        for start, end, label in rec["spans"]:
            assert 0 <= start < end <= len(rec["text"])
            assert label in {"PER", "LOC", "ORG"}
            n_per += label == "PER"
    assert n_per > 300


def test_features() -> None:
    nlp = spacy.blank(
        "zh",
        config={
            "nlp": {"tokenizer": {"@tokenizers": "spacy.zh.ChineseTokenizer", "segmenter": "char"}}
        },
    )
    doc = nlp("王伟在北京")
    feats = doc_features(doc)
    assert feats.shape == (5, N_FEATURES)
    assert len(set(feats[:, 1].tolist())) == 5  # bigrams differ
    assert lex_class("王") != lex_class("在")
    assert doc_features(nlp("")).shape == (0, N_FEATURES)


def test_simplify_keeps_offsets() -> None:
    from review_desk.ner.model import simplify

    text = "明確各處室主要負責同志為本處室 王丙乾"
    out = simplify(text)
    assert len(out) == len(text)
    assert out.startswith("明确各处室主要负责同志为本处室")
    assert out.endswith("王丙乾")  # ambiguous characters are left alone


def test_leaders_generator_and_cli(tmp_path: Path) -> None:
    from review_desk.ner.training.synth import generate_leaders, main

    recs = generate_leaders(50, seed=9)
    assert recs == generate_leaders(50, seed=9)
    for rec in recs:
        for start, end, _label in rec["spans"]:
            assert 0 <= start < end <= len(rec["text"])
    assert main(["--out", str(tmp_path / "x.jsonl"), "--leaders", "5", "--general", "5"]) == 0
    assert len(read_jsonl(tmp_path / "x.jsonl")) == 10
