"""The review log (审查台账): one row per document with the columns of POLICY.md §9, as CSV or
XLSX. Positions, types, counts and hashes only; the records hold no value to leak."""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

import xlsxwriter

from review_desk.audit.exports import _summary as s
from review_desk.audit.exports._files import ExportError, atomic_output
from review_desk.audit.exports._workbook import close_workbook, notes_sheet
from review_desk.audit.records import DocumentRecord
from review_desk.core.review import STATE_LABELS, DocumentDecision, ProposalRecord

Cell = str | datetime

#: Positions listed per cell before "等 N 处" (a spreadsheet cell holds 32,767 characters).
POSITION_LIMIT = 200
JUDGEMENT_LIMIT = 50

LOG_SHEET = "审查台账"
CHAIN_HEADER = "链头"
CHAIN_WIDTH = 24


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    value: Callable[[DocumentRecord], Cell]
    width: int  # in characters, for the workbook


def _meta(key: str) -> Callable[[DocumentRecord], Cell]:
    return lambda r: r.review.meta.get(key, "")


def _proposed(text: Callable[[ProposalRecord], str]) -> Callable[[DocumentRecord], Cell]:
    def value(record: DocumentRecord) -> Cell:
        proposal = record.review.proposal
        return text(proposal) if proposal is not None else ""

    return value


def _decided(text: Callable[[DocumentDecision], str]) -> Callable[[DocumentRecord], Cell]:
    def value(record: DocumentRecord) -> Cell:
        decision = record.review.document_decision
        return text(decision) if decision is not None else ""

    return value


def _decided_at(record: DocumentRecord) -> Cell:
    decided = record.decided
    return s.local(decided.created_at) if decided is not None else ""


def _verdict_actor(record: DocumentRecord) -> Cell:
    verdict = s.verdict_in_force(record)
    return verdict.event.actor if verdict is not None else ""


def _verdict_at(record: DocumentRecord) -> Cell:
    verdict = s.verdict_in_force(record)
    return s.local(verdict.created_at) if verdict is not None else ""


def _verdict_note(record: DocumentRecord) -> Cell:
    verdict = s.verdict_in_force(record)
    return str(verdict.event.payload.get("note", "")) if verdict is not None else ""


COLUMNS: tuple[Column, ...] = (
    Column("记录编号", lambda r: r.review.doc_id, 14),
    Column("文件名", lambda r: r.review.file_name, 28),
    Column("标题", _meta("title"), 30),
    Column("文号/索引号", lambda r: s.reference(r.review.meta), 26),
    Column("SHA-256", lambda r: r.review.sha256, 24),
    Column("来源单位", _meta("source_unit"), 16),
    Column("载体", _meta("carrier"), 10),
    Column("发布渠道", _meta("channel"), 12),
    Column("建议属性", _proposed(lambda p: s.attribute_text(p.attribute)), 11),
    Column("建议依据", _proposed(lambda p: s.grounds_text(p.grounds)), 14),
    Column("建议理由", _proposed(lambda p: s.SEP.join(p.reasons)), 30),
    Column("冲突提示", _proposed(lambda p: s.SEP.join(p.conflicts)), 24),
    Column("发现类型及数量", lambda r: s.counts_text(s.type_counts(r.review.findings)), 26),
    Column(
        "发现位置", lambda r: s.grouped_positions(s.by_type(r.review.findings), POSITION_LIMIT), 40
    ),
    Column("密级标志检查结果", lambda r: s.secrecy_text(r.review), 20),
    Column("审查决定", lambda r: s.decisions_text(r.review), 22),
    Column("人工判断及理由", lambda r: s.judgements_text(r.review, JUDGEMENT_LIMIT), 36),
    Column("最终属性", _decided(lambda d: s.attribute_text(d.attribute)), 11),
    Column("最终依据", _decided(lambda d: s.grounds_text(d.grounds)), 14),
    Column("法律依据", _decided(lambda d: s.SEP.join(d.basis)), 26),
    Column("理由/第三方同意/公共利益说明", _decided(lambda d: d.reason), 30),
    Column("删减清单", lambda r: s.redaction_text(r.review, POSITION_LIMIT), 40),
    Column("审查人", s.reviewer, 10),
    Column("审查时间（北京时间）", _decided_at, 19),
    Column("审核人", _verdict_actor, 10),
    Column("审核时间（北京时间）", _verdict_at, 19),
    Column("审核意见", _verdict_note, 20),
    Column("状态", lambda r: STATE_LABELS[r.review.state], 8),
    Column("导出文件哈希", lambda r: s.exports_text(r.review), 30),
)

HEADERS: tuple[str, ...] = (*(c.header for c in COLUMNS), CHAIN_HEADER)


def log_rows(records: Sequence[DocumentRecord], chain_head: str) -> list[list[Cell]]:
    """The log as a table, the chain head in the last column of every row."""
    return [[*(c.value(record) for c in COLUMNS), chain_head] for record in records]


