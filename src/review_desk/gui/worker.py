"""Scanning off the UI thread: the window stays responsive and shows progress on long batches."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from review_desk.core.errors import ReviewDeskError
from review_desk.scan import ScanOutcome

ScanFunction = Callable[[Path], ScanOutcome]


class ScanWorker(QObject):
    """Scans a list of files one by one; lives in a QThread and reports through signals."""

    progress = Signal(int, int, str)
    scanned = Signal(str, object)
    failed = Signal(str, str)
    finished = Signal()

    def __init__(self, paths: Sequence[Path], scan: ScanFunction) -> None:
        super().__init__()
        self._paths = list(paths)
        self._scan = scan
        self._cancelled = False

    def cancel(self) -> None:
        self._cancelled = True

    @Slot()
    def run(self) -> None:
        for index, path in enumerate(self._paths):
            if self._cancelled:
                break
            self.progress.emit(index, len(self._paths), path.name)
            self._scan_one(path)
        self.progress.emit(len(self._paths), len(self._paths), "")
        self.finished.emit()

    def _scan_one(self, path: Path) -> None:
        try:
            self.scanned.emit(str(path), self._scan(path))
        except ReviewDeskError as error:
            self.failed.emit(str(path), error.message)
        except Exception as error:  # one bad file must not end a batch
            self.failed.emit(
                str(path), f"{path.name}：处理时发生意外错误（{error}） [internal_error]"
            )
