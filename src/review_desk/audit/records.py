"""What the store gives back: recorded events with their place in the chain, and per document
the review folded from them with the times and people of each step (POLICY.md §9)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from review_desk.core.review import Event, EventKind, Review


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """An event as appended: its sequence number, UTC time and the chain hashes."""

    seq: int
    created_at: datetime
    prev_hash: str
    hash: str
    event: Event

    @property
    def head(self) -> str:
        """The chain head after this event, as exports print it: ``<seq>:<hash>``."""
        return f"{self.seq}:{self.hash}"


@dataclass(frozen=True)
class DocumentRecord:
    """One document's review and the events it was folded from, in chain order."""

    review: Review
    events: Sequence[StoredEvent]

    def last(self, kind: EventKind) -> StoredEvent | None:
        for stored in reversed(self.events):
            if stored.event.kind == kind:
                return stored
        return None

    @property
    def registered_at(self) -> datetime:
        return self.events[0].created_at

    @property
    def decided(self) -> StoredEvent | None:
        """The document decision in force (the last one)."""
        return self.last(EventKind.DOCUMENT_DECIDED)

    @property
    def verdict(self) -> StoredEvent | None:
        """The last approval or return."""
        for stored in reversed(self.events):
            if stored.event.kind in (EventKind.APPROVED, EventKind.RETURNED):
                return stored
        return None
