"""A cell in its column's shape is classed by the facts its check reads, and a class stands for
every text in it: a column of such cells has the findings each cell has alone."""

from __future__ import annotations

import random
import re
from dataclasses import replace
from pathlib import Path

import pytest

from review_desk.core.document import Block, BlockKind, Document
from review_desk.core.findings import FindingType
from review_desk.detect.cell_shapes import AddressClasses, cell_shape
from review_desk.detect.config import load_detect_rules
from review_desk.detect.engine import Detector
from review_desk.detect.overlaps import LOOKALIKE_NAMES
from review_desk.detect.tables import ADDRESS, PHONE, RESIDENT_ID, Cell, RowInfo
from review_desk.detect.work import wants_names
from tests.detect.conftest import copy_rules, detected_alone
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
    if shape is not None:  # the memo takes the shape before it asks whether names are read
        cell = Block("s0:r1:c0", BlockKind.SHEET_CELL, text, 1, 0, "x")
        assert not wants_names(cell, _row(role, text), text)


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


def _address_classes() -> AddressClasses:
    rules = Detector().rules.identifiers
    return AddressClasses(rules.recognizers.address, rules.hotlines, [])


@pytest.mark.parametrize(
    ("role", "text", "found"),
    [
        (ADDRESS, "幸福街道12号院3单元105室", ("address", "幸福街道00号院0单元000室")),
        (ADDRESS, "新城村3组", ("address", "新城村0组")),
        (ADDRESS, "北养马庄村5排18号", ("address", "北养马庄村0排00号")),
        (ADDRESS, "护国街道", ("address", "护国街道")),
        (ADDRESS, "幸福路1203室", ("address", "幸福路0000室")),
        (ADDRESS, "幸福路12034室", None),  # five digits: a run a phone or code may be
        (ADDRESS, "幸福路110号", None),  # a hotline's digits
        (ADDRESS, "幸福路12-3号", None),
        (ADDRESS, "幸福路12号 3室", None),
        (ADDRESS, "2024年新城村3组", None),  # a digit before 年
        (ADDRESS, "幸福路12", None),  # a number without its unit
        (ADDRESS, "幸福路A12号", None),
        (ADDRESS, "幸福路１２号", None),  # full-width: read in full
        (ADDRESS, "幸福路12号＊＊室", None),
        (PHONE, "幸福路12号", None),
        (None, "幸福路12号", None),
    ],
)
def test_the_class_of_an_address(
    role: str | None, text: str, found: tuple[str, str] | None
) -> None:
    assert _address_classes().of(_row(role, text), text) == found


def _addresses(rng: random.Random, count: int) -> list[str]:
    """Addresses of every kind a list holds, with numbers of every length: homes down to a room
    or a group, groups joined or a route, land, a workplace, hotline digits, dates, grades."""
    places = (
        "北京市朝阳区幸福街道",
        "富民县东村镇",
        "五华区护国路",
        "南门村",
        "洞头村新屋下组",
        "客服热线",
    )
    tails = (
        "号院{}单元{}室",
        "栋{}单元{}室",
        "组",
        "社",
        "号",
        "排{}号",
        "号楼{}层",
        "组至友好村{}组",
        "组、{}组",
        "组所征土地",
        "号金融大厦{}室",
        "号{}楼",
    )
    odd = ("{}年", "{}级", "{}型", "-{}号", "{}")
    found = []
    for _ in range(count):
        length = rng.choice((1, 2, 3))
        number = str(rng.randrange(10 ** (length - 1), 10**length))
        if rng.random() < 0.1:  # a hotline's digits or a run too long for a house number
            number = str(rng.choice((110, 120, 119, rng.randrange(1000, 100000))))
        tail = rng.choice(tails)
        fields = [str(rng.randrange(1, 100)) for _ in range(tail.count("{}"))]
        text = rng.choice(places) + number + tail.format(*fields)
        if rng.random() < 0.1:
            text += rng.choice(odd).format(rng.randrange(1, 13))
        found.append(text)
    return found


@pytest.mark.parametrize(
    "title", ["富民县2024年第四季度城乡低保对象公示", "2024年见义勇为人员表彰公示", "职工通讯录"]
)
def test_a_column_of_classed_addresses_has_the_findings_each_cell_has_alone(title: str) -> None:
    addresses = _addresses(random.Random(title), 1200)
    header = ("序号", "家庭住址")
    rows = [header, *((str(r), a) for r, a in enumerate(addresses))]
    blocks = [Block("s0:r0:c0", BlockKind.SHEET_CELL, title, 0, 0)]
    blocks += [
        Block(f"s0:r{r + 1}:c{c}", BlockKind.SHEET_CELL, text, r + 1, c, header[c] if r else None)
        for r, row in enumerate(rows)
        for c, text in enumerate(row)
    ]
    document = Document("t.xlsx", "0", "xlsx", blocks)
    detector = Detector()
    classes = detector.plan(document)
    found = detector.detect_range(classes, 0, len(classes.blocks))
    assert len(classes.memo) < len(set(addresses)) * 2 / 3  # a class stands for many texts
    assert {f.type for f in found} >= {FindingType.ADDRESS}
    assert detector.detect(document) == detected_alone(detector, document)


def test_a_listed_term_with_a_digit_turns_the_address_classes_off(tmp_path: Path) -> None:
    folder = copy_rules(
        tmp_path, "context", "deny_list: {}", "deny_list: {ADDRESS: [幸福路12号院]}"
    )
    detector = Detector(rules=load_detect_rules(folder))
    header = ("序号", "家庭住址")
    texts = ["幸福路13号院3单元", "幸福路12号院3单元", "幸福路14号院3单元"]
    blocks = [
        Block(f"s0:r{r}:c{c}", BlockKind.SHEET_CELL, text, r, c, header[c] if r else None)
        for r, row in enumerate([header, *((str(i), t) for i, t in enumerate(texts))])
        for c, text in enumerate(row)
    ]
    document = Document("t.xlsx", "0", "xlsx", blocks)
    found = detector.detect(document)
    assert found == detected_alone(detector, document)
    assert [f.detector for f in found if f.block == "s0:r2:c1"] == ["deny_list"]


def _strings(value: object, path: str = "") -> list[tuple[str, str]]:
    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in _strings(v, f"{path}.{k}")]
    if isinstance(value, list | tuple | set | frozenset):
        return [s for v in value for s in _strings(v, path)]
    return []


def test_no_shipped_rule_holds_a_house_number() -> None:
    """What the address classes rest on: no word of the rules is a digit before a number unit
    (a term "1号" would read the digit's value). The name followers are characters, not words,
    and no name is read in an address cell."""
    rules = Detector().rules
    address = rules.identifiers.recognizers.address
    starts = {unit[0] for unit in [*address.number_units, *address.row_units]}
    house = re.compile(f"[0-9][{''.join(sorted(starts))}]")
    found = [
        (path, text)
        for path, text in _strings(rules.model_dump(mode="json"))
        if house.search(text) and not path.endswith("followers")
    ]
    assert found == []
