"""A scanned page above its recognised text: the page image with a box on each finding, filled
with its decision's colour and outlined in its type's (as the text highlights are), the current
finding outlined in blue. A page OCR could not read is shown as it is, with the buttons that
record that the reviewer has read it by hand (the approval waits for it) or withholds it whole;
a withheld page is shown greyed, with the note that takes its place in the redacted copy.

The image is rendered off the UI thread (``page_image``); the boxes come from ``page_boxes``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from review_desk.core.review import RecordedFinding, Review
from review_desk.core.withheld import WITHHELD_NOTE
from review_desk.gui.background import run_in_background
from review_desk.gui.findings_model import decision_of
from review_desk.gui.labels import DECISION_COLOURS, UNDECIDED_COLOUR
from review_desk.gui.loaded import LoadedDocument
from review_desk.gui.page import underline
from review_desk.gui.page_boxes import BoxedFinding, Rect, finding_boxes
from review_desk.gui.page_image import PageImage, page_image
from review_desk.loaders.sniff import EXPECTED_KIND, IMAGE_KINDS

_CURRENT = "#1565c0"
# How much of a decision's colour shows over the page (the value must stay readable).
_FILL_ALPHA = 110
#: A withheld page under a grey veil: still legible enough for the reviewer to check it.
_WITHHELD_VEIL = QColor(96, 96, 96, 170)


def is_image_file(name: str) -> bool:
    """A photo or scan read by OCR as a whole (JPG, PNG, TIFF, BMP)."""
    return EXPECTED_KIND.get(Path(name).suffix.lower()) in IMAGE_KINDS


def scanned_page_numbers(loaded: LoadedDocument | None, review: Review | None) -> list[int]:
    """The pages to show as images: those read by OCR and those that could not be read."""
    read = set(loaded.document.scanned_pages) if loaded is not None else set()
    return sorted(read | set(_unread_pages(review)))


def _unread_pages(review: Review | None) -> tuple[int, ...]:
    return review.proposal.unread_pages if review is not None and review.proposal else ()


class _Canvas(QWidget):
    """The page image fitted to its width, with the boxes drawn over it."""

    def __init__(self) -> None:
        super().__init__()
        self.image: QImage | None = None
        self.boxes: list[tuple[Rect, QColor, QColor]] = []
        self.current: Rect | None = None
        self.withheld = False

    def fit(self, width: int) -> None:
        image = self.image
        height = round(width * image.height() / image.width()) if image is not None else 0
        self.setFixedSize(width, height)

    @property
    def scale(self) -> float:
        return self.width() / self.image.width() if self.image is not None else 1.0

    def shown(self, rect: Rect) -> QRectF:
        s = self.scale
        return QRectF(rect[0] * s, rect[1] * s, (rect[2] - rect[0]) * s, (rect[3] - rect[1]) * s)

    def paintEvent(self, event: QPaintEvent) -> None:  # Qt's name
        if self.image is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(QRectF(self.rect()), self.image)
        for rect, fill, outline in self.boxes:
            painter.setPen(QPen(outline, 1.5))
            painter.setBrush(fill)
            painter.drawRect(self.shown(rect).adjusted(-1, -1, 1, 1))
        if self.current is not None:
            painter.setPen(QPen(QColor(_CURRENT), 3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(self.shown(self.current).adjusted(-3, -3, 3, 3))
        if self.withheld:
            self._veil(painter)
        painter.end()

    def _veil(self, painter: QPainter) -> None:
        painter.fillRect(self.rect(), _WITHHELD_VEIL)
        font = painter.font()
        font.setPixelSize(max(12, self.width() // 16))
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("#ffffff"))
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, WITHHELD_NOTE)


class ScanPageView(QWidget):
    """``confirm_requested`` asks the pane to record that the page shown was read by hand,
    ``withhold_requested`` that it is withheld whole."""

    confirm_requested = Signal()
    withhold_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loaded: LoadedDocument | None = None
        self._review: Review | None = None
        self._pages: list[int] = []
        self._image: PageImage | None = None
        self._current: int | None = None
        self.page = 0
        self.boxes: list[BoxedFinding] = []
        self.preceding = QPushButton(self.tr("◀ 上一页"))
        self.following = QPushButton(self.tr("下一页 ▶"))
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.confirm = QPushButton(self.tr("确认此页已人工审查（C）"))
        self.confirm.setStyleSheet("font-weight:bold")
        self.withhold = QPushButton(self.tr("整页不公开（W）"))
        self.withhold.clicked.connect(self.withhold_requested)
        self.preceding.clicked.connect(lambda: self.step_page(-1))
        self.following.clicked.connect(lambda: self.step_page(1))
        self.confirm.clicked.connect(self.confirm_requested)
        bar = QHBoxLayout()
        bar.addWidget(self.preceding)
        bar.addWidget(self.heading, 1)
        bar.addWidget(self.confirm)
        bar.addWidget(self.withhold)
        bar.addWidget(self.following)
        self.canvas = _Canvas()
        self.area = QScrollArea()
        # The page is fitted to the width: a scroll bar coming and going would change it.
        self.area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.area.setWidget(self.canvas)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.area, 1)

    @property
    def pages(self) -> list[int]:
        return list(self._pages)

    # --- what is shown --------------------------------------------------------------------

    def show_document(self, loaded: LoadedDocument | None, review: Review | None) -> None:
        self._loaded, self._review = loaded, review
        self._pages = scanned_page_numbers(loaded, review)
        self._current = None
        self.show_page(self._pages[0] if self._pages else 0)

    def refresh(self, review: Review) -> None:
        """Decisions, added findings or a confirmation changed the review: redraw."""
        self._review = review
        if self._pages:
            self._show_heading()
            self._draw()

    def show_finding(self, finding: RecordedFinding | None) -> None:
        """Turn to the finding's page (if it is a scanned one) and outline it."""
        self._current = finding.index if finding is not None else None
        page = self._page_of(finding)
        if page is not None and page != self.page:
            self.show_page(page)
        else:
            self._draw()

    def show_page(self, number: int) -> None:
        self.page, self._image, self.boxes = number, None, []
        self.canvas.image = None
        self.canvas.fit(0)
        self._show_heading()
        loaded = self._loaded
        if loaded is None or not number:
            return
        run_in_background(
            lambda: page_image(loaded.document, Path(loaded.path), number),
            lambda image: self._rendered(loaded, image),
            self._failed,
        )

    def step_page(self, step: int) -> None:
        if self.page in self._pages:
            at = self._pages.index(self.page) + step
            if 0 <= at < len(self._pages):
                self.show_page(self._pages[at])

    def page_to_confirm(self) -> int | None:
        """The page shown, if it is an unread page nobody has confirmed yet."""
        review = self._review
        return self.page if review is not None and self.page in review.unconfirmed_pages else None

    def page_to_withhold(self) -> int | None:
        """The page shown, if it is an unread page not withheld yet (confirmed or not)."""
        review = self._review
        unread = self.page in _unread_pages(review)
        withheld = review is not None and self.page in review.withheld_pages
        return self.page if unread and not withheld else None

    # --- drawing --------------------------------------------------------------------------

    def _rendered(self, loaded: LoadedDocument, image: PageImage) -> None:
        if loaded is not self._loaded or image.number != self.page:
            return  # the reviewer has moved on meanwhile
        self._image = image
        rgb = image.image
        self.canvas.image = QImage(
            rgb.tobytes(), rgb.width, rgb.height, 3 * rgb.width, QImage.Format.Format_RGB888
        ).copy()  # the copy owns its pixels: the bytes object goes away
        self._draw()

    def _failed(self, message: str) -> None:
        self.heading.setText(self.tr("页面图像无法显示：%1").replace("%1", message))

    def _draw(self) -> None:
        image, review, loaded = self._image, self._review, self._loaded
        if image is None or review is None or loaded is None:
            return
        self.boxes = finding_boxes(loaded.document, review.findings, self.page, image.to_pixels)
        self.canvas.boxes = [self._styled(review, box) for box in self.boxes]
        current = next((b.rect for b in self.boxes if b.index == self._current), None)
        self.canvas.current = current
        self.canvas.fit(self.area.viewport().width())
        self.canvas.update()
        if current is not None:
            shown = self.canvas.shown(current)
            self.area.ensureVisible(int(shown.center().x()), int(shown.center().y()), 40, 80)
        self._show_heading()

    def _styled(self, review: Review, box: BoxedFinding) -> tuple[Rect, QColor, QColor]:
        finding = review.findings[box.index]
        decision = decision_of(review, finding)
        fill = QColor(UNDECIDED_COLOUR if decision is None else DECISION_COLOURS[decision])
        fill.setAlpha(_FILL_ALPHA)
        return box.rect, fill, QColor(underline(finding.type))

    def _show_heading(self) -> None:
        number = self.page
        at = self._pages.index(number) + 1 if number in self._pages else 0
        self.preceding.setEnabled(at > 1)
        self.following.setEnabled(0 < at < len(self._pages))
        self.confirm.setVisible(self.page_to_confirm() is not None)
        self.withhold.setVisible(self.page_to_withhold() is not None)
        withheld = self._review is not None and number in self._review.withheld_pages
        if withheld != self.canvas.withheld:
            self.canvas.withheld = withheld
            self.canvas.update()
        if number in _unread_pages(self._review):
            self.heading.setText(self._unread_heading(number))
            return
        scanned = self._loaded.document.scanned_pages.get(number) if self._loaded else None
        text = self.tr("第 %1 页（扫描页 %2/%3），OCR 平均置信度 %4，%5 处发现")
        confidence = f"{scanned.confidence:.0%}" if scanned is not None else "—"
        self.heading.setStyleSheet("")
        self.heading.setText(
            text.replace("%1", str(number))
            .replace("%2", str(at))
            .replace("%3", str(len(self._pages)))
            .replace("%4", confidence)
            .replace("%5", str(len(self.boxes)))
        )

    def _unread_heading(self, number: int) -> str:
        if self.canvas.withheld:
            self.heading.setStyleSheet("color:#424242;font-weight:bold")
            return self.tr(
                "第 %1 页整页不公开：删减后副本中以空白页替换，页上只有“（本页不予公开）”。"
            ).replace("%1", str(number))
        if self.page_to_confirm() is None:
            self.heading.setStyleSheet("color:#1b5e20")
            return self.tr("第 %1 页未能识别文字，已人工确认。").replace("%1", str(number))
        self.heading.setStyleSheet("color:#b00020;font-weight:bold")
        return self.tr(
            "第 %1 页未能识别文字，须人工审查：请对照页面图像阅读全页，再确认。"
        ).replace("%1", str(number))

    def _page_of(self, finding: RecordedFinding | None) -> int | None:
        loaded = self._loaded
        if finding is None or loaded is None:
            return None
        index = loaded.block_order.get(finding.block)
        page = loaded.document.blocks[index].page if index is not None else None
        return page if page in self._pages else None

    def resizeEvent(self, event: QResizeEvent) -> None:  # Qt's name
        super().resizeEvent(event)
        if self.canvas.image is not None:
            self.canvas.fit(self.area.viewport().width())
