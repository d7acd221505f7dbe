"""Where a finding sits on a page image: the character boxes of its span (page points, ``top``
measured from the page's top edge, as the loaders give them) carried onto the image's pixels by
the image's own map. Qt-free, so the geometry is tested without a window.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from review_desk.core.document import Block, CharBox, Document
from review_desk.core.review import RecordedFinding

#: (x0, y0, x1, y1) in an image's pixels.
Rect = tuple[float, float, float, float]


@dataclass(frozen=True)
class PointsToPixels:
    """An affine map from page points (x, top) to pixels: ``px = a·x + b·top + c`` and
    ``py = d·x + e·top + f`` (a rendered PDF page may be turned or cropped)."""

    a: float
    b: float
    c: float
    d: float
    e: float
    f: float

    @classmethod
    def scaled(cls, factor: float) -> PointsToPixels:
        """An image whose pixels are the page's points times ``factor`` (dpi / 72)."""
        return cls(factor, 0.0, 0.0, 0.0, factor, 0.0)

    def point(self, x: float, top: float) -> tuple[float, float]:
        return self.a * x + self.b * top + self.c, self.d * x + self.e * top + self.f

    def rect(self, box: CharBox) -> Rect:
        """The pixel rectangle around the box's four corners."""
        corners = [self.point(x, top) for x in (box[0], box[2]) for top in (box[1], box[3])]
        xs, ys = [c[0] for c in corners], [c[1] for c in corners]
        return min(xs), min(ys), max(xs), max(ys)


@dataclass(frozen=True)
class BoxedFinding:
    """A finding of the review (by index) and its rectangle on the page image."""

    index: int
    rect: Rect


def span_box(block: Block, start: int, end: int) -> CharBox | None:
    """The box around the characters ``[start, end)`` of a block; None when the block has no
    box per character (a typed paragraph) or the span is empty."""
    boxes = block.char_boxes
    if boxes is None or len(boxes) != len(block.text) or not 0 <= start < end <= len(boxes):
        return None
    span = boxes[start:end]
    return (
        min(b[0] for b in span),
        min(b[1] for b in span),
        max(b[2] for b in span),
        max(b[3] for b in span),
    )


def finding_boxes(
    document: Document,
    findings: Iterable[RecordedFinding],
    page: int,
    to_pixels: PointsToPixels,
) -> list[BoxedFinding]:
    """The findings on ``page`` that have character boxes, as rectangles on its image."""
    on_page = {block.id: block for block in document.blocks if block.page == page}
    boxed = []
    for finding in findings:
        block = on_page.get(finding.block)
        box = span_box(block, finding.start, finding.end) if block is not None else None
        if box is not None:
            boxed.append(BoxedFinding(finding.index, to_pixels.rect(box)))
    return boxed
