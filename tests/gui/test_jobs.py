"""The runners: a task in a spawned child process (the window's default) and in a thread, each
with its messages prepared off the UI thread, and cancel."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from review_desk.gui.jobs import JobRunner, ProcessRunner, ThreadRunner
from review_desk.gui.loaded import Ready
from review_desk.gui.tasks import Failed, OfficeScan, PageProgress, Progress, ScanTask, StoreTarget
from review_desk.isolated_scan import IsolatedScan
from tests.gui.fakes import crashing_scan, fake_scan, paged_scan, slow_scan, write_list


def _collect(runner: JobRunner) -> list[object]:
    messages: list[object] = []
    runner.message.connect(messages.append)
    return messages


def test_a_child_process_scans_records_and_sends_the_text_back(
    qtbot: QtBot, tmp_path: Path, desk_store_url: str
) -> None:
    runner = ProcessRunner()
    messages = _collect(runner)
    path = write_list(tmp_path / "名单.txt")
    task = ScanTask((str(path),), StoreTarget(desk_store_url, True), "张三", OfficeScan(fake_scan))
    with qtbot.waitSignal(runner.idle, timeout=60_000):
        runner.submit(task)
    ready = [m for m in messages if isinstance(m, Ready)]
    assert len(ready) == 1
    assert ready[0].summary.file_name == "名单.txt" and ready[0].summary.counts
    assert ready[0].loaded.document.blocks[0].text.startswith("2024年")
    assert isinstance(messages[0], Progress)


def test_a_file_that_crashes_its_reader_fails_alone(
    qtbot: QtBot, tmp_path: Path, desk_store_url: str
) -> None:
    """The window's scans run each file in a limited worker (as the app sets them up): a file
    whose reader aborts is that file's error, and the batch goes on."""
    runner = ProcessRunner()
    messages = _collect(runner)
    bad = write_list(tmp_path / "坏.crash")
    good = write_list(tmp_path / "名单.txt")
    scan = IsolatedScan(OfficeScan(crashing_scan))
    task = ScanTask((str(bad), str(good)), StoreTarget(desk_store_url, True), "张三", scan)
    with qtbot.waitSignal(runner.idle, timeout=120_000):
        runner.submit(task)
    failed = [m for m in messages if isinstance(m, Failed)]
    ready = [m for m in messages if isinstance(m, Ready)]
    assert len(failed) == 1 and "worker_crashed" in failed[0].message
    assert "坏.crash" in failed[0].message
    assert len(ready) == 1 and ready[0].summary.file_name == "名单.txt"


def test_the_pages_read_by_ocr_are_told_as_the_worker_reads_them(
    qtbot: QtBot, tmp_path: Path, desk_store_url: str
) -> None:
    runner = ProcessRunner()
    messages = _collect(runner)
    path = write_list(tmp_path / "名单.txt")
    scan = IsolatedScan(OfficeScan(paged_scan))
    task = ScanTask((str(path),), StoreTarget(desk_store_url, True), "张三", scan)
    with qtbot.waitSignal(runner.idle, timeout=120_000):
        runner.submit(task)
    told = [m for m in messages if isinstance(m, PageProgress)]
    assert told == [PageProgress("名单.txt", 1, 2), PageProgress("名单.txt", 2, 2)]


def test_cancel_ends_the_child(qtbot: QtBot, tmp_path: Path, desk_store_url: str) -> None:
    runner = ProcessRunner()
    messages = _collect(runner)
    path = write_list(tmp_path / "名单.txt")
    task = ScanTask((str(path),), StoreTarget(desk_store_url, True), "张三", slow_scan)
    runner.submit(task)
    qtbot.waitUntil(lambda: any(isinstance(m, Progress) for m in messages), timeout=60_000)
    with qtbot.waitSignal(runner.idle, timeout=10_000):
        runner.cancel()
    assert not any(isinstance(m, Ready | Failed) for m in messages)
    assert not runner.busy


def test_a_store_that_cannot_open_is_reported(qtbot: QtBot, tmp_path: Path) -> None:
    runner = ThreadRunner()
    messages = _collect(runner)
    folder = tmp_path / "是文件夹"
    folder.mkdir()
    task = ScanTask(("x.txt",), StoreTarget(f"sqlite:///{folder}", True), "张三", fake_scan)
    with qtbot.waitSignal(runner.idle, timeout=10_000):
        runner.submit(task)
    failed = [m for m in messages if isinstance(m, Failed)]
    assert failed and "store_not_database" in failed[0].message


def test_a_big_scan_travels_in_parts() -> None:
    from review_desk.core.document import Block, BlockKind, Document
    from review_desk.core.findings import Action, Attribute, Finding, FindingType, Proposal
    from review_desk.core.review import ReviewState
    from review_desk.gui.summary import DocSummary
    from review_desk.gui.tasks import PART_SIZE, Reassembly, Scanned, send
    from review_desk.scan import ScanOutcome

    blocks = [
        Block(f"s0:r{i}:c0", BlockKind.SHEET_CELL, f"{i}", row=i, column=0)
        for i in range(3 * PART_SIZE)
    ]
    findings = [
        Finding(FindingType.PERSON, b.id, 0, 1, b.text, 1.0, Action.REDACT, "n", "")
        for b in blocks[::2]
    ]
    document = Document("a.xlsx", "0" * 64, "xlsx", blocks)
    summary = DocSummary(
        "d", "a.xlsx", "a.xlsx", ReviewState.SCANNED, Attribute.REDACTED, None, (), 0, "", ""
    )
    scanned = Scanned(
        "a.xlsx", "d", ScanOutcome(document, findings, Proposal(Attribute.REDACTED)), summary
    )

    class Connection:
        def __init__(self) -> None:
            self.sent: list[object] = []

        def send(self, message: object) -> None:
            self.sent.append(message)

    connection = Connection()
    send(connection, scanned)
    assert len(connection.sent) == 4  # three parts, then the scan with its lists empty
    parts = Reassembly()
    received = [parts.take(m) for m in connection.sent]
    assert received[:3] == [None, None, None]
    whole = received[3]
    assert isinstance(whole, Scanned)
    assert whole.outcome.document.blocks == blocks and whole.outcome.findings == findings
    assert whole.outcome.document.sha256 == document.sha256
