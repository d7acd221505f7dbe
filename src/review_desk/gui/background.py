"""Short reads off the UI thread (a big document's record takes seconds to replay), with the
result handed back on the UI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from review_desk.core.errors import ReviewDeskError


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(str)


class _Call(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._work = work
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._work()
        except ReviewDeskError as exc:
            self._relay.failed.emit(exc.message)
        except Exception as exc:  # shown to the reviewer; the window goes on
            self._relay.failed.emit(f"内部错误（{type(exc).__name__}: {exc}） [internal_error]")
        else:
            self._relay.done.emit(result)


#: Relays in flight: a relay collected before its signal arrives would drop the result.
_PENDING: set[_Relay] = set()


def run_in_background(
    work: Callable[[], Any], done: Callable[[Any], None], failed: Callable[[str], None]
) -> None:
    relay = _Relay()
    _PENDING.add(relay)
    relay.done.connect(done)
    relay.failed.connect(failed)
    relay.done.connect(lambda _: _PENDING.discard(relay))
    relay.failed.connect(lambda _: _PENDING.discard(relay))
    QThreadPool.globalInstance().start(_Call(work, relay))


def wait_for_background(timeout_ms: int = 30_000) -> bool:
    """Block until the reads in flight are done (closing the window, tests)."""
    return QThreadPool.globalInstance().waitForDone(timeout_ms)
