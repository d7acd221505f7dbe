"""Scanned PDFs and images exported with the boxes burned in at the OCR coordinates, in the
source's format, checked by OCR of the copy: no residue of any redacted value."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from review_desk.core.document import Document
from review_desk.core.findings import FindingType
from review_desk.loaders import load
from review_desk.redact import redact_file
from review_desk.redact.plan import Redaction
from tests.ocr.pages import Damage, damaged, recipient_page, write_image, write_pdf

SMALL = (5.2, 2.6)
DPI = 150
_COLUMNS = {"户主姓名": FindingType.PERSON, "身份证号": FindingType.CN_RESIDENT_ID}


def _redactions(document: Document) -> list[Redaction]:
    return [
        Redaction(b.id, 0, len(b.text), _COLUMNS[b.header])
        for b in document.blocks
        if b.header in _COLUMNS
    ]


def _exported(source: Path, out: Path) -> tuple[Document, Path]:
    document = load(source)
    result = redact_file(source, document, _redactions(document), out, chain_head="head")
    assert result.verified and result.redactions == 6
    return document, result.output


@pytest.mark.parametrize("suffix", [".pdf", ".png", ".jpg"])
def test_a_scan_is_exported_with_no_residue(tmp_path: Path, suffix: str) -> None:
    page = recipient_page(3, dpi=DPI, size=SMALL)
    image = damaged(page.image, Damage(skew=1.0))
    source = tmp_path / f"scan{suffix}"
    if suffix == ".pdf":
        write_pdf(image, source, DPI)
    else:
        write_image([image], source, DPI)
    _, output = _exported(source, tmp_path)
    assert output.suffix == suffix
    copy = "".join(b.text for b in load(output).blocks)
    assert "身份证号" in copy  # what was not redacted is still there to read
    for recipient in page.recipients:
        assert recipient.resident_id not in copy and recipient.name not in copy
    if suffix != ".pdf":
        assert Image.open(output).format == Image.open(source).format


def test_every_page_of_a_tiff_is_redacted_and_no_metadata_goes_along(tmp_path: Path) -> None:
    pages = [recipient_page(3, dpi=DPI, size=SMALL, seed=seed) for seed in (1, 2)]
    source = tmp_path / "scan.tif"
    first, second = (p.image for p in pages)
    first.save(
        source,
        save_all=True,
        append_images=[second],
        dpi=(DPI, DPI),
        description="张建国的低保申请",
    )
    document = load(source)
    result = redact_file(source, document, _redactions(document), tmp_path, chain_head="head")
    assert result.verified and result.redactions == 12
    with Image.open(result.output) as copy:
        assert copy.n_frames == 2
        assert "张建国" not in str(dict(copy.tag_v2))
    copy_text = "".join(b.text for b in load(result.output).blocks)
    assert not any(r.resident_id in copy_text for p in pages for r in p.recipients)


def test_a_turned_photo_is_redacted_where_its_text_is(tmp_path: Path) -> None:
    page = recipient_page(3, dpi=DPI, size=SMALL)
    source = write_image([damaged(page.image, Damage(turns=1))], tmp_path / "photo.png", DPI)
    document, output = _exported(source, tmp_path)
    assert document.scanned_pages[1].rotation == 270
    copy = "".join(b.text for b in load(output).blocks)
    assert not any(r.resident_id in copy for r in page.recipients)
