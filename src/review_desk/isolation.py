"""Each file of a batch scan in a worker process of its own, with limits (issue 11).

A file may crash its reader (a native library aborting), hang it, or take all the memory; in a
worker that is this file's error object (``worker_crashed``, ``timeout``, ``too_large``) and the
batch goes on with a fresh worker. Workers are forked from the scanning process once its
detector is built, so they share the loaded model instead of loading it again, and each serves
file after file until it dies, is killed or has grown too much (then it is replaced).

Limits per file: wall time (``seconds`` + ``seconds_per_mb`` × size); memory of the worker and
of the helpers it forks for one big file (their proportional set size, polled, so pages they
share are counted once), with a hard address-space limit behind it for an allocation faster than
the poll. Only results cross between processes: the worker encodes its findings as JSON text,
one string, so a 160,000-row sheet is never pickled object by object.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.context import ForkContext, SpawnContext
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Generic, TypeVar

from review_desk.core.errors import ResourceLimitError, TimeLimitError, WorkerCrashedError
from review_desk.loaders.limits import WorkerLimits

_PR_SET_PDEATHSIG = 1
#: Seconds between two looks at the busy workers' clocks and memory.
_POLL_SECONDS = 0.5
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096

ResultT = TypeVar("ResultT")


@dataclass
class _Worker:
    process: BaseProcess
    connection: Connection
    index: int = -1
    path: Path | None = None
    deadline: float = 0.0
    start_memory: int = 0


class WorkerPool(Generic[ResultT]):
    """``slots`` workers running ``job`` on files (``job`` must be picklable where workers
    cannot be forked); ``failure(path, error)`` makes the result of a file whose worker died or
    was stopped; ``tick()``, if given, runs each time the pool has looked at its workers (at
    least twice a second while they work)."""

    def __init__(
        self,
        job: Callable[[Path], ResultT],
        failure: Callable[[Path, Exception], ResultT],
        slots: int,
        limits: WorkerLimits,
        tick: Callable[[], None] | None = None,
    ) -> None:
        self._job = job
        self._tick = tick
        self._failure = failure
        self._slots = max(slots, 1)
        self._limits = limits
        self._context: ForkContext | SpawnContext = (
            multiprocessing.get_context("fork")
            if "fork" in multiprocessing.get_all_start_methods()
            else multiprocessing.get_context("spawn")
        )

    def results(self, files: Sequence[Path]) -> Iterator[ResultT]:
        """One result per file, in input order, as soon as each one's turn comes."""
        waiting = deque(enumerate(files))
        finished: dict[int, ResultT] = {}
        workers: list[_Worker] = []
        turn = 0
        try:
            while turn < len(files):
                self._fill(workers, waiting)
                for index, result in self._collect(workers):
                    finished[index] = result
                if self._tick is not None:
                    self._tick()
                while turn in finished:
                    yield finished.pop(turn)
                    turn += 1
        finally:
            for worker in workers:
                _stop(worker)

    def _fill(self, workers: list[_Worker], waiting: deque[tuple[int, Path]]) -> None:
        while len(workers) < min(self._slots, len(waiting) + _busy(workers)):
            workers.append(self._start())
        for worker in workers:
            if worker.path is None and waiting:
                index, path = waiting.popleft()
                self._assign(worker, index, path)

    def _start(self) -> _Worker:
        parent, child = self._context.Pipe()
        memory = self._limits.memory_mb * 1024 * 1024
        # Not a daemon: a worker forks helpers of its own for one big file.
        process = self._context.Process(
            target=_serve, args=(child, self._job, memory), name="review-desk-scan"
        )
        process.start()
        child.close()
        return _Worker(process, parent)

    def _assign(self, worker: _Worker, index: int, path: Path) -> None:
        worker.index, worker.path = index, path
        worker.deadline = time.monotonic() + self._limits.seconds_for(_size(path))
        worker.start_memory = _tree_memory(worker.process.pid)
        worker.connection.send(path)

    def _collect(self, workers: list[_Worker]) -> Iterator[tuple[int, ResultT]]:
        busy = [w for w in workers if w.path is not None]
        ready = wait(
            [w.connection for w in busy] + [w.process.sentinel for w in busy], _POLL_SECONDS
        )
        for worker in busy:
            if worker.connection in ready or worker.process.sentinel in ready:
                yield self._finish(worker, workers)
            elif (stopped := self._over_limit(worker)) is not None:
                _kill(worker)
                workers.remove(worker)
                yield worker.index, stopped

    def _finish(self, worker: _Worker, workers: list[_Worker]) -> tuple[int, ResultT]:
        index, path = worker.index, worker.path
        assert path is not None
        try:
            result: ResultT = worker.connection.recv()
        except (EOFError, OSError):
            workers.remove(worker)
            crash = _crash(worker)
            _kill(worker)
            return index, self._failure(path, crash)
        worker.path = None
        if _tree_memory(worker.process.pid) - worker.start_memory > self._recycle_bytes:
            workers.remove(worker)
            _stop(worker)
        return index, result

    @property
    def _recycle_bytes(self) -> int:
        return self._limits.recycle_mb * 1024 * 1024

    def _over_limit(self, worker: _Worker) -> ResultT | None:
        path = worker.path
        assert path is not None
        if time.monotonic() > worker.deadline:
            seconds = self._limits.seconds_for(_size(path))
            return self._failure(path, TimeLimitError(f"超过 {seconds:.0f} 秒", path))
        used = _tree_memory_over(worker.process.pid, self._limits.memory_mb * 1024 * 1024)
        if used is not None:
            detail = f"内存占用 {used >> 20} MB，超过上限 {self._limits.memory_mb} MB"
            return self._failure(path, ResourceLimitError(detail, path))
        return None


