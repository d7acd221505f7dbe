"""Pages read by OCR, for the PDF and image loaders: each page image through the engine, and
what the reviewer must know about it as notices — which pages were read by OCR and how sure the
engine was (``ocr_read``), a page it was unsure of (``ocr_low_confidence``), and a page that
could not be read at all (``needs_ocr``: no text layer and OCR turned off, failed or found
nothing). A page is never passed over as if it were empty: ``needs_ocr`` puts a conflict on
the proposal and holds the approval until a reviewer has confirmed the page by hand.

The facts of each page read (its resolution, size, confidence) go to the Document through
``recording`` (opened by ``load``); a document embedded in another records none, since its pages
are not the container's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from PIL import Image

from review_desk.core.document import Block, Notice, ScannedPage
from review_desk.core.errors import LoadError
from review_desk.loaders import budget
from review_desk.ocr.boxes import ToPoints
from review_desk.ocr.settings import ocr_settings

#: A page's image at its resolution, and how its pixels become page points.
Render = Callable[[], tuple[Image.Image, float, ToPoints]]
#: Told (page number, pages in the file) as OCR starts on a page: seconds each, so the window
#: shows which page it is at.
PageReport = Callable[[int, int], None]

_recorded: ContextVar[dict[int, ScannedPage] | None] = ContextVar(
    "review_desk_scanned_pages", default=None
)
_only: ContextVar[frozenset[int] | None] = ContextVar("review_desk_ocr_only", default=None)
_report: ContextVar[PageReport | None] = ContextVar("review_desk_ocr_report", default=None)


@contextmanager
def reporting(report: PageReport) -> Iterator[None]:
    """Tell ``report`` of each page of a top-level file as OCR starts on it."""
    token = _report.set(report)
    try:
        yield
    finally:
        _report.reset(token)


@contextmanager
def recording() -> Iterator[dict[int, ScannedPage]]:
    """Collect the pages read by OCR while a top-level file is read."""
    pages: dict[int, ScannedPage] = {}
    token = _recorded.set(pages)
    try:
        yield pages
    finally:
        _recorded.reset(token)


@contextmanager
def only_pages(pages: frozenset[int]) -> Iterator[None]:
    """Read by OCR only these pages (the export's self-check: pages that had a text layer in
    the source need no OCR of their rendered copy, the text check covers them)."""
    token = _only.set(pages)
    try:
        yield
    finally:
        _only.reset(token)


class OcrPages:
    """The OCR of one file's pages: ``read`` each page without text, then ``notices``."""

    def __init__(self, path: Path, pages: int) -> None:
        self.path = path
        self.pages = pages
        self.read_pages: list[ScannedPage] = []
        self.unread: dict[int, str] = {}

    def read(self, number: int, render: Render) -> list[Block]:
        wanted = _only.get()
        if wanted is not None and number not in wanted:
            return []
        if not ocr_settings().enabled:
            self.unread[number] = "OCR 识别已关闭"
            return []
        report = _report.get()
        if report is not None and budget.current().depth == 0:
            report(number, self.pages)
        try:
            image, dpi, to_points = render()
            from review_desk.ocr.reader import read_page

            read = read_page(image, number, dpi, to_points)
        except LoadError:
            raise
        except Exception as error:  # an engine failure leaves this page unread, not the file
            self.unread[number] = f"OCR 识别失败（{type(error).__name__}）"
            return []
        if not read.blocks:
            self.unread[number] = "OCR 未识别出文字"
            return []
        self.read_pages.append(read.page)
        pages = _recorded.get()
        if pages is not None and budget.current().depth == 0:
            pages[number] = read.page
        return read.blocks

    def notices(self) -> list[Notice]:
        notices = [_unread(number, why) for number, why in sorted(self.unread.items())]
        if self.read_pages:
            notices.append(_read_notice(self.read_pages))
        low = ocr_settings().confidence.low_page
        notices.extend(_low(page) for page in self.read_pages if page.confidence < low)
        return notices


def _unread(number: int, why: str) -> Notice:
    return Notice(
        "needs_ocr",
        f"第 {number} 页没有文字层（疑似扫描件），{why}，须人工审查该页",
        f"pg{number}",
    )


def _read_notice(pages: list[ScannedPage]) -> Notice:
    numbers = "、".join(str(page.number) for page in pages)
    scores = "、".join(f"{page.confidence:.0%}" for page in pages)
    return Notice(
        "ocr_read",
        f"第 {numbers} 页为扫描图像，文字经 OCR 识别（平均置信度 {scores}），请对照页面图像核对",
        f"pg{pages[0].number}" if len(pages) == 1 else None,
    )


def _low(page: ScannedPage) -> Notice:
    return Notice(
        "ocr_low_confidence",
        f"第 {page.number} 页 OCR 识别置信度低（{page.confidence:.0%}），文字可能有误，须人工核对",
        f"pg{page.number}",
    )
