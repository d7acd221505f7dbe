"""Tasks shared between this process and forked children: every task finished once, where it
was done, the parts in task order; a child's failure is the parent's."""

from __future__ import annotations

import os
import time
from functools import partial

import pytest

from review_desk.core.findings import Action, Finding, FindingType
from review_desk.detect import parallel

CHUNKS = [(start, start + 10) for start in range(0, 400, 10)]
PARENT = os.getpid()


def detect_range(start: int, stop: int) -> list[Finding]:
    # Slow enough that a child is sure to take chunks before the parent has taken them all.
    time.sleep(0.01)
    return [
        Finding(FindingType.PERSON, f"p{index}", 0, 1, "王", 1.0, Action.KEEP, "names", "")
        for index in range(start, stop)
    ]


TASKS = [partial(detect_range, start, stop) for start, stop in CHUNKS]


def where_and_what(findings: list[Finding]) -> tuple[int, list[str]]:
    return os.getpid(), [f.block for f in findings]


@pytest.mark.parametrize("workers", [2, 3])
def test_every_task_is_finished_once_in_task_order_by_all_processes(workers: int) -> None:
    parts = parallel.detect_in_processes(TASKS, where_and_what, workers)
    assert [blocks for _, blocks in parts] == [
        [f"p{index}" for index in range(start, stop)] for start, stop in CHUNKS
    ]
    processes = {pid for pid, _ in parts}
    assert os.getpid() in processes
    assert len(processes) > 1, "a child took chunks too"


def fails_in_a_child(findings: list[Finding]) -> int:
    if os.getpid() != PARENT:
        raise ValueError("a child's bug")
    return len(findings)


def test_an_error_in_a_child_is_raised_in_the_parent() -> None:
    with pytest.raises(ValueError, match="a child's bug"):
        parallel.detect_in_processes(TASKS, fails_in_a_child, 2)


def dies_in_a_child(findings: list[Finding]) -> int:
    if os.getpid() != PARENT:
        os._exit(3)
    return len(findings)


def test_a_child_that_dies_is_an_error_naming_its_exit() -> None:
    with pytest.raises(parallel.DetectionProcessDiedError, match="退出码 3"):
        parallel.detect_in_processes(TASKS, dies_in_a_child, 2)
