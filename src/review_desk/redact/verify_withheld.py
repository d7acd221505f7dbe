"""The self-check of the pages withheld whole: each page of the copy is the blank page with the
note (withheld.py), pixel for pixel, and nothing else — in a PDF, one image and no other object
on the page, so neither the original's image nor its content stream came along."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from PIL import Image

from review_desk.redact.withheld import is_blank_page

_NOT_BLANK = "第 {page} 页（整页不公开）不是空白的“本页不予公开”页面"


def withheld_residues(output: Path, kind: str, pages: frozenset[int]) -> list[str]:
    """A place for each withheld page of ``output`` that holds anything of the original."""
    check = _pdf_pages if kind == "pdf" else _image_pages
    return [_NOT_BLANK.format(page=page) for page, blank in check(output, pages) if not blank]


def _pdf_pages(output: Path, pages: frozenset[int]) -> Iterator[tuple[int, bool]]:
    import pypdfium2
    import pypdfium2.raw as raw

    document = pypdfium2.PdfDocument(output)
    try:
        for page in sorted(pages):
            if page > len(document):
                yield page, False
                continue
            objects = list(document[page - 1].get_objects())
            only_image = len(objects) == 1 and objects[0].type == raw.FPDF_PAGEOBJ_IMAGE
            if not only_image:
                yield page, False
                continue
            bitmap = objects[0].get_bitmap(render=False).to_pil()
            yield page, is_blank_page(bitmap.convert("L"))
    finally:
        document.close()


def _image_pages(output: Path, pages: frozenset[int]) -> Iterator[tuple[int, bool]]:
    from review_desk.redact.image import SAVE_OPTIONS

    with Image.open(output) as image:
        jpeg = SAVE_OPTIONS["JPEG"] if image.format == "JPEG" else None
        count = int(getattr(image, "n_frames", 1))
        for page in sorted(pages):
            if page > count:
                yield page, False
                continue
            image.seek(page - 1)
            frame = image.copy()
            yield page, is_blank_page(frame, jpeg)
