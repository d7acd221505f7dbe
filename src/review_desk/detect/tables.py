"""Column-aware detection (issue 3 §5): a column headed 姓名/户主姓名/申请人 makes every cell a
PERSON, 身份证号/公民身份号码 an ID, 联系电话/手机 a phone, 家庭住址/住址 an address, with the
same validation per cell as in prose. Header cells themselves are labels, not values (POLICY §5).

Tables come in two shapes: real ones (DOCX tables, sheets: one block per cell, with its header)
and text ones (TXT with tabs, a PDF table read line by line: one block per row, cells separated
by blanks, under a header line). Both end up as :class:`Cell` spans with a role per block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from review_desk.core.document import Block, Document
from review_desk.core.findings import FindingType
from review_desk.detect.config import ColumnRules
from review_desk.detect.recognizers.resident_id import is_valid_resident_id

PERSON, RESIDENT_ID, PHONE, ADDRESS, BANK_CARD, HEALTH, ROSTER = (
    "person",
    "resident_id",
    "phone",
    "address",
    "bank_card",
    "health",
    "roster",
)
ROLE_TYPES = {
    PERSON: FindingType.PERSON,
    RESIDENT_ID: FindingType.CN_RESIDENT_ID,
    PHONE: FindingType.PHONE_NUMBER,
    ADDRESS: FindingType.ADDRESS,
    BANK_CARD: FindingType.BANK_CARD,
    HEALTH: FindingType.HEALTH_INFO,
}
_DECORATION = re.compile(r"[\s:：*＊()（）\[\]【】]|（.*?）|\(.*?\)")
#: A cell that says "nothing here" is not a value.
EMPTY_VALUES = frozenset({"", "无", "/", "-", "—", "空", "暂无", "健康", "良好", "正常", "否"})


@dataclass(frozen=True, slots=True)
class Cell:
    """A cell's span in the block's matching text and its column role (None: no role)."""

    start: int
    end: int
    role: str | None


@dataclass(frozen=True, slots=True)
class RowInfo:
    cells: tuple[Cell, ...]
    private: bool
    roster: bool
    #: A header row: labels, never values.
    label: bool = False


_TEXT_CELL = re.compile(r"[^\t]+|(?<=\t)(?=\t)")
_BLANK_CELL = re.compile(r"\S+")
#: A header line has short labels; a longer piece is prose.
_MAX_LABEL = 12
_VALUE_ROLES = frozenset({PERSON, RESIDENT_ID, PHONE, ADDRESS, BANK_CARD})


def split_cells(text: str) -> list[tuple[int, int]]:
    """Cells of a row written as text: tab-separated if it has tabs, else blank-separated."""
    pattern = _TEXT_CELL if "\t" in text else _BLANK_CELL
    return [m.span() for m in pattern.finditer(text)]


@dataclass(frozen=True, slots=True)
class TableInfo:
    headers: dict[int, str]
    roles: dict[int, str]
    private: bool
    roster: bool

    def is_label(self, block: Block) -> bool:
        """A header cell (its text is its column's header): a label, never a value. Loaders
        give the header row's own cells no header, so the text is compared with the column's."""
        header = self.headers.get(block.column) if block.column is not None else None
        return header is not None and block.text.strip() == header.strip()


def table_of(block: Block) -> str | None:
    """The table or sheet a cell belongs to: the id up to its first colon (``t0``, ``s1``)."""
    if block.column is None:
        return None
    table, colon, _ = block.id.partition(":")
    return table if colon else None


class ColumnRoles:
    def __init__(self, rules: ColumnRules) -> None:
        # Longer, more specific headers first: 户主姓名 is a person column, 身份证号 an ID one.
        self._exact: dict[str, str] = {}
        for role in (ROSTER, HEALTH, BANK_CARD, ADDRESS, PHONE, RESIDENT_ID, PERSON):
            for header in getattr(rules, role):
                self._exact.setdefault(header, role)

    def role(self, header: str | None) -> str | None:
        if not header:
            return None
        label = _DECORATION.sub("", header)
        if label in self._exact:
            return self._exact[label]
        if label.endswith("姓名") and len(label) <= 8:
            return PERSON
        if "身份证" in label or "身份号码" in label:
            return RESIDENT_ID
        return None

    def tables(self, document: Document) -> dict[str, TableInfo]:
        headers: dict[str, dict[int, str]] = {}
        for block in document.blocks:
            table = table_of(block)
            if table is not None and block.header and block.column is not None:
                headers.setdefault(table, {}).setdefault(block.column, block.header)
        found: dict[str, TableInfo] = {}
        for table, columns in headers.items():
            roles = {col: r for col, h in columns.items() if (r := self.role(h)) is not None}
            values = set(roles.values())
            roster = ROSTER in values
            found[table] = TableInfo(
                columns, roles, private=PERSON in values and not roster, roster=roster
            )
        return found

    def text_rows(self, lines: list[tuple[str, str]]) -> dict[str, RowInfo]:
        """Rows of text tables among consecutive body blocks, given as (block id, text): a header
        line of known labels, then every following line with as many cells."""
        rows: dict[str, RowInfo] = {}
        header: list[str | None] | None = None
        private = roster = False
        for block_id, text in lines:
            spans = split_cells(text)
            if header is not None and len(spans) == len(header):
                cells = tuple(Cell(s, e, role) for (s, e), role in zip(spans, header, strict=True))
                rows[block_id] = RowInfo(cells, private, roster)
                continue
            header = self._header(text, spans)
            if header is not None:
                roles = set(header)
                roster = ROSTER in roles
                private = PERSON in roles and not roster
                rows[block_id] = RowInfo((), private, roster, label=True)
        return rows

    def _header(self, text: str, spans: list[tuple[int, int]]) -> list[str | None] | None:
        labels = [text[s:e] for s, e in spans]
        if len(labels) < 3 or any(len(label) > _MAX_LABEL for label in labels):
            return None
        roles = [self.role(label) for label in labels]
        if sum(r is not None for r in roles) < 2 or not _VALUE_ROLES & set(roles):
            return None
        return roles


def cell_value(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of a cell's value without surrounding blanks, or None when it says nothing."""
    cell = text[start:end]
    stripped = cell.strip()
    if stripped in EMPTY_VALUES:
        return None
    first = start + cell.index(stripped)
    return first, first + len(stripped)


def id_cell_note(value: str) -> str:
    compact = value.replace(" ", "")
    if len(compact) in (15, 18) and is_valid_resident_id(compact):
        return "valid ID"
    return "value in an ID column that does not validate"
