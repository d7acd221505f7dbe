"""A withheld page (整页不公开, core/withheld.py) in the redacted copy: a blank page of the same
size with the note "（本页不予公开）" centred on it, drawn without ever reading the original's
pixels, and the self-check that the copy's page is exactly that page.

The check rebuilds the blank page at the size the copy has and compares pixel by pixel — after
a round trip through the JPEG encoder with the writer's own settings for a JPEG copy, which is
deterministic — so a single pixel of the original left on the page refuses the export. Its OCR
reading (in verify.py) may find the note and nothing else.
"""

from __future__ import annotations

import functools
import io
import math
import string
from collections.abc import Mapping
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFont

from review_desk.core.withheld import WITHHELD_NOTE
from review_desk.redact.errors import RedactionError

_POINTS_PER_INCH = 72
#: TrueType CJK fonts, best first (as the 审查单's, audit/exports/_fonts.py): path, face index.
_FONTS = (
    (Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"), 0),
    (Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"), 0),
    (Path("/usr/share/fonts/truetype/arphic/uming.ttc"), 0),
    (Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"), 0),
    (Path("C:/Windows/Fonts/simhei.ttf"), 0),
    (Path("C:/Windows/Fonts/msyh.ttc"), 0),
    (Path("C:/Windows/Fonts/simsun.ttc"), 0),
)
#: What an OCR reading of the blank page may hold besides the note's characters.
_ALLOWED = frozenset(WITHHELD_NOTE + "()（）" + string.whitespace + string.punctuation)


class WithheldFontError(RedactionError):
    key = "withheld_font_missing"
    summary = "找不到中文字体，无法生成“本页不予公开”页面（Debian/Ubuntu：apt-get install fonts-wqy-microhei）"


class WithheldPageError(RedactionError):
    key = "withheld_page_missing"
    summary = "整页不公开的页面不在文件中"


def pixel_size(width_pt: float, height_pt: float, dpi: int) -> tuple[int, int]:
    """A page's size in pixels at ``dpi``, as pdfium renders it."""
    scale = dpi / _POINTS_PER_INCH
    return math.ceil(width_pt * scale), math.ceil(height_pt * scale)


def blank_page(size: tuple[int, int], mode: str = "L") -> Image.Image:
    """White, with the note in black at the centre (its size follows the page's)."""
    image = Image.new(mode, size, white(mode))
    width, height = size
    font = _font(max(8, min(width // 14, height // 6)))
    draw = ImageDraw.Draw(image)
    draw.text((width / 2, height / 2), WITHHELD_NOTE, font=font, fill=black(mode), anchor="mm")
    return image


def expected_page(
    size: tuple[int, int], mode: str, jpeg: Mapping[str, object] | None = None
) -> Image.Image:
    """The blank page as a copy holds it: through the JPEG encoder when the copy is a JPEG."""
    image = blank_page(size, mode)
    if jpeg is None:
        return image
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", **jpeg)
    return Image.open(io.BytesIO(buffer.getvalue())).convert(mode)


def is_blank_page(actual: Image.Image, jpeg: Mapping[str, object] | None = None) -> bool:
    """Whether ``actual`` is the blank page, pixel for pixel."""
    expected = expected_page(actual.size, actual.mode, jpeg)
    return ImageChops.difference(actual, expected).getbbox() is None


def foreign_text(text: str) -> bool:
    """Whether an OCR reading of a blank page holds anything but the note."""
    return any(char not in _ALLOWED for char in text)


def check_pages(pages: frozenset[int], count: int, source: Path) -> None:
    """Every withheld page exists: one that did not would leave nothing withheld."""
    missing = sorted(page for page in pages if not 1 <= page <= count)
    if missing:
        raise WithheldPageError(f"第 {'、'.join(map(str, missing))} 页，共 {count} 页", source)


@functools.cache
def _font(pixels: int) -> ImageFont.FreeTypeFont:
    for path, index in _FONTS:
        if path.is_file():
            try:
                return ImageFont.truetype(str(path), pixels, index=index)
            except OSError:  # a damaged file: try the next one
                continue
    raise WithheldFontError("、".join(str(path) for path, _ in _FONTS))


def white(mode: str) -> int | tuple[int, ...]:
    if mode in ("1", "L"):
        return 255
    if mode == "CMYK":
        return (0, 0, 0, 0)
    return (255, 255, 255, 255) if mode == "RGBA" else (255, 255, 255)


def black(mode: str) -> int | tuple[int, ...]:
    if mode in ("1", "L"):
        return 0
    if mode == "CMYK":
        return (0, 0, 0, 255)
    return (0, 0, 0, 255) if mode == "RGBA" else (0, 0, 0)
