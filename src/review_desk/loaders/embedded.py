"""Documents inside documents: an embedded DOCX/XLSX/PDF, a PDF attachment, a DOCX altChunk.

They travel with the published file and often hold the very list the cover letter describes, so
they are read with the reader of their own format, inside the budget of the outer file and one
level deeper (``budget.nested``). Their block ids carry the place they came from (``emb0:p3``,
``att1:s0:r2:c1``); what cannot be read becomes a notice naming it, never a silent gap.
"""

from __future__ import annotations

import dataclasses
import io
import struct
from collections.abc import Sequence
from pathlib import Path, PurePosixPath

import olefile  # type: ignore[import-untyped]

from review_desk.core.document import Block, Notice
from review_desk.core.errors import LoadError, UnsupportedFormatError
from review_desk.loaders import budget
from review_desk.loaders._zip import SafeZip
from review_desk.loaders.limits import limits
from review_desk.loaders.sniff import Kind, sniff

Loaded = tuple[list[Block], list[Notice]]
_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

#: The suffix whose reader handles each kind (text by its own name: .csv or .txt).
_SUFFIX_OF_KIND = {
    Kind.PDF: ".pdf",
    Kind.DOCX: ".docx",
    Kind.XLSX: ".xlsx",
    Kind.ODS: ".ods",
    Kind.WORD_BINARY: ".doc",
    Kind.EXCEL_BINARY: ".xls",
}


def read_embedded(data: bytes, name: str, prefix: str, path: Path) -> Loaded:
    """Blocks and notices of the document ``data`` (called ``name`` in its container), their
    ids prefixed with ``prefix`` (e.g. ``"emb0"``)."""
    with budget.nested() as spent:
        if spent.depth > limits().reading.max_embedding_depth:
            return [], [unread_notice(name, prefix, "嵌套层次过深")]
        try:
            blocks, notices = _read(_unwrap_ole(data), name, path)
        except LoadError as error:
            return [], [unread_notice(name, prefix, error.detail or error.summary)]
    read = Notice(
        "embedded_read",
        f"内嵌文档“{name}”已读取并审查；删减导出不会处理其内容，须人工处理",
        prefix,
    )
    return [_prefixed(block, prefix) for block in blocks], [
        read,
        *(_prefixed_notice(notice, prefix, name) for notice in notices),
    ]


def unread_notice(name: str, prefix: str, reason: str) -> Notice:
    return Notice("embedded_unread", f"内嵌对象“{name}”未能读取（{reason}），须人工审查", prefix)


def _read(data: bytes, name: str, path: Path) -> tuple[Sequence[Block], list[Notice]]:
    from review_desk.loaders import reader_for  # the registry imports this module

    kind = sniff(data, Path(name))
    suffix = _SUFFIX_OF_KIND.get(kind) or PurePosixPath(name.lower()).suffix
    if suffix not in (*_SUFFIX_OF_KIND.values(), ".txt", ".csv"):
        # Bytes that merely look like text (an OLE object's private data) are no document.
        raise UnsupportedFormatError("无法识别的格式", path)
    return reader_for(suffix)(data, path)


def _prefixed(block: Block, prefix: str) -> Block:
    return dataclasses.replace(block, id=f"{prefix}:{block.id}")


def _prefixed_notice(notice: Notice, prefix: str, name: str) -> Notice:
    where = f"{prefix}:{notice.block}" if notice.block else prefix
    return Notice(notice.key, f"内嵌文档“{name}”：{notice.message}", where)


def _unwrap_ole(data: bytes) -> bytes:
    """The file inside an OLE object (``oleObject1.bin``): an OOXML "Package" stream, or the
    file of an OLE 1.0 "Ole10Native" package; anything else is returned as it is."""
    if not data.startswith(_CFB_MAGIC):
        return data
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            if ole.exists("Package"):
                return bytes(ole.openstream("Package").read())
            if ole.exists("\x01Ole10Native"):
                return _ole10_native(bytes(ole.openstream("\x01Ole10Native").read()))
    except Exception:  # olefile raises bare OSError/IndexError/struct errors on junk
        return data  # then sniffing names it unreadable
    return data


def _ole10_native(stream: bytes) -> bytes:
    """OLE 1.0 packager layout: size, flags, label, source path, reserved, temp path, data."""
    offset = 6
    for _ in range(2):  # the label and the source path, NUL-terminated
        offset = stream.index(b"\x00", offset) + 1
    offset += 4
    (length,) = struct.unpack_from("<I", stream, offset)
    offset += 4 + length  # the temporary path the packager used
    (size,) = struct.unpack_from("<I", stream, offset)
    return stream[offset + 4 : offset + 4 + size]


def part_label(part: str) -> str:
    return PurePosixPath(part).name


def package_embeddings(package: SafeZip, folder: str, path: Path) -> Loaded:
    """Every object embedded in an OOXML package (``word/embeddings/``, ``xl/embeddings/``),
    read as a document of its own (``emb0:…``, ``emb1:…``, in part order)."""
    blocks: list[Block] = []
    notices: list[Notice] = []
    parts = sorted(n for n in package.names() if n.startswith(f"{folder}embeddings/"))
    for index, part in enumerate(p for p in parts if not p.endswith("/")):
        found, said = read_embedded(package.read(part), part_label(part), f"emb{index}", path)
        blocks += found
        notices += said
    return blocks, notices
