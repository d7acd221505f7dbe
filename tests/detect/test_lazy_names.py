"""The default detector's name source is built on the first prose that asks for names: a sheet of
typed columns never loads the NER model (~1.5 s and ~140 MB in each process of a scan)."""

from __future__ import annotations

from collections.abc import Sequence

from review_desk.core.document import Block, BlockKind, Document
from review_desk.core.findings import FindingType
from review_desk.detect.engine import Detector, LazyNameSource
from review_desk.detect.names import NameSource, Span
from tests.detect.conftest import paragraphs


class CountedNames:
    """A model-like source that names 王秀英 wherever it occurs."""

    detector_id = "counted_names"

    def persons(self, texts: Sequence[str]) -> list[list[Span]]:
        return [
            [(t.index("王秀英"), t.index("王秀英") + 3)] if "王秀英" in t else [] for t in texts
        ]


class Builds:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self) -> NameSource:
        self.count += 1
        return CountedNames()


def _roster() -> Document:
    header = [Block(f"s0:r0:c{c}", BlockKind.SHEET_CELL, h, 0, c) for c, h in enumerate(_HEADER)]
    row = [Block(f"s0:r1:c{c}", BlockKind.SHEET_CELL, v, 1, c, _HEADER[c]) for c, v in _ROW]
    return Document("t.xlsx", "0", "xlsx", [*header, *row])


_HEADER = ("姓名", "身份证号", "金额")
_ROW = [(0, "王秀英"), (1, "110105194912310029"), (2, "803")]


def test_a_sheet_of_typed_columns_never_builds_the_name_source() -> None:
    build = Builds()
    found = Detector(names=LazyNameSource(build)).detect(_roster())
    assert build.count == 0
    assert {f.type for f in found} == {FindingType.PERSON, FindingType.CN_RESIDENT_ID}


def test_prose_builds_it_once_and_its_findings_name_the_built_source() -> None:
    build = Builds()
    detector = Detector(names=LazyNameSource(build))
    for _ in range(2):
        found = detector.detect(paragraphs("低保对象王秀英，住东仰村3组。"))
        assert [f.detector for f in found if f.type is FindingType.PERSON] == ["counted_names"]
    assert build.count == 1
