"""XML parsing that never resolves entities, loads a DTD or touches the network.

Office XML never carries a DOCTYPE, so any part that declares one is refused outright: this
covers external entities (XXE) and entity expansion (billion laughs) alike.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

from lxml import etree

from review_desk.core.errors import CorruptFileError, UnsafeContentError

_PROLOG_BYTES = 65536
_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
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


def reject_doctype(data: bytes, part: str, path: Path) -> None:
    # A DOCTYPE must precede the root element; dropping NULs also catches a UTF-16 encoded one.
    if _DOCTYPE.search(data[:_PROLOG_BYTES].replace(b"\x00", b"")):
        raise UnsafeContentError(f"{part} 含有 DOCTYPE/实体声明", path)


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
