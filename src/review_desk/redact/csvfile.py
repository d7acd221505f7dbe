"""CSV: the records that hold a redaction are rewritten, every other byte is left as it was.

The dialect is sniffed exactly as the loader sniffs it (``loaders.csvfile``), so cell
``s0:r{row}:c{col}`` is the same field in both. Only the records that change are written anew
(same delimiter, quote character and line break); the rest are copied from the source text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from review_desk.redact.plan import BlockEdit, EditPlan, WriteJob, check_found
from review_desk.redact.textcodec import decode_source

_DELIMITERS = ",\t;|"
_SNIFF_CHARS = 16384


class _CountedLines:
    """The physical lines a csv.reader pulls, so each record's source text is known."""

    def __init__(self, text: str) -> None:
        self._lines = iter(io.StringIO(text, newline=""))
        self.taken: list[str] = []

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self.taken.append(line)
        return line

    def record_text(self) -> str:
        text = "".join(self.taken)
        self.taken.clear()
        return text


def write_csv(job: WriteJob, out: Path) -> None:
    source, plan = job.source, job.plan
    text, codec = decode_source(job.data, source)
    dialect = _dialect(text)
    by_row = _edits_by_row(plan)
    lines = _CountedLines(text)
    pieces: list[str] = []
    for row_index, row in enumerate(csv.reader(lines, dialect)):
        record = lines.record_text()
        edits = by_row.get(row_index)
        pieces.append(record if edits is None else _rewrite(row, record, edits, dialect, source))
    pieces.append(lines.record_text())
    out.write_bytes(codec.encode("".join(pieces)))


def _dialect(text: str) -> type[csv.Dialect]:
    try:
        return csv.Sniffer().sniff(text[:_SNIFF_CHARS], delimiters=_DELIMITERS)
    except csv.Error:  # one column, or too little text to tell: plain commas
        return csv.excel


def _edits_by_row(plan: EditPlan) -> dict[int, dict[int, tuple[str, BlockEdit]]]:
    rows: dict[int, dict[int, tuple[str, BlockEdit]]] = {}
    for block_id, edit in plan.edits.items():
        _, row, column = block_id.split(":")
        rows.setdefault(int(row[1:]), {})[int(column[1:])] = (block_id, edit)
    return rows


def _rewrite(
    row: list[str],
    record: str,
    edits: dict[int, tuple[str, BlockEdit]],
    dialect: type[csv.Dialect],
    source: Path,
) -> str:
    for column, (block_id, edit) in edits.items():
        check_found(row[column], edit.original, block_id, source)
        row[column] = edit.text
    ending = record[len(record.rstrip("\r\n")) :]
    buffer = io.StringIO(newline="")
    csv.writer(buffer, dialect, lineterminator=ending, quoting=csv.QUOTE_MINIMAL).writerow(row)
    return buffer.getvalue()
