"""One file's scan in a worker process with the limits of rules/limits.yaml, for the window.

The window's scans run in a spawned process (gui/jobs.py); without this, a file that crashes its
reader, hangs it or takes all the memory would end that process and the rest of the batch with
it. Here each file is scanned by a worker forked from that process (``isolation.WorkerPool``,
as the command line does), so such a file becomes its own error — ``worker_crashed``,
``timeout`` or ``too_large`` — and the next file is scanned by a fresh worker.

The detector is built before the first fork, the NER model included, so a worker inherits them
instead of loading them again for every file.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from review_desk.core.errors import ReviewDeskError
from review_desk.isolation import WorkerPool
from review_desk.loaders.limits import WorkerLimits, limits
from review_desk.loaders.ocr_pages import PageReport, reporting
from review_desk.scan import ScanError, ScanOutcome


class IsolatedScanError(ReviewDeskError):
    """A file's error as its worker reported it: the key and the message are the original's."""

    def __init__(self, error: ScanError) -> None:
        self.key = error.key
        self._message = error.message
        super().__init__()

    @property
    def message(self) -> str:
        return self._message


@dataclass(frozen=True)
class _Job:
    """Runs in the worker: the outcome, or the error as plain text (errors do not pickle with
    their details)."""

    scan: Callable[[Path], ScanOutcome]
    #: Where the worker tells of each page it reads by OCR (None: nobody asked).
    pages: Connection | None = None

    def __call__(self, path: Path) -> ScanOutcome | ScanError:
        try:
            if self.pages is None:
                return self.scan(path)
            with reporting(self._tell):
                return self.scan(path)
        except Exception as error:  # one bad file must not end a batch; the message says why
            return ScanError.of(error, path)

    def _tell(self, page: int, pages: int) -> None:
        assert self.pages is not None
        self.pages.send((page, pages))


@dataclass(frozen=True)
class IsolatedScan:
    """``scan(path)`` run in a limited worker process; a file that fails raises
    :class:`IsolatedScanError` with the reader's key or ``worker_crashed``, ``timeout``,
    ``too_large``."""

    scan: Callable[[Path], ScanOutcome]
    #: The limits of rules/limits.yaml unless given.
    worker_limits: WorkerLimits | None = None

    def __call__(self, path: Path) -> ScanOutcome:
        return self._run(_Job(self.scan), path)

    def reading(self, path: Path, report: PageReport) -> ScanOutcome:
        """As a call, telling ``report`` of each page as the worker starts its OCR (passed on
        each time the pool looks at its worker, twice a second)."""
        receiving, sending = multiprocessing.Pipe(duplex=False)

        def relay() -> None:
            while receiving.poll():
                report(*receiving.recv())

        try:
            return self._run(_Job(self.scan, sending), path, relay)
        finally:
            relay()
            sending.close()
            receiving.close()

    def _run(self, job: _Job, path: Path, tick: Callable[[], None] | None = None) -> ScanOutcome:
        _warm_detector()
        pool: WorkerPool[ScanOutcome | ScanError] = WorkerPool(
            job, _failed, 1, self.worker_limits or limits().worker, tick
        )
        result = next(iter(pool.results([path])))
        if isinstance(result, ScanError):
            raise IsolatedScanError(result)
        return result


def _failed(path: Path, error: Exception) -> ScanError:
    return ScanError.of(error, path)


def _warm_detector() -> None:
    """The detector and its name source built here, once per process, before any fork."""
    # Imported late, as in scan.py: the window's own process never needs the detector.
    from review_desk.detect.engine import LazyNameSource, default_detector

    names = default_detector().names
    if isinstance(names, LazyNameSource):
        _ = names.source  # loads the NER model now, in the process the workers fork from
