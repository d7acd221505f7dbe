"""The window's scans in a limited worker: a file that crashes, hangs or fails its reader is that
file's error, and the next file is scanned as usual."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Never

import pytest

from review_desk.core.document import Block, BlockKind, Document
from review_desk.core.errors import EmptyFileError
from review_desk.isolated_scan import IsolatedScan, IsolatedScanError
from review_desk.loaders.limits import WorkerLimits
from review_desk.policy import default_policy
from review_desk.scan import ScanOutcome, scan_document

QUICK = WorkerLimits(seconds=3, seconds_per_mb=0, memory_mb=4096, recycle_mb=1024)


def _aborts(path: Path) -> ScanOutcome:
    os.abort()


def _hangs(path: Path) -> ScanOutcome:
    time.sleep(60)
    raise AssertionError("not reached")


def _empty(path: Path) -> ScanOutcome:
    raise EmptyFileError("", path)


def _fine(path: Path) -> ScanOutcome:
    document = Document(path.name, "0" * 64, "txt", [Block("p0", BlockKind.PARAGRAPH, "通知")])
    return ScanOutcome(document, [], default_policy().propose([]))


@pytest.mark.parametrize(
    ("scan", "key"),
    [(_aborts, "worker_crashed"), (_hangs, "timeout"), (_empty, "empty_file")],
)
def test_a_failing_file_is_its_own_error(scan: object, key: str, tmp_path: Path) -> None:
    path = tmp_path / "坏文件.txt"
    path.write_text("x", encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(IsolatedScanError) as raised:
        IsolatedScan(scan, QUICK)(path)  # type: ignore[arg-type]
    assert raised.value.key == key
    assert "坏文件.txt" in raised.value.message
    assert time.monotonic() - started < 30


def test_the_next_file_scans_after_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("x", encoding="utf-8")
    with pytest.raises(IsolatedScanError):
        IsolatedScan(_aborts, QUICK)(path)
    outcome = IsolatedScan(_fine, QUICK)(path)
    assert outcome.document.blocks[0].text == "通知"


def test_a_real_scan_comes_back_whole(tmp_path: Path) -> None:
    path = tmp_path / "名单.txt"
    path.write_text("低保对象：王小明，身份证号 110101199003077777。", encoding="utf-8")
    isolated = IsolatedScan(scan_document)(path)
    direct = scan_document(path)
    assert isolated.findings == direct.findings
    assert isolated.proposal == direct.proposal
    assert isolated.document.blocks == direct.document.blocks


def _three_scanned_pages(path: Path) -> ScanOutcome:
    """A reader with three pages for OCR (each fails to render, as a broken scan would)."""
    from review_desk.loaders.ocr_pages import OcrPages

    def broken() -> Never:
        raise OSError("no image")

    pages = OcrPages(path, 3)
    for number in (1, 2, 3):
        pages.read(number, broken)
    return _fine(path)


def test_each_page_read_by_ocr_is_told_while_the_worker_reads(tmp_path: Path) -> None:
    path = tmp_path / "扫描件.pdf"
    path.write_bytes(b"%PDF-1.4")
    told: list[tuple[int, int]] = []
    outcome = IsolatedScan(_three_scanned_pages, QUICK).reading(
        path, lambda page, pages: told.append((page, pages))
    )
    assert told == [(1, 3), (2, 3), (3, 3)]
    assert outcome.document.blocks[0].text == "通知"
