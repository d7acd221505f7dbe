"""PDF text lines with a box per character, so a finding can be burned into the page image.

Pages are numbered from 1 (``pg1:l0`` is the first line of the first page), as reviewers cite
them; annotations are ``pg1:a0:contents`` (note text), ``…:title`` (its author), ``…:uri``.
A page without any text layer is almost always a scan: it is reported as needing OCR, never
passed over as if it were empty.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError

from review_desk.core.document import Block, BlockKind, CharBox, Notice
from review_desk.core.errors import CorruptFileError, EncryptedFileError

Char = Mapping[str, Any]
#: A gap wider than this share of the font size reads as a space. pdfplumber leaves the space
#: glyphs themselves out of a line's characters, and a CJK font's space is only ~0.2 em wide.
_SPACE_GAP = 0.15
_ANNOTATION_FIELDS = (
    ("contents", BlockKind.COMMENT, "comment"),
    ("title", BlockKind.PROPERTY, "property"),
    ("uri", BlockKind.LINK_TARGET, "link_target"),
)
_METADATA_SKIPPED = frozenset({"CreationDate", "ModDate", "Trapped", "PTEX.Fullbanner"})


def load_pdf(data: bytes, path: Path) -> tuple[list[Block], list[Notice]]:
    try:
        return _read(data)
    except Exception as error:  # pdfplumber wraps everything pdfminer raises in one type
        if _is_encryption_error(error):
            raise EncryptedFileError(path=path) from error
        raise CorruptFileError(f"PDF 无法解析：{_reason(error)}", path) from error


def _read(data: bytes) -> tuple[list[Block], list[Notice]]:
    blocks: list[Block] = []
    scanned: list[int] = []
    with pdfplumber.open(io.BytesIO(data)) as document:
        for number, page in enumerate(document.pages, start=1):
            lines = list(_page_lines(page, number))
            if not lines:
                scanned.append(number)
            blocks.extend(lines)
            blocks.extend(_annotation_blocks(page.annots, number))
            page.close()  # drop the page's cached layout objects before the next page
        blocks.extend(_metadata_blocks(document.metadata))
    return blocks, _scanned_notices(scanned)


def _page_lines(page: Any, number: int) -> Iterator[Block]:
    lines = page.extract_text_lines(strip=False, return_chars=True)
    for index, line in enumerate(lines):
        text, boxes = _line_text(line["chars"])
        if text.strip():
            yield Block(
                f"pg{number}:l{index}",
                BlockKind.PDF_LINE,
                text,
                page=number,
                char_boxes=tuple(boxes),
            )


def _annotation_blocks(annotations: Sequence[Char], number: int) -> Iterator[Block]:
    """Sticky notes and link targets: not drawn in the page text, but published with the file."""
    for index, annotation in enumerate(annotations):
        for key, kind, origin in _ANNOTATION_FIELDS:
            value = annotation.get(key)
            if isinstance(value, str) and value.strip():
                block_id = f"pg{number}:a{index}:{key}"
                yield Block(block_id, kind, value, page=number, origin=origin)


def _line_text(chars: Sequence[Char]) -> tuple[str, list[CharBox]]:
    """The line's text built from its characters, so text and boxes stay one-to-one."""
    pieces: list[str] = []
    boxes: list[CharBox] = []
    previous: Char | None = None
    for char in chars:
        if previous is not None and _gap_is_space(previous, char):
            pieces.append(" ")
            boxes.append((previous["x1"], previous["top"], char["x0"], previous["bottom"]))
        box = (char["x0"], char["top"], char["x1"], char["bottom"])
        # A ligature ("ﬁ" drawn as "fi") is one glyph but several characters: share its box.
        for letter in char["text"]:
            pieces.append(letter)
            boxes.append(box)
        previous = char
    return "".join(pieces), boxes


def _gap_is_space(previous: Char, char: Char) -> bool:
    if previous["text"].isspace() or char["text"].isspace():
        return False
    size = max(float(previous.get("size") or 0), 1.0)
    return bool(char["x0"] - previous["x1"] > size * _SPACE_GAP)


def _metadata_blocks(metadata: Mapping[str, Any]) -> Iterator[Block]:
    for key, value in metadata.items():
        if key not in _METADATA_SKIPPED and isinstance(value, str) and value.strip():
            yield Block(f"prop:pdf:{key}", BlockKind.PROPERTY, value, header=key, origin="property")


def _scanned_notices(pages: list[int]) -> list[Notice]:
    return [
        Notice("needs_ocr", f"第 {page} 页没有文字层（疑似扫描件），需要 OCR 识别后才能审查")
        for page in pages
    ]


def _is_encryption_error(error: BaseException) -> bool:
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, PDFEncryptionError) or any(
            isinstance(arg, PDFEncryptionError) for arg in seen.args
        ):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _reason(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0][:200] if text else type(error).__name__
