"""Score a real scan of the held-out set (issue 10) against its gold; exit 1 when a target is missed.

    .venv/bin/python scripts/score_devset.py --heldout [--docs DIR] [--dir DIR] [--workers N]
        [--reports FILE]

``--docs`` picks the set: ``tests/heldout/docs`` (the default) or ``tests/heldout/fresh`` (set B).

The semantics are the dev set's (tests/devset/score.py), made stricter in two ways:

- a value that must go leaks when no ``redact``/``review`` finding covers it (``covers``: the
  finding's text contains the value or is at least half of it);
- a value that must stay is over-redacted when a ``redact`` finding holds it or any part of it of
  two characters or more (redacting 友好村1组 out of a works site is over-redaction too);
- either way the finding must lie in a block whose text holds the value, so a finding on one
  cell cannot stand for another (a redacted label 户籍地址 is not a redaction of the value
  同户籍地址 two rows down; the ID in one line does not cover the 残疾人证号 in the next).

Figures per type, per format, per kind of document, names in prose versus names in tables, and
every miss with what the tool did instead.

``--rescore FILE`` scores scan reports saved earlier with ``--reports FILE`` without scanning.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from review_desk.loaders import load
from review_desk.scan import scan_many
from tests.devset.score import COVERING, Rate, covers, overall
from tests.heldout.build import DOCS, HeldoutDoc, Item, build

#: Issue 10: identifiers never leak; names and addresses almost never; little over-redaction.
LEAK_TARGETS = {
    "CN_RESIDENT_ID": 0.0,
    "PHONE_NUMBER": 0.0,
    "BANK_CARD": 0.0,
    "PERSON": 0.01,
    "ADDRESS": 0.01,
}
OVER_REDACTION_TARGET = 0.03
ATTRIBUTE_TARGET = 0.95

Report = Mapping[str, object]
Finding = dict[str, object]
#: block id → normalised block text, per document file; None where unknown (then any block).
BlockTexts = Mapping[str, Mapping[str, str]]
_SEPARATORS = re.compile(r"[\s\-·]")


@dataclass
class HeldoutScore:
    leaks: dict[str, Rate] = field(default_factory=lambda: defaultdict(Rate))
    over: dict[str, Rate] = field(default_factory=lambda: defaultdict(Rate))
    bad_check_as_review: Rate = field(default_factory=Rate)
    attribute: Rate = field(default_factory=Rate)
    conflicts: Rate = field(default_factory=Rate)
    #: PERSON values that must go, by where they stand: "prose" (paragraphs) or "table".
    names: dict[str, Rate] = field(default_factory=lambda: defaultdict(Rate))
    #: (format or kind, "leak" | "over" | "attribute") → rate.
    by_format: dict[tuple[str, str], Rate] = field(default_factory=lambda: defaultdict(Rate))
    by_kind: dict[tuple[str, str], Rate] = field(default_factory=lambda: defaultdict(Rate))
    documents: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    scan_errors: list[str] = field(default_factory=list)

    def missed_targets(self) -> list[str]:
        missed = [
            f"leak rate {kind} {self.leaks[kind].rate:.1%} > {ceiling:.0%}"
            for kind, ceiling in LEAK_TARGETS.items()
            if self.leaks[kind].rate > ceiling
        ]
        over = overall(self.over.values())
        if over.rate > OVER_REDACTION_TARGET:
            missed.append(f"over-redaction {over.rate:.1%} > {OVER_REDACTION_TARGET:.0%}")
        accuracy = 1 - self.attribute.rate
        if accuracy < ATTRIBUTE_TARGET:
            missed.append(f"attribute accuracy {accuracy:.1%} < {ATTRIBUTE_TARGET:.0%}")
        missed += [f"scan error: {e}" for e in self.scan_errors]
        return missed


def score_documents(
    documents: Sequence[HeldoutDoc],
    reports: Mapping[str, Report],
    score: HeldoutScore,
    blocks: BlockTexts | None = None,
) -> None:
    for doc in documents:
        report = reports[doc.file]
        score.documents[doc.format] += 1
        if report["errors"]:
            score.scan_errors.append(f"{doc.file}: {report['errors']}")
            continue
        texts = blocks.get(doc.file) if blocks is not None else None
        for item in doc.items:
            findings = _near(_findings(report), item, texts)
            _score_item(doc, item, findings, score)
        _score_attribute(doc, report, score)


def _near(findings: list[Finding], item: Item, texts: Mapping[str, str] | None) -> list[Finding]:
    """The findings in blocks whose text holds the value (all of them when texts are unknown)."""
    if texts is None:
        return findings
    value = _norm(item.text)
    return [f for f in findings if value in texts.get(str(f.get("block")), value)]


def _score_item(doc: HeldoutDoc, item: Item, findings: list[Finding], score: HeldoutScore) -> None:
    hits = [f for f in findings if covers(str(f["text"]), item.text)]
    actions = {str(f["action"]) for f in hits}
    label = f"{doc.file} [{doc.kind}] {item.type} «{item.text}» ({item.where})"
    if item.expect == "keep":
        redacted = [
            f for f in findings if f["action"] == "redact" and touches(str(f["text"]), item.text)
        ]
        failed = bool(redacted)
        example = f"{label} → {_describe(redacted)}"
        score.over[item.type].add(failed, example)
        metric = "over"
    else:
        failed = not actions & COVERING
        example = f"{label} → {what_the_tool_did(item, hits, findings)}"
        score.leaks[item.type].add(failed, example)
        if item.type == "PERSON":
            score.names[item.where].add(failed, example)
        if item.expect == "review":
            score.bad_check_as_review.add("review" not in actions, example)
        metric = "leak"
    score.by_format[(doc.format, metric)].add(failed, example)
    score.by_kind[(doc.kind, metric)].add(failed, example)


def touches(found: str, item: str) -> bool:
    """A redact finding hurts a value that must stay when it holds the value or any part of it of
    two characters or more (redacting 友好村1组 out of a works site is over-redaction too)."""
    a, b = _norm(found), _norm(item)
    return len(a) >= 2 and (b in a or a in b)


def what_the_tool_did(item: Item, hits: list[Finding], findings: list[Finding]) -> str:
    """For a value that leaked: the findings that covered it with another action, else the ones
    that touched part of it, else "no finding"."""
    if hits:
        return _describe(hits)
    partial = [f for f in findings if _overlaps(str(f["text"]), item.text)]
    if partial:
        return "partly: " + _describe(partial)
    return "no finding"


def _describe(findings: list[Finding], limit: int = 3) -> str:
    shown = [
        f"{f['type']} {f['action']} «{f['text']}» ({f.get('detector', '?')}: "
        f"{str(f.get('explanation', ''))[:80]})"
        for f in findings[:limit]
    ]
    more = f" +{len(findings) - limit}" if len(findings) > limit else ""
    return "; ".join(shown) + more


def _norm(text: str) -> str:
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", text))


def _overlaps(found: str, item: str) -> bool:
    """A finding that shares a run of the value: two characters of a name, a third of an ID."""
    a, b = _norm(found), _norm(item)
    run = min(len(b), max(2, len(b) // 3))
    return any(b[i : i + run] in a for i in range(len(b) - run + 1))


def _score_attribute(doc: HeldoutDoc, report: Report, score: HeldoutScore) -> None:
    attribute = report["attribute"]
    assert isinstance(attribute, dict)
    got = attribute["proposed"]
    reasons = "; ".join(str(r) for r in attribute.get("reasons", []))
    grounds = ",".join(str(g) for g in attribute.get("grounds", []))
    example = f"{doc.file} [{doc.kind}] {doc.attribute} → {got} ({grounds}: {reasons})"
    failed = got != doc.attribute
    score.attribute.add(failed, example)
    score.by_format[(doc.format, "attribute")].add(failed, example)
    score.by_kind[(doc.kind, "attribute")].add(failed, example)
    if doc.conflict:
        score.conflicts.add(not attribute.get("conflicts"), f"{doc.file}: no conflict reported")


def _findings(report: Report) -> list[Finding]:
    findings = report["findings"]
    assert isinstance(findings, list)
    return findings


def run(
    folder: Path,
    workers: int,
    reports_out: Path | None = None,
    rescore: Path | None = None,
    docs: Path = DOCS,
) -> HeldoutScore:
    documents = build(folder, docs=docs)
    if rescore is not None:
        lines = rescore.read_text(encoding="utf-8").splitlines()
        reports: list[Report] = [json.loads(line) for line in lines if line.strip()]
    else:
        results = scan_many([folder / d.file for d in documents], workers)
        reports = [result.to_json() for result in results]
    if reports_out is not None:
        with reports_out.open("w", encoding="utf-8") as handle:
            for report in reports:
                handle.write(json.dumps(report, ensure_ascii=False) + "\n")
    blocks = {d.file: _block_texts(folder / d.file) for d in documents}
    score = HeldoutScore()
    score_documents(documents, {Path(str(r["path"])).name: r for r in reports}, score, blocks)
    return score


def _block_texts(path: Path) -> dict[str, str]:
    return {b.id: _norm(b.text) for b in load(path).blocks}


def print_score(score: HeldoutScore, examples: int, out: Callable[[str], None] = print) -> None:
    total = sum(score.documents.values())
    formats = ", ".join(f"{fmt} {n}" for fmt, n in sorted(score.documents.items()))
    out(f"held-out set: {total} documents ({formats})\n")
    out(f"{'type':<16}{'must go':>8}{'leaked':>8}{'leak rate':>11}{'target':>8}")
    for kind, rate in sorted(score.leaks.items()):
        target = f"{LEAK_TARGETS[kind]:.0%}" if kind in LEAK_TARGETS else "—"
        out(f"{kind:<16}{rate.total:>8}{len(rate.missed):>8}{rate.rate:>11.1%}{target:>8}")
    leaks = overall(score.leaks.values())
    out(f"{'overall':<16}{leaks.total:>8}{len(leaks.missed):>8}{leaks.rate:>11.1%}")
    out("\nnames (PERSON, must go) by where they stand:")
    for where in ("prose", "table"):
        rate = score.names[where]
        out(
            f"  names in {where:<6}{rate.total:>6} must go, {len(rate.missed):>3} leaked = {rate.rate:.1%}"
        )
    out(f"\n{'type':<16}{'keep':>8}{'redacted':>9}{'over rate':>11}")
    for kind, rate in sorted(score.over.items()):
        out(f"{kind:<16}{rate.total:>8}{len(rate.missed):>9}{rate.rate:>11.1%}")
    over = overall(score.over.values())
    out(
        f"{'overall':<16}{over.total:>8}{len(over.missed):>9}{over.rate:>11.1%}"
        f"  target ≤ {OVER_REDACTION_TARGET:.0%}"
    )
    values = overall(rate for kind, rate in score.over.items() if kind != "LABEL")
    out(
        f"{'values only':<16}{values.total:>8}{len(values.missed):>9}{values.rate:>11.1%}"
        "  (without the LABEL items: form labels and column headers)"
    )
    right = score.attribute.total - len(score.attribute.missed)
    out(
        f"\nattribute accuracy {right}/{score.attribute.total} = {1 - score.attribute.rate:.1%}"
        f"  target ≥ {ATTRIBUTE_TARGET:.0%}"
    )
    out(
        f"conflicts reported {_hit(score.conflicts)}; "
        f"bad-check IDs as review {_hit(score.bad_check_as_review)}"
    )
    _print_groups("format", score.by_format, out)
    _print_groups("kind", score.by_kind, out)
    _print_misses(score, examples, out)


def _print_groups(
    title: str, groups: Mapping[tuple[str, str], Rate], out: Callable[[str], None]
) -> None:
    out(f"\n{title:<16}{'leaked':>14}{'over-redacted':>16}{'attribute right':>17}")
    for name in sorted({name for name, _ in groups}):
        leak = groups.get((name, "leak"), Rate())
        over = groups.get((name, "over"), Rate())
        attribute = groups.get((name, "attribute"), Rate())
        out(f"{name:<16}{_miss(leak):>14}{_miss(over):>16}{_hit(attribute):>17}")


def _miss(rate: Rate) -> str:
    return f"{len(rate.missed)}/{rate.total} {rate.rate:.0%}" if rate.total else "—"


def _hit(rate: Rate) -> str:
    return f"{rate.total - len(rate.missed)}/{rate.total}"


def _print_misses(score: HeldoutScore, limit: int, out: Callable[[str], None]) -> None:
    sections = {
        **{f"leaks {k}": r.missed for k, r in sorted(score.leaks.items())},
        **{f"over-redaction {k}": r.missed for k, r in sorted(score.over.items())},
        "attribute": score.attribute.missed,
        "conflicts": score.conflicts.missed,
        "bad-check ID not review": score.bad_check_as_review.missed,
        "scan errors": score.scan_errors,
    }
    for title, missed in sections.items():
        if missed:
            out(f"\n{title} ({len(missed)}):")
            shown = missed if limit <= 0 else missed[:limit]
            out("\n".join(f"  {m}" for m in shown))
            if len(shown) < len(missed):
                out(f"  … {len(missed) - len(shown)} more")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score review_desk against the held-out set")
    parser.add_argument(
        "--docs",
        type=Path,
        default=DOCS,
        help="the set's YAML folder (default: tests/heldout/docs; set B: tests/heldout/fresh)",
    )
    parser.add_argument("--dir", type=Path, help="where to build the set (default: a temp dir)")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument(
        "--examples", type=int, default=0, help="misses shown per category (0: all)"
    )
    parser.add_argument("--reports", type=Path, help="also write the scan reports here (JSONL)")
    parser.add_argument("--rescore", type=Path, help="score these saved reports, do not scan")
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="heldout-") as scratch:
        folder = options.dir or Path(scratch)
        score = run(folder, options.workers, options.reports, options.rescore, options.docs)
    print_score(score, options.examples)
    missed = score.missed_targets()
    print("\nTARGETS MISSED:\n  " + "\n  ".join(missed) if missed else "\nall targets met")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
