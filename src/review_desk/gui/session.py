"""The window's link to the audit store: every reviewer action is one of the core's commands run
inside the store's append transaction, and what the window shows is re-read from the store
afterwards (``changed``), never a copy of its own.

Undo is a command too: the chain is append-only, so undoing a decision records a new decision
that restores the one before it (for a finding nobody had decided, the proposal's).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from review_desk.audit.keys import value_hmac
from review_desk.audit.records import DocumentRecord
from review_desk.audit.store import Store
from review_desk.core.errors import ReviewDeskError
from review_desk.core.findings import Attribute, FindingType, Ground
from review_desk.core.review import Decision, Event, Review, ReviewState
from review_desk.gui.summary import DocSummary, summarise
from review_desk.gui.tasks import StoreTarget

Build = Callable[[Review], Sequence[Event]]
Keep = tuple[int, int]

UNDO_REASON = "撤销"
REDO_REASON = "重做"


@dataclass(frozen=True)
class _Change:
    index: int
    before: tuple[Decision, Keep]
    after: tuple[Decision, Keep]


class DeskSession(QObject):
    """One open store and the person at the desk."""

    changed = Signal(str)
    failed = Signal(str)

    def __init__(self, store: Store, user: str, four_eyes: bool) -> None:
        super().__init__()
        self.store = store
        self.user = user
        self.four_eyes = four_eyes
        # The store caches each review and is not written for two threads at once: a big
        # document is replayed in a background thread while the window may issue a command.
        self._lock = threading.RLock()
        self._undo: dict[str, list[list[_Change]]] = {}
        self._redo: dict[str, list[list[_Change]]] = {}

    @property
    def target(self) -> StoreTarget:
        return StoreTarget(self.store.url, self.four_eyes)

    def close(self) -> None:
        with self._lock:
            self.store.close()

    # --- reading ---------------------------------------------------------------------------

    def review(self, doc_id: str) -> Review:
        with self._lock:
            return self.store.review(doc_id)

    def record(self, doc_id: str) -> DocumentRecord:
        with self._lock:
            return self.store.record(doc_id)

    def summary(self, doc_id: str) -> DocSummary:
        return summarise(self.record(doc_id))

    def summaries(self) -> list[DocSummary]:
        with self._lock:
            return [summarise(self.store.record(d)) for d in self.store.document_ids()]

    def head(self) -> str:
        with self._lock:
            return self.store.head()

    # --- per finding ----------------------------------------------------------------------

    def decide(
        self,
        doc_id: str,
        indices: Sequence[int],
        decision: Decision,
        reason: str = "",
        keep: Keep = (0, 0),
    ) -> bool:
        review = self.review(doc_id)
        changes = [
            _Change(i, _in_force(review, i), (decision, keep))
            for i in indices
            if 0 <= i < len(review.findings) and not _already(review, i, decision, keep)
        ]
        if not changes:
            return True
        if not self._apply(doc_id, changes, reason, after=True):
            return False
        self._undo.setdefault(doc_id, []).append(changes)
        self._redo.pop(doc_id, None)
        return True

    def undo(self, doc_id: str) -> bool:
        return self._step(doc_id, self._undo, self._redo, UNDO_REASON, after=False)

    def redo(self, doc_id: str) -> bool:
        return self._step(doc_id, self._redo, self._undo, REDO_REASON, after=True)

    def can_undo(self, doc_id: str) -> bool:
        return bool(self._undo.get(doc_id))

    def can_redo(self, doc_id: str) -> bool:
        return bool(self._redo.get(doc_id))

    def add_finding(
        self, doc_id: str, kind: FindingType, block: str, span: Keep, value: str, length: int
    ) -> int | None:
        """A finding the detector missed, marked by the reviewer and decided as redacted."""
        digest = value_hmac(value)
        ok = self._run(
            doc_id, lambda r: [r.add_finding(kind, block, span, digest, self.user, length)]
        )
        if not ok:
            return None
        index = len(self.review(doc_id).findings) - 1
        self.decide(doc_id, [index], Decision.REDACT, "审查人手工添加")
        return index

    def accept_proposals(self, doc_id: str) -> bool:
        return self._run(doc_id, lambda r: [r.accept_proposals(self.user)])

    def confirm_page(self, doc_id: str, page: int, note: str = "") -> bool:
        """The reviewer has read an unread page by hand (on its image)."""
        return self._run(doc_id, lambda r: [r.confirm_page(page, self.user, note)])

    def withhold_page(self, doc_id: str, page: int, note: str = "") -> bool:
        """The reviewer has read an unread page by hand and withholds it whole."""
        return self._run(doc_id, lambda r: [r.confirm_page(page, self.user, note, withhold=True)])

    # --- per document ---------------------------------------------------------------------

    def decide_document(
        self,
        doc_id: str,
        attribute: Attribute,
        grounds: Sequence[Ground],
        basis: Sequence[str],
        reason: str,
    ) -> bool:
        return self._run(
            doc_id, lambda r: [r.decide_document(attribute, grounds, basis, reason, self.user)]
        )

    def approve(self, doc_id: str, note: str) -> bool:
        return self._run(
            doc_id, lambda r: [r.approve(self.user, note, self.four_eyes)], start=False
        )

    def return_(self, doc_id: str, note: str) -> bool:
        return self._run(
            doc_id, lambda r: [r.return_(self.user, note, self.four_eyes)], start=False
        )

    # --- running commands -----------------------------------------------------------------

    def _run(self, doc_id: str, build: Build, start: bool = True) -> bool:
        """Run a command in the store's transaction; a reviewer's first change starts the
        review (a returned document comes back to whoever changes it)."""
        try:
            with self._lock:
                if start:
                    self.store.transact(doc_id, self._start)
                self.store.transact(doc_id, build)
        except ReviewDeskError as exc:
            self.failed.emit(exc.message)
            return False
        finally:
            self.changed.emit(doc_id)
        return True

    def _start(self, review: Review) -> list[Event]:
        if review.state in (ReviewState.SCANNED, ReviewState.RETURNED):
            return [review.start(self.user)]
        return []

    def _apply(self, doc_id: str, changes: Sequence[_Change], reason: str, after: bool) -> bool:
        def build(review: Review) -> list[Event]:
            events = []
            for change in changes:
                decision, keep = change.after if after else change.before
                events.append(
                    review.decide_finding(change.index, decision, self.user, reason, keep)
                )
            return events

        return self._run(doc_id, build)

    def _step(
        self,
        doc_id: str,
        source: dict[str, list[list[_Change]]],
        target: dict[str, list[list[_Change]]],
        reason: str,
        after: bool,
    ) -> bool:
        steps = source.get(doc_id)
        if not steps:
            return False
        if not self._apply(doc_id, steps[-1], reason, after):
            return False
        target.setdefault(doc_id, []).append(steps.pop())
        return True


def _in_force(review: Review, index: int) -> tuple[Decision, Keep]:
    decided = review.decisions.get(index)
    if decided is not None:
        return decided.decision, (decided.keep_start, decided.keep_end)
    return review.effective_decision(review.findings[index]), (0, 0)


def _already(review: Review, index: int, decision: Decision, keep: Keep) -> bool:
    decided = review.decisions.get(index)
    return decided is not None and _in_force(review, index) == (decision, keep)
