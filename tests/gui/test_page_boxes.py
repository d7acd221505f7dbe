"""Where a finding sits on a scanned page's image: the span's character boxes through the image's
map (Qt-free), for an image file and for rendered PDF pages, turned ones included."""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2
import pytest
from PIL import Image

from review_desk.core.document import Block, BlockKind, CharBox, Document, ScannedPage
from review_desk.core.findings import Action, FindingType
from review_desk.core.review import RecordedFinding
from review_desk.gui.page_boxes import BoxedFinding, PointsToPixels, finding_boxes, span_box
from review_desk.gui.page_image import SHOWN_DPI, page_image


def _line(block_id: str, text: str, page: int, boxes: list[CharBox] | None) -> Block:
    return Block(
        block_id,
        BlockKind.PDF_LINE,
        text,
        page=page,
        char_boxes=tuple(boxes) if boxes is not None else None,
    )


def _boxes(text: str, left: float = 72, top: float = 36, width: float = 10) -> list[CharBox]:
    return [(left + i * width, top, left + (i + 1) * width, top + 12) for i in range(len(text))]


def _finding(index: int, block: str, start: int, end: int) -> RecordedFinding:
    return RecordedFinding(index, FindingType.PERSON, block, start, end, Action.REDACT, "h")


@pytest.mark.parametrize(
    ("boxes", "span", "expected"),
    [
        (_boxes("王秀兰"), (0, 3), (72, 36, 102, 48)),
        (_boxes("王秀兰"), (1, 2), (82, 36, 92, 48)),
        (_boxes("王秀兰"), (2, 2), None),
        (_boxes("王秀兰"), (1, 4), None),
        (_boxes("王秀"), (0, 2), None),  # boxes not aligned with the text
        (None, (0, 2), None),
    ],
    ids=["whole", "one character", "empty", "past the end", "misaligned", "typed text"],
)
def test_span_box(
    boxes: list[CharBox] | None, span: tuple[int, int], expected: CharBox | None
) -> None:
    assert span_box(_line("pg1:l0", "王秀兰", 1, boxes), *span) == expected


def test_finding_boxes_are_the_pages_findings_scaled_to_its_pixels() -> None:
    blocks = [
        _line("pg1:l0", "户主王秀兰", 1, _boxes("户主王秀兰")),
        _line("pg2:l0", "户主李建国", 2, _boxes("户主李建国")),
        Block("p0", BlockKind.PARAGRAPH, "张伟"),
    ]
    document = Document("a.pdf", "0" * 64, "pdf", blocks)
    findings = [_finding(0, "pg1:l0", 2, 5), _finding(1, "pg2:l0", 2, 5), _finding(2, "p0", 0, 2)]
    boxed = finding_boxes(document, findings, 1, PointsToPixels.scaled(2.0))
    assert boxed == [BoxedFinding(0, (184.0, 72.0, 244.0, 96.0))]


def test_a_turned_map_bounds_the_turned_corners() -> None:
    quarter_turn = PointsToPixels(0, -1, 100, 1, 0, 0)  # (x, top) → (100 - top, x)
    assert quarter_turn.rect((10, 20, 30, 25)) == (75, 10, 80, 30)


def test_an_image_frame_is_shown_at_the_shown_resolution(tmp_path: Path) -> None:
    path = tmp_path / "公示.png"
    Image.new("L", (400, 200), 255).save(path, dpi=(200, 200))
    document = Document(
        str(path), "0" * 64, "png", scanned_pages={1: ScannedPage(1, 200, 144, 72, 0.9)}
    )
    shown = page_image(document, path, 1)
    assert shown.image.size == (220, 110)
    x, y = shown.to_pixels.point(72, 36)  # one inch across, half an inch down
    assert (x, y) == pytest.approx((SHOWN_DPI, SHOWN_DPI / 2))


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_a_pdf_pages_map_follows_its_rotation(tmp_path: Path, rotation: int) -> None:
    pdf = pypdfium2.PdfDocument.new()
    pdf.new_page(200, 100).set_rotation(rotation)
    buffer = io.BytesIO()
    pdf.save(buffer)
    pdf.close()
    path = tmp_path / "扫描.pdf"
    path.write_bytes(buffer.getvalue())
    shown = page_image(Document(str(path), "0" * 64, "pdf"), path, 1)
    width, height = shown.image.size
    # The loaders' ``top`` is the height pdfium reports (the turned page's) less the PDF's y:
    # the unturned page's top left corner, at y = 100, is there.
    reported = pypdfium2.PdfDocument(path)
    top = reported[0].get_height() - 100
    reported.close()
    top_left = shown.to_pixels.point(0, top)
    expected = {0: (0, 0), 90: (width, 0), 180: (width, height), 270: (0, height)}[rotation]
    assert top_left == pytest.approx(expected, abs=1.5)
    assert sorted((width, height)) == [round(100 * SHOWN_DPI / 72), round(200 * SHOWN_DPI / 72)]
