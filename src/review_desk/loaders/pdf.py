"""PDF through PDFium (pypdfium2): text lines with a box per character, annotations, filled
form fields, attachments and metadata.

Pages are numbered from 1 (``pg1:l0`` is the first line of the first page), as reviewers cite
them; annotations are ``pg1:a0:contents`` (note text), ``…:title`` (its author), ``…:uri``; a
filled form field is ``pg1:a3:value`` (its field name as header); an attached file's blocks are
``att0:…``. Character boxes are (x0, top, x1, bottom) in points from the page's top left, the
loose box of each glyph (its full advance and line height), so a burned-in box covers it whole.

PDFium reads text some 60 times faster than pdfminer, opens files encrypted with an empty user
password (pdfminer turned those into "(cid:2547)…"), and survives reference cycles. A page
without any text layer is almost always a scan: it is rendered and read by OCR (``ocr_pages``),
its lines and tables given the same shapes and boxes as text lines, and when that is not
possible it is reported as unread, never passed over as if it were empty. Reading stops with ``timeout`` past the time budget of limits.yaml,
and streams that would inflate past their caps are refused before PDFium sees them.
"""

from __future__ import annotations

import ctypes
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as raw
from PIL import Image

from review_desk.core.document import Block, BlockKind, CharBox, Notice
from review_desk.core.errors import CorruptFileError, EncryptedFileError, TimeLimitError
from review_desk.loaders.embedded import read_embedded, unread_notice
from review_desk.loaders.limits import limits
from review_desk.loaders.ocr_pages import OcrPages
from review_desk.loaders.pdf_streams import check_streams
from review_desk.ocr.boxes import PixelBox, ToPoints
from review_desk.ocr.settings import ocr_settings

_LINE_BREAKS = frozenset("\r\n")
_POINTS_PER_INCH = 72
_ANNOTATION_STRINGS = (
    ("Contents", "contents", BlockKind.COMMENT, "comment"),
    ("T", "title", BlockKind.PROPERTY, "property"),
)
#: Field types whose value is text someone typed or chose (not a check box's "Yes").
_TEXT_FIELDS = frozenset(
    {raw.FPDF_FORMFIELD_TEXTFIELD, raw.FPDF_FORMFIELD_COMBOBOX, raw.FPDF_FORMFIELD_LISTBOX}
)
_XFA_FORMS = frozenset({raw.FORMTYPE_XFA_FULL, raw.FORMTYPE_XFA_FOREGROUND})
_METADATA_SKIPPED = frozenset({"CreationDate", "ModDate", "Trapped"})


def load_pdf(data: bytes, path: Path) -> tuple[list[Block], list[Notice]]:
    check_streams(data, path)
    document = _open(data, path)
    try:
        return _PdfReader(document, path).read()
    finally:
        document.close()


def _open(data: bytes, path: Path) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if error.err_code == raw.FPDF_ERR_PASSWORD:
            raise EncryptedFileError(path=path) from error
        raise CorruptFileError(f"PDF 无法解析：{error}", path) from error


