"""Corpus locations, JSONL reading/writing, conversion to spaCy examples, exact-span scoring."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypedDict

from review_desk.ner.model import LABELS
from review_desk.paths import repo_root


class Record(TypedDict):
    text: str
    spans: list[list[Any]]  # [start, end, label], end exclusive


def corpora_dir() -> Path:
    """``../shared/ner`` beside the clone; ``REVIEW_DESK_NER_DATA`` overrides."""
    env = os.environ.get("REVIEW_DESK_NER_DATA")
    if env:
        return Path(env)
    return repo_root().parent / "shared" / "ner"


def read_jsonl(path: Path, limit: int | None = None) -> list[Record]:
    out: list[Record] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if not line:
                continue
            obj = json.loads(line)
            out.append({"text": str(obj["text"]), "spans": [list(s) for s in obj.get("spans", [])]})
            if limit is not None and len(out) >= limit:
                break
    return out


def write_jsonl(path: Path, records: Iterable[Record]) -> int:
    n = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps({"text": rec["text"], "spans": rec["spans"]}, ensure_ascii=False))
            fh.write("\n")
            n += 1
    return n


def clean_spans(text: str, spans: Iterable[Sequence[Any]]) -> list[tuple[int, int, str]]:
    """Valid, non-overlapping spans, trimmed of surrounding whitespace, sorted."""
    out: list[tuple[int, int, str]] = []
    for s in spans:
        start, end, label = int(s[0]), int(s[1]), str(s[2])
        if label not in LABELS or not 0 <= start < end <= len(text):
            continue
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            out.append((start, end, label))
    out.sort(key=lambda x: (x[0], -x[1]))
    kept: list[tuple[int, int, str]] = []
    last_end = -1
    for sp in out:
        if sp[0] >= last_end:
            kept.append(sp)
            last_end = sp[1]
    return kept


def to_examples(nlp: Any, records: Iterable[Record]) -> Iterator[Any]:
    """spaCy ``Example`` objects; spans that do not align to tokens are dropped."""
    from spacy.training import Example

    for rec in records:
        doc = nlp.make_doc(rec["text"])
        ents = []
        for start, end, label in clean_spans(rec["text"], rec["spans"]):
            span = doc.char_span(start, end, label=label, alignment_mode="strict")
            if span is not None:
                ents.append((span.start_char, span.end_char, label))
        yield Example.from_dict(doc, {"entities": ents})


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f(self) -> float:
        p, r = self.p, self.r
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Scores:
    by_label: dict[str, PRF] = field(default_factory=lambda: {lab: PRF() for lab in LABELS})

    def add(
        self, gold: Iterable[tuple[int, int, str]], pred: Iterable[tuple[int, int, str]]
    ) -> None:
        g, p = set(gold), set(pred)
        for lab in LABELS:
            gl = {x for x in g if x[2] == lab}
            pl = {x for x in p if x[2] == lab}
            s = self.by_label[lab]
            s.tp += len(gl & pl)
            s.fp += len(pl - gl)
            s.fn += len(gl - pl)

    @property
    def micro(self) -> PRF:
        tot = PRF()
        for s in self.by_label.values():
            tot.tp += s.tp
            tot.fp += s.fp
            tot.fn += s.fn
        return tot

    def as_dict(self) -> dict[str, dict[str, float]]:
        out = {
            lab: {"p": 100 * s.p, "r": 100 * s.r, "f": 100 * s.f, "n": float(s.tp + s.fn)}
            for lab, s in self.by_label.items()
        }
        m = self.micro
        out["ALL"] = {"p": 100 * m.p, "r": 100 * m.r, "f": 100 * m.f, "n": float(m.tp + m.fn)}
        return out

    def table(self, title: str = "") -> str:
        lines = [f"{title:<14} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6}"]
        for lab, v in self.as_dict().items():
            lines.append(f"  {lab:<12} {v['p']:6.1f} {v['r']:6.1f} {v['f']:6.1f} {int(v['n']):6d}")
        return "\n".join(lines)


def score_predictions(
    records: Sequence[Record], predicted: Sequence[Iterable[tuple[int, int, str]]]
) -> Scores:
    sc = Scores()
    for rec, pred in zip(records, predicted, strict=True):
        sc.add(clean_spans(rec["text"], rec["spans"]), pred)
    return sc