def write_log(
    records: Sequence[DocumentRecord],
    out: Path,
    fmt: Literal["csv", "xlsx"],
    chain_head: str,
) -> None:
    """Write the review log of ``records`` to ``out`` (atomically) as CSV or XLSX."""
    if fmt not in ("csv", "xlsx"):
        raise ExportError(f"不支持的格式：{fmt}", path=out)
    rows = log_rows(records, chain_head)
    with atomic_output(out) as temp:
        if fmt == "csv":
            _write_csv(rows, temp)
        else:
            _write_xlsx(rows, temp, chain_head)


# --- CSV ---------------------------------------------------------------------------------

#: First characters that make Excel read a CSV cell as a formula (CSV injection, OWASP).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(cell: Cell) -> str:
    if isinstance(cell, datetime):
        return cell.strftime("%Y-%m-%d %H:%M:%S")
    text = str(cell)
    # A file name or title from a submitted document could be "=HYPERLINK(…)": a leading
    # apostrophe makes Excel show it as text.
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def _write_csv(rows: Sequence[Sequence[Cell]], path: Path) -> None:
    # The BOM makes Excel open UTF-8 as UTF-8 instead of the ANSI code page (GBK), which would
    # garble every Chinese character.
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream, quoting=csv.QUOTE_ALL)
        writer.writerow(HEADERS)
        writer.writerows([_csv_cell(cell) for cell in row] for row in rows)


# --- XLSX --------------------------------------------------------------------------------

ROW_HEIGHT = 48  # points: three wrapped lines; the whole text is in the cell


def _write_xlsx(rows: Sequence[Sequence[Cell]], path: Path, chain_head: str) -> None:
    # constant_memory: XlsxWriter flushes each row to disk instead of keeping a cell object per
    # value, which matters for an archive of 100,000 documents.
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    formats = _formats(workbook)
    _log_sheet(workbook, formats, rows, chain_head)
    notes_sheet(workbook, "政府信息公开审查台账", _notes(len(rows), chain_head))
    close_workbook(workbook)


def _formats(workbook: Any) -> dict[str, Any]:
    body = {
        "text_wrap": True,
        "valign": "top",
        "font_size": 10,
        "border": 1,
        "border_color": "#C8CED6",
    }
    return {
        "header": workbook.add_format(
            {**body, "bold": True, "bg_color": "#DDE4EE", "valign": "vcenter"}
        ),
        "body": workbook.add_format(body),
        "time": workbook.add_format({**body, "num_format": "yyyy-mm-dd hh:mm:ss"}),
    }


def _log_sheet(
    workbook: Any, formats: dict[str, Any], rows: Sequence[Sequence[Cell]], chain_head: str
) -> None:
    sheet = workbook.add_worksheet(LOG_SHEET)
    widths = [*(c.width for c in COLUMNS), CHAIN_WIDTH]
    for index, width in enumerate(widths):
        sheet.set_column(index, index, width)
    sheet.set_row(0, 30)
    for column, header in enumerate(HEADERS):
        sheet.write_string(0, column, header, formats["header"])
    for number, row in enumerate(rows, start=1):
        sheet.set_row(number, ROW_HEIGHT)
        for column, cell in enumerate(row):
            _write_cell(sheet, number, column, cell, formats)
    # Header row and the record's id and file name stay in view while scrolling 30 columns.
    sheet.freeze_panes(1, 2)
    sheet.autofilter(0, 0, max(1, len(rows)), len(HEADERS) - 1)
    _print_setup(sheet, chain_head)


def _write_cell(sheet: Any, row: int, column: int, cell: Cell, formats: dict[str, Any]) -> None:
    # Typed writes only: the generic write() would turn a title beginning with "=" into a formula.
    if isinstance(cell, datetime):
        sheet.write_datetime(row, column, cell.replace(tzinfo=None), formats["time"])
    else:
        sheet.write_string(row, column, cell, formats["body"])


def _print_setup(sheet: Any, chain_head: str) -> None:
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    # Thirty columns cannot be read on one A4 page: print across pages instead, each with the
    # header row and the record's id and file name.
    sheet.repeat_rows(0)
    sheet.repeat_columns(0, 1)
    sheet.print_across()
    sheet.set_footer(f"&L&8链头 {chain_head}&R&8第 &P 页，共 &N 页")


def _notes(count: int, chain_head: str) -> list[tuple[str, str]]:
    return [
        ("导出时链头", chain_head),
        ("生成时间", f"{s.time_text(datetime.now(s.BEIJING))}（北京时间）"),
        ("文件数", str(count)),
        ("内容", "本台账只记录类型、数量、位置和哈希值，不含任何被删减内容的原文。"),
        ("位置格式", "块编号:起始-结束（字符位置，从 0 起计，不含结束位置）。"),
        ("时间", s.ZONE_NOTE),
        ("核验", s.VERIFY_NOTE),
    ]
