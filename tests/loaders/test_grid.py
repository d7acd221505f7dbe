import pytest

from review_desk.loaders.grid import Span, find_header_row, header_texts


def _row(*texts: str) -> list[Span]:
    return [Span(i, i, t) for i, t in enumerate(texts) if t]


TITLE = [Span(0, 4, "2024年低保对象名单")]
HEADER = _row("序号", "姓名", "身份证号", "住址", "金额")
DATA = _row("1", "张三", "110105194001010009", "北京市", "500")


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([HEADER, DATA], 0),
        ([TITLE, HEADER, DATA], 1),
        ([TITLE, _row("填报单位：某局", "", "日期：2024年1月"), HEADER, DATA], 2),
        ([[], TITLE, [], HEADER, DATA], 3),
        ([DATA, DATA], None),
        ([TITLE], None),
        ([], None),
    ],
    ids=["plain", "title", "title-and-unit-line", "blank-rows", "no-header", "title-only", "empty"],
)
def test_header_row_is_found_below_titles(rows: list[list[Span]], expected: int | None) -> None:
    assert find_header_row(rows) == expected


def test_a_merged_header_cell_labels_every_column_it_covers() -> None:
    assert header_texts([Span(0, 0, "姓名"), Span(1, 2, "联系\n方式")]) == {
        0: "姓名",
        1: "联系 方式",
        2: "联系 方式",
    }
