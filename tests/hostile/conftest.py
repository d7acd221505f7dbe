"""Shared helpers of the hostile-input tests: tighter limits, a fake detector with markers
that crash, hang or eat memory in the worker, and a bounded run in a child process."""

from __future__ import annotations

import faulthandler
import multiprocessing
import os
import re
import resource
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import pytest

from review_desk import scan
from review_desk.core.document import Document
from review_desk.core.findings import Action, Finding, FindingType
from review_desk.loaders import limits as limits_module

P = TypeVar("P")


class MarkerDetector:
    """Every 18-character ID run is a resident ID; ABORT, HANG and HOG in a block make the
    worker abort, sleep or allocate without end."""

    def detect_parts(
        self, document: Document, finish: Callable[[Sequence[Finding]], P], workers: int = 1
    ) -> list[P]:
        return [finish(self.detect(document))]

    def detect(self, document: Document) -> list[Finding]:
        found = []
        for block in document.blocks:
            _misbehave(block.text)
            for match in re.finditer(r"\d{17}[\dX]", block.text):
                found.append(
                    Finding(
                        FindingType.CN_RESIDENT_ID,
                        block.id,
                        match.start(),
                        match.end(),
                        match.group(),
                        1.0,
                        Action.REDACT,
                        "fake",
                        "test",
                    )
                )
        return found


def _misbehave(text: str) -> None:
    if "ABORT" in text:
        faulthandler.disable()  # pytest's handler would print every thread's stack
        os.abort()
    if "HANG" in text:
        time.sleep(3600)
    if "HOG" in text:
        hoard = []
        while True:
            hoard.append(b"\x01" * (64 * 1024 * 1024))  # written: counted at once
            time.sleep(0.02)


@pytest.fixture
def fake_detector(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scan, "default_detector", MarkerDetector)


@pytest.fixture
def set_limits(monkeypatch: pytest.MonkeyPatch) -> Callable[..., None]:
    """``set_limits(reading={...}, worker={...})``: the limits in force, some values changed."""

    def change(**sections: dict[str, Any]) -> None:
        current = limits_module.limits()
        updated = {
            name: getattr(current, name).model_copy(update=values)
            for name, values in sections.items()
        }
        monkeypatch.setattr(limits_module, "active", current.model_copy(update=updated))

    return change


@dataclass(frozen=True)
class ChildRun:
    seconds: float
    growth_mb: float
    value: object


def in_child(function: Callable[[], object], timeout: float = 120) -> ChildRun:
    """Run ``function`` in a forked child and return how long it took, how much its peak memory
    grew past what the child started with, and its result (an exception's ``key`` or type name
    when it raised). A child past ``timeout`` fails the test."""
    context = multiprocessing.get_context("fork")
    parent, child = context.Pipe()
    process = context.Process(target=_measure, args=(child, function))
    process.start()
    child.close()
    if not parent.poll(timeout):
        process.kill()
        process.join()
        pytest.fail(f"still running after {timeout} s")
    run: ChildRun = parent.recv()
    process.join()
    return run


def _measure(connection: Any, function: Callable[[], object]) -> None:
    start_kb = _rss_kb()
    started = time.monotonic()
    try:
        value: object = function()
    except Exception as error:
        value = getattr(error, "key", type(error).__name__)
    seconds = time.monotonic() - started
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    connection.send(ChildRun(seconds, max(peak_kb - start_kb, 0) / 1024, value))


def _rss_kb() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
