"""Text that came out of a file garbled: a notice per block, so it is not taken as reviewed.

A PDF font without a Unicode map gives "(cid:2547)" runs or private-use characters, UTF-16 read
as something else gives a NUL between letters, broken bytes give U+FFFD. None of these can hold
a finding a detector would see, so the reviewer must read the original.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from review_desk.core.cells import texts_of
from review_desk.core.document import Block, Notice

_SUSPICIOUS_CHARS = r"[\x00\ufffd\ue000-\uf8ff]"
_SUSPICIOUS = re.compile(rf"\(cid:\d+\)|{_SUSPICIOUS_CHARS}")
#: The look over a batch: the start of a cid run found as a substring, the characters by a class
#: alone (an alternation is tried at every character: 2.5 times as slow on a sheet's text).
_CID_START = "(cid:"
_ODD_CHAR = re.compile(_SUSPICIOUS_CHARS)
#: Share of a block's characters that must be suspicious for it to count as garbled.
_GARBLED_SHARE = 0.2
_MIN_HITS = 3
#: Blocks joined per regex search: one C-level pass instead of one call per cell.
_BATCH = 4096
_NAMED = 10


def garbled_notices(blocks: Sequence[Block], notices: Sequence[Notice]) -> list[Notice]:
    named = {notice.block for notice in notices if notice.block}
    garbled = [block.id for block in _garbled(blocks) if block.id not in named]
    found = [
        Notice(
            "garbled_text",
            "此处提取出的文字是乱码（字体缺少编码或编码有误），须对照原件人工审查",
            block_id,
        )
        for block_id in garbled[:_NAMED]
    ]
    if len(garbled) > _NAMED:
        found.append(
            Notice("garbled_text", f"共有 {len(garbled)} 处文字提取为乱码，须对照原件人工审查")
        )
    return found


def _garbled(blocks: Sequence[Block]) -> list[Block]:
    found = []
    for start in range(0, len(blocks), _BATCH):
        # Texts first: a sheet's cells are made into blocks only where one is garbled.
        texts = texts_of(blocks, start, start + _BATCH)
        joined = "\n".join(texts)
        if _CID_START in joined or _ODD_CHAR.search(joined):
            found += [blocks[start + i] for i, text in enumerate(texts) if _is_garbled(text)]
    return found


def _is_garbled(text: str) -> bool:
    hits = _SUSPICIOUS.findall(text)
    if len(hits) < _MIN_HITS:
        return False
    return sum(map(len, hits)) >= _GARBLED_SHARE * len(text)
