"""Tables and forms written as lines of text (issue 3 §5): a TXT with tabs, a PDF table read line
by line, one block per row with its cells separated by blanks under a header line; and a form
written as text (a PDF's or a TXT's 申请表), lines of "label value" fields. Their rows become
:class:`Cell` spans with a role per block, as the cells of real tables do (``tables.py``).
The thresholds and shapes are in `rules/tables.yaml` (``text_tables``)."""

from __future__ import annotations

import re

from review_desk.detect.config import TableRules
from review_desk.detect.tables import (
    ADDRESS,
    BANK_CARD,
    PERSON,
    PHONE,
    RESIDENT_ID,
    ROSTER,
    Cell,
    ColumnRoles,
    RowInfo,
    bare_label,
    organisations,
)

#: The roles of a value: a header line needs one of them to head a table of people.
VALUE_ROLES = frozenset({PERSON, RESIDENT_ID, PHONE, ADDRESS, BANK_CARD})
_TEXT_CELL = re.compile(r"[^\t]+|(?<=\t)(?=\t)")
_BLANK_CELL = re.compile(r"\S+")
_DIGIT = re.compile(r"\d")
#: A field written in one cell: "姓名：张某某".
_INLINE_FIELD = re.compile(r"(?P<label>[^:：]{1,16})[:：](?P<value>.*)")


def split_cells(text: str) -> list[tuple[int, int]]:
    """Cells of a row written as text: tab-separated if it has tabs, else blank-separated."""
    pattern = _TEXT_CELL if "\t" in text else _BLANK_CELL
    return [m.span() for m in pattern.finditer(text)]


