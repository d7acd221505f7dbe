"""The memory poll of the worker pool: a tree under its limit is found so from resident sizes
alone, one over it gets its proportional size, as the full reading gives it."""

from __future__ import annotations

import os

import pytest

from review_desk import isolation


@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="Linux /proc only")
@pytest.mark.parametrize("limit", [1, 1 << 20, 1 << 50])
def test_a_tree_is_over_its_limit_as_its_full_reading_says(limit: int) -> None:
    pid = os.getpid()
    over = isolation._tree_memory_over(pid, limit)
    used = isolation._tree_memory(pid)
    if used > limit * 2:  # far from the limit: the process cannot have crossed it meanwhile
        assert over is not None and over > limit
    elif used * 2 < limit:
        assert over is None


@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="Linux /proc only")
def test_a_process_that_is_gone_reads_as_nothing_over_no_limit() -> None:
    child = os.fork()
    if child == 0:
        os._exit(0)
    os.waitpid(child, 0)
    assert isolation._tree_memory_over(child, 1) is None
    assert isolation._tree_memory(child) == 0
