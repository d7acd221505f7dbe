"""A scanned page as the reviewer sees it: the PDF page rendered by pdfium, or the image file's
frame, at a modest resolution, with the map from page points onto its pixels (``page_boxes``).
Qt-free: it runs off the UI thread, and the view turns the image into a pixmap.

The pixels are the file's own, unredacted: the image is shown in the window only, never
written anywhere.
"""

from __future__ import annotations

import ctypes
import threading
from dataclasses import dataclass
from pathlib import Path

import pypdfium2
import pypdfium2.raw as raw
from PIL import Image

from review_desk.core.document import Document
from review_desk.gui.page_boxes import PointsToPixels
from review_desk.loaders.image import image_dpi

#: Enough to read 9-point print with the page fitted to the pane's width.
SHOWN_DPI = 110
_POINTS_PER_INCH = 72
#: pdfium is not thread-safe: two pages asked for quickly must not render at once.
_PDFIUM = threading.Lock()


@dataclass(frozen=True)
class PageImage:
    number: int
    image: Image.Image
    to_pixels: PointsToPixels


def page_image(document: Document, path: Path, number: int) -> PageImage:
    """Page ``number`` (from 1) of the file the document was read from."""
    if document.format == "pdf":
        return _pdf_page(path, number)
    return _image_frame(document, path, number)


def _pdf_page(path: Path, number: int) -> PageImage:
    with _PDFIUM:
        pdf = pypdfium2.PdfDocument(path)
        try:
            page = pdf[number - 1]
            image = page.render(scale=SHOWN_DPI / _POINTS_PER_INCH).to_pil().convert("RGB")
            return PageImage(number, image, _device_map(page, image.size))
        finally:
            pdf.close()


def _device_map(page: pypdfium2.PdfPage, size: tuple[int, int]) -> PointsToPixels:
    """The loaders measure ``top`` as the page height pdfium reports (a turned page's turned
    height) less the PDF's y, as redact/pdf.py does; pdfium applies the crop box and the page's
    rotation when rendering, so the map is fixed from three points of the page."""
    width, height = page.get_width(), page.get_height()
    origin = _device(page, 0, height, size)
    across = _device(page, width, height, size)
    down = _device(page, 0, 0, size)
    return PointsToPixels(
        (across[0] - origin[0]) / width,
        (down[0] - origin[0]) / height,
        origin[0],
        (across[1] - origin[1]) / width,
        (down[1] - origin[1]) / height,
        origin[1],
    )


def _device(
    page: pypdfium2.PdfPage, x: float, y: float, size: tuple[int, int]
) -> tuple[float, float]:
    device_x, device_y = ctypes.c_int(), ctypes.c_int()
    raw.FPDF_PageToDevice(page, 0, 0, size[0], size[1], 0, x, y, device_x, device_y)
    return float(device_x.value), float(device_y.value)


def _image_frame(document: Document, path: Path, number: int) -> PageImage:
    """The frame as stored (the loader reads the pixels without the EXIF turn, and the boxes
    fit them), scaled down to about ``SHOWN_DPI``."""
    with Image.open(path) as image:
        image.seek(number - 1)
        scanned = document.scanned_pages.get(number)
        dpi = scanned.dpi if scanned is not None else image_dpi(image)
        frame = image.convert("RGB")
    factor = min(1.0, SHOWN_DPI / dpi)
    if factor < 1.0:
        size = (max(1, round(frame.width * factor)), max(1, round(frame.height * factor)))
        frame = frame.resize(size, Image.Resampling.LANCZOS)
    return PageImage(number, frame, PointsToPixels.scaled(dpi / _POINTS_PER_INCH * factor))
