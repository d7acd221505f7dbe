"""One page image through OCR into blocks: lines as ``pg3:l0`` (PDF_LINE), a recognised table's
cells as ``pg3:t0:r2:c1`` (TABLE_CELL, under their column's header), the shapes the text PDF and
DOCX loaders give, so detection and redaction treat a scanned page like a typed one.

Each block has a box per character in page points from the page's top left (what the loader's
``to_points`` makes of the image's pixels) and a confidence per character.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from PIL import Image

from review_desk.core.document import Block, BlockKind, CharBox, OcrBlock, ScannedPage
from review_desk.ocr.boxes import PixelBox, ToPoints
from review_desk.ocr.engine import PageText, engine
from review_desk.ocr.layout import Laid, TableCell, TextLine, lay_out
from review_desk.ocr.settings import ocr_settings


@dataclass(frozen=True)
class ReadPage:
    blocks: list[Block]
    page: ScannedPage


def read_page(image: Image.Image, number: int, dpi: float, to_points: ToPoints) -> ReadPage:
    text = engine().read(image)
    laid = lay_out(text, ocr_settings().layout)
    blocks = list(_blocks(laid, number, text, to_points))
    x0, top, x1, bottom = to_points((0.0, 0.0, float(image.width), float(image.height)))
    confidence = text.confidence
    scanned = ScannedPage(number, dpi, x1 - x0, bottom - top, confidence, text.rotation)
    return ReadPage(blocks, scanned)


def _blocks(laid: list[Laid], number: int, text: PageText, to_points: ToPoints) -> Iterator[Block]:
    def points(box: PixelBox) -> CharBox:
        return to_points(text.to_source(box))

    lines = 0
    for item in laid:
        if isinstance(item, TableCell):
            yield _cell(item, number, points)
        elif isinstance(item, TextLine) and item.pieces:
            yield _line(item, f"pg{number}:l{lines}", number, points)
            lines += 1


def _cell(cell: TableCell, number: int, points: Callable[[PixelBox], CharBox]) -> OcrBlock:
    piece = cell.piece
    return OcrBlock(
        f"pg{number}:t{cell.table}:r{cell.row}:c{cell.column}",
        BlockKind.TABLE_CELL,
        piece.text,
        row=cell.row,
        column=cell.column,
        header=cell.header,
        page=number,
        char_boxes=tuple(points(box) for box in piece.boxes),
        char_confidences=piece.confidences,
    )


def _line(
    line: TextLine, block_id: str, number: int, points: Callable[[PixelBox], CharBox]
) -> OcrBlock:
    """The pieces joined by one blank each (the gap between them), a blank's box of no width
    where the piece before it ends, as the PDF loader gives a generated space."""
    texts: list[str] = []
    boxes: list[CharBox] = []
    scores: list[float] = []
    for index, piece in enumerate(line.pieces):
        piece_boxes = [points(box) for box in piece.boxes]
        if index:
            end = boxes[-1]
            texts.append(" ")
            boxes.append((end[2], end[1], end[2], end[3]))
            scores.append(1.0)
        texts.append(piece.text)
        boxes.extend(piece_boxes)
        scores.extend(piece.confidences)
    return OcrBlock(
        block_id,
        BlockKind.PDF_LINE,
        "".join(texts),
        page=number,
        char_boxes=tuple(boxes),
        char_confidences=tuple(scores),
    )