class TextTables:
    """Finds the rows of text tables and text forms among a document's lines."""

    def __init__(self, columns: ColumnRoles, rules: TableRules) -> None:
        self.columns = columns
        self._rules = rules.text_tables
        self._longest_label = rules.header.max_label_chars
        self._header_words = frozenset(rules.header.words)
        self._word_suffixes = tuple(rules.header.word_suffixes)
        self._prose_marks = frozenset(rules.prose_rows.marks)
        self._sentence_marks = frozenset(rules.text_tables.sentence_marks)
        self._shapes: dict[str, re.Pattern[str]] = {
            role: re.compile(shape) for role, shape in rules.text_tables.value_shapes.items()
        }

    def rows(self, lines: list[tuple[str, str]]) -> dict[str, RowInfo]:
        """Rows of text tables among consecutive body blocks, given as (block id, text): a header
        line of known labels, then the following lines until one reads as prose. A PDF draws an
        empty cell as nothing, so a row may have fewer cells than its header: each cell then
        takes the role of its column counted from the left or from the right, whichever its
        value fits (a name, an ID, a number)."""
        rows: dict[str, RowInfo] = {}
        fields = self._field_lines(lines)
        header: list[str | None] | None = None
        private = roster = False
        for block_id, text in lines:
            spans = split_cells(text)
            if header is not None and not self._ends_table(text, spans, header):
                cells = self._row_cells(text, spans, header)
                rows[block_id] = RowInfo(cells, private, roster)
                continue
            header = self._header(text, spans)
            if header is not None:
                named = organisations(dict(enumerate(header)))
                header = [named.get(index) for index in range(len(header))]
                roles = set(header)
                roster = ROSTER in roles
                private = PERSON in roles and not roster
                rows[block_id] = RowInfo((), private, roster, label=True)
            elif block_id in fields:
                rows[block_id] = fields[block_id]
        return rows

    def _field_lines(self, lines: list[tuple[str, str]]) -> dict[str, RowInfo]:
        """A form written as text (a PDF or TXT 申请表): lines of fields, "label value" or
        "label：value" ("姓名 张某某 性别 女", "残疾类别：肢体"), each value judged by its
        label. Field lines close together (a line or two of text between them) are one form:
        one person's when one of its fields names the person (a name under 姓名, an ID), an
        official's when one gives a post (职务). Fields of no one (an office's "联系电话：…"
        below a letter) are left to be read as prose."""
        rows: dict[str, RowInfo] = {}
        form: dict[str, tuple[Cell, ...]] = {}
        gap = 0
        for block_id, text in lines:
            cells = self._fields(text)
            if cells is not None:
                form[block_id] = cells
                gap = 0
                continue
            gap += 1
            if gap > self._rules.form_gap_lines and form:
                rows.update(self._form_rows(form))
                form = {}
        rows.update(self._form_rows(form))
        return rows

    @staticmethod
    def _form_rows(form: dict[str, tuple[Cell, ...]]) -> dict[str, RowInfo]:
        roles = {cell.role for cells in form.values() for cell in cells}
        roster = ROSTER in roles
        private = bool({PERSON, RESIDENT_ID} & roles) and not roster
        if not (private or roster):
            return {}
        return {block_id: RowInfo(cells, private, roster) for block_id, cells in form.items()}

    def _fields(self, text: str) -> tuple[Cell, ...] | None:
        """The values of a line of fields with their labels' roles, or None when the line is
        anything else (a sentence, a heading, a row of a table)."""
        if len(text) > self._rules.field_line_chars or any(m in text for m in self._sentence_marks):
            return None
        spans = split_cells(text)
        cells: list[Cell] = []
        index = 0
        while index < len(spans):
            start, end = spans[index]
            cell = text[start:end]
            inline = _INLINE_FIELD.fullmatch(cell)
            if inline is not None and self.columns.is_form_label(inline.group("label")):
                if inline.group("value"):
                    cells.append(self._field(text, start + inline.start("value"), end, inline))
                index += 1
                continue
            if not self.columns.is_form_label(cell):
                return None
            following = spans[index + 1] if index + 1 < len(spans) else None
            if following is not None and not self.columns.is_form_label(text[slice(*following)]):
                role = self.columns.role(cell)
                value = text[slice(*following)]
                cells.append(Cell(*following, role if self._fits(role, value) else None))
                index += 2
            else:
                index += 1
        return tuple(cells) if cells else None

    def _field(self, text: str, start: int, end: int, inline: re.Match[str]) -> Cell:
        role = self.columns.role(inline.group("label"))
        value = text[start:end]
        start += len(value) - len(value.lstrip())
        return Cell(start, end, role if self._fits(role, value.strip()) else None)

    def _ends_table(
        self, text: str, spans: list[tuple[int, int]], header: list[str | None]
    ) -> bool:
        """A line that is no row of the table above: prose (a sentence, a "label：value" note, a
        long single cell), another header, or a line whose cells are too many or too few for the
        header (a value with a blank inside it splits in two; a PDF draws no empty cell)."""
        if len(spans) == len(header):
            return False
        if abs(len(spans) - len(header)) > self._rules.max_missing_cells or len(spans) < 2:
            return True
        if any(mark in text for mark in self._prose_marks):
            return True
        # "制表人 张某 审核人 李某" is a footer, not a record.
        return any(self.columns.is_form_label(text[s:e]) for s, e in spans)

    def _row_cells(
        self, text: str, spans: list[tuple[int, int]], header: list[str | None]
    ) -> tuple[Cell, ...]:
        if len(spans) == len(header):
            return tuple(Cell(s, e, role) for (s, e), role in zip(spans, header, strict=True))
        missing = len(header) - len(spans)
        cells = []
        for index, (start, end) in enumerate(spans):
            value = text[start:end]
            columns = (index, index + missing)
            roles = (header[c] for c in columns if 0 <= c < len(header))
            role = next((r for r in roles if self._fits(r, value)), None)
            cells.append(Cell(start, end, role))
        return tuple(cells)

    def _header(self, text: str, spans: list[tuple[int, int]]) -> list[str | None] | None:
        """Roles of a header line: at least three short labels, two of them with a role and one
        a value's; or a person column among labels without digits that name columns of a list,
        all but one at most (序号 户主 家庭人口 保障金额)."""
        labels = [text[s:e] for s, e in spans]
        longest = self._longest_label
        if len(labels) < 3 or any(len(label) > longest for label in labels):
            return None
        roles = [self.columns.role(label) for label in labels]
        if not VALUE_ROLES & set(roles):
            return None
        if sum(r is not None for r in roles) >= 2:
            return roles
        if PERSON not in roles or any(_DIGIT.search(label) for label in labels):
            return None
        unnamed = sum(
            role is None and not self._names_column(label)
            for role, label in zip(roles, labels, strict=True)
        )
        # "申请人 张某某 性别 女" is a line of fields: half of it values.
        return roles if unnamed <= self._rules.max_unnamed_labels else None

    def _names_column(self, label: str) -> bool:
        """Whether a label names a column of a list (序号, 家庭人口, 保障金额, 所在村组)."""
        bare = bare_label(label)
        return (
            bare in self._header_words
            or bare.endswith(self._word_suffixes)
            or self.columns.is_form_label(label)
        )

    def _fits(self, role: str | None, value: str) -> bool:
        """Whether a cell's value has the shape of its column's values (a name under 户主,
        digits under 身份证号); a column without a role fits nothing, so that a value is never
        given one by chance."""
        if role is None:
            return False
        shape = self._shapes.get(role)
        return shape is None or shape.fullmatch(value) is not None
