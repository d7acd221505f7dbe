"""Findings kept as the cell memo's templates are the findings they stand for."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from review_desk.core.findings import Action, Finding, FindingType
from review_desk.core.templated import CellFindings, Template, TemplatedFindings

EMPTY_CELL: CellFindings = ((), "s0:r9:c1", "无")


def as_cells(findings: Sequence[Finding]) -> list[CellFindings]:
    """``findings`` as a range's cells: every third one detected, the others recalled from a
    template (the same templates as one tuple, as the memo shares them; by their text, as 1 and
    1.0 are equal), a cell without findings after each."""
    shared: dict[str, tuple[Template, ...]] = {}
    cells: list[CellFindings] = []
    for index, f in enumerate(findings):
        if index % 3 == 0:
            cells.append([f])
        else:
            template = (f.type, f.start, f.end, f.score, f.action, f.detector, f.explanation)
            templates = shared.setdefault(repr(template), (template,))
            cells.append((templates, f.block, "·" * f.start + f.text))
        cells.append(EMPTY_CELL)
    return cells


def finding(kind: FindingType, start: int, text: str, block: str = "s0:r1:c1") -> Finding:
    return Finding(kind, block, start, start + len(text), text, 0.9, Action.REDACT, "test", "why")


FINDINGS = [
    finding(FindingType.PERSON, 0, "王秀英"),
    finding(FindingType.PERSON, 0, "王秀英", "s0:r2:c1"),
    finding(FindingType.CN_RESIDENT_ID, 2, "11010119900307447X", "s0:r2:c2"),
    finding(FindingType.PERSON, 0, "李四", "s0:r3:c1"),
    finding(FindingType.PERSON, 0, "王秀英", "s0:r4:c1"),
]


@pytest.mark.parametrize("count", [0, 1, 2, len(FINDINGS)])
def test_they_iterate_count_and_index_as_the_findings(count: int) -> None:
    expected = FINDINGS[:count]
    templated = TemplatedFindings(as_cells(expected))
    assert list(templated) == expected
    assert len(templated) == count
    assert [templated[i] for i in range(count)] == expected
    assert templated[1:] == expected[1:]
    assert list(templated) == expected  # still, once indexed


def test_a_cell_of_several_templates_gives_them_in_order_at_its_text() -> None:
    first = (FindingType.PERSON, 0, 2, 0.9, Action.REDACT, "table_column", "person column")
    second = (FindingType.PHONE_NUMBER, 3, 14, 0.8, Action.REDACT, "phone", "mobile")
    templated = TemplatedFindings([((first, second), "s1:r5:c2", "张三 13812345678"), EMPTY_CELL])
    assert [(f.block, f.type, f.text, f.explanation) for f in templated] == [
        ("s1:r5:c2", FindingType.PERSON, "张三", "person column"),
        ("s1:r5:c2", FindingType.PHONE_NUMBER, "13812345678", "mobile"),
    ]
