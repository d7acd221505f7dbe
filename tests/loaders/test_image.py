"""Scanned PDFs and images through OCR: table cells with their headers, boxes in page points,
notices that say what was read by OCR and what could not be read; images sniffed and capped
like every other file."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from review_desk.core.document import BlockKind, Document
from review_desk.core.errors import FileTooLargeError, WrongExtensionError
from review_desk.loaders import limits as limits_module
from review_desk.loaders import load
from review_desk.loaders.limits import Limits, limits
from tests.ocr.pages import Damage, damaged, recipient_page, write_image, write_pdf

SMALL = (5.2, 2.6)
DPI = 150


@pytest.fixture(scope="module")
def scanned_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Document, list[str]]:
    page = recipient_page(3, dpi=DPI, size=SMALL)
    image = damaged(page.image, Damage(skew=1.5, jpeg=80))
    path = write_pdf(image, tmp_path_factory.mktemp("scan") / "低保公示.pdf", DPI)
    return load(path), [r.resident_id for r in page.recipients]


def test_a_scanned_pdf_page_becomes_a_table_under_its_headers(
    scanned_pdf: tuple[Document, list[str]],
) -> None:
    document, ids = scanned_pdf
    id_cells = [b for b in document.blocks if b.header == "身份证号"]
    assert [b.text for b in id_cells] == ids
    assert all(b.kind is BlockKind.TABLE_CELL and b.id.startswith("pg1:t0:") for b in id_cells)
    assert any(b.kind is BlockKind.PDF_LINE and "公示" in b.text for b in document.blocks)


def test_ocr_blocks_have_boxes_in_points_and_confidences(
    scanned_pdf: tuple[Document, list[str]],
) -> None:
    document, _ = scanned_pdf
    page = document.scanned_pages[1]
    assert page.dpi == 200 and page.rotation == 0 and page.confidence > 0.9
    for block in document.blocks:
        assert block.char_boxes is not None and block.char_confidences is not None
        assert len(block.char_boxes) == len(block.text) == len(block.char_confidences)
        for x0, top, x1, bottom in block.char_boxes:
            assert 0 <= x0 <= x1 <= page.width and 0 <= top <= bottom <= page.height
        assert block.confidence is not None and block.confidence > 0.5


def test_a_notice_names_the_pages_read_by_ocr(scanned_pdf: tuple[Document, list[str]]) -> None:
    document, _ = scanned_pdf
    (notice,) = document.notices
    assert notice.key == "ocr_read" and "第 1 页" in notice.message and "置信度" in notice.message


def test_with_ocr_off_the_page_is_unread(
    tmp_path: Path, ocr_overrides: Callable[..., None]
) -> None:
    ocr_overrides(enabled=False)
    page = recipient_page(1, dpi=DPI, size=SMALL)
    document = load(write_pdf(page.image, tmp_path / "scan.pdf", DPI))
    assert document.blocks == [] and document.scanned_pages == {}
    (notice,) = document.notices
    assert (notice.key, notice.block) == ("needs_ocr", "pg1")
    assert "OCR 识别已关闭" in notice.message


@pytest.mark.parametrize("suffix", [".png", ".jpg", ".bmp"])
def test_an_image_is_read_as_one_page(tmp_path: Path, suffix: str) -> None:
    page = recipient_page(2, dpi=DPI, size=SMALL)
    document = load(write_image([page.image], tmp_path / f"photo{suffix}", DPI))
    assert [b.text for b in document.blocks if b.header == "身份证号"] == [
        r.resident_id for r in page.recipients
    ]
    assert document.scanned_pages[1].dpi == DPI
    assert document.format == suffix.lstrip(".")


def test_every_page_of_a_multi_page_tiff_is_read(tmp_path: Path) -> None:
    first = recipient_page(2, dpi=DPI, size=SMALL, seed=1)
    second = recipient_page(2, dpi=DPI, size=SMALL, seed=2)
    path = write_image([first.image, second.image], tmp_path / "scan.tiff", DPI)
    document = load(path)
    assert sorted(document.scanned_pages) == [1, 2]
    texts = [(b.page, b.text) for b in document.blocks if b.header == "身份证号"]
    assert texts == [(1, r.resident_id) for r in first.recipients] + [
        (2, r.resident_id) for r in second.recipients
    ]


def test_an_image_named_for_another_format_is_refused(tmp_path: Path) -> None:
    page = recipient_page(1, dpi=DPI, size=SMALL)
    path = tmp_path / "scan.png"
    page.image.save(path, format="JPEG")
    with pytest.raises(WrongExtensionError):
        load(path)


@pytest.fixture
def small_image_caps() -> Iterator[None]:
    current = limits().model_dump()
    current["reading"].update(max_image_pixels=10_000, max_image_frames=1)
    limits_module.active = Limits.model_validate(current)
    yield
    limits_module.active = None


@pytest.mark.usefixtures("small_image_caps")
def test_images_over_the_pixel_or_page_caps_are_refused(tmp_path: Path) -> None:
    page = recipient_page(1, dpi=DPI, size=SMALL)
    with pytest.raises(FileTooLargeError, match="像素"):
        load(write_image([page.image], tmp_path / "big.png", DPI))
    tiny = page.image.resize((50, 50))
    with pytest.raises(FileTooLargeError, match="页"):
        load(write_image([tiny, tiny], tmp_path / "pages.tiff", DPI))