class _PdfReader:
    def __init__(self, document: pdfium.PdfDocument, path: Path) -> None:
        self.document = document
        self.path = path
        self.blocks: list[Block] = []
        self.notices: list[Notice] = []
        self._deadline = time.monotonic() + limits().reading.pdf_seconds
        # Form fields can only be read through a form environment made before any page loads.
        document.init_forms()
        self._forms = document.formenv is not None
        self._ocr = OcrPages(path, len(document))

    def read(self) -> tuple[list[Block], list[Notice]]:
        if self.document.get_formtype() in _XFA_FORMS:
            self.notices.append(
                Notice("xfa_form", "文件含有 XFA 表单，其填写内容未能读取，须人工审查")
            )
        for index in range(len(self.document)):
            self._check_time(index + 1)
            self._read_page(index)
        self.notices.extend(self._ocr.notices())
        self.blocks.extend(self._metadata_blocks())
        self._read_attachments()
        return self.blocks, self.notices

    def _check_time(self, number: int) -> None:
        if time.monotonic() > self._deadline:
            seconds = limits().reading.pdf_seconds
            raise TimeLimitError(f"读到第 {number} 页时已超过 {seconds:.0f} 秒", self.path)

    def _read_page(self, index: int) -> None:
        number = index + 1
        page = self.document[index]
        try:
            lines = list(_page_lines(page, number))
            if not lines:
                lines = self._ocr.read(number, lambda: _rendered(page))
                self._deadline += limits().reading.ocr_page_seconds
            self.blocks.extend(lines)
            self.blocks.extend(self._annotation_blocks(page, number))
        finally:
            page.close()

    def _annotation_blocks(self, page: pdfium.PdfPage, number: int) -> Iterator[Block]:
        """Notes, link targets and filled fields: not in the page's text, published with it."""
        for index in range(raw.FPDFPage_GetAnnotCount(page)):
            annotation = raw.FPDFPage_GetAnnot(page, index)
            if not annotation:
                continue
            try:
                yield from self._annotation(annotation, f"pg{number}:a{index}", number)
            finally:
                raw.FPDFPage_CloseAnnot(annotation)

    def _annotation(
        self, annotation: raw.FPDF_ANNOTATION, prefix: str, number: int
    ) -> Iterator[Block]:
        subtype = raw.FPDFAnnot_GetSubtype(annotation)
        for key, name, kind, origin in _ANNOTATION_STRINGS:
            value = _utf16(raw.FPDFAnnot_GetStringValue, annotation, key.encode())
            if value.strip() and not (subtype == raw.FPDF_ANNOT_WIDGET and name == "title"):
                yield Block(f"{prefix}:{name}", kind, value, page=number, origin=origin)
        if subtype == raw.FPDF_ANNOT_LINK:
            uri = self._link_target(annotation)
            if uri.strip():
                yield Block(
                    f"{prefix}:uri", BlockKind.LINK_TARGET, uri, page=number, origin="link_target"
                )
        elif subtype == raw.FPDF_ANNOT_WIDGET and self._forms:
            yield from self._field(annotation, prefix, number)

    def _link_target(self, annotation: raw.FPDF_ANNOTATION) -> str:
        link = raw.FPDFAnnot_GetLink(annotation)
        action = raw.FPDFLink_GetAction(link) if link else None
        if not action or raw.FPDFAction_GetType(action) != raw.PDFACTION_URI:
            return ""
        size = raw.FPDFAction_GetURIPath(self.document, action, None, 0)
        buffer = ctypes.create_string_buffer(size)
        raw.FPDFAction_GetURIPath(self.document, action, buffer, size)
        return buffer.value.decode("utf-8", "replace")

    def _field(self, annotation: raw.FPDF_ANNOTATION, prefix: str, number: int) -> Iterator[Block]:
        form = self.document.formenv
        if raw.FPDFAnnot_GetFormFieldType(form, annotation) not in _TEXT_FIELDS:
            return
        value = _utf16(raw.FPDFAnnot_GetFormFieldValue, form, annotation)
        if value.strip():
            name = _utf16(raw.FPDFAnnot_GetFormFieldName, form, annotation)
            yield Block(
                f"{prefix}:value",
                BlockKind.FORM_FIELD,
                value,
                header=name or None,
                page=number,
                origin="form_field",
            )

    def _metadata_blocks(self) -> Iterator[Block]:
        for key, value in self.document.get_metadata_dict(skip_empty=True).items():
            if key not in _METADATA_SKIPPED and value.strip():
                yield Block(
                    f"prop:pdf:{key}", BlockKind.PROPERTY, value, header=key, origin="property"
                )

    def _read_attachments(self) -> None:
        for index in range(self.document.count_attachments()):
            prefix = f"att{index}"
            attachment = self.document.get_attachment(index)
            name = attachment.get_name() or prefix
            try:
                data = bytes(attachment.get_data())
            except pdfium.PdfiumError:
                self.notices.append(unread_notice(name, prefix, "附件数据无法取出"))
                continue
            blocks, notices = read_embedded(data, name, prefix, self.path)
            self.blocks.extend(blocks)
            self.notices.extend(notices)


