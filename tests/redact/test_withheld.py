"""Pages withheld whole (redact/withheld.py): a generated scan whose second page OCR cannot
read is exported with that page replaced by a blank page with the note; the copy holds no image
of the original page, and the self-check refuses a copy whose page is anything else."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import img2pdf  # type: ignore[import-untyped]
import pytest
from PIL import Image, ImageChops, ImageDraw

from review_desk.core.document import Document
from review_desk.core.findings import FindingType
from review_desk.loaders import load
from review_desk.redact import UnsupportedRedactionError, redact_file
from review_desk.redact.image import SAVE_OPTIONS
from review_desk.redact.plan import Redaction
from review_desk.redact.verify import Verifier
from review_desk.redact.withheld import WithheldPageError, blank_page, is_blank_page
from tests.ocr.pages import recipient_page, write_image
from tests.redact.fixtures import pdf_page_images

DPI = 100
SMALL = (5.0, 2.6)
_COLUMNS = {"户主姓名": FindingType.PERSON, "身份证号": FindingType.CN_RESIDENT_ID}


def _unreadable(size: tuple[int, int]) -> Image.Image:
    """Grey bars, as a photographed stamp or a dark scan: OCR finds no text on it."""
    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    for i in range(6):
        draw.rectangle((20 + 80 * i, 40, 80 + 80 * i, 220), fill=200 - 20 * i)
    return image


def _scan(tmp_path: Path) -> tuple[Path, Image.Image]:
    """Page 1 a recipient list OCR reads, page 2 a page it cannot read."""
    first = recipient_page(2, dpi=DPI, size=SMALL).image
    second = _unreadable(first.size)
    pages = []
    for image in (first, second):
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        pages.append(buffer.getvalue())
    layout = img2pdf.get_fixed_dpi_layout_fun((DPI, DPI))
    path = tmp_path / "申请材料.pdf"
    path.write_bytes(img2pdf.convert(pages, layout_fun=layout))
    return path, second


def _redactions(document: Document) -> list[Redaction]:
    return [
        Redaction(b.id, 0, len(b.text), _COLUMNS[b.header])
        for b in document.blocks
        if b.header in _COLUMNS
    ]


def test_an_unread_page_withheld_is_a_blank_page_with_the_note(tmp_path: Path) -> None:
    source, original = _scan(tmp_path)
    document = load(source)
    assert [n.block for n in document.notices if n.key == "needs_ocr"] == ["pg2"]
    out = tmp_path / "out"
    out.mkdir()
    result = redact_file(
        source,
        document,
        _redactions(document),
        out,
        chain_head="head",
        pdf_dpi=DPI,
        withheld_pages=frozenset({2}),
    )
    assert result.verified and result.redactions == 4
    (image,) = pdf_page_images(result.output, 2)
    assert image.size == original.size and is_blank_page(image)
    assert ImageChops.difference(image, original).getbbox() is not None
    copy = load(result.output)
    assert "本页不予公开" in "".join(b.text for b in copy.blocks if b.page == 2)
    assert "身份证号" in "".join(b.text for b in copy.blocks if b.page == 1)


def test_the_check_refuses_a_withheld_page_that_kept_the_original(tmp_path: Path) -> None:
    source, _ = _scan(tmp_path)
    document = load(source)
    result = redact_file(source, document, [], tmp_path, chain_head="head", pdf_dpi=DPI)
    places = Verifier([], frozenset({1, 2}), frozenset({2})).check(result.output, "pdf")
    assert places == ["第 2 页（整页不公开）不是空白的“本页不予公开”页面"]
    places = Verifier([], frozenset({1, 2}), frozenset({1})).check(result.output, "pdf")
    assert "第 1 页（整页不公开）OCR 读出了说明以外的文字" in places


@pytest.mark.parametrize("suffix", [".png", ".jpg", ".tif"])
def test_a_withheld_frame_of_an_image_is_blank_in_its_format(
    tmp_path: Path, suffix: str, ocr_overrides: Callable[..., None]
) -> None:
    ocr_overrides(enabled=False)
    first = recipient_page(2, dpi=DPI, size=SMALL).image
    frames = [first, first.copy()] if suffix == ".tif" else [first]
    source = write_image(frames, tmp_path / f"公示{suffix}", DPI)
    withheld = len(frames)
    result = redact_file(
        source, load(source), [], tmp_path, chain_head="h", withheld_pages=frozenset({withheld})
    )
    with Image.open(result.output) as copy:
        assert copy.format == Image.open(source).format
        copy.seek(withheld - 1)
        frame = copy.copy()
    assert frame.size == first.size
    assert is_blank_page(frame, SAVE_OPTIONS["JPEG"] if suffix == ".jpg" else None)
    assert ImageChops.difference(frame.convert("L"), first).getbbox() is not None
    assert frame.info.get("dpi") is not None


def test_a_page_not_in_the_file_or_a_format_without_pages_is_refused(tmp_path: Path) -> None:
    source, _ = _scan(tmp_path)
    with pytest.raises(WithheldPageError, match="第 3 页"):
        redact_file(
            source, load(source), [], tmp_path, chain_head="h", withheld_pages=frozenset({3})
        )
    text = tmp_path / "a.txt"
    text.write_text("正文\n", encoding="utf-8")
    with pytest.raises(UnsupportedRedactionError):
        redact_file(text, load(text), [], tmp_path, chain_head="h", withheld_pages=frozenset({1}))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "申请材料.pdf"]


def test_the_blank_page_follows_the_mode() -> None:
    for mode in ("1", "L", "RGB", "RGBA", "CMYK"):
        page = blank_page((400, 200), mode)
        assert page.mode == mode and page.convert("L").getextrema() == (0, 255)
        assert is_blank_page(page)
