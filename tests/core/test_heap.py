"""The collector kept out of big work: what exists is frozen inside the block and back after it,
collections paused unless asked for, and the collector's own state restored."""

from __future__ import annotations

import gc

import pytest

from review_desk.core.heap import frozen_heap


@pytest.mark.parametrize("collecting", [False, True])
def test_the_heap_is_frozen_inside_and_given_back_after(collecting: bool) -> None:
    kept = [object() for _ in range(1_000)]
    assert gc.isenabled()
    with frozen_heap(collecting=collecting):
        assert gc.get_freeze_count() >= len(kept)
        assert gc.isenabled() is collecting
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_a_disabled_collector_stays_disabled() -> None:
    gc.disable()
    try:
        with frozen_heap():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
