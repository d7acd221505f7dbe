"""JPG, PNG, TIFF (every page of a multi-page one) and BMP: photos and scans of a 公示栏, read by
OCR page by page (``ocr_pages``), with the same limits as every other file: the pixels of one
frame and the frames of one file are capped in rules/limits.yaml, and the decoded pixels are
counted against the file's budget before they are decoded.

Page N is the N-th frame. Character boxes are in points from the image's top left at the
image's own resolution (or ``image_dpi`` of rules/ocr.yaml when it states none), as for a PDF
page: pixels = points × dpi / 72. The pixels are read as stored: an EXIF orientation tag is not
applied (the engine finds the orientation itself), so the boxes fit the stored pixels that the
redacted copy is drawn on.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from review_desk.core.document import Block, CharBox, Notice
from review_desk.core.errors import CorruptFileError, FileTooLargeError
from review_desk.loaders import budget
from review_desk.loaders.limits import limits
from review_desk.loaders.ocr_pages import OcrPages
from review_desk.ocr.boxes import PixelBox, ToPoints
from review_desk.ocr.settings import ocr_settings

_POINTS_PER_INCH = 72
#: Bytes per decoded pixel once converted for the engine (RGB), for the budget.
_DECODED_BYTES = 3
#: A stated resolution below this is a placeholder (many cameras write 72 or 1).
_MIN_PLAUSIBLE_DPI = 100


def load_image(data: bytes, path: Path) -> tuple[list[Block], list[Notice]]:
    blocks: list[Block] = []
    with opened_image(data, path) as image:
        frames = frame_count(image, path)
        ocr = OcrPages(path, frames)
        for index in range(frames):
            image.seek(index)
            check_pixels(image, path)
            budget.current().spend(image.width * image.height * _DECODED_BYTES, "图像", path)
            blocks.extend(ocr.read(index + 1, lambda: _rendered(image, path)))
    return blocks, ocr.notices()


@contextmanager
def opened_image(data: bytes, path: Path) -> Iterator[Image.Image]:
    """The image, opened lazily (its header only); a broken or bomb-like file is refused."""
    try:
        image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError as error:
        raise FileTooLargeError(f"图像像素过多：{error}", path) from error
    except (UnidentifiedImageError, OSError, ValueError) as error:
        raise CorruptFileError(f"图像无法解析：{error}", path) from error
    try:
        yield image
    finally:
        image.close()


def frame_count(image: Image.Image, path: Path) -> int:
    frames = int(getattr(image, "n_frames", 1))
    cap = limits().reading.max_image_frames
    if frames > cap:
        raise FileTooLargeError(f"图像共 {frames} 页，超过上限 {cap} 页", path)
    return frames


def check_pixels(image: Image.Image, path: Path) -> None:
    cap = limits().reading.max_image_pixels
    if image.width * image.height > cap:
        raise FileTooLargeError(
            f"图像 {image.width}×{image.height} 像素，超过上限 {cap} 像素", path
        )


def image_dpi(image: Image.Image) -> float:
    """The resolution a frame states (whole dots per inch: PNG and BMP store dots per metre),
    or the configured one when it states none plausible."""
    stated = image.info.get("dpi")
    if isinstance(stated, tuple) and stated and float(stated[0]) >= _MIN_PLAUSIBLE_DPI:
        return float(round(float(stated[0])))
    return float(ocr_settings().image_dpi)


def _rendered(image: Image.Image, path: Path) -> tuple[Image.Image, float, ToPoints]:
    dpi = image_dpi(image)
    try:
        frame = image.convert("RGB")
    except (OSError, ValueError) as error:
        raise CorruptFileError(f"图像数据损坏：{error}", path) from error
    scale = _POINTS_PER_INCH / dpi

    def to_points(box: PixelBox) -> CharBox:
        return box[0] * scale, box[1] * scale, box[2] * scale, box[3] * scale

    return frame, dpi, to_points
