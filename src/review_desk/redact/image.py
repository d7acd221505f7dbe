"""Images (JPG, PNG, TIFF with all its pages, BMP): the masked characters burned out of the
pixels, written in the source's own format.

Boxes are the loader's (OCR, in points at the frame's resolution: pixels = points × dpi / 72).
Each frame is copied pixel by pixel into a fresh image, so nothing of the source's metadata
goes along — EXIF (a phone photo's place and time, its thumbnail, which shows the unredacted
page), XMP, comments, PNG text chunks, TIFF tags — except the resolution, and for JPEG the EXIF
orientation tag, without which the copy would be shown turned. A frame withheld whole becomes
a blank one of its size and mode with the note (withheld.py); its pixels are never copied.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw

from review_desk.core.document import Document
from review_desk.loaders.image import opened_image
from review_desk.redact.pdf import Box, Marks, marks_by_page
from review_desk.redact.plan import WriteJob
from review_desk.redact.withheld import black, blank_page, check_pages

_POINTS_PER_INCH = 72
_PAD = 1
_ORIENTATION = 0x0112
#: Pillow's format names → what to save with (quality high: the copy is read again by OCR).
SAVE_OPTIONS: dict[str, dict[str, object]] = {
    "JPEG": {"quality": 92},
    "PNG": {"optimize": False},
    "TIFF": {"compression": "tiff_lzw"},
    "BMP": {},
}
#: Modes drawn in as they are; any other (palette, 16-bit) is converted to RGB first.
_DRAWN_MODES = frozenset({"1", "L", "RGB", "RGBA", "CMYK"})


def write_image(job: WriteJob, out: Path) -> None:
    marks = marks_by_page(job.document, job.plan.edits, job.source)
    with opened_image(job.data, job.source) as image:
        kind = str(image.format)
        orientation = image.getexif().get(_ORIENTATION)
        count = int(getattr(image, "n_frames", 1))
        check_pages(job.withheld_pages, count, job.source)
        frames = []
        for index in range(count):
            image.seek(index)
            dpi = _dpi(job.document, index + 1)
            if index + 1 in job.withheld_pages:
                frames.append(_withheld(image))
            else:
                frames.append(_burned(image, marks.get(index + 1, Marks()), dpi))
    options = dict(SAVE_OPTIONS[kind])
    if kind == "JPEG" and orientation:
        exif = Image.Exif()
        exif[_ORIENTATION] = orientation
        options["exif"] = exif
    buffer = io.BytesIO()
    first, rest = frames[0], frames[1:]
    dpi = first.info.get("dpi")
    if dpi:
        options["dpi"] = dpi
    if rest:
        options.update(save_all=True, append_images=rest)
    first.save(buffer, format=kind, **options)
    out.write_bytes(buffer.getvalue())


def _dpi(document: Document, number: int) -> float | None:
    page = document.scanned_pages.get(number)
    return page.dpi if page is not None else None


def _withheld(frame: Image.Image) -> Image.Image:
    blank = blank_page(frame.size, frame.mode if frame.mode in _DRAWN_MODES else "RGB")
    if "dpi" in frame.info:
        blank.info["dpi"] = frame.info["dpi"]
    return blank


def _burned(frame: Image.Image, marks: Marks, dpi: float | None) -> Image.Image:
    """A metadata-free copy of the frame with the boxes filled black."""
    source = frame if frame.mode in _DRAWN_MODES else frame.convert("RGB")
    clean = Image.frombytes(source.mode, source.size, source.tobytes())
    if dpi is not None:
        clean.info["dpi"] = (dpi, dpi)
        scale = dpi / _POINTS_PER_INCH
        draw = ImageDraw.Draw(clean)
        for box in marks.boxes:
            draw.rectangle(_pixels(box, scale), fill=black(clean.mode))
    return clean


def _pixels(box: Box, scale: float) -> tuple[int, int, int, int]:
    x0, top, x1, bottom = box
    return (
        int(x0 * scale) - _PAD,
        int(top * scale) - _PAD,
        int(x1 * scale + 0.999) + _PAD,
        int(bottom * scale + 0.999) + _PAD,
    )