def _page_lines(page: pdfium.PdfPage, number: int) -> Iterator[Block]:
    """The page's text split at PDFium's line breaks, one box per character."""
    textpage = page.get_textpage()
    try:
        height = page.get_height()
        chars = _chars(textpage, height)
    finally:
        textpage.close()
    line_index = 0
    text: list[str] = []
    boxes: list[CharBox] = []
    for char, box in chars:
        if char in _LINE_BREAKS:
            if text:
                yield from _line_block(number, line_index, text, boxes)
                line_index += 1
                text, boxes = [], []
            continue
        text.append(char)
        boxes.append(box)
    if text:
        yield from _line_block(number, line_index, text, boxes)


def _line_block(number: int, index: int, text: list[str], boxes: list[CharBox]) -> Iterator[Block]:
    joined = "".join(text)
    if joined.strip():
        yield Block(
            f"pg{number}:l{index}", BlockKind.PDF_LINE, joined, page=number, char_boxes=tuple(boxes)
        )


def _chars(textpage: pdfium.PdfTextPage, height: float) -> list[tuple[str, CharBox]]:
    """Every character with its loose box; a generated space (no glyph) gets a box of no width
    where the previous glyph ends. The glyphs of a line share their top and bottom, and each
    starts where the one before ends: those floats are shared, not repeated (a 5,000-page PDF
    has ten million boxes)."""
    rect = raw.FS_RECTF()
    chars: list[tuple[str, CharBox]] = []
    shared: dict[float, float] = {}
    previous: CharBox = (0.0, 0.0, 0.0, 0.0)
    for index in range(textpage.count_chars()):
        code = raw.FPDFText_GetUnicode(textpage, index)
        char = chr(code) if 0 < code < 0x110000 else "\ufffd"
        if raw.FPDFText_GetLooseCharBox(textpage, index, rect) and rect.right > rect.left:
            left = previous[2] if rect.left == previous[2] else rect.left
            top, bottom = height - rect.top, height - rect.bottom
            previous = (
                left,
                shared.setdefault(top, top),
                rect.right,
                shared.setdefault(bottom, bottom),
            )
            box = previous
        else:
            box = (previous[2], previous[1], previous[2], previous[3])
        chars.append((char, box))
    return chars


def _rendered(page: pdfium.PdfPage) -> tuple[Image.Image, float, ToPoints]:
    """The page as a grey image for OCR, and how its pixels map to the page's points (PDFium
    applies the crop box and the page's rotation when rendering: the map undoes both)."""
    dpi = ocr_settings().render_dpi
    image = page.render(scale=dpi / _POINTS_PER_INCH, grayscale=True).to_pil()
    return image, dpi, _device_to_points(page, image.size)


def _device_to_points(page: pdfium.PdfPage, size: tuple[int, int]) -> ToPoints:
    """Pixels → (x0, top, x1, bottom) points, ``top`` measured as the text lines' are. PDFium
    converts integer pixels only, so the affine map is fixed from three exact corners."""
    width, height = size
    origin = _page_point(page, size, 0, 0)
    across = _page_point(page, size, width, 0)
    down = _page_point(page, size, 0, height)
    step_x = ((across[0] - origin[0]) / width, (across[1] - origin[1]) / width)
    step_y = ((down[0] - origin[0]) / height, (down[1] - origin[1]) / height)
    page_height = page.get_height()

    def convert(box: PixelBox) -> CharBox:
        xs, tops = [], []
        for dx in (box[0], box[2]):
            for dy in (box[1], box[3]):
                xs.append(origin[0] + dx * step_x[0] + dy * step_y[0])
                tops.append(page_height - (origin[1] + dx * step_x[1] + dy * step_y[1]))
        return min(xs), min(tops), max(xs), max(tops)

    return convert


def _page_point(page: pdfium.PdfPage, size: tuple[int, int], x: int, y: int) -> tuple[float, float]:
    page_x, page_y = ctypes.c_double(), ctypes.c_double()
    raw.FPDF_DeviceToPage(page, 0, 0, size[0], size[1], 0, x, y, page_x, page_y)
    return page_x.value, page_y.value


def _utf16(function: Callable[..., int], *arguments: object) -> str:
    """A string from a PDFium getter that fills a UTF-16LE buffer and returns its byte size."""
    size = function(*arguments, None, 0)
    if size <= 2:
        return ""
    buffer = (ctypes.c_ushort * (size // 2))()
    function(*arguments, buffer, size)
    return ctypes.string_at(buffer, size - 2).decode("utf-16-le", "replace")
