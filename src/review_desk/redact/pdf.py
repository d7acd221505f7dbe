"""PDF: every page rendered to an image, the masked characters burned out, an image-only PDF.

Editing a PDF's content streams leaves text behind (pikepdf: 1,200 of 1,220 values); a page
that is only a picture has no text, fonts, metadata, annotations, form fields or attachments
left to leak. Each page is rendered by pdfium at ``dpi`` in colour, a filled black box (padded
by one pixel) is drawn over the characters the mask changes — kept characters (35…123, 张*明)
stay readable, as in every other format — and img2pdf wraps the images at the page's own size.
A filled form field whose value was redacted is blacked out whole (its annotation rectangle).
A page withheld whole is not rendered at all: a blank page of its size takes its place.

Character boxes come from the loader (PDFium's loose glyph boxes, ``top`` = page height less
the PDF's y); they are turned back into page space and through ``FPDF_PageToDevice`` into
pixels, so crop boxes and rotated pages come out right. A scanned page's boxes come from OCR
(``ocr.reader``) in the same frame, so it is redacted like a typed one; they are drawn a little
wider than the characters, since OCR places a character to a fraction of its width.
"""

from __future__ import annotations

import ctypes
import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import img2pdf  # type: ignore[import-untyped]
import pypdfium2
import pypdfium2.raw as raw
from PIL import Image, ImageDraw

from review_desk.core.document import BlockKind, CharBox, Document, OcrBlock
from review_desk.redact.errors import InvalidRedactionError
from review_desk.redact.plan import BlockEdit, WriteJob
from review_desk.redact.withheld import blank_page, check_pages, pixel_size

_POINTS_PER_INCH = 72
_PAD = 1
#: How much wider than its characters an OCR run's box is drawn, in line heights, each side.
_OCR_SLACK = 0.2
Box = tuple[float, float, float, float]


def write_pdf(job: WriteJob, out: Path) -> None:
    marks = marks_by_page(job.document, job.plan.edits, job.source)
    pdf = pypdfium2.PdfDocument(job.data)
    try:
        check_pages(job.withheld_pages, len(pdf), job.source)
        pages = [
            _withheld_image(pdf[index], job.pdf_dpi)
            if index + 1 in job.withheld_pages
            else _page_image(pdf[index], marks.get(index + 1, Marks()), job.pdf_dpi)
            for index in range(len(pdf))
        ]
    finally:
        pdf.close()
    layout = img2pdf.get_fixed_dpi_layout_fun((job.pdf_dpi, job.pdf_dpi))
    out.write_bytes(img2pdf.convert(pages, layout_fun=layout, nodate=True))


#: Blocks drawn on a page whose characters have boxes: text lines, and an OCR'd table's cells.
_BOXED_KINDS = frozenset({BlockKind.PDF_LINE, BlockKind.TABLE_CELL})


@dataclass
class Marks:
    """What to black out on one page: runs of masked characters (in the loader's frame) and
    filled form fields whose value was redacted (by annotation index: the whole field goes)."""

    boxes: list[Box] = field(default_factory=list)
    fields: list[int] = field(default_factory=list)


def marks_by_page(
    document: Document, edits: Mapping[str, BlockEdit], source: Path
) -> dict[int, Marks]:
    """Notes, link targets, metadata and attachments are not drawn on the page: an image-only
    copy drops them, so only lines and filled fields need marks."""
    pages: dict[int, Marks] = {}
    for block_id, edit in edits.items():
        block = document.block(block_id)
        if not block_id.startswith("pg"):  # attachments (``att0:…``) have pages of their own
            continue
        marks = pages.setdefault(block.page or 0, Marks())
        if block.kind is BlockKind.FORM_FIELD:
            marks.fields.append(int(block_id.split(":")[1].removeprefix("a")))
        elif block.kind in _BOXED_KINDS:
            if block.char_boxes is None or len(block.char_boxes) != len(block.text):
                raise InvalidRedactionError(f"块 {block_id} 没有逐字位置，无法遮盖", source)
            boxes = _runs(edit, block.char_boxes)
            marks.boxes.extend(map(_widened, boxes) if isinstance(block, OcrBlock) else boxes)
    return pages


def _runs(edit: BlockEdit, char_boxes: tuple[CharBox, ...]) -> Iterator[Box]:
    """One box per stretch of consecutive changed characters, so no gap shows between them."""
    run: list[CharBox] = []
    for index, box in enumerate(char_boxes):
        if edit.changed(index):
            run.append(box)
        elif run:
            yield _union(run)
            run = []
    if run:
        yield _union(run)


def _widened(box: Box) -> Box:
    """An OCR run's box made wider: the engine places characters by where the recogniser saw
    them, which can be a fraction of a glyph off; a half-covered digit is still readable."""
    x0, top, x1, bottom = box
    slack = (bottom - top) * _OCR_SLACK
    return x0 - slack, top, x1 + slack, bottom


def _union(boxes: list[CharBox]) -> Box:
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def _page_image(page: pypdfium2.PdfPage, marks: Marks, dpi: int) -> bytes:
    image = page.render(scale=dpi / _POINTS_PER_INCH).to_pil().convert("RGB")
    draw = ImageDraw.Draw(image)
    height = page.get_height()
    # The loader measures ``top`` as the page height less the PDF's y: back to page space.
    spaces = [(x0, height - top, x1, height - bottom) for x0, top, x1, bottom in marks.boxes]
    for box in spaces + [_field_rect(page, index) for index in marks.fields]:
        draw.rectangle(_pixels(page, box, image.size), fill=(0, 0, 0))
    return _encode(image)


def _withheld_image(page: pypdfium2.PdfPage, dpi: int) -> bytes:
    return _encode(blank_page(pixel_size(page.get_width(), page.get_height(), dpi)))


def _field_rect(page: pypdfium2.PdfPage, index: int) -> Box:
    annotation = raw.FPDFPage_GetAnnot(page, index)
    rect = raw.FS_RECTF()
    try:
        raw.FPDFAnnot_GetRect(annotation, rect)
    finally:
        raw.FPDFPage_CloseAnnot(annotation)
    return rect.left, rect.bottom, rect.right, rect.top


def _pixels(page: pypdfium2.PdfPage, box: Box, size: tuple[int, int]) -> tuple[int, int, int, int]:
    """A box in page space on the rendered image, padded: PDFium applies the crop box and the
    page's rotation itself."""
    corners = [_device(page, x, y, size) for x in (box[0], box[2]) for y in (box[1], box[3])]
    xs, ys = [c[0] for c in corners], [c[1] for c in corners]
    return min(xs) - _PAD, min(ys) - _PAD, max(xs) + _PAD, max(ys) + _PAD


def _device(page: pypdfium2.PdfPage, x: float, y: float, size: tuple[int, int]) -> tuple[int, int]:
    device_x, device_y = ctypes.c_int(), ctypes.c_int()
    raw.FPDF_PageToDevice(page, 0, 0, size[0], size[1], 0, x, y, device_x, device_y)
    return device_x.value, device_y.value


def _encode(image: Image.Image) -> bytes:
    # PNG keeps text edges and the boxes exact; level 1 costs a third of the default's time.
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()
