"""DOCX: each masked character written into the run that held it, then every hidden place purged.

Masks go in first, through ``docx_map`` (the loader's block ids, mapped to the ``w:t``,
``w:instrText`` and attributes that hold each character), so a value split across three runs
is masked in all three and every run keeps its formatting. Then ``docx_purge`` removes what a
published copy must not carry at all: comments and their authors, tracked changes (insertions
accepted, deletions dropped), hidden text, the fallback copies of text boxes, document
variables, custom XML, the glossary, embedded objects, the thumbnail and every package property.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from review_desk.redact.docx_map import DocxMap, Part, Segment, part_text
from review_desk.redact.docx_purge import purge
from review_desk.redact.errors import InvalidRedactionError
from review_desk.redact.masking import Masker
from review_desk.redact.ooxml import Package
from review_desk.redact.plan import BlockEdit, RedactedValue, WriteJob, check_found

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_INSTRUCTION, _SIMPLE_FIELD, _INSTR = _W + "instrText", _W + "fldSimple", _W + "instr"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
#: Blocks in places removed whole: comments (``c{id}:…``), properties, embedded documents
#: (``emb{k}:…``) and redacted altChunks (``ac{k}:…``, imported HTML or RTF).
_REMOVED_WHOLE = re.compile(r"c-?\d+:|prop:|emb\d+:|ac\d+:")
_ALT_CHUNK_ID = re.compile(r"ac(\d+):")
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def write_docx(job: WriteJob, out: Path) -> None:
    package = Package(job.data, job.source)
    mapping = DocxMap(package)
    places = mapping.places
    edits = _SegmentEdits()
    for block_id, edit in job.plan.edits.items():
        parts = places.get(block_id)
        if parts is None:
            if _REMOVED_WHOLE.match(block_id):
                continue
            raise InvalidRedactionError(f"块 {block_id} 在文件中找不到", job.source)
        check_found("".join(part_text(part) for part in parts), edit.original, block_id, job.source)
        edits.add(parts, edit)
    edits.flush()
    _drop_redacted_alt_chunks(package, mapping.alt_chunks, job.plan.edits)
    _sweep_field_codes(package, job.plan.values, job.plan.masker)
    purge(package)
    package.replace_properties(job.chain_head)
    package.save(out)


def _drop_redacted_alt_chunks(
    package: Package, chunks: list[etree._Element], edits: Iterable[str]
) -> None:
    """An imported chunk with a redaction in it goes whole, with its part: its HTML or RTF is
    not written back character by character."""
    doomed = {int(m.group(1)) for block_id in edits if (m := _ALT_CHUNK_ID.match(block_id))}
    targets = {rel.get("Id"): target for rel, target in package.relationships("word/document.xml")}
    parts = set()
    for index in doomed:
        chunk = chunks[index]
        parts.add(targets.get(chunk.get(_R_ID)))
        parent = chunk.getparent()
        if parent is not None:
            parent.remove(chunk)
    package.remove(lambda name: name in parts)


def _sweep_field_codes(package: Package, values: list[RedactedValue], masker: Masker) -> None:
    """Field instructions other than HYPERLINK (``QUOTE "…"``, ``MERGEFIELD``) are read by no
    loader, so no block points into them: every redacted value found there is masked too (with
    its type's default mask)."""
    masks = {v.value: masker.mask(v.type, v.value) for v in values if not v.block_only}
    if not masks:
        return
    pattern = re.compile("|".join(re.escape(v) for v in sorted(masks, key=len, reverse=True)))
    for name in package.names():
        if not (name.startswith("word/") and name.endswith(".xml")):
            continue
        root = package.xml(name)
        for element in root.iter(_INSTRUCTION):
            element.text = pattern.sub(lambda m: masks[m.group(0)], element.text or "")
        for element in root.iter(_SIMPLE_FIELD):
            element.set(_INSTR, pattern.sub(lambda m: masks[m.group(0)], element.get(_INSTR, "")))


@dataclass
class _Edited:
    """The new characters of one element's text or attribute (several blocks may share it:
    one hyperlink relationship serves every link to the same address)."""

    segment: Segment
    original: str
    pieces: list[str]

    def put(self, index: int, piece: str) -> None:
        if self.pieces[index] == self.original[index]:  # masking always wins
            self.pieces[index] = piece


class _SegmentEdits:
    def __init__(self) -> None:
        self._edited: dict[tuple[int, str | None], _Edited] = {}

    def add(self, parts: list[Part], edit: BlockEdit) -> None:
        offset = 0
        # A replacement that begins on a tab or a line break (which hold no text) is carried
        # to the next character that does.
        carried = ""
        last: tuple[_Edited, int] | None = None
        for part in parts:
            length = len(part_text(part))
            if isinstance(part, str):
                carried += _replacements_on(part, offset, edit)
            else:
                entry = self._entry(part)
                for i in range(length):
                    if carried or edit.changed(offset + i):
                        entry.put(part.base + i, carried + edit.piece(offset + i))
                        carried = ""
                if length:
                    last = (entry, part.base + length - 1)
            offset += length
        if carried and last is not None:
            last[0].pieces[last[1]] += carried

    def _entry(self, segment: Segment) -> _Edited:
        key = (id(segment.element), segment.attribute)
        entry = self._edited.get(key)
        if entry is None:
            full = segment.full
            entry = self._edited[key] = _Edited(segment, full, list(full))
        return entry

    def flush(self) -> None:
        for entry in self._edited.values():
            text = "".join(entry.pieces)
            element, attribute = entry.segment.element, entry.segment.attribute
            if attribute is not None:
                element.set(attribute, text)
                continue
            element.text = text
            if text != text.strip():
                element.set(_XML_SPACE, "preserve")


def _replacements_on(fixed: str, offset: int, edit: BlockEdit) -> str:
    pieces = (edit.piece(offset + i) for i in range(len(fixed)) if edit.changed(offset + i))
    return "".join(piece for piece in pieces if piece)
