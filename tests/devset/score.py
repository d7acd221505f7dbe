"""Score a real scan of the dev set against its gold labels (issue 3, item 8).

- leak rate, per personal type: items that must go (redact, or review for a bad check digit) and
  are not covered by any `redact`/`review` finding;
- over-redaction rate: items that must be kept (officials, office contacts, masked values,
  labels, organisation codes, commended names) covered by a `redact` finding;
- attribute accuracy: documents whose proposed attribute is the gold one;
- the five real reports in ../shared/samples: `proactive`, no official's name redacted.

Exit status 1 when a target is missed, so a test can assert the targets.
"""

from __future__ import annotations

import argparse
import re
import tempfile
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from review_desk.paths import repo_root
from review_desk.scan import scan_many
from tests.devset.generate import SEED, generate

#: Leak-rate ceilings per type (issue 3): identifiers never leak; names and addresses rarely.
LEAK_TARGETS = {
    "CN_RESIDENT_ID": 0.0,
    "PHONE_NUMBER": 0.0,
    "BANK_CARD": 0.0,
    "PERSON": 0.02,
    "ADDRESS": 0.02,
}
OVER_REDACTION_TARGET = 0.05
ATTRIBUTE_TARGET = 0.95
COVERING = frozenset({"redact", "review"})
_SEPARATORS = re.compile(r"[\s\-·]")

Report = Mapping[str, object]


def _norm(text: str) -> str:
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", text))


def covers(finding_text: str, item_text: str) -> bool:
    """A finding covers an item when it contains it, or is at least half of it (an address cut
    after the town level still hides the detailed part)."""
    found, item = _norm(finding_text), _norm(item_text)
    return bool(found) and (item in found or (found in item and 2 * len(found) >= len(item)))


@dataclass
class Rate:
    total: int = 0
    missed: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return len(self.missed) / self.total if self.total else 0.0

    def add(self, failed: bool, example: str) -> None:
        self.total += 1
        if failed:
            self.missed.append(example)


@dataclass
class Score:
    leaks: dict[str, Rate] = field(default_factory=lambda: defaultdict(Rate))
    over: dict[str, Rate] = field(default_factory=lambda: defaultdict(Rate))
    attribute: Rate = field(default_factory=Rate)
    conflicts: Rate = field(default_factory=Rate)
    bad_check_as_review: Rate = field(default_factory=Rate)
    samples: Rate = field(default_factory=Rate)
    scan_errors: list[str] = field(default_factory=list)
    #: (format, "leak" | "over" | "attribute") → rate, to tell a loader gap from a detector gap.
    by_format: dict[tuple[str, str], Rate] = field(default_factory=lambda: defaultdict(Rate))

    def missed_targets(self) -> list[str]:
        missed = [
            f"leak rate {kind} {self.leaks[kind].rate:.1%} > {ceiling:.0%}"
            for kind, ceiling in LEAK_TARGETS.items()
            if self.leaks[kind].rate > ceiling
        ]
        over = overall(self.over.values())
        if over.rate > OVER_REDACTION_TARGET:
            missed.append(f"over-redaction {over.rate:.1%} > {OVER_REDACTION_TARGET:.0%}")
        if 1 - self.attribute.rate < ATTRIBUTE_TARGET:
            missed.append(f"attribute accuracy {1 - self.attribute.rate:.1%} < 95%")
        if self.samples.missed:
            missed.append(f"samples: {len(self.samples.missed)} not proactive/clean")
        missed += [f"scan error: {e}" for e in self.scan_errors]
        return missed


def overall(rates: Iterable[Rate]) -> Rate:
    merged = Rate()
    for rate in rates:
        merged.total += rate.total
        merged.missed += rate.missed
    return merged


def score_documents(
    gold: Mapping[str, object], reports: Mapping[str, Report], score: Score
) -> None:
    for doc in _documents(gold):
        report = reports[str(doc["file"])]
        if report["errors"]:
            score.scan_errors.append(f"{doc['file']}: {report['errors']}")
            continue
        _score_items(doc, _findings(report), score)
        _score_attribute(doc, report, score)


def _score_items(doc: Mapping[str, object], findings: list[dict[str, str]], score: Score) -> None:
    for item in _list_of_dicts(doc["items"]):
        example = f"{doc['file']}: {item['text']} ({item['kind']})"
        hits = [f for f in findings if covers(f["text"], item["text"])]
        actions = {f["action"] for f in hits}
        fmt = str(doc["format"])
        if item["expect"] == "keep":
            score.over[item["type"]].add("redact" in actions, f"{example} → redact")
            score.by_format[(fmt, "over")].add("redact" in actions, example)
            continue
        score.leaks[item["type"]].add(not actions & COVERING, f"{example} → {sorted(actions)}")
        score.by_format[(fmt, "leak")].add(not actions & COVERING, example)
        if item["expect"] == "review":
            score.bad_check_as_review.add("review" not in actions, f"{example} → {sorted(actions)}")


