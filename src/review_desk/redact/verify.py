"""The export checks itself: the written copy is read back and searched for every redacted value.

Two independent readings: the project's own loader (every block, hidden places included), and a
raw pass that knows nothing about the format's structure — every part of an OOXML package as
text (with each paragraph's runs joined, since a value split across runs is invisible to a plain
grep), every PDF page through pdfplumber and pdfium, the file's bytes in the usual encodings. Pages
and images the source had read by OCR are read by OCR again from the copy's pixels.
Pages withheld whole must be the blank page with its note (verify_withheld.py), and their OCR
reading may hold the note and nothing else.
A place is reported by where it is and what type was found there, never by the value itself:
the message ends up in logs.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path

import ahocorasick
from lxml import etree

from review_desk.core.findings import TYPE_LABELS
from review_desk.loaders import load
from review_desk.loaders.ocr_pages import only_pages
from review_desk.redact.plan import RedactedValue
from review_desk.redact.search import BOUNDARY, ValueSearch, fold, found_in
from review_desk.redact.verify_withheld import withheld_residues
from review_desk.redact.withheld import foreign_text

#: How text sits in binary parts: Office streams and EMF previews use UTF-16LE, XMP UTF-8, PDF
#: strings UTF-16BE. (TXT and CSV are decoded whole by the loader: no byte pass needed.)
_PART_ENCODINGS = ("utf-8", "utf-16-le")
_PDF_ENCODINGS = ("utf-8", "utf-16-be")
#: Pixels only: a byte search in compressed image data finds nothing but chance.
_IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff")
#: Elements whose text a reader sees as one string although it is split into runs.
_PARAGRAPHS = ("{*}p", "{*}si", "{*}is", "{*}text")
_RUN = re.compile(rb"<(?:\w+:)?r[\s>]")
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_TAGS = re.compile(r"(?:<[^>]*>)+")
#: A 60 MB sheet part searched whole would need several copies of it in memory at once.
_CHUNK = 4 << 20


class Verifier:
    """``ocr_pages``: the pages the source had read by OCR; the copy's are read by OCR again
    (a copy's page is an image: its other pages are checked through their missing text).
    ``withheld``: the pages withheld whole (read by OCR again too)."""

    def __init__(
        self,
        values: Sequence[RedactedValue],
        ocr_pages: frozenset[int] = frozenset(),
        withheld: frozenset[int] = frozenset(),
    ) -> None:
        self.values = list(values)
        self.ocr_pages = ocr_pages
        self.withheld = withheld
        self._value_search: ValueSearch | None = None
        self.residues: list[str] = []
        self._byte_search: dict[tuple[str, ...], ahocorasick.Automaton | None] = {}

    def check(self, output: Path, kind: str) -> list[str]:
        """Every place where a redacted value is still found in ``output`` (empty: clean)."""
        self._check_loaded(output)
        if self.withheld:
            self.residues.extend(withheld_residues(output, kind, self.withheld))
        if kind in ("docx", "xlsx"):
            self._check_package(output)
        elif kind == "pdf":
            self._check_pdf(output)
            self._check_bytes(output.read_bytes(), "文件原始字节", _PDF_ENCODINGS)
        return list(dict.fromkeys(self.residues))

    # -- the loader's reading --------------------------------------------------------------------

    def _check_loaded(self, output: Path) -> None:
        joined, wanted = self._read_back(output)
        found = self._search().find_in_blocks(joined)
        if found:  # the rare case: read the copy once more to name the blocks
            with only_pages(self.ocr_pages):
                ids = [block.id for block in load(output).blocks]
            for block_index, value_index in found:
                self._report(f"块 {ids[block_index]}", value_index)
        for index, value in enumerate(self.values):
            text = wanted.get(value.block)
            if value.block_only and text is not None and found_in(value, text):
                self._report(f"块 {value.block}", index)

    def _read_back(self, output: Path) -> tuple[str, dict[str, str]]:
        """The loaded copy's block texts, joined, and the blocks where block-only values were.
        The Blocks themselves are let go at once: the caller still holds the source's Document,
        and a second million-cell Document with its ids and texts is 300 MB more."""
        with only_pages(self.ocr_pages):
            blocks = load(output).blocks
        for block in blocks:
            if block.page in self.withheld and foreign_text(block.text):
                self.residues.append(f"第 {block.page} 页（整页不公开）OCR 读出了说明以外的文字")
        wanted = {value.block for value in self.values if value.block_only}
        return (
            BOUNDARY.join([block.text for block in blocks]),
            {block.id: block.text for block in blocks if block.id in wanted},
        )

    def _search(self) -> ValueSearch:
        if self._value_search is None:
            self._value_search = ValueSearch(self.values)
        return self._value_search

    # -- raw passes ------------------------------------------------------------------------------

    def _check_package(self, output: Path) -> None:
        with zipfile.ZipFile(output) as archive:
            for name in archive.namelist():
                data = archive.read(name)
                if name.endswith(_XML_SUFFIXES) or data.lstrip()[:1] == b"<":
                    self._check_xml(name, data)
                elif not name.lower().endswith(_IMAGE_SUFFIXES):
                    self._check_bytes(data, f"部件 {name}", _PART_ENCODINGS)

    def _check_xml(self, name: str, data: bytes) -> None:
        """The markup as written (attribute values: link targets, alt texts, variables), then
        the text between the tags in every form, then each paragraph with its runs joined."""
        where = f"部件 {name}"
        for chunk in _xml_chunks(data):
            self._report_all(where, self._search().find_raw(html.unescape(chunk)))
            texts = html.unescape(_TAGS.sub(BOUNDARY, chunk))
            self._report_all(where, self._search().find(texts))
        if _RUN.search(data):
            for paragraph in _joined_paragraphs(data):
                self._report_all(f"{where}（段落）", self._search().find(paragraph))

    def _check_pdf(self, output: Path) -> None:
        import pdfplumber
        import pypdfium2

        with pdfplumber.open(output) as pdf:
            for number, page in enumerate(pdf.pages, start=1):
                self._check_page_text(number, page.extract_text() or "", "pdfplumber")
                page.close()
        document = pypdfium2.PdfDocument(output)
        try:
            for number in range(1, len(document) + 1):
                textpage = document[number - 1].get_textpage()
                self._check_page_text(number, textpage.get_text_range(), "pdfium")
        finally:
            document.close()

    def _check_page_text(self, number: int, text: str, reader: str) -> None:
        # The copy is images only: any text at all means the writer let something through.
        if text.strip():
            self.residues.append(f"第 {number} 页仍有文字层（{reader}）")
        self._report_all(f"第 {number} 页（{reader}）", self._search().find(text))

    def _check_bytes(self, data: bytes, where: str, encodings: tuple[str, ...]) -> None:
        if encodings not in self._byte_search:
            self._byte_search[encodings] = self._bytes_automaton(encodings)
        automaton = self._byte_search[encodings]
        if automaton is None:
            return
        for _, index in automaton.iter(data.decode("latin-1")):
            self._report(where, index)

    def _bytes_automaton(self, encodings: tuple[str, ...]) -> ahocorasick.Automaton | None:
        """The values as bytes in ``encodings`` (spelled as latin-1 text for the automaton)."""
        owners: dict[str, int] = {}
        for index, value in enumerate(self.values):
            if value.block_only:
                continue
            for form in {value.value, fold(value.value)}:
                for encoding in encodings:
                    owners.setdefault(form.encode(encoding, "ignore").decode("latin-1"), index)
        if not owners:
            return None
        automaton = ahocorasick.Automaton()
        for key, index in owners.items():
            automaton.add_word(key, index)
        automaton.make_automaton()
        return automaton

    def _report_all(self, where: str, indices: set[int]) -> None:
        for index in indices:
            self._report(where, index)

    def _report(self, where: str, index: int) -> None:
        self.residues.append(f"{where}：{TYPE_LABELS[self.values[index].type]}")


def _xml_chunks(data: bytes) -> Iterator[str]:
    """The part as text in pieces of about ``_CHUNK`` bytes, each cut just before a ``<``: no
    text node or attribute value holds a raw ``<``, so no value is ever cut in two."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        yield data.decode("utf-16")
        return
    start = 0
    while start < len(data):
        cut = data.find(b"<", start + _CHUNK)
        end = len(data) if cut < 0 else cut
        yield data[start:end].decode("utf-8", "replace")
        start = end


def _joined_paragraphs(data: bytes) -> Iterator[str]:
    """The text of each paragraph-like element with its runs joined (innermost first)."""
    events = etree.iterparse(
        io.BytesIO(data),
        events=("end",),
        tag=_PARAGRAPHS,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=True,
    )
    for _, element in events:
        yield "".join(element.itertext())
        element.clear(keep_tail=True)
