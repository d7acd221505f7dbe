"""The statistics workbook for the annual report (政府信息公开工作年度报告): documents per final
attribute, per ground, per finding type and per month of the period, each sheet with a native
Excel chart, the period and the chain head on the first sheet."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import xlsxwriter

from review_desk.audit.exports import _summary as s
from review_desk.audit.exports._files import ExportError, atomic_output
from review_desk.audit.exports._workbook import close_workbook, notes_sheet, text_width
from review_desk.audit.records import DocumentRecord
from review_desk.core.findings import (
    ATTRIBUTE_LABELS,
    GROUND_LABELS,
    TYPE_LABELS,
    Attribute,
    FindingType,
    Ground,
)
from review_desk.core.review import Decision

Period = tuple[date | None, date | None]
Row = list[str | int | float]

UNDECIDED = "尚未决定"


@dataclass(frozen=True, slots=True)
class Chart:
    kind: str  # XlsxWriter chart type: "column" or "bar"
    title: str
    values: tuple[int, ...]  # table columns charted as one series each
    stacked: bool = False


@dataclass(frozen=True, slots=True)
class StatsTable:
    sheet: str
    headers: tuple[str, ...]
    rows: list[Row]
    chart: Chart


def write_stats(
    records: Sequence[DocumentRecord], out: Path, chain_head: str, period: Period
) -> None:
    """Write the statistics of the ``records`` that fall within ``period`` (inclusive; None is
    open-ended) to ``out`` (atomically) as an XLSX workbook."""
    start, end = period
    if start is not None and end is not None and start > end:
        raise ExportError(f"统计期间起始日期 {start} 晚于结束日期 {end}", path=out)
    chosen = in_period(records, period)
    tables = stats_tables(chosen, period)
    with atomic_output(out) as temp:
        workbook = xlsxwriter.Workbook(str(temp))
        formats = _formats(workbook)
        notes_sheet(workbook, "政府信息公开审查统计", _notes(chosen, chain_head, period))
        for table in tables:
            _table_sheet(workbook, formats, table)
        close_workbook(workbook)


def in_period(records: Sequence[DocumentRecord], period: Period) -> list[DocumentRecord]:
    """Records whose day (decision, else registration; Beijing calendar) lies in ``period``."""
    return [r for r in records if _within(s.record_date(r), period)]


def _within(day: date, period: Period) -> bool:
    start, end = period
    return (start is None or day >= start) and (end is None or day <= end)


def stats_tables(records: Sequence[DocumentRecord], period: Period) -> list[StatsTable]:
    return [
        _by_attribute(records),
        _by_ground(records),
        _by_type(records),
        _by_month(records, period),
    ]


# --- the tables --------------------------------------------------------------------------


def _attribute_label(record: DocumentRecord) -> str:
    attribute = s.final_attribute(record)
    return ATTRIBUTE_LABELS[attribute] if attribute is not None else UNDECIDED


def _share(count: int, total: int) -> float:
    return round(count / total, 4) if total else 0.0


def _by_attribute(records: Sequence[DocumentRecord]) -> StatsTable:
    counts = Counter(_attribute_label(r) for r in records)
    labels = [ATTRIBUTE_LABELS[a] for a in Attribute]
    # 尚未决定 appears only when some document has no decision yet: a complete year has none.
    labels += [UNDECIDED] if counts[UNDECIDED] else []
    rows: list[Row] = [
        [label, counts[label], _share(counts[label], len(records))] for label in labels
    ]
    chart = Chart("column", "各公开属性文件数", (1,))
    return StatsTable("按公开属性", ("公开属性", "文件数", "占比"), rows, chart)


def _by_ground(records: Sequence[DocumentRecord]) -> StatsTable:
    counts: Counter[Ground] = Counter()
    for record in records:
        decision = record.review.document_decision
        counts.update(set(decision.grounds) if decision is not None else ())
    rows: list[Row] = [[GROUND_LABELS[g], str(g), counts[g]] for g in Ground]
    chart = Chart("bar", "各依据文件数（一份文件可有多项依据）", (2,))
    return StatsTable("按依据", ("依据", "代码", "文件数"), rows, chart)


def _by_type(records: Sequence[DocumentRecord]) -> StatsTable:
    found: Counter[FindingType] = Counter()
    documents: Counter[FindingType] = Counter()
    removed: Counter[FindingType] = Counter()
    for record in records:
        review = record.review
        found.update(f.type for f in review.findings)
        documents.update({f.type for f in review.findings})
        removed.update(
            f.type for f in review.findings if review.effective_decision(f) != Decision.KEEP
        )
    rows: list[Row] = [
        [TYPE_LABELS[t], found[t], documents[t], removed[t], found[t] - removed[t]]
        for t in FindingType
    ]
    headers = ("类型", "发现数", "涉及文件数", "删除/遮盖（含自定义）", "保留")
    return StatsTable("按发现类型", headers, rows, Chart("bar", "各类型发现数与涉及文件数", (1, 2)))


def _by_month(records: Sequence[DocumentRecord], period: Period) -> StatsTable:
    columns = [*(ATTRIBUTE_LABELS[a] for a in Attribute), UNDECIDED]
    counts = Counter((_month(s.record_date(r)), _attribute_label(r)) for r in records)
    rows: list[Row] = []
    for month in _months(records, period):
        per_attribute = [counts[(month, label)] for label in columns]
        rows.append([month, sum(per_attribute), *per_attribute])
    values = tuple(range(2, 2 + len(columns)))
    chart = Chart("column", "各月文件数（按公开属性）", values, stacked=True)
    return StatsTable("按月份", ("月份", "文件数", *columns), rows, chart)


def _month(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _months(records: Sequence[DocumentRecord], period: Period) -> list[str]:
    """Every month of the period, empty ones too; an open end stops at the records' range."""
    days = [s.record_date(r) for r in records]
    first = period[0] or (min(days) if days else None)
    last = period[1] or (max(days) if days else None)
    if first is None or last is None:
        return []
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


