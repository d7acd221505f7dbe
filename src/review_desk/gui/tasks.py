"""The window's long work: scan and record files, write the exports. Qt-free, so that a task runs
in a spawned child process (a 160,000-row sheet would hold the interpreter lock for seconds in
a thread of the window's process) as well as in a thread (tests, small files).

A task is a picklable callable ``task(emit, cancelled)``: it reports through ``emit`` (progress,
one result per file, failures) and looks at ``cancelled()`` between files. It opens the store
itself: a child process cannot share the window's connection.
"""

from __future__ import annotations

import dataclasses
import gc
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from review_desk.audit import workflow
from review_desk.audit.errors import UnknownDocumentError
from review_desk.audit.store import Store
from review_desk.core.document import Block
from review_desk.core.errors import ReviewDeskError
from review_desk.core.findings import Finding
from review_desk.core.review import ReviewState
from review_desk.gui.summary import DocSummary, summarise
from review_desk.isolated_scan import IsolatedScan
from review_desk.isolation import die_with_parent
from review_desk.office import apply_office_lists
from review_desk.policy import default_policy
from review_desk.scan import ScanError, ScanOutcome, scan_document, with_notice_conflicts

ScanFunction = Callable[[Path], ScanOutcome]
Emit = Callable[[object], None]
Cancelled = Callable[[], bool]


@dataclass(frozen=True)
class StoreTarget:
    """Where the store is (empty: the SQLite default) and the office's four-eyes rule."""

    url: str
    four_eyes: bool

    def open(self) -> Store:
        return Store.open(self.url or None, four_eyes=self.four_eyes)


@dataclass(frozen=True)
class Progress:
    done: int
    total: int
    name: str


@dataclass(frozen=True)
class PageProgress:
    """OCR has started on page ``page`` of ``pages`` of the file ``name``."""

    name: str
    page: int
    pages: int


@dataclass(frozen=True)
class Scanned:
    path: str
    doc_id: str
    outcome: ScanOutcome
    summary: DocSummary


@dataclass(frozen=True)
class Failed:
    path: str
    message: str
    doc_id: str = ""


@dataclass(frozen=True)
class Exported:
    kind: str
    outputs: tuple[str, ...]
    chain_head: str


@dataclass(frozen=True)
class OfficeScan:
    """``scan_document`` with the office's lists (re-read each time: the window edits them)
    applied, and the proposal made again when they changed a finding (with the conflicts of
    what was not read, an unread page above all, as ``scan_document`` makes it)."""

    base: ScanFunction = scan_document

    def __call__(self, path: Path) -> ScanOutcome:
        outcome = self.base(path)
        findings = apply_office_lists(outcome.document, outcome.findings)
        if findings == outcome.findings:
            return outcome
        proposal = with_notice_conflicts(default_policy().propose(findings), outcome.notices)
        return ScanOutcome(outcome.document, findings, proposal)


@dataclass(frozen=True)
class ScanTask:
    """Scan files and record each scan. With ``expected`` (one document id per path) the files
    are registered documents re-opened to show their text: nothing is recorded, and a file that
    changed since it was registered is reported instead of shown."""

    paths: tuple[str, ...]
    store: StoreTarget
    actor: str
    scan: ScanFunction
    expected: tuple[str, ...] = ()

    def __call__(self, emit: Emit, cancelled: Cancelled) -> None:
        total = len(self.paths)
        with self.store.open() as store:
            for number, name in enumerate(self.paths):
                if cancelled():
                    break
                emit(Progress(number, total, Path(name).name))
                expected = self.expected[number] if self.expected else ""
                emit(self._one(store, Path(name), expected, emit))
        emit(Progress(total, total, ""))

    def _one(self, store: Store, path: Path, expected: str, emit: Emit) -> Scanned | Failed:
        try:
            outcome = _scanned_in(self.scan, path, emit)
            doc_id = workflow.doc_id_of(outcome.document.sha256)
            if expected and doc_id != expected:
                return Failed(str(path), _changed_message(path), expected)
            if not expected and _needs_recording(store, doc_id):
                workflow.record_scan(store, outcome, self.actor)
            return Scanned(str(path), doc_id, outcome, summarise(store.record(doc_id)))
        except ReviewDeskError as exc:
            return Failed(str(path), exc.message, expected)
        except Exception as exc:  # one bad file must not end a batch; the message says why
            return Failed(str(path), ScanError.of(exc, path).message, expected)


def _scanned_in(scan: ScanFunction, path: Path, emit: Emit) -> ScanOutcome:
    """The scan, with a page's progress told as its OCR starts where the scan can tell it."""
    if isinstance(scan, IsolatedScan):
        return scan.reading(path, lambda page, pages: emit(PageProgress(path.name, page, pages)))
    return scan(path)


def _needs_recording(store: Store, doc_id: str) -> bool:
    """A new file, or one nobody has started on: a document under review keeps its findings and
    decisions (opening it again must not wipe a returned document's work)."""
    try:
        return store.review(doc_id).state == ReviewState.SCANNED
    except UnknownDocumentError:
        return True


def _changed_message(path: Path) -> str:
    return f"{path.name}：文件在登记后已被修改或替换，不能显示原审查时的内容 [file_changed]"


