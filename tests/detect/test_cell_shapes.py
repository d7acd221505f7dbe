"""A cell in its column's shape is classed by the facts its check reads, and a class stands for
every text in it: a column of such cells has the findings each cell has alone."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from review_desk.core.document import Block, BlockKind, Document
from review_desk.detect.cell_shapes import cell_shape
from review_desk.detect.engine import Detector
from review_desk.detect.overlaps import LOOKALIKE_NAMES
from review_desk.detect.tables import ADDRESS, PHONE, RESIDENT_ID, Cell, RowInfo
from tests.detect.conftest import detected_alone
from tests.detect.ids import bad_check, resident_id

_VALID = resident_id("530102", "19570604", "808")
_WITH_X = resident_id("110105", "19491231", "002")
_BAD_DATE = resident_id("530102", "19570231", "808")


def _row(role: str | None, text: str) -> RowInfo:
    return RowInfo((Cell(0, len(text), role),), private=True, roster=False)


@pytest.mark.parametrize(
    ("role", "text", "shape"),
    [
        (RESIDENT_ID, _VALID, ("id18", True, True)),
        (RESIDENT_ID, _WITH_X, ("id18", True, True)),
        (RESIDENT_ID, _WITH_X.lower(), ("id18", True, True)),
        (RESIDENT_ID, bad_check(_VALID), ("id18", False, True)),
        (RESIDENT_ID, _BAD_DATE, ("id18", True, False)),
        (RESIDENT_ID, bad_check(_BAD_DATE), ("id18", False, False)),
        (RESIDENT_ID, "5301021957****8087", None),  # masked: read in full
        (RESIDENT_ID, "730102195706048087", None),  # no ID starts with 7
        (RESIDENT_ID, _VALID[:15], None),  # a legacy number: read in full
        (RESIDENT_ID, f"{_VALID}12", None),  # a disability certificate
        (RESIDENT_ID, f" {_VALID}", None),
        (PHONE, _VALID, None),
        (PHONE, "13812345678", ("mobile", True, True)),
        (PHONE, "19912345678", ("mobile", True, True)),
        (PHONE, "12812345678", None),  # not a mobile prefix
        (PHONE, "1381234567", None),
        (PHONE, "0871-68125566", None),
        (ADDRESS, "13812345678", None),
        (None, "17", ("digits", True, True)),
        (None, "110", ("digits", True, True)),
        (None, "999999", ("digits", True, True)),
        (None, "1234567", None),  # a local number's length
        (None, "12.5", None),
        (None, "１２", None),  # full-width: read in full
        (PHONE, "110", None),
    ],
)
def test_the_shape_of_a_cell(
    role: str | None, text: str, shape: tuple[str, bool, bool] | None
) -> None:
    assert cell_shape(_row(role, text), text) == shape


def test_a_header_or_a_row_of_several_cells_has_no_shape() -> None:
    assert cell_shape(replace(_row(RESIDENT_ID, _VALID), label=True), _VALID) is None
    two = RowInfo((Cell(0, 18, RESIDENT_ID), Cell(19, 30, PHONE)), True, False)
    assert cell_shape(two, _VALID) is None


def _ids(rng: random.Random, count: int) -> list[str]:
    """IDs of every class: valid, bad check, impossible date, both; X upper and lower case."""
    found = []
    for _ in range(count):
        region = rng.choice(("530102", "110105", "610113", "810000", "910000", "230102"))
        born = f"{rng.randrange(1880, 2030)}{rng.randrange(0, 14):02d}{rng.randrange(0, 33):02d}"
        number = resident_id(region, born, f"{rng.randrange(1000):03d}")
        if rng.random() < 0.3:
            number = bad_check(number)
        found.append(number.lower() if rng.random() < 0.2 else number)
    return found


def _mobiles(rng: random.Random, count: int) -> list[str]:
    return [f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}" for _ in range(count)]


#: Numbers of a 序号 column, the short codes of public services among them.
_SERIALS = ("1", "110", "119", "120", "122", "12345", "96110", "999999", "0", "007")


def _sheet(title: str, ids: list[str], mobiles: list[str]) -> Document:
    header = ("序号", "姓名", "身份证号", "联系电话")
    rows = [header] + [
        (_SERIALS[r % len(_SERIALS)] if r % 3 else str(r), "王秀英", i, m)
        for r, (i, m) in enumerate(zip(ids, mobiles, strict=True))
    ]
    blocks = [Block("s0:r0:c0", BlockKind.SHEET_CELL, title, 0, 0)]
    blocks += [
        Block(f"s0:r{r + 1}:c{c}", BlockKind.SHEET_CELL, text, r + 1, c, header[c] if r else None)
        for r, row in enumerate(rows)
        for c, text in enumerate(row)
    ]
    return Document("t.xlsx", "0", "xlsx", blocks)


@pytest.mark.parametrize(
    "title", ["富民县2024年第四季度城乡低保对象公示", "2024年见义勇为人员表彰公示", "职工通讯录"]
)
def test_a_column_of_shaped_cells_has_the_findings_each_cell_has_alone(title: str) -> None:
    rng = random.Random(title)
    document = _sheet(title, _ids(rng, 400), _mobiles(rng, 400))
    detector = Detector()
    classes = detector.plan(document)
    detector.detect_range(classes, 0, len(classes.blocks))
    assert len(classes.memo) < 20  # the classes, the header and the name, not 1,200 texts
    assert detector.detect(document) == detected_alone(detector, document)


@pytest.mark.parametrize("seed", range(3))
def test_only_the_shape_s_own_pattern_matches_its_texts(seed: int) -> None:
    rng = random.Random(seed)
    analyzer = Detector().analyzer
    for number in _ids(rng, 300):
        results = analyzer.analyze(number, LOOKALIKE_NAMES)
        assert {r.recognition_metadata["recognizer_name"] for r in results} <= {"cn_resident_id"}
    for mobile in _mobiles(rng, 300):
        results = analyzer.analyze(mobile)
        assert [(r.entity_type, r.start, r.end) for r in results] == [("PHONE_NUMBER", 0, 11)]
