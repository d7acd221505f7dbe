"""Box types shared by the engine, the layout and the loaders (no heavy imports: the PDF loader
names them without loading the engine)."""

from __future__ import annotations

from collections.abc import Callable

from review_desk.core.document import CharBox

#: (x0, y0, x1, y1) in an image's pixels.
PixelBox = tuple[float, float, float, float]
Point = tuple[float, float]
Corners = tuple[Point, Point, Point, Point]
#: A box in the given image's pixels → (x0, top, x1, bottom) in page points.
ToPoints = Callable[[PixelBox], CharBox]