# --- the workbook ------------------------------------------------------------------------


def _formats(workbook: Any) -> dict[str, Any]:
    return {
        "header": workbook.add_format(
            {"bold": True, "bg_color": "#DDE4EE", "border": 1, "text_wrap": True}
        ),
        "cell": workbook.add_format({"border": 1}),
        "share": workbook.add_format({"border": 1, "num_format": "0.0%"}),
    }


def _period_text(period: Period) -> str:
    start, end = period
    return f"{start or '最早记录'} 至 {end or '最新记录'}"


def _notes(
    records: Sequence[DocumentRecord], chain_head: str, period: Period
) -> list[tuple[str, str]]:
    return [
        ("统计期间", _period_text(period)),
        ("文件数", str(len(records))),
        (
            "统计口径",
            "按审查决定日期（北京时间）计入期间，尚未决定的按登记日期；公开属性以审查决定为准。",
        ),
        ("按依据", "以审查决定的依据为准；一份文件有多项依据时分别计数，合计可能大于文件数。"),
        ("导出时链头", chain_head),
        ("生成时间", f"{s.time_text(datetime.now(s.BEIJING))}（北京时间）"),
        ("核验", s.VERIFY_NOTE),
        ("内容", "本表只含数量，不含任何被删减内容的原文。"),
    ]


def _table_sheet(workbook: Any, formats: dict[str, Any], table: StatsTable) -> None:
    sheet = workbook.add_worksheet(table.sheet)
    for column, width in enumerate(_widths(table)):
        sheet.set_column(column, column, width)
    sheet.set_row(0, 30)
    for column, header in enumerate(table.headers):
        sheet.write_string(0, column, header, formats["header"])
    for number, row in enumerate(table.rows, start=1):
        for column, cell in enumerate(row):
            _write_cell(sheet, number, column, cell, formats)
    sheet.freeze_panes(1, 1)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    if table.rows:
        sheet.insert_chart(0, len(table.headers) + 1, _chart(workbook, table))


def _widths(table: StatsTable) -> list[int]:
    """Column widths in character units that fit the longest entry (a Chinese character is
    two units wide), within limits; a header may wrap onto two lines."""
    widths = []
    for column, header in enumerate(table.headers):
        longest = max((text_width(str(row[column])) for row in table.rows), default=0)
        widths.append(min(46, max(8, (text_width(header) + 1) // 2, longest) + 2))
    return widths


def _write_cell(
    sheet: Any, row: int, column: int, cell: str | int | float, formats: dict[str, Any]
) -> None:
    if isinstance(cell, str):
        sheet.write_string(row, column, cell, formats["cell"])
    elif isinstance(cell, float):
        sheet.write_number(row, column, cell, formats["share"])
    else:
        sheet.write_number(row, column, cell, formats["cell"])


def _chart(workbook: Any, table: StatsTable) -> Any:
    spec = table.chart
    options = {"type": spec.kind, **({"subtype": "stacked"} if spec.stacked else {})}
    chart = workbook.add_chart(options)
    last = len(table.rows)
    for column in spec.values:
        chart.add_series(
            {
                "name": [table.sheet, 0, column],
                "categories": [table.sheet, 1, 0, last, 0],
                "values": [table.sheet, 1, column, last, column],
                "data_labels": {"value": not spec.stacked},
            }
        )
    chart.set_title({"name": spec.title, "name_font": {"size": 12}})
    chart.set_legend({"position": "bottom"} if len(spec.values) > 1 else {"none": True})
    _axes(chart, spec, _largest(table))
    height = max(320, 14 * last * (len(spec.values) + 1) + 100) if spec.kind == "bar" else 360
    chart.set_size({"width": 680, "height": height})
    return chart


def _largest(table: StatsTable) -> int:
    columns = table.chart.values
    if table.chart.stacked:
        return max((sum(int(row[c]) for c in columns) for row in table.rows), default=0)
    return max((int(row[c]) for row in table.rows for c in columns), default=0)


def _axes(chart: Any, spec: Chart, largest: int) -> None:
    # Counts are whole: a small chart would otherwise tick at 0.5, 1.5 …
    value_axis = {"min": 0, "num_format": "0", **({"major_unit": 1} if largest < 10 else {})}
    if spec.kind != "bar":
        chart.set_y_axis(value_axis)
        return
    # In a bar chart x is the value axis. Categories read top-down in table order only on a
    # reversed axis, which crosses at its maximum to keep the values at the bottom; the fixed
    # plot area leaves room for long labels (LibreOffice clips them otherwise).
    chart.set_x_axis(value_axis)
    chart.set_y_axis({"reverse": True, "crossing": "max"})
    chart.set_plotarea({"layout": {"x": 0.36, "y": 0.12, "width": 0.58, "height": 0.74}})
