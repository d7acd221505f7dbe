"""Running the window's tasks (gui/tasks.py) off the UI thread, one at a time, with progress and
cancel.

Two runners with one interface: :class:`ProcessRunner` runs a task in a child process started
with "spawn" (the window's process has threads, so it must never fork), and cancels by ending
the child; :class:`ThreadRunner` runs it in a QThread and cancels between files (tests and
small work). Each message is prepared (``loaded.prepare``) on the runner's reading thread, so
the UI thread only receives what it can show at once.
"""

from __future__ import annotations

import multiprocessing
import time
from collections import deque
from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal

from review_desk.gui.loaded import prepare, quiet_heap
from review_desk.gui.tasks import Failed, Finished, Reassembly, Task, child_main, run_task

_YIELD_S = 0.003
_CRASHED = "后台进程意外退出（退出码 {code}） [worker_failed]"


class JobRunner(QObject):
    """Queues tasks and runs them in order; ``message`` carries each prepared message,
    ``idle`` says the queue ran dry."""

    message = Signal(object)
    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._waiting: deque[Task] = deque()
        self._thread: QThread | None = None

    @property
    def busy(self) -> bool:
        return self._thread is not None

    def submit(self, task: Task) -> None:
        self._waiting.append(task)
        if self._thread is None:
            self._next()

    def cancel(self) -> None:
        """Stop the running task and drop the waiting ones."""
        self._waiting.clear()
        if self._thread is not None:
            self._stop(self._thread)

    def shutdown(self) -> None:
        self.cancel()
        if self._thread is not None:
            self._thread.wait()

    def _next(self) -> None:
        if not self._waiting:
            self.idle.emit()
            return
        self._thread = self._make_thread(self._waiting.popleft())
        self._thread.finished.connect(self._thread_done)
        self._thread.start()

    def _thread_done(self) -> None:
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.deleteLater()
        self._next()

    def _make_thread(self, task: Task) -> QThread:
        raise NotImplementedError

    def _stop(self, thread: QThread) -> None:
        raise NotImplementedError


class _Relay(QThread):
    """A reading thread that prepares each message and hands it on."""

    def __init__(self, forward: Callable[[object], None]) -> None:
        super().__init__()
        self._forward = forward

    def deliver(self, message: object) -> None:
        if not isinstance(message, Finished):
            self._forward(prepare(message))

    def _deliver_quietly(self, message: object) -> None:
        """Prepared without collections, a big document frozen after (see quiet_heap)."""
        with quiet_heap():
            self.deliver(message)


class _InThread(_Relay):
    def __init__(self, task: Task, forward: Callable[[object], None]) -> None:
        super().__init__(forward)
        self._task = task
        self.cancelled = False

    def run(self) -> None:
        run_task(self._task, self._deliver_quietly, lambda: self.cancelled)


class ThreadRunner(JobRunner):
    def _make_thread(self, task: Task) -> QThread:
        return _InThread(task, self.message.emit)

    def _stop(self, thread: QThread) -> None:
        if isinstance(thread, _InThread):
            thread.cancelled = True


class _InChild(_Relay):
    def __init__(self, task: Task, forward: Callable[[object], None]) -> None:
        super().__init__(forward)
        context = multiprocessing.get_context("spawn")
        self._reader, self._writer = context.Pipe(duplex=False)
        # Not a daemon: a scan forks a limited worker per file (isolated_scan.py). The child ends
        # with the window all the same: it dies with its parent (child_main).
        self._child = context.Process(target=child_main, args=(task, self._writer))
        self.cancelled = False

    def run(self) -> None:
        if self.cancelled:
            return
        self._child.start()
        # Only the child writes now: when it ends, for whatever reason, reading ends too.
        self._writer.close()
        parts = Reassembly()
        try:
            while True:
                self._reader.poll(None)  # waits without the interpreter lock
                message = parts.take(self._reader.recv())
                if isinstance(message, Finished):
                    break
                if message is None:
                    # Between two parts of a big scan the UI thread gets the interpreter lock
                    # (and, on a busy machine, the CPU) for sure, not only when it asks.
                    time.sleep(_YIELD_S)
                else:
                    self._deliver_quietly(message)
        except (EOFError, OSError):
            pass
        self._reader.close()
        self._child.join()
        code = self._child.exitcode
        if code not in (0, None) and not self.cancelled:
            self.deliver(Failed("", _CRASHED.format(code=code)))

    def end_child(self) -> None:
        self.cancelled = True
        if self._child.is_alive():
            self._child.terminate()


class ProcessRunner(JobRunner):
    def _make_thread(self, task: Task) -> QThread:
        return _InChild(task, self.message.emit)

    def _stop(self, thread: QThread) -> None:
        if isinstance(thread, _InChild):
            thread.end_child()