def _busy(workers: list[_Worker]) -> int:
    return sum(1 for worker in workers if worker.path is not None)


def _serve(connection: Connection, job: Callable[[Path], object], memory: int) -> None:
    """A worker's life: files in, results out, until told to stop or its parent is gone."""
    die_with_parent()
    _limit_address_space(memory)
    while True:
        try:
            path = connection.recv()
        except (EOFError, OSError):
            return
        if path is None:
            return
        connection.send(job(path))


def die_with_parent() -> None:
    """Linux: this process is killed when the thread that started it ends, even mid-file (the
    window cancels a scan by ending its task's process; a worker left behind would go on
    reading the file). Elsewhere nothing changes."""
    try:
        libc = ctypes.CDLL(None)
    except OSError:
        return
    prctl = getattr(libc, "prctl", None)
    if prctl is not None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def _limit_address_space(memory: int) -> None:
    """A hard limit a little above the memory budget: an allocation far past it fails at once
    (a MemoryError, or an abort in native code) instead of swapping the machine to a halt."""
    try:
        import resource
    except ImportError:  # Windows: the memory poll alone
        return
    mapped = _mapped_bytes(os.getpid())
    if mapped is None:
        return
    limit = mapped + 2 * memory
    # Not supported here, or a lower hard limit is already in force: the poll alone.
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _crash(worker: _Worker) -> WorkerCrashedError:
    worker.process.join(5)
    code = worker.process.exitcode
    if code is not None and code < 0:
        detail = f"被信号 {signal.Signals(-code).name} 终止"
    else:
        detail = f"退出码 {code}"
    return WorkerCrashedError(detail, worker.path)


def _stop(worker: _Worker) -> None:
    """Ask an idle worker to leave; a busy or stuck one is killed with its helpers."""
    if worker.path is None and worker.process.is_alive():
        with contextlib.suppress(BrokenPipeError, OSError):
            worker.connection.send(None)
        worker.process.join(2)
    if worker.process.is_alive():
        _kill(worker)
    worker.connection.close()


def _kill(worker: _Worker) -> None:
    """SIGKILL the worker and every process it started (detection helpers, LibreOffice)."""
    pid = worker.process.pid
    if pid is not None:
        for descendant in [*_descendants(pid), pid]:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(descendant, signal.SIGKILL)
    worker.process.join(5)
    worker.connection.close()


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _descendants(pid: int) -> list[int]:
    found: list[int] = []
    stack = [pid]
    while stack:
        for child in _children(stack.pop()):
            found.append(child)
            stack.append(child)
    return found


def _children(pid: int) -> list[int]:
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return []
    children: list[int] = []
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children") as listing:
                children += [int(child) for child in listing.read().split()]
        except OSError:
            continue
    return children


def _tree_memory(pid: int | None) -> int:
    """Bytes of memory a worker and its descendants hold (PSS where Linux gives it, else RSS;
    0 where neither can be read, which leaves the address-space limit on its own)."""
    if pid is None:
        return 0
    return sum(_memory_of(member) for member in [pid, *_descendants(pid)])


def _tree_memory_over(pid: int | None, limit: int) -> int | None:
    """``_tree_memory`` when it is over ``limit``, else None. The poll reads the resident sizes
    first: a proportional set size is never larger, and Linux sums it by walking every page of
    the process (~12 ms for a worker holding a big sheet, twice a second and per process)."""
    if pid is None:
        return None
    members = [pid, *_descendants(pid)]
    if sum(_resident_bytes(member) for member in members) <= limit:
        return None
    used = sum(_memory_of(member) for member in members)
    return used if used > limit else None


def _resident_bytes(pid: int) -> int:
    """RSS; a process whose size cannot be read this way sends the poll to the PSS reading."""
    resident = _statm_pages(pid, 1)
    return 1 << 62 if resident is None else resident * _PAGE


def _memory_of(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as rollup:
            for line in rollup:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return (_statm_pages(pid, 1) or 0) * _PAGE


def _mapped_bytes(pid: int) -> int | None:
    mapped = _statm_pages(pid, 0)
    return None if mapped is None else mapped * _PAGE


def _statm_pages(pid: int, field: int) -> int | None:
    """A field of /proc/PID/statm (0: mapped, 1: resident), in pages."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as statm:
            return int(statm.read().split()[field])
    except (OSError, ValueError, IndexError):
        return None
