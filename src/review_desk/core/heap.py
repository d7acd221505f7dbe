"""The cyclic collector kept out of work that makes objects by the million (a big sheet's blocks,
a received document): a collection walks every tracked object while holding the interpreter, and
finds nothing in them, for documents hold no cycles; reference counting frees them as usual."""

from __future__ import annotations

import ctypes
import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_collector(freeze_after: int) -> Iterator[None]:
    """No collection inside the block; when more than ``freeze_after`` objects were made and
    kept, they are frozen before the collector resumes (its next collection would walk all of
    them, and each older generation again later). A scan unfreezes the heap when it has
    detected (:func:`frozen_heap`)."""
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


@contextmanager
def frozen_heap(*, collecting: bool = False) -> Iterator[None]:
    """The objects that exist now (a loaded document above all, its findings) frozen out of the
    collector's walks inside the block, and no collection at all unless ``collecting``.
    Detection makes millions of short-lived objects, which keep triggering collections, and
    each would walk the million blocks of a big sheet again (a third of detection time on the
    160,000-row sheet), or the findings made so far (a quarter of what is left); the proposal
    and the report collect as usual, past the frozen document. Objects are still freed by
    reference counting: nothing a document or detection holds is cyclic, and what a stray
    cycle holds is collected when the block ends."""
    enabled = gc.isenabled()
    gc.freeze()
    if not collecting:
        gc.disable()
    try:
        yield
    finally:
        if enabled and not collecting:
            gc.enable()
        gc.unfreeze()


def release_free_memory() -> None:
    """Hands the heap memory that is free back to the system (glibc keeps freed pages for its
    next allocations, which Python's own arenas never are): what a native reader used and
    dropped, such as calamine's grid of a big sheet (~140 MB for a million rows)."""
    trim = getattr(ctypes.CDLL(None), "malloc_trim", None)
    if trim is not None:  # glibc only
        trim(0)
