"""One big document on several cores: its chunks detected in forked processes.

The whole-document pass (``Planner.plan``) runs first, in the calling process; the children are
forked after it, so they inherit the loaded document, the plan and the detector (the NER model
included) without anything big being pickled. The work is a list of tasks: the chunks, then
the markings of the whole document. Every process, the caller included, takes the next task
nobody has taken (a counter in shared memory) until none is left, and finishes each task's
findings where it found them (the scan encodes and tallies them for its report there). A child
sends what it finished in one message when no task is left; the caller puts the parts in task
order: the result is the one the single-process path gives.

No thread runs beside the detection. A process pool's threads in the caller took the
interpreter from it between chunks to feed the child and to unpickle its results, and the child
sat idle half the time.

Only where ``fork`` exists (Linux, macOS) and from a process without threads of its own (the
CLI); elsewhere the caller detects in-process.
"""

from __future__ import annotations

import gc
import multiprocessing
import pickle
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection
from multiprocessing.context import ForkContext, ForkProcess
from multiprocessing.sharedctypes import Synchronized
from typing import TypeVar, cast

from review_desk.core.findings import Finding
from review_desk.core.heap import release_free_memory

P = TypeVar("P")
#: The findings of one part of a document: a chunk of its blocks, or its markings.
Task = Callable[[], Sequence[Finding]]

#: What a forked child detects and finishes with: set by the parent just before it forks.
_inherited: tuple[Sequence[Task], Callable[[Sequence[Finding]], object]] | None = None


class DetectionProcessDiedError(RuntimeError):
    """A forked process detecting parts of the document ended without sending them."""


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def detect_in_processes(
    tasks: Sequence[Task], finish: Callable[[Sequence[Finding]], P], workers: int
) -> list[P]:
    """``finish`` of each task's findings, in task order, detected by this process and
    ``workers`` - 1 forked children. The caller is a worker too: every child copies the pages of
    the blocks it reads (reference counts are writes), so one child fewer is a third of a big
    sheet less memory."""
    global _inherited
    _inherited = (tasks, finish)
    # A child's resident size counts every page it shares with this process, free ones too.
    release_free_memory()
    context = multiprocessing.get_context("fork")
    taken: Synchronized[int] = context.Value("i", 0)
    children: list[_Child] = []
    try:
        children = [_Child.start(context, len(tasks), taken) for _ in range(workers - 1)]
        parts: dict[int, P] = {}
        for index in _untaken(taken, len(tasks)):
            parts[index] = finish(tasks[index]())
            # As in the single-process path: what is kept joins the frozen heap.
            gc.freeze()
        for child in children:
            # A child's parts are what ``finish`` made there.
            parts.update(cast("dict[int, P]", child.results()))
    finally:
        _inherited = None
        for child in children:
            child.stop()
    return [parts[index] for index in range(len(tasks))]


def _untaken(taken: Synchronized[int], count: int) -> Iterator[int]:
    """The indexes of the tasks this process takes, one at a time, until none is left."""
    while True:
        with taken.get_lock():
            index = taken.value
            taken.value = index + 1
        if index >= count:
            return
        yield index


def _finished_task(index: int) -> object:
    assert _inherited is not None, "detect_in_processes forks its children after setting this"
    tasks, finish = _inherited
    return finish(tasks[index]())


class _Child:
    """A forked process taking tasks, and the end of the pipe its parts come back through."""

    def __init__(self, process: ForkProcess, reader: Connection) -> None:
        self.process = process
        self.reader = reader

    @classmethod
    def start(cls, context: ForkContext, count: int, taken: Synchronized[int]) -> _Child:
        reader, writer = context.Pipe(duplex=False)
        process = context.Process(target=_take_tasks, args=(count, taken, writer), daemon=True)
        process.start()
        writer.close()  # the child's copy is the only one left: its end is the pipe's end
        return cls(process, reader)

    def results(self) -> dict[int, object]:
        try:
            sent: dict[int, object] | BaseException = self.reader.recv()
        except (EOFError, OSError) as exc:
            self.process.join()
            raise DetectionProcessDiedError(
                f"检测进程异常退出（退出码 {self.process.exitcode}）"
            ) from exc
        if isinstance(sent, BaseException):
            raise sent
        return sent

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()  # the caller failed, or the child hangs after sending
        self.process.join()
        self.reader.close()


def _take_tasks(count: int, taken: Synchronized[int], writer: Connection) -> None:
    """A child's life: tasks until none is left, then all it finished in one message (or the
    error that stopped it, for the parent to raise)."""
    sent: dict[int, object] | BaseException
    try:
        sent = {index: _finished_task(index) for index in _untaken(taken, count)}
    except Exception as exc:
        sent = exc if _picklable(exc) else RuntimeError(f"{type(exc).__name__}: {exc}")
    writer.send(sent)
    writer.close()


def _picklable(exc: BaseException) -> bool:
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return False
    return True
