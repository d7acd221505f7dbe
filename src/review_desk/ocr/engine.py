"""The OCR engine: RapidOCR (PP-OCRv4 detector and recogniser, a 0°/180° line classifier; ONNX
models inside the ``rapidocr-onnxruntime`` wheel, so nothing is downloaded), one per process,
built the first time a page needs it.

A page is read in its own orientation: the longest lines decide whether it lies on its side
(their boxes are tall) and whether it is upside down (the line classifier's vote), the image
is turned upright and read again if needed. The engine's own per-line 180° correction stays
off: it turns a crop without turning the character boxes computed from it, so a burned-in box
would land on the wrong characters. Boxes come back in the upright image's pixels;
:meth:`PageText.to_source` maps them onto the image as it was given.

Environment (measured 2026-12 with rapidocr-onnxruntime 1.4.4, opencv-python 5.0, PySide6 6.11):

- rapidocr requires ``opencv-python``, whose Linux wheel bundles Qt 5 (``libQt5*.so`` under
  hashed sonames, a ``cv2/qt/plugins`` xcb plugin). Its ``import cv2`` sets
  ``QT_QPA_PLATFORM_PLUGIN_PATH`` to those Qt 5 plugins and ``QT_QPA_FONTDIR`` to a folder the
  wheel does not ship, in ``os.environ`` — for this process and every child it starts. PySide6
  still started offscreen and under Xvfb after it (Qt 6 rejects the Qt 5 plugin and falls back to
  its own), and the Qt 5 libraries cannot clash with Qt 6's (other sonames, ``Qt_5`` symbol
  versions), but a platform that honoured the path would find no plugin and no fonts: so cv2 is
  imported here only, and those variables are put back as they were right after.
- ``opencv-python-headless`` cannot stand in: pip installs rapidocr's ``opencv-python`` anyway,
  both wheels write the same ``cv2/`` folder (the last one installed wins, file by file) and
  uninstalling either breaks the other. So the project depends on what rapidocr asks for and
  neutralises its side effect.
- onnxruntime's default uses a thread per core in each of the three sessions, which on a busy
  2-core machine made a page take ~12 s; ``engine.threads`` in rules/ocr.yaml sets them.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from PIL import Image

from review_desk.ocr.boxes import Corners, PixelBox
from review_desk.ocr.settings import EngineSettings, ocr_settings

_QT_VARIABLES = ("QT_QPA_PLATFORM_PLUGIN_PATH", "QT_QPA_FONTDIR", "QT_PLUGIN_PATH")
#: A line whose box is this many times longer one way than the other shows its direction.
_ELONGATED = 3.0


@dataclass(frozen=True)
class OcrLine:
    """One detected line: its text, a box and a confidence per character (pixels of the
    upright image), and the line's own four corners as detected (skew shows in them)."""

    text: str
    boxes: tuple[PixelBox, ...]
    confidences: tuple[float, ...]
    corners: Corners

    @property
    def height(self) -> float:
        (x0, y0), _, _, (x3, y3) = self.corners
        return float(np.hypot(x3 - x0, y3 - y0))


@dataclass(frozen=True)
class PageText:
    """What OCR read on one image. ``rotation``: degrees clockwise the image was turned to
    stand upright; ``size``: the given image's width and height in pixels."""

    lines: tuple[OcrLine, ...]
    rotation: int
    size: tuple[int, int]

    @property
    def confidence(self) -> float:
        scores = [score for line in self.lines for score in line.confidences]
        return sum(scores) / len(scores) if scores else 0.0

    def to_source(self, box: PixelBox) -> PixelBox:
        """A box of the upright image on the image as it was given."""
        width, height = self.size
        x0, y0, x1, y1 = box
        if self.rotation == 90:
            corners = [(v, height - u) for u in (x0, x1) for v in (y0, y1)]
        elif self.rotation == 180:
            corners = [(width - u, height - v) for u in (x0, x1) for v in (y0, y1)]
        elif self.rotation == 270:
            corners = [(width - v, u) for u in (x0, x1) for v in (y0, y1)]
        else:
            return box
        xs, ys = [c[0] for c in corners], [c[1] for c in corners]
        return min(xs), min(ys), max(xs), max(ys)


