"""Detection tests run on the baseline name source: no model, no network."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from review_desk.core.document import Block, BlockKind, Document
from review_desk.core.errors import RulesError
from review_desk.core.findings import Finding, FindingType
from review_desk.detect.cell_memo import CellMemo
from review_desk.detect.engine import Detector
from review_desk.paths import rules_dir


@pytest.fixture(scope="session", params=[True, False], ids=["prescreen", "every-block"])
def detector(request: pytest.FixtureRequest) -> Detector:
    """Every detection test runs twice: with blocks that no pattern matches skipped before
    Presidio (the default) and with every block sent to it, so the shortcut cannot drop a
    finding unnoticed."""
    return Detector(prescreen=bool(request.param))


def paragraphs(*texts: str) -> Document:
    blocks = [Block(f"p{i}", BlockKind.PARAGRAPH, text) for i, text in enumerate(texts)]
    return Document(path="t.txt", sha256="0", format="text", blocks=blocks)


Find = Callable[[str, FindingType], list[Finding]]


@pytest.fixture(scope="session")
def find(detector: Detector) -> Find:
    """Findings of one type in a one-paragraph document."""

    def _find(text: str, kind: FindingType) -> list[Finding]:
        return [f for f in detector.detect(paragraphs(text)) if f.type is kind]

    return _find


def copy_rules(folder: Path, name: str = "", old: str = "", new: str = "") -> Path:
    """The shipped rules in ``folder``, with ``old`` replaced by ``new`` in ``name``.yaml."""
    folder.mkdir(parents=True, exist_ok=True)
    for source in rules_dir().glob("*.yaml"):
        text = source.read_text(encoding="utf-8")
        if source.stem == name and old:
            assert old in text, f"{old!r} is not in {source.name}"
            text = text.replace(old, new, 1)
        (folder / source.name).write_text(text, encoding="utf-8")
    return folder


def assert_names_file_line_and_key(
    error: RulesError, folder: Path, name: str, new: str, key: str
) -> None:
    """The error names the rules file, the key and, when the edit wrote something, its line."""
    message = error.message
    assert f"{name}.yaml" in message
    assert f"键 {key}" in message
    if new:
        line = (folder / f"{name}.yaml").read_text(encoding="utf-8").split(new)[0].count("\n") + 1
        assert f"第 {line} 行" in message


def detected_alone(detector: Detector, document: Document) -> list[Finding]:
    """The document's findings with each block detected in a plan of its own memory: nothing
    remembered from other cells stands for it (the reference of the detector's cell memo)."""
    planned = detector.plan(document)
    found = [
        f
        for index in range(len(planned.blocks))
        for f in detector.detect_range(
            replace(planned, memo=CellMemo(planned.memo.addresses)), index, index + 1
        )
    ]
    return found + detector.markings(document)
