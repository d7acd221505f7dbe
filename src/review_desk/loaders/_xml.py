"""XML parsing that never resolves entities, loads a DTD or touches the network.

Office XML never carries a DOCTYPE, so any part that declares one is refused outright: this
covers external entities (XXE) and entity expansion (billion laughs) alike. The whole part is
searched, not its first bytes: a prolog may be padded with megabytes of comments.
"""

from __future__ import annotations

import codecs
import re
import threading
from pathlib import Path

from lxml import etree

from review_desk.core.errors import CorruptFileError, UnsafeContentError

_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
#: How XML encoded in UTF-16 or UTF-32 starts: with a byte order mark or "<" next to a NUL.
_WIDE_STARTS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, b"<\x00", b"\x00<")
#: Bytes carried from one chunk to the next, so a declaration split between them is still found.
_OVERLAP = 64
_PARSERS = threading.local()  # an lxml parser must not be shared between threads


def _parser() -> etree.XMLParser:
    parser: etree.XMLParser | None = getattr(_PARSERS, "parser", None)
    if parser is None:
        parser = etree.XMLParser(
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            dtd_validation=False,
            huge_tree=False,
            remove_comments=True,
            remove_pis=True,
        )
        _PARSERS.parser = parser
    return parser


class DoctypeScanner:
    """Looks for a DOCTYPE or ENTITY declaration in a part fed chunk by chunk."""

    def __init__(self, part: str, path: Path) -> None:
        self._part = part
        self._path = path
        self._wide: bool | None = None
        self._tail = b""

    def feed(self, chunk: bytes) -> None:
        if self._wide is None:
            self._wide = chunk.startswith(_WIDE_STARTS)
        if self._wide:
            # Dropping NULs turns UTF-16 "<\0!\0D\0…" into ASCII; chunks have even sizes.
            chunk = chunk.replace(b"\x00", b"")
        if _DOCTYPE.search(self._tail + chunk):
            raise UnsafeContentError(f"{self._part} 含有 DOCTYPE/实体声明", self._path)
        self._tail = chunk[-_OVERLAP:]


def reject_doctype(data: bytes, part: str, path: Path) -> None:
    scanner = DoctypeScanner(part, path)
    scanner.feed(data)


def parse_xml(data: bytes, part: str, path: Path) -> etree._Element:
    reject_doctype(data, part, path)
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as error:
        raise CorruptFileError(f"{part} 不是有效的 XML", path) from error
    if root is None:
        raise CorruptFileError(f"{part} 为空", path)
    if getattr(root.getroottree().docinfo, "doctype", ""):
        raise UnsafeContentError(f"{part} 含有 DOCTYPE 声明", path)
    return root
