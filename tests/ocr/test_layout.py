"""Rows and columns out of OCR lines, without the engine: lines made by hand."""

from __future__ import annotations

import math

from review_desk.ocr.engine import OcrLine, PageText
from review_desk.ocr.layout import TableCell, TextLine, lay_out, skew
from review_desk.ocr.settings import ocr_settings

CHAR = 20.0


def _line(cells: list[tuple[float, str]], y: float, angle: float = 0.0) -> OcrLine:
    """One OCR line holding several cells (the engine merges a table row), each starting at
    its x, characters CHAR wide, the whole turned by ``angle`` around the origin."""
    text, boxes = "", []
    for x, cell in cells:
        for i, char in enumerate(cell):
            text += char
            boxes.append(_turned((x + i * CHAR, y, x + (i + 1) * CHAR, y + CHAR), angle))
    left, right = cells[0][0], cells[-1][0] + len(cells[-1][1]) * CHAR
    corners = tuple(
        _point(px, py, angle)
        for px, py in ((left, y), (right, y), (right, y + CHAR), (left, y + CHAR))
    )
    return OcrLine(text, tuple(boxes), (0.99,) * len(text), corners)  # type: ignore[arg-type]


def _point(x: float, y: float, angle: float) -> tuple[float, float]:
    return x * math.cos(angle) - y * math.sin(angle), x * math.sin(angle) + y * math.cos(angle)


def _turned(
    box: tuple[float, float, float, float], angle: float
) -> tuple[float, float, float, float]:
    (x0, y0), (x1, y1) = _point(box[0], box[1], angle), _point(box[2], box[3], angle)
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def _table(angle: float = 0.0) -> PageText:
    rows = [
        [(100, "序号"), (200, "姓名"), (400, "身份证号")],
        [(100, "1"), (200, "王芳"), (400, "110105194912310021")],
        [(100, "2"), (200, "李建国"), (400, "110105195001010018")],
        [(100, "3"), (200, "张三"), (400, "110105195101010011")],
    ]
    lines = [_line([(40, "低保对象公示名单")], 40, angle)]
    lines += [_line(row, 100 + 40 * i, angle) for i, row in enumerate(rows)]
    lines.append(_line([(40, "监督电话：0871-12345678")], 300, angle))
    return PageText(tuple(lines), 0, (1200, 800))


def test_a_table_row_read_as_one_line_becomes_cells_under_their_headers() -> None:
    laid = lay_out(_table(), ocr_settings().layout)
    cells = [item for item in laid if isinstance(item, TableCell)]
    ids = [c for c in cells if c.column == 2 and c.row > 0]
    assert [c.piece.text for c in ids] == [
        "110105194912310021",
        "110105195001010018",
        "110105195101010011",
    ]
    assert {c.header for c in ids} == {"身份证号"}
    assert all(c.header is None for c in cells if c.row == 0)
    lines = [item for item in laid if isinstance(item, TextLine)]
    assert ["".join(p.text for p in line.pieces) for line in lines] == [
        "低保对象公示名单",
        "监督电话：0871-12345678",
    ]


def test_a_skewed_table_keeps_its_rows_and_columns() -> None:
    angle = math.radians(3)
    page = _table(angle)
    assert math.isclose(skew(page.lines), angle, abs_tol=0.01)
    cells = [item for item in lay_out(page, ocr_settings().layout) if isinstance(item, TableCell)]
    assert len(cells) == 12
    assert {(c.row, c.column, c.piece.text) for c in cells if c.column == 1} == {
        (0, 1, "姓名"),
        (1, 1, "王芳"),
        (2, 1, "李建国"),
        (3, 1, "张三"),
    }


def test_prose_lines_are_no_table() -> None:
    page = PageText(
        tuple(_line([(40, f"第{i}行普通的正文内容")], 40 + 40 * i) for i in range(5)), 0, (800, 400)
    )
    laid = lay_out(page, ocr_settings().layout)
    assert all(isinstance(item, TextLine) for item in laid) and len(laid) == 5
