"""One budget per file read: what its ZIP parts, PDF streams and embedded documents may inflate
to together, and how deep documents may nest inside it.

``load`` opens a budget for the file; readers of embedded documents run inside the same budget,
one level deeper, so a DOCX inside a DOCX inside a DOCX cannot multiply the caps.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from review_desk.core.errors import FileTooLargeError
from review_desk.loaders.limits import limits


@dataclass
class Budget:
    unpacked_left: int
    depth: int = 0

    def spend(self, size: int, what: str, path: Path) -> None:
        """Count ``size`` inflated bytes of ``what``; refuse the file once the budget is gone."""
        self.unpacked_left -= size
        if self.unpacked_left < 0:
            total = limits().reading.max_unpacked_bytes
            raise FileTooLargeError(f"{what} 解压后超过上限（共 {total} 字节）", path)


_current: ContextVar[Budget | None] = ContextVar("review_desk_budget", default=None)


def current() -> Budget:
    """The budget of the file being read, or a fresh one for a caller outside ``load``."""
    budget = _current.get()
    return budget if budget is not None else Budget(limits().reading.max_unpacked_bytes)


@contextmanager
def file_budget() -> Iterator[Budget]:
    """A fresh budget for one top-level file."""
    budget = Budget(limits().reading.max_unpacked_bytes)
    token = _current.set(budget)
    try:
        yield budget
    finally:
        _current.reset(token)


@contextmanager
def nested() -> Iterator[Budget]:
    """The current budget one level deeper, for an embedded document."""
    budget = current()
    token = _current.set(budget)
    budget.depth += 1
    try:
        yield budget
    finally:
        budget.depth -= 1
        _current.reset(token)