def _score_attribute(doc: Mapping[str, object], report: Report, score: Score) -> None:
    attribute = report["attribute"]
    assert isinstance(attribute, dict)
    got = attribute["proposed"]
    why = "; ".join(attribute["reasons"])
    score.attribute.add(
        got != doc["attribute"], f"{doc['file']}: {doc['attribute']} → {got} ({why})"
    )
    score.by_format[(str(doc["format"]), "attribute")].add(got != doc["attribute"], "")
    if doc["conflicts"]:
        score.conflicts.add(not attribute["conflicts"], f"{doc['file']}: no conflict reported")


def score_samples(reports: Iterable[Report], score: Score) -> None:
    for report in reports:
        attribute = report["attribute"]
        proposed = attribute["proposed"] if isinstance(attribute, dict) else "error"
        names = [
            f["text"]
            for f in _findings(report)
            if f["type"] == "PERSON" and f["action"] == "redact"
        ]
        failed = proposed != "proactive" or bool(names)
        score.samples.add(
            failed, f"{Path(str(report['path'])).name}: {proposed}, redacted names {names}"
        )


def _documents(gold: Mapping[str, object]) -> list[dict[str, object]]:
    documents = gold["documents"]
    assert isinstance(documents, list)
    return documents


def _findings(report: Report) -> list[dict[str, str]]:
    return _list_of_dicts(report["findings"])


def _list_of_dicts(value: object) -> list[dict[str, str]]:
    assert isinstance(value, list)
    return value


def samples_dir() -> Path:
    return repo_root().parent / "shared" / "samples"


def run(folder: Path, workers: int, seed: int = SEED) -> Score:
    gold = generate(folder, seed)
    files = [folder / str(doc["file"]) for doc in _documents(gold)]
    samples = sorted(samples_dir().glob("*.txt"))
    reports = [result.to_json() for result in scan_many([*files, *samples], workers)]
    score = Score()
    score_documents(gold, {Path(str(r["path"])).name: r for r in reports[: len(files)]}, score)
    score_samples(reports[len(files) :], score)
    return score


def print_score(score: Score, examples: int) -> None:
    print(f"{'type':<16}{'must go':>8}{'leaked':>8}{'leak rate':>11}{'target':>8}")
    for kind, rate in sorted(score.leaks.items()):
        target = f"{LEAK_TARGETS[kind]:.0%}" if kind in LEAK_TARGETS else "—"
        print(f"{kind:<16}{rate.total:>8}{len(rate.missed):>8}{rate.rate:>11.1%}{target:>8}")
    leaks = overall(score.leaks.values())
    print(f"{'overall':<16}{leaks.total:>8}{len(leaks.missed):>8}{leaks.rate:>11.1%}")
    print(f"\n{'type':<16}{'keep':>8}{'redacted':>9}{'over rate':>11}")
    for kind, rate in sorted(score.over.items()):
        print(f"{kind:<16}{rate.total:>8}{len(rate.missed):>9}{rate.rate:>11.1%}")
    over = overall(score.over.values())
    print(f"{'overall':<16}{over.total:>8}{len(over.missed):>9}{over.rate:>11.1%}  target ≤ 5%")
    right = score.attribute.total - len(score.attribute.missed)
    print(
        f"\nattribute accuracy {right}/{score.attribute.total} = {1 - score.attribute.rate:.1%}  target ≥ 95%"
    )
    print(
        f"conflicts reported {_hit(score.conflicts)}; bad-check IDs as review {_hit(score.bad_check_as_review)}"
    )
    print(f"samples proactive with no name redacted {_hit(score.samples)}")
    _print_formats(score)
    _print_examples(score, examples)


def _print_formats(score: Score) -> None:
    print(f"\n{'format':<8}{'leak rate':>12}{'over rate':>12}{'attribute':>12}")
    for fmt in sorted({fmt for fmt, _ in score.by_format}):
        leak, over = score.by_format[(fmt, "leak")], score.by_format[(fmt, "over")]
        attribute = score.by_format[(fmt, "attribute")]
        print(f"{fmt:<8}{leak.rate:>12.1%}{over.rate:>12.1%}{_hit(attribute):>12}")


def _hit(rate: Rate) -> str:
    return f"{rate.total - len(rate.missed)}/{rate.total}"


def _print_examples(score: Score, limit: int) -> None:
    sections = {
        **{f"leaks {k}": r.missed for k, r in sorted(score.leaks.items())},
        **{f"over-redaction {k}": r.missed for k, r in sorted(score.over.items())},
        "attribute": score.attribute.missed,
        "conflicts": score.conflicts.missed,
        "bad-check not review": score.bad_check_as_review.missed,
        "samples": score.samples.missed,
        "scan errors": score.scan_errors,
    }
    for title, missed in sections.items():
        if missed:
            print(f"\n{title} ({len(missed)}):")
            print("\n".join(f"  {m}" for m in missed[:limit]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score review_desk against its labelled dev set")
    parser.add_argument("--dir", type=Path, help="where to generate the set (default: a temp dir)")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--seed", type=int, default=SEED, help="another seed: other values")
    parser.add_argument("--examples", type=int, default=8, help="failures shown per category")
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="devset-") as scratch:
        score = run(options.dir or Path(scratch), options.workers, options.seed)
    print_score(score, options.examples)
    missed = score.missed_targets()
    print("\nTARGETS MISSED:\n  " + "\n  ".join(missed) if missed else "\nall targets met")
    return 1 if missed else 0
