"""Hand-written documents (cases.yaml) scanned end to end: attribute, leaks, over-redaction."""

from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from review_desk.core.findings import Action, Finding
from review_desk.scan import ScanOutcome, scan_document

# scan_document's default detector loads the shipped NER model.
pytestmark = pytest.mark.slow

_CASES = yaml.safe_load((Path(__file__).parent / "cases.yaml").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class _Case:
    name: str
    attribute: str
    text: str
    redact: list[str]
    keep: list[str]


def _spans(text: str, value: str) -> list[tuple[int, int]]:
    spans, start = [], text.find(value)
    while start >= 0:
        spans.append((start, start + len(value)))
        start = text.find(value, start + 1)
    assert spans, f"{value!r} is not in the text"
    return spans


def _covered(
    findings: list[Finding], line: str, span: tuple[int, int], actions: set[Action]
) -> bool:
    return any(
        f.action in actions and f.start < span[1] and span[0] < f.end and f.text in line
        for f in findings
    )


def _scan(case: _Case, folder: Path) -> ScanOutcome:
    path = folder / "case.txt"
    path.write_text(case.text, encoding="utf-8")
    return scan_document(path)


def _lines_with(
    outcome: ScanOutcome, value: str
) -> list[tuple[list[Finding], str, tuple[int, int]]]:
    found = []
    for block in outcome.document.blocks:
        if value in block.text:
            in_block = [f for f in outcome.findings if f.block == block.id]
            found.extend((in_block, block.text, span) for span in _spans(block.text, value))
    return found


@pytest.mark.parametrize("case", [_Case(**c) for c in _CASES], ids=[c["name"] for c in _CASES])
def test_handwritten_case(case: _Case, tmp_path: Path) -> None:
    outcome = _scan(case, tmp_path)
    leaks = [
        value
        for value in case.redact
        for findings, line, span in _lines_with(outcome, value)
        if not _covered(findings, line, span, {Action.REDACT, Action.REVIEW})
    ]
    over = [
        value
        for value in case.keep
        for findings, line, span in _lines_with(outcome, value)
        if _covered(findings, line, span, {Action.REDACT})
    ]
    assert (str(outcome.proposal.attribute), leaks, over) == (case.attribute, [], [])
