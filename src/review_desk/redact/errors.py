"""Errors of the redacted export: each says what went wrong and that nothing was left behind."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from review_desk.core.errors import ReviewDeskError

#: A residue message lists this many places, then a count: the reviewer needs where to look,
#: not a thousand lines.
_LISTED_PLACES = 20


class RedactionError(ReviewDeskError):
    key = "redaction_failed"
    summary = "生成删减后的文件失败，未留下任何输出文件"


class InvalidRedactionError(RedactionError):
    key = "redaction_invalid"
    summary = "删减位置与文件内容不符"


class OutputIsSourceError(RedactionError):
    key = "redaction_output_is_source"
    summary = "输出位置与原文件相同，已拒绝覆盖原文件"


class UnsupportedRedactionError(RedactionError):
    key = "redaction_unsupported"
    summary = "该格式暂不支持生成删减后的文件"


class ResidueError(RedactionError):
    """The written copy still holds a redacted value: it has been deleted."""

    key = "redaction_residue"
    summary = "删减后的文件中仍能找到应删除的内容，该文件已删除"

    def __init__(self, places: Sequence[str], path: Path | str | None = None) -> None:
        self.places = list(places)
        shown = "；".join(self.places[:_LISTED_PLACES])
        more = len(self.places) - _LISTED_PLACES
        tail = f"；等共 {len(self.places)} 处" if more > 0 else ""
        super().__init__(f"{shown}{tail}", path)
