from pathlib import Path

import pdfplumber
import pypdfium2
import pytest
from PIL import ImageStat

from review_desk.core.document import Document
from review_desk.loaders import load
from review_desk.loaders.ocr_pages import only_pages
from review_desk.redact import ExportResult, redact_file
from tests.redact.fixtures import ID, NAME, PHONE, redactions_for

FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
DPI = 100
LINE = f"申请人{NAME}，身份证号{ID}，电话{PHONE}"
#: (rotation, crop box) of each page: crop boxes and rotated pages move the boxes on the image.
PAGES = [(0, None), (0, (50, 100, 545, 742)), (90, None), (180, None), (270, (20, 30, 560, 800))]


def write_pdf(path: Path) -> Path:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("wqy", str(FONT), subfontIndex=0))
    pdf = canvas.Canvas(str(path), pagesize=(595, 842))
    pdf.setAuthor(f"经办人{NAME}")
    pdf.setTitle(f"{NAME}的申请")
    pdf.setSubject(PHONE)
    for rotation, crop in PAGES:
        pdf.setFont("wqy", 14)
        pdf.drawString(72, 700, LINE)
        pdf.drawString(72, 300, "第二行 无个人信息")
        pdf.setPageRotation(rotation)
        if crop:
            pdf.setCropBox(crop)
        pdf.showPage()
    pdf.save()
    return path


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Document, ExportResult]:
    if not FONT.is_file():
        pytest.skip(f"no CJK font at {FONT}")
    folder = tmp_path_factory.mktemp("pdf")
    source = write_pdf(folder / "公示.pdf")
    document = load(source)
    result = redact_file(
        source, document, redactions_for(document), folder, chain_head="c0ffee", pdf_dpi=DPI
    )
    return source, document, result


def test_the_copy_has_no_text_at_all(exported: tuple[Path, Document, ExportResult]) -> None:
    _, _, result = exported
    with pdfplumber.open(result.output) as pdf:
        assert len(pdf.pages) == len(PAGES)
        assert all(not (page.extract_text() or "").strip() and not page.chars for page in pdf.pages)
    document = pypdfium2.PdfDocument(result.output)
    assert all(document[i].get_textpage().count_chars() == 0 for i in range(len(document)))
    document.close()


def test_the_copy_has_no_metadata_from_the_source(
    exported: tuple[Path, Document, ExportResult],
) -> None:
    _, _, result = exported
    with pdfplumber.open(result.output) as pdf:
        assert not any(NAME in str(value) or PHONE in str(value) for value in pdf.metadata.values())
    data = result.output.read_bytes()
    for value in (NAME, PHONE, "经办人"):
        for encoding in ("utf-8", "utf-16-be", "utf-16-le"):
            assert value.encode(encoding) not in data
    sidecar = result.output.with_name(result.output.name + ".chain.txt")
    assert "chain_head: c0ffee" in sidecar.read_text(encoding="utf-8")


def test_boxes_cover_the_masked_characters_only(
    exported: tuple[Path, Document, ExportResult],
) -> None:
    """On the unrotated first page: the masked digits are black, the kept ones are not."""
    _, document, result = exported
    line = next(b for b in document.blocks if b.id.startswith("pg1:") and ID in b.text)
    assert line.char_boxes is not None
    start = line.text.index(ID)
    image = pypdfium2.PdfDocument(result.output)[0].render(scale=DPI / 72).to_pil().convert("L")

    def darkness(index: int) -> float:
        x0, top, x1, bottom = (round(v * DPI / 72) for v in line.char_boxes[index])  # type: ignore[index]
        mean = ImageStat.Stat(image.crop((x0 + 1, top + 1, x1 - 1, bottom - 1))).mean[0]
        return float(1 - mean / 255)

    masked = [darkness(start + i) for i in range(2, len(ID) - 3)]
    kept = [darkness(start + i) for i in (0, 1, len(ID) - 1)]
    assert min(masked) > 0.95
    assert max(kept) < 0.6


def test_every_page_is_checked_whatever_its_rotation(
    exported: tuple[Path, Document, ExportResult],
) -> None:
    _, document, result = exported
    assert {b.page for b in document.blocks if ID in b.text} == set(range(1, len(PAGES) + 1))
    assert result.verified and result.redactions == 3 * len(PAGES) + 3  # and author, title, subject
    with only_pages(frozenset()):  # no OCR: every page of the copy is an image, no text
        copy = load(result.output)
    assert copy.blocks == [] or all(b.page is None for b in copy.blocks)


def test_a_redacted_form_field_is_blacked_out_whole(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    source = tmp_path / "表单.pdf"
    pdf = canvas.Canvas(str(source), pagesize=(595, 842))
    pdf.drawString(72, 760, "Form")
    pdf.acroForm.textfield(name="phone", value=PHONE, x=72, y=700, width=200, height=20)
    pdf.showPage()
    pdf.save()
    document = load(source)
    result = redact_file(
        source, document, redactions_for(document), tmp_path, chain_head="h", pdf_dpi=DPI
    )
    image = pypdfium2.PdfDocument(result.output)[0].render(scale=DPI / 72).to_pil().convert("L")
    scale = DPI / 72
    field = (
        round(74 * scale),
        round((842 - 718) * scale),
        round(270 * scale),
        round((842 - 702) * scale),
    )
    assert ImageStat.Stat(image.crop(field)).mean[0] < 10


def test_attachments_are_dropped(tmp_path: Path) -> None:
    from tests.hostile import make

    source = tmp_path / "outer.pdf"
    source.write_bytes(make.pdf_with_attachment("名单.txt", f"身份证号 {ID}".encode()))
    document = load(source)
    assert any(b.id.startswith("att0") and ID in b.text for b in document.blocks)
    result = redact_file(
        source, document, redactions_for(document), tmp_path, chain_head="h", pdf_dpi=DPI
    )
    copy = pypdfium2.PdfDocument(result.output)
    assert copy.count_attachments() == 0
    copy.close()
