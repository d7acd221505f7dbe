"""DOCX altChunk parts: HTML, MHT, plain text or a whole DOCX that Word shows in the body.

Some systems assemble a notice by pasting HTML into a DOCX as an "alternative format chunk";
Word renders it as ordinary body text, so it is read as such: block ids ``ac{k}:p{m}`` for the
k-th chunk of the document. An embedded DOCX goes to the DOCX reader (``embedded``); RTF is not
read and says so.
"""

from __future__ import annotations

import email
import email.policy
import re
from pathlib import Path

from lxml import etree

from review_desk.core.document import Block, BlockKind, Notice
from review_desk.loaders.embedded import Loaded, read_embedded, unread_notice
from review_desk.loaders.text import decode_text, split_lines

_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "li",
        "tr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "table",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "pre",
        "section",
        "article",
        "br",
    ]
)
_CELL_TAGS = frozenset({"td", "th"})
_DROPPED_TAGS = frozenset({"script", "style", "head", "title"})
_CHARSET = re.compile(rb"charset=[\"']?([A-Za-z0-9_-]{1,40})", re.I)
_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|body|p|div|table)\b", re.I | re.S
)


def read_alt_chunk(data: bytes, name: str, prefix: str, path: Path) -> Loaded:
    if data.startswith(b"PK"):
        return read_embedded(data, name, prefix, path)
    head = data[:4096].removeprefix(b"\xef\xbb\xbf")
    if head.lstrip().startswith(b"{\\rtf"):
        return [], [unread_notice(name, prefix, "RTF 格式的 altChunk")]
    if head.lower().lstrip().startswith(b"mime-version"):
        text = _mime_text(data, path)
    elif _HTML_START.match(head) or name.lower().endswith((".htm", ".html", ".xhtml")):
        text = html_text(data, path)
    else:
        text, _ = decode_text(data, path)
    blocks = [
        Block(f"{prefix}:p{index}", BlockKind.PARAGRAPH, line)
        for index, line in enumerate(split_lines(text))
        if line.strip()
    ]
    notice = Notice(
        "alt_chunk",
        f"文档以 altChunk 方式嵌入了“{name}”（Word 把它显示为正文），已读取审查；"
        "删减导出不会处理其内容，须人工处理",
        prefix,
    )
    return blocks, [notice]


def html_text(data: bytes, path: Path) -> str:
    """The text of an HTML document, a line per block element and a tab between cells."""
    parser = etree.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)
    root = etree.fromstring(_html_source(data, path), parser)
    if root is None:
        return ""
    pieces: list[str] = []
    _walk(root, pieces)
    return "".join(pieces)


def _html_source(data: bytes, path: Path) -> str:
    """The HTML as text: in the charset its head declares, else as a text file is decoded
    (lxml would take undeclared bytes for Latin-1)."""
    declared = _CHARSET.search(data[:4096])
    if declared is not None:
        try:
            return data.decode(declared.group(1).decode("ascii"), "replace")
        except LookupError:
            pass
    text, _ = decode_text(data, path)
    return text


def _walk(element: etree._Element, pieces: list[str]) -> None:
    tag = element.tag.lower() if isinstance(element.tag, str) else ""
    if tag in _DROPPED_TAGS:
        pieces.append(element.tail or "")
        return
    pieces.append(element.text or "")
    for child in element:
        _walk(child, pieces)
    if tag in _BLOCK_TAGS:
        pieces.append("\n")
    elif tag in _CELL_TAGS:
        pieces.append("\t")
    pieces.append(element.tail or "")


def _mime_text(data: bytes, path: Path) -> str:
    """The first HTML (or else plain text) part of an MHT archive."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    plain = ""
    for part in message.walk():
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            continue
        if part.get_content_type() == "text/html":
            return html_text(payload, path)
        if part.get_content_type() == "text/plain" and not plain:
            plain = payload.decode(part.get_content_charset() or "utf-8", "replace")
    return plain
