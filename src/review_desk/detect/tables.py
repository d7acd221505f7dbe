"""Column-aware detection (issue 3 §5): a column headed 姓名/户主姓名/申请人 makes every cell a
PERSON, 身份证号/公民身份号码 an ID, 联系电话/手机 a phone, 家庭住址/住址 an address, with the
same validation per cell as in prose. Header cells themselves are labels, not values (POLICY §5).

Tables come in two shapes: real ones (DOCX tables, sheets: one block per cell, with its header),
read here, and text ones (TXT with tabs, a PDF table read line by line: one block per row, cells
separated by blanks, under a header line), read by ``text_tables.py``. Both end up as
:class:`Cell` spans with a role per block.

Not every row of a real table is a record. A sheet carries its title above the header and its
notes and footers below the rows ("监督电话：…"): those rows are prose, read like paragraphs with
their own context. A key–value form (申请表, 审批表) puts a label in one cell and its value, or a
blank, beside it: the label is never a value, the value is judged by its label, and a small table
inside the form (家庭成员姓名 | 关系 | 年龄) has its own header row. The words for all of this are
in `rules/tables.yaml`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import TypeVar

import numpy as np

from review_desk.core.cells import CellRun, CellStore
from review_desk.core.document import Block, BlockKind
from review_desk.core.findings import FindingType
from review_desk.detect.config import TableRules
from review_desk.detect.form_rows import has_pair, header_labels, value_of_label
from review_desk.detect.recognizers.disability_cert import is_valid_disability_cert
from review_desk.detect.recognizers.resident_id import is_valid_resident_id

PERSON, RESIDENT_ID, PHONE, ADDRESS, BANK_CARD, HEALTH, ROSTER, PLACE = (
    "person",
    "resident_id",
    "phone",
    "address",
    "bank_card",
    "health",
    "roster",
    # Land, a site, a route (被征收土地位置, 地块位置, 四至): a place, nobody's home.
    "place",
)
#: A column of the office's staff in a list of private persons (经办人, 审核人): kept.
STAFF = "staff"
#: The head of an organisation a table lists (负责人 beside 企业名称): theirs is the assistance a
#: list of assistance gives the organisation; published with it otherwise (行政许可 双公示).
ORGANISATION_HEAD = "organisation_head"
#: An organisation's own address and office line (单位地址, the address column of a table of
#: schools): a workplace, kept. A column naming organisations (学校, 单位名称) makes a table
#: without a person column a table of organisations.
PREMISES, ORGANISATION = "premises", "organisation"
ROLE_TYPES = {
    PERSON: FindingType.PERSON,
    RESIDENT_ID: FindingType.CN_RESIDENT_ID,
    PHONE: FindingType.PHONE_NUMBER,
    ADDRESS: FindingType.ADDRESS,
    BANK_CARD: FindingType.BANK_CARD,
    HEALTH: FindingType.HEALTH_INFO,
}
#: Blanks, colons, stars and brackets around a label, and a bracketed aside inside it
#: ("月保障金（元）", "身份证号码(18位)"): the aside first, so that its words go with it.
_DECORATION = re.compile(r"（.*?）|\(.*?\)|[\s:：*＊()（）\[\]【】]")


def bare_label(label: str) -> str:
    """A label without its decoration and asides: 月保障金（元） → 月保障金."""
    return _DECORATION.sub("", label)


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
    #: A header row or a form's label: labels, never values.
    label: bool = False
    #: A label that reports nothing, not even a health term: a form's printed field names, the
    #: header of a health column (残疾类型 names a category, not anyone's condition).
    quiet: bool = False


_CELL_KINDS = frozenset({BlockKind.TABLE_CELL, BlockKind.SHEET_CELL})


class Place(Enum):
    """What a cell of a real table is."""

    VALUE = "value"
    LABEL = "label"
    #: A title, note or footer: prose with its own context, no record of the table.
    PROSE = "prose"


@dataclass(frozen=True, slots=True)
class Layout:
    place: Place
    role: str | None = None
    quiet: bool = False


_PROSE = Layout(Place.PROSE)
_LABEL = Layout(Place.LABEL)
_QUIET_LABEL = Layout(Place.LABEL, quiet=True)
_NO_ROLE = Layout(Place.VALUE)


@dataclass(frozen=True, slots=True)
class TableInfo:
    headers: dict[int, str]
    roles: dict[int, str]
    private: bool
    roster: bool
    #: The first row of records: the rows above are the title and the header.
    body_start: int = 0
    #: Rows among the records that are notes or footers.
    prose_rows: frozenset[int] = frozenset()
    #: A key–value form, laid out cell by cell: (row, column) → what the cell is.
    form: dict[tuple[int, int], Layout] | None = None
    #: What a record's cell is, by column (one object per column, not per cell).
    values: dict[int, Layout] = field(default_factory=dict)

    def is_label(self, column: int, text: str) -> bool:
        """A header cell (its text is its column's header): a label, never a value. Loaders
        give the header row's own cells no header, so the text is compared with the column's."""
        header = self.headers.get(column)
        return header is not None and text.strip() == header.strip()

    def layout(self, block: Block) -> Layout:
        """What the block, a cell of this table, is."""
        return self.layout_at(block.row or 0, block.column or 0, block.text)

    def layout_at(self, row: int, column: int, text: str) -> Layout:
        """What the cell at (row, column) with this (original) text is."""
        if self.form is not None:
            return self.form.get((row, column), _PROSE)
        if self.is_label(column, text):
            return _QUIET_LABEL if self.roles.get(column) == HEALTH else _LABEL
        if row < self.body_start or row in self.prose_rows:
            return _PROSE
        return self.values.get(column, _NO_ROLE)


def table_of(block: Block) -> str | None:
    """The table or sheet a cell belongs to: its id up to the row (``t0``, ``s1``, a nested
    ``t0:r1:c2:t0``). A comment on a cell has the cell's position but is no cell."""
    if block.column is None or block.kind not in _CELL_KINDS:
        return None
    table, marker, _ = block.id.rpartition(":r")
    return table if marker else None


@dataclass(slots=True)
class _TableScan:
    """What one pass over a table's blocks gathers: headers, where the records start, the rows
    that are prose, and (for a small table) every cell, to lay out a form."""

    headers: dict[int, str] = field(default_factory=dict)
    body_start: int | None = None
    #: Rows whose cells all read as prose, or whose one cell is long.
    prose_rows: set[int] = field(default_factory=set)
    #: Rows of one short cell, by row: prose unless the cell's column holds values.
    single_cells: dict[int, int] = field(default_factory=dict)
    cells: list[tuple[int, int, str]] | None = field(default_factory=list)
    row: int = -1
    row_cells: int = 0
    row_prose: bool = True
    last_text: str = ""
    last_column: int = 0
    #: Values under a person column, and how many of them are masked (张*明, 李某某).
    people: int = 0
    masked_people: int = 0


@dataclass(slots=True)
class _FormReading:
    """Where a walk down a form's rows is."""

    width: int
    layout: dict[tuple[int, int], Layout] = field(default_factory=dict)
    #: Rows of fields seen: a table is a form when it has enough.
    pairs: int = 0
    #: The roles of the columns of a table inside the form, under its header row.
    sub_header: dict[int, str | None] | None = None
    #: Before the first field, a loose row is the form's title; after it, free text the form's
    #: subject wrote (a 申请事由 under its label), which is theirs as any value is.
    loose: Layout = _PROSE


class ColumnRoles:
    def __init__(self, rules: TableRules) -> None:
        self._rules = rules
        # Longer, more specific headers first: 户主姓名 is a person column, 身份证号 an ID one.
        self._exact: dict[str, str] = {}
        roles = (ROSTER, HEALTH, BANK_CARD, PREMISES, ADDRESS, PHONE, RESIDENT_ID, PERSON, PLACE)
        for role in (*roles, STAFF, ORGANISATION):
            for header in getattr(rules.columns, role):
                self._exact.setdefault(header, role)
        self._form_labels = frozenset(rules.forms.labels)
        self._label_suffixes = tuple(rules.forms.label_suffixes)
        self._label_prefixes = tuple(rules.forms.label_prefixes)
        marks = sorted(rules.prose_rows.marks)
        self._prose_mark = re.compile("|".join(map(re.escape, marks)) if marks else _NEVER)
        self._empty = frozenset(rules.empty_values)
        self._masks = frozenset(rules.masked_name_chars)
        self._boxes = frozenset(rules.choices.unticked)
        self._ticks = frozenset(rules.choices.ticked)
        self._header_roles: dict[str, object] = {}
        self._ordinals = rules.header.ordinal_chars
        self._heads = frozenset(rules.columns.organisation_head)
        self._staff_suffixes = tuple(rules.header.staff_suffixes)
        self._phone_suffixes = tuple(rules.header.phone_suffixes)
        self._card_suffixes = tuple(rules.header.bank_card_suffixes)
        self._composite = frozenset(rules.header.composite_marks)

    def role(self, header: str | None) -> str | None:
        if not header:
            return None
        label = bare_label(header)
        if label in self._exact:
            return self._exact[label]
        unnumbered = label.rstrip(self._ordinals)
        if unnumbered and unnumbered in self._exact:
            return self._exact[unnumbered]
        rules = self._rules.header
        if label.endswith(rules.name_suffix) and len(label) <= rules.name_suffix_max_chars:
            return PERSON
        if any(fragment in label for fragment in rules.id_fragments):
            return RESIDENT_ID
        if any(fragment in label for fragment in rules.health_fragments):
            return HEALTH
        if any(fragment in label for fragment in rules.place_fragments):
            return PLACE
        if any(fragment in label for fragment in rules.address_fragments):
            return ADDRESS
        if not self._composite.intersection(label):
            if label.endswith(self._phone_suffixes):
                return PHONE
            if label.endswith(self._card_suffixes):
                return BANK_CARD
        if label.endswith(self._staff_suffixes):
            return STAFF
        return None

    def _unticked(self, value: str) -> bool:
        """A blank form's printed choices, none of them ticked: "□因病 □因残 □其他"."""
        return bool(self._boxes) and value[0] in self._boxes and not self._ticks & set(value)

    def cell_value(self, text: str, start: int, end: int) -> tuple[int, int] | None:
        """The span of a cell's value without surrounding blanks, or None when it says nothing
        (a blank, "无", choices none of which is ticked)."""
        cell = text[start:end]
        stripped = cell.strip()
        if not stripped or stripped in self._empty or self._unticked(stripped):
            return None
        first = start + cell.index(stripped)
        return first, first + len(stripped)

    # -- real tables ------------------------------------------------------------------------

    def tables(self, blocks: Sequence[Block]) -> dict[str, TableInfo]:
        scans: dict[str, _TableScan] = {}
        for part in blocks.parts() if isinstance(blocks, CellStore) else [blocks]:
            if isinstance(part, CellRun):
                self._scan_run(scans, part)
                continue
            for block in part:
                table = table_of(block)
                if table is not None:
                    scan = scans.get(table)
                    if scan is None:
                        scan = scans[table] = _TableScan()
                    self._scan(scan, block.row or 0, block.column or 0, block.text, block.header)
        return {table: self._info(scan) for table, scan in scans.items()}

    def _scan_run(self, scans: dict[str, _TableScan], run: CellRun) -> None:
        """The cells of a sheet's run, read from its columns (no block made): one by one until
        the table's cells are too many to be a form, then, if its header row is behind them,
        the rest row by row (``_scan_records``)."""
        scan = scans.get(run.table)
        if scan is None:
            scan = scans[run.table] = _TableScan()
        scan_cell, header_of = self._scan, run.headers.get
        rows, columns, texts = run.rows, run.columns, run.texts
        at = 0
        while at < len(texts) and scan.cells is not None:
            scan_cell(scan, rows[at], columns[at], texts[at], header_of(columns[at]))
            at += 1
        if at < len(texts) and self._past_header(scan, run, at):
            self._scan_records(scan, run, at)
            return
        for index in range(at, len(texts)):
            scan_cell(scan, rows[index], columns[index], texts[index], header_of(columns[index]))

    @staticmethod
    def _past_header(scan: _TableScan, run: CellRun, at: int) -> bool:
        """Whether no cell of the run from ``at`` on can be of the header's row or above it:
        then ``_scan`` only settles each column's header, counts names, and ends rows."""
        if not run.headers:
            return True  # no cell has a header: the first branch of ``_scan`` is never taken
        body_start = scan.body_start
        return body_start is not None and min(run.rows[at:]) > body_start

    def _scan_records(self, scan: _TableScan, run: CellRun, at: int) -> None:
        """What ``_scan`` does with the run's cells from ``at`` on, in bulk: the headers of the
        columns settled in the order they come, the names of person columns counted, and the
        rows ended one by one (a row is prose while its cells read as prose)."""
        rows, columns, texts = run.rows, run.columns, run.texts
        person: set[int] = set()
        for column in dict.fromkeys(columns[at:]):
            header = run.headers.get(column)
            if header is not None:
                header = scan.headers.setdefault(column, header)
                if self._header_role(header) == PERSON:
                    person.add(column)
        in_person = np.isin(np.frombuffer(columns, np.intc)[at:], list(person))
        for index in (np.flatnonzero(in_person) + at).tolist():
            if texts[index] != scan.headers[columns[index]]:
                self._count_person(scan, texts[index])
        prose = self._prose_mark.search
        changes = np.flatnonzero(np.diff(np.frombuffer(rows, np.intc)[at:])) + at + 1
        starts = [at, *changes.tolist()]
        for start, stop in zip(starts, [*starts[1:], len(texts)], strict=True):
            if rows[start] != scan.row:
                self._end_row(scan)
                scan.row, scan.row_cells, scan.row_prose = rows[start], 0, True
            scan.row_cells += stop - start
            if scan.row_prose:
                scan.row_prose = all(prose(texts[i]) is not None for i in range(start, stop))
            scan.last_text, scan.last_column = texts[stop - 1], columns[stop - 1]

    def _scan(self, scan: _TableScan, row: int, column: int, text: str, header: str | None) -> None:
        """One cell of the table; loaders give a table row by row, so a row is done when the
        next one starts."""
        if header is not None:
            if scan.body_start is None or row == scan.body_start:
                header = self._column_header(scan, row, column, header, text)
            else:
                # Below the first row the column's header is settled (a million cells pass here).
                header = scan.headers.setdefault(column, header)
            if scan.body_start is None or row < scan.body_start:
                scan.body_start = row
            if header != text and self._header_role(header) == PERSON:
                self._count_person(scan, text)
        if row != scan.row:
            self._end_row(scan)
            scan.row, scan.row_cells, scan.row_prose = row, 0, True
        scan.row_cells += 1
        scan.last_text, scan.last_column = text, column
        # Once a row has a cell that reads as a value, it is a record: its other cells are not
        # looked at (a million-cell sheet pays one comparison per cell).
        if scan.row_prose:
            scan.row_prose = self._prose_mark.search(text) is not None
        if scan.cells is not None:
            if len(scan.cells) < self._rules.forms.max_cells:
                scan.cells.append((row, column, text))
            else:
                scan.cells = None

    def _column_header(
        self, scan: _TableScan, row: int, column: int, header: str, text: str
    ) -> str:
        """The header of the cell's column. Under a two-row header the loader gives the group
        label of the top row (户主信息 over 姓名 | 身份证号码): a label of the first row below it
        that has a role (姓名) is the column's header instead."""
        first_row = scan.body_start is None or row == scan.body_start
        if first_row and self._header_role(header) is None and self._header_role(text.strip()):
            scan.headers[column] = text
        return scan.headers.setdefault(column, header)

    def _header_role(self, header: str) -> str | None:
        role = self._header_roles.get(header, _UNSEEN)
        if role is _UNSEEN:
            role = self._header_roles[header] = self.role(header)
        return role if isinstance(role, str) else None

    def _count_person(self, scan: _TableScan, text: str) -> None:
        value = text.strip()
        if value and value not in self._empty:
            scan.people += 1
            scan.masked_people += self.is_masked_name(value)

    def is_masked_name(self, value: str) -> bool:
        """A name already masked in the source (张*明, 李某某, 王XX): its person is no longer
        identified, and neither is the health information of the row (POLICY.md §5)."""
        return any(char in self._masks for char in value[1:])

    def _end_row(self, scan: _TableScan) -> None:
        if scan.row < 0:
            return
        alone = scan.row_cells == 1
        if scan.row_prose or (alone and len(scan.last_text) >= self._rules.prose_rows.min_chars):
            scan.prose_rows.add(scan.row)
        elif alone:
            scan.single_cells[scan.row] = scan.last_column

    def _info(self, scan: _TableScan) -> TableInfo:
        self._end_row(scan)
        form = self._form(scan.cells) if scan.cells else None
        if form is not None and scan.cells is not None:
            return self._form_info(form, scan.cells)
        columns = scan.headers
        roles = organisations({c: r for c, h in columns.items() if (r := self.role(h)) is not None})
        if ORGANISATION in roles.values():
            roles.update(
                {c: ORGANISATION_HEAD for c, h in columns.items() if bare_label(h) in self._heads}
            )
        values = set(roles.values())
        # A list whose every name is masked lists nobody identified: its rows are not a
        # private person's (a masked 公示 with 因病 in a column is compliant).
        masked = scan.people > 0 and scan.masked_people == scan.people
        roster = ROSTER in values
        start = scan.body_start if scan.body_start is not None else 0
        # A record has several cells; a row of one cell is a record only in a column of values
        # (a family member's name under 姓名), else a line such as "咨询电话0571-…".
        prose = scan.prose_rows | {
            row for row, column in scan.single_cells.items() if roles.get(column) not in ROLE_TYPES
        }
        return TableInfo(
            columns,
            roles,
            private=PERSON in values and not roster and not masked,
            roster=roster,
            body_start=start,
            prose_rows=frozenset(r for r in prose if r >= start),
            values={col: Layout(Place.VALUE, role) for col, role in roles.items()},
        )

    # -- key–value forms --------------------------------------------------------------------

    def is_form_label(self, text: str) -> bool:
        """Whether a cell names a field (申请人姓名, 乡（镇）审核意见) rather than holds a value."""
        if len(text) > 3 * self._rules.forms.max_label_chars:
            # A paragraph: no label, and not worth stripping (every line of a long PDF).
            return False
        label = bare_label(text)
        if not label or len(label) > self._rules.forms.max_label_chars:
            return False
        return (
            label in self._form_labels
            or self.role(label) is not None
            or label.endswith(self._label_suffixes)
            or label.startswith(self._label_prefixes)
        )

    def _form(self, cells: list[tuple[int, int, str]]) -> dict[tuple[int, int], Layout] | None:
        """The layout of a key–value form, or None when the table is no form."""
        grouped: dict[int, list[tuple[int, str]]] = {}
        for row, column, text in cells:
            grouped.setdefault(row, []).append((column, text))
        rows = [(row, sorted(grouped[row])) for row in sorted(grouped)]
        reading = _FormReading(width=1 + max(column for _, column, _ in cells))
        for index, (row, row_cells) in enumerate(rows):
            following = rows[index + 1][1] if index + 1 < len(rows) else []
            reading.layout.update(self._form_row(reading, row, row_cells, following))
        return reading.layout if reading.pairs >= self._rules.forms.min_pairs else None

    def _form_row(
        self,
        reading: _FormReading,
        row: int,
        cells: list[tuple[int, str]],
        following: list[tuple[int, str]],
    ) -> Iterable[tuple[tuple[int, int], Layout]]:
        """One row of a form: the header of a table inside it, fields (label, value), a record
        of the inner table, or a line of text."""
        is_label = [self.is_form_label(text) for _, text in cells]
        labels = header_labels(cells, is_label, self._rules.forms.inner_header_cells)
        if len(labels) >= 2 and all(labels) and self._is_record(following):
            reading.sub_header = {column: self.role(text) for column, text in cells}
            return (((row, column), _QUIET_LABEL) for column, _ in cells)
        if labels[0] and has_pair(cells, labels, reading.width):
            reading.pairs += 1
            reading.sub_header, reading.loose = None, _NO_ROLE
            return self._pairs(row, cells, labels)
        header = reading.sub_header
        if header is not None:
            return (((row, c), Layout(Place.VALUE, header.get(c))) for c, _ in cells)
        return (((row, column), reading.loose) for column, _ in cells)

    def _is_record(self, cells: list[tuple[int, str]]) -> bool:
        """A row of a table inside a form: values, the first of them no label."""
        return len(cells) >= 2 and not self.is_form_label(cells[0][1])

    def _pairs(
        self, row: int, cells: list[tuple[int, str]], labels: list[bool]
    ) -> Iterable[tuple[tuple[int, int], Layout]]:
        """Labels, and each value judged by the label right on its left."""
        role: str | None = None
        label_column = -1
        for (column, text), is_label in zip(cells, labels, strict=True):
            if is_label:
                role, label_column = self.role(text), column
                yield (row, column), _QUIET_LABEL
            else:
                beside = value_of_label(column, label_column)
                yield (row, column), Layout(Place.VALUE, role if beside else None)

    def _form_info(
        self, form: dict[tuple[int, int], Layout], cells: list[tuple[int, int, str]]
    ) -> TableInfo:
        roles = {layout.role for layout in form.values() if layout.place is Place.VALUE}
        names = [
            text.strip()
            for row, column, text in cells
            if (layout := form.get((row, column))) is not None
            and layout.place is Place.VALUE
            and layout.role == PERSON
            and text.strip()
        ]
        masked = bool(names) and all(self.is_masked_name(name) for name in names)
        roster = ROSTER in roles
        private = PERSON in roles and not roster and not masked
        return TableInfo({}, {}, private=private, roster=roster, form=form)


def organisations(roles: dict[int, _Role]) -> dict[int, _Role]:
    """A table that names organisations and no person (学校 | 地址 | 咨询电话) lists their premises
    and office lines, not anyone's home: its address and phone columns become ``premises``."""
    values = set(roles.values())
    if ORGANISATION not in values or PERSON in values:
        return roles
    return {col: _premises(role) for col, role in roles.items()}


def _premises(role: _Role) -> _Role:
    return PREMISES if role in (ADDRESS, PHONE) else role


_UNSEEN = object()
#: A pattern that matches nothing (no prose marks in the rules).
_NEVER = r"(?!)"
_Role = TypeVar("_Role", str, str | None)


def id_cell_note(value: str) -> str:
    """Whether a cell of an ID column (身份证号, 残疾证号) validates; never raises, whatever the
    cell holds (a masked number, a note)."""
    compact = value.replace(" ", "")
    if is_valid_resident_id(compact) or is_valid_disability_cert(compact):
        return "valid ID"
    return "value in an ID column that does not validate"
