"""One big document on several cores: its chunks detected in forked processes.

The whole-document pass (``Detector.plan``) runs first, in the calling process; the children are
forked after it, so they inherit the loaded document, the plan and the detector (the NER model
included) without anything big being pickled. Each child detects whole chunks and sends back
compact rows, which the parent turns into findings again, in chunk order: the result is the one
the single-process path gives. The calling process detects chunks too, between collecting the
children's.

Only where ``fork`` exists (Linux, macOS) and from a process without threads of its own (the
CLI); elsewhere the caller detects in-process.
"""

from __future__ import annotations

import gc
import multiprocessing
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import TYPE_CHECKING

from review_desk.core.findings import Action, Finding, FindingType

if TYPE_CHECKING:
    from review_desk.detect.engine import DetectionPlan, Detector

#: A finding as a child sends it: the block is an index into ``plan.blocks``, and the text is
#: re-cut from the block by the parent (most are the whole cell, which then is the same string).
Row = tuple[int, str, int, int, float, str, str, str]

_TYPES = {str(t): t for t in FindingType}
_ACTIONS = {str(a): a for a in Action}
#: What a forked child detects with: set by the parent just before it forks.
_inherited: tuple[Detector, DetectionPlan] | None = None


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def detect_in_processes(detector: Detector, plan: DetectionPlan, workers: int) -> list[Finding]:
    """The findings of all of ``plan.chunks()``, in order, detected by this process and
    ``workers`` - 1 forked children. The caller is a worker too: every child copies the pages of
    the blocks it reads (reference counts are writes), so one child fewer is a third of a big
    sheet less memory."""
    global _inherited
    _inherited = (detector, plan)
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers - 1, mp_context=context) as pool:
            parts = _share_chunks(detector, plan, pool, workers - 1)
    finally:
        _inherited = None
    return [finding for index in range(len(parts)) for finding in parts[index]]


def _share_chunks(
    detector: Detector, plan: DetectionPlan, pool: ProcessPoolExecutor, children: int
) -> dict[int, list[Finding]]:
    """Chunks handed out in order as the children and this process become free."""
    chunks = plan.chunks()
    parts: dict[int, list[Finding]] = {}
    pending: dict[Future[list[Row]], int] = {}
    following = 0
    while following < len(chunks) or pending:
        # Two chunks per child in flight, so that none waits for its next one.
        while following < len(chunks) and len(pending) < 2 * children:
            pending[pool.submit(_detect_chunk, chunks[following])] = following
            following += 1
        if following < len(chunks):
            parts[following] = detector.detect_range(plan, *chunks[following])
            following += 1
        else:
            wait(pending, return_when=FIRST_COMPLETED)
        for future in [f for f in pending if f.done()]:
            parts[pending.pop(future)] = [_finding(plan, row) for row in future.result()]
        # As in the single-process path: findings kept out of the collector's walks.
        gc.freeze()
    return parts


def _detect_chunk(chunk: tuple[int, int]) -> list[Row]:
    assert _inherited is not None, "detect_in_processes forks its children after setting this"
    detector, plan = _inherited
    start, stop = chunk
    rows: list[Row] = []
    index = start
    for f in detector.detect_range(plan, start, stop):
        # Findings come in block order: one walk finds each block's index.
        while plan.blocks[index].id != f.block:
            index += 1
        rows.append(
            (index, str(f.type), f.start, f.end, f.score, str(f.action), f.detector, f.explanation)
        )
    return rows


def _finding(plan: DetectionPlan, row: Row) -> Finding:
    index, kind, start, end, score, action, detector, explanation = row
    block = plan.blocks[index]
    return Finding(
        _TYPES[kind],
        block.id,
        start,
        end,
        block.text[start:end],
        score,
        _ACTIONS[action],
        detector,
        explanation,
    )
