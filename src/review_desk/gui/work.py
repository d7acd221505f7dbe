"""The window's background work in one place: scans (new files, and registered documents
re-opened to show their text), exports, and reading a document's record, each reported back
as a signal on the UI thread."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from review_desk.audit.records import DocumentRecord
from review_desk.gui.background import run_in_background
from review_desk.gui.jobs import JobRunner
from review_desk.gui.loaded import FindingIndex, LoadedDocument, Ready, index_findings, quiet_heap
from review_desk.gui.session import DeskSession
from review_desk.gui.summary import DocSummary, summarise
from review_desk.gui.tasks import (
    Exported,
    Failed,
    PageProgress,
    Progress,
    ScanFunction,
    ScanTask,
    Task,
)


@dataclass(frozen=True)
class OpenedRecord:
    """A document's record with what its first display needs, worked out off the UI thread
    (each is a pass over every finding: ~640,000 on the big sheet)."""

    record: DocumentRecord
    summary: DocSummary
    first_undecided: int
    by_block: FindingIndex


def read_opened(session: DeskSession, doc_id: str) -> OpenedRecord:
    with quiet_heap():
        return opened(session.record(doc_id))


def opened(record: DocumentRecord) -> OpenedRecord:
    review = record.review
    first = next((f.index for f in review.undecided), 0) if review.findings else 0
    return OpenedRecord(record, summarise(record), first, index_findings(review))


class DeskWork(QObject):
    progress = Signal(int, int, str)
    #: OCR has started on a page: (file name, page, pages of the file).
    page_progress = Signal(str, int, int)
    #: A scanned file's row: (path scanned, its summary).
    scanned = Signal(str, object)
    #: Something failed: (path or "", message, document id or "").
    problem = Signal(str, str, str)
    exported = Signal(object)
    idle = Signal()
    #: A document's record, read off the UI thread: (document id, OpenedRecord).
    record_read = Signal(str, object)

    def __init__(self, session: DeskSession, runner: JobRunner, scan: ScanFunction) -> None:
        super().__init__()
        self.session = session
        self.runner = runner
        self.scan = scan
        self.loaded: dict[str, LoadedDocument] = {}
        self._reopening: set[str] = set()
        runner.message.connect(self._message)
        runner.idle.connect(self.idle)

    @property
    def busy(self) -> bool:
        return self.runner.busy

    def scan_files(self, paths: list[Path]) -> None:
        if paths:
            self.runner.submit(self._scan_task(tuple(str(p) for p in paths)))

    def reopen(self, doc_id: str, path: str) -> bool:
        """Scan a registered document again to show its text; False when its file is gone."""
        if doc_id in self._reopening:
            return True
        if not path or not Path(path).is_file():
            return False
        self._reopening.add(doc_id)
        self.runner.submit(self._scan_task((path,), (doc_id,)))
        return True

    def run(self, task: Task) -> None:
        self.runner.submit(task)

    def cancel(self) -> None:
        self.runner.cancel()
        self._reopening.clear()

    def read_record(self, doc_id: str) -> None:
        run_in_background(
            lambda: read_opened(self.session, doc_id),
            lambda record: self.record_read.emit(doc_id, record),
            lambda message: self.problem.emit("", message, doc_id),
        )

    def _scan_task(self, paths: tuple[str, ...], expected: tuple[str, ...] = ()) -> ScanTask:
        return ScanTask(paths, self.session.target, self.session.user, self.scan, expected)

    def _message(self, message: object) -> None:
        if isinstance(message, Progress):
            self.progress.emit(message.done, message.total, message.name)
        elif isinstance(message, PageProgress):
            self.page_progress.emit(message.name, message.page, message.pages)
        elif isinstance(message, Ready):
            self.loaded[message.doc_id] = message.loaded
            self._reopening.discard(message.doc_id)
            self.scanned.emit(message.path, message.summary)
        elif isinstance(message, Failed):
            self._reopening.discard(message.doc_id)
            self.problem.emit(message.path, message.message, message.doc_id)
        elif isinstance(message, Exported):
            self.exported.emit(message)
