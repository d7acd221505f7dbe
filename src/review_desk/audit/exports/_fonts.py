"""The CJK font of the 审查单: a TrueType font embedded (subset) in the PDF.

ReportLab's built-in CID fonts (STSong-Light) are not embedded: a viewer without the Adobe Asian
font pack substitutes or shows boxes, and an archived sheet must look the same in ten years. So
the sheet embeds a system TrueType font; CFF-flavoured OpenType (Noto CJK) cannot be embedded by
ReportLab and is not listed.
"""

from __future__ import annotations

import functools
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from review_desk.audit.exports._files import ExportError

FONT_NAME = "ReviewDeskCJK"

#: Known TrueType CJK fonts, best first: (path, index of the face inside a .ttc collection).
CJK_FONT_CANDIDATES: tuple[tuple[Path, int], ...] = (
    (Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"), 0),  # fonts-wqy-microhei
    (Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"), 0),  # fonts-wqy-zenhei
    (Path("/usr/share/fonts/truetype/arphic/uming.ttc"), 0),  # fonts-arphic-uming
    (Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"), 0),  # fonts-droid-fallback
    (Path("C:/Windows/Fonts/simhei.ttf"), 0),
    (Path("C:/Windows/Fonts/msyh.ttc"), 0),
    (Path("C:/Windows/Fonts/simsun.ttc"), 0),
)


class FontMissingError(ExportError):
    key = "font_missing"
    summary = "找不到可嵌入的中文字体，无法生成审查单（Debian/Ubuntu：apt-get install fonts-wqy-microhei）"


@functools.cache
def cjk_font() -> str:
    """Register the first usable candidate with ReportLab once and return its font name."""
    for path, index in CJK_FONT_CANDIDATES:
        if _register(path, index):
            return FONT_NAME
    tried = "、".join(str(path) for path, _ in CJK_FONT_CANDIDATES)
    raise FontMissingError(f"已查找：{tried}")


def _register(path: Path, index: int) -> bool:
    if not path.is_file():
        return False
    try:
        pdfmetrics.registerFont(TTFont(FONT_NAME, str(path), subfontIndex=index))
    except TTFError:
        # A damaged file or PostScript outlines: try the next candidate.
        return False
    return True