@dataclass(frozen=True)
class LogExportTask:
    """The review log (``log_csv``/``log_xlsx``), one document's 审查单 (``sheet``) or the
    statistics (``stats``): the CLI's functions, and the export recorded in the chain."""

    store: StoreTarget
    actor: str
    kind: str
    out: str
    doc_id: str = ""
    period: tuple[date | None, date | None] = (None, None)

    def __call__(self, emit: Emit, cancelled: Cancelled) -> None:
        from review_desk.audit.exports import write_log, write_sheet, write_stats

        out = Path(self.out)
        emit(Progress(0, 1, out.name))
        with self.store.open() as store:
            head = store.head()
            if self.kind == "sheet":
                write_sheet(store.record(self.doc_id), out, head)
            elif self.kind == "stats":
                write_stats(store.records(), out, head, self.period)
            else:
                write_log(store.records(), out, "xlsx" if self.kind == "log_xlsx" else "csv", head)
            workflow.record_log_export(store, self.kind, [out], head, self.actor, self.doc_id)
        emit(Progress(1, 1, ""))
        emit(Exported(self.kind, (str(out),), head))


@dataclass(frozen=True)
class RedactedExportTask:
    """The redacted copy of approved documents, through the adapter (review_desk.redact)."""

    store: StoreTarget
    actor: str
    doc_ids: tuple[str, ...]
    out_dir: str

    def __call__(self, emit: Emit, cancelled: Cancelled) -> None:
        from review_desk.gui.redact_adapter import export_redacted_copy

        with self.store.open() as store:
            for number, doc_id in enumerate(self.doc_ids):
                if cancelled():
                    break
                emit(Progress(number, len(self.doc_ids), doc_id))
                try:
                    output, head = export_redacted_copy(
                        store, doc_id, Path(self.out_dir), self.actor
                    )
                except ReviewDeskError as exc:
                    emit(Failed("", exc.message, doc_id))
                    continue
                emit(Exported("redacted", (str(output),), head))
        emit(Progress(len(self.doc_ids), len(self.doc_ids), ""))


Task = Callable[[Emit, Cancelled], None]


@dataclass(frozen=True)
class Finished:
    """The last message of a task."""


def run_task(task: Task, emit: Emit, cancelled: Cancelled) -> None:
    """Run a task; an error before its first file (the store cannot be opened) is a message too."""
    try:
        task(emit, cancelled)
    except ReviewDeskError as exc:
        emit(Failed("", exc.message))
    except Exception as exc:  # reported in the window's status line, not a dead worker
        emit(Failed("", f"内部错误（{type(exc).__name__}: {exc}） [internal_error]"))
    emit(Finished())


@dataclass(frozen=True)
class Part:
    """A slice of a big scan's blocks or findings, sent ahead of the scan itself."""

    blocks: list[Block]
    findings: list[Finding]


#: Blocks or findings per message from a child: each message is unpickled while the window's
#: thread waits for the interpreter lock, so a message must be small (~200 kB, a few ms).
PART_SIZE = 2_000


def child_main(task: Task, connection: Any) -> None:
    """Entry point of a spawned child: run the task, sending every message back through
    ``connection`` (the write end of a pipe; the window cancels by ending the child)."""
    die_with_parent()
    run_task(task, lambda message: send(connection, message), lambda: False)
    connection.close()


def send(connection: Any, message: object) -> None:
    """A big scan goes as parts, then the scan with its lists empty (see :func:`Reassembly`)."""
    if not isinstance(message, Scanned):
        connection.send(message)
        return
    outcome = message.outcome
    blocks, findings = outcome.document.blocks, outcome.findings
    if len(blocks) + len(findings) <= PART_SIZE:
        connection.send(message)
        return
    for start in range(0, max(len(blocks), len(findings)), PART_SIZE):
        end = start + PART_SIZE
        connection.send(Part(list(blocks[start:end]), findings[start:end]))
    document = dataclasses.replace(outcome.document, blocks=[])
    connection.send(
        dataclasses.replace(message, outcome=ScanOutcome(document, [], outcome.proposal))
    )


class Reassembly:
    """The receiving side of :func:`send`: parts are kept until their scan arrives, with the
    cyclic collector off meanwhile (a full collection would walk every part received so far,
    holding the interpreter lock for a second on the big sheet); the whole is then frozen out
    of its walks for good. A document holds no cycles: reference counting frees it."""

    def __init__(self) -> None:
        self._blocks: list[Block] = []
        self._findings: list[Finding] = []
        self._collecting = True

    def take(self, message: object) -> object | None:
        """The message to hand on, or None while parts are coming in."""
        if isinstance(message, Part):
            if not self._blocks and not self._findings:
                self._collecting = gc.isenabled()
                gc.disable()
            self._blocks.extend(message.blocks)
            self._findings.extend(message.findings)
            return None
        if isinstance(message, Scanned) and (self._blocks or self._findings):
            outcome = message.outcome
            document = dataclasses.replace(outcome.document, blocks=self._blocks)
            whole = ScanOutcome(document, self._findings, outcome.proposal)
            self._blocks, self._findings = [], []
            gc.freeze()
            if self._collecting:
                gc.enable()
            return dataclasses.replace(message, outcome=whole)
        return message
