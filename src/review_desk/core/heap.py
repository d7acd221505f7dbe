"""The cyclic collector kept out of work that makes objects by the million (a big sheet's blocks,
a received document): a collection walks every tracked object while holding the interpreter, and
finds nothing in them, for documents hold no cycles; reference counting frees them as usual."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_collector(freeze_after: int) -> Iterator[None]:
    """No collection inside the block; when more than ``freeze_after`` objects were made and
    kept, they are frozen before the collector resumes (its next collection would walk all of
    them, and each older generation again later). A scan unfreezes the heap when it has
    detected (``detect.engine.frozen_heap``)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # With collection off, the youngest generation's count is what was made and kept.
        if gc.get_count()[0] > freeze_after:
            gc.freeze()
        if was_enabled:
            gc.enable()
