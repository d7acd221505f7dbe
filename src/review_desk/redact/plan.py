"""From the reviewer's redactions to the new text of each block, character by character.

Every writer needs the same thing: for each character of a block's original text, what takes
its place. Keeping that per character (not per block) lets the DOCX writer put each masked
character back into the run that held it, and the PDF writer box exactly the masked glyphs.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from review_desk.core.document import Document
from review_desk.core.findings import FindingType
from review_desk.redact.errors import InvalidRedactionError
from review_desk.redact.masking import Masker


# Slots: a recipient sheet gives 640,000 redactions, and a __dict__ each costs ~70 MB more.
@dataclass(frozen=True, slots=True)
class Redaction:
    """One span to remove, from the reviewer's decisions (offsets in the block's original text).

    ``keep_start``/``keep_end`` record an edit decision: keep that many first/last characters
    and mask the rest; both None means the type's default mask from rules/masking.yaml.
    """

    block: str
    start: int
    end: int
    type: FindingType
    keep_start: int | None = None
    keep_end: int | None = None


class BlockEdit:
    """What replaces each character of a block's ``original`` text.

    Masks keep the length, so the common case is a new string of the same length; only a
    replacement of another length ("【已删除】") needs a list of pieces, where ``piece(i)`` is
    the text standing for character i ("" where a longer span was cut).
    """

    __slots__ = ("_pieces", "_text", "original")

    def __init__(self, original: str) -> None:
        self.original = original
        self._text = original
        self._pieces: list[str] | None = None

    @property
    def text(self) -> str:
        return self._text if self._pieces is None else "".join(self._pieces)

    def piece(self, index: int) -> str:
        return self._text[index] if self._pieces is None else self._pieces[index]

    def changed(self, index: int) -> bool:
        return self.piece(index) != self.original[index]

    def apply(self, start: int, end: int, masked: str) -> None:
        """Write one mask over ``start:end``; where spans overlap, masking always wins."""
        if self._pieces is None and len(masked) == end - start:
            current = self._text[start:end]
            original = self.original[start:end]
            if current != original:  # an overlapping mask got here first: keep what it masked
                masked = "".join(
                    c if c != o else m for m, o, c in zip(masked, original, current, strict=True)
                )
            self._text = self._text[:start] + masked + self._text[end:]
            return
        pieces = self._pieces if self._pieces is not None else list(self._text)
        if len(masked) == end - start:
            for offset, char in enumerate(masked):
                if pieces[start + offset] == self.original[start + offset]:
                    pieces[start + offset] = char
        else:
            pieces[start:end] = [masked] + [""] * (end - start - 1)
        self._pieces = pieces


class RedactedValue(NamedTuple):
    """A value that must not be found in the output, and where it was (a tuple: a frozen
    dataclass is several times slower to create, and a sheet has hundreds of thousands)."""

    value: str
    type: FindingType
    block: str
    block_only: bool


class Edits(Mapping[str, BlockEdit]):
    """Block id → its BlockEdit, built when a writer asks for it: a recipient sheet holding all
    640,000 at once would cost more memory than its XML."""

    def __init__(self, document: Document, masker: Masker) -> None:
        self._document = document
        self._masker = masker
        # Most blocks hold one redaction: a list for each would cost 60 MB on a big sheet.
        self._spans: dict[str, Redaction | list[Redaction]] = {}

    def add(self, redaction: Redaction) -> str:
        """Record one redaction; returns the block's original text (checked to exist)."""
        text = self._document.block(redaction.block).text
        held = self._spans.setdefault(redaction.block, redaction)
        if held is not redaction:
            if isinstance(held, Redaction):
                self._spans[redaction.block] = [held, redaction]
            else:
                held.append(redaction)
        return text

    def __getitem__(self, block_id: str) -> BlockEdit:
        edit = BlockEdit(self._document.block(block_id).text)
        held = self._spans[block_id]
        for r in [held] if isinstance(held, Redaction) else held:
            value = edit.original[r.start : r.end]
            edit.apply(r.start, r.end, self._masker.mask(r.type, value, r.keep_start, r.keep_end))
        return edit

    def texts(self, block_id: str) -> tuple[str, str]:
        """(original, new text) of a block: for one same-length mask, without a BlockEdit (a
        sheet asks this 640,000 times)."""
        held = self._spans[block_id]
        text = self._document.block(block_id).text
        if isinstance(held, Redaction) and held.keep_start is None and held.keep_end is None:
            masked = self._masker.mask(held.type, text[held.start : held.end])
            if len(masked) == held.end - held.start:
                return text, text[: held.start] + masked + text[held.end :]
        edit = self[block_id]
        return edit.original, edit.text

    def __iter__(self) -> Iterator[str]:
        return iter(self._spans)

    def __len__(self) -> int:
        return len(self._spans)

    def clear(self) -> None:
        self._spans.clear()


@dataclass
class EditPlan:
    edits: Edits
    values: list[RedactedValue]
    count: int
    masker: Masker


@dataclass(frozen=True)
class WriteJob:
    """Everything a writer needs: the reviewed bytes, what they were loaded as, and the edits."""

    data: bytes
    source: Path
    document: Document
    plan: EditPlan
    chain_head: str
    pdf_dpi: int
    #: Pages withheld whole: a blank page with the note takes each one's place (withheld.py).
    withheld_pages: frozenset[int] = frozenset()


def plan_edits(document: Document, redactions: Sequence[Redaction], masker: Masker) -> EditPlan:
    """Check every redaction against the loaded document; the masks are computed as written."""
    edits = Edits(document, masker)
    values: list[RedactedValue] = []
    for redaction in redactions:
        text = _block_text(edits, redaction, document)
        _check_span(text, redaction, document)
        value = text[redaction.start : redaction.end]
        block_only = masker.block_only(redaction.type, value)
        values.append(RedactedValue(value, redaction.type, redaction.block, block_only))
    return EditPlan(edits, values, len(redactions), masker)


def _block_text(edits: Edits, redaction: Redaction, document: Document) -> str:
    try:
        return edits.add(redaction)
    except KeyError:
        raise InvalidRedactionError(f"找不到块 {redaction.block}", document.path) from None


def _check_span(text: str, redaction: Redaction, document: Document) -> None:
    if not 0 <= redaction.start < redaction.end <= len(text):
        raise InvalidRedactionError(
            f"块 {redaction.block} 长 {len(text)} 字，删减位置 {redaction.start}–{redaction.end} 越界",
            document.path,
        )
    first, last = redaction.keep_start or 0, redaction.keep_end or 0
    if min(first, last) < 0 or first + last >= redaction.end - redaction.start:
        raise InvalidRedactionError(
            f"块 {redaction.block} 的编辑遮盖保留 {first}+{last} 字，不少于被删减内容的长度",
            document.path,
        )


def check_found(found: str, original: str, block_id: str, path: Path) -> None:
    """A writer found the block's text again: it must be what the reviewer saw."""
    if found != original:
        raise InvalidRedactionError(f"块 {block_id} 的文字与审查时读取的不一致", path)
