from pathlib import Path

import pytest

from review_desk.loaders import load
from tests.loaders import fixtures


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "utf-16"])
def test_csv_cells_are_text_with_header_found_below_the_title(
    tmp_path: Path, encoding: str
) -> None:
    path = fixtures.write_recipient_csv(tmp_path / "list.csv", 5, encoding)
    document = load(path)
    cell = document.block("s0:r2:c2")
    assert cell.text == fixtures.resident_id(0)
    assert cell.header == "身份证号"
    assert (cell.row, cell.column, cell.sheet) == (2, 2, "list")
    assert document.block("s0:r0:c0").header is None
    assert document.block("s0:r1:c1").header is None  # the header row itself
    assert document.columns("s0:")[4] == "联系电话"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("姓名;身份证号\n张三;007\n", "007"),
        ("姓名\t身份证号\n张三\t110105194001010009\n", "110105194001010009"),
        ('姓名,备注\n张三,"1.5E+17"\n', "1.5E+17"),
    ],
    ids=["semicolon-leading-zeros", "tab-18-digits", "quoted-sci-text"],
)
def test_csv_values_keep_every_character(tmp_path: Path, content: str, expected: str) -> None:
    path = tmp_path / "x.csv"
    path.write_text(content, encoding="utf-8")
    assert load(path).block("s0:r1:c1").text == expected
