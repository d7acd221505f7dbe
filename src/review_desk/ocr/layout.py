"""Lines and tables out of what OCR read: a scanned 公示 list must reach detection in the shape
a DOCX table has (one block per cell, each under its column's header), or a 身份证号 column is
not seen as one.

The engine reads a table row as one line and drops the blanks between its cells; the boxes of
its characters still show the gaps. So each line is cut into pieces where a gap is wider than
``cell_gap`` line heights, the pieces are put into rows by their height on the page (after
undoing the page's skew, which over an A4 width at 3° is two rows), and a run of at least
``min_table_rows`` rows of at least ``min_table_columns`` pieces is a table. Its columns are
the stretches of the page its pieces cover (a left-aligned and a centred column both come out
as one stretch each), its first row the header.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable
from dataclasses import dataclass

from review_desk.ocr.boxes import PixelBox
from review_desk.ocr.engine import OcrLine, PageText
from review_desk.ocr.settings import LayoutSettings


@dataclass(frozen=True)
class Piece:
    """Characters of one line between two wide gaps: a cell of a table row, or a phrase.
    ``left``/``right``/``middle`` are measured after deskewing; boxes stay as read."""

    text: str
    boxes: tuple[PixelBox, ...]
    confidences: tuple[float, ...]
    left: float
    right: float
    middle: float
    height: float


@dataclass(frozen=True)
class TextLine:
    """A row that is not part of a table: its pieces in reading order."""

    pieces: tuple[Piece, ...]


@dataclass(frozen=True)
class TableCell:
    table: int
    row: int
    column: int
    #: The text of the column's header cell (None for the header row itself).
    header: str | None
    piece: Piece


Laid = TextLine | TableCell


def lay_out(page: PageText, settings: LayoutSettings) -> list[Laid]:
    """The page's text, top to bottom, as lines and table cells."""
    angle = skew(page.lines)
    pieces = [p for line in page.lines for p in _pieces(line, angle, settings.cell_gap)]
    if not pieces:
        return []
    rows = _rows(pieces, settings.row_tolerance)
    laid: list[Laid] = []
    done = 0
    for table, (start, end) in enumerate(_table_runs(rows, settings)):
        laid.extend(TextLine(tuple(row)) for row in rows[done:start])
        laid.extend(_table(rows[start:end], table, settings.column_tolerance))
        done = end
    laid.extend(TextLine(tuple(row)) for row in rows[done:])
    return laid


def skew(lines: Iterable[OcrLine]) -> float:
    """The page's skew in radians: the median slope of the top edges of its long lines (a
    scan fed in askew, a photo taken at a slant)."""
    slopes = []
    for line in lines:
        (x0, y0), (x1, y1), _, _ = line.corners
        if len(line.text) >= 4 and x1 - x0 > 2 * line.height:
            slopes.append(math.atan2(y1 - y0, x1 - x0))
    return statistics.median(slopes) if slopes else 0.0


def _deskewed(box: PixelBox, angle: float) -> tuple[float, float, float]:
    """Left, right and vertical middle of a box once the page is turned back by ``angle``."""
    cos, sin = math.cos(angle), math.sin(angle)
    x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    half = (box[2] - box[0]) / 2
    centre_x = x * cos + y * sin
    return centre_x - half, centre_x + half, -x * sin + y * cos


def _pieces(line: OcrLine, angle: float, gap: float) -> list[Piece]:
    height = line.height
    spans: list[list[int]] = [[]]
    previous_right: float | None = None
    for index, (char, box) in enumerate(zip(line.text, line.boxes, strict=True)):
        left, right, _ = _deskewed(box, angle)
        if previous_right is not None and left - previous_right > gap * height and spans[-1]:
            spans.append([])
        if not char.isspace():
            spans[-1].append(index)
            previous_right = right
    return [_piece(line, span, angle, height) for span in spans if span]


def _piece(line: OcrLine, span: list[int], angle: float, height: float) -> Piece:
    first, last = span[0], span[-1] + 1
    edges = [_deskewed(line.boxes[i], angle) for i in (first, last - 1)]
    middles = [_deskewed(line.boxes[i], angle)[2] for i in range(first, last)]
    return Piece(
        line.text[first:last],
        line.boxes[first:last],
        line.confidences[first:last],
        edges[0][0],
        edges[1][1],
        statistics.fmean(middles),
        height,
    )


def _rows(pieces: list[Piece], tolerance: float) -> list[list[Piece]]:
    """Pieces whose middles are within ``tolerance`` line heights of their row's first piece,
    each row from left to right."""
    rows: list[list[Piece]] = []
    for piece in sorted(pieces, key=lambda p: p.middle):
        if rows and piece.middle - rows[-1][0].middle <= tolerance * piece.height:
            rows[-1].append(piece)
        else:
            rows.append([piece])
    return [sorted(row, key=lambda p: p.left) for row in rows]


def _table_runs(rows: list[list[Piece]], settings: LayoutSettings) -> list[tuple[int, int]]:
    """Where tables are: runs of consecutive rows with enough pieces each."""
    runs: list[tuple[int, int]] = []
    start: int | None = None
    for index, row in enumerate([*rows, []]):
        wide = len(row) >= settings.min_table_columns
        if wide and start is None:
            start = index
        elif not wide and start is not None:
            if index - start >= settings.min_table_rows:
                runs.append((start, index))
            start = None
    return runs


def _table(rows: list[list[Piece]], table: int, tolerance: float) -> list[TableCell]:
    columns = _columns([p for row in rows for p in row], tolerance)
    header = {_column_of(p, columns): p.text for p in rows[0]}
    cells: list[TableCell] = []
    for row_index, row in enumerate(rows):
        by_column: dict[int, list[Piece]] = {}
        for piece in row:
            by_column.setdefault(_column_of(piece, columns), []).append(piece)
        for column, parts in sorted(by_column.items()):
            name = None if row_index == 0 else header.get(column)
            cells.append(TableCell(table, row_index, column, name, _joined(parts)))
    return cells


def _columns(pieces: list[Piece], tolerance: float) -> list[tuple[float, float]]:
    """Stretches of the page covered by the pieces, merged where they overlap or nearly touch
    (within a fraction of ``tolerance`` line heights)."""
    stretches: list[list[float]] = []
    for piece in sorted(pieces, key=lambda p: p.left):
        slack = tolerance * piece.height / 4
        if stretches and piece.left <= stretches[-1][1] + slack:
            stretches[-1][1] = max(stretches[-1][1], piece.right)
        else:
            stretches.append([piece.left, piece.right])
    return [(left, right) for left, right in stretches]


def _column_of(piece: Piece, columns: list[tuple[float, float]]) -> int:
    centre = (piece.left + piece.right) / 2
    return min(
        range(len(columns)),
        key=lambda i: (
            0.0 if columns[i][0] <= centre <= columns[i][1] else _distance(centre, i, columns)
        ),
    )


def _distance(x: float, index: int, columns: list[tuple[float, float]]) -> float:
    left, right = columns[index]
    return min(abs(x - left), abs(x - right))


def _joined(parts: list[Piece]) -> Piece:
    """Pieces of one row in one column (a name spaced out as 王  芳): one cell."""
    if len(parts) == 1:
        return parts[0]
    return Piece(
        "".join(p.text for p in parts),
        tuple(box for p in parts for box in p.boxes),
        tuple(c for p in parts for c in p.confidences),
        parts[0].left,
        parts[-1].right,
        statistics.fmean(p.middle for p in parts),
        max(p.height for p in parts),
    )
