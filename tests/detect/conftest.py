"""Detection tests run on the baseline name source: no model, no network."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from review_desk.core.document import Block, BlockKind, Document
from review_desk.core.findings import Finding, FindingType
from review_desk.detect.engine import Detector


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
