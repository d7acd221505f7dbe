"""One big document on several cores: its chunks detected in forked processes.

The whole-document pass (``Planner.plan``) runs first, in the calling process; the children are
forked after it, so they inherit the loaded document, the plan and the detector (the NER model
included) without anything big being pickled: all a child is sent is a chunk's range. Each
child detects whole chunks and sends back compact rows, which the parent turns into findings
again, in chunk order: the result is the one the single-process path gives. The calling process
detects chunks too, between collecting the children's.

Only where ``fork`` exists (Linux, macOS) and from a process without threads of its own (the
CLI); elsewhere the caller detects in-process.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

from review_desk.core.cells import block_ids_of, texts_of
from review_desk.core.document import Block
from review_desk.core.findings import Finding
from review_desk.core.heap import release_free_memory
from review_desk.detect.findings import Row, from_row, to_row

#: The findings of blocks [start, stop), in block order.
DetectRange = Callable[[int, int], list[Finding]]
Chunk = tuple[int, int]

#: What a forked child detects with, and the blocks the ranges index: set by the parent just
#: before it forks.
_inherited: tuple[DetectRange, Sequence[Block]] | None = None


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def detect_in_processes(
    detect_range: DetectRange, blocks: Sequence[Block], chunks: list[Chunk], workers: int
) -> list[Finding]:
    """The findings of all ``chunks`` of ``blocks``, in order, detected by this process and
    ``workers`` - 1 forked children. The caller is a worker too: every child copies the pages of
    the blocks it reads (reference counts are writes), so one child fewer is a third of a big
    sheet less memory."""
    global _inherited
    _inherited = (detect_range, blocks)
    # A child's resident size counts every page it shares with this process, free ones too.
    release_free_memory()
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers - 1, mp_context=context) as pool:
            parts = _share_chunks(detect_range, blocks, chunks, pool, workers - 1)
    finally:
        _inherited = None
    return [finding for index in range(len(parts)) for finding in parts[index]]


def _share_chunks(
    detect_range: DetectRange,
    blocks: Sequence[Block],
    chunks: list[Chunk],
    pool: ProcessPoolExecutor,
    children: int,
) -> dict[int, list[Finding]]:
    """Chunks handed out in order as the children and this process become free."""
    parts: dict[int, list[Finding]] = {}
    pending: dict[Future[list[Row]], int] = {}
    following = 0
    while following < len(chunks) or pending:
        # Two chunks per child in flight, so that none waits for its next one; but never the
        # last one left, which this process takes (a document of two chunks is two processes'
        # work, not one child's).
        while following < len(chunks) - 1 and len(pending) < 2 * children:
            pending[pool.submit(_detect_chunk, chunks[following])] = following
            following += 1
        if following < len(chunks):
            parts[following] = detect_range(*chunks[following])
            following += 1
        else:
            wait(pending, return_when=FIRST_COMPLETED)
        for future in [f for f in pending if f.done()]:
            index = pending.pop(future)
            parts[index] = _findings(blocks, chunks[index], future.result())
        # As in the single-process path: findings kept out of the collector's walks.
        gc.freeze()
    return parts


def _findings(blocks: Sequence[Block], chunk: Chunk, rows: list[Row]) -> list[Finding]:
    """A child's rows of ``chunk`` as findings again (a store's blocks are not made for it)."""
    start, stop = chunk
    ids, texts = block_ids_of(blocks, start, stop), texts_of(blocks, start, stop)
    return [from_row(ids[row[0] - start], texts[row[0] - start], row) for row in rows]


def _detect_chunk(chunk: Chunk) -> list[Row]:
    assert _inherited is not None, "detect_in_processes forks its children after setting this"
    detect_range, blocks = _inherited
    start, stop = chunk
    ids = block_ids_of(blocks, start, stop)
    rows: list[Row] = []
    index = 0
    for f in detect_range(start, stop):
        # Findings come in block order: one walk finds each block's index.
        while ids[index] != f.block:
            index += 1
        rows.append(to_row(start + index, f))
    return rows
