"""How the cells of one row of a key–value form pair up (申请表, 审批表: POLICY.md §5, labels are
not values): which label a value belongs to, and when a row is the header of a small table
inside the form rather than a row of fields. Loaders give no blank cell, so a gap between two
columns is a blank where a value goes."""

from __future__ import annotations


def has_pair(cells: list[tuple[int, str]], labels: list[bool], width: int) -> bool:
    """Whether a label in the row has its value beside it, or a blank where the value goes."""
    for index, is_label in enumerate(labels):
        if not is_label:
            continue
        column = cells[index][0]
        following = cells[index + 1][0] if index + 1 < len(cells) else width
        if following > column + 1 or (index + 1 < len(cells) and not labels[index + 1]):
            return True
    return False


def header_labels(cells: list[tuple[int, str]], labels: list[bool], min_cells: int) -> list[bool]:
    """The labels of the row, with one unknown field name between two labels of an unbroken row
    of at least ``min_cells`` cells taken as a label too: "家庭成员姓名 | 与申请人关系 | 年龄 | 健康状况 | 工作单位或就读学校 |
    月收入" heads the members' table; it is no 健康状况 whose value is 工作单位或就读学校."""
    unknown = [index for index, is_label in enumerate(labels) if not is_label]
    if len(cells) < min_cells or len(unknown) != 1:
        return labels
    index = unknown[0]
    columns = [column for column, _ in cells]
    unbroken = columns == list(range(columns[0], columns[0] + len(columns)))
    if unbroken and 0 < index < len(cells) - 1:
        return [True] * len(labels)
    return labels


def value_of_label(column: int, label_column: int) -> bool:
    """Whether a value stands right after its label: after a gap (the label's blank value) a cell
    is not that label's value ("患病名称 | (blank) | 就诊医院")."""
    return column == label_column + 1
