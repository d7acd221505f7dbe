"""The five published government reports in /work/shared/samples: nothing in them may push the
proposal away from ``proactive`` (POLICY.md §1: over-redaction is a failure too)."""

from __future__ import annotations

from pathlib import Path

import pytest

from review_desk.core.document import Block, BlockKind, Document
from review_desk.core.findings import Action, FindingType
from review_desk.detect.engine import Detector

SAMPLES = Path("/work/shared/samples")
_NOT_PROACTIVE = {
    FindingType.WORK_SECRET,
    FindingType.INTERNAL_MARK,
    FindingType.PROCESS_INFO,
}


def _paragraphs(path: Path) -> Document:
    lines = path.read_text(encoding="utf-8").splitlines()
    blocks = [Block(f"p{i}", BlockKind.PARAGRAPH, line) for i, line in enumerate(lines)]
    return Document(str(path), "0", "text", blocks)


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="shared samples not present")
@pytest.mark.parametrize("name", [f"report_00{i}.txt" for i in range(5)])
def test_published_reports_stay_proactive(detector: Detector, name: str) -> None:
    findings = detector.detect(_paragraphs(SAMPLES / name))
    assert [f for f in findings if f.action is Action.REDACT] == []
    assert [f for f in findings if f.type in _NOT_PROACTIVE] == []
    assert [f for f in findings if f.detector == "secrecy_marking"] == []
    notes = [f for f in findings if f.type is FindingType.DISCLOSURE_NOTE]
    assert all(f.explanation.startswith("note=proactive;") for f in notes)


@pytest.mark.slow
@pytest.mark.skipif(not SAMPLES.is_dir(), reason="shared samples not present")
@pytest.mark.parametrize("name", [f"report_00{i}.txt" for i in range(5)])
def test_published_reports_stay_proactive_with_the_ner_model(name: str) -> None:
    from review_desk.detect.names import NerNameSource

    names = NerNameSource.load()
    if names is None:
        pytest.skip("NER model not available")
    findings = Detector(names=names).detect(_paragraphs(SAMPLES / name))
    redacted = [(f.type, f.text) for f in findings if f.action is Action.REDACT]
    assert redacted == []