class OcrEngine:
    """RapidOCR with the project's settings; one page at a time (its sessions are shared)."""

    def __init__(self, settings: EngineSettings, sample_lines: int) -> None:
        with _qt_environment_kept():
            from rapidocr_onnxruntime import RapidOCR

        self._settings = settings
        self._sample = sample_lines
        self._ocr = RapidOCR(
            intra_op_num_threads=settings.threads,
            inter_op_num_threads=1,
            det_limit_type="max",
            det_limit_side_len=settings.det_side,
            # Crops for the recogniser come from the full image: only the detector is scaled.
            max_side_len=1 << 14,
        )
        self._lock = threading.Lock()

    def read(self, image: Image.Image) -> PageText:
        pixels = np.asarray(image.convert("RGB"))
        with self._lock:
            lines = self._lines(pixels)
            rotation = self._rotation(pixels, lines)
            if rotation:
                lines = self._lines(np.ascontiguousarray(np.rot90(pixels, k=-rotation // 90)))
        return PageText(tuple(lines), rotation, image.size)

    def _lines(self, pixels: np.ndarray[Any, Any]) -> list[OcrLine]:
        settings = self._settings
        result, _ = self._ocr(
            pixels,
            use_cls=False,
            return_word_box=True,
            box_thresh=settings.det_box_threshold,
            unclip_ratio=settings.det_unclip_ratio,
            text_score=settings.min_line_score,
        )
        return [line for item in result or () if (line := _line(item)) is not None]

    def _rotation(self, pixels: np.ndarray[Any, Any], lines: Sequence[OcrLine]) -> int:
        """0, 90, 180 or 270: how far to turn the image clockwise so its text stands upright."""
        sample = sorted((line for line in lines if _direction(line.corners)), key=_length)
        sample = sample[-self._sample :]
        if not sample:
            return 0
        tall = sum(_direction(line.corners) == "tall" for line in sample) * 2 > len(sample)
        # The engine turns a tall crop a quarter counter-clockwise before classifying it.
        crops = self._ocr.get_crop_img_list(
            pixels, [np.array(line.corners, dtype=np.float32) for line in sample]
        )
        _, labels, _ = self._ocr.text_cls(crops)
        flipped = sum(label == "180" for label, _score in labels) * 2 > len(labels)
        if tall:
            return 90 if flipped else 270
        return 180 if flipped else 0


def _line(item: Sequence[Any]) -> OcrLine | None:
    corners_list, text, _score, word_boxes, chars, confidences = item[:6]
    corners: Corners = tuple((float(x), float(y)) for x, y in corners_list)  # type: ignore[assignment]
    text = "".join(chars) if chars else str(text)
    if not text.strip():
        return None
    if len(word_boxes) != len(text) or len(confidences) != len(text):
        # The engine could not place each character: share the line's box out evenly.
        return _even_line(text, corners, float(_score))
    boxes = tuple(_bounds(points) for points in word_boxes)
    return OcrLine(text, boxes, tuple(float(c) for c in confidences), corners)


def _even_line(text: str, corners: Corners, score: float) -> OcrLine:
    x0, y0, x1, y1 = _bounds(corners)
    step = (x1 - x0) / len(text)
    boxes = tuple((x0 + i * step, y0, x0 + (i + 1) * step, y1) for i in range(len(text)))
    return OcrLine(text, boxes, (score,) * len(text), corners)


def _bounds(points: Sequence[Sequence[float]]) -> PixelBox:
    xs = [float(p[0]) for p in points]
    ys = [float(p[1]) for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def _direction(corners: Corners) -> str | None:
    (x0, y0), (x1, y1), _, (x3, y3) = corners
    along = float(np.hypot(x1 - x0, y1 - y0))
    across = float(np.hypot(x3 - x0, y3 - y0))
    if along >= _ELONGATED * across:
        return "wide"
    if across >= _ELONGATED * along:
        return "tall"
    return None


def _length(line: OcrLine) -> float:
    x0, y0, x1, y1 = _bounds(line.corners)
    return max(x1 - x0, y1 - y0)


@contextmanager
def _qt_environment_kept() -> Iterator[None]:
    """Undo what ``import cv2`` does to the Qt variables of the environment (see above)."""
    saved = {name: os.environ.get(name) for name in _QT_VARIABLES}
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


_building = threading.Lock()


@lru_cache(maxsize=1)
def _cached_engine() -> OcrEngine:
    settings = ocr_settings()
    return OcrEngine(settings.engine, settings.orientation.sample_lines)


def engine() -> OcrEngine:
    """The process's engine, built on first use (models load in ~0.3 s)."""
    with _building:  # two GUI workers asking at once must not build two
        return _cached_engine()
